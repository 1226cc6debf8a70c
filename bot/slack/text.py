"""Slack text: channel references as users type them, mrkdwn escaping, and clipping to a
limit with a visible "…"."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ChannelRef:
    """A channel as a user typed it: an id (from ``<#C123|name>``) or a bare name."""

    id: str | None
    name: str | None

    @property
    def label(self) -> str:
        return f"<#{self.id}>" if self.id else f"#{self.name}"


_SPACE = re.compile(r"\s+")
_ESCAPED_CHANNEL = re.compile(r"^<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>$")
_CHANNEL_NAME = re.compile(r"^#?([a-z0-9][a-z0-9_\-]{0,79})$")
_CURLY_DOUBLE_QUOTES = str.maketrans({"“": '"', "”": '"'})


def parse_channel(token: str) -> ChannelRef | None:
    """Read ``<#C123|name>``, ``<#C123|>`` or ``#name``; ``None`` if it is neither."""
    match = _ESCAPED_CHANNEL.match(token)
    if match:
        return ChannelRef(id=match.group(1), name=match.group(2) or None)
    match = _CHANNEL_NAME.match(token)
    if match and token.startswith("#"):
        return ChannelRef(id=None, name=match.group(1))
    return None


def unescape(text: str) -> str:
    """Slack's escaping of ``&``, ``<`` and ``>`` in message and command text, undone."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def straight_quotes(text: str) -> str:
    """Curly double quotes (as Slack clients often type them) made straight: ``“a”`` -> ``"a"``."""
    return text.translate(_CURLY_DOUBLE_QUOTES)


def escape(text: str) -> str:
    """Text made inert for mrkdwn: no mentions, channel pings or links survive."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with a visible "…"."""
    flat = _SPACE.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def safe(text: str, limit: int) -> str:
    """Clipped and escaped: inert in mrkdwn."""
    return escape(clip(text, limit))


def fit(text: str, limit: int) -> str:
    """Escaped text whose escaped length is at most ``limit``."""
    size = limit
    while len(out := safe(text, size)) > limit:
        size -= len(out) - limit
    return out
