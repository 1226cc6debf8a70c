"""The setup modal: its inputs per group, the digest and the workspace, in en and ko."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.setup.fields import DIGEST, KEEP, WORKSPACE, FormField, ScheduleFields
from bot.setup.view import error_blocks, read_setup, setup_modal
from bot.slack import words
from questions.model import GROUPS
from tests.bot.blockkit import HANGUL, LOCALES, Json, all_text, check_view
from tests.handlers.test_home import as_sent


def setup(locale: str) -> Json:
    return setup_modal(
        groups_channels={"sales": ["C1", "C2"], "customers": ["C3"]},
        schedules={
            "sales": ScheduleFields(
                days=("tue", "thu"),
                time="10:30",
                timezone="America/Boise",
                questions="2",
                remind_hours="1.5",
                close_hours="72",
                cap="3",
            ),
            "leadership": ScheduleFields(days=("keep",), keep="monthly 1st mon 09:30"),
        },
        digest_channel="C9",
        digest=ScheduleFields(days=("mon",), time="09:00", timezone="Asia/Seoul"),
        locale_value="ko",
        holidays="KR",
        timezone="Asia/Seoul",
        locale=locale,
        retention_days=90,
    )


VIEWS: dict[str, Callable[[str], Json]] = {"setup": setup}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", sorted(VIEWS))
def test_views_are_valid_inert_and_localised(name: str, locale: str) -> None:
    view = VIEWS[name](locale)
    check_view(view)
    text = all_text(view).replace("한국어", "")  # the language picker names itself
    assert bool(HANGUL.search(text)) == (locale == "ko")


SCHEDULE_KINDS = ("days", "time", "timezone", "questions", "remind", "close", "cap")


def test_setup_modal_inputs() -> None:
    view = setup("en")
    ids = [b["block_id"] for b in view["blocks"] if b["type"] == "input"]
    per_group = [f"{kind}_{g}" for g in GROUPS for kind in ("channels", *SCHEDULE_KINDS)]
    digest = ["digest_channel", "days_digest", "time_digest", "timezone_digest"]
    assert ids == [*per_group, *digest, "locale", "holidays", "retention"]
    blocks = {b["block_id"]: b for b in view["blocks"] if "block_id" in b}
    assert blocks["channels_sales"]["element"]["initial_conversations"] == ["C1", "C2"]
    assert "initial_conversations" not in blocks["channels_marketing"]["element"]
    elements = {kind: blocks[f"{kind}_sales"]["element"] for kind in SCHEDULE_KINDS}
    assert elements["days"]["type"] == "multi_static_select"
    assert [o["value"] for o in elements["days"]["options"]] == [
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    ]
    assert [o["value"] for o in elements["days"]["initial_options"]] == ["tue", "thu"]
    assert [o["text"]["text"] for o in elements["days"]["initial_options"]] == [
        "Tuesday",
        "Thursday",
    ]
    assert (elements["time"]["type"], elements["time"]["initial_time"]) == ("timepicker", "10:30")
    assert elements["timezone"]["initial_option"]["value"] == "America/Boise"  # not in the list
    zones = [o["value"] for o in elements["timezone"]["options"]]
    assert zones[:3] == ["America/Boise", "Asia/Seoul", "UTC"]
    assert len(zones) == len(set(zones)) <= 100
    numbers = {k: elements[k] for k in ("questions", "remind", "close", "cap")}
    assert {k: e["type"] for k, e in numbers.items()} == dict.fromkeys(numbers, "number_input")
    assert {k: e["initial_value"] for k, e in numbers.items()} == {
        "questions": "2",
        "remind": "1.5",
        "close": "72",
        "cap": "3",
    }
    assert (numbers["questions"]["min_value"], numbers["questions"]["max_value"]) == ("1", "5")
    assert (numbers["cap"]["min_value"], numbers["cap"]["max_value"]) == ("1", "20")
    assert numbers["remind"]["is_decimal_allowed"] is True
    assert numbers["questions"]["is_decimal_allowed"] is False
    # a group without a schedule: no days, the defaults, the default zone
    assert "initial_options" not in blocks["days_marketing"]["element"]
    assert blocks["timezone_marketing"]["element"]["initial_option"]["value"] == "Asia/Seoul"
    assert blocks["questions_marketing"]["element"]["initial_value"] == "1"
    # a cadence the fields cannot show is offered as kept, and chosen
    kept = blocks["days_leadership"]["element"]
    assert kept["options"][0]["value"] == "keep"
    assert "monthly 1st mon 09:30" in kept["options"][0]["text"]["text"]
    assert [o["value"] for o in kept["initial_options"]] == ["keep"]
    assert blocks["locale"]["element"]["initial_option"]["value"] == "ko"
    assert blocks["digest_channel"]["element"]["initial_conversation"] == "C9"
    assert blocks["holidays"]["element"]["initial_value"] == "KR"
    assert [o["value"] for o in blocks["days_digest"]["element"]["initial_options"]] == ["mon"]
    assert blocks["timezone_digest"]["element"]["initial_option"]["value"] == "Asia/Seoul"
    assert len(view["blocks"]) == 1 + 9 * len(GROUPS) + 5 + 3
    many = {f"group{i:02}": ["C1"] for i in range(80)}
    crowded = setup_modal(
        groups_channels=many,
        schedules={},
        digest_channel=None,
        digest=ScheduleFields(),
        locale_value="xx",
        holidays=None,
        timezone="UTC",
        locale="en",
    )
    check_view(crowded)
    assert crowded["blocks"][-1]["block_id"] == "retention"  # groups trimmed, not the workspace


def test_setup_modal_in_korean() -> None:
    view = setup("ko")
    blocks = {b["block_id"]: b for b in view["blocks"] if "block_id" in b}
    days = blocks["days_sales"]["element"]
    assert [o["text"]["text"] for o in days["initial_options"]] == [
        words.word("ko", "day_tue"),
        words.word("ko", "day_thu"),
    ]
    assert HANGUL.search(words.word("ko", "day_tue"))
    assert blocks["questions_sales"]["label"]["text"] == words.word("ko", "questions_label")
    assert view["title"]["text"] == words.word("ko", "setup_title")


def test_a_submitted_modal_reads_back_as_the_form_it_showed() -> None:
    view = setup("en")
    form = read_setup({**view, "state": {"values": as_sent(view)}})
    assert list(form.channels) == list(GROUPS)
    assert form.channels["sales"] == ["C1", "C2"]
    assert form.channels["marketing"] == []
    assert form.schedules["sales"] == ScheduleFields(
        days=("tue", "thu"),
        time="10:30",
        timezone="America/Boise",
        questions="2",
        remind_hours="1.5",
        close_hours="72",
        cap="3",
    )
    assert form.schedules["leadership"].days == (KEEP,)
    assert (form.digest_channel, form.digest.days, form.digest.time) == ("C9", ("mon",), "09:00")
    assert (form.locale, form.holidays) == ("ko", "KR")
    assert form.retention_days == "90"


def test_retention_is_an_optional_whole_number_of_days_empty_when_unset() -> None:
    view = setup("en")
    [days] = [b for b in view["blocks"] if b.get("block_id") == "retention"]
    assert days["optional"] is True
    assert days["label"]["text"] == "Keep answer text for (days)"
    assert "forever" in days["hint"]["text"]
    element = days["element"]
    assert element["type"] == "number_input"
    assert (element["min_value"], element["max_value"]) == ("1", "3650")
    assert element["is_decimal_allowed"] is False
    assert element["initial_value"] == "90"
    unset = setup_modal(
        groups_channels={},
        schedules={},
        digest_channel=None,
        digest=ScheduleFields(),
        locale_value="en",
        holidays=None,
        timezone="UTC",
        locale="ko",
    )
    [days] = [b for b in unset["blocks"] if b.get("block_id") == "retention"]
    assert "initial_value" not in days["element"]
    assert days["label"]["text"] == "답변 원문 보관 기간(일)"
    assert read_setup({**unset, "state": {"values": as_sent(unset)}}).retention_days == ""


def test_the_forms_errors_go_under_their_inputs() -> None:
    errors = {
        FormField("sales", "cap"): "too many",
        FormField(DIGEST, "days"): "pick days",
        FormField(DIGEST, "channel"): "pick a channel",
        FormField(WORKSPACE, "locale"): "en or ko",
        FormField(WORKSPACE, "holidays"): "h" * 400,
        FormField(WORKSPACE, "retention"): "1 to 3650",
    }
    assert error_blocks(errors) == {
        "cap_sales": "too many",
        "days_digest": "pick days",
        "digest_channel": "pick a channel",
        "locale": "en or ko",
        "holidays": "h" * 300,
        "retention": "1 to 3650",
    }
