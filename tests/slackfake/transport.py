"""HTTP front of the fake: parses requests and hands them to ``FakeSlack``.

Routes: ``/api/<method>`` (Web API), ``POST /upload/<team>/<file_id>`` (upload URLs issued by
files.getUploadURLExternal) and ``POST /response/<key>`` (response_url for commands and
interactions). Anything else is a plain 404.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

if TYPE_CHECKING:
    from tests.slackfake.server import FakeSlack


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


class FakeSlackHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], fake: FakeSlack) -> None:
        super().__init__(address, _Handler)
        self.fake = fake


def _form(text: str) -> dict[str, Any]:
    return {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}


def _basic(auth: str) -> tuple[str, str] | None:
    """HTTP Basic credentials (``oauth.v2.access``: client id and secret), if any."""
    if not auth.startswith("Basic "):
        return None
    try:
        decoded = base64.b64decode(auth[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, _, password = decoded.partition(":")
    return user, password


class _Handler(BaseHTTPRequestHandler):
    server: FakeSlackHTTPServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output quiet

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def _route(self, http_method: str) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        kind, _, name = url.path.lstrip("/").partition("/")
        fake = self.server.fake
        if kind == "api" and name:
            self._send(self._api(name, http_method, url.query, body))
        elif kind == "upload" and http_method == "POST":
            if fake.handle_upload(name, body):
                self._plain(200, f"OK - {len(body)}")
            else:
                self._plain(404, "file_not_found")
        elif kind == "response" and http_method == "POST":
            try:
                payload = json.loads(body)
            except ValueError:
                payload = None
            if not isinstance(payload, dict):
                self._plain(400, "invalid_payload")
                return
            fake.handle_response_url(name, payload)
            self._plain(200, "ok")
        else:
            self._plain(404, "not found")

    def _api(self, method: str, http_method: str, query: str, body: bytes) -> Answer:
        fake = self.server.fake
        params = _form(query)
        auth = self.headers.get("Authorization") or ""
        token: str | None = auth[7:].strip() if auth.startswith("Bearer ") else None
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        parse_error: str | None = None
        if http_method == "POST" and body:
            try:
                text = body.decode("utf-8")
                if content_type == "application/json":
                    decoded = json.loads(text)
                    if not isinstance(decoded, dict):
                        raise ValueError("JSON body must be an object")
                    params.update(decoded)
                elif content_type in ("application/x-www-form-urlencoded", ""):
                    params.update(_form(text))
                else:
                    parse_error = "invalid_form_data"
            except ValueError:
                json_body = content_type == "application/json"
                parse_error = "invalid_json" if json_body else "invalid_form_data"
        form_token = params.pop("token", None)
        if token is None and isinstance(form_token, str):
            token = form_token
        return fake.handle_api(
            method, http_method, params, token, parse_error=parse_error, basic=_basic(auth)
        )

    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(answer.body)

    def _plain(self, status: int, text: str) -> None:
        self._send(Answer(status, text.encode(), "text/plain; charset=utf-8"))
