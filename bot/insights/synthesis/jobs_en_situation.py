"""English situations: the moment a want belongs to, found, in this order:

1. a trigger clause before the want in its sentence (when, whenever, every time, each time,
   any time, the moment, next time, as soon as, once, after, before, if), wherever it
   starts ("procurement folks keep saying: when ...", "in june when ...");
2. "After that ..." / "Then ...": the sentence before;
3. a past narrative joined to the want: "a cook no-showed and she needed ...";
4. a trigger clause in one of the two sentences before ("every time legal changes a
   clause, half the team sends the old contract. I need ...");
5. for a want told in the past ("I wanted", "needed") or after a dated sentence, the
   event told in the sentence before (or the one before that when the nearer one only
   describes a state: "onboarding was a 9-tab sheet") ("our forecast said +40% at 8
   stores. I wanted ...",
   "the lift broke down last month. 140 residents. I want ...": a fragment with no verb
   in between is skipped); a recurring event ("the board changes every spring. I want
   ...") may be told in the present.
A want inside a quotation takes its situation from inside the same quotation.
"""

from __future__ import annotations

import re

from bot.insights.synthesis.jobs_en_clause import clause_end
from bot.insights.synthesis.jobs_en_narrative import (
    CONNECTIVE_END,
    DATED,
    NOMINATIVE,
    has_finite_verb,
    is_fragment,
    joined_narrative,
    narrative,
)
from bot.insights.synthesis.jobs_en_text import (
    TRIGGER,
    WORD,
    Piece,
    quote_start,
    tidy,
    without_parentheses,
)
from bot.insights.synthesis.jobs_en_wants import WANT, Want, wants
from bot.insights.synthesis.jobs_words import is_verb, words

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
_SELF_OPENING_TRIGGER = re.compile(r"^(?:right\s+|just\s+|shortly\s+)?(before|after)$", _I)
_ANAPHORA = re.compile(
    r"^(?:(?:and|so|but)\s+)?(?:(?:right\s+|just\s+|shortly\s+)?after\s+(?:that|this|it)|"
    r"since\s+then|then|that's\s+when|at\s+that\s+point)\b\s*,?\s*",
    _I,
)
_NOT_SITUATION = re.compile(
    r"^(?:you\s+(?:get|have|find)\s+(?:a\s+)?(?:chance|minute|moment|sec|second|time)|"
    r"you\s+can|you(?:'re|\s+are)\s+free|possible|needed|necessary)\b|"
    r"\b(?:said|says|say|mentioned|told\s+\w+|asked|think|thinks|thought|feel|felt|guess)$",
    _I,
)
_RECURRING = re.compile(
    r"\b(?:every|each)\s+(?:other\s+|single\s+)?(?:spring|summer|fall|autumn|winter|year|"
    r"quarter|month|week|weekend|morning|night|evening|day|season|sprint|cycle|shift|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    _I,
)


def situation(
    *,
    sentence: str,
    window_start: int,
    want: Want,
    earlier: list[Piece],
    text: str,
    piece: Piece,
    outcome: bool,
) -> str | None:
    """The situation of ``want`` in ``sentence`` (the piece of ``text`` at ``piece``), looked
    for after ``window_start`` and in the ``earlier`` pieces; None when there is none.
    ``outcome``: the want has an outcome (a recurring event in the present, or an event
    before a fragment, is read only then: "we meet every monday. I want fewer meetings" is
    an opinion)."""
    window = sentence[window_start : want.subject_start]
    found = _trigger_situation(window, same_sentence=True)
    if found:
        return found
    if window_start == 0 and _ANAPHORA.match(sentence):
        return narrative(earlier[-1].text) if earlier else None
    quote = quote_start(text, piece.start + want.subject_start)
    before = [p for p in earlier if p.start >= quote and not p.text.endswith("?")][-2:]
    if want.subjectless and not want.past and not has_finite_verb(window):
        if window.strip() or not before or before[-1] is not earlier[-1]:
            return None
        # "When a new rep starts. Need the deck ...": the sentence just before.
        return _earlier_trigger(before[-1:])
    joined = joined_narrative(window, want)
    if joined:
        return joined
    found = _earlier_trigger(before)
    if found:
        return found
    if not before or before[-1] is not earlier[-1]:
        return None
    told = before[-1].text
    if want.past or DATED.search(told):
        if _STATE.match(told) and len(before) > 1 and before[-2] is earlier[-2]:
            # "We went from 40 to 110 reps. onboarding was a 9-tab sheet. I needed ...": the
            # event, not the state it left behind.
            return narrative(before[-2].text) or narrative(told)
        return narrative(told)
    if not outcome:
        return None  # the looser readings below need a whole job: want and outcome
    if _RECURRING.search(told):
        return narrative(told, present=True)
    if len(before) > 1 and before[-2] is earlier[-2] and is_fragment(told):
        # "Elevator went down last month. 140 residents. I want ...": a dated event, then a
        # detail with no verb.
        dated = before[-2].text
        return narrative(dated) if DATED.search(dated) else None
    return None


def _earlier_trigger(before: list[Piece]) -> str | None:
    """A trigger clause in one of the sentences before the want's, nearest first."""
    for previous in reversed(before):
        first_want = WANT.search(previous.text)
        head = previous.text[: first_want.start()] if first_want else previous.text
        earlier_wants = wants(previous.text)
        if earlier_wants and earlier_wants[0].subject_start < len(head):
            head = head[: earlier_wants[0].subject_start]
        found = _trigger_situation(head, same_sentence=False)
        if found and (not _SELF_OPENING_TRIGGER.match(found.split()[0]) or len(found.split()) > 3):
            return found
    return None


# A sentence that describes a state ("onboarding was a 9-tab google sheet"), not an event.
_STATE = re.compile(
    r"^(?:[\w'-]+\s+){1,3}(?:was|were)\s+(?:a|an|the|just|basically|still|all|like|\d)", _I
)
_POSTPOSED = re.compile(
    r"[\s,]+(?:when(?:ever)?|every\s+(?:single\s+)?time|each\s+time|any\s*time|as\s+soon\s+as|"
    r"the\s+(?:moment|minute|second))\s+(?P<body>.+)$",
    _I,
)


_INSTEAD = re.compile(r"\s+(?:instead\s+of|rather\s+than)\s", _I)
# Verbs whose object may be a "when" clause ("know when", "tell me when", "see when").
_COMPLEMENT_VERBS = words(
    """know knows see tell remember notice ask decide understand show check wonder hear learn
    track find figure predict plan choose pick say confirm flag exactly"""
)
_WHIM = re.compile(
    r"\b(?:feel|feels|felt)\s+like\b|\b(?:can|could|like|please)$|"
    r"^(?:i|we|they|you|he|she)\s+(?:feel|feels|felt|want|wants|wanted)\s+(?:like\s+)?(?:it|to)\b",
    _I,
)


def postposed(motivation: str) -> tuple[str, str] | None:
    """ "a ping whenever a deal slips": (situation, motivation) when the situation follows
    the want; only after a connective that cannot open a complement ("know when ...", "see
    if ...")."""
    match = _POSTPOSED.search(motivation)
    if match is None:
        return None
    body = tidy(_INSTEAD.split(match.group("body"))[0])
    if WANT.search(body) or _WHIM.search(body):
        return None  # "any time I want", "whenever they feel like it"
    head_words = [t.lower() for t in WORD.findall(motivation[: match.start()])][-2:]
    if match.group().split()[0].lower() == "when" and set(head_words) & _COMPLEMENT_VERBS:
        return None  # "know when a deal slips", "tell me when": a question, not a moment
    tokens = [t.lower() for t in WORD.findall(body)]
    pronoun_verb = len(tokens) > 1 and tokens[0] in NOMINATIVE | {"you"} and is_verb(tokens[1])
    copula = any(
        t in {"is", "are", "was", "were", "has"} or (t.endswith("'s") and t != "let's")
        for t in tokens[1:]
    )
    if not (pronoun_verb or copula or has_finite_verb(f"x {body}")):
        return None
    head = tidy(motivation[: match.start()])
    if not WORD.search(head) or head.lower() in {"it", "that", "this", "them"}:
        return None
    return body, head


def _trigger_situation(window: str, *, same_sentence: bool) -> str | None:
    """The earliest real trigger clause in ``window``."""
    for trigger in TRIGGER.finditer(window):
        head = window[: trigger.start()]
        if _COPULA_BEFORE.search(head) or _CONCESSIVE.search(head):
            continue
        body = window[trigger.start("body") :]
        if _NOT_TRIGGER_AFTER.match(body) or _WHIM.match(body):
            continue
        if '"' in head and head.count('"') % 2 == 1 and '"' in body and not same_sentence:
            continue
        word = " ".join(trigger.group("trig").lower().split())
        if same_sentence and _REPORTING.search(body):
            continue  # "when we met you said you want ...": the want is reported later
        body = clause_end(body, cut_commas=not same_sentence)
        body = CONNECTIVE_END.sub("", without_parentheses(body))
        situation = tidy(body)
        opening = _SELF_OPENING_TRIGGER.match(word)
        size = len(situation.split())
        if opening is None and word.startswith("when") and size < 2:
            continue
        if size < 1 or _NOT_SITUATION.search(situation):
            continue
        if size < 2 and not opening:
            continue
        if opening is not None and not (
            opening.group(1).lower() == "after" and has_finite_verb(f"x {situation}")
        ):
            # "after the second audit" keeps its word; "after a demo goes well" reads
            # "when a demo goes well".
            situation = f"{opening.group(1)} {situation}"
        return situation
    return None
