"""Answers that arrive through buttons, modals and the message shortcut, and linking an
answer to a persona by hand. Each function takes a session; the caller commits."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.i18n import nt, t
from bot.insights.indexing import Indexer
from bot.insights.render.words import field_name
from bot.insights.synthesis import jobs, jobs_check, themes
from bot.insights.synthesis.model import UNSORTED
from bot.personas import roster as personas
from questions import FIELDS, Bank
from storage import Answer, AnswerFeatures, Evidence, Persona, Prompt, queries

MISSING = {
    "situation": "missing_situation",
    "motivation": "missing_motivation",
    "outcome": "missing_outcome",
}


@dataclass(frozen=True)
class Stored:
    answer_id: int
    channel: str
    late: bool
    created: bool


def prompt_at(*, session: Session, team_id: str, channel: str, ts: str) -> Prompt:
    prompt = queries.prompt_by_ts(session, team_id=team_id, channel_id=channel, ts=ts)
    if prompt is None:
        raise UserError("That message is not a personabot question any more.")
    return prompt


def answer_privately(
    *,
    session: Session,
    team_id: str,
    prompt_id: int,
    user_id: str,
    text: str,
    key: str,
    bank: Bank,
    now: datetime,
) -> Stored:
    """A modal answer to a prompt: stored like a thread reply, tagged private, never
    posted. ``key`` (the modal's view id) makes a repeated submission store nothing new."""
    text = text.strip()
    if not text:
        raise UserError("The answer is empty.")
    return _store(
        session,
        team_id=team_id,
        prompt_id=prompt_id,
        channel=None,
        user_id=user_id,
        text=text,
        key=f"private:{key}",
        source="private",
        bank=bank,
        now=now,
    )


def answer_job_story(
    *,
    session: Session,
    team_id: str,
    prompt_id: int | None,
    channel: str | None,
    user_id: str,
    parts: dict[str, str],
    key: str,
    bank: Bank,
    now: datetime,
) -> Stored:
    """A job story from the modal (under a prompt, or from a message saved with the
    shortcut, in its channel): kept as an answer whose text is the statement, with the
    statement itself as its job."""
    statement = _statement(parts)
    stored = _store(
        session,
        team_id=team_id,
        prompt_id=prompt_id,
        channel=channel,
        user_id=user_id,
        text=statement.render(),
        key=f"job:{key}",
        source="job_story",
        bank=bank,
        now=now,
    )
    features = session.get(AnswerFeatures, stored.answer_id)
    if features is not None:  # the three parts are the job, whatever extraction would find
        found = themes.job_facts(statement.render())
        problems = tuple(p.code for p in jobs.check(statement))
        if found:
            features.jobs = [dataclasses.asdict(dataclasses.replace(found[0], problems=problems))]
    return stored


def _statement(parts: dict[str, str]) -> jobs.JobStatement:
    return jobs.from_parts(
        situation=parts.get("situation", ""),
        motivation=parts.get("motivation", ""),
        outcome=parts.get("outcome", ""),
    )


def job_story_problems(parts: dict[str, str], *, locale: str) -> list[tuple[str, str]]:
    """The quality check's findings as (part, message in ``locale``); missing parts are the
    modal's job."""
    found = jobs_check.problems_for(_statement(parts), locale=locale)
    return [(part, message) for part, code, message in found if code not in MISSING.values()]


def save_message(
    *,
    session: Session,
    team_id: str,
    channel: str,
    ts: str,
    user_id: str,
    text: str,
    permalink: str | None,
    persona_id: str | None,
    field: str,
    by: str,
    bank: Bank,
) -> Stored:
    """A message saved with the "Add to personas" shortcut: stored as an answer with its
    author, channel group and permalink (the thread reply's answer if it is one already),
    and linked to the persona and field chosen."""
    if field not in FIELDS:
        raise UserError("Pick a persona field.")
    workspace = queries.workspace(session, team_id=team_id)
    answer = queries.answer_by_ts(session, team_id=team_id, channel_id=channel, ts=ts)
    created = answer is None
    if answer is None:
        row = queries.channel(session, workspace=workspace, slack_id=channel)
        answer = Answer(
            workspace_id=workspace.id,
            channel_id=row.id,
            ts=ts,
            user_id=user_id,
            group=row.group,
            source="shortcut",
            text=text,
            permalink=permalink,
            answered_at=datetime.fromtimestamp(float(ts), UTC),
        )
        if not queries.add_unique(session, answer):
            raise UserError("That message was saved a moment ago.")
        indexer = Indexer(session=session, workspace_id=workspace.id, bank=bank)
        indexer.index(answer, field=field)
        indexer.flush()
    if persona_id:
        _link(
            session,
            workspace_id=workspace.id,
            answer=answer,
            persona_id=int(persona_id),
            field=field,
            by=by,
        )
    return Stored(answer.id, channel, late=False, created=created)


def link(
    *,
    session: Session,
    team_id: str,
    answer_id: int,
    bank: Bank,
    persona_id: int | None = None,
    field: str | None = None,
    actor: str,
    actor_is_admin: bool,
    locale: str,
) -> str:
    """Link (or re-field) an answer by hand: its author or an admin only. Returns what to
    tell the actor, in ``locale``."""
    answer = _own_answer(
        session, team_id=team_id, answer_id=answer_id, actor=actor, actor_is_admin=actor_is_admin
    )
    if persona_id is not None:
        current = session.get(AnswerFeatures, answer.id)
        chosen = field or (current.field if current else UNSORTED)
        _link(
            session,
            workspace_id=answer.workspace_id,
            answer=answer,
            persona_id=persona_id,
            field=chosen,
            by=actor,
        )
        linked = session.get(Persona, persona_id)
        name = linked.name if linked else t(locale, "the persona")
        return t(locale, "Linked to {name} ({field}).", name=name, field=field_name(locale, chosen))
    if field is not None and field in FIELDS:
        session.execute(update(Evidence).where(Evidence.answer_id == answer.id).values(field=field))
        features = session.get(AnswerFeatures, answer.id)
        if features is not None and features.field != field:
            indexer = Indexer(session=session, workspace_id=answer.workspace_id, bank=bank)
            indexer.index(answer, field=field)
            indexer.flush()
        return t(locale, "Field set to {field}.", field=field_name(locale, field))
    raise UserError("Pick a persona or a field.")


def unlink(
    *,
    session: Session,
    team_id: str,
    answer_id: int,
    actor: str,
    actor_is_admin: bool,
    locale: str,
) -> str:
    answer = _own_answer(
        session, team_id=team_id, answer_id=answer_id, actor=actor, actor_is_admin=actor_is_admin
    )
    removed = session.execute(delete(Evidence).where(Evidence.answer_id == answer.id))
    count = int(removed.rowcount)  # type: ignore[attr-defined]
    if not count:
        return t(locale, "It was not linked to a persona.")
    return nt(locale, "Unlinked from {n} persona.", "Unlinked from {n} personas.", count)


def persona_choices(*, session: Session, team_id: str) -> list[tuple[str, str]]:
    return [(str(p.id), p.name) for p in _active(session, team_id)]


def _active(session: Session, team_id: str) -> list[Persona]:
    workspace = queries.workspace(session, team_id=team_id)
    return list(
        session.scalars(
            select(Persona)
            .where(Persona.workspace_id == workspace.id, Persona.archived_at.is_(None))
            .order_by(Persona.negative, Persona.name_key)
        )
    )


def _store(
    session: Session,
    *,
    team_id: str,
    prompt_id: int | None,
    channel: str | None,
    user_id: str,
    text: str,
    key: str,
    source: str,
    bank: Bank,
    now: datetime,
) -> Stored:
    """An answer that has no Slack message of its own, keyed by ``key`` (stored once)."""
    prompt = session.get(Prompt, prompt_id) if prompt_id is not None else None
    if prompt_id is not None and prompt is None:
        raise UserError("That question is gone.")
    workspace = queries.workspace(session, team_id=team_id)
    row = (
        prompt.channel
        if prompt
        else queries.channel(session, workspace=workspace, slack_id=channel or "")
    )
    query = select(Answer).where(Answer.channel_id == row.id, Answer.ts == key)
    found = session.scalar(query)
    if found is None:
        late = prompt is not None and prompt.closed_at is not None
        found = Answer(
            workspace_id=workspace.id,
            channel_id=row.id,
            prompt_id=prompt.id if prompt else None,
            ts=key,
            user_id=user_id,
            group=row.group,
            source=source,
            text=text,
            answered_at=now,
            late=late,
            anonymous=queries.is_anonymous(session, prompt),
        )
        if queries.add_unique(session, found):
            indexer = Indexer(session=session, workspace_id=workspace.id, bank=bank)
            indexer.index(found)
            indexer.flush()
            return Stored(found.id, row.slack_id, late, created=True)
        found = session.scalars(query).one()
    return Stored(found.id, row.slack_id, found.late, created=False)


def _own_answer(
    session: Session, *, team_id: str, answer_id: int, actor: str, actor_is_admin: bool
) -> Answer:
    workspace = queries.workspace(session, team_id=team_id)
    answer = session.get(Answer, answer_id)
    if answer is None or answer.workspace_id != workspace.id or answer.deleted_at is not None:
        raise UserError("That answer is gone.")
    if answer.user_id != actor and not actor_is_admin:
        raise UserError("Only the answer's author or an admin can link it.")
    return answer


def _link(
    session: Session, *, workspace_id: int, answer: Answer, persona_id: int, field: str, by: str
) -> None:
    persona = session.get(Persona, persona_id)
    if persona is None or persona.workspace_id != workspace_id:
        raise UserError("That persona is gone.")
    if persona.archived_at is not None:
        raise UserError("{name} was archived meanwhile; pick another persona.", name=persona.name)
    personas.link_evidence(session=session, answer=answer, persona=persona, field=field, by=by)
