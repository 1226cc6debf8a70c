"""The ``/persona`` grammar: the commands, ``parse`` (text -> command) and ``UsageError``.

Each command declares whether only admins may run it (``admin_only``) and whether it
changes nothing (``reads_only``: it reads beside the writers instead of locking them out).
The subcommands with a grammar of their own (``browse``, ``personas``, ``digest``) parse
their part and raise ``ValueError``; ``parse`` turns it into a ``UsageError`` with their help.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import ClassVar

from bot.commands import browse, digest, personal, personas
from bot.commands.help import USAGE, usage
from bot.errors import UserError
from bot.i18n import Text
from bot.rounds import schedules
from bot.slack.text import ChannelRef, parse_channel, straight_quotes, unescape
from questions import GROUPS, LOCALES


class UsageError(UserError):
    """A command that cannot be read: the problem, then the help of that subcommand (the
    whole help when the subcommand is unknown), in the reader's language."""

    def __init__(self, problem: str | Text, subcommand: str | None = None) -> None:
        self.problem = problem
        self.subcommand = subcommand
        super().__init__(problem)  # a plain str is shown as it is (e.g. a sub-parser's English)
        self.args = (self.render("en"),)

    def render(self, locale: str) -> str:
        problem = self.text.render(locale) if self.problem else ""
        help_ = usage(locale, self.subcommand)
        return f"{problem}\n{help_}" if problem else help_

    def __str__(self) -> str:
        return self.render("en")


@dataclass(frozen=True)
class Help:
    admin_only: ClassVar[bool] = False
    reads_only: ClassVar[bool] = True


@dataclass(frozen=True)
class Status:
    admin_only: ClassVar[bool] = False
    reads_only: ClassVar[bool] = True


@dataclass(frozen=True)
class Ask:
    admin_only: ClassVar[bool] = False
    reads_only: ClassVar[bool] = False
    channel: ChannelRef
    text: str
    persona: str | None = None


@dataclass(frozen=True)
class MapChannel:
    admin_only: ClassVar[bool] = True
    reads_only: ClassVar[bool] = False
    channel: ChannelRef
    group: str | None  # None: unmap
    locale: str | None = None


@dataclass(frozen=True)
class ListSchedules:
    admin_only: ClassVar[bool] = False
    reads_only: ClassVar[bool] = True


@dataclass(frozen=True)
class SetSchedule:
    admin_only: ClassVar[bool] = True
    reads_only: ClassVar[bool] = False
    spec: schedules.ScheduleSpec


@dataclass(frozen=True)
class RemoveSchedule:
    admin_only: ClassVar[bool] = True
    reads_only: ClassVar[bool] = False
    group: str


Command = (
    Ask
    | Status
    | MapChannel
    | Help
    | ListSchedules
    | SetSchedule
    | RemoveSchedule
    | personas.PersonaCommand
    | digest.DigestCommand
    | digest.PostDigestNow
    | browse.Browse
    | personal.PersonalCommand
)


def parse(text: str) -> Command:
    """Read the text after ``/persona``; raise ``UsageError`` with the right help."""
    words = text.strip().split(None, 1)
    if not words:
        return Help()
    name, rest = words[0].lower(), (words[1].strip() if len(words) > 1 else "")
    if name == "help":
        return Help()
    if name == "status":
        if rest:
            raise UsageError(Text("`status` takes no arguments."), "status")
        return Status()
    if name == "ask":
        return _parse_ask(rest)
    if name == "channel":
        return _parse_channel(rest)
    if name == "schedule":
        return _parse_schedule(rest)
    try:
        if name in ("show", "jobs", "search", "export"):
            return browse.parse_browse(name, unescape(rest))
        if name == "digest":
            return digest.parse_digest(rest)
        if name in personal.USAGE:
            return personal.parse_personal(name, rest)
        if name in personas.USAGE:
            return personas.parse_persona(name, unescape(rest))
    except ValueError as error:
        raise UsageError(_problem(error), name) from None
    raise _unknown(words[0])


def _unknown(subcommand: str) -> UsageError:
    """An unknown subcommand: "did you mean `list`?" with that one's help when one is close
    (``difflib``), else the whole help."""
    close = difflib.get_close_matches(subcommand.lower(), list(USAGE), n=1, cutoff=0.6)
    if close:
        problem = Text(
            "I don't know `{subcommand}`. Did you mean `{suggestion}`?",
            subcommand=subcommand,
            suggestion=close[0],
        )
        return UsageError(problem, close[0])
    return UsageError(Text("I don't know `{subcommand}`.", subcommand=subcommand))


def _problem(error: Exception) -> str | Text:
    """What a sub-parser's ``ValueError`` says: a ``Text`` when it gave one (translated when
    shown), else its English text."""
    if isinstance(error, UserError):
        return error.text
    first = error.args[0] if error.args else ""
    return first if isinstance(first, Text) else str(error)


def _parse_ask(rest: str) -> Ask:
    channel, question = _channel_and_rest(rest, "ask")
    persona, question = _leading_quote(unescape(question))
    if not question:
        raise UsageError(Text("Write the question after the channel."), "ask")
    return Ask(channel=channel, text=question, persona=persona)


def _parse_channel(rest: str) -> MapChannel:
    channel, rest = _channel_and_rest(rest, "channel")
    group, _, locale = rest.lower().partition(" ")
    if group == "none":
        return MapChannel(channel=channel, group=None)
    _check_group(group, "channel")
    if locale and locale.strip() not in LOCALES:
        raise UsageError(Text("Unknown language `{language}`.", language=locale.strip()), "channel")
    return MapChannel(channel=channel, group=group, locale=locale.strip() or None)


def _parse_schedule(rest: str) -> ListSchedules | SetSchedule | RemoveSchedule:
    if not rest:
        return ListSchedules()
    group, _, cadence = rest.partition(" ")
    group = group.lower()
    _check_group(group, "schedule")
    if cadence.strip().lower() == "off":
        return RemoveSchedule(group=group)
    try:
        return SetSchedule(spec=schedules.parse_spec(group, cadence))
    except schedules.ScheduleError as error:
        raise UsageError(error.text, "schedule") from None


def _leading_quote(text: str) -> tuple[str | None, str]:
    """``"Ops Olivia" What slows her down?`` -> ("Ops Olivia", "What slows her down?")."""
    text = straight_quotes(text).strip()
    if text.startswith('"'):
        end = text.find('"', 1)
        if end > 1:
            return text[1:end], text[end + 1 :].strip()
    return None, text


def _check_group(group: str, subcommand: str) -> None:
    if group not in GROUPS:
        if not group:
            raise UsageError(Text("Unknown group `(none given)`."), subcommand)
        raise UsageError(Text("Unknown group `{group}`.", group=group), subcommand)


def _channel_and_rest(rest: str, subcommand: str) -> tuple[ChannelRef, str]:
    first, _, remainder = rest.partition(" ")
    channel = parse_channel(first)
    if channel is None:
        raise UsageError(Text("Start with a channel, like `#sales-team`."), subcommand)
    return channel, remainder.strip()
