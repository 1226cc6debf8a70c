"""``/persona`` slash command: parse and ack at once, do the work after the ack.

Everything is said in the caller's language. A command that cannot be read, and ``help``,
are answered in the ack itself: the locale comes from ``bot.people.locale_for``, which keeps
what Slack said about the user for a few minutes, so the ack stays fast (one ``users.info``
call at most, the first time).
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.commands.caller import Reply
from bot.commands.grammar import Help, UsageError, parse
from bot.commands.help import help_text
from bot.commands.run import execute
from bot.settings import Settings
from bot.slack import people
from handlers.errors import reply_later
from handlers.payloads import guarded
from storage import Database


def handle_persona(
    ack: Ack,
    command: dict[str, Any],
    client: WebClient,
    respond: Respond,
    db: Database,
    settings: Settings,
) -> None:
    team_id, user_id = str(command["team_id"]), str(command["user_id"])

    def locale() -> str:
        return people.locale_for(
            client=client, db=db, settings=settings, team_id=team_id, user_id=user_id
        )

    try:
        parsed = parse(str(command.get("text", "")))
    except UsageError as error:
        ack(text=error.render(locale()), response_type="ephemeral")
        return
    if isinstance(parsed, Help):
        ack(text=help_text(locale()), response_type="ephemeral")
        return
    ack()

    def work(locale: str) -> str | Reply:
        return execute(
            parsed,
            db=db,
            client=client,
            settings=settings,
            team_id=team_id,
            user_id=user_id,
            locale=locale,
        )

    reply_later(respond, work, locale=locale)


def register(app: App) -> None:
    app.command("/persona")(guarded(handle_persona))
