"""``/persona ask``: one question to one channel, now, joining it first if need be.

The steps: validate the question, find the channel, post it (``bot.slack.calls``), then
store the prompt with its permalink.
"""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.rounds import prompts as messages
from bot.slack import calls
from bot.slack.limits import SECTION_TEXT
from bot.slack.text import ChannelRef
from storage import Prompt, queries


def ask(
    *,
    session: Session,
    client: WebClient,
    team_id: str,
    channel: ChannelRef,
    text: str,
    asked_by: str | None,
    question_key: str | None = None,
    persona_id: int | None = None,
    field: str | None = None,
    locale: str = "en",
) -> Prompt:
    """Post ``text`` to ``channel`` as a prompt and store it. Its frame (who asked, the hint,
    the buttons) is in the channel's language, else the workspace's, else ``locale``, as a
    scheduled round's would be. The caller commits."""
    question = _validated(text)
    channel_id, name = _resolve(client, channel)
    workspace = queries.workspace(session, team_id=team_id)
    row = queries.channel(session, workspace=workspace, slack_id=channel_id, name=name)
    locale = row.locale or workspace.locale or locale
    blocks = _blocks(question, asked_by, locale)
    ts = _post(client, channel_id=channel_id, label=channel.label, blocks=blocks, text=question)
    link = _permalink(client, channel_id=channel_id, ts=ts)
    prompt = Prompt(
        workspace_id=workspace.id,
        channel_id=row.id,
        ts=ts,
        text=question,
        question_key=question_key,
        asked_by=asked_by,
        permalink=link,
        persona_id=persona_id,
        locale=locale,
    )
    session.add(prompt)
    session.flush()
    return prompt


def _validated(text: str) -> str:
    """The question as it will be posted: not empty, and within one section's limit."""
    text = text.strip()
    if not text:
        raise UserError(
            "The question is empty. Try `/persona ask #channel What do customers want?`"
        )
    if len(text) > SECTION_TEXT:
        raise UserError(
            "The question is {length} characters long; Slack allows {limit}.",
            length=len(text),
            limit=SECTION_TEXT,
        )
    return text


def _post(
    client: WebClient, *, channel_id: str, label: str, blocks: list[dict[str, Any]], text: str
) -> str:
    """Post the prompt (joining a public channel first); returns its ts. A channel the bot
    cannot post in becomes a ``UserError`` that says what to do."""
    try:
        response = calls.post_in_channel(client, channel_id=channel_id, blocks=blocks, text=text)
    except SlackApiError as error:
        raise _explain(error, label) from error
    return str(response["ts"])


def _permalink(client: WebClient, *, channel_id: str, ts: str) -> str:
    # Unlike ``calls.permalink`` a refusal is raised: the caller's reply says it failed.
    return str(client.chat_getPermalink(channel=channel_id, message_ts=ts)["permalink"])


def _blocks(text: str, asked_by: str | None, locale: str) -> list[dict[str, Any]]:
    footer = messages.say("reply_hint", locale)
    if asked_by:
        footer = messages.say("asked_by", locale, user=asked_by) + " " + footer
    return messages.plain_blocks(text, footer, locale=locale)


def _resolve(client: WebClient, channel: ChannelRef) -> tuple[str, str | None]:
    if channel.id is not None:
        return channel.id, channel.name
    found = calls.find_channel(client, name=channel.name or "")
    if found is not None:
        return found, channel.name
    raise UserError(
        "I can't find #{name}. If it is private, invite me there first "
        "(`/invite @personabot` in that channel), or pick the channel from Slack's autocomplete.",
        name=channel.name,
    )


def _explain(error: SlackApiError, label: str) -> Exception:
    code = error.response.get("error")
    if code in ("channel_not_found", "method_not_supported_for_channel_type", "not_in_channel"):
        return UserError(
            "I can't post in {channel}: it is private and I'm not a member. "
            "Type `/invite @personabot` in {channel}, then ask again.",
            channel=label,
        )
    if code == "is_archived":
        return UserError(
            "{channel} is archived; unarchive it or pick another channel.", channel=label
        )
    return error
