"""Due times and next runs: a cadence applied to a calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.rounds.cadence import parse_cadence
from bot.rounds.calendar import Calendar
from bot.rounds.timetable import due_times, next_runs


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_due_times_reports_every_fire_time_with_its_reason() -> None:
    cadence = parse_cadence("tue,thu 10:00", timezone="Asia/Seoul")
    calendar = Calendar(holiday_country="KR", skip_dates=frozenset({date(2026, 9, 29)}))
    got = list(
        due_times(
            cadence=cadence, calendar=calendar, after=utc(2026, 9, 20), until=utc(2026, 10, 2)
        )
    )
    assert got == [
        (utc(2026, 9, 22, 1), None),
        (utc(2026, 9, 24, 1), "holiday: 추석 전날"),
        (utc(2026, 9, 29, 1), "skip date"),
        (utc(2026, 10, 1, 1), None),
    ]


def test_next_runs_gives_three_future_runs_after_skips() -> None:
    cadence = parse_cadence("daily 10:00", timezone="Asia/Seoul")
    calendar = Calendar(holiday_country="KR", skip_dates=frozenset({date(2026, 9, 28)}))
    runs = next_runs(cadence=cadence, calendar=calendar, after=utc(2026, 9, 23, 2))
    # 24-25 Chuseok, 26-27 weekend, 28 skip date
    assert runs == [utc(2026, 9, 29, 1), utc(2026, 9, 30, 1), utc(2026, 10, 1, 1)]


def test_next_runs_count_and_every_other_week() -> None:
    cadence = parse_cadence("every 2 weeks fri 15:00 from 2026-12-14", timezone="UTC")
    calendar = Calendar(holiday_country="US")  # 2027-01-01 is New Year's Day
    runs = next_runs(cadence=cadence, calendar=calendar, after=utc(2026, 12, 1), count=4)
    assert runs == [
        utc(2026, 12, 18, 15),
        utc(2027, 1, 15, 15),
        utc(2027, 1, 29, 15),
        utc(2027, 2, 12, 15),
    ]
    assert next_runs(cadence=cadence, calendar=calendar, after=utc(2026, 12, 1), count=0) == []


def test_next_runs_gives_up_after_about_three_years() -> None:
    cadence = parse_cadence("monthly 15 10:00", timezone="UTC")
    fifteenths = {date(2026 + i // 12, i % 12 + 1, 15) for i in range(12 * 5)}
    fifteenths -= {date(2028, 6, 15), date(2030, 6, 15)}
    calendar = Calendar(weekend=frozenset(), skip_dates=frozenset(fifteenths))
    assert next_runs(cadence=cadence, calendar=calendar, after=utc(2026, 1, 1)) == [
        utc(2028, 6, 15, 10)
    ]


def test_next_runs_skips_whole_days_quickly() -> None:
    cadence = parse_cadence("cron */5 * * * *", timezone="UTC")
    skipped = frozenset(date(2026, 1, 1) + timedelta(days=n) for n in range(30))
    runs = next_runs(
        cadence=cadence,
        calendar=Calendar(weekend=frozenset(), skip_dates=skipped),
        after=utc(2026, 1, 1),
    )
    assert runs == [utc(2026, 1, 31, 0, 0), utc(2026, 1, 31, 0, 5), utc(2026, 1, 31, 0, 10)]
