"""The digest worker: digests composed in another process, from what is committed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.insights import worker
from bot.insights.digests import compose
from bot.insights.synthesis.model import Digest
from bot.personas import roster
from storage import Database

TEAM = "T0TEST"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def personas_in(digest: Digest) -> list[str]:
    return [s.persona.name for s in digest.personas if s.persona]


def test_compose_committed_reads_what_is_committed_in_the_worker(
    db: Database, digest_worker: worker.DigestWorker
) -> None:
    with db.session() as session:
        roster.create(session=session, team_id=TEAM, name="Ops lead")
    with db.session() as session:
        roster.create(session=session, team_id=TEAM, name="Buyer")
        session.flush()
        here = compose(session=session, team_id=TEAM, now=NOW)
        there = worker.compose_committed(session=session, team_id=TEAM, now=NOW)
    assert personas_in(here) == ["Buyer", "Ops lead"]
    assert personas_in(there) == ["Ops lead"]  # the worker does not see the open transaction


def test_the_worker_composes_what_compose_does_and_stops(db: Database) -> None:
    with db.session() as session:
        roster.create(session=session, team_id=TEAM, name="Ops lead")
    with db.reading() as session:
        expected = compose(session=session, team_id=TEAM, now=NOW, locale="ko")
    url = db.url.render_as_string(hide_password=False)
    digests = worker.DigestWorker()
    try:
        assert digests.compose(url=url, team_id=TEAM, now=NOW, since=None, locale="ko") == expected
    finally:
        digests.stop()
    with pytest.raises(RuntimeError):
        digests.compose(url=url, team_id=TEAM, now=NOW, since=None, locale="ko")
