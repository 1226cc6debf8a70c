"""The few words synthesis writes itself: stakeholder group names and the conflict sentence.

``digest`` puts one sentence in a field's summary when internal groups and customers point
to different themes, and names the "no persona" group in the list of stale fields; both
come from the one catalog (``bot.i18n``). The renderers (``bot.insights.render``) use the
group names too; everything else they say is in ``bot.insights.render.words``.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import N_, locale_of, t

_WORDS: dict[str, str] = {
    "no_persona_short": N_("No persona"),
    # TRANSLATORS: {p1} and {p2} are the subject particles (이/가) after {internal} and
    # {customers}; English does not use them.
    "conflict": N_("{internal} point to {internal_theme}; {customers} point to {customer_theme}."),
    "and": N_(" and "),
}

GROUP_NAMES: dict[str, str] = {
    "marketing": N_("marketing"),
    "sales": N_("sales"),
    "customer_success": N_("customer success"),
    "leadership": N_("leadership"),
    "customers": N_("customers"),
    "focus_group": N_("focus group"),
}


def no_persona(locale: str) -> str:
    """The short name of the answers linked to no persona."""
    return t(locale, _WORDS["no_persona_short"])


def group_name(locale: str, group: str) -> str:
    name = GROUP_NAMES.get(group)
    return t(locale, name) if name else group.replace("_", " ")


def group_list(locale: str, groups: Sequence[str]) -> str:
    """Group names joined: "sales and marketing" / "영업·마케팅"."""
    names = [group_name(locale, g) for g in groups]
    joiner = t(locale, _WORDS["and"])
    if locale_of(locale) == "ko" or len(names) < 2:
        return joiner.join(names)
    return ", ".join(names[:-1]) + joiner + names[-1]


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
    text = t(
        locale,
        _WORDS["conflict"],
        internal=inside,
        internal_theme=internal_theme,
        customers=outside,
        customer_theme=customer_theme,
        p1=subject_particle(inside),
        p2=subject_particle(outside),
    )
    return text[0].upper() + text[1:]
