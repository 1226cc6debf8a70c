"""Retention: answer text older than a workspace's ``retention_days`` is dropped once a day;
the themes and counts it supported stay, without its quotes; unset, nothing changes."""

from __future__ import annotations

import csv
import io
import json
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.capture import importing
from bot.insights import exports
from bot.insights.digests import compose
from bot.insights.render.report import report_html, report_markdown
from bot.insights.synthesis.model import Digest
from bot.personal import retention
from questions import Bank, load_bank
from storage import (
    Answer,
    AnswerFeatures,
    AnswerRevision,
    Database,
    DigestRun,
    Sweep,
    Workspace,
    queries,
)

TEAM = "T0TEST"
NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
OLD, NEW = "2026-08-03", "2026-11-30"  # 122 and 3 days before NOW
JOB = (
    "When I onboard a new support agent, I want to find every macro in one place, "
    "so I can answer tickets alone in the first week."
)
# (author, group, date, text): the onboarding claim is made by two people whose text will
# expire and one whose text is kept; the job statement's text expires.
ROWS = (
    ("UOLD1", "sales", OLD, "Onboarding a new agent takes weeks because our macros are scattered."),
    ("UOLD2", "customers", OLD, "Onboarding new agents takes weeks, the macros are scattered."),
    ("UNEW1", "customers", NEW, "Onboarding takes weeks since the macros are scattered around."),
    ("UOLD3", "customers", OLD, JOB),
    ("UNEW2", "sales", NEW, "The per-seat price is too expensive for our support budget."),
    ("UNEW3", "marketing", NEW, "Per-seat pricing is too expensive for a support team budget."),
)
OLD_TEXTS = [text for _, _, day, text in ROWS if day == OLD]
NEW_TEXTS = [text for _, _, day, text in ROWS if day == NEW]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def load(db: Database, bank: Bank) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["author", "group", "date", "text", "persona", "field"])
    for author, group, day, text in ROWS:
        writer.writerow([author, group, day, text, "Ops Olivia", "pains"])
    rows, problems = importing.parse(out.getvalue(), name="answers.csv")
    assert problems == []
    with db.session() as session:
        importing.store(session=session, team_id=TEAM, rows=rows, problems=problems, bank=bank)
        for answer in session.scalars(select(Answer)):  # each was edited once
            answer.revisions.append(AnswerRevision(text=f"first draft of {answer.user_id}"))


def keep_for(db: Database, days: int | None) -> None:
    with db.session() as session:
        queries.workspace(session, team_id=TEAM).retention_days = days


def stored(db: Database) -> dict[str, tuple[Answer, AnswerFeatures, list[str]]]:
    """Each author's answer, its features and its revisions' texts."""
    with db.session() as session:
        found = {}
        for answer in session.scalars(select(Answer)):
            features = session.get(AnswerFeatures, answer.id)
            assert features is not None
            found[answer.user_id] = (answer, features, [r.text for r in answer.revisions])
        session.expunge_all()
        return found


def digest(db: Database, now: datetime = NOW) -> Digest:
    with db.reading() as session:
        return compose(session=session, team_id=TEAM, now=now, complete=True)


def themes_and_counts(found: Digest) -> list[tuple[str | None, str, int, tuple[str, ...]]]:
    return sorted(
        (s.persona.name if s.persona else None, line.theme.key, line.support.people, line.fields)
        for s in found.personas
        for line in (*s.themes, *s.also_said)
    )


def everything_shown(db: Database, found: Digest) -> tuple[str, dict[str, Any]]:
    """The digest as Markdown and HTML, and the CSV and JSON exports, as one text; and the
    JSON export."""
    with db.reading() as session:
        table, data = (
            exports.render(session=session, team_id=TEAM, fmt=fmt, locale="en", now=NOW)
            for fmt in ("csv", "json")
        )
    text = "\n".join([report_markdown(found, locale="en"), report_html(found, locale="en")])
    return "\n".join([text, table, data]), json.loads(data)


def test_old_answer_text_is_dropped_once_and_the_themes_and_counts_stay(
    db: Database, bank: Bank
) -> None:
    load(db, bank)
    keep_for(db, 30)
    before, shown_before = stored(db), digest(db)
    assert any(job.support.people for s in shown_before.personas for job in s.jobs)

    assert retention.sweep_due(db=db, now=NOW) == len(OLD_TEXTS)

    after = stored(db)
    for author, (answer, features, revisions) in after.items():
        old_answer, old_features, old_revisions = before[author]
        terms = [(c["language"], c["terms"], c["theme"]) for c in old_features.claims]
        assert [(c["language"], c["terms"], c["theme"]) for c in features.claims] == terms
        assert features.theme_ids == old_features.theme_ids
        if old_answer.answered_at < NOW - timedelta(days=30):
            assert (answer.text, revisions, features.jobs) == ("", [], [])
            assert answer.expired_at == NOW
            assert all("text" not in claim for claim in features.claims)
        else:  # newer than 30 days: untouched
            kept = (old_answer.text, old_revisions, None)
            assert (answer.text, revisions, answer.expired_at) == kept
            assert features.claims == old_features.claims
            assert features.jobs == old_features.jobs

    shown = digest(db)
    assert themes_and_counts(shown) == themes_and_counts(shown_before)
    assert shown.answers == shown_before.answers
    assert shown.people == shown_before.people
    assert not any(s.jobs for s in shown.personas)  # the only job was in expired words
    text, data = everything_shown(db, shown)
    for old in OLD_TEXTS:
        assert old not in text
        assert "macro in one place" not in text
    for author, *_ in ROWS:
        assert f"first draft of {author}" not in text
    quotes = [line.theme.quote for s in shown.personas for line in (*s.themes, *s.also_said)]
    assert quotes
    assert set(quotes) <= set(NEW_TEXTS)
    evidence = data["answers"]
    expired = {row["text"] for row in evidence if row["expired_at"]}
    assert expired == {""}
    assert len([r for r in evidence if r["expired_at"]]) == len(OLD_TEXTS)

    # once a day: the same day again does nothing; nor does the next (nothing is old enough)
    assert retention.sweep_due(db=db, now=NOW + timedelta(hours=5)) == 0
    assert retention.sweep_due(db=db, now=NOW + timedelta(days=1)) == 0
    with db.session() as session:
        rows = session.scalars(select(Sweep).order_by(Sweep.id))
        sweeps = [(s.day, s.status, s.count) for s in rows]
    assert sweeps == [("2026-12-03", "done", 3), ("2026-12-04", "done", 0)]


def test_a_theme_whose_every_quote_expired_is_shown_without_one(db: Database, bank: Bank) -> None:
    load(db, bank)
    keep_for(db, 1)
    shown_before = digest(db)
    assert retention.sweep_due(db=db, now=NOW + timedelta(days=10)) == len(ROWS)
    shown = digest(db)
    assert themes_and_counts(shown) == themes_and_counts(shown_before)
    lines = [line for s in shown.personas for line in (*s.themes, *s.also_said)]
    assert lines
    assert all(line.theme.quote == "" for line in lines)
    text, _ = everything_shown(db, shown)  # renders: no crash, no quote, the labels stay
    assert all(line.theme.label in text for line in lines if line.theme.label)
    for _, _, _, said in ROWS:
        assert said not in text


def test_nothing_changes_while_retention_is_unset(db: Database, bank: Bank) -> None:
    load(db, bank)
    before = stored(db)
    assert retention.sweep_due(db=db, now=NOW + timedelta(days=3650)) == 0
    after = stored(db)
    assert {a: (r[0].text, r[1].claims, r[2]) for a, r in after.items()} == {
        a: (r[0].text, r[1].claims, r[2]) for a, r in before.items()
    }
    with db.session() as session:
        assert session.scalars(select(Sweep)).all() == []


def test_the_job_keys_of_expired_answers_leave_stored_digest_snapshots(
    db: Database, bank: Bank
) -> None:
    load(db, bank)
    job_keys = [j["key"] for _, f, _ in stored(db).values() for j in f.jobs]
    assert job_keys
    with db.session() as session:
        workspace_id = queries.workspace(session, team_id=TEAM).id
        jobs = {f"p|{key}": 1 for key in job_keys}
        session.add(
            DigestRun(
                workspace_id=workspace_id,
                due_at=NOW - timedelta(days=7),
                status="posted",
                snapshot={"themes": {"p|1": 2}, "jobs": jobs, "fields": {}},
            )
        )
    keep_for(db, 30)
    retention.sweep_due(db=db, now=NOW)
    with db.session() as session:
        [run] = session.scalars(select(DigestRun)).all()
        assert run.snapshot == {"themes": {"p|1": 2}, "jobs": {}, "fields": {}}


def test_two_processes_sweeping_at_once_drop_the_text_once(
    db: Database, database_url: str, bank: Bank
) -> None:
    load(db, bank)
    keep_for(db, 30)
    start = threading.Barrier(2)
    results: list[Any] = []

    def process() -> None:
        own = Database(database_url)  # its own engine and connections, as another process
        try:
            start.wait()
            results.append(retention.sweep_due(db=own, now=NOW))
        except Exception as error:  # pragma: no cover - shown by the assertion below
            results.append(error)
        finally:
            own.dispose()

    workers = [threading.Thread(target=process) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert sorted(results) == [0, len(OLD_TEXTS)]
    with db.session() as session:
        [sweep] = session.scalars(select(Sweep)).all()
        assert (sweep.status, sweep.count, sweep.kind) == ("done", len(OLD_TEXTS), "retention")
        assert sweep.claimed_by
        expired = session.scalars(select(Answer.expired_at).where(Answer.text == "")).all()
        assert expired == [NOW] * len(OLD_TEXTS)


def test_only_the_workspace_that_sets_it_is_swept(db: Database, bank: Bank) -> None:
    load(db, bank)
    with db.session() as session:
        other = Workspace(team_id="T0OTHER", retention_days=1)
        session.add(other)
    assert retention.sweep_due(db=db, now=NOW) == 0  # T0OTHER has no answers; T0TEST keeps all
    with db.session() as session:
        sweeps = [(s.workspace_id, s.count) for s in session.scalars(select(Sweep))]
        mine = queries.workspace(session, team_id=TEAM)
        assert mine.retention_days is None
        assert all(w != mine.id for w, _ in sweeps)
    assert all(a.text for a, _, _ in stored(db).values())
