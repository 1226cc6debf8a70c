"""Near-duplicate merging of job statements with pooled evidence.

Similarity is Jaccard over token sets of situation + motivation: for English, lowercased
words without a small stop list, with a plural "s" dropped; for Korean, character bigrams
of the text with spaces removed (spacing varies, particles change little). On hand-made
pairs, paraphrases scored 0.6-0.75 and different jobs sharing a situation 0.2-0.45. Two
statements of the same language merge when Jaccard >= 0.5 (``THRESHOLD``); groups are the
connected components of that relation, so the result does not depend on input order.
Exact duplicates (same rendering, case-insensitive) always merge.

Representative of a group: a statement without quality problems first, then the most
frequent, then the shortest rendering, then alphabetical. Evidence of a group is ordered by
(rendered member, repr(item)); groups by support (evidence count) descending, then text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from bot.insights.synthesis.jobs_words import words

THRESHOLD = 0.5

T = TypeVar("T")
S = TypeVar("S", bound="Mergeable")


class Mergeable(Protocol):
    """What merging reads from a statement (``JobStatement`` has it)."""

    @property
    def situation(self) -> str: ...
    @property
    def motivation(self) -> str: ...
    @property
    def language(self) -> str: ...


_STOP = words(
    """a an the to of for and or in on at by with from is are be i we they you my our their
    your it this that have has so can want wants need needs would like when"""
)
_EN_TOKEN = re.compile(r"[a-z0-9][a-z0-9'-]*")


def tokens(statement: Mergeable) -> frozenset[str]:
    """Similarity tokens of a statement's situation and motivation."""
    text = f"{statement.situation} {statement.motivation}".lower()
    if statement.language == "ko":
        compact = "".join(text.split())
        return frozenset(compact[i : i + 2] for i in range(max(1, len(compact) - 1)))
    words = (w for w in _EN_TOKEN.findall(text) if w not in _STOP)
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a & b| / |a | b|; 1.0 for two empty sets."""
    union = len(a | b)
    return len(a & b) / union if union else 1.0


def cluster(
    statements: Sequence[tuple[S, T]],
    *,
    is_clean: Callable[[S], bool],
    text: Callable[[S], str],
) -> list[tuple[S, list[T]]]:
    """Group near-duplicates; see the module docstring for every ordering rule."""
    by_key: dict[tuple[str, str], list[tuple[S, T]]] = defaultdict(list)
    for statement, item in statements:
        by_key[(statement.language, text(statement).lower())].append((statement, item))
    keys = sorted(by_key)
    parent = list(range(len(keys)))
    _link(keys, [tokens(by_key[k][0][0]) for k in keys], parent)
    groups: dict[int, list[tuple[S, T]]] = defaultdict(list)
    for index, key in enumerate(keys):
        groups[_root(parent, index)].extend(by_key[key])
    merged = [_summarise(members, is_clean, text) for members in groups.values()]
    merged.sort(key=lambda pair: (-len(pair[1]), text(pair[0])))
    return merged


def _link(keys: list[tuple[str, str]], sets: list[frozenset[str]], parent: list[int]) -> None:
    order = sorted(range(len(keys)), key=lambda i: (keys[i][0], len(sets[i]), keys[i]))
    for pos, i in enumerate(order):
        for j in order[pos + 1 :]:
            if keys[j][0] != keys[i][0] or len(sets[i]) < THRESHOLD * len(sets[j]):
                break
            if jaccard(sets[i], sets[j]) >= THRESHOLD:
                parent[_root(parent, j)] = _root(parent, i)


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _summarise(
    members: list[tuple[S, T]], is_clean: Callable[[S], bool], text: Callable[[S], str]
) -> tuple[S, list[T]]:
    counts = Counter(text(s) for s, _ in members)
    by_text = {text(s): s for s, _ in members}
    best = min(
        by_text,
        key=lambda t: (not is_clean(by_text[t]), -counts[t], len(t), t),
    )
    ordered = sorted(members, key=lambda pair: (text(pair[0]), repr(pair[1])))
    return by_text[best], [item for _, item in ordered]
