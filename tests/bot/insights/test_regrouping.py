"""Regrouping off the acknowledgement path: storing a reply only assigns its claims and
marks the cell; the regroup runs later (clock, digest) and gives the digest a full regroup
gives."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot import clock
from bot.insights import regrouping, worker
from bot.insights.digests import compose
from bot.settings import Settings
from bot.slack.client import make_client
from questions import load_bank
from storage import AnswerFeatures, Database, RegroupMark, Theme
from tests.conftest import TEAM, say
from tests.handlers.test_digest import gather
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

NOW = datetime(2026, 12, 1, tzinfo=UTC)
# The first two share too few words to join one theme when stored; the regroup merges them.
PRICE = [
    (
        "UALICE",
        "The per-seat price is too high for a support team of forty agents on a tight budget.",
    ),
    (
        "UBOB",
        "Price is the problem: the per-seat cost eats the whole tooling budget every renewal.",
    ),
    ("UADMIN", "Onboarding new agents takes weeks before they can answer tickets alone"),
]


def _groups(db: Database) -> tuple[dict[int, str | None], list[tuple[str, int]]]:
    with db.session() as session:
        features = session.scalars(select(AnswerFeatures).order_by(AnswerFeatures.answer_id))
        themes = {t.id: t.group_key for t in session.scalars(select(Theme))}
        answers = {f.answer_id: themes[f.theme_ids[0]] for f in features}
        marks = [(m.language, m.generation) for m in session.scalars(select(RegroupMark))]
    return answers, marks


def test_storing_replies_marks_the_cell_and_the_digest_sees_them_regrouped(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db, PRICE)
    stored, marks = _groups(db)
    first, second, _ = sorted(stored)
    assert marks == [("en", 3)]  # one mark per reply, coalesced in one cell
    assert stored[first] != stored[second]  # not regrouped while stored

    preview = say(slack, fake, "digest preview", user="UALICE")

    assert "2 people" in preview  # the two price replies, one theme in the digest
    regrouped, marks = _groups(db)
    assert marks == []  # the worker's regroup was kept
    assert regrouped[first] == regrouped[second]


def test_the_digest_after_the_deferred_regroup_equals_a_full_regroups(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db, PRICE)
    assert regrouping.regroup_pending(db=db) == 1  # as the clock's tick does
    assert regrouping.regroup_pending(db=db) == 0  # nothing left: coalesced
    with db.session() as session:
        deferred = compose(session=session, team_id=TEAM, now=NOW, complete=True)
    with db.session() as session:
        workspace_id = session.scalars(select(Theme.workspace_id)).first()
        assert workspace_id is not None
        for theme in session.scalars(select(Theme)):  # forget every group, then rebuild all
            theme.group_key, theme.neighbours = str(theme.id), []
        assert regrouping.regroup_all(session=session, workspace_id=workspace_id) == 1
    with db.session() as session:
        full = compose(session=session, team_id=TEAM, now=NOW, complete=True)
    assert deferred == full
    assert any(line.support.people == 2 for line in full.personas[0].themes)


def test_the_clock_tick_regroups_the_marked_cells_in_the_worker(
    slack: SlackDriver, fake: FakeSlack, db: Database, settings: Settings
) -> None:
    gather(slack, fake, db, PRICE)
    assert worker._running is not None  # as in the server: the tick hands the regroup over
    clock.tick(db=db, client=make_client(settings), bank=load_bank(), settings=settings, now=NOW)
    regrouped, marks = _groups(db)
    first, second, _ = sorted(regrouped)
    assert marks == []
    assert regrouped[first] == regrouped[second]
    assert worker.regroup_committed(db=db) == 0  # nothing changed since
