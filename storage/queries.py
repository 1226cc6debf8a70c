"""Look-ups and get-or-create helpers shared by the use cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import Answer, Channel, Prompt, Round, Schedule, Workspace


def add_unique(session: Session, row: object) -> bool:
    """Add ``row`` in a savepoint; ``False`` (and nothing added) when a unique constraint
    says another transaction stored it first. How every claim and get-or-create here is
    made race-safe across processes."""
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True


def workspace(session: Session, *, team_id: str) -> Workspace:
    """The workspace row for ``team_id``, created on first sight (race-safe)."""
    query = select(Workspace).where(Workspace.team_id == team_id)
    found = session.scalar(query)
    if found is None:
        found = Workspace(team_id=team_id)
        if not add_unique(session, found):
            found = session.scalars(query).one()
    return found


def channel(
    session: Session, *, workspace: Workspace, slack_id: str, name: str | None = None
) -> Channel:
    """The channel row, created on first sight; its name is refreshed when given."""
    query = select(Channel).where(
        Channel.workspace_id == workspace.id, Channel.slack_id == slack_id
    )
    found = session.scalar(query)
    if found is None:
        found = Channel(workspace_id=workspace.id, slack_id=slack_id, name=name)
        if not add_unique(session, found):
            found = session.scalars(query).one()
    if name and found.name != name:
        found.name = name
    return found


def prompt_by_ts(session: Session, *, team_id: str, channel_id: str, ts: str) -> Prompt | None:
    return session.scalar(
        select(Prompt)
        .join(Prompt.channel)
        .join(Workspace, Workspace.id == Channel.workspace_id)
        .where(Workspace.team_id == team_id, Channel.slack_id == channel_id, Prompt.ts == ts)
    )


def answer_by_ts(session: Session, *, team_id: str, channel_id: str, ts: str) -> Answer | None:
    return session.scalar(
        select(Answer)
        .join(Channel, Channel.id == Answer.channel_id)
        .join(Workspace, Workspace.id == Channel.workspace_id)
        .where(Workspace.team_id == team_id, Channel.slack_id == channel_id, Answer.ts == ts)
    )


@dataclass(frozen=True)
class OpenPrompt:
    channel_slack_id: str
    channel_name: str | None
    text: str
    permalink: str | None
    posted_at: datetime
    answers: int


def open_prompts(
    session: Session, *, team_id: str, limit: int = 20
) -> tuple[list[OpenPrompt], int]:
    """Open prompts, newest first, with their live answer counts; and how many there are."""
    answers = (
        select(func.count(Answer.id))
        .where(Answer.prompt_id == Prompt.id, Answer.deleted_at.is_(None))
        .correlate(Prompt)
        .scalar_subquery()
    )
    base = (
        select(Prompt, answers)
        .join(Prompt.channel)
        .join(Workspace, Workspace.id == Prompt.workspace_id)
        .where(Workspace.team_id == team_id, Prompt.closed_at.is_(None))
    )
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = session.execute(base.order_by(Prompt.posted_at.desc(), Prompt.id.desc()).limit(limit))
    return [
        OpenPrompt(
            channel_slack_id=p.channel.slack_id,
            channel_name=p.channel.name,
            text=p.text,
            permalink=p.permalink,
            posted_at=p.posted_at,
            answers=count,
        )
        for p, count in rows
    ], total


def troubled_rounds(session: Session, *, team_id: str, limit: int = 10) -> list[Round]:
    """Rounds waiting for a retry or failed for good, newest first."""
    return list(
        session.scalars(
            select(Round)
            .join(Schedule, Schedule.id == Round.schedule_id)
            .join(Workspace, Workspace.id == Schedule.workspace_id)
            .where(Workspace.team_id == team_id, Round.status.in_(("retry", "failed")))
            .order_by(Round.due_at.desc(), Round.id.desc())
            .limit(limit)
        )
    )


def is_anonymous(session: Session, prompt: Prompt | None) -> bool:
    """Whether answers to ``prompt`` are anonymous: the prompt's own setting, stored when it
    was posted (never looked up through a schedule that may be gone)."""
    return prompt is not None and prompt.anonymous


def holidays_of(session: Session, *, team_id: str, default: str | None) -> str | None:
    """The workspace's holiday country (set in Setup), else ``default``."""
    query = select(Workspace.holiday_country).where(Workspace.team_id == team_id)
    return session.scalar(query) or default


def workspace_locale(session: Session, *, team_id: str, default: str) -> str:
    """The workspace's language (set in Setup), else ``default``."""
    found = session.scalar(select(Workspace.locale).where(Workspace.team_id == team_id))
    return found or default
