"""English job extraction by clause structure: the shapes jobs_en handles (the cases are in
``jobs_en_cases``), and renders."""

from __future__ import annotations

import pytest

from bot.insights.synthesis import jobs_en
from bot.insights.synthesis.jobs import JobStatement, extract
from bot.insights.synthesis.jobs_en_text import pieces
from tests.bot.insights.synthesis.jobs_en_cases import NEGATIVES, SHAPES, Triple
from tests.bot.insights.synthesis.jobs_en_cases_more import MORE_NEGATIVES, MORE_SHAPES


def _jobs(text: str) -> list[Triple]:
    return [(s.situation, s.motivation, s.outcome) for s in extract(text) if s.language == "en"]


@pytest.mark.parametrize(("text", "expected"), SHAPES + MORE_SHAPES)
def test_shapes(text: str, expected: list[Triple]) -> None:
    assert _jobs(text) == expected


@pytest.mark.parametrize("text", NEGATIVES + MORE_NEGATIVES)
def test_hard_negatives_give_nothing(text: str) -> None:
    assert _jobs(text) == []


def test_the_same_job_said_twice_is_one_job() -> None:
    text = (
        "when a new clinic opens I want the rota copied from the last one. seriously, when a "
        "new clinic opens I want the rota copied from the last one"
    )
    assert len(_jobs(text)) == 1


def test_korean_sentences_are_left_to_the_korean_extractor() -> None:
    text = (
        "신규 지점 열 때마다 재고표를 한 번에 보고 싶어요. "
        "and when a store closes I need the stock moved to the nearest one"
    )
    assert jobs_en.extract(text) == [
        ("a store closes", "the stock moved to the nearest one", ""),
    ]
    assert [p.text for p in pieces(text)] == [
        "and when a store closes I need the stock moved to the nearest one"
    ]


@pytest.mark.parametrize(
    ("parts", "rendered"),
    [
        (
            ("a renewal is due", "the usage numbers in one sheet", "argue the budget"),
            "When a renewal is due, I want the usage numbers in one sheet, so I can argue the "
            "budget.",
        ),
        (
            ("a new hire starts", "them to find the handbook", ""),
            "When a new hire starts, I want them to find the handbook.",
        ),
        (
            ("a truck breaks down", "page the backup driver", "the delivery is on time"),
            "When a truck breaks down, I want to page the backup driver, so that the delivery "
            "is on time.",
        ),
        (
            ("a nurse calls in sick", "the roster updated", "otherwise the ward runs short"),
            "When a nurse calls in sick, I want the roster updated, otherwise the ward runs short.",
        ),
        (
            ("after the last recall", "every batch traced", ""),
            "After the last recall, I want every batch traced.",
        ),
        (
            ("a contract expires", "the owner gets a reminder, not me", ""),
            "When a contract expires, I want it so that the owner gets a reminder, not me.",
        ),
        (
            ("We opened a second site", "plug in the new rota", "don't have to call anyone"),
            "When we opened a second site, I want to plug in the new rota, so I don't have to "
            "call anyone.",
        ),
        (
            ("a depot opens", "every route imported", "not lose a week"),
            "When a depot opens, I want every route imported, so I don't lose a week.",
        ),
        (
            ("They'd just missed the quarter", "a ramp plan", ""),
            "When they'd just missed the quarter, I want a ramp plan.",
        ),
        (
            ("a job closes", "the invoice went out the same day", ""),
            "When a job closes, I want it so that the invoice went out the same day.",
        ),
    ],
)
def test_render(parts: Triple, rendered: str) -> None:
    assert JobStatement(*parts, language="en").render() == rendered


def test_motivation_shape_for_render() -> None:
    assert jobs_en.motivation_is_verbal("see which deals slipped")
    assert jobs_en.motivation_is_verbal("plug in their own numbers")
    assert jobs_en.motivation_is_verbal("catch missed punches before the run")
    assert not jobs_en.motivation_is_verbal("access killed the same hour")
    assert not jobs_en.motivation_is_verbal("labour to come in under target")
    assert not jobs_en.motivation_is_verbal("the usage numbers")
    assert not jobs_en.motivation_is_verbal("them to find it")
