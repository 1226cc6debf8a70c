"""A prompt as posted in its channel: its blocks, its buttons, and what personabot says in
channels, in English and Korean."""

from __future__ import annotations

from typing import Any

from bot.i18n import N_, t
from bot.slack.blocks import ANSWER_PRIVATE, JOB_STORY, PROMPT_ACTIONS, Block, button
from bot.slack.text import escape
from bot.slack.words import word
from questions import Question

_WORDS: dict[str, str] = {
    "reply_hint": N_("Reply in this thread; every reply is kept with its source."),
    "asked_by": N_("Asked by <@{user}>."),
    "closes": N_("Open until {close}."),
    "job_hint": N_("Try: When …, I want to …, so I can …"),
    "choice_hint": N_("Reply with the number of your choice, and why."),
    "reminder": N_(
        "A gentle nudge: {count} answer(s) so far. A sentence or two from your "
        "experience helps the whole team."
    ),
    "closed": N_("Closed with {count} answer(s). Replies are still kept, marked late."),
    "round_failed": N_(
        "I could not post {group}'s scheduled question in <#{channel}>: "
        "{reason}. {fix} I will not repeat this message until a round there "
        "succeeds."
    ),
    "fix_invite": N_("Invite me there with `/invite @personabot`."),
    "fix_archived": N_("The channel is archived; map another one with `/persona channel`."),
    "fix_other": N_("Check the app's permissions."),
}


def say(key: str, locale: str, **values: object) -> str:
    return t(locale, _WORDS[key], **values)


def question_blocks(
    question: Question, *, locale: str, footer: str | None = None, closed: bool = False
) -> tuple[str, list[dict[str, Any]]]:
    """The fallback text and Block Kit blocks of a scheduled prompt, with its buttons."""
    text = question.text_for(locale)
    body = escape(text)
    if question.kind == "choice":
        labels = question.choice_labels(locale)
        body += "\n" + "\n".join(f"{i}. {escape(label)}" for i, label in enumerate(labels, 1))
    hints = [say("reply_hint", locale)]
    if question.kind == "job_story":
        hints.append(say("job_hint", locale))
    elif question.kind == "choice":
        hints.append(say("choice_hint", locale))
    if footer:
        hints.append(footer)
    return text, _prompt(body, " ".join(hints), locale=locale, closed=closed)


def plain_blocks(
    text: str, footer: str, *, locale: str, closed: bool = False
) -> list[dict[str, Any]]:
    """An ad-hoc prompt's blocks: the question as written, a footer, the buttons."""
    return _prompt(escape(text), footer, locale=locale, closed=closed)


def _prompt(body: str, footer: str, *, locale: str, closed: bool) -> list[dict[str, Any]]:
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": body}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": footer}]},
        prompt_actions(closed=closed, locale=locale),
    ]


def prompt_actions(*, closed: bool, locale: str) -> Block:
    """An ``actions`` block to post under a prompt; a closed prompt still takes late answers.
    The handler finds the prompt from the message the buttons sit on (the payload's
    container), so the block can be built before the prompt has an id."""
    answer = word(locale, "answer_late" if closed else "answer_private")
    return {
        "type": "actions",
        "block_id": PROMPT_ACTIONS,
        "elements": [
            button(answer, action_id=ANSWER_PRIVATE, value="prompt"),
            button(word(locale, "job_story"), action_id=JOB_STORY, value="prompt"),
        ],
    }
