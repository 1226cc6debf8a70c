"""Deleting a whole workspace's data (``personabot workspace delete``, ``/persona workspace
delete``): every row of the workspace in every table, the Events API ids seen from its
team, and slack_sdk's installation rows for its team id.

Rows are deleted table by table, children first, rather than left to ``ON DELETE
CASCADE``, so that the counts say what went and nothing depends on how a backend enforces
foreign keys. An Enterprise Grid org-wide installation (no team id) is not the workspace's
to delete and is left alone. If the app is still installed, the workspace's next event
starts it again from nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Table, delete, func, or_, select
from sqlalchemy.orm import Session

from bot.errors import UserError
from storage import (
    Answer,
    AnswerFeatures,
    AnswerRevision,
    Channel,
    DigestRun,
    DigestSchedule,
    Evidence,
    Persona,
    ProcessedEvent,
    Prompt,
    RegroupMark,
    Round,
    Schedule,
    Sweep,
    Theme,
    Workspace,
)
from storage.installs import slack_bots, slack_installations


def _plan(workspace_id: int | None, team_id: str) -> list[tuple[Any, ColumnElement[bool]]]:
    """(table or model, which of its rows are the workspace's), children before parents."""
    ws = -1 if workspace_id is None else workspace_id
    answers = select(Answer.id).where(Answer.workspace_id == ws)
    personas = select(Persona.id).where(Persona.workspace_id == ws)
    schedules = select(Schedule.id).where(Schedule.workspace_id == ws)
    channels = select(Channel.id).where(Channel.workspace_id == ws)
    return [
        (AnswerRevision, AnswerRevision.answer_id.in_(answers)),
        (AnswerFeatures, AnswerFeatures.answer_id.in_(answers)),
        (Evidence, or_(Evidence.answer_id.in_(answers), Evidence.persona_id.in_(personas))),
        (Answer, Answer.workspace_id == ws),
        (Prompt, Prompt.workspace_id == ws),
        (Round, or_(Round.schedule_id.in_(schedules), Round.channel_id.in_(channels))),
        (Theme, Theme.workspace_id == ws),
        (RegroupMark, RegroupMark.workspace_id == ws),
        (DigestRun, DigestRun.workspace_id == ws),
        (DigestSchedule, DigestSchedule.workspace_id == ws),
        (Sweep, Sweep.workspace_id == ws),
        (Schedule, Schedule.workspace_id == ws),
        (Persona, Persona.workspace_id == ws),
        (Channel, Channel.workspace_id == ws),
        (Workspace, Workspace.id == ws),
        (ProcessedEvent, ProcessedEvent.team_id == team_id),
        (slack_installations, slack_installations.c.team_id == team_id),
        (slack_bots, slack_bots.c.team_id == team_id),
    ]


def _name(target: Any) -> str:
    return str(target.name if isinstance(target, Table) else target.__tablename__)


def _workspace_id(session: Session, team_id: str) -> int | None:
    return session.scalar(select(Workspace.id).where(Workspace.team_id == team_id))


def count(*, session: Session, team_id: str) -> dict[str, int]:
    """How many rows of each table are the workspace's (tables with none left out)."""
    counts = {}
    for target, where in _plan(_workspace_id(session, team_id), team_id):
        n = session.scalar(select(func.count()).select_from(target).where(where)) or 0
        if n:
            counts[_name(target)] = int(n)
    return counts


def delete_workspace(*, session: Session, team_id: str) -> dict[str, int]:
    """Delete every row of ``team_id``'s workspace; how many went from each table. A
    ``UserError`` when personabot keeps nothing of that team. The caller commits."""
    counts = count(session=session, team_id=team_id)
    if not counts:
        raise UserError("personabot keeps nothing for the team {team}.", team=team_id)
    for target, where in _plan(_workspace_id(session, team_id), team_id):
        session.execute(delete(target).where(where).execution_options(synchronize_session=False))
    session.expunge_all()
    return counts


def describe(counts: dict[str, int]) -> str:
    """``answers 12, personas 2, ...`` (table names: for operators and the counts' reply)."""
    return ", ".join(f"{name} {n}" for name, n in counts.items())
