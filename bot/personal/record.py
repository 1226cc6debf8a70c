"""``/persona my data``: everything personabot keeps about one person in one workspace.

``collect`` reads it (pure data, JSON-ready); ``summary`` says it in a few lines in the
person's language; ``send`` puts both in the person's DM with the app. The record is only
ever sent to the person it is about, so it lists their anonymous and private answers too
(marked as such): nobody else can ask for it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.i18n import t
from bot.insights import facts
from bot.personal.record_md import markdown
from bot.slack import calls
from storage import (
    Answer,
    AnswerFeatures,
    AnswerRevision,
    Channel,
    DigestSchedule,
    Evidence,
    Persona,
    Prompt,
    Schedule,
    Workspace,
)


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at is not None else None


def collect(*, session: Session, team_id: str, user_id: str, now: datetime) -> dict[str, Any]:
    """What personabot keeps about ``user_id`` in ``team_id``: their answers (with
    revisions, where each is used as evidence, its themes and job statements), the persona
    links they made, and the schedules, digest schedule and questions they set or asked."""
    workspace = session.scalar(select(Workspace).where(Workspace.team_id == team_id))
    record: dict[str, Any] = {
        "generated_at": now.isoformat(),
        "workspace": team_id,
        "user": user_id,
        "answers": [],
        "persona_links_you_made": [],
        "schedules_you_set": [],
        "digest_schedules_you_set": [],
        "questions_you_asked": [],
    }
    if workspace is None:
        return record
    ws = workspace.id
    personas = {
        p.id: p.name for p in session.scalars(select(Persona).where(Persona.workspace_id == ws))
    }
    answers = list(
        session.scalars(
            select(Answer)
            .where(Answer.workspace_id == ws, Answer.user_id == user_id)
            .order_by(Answer.answered_at, Answer.id)
        )
    )
    ids = [a.id for a in answers]
    channels = {
        c.id: (c.slack_id, c.name)
        for c in session.scalars(select(Channel).where(Channel.workspace_id == ws))
    }
    prompts = {
        p.id: p.text
        for p in session.scalars(
            select(Prompt).where(Prompt.id.in_({a.prompt_id for a in answers if a.prompt_id}))
        )
    }
    revisions: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for rev in session.scalars(
        select(AnswerRevision).where(AnswerRevision.answer_id.in_(ids)).order_by(AnswerRevision.id)
    ):
        revisions[rev.answer_id].append({"text": rev.text, "replaced_at": _iso(rev.replaced_at)})
    links: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for ev in session.scalars(
        select(Evidence).where(Evidence.answer_id.in_(ids)).order_by(Evidence.id)
    ):
        links[ev.answer_id].append(
            {"persona": personas.get(ev.persona_id, ""), "field": ev.field, "source": ev.source}
        )
    features = {
        f.answer_id: f
        for f in session.scalars(select(AnswerFeatures).where(AnswerFeatures.answer_id.in_(ids)))
    }
    groups = facts.theme_groups(session, workspace_id=ws)
    labels = {
        key: info.label
        for key, info in facts.themes(session, workspace_id=ws, keys=set(groups.values())).items()
    }
    for answer in answers:
        channel_id, channel_name = channels.get(answer.channel_id, ("", None))
        feature = features.get(answer.id)
        theme_keys = list(
            dict.fromkeys(groups.get(i, str(i)) for i in (feature.theme_ids if feature else []))
        )
        record["answers"].append(
            {
                "id": answer.id,
                "text": answer.text,
                "answered_at": _iso(answer.answered_at),
                "edited_at": _iso(answer.edited_at),
                "channel": channel_id,
                "channel_name": channel_name,
                "group": answer.group,
                "question": prompts.get(answer.prompt_id) if answer.prompt_id else None,
                "source": answer.source,
                "permalink": answer.permalink,
                "private": answer.source == "private",
                "anonymous": answer.anonymous,
                "late": answer.late,
                "deleted": answer.deleted_at is not None,
                "deleted_at": _iso(answer.deleted_at),
                "text_expired_at": _iso(answer.expired_at),
                "your_workspace": answer.user_team,
                "revisions": revisions.get(answer.id, []),
                "evidence": links.get(answer.id, []),
                "themes": [{"key": k, "label": labels.get(k, "")} for k in theme_keys],
                "job_statements": [
                    {k: job.get(k) for k in ("situation", "motivation", "outcome", "text")}
                    for job in (feature.jobs if feature else [])
                ],
            }
        )
    record["persona_links_you_made"] = [
        {
            "answer_id": ev.answer_id,
            "persona": personas.get(ev.persona_id, ""),
            "field": ev.field,
            "at": _iso(ev.created_at),
        }
        for ev in session.scalars(
            select(Evidence)
            .where(Evidence.persona_id.in_(list(personas)), Evidence.created_by == user_id)
            .order_by(Evidence.id)
        )
    ]
    record["schedules_you_set"] = [
        {
            "group": s.group,
            "cadence": s.cadence,
            "timezone": s.timezone,
            "anonymous": s.anonymous,
            "updated_at": _iso(s.updated_at),
        }
        for s in session.scalars(
            select(Schedule)
            .where(Schedule.workspace_id == ws, Schedule.created_by == user_id)
            .order_by(Schedule.group)
        )
    ]
    record["digest_schedules_you_set"] = [
        {"channel": d.channel, "cadence": d.cadence, "timezone": d.timezone}
        for d in session.scalars(
            select(DigestSchedule).where(
                DigestSchedule.workspace_id == ws, DigestSchedule.created_by == user_id
            )
        )
    ]
    record["questions_you_asked"] = [
        {
            "text": p.text,
            "channel": channels.get(p.channel_id, ("", None))[0],
            "posted_at": _iso(p.posted_at),
            "permalink": p.permalink,
        }
        for p in session.scalars(
            select(Prompt)
            .where(Prompt.workspace_id == ws, Prompt.asked_by == user_id)
            .order_by(Prompt.posted_at, Prompt.id)
        )
    ]
    return record


def summary(record: dict[str, Any], *, locale: str) -> str:
    """The record in a few lines (the DM's text; the file has the rest)."""
    answers = record["answers"]
    lines = [
        t(locale, "*What personabot keeps about you in this workspace*"),
        t(
            locale,
            "• Answers: {n} ({deleted} deleted, {anonymous} anonymous or private)",
            n=len(answers),
            deleted=sum(1 for a in answers if a["deleted"]),
            anonymous=sum(1 for a in answers if a["anonymous"] or a["private"]),
        ),
        t(locale, "• Earlier versions of edited answers: {n}", n=_count(answers, "revisions")),
        t(locale, "• Uses as persona evidence: {n}", n=_count(answers, "evidence")),
        t(locale, "• Job statements read from them: {n}", n=_count(answers, "job_statements")),
        t(locale, "• Persona links you made: {n}", n=len(record["persona_links_you_made"])),
        t(
            locale,
            "• Schedules you set: {n}",
            n=len(record["schedules_you_set"]) + len(record["digest_schedules_you_set"]),
        ),
        t(locale, "• Questions you asked: {n}", n=len(record["questions_you_asked"])),
        t(
            locale,
            "The attached files (JSON and Markdown) have all of it. `/persona forget me` "
            "erases your answers and your name from personabot.",
        ),
    ]
    return "\n".join(lines)


def _count(answers: list[dict[str, Any]], key: str) -> int:
    return sum(len(a[key]) for a in answers)


def filename(now: datetime, fmt: str = "json") -> str:
    return f"personabot-my-data-{now:%Y-%m-%d}.{fmt}"


def send(*, client: WebClient, user_id: str, record: dict[str, Any], locale: str) -> str:
    """The summary and the record (a JSON file and the same as Markdown) in the person's DM;
    what to tell them."""
    now = datetime.fromisoformat(record["generated_at"])
    calls.dm(client, user=user_id, text=summary(record, locale=locale))
    content = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True)
    calls.upload_to_dm(client, user=user_id, filename=filename(now), content=content)
    readable = markdown(record, locale=locale)
    calls.upload_to_dm(client, user=user_id, filename=filename(now, "md"), content=readable)
    return t(locale, "Sent what personabot keeps about you to your direct messages with me.")
