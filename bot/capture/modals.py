"""Answering a prompt: the buttons under it, the answer and job story modals, and reading
what those modals send back (their private_metadata is this module's). The shortcut's modal
and the link controls are in ``bot.capture.pickers``."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.slack.blocks import (
    ANSWER_BLOCK,
    ANSWER_MODAL,
    ERROR_TEXT,
    JOB_MODAL,
    JOB_PARTS,
    TEXT,
    Block,
    context,
    cut,
    input_block,
    input_text,
    modal,
    plain,
    section,
    user_text,
)
from bot.slack.limits import INPUT_TEXT, PLACEHOLDER_TEXT
from bot.slack.words import word

ANSWER_MAX = INPUT_TEXT
JOB_PART_MAX = 500
QUESTION_MAX = 2000


@dataclass(frozen=True)
class JobStoryForm:
    """A submitted job story: under a prompt, or from a message saved with the shortcut
    (then in that message's channel)."""

    prompt_id: int | None
    channel: str | None
    parts: dict[str, str]  # situation, motivation, outcome; stripped


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
    channel: str | None = None,
) -> Block:
    """When / I want to / so I can: block_ids ``situation``, ``motivation``, ``outcome``,
    action_id ``text``; ``initial`` refills them (by block_id) after a failed check. The
    story is under ``prompt_id``, else in ``channel`` (a message saved with the shortcut)."""
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
        private_metadata=_job_story_metadata(prompt_id, channel),
    )


def _job_story_metadata(prompt_id: int | None, channel: str | None) -> str:
    if prompt_id is not None:
        return str(prompt_id)
    return json.dumps({"channel": channel}) if channel else ""


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


def read_answer(view: Mapping[str, Any]) -> tuple[int, str]:
    """The prompt a submitted answer modal is under, and the answer typed (stripped)."""
    return int(view["private_metadata"]), input_text(view, ANSWER_BLOCK).strip()


def read_job_story(view: Mapping[str, Any]) -> JobStoryForm:
    metadata = str(view.get("private_metadata") or "")
    parts = {part: input_text(view, part).strip() for part in JOB_PARTS}
    if metadata.isdigit():
        return JobStoryForm(prompt_id=int(metadata), channel=None, parts=parts)
    return JobStoryForm(
        prompt_id=None, channel=json.loads(metadata or "{}").get("channel"), parts=parts
    )
