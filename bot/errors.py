"""Errors whose message is meant for the person who asked."""

from __future__ import annotations

from bot.i18n import Text


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
