"""Posting a message at most once, even when Slack fails after it acted.

A 5xx answer or a dropped connection after ``chat.postMessage`` does not say whether the
message was posted: Slack sometimes posts and then answers 503. Blind retries (slack_sdk's
``ServerErrorRetryHandler``) would then post it again. ``post_once`` tags each post with
message metadata naming it (``key``); after an unclear failure it looks in the channel (or
the thread) for a message carrying that key and posts again only when there is none. A 429
is always safe to retry (Slack did nothing) and is retried by the client, honouring
``Retry-After``.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

log = logging.getLogger(__name__)

EVENT_TYPE = "personabot_post"
ATTEMPTS = 4
BACKOFF = (0.5, 1.0, 2.0, 4.0)  # seconds before looking again after an unclear failure


class Unclear(Exception):
    """Slack stayed unclear (5xx, dropped connections) through every attempt, and no copy of
    the post was found; or Slack could not even be asked. The caller may try again later
    with ``look_first``."""

    code = "slack_unavailable"


def post_once(
    client: WebClient,
    *,
    key: str,
    channel: str,
    text: str,
    blocks: list[dict[str, Any]] | None = None,
    thread_ts: str | None = None,
    look_first: bool = False,
) -> str:
    """Post (or find, when an earlier try of ``key`` got through) the message; its ``ts``.

    ``look_first``: this is a retry of a post that may have gone out before (a round tried
    again): look before posting. Raises ``SlackApiError`` for a clear refusal, or the last
    ``Unclear`` when Slack stayed unclear through every attempt (and no copy was found)."""
    careful = _without_blind_retries(client)
    if look_first:
        found = _find(careful, key=key, channel=channel, thread_ts=thread_ts)
        if found is not None:
            return found
    last: Exception | None = None
    for attempt in range(ATTEMPTS):
        try:
            response = careful.chat_postMessage(
                channel=channel,
                text=text,
                blocks=blocks,
                thread_ts=thread_ts,
                metadata={"event_type": EVENT_TYPE, "event_payload": {"key": key}},
            )
            return str(response["ts"])
        except SlackApiError as error:
            if error.response.status_code < 500:
                raise  # a clear answer: Slack did not post
            last = error
        except OSError as error:  # dropped connection, timeout: may have been posted
            last = error
        log.warning("post %s to %s unclear (%s); looking before retrying", key, channel, last)
        time.sleep(BACKOFF[attempt])
        found = _find(careful, key=key, channel=channel, thread_ts=thread_ts)
        if found is not None:
            return found
    raise Unclear(f"{key} in {channel}: {last}")


def _find(client: WebClient, *, key: str, channel: str, thread_ts: str | None) -> str | None:
    """The ``ts`` of a message tagged ``key`` among the channel's latest 200 messages (or in
    the thread). When Slack cannot say either, ``Unclear``: better no post than two."""
    for attempt in range(ATTEMPTS):
        try:
            if thread_ts is None:
                page = client.conversations_history(
                    channel=channel, include_all_metadata=True, limit=200
                )
            else:
                page = client.conversations_replies(
                    channel=channel, ts=thread_ts, include_all_metadata=True, limit=1000
                )
        except (SlackApiError, OSError) as error:
            log.warning("cannot look for %s in %s: %s", key, channel, error)
            time.sleep(BACKOFF[attempt])
            continue
        for message in page.get("messages") or []:
            metadata = message.get("metadata") or {}
            if (metadata.get("event_payload") or {}).get("key") == key:
                return str(message["ts"])
        return None
    raise Unclear(f"could not tell whether {key} was posted in {channel}")


def _without_blind_retries(client: WebClient) -> WebClient:
    """The same client, retrying only what Slack did not act on (429, honouring
    ``Retry-After``)."""
    return WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=5)],
    )
