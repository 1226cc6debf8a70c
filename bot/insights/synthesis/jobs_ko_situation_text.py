"""Korean situation spans: the text a situation of ``jobs_ko_situation`` stores.

``situation_text`` cuts the clause before the connective (its front dropped as
``jobs_ko_lead`` says, a past time such as "작년에" too); ``clause_before`` is the clause
"그럴 때" points back to and ``first_clause`` the first clause of a sentence.
"""

from __future__ import annotations

from bot.insights.synthesis.jobs_ko_clause import (
    PAST_TIME,
    Sentence,
    clause_start,
    is_break,
    trim_end,
)
from bot.insights.synthesis.jobs_ko_lead import strip_lead
from bot.insights.synthesis.jobs_ko_situation import Situation


def situation_text(s: Sentence, sit: Situation, lower: int) -> str:
    last = sit.first - 1
    start = clause_start(s, last, lower)
    start = strip_lead(s.morphs, start, last, subject=False)
    return PAST_TIME.sub("", s.span(start, sit.end))


def clause_before(s: Sentence, index: int, lower: int) -> str:
    """The clause ending before the anaphor at index ("..하는데, 그럴 때" -> "..하")."""
    j = index - 1
    while j >= lower and (s.morphs[j].tag == "ETM" or s.morphs[j].form in ("그렇", "그러", "이렇")):
        j -= 1
    last = trim_end(s.morphs, lower, j)
    return clause_text(s, lower, last)


def first_clause(s: Sentence) -> str:
    """The first clause of a sentence ("직원이 5명 넘어가니까 ..." -> "직원이 5명 넘어가")."""
    end = len(s.morphs) - 1
    for j in range(len(s.morphs)):
        if not s.depth[j] and is_break(s, j) and j > 0:
            end = j
            break
    return clause_text(s, 0, trim_end(s.morphs, 0, end))


def clause_text(s: Sentence, lower: int, last: int) -> str:
    if last < lower:
        return ""
    start = clause_start(s, last, lower)
    start = strip_lead(s.morphs, start, last, subject=False)
    return PAST_TIME.sub("", s.span(start, s.morphs[last].end))
