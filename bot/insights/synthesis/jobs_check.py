"""Quality check of a job statement: who-not-when situations, non-actions, gaps.

Limits: "motivation_not_action" (en) flags only a first word that is known not to be an
action (article, pronoun, common adjective or noun, adjective/noun suffix such as
"-ful", "-ness", "-tion"); an unlisted word is given the benefit of the doubt. In Korean it
flags a motivation ending in an adnominal ("더 좋은") or a case particle ("대시보드를").
"demographic_situation" needs a demographic word (age, gender, title, company size) and no
event verb ("a 35-year-old manager joins the team" is an event and passes).
"""

from __future__ import annotations

import re
from typing import Protocol

from bot.i18n import N_, t
from bot.insights.synthesis import jobs_ko
from bot.insights.synthesis.jobs_words import is_demographic, looks_like_non_action

Found = tuple[str, str, str]


class Statement(Protocol):
    """The fields the check reads (``JobStatement`` has them)."""

    @property
    def situation(self) -> str: ...
    @property
    def motivation(self) -> str: ...
    @property
    def outcome(self) -> str: ...
    @property
    def language(self) -> str: ...


# One catalog entry per problem (bot.i18n); ``{part}`` is the part's name, translated too.
_MESSAGES: dict[str, str] = {
    "demographic_situation": N_(
        'The situation describes who the customer is ("{text}"), not when the need arises; '
        'describe a moment, e.g. "when a new rep joins".'
    ),
    "motivation_not_action": N_(
        'The motivation "{text}" is not something the customer does; start it with a verb, '
        'e.g. "see which deals are at risk".'
    ),
    "missing_outcome": N_(
        'The statement has no expected outcome; add what it lets them do, e.g. "so I can '
        'move budget in time".'
    ),
    "missing_situation": N_(
        'The statement has no situation; add when the need arises, e.g. "when a renewal comes up".'
    ),
    "missing_motivation": N_("The statement has no motivation; add what they want to do."),
    "too_short": N_('The {part} "{text}" is too short to act on; say a little more.'),
}
_PARTS = {
    "situation": N_("situation"),
    "motivation": N_("motivation"),
    "outcome": N_("outcome"),
}
_MISSING = {
    "situation": "missing_situation",
    "motivation": "missing_motivation",
    "outcome": "missing_outcome",
}
_KO_NOT_ACTION_END = frozenset("은는의를을에로")
_EN_WORD = re.compile(r"[\w'-]+")


def problems_for(statement: Statement, *, locale: str | None = None) -> list[Found]:
    """(part, code, message) for every problem, in part order; [] when fine. The message is
    in ``locale`` (the reader's), by default in the statement's own language."""
    lang = "ko" if statement.language == "ko" else "en"
    found: list[Found] = []
    for part in ("situation", "motivation", "outcome"):
        text: str = getattr(statement, part)
        code = _problem(part, text, lang)
        if code is not None:
            found.append((part, code, message(code, part=part, text=text, locale=locale or lang)))
    return found


def _problem(part: str, text: str, lang: str) -> str | None:
    if not text.strip():
        return _MISSING[part]
    if part == "situation" and _demographic(text, lang):
        return "demographic_situation"
    if part == "motivation" and _not_action(text, lang):
        return "motivation_not_action"
    if _too_short(text, lang):
        return "too_short"
    return None


def _too_short(text: str, lang: str) -> bool:
    if lang == "ko":
        return len(text.replace(" ", "")) < 2
    return len(_EN_WORD.findall(text)) < 2


def _demographic(text: str, lang: str) -> bool:
    return jobs_ko.is_demographic(text) if lang == "ko" else is_demographic(text)


def _not_action(text: str, lang: str) -> bool:
    if lang == "ko":
        last = text.split()[-1]
        return last[-1] in _KO_NOT_ACTION_END or jobs_ko.final_consonant(last[-1]) == 4
    words = text.split()
    first = words[0]
    if first.lower().endswith("ly") and len(words) > 1:
        first = words[1]
    return looks_like_non_action(first)


def message(code: str, *, part: str, text: str, locale: str) -> str:
    """What problem ``code`` in ``part`` (whose text is ``text``) means, in ``locale``."""
    template, name = _MESSAGES[code], _PARTS[part]
    return t(locale, template, text=text, part=t(locale, name))
