"""English trigger clauses: the earliest real trigger clause in a stretch of a sentence
("when a renewal is due", "every time legal changes a clause", "after the second audit"),
and the triggers that open no moment ("even if", "was when", "whenever they feel like it",
"if I'd known", "once a week", an "after <noun phrase>" that belongs to the clause before it
in an earlier sentence)."""

from __future__ import annotations

import itertools
import re

from bot.insights.synthesis.jobs_en_clause import clause_end
from bot.insights.synthesis.jobs_en_narrative import (
    CONNECTIVE_END,
    NOMINATIVE,
    has_finite_verb,
)
from bot.insights.synthesis.jobs_en_text import TRIGGER, WORD, tidy, without_parentheses
from bot.insights.synthesis.jobs_words import (
    DETERMINERS,
    is_finite_form,
    is_past,
    is_verb,
    words,
)

_I = re.IGNORECASE
_CONCESSIVE = re.compile(r"\beven\s*$", _I)  # "even if it's cheaper ...": no moment
_COPULA_BEFORE = re.compile(r"\b(?:was|were|been)\s*$", _I)
_NOT_TRIGGER_AFTER = re.compile(
    r"^(?:needed|necessary|possible|in\s+doubt|any|ever|that|this|so|not|at\s+all|"
    r"you\s+(?:can|could|get|have|find|want|need|like|ask|think)\b|in\s+a\s+while|"
    r"(?:i'?m|i\s+am)\s+(?:being\s+)?(?:honest|real|frank)|(?:i|we|they)\s+(?:can|could)(?=,)|"
    r"(?:a|per|an)\s+(?:week|month|day|year|quarter)\b(?!\s+of\b)|again|more|then|it\s+(?:works|helps)|"
    r"it\s+(?:comes|came)\s+to|"
    r"they'?re\s+not|that's|only|"
    # "if I'd known ...", "if we had signed ...": a counterfactual, not a moment
    r"(?:i|we|they|he|she|you)(?:'d|\s+had)\s+(?:\w+ed|known|been|seen|gone|done|taken))(?![\w'])",
    _I,
)
_REPORTING = re.compile(
    r"\b(?:said|says|told|tells|mentioned|asked)\s+(?:me\s+|us\s+)?(?:that\s+)?$", _I
)
SELF_OPENING_TRIGGER = re.compile(r"^(?:right\s+|just\s+|shortly\s+)?(before|after)$", _I)
_NOT_SITUATION = re.compile(
    r"^(?:you\s+(?:get|have|find)\s+(?:a\s+)?(?:chance|minute|moment|sec|second|time)|"
    r"you\s+can|you(?:'re|\s+are)\s+free|possible|needed|necessary)\b|"
    r"\b(?:said|says|say|mentioned|told\s+\w+|asked|think|thinks|thought|feel|felt|guess)$",
    _I,
)
WHIM = re.compile(
    r"\b(?:feel|feels|felt)\s+like\b|\b(?:can|could|like|please)$|"
    r"^(?:i|we|they|you|he|she)\s+(?:feel|feels|felt|want|wants|wanted)\s+(?:like\s+)?(?:it|to)\b",
    _I,
)


_PREPOSITION_BEFORE = re.compile(
    r"\b(?:of|at|by|for|in|on|during|until|till|through|all|per|every|each|that)\s*$", _I
)
_SAYING = re.compile(
    r"\b(?:say|says|said|saying|told\s+\w+|tells\s+\w+|mentioned|asked|goes|went|like)\s*,?$", _I
)


def _clause_verb(phrase: str) -> bool:
    """ "her review went badly" has a verb of its own; "three claims", "4 late deliveries in
    a month" are noun phrases (a noun after a numeral or determiner is not a verb)."""
    tokens = [t.lower() for t in WORD.findall(phrase)]
    for index, token in enumerate(tokens):
        previous = tokens[index - 1] if index else ""
        if previous in DETERMINERS or previous.isdigit() or previous in _NUMBERS:
            continue
        if index and (is_past(token) or is_finite_form(token)):
            return True
    return False


_NUMBERS = words("one two three four five six seven eight nine ten few several many some")


def _told_before(head: str) -> bool:
    """The words before a trigger in an earlier sentence already make a clause of their
    own ("the client threatened to leave after 4 late deliveries"), past any lead-in
    ("supervisor at a 3PL in Reno: ", "they keep saying")."""
    head = re.split(r"[:\"]|\s-\s", head)[-1]
    if _SAYING.search(head.strip()):
        return False
    tokens = [t.lower() for t in WORD.findall(head)]
    pairs = itertools.pairwise(tokens)
    told = has_finite_verb(head) or any(is_past(t) for t in tokens[1:])
    return told or any(a in NOMINATIVE | {"you"} and is_verb(b) for a, b in pairs)


def trigger_situation(window: str, *, same_sentence: bool) -> str | None:
    """The earliest real trigger clause in ``window``."""
    for trigger in TRIGGER.finditer(window):
        head = window[: trigger.start()]
        if _COPULA_BEFORE.search(head) or _CONCESSIVE.search(head):
            continue
        if trigger.group("trig").lower().startswith("the ") and _PREPOSITION_BEFORE.search(head):
            continue  # "at the end of the day", "by the day": a time phrase, not "the day X"
        body = window[trigger.start("body") :]
        if _NOT_TRIGGER_AFTER.match(body) or WHIM.match(body):
            continue
        if '"' in head and head.count('"') % 2 == 1 and '"' in body and not same_sentence:
            continue
        word = " ".join(trigger.group("trig").lower().split())
        if same_sentence and _REPORTING.search(body):
            continue  # "when we met you said you want ...": the want is reported later
        body = clause_end(body, cut_commas=not same_sentence)
        body = CONNECTIVE_END.sub("", without_parentheses(body))
        situation = tidy(body)
        opening = SELF_OPENING_TRIGGER.match(word)
        size = len(situation.split())
        if opening is None and word.startswith("when") and size < 2:
            continue
        if size < 1 or _NOT_SITUATION.search(situation):
            continue
        if size < 2 and not opening:
            continue
        told = opening is not None and not same_sentence and _told_before(head)
        if told and not _clause_verb(situation):
            continue  # "the client left after 4 late deliveries.": a phrase of that clause
        if opening is not None and not (
            opening.group(1).lower() == "after" and has_finite_verb(f"x {situation}")
        ):
            # "after the second audit" keeps its word; "after a demo goes well" reads
            # "when a demo goes well".
            situation = f"{opening.group(1)} {situation}"
        return situation
    return None
