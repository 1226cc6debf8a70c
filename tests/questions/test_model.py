"""Question and Bank: lookups, locales, immutability."""

from __future__ import annotations

import dataclasses

import pytest

from questions import Bank, Question


def make(key: str, *, group: str = "sales", enabled: bool = True) -> Question:
    return Question(
        key=key,
        group=group,
        field="pains",
        kind="choice",
        text={"en": f"{key}?", "ko": f"{key}입니까?"},
        choices=({"en": "Yes", "ko": "예"}, {"en": "No", "ko": "아니요"}),
        enabled=enabled,
        source="bank.yml",
        line=1,
    )


def test_get_and_text() -> None:
    bank = Bank(questions=(make("sales.a"), make("sales.b")))
    assert bank.get("sales.a") == make("sales.a")
    assert bank.get("sales.zzz") is None
    assert bank.text("sales.a", "ko") == "sales.a입니까?"
    assert bank.text("sales.a", "en") == "sales.a?"


def test_text_matches_slack_style_locales_and_falls_back() -> None:
    bank = Bank(questions=(make("sales.a"),))
    assert bank.text("sales.a", "ko-KR") == "sales.a입니까?"
    assert bank.text("sales.a", "en_GB") == "sales.a?"
    assert bank.text("sales.a", "ja-JP") == "sales.a?"
    assert bank.text("sales.a", "ja-JP", fallback="ko") == "sales.a입니까?"
    with pytest.raises(KeyError, match=r"unknown question key 'sales\.zzz'"):
        bank.text("sales.zzz", "en")
    with pytest.raises(KeyError, match="no text for locale 'ja'"):
        bank.text("sales.a", "ja", fallback="fr")


def test_for_group_keeps_order_and_hides_disabled() -> None:
    questions = (
        make("sales.b"),
        make("leadership.a", group="leadership"),
        make("sales.a", enabled=False),
        make("sales.c"),
    )
    bank = Bank(questions=questions)
    assert [q.key for q in bank.for_group("sales")] == ["sales.b", "sales.c"]
    assert [q.key for q in bank.for_group("sales", include_disabled=True)] == [
        "sales.b",
        "sales.a",
        "sales.c",
    ]
    assert bank.for_group("customers") == ()
    with pytest.raises(ValueError, match="unknown group 'sale'"):
        bank.for_group("sale")


def test_bank_rejects_duplicate_keys() -> None:
    with pytest.raises(ValueError, match=r"duplicate question key 'sales\.a'"):
        Bank(questions=(make("sales.a"), make("sales.a")))


def test_questions_are_immutable_and_hashable() -> None:
    text = {"en": "Why?", "ko": "왜?"}
    question = Question("sales.a", "sales", "pains", "open", text, (), True, "bank.yml", 3)
    text["en"] = "changed"
    assert question.text["en"] == "Why?"
    with pytest.raises(TypeError):
        question.text["en"] = "changed"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        question.key = "sales.b"  # type: ignore[misc]
    assert len({question, dataclasses.replace(question)}) == 1
    assert hash(Bank(questions=(question,))) == hash(Bank(questions=(question,)))


def test_choice_labels() -> None:
    assert make("sales.a").choice_labels("ko-KR") == ("예", "아니요")
    assert make("sales.a").choice_labels("de") == ("Yes", "No")
