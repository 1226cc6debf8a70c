"""The edge, over real HTTP: each input the issue lists gets a 4xx at once (never a 5xx,
never Slack's 3 s wait), stores nothing, asks Slack for nothing, and the app still answers."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest

from bot.slack import blocks as views
from handlers.app import build_app
from handlers.web import EVENTS_PATH, make_http_server, wsgi_app
from questions import load_bank
from storage import Database
from tests.conftest import SIGNING_SECRET, TEAM, make_settings, say, wait_for
from tests.handlers.edge_kit import (
    FORM,
    JSON,
    block_actions,
    command_form,
    signed,
    signed_form,
    signed_payload,
    stored,
    view_submission,
    writes,
)
from tests.slackfake.driver import Sent, SlackDriver
from tests.slackfake.server import FakeSlack

Send = Callable[[SlackDriver, FakeSlack], Sent]


def _envelope(event: Any) -> bytes:
    body = {"type": "event_callback", "team_id": TEAM, "event_id": "Ev1", "event": event}
    return json.dumps(body).encode()


def _without(form: dict[str, str], *keys: str) -> dict[str, str]:
    return {k: v for k, v in form.items() if k not in keys}


def _action(action_id: str, value: str) -> dict[str, Any]:
    return {"action_id": action_id, "block_id": "b", "type": "button", "value": value}


BAD: dict[str, Send] = {
    "body not JSON": lambda s, f: signed(s, b"hello, app"),
    "truncated JSON": lambda s, f: signed(s, b'{"type": "event_callback", "event": {"ty'),
    "JSON array": lambda s, f: signed(s, b"[1, 2, 3]"),
    "JSON string": lambda s, f: signed(s, b'"event_callback"'),
    "event not an object": lambda s, f: signed(s, _envelope("message")),
    "event a list": lambda s, f: signed(s, _envelope([{"type": "message"}])),
    "command without user_id and team_id": lambda s, f: signed_form(
        s, _without(command_form(f, "help"), "user_id", "team_id")
    ),
    "payload not JSON": lambda s, f: signed_form(s, {"payload": "{not json"}),
    "payload a JSON number": lambda s, f: signed_payload(s, "42"),
    "view_submission with empty state": lambda s, f: signed_payload(
        s,
        {
            **view_submission(views.ANSWER_MODAL),
            "view": {"id": "V1", "type": "modal", "callback_id": views.ANSWER_MODAL, "state": {}},
        },
    ),
    "answer modal, foreign private_metadata": lambda s, f: signed_payload(
        s, view_submission(views.ANSWER_MODAL, metadata="not-ours")
    ),
    "answer modal, missing private_metadata": lambda s, f: signed_payload(
        s, view_submission(views.ANSWER_MODAL)
    ),
    "answer modal, id over the integer": lambda s, f: signed_payload(
        s, view_submission(views.ANSWER_MODAL, metadata="99999999999999999999")
    ),
    "shortcut modal, foreign private_metadata": lambda s, f: signed_payload(
        s, view_submission(views.SHORTCUT_MODAL, metadata="[1, 2]")
    ),
    "job modal, foreign private_metadata": lambda s, f: signed_payload(
        s, view_submission(views.JOB_MODAL, metadata="{broken")
    ),
    "form body not UTF-8": lambda s, f: signed(s, b"payload=%7B%7D&text=\xff\xfe\xfa", FORM),
    "JSON body not UTF-8": lambda s, f: signed(s, b'{"type": "\xc3\x28"}'),
    "actions empty": lambda s, f: signed_payload(s, {**block_actions(f, {}), "actions": []}),
    "block actions without user": lambda s, f: signed_payload(
        s, _without(block_actions(f, _action(views.ANSWER_PRIVATE, "prompt")), "user")
    ),
    "block actions without container": lambda s, f: signed_payload(
        s, _without(block_actions(f, _action(views.ANSWER_PRIVATE, "prompt")), "container")
    ),
    "block actions without trigger_id": lambda s, f: signed_payload(
        s, _without(block_actions(f, _action(views.ANSWER_PRIVATE, "prompt")), "trigger_id")
    ),
    "link value over the integer": lambda s, f: signed_payload(
        s, block_actions(f, _action(views.UNLINK_ANSWER, "9" * 30))
    ),
    "home page not a number": lambda s, f: signed_payload(
        s, block_actions(f, _action(views.HOME_MORE, "next"))
    ),
    "message shortcut without message": lambda s, f: signed_payload(
        s,
        {
            "type": "message_action",
            "callback_id": views.SHORTCUT,
            "trigger_id": SlackDriver.new_trigger_id(),
            "team": {"id": TEAM},
            "user": {"id": "UBOB"},
            "channel": {"id": "CSALES"},
            "response_url": f.response_url(),
        },
    ),
    "1 MB search text": lambda s, f: signed_form(s, command_form(f, "search " + "a" * 1_000_000)),
    "empty body": lambda s, f: signed(s, b""),
}


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_request_is_refused_at_once_and_changes_nothing(
    name: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    before = stored(db)
    fake.clear_calls()
    sent = BAD[name](slack, fake)
    assert sent.status == 400, (sent.status, sent.body)
    assert sent.body.startswith("Bad Request: ")
    assert len(sent.body) < 100  # a short reason, no page
    assert sent.elapsed < 1.0
    assert stored(db) == before
    assert writes(fake) == []
    assert say(slack, fake, "list")  # the app still answers


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=00"}, "malformed"),
        ({"X-Slack-Request-Timestamp": "1", "X-Slack-Signature": "v0=00"}, "stale"),
        ({}, "malformed"),
    ],
)
def test_an_unsigned_request_is_a_401(
    headers: dict[str, str], reason: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    before = stored(db)
    body = json.dumps({"type": "event_callback", "event": {"type": "message"}}).encode()
    sent = slack.raw(body, {"Content-Type": JSON, **headers})
    assert sent.status == 401
    assert reason in sent.body
    assert stored(db) == before


def test_a_wrong_signature_is_a_401_even_for_a_bad_body(slack: SlackDriver) -> None:
    body = b"[not json"
    sent = slack.raw(body, {"Content-Type": JSON, **slack.sign(body, signing_secret="guess")})
    assert (sent.status, sent.body) == (401, "Unauthorized: invalid signature")


def test_a_body_over_the_limit_is_a_413(slack: SlackDriver, fake: FakeSlack, db: Database) -> None:
    before = stored(db)
    sent = signed_form(slack, command_form(fake, "search " + "a" * (4 * 1024 * 1024)))
    assert sent.status == 413
    assert stored(db) == before
    assert say(slack, fake, "list")  # still answers


def test_a_request_from_another_workspace_is_refused(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    before = stored(db)
    fake.clear_calls()
    other = SlackDriver(slack.url, slack.signing_secret, team_id="T0OTHER", fake=fake)
    msg = fake.post_as_user("CSALES", "UALICE", "hello")
    for sent in (
        other.command("create Olivia"),
        other.event(other.message_event(channel="CSALES", user="UALICE", text="x", ts=msg["ts"])),
        signed_payload(slack, view_submission(views.ANSWER_MODAL, metadata="1", team="T0OTHER")),
    ):
        assert (sent.status, sent.body) == (403, "Forbidden: another workspace")
    assert stored(db) == before
    assert writes(fake) == []


def test_admins_listed_in_settings_are_admins_of_the_installed_workspace_only(
    fake: FakeSlack, database_url: str, db: Database
) -> None:
    fake.add_user("UCAROL", "carol")
    settings = make_settings(fake, database_url, PERSONABOT_ADMINS="UCAROL")
    app = wsgi_app(build_app(settings=settings, db=db, bank=load_bank()), db)
    server = make_http_server(app, host="127.0.0.1", port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}{EVENTS_PATH}"
        ours = SlackDriver(url, SIGNING_SECRET, team_id=TEAM, fake=fake)
        theirs = SlackDriver(url, SIGNING_SECRET, team_id="T0OTHER", fake=fake)
        before = stored(db)
        refused = theirs.command("schedule sales tue 10:00", user_id="UCAROL")
        assert (refused.status, stored(db)) == (403, before)
        said = say(ours, fake, "schedule sales tue 10:00", user="UCAROL")
        assert "Only workspace admins" not in said
        assert stored(db) != before
    finally:
        server.shutdown()
        server.server_close()


def test_someone_slack_does_not_know_is_refused_not_apologised_to(
    slack: SlackDriver, fake: FakeSlack
) -> None:
    said = say(slack, fake, "schedule sales tue 10:00", user="UGHOST")
    assert "Only workspace admins" in said


def test_a_link_choice_the_app_cannot_read_gets_a_clear_private_reply(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    before = stored(db)
    sent = signed_payload(slack, block_actions(fake, _action(views.LINK_ANSWER, "1|x")))
    assert sent.status == 200
    assert sent.elapsed < 1.0
    wait_for(lambda: fake.responses)
    assert fake.responses[-1]["text"] == "That choice is not valid."
    assert fake.responses[-1]["response_type"] == "ephemeral"
    assert stored(db) == before
