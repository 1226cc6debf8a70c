"""Answering: the answer and job story modals, the message shortcut's modal and the link
controls shown once an answer is captured (the buttons under a prompt: ``bot.rounds.prompts``).

Personas are passed as ``(persona_id, name)`` pairs; at most 100 fit a select (Slack's
limit), so callers pass the ones most worth offering first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.insights.render.words import field_name
from bot.slack.blocks import (
    ALSO_JOB_BLOCK,
    ANSWER_BLOCK,
    ANSWER_MODAL,
    ERROR_TEXT,
    FIELD_BLOCK,
    JOB_MODAL,
    JOB_PARTS,
    LINK_ANSWER,
    LINK_FIELD,
    OPTIONS,
    PERSONA_BLOCK,
    PLACEHOLDER_TEXT,
    SHORTCUT_MODAL,
    TEXT,
    UNLINK_ANSWER,
    Block,
    button,
    channel_ref,
    context,
    cut,
    input_block,
    modal,
    option,
    plain,
    section,
    static_select,
    user_ref,
    user_text,
)
from bot.slack.text import escape
from bot.slack.words import word
from questions.model import FIELDS

ANSWER_MAX = 3000
JOB_PART_MAX = 500
PREVIEW_MAX = 500
QUESTION_MAX = 2000


def _question(question: str, locale: str) -> Block:
    return section(word(locale, "question", question=user_text(question, QUESTION_MAX)))


def _text_input(
    *, placeholder: str, max_length: int, multiline: bool, initial: str | None = None
) -> Block:
    element: Block = {
        "type": "plain_text_input",
        "action_id": TEXT,
        "multiline": multiline,
        "min_length": 1,
        "max_length": max_length,
        "placeholder": plain(placeholder, PLACEHOLDER_TEXT),
    }
    if initial and initial.strip():
        element["initial_value"] = initial[:max_length]
    return element


def answer_modal(*, prompt_id: int, question: str, closed: bool, locale: str) -> Block:
    """The private answer modal: ``view.state.values["answer"]["text"]["value"]``."""
    blocks = [_question(question, locale)]
    if closed:
        blocks.append(context(word(locale, "closed")))
    element = _text_input(
        placeholder=word(locale, "answer_placeholder"), max_length=ANSWER_MAX, multiline=True
    )
    blocks.append(
        input_block(block_id=ANSWER_BLOCK, label=word(locale, "answer_label"), element=element)
    )
    blocks.append(context(word(locale, "privacy")))
    return modal(
        callback_id=ANSWER_MODAL,
        title=word(locale, "answer_title"),
        submit=word(locale, "save"),
        close=word(locale, "cancel"),
        blocks=blocks,
        private_metadata=str(prompt_id),
    )


def _job_input(part: str, locale: str, initial: Mapping[str, str]) -> Block:
    element = _text_input(
        placeholder=word(locale, f"{part}_placeholder"),
        max_length=JOB_PART_MAX,
        multiline=False,
        initial=initial.get(part),
    )
    return input_block(
        block_id=part,
        label=word(locale, f"{part}_label"),
        element=element,
        hint=word(locale, f"{part}_hint"),
    )


def job_story_modal(
    *,
    prompt_id: int | None,
    question: str | None,
    locale: str,
    initial: Mapping[str, str] | None = None,
) -> Block:
    """When / I want to / so I can: block_ids ``situation``, ``motivation``, ``outcome``,
    action_id ``text``; ``initial`` refills them (by block_id) after a failed check."""
    blocks = [context(word(locale, "job_intro"))]
    if question:
        blocks.append(_question(question, locale))
    blocks.extend(_job_input(part, locale, initial or {}) for part in JOB_PARTS)
    return modal(
        callback_id=JOB_MODAL,
        title=word(locale, "job_title"),
        submit=word(locale, "save"),
        close=word(locale, "cancel"),
        blocks=blocks,
        private_metadata="" if prompt_id is None else str(prompt_id),
    )


def job_story_errors(
    *,
    situation: str,
    motivation: str,
    outcome: str,
    problems: Sequence[tuple[str, str]],
    locale: str,
) -> dict[str, str]:
    """``{block_id: message}`` for ``ack(response_action="errors", errors=...)``; empty when
    the story can be saved. An empty part says "required"; each ``(part, message)`` from the
    quality check goes under its part (an unknown part under the situation)."""
    values = {"situation": situation, "motivation": motivation, "outcome": outcome}
    messages: dict[str, list[str]] = {}
    for part in JOB_PARTS:
        if not values[part].strip():
            messages[part] = [word(locale, "required")]
    for part, message in problems:
        block = part if part in values else JOB_PARTS[0]
        if values[block].strip() and message not in messages.get(block, []):
            messages.setdefault(block, []).append(message)
    ordered = [part for part in JOB_PARTS if part in messages]
    return {part: cut(" ".join(messages[part]), ERROR_TEXT) for part in ordered}


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
