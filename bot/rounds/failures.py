"""When a round cannot be posted: fail it or retry it, and tell an admin once.

Errors that no retry will fix (``PERMANENT``) fail the round at once; others are retried
with backoff (``bot.rounds.claims.retry_delay``) until the attempts are used up. When a
round fails, the admin who made the schedule gets one DM per channel, not repeated until a
round there succeeds (``post_rounds`` clears the channel's failure then).
"""

from __future__ import annotations

import logging
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.rounds import prompts as messages
from bot.rounds.claims import retry_delay
from bot.slack import calls
from storage import Database, Round

log = logging.getLogger(__name__)

# Errors that no retry will fix: the round fails at once and an admin is told.
PERMANENT = frozenset(
    {
        "not_in_channel",
        "channel_not_found",
        "is_archived",
        "method_not_supported_for_channel_type",
        "restricted_action",
        "missing_scope",
        "not_allowed_token_type",
        "invalid_auth",
        "account_inactive",
        "token_revoked",
        "team_access_not_granted",
    }
)


def record_failure(
    *,
    db: Database,
    client: WebClient,
    round_id: int,
    channel: str,
    locale: str,
    code: str,
    now: datetime,
) -> None:
    """Mark the round failed or due for a retry after Slack refused a post with ``code``;
    tell the schedule's admin the first time a round in ``channel`` fails."""
    with db.session() as session:
        round_ = session.get(Round, round_id)
        assert round_ is not None
        round_.attempts += 1
        delay = None if code in PERMANENT else retry_delay(round_.attempts)
        round_.reason = code
        if delay is None:
            round_.status = "failed"
        else:
            round_.status, round_.next_attempt_at = "retry", now + delay
        row = round_.channel
        row.failure_reason = code
        notify = round_.status == "failed" and row.failure_notified_at is None
        if notify:
            row.failure_notified_at = now
        admin, group, status = round_.schedule.created_by, round_.schedule.group, round_.status
    log.warning("round %s in %s: %s (%s)", round_id, channel, code, status)
    if notify and admin:
        _tell_admin(client, admin=admin, group=group, channel=channel, code=code, locale=locale)


def _tell_admin(
    client: WebClient, *, admin: str, group: str, channel: str, code: str, locale: str
) -> None:
    fix = {"is_archived": "fix_archived"}.get(
        code, "fix_invite" if code in ("not_in_channel", "channel_not_found") else "fix_other"
    )
    text = messages.say(
        "round_failed",
        locale,
        group=group,
        channel=channel,
        reason=code,
        fix=messages.say(fix, locale),
    )
    try:
        calls.dm(client, user=admin, text=text)
    except SlackApiError as error:
        log.warning("could not tell %s: %s", admin, error.response.get("error"))
