"""The words of personabot's modals and Home tab, in English and Korean.

``t(locale, key, **values)`` formats one entry; an unknown locale ("fr") reads as English
and "ko-KR" as Korean. Field and group names come from ``bot.synthesis.render_words``.
Entries hold mrkdwn: a literal ``<`` is written ``&lt;`` so that Slack shows it as text.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.synthesis.render_words import locale_of

_EN: dict[str, str] = {
    # prompt buttons
    "answer_private": "Answer privately",
    "answer_late": "Answer late, privately",
    "job_story": "Write a job story",
    # shared
    "save": "Save",
    "cancel": "Cancel",
    "required": "Please fill this in.",
    "and_more": "…and {n} more",
    # answer modal
    "answer_title": "Your answer",
    "question": "*Question*\n{question}",
    "closed": "⏰ This question is closed; your answer is still kept, marked late.",
    "answer_label": "Your answer",
    "answer_placeholder": "A sentence or two from your own experience",
    "privacy": (
        "🔒 Stored privately: never posted in the channel. Who can still see it: "
        "personabot's admins, and your team when a digest or an export quotes it."
    ),
    # job story modal
    "job_title": "Write a job story",
    "job_intro": ("A job story is about a moment, not a person: *When …, I want to …, so I can …*"),
    "situation_label": "When …",
    "situation_placeholder": "I onboard a new support agent",
    "situation_hint": "Describe when the need arises, not who the customer is.",
    "motivation_label": "I want to …",
    "motivation_placeholder": "find every macro in one place",
    "motivation_hint": "Start with a verb: what they want to do.",
    "outcome_label": "So I can …",
    "outcome_placeholder": "answer tickets on my own in the first week",
    "outcome_hint": "What it lets them do afterwards.",
    # message shortcut
    "shortcut_title": "Add to personas",
    "message": "*Message*\n{text}",
    "message_from": "From {author} in {channel}",
    "persona_label": "Persona",
    "persona_placeholder": "Choose a persona",
    "field_label": "What it tells us about them",
    "field_placeholder": "Choose a field",
    "job_story_label": "Job story",
    "also_job": "Also write a job story from it",
    "no_personas_shortcut": (
        "There are no personas yet, so this message will be kept as an answer that is "
        "not linked to a persona. To link it, create one first with "
        "`/persona create &lt;name&gt;`."
    ),
    # after an answer is captured
    "saved": "✅ Saved as evidence.",
    "link_hint": "Link it to a persona and a field so that it counts in the digest.",
    "link_persona": "Link to a persona",
    "unlink": "Unlink",
    "no_personas_short": "No personas yet: create one with `/persona create &lt;name&gt;`.",
    # Home tab
    "home_title": "Buyer personas",
    "home_intro": "What the team has learned from answers, and what still rests on assumptions.",
    "setup": "Setup",
    "export": "Export…",
    "preview": "Digest preview",
    "personas_all": "*Personas* ({total})",
    "personas_page": "*Personas* ({first}–{last} of {total})",
    "no_personas": (
        "No personas yet. Start with `/persona create &lt;name&gt;` (most teams keep 2 to 5)."
    ),
    "negative": "🚫 negative persona",
    "evidence": "{answers} as evidence",
    "last_answer": "last answer {ago}",
    "no_answers": "no answers yet",
    "assumptions_one": "⚠ 1 assumption to check",
    "assumptions": "⚠ {n} assumptions to check",
    "show_more": "Show more",
    "back_to_start": "Back to the start",
    "prompts": "*Open questions*",
    "no_prompts": "No open questions right now.",
    "open": "open",
    "rates": "*Response rates* (last 4 weeks)",
    "rate": "{group}: {answered} of {prompts} prompts answered ({pct}%)",
    "rate_none": "{group}: no prompts yet",
    "no_rates": "No prompts in the last 4 weeks.",
    "flagged": "*Flagged assumptions*",
    "flagged_intro": "Only internal teams support these so far; check them with customers.",
    "no_flagged": "No assumptions flagged right now.",
    "just_now": "just now",
    "minutes_one": "1 minute ago",
    "minutes": "{n} minutes ago",
    "hours_one": "1 hour ago",
    "hours": "{n} hours ago",
    "days_one": "1 day ago",
    "days": "{n} days ago",
    "months_one": "1 month ago",
    "months": "{n} months ago",
    # setup modal
    "setup_title": "Set up personabot",
    "setup_intro": (
        "Map each group to its channels and say when to ask them, as in "
        "`/persona schedule`: e.g. `tue,thu 10:00 Asia/Seoul questions=1 cap=2` or "
        "`monthly 1st mon 09:30`. An empty schedule means the group is not asked."
    ),
    "channels_label": "{group}: channels",
    "channels_placeholder": "Choose channels",
    "cadence_label": "{group}: when to ask",
    "digest_channel": "Digest channel",
    "digest_channel_placeholder": "Choose a channel",
    "digest_cadence": "Digest schedule",
    "locale": "Workspace language",
    "holidays": "Public holidays to skip",
    "holidays_hint": "A two-letter country code such as KR or US; leave empty for none.",
}

_KO: dict[str, str] = {
    "answer_private": "비공개로 답하기",
    "answer_late": "늦었지만 비공개로 답하기",
    "job_story": "Job 스토리 쓰기",
    "save": "저장",
    "cancel": "취소",
    "required": "이 칸을 채워 주세요.",
    "and_more": "…외 {n}개 더",
    "answer_title": "답변하기",
    "question": "*질문*\n{question}",
    "closed": "⏰ 마감된 질문입니다. 그래도 답변은 보관되며 늦은 답변으로 표시됩니다.",
    "answer_label": "내 답변",
    "answer_placeholder": "직접 겪은 일을 한두 문장으로 적어 주세요",
    "privacy": (
        "🔒 비공개로 보관되며 채널에는 올라가지 않습니다. 볼 수 있는 사람은 personabot "
        "관리자이고, 다이제스트나 내보내기에 인용되면 팀원도 보게 됩니다."
    ),
    "job_title": "Job 스토리 쓰기",
    "job_intro": (
        "Job 스토리는 사람이 아니라 순간을 적습니다: *…할 때, …하고 싶다. 그래야 …할 수 있다.*"
    ),
    "situation_label": "언제 (…할 때)",
    "situation_placeholder": "신규 상담원을 온보딩할 때",
    "situation_hint": "고객이 누구인지가 아니라, 필요가 생기는 순간을 적어 주세요.",
    "motivation_label": "하고 싶은 것 (…하고 싶다)",
    "motivation_placeholder": "모든 매크로를 한곳에서 찾고 싶다",
    "motivation_hint": "무엇을 하고 싶은지 동사로 적어 주세요.",
    "outcome_label": "그래야 (…할 수 있다)",
    "outcome_placeholder": "첫 주부터 혼자 티켓에 답할 수 있다",
    "outcome_hint": "그렇게 해서 무엇을 할 수 있게 되는지 적어 주세요.",
    "shortcut_title": "페르소나에 추가",
    "message": "*메시지*\n{text}",
    "message_from": "{channel}에서 {author} 님이 쓴 메시지",
    "persona_label": "페르소나",
    "persona_placeholder": "페르소나 선택",
    "field_label": "이 메시지가 알려 주는 항목",
    "field_placeholder": "항목 선택",
    "job_story_label": "Job 스토리",
    "also_job": "이 메시지로 Job 스토리도 쓰기",
    "no_personas_shortcut": (
        "아직 페르소나가 없어 이 메시지는 페르소나와 연결되지 않은 답변으로 보관됩니다. "
        "연결하려면 먼저 `/persona create &lt;이름&gt;`으로 페르소나를 만들어 주세요."
    ),
    "saved": "✅ 근거로 저장했습니다.",
    "link_hint": "페르소나와 항목에 연결하면 다이제스트에 반영됩니다.",
    "link_persona": "페르소나에 연결",
    "unlink": "연결 해제",
    "no_personas_short": (
        "아직 페르소나가 없습니다. `/persona create &lt;이름&gt;`으로 만들어 주세요."
    ),
    "home_title": "바이어 페르소나",
    "home_intro": "답변에서 알게 된 것과, 아직 가정에 머물러 있는 것.",
    "setup": "설정",
    "export": "내보내기…",
    "preview": "다이제스트 미리보기",
    "personas_all": "*페르소나* ({total}개)",
    "personas_page": "*페르소나* (전체 {total}개 중 {first}–{last})",
    "no_personas": (
        "아직 페르소나가 없습니다. `/persona create &lt;이름&gt;`으로 시작해 보세요 "
        "(보통 2~5개를 둡니다)."
    ),
    "negative": "🚫 부정적 페르소나",
    "evidence": "근거 {answers}",
    "last_answer": "마지막 답변 {ago}",
    "no_answers": "아직 답변 없음",
    "assumptions_one": "⚠ 확인할 가정 1개",
    "assumptions": "⚠ 확인할 가정 {n}개",
    "show_more": "더 보기",
    "back_to_start": "처음으로",
    "prompts": "*진행 중인 질문*",
    "no_prompts": "지금 열려 있는 질문이 없습니다.",
    "open": "열기",
    "rates": "*그룹별 응답률* (최근 4주)",
    "rate": "{group}: 질문 {prompts}개 중 {answered}개에 답함 ({pct}%)",
    "rate_none": "{group}: 아직 보낸 질문 없음",
    "no_rates": "최근 4주 동안 보낸 질문이 없습니다.",
    "flagged": "*확인이 필요한 가정*",
    "flagged_intro": "지금까지 내부 팀만 뒷받침하는 내용입니다. 고객에게 확인해 보세요.",
    "no_flagged": "지금 표시된 가정이 없습니다.",
    "just_now": "방금",
    "minutes_one": "1분 전",
    "minutes": "{n}분 전",
    "hours_one": "1시간 전",
    "hours": "{n}시간 전",
    "days_one": "1일 전",
    "days": "{n}일 전",
    "months_one": "1개월 전",
    "months": "{n}개월 전",
    "setup_title": "personabot 설정",
    "setup_intro": (
        "그룹마다 채널을 지정하고, `/persona schedule`과 같은 형식으로 질문 일정을 적어 "
        "주세요: 예) `tue,thu 10:00 Asia/Seoul questions=1 cap=2`, `monthly 1st mon 09:30`. "
        "일정을 비워 두면 그 그룹에는 질문하지 않습니다."
    ),
    "channels_label": "{group}: 채널",
    "channels_placeholder": "채널 선택",
    "cadence_label": "{group}: 질문 일정",
    "digest_channel": "다이제스트 채널",
    "digest_channel_placeholder": "채널 선택",
    "digest_cadence": "다이제스트 일정",
    "locale": "워크스페이스 언어",
    "holidays": "건너뛸 공휴일",
    "holidays_hint": "KR, US 같은 두 글자 국가 코드. 비워 두면 공휴일을 건너뛰지 않습니다.",
}

CATALOG: dict[str, dict[str, str]] = {"en": _EN, "ko": _KO}


def t(locale: str, key: str, **values: object) -> str:
    """One entry in ``locale`` (English when the locale or the entry is missing)."""
    text = CATALOG[locale_of(locale)].get(key, _EN[key])
    return text.format(**values) if values else text


def counted(locale: str, key: str, n: int) -> str:
    """``key_one`` for 1, else ``key`` with ``n``."""
    return t(locale, f"{key}_one") if n == 1 else t(locale, key, n=n)


def ago(at: datetime, now: datetime, locale: str) -> str:
    """How long ago, roughly: "3 days ago" / "3일 전"; a future time reads "just now"."""
    seconds = (_aware(now) - _aware(at)).total_seconds()
    minutes, hours, days = int(seconds // 60), int(seconds // 3600), int(seconds // 86400)
    if minutes < 1:
        return t(locale, "just_now")
    if hours < 1:
        return counted(locale, "minutes", minutes)
    if days < 1:
        return counted(locale, "hours", hours)
    if days < 60:
        return counted(locale, "days", days)
    return counted(locale, "months", days // 30)


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
