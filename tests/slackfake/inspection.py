"""What a test reads back from the fake Slack: messages, threads, reactions, calls, views,
ephemeral messages, files and response-URL posts (copies, taken under the fake's lock)."""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass
from typing import Any

from tests.slackfake.state import ApiError, Channel, Message, Workspace


@dataclass(frozen=True)
class Call:
    """One Web API request as received, and what the fake answered."""

    method: str
    params: dict[str, Any]
    http_method: str
    token: str | None
    status: int
    response: dict[str, Any]  # the JSON answer; {"raw": text} for a plain-text answer
    team: str | None = None  # the workspace the token speaks for (None: no valid token)


class Inspection:
    """Read-back methods of ``FakeSlack`` (a mixin: the fake holds the state)."""

    _lock: threading.Lock
    _ws: Workspace
    _calls: list[Call]
    _responses: list[dict[str, Any]]

    def _known_channel(self, channel: str) -> Channel:
        chan = self._ws.channels.get(channel)
        if chan is None:
            raise ValueError(f"unknown channel {channel!r}; add it with add_channel()")
        return chan

    @staticmethod
    def _known_message(chan: Channel, ts: str) -> Message:
        msg = chan.messages.get(ts)
        if msg is None:
            raise ValueError(f"no message {ts} in {chan.id}")
        return msg

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """Messages shown in the channel (not thread replies), oldest first."""
        with self._lock:
            chan = self._known_channel(channel)
            return [self._ws.render(chan, m) for m in self._ws.top_level(chan)]

    def replies(self, channel: str, thread_ts: str) -> list[dict[str, Any]]:
        """Parent then replies, as conversations.replies gives; [] if there is no such thread."""
        with self._lock:
            chan = self._known_channel(channel)
            try:
                thread = self._ws.thread(chan, thread_ts)
            except ApiError:
                return []
            return [self._ws.render(chan, m) for m in thread]

    def message(self, channel: str, ts: str) -> dict[str, Any]:
        with self._lock:
            chan = self._known_channel(channel)
            return self._ws.render(chan, self._known_message(chan, ts))

    def reactions(self, channel: str, ts: str) -> list[str]:
        with self._lock:
            msg = self._known_message(self._known_channel(channel), ts)
            return [r["name"] for r in msg.get("reactions", [])]

    def edit_history(self, channel: str, ts: str) -> list[dict[str, Any]]:
        """Earlier versions of an edited message, oldest first."""
        with self._lock:
            return copy.deepcopy(self._ws.edit_history.get((channel, ts), []))

    @property
    def calls(self) -> list[Call]:
        """Every call, whichever team's token made it (``Call.team`` says)."""
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self._calls if c.method == method]

    def clear_calls(self) -> None:
        with self._lock:
            self._calls.clear()

    @property
    def responses(self) -> list[dict[str, Any]]:
        """Bodies POSTed to response URLs, each with its "key" added."""
        with self._lock:
            return copy.deepcopy(self._responses)

    @property
    def views(self) -> list[dict[str, Any]]:
        """Each views.open/push/update/publish: {"method", "trigger_id"|"user_id"|..., "view"}."""
        with self._lock:
            return copy.deepcopy(self._ws.views_log)

    @property
    def ephemerals(self) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(self._ws.ephemerals)

    @property
    def uploaded_files(self) -> list[dict[str, Any]]:
        """Shared files: {"id", "name", "title", "bytes", "channel", "thread_ts", ...}."""
        with self._lock:
            return copy.deepcopy(self._ws.uploaded_files)

    @property
    def orphaned_replies(self) -> list[dict[str, Any]]:
        """Bot replies whose thread_ts named no top-level message (Slack drops them)."""
        with self._lock:
            return copy.deepcopy(self._ws.orphaned_replies)
