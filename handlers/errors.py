"""One error handler: what the user can fix is said to them, privately; the rest is logged."""

from __future__ import annotations

import logging

from slack_bolt import App, Respond

from bot.errors import UserError

log = logging.getLogger("personabot")

SORRY = "Something went wrong on my side; it has been logged. Please try again in a minute."


def handle_error(error: Exception, respond: Respond | None) -> None:
    if isinstance(error, UserError):
        message = str(error)
    else:
        log.error("listener failed", exc_info=error)
        message = SORRY
    if respond is not None:
        respond(text=message, response_type="ephemeral", replace_original=False)


def register(app: App) -> None:
    app.error(handle_error)
