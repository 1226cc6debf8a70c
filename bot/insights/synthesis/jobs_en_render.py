"""English rendering: "When {situation}, I want to {motivation}, so I can {outcome}."."""

from __future__ import annotations

import re

from bot.insights.synthesis.jobs_en_text import TRIGGER
from bot.insights.synthesis.jobs_words import (
    DETERMINERS,
    PREPOSITIONS,
    PRONOUNS,
    is_finite_form,
    is_verb,
    parts_of_speech,
    verb_tags,
    words,
)

_I = re.IGNORECASE
_CLAUSE_AUX = words(
    """can could will would is are was were has have had does do doesn't don't won't isn't
    aren't wasn't weren't didn't gets get needs must should stops stop 're 'm"""
)
_CLAUSE_START = words(
    """nobody nothing no everyone everybody everything someone somebody they he she it we
    you i the our their my his her its this that these those customers"""
)


def outcome_is_clause(outcome: str) -> bool:
    """True when the outcome has its own subject ("nothing is missed", "CS can start")."""
    tokens = outcome.lower().split()
    if not tokens:
        return False
    if tokens[0].split("'")[0] in _CLAUSE_START or TRIGGER.match(outcome):
        return True
    if any(w in _CLAUSE_AUX or w.endswith("n't") for w in tokens[1:3]):
        return True
    return not is_verb(tokens[0]) and any(is_finite_form(w) for w in tokens[1:4])


_PARTICLES = words("in up out over back off down on away through around")


def motivation_is_verbal(motivation: str) -> bool:
    """True when the motivation starts with a verb ("see ...", "plug in ...") rather than a
    noun phrase ("the usage numbers ...", "them to find ...", "access killed ...")."""
    tokens = [t.lower().strip(",") for t in motivation.split()]
    if not tokens or not is_verb(tokens[0]):
        return False
    first = tokens[0]
    if parts_of_speech(first) <= {"VERB", "AUX"} or first.startswith("re-"):
        return True
    second = tokens[1] if len(tokens) > 1 else ""
    third = tokens[2] if len(tokens) > 2 else ""
    if second in DETERMINERS or second in _PARTICLES or second in _OBJECTS:
        return True
    if second == "to" or (third == "to" and is_verb(tokens[3] if len(tokens) > 3 else "")):
        return False  # "labour to come in", "content permissions to follow"
    if verb_tags(second) & {"VBN", "VBD"} and not is_verb(second):
        return third not in DETERMINERS and third not in PREPOSITIONS
    return True


def motivation_is_clause(motivation: str) -> bool:
    """ "their manager gets the slack ping": a wanted state told as a clause."""
    tokens = [t.lower() for t in motivation.split()[:5]]
    for index, word in enumerate(tokens[1:], start=1):
        if word == "to":
            return False
        if _is_present_verb(word) and not is_verb(tokens[0]):
            return tokens[index - 1] not in DETERMINERS
    return False


def _is_present_verb(word: str) -> bool:
    """ "gets", "sees": a third-person verb that is not also a plural noun ("numbers"); or
    an irregular past that is not a participle ("went", from "it'd be great if the invoice
    went out"; "the invoice sent", "the crew onboarded" stay noun phrases)."""
    tags = verb_tags(word)
    if "NOUN" in parts_of_speech(word):
        return False
    return "VBZ" in tags or ("VBD" in tags and "VBN" not in tags and not word.endswith("ed"))


_OBJECTS = words("it them him her us me everyone everything something anything this that")
_LOWER_FIRST = PRONOUNS | DETERMINERS | words("last next every")


_NEGATED_VERB = re.compile(r"^(?:don't|didn't|won't|never|no\s+longer|not)\b", _I)
_NOT = re.compile(r"^not\s+", _I)
_SELF_OPENING = ("before ", "after ", "during ", "as ", "while ")
_DOWNER = ("otherwise ", "or ")


def render(situation: str, motivation: str, outcome: str) -> str:
    """ "When {situation}, I want to {motivation}, so I can {outcome}." A noun-phrase
    motivation reads "I want {motivation}"; an outcome with its own subject reads "so that
    {outcome}", one kept as "otherwise ..."/"or ..." reads as written; a situation kept as
    "before ..."/"after ..." opens the sentence itself."""
    parts: list[str] = []
    if situation:
        first = situation.split()[0]
        pronoun = first.split("'")[0]  # "They'd just missed ..."
        if pronoun.lower() in _LOWER_FIRST and pronoun != "I" and first[1:].islower():
            situation = first.lower() + situation[len(first) :]
        opens = situation.lower().startswith(_SELF_OPENING)
        parts.append(situation if opens else f"When {situation}")
    if motivation_is_verbal(motivation):
        parts.append(f"I want to {motivation}")
    elif motivation_is_clause(motivation):
        parts.append(f"I want it so that {motivation}")
    else:
        parts.append(f"I want {motivation}")
    if outcome:
        if outcome.lower().startswith(_DOWNER):
            parts.append(outcome)
        elif _NEGATED_VERB.match(outcome):
            # "not lose the first month" (from "to not lose ...") reads "so I don't lose ...".
            parts.append("so I " + _NOT.sub("don't ", outcome))
        elif outcome_is_clause(outcome):
            parts.append(f"so that {outcome}")
        else:
            parts.append(f"so I can {outcome}")
    sentence = ", ".join(parts) + "."
    return sentence[0].upper() + sentence[1:]
