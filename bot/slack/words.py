"""The words of personabot's modals and Home tab, by key, from the one catalog (bot.i18n).

``word(locale, key, **values)`` formats one entry; an unknown locale ("fr") reads as
English and "ko-KR" as Korean. Field and group names come from ``bot.insights.render.words``.
Entries hold mrkdwn: a literal ``<`` is written ``&lt;`` so that Slack shows it as text.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.i18n import N_, nt, t

_WORDS: dict[str, str] = {
    "answer_private": N_("Answer privately"),
    "answer_late": N_("Answer late, privately"),
    "job_story": N_("Write a job story"),
    "save": N_("Save"),
    "cancel": N_("Cancel"),
    "required": N_("Please fill this in."),
    "and_more": N_("…and {n} more"),
    "answer_title": N_("Your answer"),
    "question": N_("*Question*\n{question}"),
    "closed": N_("⏰ This question is closed; your answer is still kept, marked late."),
    "answer_label": N_("Your answer"),
    "answer_placeholder": N_("A sentence or two from your own experience"),
    "privacy": N_(
        "🔒 Stored privately: never posted in the channel. Who can still see it: "
        "personabot's admins, and your team when a digest or an export quotes "
        "it."
    ),
    "job_title": N_("Write a job story"),
    "job_intro": N_(
        "A job story is about a moment, not a person: *When …, I want to …, so I can …*"
    ),
    "situation_label": N_("When …"),
    "situation_placeholder": N_("I onboard a new support agent"),
    "situation_hint": N_("Describe when the need arises, not who the customer is."),
    "motivation_label": N_("I want to …"),
    "motivation_placeholder": N_("find every macro in one place"),
    "motivation_hint": N_("Start with a verb: what they want to do."),
    "outcome_label": N_("So I can …"),
    "outcome_placeholder": N_("answer tickets on my own in the first week"),
    "outcome_hint": N_("What it lets them do afterwards."),
    "shortcut_title": N_("Add to personas"),
    "message": N_("*Message*\n{text}"),
    "message_from": N_("From {author} in {channel}"),
    "persona_label": N_("Persona"),
    "persona_placeholder": N_("Choose a persona"),
    "field_label": N_("What it tells us about them"),
    "field_placeholder": N_("Choose a field"),
    "job_story_label": N_("Job story"),
    "also_job": N_("Also write a job story from it"),
    "no_personas_shortcut": N_(
        "There are no personas yet, so this message will be kept as an answer "
        "that is not linked to a persona. To link it, create one first with "
        "`/persona create &lt;name&gt;`."
    ),
    "saved": N_("✅ Saved as evidence."),
    "link_hint": N_("Link it to a persona and a field so that it counts in the digest."),
    "link_persona": N_("Link to a persona"),
    "unlink": N_("Unlink"),
    "no_personas_short": N_("No personas yet: create one with `/persona create &lt;name&gt;`."),
    "home_title": N_("Buyer personas"),
    "home_intro": N_(
        "What the team has learned from answers, and what still rests on assumptions."
    ),
    "setup": N_("Setup"),
    "export": N_("Export…"),
    "preview": N_("Digest preview"),
    "personas_all": N_("*Personas* ({total})"),
    "personas_page": N_("*Personas* ({first}–{last} of {total})"),
    "no_personas": N_(
        "No personas yet. Start with `/persona create &lt;name&gt;` (most teams keep 2 to 5)."
    ),
    "negative": N_("🚫 negative persona"),
    "evidence": N_("{answers} as evidence"),
    "last_answer": N_("last answer {ago}"),
    "no_answers": N_("no answers yet"),
    "show_more": N_("Show more"),
    "back_to_start": N_("Back to the start"),
    "prompts": N_("*Open questions*"),
    "no_prompts": N_("No open questions right now."),
    "open": N_("open"),
    "rates": N_("*Response rates* (last 4 weeks)"),
    "rate": N_("{group}: {answered} of {prompts} prompts answered ({pct}%)"),
    "rate_none": N_("{group}: no prompts yet"),
    "no_rates": N_("No prompts in the last 4 weeks."),
    "flagged": N_("*Flagged assumptions*"),
    "flagged_intro": N_("Only internal teams support these so far; check them with customers."),
    "no_flagged": N_("No assumptions flagged right now."),
    "just_now": N_("just now"),
    "setup_title": N_("Set up personabot"),
    "setup_intro": N_(
        "Map each group to its channels and choose when to ask them. A group with no "
        "days chosen is not asked. Hours may have decimals: 1.5 is an hour and a half."
    ),
    "channels": N_("Channels"),
    "channels_placeholder": N_("Choose channels"),
    "days_label": N_("Days to ask"),
    "days_placeholder": N_("Choose days"),
    "days_hint": N_("Leave empty and this group is not asked."),
    "days_keep": N_("As now: {cadence}"),
    "days_keep_hint": N_(
        "This group's schedule was set with /persona schedule; keep it as it is, or "
        "choose days to replace it. Leave empty to stop asking this group."
    ),
    "day_mon": N_("Monday"),
    "day_tue": N_("Tuesday"),
    "day_wed": N_("Wednesday"),
    "day_thu": N_("Thursday"),
    "day_fri": N_("Friday"),
    "day_sat": N_("Saturday"),
    "day_sun": N_("Sunday"),
    "time_label": N_("Time"),
    "time_placeholder": N_("Choose a time"),
    "timezone_label": N_("Timezone"),
    "timezone_placeholder": N_("Choose a timezone"),
    "questions_label": N_("Questions per round"),
    "remind_label": N_("Reminder after (hours)"),
    "remind_hint": N_("A nudge in the thread if too few people have answered by then."),
    "close_label": N_("Close after (hours)"),
    "close_hint": N_("Answers after this are still kept, marked late."),
    "cap_label": N_("Most questions a week per channel"),
    "error_time": N_("Choose a time for the days you picked."),
    "error_keep": N_("Keep the current schedule or choose days, not both."),
    "error_timezone": N_("Choose a timezone from the list."),
    "error_whole": N_("Enter a whole number from {low} to {high}."),
    "error_hours": N_("Enter a number of hours above 0 and at most {most}, such as 4 or 1.5."),
    "error_cap": N_("Make this at least the questions per round ({questions})."),
    "error_close": N_("Make this longer than the reminder ({hours} hours)."),
    "error_digest": N_("Set both the digest channel and its days, or neither."),
    "error_locale": N_("Pick English or 한국어."),
    "digest_channel": N_("Digest channel"),
    "digest_channel_placeholder": N_("Choose a channel"),
    "digest_header": N_("Weekly digest"),
    "digest_days_hint": N_("When the digest is posted; leave empty (and no channel) for none."),
    "digest_keep_hint": N_(
        "The digest's schedule was set with /persona digest schedule; keep it as it is, or "
        "choose days to replace it."
    ),
    "locale": N_("Workspace language"),
    "holidays": N_("Public holidays to skip"),
    "holidays_hint": N_("A two-letter country code such as KR or US; leave empty for none."),
}


def word(locale: str, key: str, **values: object) -> str:
    """The entry ``key`` in ``locale``, formatted with ``values``."""
    message = _WORDS[key]
    return t(locale, message, **values)


def assumptions(locale: str, n: int) -> str:
    return nt(locale, "⚠ {n} assumption to check", "⚠ {n} assumptions to check", n)


def ago(at: datetime, now: datetime, locale: str) -> str:
    """How long ago, roughly: "3 days ago" / "3일 전"; a future time reads "just now"."""
    seconds = (_aware(now) - _aware(at)).total_seconds()
    minutes, hours, days = int(seconds // 60), int(seconds // 3600), int(seconds // 86400)
    if minutes < 1:
        return word(locale, "just_now")
    if hours < 1:
        return nt(locale, "{n} minute ago", "{n} minutes ago", minutes)
    if days < 1:
        return nt(locale, "{n} hour ago", "{n} hours ago", hours)
    if days < 60:
        return nt(locale, "{n} day ago", "{n} days ago", days)
    return nt(locale, "{n} month ago", "{n} months ago", days // 30)


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
