"""``/persona digest``: where and when the weekly digest goes; preview it; post it now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from slack_sdk import WebClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import asking
from bot.cadence import parse_cadence
from bot.calendar import CadenceError, next_runs, split_timezone
from bot.digests import compose, latest_run
from bot.errors import UserError
from bot.publishing import NO_SKIPS
from bot.slack import parse_channel
from bot.synthesis.render_slack import digest_text
from storage import DigestSchedule, queries

USAGE = (
    "`/persona digest`: where and when the digest is posted. "
    "`/persona digest preview`: see it now, privately. "
    "`/persona digest now`: post it to the digest channel now (admins). "
    "`/persona digest schedule #channel mon 09:00 [timezone]`: set the channel and time (admins)."
)
ADMIN_ONLY = frozenset({"now", "schedule"})


@dataclass(frozen=True)
class DigestCommand:
    action: str  # show | preview | now | schedule
    channel: str | None = None  # channel id
    cadence: str = ""
    timezone: str | None = None


def parse(rest: str) -> DigestCommand:
    """``ValueError`` with the problem when the text cannot be read."""
    action, _, args = rest.strip().partition(" ")
    action = action.lower() or "show"
    if action in ("show", "preview", "now"):
        if args.strip():
            raise ValueError(f"`digest {action}` takes no arguments.")
        return DigestCommand(action)
    if action != "schedule":
        raise ValueError(f"I don't know `digest {action}`.")
    first, _, when = args.strip().partition(" ")
    channel = parse_channel(first)
    if channel is None or channel.id is None:
        raise ValueError(
            "Pick the digest channel from Slack's autocomplete, e.g. `#persona-digest`."
        )
    try:
        cadence, timezone = split_timezone(when)
    except CadenceError as error:
        raise ValueError(str(error)) from None
    if not cadence:
        raise ValueError("Say when to post it, e.g. `mon 09:00`.")
    return DigestCommand("schedule", channel=channel.id, cadence=cadence, timezone=timezone)


def run(
    command: DigestCommand,
    *,
    session: Session,
    client: WebClient,
    team_id: str,
    user_id: str,
    default_timezone: str,
    locale: str,
) -> str:
    now = datetime.now(UTC)
    workspace = queries.workspace(session, team_id=team_id)
    schedule = session.scalar(
        select(DigestSchedule).where(DigestSchedule.workspace_id == workspace.id)
    )
    if command.action == "preview":
        return digest_text(
            compose(session=session, team_id=team_id, now=now, locale=locale), locale=locale
        )
    if command.action == "schedule":
        channel = command.channel
        assert channel is not None
        timezone = command.timezone or default_timezone
        try:
            cadence = parse_cadence(command.cadence, timezone=timezone, anchor=now.date())
        except CadenceError as error:
            raise UserError(str(error)) from None
        if schedule is None:
            schedule = DigestSchedule(workspace_id=workspace.id)
            session.add(schedule)
        schedule.channel, schedule.cadence, schedule.timezone = (
            channel,
            cadence.text,
            cadence.timezone,
        )
        schedule.created_by, schedule.effective_from = user_id, now
        joined = asking.join(client, channel_id=channel)
        note = "" if joined else f" Invite me first: `/invite @personabot` in <#{channel}>."
        return f"The digest goes to <#{channel}>, {cadence.describe()}.{note}"
    if schedule is None:
        return "No digest channel yet. " + USAGE
    runs = next_runs(
        cadence=parse_cadence(schedule.cadence, timezone=schedule.timezone),
        calendar=NO_SKIPS,
        after=now,
        count=1,
    )
    last = latest_run(session, workspace.id)
    where = f"<#{schedule.channel}>"
    nxt = f" Next: {runs[0]:%Y-%m-%d %H:%M} UTC." if runs else ""
    done = f" Last: {last.due_at:%Y-%m-%d %H:%M} UTC ({last.status})." if last else ""
    return f"The digest goes to {where}, {schedule.cadence} ({schedule.timezone}).{nxt}{done}"


def channel_of(*, session: Session, team_id: str) -> str:
    """The digest channel; a clear error when none is set."""
    workspace = queries.workspace(session, team_id=team_id)
    channel = session.scalar(
        select(DigestSchedule.channel).where(DigestSchedule.workspace_id == workspace.id)
    )
    if channel is None:
        raise UserError("No digest channel yet. " + USAGE)
    return channel
