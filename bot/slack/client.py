"""The one Web API client: every Slack call personabot makes goes through it."""

from __future__ import annotations

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


def verify(client: WebClient) -> None:
    """``auth.test``: raises ``SlackApiError`` when Slack refuses the token, ``OSError`` when
    Slack cannot be reached."""
    client.auth_test()


def installed_team(client: WebClient) -> str | None:
    """The workspace the bot token belongs to (``auth.test``'s ``team_id``)."""
    team = client.auth_test().get("team_id")
    return str(team) if team else None
