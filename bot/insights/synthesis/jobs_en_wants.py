"""English wants: a subject and a want verb ("I need", "they want", "the ops VP wanted",
"what I want is", a dropped subject in "... and wanted" or a sentence that opens with "Needed
..."), "it'd be great to/if". Negated wants ("I don't need", "dont want"), forecasts
("they'll want", "is going to want") and wants in relative clauses ("the thing I needed";
but "when a tenant reports something I need someone local ..." is a want) are not wants."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.insights.synthesis.jobs_en_text import TRIGGER, WORD
from bot.insights.synthesis.jobs_words import (
    DETERMINERS,
    NEGATIVE_SUBJECTS,
    PREPOSITIONS,
    PRONOUNS,
    is_finite_form,
    parts_of_speech,
    words,
)

_I = re.IGNORECASE
WANT = re.compile(
    r"\b(?:(?P<what>what|all|(?:the\s+)?(?:only|one|main|real|big)\s+thing)\s+"
    r"(?:i|we|they|he|she)\s+(?:really\s+|just\s+)?"
    r"(?:want|need)(?:ed|s)?\s+is\b|"
    r"(?P<verb>wanna|wants?|wanted|needs?|needed|(?:would|'d)\s+(?:really\s+)?(?:like|love|prefer)|"
    r"wish(?:es|ed)?)\b(?P<to>\s+to\b)?|"
    r"(?P<great>\b(?:it'?d|it\s+would|would)\s+be\s+(?:so\s+|really\s+)?(?:great|nice|awesome|"
    r"amazing|ideal|helpful|huge|good)\s+(?:to|if)\b))",
    _I,
)
_PAST_WANT = words("wanted needed wished")
ADVERBS = words(
    """just really also always basically honestly only actually still all both usually
    typically mostly literally desperately then now simply badly definitely obviously
    ideally seriously generally often kinda kind of sort"""
)
_NEGATION = re.compile(
    r"(?:n't|\bnot|\bnever|\bno\s+longer|\bnor|"
    r"\b(?:dont|doesnt|didnt|cant|wont|wouldnt|isnt|arent|wasnt|werent|havent|hasnt))$",
    _I,
)
_RELATIVE = words(
    """that which who whom whose what thing things anything everything something stuff one
    ones where why how if whether"""
)
_OTHER_SUBJECTS = words("everyone everybody someone somebody i'd we'd they'd he'd she'd you'd")
_FUTURE = re.compile(r"(?:'ll|\bwill|\bgonna|\bgoing\s+to)$", _I)
_DEGREE = re.compile(r"\bhow\s+(?:much|little|many|few)(?:\s+[\w']+){0,3}$", _I)
_NOTE_MARK = re.compile(r"^\s*(?::|->|=>|=|\u2192)\s*$")
_INDEFINITE = words("something anything everything stuff")
_INDEFINITE_OBJECTS = words("someone somebody everyone everybody")
_LEAD_WORDS = words("and so but also then plus or because bc cause since")


@dataclass(frozen=True)
class Want:
    """One want found in a piece: where its subject starts, where its object starts."""

    subject_start: int
    verb_end: int
    past: bool
    subjectless: bool
    what_is: bool
    verbal: bool = False


def wants(sentence: str) -> list[Want]:
    """The wants of one sentence, in order."""
    found = []
    for match in WANT.finditer(sentence):
        want = _want(sentence, match)
        if want is not None:
            lowered = match.group().lower()
            verbal = match.group("to") is not None or lowered.endswith(("to", "wanna"))
            found.append(replace(want, verbal=verbal))
    return found


def _want(sentence: str, match: re.Match[str]) -> Want | None:
    left = sentence[: match.start()]
    if match.group("what"):
        if _NEGATION.search(left.rstrip()):
            return None
        return Want(match.start(), match.end(), past=False, subjectless=False, what_is=True)
    if match.group("great"):
        # "it'd be great to have ...": a want with its own dummy subject.
        return Want(match.start(), match.end(), past=False, subjectless=False, what_is=False)
    verb = match.group("verb").lower()
    if not sentence[match.end() :].strip(" .,!;:"):
        return None
    past = verb.split()[0] in _PAST_WANT
    tokens = list(WORD.finditer(left))
    # Adverbs between the subject and the verb ("I just want", "they also wanted").
    while tokens and _is_adverb(tokens[-1].group().lower()):
        tokens.pop()
    present = verb in {"need", "needs", "want", "wants", "wanna"}
    if not tokens:
        # "Needed ...", or a note "Need the deck in their inbox" after a trigger sentence.
        if past or present:
            return Want(0, match.end(), past=past, subjectless=True, what_is=False)
        return None
    before = left[: tokens[-1].end()]
    if _NEGATION.search(before.rstrip()) or before.rstrip().endswith("n't"):
        return None
    if _DEGREE.search(before):
        return None  # "if I'd known how little my guys needed": a degree clause, no want
    if _FUTURE.search(before):
        return None  # "they'll want to think about it": a forecast, not a want
    last = tokens[-1].group().lower()
    if last in _LEAD_WORDS:
        # "... and wanted", "and need": a dropped subject shared with the clause before.
        if last == "and" or (past and last in {"so", "then"}):
            return Want(tokens[-1].start(), match.end(), past=past, subjectless=True, what_is=False)
        return None
    if present and _NOTE_MARK.match(left[tokens[-1].end() :]):
        # "when a new rep starts: need the deck", "... -> need ...": a note, no subject.
        return Want(tokens[-1].end(), match.end(), past=False, subjectless=True, what_is=False)
    if left[tokens[-1].end() :].strip().startswith(","):
        # "..., wanted auto-built schedules": past want after a comma, subject dropped.
        if past:
            return Want(tokens[-1].end(), match.end(), past=True, subjectless=True, what_is=False)
        return None
    start = _subject_start(tokens, left, after_object=_object_after_trigger(sentence, match))
    if start is None:
        return None
    return Want(start, match.end(), past=past, subjectless=False, what_is=False)


def _object_after_trigger(sentence: str, match: re.Match[str]) -> bool:
    """ "when a tenant reports something I need someone local ...": the want has its own
    object and a trigger clause opens the sentence, so "something I need" is the trigger
    clause's object followed by the want, not a relative clause ("something I need")."""
    following = WORD.findall(sentence[match.end() :])[:1]
    if not following or TRIGGER.search(sentence[: match.start()]) is None:
        return False
    return following[0].lower() in DETERMINERS | _INDEFINITE_OBJECTS


def _is_adverb(word: str) -> bool:
    """ "just", "really", "suddenly", "desperately": an adverb between subject and verb."""
    return word in ADVERBS or (word.endswith("ly") and parts_of_speech(word) == {"ADV"})


def _subject_start(tokens: list[re.Match[str]], left: str, *, after_object: bool) -> int | None:
    """Where the subject before a want verb starts; None when there is none."""
    last = tokens[-1].group().lower().rstrip(",")
    previous = tokens[-2].group().lower() if len(tokens) > 1 else ""
    if last in NEGATIVE_SUBJECTS or last in {"no-one", "noone"}:
        return None
    if last in PRONOUNS or last in _OTHER_SUBJECTS:
        before_previous = tokens[-3].group().lower() if len(tokens) > 2 else ""
        if previous in {"the", "a"}:
            return None
        relative = previous in _RELATIVE and before_previous not in PREPOSITIONS
        if relative and not (after_object and previous in _INDEFINITE):
            return None
        return tokens[-1].start()
    if last in DETERMINERS or last in _RELATIVE or last in PREPOSITIONS:
        return None
    if last in {"it", "this", "that", "me", "him", "her", "us", "them", "there", "here"}:
        return None
    start: int | None = None
    limit = 3
    for taken, token in enumerate(reversed(tokens)):
        word = token.group().lower().rstrip(",")
        if taken and left[token.end() : token.end() + 1] in {",", ":", ";"}:
            break
        if word == "of" and taken and limit == 3:
            limit = 5  # "the VP of support wants", "the head of customer success needs"
            continue
        if word in DETERMINERS:
            if word in _RELATIVE:
                return None
            return token.start()
        if word in PRONOUNS or word in PREPOSITIONS or word in _RELATIVE or word in _LEAD_WORDS:
            break
        if taken and (is_finite_form(word) or word in {"is", "are", "was", "were"}):
            break
        if not taken and _only_verb(word):
            return None
        start = token.start()
        if taken == limit:
            break
    return start


def _only_verb(word: str) -> bool:
    pos = parts_of_speech(word)
    return bool(pos) and pos <= {"VERB", "AUX", "ADV"}
