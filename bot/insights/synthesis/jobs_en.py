"""English job-statement parsing: one sentence in, (situation, motivation, outcome) out.

Shape accepted (precision first; anything else yields nothing):

    [filler,] TRIGGER situation[,] SUBJECT [adverb] WANT motivation [PURPOSE outcome]

TRIGGER is when/whenever/every time/each time/any time/if/as soon as/once/after/before.
WANT is "want(s)/need(s)/would like/would love/wish/hope/try to" + verb phrase, or
"want(s)/need(s)/would like" + noun phrase (the motivation then reads "have <noun phrase>").
PURPOSE is "so (that) ...", "in order to ...", or a bare "to <known verb> ...".
"so I/we/they/you can X" keeps X only; a purpose with another subject keeps the clause
("CS can start fast", "nothing is missed").
"""

from __future__ import annotations

import re

from bot.insights.synthesis.jobs_text import split_clauses
from bot.insights.synthesis.jobs_words import (
    DETERMINERS,
    GROUP_NOUNS,
    OBJECT_PEOPLE,
    PRONOUNS,
    is_verb,
    words,
)

Parts = tuple[str, str, str]

_FLAGS = re.IGNORECASE
_LEAD = (
    r"(?:(?:so|and|but|also|honestly|basically|usually|typically|generally|well|ok|okay|yeah|"
    r"yes|mostly|often|like)\s*,?\s+)*"
)
_TRIGGER = (
    r"(?P<trig>when(?:ever)?|every\s+time|each\s+time|any\s*time|if|as\s+soon\s+as|once|after|"
    r"before)"
)
_SENTENCE = re.compile(rf"^{_LEAD}{_TRIGGER}\s+(?P<body>.+)$", _FLAGS)
_ADVERB = r"(?:(?:really|just|always|usually|also|often|mostly|basically|only|typically)\s+)?"
_WANT_TO = (
    r"(?:wants?|wanted|needs?|needed|would\s+(?:really\s+)?(?:like|love|prefer)|wish(?:es)?|"
    r"hopes?|(?:am|are|is)\s+trying|try|tries)\s+to\s+"
)
_WANT_NP = r"(?:wants?|wanted|needs?|needed|would\s+(?:really\s+)?(?:like|love))\s+"
_WANT = re.compile(rf"\s{_ADVERB}(?:(?P<to>{_WANT_TO})|(?P<np>{_WANT_NP}))", _FLAGS)
_CONTRACTION = re.compile(r"\b(I|we|they|you|he|she)'d\b", _FLAGS)
_SO = re.compile(
    r",?\s+(?:so\s+that|so(?!\s+(?:much|many|far|long|often|well|bad|badly|quickly|fast|little|"
    r"few|yeah|ok|okay)\b)|in\s+order\s+to|such\s+that)\s+(?P<out>.+)$",
    _FLAGS,
)
_TO_VERB = re.compile(r"\s+to\s+(?P<verb>[a-z]+)\b", _FLAGS)
_CUT = re.compile(
    r"(?:,\s*(?:because|since|but|although|though|which|unless)|"
    r"\s+(?:because|since|but|although|though|unless))\b.*$",
    _FLAGS,
)
_CAN = re.compile(
    r"^(?:I|we|they|you|he|she)\s+(?:can|could|(?:will|would|'ll)\s+be\s+able\s+to|"
    r"(?:am|are|'m|'re)\s+able\s+to)\s+",
    _FLAGS,
)
_QUESTION_START = re.compile(
    r"^(?:when|if)\s+(?:is|are|was|were|do|does|did|will|would|can|could|should|shall)\b", _FLAGS
)
_TRAIL = re.compile(r"[\s.,;:!)\-]+$")
# Courtesy phrases ("when you get a chance") and reported speech ("... you said") are not
# situations.
_NOT_SITUATION = re.compile(
    r"^(?:you\s+(?:get|have|find)\s+(?:a\s+)?(?:chance|minute|moment|sec|second|time)|"
    r"you\s+can|you(?:'re|\s+are)\s+free|possible|needed|necessary)\b|"
    r"\b(?:said|says|say|mentioned|told\s+\w+|asked|think|thinks|thought|feel|felt|guess)$",
    _FLAGS,
)
_WORD = re.compile(r"[\w'-]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def parse(sentence: str) -> Parts | None:
    """Parse one English sentence; None unless it clearly carries a job."""
    text = _CONTRACTION.sub(lambda m: m.group(1) + " would", sentence.strip())
    if "?" in text or _QUESTION_START.match(text):
        return None
    match = _SENTENCE.match(text)
    if match is None:
        return None
    body = match.group("body")
    trig = match.group("trig").lower()
    for want in _WANT.finditer(body):
        situation = _situation(body[: want.start()])
        if situation is None:
            continue
        if trig == "before":
            situation = "before " + situation
        rest = body[want.end() :]
        parts = _motivation_outcome(rest, noun_phrase=want.group("np") is not None)
        if parts is None:
            return None
        return clean(situation), parts[0], parts[1]
    return None


def _situation(prefix: str) -> str | None:
    """Split "situation, subject" (or "situation subject") and return the situation."""
    situation: str | None = None
    if "," in prefix:
        head, subject = prefix.rsplit(",", 1)
        words = subject.split()
        if 1 <= len(words) <= 4 and all(_WORD.fullmatch(w) for w in words):
            situation = head.strip()
    else:
        situation = _strip_subject(prefix)
    if situation is None or len(situation.split()) < 2 or _NOT_SITUATION.search(situation):
        return None
    return situation


def _strip_subject(prefix: str) -> str | None:
    words = prefix.split()
    if not words:
        return None
    last = words[-1].lower()
    if last in PRONOUNS:
        return " ".join(words[:-1])
    if last not in GROUP_NOUNS:
        return None
    keep = len(words) - 1
    while keep > 0 and len(words) - keep < 3:
        prev = words[keep - 1].lower()
        if prev in DETERMINERS:
            keep -= 1
            break
        if prev not in GROUP_NOUNS:
            break
        keep -= 1
    return " ".join(words[:keep])


def _motivation_outcome(rest: str, *, noun_phrase: bool) -> tuple[str, str] | None:
    rest = _TRAIL.sub("", rest)
    motivation, outcome = rest, ""
    so = _SO.search(rest)
    if so is not None:
        motivation, outcome = rest[: so.start()], so.group("out")
    for to in _TO_VERB.finditer(motivation):
        if to.start() > 0 and is_verb(to.group("verb")):
            outcome = motivation[to.start() :].strip()[3:]
            motivation = motivation[: to.start()]
            break
    motivation = clean(_CUT.sub("", motivation))
    if not motivation:
        return None
    if noun_phrase:
        words = motivation.lower().split()
        if words[0] in OBJECT_PEOPLE or words[-1] in OBJECT_PEOPLE:
            return None
        motivation = "have " + motivation
    return motivation, clean_outcome(outcome)


def clean_outcome(outcome: str) -> str:
    """Drop "I can"/"we can" from an outcome; keep clauses with their own subject."""
    outcome = _CUT.sub("", outcome.strip())
    outcome = _CAN.sub("", outcome)
    return clean(outcome)


def clean(part: str) -> str:
    """Trim whitespace and trailing punctuation from a part."""
    return _TRAIL.sub("", " ".join(part.split()))


_CLAUSE_AUX = words(
    """can could will would is are was were has have had does do doesn't don't won't isn't
    aren't gets get needs must should"""
)
_CLAUSE_START = words(
    """nobody nothing no everyone everybody everything someone somebody they he she it we
    you i the our their my his her its this that these those customers"""
)


def outcome_is_clause(outcome: str) -> bool:
    """True when the outcome has its own subject ("nothing is missed", "CS can start")."""
    words = outcome.lower().split()
    if not words:
        return False
    if words[0].split("'")[0] in _CLAUSE_START:  # "i'm", "we're", "it's" too
        return True
    return any(w in _CLAUSE_AUX for w in words[1:3])


_SELF_OPENING = ("before ", "during ", "as ", "while ")


def extract(text: str) -> list[Parts]:
    """Job statements in the English sentences of a normalised answer."""
    found = []
    for clause in split_clauses(text):
        if not _HANGUL.search(clause):
            parts = parse(clause)
            if parts is not None:
                found.append(parts)
    return found


def render(situation: str, motivation: str, outcome: str) -> str:
    """ "When {situation}, I want to {motivation}, so I can {outcome}." An outcome with its
    own subject reads "so that {outcome}"; a situation kept as "before ..." opens the
    sentence itself."""
    parts: list[str] = []
    if situation:
        opens = situation.lower().startswith(_SELF_OPENING)
        parts.append(situation if opens else f"When {situation}")
    parts.append(f"I want to {motivation}")
    if outcome:
        lead = "so that" if outcome_is_clause(outcome) else "so I can"
        parts.append(f"{lead} {outcome}")
    sentence = ", ".join(parts) + "."
    return sentence[0].upper() + sentence[1:]
