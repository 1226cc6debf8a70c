"""What personabot says in channels, in English and Korean."""

from __future__ import annotations

from typing import Any

from bot.slack import escape
from bot.views.modals import prompt_actions
from questions import Question

CATALOG: dict[str, dict[str, str]] = {
    "en": {
        "reply_hint": "Reply in this thread; every reply is kept with its source.",
        "asked_by": "Asked by <@{user}>.",
        "closes": "Open until {close}.",
        "job_hint": "Try: When …, I want to …, so I can …",
        "choice_hint": "Reply with the number of your choice, and why.",
        "reminder": (
            "A gentle nudge: {count} answer(s) so far. A sentence or two from your "
            "experience helps the whole team."
        ),
        "closed": "Closed with {count} answer(s). Replies are still kept, marked late.",
        "round_failed": (
            "I could not post {group}'s scheduled question in <#{channel}>: {reason}. "
            "{fix} I will not repeat this message until a round there succeeds."
        ),
        "fix_invite": "Invite me there with `/invite @personabot`.",
        "fix_archived": "The channel is archived; map another one with `/persona channel`.",
        "fix_other": "Check the app's permissions.",
    },
    "ko": {
        "reply_hint": "이 스레드에 답글을 달아 주세요. 모든 답변은 출처와 함께 보관됩니다.",
        "asked_by": "<@{user}> 님의 질문입니다.",
        "closes": "{close}까지 열려 있습니다.",
        "job_hint": "예: …할 때, …하고 싶다. 그래야 …할 수 있다.",
        "choice_hint": "선택한 번호와 그 이유를 답글로 남겨 주세요.",
        "reminder": "지금까지 답변 {count}개. 경험에서 나온 한두 문장이 팀 전체에 도움이 됩니다.",
        "closed": "답변 {count}개로 마감되었습니다. 이후 답글도 보관되며 늦은 답변으로 표시됩니다.",
        "round_failed": (
            "<#{channel}>에 {group} 그룹의 예약 질문을 올리지 못했습니다: {reason}. "
            "{fix} 그 채널에서 질문이 성공할 때까지 이 메시지를 다시 보내지 않습니다."
        ),
        "fix_invite": "`/invite @personabot`으로 초대해 주세요.",
        "fix_archived": "보관된 채널입니다. `/persona channel`로 다른 채널을 지정해 주세요.",
        "fix_other": "앱 권한을 확인해 주세요.",
    },
}


def say(key: str, locale: str, **values: object) -> str:
    table = CATALOG.get(locale, CATALOG["en"])
    return table.get(key, CATALOG["en"][key]).format(**values)


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
