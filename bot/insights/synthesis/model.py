"""The data synthesis works on and produces: plain frozen dataclasses, no I/O.

``bot.insights.facts`` turns database rows into these; ``themes`` assigns an answer to a
theme once, when it is stored; ``digest`` turns facts into a ``Digest``;
``bot.insights.render`` turns a ``Digest`` into Block Kit, Markdown, HTML, CSV or JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from dataclasses import field as _field
from datetime import date, datetime

NO_PERSONA = ""  # answers not linked to any persona are summarised under this key
UNSORTED = "unsorted"  # the field of an answer whose question informs no persona field


@dataclass(frozen=True)
class PersonaInfo:
    key: str  # stable id as text
    name: str
    description: str
    negative: bool


@dataclass(frozen=True)
class JobFact:
    """A job statement found in one answer (precomputed when the answer was stored)."""

    key: str  # normalised merge key (same key = same job); see themes.job_key
    situation: str
    motivation: str
    outcome: str
    language: str
    text: str  # rendered sentence
    problems: tuple[str, ...] = ()  # quality-check codes; empty when fine


@dataclass(frozen=True)
class AnswerFact:
    """One answer as synthesis sees it.

    ``author`` is a stable key for counting people, never shown: the Slack user id, or for
    an anonymous or private answer a stand-in ``"hidden:<16 hex digits of its sha256>"``
    (``bot.insights.privacy``), so its author is still counted once however many answers
    they gave. ``""`` means the author is unknown: each such answer then counts as one
    person of its own."""

    answer_id: int
    persona: str  # PersonaInfo.key, or NO_PERSONA
    field: str  # persona field, or UNSORTED
    group: str | None  # stakeholder group of its channel; None when unknown
    author: str
    answered_at: datetime
    themes: tuple[str, ...] = ()  # ThemeInfo.key of each theme its claims joined, once each
    jobs: tuple[JobFact, ...] = ()


@dataclass(frozen=True)
class ThemeInfo:
    """A theme: claims grouped across fields (within a language)."""

    key: str
    language: str
    label: str  # key words, e.g. "price · budget · renewal"
    quote: str  # the most representative claim's answer (raw; escaping is the renderer's job)
    quote_link: str | None  # its permalink
    quote_author: str  # "" when anonymous
    # Themes whose claims come near this one's (other words for much the same): a customer
    # claim in one of them clears this theme of the mirror check.
    neighbours: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Conflict:
    """On one topic (a field), internal teams point one way and customers another."""

    field: str
    internal_theme: str  # ThemeInfo.key
    internal_groups: tuple[str, ...]
    customer_theme: str  # ThemeInfo.key
    customer_groups: tuple[str, ...]
    internal_label: str = ""
    customer_label: str = ""


@dataclass(frozen=True)
class GroupRate:
    group: str
    prompts: int
    answered: int  # prompts with at least one answer
    answers: int


@dataclass(frozen=True)
class WeekCount:
    """Answers one group gave in one week (for the report's chart)."""

    week: date  # the Monday (UTC) that starts the week
    group: str  # "" when the answer's group is unknown
    answers: int


@dataclass(frozen=True)
class Snapshot:
    """What a digest knew, kept to say what changed next time."""

    themes: Mapping[str, int] = field(default_factory=dict)  # "persona|theme" -> people
    jobs: Mapping[str, int] = field(default_factory=dict)  # "persona|job key" -> people
    fields: Mapping[str, str] = field(default_factory=dict)  # "persona|field" -> last ISO time


@dataclass(frozen=True)
class Support:
    people: int
    groups: tuple[str, ...]  # sorted
    internal_only: bool  # the mirror check: no customer or focus-group support
    suggest: str | None  # which group to ask when internal_only (e.g. "customers")
    internal: int = 0  # of ``people``, those in internal groups (the mirror chart)
    customers: int = 0  # of ``people``, those in customer or focus groups


@dataclass(frozen=True)
class ThemeLine:
    theme: ThemeInfo
    support: Support  # over every answer of the persona that makes the claim, in any field
    change: str | None  # "new" | "grown" | None
    fields: tuple[str, ...] = ()  # the fields whose answers raise it


@dataclass(frozen=True)
class JobLine:
    job: JobFact
    support: Support
    change: str | None  # "new" | None


@dataclass(frozen=True)
class FieldSummary:
    field: str
    themes: tuple[ThemeLine, ...]
    people: int
    groups: tuple[str, ...]
    confidence: str  # "low" | "medium" | "high"
    last_answer: datetime | None
    stale: bool  # nothing new for longer than the freshness window
    conflict: Conflict | None  # when internal and customer groups disagree on this field
    by_group: Mapping[str, tuple[str, ...]]  # group -> labels of the themes it supports
    group_people: Mapping[str, int] = _field(default_factory=dict)  # group -> people who answered


@dataclass(frozen=True)
class PersonaSummary:
    persona: PersonaInfo | None  # None = answers not linked to a persona
    fields: tuple[FieldSummary, ...]
    jobs: tuple[JobLine, ...]
    answers: int
    themes: tuple[ThemeLine, ...] = ()  # claims at least two people make, strongest first
    also_said: tuple[ThemeLine, ...] = ()  # claims one person made (newest first, capped)
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True)
class Digest:
    generated_at: datetime
    since: datetime | None
    personas: tuple[PersonaSummary, ...]
    rates: tuple[GroupRate, ...]
    unanswered: tuple[str, ...]  # question texts nobody answered
    stale_fields: tuple[str, ...]  # "Persona: field" that went stale since last time
    snapshot: Snapshot  # to store for the next digest
    answers: int  # total answers considered
    compared: bool = True  # False: nothing to compare with (the first digest), no changes shown
    people: int = 0  # distinct authors of those answers (an unknown author counts per answer)
    groups: tuple[str, ...] = ()  # the known groups those answers came from, sorted
    weeks: tuple[WeekCount, ...] = ()  # answers per week and group, oldest first
    rates_since: datetime | None = None  # the start of the window ``rates`` cover

    @property
    def empty(self) -> bool:
        return self.answers == 0
