"""The setup form and the database: the saved setup as the form shows it (``current``), and
saving a checked form (``apply``): channels mapped, each group's schedule saved as
``/persona schedule`` would, keeping the options the form does not show (anonymous, weekend,
holidays, skip dates, answers wanted) and a cadence it cannot show (monthly, every N weeks,
cron) when the admin keeps it; then the digest's schedule, the language, holidays and how
long answer text is kept (``bot.personal.retention`` drops older text once a day).
Changes take effect at the next clock tick, without a restart."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.rounds import schedules
from bot.rounds.cadence import parse_cadence
from bot.rounds.calendar import CadenceError, parse_days, parse_time
from bot.setup.fields import DAYS, KEEP, FormField, ScheduleFields, SetupForm
from bot.setup.form import FieldError, digest_when, hours, retention_days, spec_for
from storage import Channel, DigestSchedule, Schedule, queries
from storage.models import Workspace


@dataclass(frozen=True)
class Current:
    channels: dict[str, list[str]]
    schedules: dict[str, ScheduleFields]
    digest_channel: str | None
    digest: ScheduleFields
    locale: str
    holidays: str | None
    retention_days: int | None = None  # None: answer text is kept forever


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
        retention_days=workspace.retention_days,
    )


def fields_of(schedule: Schedule) -> ScheduleFields:
    """A saved schedule as the form's fields; a cadence other than "days and a time"
    (monthly, every N weeks, cron) is offered as kept."""
    return replace(
        _when_fields(schedule.cadence, schedule.timezone),
        questions=str(schedule.questions_per_round),
        remind_hours=hours(schedule.reminder_minutes),
        close_hours=hours(schedule.close_minutes),
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
    workspace.retention_days = retention_days(form)  # the clock's next sweep applies it
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
    spec = spec_for(group, fields, saved=schedules.spec_text(saved) if saved else None)
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
        raise FieldError(FormField(group, "days"), error) from error


def _map_channels(
    session: Session, workspace: Workspace, chosen: Mapping[str, Sequence[str]], now: datetime
) -> list[str]:
    """Map the chosen channels; a channel of a group shown but no longer chosen is unmapped
    (groups the form did not show keep theirs)."""
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
    when = digest_when(form.digest, locale="en", errors={})
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
