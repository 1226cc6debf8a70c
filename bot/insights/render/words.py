"""The words the digest renderers use, in English and Korean.

Entries by key, from the one catalog (``bot.i18n``): ``word(locale, key, **values)``
formats one, in English for an unknown locale. Field names have their own table so that a
renderer can show ``pains`` as "Pains" or "페인 포인트"; group names and the conflict
sentence are synthesis's own words (``bot.insights.synthesis.wording``).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import N_, nt, t

_WORDS: dict[str, str] = {
    "title": N_("Persona digest"),
    "no_answers": N_("No answers came in, so there is nothing to report yet."),
    "generated": N_("Generated {date}"),
    "since": N_("new since {date}"),
    "assumption": N_("⚠ assumption: no customer has said this yet — ask {who}"),
    "ask_customers": N_("customers"),
    "ask_focus_group": N_("the focus group"),
    "confidence": N_("confidence: {level}"),
    "high": N_("high"),
    "medium": N_("medium"),
    "low": N_("low"),
    "last_answer": N_("last answer {date}"),
    "stale": N_("⏳ stale: time to ask again"),
    "new": N_("🆕 new"),
    "grown": N_("📈 grown"),
    "changed": N_("What changed"),
    "nothing_changed": N_("Nothing new since last time."),
    "first_digest": N_(
        "This is the first digest, so there is nothing to compare with yet; the next one "
        "will say what changed."
    ),
    "new_themes": N_("New themes"),
    "grown_themes": N_("Growing themes"),
    "new_jobs": N_("New job statements"),
    "stale_fields": N_("Gone stale"),
    "jobs": N_("Top job statements"),
    "job_problems": N_("needs rework: {codes}"),
    "negative": N_("🚫 Negative persona: {name}"),
    "no_persona": N_("Answers not linked to a persona"),
    "no_answers_persona": N_("No answers yet."),
    "continued": N_("{title} (continued)"),
    "rates": N_("Response rates"),
    "rate": N_("{group}: {answered}/{prompts} prompts answered ({pct}%), {answers} answers"),
    "unanswered": N_("Questions nobody answered"),
    "by_group": N_("Who says what"),
    "also_said": N_("Also said (one person each)"),
    "more": N_("…continued in the report"),
    "quote_cut": N_("…"),
    "overview": N_("Personas"),
}

FIELD_NAMES: dict[str, str] = {
    "role": N_("Role and title"),
    "demographics": N_("Company and demographics"),
    "responsibilities": N_("Responsibilities"),
    "goals": N_("Goals"),
    "pains": N_("Pains"),
    "motivations": N_("Motivations"),
    "objections": N_("Objections"),
    "information_sources": N_("Information sources"),
    "buying_process": N_("Buying process"),
    "why_us": N_("Why us"),
    "traits_to_avoid": N_("Traits to avoid"),
    "unsorted": N_("General"),  # answers whose question informs no particular field
}
# What a job statement still lacks, for readers (the codes stay in exports and JSON).
PROBLEMS: dict[str, str] = {
    "missing_situation": N_("add when it happens"),
    "missing_motivation": N_("add what they want to do"),
    "missing_outcome": N_("add what it lets them do"),
    "demographic_situation": N_("describe a moment, not a person"),
    "motivation_not_action": N_("start what they want with a verb"),
    "too_short": N_("say a little more"),
}


def word(locale: str, key: str, **values: object) -> str:
    """One catalog entry in ``locale``, formatted with ``values``."""
    return t(locale, _WORDS[key], **values)


def people(locale: str, n: int) -> str:
    return nt(locale, "{n} person", "{n} people", n)


def personas(locale: str, n: int) -> str:
    return nt(locale, "{n} persona", "{n} personas", n)


def problems(locale: str, codes: Sequence[str]) -> str:
    """The job statement's problems in words: "add what it lets them do; ..."."""
    return "; ".join(t(locale, PROBLEMS[c]) if c in PROBLEMS else c for c in codes)


def answers(locale: str, n: int) -> str:
    return nt(locale, "{n} answer", "{n} answers", n)


def field_name(locale: str, field: str) -> str:
    name = FIELD_NAMES.get(field)
    return t(locale, name) if name else field.replace("_", " ").capitalize()
