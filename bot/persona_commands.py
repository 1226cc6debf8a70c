"""``/persona create|rename|describe|negative|archive|merge|list``."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot import personas
from bot.slack import escape

USAGE = {
    "list": "`/persona list`: the personas, with how much evidence each has.",
    "create": "`/persona create <name>`: a new persona, e.g. `/persona create Ops Olivia`.",
    "rename": "`/persona rename <name> to <new name>`.",
    "describe": "`/persona describe <name>: <a sentence or two>`.",
    "negative": (
        "`/persona negative <name>`: mark a negative persona (the customer you do not want); "
        "`/persona negative <name> off` undoes it."
    ),
    "archive": "`/persona archive <name>`: retire a persona (its evidence is kept). Admins only.",
    "merge": "`/persona merge <name> into <other>`: move all evidence to the other. Admins only.",
}
ADMIN_ONLY = frozenset({"archive", "merge"})
_QUOTES = str.maketrans({"“": '"', "”": '"'})


@dataclass(frozen=True)
class PersonaCommand:
    action: str
    names: tuple[str, ...]
    text: str = ""
    flag: bool = True


def parse(action: str, rest: str) -> PersonaCommand:
    """Read a persona subcommand; ``ValueError`` with the problem when it cannot."""
    rest = rest.translate(_QUOTES).strip()
    if action == "list":
        return PersonaCommand(action, ())
    if not rest:
        raise ValueError("Name the persona.")
    if action in ("rename", "merge"):
        return PersonaCommand(action, _two_names(rest, " to " if action == "rename" else " into "))
    if action == "describe":
        name, text = _name_and_text(rest)
        return PersonaCommand(action, (name,), text=text)
    if action == "negative" and rest.lower().endswith(" off"):
        return PersonaCommand(action, (rest[:-4].strip(),), flag=False)
    return PersonaCommand(action, (rest,))


def run(command: PersonaCommand, *, session: Session, team_id: str) -> str:
    a = command.action
    if a == "list":
        return _listing(session, team_id)
    if a == "create":
        p = personas.create(session=session, team_id=team_id, name=command.names[0])
        return f"Created *{escape(p.name)}*. Describe them with `/persona describe {p.name}: ...`."
    if a == "rename":
        p = personas.rename(
            session=session, team_id=team_id, old=command.names[0], new=command.names[1]
        )
        return f"Renamed to *{escape(p.name)}*."
    if a == "describe":
        p = personas.describe(
            session=session, team_id=team_id, name=command.names[0], text=command.text
        )
        return f"*{escape(p.name)}*: {escape(p.description) or '(no description)'}"
    if a == "negative":
        p = personas.set_negative(
            session=session, team_id=team_id, name=command.names[0], negative=command.flag
        )
        state = "now a negative persona" if p.negative else "no longer a negative persona"
        return f"*{escape(p.name)}* is {state}."
    if a == "archive":
        p = personas.archive(session=session, team_id=team_id, name=command.names[0])
        return f"*{escape(p.name)}* is archived; its evidence is kept."
    target = personas.merge(
        session=session, team_id=team_id, source=command.names[0], target=command.names[1]
    )
    return f"Merged {escape(command.names[0])} into *{escape(target.name)}*."


def _listing(session: Session, team_id: str) -> str:
    rows = personas.listing(session=session, team_id=team_id)
    if not rows:
        return "No personas yet. Start with `/persona create <name>` (most teams keep 2 to 5)."
    lines = ["*Personas*"]
    for r in rows:
        tag = " (negative persona)" if r.negative else ""
        when = f", last on {r.last:%Y-%m-%d}" if r.last else ""
        lines.append(f"• *{escape(r.name)}*{tag}: {r.evidence} piece(s) of evidence{when}")
    return "\n".join(lines)


def _two_names(rest: str, separator: str) -> tuple[str, str]:
    if '"' in rest:
        words = [w for w in shlex.split(rest) if w.lower() != separator.strip()]
        if len(words) == 2:
            return words[0], words[1]
    left, found, right = rest.partition(separator)
    if not found or not left.strip() or not right.strip():
        raise ValueError(f"Separate the two names with `{separator.strip()}`.")
    return left.strip(), right.strip()


def _name_and_text(rest: str) -> tuple[str, str]:
    if rest.startswith('"'):
        end = rest.find('"', 1)
        if end > 0:
            return rest[1:end], rest[end + 1 :].lstrip(" :")
    name, found, text = rest.partition(":")
    if not found:
        raise ValueError("Put a colon after the name: `/persona describe Ops Olivia: ...`.")
    return name, text
