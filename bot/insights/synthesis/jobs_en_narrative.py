"""English narratives: the event a want belongs to when no trigger word opens it, told in
the clause joined to the want ("a cook no-showed and she needed ...") or in an earlier
sentence ("our forecast said +40% at 8 stores. I wanted ...")."""

from __future__ import annotations

import itertools
import re

from bot.insights.synthesis.jobs_en_text import WORD, tidy, without_parentheses
from bot.insights.synthesis.jobs_en_wants import Want, wants
from bot.insights.synthesis.jobs_words import (
    is_finite_form,
    is_past,
    is_verb,
    parts_of_speech,
    verb_tags,
    words,
)

_I = re.IGNORECASE
_NARRATIVE_JOIN = re.compile(
    r"(?:,?\s+and|\s+-|,\s+so|\s+so)(?:\s+(?:at\s+that\s+point|then|that's\s+when),?)?\s*$", _I
)
CONNECTIVE_END = re.compile(
    r"(?:,?\s+(?:and|so|but|then|or|because|bc|since|cause))+\s*$|[,;:\s-]+$", _I
)
# A sentence that tells when it happened.
DATED = re.compile(
    r"\b(?:last\s+(?:week|month|year|night|quarter|spring|summer|fall|winter|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)|yesterday|ago|this\s+morning|recently)\b",
    _I,
)
_LEAD_FILLER = re.compile(
    r"^(?:(?:and|so|but|also|then|honestly|basically|well|ok|okay|yeah|yes|like|plus|"
    r"typical(?:\s+story)?|anyway)\b[\s,:]*)+",
    _I,
)
_REACTION = re.compile(r"\s+and\s+(?=(?:i|we)\s+(?:had\s+to|have\s+to|ended|was|were|spent)\b)", _I)
_TRAILING_ADVERB = re.compile(r"(?:\s+(?:\w+ly|then|now|again))+\s*$", _I)
_UPCOMING = re.compile(
    r"\b[a-z]+ing\s+(?:(?:on|this|next)\s+)?(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|tomorrow|tonight|week|month|quarter)\b|"
    r"\b[a-z]+ing\s+in\s+(?:\d+|a|two|three|four|a\s+few)\s+(?:days?|weeks?|months?)\b",
    _I,
)
_STORY_POINTER = re.compile(r"\b(?:was|were|is)\s+(?:when|the\s+time)\b", _I)
_CLAUSE_OPENING = re.compile(r"^(?:i|we|they|he|she|it|the|our|my|their|his|her)(?:'\w+)?\s", _I)
# ", two of them with ...", ", one was a van ...": a detail about what the clause counted.
_QUANTIFIED_ASIDE = re.compile(
    r",\s+(?:one|two|three|four|five|all|both|most|some|none|half|several|many)\b"
    r"(?:\s+of\s+(?:them|those|these|which))?[^,]*(?:,.*)?$",
    _I,
)
_TIME_LEAD = re.compile(r"^[^,]{1,25},\s+(?=\S)")
NOMINATIVE = words("i we they he she")


def is_fragment(sentence: str) -> bool:
    """A short sentence with no finite verb: "140 residents.", "Price, again."."""
    tokens = [t.lower() for t in WORD.findall(sentence)]
    return len(tokens) <= 6 and not any(is_past(t) or is_finite_form(t) for t in tokens)


def joined_narrative(window: str, want: Want) -> str | None:
    """ "a cook no-showed and she needed ...": the event clause joined to the want."""
    joint = _NARRATIVE_JOIN.search(window) if not want.subjectless else None
    if joint is None and not want.subjectless:
        return None
    head = window[: joint.start()] if joint else window
    if want.subjectless:
        head = CONNECTIVE_END.sub("", head)
    if not head.strip():
        return None
    head = re.split(r"[:;]\s+|\s+-\s+|(?:^|\s)'(?=\w)|\"", head)[-1]
    clause = head.split(", ")
    situation = clause[-1]
    if len(situation.split()) < 3 and len(clause) > 1:
        situation = ", ".join(clause[-2:])
    situation = _drop_time_lead(tidy(_LEAD_FILLER.sub("", without_parentheses(situation))))
    subjectless_event = want.subjectless and len(situation.split()) > 2
    if _is_event(situation) or (subjectless_event and has_finite_verb(situation)):
        return situation
    if want.past and DATED.search(situation) and len(situation.split()) >= 3:
        return situation  # "new launch last week so I needed ...": a dated event, no verb
    return None


def narrative(sentence: str, *, present: bool = False) -> str | None:
    """The event told in a whole earlier sentence, trimmed of lead-ins and asides, and
    before any want told in it ("they'd just missed the quarter and the board wanted ...").
    ``present``: a recurring event may be told in the present ("the board changes every
    spring")."""
    told = wants(sentence)
    if told:
        head = _TRAILING_ADVERB.sub("", sentence[: told[0].subject_start])
        sentence = CONNECTIVE_END.sub("", head)
    if _STORY_POINTER.search(sentence):
        return None  # "the best example was when X signed": a story, no moment
    text = without_parentheses(sentence)
    text = re.split(r":\s+", text)[-1]
    dashed = re.split(r"\s+-\s+", text)
    # "Acme asked for help last week - they'd just added 30 sites": the clause after the dash.
    text = dashed[-1] if _CLAUSE_OPENING.match(dashed[-1]) and _is_action(dashed[-1]) else dashed[0]
    counted = _QUANTIFIED_ASIDE.sub("", text)
    if len(counted.split()) >= 3 and _is_event(counted):
        text = counted
    conjuncts = re.split(r",\s+(?:and|but|so)\s+", text)
    events = [c for c in conjuncts if _is_event(c, present=present)]
    text = events[-1] if events else conjuncts[0]
    text = _event_part(text, present=present)
    # "... and I had to rebuild it": the narrator's reaction follows the event.
    text = _LEAD_FILLER.sub("", _REACTION.split(text)[0])
    lead = _TIME_LEAD.match(text)
    if lead is not None and not any(_is_verb_form(w) for w in text[: lead.end()].split()):
        text = text[lead.end() :]
    situation = _drop_time_lead(tidy(text))
    if "?" in situation or not _is_event(situation, present=present):
        return None
    if len(situation.split()) < 4:
        return None
    if is_past(situation.split()[0]) and not _lemmas_other_than_verb(situation.split()[0]):
        return None  # a headline with no subject: "Lost a bank last quarter"
    return situation


def _event_part(text: str, *, present: bool) -> str:
    """ "enablement lead at a 200-rep company, new hire class starting Monday": the last
    comma part when only it tells an event and it opens with its own subject."""
    parts = text.split(", ")
    last = parts[-1]
    if len(parts) < 2 or len(last.split()) < 3 or is_verb(last.split()[0]):
        return text
    if not _is_event(last, present=present):
        return text
    if any(_is_event(part, present=present) for part in parts[:-1]):
        return text
    return last


_TIME_ADVERB = re.compile(
    r"^(?:(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+)?"
    r"(?:last|this|next|that)\s+(?:week|month|year|night|quarter|spring|summer|fall|winter|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning)|yesterday|today)"
    r"\s*,?\s+(?=(?:i|we|they|he|she|a|an|the|my|our|their|his|her|one|two|some)\b)",
    _I,
)


def _drop_time_lead(situation: str) -> str:
    """ "last month a server complained ..." -> "a server complained ..."."""
    return _TIME_ADVERB.sub("", situation)


def _lemmas_other_than_verb(word: str) -> bool:
    return bool(parts_of_speech(word) - {"VERB", "AUX"})


def _is_event(clause: str, *, present: bool = False) -> bool:
    """A clause that tells something that happened: it has a past-tense verb (or, when
    ``present``, a present one: "the board changes", "we close the books")."""
    tokens = [t.lower() for t in WORD.findall(clause)]
    if len(tokens) < 2:
        return False
    if any(is_past(t.split("'")[0]) for t in tokens) or "just" in tokens:
        return True
    if _UPCOMING.search(clause):
        return True  # "new hire class starting Monday": an event about to happen
    if not present:
        return False
    pairs = itertools.pairwise(tokens)
    return has_finite_verb(clause) or any(a in NOMINATIVE and is_verb(b) for a, b in pairs)


def _is_action(clause: str) -> bool:
    """A clause told with a past verb other than "was"/"were" ("they'd just added 30 vans",
    not "it was all in one file")."""
    tokens = [t.lower().split("'")[0] for t in WORD.findall(clause)]
    return any(is_past(t) for t in tokens if t not in {"was", "were"})


def has_finite_verb(clause: str) -> bool:
    """An inflected verb after the clause's first word ("a rep quits", "the shift closed")."""
    tokens = [t.lower() for t in WORD.findall(clause)]
    return any(is_finite_form(t) and t not in {"is", "was", "has"} for t in tokens[1:])


def _is_verb_form(word: str) -> bool:
    return bool(verb_tags(word.strip(",").lower()) - {"VB"})
