"""Retention: a workspace that sets ``retention_days`` (Setup: "Keep answer text for N
days") keeps what people said for that long; older answer text is then dropped, once a day.

What an expired answer keeps and loses:

- kept: the row (author, group, time, permalink, persona links), so counts, people and
  groups stay right; each claim's ``terms`` (content words, as lemmas or stems), ``language``
  and ``theme`` id, and ``theme_ids``, so the themes it supports still count it.
- dropped: its text and every earlier revision; the ``text`` of each claim (the quote);
  its job statements, whose situation, motivation and outcome are the person's own words
  (a job's key, also made of those words, leaves the stored digest snapshots unless a
  kept answer states the same job). A theme whose representative answer expired is quoted
  from a kept member, or shown without a quote.

The clock calls ``sweep_due`` on every tick; each workspace's sweep runs once a day (UTC),
claimed first in ``sweeps`` (unique per workspace, kind and day), so one process runs it
however many tick. A sweep that fails is logged and marked failed; the next day's catches
up (the cut-off is relative to that day). Uninstalled workspaces are swept too: their
data stays until it is deleted, and the promise about old text holds meanwhile.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import Session

from bot.insights.digests import forget_jobs
from storage import Answer, AnswerFeatures, AnswerRevision, Database, Sweep, Workspace, queries

log = logging.getLogger("personabot")

KIND = "retention"
DAYS_RANGE = (1, 3650)  # what Setup accepts
BATCH = 500  # answers per transaction
OWNER = f"{socket.gethostname()}:{os.getpid()}"


def sweep_due(*, db: Database, now: datetime) -> int:
    """Run today's retention sweep of every workspace that keeps answer text for a limited
    time and has not been swept today; returns how many answers lost their text here."""
    day = now.astimezone(UTC).date().isoformat()
    with db.reading() as session:
        due = session.execute(
            select(Workspace.id, Workspace.retention_days).where(
                Workspace.retention_days.is_not(None),
                ~exists().where(
                    Sweep.workspace_id == Workspace.id, Sweep.kind == KIND, Sweep.day == day
                ),
            )
        ).all()
    total = 0
    for workspace_id, days in due:
        if days is None or days < 1:
            continue  # only Setup sets it, within DAYS_RANGE
        sweep_id = _claim(db, workspace_id=workspace_id, day=day, now=now)
        if sweep_id is None:
            continue  # another process has it
        try:
            count = expire_all(
                db=db, workspace_id=workspace_id, before=now - timedelta(days=days), now=now
            )
        except Exception:
            log.exception("retention sweep of workspace %s failed; tomorrow's tries", workspace_id)
            _finish(db, sweep_id=sweep_id, status="failed", count=0)
            continue
        _finish(db, sweep_id=sweep_id, status="done", count=count)
        total += count
    return total


def expire_all(*, db: Database, workspace_id: int, before: datetime, now: datetime) -> int:
    """Drop the text of every answer of the workspace given before ``before``, a batch per
    transaction; returns how many."""
    total = 0
    while True:
        with db.session() as session:
            done = expire_answers(
                session=session, workspace_id=workspace_id, before=before, now=now, limit=BATCH
            )
        total += done
        if done < BATCH:
            return total


def expire_answers(
    *, session: Session, workspace_id: int, before: datetime, now: datetime, limit: int = BATCH
) -> int:
    """Drop the text (and revisions, claim quotes and job statements) of at most ``limit``
    answers of the workspace given before ``before`` that still have it; returns how many.
    Deleted answers have no text left to drop. The caller commits."""
    ids = list(
        session.scalars(
            select(Answer.id)
            .where(
                Answer.workspace_id == workspace_id,
                Answer.answered_at < before,
                Answer.expired_at.is_(None),
                Answer.deleted_at.is_(None),
            )
            .order_by(Answer.id)
            .limit(limit)
        )
    )
    if not ids:
        return 0
    job_keys: set[str] = set()
    rows = session.scalars(select(AnswerFeatures).where(AnswerFeatures.answer_id.in_(ids)))
    for features in rows:
        job_keys |= {str(job.get("key")) for job in features.jobs or []}
        features.claims = [
            {k: v for k, v in claim.items() if k != "text"} for claim in features.claims or []
        ]
        features.jobs = []
    session.execute(delete(AnswerRevision).where(AnswerRevision.answer_id.in_(ids)))
    session.execute(
        update(Answer).where(Answer.id.in_(ids)).values(text="", expired_at=now),
        execution_options={"synchronize_session": False},
    )
    session.flush()
    session.expire_all()  # rows loaded before see the text gone
    forget_jobs(session, workspace_id=workspace_id, keys=job_keys)
    return len(ids)


def _claim(db: Database, *, workspace_id: int, day: str, now: datetime) -> int | None:
    """Today's sweep of the workspace, claimed in its own transaction; None when another
    process claimed it first (the unique constraint decides)."""
    with db.session() as session:
        sweep = Sweep(
            workspace_id=workspace_id,
            kind=KIND,
            day=day,
            status="claimed",
            count=0,
            claimed_at=now,
            claimed_by=OWNER,
        )
        if not queries.add_unique(session, sweep):
            return None
        session.flush()
        return sweep.id


def _finish(db: Database, *, sweep_id: int, status: str, count: int) -> None:
    with db.session() as session:
        sweep = session.get(Sweep, sweep_id)
        if sweep is not None:
            sweep.status, sweep.count, sweep.finished_at = status, count, datetime.now(UTC)
