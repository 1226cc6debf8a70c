"""Digest messages: Block Kit within Slack's limits, and plain mrkdwn text."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from slack_sdk.models.blocks import Block

from bot.insights.render.messages import digest_messages, digest_text
from bot.insights.synthesis.digest import build_digest
from bot.insights.synthesis.model import (
    AnswerFact,
    Digest,
    PersonaInfo,
    Snapshot,
    ThemeInfo,
)
from tests.bot.insights.synthesis.test_digest import (
    NOW,
    PERSONAS,
    THEMES,
    ans,
    build,
    sample_answers,
    with_role_answer,
)

Message = list[dict[str, Any]]


def all_text(messages: list[Message]) -> str:
    return json.dumps(messages, ensure_ascii=False)


def assert_within_limits(messages: list[Message]) -> None:
    assert messages
    for message in messages:
        assert 0 < len(message) <= 50
        assert len(json.dumps(message, ensure_ascii=False)) <= 40_000
        for block in message:
            parsed = Block.parse(block)
            assert parsed is not None
            parsed.validate_json()
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= 3000
            if block["type"] == "header":
                assert len(block["text"]["text"]) <= 150
            if block["type"] == "context":
                assert len(block["elements"]) <= 10


def since_last_week() -> Digest:
    previous = build().snapshot
    answers = [*sample_answers(), ans(50, "2", "why_us", "customers", "K3", 0.5, "erp")]
    return build_digest(
        answers=answers,
        themes=THEMES,
        personas=PERSONAS,
        previous=type(previous)(themes={}, jobs={}, fields=previous.fields),
        now=NOW,
        since=NOW - timedelta(days=7),
        unanswered=("Which report do you open first on Monday?",),
    )


def test_summary_first_then_personas_and_closing() -> None:
    messages = digest_messages(build())
    assert_within_limits(messages)
    summary = all_text(messages[:1])
    assert "Persona digest" in summary
    assert "What changed" in summary
    rest = all_text(messages[1:])
    assert "Ops Olivia" in rest
    assert "Negative persona: Bargain Bob" in rest
    assert "• *pricing · seat cost* — 3 people (marketing, sales)" in rest
    assert "⚠ assumption: no customer has said this yet — ask the focus group" in rest
    assert "Marketing and sales point to pricing · seat cost" in rest
    assert "confidence: medium" in rest
    assert "⏳ stale" in rest
    assert "When the week closes, I want to send one report" in rest
    assert "Response rates" in rest
    assert "sales: 5/8 prompts answered (62%), 9 answers" in rest
    assert "Which report" not in rest
    assert "What made you switch from spreadsheets?" in rest
    last = json.dumps(messages[-1], ensure_ascii=False)
    assert "Questions nobody answered" in last


def test_what_changed_lists_new_themes_jobs_and_stale_fields() -> None:
    summary = all_text(digest_messages(since_last_week())[:1])
    assert "New themes" in summary
    assert "pricing · seat cost" in summary
    assert "New job statements" in summary
    assert "Gone stale" not in summary  # role was already stale last time
    assert "Gone stale" not in all_text(digest_messages(build())[:1])  # a first digest
    role_at = (NOW - timedelta(days=35)).isoformat()  # fresh last week, stale now
    digest = build(
        with_role_answer(35),
        previous=Snapshot(fields={"1|role": role_at}),
        since=NOW - timedelta(days=7),
    )
    assert "Gone stale" in all_text(digest_messages(digest)[:1])


def test_quotes_link_to_safe_permalinks_only() -> None:
    good = THEMES["pricing"]
    themes = {
        **THEMES,
        "pricing": ThemeInfo(**{**good.__dict__, "quote_link": "https://acme.slack.com/p1"}),
        "onboarding": ThemeInfo(
            **{**THEMES["onboarding"].__dict__, "quote_link": "https://x.com/a|<!channel>"}
        ),
        "reports": ThemeInfo(**{**THEMES["reports"].__dict__, "quote_link": "javascript:x"}),
    }
    digest = build_digest(
        answers=sample_answers(), themes=themes, personas=PERSONAS, previous=None, now=NOW
    )
    text = all_text(digest_messages(digest))
    assert "<https://acme.slack.com/p1|“Per-seat pricing kills us at 50 users”>" in text
    assert "https://x.com/a" not in text
    assert "javascript:" not in text
    assert "> “Setup took our team three weeks”" in text


def hostile_digest() -> Digest:
    name = "<!channel> Olivia & co"
    personas = (PersonaInfo("1", name, "<@U123> says hi", False),)
    themes = {
        "evil": ThemeInfo("evil", "en", "<@U123> pricing", "<http://evil|click> & win", None, "")
    }
    # two people, so the theme is shown (with its quote) and not only "also said"
    answers = [
        ans(1, "1", "pains", "sales", "U1", 1, "evil"),
        ans(2, "1", "pains", "sales", "U2", 1, "evil"),
    ]
    return build_digest(answers=answers, themes=themes, personas=personas, previous=None, now=NOW)


def test_user_text_cannot_ping_or_link() -> None:
    digest = hostile_digest()
    for rendered in (all_text(digest_messages(digest)), digest_text(digest)):
        assert "<!channel>" not in rendered
        assert "<@U123>" not in rendered
        assert "<http://evil" not in rendered
        assert "&lt;!channel&gt; Olivia &amp; co" in rendered
        assert "&lt;http://evil|click&gt; &amp; win" in rendered


def big_digest() -> Digest:
    themes: dict[str, ThemeInfo] = {}
    answers: list[AnswerFact] = []
    personas = tuple(PersonaInfo(str(p), f"Persona {p}", "x" * 400, False) for p in range(6))
    fields = ("goals", "pains", "motivations", "objections", "information_sources")
    n = 0
    for p in range(6):
        for field in fields:
            for t in range(8):
                key = f"{p}-{field}-{t}"
                label = f"label-{key} " + "long words " * 20
                quote = "a quote that goes on and on " * 15
                themes[key] = ThemeInfo(key, "en", label, quote, "https://a.b/c", "")
                for who in range(t + 1):
                    n += 1
                    answers.append(ans(n, str(p), field, "sales", f"U{who}", 1, key))
    return build_digest(
        answers=answers,
        themes=themes,
        personas=personas,
        previous=None,
        now=NOW,
        top_themes=8,
        unanswered=tuple(f"Question {i}?" for i in range(200)),
    )


def test_large_digest_continues_in_more_messages_and_loses_nothing() -> None:
    digest = big_digest()
    messages = digest_messages(digest)
    assert len(messages) > 3
    assert_within_limits(messages)
    text = all_text(messages)
    for summary in digest.personas:
        assert summary.also_said  # the one-person themes (t == 0) are named too
        for line in (*summary.also_said, *(t for f in summary.fields for t in f.themes)):
            assert f"label-{line.theme.key} " in text
    assert all(f"Question {i}?" in text for i in range(200))
    assert "(continued)" in text


def test_plain_text_is_capped_with_a_note() -> None:
    text = digest_text(big_digest())
    assert len(text) <= 40_000
    assert text.endswith("_…continued in the report_")
    short = digest_text(build())
    assert "continued in the report" not in short
    assert "Ops Olivia" in short


def test_empty_digest_is_one_short_message() -> None:
    digest = build([])
    messages = digest_messages(digest)
    assert len(messages) == 1
    assert len(messages[0]) == 1
    assert_within_limits(messages)
    assert "No answers came in" in messages[0][0]["text"]["text"]
    assert "답변이 없어" in digest_text(digest, locale="ko")


def test_korean_rendering() -> None:
    digest = build(locale="ko")
    messages = digest_messages(digest, locale="ko")
    assert_within_limits(messages)
    text = all_text(messages)
    assert "페르소나 다이제스트" in text
    assert "달라진 점" in text
    assert "재무 김팀장" in text
    assert "페인 포인트" in text
    assert "*예산 승인 · 보고서* — 2명 (고객, 영업)" in text
    assert "⚠ 가정: 아직 고객에게서 나온 말이 아닙니다 — 고객에게 물어보세요" in text
    assert "마케팅·영업이 꼽는 것은" in text
    assert "신뢰도: 보통" in text
    assert "그룹별 응답률" in text
    assert "🚫 부정적 페르소나: Bargain Bob" in text
    assert "아무도 답하지 않은 질문" in text


@pytest.mark.parametrize("locale", ["en", "ko", "fr"])
def test_every_locale_renders_within_limits(locale: str) -> None:
    assert_within_limits(digest_messages(since_last_week(), locale=locale))


def test_one_person_claims_are_named_as_also_said_escaped_and_unflagged() -> None:
    personas = (PersonaInfo("1", "Ops Olivia", "", False),)
    themes = {"evil": ThemeInfo("evil", "en", "<!channel> pricing", "<@U123> quote", None, "")}
    answers = [ans(1, "1", "pains", "sales", "U1", 1, "evil")]
    digest = build_digest(answers=answers, themes=themes, personas=personas, previous=None, now=NOW)
    assert [t.theme.key for t in digest.personas[0].also_said] == ["evil"]
    for rendered in (all_text(digest_messages(digest)), digest_text(digest)):
        assert "_Also said (one person each)_: &lt;!channel&gt; pricing" in rendered
        assert "<!channel>" not in rendered
        assert "quote" not in rendered  # only shown themes are quoted
        assert "assumption" not in rendered  # one person is no assumption to check


def test_conflict_sentence_rendered_from_the_structured_conflict() -> None:
    en = all_text(digest_messages(build()))
    assert (
        "↔ Marketing and sales point to pricing · seat cost; "
        "customers and focus group point to onboarding · slow setup." in en
    )
    assert "_Who says what_: customers: onboarding · slow setup; " in en
    ko = all_text(digest_messages(build(), locale="ko"))
    assert "↔ 마케팅·영업이 꼽는 것은 ‘pricing · seat cost’, " in ko
