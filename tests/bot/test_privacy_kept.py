"""Privacy that must outlive what it hangs on: an anonymous question stays anonymous after
its schedule is removed, and a deleted answer's words leave every derived table and the
digest snapshots."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import select

from bot.capture.replies import record_message
from bot.insights.digests import compose, snapshot_json
from bot.insights.exports import facts_for_export
from bot.rounds import schedules
from bot.settings import Settings
from questions import Bank
from storage import Answer, AnswerFeatures, Database, DigestRun, Theme, Workspace
from tests.bot.test_clock import TEAM, bank, client, prompts, seoul, setup, tick
from tests.slackfake.server import FakeSlack

__all__ = ["bank", "client"]  # fixtures


def store(db: Database, bank: Bank, event: dict[str, Any], event_id: str) -> None:
    with db.session() as session:
        record_message(
            session=session,
            team_id=TEAM,
            event_id=event_id,
            bot_user_id="UBOT",
            event={"type": "message", "channel": "CSALES", **event},
            bank=bank,
        )


def test_an_anonymous_question_stays_anonymous_after_its_schedule_is_removed(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    setup(db, "tue 10:00", anonymous="yes")
    tick(db, client, bank, settings, seoul(24, 10))
    [prompt] = prompts(db)
    with db.session() as session:
        assert schedules.remove(session=session, team_id=TEAM, group="sales")
    reply = fake.post_as_user("CSALES", "UALICE", "Renewals stall on budget", thread_ts=prompt.ts)
    store(db, bank, reply, "EvAFTER")
    with db.session() as session:
        [answer] = session.scalars(select(Answer))
        assert answer.anonymous is True
        rows = facts_for_export(session, team_id=TEAM, structured=True)
    assert [r["author"] for r in rows] == [""]
    assert "UALICE" not in json.dumps(rows, default=str)


JOB = "When a renewal comes up, I want to see every open ticket so I can argue for the budget."


def test_a_deleted_answer_leaves_no_words_in_snapshots_features_or_themes(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    setup(db, "tue 10:00")
    tick(db, client, bank, settings, seoul(24, 10))
    [prompt] = prompts(db)
    reply = fake.post_as_user("CSALES", "UBOB", JOB, thread_ts=prompt.ts)
    store(db, bank, reply, "EvJOB")
    with db.session() as session:
        digest = compose(session=session, team_id=TEAM, now=seoul(25, 10))
        workspace = session.scalars(select(Workspace)).one()
        session.add(
            DigestRun(
                workspace_id=workspace.id,
                due_at=seoul(25, 10),
                status="posted",
                snapshot=snapshot_json(digest),
            )
        )
    with db.session() as session:
        [before] = session.scalars(select(DigestRun.snapshot))
    assert "renewal" in json.dumps(before)  # the job key is made of the answer's words

    deleted = {
        "subtype": "message_deleted",
        "deleted_ts": reply["ts"],
        "ts": fake.next_ts(),
        "previous_message": {**reply},
    }
    store(db, bank, deleted, "EvDELETE")

    with db.session() as session:
        [after] = session.scalars(select(DigestRun.snapshot))
        [answer] = session.scalars(select(Answer))
        features = session.scalars(select(AnswerFeatures)).all()
        themes = [(t.label, t.state) for t in session.scalars(select(Theme))]
    assert answer.text == ""
    assert answer.deleted_at is not None
    assert features == []
    for words in ("renewal", "ticket", "budget"):
        assert words not in json.dumps(after)
        assert words not in json.dumps(themes)
    assert after is not None
    assert after["jobs"] == {}
