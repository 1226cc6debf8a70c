"""Small English word lists for job-statement parsing and checking.

The verb list is deliberately finite (common business and everyday action verbs). A word
not on it is *unknown*, not "not a verb": the quality check only flags a motivation whose
first word is a known non-action word (article, pronoun, adjective, ...) or has an
adjective/noun suffix, so an unlisted verb ("reconcile") is never wrongly flagged.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of text, as a set (keeps word lists compact)."""
    return frozenset(text.split())


PRONOUNS = words("i we they you he she")
DETERMINERS = words("the our my their your his her its this that these those every each")
GROUP_NOUNS = words(
    """sales finance marketing support legal ops operations cs success procurement it hr
    security engineering product leadership management team teams reps rep managers
    manager customers customer users user buyers buyer admins admin everyone people
    folks staff founders founder executives execs clients client agents partners
    accounting analysts developers devs designers recruiters owners"""
)
OBJECT_PEOPLE = words(
    """them him her us me you it everyone everybody people reps customers users buyers team
    staff managers prospects clients sales hires members colleagues folks agents someone
    somebody anyone"""
)

VERBS = words(
    """accept access act add adjust align allocate analyse analyze answer apply approve
    archive ask assign attach audit automate avoid book brief bring build buy calculate
    call cancel capture catch change chase check choose clean clear close collect
    combine communicate compare compile complete configure confirm connect consolidate
    contact continue control convert coordinate copy correct create cut deal decide
    define delete deliver demo deploy describe design detect determine develop discover
    discuss do document download draft edit eliminate email enable end ensure enter
    escalate estimate evaluate explain export extract feel fill filter find finish fix
    flag focus follow forecast forward free gather generate get give go grow guide hand
    handle have hear help hire hit hold identify implement import improve include
    increase inform integrate invite invoice join jump keep know land launch learn leave
    let limit link list load locate log look make manage map match measure meet merge
    migrate miss monitor move negotiate notify offer onboard open optimise optimize
    order organise organize own pay pick plan prepare present prevent price prioritise
    prioritize process produce protect prove provide publish pull push put qualify query
    reach read rebuild receive recommend reconcile record recover reduce refer refresh
    reject release remember remind remove renew reorder repeat replace reply report
    request require reschedule research reset resolve respond restore reuse review
    rewrite route run save scale schedule search secure see segment select sell send set
    settle share ship show sign simplify skip solve sort spend split spot start stay
    stop store streamline submit summarise summarize support swap switch sync take talk
    target teach tell test track train transfer translate trust try turn understand
    unblock update upgrade upload use validate verify view visualise visualize wait walk
    watch win work write justify modify classify clarify certify specify satisfy study
    carry delay deny enjoy display employ say rely supply multiply reveal signal appeal
    derive arrive drive thrive revive disable comment augment supplement complement
    mention question position suggest invest ingest digest empty ready"""
)

NON_ACTION = words(
    """a an the my our their your his her its this that these those some any more less
    better best good great nice happy easy easier fast faster quick quicker simple
    simpler clear clearer new old big small more much many very really not no one place
    dashboard report tool app system data information info"""
)
_NON_ACTION_SUFFIX = re.compile(
    r"(?:ful|ous|ive|able|ible|al|ness|tion|sion|ment|ity|ship|less|ier|est|y)$"
)


def is_verb(word: str) -> bool:
    """True when word is a listed base-form action verb."""
    return word.lower() in VERBS


def looks_like_non_action(word: str) -> bool:
    """True when a motivation's first word is clearly not an action verb."""
    w = word.lower().strip(",.;:")
    if not w or w in VERBS:
        return False
    if w in NON_ACTION or w[0].isdigit():
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
    for word in _WORD.findall(text)[skip_first:]:
        if word in _COPULA:
            continue
        if word in VERBS or _inflected_verb(word):
            return True
    return False


_IRREGULAR = words(
    """came went got took made gave sent sold won lost left began brought bought found
    heard held kept knew met paid put ran said saw set shut spent told thought wrote
    comes goes gets takes makes gives"""
)


def _inflected_verb(word: str) -> bool:
    if word in _IRREGULAR:
        return True
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", "")):
        if word.endswith(suffix) and word[: -len(suffix)] + repl in VERBS:
            return True
    return False
