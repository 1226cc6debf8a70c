"""Parse `/persona schedule` cadences and compute when their rounds fire.

Pure: no Slack, no database, no clock; callers pass every instant. ``bot.rounds.calendar``
holds the day/zone vocabulary and the ``Calendar`` (weekend, holidays, skip dates);
``bot.rounds.timetable`` applies a calendar to a cadence (``due_times``, ``next_runs``).

Daylight saving: APScheduler's ``CronTrigger`` computes local wall-clock times on a floating
(UTC) clock; each wall time is then placed in the zone PEP 495 style (``fold=0``):

* a wall time that does not exist (spring forward) fires shifted by the gap: a 02:30 round in
  America/New_York on 2026-03-08 fires at 03:30 EDT (07:30 UTC);
* a wall time that happens twice (fall back) fires once, at its first occurrence: 01:30 on
  2026-11-01 fires at 01:30 EDT (05:30 UTC), not again at 01:30 EST.

Fire times come out strictly increasing; an instant reached twice is yielded once. (Given the
zone itself, APScheduler 3 fires twice on fall-back days and, for sub-hourly crons, steps
backwards inside the repeated hour, so a naive ``get_next_fire_time`` walk never ends.)
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import Text
from bot.rounds.calendar import (
    CRON_FORMS,
    CadenceError,
    parse_day,
    parse_days,
    parse_time,
    resolve_timezone,
)
from bot.rounds.rules import DEFAULT_ANCHOR, Cron, Monthly, Rule, Weekly

MAX_WEEKS = 8
MONTHLY_FORMS = Text("`monthly 1st mon 09:30`, `monthly last fri 16:00`, `monthly 15 10:00`")

_NTH = {"1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4}
_NTH |= {"fourth": 4, "last": -1}
_FILLER = {"at", "on", "the"}
_DST_MARGIN = timedelta(hours=3)  # more than any zone's offset jump


def _words(text: str) -> list[str]:
    """Lower-case words; `tue, thu` -> `tue,thu`, `mon - wed` -> `mon-wed`; filler dropped."""
    squeezed = re.sub(r"\s*([,-])\s*", r"\1", text.strip().lower())
    return [word for word in squeezed.split() if word not in _FILLER]


def _parse_weekly(words: list[str]) -> Weekly:
    if len(words) < 2:
        raise CadenceError(Text("expected days then a time, got `{words}`", words=" ".join(words)))
    return Weekly(days=parse_days(" ".join(words[:-1])), at=parse_time(words[-1]))


def _parse_every(words: list[str], anchor: date) -> Weekly:
    if words[-2:-1] == ["from"]:
        try:
            anchor = date.fromisoformat(words[-1])
        except ValueError:
            raise CadenceError(
                Text("`{word}` is not a date like `from 2026-11-23`", word=words[-1])
            ) from None
        words = words[:-2]
    every, words = _count_weeks(words)
    weekly = _parse_weekly(words)
    if every == 1:
        return weekly
    return replace(weekly, every=every, anchor=anchor - timedelta(days=anchor.weekday()))


def _count_weeks(words: list[str]) -> tuple[int, list[str]]:
    """`week ...` -> 1, `other week ...` -> 2, `3 weeks ...` -> 3, `tue 10:00` -> 1."""
    if words[:1] == ["week"]:
        return 1, words[1:]
    if words[:2] == ["other", "week"]:
        return 2, words[2:]
    if not words or not words[0].lstrip("-").isdigit():
        return 1, words
    if words[1:2] not in (["week"], ["weeks"]):
        raise CadenceError(Text("`every {n}` must be followed by `weeks`", n=words[0]))
    if not 1 <= int(words[0]) <= MAX_WEEKS:
        raise CadenceError(
            Text("every {n} weeks is out of range (1-{most} weeks)", n=words[0], most=MAX_WEEKS)
        )
    return int(words[0]), words[2:]


def _parse_monthly(words: list[str]) -> Monthly:
    if len(words) == 3 and words[0] in _NTH:
        return Monthly(at=parse_time(words[2]), nth=_NTH[words[0]], weekday=parse_day(words[1]))
    if len(words) == 3 and words[0] in {"5th", "fifth"}:
        raise CadenceError(
            Text("not every month has a 5th weekday; use `last`"), accepted=MONTHLY_FORMS
        )
    day = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", words[0]) if len(words) == 2 else None
    if day is None:
        raise CadenceError(
            Text("can't read `monthly {words}`", words=" ".join(words)), accepted=MONTHLY_FORMS
        )
    if not 1 <= int(day[1]) <= 28:
        raise CadenceError(
            Text("day {day} is not in every month (use 1-28)", day=day[1]), accepted=MONTHLY_FORMS
        )
    return Monthly(at=parse_time(words[1]), day=int(day[1]))


def _parse_cron(words: list[str]) -> Cron:
    if len(words) != 5:
        raise CadenceError(Text("cron needs 5 fields, got {n}", n=len(words)), accepted=CRON_FORMS)
    rule = Cron((words[0], words[1], words[2], words[3], words[4]))
    if not rule.triggers:
        raise CadenceError(
            Text("cron `{fields}` never fires", fields=" ".join(words)), accepted=CRON_FORMS
        )
    return rule


def _parse_rule(text: str, anchor: date) -> Rule:
    words = _words(text)
    if not words:
        raise CadenceError(Text("no cadence given"))
    head, rest = words[0], words[1:]
    if head == "cron":
        return _parse_cron(rest)
    if head == "every":
        return _parse_every(rest, anchor)
    if "from" in words:
        raise CadenceError(Text("`from <date>` only goes with `every N weeks`"))
    if head == "monthly":
        return _parse_monthly(rest)
    return _parse_weekly(rest if head == "weekly" else words)


def parse_cadence(text: str, *, timezone: str, anchor: date | None = None) -> Cadence:
    """Parse what the admin typed. ``anchor`` fixes which weeks `every N weeks` fires in
    (the Monday of its week; default 2024-01-01) unless the text says ``from <date>``."""
    rule = _parse_rule(text, anchor or DEFAULT_ANCHOR)
    return Cadence(text=rule.text(), timezone=timezone)


@dataclass(frozen=True)
class Cadence:
    """A validated cadence; constructing one parses and normalises ``text`` and ``timezone``."""

    text: str  # normalised, e.g. "tue,thu 10:00"
    timezone: str  # canonical IANA name
    _rule: Rule = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rule = _parse_rule(self.text, DEFAULT_ANCHOR)
        object.__setattr__(self, "text", rule.text())
        object.__setattr__(self, "timezone", resolve_timezone(self.timezone))
        object.__setattr__(self, "_rule", rule)

    def describe(self, locale: str = "en") -> str:
        """In plain words, e.g. "Tuesdays and Thursdays at 10:00 (Asia/Seoul)"."""
        return f"{self._rule.describe(locale)} ({self.timezone})"

    def fire_times(self, *, after: datetime, until: datetime) -> Iterator[datetime]:
        """Aware UTC fire times in ``(after, until]``, ascending, before any skipping."""
        _require_aware(after=after, until=until)
        return self._fire_times(after.astimezone(UTC), until.astimezone(UTC))

    def _fire_times(self, after: datetime, until: datetime) -> Iterator[datetime]:
        zone = ZoneInfo(self.timezone)
        wall_after = after.astimezone(zone).replace(tzinfo=UTC, fold=0)
        last = after
        for wall in _walls(self._rule.triggers, wall_after - _DST_MARGIN):
            if not self._rule.keeps(wall.date()):
                continue
            instant = wall.replace(tzinfo=zone).astimezone(UTC)  # fold=0, see module doc
            if instant > until + _DST_MARGIN:
                return
            if last < instant <= until:
                last = instant
                yield instant


def _walls(triggers: tuple[Any, ...], start: datetime) -> Iterator[datetime]:
    return heapq.merge(*(_walk(trigger, start) for trigger in triggers))


def _walk(trigger: Any, start: datetime) -> Iterator[datetime]:
    now = start
    while (fire := trigger.get_next_fire_time(None, now)) is not None:
        yield fire
        now = fire + timedelta(seconds=1)


def _require_aware(**moments: datetime) -> None:
    for name, moment in moments.items():
        if moment.utcoffset() is None:
            raise ValueError(f"{name} must be a timezone-aware datetime, got {moment!r}")
