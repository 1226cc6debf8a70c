"""Message events (thread replies to prompts, their edits and deletions) and ``user_change``."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.capture import replies
from bot.settings import Settings
from bot.slack.people import forget
from handlers.payloads import guarded
from questions import Bank
from storage import Database


def handle_message(
    body: dict[str, Any],
    event: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    db: Database,
    settings: Settings,
    bank: Bank,
) -> None:
    replies.receive_message(
        db=db,
        client=client,
        settings=settings,
        team_id=str(body.get("team_id") or context.team_id or ""),
        event_id=body.get("event_id"),
        event=event,
        bot_user_id=context.bot_user_id or "",
        bank=bank,
    )


def handle_user_change(event: dict[str, Any], client: WebClient) -> None:
    """A person changed their language or was made (or unmade) an admin: ask Slack again."""
    user_id = (event.get("user") or {}).get("id")
    if user_id:
        forget(client=client, user_id=str(user_id))


def register(app: App) -> None:
    app.event("message")(guarded(handle_message))
    app.event("user_change")(guarded(handle_user_change))
