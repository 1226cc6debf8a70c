"""The edge in Socket Mode: a request it refuses is acknowledged (so Slack does not deliver
it again) and never reaches a listener; a good one is dispatched as before."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse

from bot.settings import Settings
from handlers.app import build_app
from handlers.socket_mode import CheckedSocketModeHandler
from questions import load_bank
from storage import Database
from tests.conftest import TEAM, wait_for
from tests.handlers.edge_kit import command_form, stored
from tests.slackfake.server import FakeSlack


class Connection:
    """Stands in for the WebSocket: records what the handler sends back."""

    def __init__(self) -> None:
        self.sent: list[SocketModeResponse] = []
        self.logger = logging.getLogger("test.socket")

    def send_socket_mode_response(self, response: SocketModeResponse) -> None:
        self.sent.append(response)


def _handler(settings: Settings, db: Database) -> CheckedSocketModeHandler:
    app = build_app(settings=settings, db=db, bank=load_bank())
    return CheckedSocketModeHandler(app, "xapp-test", web_client=app.client)


def _send(handler: CheckedSocketModeHandler, kind: str, payload: Any) -> Connection:
    connection = Connection()
    request = SocketModeRequest(type=kind, envelope_id="env-1", payload=payload)
    handler.handle(connection, request)  # type: ignore[arg-type]
    return connection


def test_a_malformed_socket_mode_request_is_acked_and_dropped(
    settings: Settings, db: Database, fake: FakeSlack
) -> None:
    handler = _handler(settings, db)
    before = stored(db)
    for kind, payload in [
        ("events_api", {"type": "event_callback", "team_id": TEAM, "event": "message"}),
        ("slash_commands", {"command": "/persona", "text": "create Olivia"}),
        ("interactive", {"type": "block_actions", "team": {"id": TEAM}, "actions": []}),
        ("slash_commands", command_form(fake, "create Olivia", team_id="T0OTHER")),
    ]:
        connection = _send(handler, kind, payload)
        assert [r.envelope_id for r in connection.sent] == ["env-1"]
        assert connection.sent[0].payload is None
    assert stored(db) == before
    assert fake.responses == []


def test_a_good_socket_mode_request_is_dispatched(
    settings: Settings, db: Database, fake: FakeSlack
) -> None:
    handler = _handler(settings, db)
    connection = _send(handler, "slash_commands", command_form(fake, "create Olivia"))
    assert [r.envelope_id for r in connection.sent] == ["env-1"]
    wait_for(lambda: fake.responses)
    assert "Olivia" in fake.responses[-1]["text"]
