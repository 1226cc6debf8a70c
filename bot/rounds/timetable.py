"""When a schedule's rounds are due: a ``Cadence`` applied to a ``Calendar``.

Pure apart from the zone database: no Slack, no database, no clock; callers pass every
instant. ``bot.rounds.cadence`` says when a cadence fires, ``bot.rounds.calendar`` which days
are skipped; this module imports both and neither imports it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.rounds.cadence import Cadence
from bot.rounds.calendar import Calendar

_SEARCH_HORIZON = timedelta(days=3 * 366)


def due_times(
    *, cadence: Cadence, calendar: Calendar, after: datetime, until: datetime
) -> Iterator[tuple[datetime, str | None]]:
    """Every fire time in ``(after, until]`` with its skip reason (None = post). The day
    tested is the local date in the cadence's timezone."""
    zone = ZoneInfo(cadence.timezone)
    for when in cadence.fire_times(after=after, until=until):
        yield when, calendar.skip_reason(when.astimezone(zone).date())


def next_runs(
    *, cadence: Cadence, calendar: Calendar, after: datetime, count: int = 3
) -> list[datetime]:
    """The next ``count`` fire times that are not skipped, searching about three years."""
    zone = ZoneInfo(cadence.timezone)
    horizon, cursor = after + _SEARCH_HORIZON, after
    found: list[datetime] = []
    while len(found) < count:
        skipped = None
        for when, reason in due_times(
            cadence=cadence, calendar=calendar, after=cursor, until=horizon
        ):
            if reason is not None:
                skipped = when
                break
            found.append(when)
            if len(found) == count:
                break
        if skipped is None:
            break
        cursor = _end_of_local_day(skipped, zone)  # the whole local day is skipped
    return found


def _end_of_local_day(moment: datetime, zone: ZoneInfo) -> datetime:
    next_day = moment.astimezone(zone).date() + timedelta(days=1)
    return datetime.combine(next_day, time(), tzinfo=zone).astimezone(UTC) - timedelta(
        microseconds=1
    )
