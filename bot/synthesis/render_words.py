"""The words the digest renderers (and the conflict sentence) use, in English and Korean.

A small catalog: ``word(locale, key, **values)`` formats one entry, falling back to English
for an unknown locale. Field and group names have their own tables so that a renderer can
show ``pains`` as "Pains" or "페인 포인트".
"""

from __future__ import annotations

from collections.abc import Sequence

LOCALES = ("en", "ko")

_CATALOG: dict[str, dict[str, str]] = {
    "en": {
        "title": "Persona digest",
        "no_answers": "No answers came in, so there is nothing to report yet.",
        "people_one": "1 person",
        "people": "{n} people",
        "answers": "{n} answers",
        "answers_one": "1 answer",
        "generated": "Generated {date}",
        "since": "new since {date}",
        "personas": "{n} personas",
        "assumption": "⚠ assumption: no customer has said this yet — ask {who}",
        "ask_customers": "customers",
        "ask_focus_group": "the focus group",
        "confidence": "confidence: {level}",
        "high": "high",
        "medium": "medium",
        "low": "low",
        "last_answer": "last answer {date}",
        "stale": "⏳ stale: time to ask again",
        "new": "🆕 new",
        "grown": "📈 grown",
        "changed": "What changed",
        "nothing_changed": "Nothing new since last time.",
        "new_themes": "New themes",
        "grown_themes": "Growing themes",
        "new_jobs": "New job statements",
        "stale_fields": "Gone stale",
        "jobs": "Top job statements",
        "job_problems": "needs rework: {codes}",
        "negative": "🚫 Negative persona: {name}",
        "no_persona": "Answers not linked to a persona",
        "no_persona_short": "No persona",
        "no_answers_persona": "No answers yet.",
        "continued": "{title} (continued)",
        "rates": "Response rates",
        "rate": "{group}: {answered}/{prompts} prompts answered ({pct}%), {answers} answers",
        "unanswered": "Questions nobody answered",
        "by_group": "Who says what",
        "conflict": "{internal} point to {internal_theme}; {customers} point to {customer_theme}.",
        "and": " and ",
        "more": "…continued in the report",
        "quote_cut": "…",
        "overview": "Personas",
    },
    "ko": {
        "title": "페르소나 다이제스트",
        "no_answers": "들어온 답변이 없어 아직 보고할 내용이 없습니다.",
        "people_one": "1명",
        "people": "{n}명",
        "answers": "답변 {n}개",
        "answers_one": "답변 1개",
        "generated": "{date} 작성",
        "since": "{date} 이후 새 답변 기준",
        "personas": "페르소나 {n}개",
        "assumption": "⚠ 가정: 아직 고객에게서 나온 말이 아닙니다 — {who}에게 물어보세요",
        "ask_customers": "고객",
        "ask_focus_group": "포커스 그룹",
        "confidence": "신뢰도: {level}",
        "high": "높음",
        "medium": "보통",
        "low": "낮음",
        "last_answer": "마지막 답변 {date}",
        "stale": "⏳ 오래됨: 다시 물어볼 때입니다",
        "new": "🆕 새로 나옴",
        "grown": "📈 늘어남",
        "changed": "달라진 점",
        "nothing_changed": "지난번 이후 새로운 내용이 없습니다.",
        "new_themes": "새 주제",
        "grown_themes": "늘어난 주제",
        "new_jobs": "새 Job 문장",
        "stale_fields": "오래된 항목",
        "jobs": "주요 Job 문장",
        "job_problems": "다듬어야 함: {codes}",
        "negative": "🚫 부정적 페르소나: {name}",
        "no_persona": "페르소나와 연결되지 않은 답변",
        "no_persona_short": "페르소나 없음",
        "no_answers_persona": "아직 답변이 없습니다.",
        "continued": "{title} (이어서)",
        "rates": "그룹별 응답률",
        "rate": "{group}: 질문 {prompts}개 중 {answered}개에 답함 ({pct}%), 답변 {answers}개",
        "unanswered": "아무도 답하지 않은 질문",
        "by_group": "그룹별 의견",
        "conflict": "{internal}{p1} 꼽는 것은 ‘{internal_theme}’, "
        "{customers}{p2} 꼽는 것은 ‘{customer_theme}’입니다.",
        "and": "·",
        "more": "…나머지는 보고서에서 이어집니다",
        "quote_cut": "…",
        "overview": "페르소나",
    },
}

FIELD_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "role": "Role and title",
        "demographics": "Company and demographics",
        "responsibilities": "Responsibilities",
        "goals": "Goals",
        "pains": "Pains",
        "motivations": "Motivations",
        "objections": "Objections",
        "information_sources": "Information sources",
        "buying_process": "Buying process",
        "why_us": "Why us",
        "traits_to_avoid": "Traits to avoid",
        "unsorted": "Unsorted",
    },
    "ko": {
        "role": "역할과 직함",
        "demographics": "회사와 인구통계",
        "responsibilities": "맡은 업무",
        "goals": "목표",
        "pains": "페인 포인트",
        "motivations": "동기",
        "objections": "구매를 망설이는 이유",
        "information_sources": "정보 출처",
        "buying_process": "구매 과정",
        "why_us": "우리를 고르는 이유",
        "traits_to_avoid": "피해야 할 특성",
        "unsorted": "미분류",
    },
}

GROUP_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "marketing": "marketing",
        "sales": "sales",
        "customer_success": "customer success",
        "leadership": "leadership",
        "customers": "customers",
        "focus_group": "focus group",
    },
    "ko": {
        "marketing": "마케팅",
        "sales": "영업",
        "customer_success": "고객 성공",
        "leadership": "경영진",
        "customers": "고객",
        "focus_group": "포커스 그룹",
    },
}


def locale_of(locale: str) -> str:
    """``locale`` when the catalog has it ("ko-KR" reads as "ko"), else English."""
    short = locale.split("-")[0].split("_")[0].lower()
    return short if short in LOCALES else "en"


def word(locale: str, key: str, **values: object) -> str:
    """One catalog entry in ``locale``, formatted with ``values``."""
    text = _CATALOG[locale_of(locale)][key]
    return text.format(**values) if values else text


def people(locale: str, n: int) -> str:
    return word(locale, "people_one") if n == 1 else word(locale, "people", n=n)


def answers(locale: str, n: int) -> str:
    return word(locale, "answers_one") if n == 1 else word(locale, "answers", n=n)


def field_name(locale: str, field: str) -> str:
    return FIELD_NAMES[locale_of(locale)].get(field, field.replace("_", " ").capitalize())


def group_name(locale: str, group: str) -> str:
    return GROUP_NAMES[locale_of(locale)].get(group, group.replace("_", " "))


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
