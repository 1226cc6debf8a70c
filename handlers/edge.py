"""The edge: what is refused before Bolt, over HTTP and in Socket Mode.

A request that cannot be a Slack request for this app gets a short reason and never reaches a
listener: a body over ``MAX_BODY`` bytes is a 413; a missing, stale or wrong signature (a
timestamp that is not a number included) a 401; a body that is not UTF-8, not JSON where JSON
is due, or not shaped as Slack shapes that kind of request (``handlers.shapes``) a 400; a
request for another workspace than the one the bot token belongs to (OAuth mode: for a
workspace, or organisation, with no installation) a 403. Each refusal is logged once, with
its reason and size, never with the body.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from slack_bolt import App
from slack_bolt.request.internals import extract_enterprise_id, extract_team_id, parse_body

from handlers import shapes

log = logging.getLogger("personabot")

# Slack documents no size; Bolt for JavaScript refuses bodies over 4 MB, and the largest
# request Slack sends this app (a full modal, or an edit of a 40,000-character message with
# its blocks) stays well under it.
MAX_BODY = 4 * 1024 * 1024
MAX_SKEW = 300  # seconds: Slack's replay window


@dataclass(frozen=True)
class Refusal:
    status: int  # 400, 401, 403, 413 or 503
    reason: str

    @property
    def line(self) -> str:
        return f"{_TITLES[self.status]}: {self.reason}"


_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    413: "Payload Too Large",
    503: "Service Unavailable",
}


Installed = Callable[[str | None, str | None], bool]  # (team id, enterprise id) -> installed?


class Edge:
    """Checks requests for the workspace that ``installed_team()`` names (asked once, on the
    first request that needs it; None while it cannot be told, which refuses); in OAuth
    mode (``installed`` given), for any workspace with an installation (asked each time:
    an uninstall takes effect at once)."""

    def __init__(
        self,
        *,
        signing_secret: str | None,
        installed_team: Callable[[], str | None],
        installed: Installed | None = None,
    ) -> None:
        self._secret = signing_secret
        self._installed_team = installed_team
        self._installed = installed
        self._team: str | None = None

    def check_http(self, body: bytes, headers: Mapping[str, str]) -> Refusal | None:
        """``headers`` with lower-case names. None lets the request through to Bolt."""
        refusal = self._signature(body, headers) or self._parsed(body, headers)
        return _logged(refusal, size=len(body), transport="HTTP")

    def check_socket(self, payload: object) -> Refusal | None:
        """A Socket Mode envelope's payload (already parsed, and authenticated by the
        connection itself)."""
        return _logged(self._shaped(payload), size=None, transport="Socket Mode")

    def _signature(self, body: bytes, headers: Mapping[str, str]) -> Refusal | None:
        if not self._secret:  # HTTP without SLACK_SIGNING_SECRET (serve in Socket Mode's setup)
            return Refusal(401, "no signing secret configured")
        stamp = headers.get("x-slack-request-timestamp", "")
        signature = headers.get("x-slack-signature", "")
        if not (stamp.isascii() and stamp.isdigit()) or not (signature and signature.isascii()):
            return Refusal(401, "missing or malformed signature headers")
        if abs(time.time() - int(stamp)) > MAX_SKEW:
            return Refusal(401, "stale timestamp")
        base = b"v0:" + stamp.encode() + b":" + body
        expected = "v0=" + hmac.new(self._secret.encode(), base, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, signature):
            return Refusal(401, "invalid signature")
        return None

    def _parsed(self, body: bytes, headers: Mapping[str, str]) -> Refusal | None:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return Refusal(400, "body is not UTF-8")
        try:  # exactly as Bolt will read it
            parsed = parse_body(text, headers.get("content-type", "").split(";")[0] or None)
        except ValueError:
            return Refusal(400, "body (or its payload) is not JSON")
        return self._shaped(parsed)

    def _shaped(self, body: object) -> Refusal | None:
        wrong = shapes.problem(body)
        if wrong is not None:
            return Refusal(400, wrong)
        assert isinstance(body, dict)  # shapes.problem says so
        if body.get("type") == "url_verification" or body.get("ssl_check") == "1":
            return None
        if self._installed is not None:
            return self._installation(body)
        teams = shapes.workspaces_of(body)
        installed = self._team or self._learn()
        if installed is None:
            return Refusal(403, "cannot tell which workspace the bot belongs to yet")
        if installed not in teams:
            return Refusal(403, "another workspace")
        return None

    def _installation(self, body: dict[str, object]) -> Refusal | None:
        team, enterprise = extract_team_id(body), extract_enterprise_id(body)
        assert self._installed is not None
        try:
            found = self._installed(team, enterprise)
        except Exception:
            log.exception("could not look up the installation of %s", team or enterprise)
            return Refusal(503, "cannot tell whether the app is installed there yet")
        return None if found else Refusal(403, "a workspace without an installation")

    def _learn(self) -> str | None:
        try:
            self._team = self._installed_team()
        except Exception:
            log.exception("could not ask Slack which workspace the bot belongs to")
        return self._team


_EDGES: WeakKeyDictionary[App, Edge] = WeakKeyDictionary()


def attach(app: App, edge: Edge) -> None:
    """Keep ``edge`` as ``app``'s (``handlers.app.build_app`` does, for every transport)."""
    _EDGES[app] = edge


def of(app: App) -> Edge:
    """``app``'s edge; an app built elsewhere gets one that refuses everything over HTTP."""
    return _EDGES.get(app) or Edge(signing_secret=None, installed_team=lambda: None)


def _logged(refusal: Refusal | None, *, size: int | None, transport: str) -> Refusal | None:
    if refusal is not None:
        log.warning(
            "refused a %s request (%s, %s bytes): %s",
            transport,
            refusal.status,
            "?" if size is None else size,
            refusal.reason,
        )
    return refusal
