"""The words the digest renderers (and the conflict sentence) use, in English and Korean.

Entries by key, from the one catalog (``bot.i18n``): ``word(locale, key, **values)``
formats one, in English for an unknown locale. Field and group names have their own tables
so that a renderer can show ``pains`` as "Pains" or "페인 포인트".
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import N_, locale_of, nt, t

_WORDS: dict[str, str] = {
    "title": N_("Persona digest"),
    "no_answers": N_("No answers came in, so there is nothing to report yet."),
    "generated": N_("Generated {date}"),
    "since": N_("new since {date}"),
    "personas": N_("{n} personas"),
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
    "new_themes": N_("New themes"),
    "grown_themes": N_("Growing themes"),
    "new_jobs": N_("New job statements"),
    "stale_fields": N_("Gone stale"),
    "jobs": N_("Top job statements"),
    "job_problems": N_("needs rework: {codes}"),
    "negative": N_("🚫 Negative persona: {name}"),
    "no_persona": N_("Answers not linked to a persona"),
    "no_persona_short": N_("No persona"),
    "no_answers_persona": N_("No answers yet."),
    "continued": N_("{title} (continued)"),
    "rates": N_("Response rates"),
    "rate": N_("{group}: {answered}/{prompts} prompts answered ({pct}%), {answers} answers"),
    "unanswered": N_("Questions nobody answered"),
    "by_group": N_("Who says what"),
    "also_said": N_("Also said (one person each)"),
    # TRANSLATORS: {p1} and {p2} are the subject particles (이/가) after {internal} and
    # {customers}; English does not use them.
    "conflict": N_("{internal} point to {internal_theme}; {customers} point to {customer_theme}."),
    "and": N_(" and "),
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
    "unsorted": N_("Unsorted"),
}

GROUP_NAMES: dict[str, str] = {
    "marketing": N_("marketing"),
    "sales": N_("sales"),
    "customer_success": N_("customer success"),
    "leadership": N_("leadership"),
    "customers": N_("customers"),
    "focus_group": N_("focus group"),
}


def word(locale: str, key: str, **values: object) -> str:
    """One catalog entry in ``locale``, formatted with ``values``."""
    return t(locale, _WORDS[key], **values)


def people(locale: str, n: int) -> str:
    return nt(locale, "{n} person", "{n} people", n)


def answers(locale: str, n: int) -> str:
    return nt(locale, "{n} answer", "{n} answers", n)


def field_name(locale: str, field: str) -> str:
    name = FIELD_NAMES.get(field)
    return t(locale, name) if name else field.replace("_", " ").capitalize()


def group_name(locale: str, group: str) -> str:
    name = GROUP_NAMES.get(group)
    return t(locale, name) if name else group.replace("_", " ")


def group_list(locale: str, groups: Sequence[str]) -> str:
    """Group names joined: "sales and marketing" / "영업·마케팅"."""
    names = [group_name(locale, g) for g in groups]
    if locale_of(locale) == "ko" or len(names) < 2:
        return word(locale, "and").join(names)
    return ", ".join(names[:-1]) + word(locale, "and") + names[-1]


def subject_particle(text: str) -> str:
    """이 after a final consonant (batchim), 가 after a vowel; 이 for non-Hangul endings."""
    last = text.rstrip()[-1:] or " "
    if "가" <= last <= "힣":
        return "이" if (ord(last) - ord("가")) % 28 else "가"
    return "이"


def conflict_sentence(
    locale: str,
    *,
    internal: Sequence[str],
    internal_theme: str,
    customers: Sequence[str],
    customer_theme: str,
) -> str:
    """One plain sentence: which internal groups point where, and where customers point."""
    inside = group_list(locale, internal)
    outside = group_list(locale, customers)
    text = word(
        locale,
        "conflict",
        internal=inside,
        internal_theme=internal_theme,
        customers=outside,
        customer_theme=customer_theme,
        p1=subject_particle(inside),
        p2=subject_particle(outside),
    )
    return text[0].upper() + text[1:]
