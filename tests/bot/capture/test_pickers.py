"""The "Add to personas" shortcut's modal and the link controls."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.capture.pickers import link_actions, shortcut_modal
from bot.slack import blocks as views
from questions.model import FIELDS
from tests.bot.blockkit import (
    EVIL,
    HANGUL,
    LOCALES,
    PERSONAS,
    Json,
    all_text,
    check_blocks,
    check_view,
)
from tests.bot.capture.test_modals import VIEWS as MODALS

VIEWS: dict[str, Callable[[str], Json]] = {
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
}
BLOCKS: dict[str, Callable[[str], list[Json]]] = {
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
        MODALS["answer"]("en")
    )
    empty = all_text(VIEWS["shortcut_empty"]("en"))
    assert "From Ops &lt;!channel&gt;" in empty
    assert "#Ops &lt;!channel&gt;" in empty
    assert "From <@U0AUTHOR> in <#C0CHAN>" in all_text(VIEWS["shortcut"]("en"))


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
