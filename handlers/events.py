"""Message events (thread replies to prompts, their edits and deletions), ``user_change``
and, in single-token mode, ``app_uninstalled`` / ``tokens_revoked`` (in OAuth mode Bolt's
own listeners take those: ``handlers.app``).

A message event is stored before it is acknowledged: ``store_first`` runs as the listener's
middleware, in the request's own thread, before Bolt answers Slack. When the database cannot
take it, the answer is a 503 instead of the ack, and Slack delivers the event again (HTTP:
``X-Slack-Retry-Num``; Socket Mode: the envelope is not acknowledged). The reaction and the
link offer follow after the ack, in ``handle_message``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError

from bot.capture import replies
from bot.settings import Settings
from bot.slack.installs import mark_uninstalled
from bot.slack.people import forget
from handlers.payloads import guarded
from questions import Bank
from storage import Database

log = logging.getLogger(__name__)
_STORED = "personabot_new_reply"  # context key: the answer ``store_first`` just made


def store_first(
    body: dict[str, Any],
    context: BoltContext,
    resp: BoltResponse,
    next: Callable[[], None],
    db: Database,
    bank: Bank,
) -> BoltResponse:
    """Keep the message, then let Bolt ack; a 503 (no ack) when the database is unreachable."""
    try:
        context[_STORED] = replies.store_message(
            db=db,
            team_id=_team(body, context),
            event_id=body.get("event_id"),
            event=body.get("event") or {},
            bot_user_id=context.bot_user_id or "",
            bank=bank,
        )
    except SQLAlchemyError as error:
        log.warning(
            "message event %s not stored, left for Slack's retry: %s", body.get("event_id"), error
        )
        return BoltResponse(status=503, body="")
    next()
    return resp


def handle_message(
    body: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    db: Database,
    settings: Settings,
) -> None:
    reply = context.get(_STORED)
    if reply is not None:
        replies.follow_up(
            db=db, client=client, settings=settings, team_id=_team(body, context), reply=reply
        )


def handle_user_change(event: dict[str, Any], client: WebClient) -> None:
    """A person changed their language or was made (or unmade) an admin: ask Slack again."""
    user_id = (event.get("user") or {}).get("id")
    if user_id:
        forget(client=client, user_id=str(user_id))


def handle_uninstalled(body: dict[str, Any], context: BoltContext, db: Database) -> None:
    """The app was uninstalled: its rounds, reminders and digests stop; its data stays."""
    mark_uninstalled(db=db, team_id=_team(body, context), enterprise_id=context.enterprise_id)


def handle_tokens_revoked(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext, db: Database
) -> None:
    """The bot token was revoked (user tokens alone do not matter: personabot has none)."""
    if (event.get("tokens") or {}).get("bot"):
        handle_uninstalled(body, context, db)


def _team(body: dict[str, Any], context: BoltContext) -> str:
    # Bolt reads the installing workspace from ``authorizations``: in a shared channel the
    # envelope's ``team_id`` can be the workspace that created the channel (Slack Connect).
    return str(context.team_id or body.get("team_id") or "")


def register(app: App) -> None:
    app.event("message", middleware=[store_first])(guarded(handle_message))
    app.event("user_change")(guarded(handle_user_change))


def register_uninstall(app: App) -> None:
    """Single-token mode's ``app_uninstalled`` and ``tokens_revoked`` listeners."""
    app.event("app_uninstalled")(guarded(handle_uninstalled))
    app.event("tokens_revoked")(guarded(handle_tokens_revoked))
