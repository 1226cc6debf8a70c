"""Schedules: what ``/persona schedule`` stores, and its text."""

from __future__ import annotations

from sqlalchemy import select

from bot.rounds import schedules
from storage import Database, Schedule
from tests.bot.test_clock import MONDAY, TEAM, setup


def test_a_schedules_text_sets_it_again_unchanged(db: Database) -> None:
    setup(
        db,
        "every 2 weeks fri 15:00 Asia/Seoul",
        questions="2",
        cap="3",
        remind="4h",
        close="2d",
        wanted="5",
        weekend="fri-sat",
        holidays="KR",
        skip="2026-12-24",
    )
    with db.session() as session:
        first = session.scalars(select(Schedule)).one()
        text = schedules.spec_text(first)
        before = {
            c: getattr(first, c)
            for c in (
                "cadence",
                "timezone",
                "questions_per_round",
                "weekly_cap",
                "reminder_minutes",
                "close_minutes",
                "wanted_answers",
                "weekend",
                "holiday_country",
                "skip_dates",
            )
        }
    spec = schedules.parse_spec("sales", text)
    with db.session() as session:
        schedules.save(
            session=session,
            team_id=TEAM,
            spec=spec,
            created_by="UADMIN",
            now=MONDAY,
            default_timezone="UTC",
            default_holidays=None,
        )
        again = session.scalars(select(Schedule)).one()
        assert {c: getattr(again, c) for c in before} == before
