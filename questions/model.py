"""The question bank's vocabulary and data model (pure Python, no I/O)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from types import MappingProxyType

GROUPS: tuple[str, ...] = (
    "marketing",
    "sales",
    "customer_success",
    "leadership",
    "customers",
    "focus_group",
)
INTERNAL_GROUPS: tuple[str, ...] = GROUPS[:4]
CUSTOMER_GROUPS: tuple[str, ...] = GROUPS[4:]

FIELDS: tuple[str, ...] = (
    "role",
    "demographics",
    "responsibilities",
    "goals",
    "pains",
    "motivations",
    "objections",
    "information_sources",
    "buying_process",
    "why_us",
    "traits_to_avoid",
)
KINDS: tuple[str, ...] = ("open", "job_story", "choice")
LOCALES: tuple[str, ...] = ("en", "ko")


class BankError(Exception):
    """A question bank file is invalid; ``str()`` is one line: ``path:line: message``."""

    def __init__(self, path: str | os.PathLike[str], line: int, message: str) -> None:
        super().__init__(str(path), line, message)
        self.path = str(path)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def localized(texts: Mapping[str, str], locale: str, fallback: str = "en") -> str:
    """Pick ``texts[locale]``; ``"ko-KR"`` also matches ``"ko"``; else ``texts[fallback]``."""
    for candidate in (locale, _primary_subtag(locale), fallback):
        if candidate in texts:
            return texts[candidate]
    raise KeyError(f"no text for locale {locale!r} or fallback {fallback!r}")


def _primary_subtag(locale: str) -> str:
    return locale.replace("_", "-").split("-", 1)[0].lower()


@dataclasses.dataclass(frozen=True)
class Question:
    """One entry of a question bank. ``source``/``line`` say where it was defined."""

    key: str
    group: str
    field: str
    kind: str
    text: Mapping[str, str] = dataclasses.field(hash=False)
    choices: tuple[Mapping[str, str], ...] = dataclasses.field(default=(), hash=False)
    enabled: bool = True
    source: str = ""
    line: int = 0

    def __post_init__(self) -> None:
        # Freeze the mappings so that a shared Question cannot be changed by a caller.
        object.__setattr__(self, "text", MappingProxyType(dict(self.text)))
        frozen = tuple(MappingProxyType(dict(choice)) for choice in self.choices)
        object.__setattr__(self, "choices", frozen)

    def text_for(self, locale: str, fallback: str = "en") -> str:
        return localized(self.text, locale, fallback)

    def choice_labels(self, locale: str, fallback: str = "en") -> tuple[str, ...]:
        return tuple(localized(choice, locale, fallback) for choice in self.choices)


@dataclasses.dataclass(frozen=True)
class Bank:
    """All loaded questions, in load order (packaged defaults first, then team banks)."""

    questions: tuple[Question, ...]
    _by_key: Mapping[str, Question] = dataclasses.field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        by_key: dict[str, Question] = {}
        for question in self.questions:
            if question.key in by_key:
                raise ValueError(f"duplicate question key {question.key!r}")
            by_key[question.key] = question
        object.__setattr__(self, "_by_key", MappingProxyType(by_key))

    def for_group(self, group: str, *, include_disabled: bool = False) -> tuple[Question, ...]:
        """The group's questions in bank order; disabled ones only when asked for."""
        if group not in GROUPS:
            raise ValueError(f"unknown group {group!r}; expected one of: {', '.join(GROUPS)}")
        return tuple(
            question
            for question in self.questions
            if question.group == group and (include_disabled or question.enabled)
        )

    def get(self, key: str) -> Question | None:
        """The question with this key (enabled or not), or None."""
        return self._by_key.get(key)

    def text(self, key: str, locale: str, fallback: str = "en") -> str:
        """The question's text in ``locale`` (or its language, or ``fallback``)."""
        question = self._by_key.get(key)
        if question is None:
            raise KeyError(f"unknown question key {key!r}")
        return question.text_for(locale, fallback)
