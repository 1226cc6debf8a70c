"""The fake workspace's data: channels, users, messages, views, files.

Nothing here is thread-safe on its own; ``FakeSlack`` holds one lock around every use.
Messages are plain dicts shaped like Slack's message objects. A channel's messages are
kept in one insertion-ordered dict (ts -> message) holding top-level messages and thread
replies alike; replies carry ``thread_ts`` pointing at their parent.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Message = dict[str, Any]


class ApiError(Exception):
    """An answer of ``{"ok": false, "error": <error>}`` (HTTP ``status``)."""

    def __init__(self, error: str, *, status: int = 200) -> None:
        super().__init__(error)
        self.error = error
        self.status = status


class TsClock:
    """Slack-style message timestamps ("seconds.micros"), strictly increasing.

    Based on the wall clock (``now``), bumped by one microsecond when two calls land
    in the same microsecond, so every value is unique and sorts in posting order.
    """

    def __init__(self, now: Callable[[], float] = time.time) -> None:
        self._now = now
        self._last_us = 0

    def next(self) -> str:
        micros = max(int(self._now() * 1_000_000), self._last_us + 1)
        self._last_us = micros
        return format_ts(micros)


def format_ts(micros: int) -> str:
    return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"


def is_valid_ts(value: str) -> bool:
    seconds, dot, micros = value.partition(".")
    return bool(dot) and seconds.isdigit() and micros.isdigit() and len(micros) == 6


@dataclass
class Channel:
    id: str
    name: str
    is_private: bool = False
    is_member: bool = False
    is_archived: bool = False
    is_im: bool = False
    is_mpim: bool = False
    user: str | None = None  # the other party of a DM
    created: int = field(default_factory=lambda: int(time.time()))
    messages: dict[str, Message] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "created": self.created,
            "is_channel": not (self.is_im or self.is_mpim or self.is_private),
            "is_group": self.is_private and not self.is_mpim,
            "is_im": self.is_im,
            "is_mpim": self.is_mpim,
            "is_private": self.is_private or self.is_im or self.is_mpim,
            "is_archived": self.is_archived,
            "is_member": self.is_member,
        }
        if self.is_im:
            data["user"] = self.user
        else:
            data["name"] = self.name
            data["name_normalized"] = self.name
        return data

    @property
    def type_name(self) -> str:
        if self.is_im:
            return "im"
        if self.is_mpim:
            return "mpim"
        return "private_channel" if self.is_private else "public_channel"


@dataclass
class User:
    id: str
    name: str
    is_admin: bool = False
    is_owner: bool = False
    is_bot: bool = False
    locale: str = "en-US"
    tz: str = "Asia/Seoul"

    def as_dict(self, team_id: str, *, include_locale: bool) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "team_id": team_id,
            "name": self.name,
            "real_name": self.name,
            "deleted": False,
            "is_admin": self.is_admin,
            "is_owner": self.is_owner,
            "is_bot": self.is_bot,
            "is_app_user": False,
            "tz": self.tz,
            "tz_offset": _tz_offset(self.tz),
            "profile": {"real_name": self.name, "display_name": self.name},
        }
        if include_locale:
            data["locale"] = self.locale
        return data


def _tz_offset(tz: str) -> int:
    try:
        from datetime import datetime
        from zoneinfo import ZoneInfo

        offset = datetime.now(ZoneInfo(tz)).utcoffset()
    except (KeyError, ValueError, OSError):
        return 0
    return int(offset.total_seconds()) if offset is not None else 0


@dataclass
class Workspace:
    """All mutable state of one fake workspace."""

    team_id: str
    team_name: str
    bot_user_id: str
    bot_id: str
    app_id: str
    clock: TsClock
    domain: str = "test"
    enterprise_id: str | None = None
    base_url: str = ""  # set once the HTTP server is bound (upload URLs point at it)
    channels: dict[str, Channel] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    ephemerals: list[dict[str, Any]] = field(default_factory=list)
    orphaned_replies: list[Message] = field(default_factory=list)
    deleted: list[Message] = field(default_factory=list)
    edit_history: dict[tuple[str, str], list[Message]] = field(default_factory=dict)
    views_log: list[dict[str, Any]] = field(default_factory=list)
    open_views: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    uploaded_files: list[dict[str, Any]] = field(default_factory=list)
    _counter: int = 0

    def next_id(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}{self._counter:010d}"

    # -- channels -------------------------------------------------------------------

    def channel(self, channel_id: str) -> Channel:
        """The channel with this id (or, as chat.postMessage allows, ``#name``)."""
        found = self.channels.get(channel_id)
        if found is None:
            name = channel_id.removeprefix("#")
            found = next((c for c in self.channels.values() if c.name == name), None)
        if found is None:
            raise ApiError("channel_not_found")
        return found

    def readable(self, channel_id: str) -> Channel:
        """A channel whose messages the bot may read (history, replies, permalinks)."""
        chan = self.channel(channel_id)
        if chan.is_private and not chan.is_member:
            raise ApiError("channel_not_found")
        if not chan.is_member:
            raise ApiError("not_in_channel")
        return chan

    def writable(self, channel_id: str) -> Channel:
        """A channel the bot may post in; a user id ("U...") opens the DM with that user."""
        if channel_id.startswith(("U", "W")) and channel_id not in self.channels:
            if channel_id not in self.users:
                raise ApiError("channel_not_found")
            return self.open_dm(channel_id)
        chan = self.channel(channel_id)
        if chan.is_private and not chan.is_member:
            raise ApiError("channel_not_found")
        if chan.is_archived:
            raise ApiError("is_archived")
        if not chan.is_member:
            raise ApiError("not_in_channel")
        return chan

    def open_dm(self, user_id: str) -> Channel:
        dm_id = "D" + user_id[1:]
        if dm_id not in self.channels:
            self.channels[dm_id] = Channel(dm_id, dm_id, is_member=True, is_im=True, user=user_id)
        return self.channels[dm_id]

    # -- messages -------------------------------------------------------------------

    def find(self, chan: Channel, ts: str) -> Message:
        msg = chan.messages.get(ts)
        if msg is None:
            raise ApiError("message_not_found")
        return msg

    def add_message(self, chan: Channel, msg: Message) -> Message:
        """Store ``msg`` (which has its ts); a reply to nothing is kept as an orphan."""
        thread_ts = msg.get("thread_ts")
        if thread_ts is not None:
            parent = chan.messages.get(thread_ts)
            if parent is None or parent.get("thread_ts", thread_ts) != thread_ts:
                # Slack answers ok but the reply shows up nowhere.
                self.orphaned_replies.append({**copy.deepcopy(msg), "channel": chan.id})
                return msg
            msg["parent_user_id"] = parent.get("user")
            parent["thread_ts"] = thread_ts
        chan.messages[msg["ts"]] = msg
        return msg

    def replies_of(self, chan: Channel, parent_ts: str) -> list[Message]:
        return [
            m
            for m in chan.messages.values()
            if m.get("thread_ts") == parent_ts and m["ts"] != parent_ts
        ]

    def render(self, chan: Channel, msg: Message) -> Message:
        """A copy of ``msg`` as the API shows it (thread summary fields on parents)."""
        out = copy.deepcopy(msg)
        if msg.get("thread_ts") == msg["ts"]:
            replies = self.replies_of(chan, msg["ts"])
            users = list(dict.fromkeys(r.get("user") for r in replies if r.get("user")))
            out["reply_count"] = len(replies)
            out["reply_users"] = users
            out["reply_users_count"] = len(users)
            if replies:
                out["latest_reply"] = replies[-1]["ts"]
        return out

    def top_level(self, chan: Channel) -> list[Message]:
        """Messages shown in the channel itself: parents and broadcast replies."""
        return [
            m
            for m in chan.messages.values()
            if m.get("thread_ts", m["ts"]) == m["ts"] or m.get("subtype") == "thread_broadcast"
        ]

    def thread(self, chan: Channel, ts: str) -> list[Message]:
        """Parent first, then its replies oldest first (``ts`` may name a reply)."""
        msg = chan.messages.get(ts)
        if msg is None:
            raise ApiError("thread_not_found")
        parent_ts = msg.get("thread_ts", ts)
        parent = chan.messages.get(parent_ts)
        if parent is None:
            raise ApiError("thread_not_found")
        return [parent, *self.replies_of(chan, parent_ts)]

    def update_text(
        self, chan: Channel, msg: Message, changes: dict[str, Any], editor: str
    ) -> Message:
        """Apply an edit, keeping the previous version in ``edit_history``."""
        self.edit_history.setdefault((chan.id, msg["ts"]), []).append(copy.deepcopy(msg))
        msg.update(changes)
        msg["edited"] = {"user": editor, "ts": self.clock.next()}
        return msg

    def remove(self, chan: Channel, msg: Message) -> None:
        del chan.messages[msg["ts"]]
        self.deleted.append({**copy.deepcopy(msg), "channel": chan.id})

    def permalink(self, chan: Channel, msg: Message) -> str:
        link = f"https://{self.domain}.slack.com/archives/{chan.id}/p{msg['ts'].replace('.', '')}"
        thread_ts = msg.get("thread_ts")
        if thread_ts is not None and thread_ts != msg["ts"]:
            link += f"?thread_ts={thread_ts}&cid={chan.id}"
        return link
