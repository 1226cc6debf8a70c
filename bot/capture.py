"""Thread replies to prompts become answers, kept in step with edits and deletions.

``record_message`` is the database half (idempotent: Slack's retries and duplicate
deliveries store nothing twice); ``acknowledge`` is the Slack half (permalink and
reaction), run after the answer is committed so that a Slack failure loses nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.slack import unescape
from storage import Answer, AnswerRevision, Database, ProcessedEvent, queries
from storage.models import now

log = logging.getLogger(__name__)

# Message subtypes that carry something a person wrote in a thread.
_PERSON_SUBTYPES = {None, "thread_broadcast", "file_share", "me_message"}


@dataclass(frozen=True)
class Stored:
    """A newly stored answer that still wants its permalink and reaction."""

    answer_id: int
    channel: str
    ts: str


def record_message(
    *, session: Session, team_id: str, event_id: str | None, event: dict[str, Any], bot_user_id: str
) -> Stored | None:
    """Store, update or wipe the answer an Events API ``message`` event speaks of.

    Returns the answer when one was created; ``None`` when the event was a duplicate,
    an edit, a deletion, or nothing to keep. The caller commits.
    """
    if event_id is not None and not _claim_event(session, event_id=event_id, team_id=team_id):
        log.info("event %s already handled; skipping Slack's retry", event_id)
        return None
    subtype = event.get("subtype")
    channel = str(event.get("channel", ""))
    if subtype == "message_changed":
        _record_edit(
            session,
            team_id=team_id,
            channel=channel,
            message=event.get("message") or {},
            bot_user_id=bot_user_id,
        )
        return None
    if subtype == "message_deleted":
        _record_deletion(session, team_id=team_id, channel=channel, event=event)
        return None
    if subtype not in _PERSON_SUBTYPES:
        return None
    return _record_reply(
        session, team_id=team_id, channel=channel, message=event, bot_user_id=bot_user_id
    )


def acknowledge(*, db: Database, client: WebClient, stored: Stored, reaction: str | None) -> None:
    """Fetch and keep the answer's permalink, then react to it. Failures are logged:
    the answer itself is already safe."""
    try:
        link = client.chat_getPermalink(channel=stored.channel, message_ts=stored.ts)
        with db.session() as session:
            answer = session.get(Answer, stored.answer_id)
            if answer is not None:
                answer.permalink = str(link["permalink"])
    except SlackApiError as error:
        log.warning(
            "no permalink for %s/%s: %s", stored.channel, stored.ts, error.response.get("error")
        )
    if reaction is None:
        return
    try:
        client.reactions_add(channel=stored.channel, timestamp=stored.ts, name=reaction)
    except SlackApiError as error:
        if error.response.get("error") != "already_reacted":
            log.warning(
                "could not react to %s/%s: %s",
                stored.channel,
                stored.ts,
                error.response.get("error"),
            )


def _claim_event(session: Session, *, event_id: str, team_id: str) -> bool:
    try:
        with session.begin_nested():
            session.add(ProcessedEvent(event_id=event_id, team_id=team_id))
    except IntegrityError:
        return False
    return True


def _is_person_reply(message: dict[str, Any], bot_user_id: str) -> bool:
    thread_ts = message.get("thread_ts")
    return (
        not message.get("bot_id")
        and message.get("subtype") != "bot_message"
        and bool(message.get("user"))
        and message.get("user") != bot_user_id
        and thread_ts is not None
        and thread_ts != message.get("ts")
    )


def _record_reply(
    session: Session, *, team_id: str, channel: str, message: dict[str, Any], bot_user_id: str
) -> Stored | None:
    if not _is_person_reply(message, bot_user_id):
        return None
    prompt = queries.prompt_by_ts(
        session, team_id=team_id, channel_id=channel, ts=str(message["thread_ts"])
    )
    if prompt is None:
        return None
    ts = str(message["ts"])
    answered_at = datetime.fromtimestamp(float(ts), UTC)
    if queries.answer_by_ts(session, team_id=team_id, channel_id=channel, ts=ts) is not None:
        return None  # the same message delivered under another event id
    answer = Answer(
        workspace_id=prompt.workspace_id,
        channel_id=prompt.channel_id,
        prompt_id=prompt.id,
        ts=ts,
        user_id=str(message["user"]),
        group=prompt.channel.group,
        source="thread",
        text=unescape(str(message.get("text") or "")),
        answered_at=answered_at,
        late=prompt.closed_at is not None and answered_at > prompt.closed_at,
    )
    try:
        with session.begin_nested():
            session.add(answer)
    except IntegrityError:
        return None  # stored meanwhile by a concurrent delivery
    return Stored(answer_id=answer.id, channel=channel, ts=ts)


def _record_edit(
    session: Session, *, team_id: str, channel: str, message: dict[str, Any], bot_user_id: str
) -> None:
    ts = str(message.get("ts", ""))
    answer = queries.answer_by_ts(session, team_id=team_id, channel_id=channel, ts=ts)
    if answer is None:
        # An edit of a reply we never saw: keep what it says now.
        _record_reply(
            session,
            team_id=team_id,
            channel=channel,
            message={**message, "subtype": None},
            bot_user_id=bot_user_id,
        )
        return
    text = unescape(str(message.get("text") or ""))
    if answer.deleted_at is not None or answer.text == text:
        return  # unfurls and other non-text changes arrive as edits too
    answer.revisions.append(AnswerRevision(text=answer.text))
    answer.text = text
    answer.edited_at = now()


def _record_deletion(
    session: Session, *, team_id: str, channel: str, event: dict[str, Any]
) -> None:
    ts = str(event.get("deleted_ts", ""))
    answer = queries.answer_by_ts(session, team_id=team_id, channel_id=channel, ts=ts)
    if answer is None:
        previous = dict(event.get("previous_message") or {})
        previous.setdefault("ts", ts)
        # A deletion that overtook its message: leave a tombstone so a late
        # delivery of the message cannot bring back what the person took back.
        stored = _record_reply(
            session,
            team_id=team_id,
            channel=channel,
            message={**previous, "subtype": None, "text": ""},
            bot_user_id="",
        )
        if stored is None:
            return
        answer = session.get(Answer, stored.answer_id)
        assert answer is not None
    answer.text = ""
    answer.revisions.clear()
    answer.deleted_at = now()
