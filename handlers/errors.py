"""Turning errors into what the user reads: what they can fix is said to them, privately;
the rest is logged and they get a short apology.

Work after ``ack()`` goes through ``reply_with``: Bolt (1.2x) drops an acknowledgement when
the listener raises after acking (the HTTP answer becomes a 404 if the exception beats its
wait loop), so exceptions must not leave a listener that has acked. ``@app.error`` stays as
the net for anything raised before the ack.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import App, Respond

from bot.errors import UserError

log = logging.getLogger("personabot")

SORRY = "Something went wrong on my side; it has been logged. Please try again in a minute."


def message_for(error: Exception) -> str:
    if isinstance(error, UserError):
        return str(error)
    log.error("listener failed", exc_info=error)
    return SORRY


def reply_with(respond: Respond, work: Callable[[], str]) -> None:
    """Run ``work`` (after the ack) and send its text, or the error's, to the caller only."""
    try:
        text = work()
    except Exception as error:  # every failure becomes a reply; unexpected ones are logged
        text = message_for(error)
    respond(text=text, response_type="ephemeral", replace_original=False)


def handle_error(error: Exception, respond: Respond | None) -> None:
    message = message_for(error)
    if respond is not None:
        respond(text=message, response_type="ephemeral", replace_original=False)


def register(app: App) -> None:
    app.error(handle_error)
