"""Sends the app what Slack sends it, signed exactly as Slack signs requests.

Signature (Slack's "v0" scheme): ``X-Slack-Request-Timestamp: <unix seconds>`` and
``X-Slack-Signature: v0=<hex HMAC-SHA256(signing_secret, "v0:<timestamp>:<raw body>")>``.
All requests are real HTTP POSTs (urllib); non-2xx answers are returned, not raised.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import secrets
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from tests.slackfake.server import FakeSlack
from tests.slackfake.state import TsClock

VERIFICATION_TOKEN = "legacy-verification-token"  # the deprecated "token" field

_event_ids = itertools.count(1)


@dataclass
class Sent:
    """The app's answer to one request."""

    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)
    elapsed: float = 0.0  # seconds

    def json(self) -> Any:
        return json.loads(self.body)


class SlackDriver:
    """Posts events, slash commands and interactions to the app at ``url``."""

    def __init__(
        self,
        url: str,
        signing_secret: str,
        *,
        team_id: str = "T0TEST",
        api_app_id: str = "A0TEST",
        fake: FakeSlack | None = None,
        bot_user_id: str = "UBOT",
        verification_token: str = VERIFICATION_TOKEN,
        timeout: float = 30.0,
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"not an http(s) URL: {url!r}")
        self.url = url
        self.signing_secret = signing_secret
        self.team_id = team_id
        self.api_app_id = api_app_id
        self.fake = fake
        self.bot_user_id = fake.bot_user_id if fake is not None else bot_user_id
        self.verification_token = verification_token
        self.timeout = timeout
        self._clock = TsClock()

    # -- signing and transport ----------------------------------------------------------

    def sign(
        self, body: bytes, *, timestamp: int | None = None, signing_secret: str | None = None
    ) -> dict[str, str]:
        ts = int(time.time()) if timestamp is None else timestamp
        base = f"v0:{ts}:".encode() + body
        secret = (signing_secret if signing_secret is not None else self.signing_secret).encode()
        digest = hmac.new(secret, base, hashlib.sha256).hexdigest()
        return {"X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": f"v0={digest}"}

    def raw(self, body: bytes, headers: dict[str, str]) -> Sent:
        """POST ``body`` with exactly ``headers`` (no signing): for malformed requests."""
        # The URL's scheme is checked in __init__.
        request = urllib.request.Request(self.url, body, headers, method="POST")
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
                got = dict(response.headers.items())
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8", "replace")
            got = dict(error.headers.items())
        return Sent(status, text, got, time.monotonic() - started)

    def _signed(
        self,
        body: bytes,
        content_type: str,
        *,
        timestamp: int | None,
        signing_secret: str | None = None,
        extra: dict[str, str] | None = None,
    ) -> Sent:
        headers = {"Content-Type": content_type, **(extra or {})}
        headers.update(self.sign(body, timestamp=timestamp, signing_secret=signing_secret))
        return self.raw(body, headers)

    # -- what Slack sends ---------------------------------------------------------------

    def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str = "http_timeout",
        timestamp: int | None = None,
        signing_secret: str | None = None,
        team_id: str | None = None,
    ) -> Sent:
        """Deliver ``event`` in an ``event_callback`` envelope (Events API over HTTP).
        ``team_id`` is the envelope's when it is not the installing workspace's (in a shared
        channel Slack may name the workspace that created it; ``authorizations`` still
        names the installing one)."""
        envelope = {
            "token": self.verification_token,
            "team_id": team_id or self.team_id,
            "api_app_id": self.api_app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_event_ids):08d}{secrets.token_hex(2).upper()}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": self.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            # a message from a person of another workspace: a Slack Connect channel
            "is_ext_shared_channel": event.get("user_team", self.team_id) != self.team_id,
        }
        extra = {}
        if retry_num is not None:
            extra = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": retry_reason}
        body = json.dumps(envelope).encode()
        return self._signed(
            body,
            "application/json",
            timestamp=timestamp,
            signing_secret=signing_secret,
            extra=extra,
        )

    def url_verification(self, challenge: str) -> Sent:
        payload = {
            "token": self.verification_token,
            "challenge": challenge,
            "type": "url_verification",
        }
        return self._signed(json.dumps(payload).encode(), "application/json", timestamp=None)

    def command(
        self,
        text: str = "",
        *,
        command: str = "/persona",
        user_id: str = "UADMIN",
        user_name: str = "admin",
        channel_id: str = "CGENERAL",
        channel_name: str = "general",
        trigger_id: str | None = None,
        response_key: str = "default",
        timestamp: int | None = None,
    ) -> Sent:
        """A slash command, form-encoded with the fields Slack sends."""
        response_url = (
            self.fake.response_url(response_key)
            if self.fake is not None
            else f"https://hooks.slack.com/commands/{self.team_id}/1/{response_key}"
        )
        form = {
            "token": self.verification_token,
            "team_id": self.team_id,
            "team_domain": "test",
            "channel_id": channel_id,
            "channel_name": channel_name,
            "user_id": user_id,
            "user_name": user_name,
            "command": command,
            "text": text,
            "api_app_id": self.api_app_id,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id or self.new_trigger_id(),
        }
        body = urlencode(form).encode()
        return self._signed(body, "application/x-www-form-urlencoded", timestamp=timestamp)

    def interaction(self, payload: dict[str, Any], *, timestamp: int | None = None) -> Sent:
        """An interactivity request (block_actions, view_submission...): ``payload=<json>``."""
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self._signed(body, "application/x-www-form-urlencoded", timestamp=timestamp)

    @staticmethod
    def new_trigger_id() -> str:
        return f"{int(time.time())}.{secrets.randbelow(10**9)}.{secrets.token_hex(16)}"

    # -- event builders (return dicts; send them with event()) --------------------------

    def _channel_type(self, channel: str, default: str) -> str:
        return "im" if channel.startswith("D") else default

    def message_event(
        self,
        *,
        channel: str,
        user: str,
        text: str,
        ts: str,
        thread_ts: str | None = None,
        subtype: str | None = None,
        bot_id: str | None = None,
        channel_type: str = "channel",
        user_team: str | None = None,
    ) -> dict[str, Any]:
        """A ``message`` event; ``user_team`` is the author's own workspace when it is
        another one (Slack Connect: Slack then names it in ``team``, ``user_team``,
        ``source_team`` and ``user_profile.team``)."""
        event: dict[str, Any] = {
            "type": "message",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": ts,
            "event_ts": ts,
            "team": self.team_id,
            "channel_type": self._channel_type(channel, channel_type),
        }
        if user_team is not None:
            event.update(team=user_team, user_team=user_team, source_team=user_team)
            event["user_profile"] = {"name": user.lower(), "team": user_team}
        if subtype is not None:
            event["subtype"] = subtype
        if bot_id is not None:
            event["bot_id"] = bot_id
        if subtype is None and bot_id is None:
            event["client_msg_id"] = f"{secrets.token_hex(4)}-fake-{secrets.token_hex(6)}"
        if thread_ts is not None:
            event["thread_ts"] = thread_ts
            if self.fake is not None:
                parent = self.fake.replies(channel, thread_ts)
                if parent:
                    event["parent_user_id"] = parent[0].get("user")
        return event

    def app_mention_event(
        self, *, channel: str, user: str, text: str, ts: str, thread_ts: str | None = None
    ) -> dict[str, Any]:
        event: dict[str, Any] = {
            "type": "app_mention",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": ts,
            "event_ts": ts,
            "team": self.team_id,
        }
        if thread_ts is not None:
            event["thread_ts"] = thread_ts
        return event

    def _event_ts(self) -> str:
        return self.fake.next_ts() if self.fake is not None else self._clock.next()

    def message_changed_event(
        self,
        *,
        channel: str,
        ts: str,
        new_text: str,
        old_text: str,
        user: str,
        thread_ts: str | None = None,
    ) -> dict[str, Any]:
        """Slack's ``message_changed``: ``ts`` is the edited message's; the event gets a new ts."""
        event_ts = self._event_ts()
        previous: dict[str, Any] = {"type": "message", "user": user, "text": old_text, "ts": ts}
        message: dict[str, Any] = {
            **previous,
            "text": new_text,
            "edited": {"user": user, "ts": event_ts},
        }
        if thread_ts is not None:
            previous["thread_ts"] = thread_ts
            message["thread_ts"] = thread_ts
        return {
            "type": "message",
            "subtype": "message_changed",
            "hidden": True,
            "channel": channel,
            "ts": event_ts,
            "event_ts": event_ts,
            "message": message,
            "previous_message": previous,
            "channel_type": self._channel_type(channel, "channel"),
        }

    def message_deleted_event(
        self,
        *,
        channel: str,
        ts: str,
        old_text: str,
        user: str,
        thread_ts: str | None = None,
    ) -> dict[str, Any]:
        """Slack's ``message_deleted``: ``deleted_ts`` names the message that went away."""
        event_ts = self._event_ts()
        previous: dict[str, Any] = {"type": "message", "user": user, "text": old_text, "ts": ts}
        if thread_ts is not None:
            previous["thread_ts"] = thread_ts
        return {
            "type": "message",
            "subtype": "message_deleted",
            "hidden": True,
            "channel": channel,
            "ts": event_ts,
            "event_ts": event_ts,
            "deleted_ts": ts,
            "previous_message": previous,
            "channel_type": self._channel_type(channel, "channel"),
        }

    # -- conveniences that need the fake -------------------------------------------------

    def user_says(
        self,
        channel: str,
        user: str,
        text: str,
        *,
        thread_ts: str | None = None,
        user_team: str | None = None,
    ) -> tuple[dict[str, Any], Sent]:
        """Store a human message in the fake and deliver its ``message`` event (from another
        workspace's person when ``user_team`` says so)."""
        fake = self._need_fake()
        msg = fake.post_as_user(channel, user, text, thread_ts=thread_ts)
        event = self.message_event(
            channel=channel,
            user=user,
            text=text,
            ts=msg["ts"],
            thread_ts=thread_ts,
            user_team=user_team,
        )
        return msg, self.event(event)

    def user_edits(self, channel: str, ts: str, text: str) -> tuple[dict[str, Any], Sent]:
        """Edit a stored human message in the fake and deliver ``message_changed``."""
        fake = self._need_fake()
        before = fake.message(channel, ts)
        after = fake.edit_as_user(channel, ts, text)
        event = self.message_changed_event(
            channel=channel,
            ts=ts,
            new_text=text,
            old_text=before["text"],
            user=before["user"],
            thread_ts=before.get("thread_ts"),
        )
        event["message"]["edited"] = after["edited"]
        event["ts"] = event["event_ts"] = after["edited"]["ts"]
        return after, self.event(event)

    def user_deletes(self, channel: str, ts: str) -> Sent:
        """Delete a stored human message in the fake and deliver ``message_deleted``."""
        fake = self._need_fake()
        before = fake.message(channel, ts)
        fake.delete_as_user(channel, ts)
        event = self.message_deleted_event(
            channel=channel,
            ts=ts,
            old_text=before["text"],
            user=before["user"],
            thread_ts=before.get("thread_ts"),
        )
        return self.event(event)

    def _need_fake(self) -> FakeSlack:
        if self.fake is None:
            raise RuntimeError("this helper needs SlackDriver(..., fake=FakeSlack)")
        return self.fake
