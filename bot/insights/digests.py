"""The digest of a workspace: its facts read from the database (``bot.insights.facts``),
built by pure synthesis (``bot.insights.synthesis``), and the runs that posted it.

``compose`` works in the calling process with the session it is given; in the server,
``bot.insights.worker`` composes in a separate process instead.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.insights import facts
from bot.insights.synthesis.digest import build_digest
from bot.insights.synthesis.model import Digest
from storage import DigestRun

RATE_WINDOW = timedelta(days=7)
EVERYTHING = 1_000_000
TOP_THEMES = 5  # per field; a persona shows twice as many across fields
TOP_JOBS = 5


def compose(
    *,
    session: Session,
    team_id: str,
    now: datetime,
    since: datetime | None = None,
    locale: str = "en",
    complete: bool = False,
) -> Digest:
    """Everything known for the workspace, read with ``session``, with changes since the
    last posted digest (or since ``since``). ``complete`` keeps every theme and job of each
    persona (for the export) instead of the strongest few."""
    workspace_id = facts.workspace_id(session, team_id=team_id)
    personas = facts.personas(session, workspace_id=workspace_id)
    answers = facts.answer_facts(
        session, workspace_id=workspace_id, persona_keys={p.key for p in personas}
    )
    window_start = since or (now - RATE_WINDOW)
    return build_digest(
        answers=answers,
        themes=facts.themes(
            session, workspace_id=workspace_id, keys={k for a in answers for k in a.themes}
        ),
        personas=personas,
        previous=facts.previous_snapshot(session, workspace_id=workspace_id),
        now=now,
        since=since,
        rates=facts.rates(session, workspace_id=workspace_id, start=window_start, end=now),
        unanswered=facts.unanswered(
            session, workspace_id=workspace_id, start=window_start, end=now
        ),
        locale=locale,
        top_themes=EVERYTHING if complete else TOP_THEMES,
        top_jobs=EVERYTHING if complete else TOP_JOBS,
        rates_since=window_start,
    )


def snapshot_json(digest: Digest) -> dict[str, Any]:
    """What the digest knew, as JSON for ``DigestRun.snapshot``."""
    return {k: dict(v) for k, v in dataclasses.asdict(digest.snapshot).items()}


def latest_run(session: Session, workspace_id: int) -> DigestRun | None:
    return session.scalar(
        select(DigestRun)
        .where(DigestRun.workspace_id == workspace_id)
        .order_by(DigestRun.created_at.desc(), DigestRun.id.desc())
        .limit(1)
    )
