"""Block Kit checks shared by the view builders' tests: valid for slack_sdk, within Slack's
limits, inert user text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

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
