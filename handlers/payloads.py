"""Reading the parts of Slack's interaction payloads every listener needs, and acking a
modal's submission as the use case said."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from slack_bolt import Ack

from bot.errors import message_for
from bot.slack.blocks import Submitted

log = logging.getLogger("personabot")
Listener = TypeVar("Listener", bound=Callable[..., None])


def team_of(body: dict[str, Any]) -> str:
    """The installing workspace. A modal opened from a shared channel by a person of another
    workspace (Slack Connect) names theirs in ``team`` and ours in the view's
    ``app_installed_team_id``, which Bolt reads first too."""
    view = body.get("view") or {}
    team = view.get("app_installed_team_id") or (body.get("team") or {}).get("id")
    return str(team or view.get("team_id"))


def user_of(body: dict[str, Any]) -> str:
    return str(body["user"]["id"])


def ack_submission(ack: Ack, submitted: Submitted) -> None:
    """Field errors keep the modal open; else a pushed view, or the modal closes. What is
    left (``submitted.then``) is the caller's to run."""
    if submitted.errors:
        ack(response_action="errors", errors=dict(submitted.errors))
    elif submitted.push is not None:
        ack(response_action="push", view=submitted.push)
    else:
        ack()


def guarded(listener: Listener) -> Listener:
    """``listener`` with a net for what it raises after acking: Bolt (1.2x-1.30) then drops
    the acknowledgement, and Slack waits 3 s for a 404. The error is logged and said to the
    person (if the request has a response URL); raised before the ack, ``@app.error`` has it."""

    @functools.wraps(listener)  # Bolt reads the wrapped function's argument names
    def run(**kwargs: Any) -> None:
        try:
            listener(**kwargs)
        except Exception as error:
            ack = kwargs.get("ack")
            if ack is not None and ack.response is None:
                raise
            settings = kwargs.get("settings")
            text = message_for(error, settings.locale if settings is not None else "en")
            respond = kwargs.get("respond")
            if respond is not None and respond.response_url:
                try:
                    respond(text=text, response_type="ephemeral", replace_original=False)
                except Exception:
                    log.exception("could not tell the person")

    return run  # type: ignore[return-value]
