"""Choose the next questions for a channel (pure: no clock, no I/O)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from questions.model import Bank, Question

_NEVER = datetime.min.replace(tzinfo=UTC)


@dataclasses.dataclass(frozen=True)
class Asked:
    """A past prompt in the channel: which question, and when it was posted."""

    key: str
    asked_at: datetime


def pick_questions(
    *,
    bank: Bank,
    group: str,
    count: int,
    history: Sequence[Asked],
    evidence: Mapping[str, int],
    last_key: str | None = None,
) -> list[Question]:
    """Up to ``count`` enabled questions of ``group``, best first, without duplicates.

    Order: never asked in this channel first; then the persona field with the least
    ``evidence`` (missing fields count 0); then least recently asked; then by key.
    The first question is never ``last_key`` (when ``last_key`` is None, the most
    recently asked question in ``history``), unless it is the group's only enabled
    question. Naive ``asked_at`` values are taken as UTC.
    """
    if count < 0:
        raise ValueError(f"count must be 0 or more, got {count}")
    last_asked: dict[str, datetime] = {}
    for asked in history:
        when = _aware(asked.asked_at)
        if asked.key not in last_asked or when > last_asked[asked.key]:
            last_asked[asked.key] = when
    if last_key is None and last_asked:
        last_key = max(last_asked, key=lambda key: (last_asked[key], key))

    def priority(question: Question) -> tuple[bool, int, datetime, str]:
        when = last_asked.get(question.key)
        return (
            when is not None,
            evidence.get(question.field, 0),
            when or _NEVER,
            question.key,
        )

    ranked = sorted(bank.for_group(group), key=priority)
    if len(ranked) > 1 and ranked[0].key == last_key:
        ranked[0], ranked[1] = ranked[1], ranked[0]
    return ranked[:count]


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes for stored UTC values.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
