"""Reading the parts of Slack's interaction payloads every listener needs, and acking a
modal's submission as the use case said."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack

from bot.slack.blocks import Submitted


def team_of(body: dict[str, Any]) -> str:
    return str((body.get("team") or {}).get("id") or (body.get("view") or {}).get("team_id"))


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
