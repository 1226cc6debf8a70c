"""The digest of a workspace: its facts read from the database (``bot.insights.facts``),
built by pure synthesis (``bot.insights.synthesis``), and the runs that posted it.

``compose`` works in the calling process with the session it is given; in the server,
``bot.insights.worker`` composes in a separate process instead.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session

from bot.insights import facts
from bot.insights.synthesis.digest import build_digest
from bot.insights.synthesis.model import Digest
from storage import Answer, AnswerFeatures, DigestRun

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
    persona (for the export) instead of the strongest few. Theme cells changed since they
    were last regrouped are regrouped first, in ``session``'s transaction, unless it is a
    reading session (``Database.reading``): that one shows the groups as the last regroup
    left them (the clock's tick regroups every few seconds), and never writes."""
    workspace_id = facts.workspace_id(session, team_id=team_id)
    reading = bool(session.info.get("reading"))
    if not reading and facts.regroup_marked(session, workspace_id=workspace_id):
        # imported here: a digest with nothing to regroup loads no scikit-learn
        from bot.insights import regrouping

        regrouping.regroup_marked(session=session, workspace_id=workspace_id)
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


def forget_jobs(session: Session, *, workspace_id: int, keys: Iterable[str]) -> None:
    """A deleted answer's job keys (made of its words) taken out of every digest snapshot of
    the workspace, unless another answer still states the same job. Call after its
    features are gone; the caller commits."""
    gone = {key for key in keys if not _still_stated(session, workspace_id, key)}
    if not gone:
        return
    runs = session.scalars(
        select(DigestRun).where(
            DigestRun.workspace_id == workspace_id, DigestRun.snapshot.is_not(None)
        )
    )
    for run in runs:
        snapshot = dict(run.snapshot or {})
        jobs = dict(snapshot.get("jobs") or {})
        kept = {k: n for k, n in jobs.items() if k.partition("|")[2] not in gone}
        if kept != jobs:
            run.snapshot = {**snapshot, "jobs": kept}  # a new value, so the JSON is written


def _still_stated(session: Session, workspace_id: int, key: str) -> bool:
    # Narrowed in SQL by the key as JSON writes it, then checked exactly; if the encodings
    # ever differ the key is forgotten, which errs on the side of the person who deleted.
    rows = session.scalars(
        select(AnswerFeatures.jobs)
        .join(Answer, Answer.id == AnswerFeatures.answer_id)
        .where(
            Answer.workspace_id == workspace_id,
            Answer.deleted_at.is_(None),
            cast(AnswerFeatures.jobs, Text).contains(json.dumps(key), autoescape=True),
        )
    )
    return any(job.get("key") == key for jobs in rows for job in jobs or [])
