"""The admin setup modal: channels and schedules per group, the digest, language, holidays.

Each group's schedule comes back as separate fields (days, time, timezone, questions per
round, reminder, close, weekly cap); ``apply`` turns them into the same ``ScheduleSpec``
that ``/persona schedule`` builds, keeping the options the modal does not show (anonymous,
weekend, holidays, skip dates, answers wanted) and a cadence it cannot show (monthly, every
N weeks, cron) when the admin keeps it. ``check`` returns field errors by block id (nothing
saved); changes take effect at the next clock tick, without a restart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.rounds import schedules
from bot.rounds.cadence import parse_cadence
from bot.rounds.calendar import CadenceError, Calendar, parse_days, parse_time, resolve_timezone
from bot.setup.view import CAP_RANGE, DAYS, QUESTIONS_RANGE, ScheduleFields
from bot.slack.blocks import (
    CAP_BLOCK,
    CLOSE_BLOCK,
    DAYS_BLOCK,
    DIGEST,
    DIGEST_CHANNEL_BLOCK,
    ERROR_TEXT,
    KEEP,
    QUESTIONS_BLOCK,
    REMIND_BLOCK,
    TIME_BLOCK,
    TIMEZONE_BLOCK,
)
from bot.slack.words import word
from questions import LOCALES
from storage import Channel, DigestSchedule, Schedule, queries
from storage.models import Workspace

MAX_HOURS = 30 * 24  # reminder and close: at most 30 days
# The options the modal sets; every other option of a saved schedule is kept as it is.
FORM_OPTIONS = ("questions", "cap", "remind", "close")
_WHOLE = re.compile(r"^\s*\d{1,4}\s*$")


@dataclass(frozen=True)
class SetupForm:
    channels: Mapping[str, Sequence[str]]  # group -> channel ids, for the groups shown
    schedules: Mapping[str, ScheduleFields]  # group -> its schedule fields
    digest_channel: str | None
    digest: ScheduleFields  # its days, time and timezone (the rest is unused)
    locale: str
    holidays: str
    errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Current:
    channels: dict[str, list[str]]
    schedules: dict[str, ScheduleFields]
    digest_channel: str | None
    digest: ScheduleFields
    locale: str
    holidays: str | None


class FieldError(Exception):
    """A value only the save could refuse, with the block to show it under."""

    def __init__(self, block: str, error: UserError) -> None:
        super().__init__(str(error))
        self.block, self.error = block, error


@dataclass(frozen=True)
class _Parsed:
    cadence: str  # "tue,thu 10:00", or KEEP
    timezone: str | None
    options: dict[str, str]


def current(
    *, session: Session, team_id: str, default_locale: str, default_holidays: str | None
) -> Current:
    workspace = queries.workspace(session, team_id=team_id)
    channels: dict[str, list[str]] = {}
    for slack_id, group in session.execute(
        select(Channel.slack_id, Channel.group).where(
            Channel.workspace_id == workspace.id, Channel.group.is_not(None)
        )
    ):
        channels.setdefault(str(group), []).append(slack_id)
    found = {
        s.group: fields_of(s)
        for s in session.scalars(select(Schedule).where(Schedule.workspace_id == workspace.id))
    }
    digest = session.scalar(
        select(DigestSchedule).where(DigestSchedule.workspace_id == workspace.id)
    )
    return Current(
        channels=channels,
        schedules=found,
        digest_channel=digest.channel if digest else None,
        digest=_when_fields(digest.cadence, digest.timezone) if digest else ScheduleFields(),
        locale=workspace.locale or default_locale,
        holidays=workspace.holiday_country or default_holidays,
    )


def fields_of(schedule: Schedule) -> ScheduleFields:
    """A saved schedule as the modal's fields; a cadence other than "days and a time"
    (monthly, every N weeks, cron) is offered as kept."""
    return replace(
        _when_fields(schedule.cadence, schedule.timezone),
        questions=str(schedule.questions_per_round),
        remind_hours=_hours(schedule.reminder_minutes),
        close_hours=_hours(schedule.close_minutes),
        cap=str(schedule.weekly_cap),
    )


def _when_fields(cadence: str, timezone: str) -> ScheduleFields:
    """A cadence as days, a time and a timezone; any other kind is offered as kept."""
    weekly = _weekly(cadence)
    if weekly is None:
        at = cadence.split()[-1]
        time = at if re.fullmatch(r"\d{2}:\d{2}", at) else "10:00"
        return ScheduleFields(days=(KEEP,), time=time, timezone=timezone, keep=cadence)
    days, time = weekly
    return ScheduleFields(days=days, time=time, timezone=timezone)


def _weekly(cadence: str) -> tuple[tuple[str, ...], str] | None:
    """("tue", "thu"), "10:00" for "tue,thu 10:00"; None for any other kind of cadence."""
    words = cadence.split()
    if len(words) != 2:
        return None
    try:
        days, at = parse_days(words[0]), parse_time(words[1])
    except (CadenceError, UserError):
        return None
    return tuple(DAYS[d] for d in sorted(days)), f"{at:%H:%M}"


def _hours(minutes: int) -> str:
    return f"{round(minutes / 60, 2):g}"


def check(
    form: SetupForm, *, default_timezone: str, now: datetime, locale: str = "en"
) -> dict[str, str]:
    """Field errors by block id, in ``locale``; empty when everything can be saved."""
    errors: dict[str, str] = {}
    for group, fields in form.schedules.items():
        _parse_group(group, fields, locale=locale, errors=errors)
    found = len(errors)
    when = _when(DIGEST, form.digest, locale=locale, errors=errors)
    if len(errors) == found and bool(form.digest_channel) != bool(when):
        missing = DAYS_BLOCK.format(group=DIGEST) if form.digest_channel else DIGEST_CHANNEL_BLOCK
        errors[missing] = word(locale, "error_digest")
    if form.locale not in LOCALES:
        errors["locale"] = word(locale, "error_locale")
    if form.holidays.strip() and form.holidays.strip().lower() not in ("none", "off"):
        try:
            Calendar(holiday_country=form.holidays.strip().upper())
        except (CadenceError, UserError) as error:
            errors["holidays"] = _said(error, locale)
    return errors


def _said(error: Exception, locale: str) -> str:
    text = error.render(locale) if isinstance(error, UserError) else str(error)
    return text[:ERROR_TEXT]


def _parse_group(
    group: str, fields: ScheduleFields, *, locale: str, errors: dict[str, str]
) -> _Parsed | None:
    """The group's cadence, zone and options, or None (not asked, or errors added)."""

    def block(kind: str) -> str:
        return kind.format(group=group)

    found = len(errors)
    when = _when(group, fields, locale=locale, errors=errors)
    if when is None and len(errors) == found:
        return None  # no days: the group is not asked
    questions = _whole(fields.questions, 1, QUESTIONS_RANGE, block(QUESTIONS_BLOCK), locale, errors)
    cap = _whole(fields.cap, 2, CAP_RANGE, block(CAP_BLOCK), locale, errors)
    remind = _minutes(fields.remind_hours, 24 * 60, block(REMIND_BLOCK), locale, errors)
    close = _minutes(fields.close_hours, 3 * 24 * 60, block(CLOSE_BLOCK), locale, errors)
    if questions and cap and cap < questions:
        errors[block(CAP_BLOCK)] = word(locale, "error_cap", questions=questions)
    if remind and close and close <= remind:
        errors[block(CLOSE_BLOCK)] = word(locale, "error_close", hours=_hours(remind))
    if len(errors) > found or when is None:
        return None
    cadence, zone = when
    options = {"questions": str(questions), "cap": str(cap)}
    options |= {"remind": f"{remind}m", "close": f"{close}m"}
    return _Parsed(cadence=cadence, timezone=zone, options=options)


def _when(
    group: str, fields: ScheduleFields, *, locale: str, errors: dict[str, str]
) -> tuple[str, str | None] | None:
    """The cadence ("tue,thu 10:00", or KEEP) and zone of the days, time and timezone
    fields; None when no days are chosen, or when they are wrong (errors added)."""

    def block(kind: str) -> str:
        return kind.format(group=group)

    days = [d for d in fields.days if d in (*DAYS, KEEP)]
    if not days:
        return None
    found = len(errors)
    cadence = KEEP
    if KEEP in days and len(days) > 1:
        errors[block(DAYS_BLOCK)] = word(locale, "error_keep")
    elif KEEP not in days:
        try:
            at = parse_time(fields.time.strip())
            cadence = ",".join(d for d in DAYS if d in days) + f" {at:%H:%M}"
        except (CadenceError, UserError):
            errors[block(TIME_BLOCK)] = word(locale, "error_time")
    zone: str | None = None
    if fields.timezone.strip():
        try:
            zone = resolve_timezone(fields.timezone)
        except (CadenceError, UserError):
            errors[block(TIMEZONE_BLOCK)] = word(locale, "error_timezone")
    return None if len(errors) > found else (cadence, zone)


def _whole(
    value: str,
    default: int,
    limits: tuple[int, int],
    block: str,
    locale: str,
    errors: dict[str, str],
) -> int | None:
    """The number typed (``default`` when empty); None when wrong (error added)."""
    if not value.strip():
        return default
    low, high = limits
    if _WHOLE.match(value) and low <= int(value) <= high:
        return int(value)
    errors[block] = word(locale, "error_whole", low=low, high=high)
    return None


def _minutes(
    value: str, default: int, block: str, locale: str, errors: dict[str, str]
) -> int | None:
    """Hours typed, in minutes (``default`` when empty); None when wrong (error added)."""
    if not value.strip():
        return default
    try:
        hours = float(value)
    except ValueError:
        hours = math.nan
    if math.isfinite(hours) and 0 < hours <= MAX_HOURS and round(hours * 60) >= 1:
        return round(hours * 60)
    errors[block] = word(locale, "error_hours", most=MAX_HOURS)
    return None


def apply(
    *,
    session: Session,
    team_id: str,
    form: SetupForm,
    user_id: str,
    now: datetime,
    default_timezone: str,
) -> list[str]:
    """Save a checked form; returns the channel ids newly mapped (to join). A value that
    only the save can refuse raises ``FieldError`` (the caller rolls back)."""
    workspace = queries.workspace(session, team_id=team_id)
    holidays = form.holidays.strip().upper() or None
    workspace.locale = form.locale
    workspace.holiday_country = None if holidays in ("NONE", "OFF") else holidays
    added = _map_channels(session, workspace, form.channels, now)
    for group, fields in form.schedules.items():
        _save_group(
            session,
            workspace,
            team_id=team_id,
            group=group,
            fields=fields,
            user_id=user_id,
            now=now,
            default_timezone=default_timezone,
        )
    _digest(session, workspace, form, user_id=user_id, now=now, default_timezone=default_timezone)
    return added


def spec_for(
    group: str, fields: ScheduleFields, *, saved: Schedule | None
) -> schedules.ScheduleSpec | None:
    """What ``/persona schedule`` would store for these fields: None when no days are
    chosen (or a kept cadence is gone). ``saved`` is the group's schedule today, whose
    other options (and kept cadence) carry over. Raises ``ValueError`` on fields that
    ``check`` refuses."""
    errors: dict[str, str] = {}
    parsed = _parse_group(group, fields, locale="en", errors=errors)
    if errors:
        raise ValueError("; ".join(f"{k}: {v}" for k, v in errors.items()))
    if parsed is None:
        return None
    before = schedules.parse_spec(group, schedules.spec_text(saved)) if saved else None
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


def _save_group(
    session: Session,
    workspace: Workspace,
    *,
    team_id: str,
    group: str,
    fields: ScheduleFields,
    user_id: str,
    now: datetime,
    default_timezone: str,
) -> None:
    saved = session.scalar(
        select(Schedule).where(Schedule.workspace_id == workspace.id, Schedule.group == group)
    )
    spec = spec_for(group, fields, saved=saved)
    if spec is None:
        schedules.remove(session=session, team_id=team_id, group=group)
        return
    try:
        schedules.save(
            session=session,
            team_id=team_id,
            spec=spec,
            created_by=user_id,
            now=now,
            default_timezone=default_timezone,
            default_holidays=workspace.holiday_country,
        )
    except UserError as error:
        raise FieldError(DAYS_BLOCK.format(group=group), error) from error


def _map_channels(
    session: Session, workspace: Workspace, chosen: Mapping[str, Sequence[str]], now: datetime
) -> list[str]:
    """Map the chosen channels; a channel of a group shown but no longer chosen is unmapped
    (groups the modal did not show keep theirs)."""
    wanted = {channel: group for group, ids in chosen.items() for channel in ids}
    added = []
    for row in session.scalars(
        select(Channel).where(Channel.workspace_id == workspace.id, Channel.group.in_(chosen))
    ):
        if row.slack_id not in wanted:
            row.group, row.mapped_at = None, now
    for slack_id, group in wanted.items():
        row = queries.channel(session, workspace=workspace, slack_id=slack_id)
        if row.group != group:
            row.group, row.mapped_at = group, now
            added.append(slack_id)
    return added


def _digest(
    session: Session,
    workspace: Workspace,
    form: SetupForm,
    *,
    user_id: str,
    now: datetime,
    default_timezone: str,
) -> None:
    digest = session.scalar(
        select(DigestSchedule).where(DigestSchedule.workspace_id == workspace.id)
    )
    when = _when(DIGEST, form.digest, locale="en", errors={})
    if not form.digest_channel or when is None:
        if digest is not None:
            session.delete(digest)
        return
    text, zone = when
    if text == KEEP:
        if digest is None:
            return
        text = digest.cadence
    cadence = parse_cadence(text, timezone=zone or default_timezone, anchor=now.date())
    if digest is None:
        digest = DigestSchedule(workspace_id=workspace.id)
        session.add(digest)
    digest.channel, digest.cadence, digest.timezone = (
        form.digest_channel,
        cadence.text,
        cadence.timezone,
    )
    digest.created_by, digest.effective_from = user_id, now
