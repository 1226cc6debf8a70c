"""Incremental grouping of claims into themes, theme labels and job-statement merge keys.

Each claim's terms are computed once, when its answer is stored (``bot.insights.synthesis.
claims``), and the claim joins a theme then (``assign`` + ``add``, or ``new_theme``); a digest
only reads the kept states. The caller keeps ``ThemeState`` as JSON between calls
(``state_to_json`` / ``state_from_json``). All pure and deterministic.

Cost: ``assign`` intersects the claim's term set with each theme's (C speed, over the
claim's few terms) and multiplies only the shared terms; each state computes its centroid's
norm and term set once, when it is made.

Representative claim (``best_answer``): the member with the highest cosine to the centroid.
Member vectors are not kept, so when a member is added the previous best's score against
the new centroid is *estimated*: its dot product with the added vector is taken as its
score times the cosine between the old centroid and the added vector (as if the previous
best lay along the old centroid). The estimate is exact while the theme has one member and
close while the best stays typical.
"""

from __future__ import annotations

import dataclasses
import math
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from bot.insights.synthesis import claims, jobs, labels
from bot.insights.synthesis.model import JobFact

__all__ = [
    "CENTROID_TERMS",
    "DEFAULT_THRESHOLD",
    "ThemeState",
    "add",
    "assign",
    "job_facts",
    "job_key",
    "label",
    "label_of",
    "new_theme",
    "state_from_json",
    "state_to_json",
]

CENTROID_TERMS = 200
# Cosine to a theme's centroid needed to join it. Short answers share one or two key
# words, so cosines run low: on the test set 0.35 split themes (ARI en 0.67, ko 0.63 over
# 12 orders), 0.25 kept them whole without merging different ones (en 0.85, ko 0.90).
DEFAULT_THRESHOLD = 0.25
KEY_TOKENS = 8


@dataclass(frozen=True)
class ThemeState:
    """One theme of a (field, language) cell. ``centroid`` is the capped sum of members."""

    key: str
    centroid: Mapping[str, float]
    size: int
    best_answer: int | None
    best_score: float
    # label word -> how many member claims use it (``labels.label_words``), the most used;
    # ``counted`` is False for a state stored before themes counted them (until
    # ``bot.insights.upgrades`` counts them all, its words stay empty)
    words: Mapping[str, int] = field(default_factory=dict)
    counted: bool = True
    norm: float = field(init=False, repr=False, compare=False)  # derived, for assign
    terms: frozenset[str] = field(init=False, repr=False, compare=False)  # derived

    def __post_init__(self) -> None:
        centroid = _capped(self.centroid)
        object.__setattr__(self, "centroid", centroid)
        object.__setattr__(self, "words", _kept_words(self.words) if self.counted else {})
        object.__setattr__(self, "norm", _norm(centroid))
        object.__setattr__(self, "terms", frozenset(centroid))


def _capped(weights: Mapping[str, float]) -> dict[str, float]:
    """The ``CENTROID_TERMS`` heaviest terms, ordered by weight descending, then term."""
    ordered = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
    return dict(ordered[:CENTROID_TERMS])


def _kept_words(words: Mapping[str, int]) -> dict[str, int]:
    ordered = sorted(((w, n) for w, n in words.items() if n > 0), key=lambda i: (-i[1], i[0]))
    return dict(ordered[: labels.KEPT_WORDS])


def _counted(words: Mapping[str, int], claim: Iterable[str], step: int) -> dict[str, int]:
    counted = dict(words)
    for word in claim:
        counted[word] = counted.get(word, 0) + step
    return counted


def _dot(vector: Mapping[str, float], centroid: Mapping[str, float]) -> float:
    found = map(centroid.get, vector.keys(), repeat(0.0))
    total: float = sum(map(operator.mul, vector.values(), found))
    return total


def _norm(vector: Mapping[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def assign(
    vector: Mapping[str, float],
    themes: Sequence[ThemeState],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> int | None:
    """Index of the theme nearest ``vector`` (cosine to its centroid), if >= threshold.

    Ties go to the lowest index; None means no theme is near enough (create a new one).
    The loop is the hot path (one pass per stored answer), hence its plain shape.
    """
    size = _norm(vector)
    if not size:
        return None
    present, weight, mul = frozenset(vector), vector.__getitem__, operator.mul
    best, best_score = None, 0.0
    for index, theme in enumerate(themes):
        shared = present & theme.terms
        if not shared:
            continue
        common = sorted(shared)  # a fixed summation order: the same floats in every process
        dot = sum(map(mul, map(weight, common), map(theme.centroid.__getitem__, common)))
        if dot > best_score * theme.norm:
            best, best_score = index, dot / theme.norm
    return best if best is not None and best_score / size >= threshold else None


def new_theme(
    key: str, vector: Mapping[str, float], *, answer_id: int, words: Iterable[str] = ()
) -> ThemeState:
    """A theme with one member (``words``: its label words)."""
    score = 1.0 if _norm(vector) else 0.0
    return ThemeState(key, dict(vector), 1, answer_id, score, _counted({}, words, 1))


def add(
    theme: ThemeState,
    vector: Mapping[str, float],
    *,
    answer_id: int,
    words: Iterable[str] = (),
) -> ThemeState:
    """``theme`` with one more member; see the module docstring for ``best_answer``."""
    centroid = dict(theme.centroid)
    for term, weight in vector.items():
        centroid[term] = centroid.get(term, 0.0) + weight
    counted = _counted(theme.words, words, 1)
    grown = ThemeState(
        theme.key, centroid, theme.size + 1, theme.best_answer, 0.0, counted, theme.counted
    )
    size = _norm(vector)
    if not grown.norm or not size:
        return grown
    score = _dot(vector, grown.centroid) / (grown.norm * size)
    previous = _previous_best(theme, vector, size, grown.norm)
    best, best_score = (
        (answer_id, score)
        if theme.best_answer is None or score > previous
        else (theme.best_answer, previous)
    )
    return dataclasses.replace(grown, best_answer=best, best_score=best_score)


def remove(
    theme: ThemeState,
    vector: Mapping[str, float],
    *,
    answer_id: int,
    words: Iterable[str] = (),
) -> ThemeState:
    """``theme`` without one member, whose text was edited or deleted. Approximate where the
    member's terms fell outside the capped centroid; a removed best answer is forgotten (the
    digest then quotes another member)."""
    centroid = {t: w - vector.get(t, 0.0) for t, w in theme.centroid.items()}
    size = max(0, theme.size - 1)
    # An emptied theme keeps no words (the approximation could leave a deleted answer's).
    kept = {t: w for t, w in centroid.items() if w > 1e-9} if size else {}
    best = None if theme.best_answer == answer_id else theme.best_answer
    score = theme.best_score if best is not None else 0.0
    counted = _counted(theme.words, words, -1) if size else {}
    return ThemeState(theme.key, kept, size, best, score, counted, theme.counted)


def _previous_best(
    theme: ThemeState, vector: Mapping[str, float], size: float, new: float
) -> float:
    """Estimated cosine of the previous best member to the grown centroid."""
    if not theme.norm:
        return 0.0
    along = _dot(vector, theme.centroid) / (theme.norm * size)  # cos(old centroid, vector)
    return theme.best_score * (theme.norm + along * size) / new


def state_to_json(theme: ThemeState) -> dict[str, Any]:
    """A JSON-ready dict of the state (centroid ordered by weight)."""
    return {
        "key": theme.key,
        "centroid": dict(theme.centroid),
        "size": theme.size,
        "best_answer": theme.best_answer,
        "best_score": theme.best_score,
    } | ({"words": dict(theme.words)} if theme.counted else {})


def state_from_json(data: Mapping[str, Any]) -> ThemeState:
    """The state ``state_to_json`` wrote; ValueError when the data does not fit."""
    try:
        centroid = {str(t): float(w) for t, w in dict(data["centroid"]).items()}
        best = data.get("best_answer")
        return ThemeState(
            key=str(data["key"]),
            centroid=centroid,
            size=int(data["size"]),
            best_answer=None if best is None else int(best),
            best_score=float(data.get("best_score", 0.0)),
            words={str(w): int(n) for w, n in dict(data.get("words") or {}).items()},
            counted="words" in data,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"not a theme state: {error}") from error


def label_of(
    theme: ThemeState,
    *,
    background: Mapping[str, float],
    spread: Mapping[str, int],
    classes: int,
) -> str:
    """The theme's label: its key phrases (``labels.label``), or, for a state stored before
    themes kept their label words, its key words (``label``)."""
    if theme.words:
        return labels.label(theme.words, size=theme.size, spread=spread, themes=classes)
    return label(theme, background=background, classes=classes)


def label(
    theme: ThemeState,
    *,
    background: Mapping[str, float] | None = None,
    classes: int = 1,
    terms: int = 3,
) -> str:
    """The theme's key words, joined with " · " (class-based TF-IDF, as BERTopic does).

    A word scores tf² * log(1 + A / f): tf its weight in the theme, f its weight in
    ``background`` (the sum of the cell's ``classes`` centroids) and A the average weight
    of a theme, so a word many members use outranks a name one member dropped, and a word
    every theme uses ranks low. Words are lemmas (English) or nouns and verb stems (Korean,
    from kiwipiepy), so a label never shows a particle or a piece of a word.
    """
    centroid = theme.centroid
    back = background if background is not None else centroid
    average = max(sum(back.values()), sum(centroid.values())) / max(classes, 1)
    scored: list[tuple[float, bool, int, str]] = []
    for term, weight in centroid.items():
        frequency = max(back.get(term, 0.0), weight)
        score = weight * weight * math.log(1.0 + average / frequency)
        # ties (a theme of one claim) go to nouns before verb stems, then longer words
        stem = term.endswith("다") and claims.language_of(term) == "ko"
        scored.append((round(-score, 9), stem, -len(term), term))
    return " · ".join(entry[-1] for entry in sorted(scored)[:terms])


def job_key(statement: jobs.JobStatement) -> str:
    """Merge key of a job statement: its language, then the sorted content words (lemmas;
    Korean nouns and stems) of its situation and motivation, eight at most. Statements with
    the same key are one job; their support adds up."""
    text = f"{statement.situation} {statement.motivation}"
    # A Korean motivation is stored as a bare stem ("확인하"): give it its dictionary ending
    # so the analyser reads "확인/하" and not "확/인하".
    unit = claims.Unit(text + "다" if statement.language == "ko" else text, statement.language)
    words = sorted(set(claims.content_words(unit)))
    if not words:
        words = sorted(set(unit.text.lower().split()))
    return f"{statement.language}:{' '.join(words[:KEY_TOKENS])}"


def job_facts(text: str) -> tuple[JobFact, ...]:
    """Job statements of an answer with their merge keys and quality problems.

    In extraction order; a second statement with the same key in one answer is dropped
    (an answer supports a job once).
    """
    facts: list[JobFact] = []
    for statement in jobs.extract(text):
        key = job_key(statement)
        if any(fact.key == key for fact in facts):
            continue
        problems = tuple(problem.code for problem in jobs.check(statement))
        facts.append(
            JobFact(
                key=key,
                situation=statement.situation,
                motivation=statement.motivation,
                outcome=statement.outcome,
                language=statement.language,
                text=statement.render(),
                problems=problems,
            )
        )
    return tuple(facts)
