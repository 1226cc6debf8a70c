"""Where an English trigger clause ends and the main clause starts: a comma or dash (in an
earlier sentence), a pronoun subject with a verb ("every time it rains I get ..."), or a
noun subject with an unambiguous finite verb ("... a new client the kickoff call gets
booked"), once the trigger clause has a verb of its own."""

from __future__ import annotations

import itertools
import re

from bot.insights.synthesis.jobs_en_narrative import NOMINATIVE
from bot.insights.synthesis.jobs_en_text import WORD
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
# Clause boundaries inside a situation found in an earlier sentence.
_CLAUSE_CUT = re.compile(r",\s+|\s+-\s+|\s+(?:and\s+then|but|because|bc|so)\s+", _I)
_MAIN_SUBJECT = re.compile(r"\s+(?P<subj>i|we|they|he|she|it|there|you)\s+(?P<next>[\w']+)", _I)
_AUX = words(
    """can could will would should must may might do does did don't doesn't didn't can't
    won't is are was were am has have had 'm 're 's 'd 'll gotta just still always never
    really also kept keep dont doesnt didnt cant wont isnt arent wasnt either usually
    often sometimes basically literally immediately"""
)


def clause_end(body: str, *, cut_commas: bool) -> str:
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
        before = WORD.findall(body[: subject.start()])[-1:]
        if before and before[0].lower() in _CLAUSE_OPENERS:
            continue  # "a driver swears he had ...", "... and they can't find it"
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
    means feel feels guess hope wish realise realize notice noticed see sees saw swear swears
    swore claim claims claimed insist insists insisted"""
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
