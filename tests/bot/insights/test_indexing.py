"""Indexing: claims join themes per language, near themes merge, and answers stored before
an upgrade (without features) get them from the backfill, once."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.insights import regrouping
from bot.insights.indexing import backfill
from questions import load_bank
from storage import AnswerFeatures, Database, RegroupMark, Theme
from tests.bot.insights.kit import store

TEXTS = (
    "The per-seat price is too high for a support team of forty agents on a tight budget.",
    "Price is the problem: the per-seat cost eats the whole tooling budget every renewal.",
    "신규 지점 오픈할 때마다 체크리스트를 매장별로 따로 만들어야 해서 시간이 너무 오래 걸려요.",
)


def test_claims_join_themes_of_their_language_and_share_a_merged_key(db: Database) -> None:
    ids = store(db, TEXTS, index=True)
    with db.session() as session:
        assert {m.language for m in session.scalars(select(RegroupMark))} == {"en", "ko"}
    assert regrouping.regroup_pending(db=db) == 2  # later, as the clock or a digest does
    with db.session() as session:
        assert session.scalars(select(RegroupMark)).all() == []
        features = {f.answer_id: f for f in session.scalars(select(AnswerFeatures))}
        themes = {t.id: t for t in session.scalars(select(Theme))}
        english = {themes[i].group_key for a in ids[:2] for i in features[a].theme_ids}
        assert len(english) == 1  # the same claim in other words: one merged theme
        # every member theme shows the merged theme's label: words both answers use
        labels = {themes[i].label for a in ids[:2] for i in features[a].theme_ids}
        assert len(labels) == 1
        assert set(labels.pop().split(" · ")) <= {"price", "budget", "per-seat"}
        korean = [themes[i] for i in features[ids[2]].theme_ids]
        assert {t.language for t in korean} == {"ko"}
        assert features[ids[2]].claims[0]["language"] == "ko"
        assert "매장" in korean[0].label.split(" · ")  # whole nouns, never "매장별로"


def test_backfill_indexes_answers_without_features_once(db: Database) -> None:
    store(db, TEXTS, index=False)
    bank = load_bank()
    assert backfill(db=db, bank=bank, batch=2) == 3
    assert backfill(db=db, bank=bank) == 0
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(AnswerFeatures)) == 3
        assert (session.scalar(select(func.count()).select_from(Theme)) or 0) >= 2
