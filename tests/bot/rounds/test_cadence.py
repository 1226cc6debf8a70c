from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.rounds.cadence import Cadence, parse_cadence
from bot.rounds.calendar import ACCEPTED_FORMS, CRON_FORMS, CadenceError


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def fires(text: str, start: datetime, end: datetime, tz: str = "UTC", **kw: date) -> list[datetime]:
    return list(parse_cadence(text, timezone=tz, **kw).fire_times(after=start, until=end))


def test_tue_thu_seoul_over_two_weeks() -> None:
    # 2026-03-02 is a Monday; 10:00 KST is 01:00 UTC the same day
    assert fires("tue,thu 10:00", utc(2026, 3, 1), utc(2026, 3, 15), "Asia/Seoul") == [
        utc(2026, 3, 3, 1),
        utc(2026, 3, 5, 1),
        utc(2026, 3, 10, 1),
        utc(2026, 3, 12, 1),
    ]


def test_window_is_open_at_after_and_closed_at_until() -> None:
    assert fires("tue,thu 10:00", utc(2026, 3, 3, 1), utc(2026, 3, 5, 1), "Asia/Seoul") == [
        utc(2026, 3, 5, 1)
    ]


def test_every_two_weeks_alternates_across_a_year_boundary() -> None:
    # ISO weeks would break here (2026 has a week 53); counting from the anchor does not.
    got = fires(
        "every 2 weeks fri 15:00", utc(2026, 12, 1), utc(2027, 2, 1), anchor=date(2026, 12, 16)
    )
    assert got == [
        utc(2026, 12, 18, 15),
        utc(2027, 1, 1, 15),
        utc(2027, 1, 15, 15),
        utc(2027, 1, 29, 15),
    ]


def test_every_n_weeks_stores_the_monday_of_the_anchor_week() -> None:
    cadence = parse_cadence("Every other week FRI 15:00", timezone="UTC", anchor=date(2026, 12, 16))
    assert cadence.text == "every 2 weeks fri 15:00 from 2026-12-14"
    assert cadence.describe() == "every 2 weeks on Friday at 15:00 (UTC)"
    # the text carries the anchor, so a later parse with another default keeps the parity
    assert parse_cadence(cadence.text, timezone="UTC", anchor=date(2026, 12, 21)) == cadence


def test_every_n_weeks_does_not_fire_before_its_anchor_week() -> None:
    got = fires("every 3 weeks mon 09:00 from 2026-03-16", utc(2026, 3, 1), utc(2026, 4, 30))
    assert got == [utc(2026, 3, 16, 9), utc(2026, 4, 6, 9), utc(2026, 4, 27, 9)]


def test_every_week_is_plain_weekly() -> None:
    assert parse_cadence("every week fri 15:00", timezone="UTC").text == "fri 15:00"
    assert parse_cadence("every tue, thu at 10:00", timezone="UTC").text == "tue,thu 10:00"


def test_monthly_first_monday() -> None:
    got = fires("monthly 1st mon 09:30", utc(2026, 1, 1), utc(2026, 7, 1))
    assert got == [
        utc(2026, m, d, 9, 30) for m, d in [(1, 5), (2, 2), (3, 2), (4, 6), (5, 4), (6, 1)]
    ]


def test_monthly_last_friday() -> None:
    got = fires("monthly last fri 16:00", utc(2026, 1, 1), utc(2026, 7, 1), "Europe/London")
    # London is on BST (UTC+1) from 29 March
    assert got == [
        utc(2026, 1, 30, 16),
        utc(2026, 2, 27, 16),
        utc(2026, 3, 27, 16),
        utc(2026, 4, 24, 15),
        utc(2026, 5, 29, 15),
        utc(2026, 6, 26, 15),
    ]


def test_monthly_day_of_month() -> None:
    got = fires("monthly 15th 10:00", utc(2026, 1, 15, 10), utc(2026, 4, 1))
    assert got == [utc(2026, 2, 15, 10), utc(2026, 3, 15, 10)]


def test_weekdays_and_ranges() -> None:
    week = [utc(2026, 3, d, 10) for d in range(2, 7)]
    assert fires("weekdays 10:00", utc(2026, 3, 1), utc(2026, 3, 8)) == week
    assert fires("mon - wed 10:00", utc(2026, 3, 1), utc(2026, 3, 8)) == week[:3]
    assert fires("fri-mon 10:00", utc(2026, 3, 1), utc(2026, 3, 8)) == [
        utc(2026, 3, 1, 10),
        utc(2026, 3, 2, 10),
        utc(2026, 3, 6, 10),
        utc(2026, 3, 7, 10),
    ]


def test_daily() -> None:
    got = fires("daily 8:30", utc(2026, 3, 1), utc(2026, 3, 4))
    assert got == [utc(2026, 3, 1, 8, 30), utc(2026, 3, 2, 8, 30), utc(2026, 3, 3, 8, 30)]


def test_cron_form_uses_standard_weekday_numbers() -> None:
    got = fires("cron 30 9 * * 1-5", utc(2026, 3, 1), utc(2026, 3, 4), "Asia/Seoul")
    assert got == [utc(2026, 3, 2, 0, 30), utc(2026, 3, 3, 0, 30)]
    sundays = fires("cron 0 12 * * 0", utc(2026, 3, 1), utc(2026, 3, 16))
    assert sundays == [utc(2026, 3, 1, 12), utc(2026, 3, 8, 12), utc(2026, 3, 15, 12)]
    assert fires("cron 0 12 * * 7", utc(2026, 3, 1), utc(2026, 3, 16)) == sundays
    assert fires("cron 0 12 * * sun", utc(2026, 3, 1), utc(2026, 3, 16)) == sundays


def test_cron_day_and_weekday_both_set_means_either() -> None:
    got = fires("cron 0 10 1,15 * 1", utc(2026, 3, 1), utc(2026, 3, 17))
    # the 1st (a Sunday), the Mondays, and the 15th (a Sunday)
    assert [t.day for t in got] == [1, 2, 9, 15, 16]


def test_dst_spring_forward_shifts_a_missing_time_by_the_gap() -> None:
    # 2026-03-08 02:30 does not exist in New York: fires once, at 03:30 EDT (07:30 UTC)
    got = fires("daily 02:30", utc(2026, 3, 7), utc(2026, 3, 10), "America/New_York")
    assert got == [utc(2026, 3, 7, 7, 30), utc(2026, 3, 8, 7, 30), utc(2026, 3, 9, 6, 30)]


def test_dst_fall_back_fires_a_repeated_time_once_at_its_first_occurrence() -> None:
    # 2026-11-01 01:30 happens at 05:30 UTC (EDT) and 06:30 UTC (EST): only the first fires
    got = fires("daily 01:30", utc(2026, 10, 31), utc(2026, 11, 3), "America/New_York")
    assert got == [utc(2026, 10, 31, 5, 30), utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30)]


def test_dst_sub_hourly_cron_is_strictly_increasing_through_both_changes() -> None:
    fall = fires("cron */30 * * * *", utc(2026, 11, 1, 4), utc(2026, 11, 1, 8), "America/New_York")
    assert [t.strftime("%H:%M") for t in fall] == [
        "04:30",
        "05:00",
        "05:30",
        "07:00",
        "07:30",
        "08:00",
    ]
    spring = fires("cron */30 * * * *", utc(2026, 3, 8, 5), utc(2026, 3, 8, 8), "America/New_York")
    assert [t.strftime("%H:%M") for t in spring] == [
        "05:30",
        "06:00",
        "06:30",
        "07:00",
        "07:30",
        "08:00",
    ]


def test_fire_times_accepts_any_aware_datetimes_and_rejects_naive() -> None:
    cadence = parse_cadence("daily 10:00", timezone="Asia/Seoul")
    seoul = cadence.fire_times(after=utc(2026, 3, 1).astimezone(), until=utc(2026, 3, 2))
    assert list(seoul) == [utc(2026, 3, 1, 1)]
    with pytest.raises(ValueError, match="timezone-aware"):
        cadence.fire_times(after=datetime(2026, 3, 1), until=utc(2026, 3, 2))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("typed", "text", "described"),
    [
        ("TUE, Thu 10:00", "tue,thu 10:00", "Tuesdays and Thursdays at 10:00 (Asia/Seoul)"),
        ("mon 9:00", "mon 09:00", "Mondays at 09:00 (Asia/Seoul)"),
        (
            "mon-wed at 10:00",
            "mon,tue,wed 10:00",
            "Mondays, Tuesdays and Wednesdays at 10:00 (Asia/Seoul)",
        ),
        ("Weekdays 10:00", "weekdays 10:00", "weekdays at 10:00 (Asia/Seoul)"),
        ("mon-fri 10:00", "weekdays 10:00", "weekdays at 10:00 (Asia/Seoul)"),
        ("daily 08:30", "daily 08:30", "every day at 08:30 (Asia/Seoul)"),
        ("weekly thursdays 17:45", "thu 17:45", "Thursdays at 17:45 (Asia/Seoul)"),
        (
            "every 2 weeks fri 15:00",
            "every 2 weeks fri 15:00 from 2024-01-01",
            "every 2 weeks on Friday at 15:00 (Asia/Seoul)",
        ),
        (
            "monthly 1st mon 09:30",
            "monthly 1st mon 09:30",
            "monthly on the first Monday at 09:30 (Asia/Seoul)",
        ),
        (
            "monthly first Monday 9:30",
            "monthly 1st mon 09:30",
            "monthly on the first Monday at 09:30 (Asia/Seoul)",
        ),
        (
            "Monthly LAST fri 16:00",
            "monthly last fri 16:00",
            "monthly on the last Friday at 16:00 (Asia/Seoul)",
        ),
        (
            "monthly 2nd tue 10:00",
            "monthly 2nd tue 10:00",
            "monthly on the second Tuesday at 10:00 (Asia/Seoul)",
        ),
        ("monthly 22 10:00", "monthly 22 10:00", "monthly on the 22nd at 10:00 (Asia/Seoul)"),
        (
            "cron  0 10  * * 1-5",
            "cron 0 10 * * 1-5",
            "on the cron schedule `0 10 * * 1-5` (Asia/Seoul)",
        ),
    ],
)
def test_normalised_text_description_and_round_trip(typed: str, text: str, described: str) -> None:
    cadence = parse_cadence(typed, timezone="asia/seoul")
    assert (cadence.text, cadence.timezone, cadence.describe()) == (text, "Asia/Seoul", described)
    assert parse_cadence(cadence.text, timezone=cadence.timezone) == cadence
    assert Cadence(text=typed, timezone="Asia/Seoul") == cadence


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "no cadence given"),
        ("   ", "no cadence given"),
        ("tue,thx 10:00", "unknown day `thx` (did you mean `thu`?)"),
        ("wendesday 10:00", "unknown day `wendesday` (did you mean `wed`?)"),
        ("tue 25:00", "`25:00` is not a time of day"),
        ("tue 10:60", "`10:60` is not a time of day"),
        ("tue ten", "expected a time like `10:00` at the end, got `ten`"),
        ("10:00", "expected days then a time"),
        ("every 9 weeks fri 10:00", "every 9 weeks is out of range (1-8 weeks)"),
        ("every 0 weeks fri 10:00", "every 0 weeks is out of range (1-8 weeks)"),
        ("every 2 fri 10:00", "`every 2` must be followed by `weeks`"),
        ("every 2 weeks fri 10:00 from 2026-13-01", "`2026-13-01` is not a date"),
        ("fri 10:00 from 2026-01-05", "`from <date>` only goes with `every N weeks`"),
        ("biweekly fri 10:00", "unknown day `biweekly`"),
    ],
)
def test_bad_input_names_the_problem_and_the_accepted_forms(text: str, problem: str) -> None:
    with pytest.raises(CadenceError) as caught:
        parse_cadence(text, timezone="UTC")
    message = str(caught.value)
    assert problem in message
    assert message.endswith(f"Accepted: {ACCEPTED_FORMS}.")
    assert "\n" not in message


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("cron 0 10 * *", "cron needs 5 fields, got 4"),
        ("cron 0 10 * * * *", "cron needs 5 fields, got 6"),
        ("cron 0 10 30 2 *", "cron `0 10 30 2 *` never fires"),
        ("cron 61 10 * * *", "bad cron expression"),
        ("cron 0 24 * * *", "bad cron expression"),
        ("cron 0 10 * * 8", "cron day-of-week `8` is out of range (0-7)"),
        ("cron 0 10 * * 5-1", "bad cron day-of-week `5-1`"),
    ],
)
def test_bad_cron_says_what_a_cron_looks_like(text: str, problem: str) -> None:
    with pytest.raises(CadenceError) as caught:
        parse_cadence(text, timezone="UTC")
    assert problem in str(caught.value)
    assert str(caught.value).endswith(f"Accepted: {CRON_FORMS}.")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("monthly 31 10:00", "day 31 is not in every month (use 1-28)"),
        ("monthly 5th mon 10:00", "not every month has a 5th weekday; use `last`"),
        ("monthly mon 10:00", "can't read `monthly mon 10:00`"),
    ],
)
def test_bad_monthly_lists_the_monthly_forms(text: str, problem: str) -> None:
    with pytest.raises(CadenceError, match="Accepted: `monthly 1st mon 09:30`") as caught:
        parse_cadence(text, timezone="UTC")
    assert problem in str(caught.value)


def test_unknown_timezone_suggests_the_nearest() -> None:
    with pytest.raises(CadenceError) as caught:
        parse_cadence("mon 10:00", timezone="Asia/Soeul")
    assert str(caught.value) == (
        "unknown timezone `Asia/Soeul` (did you mean `Asia/Seoul`?). "
        "Accepted: an IANA timezone name such as `UTC`, `Asia/Seoul` or `America/New_York`."
    )
    with pytest.raises(CadenceError, match=r"unknown timezone `Mars/Olympus`\. Accepted: an IANA"):
        parse_cadence("mon 10:00", timezone="Mars/Olympus")


@pytest.mark.parametrize(
    ("typed", "korean"),
    [
        ("tue,thu 10:00", "매주 화요일, 목요일 10:00 (Asia/Seoul)"),
        ("weekdays 09:30", "평일 09:30 (Asia/Seoul)"),
        ("daily 08:30", "매일 08:30 (Asia/Seoul)"),
        ("every 2 weeks fri 15:00", "2주마다 금요일 15:00 (Asia/Seoul)"),
        ("monthly 1st mon 09:30", "매월 첫째 주 월요일 09:30 (Asia/Seoul)"),
        ("monthly last fri 16:00", "매월 마지막 금요일 16:00 (Asia/Seoul)"),
        ("monthly 22 10:00", "매월 22일 10:00 (Asia/Seoul)"),
        ("cron 0 10 * * 1-5", "cron 일정 `0 10 * * 1-5` (Asia/Seoul)"),
    ],
)
def test_cadences_are_described_in_the_readers_language(typed: str, korean: str) -> None:
    cadence = parse_cadence(typed, timezone="Asia/Seoul")
    assert cadence.describe("ko") == korean
    assert cadence.describe("en") == cadence.describe()


def test_bad_input_is_explained_in_the_readers_language() -> None:
    from bot.errors import UserError

    with pytest.raises(CadenceError) as caught:
        parse_cadence("cron 0 10 * *", timezone="UTC")
    error = caught.value
    assert isinstance(error, UserError)
    assert isinstance(error, ValueError)
    assert error.render("en") == str(error)
    assert error.render("ko") == (
        "cron에는 필드 5개가 필요한데 4개입니다. 쓸 수 있는 형식: "
        "`cron <minute> <hour> <day> <month> <day-of-week>`, 예: `cron 0 10 * * 1-5`."
    )
    with pytest.raises(CadenceError) as caught:
        parse_cadence("mon 10:00", timezone="Asia/Soeul")
    assert caught.value.render("ko").startswith(
        "알 수 없는 시간대 `Asia/Soeul` (혹시 `Asia/Seoul`인가요?). 쓸 수 있는 형식: `UTC`"
    )
