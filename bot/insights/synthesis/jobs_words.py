"""English word knowledge for job statements: parts of speech from ``lemminflect``.

``lemminflect`` ships its own lexicon (lemmas and the parts of speech a word can take, and
every inflection of a lemma), so no verb list is kept here. Look-ups are cached: a word is
looked up once per process. Only a few function-word sets (closed classes) stay in code.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lemminflect import getAllLemmas, getInflection


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of text, as a set (keeps word lists compact)."""
    return frozenset(text.split())


# Closed classes (function words): not something a lexicon of content words answers.
PRONOUNS = words("i we they he she you")
DETERMINERS = words(
    "the a an this that these those my our their your his her its every each all some any"
)
PREPOSITIONS = words(
    """of at in on for from with to by about into onto over under between across through
    after before during since until via per without within like than as"""
)
NEGATIVE_SUBJECTS = words("nobody noone none nothing")
# Business verbs written as one word that the general lexicon does not know.
_EXTRA_VERBS = words("onboard offboard sync resync demo upsell cross-sell screenshot")


@lru_cache(maxsize=65536)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = getAllLemmas(word)
    return found


def parts_of_speech(word: str) -> frozenset[str]:
    """The universal parts of speech (NOUN, VERB, ADJ, ...) the word can take."""
    return frozenset(_lemmas(word.lower()))


@lru_cache(maxsize=65536)
def is_verb(word: str) -> bool:
    """True when word is the base form of a verb ("find", "reconcile", "re-engage")."""
    w = word.lower()
    if w.startswith("re-"):
        w = w[3:]
    return w in _EXTRA_VERBS or w in _lemmas(w).get("VERB", ())


@lru_cache(maxsize=65536)
def verb_tags(word: str) -> frozenset[str]:
    """Penn tags (VBD, VBZ, VBN, VBG, VB) the word has as a form of some verb."""
    w = word.lower()
    tags = set()
    for lemma in _lemmas(w).get("VERB", ()) + _lemmas(w).get("AUX", ()):
        for tag in ("VB", "VBD", "VBN", "VBZ", "VBG"):
            if w in (getInflection(lemma, tag) or ()):
                tags.add(tag)
    return frozenset(tags)


_PAST_ED = re.compile(r"^[a-z][a-z-]+ed$")


def is_past(word: str) -> bool:
    """True when word can be a simple past verb ("hired", "quit", "came", "no-showed")."""
    w = word.lower()
    return "VBD" in verb_tags(w) or (not _lemmas(w) and _PAST_ED.match(w) is not None)


def is_finite_form(word: str) -> bool:
    """True when word is an inflected (past or third-person) verb form: "closes", "went"."""
    return bool(verb_tags(word) & {"VBD", "VBZ"}) and word.lower() not in _lemmas_base(word)


def _lemmas_base(word: str) -> tuple[str, ...]:
    return tuple(lemma for lemmas in _lemmas(word.lower()).values() for lemma in lemmas)


# A motivation's first word that is clearly not an action (closed classes and a few
# nouns/adjectives that read as verbs in the lexicon but not at the head of a want).
NON_ACTION = words(
    """a an the my our their your his her its this that these those some any more less
    better best good great nice happy easy easier fast faster quick quicker simple
    simpler clearer new old big small much many very really not no one place
    dashboard tool app system data information info"""
)
_NON_ACTION_SUFFIX = re.compile(
    r"(?:ful|ous|ive|able|ible|al|ness|tion|sion|ment|ity|ship|less|ier|est|y)$"
)


def looks_like_non_action(word: str) -> bool:
    """True when a motivation's first word is clearly not an action verb."""
    w = word.lower().strip(",.;:")
    if not w:
        return False
    if w in NON_ACTION or w[0].isdigit():
        return True
    if is_verb(w):
        return False
    if _lemmas(w):  # a known word that is not a verb
        return True
    return _NON_ACTION_SUFFIX.search(w) is not None


_DEMOGRAPHIC = re.compile(
    r"\b(?:\d{1,3}[- ]?(?:year[- ]?olds?|years?[- ]old|yo)|aged?\s+\d+|in\s+(?:my|their|his|"
    r"her|our)\s+\d0s|\d0s|millennials?|gen\s*[xyz]|boomers?|male|female|man|woman|men|women|"
    r"mothers?|fathers?|parents?|students?|retirees?|manager|director|vp|ceo|cfo|cto|coo|cmo|"
    r"founder|executive|head\s+of|owner|engineer|marketer|analyst|consultant|lead|"
    r"small|mid-?sized?|large|enterprise|startup|smb|\d+[- ](?:person|people|employee)s?|"
    r"company|business|firm|industry)\b",
    re.IGNORECASE,
)
_IDENTITY = re.compile(
    r"^(?:as\s+an?\b|being\s+an?\b|(?:i|we)\s+(?:am|are|was|were)\b|(?:i'm|we're)\b)",
    re.IGNORECASE,
)
_COPULA = words("am is are was were be being been i'm we're")
_WORD = re.compile(r"[a-z][a-z'-]*")


def is_demographic(situation: str) -> bool:
    """True when a situation describes who someone is rather than a moment or event."""
    text = situation.lower().strip()
    if _IDENTITY.match(text) and not _has_event_verb(text, skip_first=2):
        return True
    return _DEMOGRAPHIC.search(text) is not None and not _has_event_verb(text, skip_first=0)


def _has_event_verb(text: str, *, skip_first: int) -> bool:
    """An inflected verb ("joins", "opened") or a word that is only a verb ("see")."""
    for word in _WORD.findall(text)[skip_first:]:
        if word in _COPULA:
            continue
        if is_finite_form(word) or is_past(word):
            return True
        pos = parts_of_speech(word)
        if pos == {"VERB"}:
            return True
    return False
