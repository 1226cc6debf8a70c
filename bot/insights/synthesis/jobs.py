"""Jobs-to-be-Done statements from free text: extract, build from a form, check.

A job statement is "When <situation>, I want to <motivation>, so I can <outcome>": the
situation is a moment (when), not a description of who the customer is. Everything here is
pure and deterministic: standard library only, no I/O.

Rendering:
- en: "When {situation}, I want to {motivation}, so I can {outcome}." An outcome with its own
  subject ("nothing is missed", "CS can start fast") reads "so that {outcome}"; a situation
  kept as "before ..." (or "during/as/while ...") opens the sentence itself
  ("Before a renewal call, I want to ...").
- ko: "{situation} 때, {motivation}고 싶다. 그래야 {outcome}." (see ``jobs_ko`` for the
  stored forms). A missing outcome drops the last clause in both languages.

Extraction favours precision: a sentence yields a statement only when it has a clear
situation trigger and a clear want/need; questions never do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.insights.synthesis import jobs_en, jobs_ko
from bot.insights.synthesis.jobs_check import problems_for
from bot.insights.synthesis.jobs_text import normalise
from bot.insights.synthesis.languages import has_hangul

__all__ = [
    "JobStatement",
    "Problem",
    "check",
    "extract",
    "from_parts",
    "normalise",
]


@dataclass(frozen=True)
class JobStatement:
    """One job: situation (when), motivation (what they want to do), outcome (why)."""

    situation: str
    motivation: str
    outcome: str
    language: str

    def render(self) -> str:
        """The statement as one sentence in its own language."""
        if self.language == "ko":
            return jobs_ko.render(self.situation, self.motivation, self.outcome)
        return jobs_en.render(self.situation, self.motivation, self.outcome)


@dataclass(frozen=True)
class Problem:
    """One quality problem in one part of a job statement."""

    part: str
    code: str
    message: str


def extract(text: str) -> list[JobStatement]:
    """Job statements found in free text (Slack markup allowed): each language's extractor
    reads the whole answer (a situation may stand in the sentence before the want)."""
    plain = normalise(text)
    found: list[JobStatement] = []
    candidates = [(p, "en") for p in jobs_en.extract(plain)]
    candidates += [(p, "ko") for p in jobs_ko.extract(plain)]
    for (situation, motivation, outcome), language in candidates:
        statement = JobStatement(situation, motivation, outcome, language)
        if statement not in found:
            found.append(statement)
    return found


_EN_SITUATION = re.compile(
    r"^(?:when(?:ever)?|every\s+time|each\s+time|any\s*time|if|as\s+soon\s+as|once|after)\s+",
    re.IGNORECASE,
)
_EN_MOTIVATION = re.compile(
    r"^(?:(?:i|we|they|you)\s*)?(?:(?:would|'d)\s+(?:like|love)\s+to|wants?\s+to|needs?\s+to|"
    r"wish\s+to|hope\s+to|to)\s+",
    re.IGNORECASE,
)
_EN_OUTCOME = re.compile(r"^(?:so\s+that|so|in\s+order\s+to|to)\s+", re.IGNORECASE)
_KO_SITUATION = re.compile(r"\s*때(?:마다|에는|는|에|면|도)?$")
_KO_MOTIVATION = re.compile(r"\s*고\s?싶[가-힣]*$")
_KO_OUTCOME = re.compile(r"^(?:그래야만?|그러면|그래서|그럼)\s*,?\s*")


def from_parts(*, situation: str, motivation: str, outcome: str) -> JobStatement:
    """A statement from a job-story form's three fields, stripped of the template words."""
    parts = [normalise(p).replace("\n", " ") for p in (situation, motivation, outcome)]
    if any(has_hangul(p) for p in parts):
        return JobStatement(*_ko_parts(*parts), language="ko")
    sit = jobs_en.clean(_EN_SITUATION.sub("", parts[0]))
    mot = jobs_en.clean(_EN_MOTIVATION.sub("", parts[1]))
    out = jobs_en.clean_outcome(_EN_OUTCOME.sub("", parts[2]))
    return JobStatement(sit, mot, out, language="en")


def _ko_parts(situation: str, motivation: str, outcome: str) -> tuple[str, str, str]:
    sit = jobs_ko.clean(situation)
    stripped = _KO_SITUATION.sub("", sit)
    if stripped == sit and sit.endswith("면"):
        words = sit.split()
        converted = jobs_ko.conditional(words[-1])
        stripped = " ".join([*words[:-1], converted]) if converted else sit
    mot = jobs_ko.clean(_KO_MOTIVATION.sub("", jobs_ko.clean(motivation)))
    out = jobs_ko.plain_outcome(_KO_OUTCOME.sub("", jobs_ko.clean(outcome)))
    return stripped, mot, out


def check(statement: JobStatement) -> list[Problem]:
    """Quality problems of a statement; [] when it is a usable job statement."""
    return [Problem(part, code, message) for part, code, message in problems_for(statement)]
