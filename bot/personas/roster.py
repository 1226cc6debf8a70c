"""Personas: create, rename, describe, mark negative, archive, merge; link answers to them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.i18n import Text
from questions import FIELDS
from storage import Answer, Evidence, Persona, Prompt, queries
from storage.models import now

NAME_LIMIT = 80
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


class PersonaError(UserError):
    """A persona request that cannot be carried out; says why and what would work.

    Raise it with a ``Text`` so that the catalog sees the message:
    ``PersonaError(Text("No persona called {name}.", name=name))``."""


def clean_name(raw: str) -> str:
    name = " ".join(raw.translate(_QUOTES).strip().strip("\"'").split())
    if not name:
        raise PersonaError(Text("Give the persona a name, e.g. `Ops Olivia`."))
    if len(name) > NAME_LIMIT:
        raise PersonaError(Text("Persona names are at most {limit} characters.", limit=NAME_LIMIT))
    return name


def create(*, session: Session, team_id: str, name: str, negative: bool = False) -> Persona:
    name = clean_name(name)
    workspace = queries.workspace(session, team_id=team_id)
    existing = by_name(session, workspace.id, name)
    if existing is not None:
        raise PersonaError(_exists(existing, name))
    persona = Persona(
        workspace_id=workspace.id,
        name=name,
        name_key=name.casefold(),
        negative=negative,
        description="",
    )
    if not queries.add_unique(session, persona):
        raise PersonaError(
            Text("A persona named {name} was just created by someone else.", name=name)
        )
    return persona


def find(*, session: Session, team_id: str, name: str, include_archived: bool = False) -> Persona:
    """The persona called ``name`` (any case); a clear error with suggestions otherwise."""
    name = clean_name(name)
    workspace = queries.workspace(session, team_id=team_id)
    persona = by_name(session, workspace.id, name)
    if persona is not None and (include_archived or persona.archived_at is None):
        return persona
    if persona is not None:
        raise PersonaError(Text("{name} is archived.", name=persona.name))
    names = list(
        session.scalars(
            select(Persona.name).where(
                Persona.workspace_id == workspace.id, Persona.archived_at.is_(None)
            )
        )
    )
    close = (
        difflib.get_close_matches(name, names, n=3, cutoff=0.5)
        or [n for n in names if name.casefold() in n.casefold()][:3]
    )
    if close:
        raise PersonaError(
            Text(
                "No persona called {name}. Did you mean {names}?", name=name, names=", ".join(close)
            )
        )
    if names:
        raise PersonaError(
            Text(
                "No persona called {name}. Personas: {names}.",
                name=name,
                names=", ".join(sorted(names)),
            )
        )
    raise PersonaError(Text("No persona called {name}.", name=name))


def lookup(*, session: Session, team_id: str, query: str) -> Persona:
    """For reading only: the persona ``query`` names exactly, or the one it uniquely starts
    or appears in ("olivia" finds "Ops Olivia"); asks which one when several match."""
    try:
        return find(session=session, team_id=team_id, name=query)
    except PersonaError as missing:
        wanted = clean_name(query).casefold()
        workspace = queries.workspace(session, team_id=team_id)
        active = session.scalars(
            select(Persona).where(
                Persona.workspace_id == workspace.id, Persona.archived_at.is_(None)
            )
        )
        matches = [p for p in active if wanted in p.name_key]
        if len(matches) == 1:
            return matches[0]
        if matches:
            names = ", ".join(sorted(p.name for p in matches))
            raise PersonaError(Text("Which one: {names}?", names=names)) from None
        raise missing from None


def rename(*, session: Session, team_id: str, old: str, new: str) -> Persona:
    persona = find(session=session, team_id=team_id, name=old)
    new = clean_name(new)
    clash = by_name(session, persona.workspace_id, new)
    if clash is not None and clash.id != persona.id:
        raise PersonaError(_exists(clash, new))
    persona.name, persona.name_key = new, new.casefold()
    return persona


def describe(*, session: Session, team_id: str, name: str, text: str) -> Persona:
    persona = find(session=session, team_id=team_id, name=name)
    text = text.strip()
    if len(text) > 1000:
        raise PersonaError(Text("Keep the description under 1,000 characters."))
    persona.description = text
    return persona


def set_negative(*, session: Session, team_id: str, name: str, negative: bool = True) -> Persona:
    persona = find(session=session, team_id=team_id, name=name)
    persona.negative = negative
    return persona


def archive(*, session: Session, team_id: str, name: str) -> Persona:
    persona = find(session=session, team_id=team_id, name=name)
    persona.archived_at = now()
    return persona


def merge(*, session: Session, team_id: str, source: str, target: str) -> Persona:
    """Move ``source``'s evidence and prompts to ``target`` and archive ``source``."""
    src = find(session=session, team_id=team_id, name=source)
    dst = find(session=session, team_id=team_id, name=target)
    if src.id == dst.id:
        raise PersonaError(Text("{name} cannot be merged into itself.", name=src.name))
    taken = select(Evidence.answer_id, Evidence.field).where(Evidence.persona_id == dst.id)
    duplicates = {(a, f) for a, f in session.execute(taken)}
    for evidence in session.scalars(select(Evidence).where(Evidence.persona_id == src.id)):
        if (evidence.answer_id, evidence.field) in duplicates:
            session.delete(evidence)
        else:
            evidence.persona_id = dst.id
    session.execute(update(Prompt).where(Prompt.persona_id == src.id).values(persona_id=dst.id))
    src.archived_at, src.merged_into_id = now(), dst.id
    return dst


def link(
    *,
    session: Session,
    team_id: str,
    answer_id: int,
    persona: str,
    field: str,
    by: str | None,
    source: str = "manual",
) -> Evidence:
    """Link an answer to a persona's field; linking twice changes nothing."""
    if field not in FIELDS:
        raise PersonaError(
            Text(
                "Unknown field `{field}`. Fields: {fields}.", field=field, fields=", ".join(FIELDS)
            )
        )
    target = find(session=session, team_id=team_id, name=persona)
    answer = session.get(Answer, answer_id)
    if answer is None or answer.workspace_id != target.workspace_id:
        raise PersonaError(Text("There is no answer {answer_id}.", answer_id=answer_id))
    if answer.deleted_at is not None:
        raise PersonaError(Text("That answer was deleted by its author."))
    return link_evidence(
        session=session, answer=answer, persona=target, field=field, by=by, source=source
    )


def link_evidence(
    *,
    session: Session,
    answer: Answer,
    persona: Persona,
    field: str,
    by: str | None,
    source: str = "manual",
) -> Evidence:
    """The evidence row linking ``answer`` to ``persona``'s ``field`` (created once)."""
    found = session.scalar(
        select(Evidence).where(
            Evidence.answer_id == answer.id,
            Evidence.persona_id == persona.id,
            Evidence.field == field,
        )
    )
    if found is not None:
        return found
    evidence = Evidence(
        answer_id=answer.id, persona_id=persona.id, field=field, source=source, created_by=by
    )
    session.add(evidence)
    session.flush()
    return evidence


def unlink(*, session: Session, team_id: str, answer_id: int, persona: str) -> int:
    target = find(session=session, team_id=team_id, name=persona)
    result = session.execute(
        delete(Evidence).where(Evidence.answer_id == answer_id, Evidence.persona_id == target.id)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Listed:
    name: str
    negative: bool
    description: str
    evidence: int
    last: datetime | None


def listing(*, session: Session, team_id: str) -> list[Listed]:
    workspace = queries.workspace(session, team_id=team_id)
    rows = session.execute(
        select(Persona, func.count(Evidence.id), func.max(Evidence.created_at))
        .outerjoin(Evidence, Evidence.persona_id == Persona.id)
        .where(Persona.workspace_id == workspace.id, Persona.archived_at.is_(None))
        .group_by(Persona.id)
        .order_by(Persona.negative, Persona.name_key)
    )
    return [Listed(p.name, p.negative, p.description, n, last) for p, n, last in rows]


def by_name(session: Session, workspace_id: int, name: str) -> Persona | None:
    """The workspace's persona with this name in any case (archived ones too)."""
    return session.scalar(
        select(Persona).where(
            Persona.workspace_id == workspace_id, Persona.name_key == name.casefold()
        )
    )


def _exists(existing: Persona, asked: str) -> Text:
    if existing.name == asked:
        return Text("There is already a persona called {name}.", name=existing.name)
    return Text(
        "There is already a persona called {name} (names differ by more than case).",
        name=existing.name,
    )
