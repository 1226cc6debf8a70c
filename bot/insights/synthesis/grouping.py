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

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction import DictVectorizer
from sklearn.preprocessing import normalize

__all__ = ["ASSIGN_THRESHOLD", "MERGE_THRESHOLD", "merge"]

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
    frequency = Counter(term for k in keys for term in centroids[k])
    weighted = [
        {
            t: w * (math.log((1 + len(keys)) / (1 + frequency[t])) + 1.0)
            for t, w in centroids[k].items()
        }
        for k in keys
    ]
    matrix = normalize(DictVectorizer().fit_transform(weighted))
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
