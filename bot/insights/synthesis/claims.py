"""Answers as claims: the sentence or clause units an answer is made of, and their terms.

An answer such as "Price, mostly. They're squeezed on budget and our per-seat cost comes up
in every call. thanks!" says two things; grouped whole, it would join one theme or none.
``split`` cuts it into units (sentences, list items, clauses joined by "but" or ";"),
drops what says nothing (thanks, filler, emoji, "same as above"), and ``terms`` gives each
unit the words a theme is recognised by:

- English: words lemmatised with ``lemminflect`` ("costs" and "costing" are "cost"),
  without scikit-learn's English stop words or Slack filler, plus adjacent word pairs;
- Korean: ``kiwipiepy``'s morphological analysis: nouns, roots, foreign words and verb or
  adjective stems ("비싸", "걸리"), never particles, endings or word fragments.

Pure: text in, units and term weights out (the Kiwi model loads once per process).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.insights.synthesis import korean, labels
from bot.insights.synthesis.english import english_lemma, is_english_stop_word
from bot.insights.synthesis.jobs_text import normalise
from bot.insights.synthesis.languages import has_hangul, language_of

__all__ = [
    "CLAIM_WORDS",
    "Claim",
    "Unit",
    "claims",
    "content_words",
    "language_of",
    "split",
    "terms",
]

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+|\s*;\s*|\s+-\s+|(?<=[요다죠음함됨임])[.~]*\s+")
_CLAUSE = re.compile(r",?\s+(?:but|though|although|whereas)\s+|\s*,\s*(?:하지만|근데|그런데)\s+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EN_WORD = re.compile(r"[a-z][a-z0-9]*(?:[-'][a-z0-9]+)*")
# A unit keeps at least this many content words: shorter sentences join their neighbour
# (in the same language), since two or three words alone cannot be told apart from chance
# overlap. Tuned on the development sets (bench/quality.py): 8 grouped best.
CLAIM_WORDS = 8


@dataclass(frozen=True)
class Unit:
    """One claim-sized piece of an answer, in its own language ("en" or "ko")."""

    text: str
    language: str


@dataclass(frozen=True)
class Claim:
    """A unit (or adjacent short units joined) with the terms it is grouped by."""

    text: str
    language: str
    terms: dict[str, float]
    words: frozenset[str] = frozenset()  # label words (``labels.label_words``) of its units


def claims(text: str) -> list[Claim]:
    """The answer's claims: its units, short ones joined to their neighbour until each has
    ``CLAIM_WORDS`` content words (or the answer ends)."""
    found: list[Claim] = []
    sizes: list[int] = []
    for unit in split(text):
        weights = terms(unit)
        words = labels.label_words(unit.text, unit.language)  # the same analysis, cached
        size = len(weights)
        if found and found[-1].language == unit.language and min(sizes[-1], size) < CLAIM_WORDS:
            last = found[-1]
            joined = dict(last.terms)
            for term, weight in weights.items():
                joined[term] = joined.get(term, 0.0) + weight
            joined_text = f"{last.text} {unit.text}"
            found[-1] = Claim(joined_text, last.language, joined, last.words | words)
            sizes[-1] += size
        else:
            found.append(Claim(unit.text, unit.language, weights, words))
            sizes.append(size)
    return found


def split(text: str) -> list[Unit]:
    """The answer's claim units, in order; units that carry no content word are dropped."""
    units: list[Unit] = []
    for sentence in _SENTENCE.split(_URL.sub(" ", normalise(text))):
        for piece in _CLAUSE.split(sentence):
            piece = piece.strip(" \t,.:;!?~")
            if not piece:
                continue
            unit = Unit(piece, language_of(piece))
            if content_words(unit):
                units.append(unit)
    return units


def terms(unit: Unit) -> dict[str, float]:
    """The unit's term weights: each content word counts once per occurrence, at most
    twice. (Adjacent word pairs were tried and grouped worse on the development sets.)"""
    weights: dict[str, float] = {}
    for word in content_words(unit):
        weights[word] = min(weights.get(word, 0.0) + 1.0, 2.0)
    return weights


def content_words(unit: Unit) -> tuple[str, ...]:
    """The unit's content words in order: English lemmas without stop words; Korean nouns,
    roots, foreign words and verb or adjective stems."""
    return _content_words(unit.text, unit.language)


@lru_cache(maxsize=4096)
def _content_words(text: str, language: str) -> tuple[str, ...]:
    if language == "ko":
        return tuple(_in_english(word) for word in korean.content_words(text) if _kept(word))
    return tuple(_english_words(text))


def _kept(word: str) -> bool:
    """Korean words stay; an English word inside a Korean sentence is kept unless it is a
    stop word or filler."""
    return has_hangul(word) or not is_english_stop_word(english_lemma(word))


def _in_english(word: str) -> str:
    return word if has_hangul(word) else english_lemma(word)


def _english_words(text: str) -> Sequence[str]:
    found = []
    for token in _EN_WORD.findall(text.lower().replace("\u2019", "'")):
        word = token.split("'")[0]  # they're -> they, customer's -> customer
        if len(word) < 2 or is_english_stop_word(word):
            continue
        lemma = english_lemma(word)
        if not is_english_stop_word(lemma):
            found.append(lemma)
    # Korean words inside an English unit still count ("setup이 제일 힘들어요" in a mostly
    # English answer is rare; a unit's language is its majority script)
    if has_hangul(text):
        found.extend(w for w in korean.content_words(text) if has_hangul(w))
    return found
