"""Linking a captured answer to a persona (or a field) by hand, from the controls offered
once it is captured; the personas those controls offer."""

from __future__ import annotations

from slack_sdk import WebClient
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.i18n import nt, t
from bot.insights.indexing import Indexer
from bot.insights.render.words import field_name
from bot.insights.synthesis.model import UNSORTED
from bot.personas import roster as personas
from bot.settings import Settings
from bot.slack.blocks import LINK_ANSWER, UNLINK_ANSWER
from bot.slack.people import locale_for
from bot.slack.permissions import is_admin
from questions import FIELDS, Bank
from storage import Answer, AnswerFeatures, Database, Evidence, Persona, queries


def choose(
    *,
    db: Database,
    client: WebClient,
    settings: Settings,
    team_id: str,
    user_id: str,
    action_id: str,
    value: str,
    bank: Bank,
) -> str:
    """A link control was used (``action_id``, with its ``value``: ``"{answer}|{persona}"``,
    ``"{answer}|{field}"`` or ``"{answer}"``): link, re-field or unlink the answer. Returns
    what to tell ``user_id``, in their language."""
    answer_id, _, choice = value.partition("|")
    admin = is_admin(client=client, settings=settings, user_id=user_id)
    locale = locale_for(  # the same users.info answer, cached
        client=client, db=db, settings=settings, team_id=team_id, user_id=user_id
    )
    try:
        with db.session() as session:
            if action_id == UNLINK_ANSWER:
                return unlink(
                    session=session,
                    team_id=team_id,
                    answer_id=int(answer_id),
                    actor=user_id,
                    actor_is_admin=admin,
                    locale=locale,
                )
            linking = action_id == LINK_ANSWER
            return link(
                session=session,
                team_id=team_id,
                answer_id=int(answer_id),
                bank=bank,
                persona_id=int(choice) if linking else None,
                field=None if linking else choice,
                actor=user_id,
                actor_is_admin=admin,
                locale=locale,
            )
    except UserError as error:
        return error.render(locale)
    except ValueError:
        return t(locale, "That choice is not valid.")


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
        link_to_persona(
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
        if features is not None and answer.expired_at is not None:
            features.field = field  # its text is gone (retention): keep the claims it had
        elif features is not None and features.field != field:
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
    """The team's active personas as ``(id, name)``, negative ones last, for a select."""
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


def link_to_persona(
    session: Session, *, workspace_id: int, answer: Answer, persona_id: int, field: str, by: str
) -> None:
    """Link ``answer`` to the persona, unless it is gone or archived (``UserError``)."""
    persona = session.get(Persona, persona_id)
    if persona is None or persona.workspace_id != workspace_id:
        raise UserError("That persona is gone.")
    if persona.archived_at is not None:
        raise UserError("{name} was archived meanwhile; pick another persona.", name=persona.name)
    personas.link_evidence(session=session, answer=answer, persona=persona, field=field, by=by)
