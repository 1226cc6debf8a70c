"""The ``my data`` record as Markdown, for reading (the JSON file is for machines). Pure:
the record from ``bot.personal.record.collect`` in, text out, in the person's language."""

from __future__ import annotations

from typing import Any

from bot.i18n import t


def _quote(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in (text or "").splitlines()] or ["> "]


def _flags(answer: dict[str, Any], locale: str) -> str:
    flags = [
        t(locale, "private") if answer["private"] else "",
        t(locale, "anonymous") if answer["anonymous"] else "",
        t(locale, "late") if answer["late"] else "",
        t(locale, "edited") if answer["edited_at"] else "",
        t(locale, "deleted") if answer["deleted"] else "",
        t(locale, "text expired") if answer["text_expired_at"] else "",
    ]
    return ", ".join(f for f in flags if f)


def _answer(answer: dict[str, Any], locale: str) -> list[str]:
    where = f"#{answer['channel_name'] or answer['channel']}"
    group = f" ({answer['group']})" if answer["group"] else ""
    lines = [f"### {answer['answered_at']} · {where}{group}", "", *_quote(answer["text"]), ""]
    if answer["question"]:
        lines.append(t(locale, "- Question: {question}", question=answer["question"]))
    if answer["permalink"]:
        lines.append(t(locale, "- Link: {link}", link=answer["permalink"]))
    if flags := _flags(answer, locale):
        lines.append(t(locale, "- Marked: {flags}", flags=flags))
    for link in answer["evidence"]:
        lines.append(
            t(
                locale,
                "- Evidence for {persona} ({field})",
                persona=link["persona"],
                field=link["field"],
            )
        )
    if answer["themes"]:
        labels = "; ".join(theme["label"] for theme in answer["themes"] if theme["label"])
        lines.append(t(locale, "- Themes: {labels}", labels=labels))
    for job in answer["job_statements"]:
        lines.append(t(locale, "- Job statement: {text}", text=job["text"]))
    for revision in answer["revisions"]:
        lines += [
            t(locale, "- Before {at}:", at=revision["replaced_at"]),
            "",
            *_quote(revision["text"]),
        ]
    return [*lines, ""]


def markdown(record: dict[str, Any], *, locale: str) -> str:
    """Every part of the record, headed in ``locale``; what people wrote is quoted as is."""
    lines = [
        t(locale, "# What personabot keeps about you"),
        "",
        t(
            locale,
            "Workspace {team}, user {user}, as of {at}.",
            team=record["workspace"],
            user=record["user"],
            at=record["generated_at"],
        ),
        "",
        t(locale, "## Your answers ({n})", n=len(record["answers"])),
        "",
    ]
    for answer in record["answers"]:
        lines += _answer(answer, locale)
    lines += [t(locale, "## Persona links you made"), ""]
    lines += [
        f"- {link['at']}: {link['persona']} ({link['field']}), #{link['answer_id']}"
        for link in record["persona_links_you_made"]
    ] or ["-"]
    lines += ["", t(locale, "## Schedules you set"), ""]
    lines += [
        f"- {s['group']}: {s['cadence']} ({s['timezone']})" for s in record["schedules_you_set"]
    ] + [
        t(
            locale,
            "- The digest in {channel}: {cadence} ({timezone})",
            channel=d["channel"],
            cadence=d["cadence"],
            timezone=d["timezone"],
        )
        for d in record["digest_schedules_you_set"]
    ] or ["-"]
    lines += ["", t(locale, "## Questions you asked"), ""]
    lines += [f"- {q['posted_at']}: {q['text']}" for q in record["questions_you_asked"]] or ["-"]
    return "\n".join(lines) + "\n"
