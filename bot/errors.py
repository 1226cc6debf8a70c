"""Errors whose message is meant for the person who asked, and turning any error into what
that person reads."""

from __future__ import annotations

import logging

from bot.i18n import N_, Text, t

log = logging.getLogger("personabot")

SORRY = N_("Something went wrong on my side; it has been logged. Please try again in a minute.")


class UserError(Exception):
    """Something the user can fix, said to them privately in their own language.

    ``UserError("No persona called {name}.", name=name)``: the message is a catalog entry
    (see ``bot.i18n``); ``render(locale)`` translates it when the reply is written, and
    ``str()`` is the English text (for logs and the command line).
    """

    def __init__(self, message: str | Text, /, **values: object) -> None:
        self.text = message if isinstance(message, Text) else Text(message, **values)
        super().__init__(self.text.render("en"))

    def render(self, locale: str) -> str:
        return self.text.render(locale)


def message_for(error: Exception, locale: str) -> str:
    """What to tell the person, in ``locale``: a ``UserError`` as it says; anything else is
    logged and becomes a short apology."""
    if isinstance(error, UserError):
        return error.render(locale)
    log.error("listener failed", exc_info=error)
    return t(locale, SORRY)
