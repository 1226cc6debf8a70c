"""Small Web API steps used by several use cases: post (joining first), join, find a
channel by name, permalinks, private notes, DMs (text or a file) and modals.

Each takes the one ``WebClient`` (``bot.slack.client``) and says plainly what a failure
means: ``SlackApiError`` is raised where the caller must decide, and swallowed (logged)
where the step is a courtesy after the user's data is safe.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)


def post_in_channel(
    client: WebClient, *, channel_id: str, blocks: list[dict[str, Any]], text: str
) -> Any:
    """Post to a channel, joining it first when it is public and the bot is not a member.
    Raises ``SlackApiError`` for anything else (private channel, archived...)."""
    try:
        return client.chat_postMessage(channel=channel_id, blocks=blocks, text=text)
    except SlackApiError as error:
        if error.response.get("error") != "not_in_channel":
            raise
    client.conversations_join(channel=channel_id)
    return client.chat_postMessage(channel=channel_id, blocks=blocks, text=text)


def join(client: WebClient, *, channel_id: str) -> bool:
    """Make sure the bot is in the channel: joins a public one; ``False`` for a private
    channel it was not invited to (or one that cannot be joined)."""
    try:
        info = client.conversations_info(channel=channel_id)["channel"]
        if info.get("is_member"):
            return True
        client.conversations_join(channel=channel_id)
    except SlackApiError as error:
        log.info("cannot join %s: %s", channel_id, error.response.get("error"))
        return False
    return True


def find_channel(client: WebClient, *, name: str) -> str | None:
    """The id of the (unarchived) channel called ``name`` that the bot can see, or ``None``."""
    for found in _all_channels(client):
        if found.get("name") == name:
            return str(found["id"])
    return None


def _all_channels(client: WebClient) -> Iterator[dict[str, Any]]:
    cursor = None
    while True:
        page = client.conversations_list(
            types="public_channel,private_channel", exclude_archived=True, limit=200, cursor=cursor
        )
        yield from page.get("channels", [])
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return


def permalink(client: WebClient, *, channel: str, ts: str) -> str | None:
    """The message's permalink, or ``None`` when Slack will not say."""
    try:
        return str(client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"])
    except SlackApiError as error:
        log.info("no permalink for %s/%s: %s", channel, ts, error.response.get("error"))
        return None


def tell(
    client: WebClient,
    *,
    channel: str,
    user: str,
    text: str,
    blocks: list[dict[str, Any]] | None = None,
    thread_ts: str | None = None,
) -> None:
    """A private note to ``user`` in ``channel`` (in the thread at ``thread_ts``, with
    ``blocks`` when given); a failure is logged (it is a courtesy)."""
    try:
        client.chat_postEphemeral(
            channel=channel, user=user, text=text, blocks=blocks, thread_ts=thread_ts
        )
    except SlackApiError as error:
        log.info("no note for %s in %s: %s", user, channel, error.response.get("error"))


def dm(client: WebClient, *, user: str, text: str) -> None:
    """A message in ``user``'s DM with the app (``chat.postMessage`` to the user id)."""
    client.chat_postMessage(channel=user, text=text)


def upload_to_dm(client: WebClient, *, user: str, filename: str, content: str) -> None:
    """A file in ``user``'s DM with the app (``conversations.open``, ``files.uploadV2``)."""
    dm_channel = client.conversations_open(users=user)["channel"]["id"]
    client.files_upload_v2(channel=dm_channel, filename=filename, title=filename, content=content)


def open_modal(client: WebClient, *, trigger_id: str, view: dict[str, Any]) -> bool:
    """``views.open``; ``False`` when the trigger expired (Slack gives 3 s), so the caller
    can ask the person to try again."""
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as error:
        if error.response.get("error") != "expired_trigger_id":
            raise
        return False
    return True
