"""``/persona list|create|rename|describe|negative|archive|merge``: the personas, from Slack."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.commands.caller import Caller
from bot.i18n import Text, nt, t
from bot.personas import roster as personas
from bot.slack.dates import DATE, slack_date
from bot.slack.text import escape, straight_quotes

USAGE = {
    "list": Text("`/persona list`: the personas, with how much evidence each has."),
    "create": Text("`/persona create <name>`: a new persona, e.g. `/persona create Ops Olivia`."),
    "rename": Text("`/persona rename <name> to <new name>`."),
    "describe": Text("`/persona describe <name>: <a sentence or two>`."),
    "negative": Text(
        "`/persona negative <name>`: mark a negative persona (the customer you do not want); "
        "`/persona negative <name> off` undoes it."
    ),
    "archive": Text(
        "`/persona archive <name>`: retire a persona (its evidence is kept). Admins only."
    ),
    "merge": Text(
        "`/persona merge <name> into <other>`: move all evidence to the other. Admins only."
    ),
}
ADMIN_ONLY = frozenset({"archive", "merge"})


@dataclass(frozen=True)
class PersonaCommand:
    action: str
    names: tuple[str, ...]
    text: str = ""
    flag: bool = True

    @property
    def admin_only(self) -> bool:
        return self.action in ADMIN_ONLY

    @property
    def reads_only(self) -> bool:
        return self.action == "list"


def parse_persona(action: str, rest: str) -> PersonaCommand:
    """Read a persona subcommand; ``ValueError`` with the problem (a ``Text``) when it cannot."""
    rest = straight_quotes(rest).strip()
    if action == "list":
        return PersonaCommand(action, ())
    if not rest:
        raise ValueError(Text("Name the persona."))
    if action in ("rename", "merge"):
        return PersonaCommand(action, _two_names(rest, " to " if action == "rename" else " into "))
    if action == "describe":
        name, text = _name_and_text(rest)
        return PersonaCommand(action, (name,), text=text)
    if action == "negative" and rest.lower().endswith(" off"):
        return PersonaCommand(action, (rest[:-4].strip(),), flag=False)
    return PersonaCommand(action, (rest,))


def manage_personas(command: PersonaCommand, *, session: Session, caller: Caller) -> str:
    """Carry out ``command``; the reply is in the caller's language."""
    team_id, locale = caller.team_id, caller.locale
    a = command.action
    if a == "list":
        return _listing(session, team_id, locale)
    if a == "create":
        p = personas.create(session=session, team_id=team_id, name=command.names[0])
        return t(
            locale,
            "Created *{name}*. Describe them with `/persona describe {raw}: ...`.",
            name=escape(p.name),
            raw=p.name,
        )
    if a == "rename":
        p = personas.rename(
            session=session, team_id=team_id, old=command.names[0], new=command.names[1]
        )
        return t(locale, "Renamed to *{name}*.", name=escape(p.name))
    if a == "describe":
        p = personas.describe(
            session=session, team_id=team_id, name=command.names[0], text=command.text
        )
        description = escape(p.description) or t(locale, "(no description)")
        return f"*{escape(p.name)}*: {description}"
    if a == "negative":
        p = personas.set_negative(
            session=session, team_id=team_id, name=command.names[0], negative=command.flag
        )
        if p.negative:
            return t(locale, "*{name}* is now a negative persona.", name=escape(p.name))
        return t(locale, "*{name}* is no longer a negative persona.", name=escape(p.name))
    if a == "archive":
        p = personas.archive(session=session, team_id=team_id, name=command.names[0])
        return t(locale, "*{name}* is archived; its evidence is kept.", name=escape(p.name))
    target = personas.merge(
        session=session, team_id=team_id, source=command.names[0], target=command.names[1]
    )
    return t(
        locale,
        "Merged {source} into *{target}*.",
        source=escape(command.names[0]),
        target=escape(target.name),
    )


def _listing(session: Session, team_id: str, locale: str) -> str:
    rows = personas.listing(session=session, team_id=team_id)
    if not rows:
        return t(
            locale, "No personas yet. Start with `/persona create <name>` (most teams keep 2 to 5)."
        )
    lines = [t(locale, "*Personas*")]
    for r in rows:
        tag = t(locale, " (negative persona)") if r.negative else ""
        when = t(locale, ", last on {date}", date=slack_date(r.last, form=DATE)) if r.last else ""
        evidence = nt(locale, "{n} piece of evidence", "{n} pieces of evidence", r.evidence)
        lines.append(f"• *{escape(r.name)}*{tag}: {evidence}{when}")
    return "\n".join(lines)


def _two_names(rest: str, separator: str) -> tuple[str, str]:
    if '"' in rest:
        words = [w for w in shlex.split(rest) if w.lower() != separator.strip()]
        if len(words) == 2:
            return words[0], words[1]
    left, found, right = rest.partition(separator)
    if not found or not left.strip() or not right.strip():
        raise ValueError(
            Text("Separate the two names with `{separator}`.", separator=separator.strip())
        )
    return left.strip(), right.strip()


def _name_and_text(rest: str) -> tuple[str, str]:
    if rest.startswith('"'):
        end = rest.find('"', 1)
        if end > 0:
            return rest[1:end], rest[end + 1 :].lstrip(" :")
    name, found, text = rest.partition(":")
    if not found:
        raise ValueError(Text("Put a colon after the name: `/persona describe Ops Olivia: ...`."))
    return name, text
