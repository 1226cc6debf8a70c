"""The answer and job story modals and the buttons under a prompt."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.capture.modals import answer_modal, job_story_errors, job_story_modal
from bot.rounds.prompts import prompt_actions
from bot.slack import blocks as views
from tests.bot.blockkit import EVIL, HANGUL, LOCALES, Json, all_text, check_blocks, check_view

VIEWS: dict[str, Callable[[str], Json]] = {
    "answer": lambda lo: answer_modal(prompt_id=7, question=EVIL, closed=False, locale=lo),
    "answer_closed": lambda lo: answer_modal(prompt_id=7, question=EVIL, closed=True, locale=lo),
    "job": lambda lo: job_story_modal(prompt_id=7, question=EVIL, locale=lo),
    "job_bare": lambda lo: job_story_modal(
        prompt_id=None, question=None, locale=lo, initial={"situation": EVIL, "outcome": " "}
    ),
}
BLOCKS: dict[str, Callable[[str], list[Json]]] = {
    "prompt": lambda lo: [prompt_actions(closed=False, locale=lo)],
    "prompt_closed": lambda lo: [prompt_actions(closed=True, locale=lo)],
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
