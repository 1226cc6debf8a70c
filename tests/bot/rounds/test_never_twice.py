"""Slack failing after it acted: chat.postMessage posts, then answers 503. The retry finds
the tagged copy instead of posting again: a prompt, a reminder or a digest appears once,
and replies in its thread are captured."""

from __future__ import annotations

from datetime import timedelta

import pytest
from slack_sdk import WebClient
from sqlalchemy import select

from bot.capture.replies import record_message
from bot.insights.publishing import post_digest
from bot.settings import Settings
from bot.slack import once
from questions import Bank
from storage import Answer, Database, Round, queries
from tests.bot.test_clock import TEAM, bank, client, prompts, seoul, setup, tick
from tests.slackfake.server import FakeSlack

__all__ = ["bank", "client"]  # fixtures


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(once, "BACKOFF", (0.01, 0.01, 0.01, 0.01))


def test_a_prompt_slack_posted_before_its_503_is_not_posted_again(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    setup(db, "tue 10:00")
    fake.fail_next("chat.postMessage", status=503, after_acting=True)
    tick(db, client, bank, settings, seoul(24, 10))
    [message] = fake.messages("CSALES")
    [prompt] = prompts(db)
    assert prompt.ts == message["ts"]
    with db.session() as session:
        assert [r.status for r in session.scalars(select(Round))] == ["posted"]

    reply = fake.post_as_user("CSALES", "UALICE", "Setup takes weeks", thread_ts=message["ts"])
    with db.session() as session:
        record_message(
            session=session,
            team_id=TEAM,
            event_id="EvR",
            bot_user_id="UBOT",
            event={"type": "message", "channel": "CSALES", **reply},
            bank=bank,
        )
    with db.session() as session:
        assert [a.text for a in session.scalars(select(Answer))] == ["Setup takes weeks"]


def test_a_round_slack_never_confirmed_is_found_on_its_retry(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    setup(db, "tue 10:00")
    fake.fail_next("chat.postMessage", status=503, after_acting=True)
    fake.fail_next("conversations.history", status=503, times=once.ATTEMPTS)
    tick(db, client, bank, settings, seoul(24, 10))
    assert prompts(db) == []  # Slack could not say: the round waits for its retry
    with db.session() as session:
        assert [r.status for r in session.scalars(select(Round))] == ["retry"]
    tick(db, client, bank, settings, seoul(24, 10) + timedelta(minutes=2))
    [message] = fake.messages("CSALES")
    [prompt] = prompts(db)
    assert prompt.ts == message["ts"]


def test_a_reminder_is_posted_once(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    setup(db, "tue 10:00", remind="4h", close="1d", wanted="2")
    tick(db, client, bank, settings, seoul(24, 10))
    [prompt] = prompts(db)
    fake.fail_next("chat.postMessage", status=503, after_acting=True)
    tick(db, client, bank, settings, seoul(24, 14))
    assert len(fake.replies("CSALES", prompt.ts)[1:]) == 1


def test_a_digest_is_posted_once(db: Database, fake: FakeSlack, client: WebClient) -> None:
    fake.add_channel("CDIGEST", "persona-digest", is_member=True)
    with db.session() as session:
        queries.workspace(session, team_id=TEAM)
    fake.fail_next("chat.postMessage", status=500, after_acting=True)
    ts = post_digest(
        db=db, client=client, team_id=TEAM, channel="CDIGEST", now=seoul(24, 9), locale="en"
    )
    [message] = fake.messages("CDIGEST")
    assert message["ts"] == ts
