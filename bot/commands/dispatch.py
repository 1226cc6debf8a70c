"""``/persona``: one parser, one help text, one place that runs each subcommand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.commands import browse, status
from bot.commands import digest as digest_commands
from bot.commands import personas as persona_commands
from bot.errors import UserError
from bot.i18n import Text, t
from bot.insights import publishing
from bot.personas import roster as personas
from bot.rounds import asking, schedules
from bot.settings import Settings
from bot.slack import calls
from bot.slack.permissions import require_admin
from bot.slack.text import ChannelRef, parse_channel, unescape
from questions import GROUPS, LOCALES
from storage import Database, queries

# The help of each subcommand; the syntax in backticks stays English in every language.
USAGE: dict[str, Text] = {
    "ask": Text(
        '`/persona ask #channel ["Persona name"] <question>`: post a question now; replies in '
        "its thread are kept (as evidence for the persona, when one is named)."
    ),
    "status": Text("`/persona status`: open prompts and how many answers each has."),
    "channel": Text(
        "`/persona channel #channel <group> [en|ko]`: map a channel to a stakeholder group "
        "({groups}) and optionally its language, or `none` to unmap. Admins only.",
        groups=", ".join(GROUPS),
    ),
    "schedule": Text(
        "`/persona schedule`: list schedules and their next runs. "
        "`/persona schedule <group> <cadence> [timezone] [options]`: set when a group is asked, "
        "e.g. `/persona schedule sales tue,thu 10:00 Asia/Seoul questions=1 cap=2`. Cadences: "
        "`tue,thu 10:00`, `weekdays 09:30`, `every 2 weeks fri 15:00`, `monthly 1st mon 09:30`, "
        "`cron 0 10 * * 1-5`. Options: `questions=` `remind=` `close=` `cap=` `wanted=` "
        "`weekend=` `holidays=` `skip=` `anonymous=yes`. With `anonymous=yes`, answers never "
        "show their author in digests, exports or commands (Slack workspace admins can still "
        "read the thread itself). `/persona schedule <group> off` removes it. Admins only."
    ),
    "show": Text(
        "`/persona show <persona>`: the persona's card, for you only (`olivia` finds her)."
    ),
    "jobs": Text("`/persona jobs [persona]`: the strongest job statements."),
    "search": Text("`/persona search <words> [page N]`: what people said, with links."),
    "export": Text("`/persona export md|html|csv|json`: the report or evidence, sent to your DMs."),
    **persona_commands.USAGE,
    "digest": digest_commands.USAGE,
    "help": Text("`/persona help`: this text."),
}


def usage(locale: str, subcommand: str | None) -> str:
    """The help of ``subcommand`` in ``locale``; the whole help when there is no such one."""
    found = USAGE.get(subcommand or "")
    return found.render(locale) if found is not None else help_text(locale)


def help_text(locale: str) -> str:
    """``/persona help`` in ``locale``: one line per subcommand."""
    title = t(locale, "*personabot*: buyer personas from what your customer-facing teams know.")
    return "\n".join([title, *(f"• {line.render(locale)}" for line in USAGE.values())])


HELP = help_text("en")  # the English help, for logs and the command line

_QUOTES = str.maketrans({"“": '"', "”": '"'})


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


def _problem(error: Exception) -> str | Text:
    """What a sub-parser's ``ValueError`` says: a ``Text`` when it gave one (translated when
    shown), else its English text."""
    if isinstance(error, UserError):
        return error.text
    first = error.args[0] if error.args else ""
    return first if isinstance(first, Text) else str(error)


@dataclass(frozen=True)
class Ask:
    channel: ChannelRef
    text: str
    persona: str | None = None


@dataclass(frozen=True)
class Status:
    pass


@dataclass(frozen=True)
class MapChannel:
    channel: ChannelRef
    group: str | None
    locale: str | None = None


@dataclass(frozen=True)
class ListSchedules:
    pass


@dataclass(frozen=True)
class SetSchedule:
    spec: schedules.ScheduleSpec


@dataclass(frozen=True)
class RemoveSchedule:
    group: str


@dataclass(frozen=True)
class Help:
    pass


Command = (
    Ask
    | Status
    | MapChannel
    | Help
    | ListSchedules
    | SetSchedule
    | RemoveSchedule
    | persona_commands.PersonaCommand
    | digest_commands.DigestCommand
    | browse.Browse
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
        channel, question = _channel_and_rest(rest, "ask")
        persona, question = _leading_quote(unescape(question))
        if not question:
            raise UsageError(Text("Write the question after the channel."), "ask")
        return Ask(channel=channel, text=question, persona=persona)
    if name == "channel":
        channel, rest = _channel_and_rest(rest, "channel")
        group, _, locale = rest.lower().partition(" ")
        if group == "none":
            return MapChannel(channel=channel, group=None)
        _check_group(group, "channel")
        if locale and locale.strip() not in LOCALES:
            raise UsageError(
                Text("Unknown language `{language}`.", language=locale.strip()), "channel"
            )
        return MapChannel(channel=channel, group=group, locale=locale.strip() or None)
    if name == "schedule":
        return _parse_schedule(rest)
    if name in ("show", "jobs", "search", "export"):
        try:
            return browse.parse(name, unescape(rest))
        except ValueError as error:
            raise UsageError(_problem(error), name) from None
    if name == "digest":
        try:
            return digest_commands.parse(rest)
        except ValueError as error:
            raise UsageError(_problem(error), "digest") from None
    if name in persona_commands.USAGE:
        try:
            return persona_commands.parse(name, unescape(rest))
        except ValueError as error:
            raise UsageError(_problem(error), name) from None
    raise UsageError(Text("I don't know `{subcommand}`.", subcommand=words[0]))


def _leading_quote(text: str) -> tuple[str | None, str]:
    """``"Ops Olivia" What slows her down?`` -> ("Ops Olivia", "What slows her down?")."""
    text = text.translate(_QUOTES).strip()
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


def _parse_schedule(rest: str) -> Command:
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


def _channel_and_rest(rest: str, subcommand: str) -> tuple[ChannelRef, str]:
    first, _, remainder = rest.partition(" ")
    channel = parse_channel(first)
    if channel is None:
        raise UsageError(Text("Start with a channel, like `#sales-team`."), subcommand)
    return channel, remainder.strip()


def execute(
    command: Command,
    *,
    db: Database,
    client: WebClient,
    settings: Settings,
    team_id: str,
    user_id: str,
    locale: str,
) -> str:
    """Run a command in its own transaction; return the text for the caller (ephemeral), in
    the caller's ``locale``."""
    if isinstance(command, digest_commands.DigestCommand) and command.action == "now":
        require_admin(client=client, settings=settings, user_id=user_id)
        with db.session() as session:
            channel = digest_commands.channel_of(session=session, team_id=team_id)
        publishing.post_digest(
            db=db,
            client=client,
            team_id=team_id,
            channel=channel,
            now=datetime.now(UTC),
            locale=settings.locale,
        )
        return t(locale, "Posted the digest in {channel}.", channel=f"<#{channel}>")
    with db.reading() if _reads_only(command) else db.session() as session:
        return run(
            command,
            session=session,
            client=client,
            settings=settings,
            team_id=team_id,
            user_id=user_id,
            locale=locale,
        )


def _reads_only(command: Command) -> bool:
    """Commands that change nothing read beside the writers instead of locking them out."""
    if isinstance(command, Status | Help | ListSchedules | browse.Browse):
        return True
    if isinstance(command, persona_commands.PersonaCommand):
        return command.action == "list"
    if isinstance(command, digest_commands.DigestCommand):
        return command.action in ("show", "preview")
    return False


def run(
    command: Command,
    *,
    session: Session,
    client: WebClient,
    settings: Settings,
    team_id: str,
    user_id: str,
    locale: str,
) -> str:
    """Carry out a parsed command; return the text to show the caller (ephemeral), in the
    caller's ``locale``. Texts posted to a channel keep the channel's language."""
    if isinstance(command, Help):
        return help_text(locale)
    if isinstance(command, Status):
        return status.render(session=session, team_id=team_id, locale=locale)
    if isinstance(command, Ask):
        persona = (
            personas.find(session=session, team_id=team_id, name=command.persona).id
            if command.persona
            else None
        )
        prompt = asking.ask(
            session=session,
            client=client,
            team_id=team_id,
            channel=command.channel,
            text=command.text,
            asked_by=user_id,
            persona_id=persona,
            locale=settings.locale,
        )
        return t(
            locale,
            "Asked in {channel}: <{link}|see the prompt>. Replies in its thread will be kept.",
            channel=f"<#{prompt.channel.slack_id}>",
            link=prompt.permalink,
        )
    if isinstance(command, browse.Browse):
        return _browse(
            command,
            session=session,
            client=client,
            team_id=team_id,
            user_id=user_id,
            locale=locale,
        )
    if isinstance(command, digest_commands.DigestCommand):
        if command.action in digest_commands.ADMIN_ONLY:
            require_admin(client=client, settings=settings, user_id=user_id)
        return digest_commands.run(
            command,
            session=session,
            client=client,
            team_id=team_id,
            user_id=user_id,
            default_timezone=settings.timezone,
            locale=locale,
        )
    if isinstance(command, persona_commands.PersonaCommand):
        if command.action in persona_commands.ADMIN_ONLY:
            require_admin(client=client, settings=settings, user_id=user_id)
        return persona_commands.run(command, session=session, team_id=team_id, locale=locale)
    now = datetime.now(UTC)
    if isinstance(command, ListSchedules):
        return schedules.render(session=session, team_id=team_id, now=now, locale=locale)
    require_admin(client=client, settings=settings, user_id=user_id)
    if isinstance(command, SetSchedule):
        saved = schedules.save(
            session=session,
            team_id=team_id,
            spec=command.spec,
            created_by=user_id,
            now=now,
            default_timezone=settings.timezone,
            default_holidays=queries.holidays_of(
                session, team_id=team_id, default=settings.holiday_country
            ),
        )
        described = schedules.describe(session=session, schedule=saved, now=now, locale=locale)
        return t(locale, "Saved.") + "\n" + described
    if isinstance(command, RemoveSchedule):
        if schedules.remove(session=session, team_id=team_id, group=command.group):
            return t(
                locale,
                "The *{group}* schedule is removed; no more rounds for it.",
                group=command.group,
            )
        return t(locale, "There is no *{group}* schedule.", group=command.group)
    return _map_channel(
        command, session=session, client=client, team_id=team_id, now=now, locale=locale
    )


def _browse(
    command: browse.Browse,
    *,
    session: Session,
    client: WebClient,
    team_id: str,
    user_id: str,
    locale: str,
) -> str:
    if command.action == "show":
        return browse.show(session=session, team_id=team_id, query=command.query, locale=locale)
    if command.action == "jobs":
        return browse.jobs(session=session, team_id=team_id, query=command.query, locale=locale)
    if command.action == "search":
        return browse.search(
            session=session, team_id=team_id, text=command.query, page=command.page, locale=locale
        )
    return browse.export(
        session=session,
        client=client,
        team_id=team_id,
        user_id=user_id,
        fmt=command.query,
        locale=locale,
    )


def _map_channel(
    command: MapChannel,
    *,
    session: Session,
    client: WebClient,
    team_id: str,
    now: datetime,
    locale: str,
) -> str:
    if command.channel.id is None:
        raise UsageError(
            Text("Pick the channel from Slack's autocomplete so I get its id."), "channel"
        )
    workspace = queries.workspace(session, team_id=team_id)
    row = queries.channel(
        session, workspace=workspace, slack_id=command.channel.id, name=command.channel.name
    )
    if row.group != command.group:
        row.group, row.mapped_at = command.group, now
    row.locale = command.locale
    label = command.channel.label
    if command.group is None:
        return t(locale, "{channel} is no longer mapped to a group.", channel=label)
    joined = calls.join(client, channel_id=command.channel.id)
    note = (
        ""
        if joined
        else t(
            locale,
            " I'm not a member yet: type `/invite @personabot` in {channel} "
            "so that scheduled questions can be posted there.",
            channel=label,
        )
    )
    return t(
        locale,
        "{channel} is now the *{group}* group's channel.{note}",
        channel=label,
        group=command.group,
        note=note,
    )
