"""Slack mrkdwn text for one digest's pieces: persona fields, themes, jobs, changes, rates.

Every piece of user text (labels, quotes, persona names, job text, question text) goes
through ``bot.slack.text.escape`` after it is clipped, so nothing can ping or link; a quote links
to its permalink only when the link is a plain http(s) URL. Clipping is visible ("…") and only
applies to single quotes, labels and names; the renderers never drop whole entries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from bot.insights.render.words import answers, field_name, people, problems, word
from bot.insights.synthesis.model import (
    NO_PERSONA,
    Conflict,
    Digest,
    FieldSummary,
    GroupRate,
    JobLine,
    PersonaSummary,
    Support,
    ThemeLine,
)
from bot.insights.synthesis.wording import conflict_sentence, group_name
from bot.slack.text import clip, escape, safe

QUOTE_MAX = 300
LABEL_MAX = 300
NAME_MAX = 120
JOB_MAX = 600
TEXT_MAX = 500
URL_MAX = 1000
_SAFE_URL = re.compile(r"^https?://[^\s|<>]+$", re.IGNORECASE)


def link_ok(url: str | None) -> bool:
    return url is not None and len(url) <= URL_MAX and _SAFE_URL.match(url) is not None


def day(at: datetime | None) -> str:
    return "" if at is None else f"{at:%Y-%m-%d}"


def persona_title(summary: PersonaSummary, locale: str) -> str:
    """The persona's name as the user typed it (unescaped; callers escape)."""
    info = summary.persona
    if info is None:
        return word(locale, "no_persona")
    name = clip(info.name, NAME_MAX)
    return word(locale, "negative", name=name) if info.negative else name


def support_text(support: Support, locale: str) -> str:
    groups = ", ".join(group_name(locale, g) for g in support.groups)
    return people(locale, support.people) + (f" ({escape(groups)})" if groups else "")


def assumption(support: Support, locale: str) -> str | None:
    if not support.internal_only:
        return None
    who = "ask_focus_group" if support.suggest == "focus_group" else "ask_customers"
    return word(locale, "assumption", who=word(locale, who))


def _change(change: str | None, locale: str) -> str:
    return f" {word(locale, change)}" if change in ("new", "grown") else ""


def quote(line: ThemeLine) -> str | None:
    theme = line.theme
    if not theme.quote.strip():
        return None
    text = f"“{safe(theme.quote, QUOTE_MAX)}”"
    return f"> <{theme.quote_link}|{text}>" if link_ok(theme.quote_link) else f"> {text}"


def theme_entry(line: ThemeLine, locale: str) -> str:
    """• *label* — N people (groups), then the quote and the assumption warning."""
    head = f"• *{safe(line.theme.label, LABEL_MAX)}* — {support_text(line.support, locale)}"
    parts = [head + _change(line.change, locale), quote(line), assumption(line.support, locale)]
    return "\n".join(p for p in parts if p)


def field_heading(f: FieldSummary, locale: str) -> str:
    bits = [
        f"*{escape(field_name(locale, f.field))}*",
        word(locale, "confidence", level=word(locale, f.confidence)),
        people(locale, f.people),
        word(locale, "last_answer", date=day(f.last_answer)),
    ]
    if f.stale:
        bits.append(word(locale, "stale"))
    return " · ".join(bits)


def field_entries(f: FieldSummary, locale: str) -> list[str]:
    """The field's themes, then its conflict and who says what."""
    entries = [theme_entry(t, locale) for t in f.themes]
    if f.conflict:
        entries.append(f"↔ {safe(conflict_text(f.conflict, locale), TEXT_MAX * 2)}")
        says = "; ".join(
            f"{escape(group_name(locale, g))}: {', '.join(safe(x, LABEL_MAX) for x in labels)}"
            for g, labels in f.by_group.items()
        )
        entries.append(f"_{word(locale, 'by_group')}_: {says}")
    return entries


def conflict_text(conflict: Conflict, locale: str) -> str:
    """The conflict as one sentence (unescaped)."""
    return conflict_sentence(
        locale,
        internal=list(conflict.internal_groups),
        internal_theme=conflict.internal_label,
        customers=list(conflict.customer_groups),
        customer_theme=conflict.customer_label,
    )


def also_said(summary: PersonaSummary, locale: str) -> str | None:
    """One line naming what single people said (their claims' labels), or None."""
    if not summary.also_said:
        return None
    labels = ", ".join(safe(line.theme.label, LABEL_MAX // 3) for line in summary.also_said)
    return f"_{word(locale, 'also_said')}_: {labels}"


def job_entry(line: JobLine, locale: str) -> str:
    head = f"• {safe(line.job.text, JOB_MAX)} — {support_text(line.support, locale)}"
    head += _change(line.change, locale)
    parts = [head, assumption(line.support, locale)]
    if line.job.problems:
        codes = escape(problems(locale, line.job.problems))
        parts.append(f"_{word(locale, 'job_problems', codes=codes)}_")
    return "\n".join(p for p in parts if p)


def persona_context(summary: PersonaSummary, locale: str) -> str:
    bits = [answers(locale, summary.answers)]
    if summary.persona is not None and summary.persona.description.strip():
        bits.insert(0, safe(summary.persona.description, TEXT_MAX))
    return " · ".join(bits)


def _who(summary: PersonaSummary, locale: str) -> str:
    key = summary.persona.key if summary.persona else NO_PERSONA
    return persona_title(summary, locale) if key != NO_PERSONA else "-"


def changes(digest: Digest, locale: str, *, raw: bool = False) -> list[tuple[str, list[str]]]:
    """(heading, entries) for new themes, grown themes, new jobs and fields gone stale:
    mrkdwn bullets, or plain unescaped text when ``raw`` (for templates that escape)."""
    text = (lambda t, n: clip(t, n)) if raw else safe
    bold = "{}" if raw else "*{}*"
    bullet = "" if raw else "• "
    found: dict[str, list[str]] = {"new": [], "grown": [], "jobs": []}
    for s in digest.personas:
        who = text(_who(s, locale), NAME_MAX * 2)
        for f in s.fields:
            where = field_name(locale, f.field) if raw else escape(field_name(locale, f.field))
            for t in f.themes:
                if t.change in ("new", "grown"):
                    label = bold.format(text(t.theme.label, LABEL_MAX))
                    entry = f"{bullet}{who} — {where}: {label} ({people(locale, t.support.people)})"
                    found[t.change].append(entry)
        for j in s.jobs:
            if j.change == "new":
                found["jobs"].append(f"{bullet}{who}: {text(j.job.text, JOB_MAX)}")
    stale = [bullet + stale_field(x, locale, raw=raw) for x in digest.stale_fields]
    titled = [
        (word(locale, "new_themes"), found["new"]),
        (word(locale, "grown_themes"), found["grown"]),
        (word(locale, "new_jobs"), found["jobs"]),
        (word(locale, "stale_fields"), stale),
    ]
    return [(title, entries) for title, entries in titled if entries]


def stale_field(entry: str, locale: str, *, raw: bool = False) -> str:
    """ "Persona: field" with the field name in ``locale`` (escaped unless ``raw``)."""
    name, sep, field = entry.rpartition(": ")
    out = f"{name}: {field_name(locale, field)}" if sep else entry
    return clip(out, NAME_MAX * 2) if raw else safe(out, NAME_MAX * 2)


def overview(digest: Digest, locale: str) -> list[str]:
    lines = []
    for s in digest.personas:
        stale = sum(1 for f in s.fields if f.stale)
        line = f"• *{safe(persona_title(s, locale), NAME_MAX * 2)}* — "
        line += answers(locale, s.answers)
        if stale:
            line += f" · {word(locale, 'stale')} ({stale})"
        lines.append(line)
    return lines


def rate_entry(rate: GroupRate, locale: str) -> str:
    pct = round(100 * rate.answered / rate.prompts) if rate.prompts else 0
    text = word(
        locale,
        "rate",
        group=group_name(locale, rate.group),
        answered=rate.answered,
        prompts=rate.prompts,
        pct=pct,
        answers=rate.answers,
    )
    return f"• {escape(clip(text, TEXT_MAX))}"


def unanswered_entries(questions: Sequence[str]) -> list[str]:
    return [f"• {safe(q, TEXT_MAX)}" for q in questions]


def chunk(heading: str, entries: Sequence[str], limit: int, more: str) -> list[str]:
    """Section texts of at most ``limit`` characters: the heading, then whole entries; a
    chunk after the first repeats the heading followed by ``more`` ("(continued)")."""
    chunks: list[str] = []
    current = heading
    for entry in entries:
        piece = entry if len(entry) <= limit - len(more) - 1 else clip(entry, limit // 2)
        if len(current) + 1 + len(piece) > limit:
            chunks.append(current)
            current = more
        current = f"{current}\n{piece}" if current else piece
    chunks.append(current)
    return chunks
