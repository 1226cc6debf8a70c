"""Each person's data: ``/persona my data``, ``/persona forget me``, ``/persona forget
@someone`` (admins) and ``/persona workspace delete`` (admins).

``my data`` sends the record to the caller's DM at once. The other three change what
cannot be restored, so they only answer with a confirmation (what would go, and two
buttons); ``bot.personal.confirm.press`` does the work when the button is pressed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

from sqlalchemy.orm import Session

from bot.commands.caller import Caller, Reply
from bot.errors import UserError
from bot.i18n import Text, t
from bot.personal import confirm, forget, record, workspaces

USAGE: dict[str, Text] = {
    "my": Text(
        "`/persona my data`: everything personabot keeps about you here, sent to your DMs "
        "(a summary and a JSON file)."
    ),
    "forget": Text(
        "`/persona forget me`: erase your answers and your name from personabot, after you "
        "confirm. `/persona forget @someone`: the same for another person (admins only)."
    ),
    "workspace": Text(
        "`/persona workspace delete`: delete everything personabot keeps for this workspace, "
        "after you confirm. Admins only."
    ),
}
_MENTION = re.compile(r"^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$")


class PersonalError(UserError, ValueError):
    """A personal-data command that cannot be read (a ``ValueError`` for ``parse``)."""

    def __init__(self, message: str | Text, /, **values: object) -> None:
        super().__init__(message, **values)
        self.args = (self.text,)


@dataclass(frozen=True)
class MyData:
    admin_only: ClassVar[bool] = False
    reads_only: ClassVar[bool] = True


@dataclass(frozen=True)
class ForgetMe:
    admin_only: ClassVar[bool] = False
    reads_only: ClassVar[bool] = True


@dataclass(frozen=True)
class ForgetUser:
    admin_only: ClassVar[bool] = True
    reads_only: ClassVar[bool] = True
    user_id: str


@dataclass(frozen=True)
class DeleteWorkspace:
    admin_only: ClassVar[bool] = True
    reads_only: ClassVar[bool] = True


PersonalCommand = MyData | ForgetMe | ForgetUser | DeleteWorkspace


def parse_personal(name: str, rest: str) -> PersonalCommand:
    """``my data``, ``forget me``, ``forget <@U123>``, ``workspace delete``; a
    ``PersonalError`` (a ``ValueError``) otherwise."""
    words = rest.split()
    if name == "my":
        if [w.lower() for w in words] != ["data"]:
            raise PersonalError(Text("Did you mean `/persona my data`?"))
        return MyData()
    if name == "forget":
        if len(words) == 1 and words[0].lower() == "me":
            return ForgetMe()
        found = _MENTION.match(words[0]) if len(words) == 1 else None
        if found is None:
            raise PersonalError(
                Text("Say `/persona forget me`, or name one person: `/persona forget @someone`.")
            )
        return ForgetUser(user_id=found.group(1))
    if [w.lower() for w in words] != ["delete"]:
        raise PersonalError(Text("Did you mean `/persona workspace delete`?"))
    return DeleteWorkspace()


def run_personal(command: PersonalCommand, *, session: Session, caller: Caller) -> str | Reply:
    """``my data`` is sent now; the others ask for confirmation."""
    locale = caller.locale
    if isinstance(command, MyData):
        found = record.collect(
            session=session, team_id=caller.team_id, user_id=caller.user_id, now=datetime.now(UTC)
        )
        return record.send(
            client=caller.client, user_id=caller.user_id, record=found, locale=locale
        )
    if isinstance(command, DeleteWorkspace):
        counts = workspaces.count(session=session, team_id=caller.team_id)
        question = t(
            locale,
            "*Delete everything personabot keeps for this workspace?* That is {counts}. "
            "Answers, personas, schedules and digests cannot be brought back.",
            counts=workspaces.describe(counts) or t(locale, "nothing yet"),
        )
        return _confirmation(
            question, confirm.DELETE_WORKSPACE, t(locale, "Delete everything"), locale
        )
    if isinstance(command, ForgetMe) or command.user_id == caller.user_id:
        pending = forget.pending(
            session=session, team_id=caller.team_id, user_id=caller.user_id, by_self=True
        )
        question = t(
            locale,
            "*Erase your answers and your name from personabot?* Answers that lose their "
            "text: {answers}. Schedules, questions and persona links that stop naming you: "
            "{made}. This cannot be undone; your messages in Slack stay as they are.",
            answers=pending.answers,
            made=pending.unattributed,
        )
        return _confirmation(question, confirm.FORGET_ME, t(locale, "Erase me"), locale)
    pending = forget.pending(
        session=session, team_id=caller.team_id, user_id=command.user_id, by_self=False
    )
    question = t(
        locale,
        "*Erase <@{user}>'s answers and name from personabot?* Answers that lose their text: "
        "{answers}. Schedules, questions and persona links that stop naming them: {made}. "
        "This cannot be undone.",
        user=command.user_id,
        answers=pending.answers,
        made=pending.unattributed,
    )
    value = confirm.FORGET_USER + command.user_id
    return _confirmation(question, value, t(locale, "Erase"), locale)


def _confirmation(question: str, value: str, button: str, locale: str) -> Reply:
    return Reply(
        text=question,
        blocks=confirm.ask(question=question, value=value, confirm=button, locale=locale),
    )
