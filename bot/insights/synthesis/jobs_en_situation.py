"""English situations: the moment a want belongs to, found, in this order:

1. a trigger clause before the want in its sentence (when, whenever, every time, each time,
   any time, the moment, next time, as soon as, once, after, before, if), wherever it
   starts ("procurement folks keep saying: when ...", "in june when ...");
2. "After that ..." / "Then ...": the sentence before (past a fragment: "Not fun.");
3. a past narrative joined to the want: "a cook no-showed and she needed ...";
4. a trigger clause in one of the two sentences before ("every time legal changes a
   clause, half the team sends the old contract. I need ..."), but not an "if": a
   condition told with its own consequence ("if they have 2 rooms I walk away. they need a
   calendar");
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

from bot.insights.synthesis.jobs_en_narrative import (
    DATED,
    NOMINATIVE,
    has_finite_verb,
    is_fragment,
    joined_narrative,
    narrative,
)
from bot.insights.synthesis.jobs_en_text import (
    WORD,
    Piece,
    quote_start,
    tidy,
)
from bot.insights.synthesis.jobs_en_trigger import (
    SELF_OPENING_TRIGGER,
    WHIM,
    trigger_situation,
)
from bot.insights.synthesis.jobs_en_wants import WANT, Want, wants
from bot.insights.synthesis.jobs_words import (
    is_verb,
    words,
)

_I = re.IGNORECASE
_ANAPHORA = re.compile(
    r"^(?:(?:and|so|but)\s+)?(?:(?:right\s+|just\s+|shortly\s+)?after\s+(?:that|this|it)|"
    r"since\s+then|then|that's\s+when|at\s+that\s+point)\b\s*,?\s*",
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
    found = trigger_situation(window, same_sentence=True)
    if found:
        return found
    if window_start == 0 and _ANAPHORA.match(sentence):
        # "We failed an audit in 2022. Not fun. After that I wanted ...": past a fragment.
        events = [p for p in earlier[-2:] if not is_fragment(p.text)]
        return narrative(events[-1].text) if events else None
    quote = quote_start(text, piece.start + want.subject_start)
    before = [_from(p, quote) for p in earlier if p.end > quote and not p.text.endswith("?")][-2:]
    if want.subjectless and not want.past and not has_finite_verb(window):
        if window.strip() or not before or before[-1].end != earlier[-1].end:
            return None
        # "When a new rep starts. Need the deck ...": the sentence just before.
        return _earlier_trigger(before[-1:])
    joined = joined_narrative(window, want)
    if joined:
        return joined
    found = _earlier_trigger(before)
    if found:
        return found
    if not before or before[-1].end != earlier[-1].end:
        return None
    told = before[-1].text
    if want.past or DATED.search(told):
        if _STATE.match(told) and len(before) > 1 and before[-2].end == earlier[-2].end:
            # "We went from 40 to 110 reps. onboarding was a 9-tab sheet. I needed ...": the
            # event, not the state it left behind.
            return narrative(before[-2].text) or narrative(told)
        return narrative(told)
    if not outcome:
        return None  # the looser readings below need a whole job: want and outcome
    if _RECURRING.search(told):
        return narrative(told, present=True)
    if len(before) > 1 and before[-2].end == earlier[-2].end and is_fragment(told):
        # "Elevator went down last month. 140 residents. I want ...": a dated event, then a
        # detail with no verb.
        dated = before[-2].text
        return narrative(dated) if DATED.search(dated) else None
    return None


_CONDITIONAL = re.compile(r"^\W*(?:(?:and|but|so)\s+)?if\b", _I)


def _from(piece: Piece, quote: int) -> Piece:
    """The part of ``piece`` inside the quotation opened at ``quote`` ('supervisor in Reno:
    "every time a carrier calls ...' -> 'every time a carrier calls ...')."""
    if piece.start >= quote:
        return piece
    return Piece(piece.text[quote - piece.start :], quote, piece.end)


def _earlier_trigger(before: list[Piece]) -> str | None:
    """A trigger clause in one of the sentences before the want's, nearest first."""
    for previous in reversed(before):
        first_want = WANT.search(previous.text)
        head = previous.text[: first_want.start()] if first_want else previous.text
        earlier_wants = wants(previous.text)
        if earlier_wants and earlier_wants[0].subject_start < len(head):
            head = head[: earlier_wants[0].subject_start]
        if _CONDITIONAL.match(head):
            continue  # "if they have 2 rooms I walk away. they need a calendar": a condition
        found = trigger_situation(head, same_sentence=False)
        if found and (not SELF_OPENING_TRIGGER.match(found.split()[0]) or len(found.split()) > 3):
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


def postposed(motivation: str) -> tuple[str, str] | None:
    """ "a ping whenever a deal slips": (situation, motivation) when the situation follows
    the want; only after a connective that cannot open a complement ("know when ...", "see
    if ...")."""
    match = _POSTPOSED.search(motivation)
    if match is None:
        return None
    body = tidy(_INSTEAD.split(match.group("body"))[0])
    if WANT.search(body) or WHIM.search(body):
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
