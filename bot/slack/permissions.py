"""Who may run admin commands: workspace admins and owners, and users named in settings."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import UserError
from bot.settings import Settings
from bot.slack.people import person

UNKNOWN_USER = ("user_not_found", "user_not_visible")


def is_admin(*, client: WebClient, settings: Settings, user_id: str) -> bool:
    if user_id in settings.admin_user_ids:
        return True
    try:
        return person(client=client, user_id=user_id).is_admin
    except SlackApiError as error:  # someone the workspace does not know is no admin of it
        if error.response.get("error") in UNKNOWN_USER:
            return False
        raise


def require_admin(*, client: WebClient, settings: Settings, user_id: str) -> None:
    if not is_admin(client=client, settings=settings, user_id=user_id):
        raise UserError(
            "Only workspace admins and owners (or users listed in PERSONABOT_ADMINS) can do that."
        )
