"""``/persona schedule``: when each group's channels are asked, and how hard."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.i18n import N_, Text, nt, t
from bot.rounds.cadence import parse_cadence
from bot.rounds.calendar import (
    DAY_NAMES,
    CadenceError,
    Calendar,
    parse_weekend,
    split_timezone,
)
from bot.rounds.claims import cadence_of, calendar_of
from bot.rounds.timetable import next_runs
from bot.slack.dates import WEEKDAY_TIME, in_zone, slack_date
from storage import Channel, Round, Schedule, queries

OPTIONS = {  # option -> what it does (N_: translate with ``t(locale, OPTIONS[name])``)
    "questions": N_("questions per round, 1-5 (default 1)"),
    "remind": N_("nudge after, e.g. 4h or 1d (default 1d)"),
    "close": N_("close after, e.g. 3d (default 3d)"),
    "cap": N_("most questions per channel per week (default 2)"),
    "wanted": N_("answers wanted before no nudge is needed (default 3)"),
    "weekend": N_("weekend days, e.g. sat,sun or fri-sat or none"),
    "holidays": N_("country whose public holidays are skipped, e.g. KR, or none"),
    "skip": N_("dates to skip, e.g. 2026-12-24,2026-12-31"),
    "anonymous": N_("yes: authors are never shown in digests, exports or commands"),
}
_WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
_ROUND_STATUS = {"retry": N_("retry"), "failed": N_("failed")}
_OPTION = re.compile(r"^([a-z]+)=(\S+)$")
_DURATION = re.compile(r"^(\d+)([mhd])$")


class ScheduleError(UserError):
    """A schedule that cannot be saved; says what is wrong and what works. Raised with a
    ``Text`` (or the ``text`` of a ``CadenceError``), rendered in the reader's locale."""


@dataclass(frozen=True)
class ScheduleSpec:
    group: str
    cadence: str
    timezone: str | None
    options: dict[str, str] = field(default_factory=dict)


def parse_spec(group: str, text: str) -> ScheduleSpec:
    """Split ``<cadence> [timezone] [key=value ...]`` (options may appear anywhere)."""
    options: dict[str, str] = {}
    words = []
    for word in text.split():
        match = _OPTION.match(word.lower())
        if match:
            if match.group(1) not in OPTIONS:
                known = ", ".join(f"`{k}=`" for k in OPTIONS)
                raise ScheduleError(
                    Text(
                        "Unknown option `{option}=`. Options: {known}.",
                        option=match.group(1),
                        known=known,
                    )
                )
            options[match.group(1)] = word.split("=", 1)[1]
        else:
            words.append(word)
    try:
        cadence, timezone = split_timezone(" ".join(words))
    except CadenceError as error:
        raise ScheduleError(error.text) from None
    if not cadence:
        raise ScheduleError(Text("Say when to ask, e.g. `tue,thu 10:00`."))
    return ScheduleSpec(group=group, cadence=cadence, timezone=timezone, options=options)


def save(
    *,
    session: Session,
    team_id: str,
    spec: ScheduleSpec,
    created_by: str,
    now: datetime,
    default_timezone: str,
    default_holidays: str | None,
) -> Schedule:
    """Create or replace the group's schedule after checking every value. The change takes
    effect from ``now``: rounds already due are not posted again. The caller commits."""
    timezone = spec.timezone or default_timezone
    try:
        cadence = parse_cadence(spec.cadence, timezone=timezone, anchor=now.date())
    except CadenceError as error:
        raise ScheduleError(error.text) from None
    values = _options(spec.options, default_holidays=default_holidays)
    workspace = queries.workspace(session, team_id=team_id)
    schedule = session.scalar(
        select(Schedule).where(Schedule.workspace_id == workspace.id, Schedule.group == spec.group)
    )
    if schedule is None:
        schedule = Schedule(workspace_id=workspace.id, group=spec.group)
        session.add(schedule)
    schedule.cadence, schedule.timezone = cadence.text, cadence.timezone
    for name, value in values.items():
        setattr(schedule, name, value)
    schedule.created_by, schedule.effective_from, schedule.updated_at = created_by, now, now
    session.flush()
    return schedule


def remove(*, session: Session, team_id: str, group: str) -> bool:
    workspace = queries.workspace(session, team_id=team_id)
    schedule = session.scalar(
        select(Schedule).where(Schedule.workspace_id == workspace.id, Schedule.group == group)
    )
    if schedule is None:
        return False
    session.delete(schedule)
    return True


def render(*, session: Session, team_id: str, now: datetime, locale: str = "en") -> str:
    """Every schedule in plain words with its next three runs and its channels."""
    workspace = queries.workspace(session, team_id=team_id)
    schedules = session.scalars(
        select(Schedule).where(Schedule.workspace_id == workspace.id).order_by(Schedule.group)
    ).all()
    if not schedules:
        return t(
            locale,
            "No schedules yet. Example: `/persona schedule sales tue,thu 10:00 Asia/Seoul "
            "questions=1 cap=2`.",
        )
    lines = [t(locale, "*Schedules*")]
    for s in schedules:
        lines.append(schedule_text(session=session, schedule=s, now=now, locale=locale))
    return "\n".join(lines)


def spec_text(schedule: Schedule) -> str:
    """The schedule as the text that sets it again, options included."""
    days = ",".join(DAY_NAMES[d][:3] for d in sorted(schedule.weekend)) or "none"
    parts = [
        schedule.cadence,
        schedule.timezone,
        f"questions={schedule.questions_per_round}",
        f"cap={schedule.weekly_cap}",
        f"remind={schedule.reminder_minutes}m",
        f"close={schedule.close_minutes}m",
        f"wanted={schedule.wanted_answers}",
        f"weekend={days}",
        f"holidays={schedule.holiday_country or 'none'}",
    ]
    if schedule.skip_dates:
        parts.append("skip=" + ",".join(schedule.skip_dates))
    if schedule.anonymous:
        parts.append("anonymous=yes")
    return " ".join(parts)


def render_all(*, session: Session, now: datetime) -> list[str]:
    """For ``personabot check``: every workspace's schedules with their next runs, as plain
    terminal text (channels by name, no Slack markup; times in each schedule's own zone:
    a terminal has no Slack reader)."""
    rows = session.scalars(select(Schedule).order_by(Schedule.workspace_id, Schedule.group))
    lines = [schedule_text(session=session, schedule=s, now=now, in_slack=False) for s in rows]
    names = {c.slack_id: c.name for c in session.scalars(select(Channel)) if c.name}
    plain = [_terminal(line, names) for line in lines]
    return ["schedules:", *plain] if plain else ["schedules: none yet"]


def _terminal(mrkdwn: str, names: dict[str, str]) -> str:
    text = re.sub(r"<#([A-Z0-9]+)(?:\|[^>]*)?>", lambda m: "#" + names.get(m[1], m[1]), mrkdwn)
    return re.sub(r"\*([^*\n]+)\*", r"\1", text)


def schedule_text(
    *,
    session: Session,
    schedule: Schedule,
    now: datetime,
    locale: str = "en",
    in_slack: bool = True,
) -> str:
    """One schedule in the reader's ``locale``: cadence, limits, channels, next runs. In
    Slack, times use Slack's date formatting (each reader sees their own zone); elsewhere
    they are in the schedule's zone, named."""
    cadence = cadence_of(schedule)
    runs = next_runs(cadence=cadence, calendar=calendar_of(schedule), after=now, count=3)
    zone = schedule.timezone
    shown = [_slack_run(r, zone) if in_slack else _run(r, zone, locale) for r in runs]
    when = ", ".join(shown) or t(locale, "none found")
    channels = session.scalars(
        select(Channel.slack_id).where(
            Channel.workspace_id == schedule.workspace_id, Channel.group == schedule.group
        )
    ).all()
    where = " ".join(f"<#{c}>" for c in channels) or t(locale, "no channel mapped yet")
    failed = session.scalars(
        select(Round)
        .where(Round.schedule_id == schedule.id, Round.status.in_(("retry", "failed")))
        .order_by(Round.due_at.desc())
        .limit(3)
    ).all()
    extra = "".join(
        "\n    "
        + t(
            locale,
            "⚠ {due} in {channel}: {status} ({reason})",
            due=slack_date(r.due_at, zone=zone) if in_slack else in_zone(r.due_at, zone),
            channel=f"<#{r.channel.slack_id}>",
            status=_status(r.status, locale),
            reason=r.reason,
        )
        for r in failed
    )
    questions = nt(
        locale, "{n} question a round", "{n} questions a round", schedule.questions_per_round
    )
    anonymous = t(locale, "; anonymous answers") if schedule.anonymous else ""
    line = t(
        locale,
        "• *{group}*: {cadence}; {questions}, at most {cap} a week per channel{anonymous}; "
        "in {channels}.",
        group=schedule.group,
        cadence=cadence.describe(locale),
        questions=questions,
        cap=schedule.weekly_cap,
        anonymous=anonymous,
        channels=where,
    )
    return line + "\n    " + t(locale, "next: {runs}", runs=when) + extra


def _run(moment: datetime, zone: str, locale: str) -> str:
    local = moment.astimezone(ZoneInfo(zone))
    weekday = _WEEKDAYS[local.weekday()]
    return t(
        locale,
        "{weekday} {day} {time}",
        weekday=t(locale, weekday),
        day=f"{local:%Y-%m-%d}",
        time=f"{local:%H:%M} {zone}",
    )


def _slack_run(moment: datetime, zone: str) -> str:
    return slack_date(moment, form=WEEKDAY_TIME, zone=zone)


def _status(status: str, locale: str) -> str:
    known = _ROUND_STATUS.get(status)
    return t(locale, known) if known else status


def _options(raw: dict[str, str], *, default_holidays: str | None) -> dict[str, object]:
    values: dict[str, object] = {"holiday_country": default_holidays}
    for name, value in raw.items():
        values.update(_option(name, value))
    questions = int(str(values.get("questions_per_round", 1)))
    cap = int(str(values.get("weekly_cap", 2)))
    if cap < questions:
        raise ScheduleError(
            Text(
                "The weekly cap ({cap}) is below the questions per round "
                "({questions}); raise `cap=` or lower `questions=`.",
                cap=cap,
                questions=questions,
            )
        )
    remind, close = (
        values.get("reminder_minutes", 24 * 60),
        values.get("close_minutes", 3 * 24 * 60),
    )
    if int(str(remind)) >= int(str(close)):
        raise ScheduleError(
            Text("The reminder must come before the close: e.g. `remind=1d close=3d`.")
        )
    return values


def _option(name: str, value: str) -> dict[str, object]:
    if name in ("questions", "cap", "wanted"):
        column, low, high = {
            "questions": ("questions_per_round", 1, 5),
            "cap": ("weekly_cap", 1, 20),
            "wanted": ("wanted_answers", 1, 50),
        }[name]
        if not value.isdigit() or not low <= int(value) <= high:
            raise ScheduleError(
                Text(
                    "`{option}=` takes a whole number from {low} to {high}.",
                    option=name,
                    low=low,
                    high=high,
                )
            )
        return {column: int(value)}
    if name == "anonymous":
        if value.lower() not in ("yes", "no", "on", "off", "true", "false"):
            raise ScheduleError(Text("`anonymous=` takes yes or no."))
        return {"anonymous": value.lower() in ("yes", "on", "true")}
    if name in ("remind", "close"):
        match = _DURATION.match(value.lower())
        if not match or int(match.group(1)) == 0:
            raise ScheduleError(
                Text("`{option}=` takes a duration such as 30m, 4h or 2d.", option=name)
            )
        minutes = int(match.group(1)) * {"m": 1, "h": 60, "d": 24 * 60}[match.group(2)]
        return {"reminder_minutes" if name == "remind" else "close_minutes": minutes}
    try:
        if name == "weekend":
            return {"weekend": sorted(parse_weekend(value))}
        if name == "holidays":
            country = None if value.lower() in ("none", "off") else value.upper()
            Calendar(holiday_country=country)  # validates the code
            return {"holiday_country": country}
    except CadenceError as error:
        raise ScheduleError(error.text) from None
    return {"skip_dates": _dates(value)}


def _dates(value: str) -> list[str]:
    out = []
    for part in value.split(","):
        try:
            out.append(date.fromisoformat(part).isoformat())
        except ValueError:
            raise ScheduleError(
                Text("`skip=` takes dates like 2026-12-24,2026-12-31 (not `{part}`).", part=part)
            ) from None
    return sorted(set(out))
