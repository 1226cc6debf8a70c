"""Choosing a persona and a field for a piece of evidence: the "Add to personas" message
shortcut's modal (and reading what it sends back) and the link controls shown once an
answer is captured.

Personas are passed as ``(persona_id, name)`` pairs; at most 100 fit a select (Slack's
limit), so callers pass the ones most worth offering first.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.insights.render.words import field_name
from bot.slack.blocks import (
    ALSO_JOB_BLOCK,
    FIELD_BLOCK,
    LINK_ANSWER,
    LINK_FIELD,
    PERSONA_BLOCK,
    SHORTCUT_MODAL,
    UNLINK_ANSWER,
    Block,
    button,
    channel_ref,
    context,
    cut,
    input_block,
    input_checked,
    input_selected,
    modal,
    option,
    section,
    static_select,
    user_ref,
)
from bot.slack.limits import OPTIONS
from bot.slack.text import escape
from bot.slack.words import word
from questions.model import FIELDS

PREVIEW_MAX = 500
QUOTED_MAX = 2500  # the message text the shortcut modal carries in its private_metadata


@dataclass(frozen=True)
class ShortcutForm:
    """A submitted "Add to personas" modal: the message, and what to do with it."""

    channel: str
    ts: str
    author: str | None
    text: str
    persona_id: str  # "" when none was chosen (or the team has no personas)
    field: str  # "" when none was chosen
    also_job: bool  # write a job story from it too
    author_team: str | None = None  # the author's own workspace, as the message said it


def _persona_options(personas: Sequence[tuple[str, str]], value: str = "{id}") -> list[Block]:
    return [option(name, value.format(id=pid)) for pid, name in personas[:OPTIONS]]


def _field_options(locale: str, value: str = "{field}") -> list[Block]:
    return [option(field_name(locale, f), value.format(field=f)) for f in FIELDS]


def _preview(message_text: str, author: str, channel: str, locale: str) -> list[Block]:
    lines = escape(cut(message_text, PREVIEW_MAX)).splitlines() or [" "]
    quoted = "\n".join(f"> {line}" for line in lines)
    blocks = [section(word(locale, "message", text=quoted))]
    if author and channel:
        who = word(locale, "message_from", author=user_ref(author), channel=channel_ref(channel))
        blocks.append(context(who))
    return blocks


def _shortcut_inputs(personas: Sequence[tuple[str, str]], locale: str) -> list[Block]:
    blocks: list[Block] = []
    if personas:
        select = static_select(
            action_id=PERSONA_BLOCK,
            placeholder=word(locale, "persona_placeholder"),
            options=_persona_options(personas),
        )
        label = word(locale, "persona_label")
        blocks.append(input_block(block_id=PERSONA_BLOCK, label=label, element=select))
    else:
        blocks.append(section(word(locale, "no_personas_shortcut"), block_id="no_personas"))
    fields = static_select(
        action_id=FIELD_BLOCK,
        placeholder=word(locale, "field_placeholder"),
        options=_field_options(locale),
    )
    blocks.append(
        input_block(block_id=FIELD_BLOCK, label=word(locale, "field_label"), element=fields)
    )
    checkbox: Block = {
        "type": "checkboxes",
        "action_id": ALSO_JOB_BLOCK,
        "options": [option(word(locale, "also_job"), "yes")],
    }
    label = word(locale, "job_story_label")
    blocks.append(
        input_block(block_id=ALSO_JOB_BLOCK, label=label, element=checkbox, optional=True)
    )
    return blocks


def shortcut_modal(
    *,
    personas: Sequence[tuple[str, str]],
    message_text: str,
    author: str,
    channel: str,
    metadata: str,
    locale: str,
) -> Block:
    """The "Add to personas" message shortcut's modal. ``author`` / ``channel`` are Slack
    ids (shown as a mention / channel link) or names (shown escaped); ``metadata`` is the
    caller's private_metadata (e.g. JSON with channel and ts), at most 3,000 characters."""
    blocks = _preview(message_text, author, channel, locale) + _shortcut_inputs(personas, locale)
    return modal(
        callback_id=SHORTCUT_MODAL,
        title=word(locale, "shortcut_title"),
        submit=word(locale, "save"),
        close=word(locale, "cancel"),
        blocks=blocks,
        private_metadata=metadata,
    )


def link_actions(
    *, answer_id: int, personas: Sequence[tuple[str, str]], locale: str
) -> list[Block]:
    """The ephemeral acknowledgement of a captured answer: a note, then selects to link it to
    a persona (value ``"{answer_id}|{persona_id}"``) and a field (``"{answer_id}|{field}"``),
    and an "Unlink" button (value ``str(answer_id)``)."""
    hint = word(locale, "link_hint") if personas else word(locale, "no_personas_short")
    elements: list[Block] = []
    if personas:
        options = _persona_options(personas, f"{answer_id}|{{id}}")
        placeholder = word(locale, "link_persona")
        elements.append(
            static_select(action_id=LINK_ANSWER, placeholder=placeholder, options=options)
        )
    fields = _field_options(locale, f"{answer_id}|{{field}}")
    placeholder = word(locale, "field_placeholder")
    elements.append(static_select(action_id=LINK_FIELD, placeholder=placeholder, options=fields))
    elements.append(button(word(locale, "unlink"), action_id=UNLINK_ANSWER, value=str(answer_id)))
    actions: Block = {"type": "actions", "block_id": f"link_{answer_id}", "elements": elements}
    return [context(word(locale, "saved"), hint), actions]


def shortcut_metadata(
    *, channel: str, ts: str, author: str | None, text: str, team: str | None = None
) -> str:
    """The shortcut modal's private_metadata: the message it saves (its text cut to fit)
    and its author's workspace."""
    message = {"channel": channel, "ts": ts, "user": author, "text": text[:QUOTED_MAX]}
    return json.dumps({**message, "team": team} if team else message)


def read_shortcut(view: Mapping[str, Any]) -> ShortcutForm:
    message = json.loads(view["private_metadata"])
    return ShortcutForm(
        channel=str(message.get("channel") or ""),
        ts=str(message.get("ts") or ""),
        author=message.get("user"),
        text=str(message.get("text") or ""),
        author_team=message.get("team"),
        persona_id=input_selected(view, PERSONA_BLOCK),
        field=input_selected(view, FIELD_BLOCK),
        also_job=bool(input_checked(view, ALSO_JOB_BLOCK)),
    )
