"""The setup form's rules speak in fields of the form, not in Block Kit ids."""

from __future__ import annotations

from bot.setup.fields import DIGEST, WORKSPACE, FormField, ScheduleFields, SetupForm
from bot.setup.form import check, retention_days
from bot.slack.words import word


def test_check_names_each_wrong_field_by_part_and_name() -> None:
    form = SetupForm(
        channels={},
        schedules={"sales": ScheduleFields(days=("tue",), time="25:00", cap="0")},
        digest_channel="C9",
        digest=ScheduleFields(),
        locale="fr",
        holidays="",
    )
    assert set(check(form)) == {
        FormField("sales", "time"),
        FormField("sales", "cap"),
        FormField(DIGEST, "days"),
        FormField(WORKSPACE, "locale"),
    }
    fine = SetupForm(
        channels={"sales": ["C1"]},
        schedules={"sales": ScheduleFields(days=("tue",), time="10:00")},
        digest_channel=None,
        digest=ScheduleFields(),
        locale="en",
        holidays="KR",
    )
    assert check(fine) == {}


def test_retention_days_are_empty_for_forever_or_a_whole_number_from_1_to_3650() -> None:
    def form(days: str) -> SetupForm:
        return SetupForm(
            channels={},
            schedules={},
            digest_channel=None,
            digest=ScheduleFields(),
            locale="en",
            holidays="",
            retention_days=days,
        )

    for fine, days in (("", None), ("  ", None), ("1", 1), (" 90 ", 90), ("3650", 3650)):
        assert check(form(fine)) == {}
        assert retention_days(form(fine)) == days
    for bad in ("0", "3651", "-5", "1.5", "ninety", "1e3", "99999"):
        errors = check(form(bad), locale="en")
        assert errors == {FormField(WORKSPACE, "retention"): "Enter a whole number from 1 to 3650."}
        korean = check(form(bad), locale="ko")[FormField(WORKSPACE, "retention")]
        assert korean == word("ko", "error_whole", low=1, high=3650)
        assert korean != errors[FormField(WORKSPACE, "retention")]
