"""Theme labels: the key phrases most of a theme's claims share.

Each claim contributes its label words once (``label_words``): English nouns and names
(lemmas: "questionnaires" is "questionnaire") and two-word noun phrases written together
("security questionnaire", "per-location fee"); Korean nouns from kiwipiepy, adjacent nouns
kept together as written ("월말 결산", "법인카드"), never particles, endings or verb stems.
A theme keeps how many of its claims use each (``ThemeState.words``), so its label
(``label``) ranks what *several* members say over a name one member dropped: a word scores
its member count times its inverse spread over the cell's themes, phrases count half as
much again, and a theme of two or more claims shows only words at least two of them use
when it has any. Pure and deterministic.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from lemminflect import getAllLemmas

from bot.insights.synthesis import korean
from bot.insights.synthesis.english import english_lemma, is_english_stop_word

__all__ = ["KEPT_WORDS", "label", "label_words", "merged"]

KEPT_WORDS = 100  # per theme, the most used
_EN_TOKEN = re.compile(r"[a-z][a-z0-9]*(?:[-'][a-z0-9]+)*|\S")
_MODIFIERS = frozenset({"ADJ", "ADV"})
_PHRASE_BONUS = 1.5
_TERMS = 3


def label_words(text: str, language: str) -> frozenset[str]:
    """The claim's label candidates: nouns and two-word noun phrases."""
    return _korean(text) if language == "ko" else _english(text.lower())


@lru_cache(maxsize=8192)
def _english(text: str) -> frozenset[str]:
    found: set[str] = set()
    previous: str | None = None
    for token in _EN_TOKEN.findall(text.replace("\u2019", "'")):
        word, _, suffix = token.partition("'")
        shown, noun = _english_word(word)
        if suffix == "t" or _skipped(word) or _skipped(shown):  # "don't"; stop words
            previous = None
            continue
        if noun:
            found.add(shown)
            if previous is not None:
                found.add(f"{previous} {shown}")
        previous = word
    return frozenset(found)


def _skipped(word: str) -> bool:
    return len(word) < 2 or not word[0].isalpha() or is_english_stop_word(word)


@lru_cache(maxsize=65536)
def _english_word(word: str) -> tuple[str, bool]:
    """The word as a label shows it (a noun's lemma), and whether it can head a phrase:
    not a word that is only an adjective or adverb ("loud", "expensive")."""
    lemmas = getAllLemmas(word)
    for upos in ("NOUN", "PROPN"):
        if upos in lemmas:
            return str(lemmas[upos][0]), True
    shown = word if word.endswith("ing") else english_lemma(word)  # "onboarding", "reps"
    return shown, not (lemmas and set(lemmas) <= _MODIFIERS)


@lru_cache(maxsize=8192)
def _korean(text: str) -> frozenset[str]:
    found: set[str] = set()
    previous: tuple[int, int] | None = None  # span of the last noun, if the last morpheme
    for form, tag, start, length in korean.morphemes(text):
        noun = tag in korean.NOUN_TAGS and len(form) > 1
        if not noun or form in korean.STOP_NOUNS or (form, tag) in korean.stop_words():
            previous = None
            continue
        found.add(form.lower() if tag == "SL" else form)
        if previous is not None and not text[previous[1] : start].strip():
            found.add(text[previous[0] : start + length].lower())
        previous = (start, start + length)
    return frozenset(found)


def merged(counts: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """Word counts of several themes together (a merged theme's)."""
    total: dict[str, int] = {}
    for words in counts:
        for word, n in words.items():
            total[word] = total.get(word, 0) + n
    return total


def label(words: Mapping[str, int], *, size: int, spread: Mapping[str, int], themes: int) -> str:
    """Up to three key phrases of a theme of ``size`` claims, joined with " · ".

    ``spread``: in how many of the cell's ``themes`` each word is used. A word already
    inside a chosen phrase (or a phrase holding a chosen word) is not shown twice.
    """
    shared = {w: n for w, n in words.items() if n >= 2}
    pool = shared if size >= 2 and shared else words
    ranked = sorted(pool, key=lambda w: (-_score(w, pool, spread, themes), w))
    chosen: list[str] = []
    for word in ranked:
        if any(_overlap(word, c) for c in chosen):
            continue
        chosen.append(word)
        if len(chosen) == _TERMS:
            break
    return " · ".join(chosen)


def _overlap(a: str, b: str) -> bool:
    """Whether two label words say the same twice: a shared word, or one inside the other
    ("사업자" in "개인사업자", "hour" in "hours land")."""
    return bool(set(a.split()) & set(b.split())) or a in b or b in a


def _score(word: str, pool: Mapping[str, int], spread: Mapping[str, int], themes: int) -> float:
    rarity = math.log((1 + themes) / (1 + spread.get(word, 0))) + 1.0
    bonus = _PHRASE_BONUS if _phrase(word, pool) else 1.0
    return round(pool[word] * rarity * bonus, 9)


def _phrase(word: str, pool: Mapping[str, int]) -> bool:
    """Two words written apart ("월말 결산") or together ("법인카드": both halves are words)."""
    return " " in word or any(word[:i] in pool and word[i:] in pool for i in range(1, len(word)))
