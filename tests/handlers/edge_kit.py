"""Shared by the edge tests: signed raw requests, what is stored, what Slack was asked."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import func, select

from storage import Database
from storage.models import Base
from tests.conftest import TEAM
from tests.slackfake.driver import Sent, SlackDriver
from tests.slackfake.server import FakeSlack

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
# Web API methods that change something in Slack (reads such as users.info do not count).
WRITES = ("chat.", "views.", "reactions.", "conversations.join", "files.")


def signed(slack: SlackDriver, body: bytes, content_type: str = JSON) -> Sent:
    return slack.raw(body, {"Content-Type": content_type, **slack.sign(body)})


def signed_form(slack: SlackDriver, form: dict[str, str]) -> Sent:
    return signed(slack, urlencode(form).encode(), FORM)


def signed_payload(slack: SlackDriver, payload: Any) -> Sent:
    raw = payload if isinstance(payload, str) else json.dumps(payload)
    return signed_form(slack, {"payload": raw})


def stored(db: Database) -> dict[str, int]:
    """Rows per table."""
    with db.session() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def writes(fake: FakeSlack) -> list[str]:
    """The Web API calls that changed something, and the replies sent to response URLs."""
    called = [c.method for c in fake.calls if c.method.startswith(WRITES)]
    return called + ["response_url"] * len(fake.responses)


def command_form(fake: FakeSlack, text: str, **extra: str) -> dict[str, str]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM,
        "team_domain": "test",
        "channel_id": "CSALES",
        "channel_name": "sales-team",
        "user_id": "UADMIN",
        "user_name": "admin",
        "command": "/persona",
        "text": text,
        "api_app_id": "A0TEST",
        "response_url": fake.response_url(),
        "trigger_id": SlackDriver.new_trigger_id(),
        **extra,
    }


def block_actions(fake: FakeSlack, action: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": "UBOB"},
        "api_app_id": "A0TEST",
        "trigger_id": SlackDriver.new_trigger_id(),
        "response_url": fake.response_url(),
        "container": {"type": "message", "channel_id": "CSALES", "message_ts": "1700000000.000100"},
        "channel": {"id": "CSALES"},
        "actions": [action],
        **extra,
    }


def view_submission(
    callback_id: str, *, metadata: str = "", values: Any = None, team: str = TEAM
) -> dict[str, Any]:
    return {
        "type": "view_submission",
        "team": {"id": team},
        "user": {"id": "UBOB"},
        "view": {
            "id": "V0FORGED",
            "type": "modal",
            "callback_id": callback_id,
            "private_metadata": metadata,
            "state": {"values": {} if values is None else values},
            "blocks": [],
        },
    }
