"""Which questions a claimed round posts in its channel.

What is left of the round (questions per round, minus those already posted by an earlier
attempt) within the channel's weekly cap, picked by ``questions.pick_questions`` from the
channel's history and the evidence each persona field has so far.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.settings import Settings
from questions import Asked, Bank, Question, pick_questions
from storage import Answer, Prompt, Round, Workspace

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Draft:
    """One question to post for one round, with what its prompt needs."""

    round_id: int
    channel: str
    question: Question
    locale: str
    wanted: int
    remind_after: timedelta
    close_after: timedelta


def prepare(
    *, session: Session, bank: Bank, settings: Settings, round_id: int, now: datetime
) -> list[Draft]:
    """The questions a claimed round still has to post; marks it skipped when the weekly
    cap leaves none. The caller commits."""
    round_ = session.get(Round, round_id)
    assert round_ is not None
    schedule, channel = round_.schedule, round_.channel
    posted = _count(session, Prompt.round_id == round_id)
    this_week = _count(session, Prompt.channel_id == channel.id, Prompt.posted_at > now - WEEK)
    count = min(schedule.questions_per_round - posted, schedule.weekly_cap - this_week)
    questions = (
        _pick(
            session,
            bank=bank,
            group=schedule.group,
            channel_id=channel.id,
            workspace_id=channel.workspace_id,
            count=count,
        )
        if count > 0
        else []
    )
    if not questions:
        round_.status = "skipped"
        round_.reason = "weekly cap reached" if count <= 0 else "no enabled questions"
        return []
    workspace = session.get(Workspace, channel.workspace_id)
    locale = channel.locale or (workspace.locale if workspace else None) or settings.locale
    return [
        Draft(
            round_id=round_id,
            channel=channel.slack_id,
            question=q,
            locale=locale,
            wanted=schedule.wanted_answers,
            remind_after=timedelta(minutes=schedule.reminder_minutes),
            close_after=timedelta(minutes=schedule.close_minutes),
        )
        for q in questions
    ]


def _count(session: Session, *conditions: object) -> int:
    return session.scalar(select(func.count(Prompt.id)).where(*conditions)) or 0  # type: ignore[arg-type]


def _pick(
    session: Session, *, bank: Bank, group: str, channel_id: int, workspace_id: int, count: int
) -> list[Question]:
    history = [
        Asked(key=k or "", asked_at=at)
        for k, at in session.execute(
            select(Prompt.question_key, Prompt.posted_at).where(
                Prompt.channel_id == channel_id, Prompt.question_key.is_not(None)
            )
        )
    ]
    evidence: dict[str, int] = {}
    rows = session.execute(
        select(Prompt.question_key, func.count(Answer.id))
        .join(Answer, Answer.prompt_id == Prompt.id)
        .where(
            Prompt.workspace_id == workspace_id,
            Prompt.question_key.is_not(None),
            Answer.deleted_at.is_(None),
        )
        .group_by(Prompt.question_key)
    )
    for key, n in rows:
        question = bank.get(key or "")
        if question is not None:
            evidence[question.field] = evidence.get(question.field, 0) + n
    return pick_questions(bank=bank, group=group, count=count, history=history, evidence=evidence)
