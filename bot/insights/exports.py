"""The persona report and evidence as files: Markdown, HTML, CSV or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.insights import facts
from bot.insights.privacy import is_hidden
from bot.insights.render.report import digest_json, evidence_csv, report_html, report_markdown
from bot.insights.worker import compose_committed
from storage import Answer, Persona, Theme, queries

FORMATS = ("md", "html", "csv", "json")
EVIDENCE_COLUMNS = (
    "answer_id",
    "persona",
    "field",
    "group",
    "author",
    "answered_at",
    "theme",
    "text",
    "link",
)


def render(
    *,
    session: Session,
    team_id: str,
    fmt: str,
    locale: str,
    now: datetime,
    since: datetime | None = None,
) -> str:
    """md/html: the persona report; csv: one row per answer and persona link; json: the
    digest and the evidence together. The digest is composed in the digest worker when
    one runs (``bot.insights.worker``)."""
    if fmt == "csv":
        return evidence_csv(facts_for_export(session, team_id=team_id), columns=EVIDENCE_COLUMNS)
    digest = compose_committed(
        session=session, team_id=team_id, now=now, since=since, locale=locale
    )
    if fmt == "md":
        return report_markdown(digest, locale=locale)
    if fmt == "html":
        return report_html(digest, locale=locale)
    evidence = list(facts_for_export(session, team_id=team_id))
    return json.dumps(
        {"digest": json.loads(digest_json(digest)), "evidence": evidence},
        ensure_ascii=False,
        indent=2,
        sort_keys=True,
        default=str,
    )


def filename(fmt: str, now: datetime) -> str:
    return f"personas-{now:%Y-%m-%d}.{fmt}"


def facts_for_export(session: Session, *, team_id: str) -> Sequence[dict[str, object]]:
    """Evidence rows for the CSV export: one per answer and persona link (``EVIDENCE_COLUMNS``);
    hidden authors are left empty."""
    workspace = queries.workspace(session, team_id=team_id)
    names = {
        str(i): n
        for i, n in session.execute(
            select(Persona.id, Persona.name).where(Persona.workspace_id == workspace.id)
        )
    }
    labels = {
        i: t
        for i, t in session.execute(
            select(Theme.id, Theme.label).where(Theme.workspace_id == workspace.id)
        )
    }
    answers = {
        i: (t, link)
        for i, t, link in session.execute(
            select(Answer.id, Answer.text, Answer.permalink).where(
                Answer.workspace_id == workspace.id
            )
        )
    }
    rows = facts.answer_facts(
        session, workspace_id=workspace.id, persona_keys=set(names), everything=True
    )
    return [
        {
            "answer_id": f.answer_id,
            "persona": names.get(f.persona, ""),
            "field": f.field,
            "group": f.group or "",
            "author": "" if is_hidden(f.author) else f.author,
            "answered_at": f.answered_at.isoformat(),
            "theme": labels.get(int(f.theme)) if f.theme else "",
            "text": answers[f.answer_id][0],
            "link": answers[f.answer_id][1] or "",
        }
        for f in rows
    ]
