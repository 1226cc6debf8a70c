"""Erasing a person from a workspace (``/persona forget me``, ``/persona forget @someone``).

An erased answer is kept as a tombstone, like an answer whose Slack message was deleted:
its text, revisions and permalink are gone, its author is replaced by an erased marker,
its features are taken out of their themes, its job keys out of every digest snapshot,
and its persona links are removed. Slack's later edits or re-deliveries of the message
find the tombstone and change nothing. The person's name is also cleared from what they
set up (schedules, the digest schedule, questions asked, persona links they made).

Anonymous and private answers never show their author, so they must stay unlinkable.
When the person erases themselves, those answers are erased like the rest (only they can
see what went). When an admin erases someone else, the admin must not learn which
anonymous answers were that person's: those answers keep their text and only lose the
link to the person (their author becomes the same erased marker), so nothing anyone can
see changes, and the admin's counts leave them out.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.insights.digests import forget_jobs
from bot.insights.indexing import Indexer
from questions import Bank
from storage import (
    Answer,
    AnswerFeatures,
    DigestSchedule,
    Evidence,
    Persona,
    Prompt,
    Schedule,
    queries,
)
from storage.models import now

ERASED = "erased:"  # the prefix of an erased author (fits ``Answer.user_id``: 32 characters)


def erased_marker() -> str:
    """A new marker for one erasure: the person's answers are still counted once (one
    marker for all of them), and nothing ties the marker to them."""
    return ERASED + secrets.token_hex(8)


def is_erased(user_id: str) -> bool:
    return user_id.startswith(ERASED)


@dataclass(frozen=True)
class Erased:
    """What an erasure did (the counts said to whoever asked)."""

    answers: int = 0
    revisions: int = 0
    evidence: int = 0
    job_statements: int = 0
    unattributed: int = 0  # schedules, digest schedules, questions and links no longer theirs


@dataclass(frozen=True)
class Pending:
    """What an erasure would do, for the confirmation."""

    answers: int
    unattributed: int
    wrote: bool = False  # any answer at all, hidden or erased ones included (not shown)


def _answers(session: Session, *, workspace_id: int, user_id: str) -> list[Answer]:
    return list(
        session.scalars(
            select(Answer)
            .where(Answer.workspace_id == workspace_id, Answer.user_id == user_id)
            .order_by(Answer.id)
        )
    )


def authors_like(*, session: Session, team_id: str, name: str) -> list[str]:
    """Authors of the workspace whose id is ``name`` but for case and surrounding spaces
    (a CSV's "Carol" and "carol "), for a "did you mean" when no author is ``name``."""
    workspace = queries.workspace(session, team_id=team_id)
    wanted = name.strip().casefold()
    found = session.scalars(
        select(Answer.user_id)
        .where(Answer.workspace_id == workspace.id, func.lower(Answer.user_id) == wanted)
        .distinct()
    )
    return sorted(a for a in found if a != name)


def _hidden(answer: Answer) -> bool:
    return answer.anonymous or answer.source == "private"


def pending(*, session: Session, team_id: str, user_id: str, by_self: bool) -> Pending:
    """What ``erase`` would erase (hidden answers are not counted for an admin)."""
    workspace = queries.workspace(session, team_id=team_id)
    wrote = _answers(session, workspace_id=workspace.id, user_id=user_id)
    answers = [a for a in wrote if a.deleted_at is None and (by_self or not _hidden(a))]
    return Pending(
        answers=len(answers),
        unattributed=sum(_attributions(session, workspace_id=workspace.id, user_id=user_id)),
        wrote=bool(wrote),
    )


def erase(*, session: Session, team_id: str, user_id: str, by_self: bool, bank: Bank) -> Erased:
    """Erase ``user_id``'s answers and identity from the workspace; the caller commits.
    ``by_self``: the person asked (their anonymous and private answers are erased too);
    otherwise those keep their text and only lose their author."""
    if is_erased(user_id):
        return Erased()
    workspace = queries.workspace(session, team_id=team_id)
    marker = erased_marker()
    indexer = Indexer(session=session, workspace_id=workspace.id, bank=bank)
    answers = _answers(session, workspace_id=workspace.id, user_id=user_id)
    job_keys: list[str] = []
    erased = revisions = evidence = jobs = 0
    for answer in answers:
        answer.user_id, answer.user_team = marker, None
        if _hidden(answer) and not by_self:
            continue  # unlinked only: its text stays, so nobody can tell it was theirs
        features = session.get(AnswerFeatures, answer.id)
        keys = [str(job.get("key")) for job in (features.jobs if features else [])]
        job_keys += keys
        jobs += len(keys)
        indexer.unindex(answer)
        links = session.scalars(select(Evidence).where(Evidence.answer_id == answer.id)).all()
        for link in links:
            session.delete(link)
        evidence += len(links)
        revisions += len(answer.revisions)
        answer.revisions.clear()
        erased += answer.deleted_at is None
        answer.text, answer.permalink = "", None
        answer.deleted_at = answer.deleted_at or now()
    indexer.flush()
    forget_jobs(session, workspace_id=workspace.id, keys=job_keys)
    unattributed = sum(
        _attributions(session, workspace_id=workspace.id, user_id=user_id, clear=True)
    )
    session.flush()
    return Erased(
        answers=erased,
        revisions=revisions,
        evidence=evidence,
        job_statements=jobs,
        unattributed=unattributed,
    )


def _attributions(
    session: Session, *, workspace_id: int, user_id: str, clear: bool = False
) -> list[int]:
    """How many schedules, digest schedules, questions and persona links name ``user_id``
    as their maker; with ``clear``, their maker is cleared too."""
    personas = select(Persona.id).where(Persona.workspace_id == workspace_id)
    targets = [
        (Schedule, Schedule.created_by, Schedule.workspace_id == workspace_id),
        (DigestSchedule, DigestSchedule.created_by, DigestSchedule.workspace_id == workspace_id),
        (Prompt, Prompt.asked_by, Prompt.workspace_id == workspace_id),
        (Evidence, Evidence.created_by, Evidence.persona_id.in_(personas)),
    ]
    counts = []
    for model, column, scope in targets:
        if clear:
            result = session.execute(
                update(model)
                .where(scope, column == user_id)
                .values({column.key: None})
                .execution_options(synchronize_session=False)
            )
            counts.append(int(result.rowcount or 0))  # type: ignore[attr-defined]
        else:
            found = session.scalar(
                select(func.count()).select_from(model).where(scope, column == user_id)
            )
            counts.append(int(found or 0))
    return counts
