"""The persona report and evidence as files: Markdown, HTML, CSV or JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.insights import facts
from bot.insights.digests import compose
from bot.insights.privacy import is_hidden
from bot.insights.render.report import digest_json, evidence_csv, report_html, report_markdown
from bot.insights.synthesis.model import Digest
from bot.insights.worker import compose_committed
from storage import Answer, Persona, queries

FORMATS = ("md", "html", "csv", "json")
EVIDENCE_COLUMNS = (
    "answer_id",
    "persona",
    "field",
    "group",
    "author",
    "answered_at",
    "themes",
    "jobs",
    "text",
    "link",
)
# Then, in the JSON and the CSV: the author's own workspace when it is another one (Slack
# Connect; empty when the author is hidden) and when retention dropped the answer's text.
LATER_COLUMNS = ("user_team", "expired_at")
# The CSV adds columns after those (so that a spreadsheet built on them keeps working):
# ``author`` becomes the person's Slack name when Slack knows it, and ``author_id`` keeps
# the Slack user id (empty for imported answers, whose author is a name already).
CSV_COLUMNS = (*EVIDENCE_COLUMNS, "author_id", *LATER_COLUMNS)
BOM = "\ufeff"  # so that Excel reads the file as UTF-8 (Korean text, names)
_SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")
Names = Callable[[Sequence[str]], Mapping[str, str]]


def render(
    *,
    session: Session,
    team_id: str,
    fmt: str,
    locale: str,
    now: datetime,
    since: datetime | None = None,
    names: Names | None = None,
) -> str:
    """md/html: the persona report; csv: one row per answer and persona link, with a BOM,
    authors by name where ``names`` (Slack user ids -> names) knows them; json: the digest
    and the evidence together. The digest is composed in the digest worker when one runs
    (``bot.insights.worker``)."""
    if fmt == "csv":
        return BOM + evidence_csv(
            named(facts_for_export(session, team_id=team_id), names), columns=CSV_COLUMNS
        )
    digest = compose_committed(
        session=session, team_id=team_id, now=now, since=since, locale=locale
    )
    if fmt == "md":
        return report_markdown(digest, locale=locale)
    if fmt == "html":
        return report_html(digest, locale=locale)
    return json.dumps(
        contract(session=session, team_id=team_id, now=now, locale=locale, digest=digest),
        ensure_ascii=False,
        indent=2,
        sort_keys=True,
        default=str,
    )


def contract(
    *, session: Session, team_id: str, now: datetime, locale: str, digest: Digest | None = None
) -> dict[str, Any]:
    """The JSON export: every answer (text, persona, field, group, author unless hidden,
    its theme keys and its job statements), every theme of every persona (key, label,
    people, groups, internal_only, the fields it was raised in), every conflict (the two
    theme keys it opposes and their groups), and the digest itself."""
    complete = compose(session=session, team_id=team_id, now=now, locale=locale, complete=True)
    names = {s.persona.key: s.persona.name for s in complete.personas if s.persona}
    themes = [
        {
            "key": line.theme.key,
            "persona": names.get(s.persona.key) if s.persona else None,
            "label": line.theme.label,
            "language": line.theme.language,
            "people": line.support.people,
            "groups": list(line.support.groups),
            "internal_only": line.support.internal_only,
            "fields": list(line.fields),
            "quote": line.theme.quote,
        }
        for s in complete.personas
        for line in (*s.themes, *s.also_said)
    ]
    conflicts = [
        {
            "persona": names.get(s.persona.key) if s.persona else None,
            "field": c.field,
            "internal_theme": c.internal_theme,
            "internal_groups": list(c.internal_groups),
            "customer_theme": c.customer_theme,
            "customer_groups": list(c.customer_groups),
        }
        for s in complete.personas
        for c in s.conflicts
    ]
    return {
        "generated_at": now.isoformat(),
        "answers": list(facts_for_export(session, team_id=team_id, structured=True)),
        "themes": themes,
        "conflicts": conflicts,
        "digest": json.loads(digest_json(digest or complete)),
    }


def named(rows: Sequence[dict[str, Any]], names: Names | None) -> list[dict[str, Any]]:
    """The rows with ``author_id`` (the Slack user id) and ``author`` as a name when known."""
    ids = sorted({r["author"] for r in rows if _SLACK_USER.match(r["author"])})
    known = names(ids) if names is not None and ids else {}
    return [
        {
            **r,
            "author": known.get(r["author"], r["author"]),
            "author_id": r["author"] if _SLACK_USER.match(r["author"]) else "",
        }
        for r in rows
    ]


def _iso(at: datetime | None) -> str:
    return at.isoformat() if at is not None else ""


def filename(fmt: str, now: datetime) -> str:
    return f"personas-{now:%Y-%m-%d}.{fmt}"


def facts_for_export(
    session: Session, *, team_id: str, structured: bool = False
) -> Sequence[dict[str, Any]]:
    """Evidence rows: one per answer and persona link (``EVIDENCE_COLUMNS``, then
    ``LATER_COLUMNS``); hidden authors (and their workspaces) are left empty; an answer
    whose text retention dropped has empty ``text`` and no job statements. ``structured``
    (JSON) keeps theme keys and job parts as lists; the CSV
    gets theme labels and job sentences joined with " | "."""
    workspace = queries.workspace(session, team_id=team_id)
    names = {
        str(i): n
        for i, n in session.execute(
            select(Persona.id, Persona.name).where(Persona.workspace_id == workspace.id)
        )
    }
    labels = {
        t.key: t.label
        for t in facts.themes(
            session,
            workspace_id=workspace.id,
            keys=set(facts.theme_groups(session, workspace_id=workspace.id).values()),
        ).values()
    }
    answers = {
        i: (t, link, team, expired)
        for i, t, link, team, expired in session.execute(
            select(
                Answer.id, Answer.text, Answer.permalink, Answer.user_team, Answer.expired_at
            ).where(Answer.workspace_id == workspace.id)
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
            "themes": list(f.themes)
            if structured
            else " | ".join(labels.get(k, "") for k in f.themes),
            "jobs": [
                {
                    "situation": j.situation,
                    "motivation": j.motivation,
                    "outcome": j.outcome,
                    "text": j.text,
                }
                for j in f.jobs
            ]
            if structured
            else " | ".join(j.text for j in f.jobs),
            "text": answers[f.answer_id][0],
            "link": answers[f.answer_id][1] or "",
            "user_team": "" if is_hidden(f.author) else answers[f.answer_id][2] or "",
            "expired_at": _iso(answers[f.answer_id][3]),
        }
        for f in rows
    ]
