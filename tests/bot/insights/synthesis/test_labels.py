"""Theme labels: key phrases several members share, in readable words of both languages."""

from __future__ import annotations

from bot.insights.synthesis import themes
from bot.insights.synthesis.labels import label, label_words, merged


def test_english_label_words_are_nouns_and_noun_phrases_as_lemmas() -> None:
    words = label_words("Security questionnaires stall every deal, we don't win", "en")
    assert {"security questionnaire", "security", "questionnaire", "deal"} <= words
    assert "questionnaires" not in words  # lemmas
    assert not any(w == "don" or w.startswith("don ") for w in words)  # "don't" says nothing


def test_english_adjectives_and_filler_are_never_labels_alone() -> None:
    words = label_words("honestly it is way too expensive lol", "en")
    assert words == frozenset()


def test_korean_label_words_are_whole_nouns_and_adjacent_nouns_as_written() -> None:
    words = label_words("월말 결산 때 법인카드 영수증 맞추는 게 제일 힘들어요", "ko")
    assert {"월말 결산", "결산", "영수증"} <= words
    assert any("법인카드" in w for w in words)
    # no particles, endings or verb stems
    assert not any(w.endswith(("는", "를", "다", "요")) for w in words)


def test_a_label_shows_what_several_members_say_over_a_name_one_dropped() -> None:
    words = {"bayside": 1, "route": 1, "price": 3, "per-location fee": 2, "fee": 2}
    shown = label(words, size=3, spread={"price": 1, "bayside": 1}, themes=10)
    parts = shown.split(" · ")
    assert "bayside" not in parts
    assert "route" not in parts
    assert parts[0] == "per-location fee"  # a shared phrase first
    assert "fee" not in parts  # inside the phrase already


def test_a_single_claims_theme_is_labelled_by_its_own_words() -> None:
    assert label({"sso": 1, "audit log": 1}, size=1, spread={}, themes=3) == "audit log · sso"


def test_korean_compounds_and_their_parts_are_not_shown_twice() -> None:
    words = {"개인사업자": 3, "사업자": 3, "개인": 3, "경비": 2}
    assert label(words, size=3, spread={}, themes=1) == "개인사업자 · 경비"


def test_theme_states_count_label_words_and_forget_them_on_removal() -> None:
    first = themes.new_theme("t", {"price": 1.0}, answer_id=1, words={"price", "budget"})
    grown = themes.add(first, {"price": 1.0}, answer_id=2, words={"price"})
    assert dict(grown.words) == {"price": 2, "budget": 1}
    shrunk = themes.remove(grown, {"price": 1.0}, answer_id=1, words={"price", "budget"})
    assert dict(shrunk.words) == {"price": 1}
    again = themes.state_from_json(themes.state_to_json(grown))
    assert dict(again.words) == dict(grown.words)
    assert merged([grown.words, shrunk.words]) == {"price": 3, "budget": 1}
