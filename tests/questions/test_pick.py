"""pick_questions: the rotation rules."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from questions import GROUPS, Asked, Bank, Question, load_bank, pick_questions

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


def q(key: str, field: str, *, group: str = "sales", enabled: bool = True) -> Question:
    text = {"en": key, "ko": key}
    return Question(key, group, field, "open", text, (), enabled, "bank.yml", 1)


def at(hours: int) -> datetime:
    return T0 + timedelta(hours=hours)


BANK = Bank(
    questions=(
        q("sales.a", "pains"),
        q("sales.b", "goals"),
        q("sales.c", "pains"),
        q("sales.d", "objections"),
        q("sales.off", "role", enabled=False),
        q("leadership.x", "role", group="leadership"),
    )
)


def keys(questions: list[Question]) -> list[str]:
    return [question.key for question in questions]


def pick(
    *,
    count: int = 4,
    history: tuple[Asked, ...] = (),
    evidence: dict[str, int] | None = None,
    last_key: str | None = None,
    bank: Bank = BANK,
) -> list[str]:
    return keys(
        pick_questions(
            bank=bank,
            group="sales",
            count=count,
            history=history,
            evidence=evidence or {},
            last_key=last_key,
        )
    )


def test_nothing_asked_yet_orders_by_evidence_then_key() -> None:
    assert pick() == ["sales.a", "sales.b", "sales.c", "sales.d"]
    evidence = {"pains": 5, "goals": 1}  # objections: none yet
    assert pick(evidence=evidence) == ["sales.d", "sales.b", "sales.a", "sales.c"]


def test_never_asked_comes_before_least_evidence() -> None:
    history = (Asked("sales.d", at(0)), Asked("sales.b", at(1)))
    evidence = {"pains": 9, "goals": 0, "objections": 0}
    assert pick(history=history, evidence=evidence) == [
        "sales.a",
        "sales.c",
        "sales.d",
        "sales.b",
    ]


def test_among_asked_least_evidence_first_then_least_recent() -> None:
    history = (
        Asked("sales.a", at(3)),
        Asked("sales.b", at(0)),
        Asked("sales.c", at(1)),
        Asked("sales.d", at(2)),
    )
    evidence = {"pains": 1, "goals": 4, "objections": 1}
    # a, c, d share the least evidence: c (hour 1) before d (hour 2) before a (hour 3).
    assert pick(history=history, evidence=evidence, last_key="sales.b") == [
        "sales.c",
        "sales.d",
        "sales.a",
        "sales.b",
    ]


def test_least_recent_uses_the_latest_time_a_question_was_asked() -> None:
    history = (
        Asked("sales.a", at(0)),
        Asked("sales.b", at(1)),
        Asked("sales.c", at(2)),
        Asked("sales.d", at(3)),
        Asked("sales.a", at(4)),
    )
    assert pick(history=history, last_key="sales.x") == ["sales.b", "sales.c", "sales.d", "sales.a"]


def test_never_the_same_question_twice_in_a_row() -> None:
    assert pick(count=1, last_key="sales.a") == ["sales.b"]
    assert pick(count=4, last_key="sales.a") == ["sales.b", "sales.a", "sales.c", "sales.d"]


def test_last_key_defaults_to_the_latest_in_history() -> None:
    history = (
        Asked("sales.a", at(0)),
        Asked("sales.c", at(1)),
        Asked("sales.d", at(2)),
        Asked("sales.b", at(5)),
    )
    evidence = {"goals": 0, "pains": 5, "objections": 5}
    # b has the least evidence, but it was the channel's last question.
    assert pick(count=2, history=history, evidence=evidence) == ["sales.a", "sales.b"]
    # An explicit last_key wins over the history.
    assert pick(count=2, history=history, evidence=evidence, last_key="sales.a") == [
        "sales.b",
        "sales.a",
    ]


def test_a_single_question_is_still_asked() -> None:
    bank = Bank(questions=(q("sales.only", "pains"),))
    history = (Asked("sales.only", at(0)),)
    assert pick(bank=bank, count=3, history=history, last_key="sales.only") == ["sales.only"]


def test_disabled_and_other_groups_never_returned() -> None:
    picked = pick(count=10)
    assert "sales.off" not in picked
    assert "leadership.x" not in picked
    assert len(picked) == len(set(picked)) == 4


def test_count_limits_and_edges() -> None:
    assert pick(count=2) == ["sales.a", "sales.b"]
    assert pick(count=0) == []
    with pytest.raises(ValueError, match="count must be 0 or more"):
        pick(count=-1)


def test_unknown_questions_in_history_are_ignored() -> None:
    history = (Asked("sales.removed", at(9)), Asked("sales.a", at(1)))
    assert pick(history=history) == ["sales.b", "sales.c", "sales.d", "sales.a"]


def test_naive_times_count_as_utc() -> None:
    naive_later = datetime(2024, 5, 1, 12, 0)  # noqa: DTZ001 (as SQLite returns it)
    history = (
        Asked("sales.a", naive_later),
        Asked("sales.b", at(1)),
        Asked("sales.c", at(2)),
        Asked("sales.d", at(0)),
    )
    assert pick(history=history, last_key="sales.x") == ["sales.d", "sales.b", "sales.c", "sales.a"]


def test_deterministic_whatever_the_input_order() -> None:
    history = [Asked(key, at(hour)) for hour, key in enumerate(["sales.b", "sales.d", "sales.b"])]
    evidence = {"pains": 2, "goals": 2, "objections": 2}
    expected = pick(history=tuple(history), evidence=evidence)
    rng = random.Random(7)
    for _ in range(20):
        shuffled_questions = list(BANK.questions)
        rng.shuffle(shuffled_questions)
        rng.shuffle(history)
        got = pick(bank=Bank(questions=tuple(shuffled_questions)), history=tuple(history))
        assert got == pick(history=tuple(history))
        assert pick(history=tuple(history), evidence=evidence) == expected


@pytest.mark.parametrize("group", GROUPS)
def test_rounds_over_the_default_bank_ask_everything_before_repeating(group: str) -> None:
    bank = load_bank()
    enabled = {question.key for question in bank.for_group(group)}
    history: list[Asked] = []
    asked_order: list[str] = []
    for round_number in range(2 * len(enabled)):
        (question,) = pick_questions(bank=bank, group=group, count=1, history=history, evidence={})
        if asked_order:
            assert question.key != asked_order[-1]
        asked_order.append(question.key)
        history.append(Asked(question.key, at(round_number)))
    assert set(asked_order[: len(enabled)]) == enabled
    assert asked_order[len(enabled) :] == asked_order[: len(enabled)]
