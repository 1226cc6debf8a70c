"""Themes of a persona: claims grouped as they arrive, then near themes merged.

Each claim unit joins the nearest theme of its (persona, language) cell when it is stored
(``themes.assign``: cosine to the theme's centroid), or starts one; that is what keeps the
digest cheap. Arrival order can split one claim over two themes (its first phrasings shared
no words), so at digest time ``merge`` groups the cell's theme centroids with scikit-learn's
agglomerative clustering (average linkage, cosine distance): a pass over themes, not claims.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction import DictVectorizer
from sklearn.preprocessing import normalize

__all__ = ["ASSIGN_THRESHOLD", "ECHO", "MERGE_THRESHOLD", "Regrouped", "merge", "regroup"]

# Cosine to a theme's centroid (raw term counts) a new claim needs to join it when stored.
ASSIGN_THRESHOLD = 0.3

# Cosine between two theme centroids (terms weighted by inverse theme frequency within
# the cell) above which they are one theme; tuned on the development sets.
MERGE_THRESHOLD = 0.15


def merge(
    centroids: Mapping[str, Mapping[str, float]],
    *,
    threshold: float = MERGE_THRESHOLD,
    linkage: str = "average",
) -> dict[str, str]:
    """Theme key -> the key of the merged theme it belongs to (the smallest key of its
    group, so the result is stable). Themes with no terms stay on their own."""
    keys = sorted(k for k, c in centroids.items() if c)
    merged = {k: k for k in centroids}
    if len(keys) < 2:
        return merged
    matrix = _weighted([centroids[k] for k in keys])
    distances = np.clip(1.0 - (matrix @ matrix.T).toarray(), 0.0, 2.0)
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage=linkage,
        distance_threshold=1.0 - threshold,
    ).fit_predict(distances)
    first: dict[int, str] = {}
    for key, label in zip(keys, labels, strict=True):
        first.setdefault(int(label), key)
        merged[key] = first[int(label)]
    return merged


# Cosine between two merged themes (IDF-weighted) above which one's customer claims clear
# the other of the mirror check: lower than the merge threshold, so other words for much
# the same still count. Tuned on the development sets.
ECHO = 0.3


@dataclass(frozen=True)
class Regrouped:
    groups: dict[str, str]  # theme key -> merged theme key
    neighbours: dict[str, list[str]]  # merged theme key -> merged themes near it


def regroup(
    centroids: Mapping[str, Mapping[str, float]],
    *,
    threshold: float | None = None,
    echo: float | None = None,
) -> Regrouped:
    """``merge``, then which merged themes come near each other (cosine >= ``echo``)."""
    echo = ECHO if echo is None else echo
    groups = merge(centroids, threshold=MERGE_THRESHOLD if threshold is None else threshold)
    summed: dict[str, dict[str, float]] = {}
    for key, group in groups.items():
        target = summed.setdefault(group, {})
        for term, weight in centroids[key].items():
            target[term] = target.get(term, 0.0) + weight
    keys = sorted(k for k, c in summed.items() if c)
    near: dict[str, list[str]] = {k: [] for k in summed}
    if len(keys) >= 2:
        matrix = _weighted([summed[k] for k in keys])
        similar = (matrix @ matrix.T).tocoo()
        for i, j, value in zip(similar.row, similar.col, similar.data, strict=True):
            if i != j and value >= echo:
                near[keys[i]].append(keys[j])
    return Regrouped(groups, {k: sorted(v) for k, v in near.items()})


def _weighted(rows: list[Mapping[str, float]]) -> Any:
    """Rows as an L2-normalised sparse matrix, terms weighted by inverse row frequency."""
    frequency = Counter(term for row in rows for term in row)
    n = len(rows)
    weighted = [
        {t: w * (math.log((1 + n) / (1 + frequency[t])) + 1.0) for t, w in row.items()}
        for row in rows
    ]
    return normalize(DictVectorizer().fit_transform(weighted))


def rare_first(
    vector: Mapping[str, float], spread: Mapping[str, int], *, themes: int
) -> dict[str, float]:
    """``vector`` with each term weighted by how rare it is among the cell's ``themes``
    (inverse theme frequency), so words every answer uses ("store", "team") count less
    when a claim looks for its theme."""
    return {
        t: w * (math.log((1 + themes) / (1 + spread.get(t, 0))) + 1.0) for t, w in vector.items()
    }
