"""Block Kit ids and the small block helpers personabot's builders share.

The builders live by domain: ``bot.capture.modals`` (prompt buttons, answer, job story,
message shortcut, link-after-capture), ``bot.home.view`` (Home tab) and ``bot.setup.view``
(setup modal, whose input ids it owns); their words live in ``bot.slack.words``. This
module holds the action and callback ids that handlers register on, the block ids of the
capture modals' inputs, and helpers that cut text to Slack's limits (``bot.slack.limits``).
Nothing here calls Slack or the database: inputs are plain values, outputs are dicts ready
for ``views.open``, ``views.publish`` or ``chat.postMessage``.

Every piece of user text shown in mrkdwn goes through ``bot.slack.text.escape`` (via
``fit``); plain_text is inert in Slack (no mentions, no links) and is only clipped to its
limit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.slack.limits import (
    BUTTON_TEXT,
    CONTEXT_ELEMENTS,
    HEADER_TEXT,
    LABEL_TEXT,
    MODAL_BLOCKS,
    OPTION_TEXT,
    OPTIONS,
    PLACEHOLDER_TEXT,
    SECTION_TEXT,
    TITLE_TEXT,
)
from bot.slack.text import fit

Block = dict[str, Any]

# action_ids on buttons and selects
ANSWER_PRIVATE = "answer_private"
JOB_STORY = "answer_job_story"
LINK_ANSWER = "link_answer"
LINK_FIELD = "link_field"
UNLINK_ANSWER = "unlink_answer"
HOME_SETUP = "home_setup"
HOME_EXPORT = "home_export"
HOME_PREVIEW = "home_preview"
HOME_MORE = "home_more"
# callback_ids of modals and of the message shortcut
ANSWER_MODAL = "answer_modal"
JOB_MODAL = "job_modal"
SHORTCUT = "add_to_personas"
SHORTCUT_MODAL = "add_to_personas_modal"
SETUP_MODAL = "setup_modal"

PROMPT_ACTIONS = "prompt_actions"  # block_id of the buttons under a prompt

# block_ids and action_ids of modal inputs (view.state.values[block_id][action_id])
ANSWER_BLOCK = "answer"
TEXT = "text"  # the action_id of every plain_text_input
JOB_PARTS = ("situation", "motivation", "outcome")  # block_ids of the job story modal
PERSONA_BLOCK = "persona"  # shortcut modal: static_select, action_id "persona"
FIELD_BLOCK = "field"  # shortcut modal: static_select, action_id "field"
ALSO_JOB_BLOCK = "job_story"  # shortcut modal: checkboxes, action_id "job_story", value "yes"
EXPORT_FORMATS = ("md", "html", "csv", "json")  # values of the HOME_EXPORT select

ERROR_TEXT = 300  # ours, not Slack's: a field error short enough to read under its input

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{2,}$")


def cut(text: str, limit: int) -> str:
    """``text`` (newlines kept) cut to ``limit`` characters with a visible "…"."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plain(text: str, limit: int = SECTION_TEXT) -> dict[str, Any]:
    return {"type": "plain_text", "text": cut(text, limit) or " ", "emoji": True}


def mrkdwn(text: str) -> dict[str, Any]:
    """Our own mrkdwn (already escaped where it holds user text)."""
    return {"type": "mrkdwn", "text": cut(text, SECTION_TEXT)}


def section(text: str, *, block_id: str | None = None) -> Block:
    block: Block = {"type": "section", "text": mrkdwn(text)}
    if block_id:
        block["block_id"] = block_id
    return block


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text, HEADER_TEXT)}


def context(*texts: str) -> Block:
    elements = [mrkdwn(text) for text in texts if text][:CONTEXT_ELEMENTS]
    return {"type": "context", "elements": elements}


def divider() -> Block:
    return {"type": "divider"}


def button(text: str, *, action_id: str, value: str, style: str | None = None) -> Block:
    element: Block = {
        "type": "button",
        "text": plain(text, BUTTON_TEXT),
        "action_id": action_id,
        "value": value,
    }
    if style:
        element["style"] = style
    return element


def option(text: str, value: str) -> Block:
    return {"text": plain(text, OPTION_TEXT), "value": value}


def static_select(
    *, action_id: str, placeholder: str, options: Sequence[Block], initial: Block | None = None
) -> Block:
    element: Block = {
        "type": "static_select",
        "action_id": action_id,
        "placeholder": plain(placeholder, PLACEHOLDER_TEXT),
        "options": list(options[:OPTIONS]),
    }
    if initial is not None:
        element["initial_option"] = initial
    return element


def input_block(
    *, block_id: str, label: str, element: Block, optional: bool = False, hint: str | None = None
) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label, LABEL_TEXT),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint, LABEL_TEXT)
    return block


def modal(
    *,
    callback_id: str,
    title: str,
    submit: str | None,
    close: str,
    blocks: list[Block],
    private_metadata: str = "",
) -> Block:
    view: Block = {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, TITLE_TEXT),
        "close": plain(close, TITLE_TEXT),
        "blocks": blocks[:MODAL_BLOCKS],
    }
    if private_metadata:
        view["private_metadata"] = private_metadata
    if submit is not None:
        view["submit"] = plain(submit, TITLE_TEXT)
    return view


@dataclass(frozen=True)
class Submitted:
    """What a modal's submission came to, for the listener's ack: ``errors`` by block id
    (the modal stays open; nothing was saved), else ``push`` (a view stacked on it) or
    neither (the modal closes). ``then`` is the work left for after the ack."""

    errors: Mapping[str, str] = field(default_factory=dict)
    push: Block | None = None
    then: Callable[[], None] | None = None


def input_state(view: Mapping[str, Any], block: str) -> dict[str, Any]:
    """The submitted state of one input block (``view.state.values[block][action]``)."""
    values = (view.get("state") or {}).get("values") or {}
    found: dict[str, Any] = next(iter((values.get(block) or {}).values()), {}) or {}
    return found


def input_text(view: Mapping[str, Any], block: str) -> str:
    """What was typed in a text or number input ("" when nothing was)."""
    return str(input_state(view, block).get("value") or "")


def input_selected(view: Mapping[str, Any], block: str) -> str:
    """The value of the option chosen in a select ("" when none was)."""
    return str((input_state(view, block).get("selected_option") or {}).get("value") or "")


def input_checked(view: Mapping[str, Any], block: str) -> list[Any]:
    """The options chosen in a multi-select or checkboxes."""
    return list(input_state(view, block).get("selected_options") or [])


def user_text(text: str, limit: int = SECTION_TEXT) -> str:
    """User text made inert for mrkdwn, at most ``limit`` characters once escaped."""
    return fit(text, limit)


def user_ref(user: str) -> str:
    """A mention for a Slack user id, else the escaped name."""
    return f"<@{user}>" if _USER_ID.match(user) else user_text(user, 200)


def channel_ref(channel: str) -> str:
    """A channel link for a Slack channel id, else "#name" escaped."""
    if _CHANNEL_ID.match(channel):
        return f"<#{channel}>"
    return "#" + user_text(channel.lstrip("#"), 200)
