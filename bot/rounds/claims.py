"""Scheduled rounds: find what is due, claim it in the database, post it once.

The database is the source of truth and the scheduler only a clock: every tick, each
schedule's due times since its last round are computed from its cadence; each due round is
claimed by inserting its unique (schedule, due time, channel) row, and only the process
whose insert succeeds posts it. Rounds missed beyond the grace window are recorded as
missed; weekends, holidays and skip dates as skipped.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, select, update
from sqlalchemy.orm import Session

from bot.rounds.cadence import Cadence, parse_cadence
from bot.rounds.calendar import CadenceError, Calendar
from bot.rounds.timetable import due_times
from storage import Channel, Round, Schedule, Workspace, queries

log = logging.getLogger(__name__)

OWNER = f"{socket.gethostname()}:{os.getpid()}"
# How far back a tick looks for due rounds it has not recorded yet (beyond the grace
# window they are only recorded as missed, so this bounds work after a long outage).
LOOKBACK = timedelta(days=8)
# A claim older than this whose process never reported back is handed out again.
STALE_CLAIM = timedelta(minutes=10)
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
)


def calendar_of(schedule: Schedule) -> Calendar:
    return Calendar(
        weekend=frozenset(schedule.weekend),
        holiday_country=schedule.holiday_country,
        skip_dates=frozenset(date.fromisoformat(d) for d in schedule.skip_dates),
    )


def cadence_of(schedule: Schedule) -> Cadence:
    return parse_cadence(schedule.cadence, timezone=schedule.timezone)


@dataclass(frozen=True)
class Planned:
    schedule_id: int
    channel_id: int
    due_at: datetime
    status: str  # claimed | skipped | missed
    reason: str | None


def served(teams: Collection[str] | None) -> ColumnElement[bool]:
    """The workspaces the clock works for: not uninstalled and, when ``teams`` is given
    (OAuth: those with an installation), among them. A condition on ``Workspace``."""
    condition = Workspace.uninstalled_at.is_(None)
    return condition if teams is None else and_(condition, Workspace.team_id.in_(list(teams)))


def claim_due(
    *,
    session: Session,
    now: datetime,
    grace: timedelta,
    teams: Collection[str] | None = None,
) -> list[int]:
    """Record every round due up to ``now`` that no process has recorded yet; return the
    ids of those this call claimed for posting. The caller commits. Workspaces not
    ``served(teams)`` are passed over: nothing of theirs is recorded, so nothing is lost."""
    claimed: list[int] = []
    for planned in _plan(session, now=now, grace=grace, teams=teams):
        round_ = Round(
            schedule_id=planned.schedule_id,
            channel_id=planned.channel_id,
            due_at=planned.due_at,
            status=planned.status,
            reason=planned.reason,
            claimed_at=now,
            claimed_by=OWNER,
        )
        if not queries.add_unique(session, round_):
            continue  # another process recorded this round first
        if planned.status == "claimed":
            claimed.append(round_.id)
    return claimed


def claim_retries(
    *, session: Session, now: datetime, teams: Collection[str] | None = None
) -> list[int]:
    """Claim rounds whose retry time has come, and claims abandoned by a dead process (in
    workspaces ``served(teams)``; the others wait)."""
    ours = (
        select(Round.id)
        .join(Schedule, Schedule.id == Round.schedule_id)
        .join(Workspace, Workspace.id == Schedule.workspace_id)
        .where(served(teams))
    )
    stale = session.scalars(
        ours.where(Round.status == "claimed", Round.claimed_at < now - STALE_CLAIM)
    ).all()
    for round_id in stale:
        session.execute(
            update(Round)
            .where(Round.id == round_id, Round.status == "claimed")
            .values(status="retry", next_attempt_at=now, reason="claim expired")
        )
    claimed = []
    for round_id in session.scalars(
        ours.where(Round.status == "retry", Round.next_attempt_at <= now)
    ).all():
        result = session.execute(
            update(Round)
            .where(Round.id == round_id, Round.status == "retry")
            .values(status="claimed", claimed_at=now, claimed_by=OWNER)
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]
            claimed.append(round_id)
    return claimed


def retry_delay(attempts: int) -> timedelta | None:
    """Backoff after ``attempts`` failed attempts; ``None`` once they are used up."""
    return RETRY_DELAYS[attempts - 1] if 0 < attempts <= len(RETRY_DELAYS) else None


def _plan(
    session: Session, *, now: datetime, grace: timedelta, teams: Collection[str] | None
) -> Iterator[Planned]:
    schedules = (
        select(Schedule)
        .join(Workspace, Workspace.id == Schedule.workspace_id)
        .where(served(teams))
        .order_by(Schedule.id)
    )
    for schedule in session.scalars(schedules):
        try:
            cadence, calendar = cadence_of(schedule), calendar_of(schedule)
        except CadenceError as error:  # stored by an older version: report, don't crash
            log.error("schedule %s (%s) is unreadable: %s", schedule.id, schedule.group, error)
            continue
        channels = session.scalars(
            select(Channel)
            .where(Channel.workspace_id == schedule.workspace_id, Channel.group == schedule.group)
            .order_by(Channel.id)
        )
        for channel in channels:
            since = _watermark(session, schedule=schedule, channel=channel, now=now)
            for due_at, skipped in due_times(
                cadence=cadence, calendar=calendar, after=since, until=now
            ):
                if skipped is not None:
                    status, reason = "skipped", skipped
                elif due_at < now - grace:
                    status, reason = "missed", "the bot was not running within the grace window"
                else:
                    status, reason = "claimed", None
                yield Planned(schedule.id, channel.id, due_at, status, reason)


def _watermark(
    session: Session, *, schedule: Schedule, channel: Channel, now: datetime
) -> datetime:
    last = session.scalar(
        select(func.max(Round.due_at)).where(
            Round.schedule_id == schedule.id, Round.channel_id == channel.id
        )
    )
    candidates = [schedule.effective_from, now - LOOKBACK]
    candidates += [moment for moment in (channel.mapped_at, last) if moment is not None]
    return max(candidates)
