"""Who may run admin commands: workspace admins and owners, and users named in settings."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.errors import UserError
from bot.settings import Settings
from bot.slack.people import person


def is_admin(*, client: WebClient, settings: Settings, user_id: str) -> bool:
    if user_id in settings.admin_user_ids:
        return True
    return person(client=client, user_id=user_id).is_admin


def require_admin(*, client: WebClient, settings: Settings, user_id: str) -> None:
    if not is_admin(client=client, settings=settings, user_id=user_id):
        raise UserError(
            "Only workspace admins and owners (or users listed in PERSONABOT_ADMINS) can do that."
        )
