"""Upgrades of stored features: themes stored before themes counted their label words get
the counts (and then the labels) a fresh index gives them, once."""

from __future__ import annotations

from sqlalchemy import select

from bot.insights import regrouping
from bot.insights.indexing import backfill
from bot.insights.upgrades import upgrade
from questions import load_bank
from storage import AnswerFeatures, Database, Theme
from tests.bot.insights.kit import store

TEXTS = (
    "Security questionnaires stall every enterprise deal for weeks.",
    "Their security questionnaire took us a month, the deal nearly died.",
    "월말 결산 때 법인카드 영수증 맞추는 게 제일 힘들어요.",
)


def _store(db: Database, texts: tuple[str, ...], *, start: int = 0) -> None:
    store(db, texts, start=start)
    regrouping.regroup_pending(db=db)


def _as_before_the_upgrade(db: Database) -> None:
    """Take the label words out of every theme state and claim, and relabel, as rows
    stored by the previous release look."""
    with db.session() as session:
        for theme in session.scalars(select(Theme)):
            theme.state = {k: v for k, v in theme.state.items() if k != "words"}
            theme.label = "old · label"
        for features in session.scalars(select(AnswerFeatures)):
            features.claims = [
                {k: v for k, v in c.items() if k != "words"} for c in features.claims
            ]


def _snapshot(db: Database) -> dict[int, tuple[str, dict[str, int] | None]]:
    with db.session() as session:
        return {t.id: (t.label, t.state.get("words")) for t in session.scalars(select(Theme))}


def test_themes_stored_without_label_words_get_them_and_their_labels(db: Database) -> None:
    _store(db, TEXTS)
    fresh = _snapshot(db)
    _as_before_the_upgrade(db)
    assert backfill(db=db, bank=load_bank()) == 0  # nothing to index; the upgrade runs
    regrouping.regroup_pending(db=db)
    assert _snapshot(db) == fresh
    assert "security questionnaire" in {w for _, words in fresh.values() for w in words or {}}
    with db.session() as session:
        claims = [c for f in session.scalars(select(AnswerFeatures)) for c in f.claims]
        assert all("words" in c for c in claims)
    assert upgrade(db=db) == 0  # once


def test_a_claim_joining_an_uncounted_theme_is_counted_by_the_upgrade(db: Database) -> None:
    _store(db, TEXTS[:1])
    _as_before_the_upgrade(db)
    _store(db, TEXTS[1:2], start=1)  # joins the old theme before the upgrade has run
    with db.session() as session:
        states = [t.state for t in session.scalars(select(Theme).where(Theme.language == "en"))]
        assert all("words" not in s for s in states)  # still uncounted: no partial counts
    upgrade(db=db)
    regrouping.regroup_pending(db=db)
    with db.session() as session:
        counted: dict[str, int] = {}
        for theme in session.scalars(select(Theme).where(Theme.language == "en")):
            for word, n in theme.state["words"].items():
                counted[word] = counted.get(word, 0) + n
        labels = {t.label for t in session.scalars(select(Theme).where(Theme.language == "en"))}
    assert counted["security questionnaire"] == 2
    assert "old · label" not in labels
