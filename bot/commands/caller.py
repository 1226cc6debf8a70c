"""Who runs a ``/persona`` command: the workspace, the user, their language, the Slack client."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient

from bot.settings import Settings


@dataclass(frozen=True)
class Caller:
    """What every subcommand handler is given besides the command and its session; replies
    are in ``locale``, the caller's language."""

    client: WebClient
    settings: Settings
    team_id: str
    user_id: str
    locale: str


@dataclass(frozen=True)
class Reply:
    """A reply with blocks (e.g. confirmation buttons); ``text`` is its notification text."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
