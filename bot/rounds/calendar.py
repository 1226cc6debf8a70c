"""The vocabulary of days, times and zones, and which days a round may post on.

Pure apart from the ``holidays`` package and the zone database: no Slack, no database, no
clock. It imports no other module of ``bot.rounds``: ``bot.rounds.cadence`` builds on this
vocabulary, and ``bot.rounds.timetable`` applies a ``Calendar`` to a cadence.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, time
from functools import lru_cache
from zoneinfo import available_timezones

import holidays

from bot.errors import UserError
from bot.i18n import Text

# What works, shown after the problem; ``str()`` of each is the English text.
ACCEPTED_FORMS = Text(
    "`tue,thu 10:00`, `weekdays 10:00`, `daily 08:30`, `every 2 weeks fri 15:00`, "
    "`monthly 1st mon 09:30`, `monthly last fri 16:00`, `monthly 15 10:00`, "
    "`cron 0 10 * * 1-5`"
)
TIMEZONE_FORMS = Text("an IANA timezone name such as `UTC`, `Asia/Seoul` or `America/New_York`")
WEEKEND_FORMS = Text("`sat,sun`, `fri-sat`, `fri`, `none`")
CRON_FORMS = Text("`cron <minute> <hour> <day> <month> <day-of-week>`, e.g. `cron 0 10 * * 1-5`")
COUNTRY_FORMS = Text("a two-letter ISO country code such as `US`, `KR`, `GB` or `DE`")

DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS = frozenset(range(5))
EVERY_DAY = frozenset(range(7))

_DAY_SETS = {"weekdays": WEEKDAYS, "daily": EVERY_DAY, "weekends": frozenset({5, 6})}
_DAYS = {
    **{name: i for i, name in enumerate(DAY_NAMES)},
    **{name + "s": i for i, name in enumerate(DAY_NAMES)},
    **{name[:3]: i for i, name in enumerate(DAY_NAMES)},
    **{"tues": 1, "weds": 2, "thur": 3, "thurs": 3},
}
_ZONE_PATTERN = re.compile(r"[A-Za-z][\w+-]*/[\w+/-]+")


class CadenceError(UserError, ValueError):
    """Bad schedule input: one line for the Slack user, the problem and then what works.

    A ``UserError`` (``render(locale)`` translates it; ``str()`` is the English) and still a
    ``ValueError`` for callers that catch that."""

    def __init__(self, problem: Text, *, accepted: Text = ACCEPTED_FORMS) -> None:
        self.problem = problem
        self.accepted = accepted
        super().__init__(
            Text("{problem}. Accepted: {accepted}.", problem=problem, accepted=accepted)
        )


def parse_day(token: str) -> int:
    """One English day name or abbreviation (any case) -> Monday=0 ... Sunday=6."""
    key = token.strip().lower()
    if key in _DAYS:
        return _DAYS[key]
    close = difflib.get_close_matches(key, [*DAY_NAMES, *_DAYS], n=1, cutoff=0.5)
    hint = _did_you_mean(DAY_NAMES[_DAYS[close[0]]][:3]) if close else ""
    raise CadenceError(
        Text(
            "unknown day `{token}`{hint}; days are mon, tue, wed, thu, fri, sat, sun",
            token=token,
            hint=hint,
        )
    )


def _did_you_mean(suggestion: str) -> Text:
    return Text(" (did you mean `{suggestion}`?)", suggestion=suggestion)


def parse_days(text: str) -> frozenset[int]:
    """``tue,thu``, ``mon-wed`` (ranges may wrap: ``fri-mon``), ``weekdays``, ``daily``."""
    days: set[int] = set()
    for part in re.split(r"[,\s]+", text.strip().lower()):
        if part in _DAY_SETS:
            days |= _DAY_SETS[part]
        elif "-" in part:
            first, _, last = part.partition("-")
            start, stop = parse_day(first), parse_day(last)
            days.update((start + i) % 7 for i in range((stop - start) % 7 + 1))
        elif part and part != "and":
            days.add(parse_day(part))
    if not days:
        raise CadenceError(Text("no days given"))
    return frozenset(days)


def days_text(days: frozenset[int]) -> str:
    named = {EVERY_DAY: "daily", WEEKDAYS: "weekdays"}
    return named.get(days) or ",".join(DAY_NAMES[d][:3] for d in sorted(days))


def parse_time(token: str) -> time:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", token)
    if not match:
        raise CadenceError(
            Text("expected a time like `10:00` at the end, got `{token}`", token=token)
        )
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise CadenceError(
            Text("`{token}` is not a time of day (hours 0-23, minutes 00-59)", token=token)
        )
    return time(hour, minute)


def cron_weekdays(expr: str) -> str:
    """Standard cron day-of-week (0 and 7 = Sunday) -> APScheduler day names (it has 0 = Monday)."""
    if expr.startswith("*") and "/" not in expr:
        return expr
    days: set[int] = set()
    for item in expr.split(","):
        span, _, step = item.partition("/")
        first, _, last = span.partition("-")
        start, stop = (0, 6) if first == "*" else (_cron_day(first), _cron_day(last or first))
        if last and stop == 0:
            stop = 7  # `5-0` means Friday to Sunday, like `5-7`
        if stop < start or not re.fullmatch(r"[1-9]\d*|", step):
            raise CadenceError(
                Text("bad cron day-of-week `{expr}`", expr=expr), accepted=CRON_FORMS
            )
        days.update(n % 7 for n in range(start, stop + 1, int(step or "1")))
    return ",".join(DAY_NAMES[(n - 1) % 7][:3] for n in sorted(days))


def _cron_day(token: str) -> int:
    if not token.isdigit():
        return (parse_day(token) + 1) % 7
    if int(token) > 7:
        raise CadenceError(
            Text("cron day-of-week `{token}` is out of range (0-7)", token=token),
            accepted=CRON_FORMS,
        )
    return int(token)


def parse_weekend(text: str) -> frozenset[int]:
    """``sat,sun``, ``fri-sat``, ``fri`` or ``none`` -> weekday numbers (Monday=0)."""
    if text.strip().lower() in {"none", "no", "-"}:
        return frozenset()
    try:
        days = parse_days(text)
    except CadenceError as exc:
        raise CadenceError(
            Text("bad weekend: {problem}", problem=exc.problem), accepted=WEEKEND_FORMS
        ) from exc
    _check_weekend(days)
    return days


def _check_weekend(days: frozenset[int]) -> None:
    if not days <= EVERY_DAY:
        raise CadenceError(
            Text("weekend days must be 0-6 (Monday=0), got {days}", days=sorted(days))
        )
    if days == EVERY_DAY:
        raise CadenceError(
            Text("a weekend of all seven days leaves no day to post on"), accepted=WEEKEND_FORMS
        )


def resolve_timezone(name: str) -> str:
    """The canonical IANA name for ``name`` (any case), or a CadenceError with a suggestion."""
    text = name.strip()
    zones = _zone_names()
    if text.lower() in zones:
        return zones[text.lower()]
    close = difflib.get_close_matches(text.lower(), zones, n=1, cutoff=0.6)
    hint = _did_you_mean(zones[close[0]]) if close else ""
    if not text:
        raise CadenceError(Text("unknown timezone (empty)"), accepted=TIMEZONE_FORMS)
    raise CadenceError(
        Text("unknown timezone `{zone}`{hint}", zone=text, hint=hint), accepted=TIMEZONE_FORMS
    )


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def split_timezone(text: str) -> tuple[str, str | None]:
    """Split a trailing timezone off command arguments: ``"mon 9:00 Asia/Seoul"`` ->
    ``("mon 9:00", "Asia/Seoul")``. A last word counts if it is a zone name or looks like one
    (``Area/City``), so a misspelt zone still reaches ``resolve_timezone`` for a suggestion."""
    head, _, last = text.strip().rpartition(" ")
    if head and (last.lower() in _zone_names() or _ZONE_PATTERN.fullmatch(last)):
        return head.strip(), last
    return text.strip(), None


@dataclass(frozen=True)
class Calendar:
    """Days on which a due round is skipped. Country codes are normalised to upper case."""

    weekend: frozenset[int] = frozenset({5, 6})  # Monday=0; e.g. {4, 5} for Fri-Sat
    holiday_country: str | None = None  # ISO code for the `holidays` package, e.g. "KR"
    holiday_subdivision: str | None = None
    skip_dates: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        _check_weekend(self.weekend)
        country = self.holiday_country.strip().upper() if self.holiday_country else None
        subdivision = self.holiday_subdivision.strip() if self.holiday_subdivision else None
        if subdivision and not country:
            raise CadenceError(
                Text("a holiday subdivision needs a holiday country"), accepted=COUNTRY_FORMS
            )
        if country:
            subdivision = _check_region(country, subdivision)
        object.__setattr__(self, "holiday_country", country)
        object.__setattr__(self, "holiday_subdivision", subdivision)

    def skip_reason(self, day: date) -> str | None:
        """``"weekend"``, ``"holiday: <name>"``, ``"skip date"`` or None (post)."""
        if day.weekday() in self.weekend:
            return "weekend"
        if self.holiday_country:
            name = holiday_names(self.holiday_country, self.holiday_subdivision, day.year).get(day)
            if name:
                return f"holiday: {name}"
        if day in self.skip_dates:
            return "skip date"
        return None


@lru_cache(maxsize=256)
def holiday_names(country: str, subdivision: str | None, year: int) -> dict[date, str]:
    """Public holidays of one year, in the package's default language (Korean for KR).
    Cached per (country, subdivision, year): building them is slowish. Don't mutate."""
    language = holidays.country_holidays(country, subdiv=subdivision).default_language
    # explicit: left to itself the package picks the language from $LANG etc.
    found = holidays.country_holidays(country, subdiv=subdivision, years=year, language=language)
    return {day: str(name) for day, name in found.items()}


@lru_cache(maxsize=64)
def _check_region(country: str, subdivision: str | None) -> str | None:
    """Validate a country/subdivision pair; returns the subdivision in the package's spelling."""
    supported = holidays.list_supported_countries()
    if country not in supported:
        close = difflib.get_close_matches(country, supported, n=1, cutoff=0.5)
        hint = _did_you_mean(close[0]) if close else ""
        raise CadenceError(
            Text("unknown holiday country `{country}`{hint}", country=country, hint=hint),
            accepted=COUNTRY_FORMS,
        )
    if subdivision is None:
        return None
    known = {code.lower(): code for code in supported[country]}
    if subdivision.lower() in known:
        return known[subdivision.lower()]
    listed = ", ".join(f"`{code}`" for code in sorted(known.values())[:12])
    more = ", …" if len(known) > 12 else ""
    accepted = (
        Text("for {country}: {listed}", country=country, listed=listed + more)
        if known
        else Text("none for {country}", country=country)
    )
    raise CadenceError(
        Text(
            "unknown subdivision `{subdivision}` of {country}",
            subdivision=subdivision,
            country=country,
        ),
        accepted=accepted,
    )
