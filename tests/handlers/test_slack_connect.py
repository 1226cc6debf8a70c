"""Slack Connect: in a channel shared with a customer's workspace, an answer from one of
their people is stored under the installing workspace, in the channel's group, with the
author's own workspace kept (``answers.user_team``) and shown in the exports."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from sqlalchemy import select

from bot.slack import blocks as views
from storage import Answer, Database, Prompt, Workspace
from tests.conftest import TEAM, say, wait_for
from tests.handlers.test_interactions import chosen, opened, submit, typed
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

ACME = "T0ACME"  # the customer's workspace, on the other side of the shared channel


@pytest.fixture
def shared(slack: SlackDriver, fake: FakeSlack, db: Database) -> Prompt:
    """#acme-shared (a Slack Connect channel) mapped to customers, with a question in it."""
    fake.add_channel("CACME", "acme-shared", is_member=True)
    fake.add_user("UEXT", "carol")  # Carol works at Acme
    assert "customers" in say(slack, fake, "channel <#CACME|acme-shared> customers")
    say(slack, fake, "ask <#CACME|acme-shared> What slows your team down?")
    with db.session() as session:
        prompt = session.scalars(select(Prompt)).one()
        session.expunge(prompt)
        return prompt


Row = tuple[str, str, str | None, str | None, str]


def when(db: Database, count: int) -> list[Row]:
    """The answers, once there are ``count`` (they are stored after the ack)."""
    return wait_for(lambda: answers(db) if len(answers(db)) == count else None)


def answers(db: Database) -> list[Row]:
    with db.session() as session:
        rows = session.execute(
            select(Answer.user_id, Answer.text, Answer.group, Answer.user_team, Workspace.team_id)
            .join(Workspace, Workspace.id == Answer.workspace_id)
            .order_by(Answer.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_a_thread_reply_from_another_workspace_keeps_its_authors_team(
    slack: SlackDriver, fake: FakeSlack, db: Database, shared: Prompt
) -> None:
    _, sent = slack.user_says(
        "CACME", "UEXT", "Onboarding takes weeks", thread_ts=shared.ts, user_team=ACME
    )
    assert sent.status == 200
    slack.user_says("CACME", "UALICE", "Our macros are scattered", thread_ts=shared.ts)
    stored = when(db, 2)
    assert stored == [
        ("UEXT", "Onboarding takes weeks", "customers", ACME, TEAM),
        ("UALICE", "Our macros are scattered", "customers", None, TEAM),
    ]
    with db.session() as session:  # no workspace row for the customer's side
        assert session.scalars(select(Workspace.team_id)).all() == [TEAM]

    say(slack, fake, "export csv")
    [upload] = wait_for(lambda: fake.uploaded_files)
    rows = list(csv.DictReader(io.StringIO(upload["bytes"].decode("utf-8-sig"))))
    assert {r["author_id"]: r["user_team"] for r in rows} == {"UEXT": ACME, "UALICE": ""}


def test_a_private_answer_from_another_workspace_keeps_its_authors_team(
    slack: SlackDriver, fake: FakeSlack, db: Database, shared: Prompt
) -> None:
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM},  # the workspace the app (and the question) belongs to
        "user": {"id": "UEXT", "team_id": ACME},
        "trigger_id": slack.new_trigger_id(),
        "response_url": fake.response_url(),
        "container": {"type": "message", "channel_id": "CACME", "message_ts": shared.ts},
        "channel": {"id": "CACME"},
        "actions": [{"action_id": views.ANSWER_PRIVATE, "block_id": "b", "type": "button"}],
    }
    assert slack.interaction(payload).status == 200
    modal = opened(fake, views.ANSWER_MODAL)
    state = {"values": {views.ANSWER_BLOCK: typed("Pricing confuses us")}}
    sent = {  # the modal was opened in Carol's own workspace: Slack names ours in the view
        "type": "view_submission",
        "team": {"id": ACME},
        "user": {"id": "UEXT", "team_id": ACME},
        "view": {**modal, "state": state, "team_id": ACME, "app_installed_team_id": TEAM},
    }
    assert slack.interaction(sent).status == 200
    assert when(db, 1) == [("UEXT", "Pricing confuses us", "customers", ACME, TEAM)]
    with db.session() as session:  # no workspace row for the customer's side
        assert session.scalars(select(Workspace.team_id)).all() == [TEAM]
    # a person of the installing workspace: no team kept
    submit(slack, {**modal, "id": "V2"}, {views.ANSWER_BLOCK: typed("Me too")}, user="UALICE")
    assert [a[3] for a in when(db, 2)] == [ACME, None]


def test_the_shortcut_on_a_message_from_another_workspace_keeps_its_authors_team(
    slack: SlackDriver, fake: FakeSlack, db: Database, shared: Prompt
) -> None:
    message: dict[str, Any] = fake.post_as_user("CACME", "UEXT", "We export to CSV weekly")
    message |= {"team": ACME, "user_team": ACME, "source_team": ACME}  # as Slack shows it
    payload = {
        "type": "message_action",
        "callback_id": views.SHORTCUT,
        "trigger_id": slack.new_trigger_id(),
        "team": {"id": TEAM},
        "user": {"id": "UADMIN", "team_id": TEAM},
        "channel": {"id": "CACME"},
        "message": message,
        "response_url": fake.response_url(),
    }
    assert slack.interaction(payload).status == 200
    modal = opened(fake, views.SHORTCUT_MODAL)
    submit(slack, modal, {views.FIELD_BLOCK: chosen("field", "information_sources")}, user="UADMIN")
    assert when(db, 1) == [("UEXT", "We export to CSV weekly", "customers", ACME, TEAM)]


def test_a_reply_in_a_channel_the_other_workspace_created_is_stored_here(
    slack: SlackDriver, fake: FakeSlack, db: Database, shared: Prompt
) -> None:
    """Acme created the shared channel: Slack's envelope then names Acme in ``team_id``, and
    the installing workspace only in ``authorizations``."""
    message = fake.post_as_user("CACME", "UEXT", "Reports take a day", thread_ts=shared.ts)
    event = slack.message_event(
        channel="CACME",
        user="UEXT",
        text=message["text"],
        ts=message["ts"],
        thread_ts=shared.ts,
        user_team=ACME,
    )
    assert slack.event(event, team_id=ACME).status == 200
    assert when(db, 1) == [("UEXT", "Reports take a day", "customers", ACME, TEAM)]
