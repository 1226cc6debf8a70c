from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.rounds.cadence import parse_cadence
from bot.rounds.calendar import (
    CadenceError,
    Calendar,
    holiday_names,
    parse_weekend,
    resolve_timezone,
    split_timezone,
)
from bot.rounds.timetable import due_times


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_default_calendar_skips_saturday_and_sunday_only() -> None:
    calendar = Calendar()
    reasons = [calendar.skip_reason(date(2026, 3, d)) for d in range(2, 9)]
    assert reasons == [None] * 5 + ["weekend", "weekend"]


def test_fri_sat_weekend_skips_fridays_by_local_date() -> None:
    # 08:00 in Seoul is 23:00 UTC the day before: Friday 6 March local is Thursday in UTC
    cadence = parse_cadence("daily 08:00", timezone="Asia/Seoul")
    calendar = Calendar(weekend=parse_weekend("fri-sat"))
    got = list(
        due_times(cadence=cadence, calendar=calendar, after=utc(2026, 3, 4), until=utc(2026, 3, 8))
    )
    assert got == [
        (utc(2026, 3, 4, 23), None),  # Thursday 5th local
        (utc(2026, 3, 5, 23), "weekend"),  # Friday 6th local
        (utc(2026, 3, 6, 23), "weekend"),  # Saturday 7th local
        (utc(2026, 3, 7, 23), None),  # Sunday 8th local
    ]


def test_korean_holidays_skip_the_chuseok_period_with_korean_names() -> None:
    calendar = Calendar(holiday_country="kr")
    assert calendar.holiday_country == "KR"
    assert calendar.skip_reason(date(2026, 9, 24)) == "holiday: 추석 전날"
    assert calendar.skip_reason(date(2026, 9, 25)) == "holiday: 추석"
    assert calendar.skip_reason(date(2026, 9, 26)) == "weekend"  # a Saturday: weekend wins
    assert calendar.skip_reason(date(2026, 2, 17)) == "holiday: 설날"
    assert calendar.skip_reason(date(2026, 9, 23)) is None


def test_us_independence_day() -> None:
    assert (
        Calendar(holiday_country="US").skip_reason(date(2025, 7, 4)) == "holiday: Independence Day"
    )
    no_weekend = Calendar(weekend=frozenset(), holiday_country="US")
    assert no_weekend.skip_reason(date(2026, 7, 4)) == "holiday: Independence Day"  # a Saturday
    assert no_weekend.skip_reason(date(2026, 7, 3)) == "holiday: Independence Day (observed)"


def test_subdivision_holidays() -> None:
    california = Calendar(holiday_country="US", holiday_subdivision="ca")
    assert california.holiday_subdivision == "CA"
    assert california.skip_reason(date(2026, 3, 31)) == "holiday: Cesar Chavez Day"
    assert Calendar(holiday_country="US").skip_reason(date(2026, 3, 31)) is None


def test_skip_dates() -> None:
    calendar = Calendar(skip_dates=frozenset({date(2026, 3, 3)}))
    assert calendar.skip_reason(date(2026, 3, 3)) == "skip date"
    assert calendar.skip_reason(date(2026, 3, 4)) is None


def test_holidays_are_cached_per_country_subdivision_and_year() -> None:
    first = holiday_names("KR", None, 2027)
    assert holiday_names("KR", None, 2027) is first
    assert holiday_names("KR", None, 2028) is not first


@pytest.mark.parametrize(
    ("text", "days"),
    [("sat,sun", {5, 6}), ("Fri-Sat", {4, 5}), ("fri", {4}), ("none", set()), ("sun", {6})],
)
def test_parse_weekend(text: str, days: set[int]) -> None:
    assert parse_weekend(text) == frozenset(days)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "caturday",
            "bad weekend: unknown day `caturday` (did you mean `sat`?); "
            "days are mon, tue, wed, thu, fri, sat, sun",
        ),
        ("daily", "a weekend of all seven days leaves no day to post on"),
        ("", "bad weekend: no days given"),
    ],
)
def test_bad_weekend(text: str, problem: str) -> None:
    with pytest.raises(CadenceError) as caught:
        parse_weekend(text)
    assert str(caught.value) == f"{problem}. Accepted: `sat,sun`, `fri-sat`, `fri`, `none`."


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"holiday_country": "XX"},
            "unknown holiday country `XX` (did you mean `XK`?). Accepted: a two",
        ),
        (
            {"holiday_country": "US", "holiday_subdivision": "ZZ"},
            "unknown subdivision `ZZ` of US. Accepted: for US: `AK`",
        ),
        ({"holiday_subdivision": "CA"}, "a holiday subdivision needs a holiday country"),
        ({"weekend": frozenset({7})}, "weekend days must be 0-6 (Monday=0), got [7]"),
    ],
)
def test_bad_calendar(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(CadenceError) as caught:
        Calendar(**kwargs)  # type: ignore[arg-type]
    assert str(caught.value).startswith(message)


def test_timezones() -> None:
    assert resolve_timezone(" asia/seoul ") == "Asia/Seoul"
    assert resolve_timezone("utc") == "UTC"
    assert split_timezone("tue,thu 10:00 Asia/Seoul") == ("tue,thu 10:00", "Asia/Seoul")
    assert split_timezone("mon 9:00 utc") == ("mon 9:00", "utc")
    assert split_timezone("mon 9:00 Asia/Soeul") == ("mon 9:00", "Asia/Soeul")  # resolved later
    assert split_timezone("cron */15 * * * *") == ("cron */15 * * * *", None)
    assert split_timezone("monthly last fri 16:00") == ("monthly last fri 16:00", None)


def test_calendar_errors_are_explained_in_the_readers_language() -> None:
    with pytest.raises(CadenceError) as caught:
        parse_weekend("caturday")
    assert caught.value.render("ko") == (
        "잘못된 주말 설정: 알 수 없는 요일 `caturday` (혹시 `sat`인가요?); "
        "요일은 mon, tue, wed, thu, fri, sat, sun으로 씁니다. "
        "쓸 수 있는 형식: `sat,sun`, `fri-sat`, `fri`, `none`."
    )
    with pytest.raises(CadenceError) as caught:
        Calendar(holiday_country="US", holiday_subdivision="ZZ")
    assert caught.value.render("ko").startswith(
        "US에 없는 지역 `ZZ`. 쓸 수 있는 형식: US의 지역: `AK`"
    )
