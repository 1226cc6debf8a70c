"""The persona report and evidence as files: Markdown, HTML, CSV or JSON."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy.orm import Session

from bot.insights.digests import compose, facts_for_export
from bot.insights.render.report import digest_json, evidence_csv, report_html, report_markdown

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
    digest and the evidence together."""
    if fmt == "csv":
        return evidence_csv(facts_for_export(session, team_id=team_id), columns=EVIDENCE_COLUMNS)
    digest = compose(session=session, team_id=team_id, now=now, since=since, locale=locale)
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
