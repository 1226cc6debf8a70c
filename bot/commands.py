"""``/persona``: one parser, one help text, one place that runs each subcommand."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot import asking, status
from bot.errors import UserError
from bot.permissions import require_admin
from bot.settings import Settings
from bot.slack import ChannelRef, parse_channel, unescape
from questions import GROUPS
from storage import queries

USAGE = {
    "ask": (
        "`/persona ask #channel <question>`: post a question now; replies in its thread are kept."
    ),
    "status": "`/persona status`: open prompts and how many answers each has.",
    "channel": (
        "`/persona channel #channel <group>`: map a channel to a stakeholder group "
        f"({', '.join(GROUPS)}), or `none` to unmap. Admins only."
    ),
    "help": "`/persona help`: this text.",
}
HELP = "*personabot*: buyer personas from what your customer-facing teams know.\n" + "\n".join(
    f"• {line}" for line in USAGE.values()
)


class UsageError(UserError):
    """A command that cannot be read; its message is the help for that subcommand."""

    def __init__(self, problem: str, subcommand: str | None = None) -> None:
        usage = USAGE.get(subcommand or "") or HELP
        super().__init__(f"{problem}\n{usage}" if problem else usage)


@dataclass(frozen=True)
class Ask:
    channel: ChannelRef
    text: str


@dataclass(frozen=True)
class Status:
    pass


@dataclass(frozen=True)
class MapChannel:
    channel: ChannelRef
    group: str | None


@dataclass(frozen=True)
class Help:
    pass


Command = Ask | Status | MapChannel | Help


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
            raise UsageError("`status` takes no arguments.", "status")
        return Status()
    if name == "ask":
        channel, question = _channel_and_rest(rest, "ask")
        if not question:
            raise UsageError("Write the question after the channel.", "ask")
        return Ask(channel=channel, text=unescape(question))
    if name == "channel":
        channel, group = _channel_and_rest(rest, "channel")
        group = group.lower()
        if group == "none":
            return MapChannel(channel=channel, group=None)
        if group not in GROUPS:
            raise UsageError(f"Unknown group `{group or '(none given)'}`.", "channel")
        return MapChannel(channel=channel, group=group)
    raise UsageError(f"I don't know `{words[0]}`.")


def _channel_and_rest(rest: str, subcommand: str) -> tuple[ChannelRef, str]:
    first, _, remainder = rest.partition(" ")
    channel = parse_channel(first)
    if channel is None:
        raise UsageError("Start with a channel, like `#sales-team`.", subcommand)
    return channel, remainder.strip()


def run(
    command: Command,
    *,
    session: Session,
    client: WebClient,
    settings: Settings,
    team_id: str,
    user_id: str,
) -> str:
    """Carry out a parsed command; return the text to show the caller (ephemeral)."""
    if isinstance(command, Help):
        return HELP
    if isinstance(command, Status):
        return status.render(session=session, team_id=team_id)
    if isinstance(command, Ask):
        prompt = asking.ask(
            session=session,
            client=client,
            team_id=team_id,
            channel=command.channel,
            text=command.text,
            asked_by=user_id,
        )
        return (
            f"Asked in <#{prompt.channel.slack_id}>: <{prompt.permalink}|see the prompt>. "
            "Replies in its thread will be kept."
        )
    require_admin(client=client, settings=settings, user_id=user_id)
    return _map_channel(command, session=session, team_id=team_id)


def _map_channel(command: MapChannel, *, session: Session, team_id: str) -> str:
    if command.channel.id is None:
        raise UsageError("Pick the channel from Slack's autocomplete so I get its id.", "channel")
    workspace = queries.workspace(session, team_id=team_id)
    row = queries.channel(
        session, workspace=workspace, slack_id=command.channel.id, name=command.channel.name
    )
    row.group = command.group
    if command.group is None:
        return f"{command.channel.label} is no longer mapped to a group."
    return f"{command.channel.label} is now the *{command.group}* group's channel."
