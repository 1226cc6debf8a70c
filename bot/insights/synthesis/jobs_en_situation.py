"""English situations: the moment a want belongs to, found, in this order:

1. a trigger clause before the want in its sentence (when, whenever, every time, each time,
   any time, the moment, next time, as soon as, once, after, before, if), wherever it
   starts ("procurement folks keep saying: when ...", "in june when ...");
2. "After that ..." / "Then ...": the sentence before;
3. a past narrative joined to the want: "a cook no-showed and she needed ...";
4. a trigger clause in one of the two sentences before ("every time legal changes a
   clause, half the team sends the old contract. I need ...");
5. for a want told in the past ("I wanted", "needed") or after a dated sentence, the
   event told in the sentence before ("our forecast said +40% at 8 stores. I wanted ...",
   "the lift broke down last month. 140 residents. I want ...": a fragment with no verb
   in between is skipped); a recurring event ("the board changes every spring. I want
   ...") may be told in the present.
A want inside a quotation takes its situation from inside the same quotation.
"""

from __future__ import annotations

import itertools
import re

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
from bot.insights.synthesis.jobs_words import (
    DETERMINERS,
    PREPOSITIONS,
    is_finite_form,
    is_past,
    is_verb,
    parts_of_speech,
    verb_tags,
    words,
)

_I = re.IGNORECASE
_CONCESSIVE = re.compile(r"\beven\s*$", _I)  # "even if it's cheaper ...": no moment
_COPULA_BEFORE = re.compile(r"\b(?:was|were|been)\s*$", _I)
_NOT_TRIGGER_AFTER = re.compile(
    r"^(?:needed|necessary|possible|in\s+doubt|any|ever|that|this|so|not|at\s+all|"
    r"you\s+(?:can|could|get|have|find|want|need|like|ask|think)\b|in\s+a\s+while|"
    r"(?:i'?m|i\s+am)\s+(?:being\s+)?(?:honest|real|frank)|(?:i|we|they)\s+(?:can|could)(?=,)|"
    r"(?:a|per|an)\s+(?:week|month|day|year|quarter)\b|again|more|then|it\s+(?:works|helps)|"
    r"it\s+(?:comes|came)\s+to|"
    r"they'?re\s+not|that's)(?![\w'])",
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
# Clause boundaries inside a situation found in an earlier sentence.
_CLAUSE_CUT = re.compile(r",\s+|\s+-\s+|\s+(?:and\s+then|but|because|bc|so)\s+", _I)
_MAIN_SUBJECT = re.compile(r"\s+(?P<subj>i|we|they|he|she|it|there|you)\s+(?P<next>[\w']+)", _I)
_AUX = words(
    """can could will would should must may might do does did don't doesn't didn't can't
    won't is are was were am has have had 'm 're 's 'd 'll gotta just still always never
    really also kept keep dont doesnt didnt cant wont isnt arent wasnt"""
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


_POSTPOSED = re.compile(
    r"[\s,]+(?:whenever|every\s+(?:single\s+)?time|each\s+time|any\s*time|as\s+soon\s+as|"
    r"the\s+(?:moment|minute|second))\s+(?P<body>.+)$",
    _I,
)


_WHIM = re.compile(r"\b(?:feel|feels|felt)\s+like\b|\b(?:can|could|like|please)$", _I)


def postposed(motivation: str) -> tuple[str, str] | None:
    """ "a ping whenever a deal slips": (situation, motivation) when the situation follows
    the want; only after a connective that cannot open a complement ("know when ...", "see
    if ...")."""
    match = _POSTPOSED.search(motivation)
    if match is None:
        return None
    body = tidy(match.group("body"))
    if WANT.search(body) or _WHIM.search(body):
        return None  # "any time I want", "whenever they feel like it"
    tokens = [t.lower() for t in WORD.findall(body)]
    pronoun_verb = len(tokens) > 1 and tokens[0] in NOMINATIVE | {"you"} and is_verb(tokens[1])
    copula = any(t in {"is", "are", "was", "were", "has"} for t in tokens[1:])
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
        if _NOT_TRIGGER_AFTER.match(body):
            continue
        if '"' in head and head.count('"') % 2 == 1 and '"' in body and not same_sentence:
            continue
        word = " ".join(trigger.group("trig").lower().split())
        if same_sentence and _REPORTING.search(body):
            continue  # "when we met you said you want ...": the want is reported later
        body = _clause_end(body, cut_commas=not same_sentence)
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


def _clause_end(body: str, *, cut_commas: bool) -> str:
    """A trigger clause up to where the main clause starts: a comma or dash (in an earlier
    sentence), or a pronoun subject followed by a verb ("... a class it takes 7 months")."""
    end = len(body)
    if cut_commas:
        for cut in _CLAUSE_CUT.finditer(body):
            if len(body[: cut.start()].split()) >= 2:
                end = cut.start()
                break
    for subject in _MAIN_SUBJECT.finditer(body, 0, end):
        nxt = subject.group("next").lower()
        if len(body[: subject.start()].split()) < 2:
            continue
        if "'" in nxt[:1] or nxt.split("'")[0] in _AUX or is_finite_form(nxt) or is_past(nxt):
            end = subject.start()
            break
        if _present_main_clause(body[: subject.start()], subject):
            end = subject.start()
            break
    for subject in _NOUN_SUBJECT.finditer(body, 0, end):
        # "every time we get a new client the onboarding call gets booked by ...": a noun
        # subject and an unambiguous finite verb with more words after it.
        head_words = body[: subject.start()].split()
        if len(head_words) < 3 or head_words[-1].lower() in PREPOSITIONS:
            continue  # "one of the stores gets ...": the object of a preposition
        if not _has_verb(body[: subject.start()]):
            continue
        following = [w.lower() for w in WORD.findall(body, subject.end(), end)[:4]]
        for index, word in enumerate(following[1:3], start=1):
            if word in _RELATIVE_WORDS or index + 1 == len(following):
                break  # "the email that says ...": a relative clause, not the main one
            if _clause_verb(word):
                end = subject.start()
                break
        if end == subject.start():
            break
    return body[:end]


_RELATIVE_WORDS = words("that which who whom whose where when")
_NOUN_SUBJECT = re.compile(r"\s+(?:the|our|my|their|his|her|your)\s+", _I)


def _clause_verb(word: str) -> bool:
    """ "gets", "went": a finite verb that cannot be a noun or a participle."""
    tags = verb_tags(word)
    if parts_of_speech(word) != {"VERB"}:
        return False
    return "VBZ" in tags or ("VBD" in tags and "VBN" not in tags)


_CLAUSE_OPENERS = words(
    """that what which who whom how why where when if whether because since as so and or but
    than say says said tell tells told think thinks thought know knows knew hear heard mean
    means feel feels guess hope wish realise realize notice noticed see sees saw"""
)


def _has_verb(clause: str) -> bool:
    """The trigger clause has its own verb already ("it rains", "we get a new client")."""
    tokens = [w.lower() for w in WORD.findall(clause)]
    for a, b in itertools.pairwise(tokens):
        if a in DETERMINERS:
            continue  # "the stores": a noun
        if is_finite_form(b) or is_past(b) or (a in NOMINATIVE | {"you"} and is_verb(b)):
            return True
    return False


def _present_main_clause(head: str, subject: re.Match[str]) -> bool:
    """ "every time it rains I get 15 tickets": a nominative pronoun and a present verb start
    the main clause, unless a word that opens a clause stands before ("... see what we
    ship")."""
    if subject.group("subj").lower() not in NOMINATIVE or not _has_verb(head):
        return False  # "when the tool we use breaks": a relative clause, no main clause yet
    before = WORD.findall(head)[-1:]
    if before and before[0].lower() in _CLAUSE_OPENERS | _AUX:
        return False
    nxt = subject.group("next").lower()
    return is_verb(nxt)
