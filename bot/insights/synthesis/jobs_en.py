"""English job statements: (situation, motivation, outcome) from an answer's clause structure.

A job is anchored on a *want*: a subject and a want verb ("I need", "they want", "the ops
VP wanted", "what I want is", "it'd be great to", a dropped subject in "... and wanted" or
a sentence that opens with "Needed ..."). Negated wants ("I don't need", "dont want"),
forecasts ("they'll want"), wants in relative clauses ("the thing I needed"), wants inside
the situation ("when I needed an app ...") and questions are not jobs.

Modules: ``jobs_en_wants`` finds the wants, ``jobs_en_situation`` the situation (a trigger
clause, an earlier sentence, a situation after the want: "a ping whenever a deal slips";
see there for the order), ``jobs_en_trigger`` the trigger clauses that open a moment,
``jobs_en_clause`` where a trigger clause ends,
``jobs_en_narrative`` the events told without a trigger,
``jobs_en_motive`` the motivation and outcome, ``jobs_en_render`` renders, ``jobs_en_text``
cuts the answer into English sentences.

The motivation runs from after the want verb (keeping its object: "them to find the deck")
to the outcome connective (so, so that, otherwise, or + clause, in order to, ", to", ",
that way"), or the end of the clause. The outcome drops "I can"/"they could";
"otherwise"/"or" stay in front of the outcome so that it renders the right way round.
"""

from __future__ import annotations

import re

from bot.insights.synthesis.jobs_en_motive import (
    CONTINUE,
    clean,
    clean_outcome,
    motivation_outcome,
    what_is,
)
from bot.insights.synthesis.jobs_en_render import (
    motivation_is_clause,
    motivation_is_verbal,
    outcome_is_clause,
    render,
)
from bot.insights.synthesis.jobs_en_situation import postposed
from bot.insights.synthesis.jobs_en_situation import situation as find_situation
from bot.insights.synthesis.jobs_en_text import Piece, pieces, quote_start
from bot.insights.synthesis.jobs_en_wants import wants

__all__ = [
    "clean",
    "clean_outcome",
    "extract",
    "motivation_is_clause",
    "motivation_is_verbal",
    "outcome_is_clause",
    "render",
]

Parts = tuple[str, str, str]

_I = re.IGNORECASE
_QUESTION_START = re.compile(
    r"^(?:(?:do|does|did|can|could|would|will|should|is|are|was|were)\s+(?:you|we|i|they|it)|"
    r"(?:when|where|why|how|what|who)\s+(?:is|are|was|were|do|does|did|will|can|could|should)"
    r")\b",
    _I,
)


def extract(text: str) -> list[Parts]:
    """Job statements in the English sentences of a normalised answer."""
    found: list[Parts] = []
    seen: set[tuple[str, str]] = set()
    english = pieces(text)
    for index, piece in enumerate(english):
        jobs = _jobs_in(text, english, index, piece)
        following = english[index + 1].text if index + 1 < len(english) else ""
        continued = CONTINUE.match(following)
        if jobs and continued and not jobs[-1][2]:
            # "... I want to get an alert. That way I can follow up": the next sentence
            # gives the outcome.
            outcome = clean_outcome(following[continued.end() :])
            jobs[-1] = (jobs[-1][0], jobs[-1][1], outcome)
        for parts in jobs:
            key = (parts[0].lower(), parts[1].lower())
            if key not in seen:
                seen.add(key)
                found.append(parts)
    return found


def _jobs_in(text: str, english: list[Piece], index: int, piece: Piece) -> list[Parts]:
    sentence = piece.text
    jobs: list[Parts] = []
    window_start = 0
    for want in wants(sentence):
        if want.subject_start < window_start:
            continue
        if "?" in sentence[: want.verb_end] or _QUESTION_START.match(sentence):
            break
        if sentence.rstrip().endswith("?") and sentence.count('"') % 2 == 0:
            break  # "when someone joins, what do they need first?": a question back
        rest = sentence[want.verb_end :]
        if quote_start(text, piece.start + want.verb_end) > 0:
            rest = rest.split('"')[0]  # a quoted want ends with its quotation
        situation: str | None = None
        if want.what_is:
            situation, rest = what_is(rest)
        mot_out = motivation_outcome(rest, verbal=want.verbal)
        if mot_out is None:
            window_start = want.verb_end
            continue
        span_end = len(sentence) - len(rest) + mot_out[2]
        if situation is None:
            quote = max(quote_start(text, piece.start + want.subject_start) - piece.start, 0)
            situation = find_situation(
                sentence=sentence,
                window_start=max(window_start, quote),
                want=want,
                earlier=english[:index],
                text=text,
                piece=piece,
                outcome=bool(mot_out[1]),
            )
        window_start = span_end
        motivation = mot_out[0]
        if not situation:
            # "I want a ping whenever a deal slips": the situation after the want.
            situation, motivation = postposed(motivation) or (None, motivation)
        if situation:
            jobs.append((situation, motivation, mot_out[1]))
    return jobs
