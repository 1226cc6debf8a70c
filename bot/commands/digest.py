"""``/persona digest``: where and when the weekly digest goes; preview it; post it now."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.commands.caller import Caller
from bot.errors import UserError
from bot.i18n import N_, Text, t
from bot.insights import publishing
from bot.insights.digests import latest_run
from bot.insights.render.messages import digest_text
from bot.insights.worker import compose_committed
from bot.rounds.cadence import Cadence, parse_cadence
from bot.rounds.calendar import CadenceError, split_timezone
from bot.rounds.timetable import next_runs
from bot.slack import calls
from bot.slack.dates import WEEKDAY_TIME, slack_date
from bot.slack.text import parse_channel
from storage import Database, DigestSchedule, queries

USAGE = Text(
    "`/persona digest`: where and when the digest is posted. "
    "`/persona digest preview`: see it now, privately. "
    "`/persona digest now`: post it to the digest channel now (admins). "
    "`/persona digest schedule #channel mon 09:00 [timezone]`: set the channel and time (admins)."
)
_RUN_STATUS = {
    "posted": N_("posted"),
    "claimed": N_("posting"),
    "missed": N_("missed"),
    "failed": N_("failed"),
}


@dataclass(frozen=True)
class DigestCommand:
    action: str  # show | preview | schedule
    channel: str | None = None  # channel id
    cadence: str = ""
    timezone: str | None = None

    @property
    def admin_only(self) -> bool:
        return self.action == "schedule"

    @property
    def reads_only(self) -> bool:
        return self.action in ("show", "preview")


@dataclass(frozen=True)
class PostDigestNow:
    """``/persona digest now``: publishing claims and posts in transactions of its own."""

    admin_only: ClassVar[bool] = True
    reads_only: ClassVar[bool] = False


def parse_digest(rest: str) -> DigestCommand | PostDigestNow:
    """``ValueError`` with the problem (a ``Text``) when the text cannot be read."""
    action, _, args = rest.strip().partition(" ")
    action = action.lower() or "show"
    if action in ("show", "preview", "now"):
        if args.strip():
            raise ValueError(Text("`digest {action}` takes no arguments.", action=action))
        return PostDigestNow() if action == "now" else DigestCommand(action)
    if action != "schedule":
        close = difflib.get_close_matches(action, ("preview", "now", "schedule"), n=1)
        if close:
            raise ValueError(
                Text(
                    "I don't know `digest {action}`. Did you mean `digest {suggestion}`?",
                    action=action,
                    suggestion=close[0],
                )
            )
        raise ValueError(Text("I don't know `digest {action}`.", action=action))
    first, _, when = args.strip().partition(" ")
    channel = parse_channel(first)
    if channel is None or channel.id is None:
        raise ValueError(
            Text("Pick the digest channel from Slack's autocomplete, e.g. `#persona-digest`.")
        )
    try:
        cadence, timezone = split_timezone(when)
    except CadenceError as error:
        raise ValueError(error.text) from None
    if not cadence:
        raise ValueError(Text("Say when to post it, e.g. `mon 09:00`."))
    return DigestCommand("schedule", channel=channel.id, cadence=cadence, timezone=timezone)


def manage_digest(command: DigestCommand, *, session: Session, caller: Caller) -> str:
    """Where and when the digest goes, a preview, or a new schedule; the reply (and the
    preview) is in the caller's language."""
    team_id, locale = caller.team_id, caller.locale
    now = datetime.now(UTC)
    workspace = queries.workspace(session, team_id=team_id)
    schedule = session.scalar(
        select(DigestSchedule).where(DigestSchedule.workspace_id == workspace.id)
    )
    if command.action == "preview":
        return digest_text(
            compose_committed(session=session, team_id=team_id, now=now, locale=locale),
            locale=locale,
        )
    if command.action == "schedule":
        channel = command.channel
        assert channel is not None
        where = f"<#{channel}>"
        timezone = command.timezone or caller.settings.timezone
        cadence = parse_cadence(command.cadence, timezone=timezone, anchor=now.date())
        if schedule is None:
            schedule = DigestSchedule(workspace_id=workspace.id)
            session.add(schedule)
        schedule.channel, schedule.cadence, schedule.timezone = (
            channel,
            cadence.text,
            cadence.timezone,
        )
        schedule.created_by, schedule.effective_from = caller.user_id, now
        joined = calls.join(caller.client, channel_id=channel)
        note = (
            ""
            if joined
            else t(locale, " Invite me first: `/invite @personabot` in {channel}.", channel=where)
        )
        return t(
            locale,
            "The digest goes to {channel}, {cadence}.{next}{note}",
            channel=where,
            cadence=cadence.describe(locale),
            next=_next(cadence, now, locale),
            note=note,
        )
    if schedule is None:
        return t(locale, "No digest channel yet. {usage}", usage=USAGE)
    cadence = parse_cadence(schedule.cadence, timezone=schedule.timezone)
    last = latest_run(session, workspace.id)
    zone = schedule.timezone
    done = (
        t(
            locale,
            " Last: {when} ({status}).",
            when=slack_date(last.due_at, zone=zone),
            status=_status(last.status, locale),
        )
        if last
        else ""
    )
    return t(
        locale,
        "The digest goes to {channel}, {cadence}.{next}{last}",
        channel=f"<#{schedule.channel}>",
        cadence=cadence.describe(locale),
        next=_next(cadence, now, locale),
        last=done,
    )


def _next(cadence: Cadence, now: datetime, locale: str) -> str:
    """The " Next: <date>." in Slack's date formatting (the reader's own zone), or ""."""
    runs = next_runs(cadence=cadence, calendar=publishing.NO_SKIPS, after=now, count=1)
    if not runs:
        return ""
    when = slack_date(runs[0], form=WEEKDAY_TIME, zone=cadence.timezone)
    return t(locale, " Next: {when}.", when=when)


def _status(status: str, locale: str) -> str:
    known = _RUN_STATUS.get(status)
    return t(locale, known) if known else status


def post_digest_now(command: PostDigestNow, *, db: Database, caller: Caller) -> str:
    """Post the digest to its channel now, in the workspace's language; the reply is in the
    caller's."""
    with db.session() as session:
        channel = channel_of(session=session, team_id=caller.team_id)
    publishing.post_digest(
        db=db,
        client=caller.client,
        team_id=caller.team_id,
        channel=channel,
        now=datetime.now(UTC),
        locale=caller.settings.locale,
    )
    return t(caller.locale, "Posted the digest in {channel}.", channel=f"<#{channel}>")


def channel_of(*, session: Session, team_id: str) -> str:
    """The digest channel; a clear error when none is set."""
    workspace = queries.workspace(session, team_id=team_id)
    channel = session.scalar(
        select(DigestSchedule.channel).where(DigestSchedule.workspace_id == workspace.id)
    )
    if channel is None:
        raise UserError("No digest channel yet. {usage}", usage=USAGE)
    return channel
