"""The three kinds of cadence rule (weekly or every N weeks, monthly, cron): their
normalised text, their description in plain words (en/ko), and the APScheduler triggers
that compute their wall-clock fire times (``bot.rounds.cadence`` parses them and places
those times in the zone)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cached_property
from typing import Any, TypeAlias

from apscheduler.triggers.cron import CronTrigger

from bot.i18n import N_, Text, t
from bot.rounds.calendar import (
    CRON_FORMS,
    DAY_NAMES,
    EVERY_DAY,
    WEEKDAYS,
    CadenceError,
    cron_weekdays,
    days_text,
)

__all__ = ["DEFAULT_ANCHOR", "Cron", "Monthly", "Rule", "Weekly"]

DEFAULT_ANCHOR = date(2024, 1, 1)
_NTH_TEXT = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}
_NTH_WORDS = {
    1: N_("monthly on the first {weekday} at {time}"),
    2: N_("monthly on the second {weekday} at {time}"),
    3: N_("monthly on the third {weekday} at {time}"),
    4: N_("monthly on the fourth {weekday} at {time}"),
    -1: N_("monthly on the last {weekday} at {time}"),
}
_DAY_OF_MONTH = {
    "st": N_("monthly on the {day}st at {time}"),
    "nd": N_("monthly on the {day}nd at {time}"),
    "rd": N_("monthly on the {day}rd at {time}"),
    "th": N_("monthly on the {day}th at {time}"),
}
_DAY_WORDS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
_DAYS_WORDS = (
    N_("Mondays"),
    N_("Tuesdays"),
    N_("Wednesdays"),
    N_("Thursdays"),
    N_("Fridays"),
    N_("Saturdays"),
    N_("Sundays"),
)
_PROBE_FROM, _PROBE_UNTIL = datetime(2024, 1, 1, tzinfo=UTC), datetime(2036, 1, 1, tzinfo=UTC)


def _join(words: list[str], locale: str) -> str:
    if len(words) == 1:
        return words[0]
    return t(locale, "{items} and {last}", items=", ".join(words[:-1]), last=words[-1])


def _day_names(days: frozenset[int], table: tuple[str, ...], locale: str) -> str:
    names = []
    for day in sorted(days):
        name = table[day]
        names.append(t(locale, name))
    return _join(names, locale)


def _trigger(**fields: str | int) -> Any:
    """A UTC (floating wall-clock) CronTrigger, or None if it never fires in 2024-2035."""
    try:
        probe = CronTrigger(**fields, timezone=UTC, end_date=_PROBE_UNTIL)
    except ValueError as exc:
        raise CadenceError(
            Text("bad cron expression ({detail})", detail=str(exc)), accepted=CRON_FORMS
        ) from exc
    if probe.get_next_fire_time(None, _PROBE_FROM) is None:
        return None
    return CronTrigger(**fields, timezone=UTC)


@dataclass(frozen=True)
class Weekly:
    days: frozenset[int]
    at: time
    every: int = 1
    anchor: date = DEFAULT_ANCHOR  # a Monday: fires in its week and every `every` weeks after

    def text(self) -> str:
        base = f"{days_text(self.days)} {self.at:%H:%M}"
        return base if self.every == 1 else f"every {self.every} weeks {base} from {self.anchor}"

    def describe(self, locale: str) -> str:
        at = f"{self.at:%H:%M}"
        if self.every != 1:
            days = _day_names(self.days, _DAY_WORDS, locale)
            return t(
                locale,
                "every {every} weeks on {days} at {time}",
                every=self.every,
                days=days,
                time=at,
            )
        if self.days == EVERY_DAY:
            return t(locale, "every day at {time}", time=at)
        if self.days == WEEKDAYS:
            return t(locale, "weekdays at {time}", time=at)
        days = _day_names(self.days, _DAYS_WORDS, locale)
        return t(locale, "{days} at {time}", days=days, time=at)

    @cached_property
    def triggers(self) -> tuple[Any, ...]:
        dow = ",".join(DAY_NAMES[d][:3] for d in sorted(self.days))
        return (_trigger(day_of_week=dow, hour=self.at.hour, minute=self.at.minute),)

    def keeps(self, day: date) -> bool:
        weeks = (day - self.anchor).days // 7
        return weeks >= 0 and weeks % self.every == 0


@dataclass(frozen=True)
class Monthly:
    at: time
    nth: int = 0  # 1..4 or -1 (last), with `weekday`; 0 when `day` is used
    weekday: int = 0
    day: int = 0  # day of month, 1..28

    def text(self) -> str:
        if not self.nth:
            return f"monthly {self.day} {self.at:%H:%M}"
        return f"monthly {_NTH_TEXT[self.nth]} {DAY_NAMES[self.weekday][:3]} {self.at:%H:%M}"

    def describe(self, locale: str) -> str:
        at = f"{self.at:%H:%M}"
        if not self.nth:
            suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(self.day, "th")
            message = _DAY_OF_MONTH[suffix]
            return t(locale, message, day=self.day, time=at)
        message, weekday = _NTH_WORDS[self.nth], _DAY_WORDS[self.weekday]
        return t(locale, message, weekday=t(locale, weekday), time=at)

    @cached_property
    def triggers(self) -> tuple[Any, ...]:
        day = f"{_NTH_TEXT[self.nth]} {DAY_NAMES[self.weekday][:3]}" if self.nth else self.day
        return (_trigger(day=day, hour=self.at.hour, minute=self.at.minute),)

    def keeps(self, day: date) -> bool:
        return True


@dataclass(frozen=True)
class Cron:
    fields: tuple[str, str, str, str, str]  # minute hour day month day-of-week (0/7 = Sunday)

    def text(self) -> str:
        return "cron " + " ".join(self.fields)

    def describe(self, locale: str) -> str:
        return t(locale, "on the cron schedule `{fields}`", fields=" ".join(self.fields))

    @cached_property
    def triggers(self) -> tuple[Any, ...]:
        minute, hour, day, month, dow = self.fields
        common = {"minute": minute, "hour": hour, "month": month}
        weekdays = cron_weekdays(dow)
        if day.startswith("*") or dow.startswith("*"):
            found = [_trigger(**common, day=day, day_of_week=weekdays)]
        else:  # standard cron: when both are restricted, either one matching is enough
            found = [_trigger(**common, day=day), _trigger(**common, day_of_week=weekdays)]
        return tuple(t for t in found if t is not None)

    def keeps(self, day: date) -> bool:
        return True


Rule: TypeAlias = Weekly | Monthly | Cron
