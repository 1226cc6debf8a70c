"""The admin setup form in domain terms, and its rules.

Per group: its channels and schedule fields (days, time, timezone, questions per round,
reminder, close, weekly cap); then the digest's channel and days, time and timezone, the
workspace language, the holiday country and how long answer text is kept. ``check``
returns what is wrong, field by field (``FormField``: which part of the form, which
field), in the admin's language; nothing is saved. ``spec_for`` turns a group's fields
into the same ``ScheduleSpec`` that ``/persona schedule`` builds. Block Kit (block ids,
reading a submitted view, showing these errors under their inputs) is ``bot.setup.view``'s;
saving is ``bot.setup.saving``'s.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.errors import UserError
from bot.rounds import schedules
from bot.rounds.calendar import CadenceError, Calendar, parse_time, resolve_timezone
from bot.setup.fields import (
    CAP_RANGE,
    DAYS,
    DIGEST,
    FORM_OPTIONS,
    KEEP,
    MAX_HOURS,
    QUESTIONS_RANGE,
    RETENTION_RANGE,
    WORKSPACE,
    FormField,
    ScheduleFields,
    SetupForm,
)
from bot.slack.words import word
from questions import LOCALES

_WHOLE = re.compile(r"^\s*\d{1,4}\s*$")


class FieldError(Exception):
    """A value only the save could refuse, with the field to show it under."""

    def __init__(self, field: FormField, error: UserError) -> None:
        super().__init__(str(error))
        self.field, self.error = field, error


@dataclass(frozen=True)
class _Parsed:
    cadence: str  # "tue,thu 10:00", or KEEP
    timezone: str | None
    options: dict[str, str]


def hours(minutes: int) -> str:
    """Minutes as the hours the form shows ("1.5")."""
    return f"{round(minutes / 60, 2):g}"


def check(form: SetupForm, *, locale: str = "en") -> dict[FormField, str]:
    """What is wrong, by field, in ``locale``; empty when everything can be saved."""
    errors: dict[FormField, str] = {}
    for group, fields in form.schedules.items():
        _parse_group(group, fields, locale=locale, errors=errors)
    found = len(errors)
    when = digest_when(form.digest, locale=locale, errors=errors)
    if len(errors) == found and bool(form.digest_channel) != bool(when):
        name = "days" if form.digest_channel else "channel"
        errors[FormField(DIGEST, name)] = word(locale, "error_digest")
    if form.locale not in LOCALES:
        errors[FormField(WORKSPACE, "locale")] = word(locale, "error_locale")
    if form.holidays.strip() and form.holidays.strip().lower() not in ("none", "off"):
        try:
            Calendar(holiday_country=form.holidays.strip().upper())
        except (CadenceError, UserError) as error:
            text = error.render(locale) if isinstance(error, UserError) else str(error)
            errors[FormField(WORKSPACE, "holidays")] = text
    try:
        retention_days(form)
    except ValueError:
        low, high = RETENTION_RANGE
        errors[FormField(WORKSPACE, "retention")] = word(locale, "error_whole", low=low, high=high)
    return errors


def retention_days(form: SetupForm) -> int | None:
    """How many days answer text is kept; None (the field left empty) keeps it forever.
    Raises ``ValueError`` when it is not a whole number within ``RETENTION_RANGE``."""
    value = form.retention_days.strip()
    if not value:
        return None
    low, high = RETENTION_RANGE
    if _WHOLE.match(value) and low <= int(value) <= high:
        return int(value)
    raise ValueError(f"retention days: {value!r}")


def spec_for(
    group: str, fields: ScheduleFields, *, saved: str | None
) -> schedules.ScheduleSpec | None:
    """What ``/persona schedule`` would store for these fields: None when no days are
    chosen (or a kept cadence is gone). ``saved`` is the group's schedule today (as
    ``schedules.spec_text`` writes it), whose
    other options (and kept cadence) carry over. Raises ``ValueError`` on fields that
    ``check`` refuses."""
    errors: dict[FormField, str] = {}
    parsed = _parse_group(group, fields, locale="en", errors=errors)
    if errors:
        raise ValueError("; ".join(f"{k.part} {k.name}: {v}" for k, v in errors.items()))
    if parsed is None:
        return None
    before = schedules.parse_spec(group, saved) if saved else None
    kept = {k: v for k, v in (before.options if before else {}).items() if k not in FORM_OPTIONS}
    cadence = parsed.cadence
    if cadence == KEEP:
        if before is None:
            return None
        cadence = before.cadence
    return schedules.ScheduleSpec(
        group=group,
        cadence=cadence,
        timezone=parsed.timezone,
        options={**kept, **parsed.options},
    )


def digest_when(
    fields: ScheduleFields, *, locale: str, errors: dict[FormField, str]
) -> tuple[str, str | None] | None:
    """The digest's cadence ("mon 09:00", or KEEP) and zone; None when no days are chosen,
    or when they are wrong (errors added)."""
    return _when(DIGEST, fields, locale=locale, errors=errors)


def _parse_group(
    group: str, fields: ScheduleFields, *, locale: str, errors: dict[FormField, str]
) -> _Parsed | None:
    """The group's cadence, zone and options, or None (not asked, or errors added)."""
    found = len(errors)
    when = _when(group, fields, locale=locale, errors=errors)
    if when is None and len(errors) == found:
        return None  # no days: the group is not asked
    at = {name: FormField(group, name) for name in ("questions", "cap", "remind", "close")}
    questions = _whole(fields.questions, 1, QUESTIONS_RANGE, at["questions"], locale, errors)
    cap = _whole(fields.cap, 2, CAP_RANGE, at["cap"], locale, errors)
    remind = _minutes(fields.remind_hours, 24 * 60, at["remind"], locale, errors)
    close = _minutes(fields.close_hours, 3 * 24 * 60, at["close"], locale, errors)
    if questions and cap and cap < questions:
        errors[at["cap"]] = word(locale, "error_cap", questions=questions)
    if remind and close and close <= remind:
        errors[at["close"]] = word(locale, "error_close", hours=hours(remind))
    if len(errors) > found or when is None:
        return None
    cadence, zone = when
    options = {"questions": str(questions), "cap": str(cap)}
    options |= {"remind": f"{remind}m", "close": f"{close}m"}
    return _Parsed(cadence=cadence, timezone=zone, options=options)


def _when(
    part: str, fields: ScheduleFields, *, locale: str, errors: dict[FormField, str]
) -> tuple[str, str | None] | None:
    """The cadence ("tue,thu 10:00", or KEEP) and zone of the days, time and timezone
    fields; None when no days are chosen, or when they are wrong (errors added)."""
    days = [d for d in fields.days if d in (*DAYS, KEEP)]
    if not days:
        return None
    found = len(errors)
    cadence = KEEP
    if KEEP in days and len(days) > 1:
        errors[FormField(part, "days")] = word(locale, "error_keep")
    elif KEEP not in days:
        try:
            at = parse_time(fields.time.strip())
            cadence = ",".join(d for d in DAYS if d in days) + f" {at:%H:%M}"
        except (CadenceError, UserError):
            errors[FormField(part, "time")] = word(locale, "error_time")
    zone: str | None = None
    if fields.timezone.strip():
        try:
            zone = resolve_timezone(fields.timezone)
        except (CadenceError, UserError):
            errors[FormField(part, "timezone")] = word(locale, "error_timezone")
    return None if len(errors) > found else (cadence, zone)


def _whole(
    value: str,
    default: int,
    limits: tuple[int, int],
    field: FormField,
    locale: str,
    errors: dict[FormField, str],
) -> int | None:
    """The number typed (``default`` when empty); None when wrong (error added)."""
    if not value.strip():
        return default
    low, high = limits
    if _WHOLE.match(value) and low <= int(value) <= high:
        return int(value)
    errors[field] = word(locale, "error_whole", low=low, high=high)
    return None


def _minutes(
    value: str, default: int, field: FormField, locale: str, errors: dict[FormField, str]
) -> int | None:
    """Hours typed, in minutes (``default`` when empty); None when wrong (error added)."""
    if not value.strip():
        return default
    try:
        typed = float(value)
    except ValueError:
        typed = math.nan
    if math.isfinite(typed) and 0 < typed <= MAX_HOURS and round(typed * 60) >= 1:
        return round(typed * 60)
    errors[field] = word(locale, "error_hours", most=MAX_HOURS)
    return None
