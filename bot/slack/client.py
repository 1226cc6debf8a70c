"""The Web API client: every Slack call personabot makes goes through one made here (in
OAuth mode, each workspace's is a copy with its own token: ``bot.slack.installs``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.settings import Settings


def make_client(settings: Settings, *, timeout: int = 30) -> WebClient:
    """A ``WebClient`` for ``settings.api_url`` that retries rate limits (honouring
    ``Retry-After``), 5xx answers and dropped connections."""
    return WebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        timeout=timeout,
        retry_handlers=[
            RateLimitErrorRetryHandler(max_retry_count=5),
            ServerErrorRetryHandler(max_retry_count=3),
            ConnectionErrorRetryHandler(max_retry_count=3),
        ],
    )


# slack_sdk logs every failed attempt and retry; at start one clear line says it instead.
_QUIET = logging.getLogger("personabot.slack.verify")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False


@dataclass(frozen=True)
class Identity:
    """Who the bot token speaks as: ``auth.test``'s workspace and bot user."""

    team: str
    user: str
    team_id: str = ""


def verify(client: WebClient) -> Identity:
    """``auth.test``: raises ``SlackApiError`` when Slack refuses the token, ``OSError`` when
    Slack cannot be reached (after ``client``'s retries, which are not logged)."""
    response = _quiet(client, client.token).auth_test()
    return Identity(
        team=str(response.get("team", "")),
        user=str(response.get("user", "")),
        team_id=str(response.get("team_id", "")),
    )


def verify_app_token(client: WebClient, app_token: str) -> None:
    """``apps.connections.open`` with the app-level token, as Socket Mode starts: raises
    ``SlackApiError`` when Slack refuses the token, ``OSError`` when it cannot be reached.
    The URL it returns is not used (Slack lets an unused one expire)."""
    _quiet(client, app_token).apps_connections_open(app_token=app_token)


def _quiet(client: WebClient, token: str | None) -> WebClient:
    return WebClient(
        token=token,
        base_url=client.base_url,
        timeout=client.timeout,
        retry_handlers=client.retry_handlers,
        logger=_QUIET,
    )


def installed_team(client: WebClient) -> str | None:
    """The workspace the bot token belongs to (``auth.test``'s ``team_id``)."""
    team = client.auth_test().get("team_id")
    return str(team) if team else None
