"""Socket Mode with the edge in front: Bolt's handler, except that a request the edge refuses
(``handlers.edge``) is acknowledged (so Slack does not deliver it again) and never dispatched."""

from __future__ import annotations

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse

from handlers import edge


class CheckedSocketModeHandler(SocketModeHandler):
    def handle(self, connection: BaseSocketModeClient, req: SocketModeRequest) -> None:
        if edge.of(self.app).check_socket(req.payload) is not None:
            connection.send_socket_mode_response(SocketModeResponse(envelope_id=req.envelope_id))
            return
        super().handle(connection, req)  # type: ignore[arg-type]
