"""HTTP transport: a WSGI app serving ``/slack/events`` and ``/healthz`` (and, in OAuth
mode, Bolt's install pages ``GET /slack/install`` and ``GET /slack/oauth_redirect``)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from io import BytesIO
from socketserver import ThreadingMixIn
from typing import TYPE_CHECKING
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy.exc import SQLAlchemyError

from handlers import edge as edges
from handlers.edge import MAX_BODY, Refusal
from storage import Database

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
log = logging.getLogger(__name__)


def wsgi_app(app: App, db: Database) -> WSGIApplication:
    """Health at ``HEALTH_PATH``; Slack's requests at ``EVENTS_PATH``, checked at the edge
    (``handlers.edge``) before Bolt sees them; the OAuth pages (a browser's GETs, not
    signed: the state value and its cookie guard them) go to Bolt's OAuth flow as they are."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)
    edge = edges.of(app)

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") == "GET":
            return _health(db, start_response)
        if environ.get("PATH_INFO") == EVENTS_PATH and environ.get("REQUEST_METHOD") == "POST":
            body, refusal = _read(environ)
            headers = {
                key[5:].replace("_", "-").lower(): str(value)
                for key, value in environ.items()
                if key.startswith("HTTP_")
            }
            headers["content-type"] = str(environ.get("CONTENT_TYPE") or "")
            refusal = refusal or edge.check_http(body, headers)
            if refusal is not None:
                return _refuse(refusal, start_response)
            environ = {**environ, "wsgi.input": BytesIO(body), "CONTENT_LENGTH": str(len(body))}
        return slack(environ, start_response)

    return application


def _read(environ: WSGIEnvironment) -> tuple[bytes, Refusal | None]:
    """The body, read no further than ``MAX_BODY`` (what is over it is drained, so the
    client reads the refusal instead of a reset connection)."""
    stream = environ["wsgi.input"]
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return b"", Refusal(400, "malformed Content-Length")
    if length < 0:
        return b"", Refusal(400, "malformed Content-Length")
    if length > MAX_BODY:
        left = min(length, 4 * MAX_BODY)
        while left > 0 and (chunk := stream.read(min(left, 65536))):
            left -= len(chunk)
        return b"", Refusal(413, f"body over {MAX_BODY} bytes")
    return stream.read(length), None


def _refuse(refusal: Refusal, start_response: StartResponse) -> Iterable[bytes]:
    payload = refusal.line.encode()
    start_response(
        f"{refusal.status} {refusal.line.split(':')[0]}",
        [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(payload)))],
    )
    return [payload]


def _health(db: Database, start_response: StartResponse) -> Iterable[bytes]:
    try:
        db.ping()
        status, body = "200 OK", {"ok": True, "database": "ok"}
    except SQLAlchemyError as error:
        log.warning("health check: database unreachable: %s", error)
        status, body = "503 Service Unavailable", {"ok": False, "database": "unreachable"}
    payload = json.dumps(body).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))]
    )
    return [payload]


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s " + format, self.address_string(), *args)


def make_http_server(application: WSGIApplication, *, host: str, port: int) -> WSGIServer:
    """A threaded stdlib server for ``personabot serve`` and the tests; production runs the
    same WSGI app under gunicorn."""
    return make_server(
        host, port, application, server_class=_ThreadingServer, handler_class=_QuietHandler
    )


def health_app(db: Database, app: App | None = None) -> WSGIApplication:
    """Only ``GET /healthz`` (and, when ``app`` installs through OAuth, its install pages):
    what ``personabot run --port N`` serves in Socket Mode, so a container's health check
    reaches the process and its database in both modes, and people can install the app."""
    flow = app.oauth_flow if app is not None else None
    pages = set() if flow is None else {flow.install_path, flow.redirect_uri_path}
    slack = SlackRequestHandler(app) if app is not None else None

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") == "GET":
            return _health(db, start_response)
        if environ.get("PATH_INFO") in pages and environ.get("REQUEST_METHOD") == "GET":
            assert slack is not None
            return slack(environ, start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain"), ("Content-Length", "0")])
        return [b""]

    return application
