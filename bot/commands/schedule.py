"""``/persona schedule``: list the schedules, set one group's schedule, or remove it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from bot.commands.caller import Caller
from bot.commands.grammar import ListSchedules, RemoveSchedule, SetSchedule
from bot.i18n import t
from bot.rounds import schedules
from storage import queries


def list_schedules(command: ListSchedules, *, session: Session, caller: Caller) -> str:
    """Every schedule with its next runs and channels."""
    return schedules.render(
        session=session, team_id=caller.team_id, now=datetime.now(UTC), locale=caller.locale
    )


def set_schedule(command: SetSchedule, *, session: Session, caller: Caller) -> str:
    """Save the group's schedule (the workspace's holidays unless it names others); the reply
    shows it as saved."""
    now = datetime.now(UTC)
    settings = caller.settings
    saved = schedules.save(
        session=session,
        team_id=caller.team_id,
        spec=command.spec,
        created_by=caller.user_id,
        now=now,
        default_timezone=settings.timezone,
        default_holidays=queries.holidays_of(
            session, team_id=caller.team_id, default=settings.holiday_country
        ),
    )
    shown = schedules.schedule_text(session=session, schedule=saved, now=now, locale=caller.locale)
    return t(caller.locale, "Saved.") + "\n" + shown


def remove_schedule(command: RemoveSchedule, *, session: Session, caller: Caller) -> str:
    """Remove the group's schedule: no more rounds for it."""
    if schedules.remove(session=session, team_id=caller.team_id, group=command.group):
        return t(
            caller.locale,
            "The *{group}* schedule is removed; no more rounds for it.",
            group=command.group,
        )
    return t(caller.locale, "There is no *{group}* schedule.", group=command.group)
