"""The setup form's rules speak in fields of the form, not in Block Kit ids."""

from __future__ import annotations

from bot.setup.fields import DIGEST, WORKSPACE, FormField, ScheduleFields, SetupForm
from bot.setup.form import check


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
