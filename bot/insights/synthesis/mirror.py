"""The mirror check: you are not your customer.

A theme is an assumption to check with customers when internal people (marketing, sales,
customer success, leadership) support it, at least two of them, and no customer or focus
group answer of the same persona makes the same claim, in any field and in other words: no
customer claim comes near the theme's centroid (``ECHO`` is lower than the threshold that
groups claims, so a customer who said it differently still clears the flag).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

INTERNAL_GROUPS = frozenset({"marketing", "sales", "customer_success", "leadership"})
CUSTOMER_GROUPS = frozenset({"customers", "focus_group"})
ECHO = 0.3


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    if not dot:
        return 0.0
    return dot / (
        math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    )


def is_assumption(
    *,
    people: int,
    groups: Iterable[str | None],
    centroid: Mapping[str, float],
    customer_claims: Iterable[Mapping[str, float]],
    echo: float | None = None,
) -> bool:
    known = {g for g in groups if g is not None}
    if people < 2 or not known & INTERNAL_GROUPS or known & CUSTOMER_GROUPS:
        return False
    limit = ECHO if echo is None else echo
    return not any(cosine(centroid, claim) >= limit for claim in customer_claims)
