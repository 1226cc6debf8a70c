"""Who supports what: one pass over a digest's answer facts, per persona, field, theme and
job (pure). ``collect`` counts; ``snapshot`` is what a digest stores to say next time what
changed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from bot.insights.synthesis.model import NO_PERSONA, AnswerFact, JobFact, Snapshot
from questions import CUSTOMER_GROUPS, INTERNAL_GROUPS

__all__ = [
    "FieldTally",
    "JobTally",
    "Person",
    "PersonaTally",
    "ThemeTally",
    "collect",
    "snapshot",
]

_INTERNAL = frozenset(INTERNAL_GROUPS)
_CUSTOMER = frozenset(CUSTOMER_GROUPS)

Person = str | int  # an author key, or the answer id of an answer whose author is unknown


class ThemeTally:
    __slots__ = ("customer", "fields", "groups", "internal", "last", "old", "people")

    def __init__(self) -> None:
        self.people: set[Person] = set()
        self.internal: set[Person] = set()
        self.customer: set[Person] = set()
        self.groups: set[str | None] = set()
        self.old: set[Person] = set()
        self.fields: set[str] = set()
        self.last: datetime | None = None


class FieldTally:
    __slots__ = ("group_people", "groups", "last", "old_last", "people", "themes")

    def __init__(self, at: datetime) -> None:
        self.people: set[Person] = set()
        self.groups: set[str | None] = set()
        self.group_people: dict[str, set[Person]] = {}  # "" = unknown group
        self.last = at
        self.old_last: datetime | None = None
        self.themes: dict[str, ThemeTally] = {}  # the field's own support, for who says what


class JobTally:
    __slots__ = ("best", "groups", "old", "people", "texts")

    def __init__(self) -> None:
        self.people: set[Person] = set()
        self.groups: set[str | None] = set()
        self.old: set[Person] = set()
        self.texts: dict[str, int] = {}
        self.best: dict[str, JobFact] = {}

    def add_fact(self, fact: JobFact) -> None:
        self.texts[fact.text] = self.texts.get(fact.text, 0) + 1
        kept = self.best.get(fact.text)
        if kept is None or _fact_order(fact) < _fact_order(kept):
            self.best[fact.text] = fact

    def representative(self) -> JobFact:
        """The most frequent text, then the shortest (then the first in text order)."""
        text = min(self.texts, key=lambda t: (-self.texts[t], len(t), t))
        return self.best[text]


class PersonaTally:
    __slots__ = ("fields", "groups", "ids", "jobs", "themes")

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.groups: set[str | None] = set()
        self.fields: dict[str, FieldTally] = {}
        self.jobs: dict[str, JobTally] = {}
        self.themes: dict[str, ThemeTally] = {}  # across fields


def _fact_order(fact: JobFact) -> tuple[object, ...]:
    return (fact.problems, fact.situation, fact.motivation, fact.outcome, fact.language)


def collect(
    answers: Iterable[AnswerFact], known: set[str], cutoff: datetime | None
) -> tuple[dict[str, PersonaTally], int]:
    """One pass: per persona, field, theme and job, who supports what."""
    personas: dict[str, PersonaTally] = {}
    ids: set[int] = set()
    for a in answers:
        key = a.persona if a.persona in known else NO_PERSONA
        p = personas.get(key) or personas.setdefault(key, PersonaTally())
        ids.add(a.answer_id)
        p.ids.add(a.answer_id)
        p.groups.add(a.group)
        who: Person = a.author or a.answer_id
        old = cutoff is not None and a.answered_at <= cutoff
        f = p.fields.get(a.field) or p.fields.setdefault(a.field, FieldTally(a.answered_at))
        f.people.add(who)
        f.groups.add(a.group)
        f.group_people.setdefault(a.group or "", set()).add(who)
        if a.answered_at > f.last:
            f.last = a.answered_at
        if old and (f.old_last is None or a.answered_at > f.old_last):
            f.old_last = a.answered_at
        for theme in a.themes:
            _add_theme(f.themes, theme, who, a.group, old)
            t = _add_theme(p.themes, theme, who, a.group, old)
            t.fields.add(a.field)
            if t.last is None or a.answered_at > t.last:
                t.last = a.answered_at
        for fact in a.jobs:
            job = p.jobs.get(fact.key) or p.jobs.setdefault(fact.key, JobTally())
            job.people.add(who)
            job.groups.add(a.group)
            job.add_fact(fact)
            if old:
                job.old.add(who)
    return personas, len(ids)


def _add_theme(
    themes: dict[str, ThemeTally], key: str, who: Person, group: str | None, old: bool
) -> ThemeTally:
    t = themes.get(key) or themes.setdefault(key, ThemeTally())
    t.people.add(who)
    t.groups.add(group)
    if group in _INTERNAL:
        t.internal.add(who)
    elif group in _CUSTOMER:
        t.customer.add(who)
    if old:
        t.old.add(who)
    return t


def snapshot(personas: Mapping[str, PersonaTally], *, old: bool = False) -> Snapshot:
    """What is known now, or (``old``) what was known at the cutoff."""
    themes: dict[str, int] = {}
    jobs: dict[str, int] = {}
    fields: dict[str, str] = {}
    for pkey in sorted(personas):
        p = personas[pkey]
        for fkey in sorted(p.fields):
            f = p.fields[fkey]
            last = f.old_last if old else f.last
            if last is not None:
                fields[f"{pkey}|{fkey}"] = last.isoformat()
        for tkey in sorted(p.themes):
            t = p.themes[tkey]
            if n := len(t.old if old else t.people):
                themes[f"{pkey}|{tkey}"] = n
        for jkey in sorted(p.jobs):
            if n := len(p.jobs[jkey].old if old else p.jobs[jkey].people):
                jobs[f"{pkey}|{jkey}"] = n
    return Snapshot(themes=dict(sorted(themes.items())), jobs=jobs, fields=fields)
