"""Block Kit view builders: valid for slack_sdk, within Slack's limits, inert user text, en/ko."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.capture.modals import (
    answer_modal,
    job_story_errors,
    job_story_modal,
    link_actions,
    shortcut_modal,
)
from bot.home.view import HomeData, HomePersona, HomePrompt, home_view
from bot.rounds.prompts import prompt_actions
from bot.setup.view import ScheduleFields, setup_modal
from bot.slack import blocks as views
from bot.slack import words
from bot.slack.words import ago
from questions.model import FIELDS, GROUPS

Json = dict[str, Any]
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
EVIL = "Ops <!channel> <@U1> <http://x|y> & co"
RAW = ("<!channel>", "<@U1>", "<http://x|y>")
HANGUL = re.compile(r"[가-힣]")
LOCALES = ("en", "ko")
PERSONAS = [("p1", EVIL), ("p2", "Budget Bob")]


def walk(node: Any) -> Iterator[Json]:
    """Every dict in a view or block tree."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def mrkdwn_texts(node: Any) -> list[str]:
    return [d["text"] for d in walk(node) if d.get("type") == "mrkdwn"]


def all_text(node: Any) -> str:
    return "\n".join(d["text"] for d in walk(node) if isinstance(d.get("text"), str))


def check_limits(blocks: list[Json]) -> None:
    for d in walk(blocks):
        kind = d.get("type")
        if kind == "header":
            assert len(d["text"]["text"]) <= 150
        if kind == "section" and "text" in d:
            assert len(d["text"]["text"]) <= 3000
        if kind == "context":
            assert 1 <= len(d["elements"]) <= 10
        if kind == "input":
            assert len(d["label"]["text"]) <= 2000
        if kind == "button":
            assert len(d["text"]["text"]) <= 75
            assert len(d["value"]) <= 2000
        if kind == "plain_text_input" and "max_length" in d:
            assert d["max_length"] <= 3000
        if "placeholder" in d:
            assert len(d["placeholder"]["text"]) <= 150
        if "options" in d:
            assert 1 <= len(d["options"]) <= 100
            assert all(
                len(o["text"]["text"]) <= 75 and len(o["value"]) <= 150 for o in d["options"]
            )
        for key in ("block_id", "action_id"):
            assert len(d.get(key, "")) <= 255


def check_view(view: Json) -> None:
    """slack_sdk's validators run on every nested object in ``to_dict()``; the round trip
    also proves that no key was unknown to it (an unknown key would be dropped)."""
    assert View(**view).to_dict() == view
    limit = 100
    assert 1 <= len(view["blocks"]) <= limit
    if view["type"] == "modal":
        for key in ("title", "submit", "close"):
            assert key not in view or len(view[key]["text"]) <= 24
    check_limits(view["blocks"])
    ids = [b["block_id"] for b in view["blocks"] if "block_id" in b]
    assert len(ids) == len(set(ids))
    check_inert(view)


def check_blocks(blocks: list[Json]) -> None:
    assert 1 <= len(blocks) <= 50
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None
        assert parsed.to_dict() == block
    check_limits(blocks)
    check_inert(blocks)


def check_inert(node: Any) -> None:
    for text in mrkdwn_texts(node):
        for raw in RAW:
            assert raw not in text, text


def home_data(personas: int = 3, prompts: int = 2, is_admin: bool = True) -> HomeData:
    people = [
        HomePersona(
            name=f"{EVIL} {i}",
            negative=i % 5 == 4,
            evidence=i,
            last=None if i == 0 else NOW - timedelta(days=i),
            assumptions=i % 3,
        )
        for i in range(personas)
    ]
    asked = [
        HomePrompt("C0123", f"{EVIL} question {i}", i, "https://t.slack.com/archives/C0123/p1")
        for i in range(prompts)
    ]
    return HomeData(
        personas=people,
        open_prompts=asked,
        rates=[("sales", 6, 4), ("customers", 0, 0), ("focus_group", 3, 3)],
        assumptions=[f"{EVIL} claim {i}" for i in range(personas)],
        is_admin=is_admin,
    )


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
    )


VIEWS: dict[str, Callable[[str], Json]] = {
    "answer": lambda lo: answer_modal(prompt_id=7, question=EVIL, closed=False, locale=lo),
    "answer_closed": lambda lo: answer_modal(prompt_id=7, question=EVIL, closed=True, locale=lo),
    "job": lambda lo: job_story_modal(prompt_id=7, question=EVIL, locale=lo),
    "job_bare": lambda lo: job_story_modal(
        prompt_id=None, question=None, locale=lo, initial={"situation": EVIL, "outcome": " "}
    ),
    "shortcut": lambda lo: shortcut_modal(
        personas=PERSONAS,
        message_text=EVIL,
        author="U0AUTHOR",
        channel="C0CHAN",
        metadata="{}",
        locale=lo,
    ),
    "shortcut_empty": lambda lo: shortcut_modal(
        personas=[], message_text=EVIL, author=EVIL, channel=EVIL, metadata="", locale=lo
    ),
    "home": lambda lo: home_view(data=home_data(), locale=lo, now=NOW),
    "home_empty": lambda lo: home_view(data=HomeData(), locale=lo, now=NOW),
    "setup": setup,
}
BLOCKS: dict[str, Callable[[str], list[Json]]] = {
    "prompt": lambda lo: [prompt_actions(closed=False, locale=lo)],
    "prompt_closed": lambda lo: [prompt_actions(closed=True, locale=lo)],
    "link": lambda lo: link_actions(answer_id=42, personas=PERSONAS, locale=lo),
    "link_empty": lambda lo: link_actions(answer_id=42, personas=[], locale=lo),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", sorted(VIEWS))
def test_views_are_valid_inert_and_localised(name: str, locale: str) -> None:
    view = VIEWS[name](locale)
    check_view(view)
    text = all_text(view).replace("한국어", "")  # the language picker names itself
    assert bool(HANGUL.search(text)) == (locale == "ko")


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_message_blocks_are_valid_inert_and_localised(name: str, locale: str) -> None:
    blocks = BLOCKS[name](locale)
    check_blocks(blocks)
    assert bool(HANGUL.search(all_text(blocks))) == (locale == "ko")


def test_user_text_is_shown_escaped() -> None:
    assert "Ops &lt;!channel&gt; &lt;@U1&gt; &lt;http://x|y&gt; &amp; co" in all_text(
        VIEWS["answer"]("en")
    )
    empty = all_text(VIEWS["shortcut_empty"]("en"))
    assert "From Ops &lt;!channel&gt;" in empty
    assert "#Ops &lt;!channel&gt;" in empty
    assert "From <@U0AUTHOR> in <#C0CHAN>" in all_text(VIEWS["shortcut"]("en"))


def test_prompt_actions() -> None:
    block = prompt_actions(closed=True, locale="en")
    assert block["block_id"] == views.PROMPT_ACTIONS
    assert [e["action_id"] for e in block["elements"]] == [views.ANSWER_PRIVATE, views.JOB_STORY]
    assert block["elements"][0]["text"]["text"] == "Answer late, privately"
    open_block = prompt_actions(closed=False, locale="ko")
    assert open_block["elements"][0]["text"]["text"] == "비공개로 답하기"


def test_answer_modal_shape_and_closed_note() -> None:
    view = answer_modal(prompt_id=7, question="Why?", closed=False, locale="en")
    assert (view["callback_id"], view["private_metadata"]) == (views.ANSWER_MODAL, "7")
    (field,) = [b for b in view["blocks"] if b["type"] == "input"]
    element = field["element"]
    assert (field["block_id"], element["action_id"], element["multiline"]) == (
        "answer",
        "text",
        True,
    )
    assert (element["min_length"], element["max_length"]) == (1, 3000)
    assert "never posted in the channel" in all_text(view)
    assert "closed" not in all_text(view)
    closed = answer_modal(prompt_id=7, question="Why?", closed=True, locale="en")
    assert "This question is closed; your answer is still kept, marked late" in all_text(closed)


def test_job_story_modal_inputs() -> None:
    view = job_story_modal(prompt_id=None, question=None, locale="en", initial={"motivation": "x"})
    inputs = [b for b in view["blocks"] if b["type"] == "input"]
    assert [b["block_id"] for b in inputs] == ["situation", "motivation", "outcome"]
    assert [b["label"]["text"] for b in inputs] == ["When …", "I want to …", "So I can …"]
    assert all(b["element"]["max_length"] == 500 and not b["optional"] for b in inputs)
    assert inputs[1]["element"]["initial_value"] == "x"
    assert "initial_value" not in inputs[0]["element"]
    assert view["callback_id"] == views.JOB_MODAL
    assert "private_metadata" not in view
    ko = job_story_modal(prompt_id=3, question="왜?", locale="ko")
    assert "신규 상담원을 온보딩할 때" in all_text(ko)
    assert ko["private_metadata"] == "3"


def test_job_story_errors_required_parts() -> None:
    errors = job_story_errors(
        situation="", motivation="  \n", outcome="ok", problems=[], locale="en"
    )
    assert errors == {"situation": "Please fill this in.", "motivation": "Please fill this in."}
    ko = job_story_errors(situation="a", motivation="b", outcome="", problems=[], locale="ko")
    assert ko == {"outcome": "이 칸을 채워 주세요."}
    fine = job_story_errors(situation="a", motivation="b", outcome="c", problems=[], locale="en")
    assert fine == {}


def test_job_story_errors_quality_problems() -> None:
    problems = [
        ("situation", "Describe a moment."),
        ("situation", "Describe a moment."),
        ("motivation", "Start with a verb."),
        ("outcome", "missing, but the part is empty anyway"),
        ("statement", "Whole-story remark."),
        ("motivation", "x" * 400),
    ]
    errors = job_story_errors(
        situation="a 35-year-old",
        motivation="the dashboard",
        outcome="",
        problems=problems,
        locale="en",
    )
    assert list(errors) == ["situation", "motivation", "outcome"]
    assert errors["situation"] == "Describe a moment. Whole-story remark."
    assert errors["motivation"].startswith("Start with a verb. xxx")
    assert len(errors["motivation"]) <= 300
    assert errors["motivation"].endswith("…")
    assert errors["outcome"] == "Please fill this in."


def test_shortcut_modal_selects_and_preview() -> None:
    text = "line one\n" + "y" * 600
    view = shortcut_modal(
        personas=[(f"id{i}", f"P{i}") for i in range(150)],
        message_text=text,
        author="U1",
        channel="C1",
        metadata='{"ts": "1.2"}',
        locale="en",
    )
    check_view(view)
    assert (view["callback_id"], view["private_metadata"]) == (
        views.SHORTCUT_MODAL,
        '{"ts": "1.2"}',
    )
    inputs = {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}
    assert list(inputs) == ["persona", "field", "job_story"]
    assert len(inputs["persona"]["element"]["options"]) == 100
    assert [o["value"] for o in inputs["field"]["element"]["options"]] == list(FIELDS)
    assert inputs["field"]["element"]["options"][4]["text"]["text"] == "Pains"
    assert inputs["job_story"]["optional"]
    assert not inputs["persona"]["optional"]
    preview = view["blocks"][0]["text"]["text"]
    assert preview.startswith("*Message*\n> line one\n> yyy")
    assert preview.endswith("…")
    assert preview.count("y") == 500 - len("line one\n") - 1


def test_shortcut_modal_without_personas() -> None:
    view = shortcut_modal(
        personas=[], message_text="hi", author="U1", channel="C1", metadata="m", locale="ko"
    )
    assert "persona" not in [b.get("block_id") for b in view["blocks"]]
    assert "/persona create &lt;이름&gt;" in all_text(view)
    assert [b["block_id"] for b in view["blocks"] if b["type"] == "input"] == ["field", "job_story"]


def test_link_actions_values() -> None:
    note, actions = link_actions(answer_id=42, personas=PERSONAS, locale="en")
    assert "Saved as evidence" in all_text(note)
    persona, field, unlink = actions["elements"]
    assert persona["action_id"] == views.LINK_ANSWER
    assert [o["value"] for o in persona["options"]] == ["42|p1", "42|p2"]
    assert field["action_id"] == "link_field"
    assert field["options"][0]["value"] == "42|role"
    assert (unlink["action_id"], unlink["value"]) == ("unlink_answer", "42")


def test_home_layout() -> None:
    view = home_view(data=home_data(), locale="en", now=NOW)
    text = all_text(view)
    assert view["blocks"][0]["type"] == "header"
    assert "last answer 2 days ago" in text
    assert "no answers yet" in text
    assert "sales: 4 of 6 prompts answered (67%)" in text
    assert "customers: no prompts yet" in text
    assert "<https://t.slack.com/archives/C0123/p1|open>" in text
    assert "<#C0123>" in text
    actions = [e["action_id"] for e in view["blocks"][2]["elements"]]
    assert actions == [views.HOME_SETUP, views.HOME_EXPORT, views.HOME_PREVIEW]
    export = view["blocks"][2]["elements"][1]
    assert [o["value"] for o in export["options"]] == ["md", "html", "csv", "json"]
    plain = home_view(data=home_data(is_admin=False), locale="en", now=NOW)
    assert views.HOME_SETUP not in [d.get("action_id") for d in walk(plain)]


def test_home_pages_300_personas_and_200_prompts() -> None:
    data = home_data(personas=300, prompts=200)
    seen: list[str] = []
    page = 0
    for _ in range(20):
        view = home_view(data=data, locale="en", now=NOW, page=page)
        check_view(view)
        assert len(view["blocks"]) < 100
        seen += re.findall(r"co (\d+)\*", all_text(view))
        (more,) = [d for d in walk(view) if d.get("action_id") == views.HOME_MORE]
        page = int(more["value"])
    assert seen == [str(i) for i in range(300)]
    assert page == 0
    text = all_text(home_view(data=data, locale="en", now=NOW, page=99))
    assert "*Personas* (286–300 of 300)" in text
    assert "Back to the start" in text
    assert "…and 190 more" in text
    assert "…and 290 more" in text


@pytest.mark.parametrize(
    ("delta", "en", "ko"),
    [
        (timedelta(seconds=30), "just now", "방금"),
        (timedelta(minutes=1), "1 minute ago", "1분 전"),
        (timedelta(hours=5), "5 hours ago", "5시간 전"),
        (timedelta(days=3), "3 days ago", "3일 전"),
        (timedelta(days=95), "3 months ago", "3개월 전"),
        (timedelta(days=-1), "just now", "방금"),
    ],
)
def test_ago(delta: timedelta, en: str, ko: str) -> None:
    assert ago(NOW - delta, NOW, "en") == en
    assert ago((NOW - delta).replace(tzinfo=None), NOW, "ko") == ko


SCHEDULE_KINDS = ("days", "time", "timezone", "questions", "remind", "close", "cap")


def test_setup_modal_inputs() -> None:
    view = setup("en")
    ids = [b["block_id"] for b in view["blocks"] if b["type"] == "input"]
    per_group = [f"{kind}_{g}" for g in GROUPS for kind in ("channels", *SCHEDULE_KINDS)]
    digest = ["digest_channel", "days_digest", "time_digest", "timezone_digest"]
    assert ids == [*per_group, *digest, "locale", "holidays"]
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
    assert len(view["blocks"]) == 1 + 9 * len(GROUPS) + 5 + 2
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
    assert crowded["blocks"][-1]["block_id"] == "holidays"  # groups trimmed, not the workspace


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


def test_words_come_from_the_catalog() -> None:
    assert words.word("fr", "save") == "Save"
    assert words.word("ko-KR", "save") == "저장"
    assert words.word("en", "and_more", n=3) == "…and 3 more"
