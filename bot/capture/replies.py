"""Thread replies to prompts become answers, kept in step with edits and deletions.

Two halves, on either side of the ack. ``store_message`` (before it) commits what the event
says, with its event id, or raises: an event acknowledged to Slack is therefore always stored,
and one that could not be stored is not acknowledged, so Slack delivers it again.
``record_message`` is its transaction (idempotent: Slack's retries and duplicate deliveries
store nothing twice). ``follow_up`` (after the ack) is the Slack half: permalink, reaction,
link offer; its failures lose nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.capture.linking import persona_choices
from bot.capture.pickers import link_actions
from bot.capture.private import message_team, outside_team
from bot.i18n import t
from bot.insights.digests import forget_jobs
from bot.insights.indexing import Indexer
from bot.settings import Settings
from bot.slack import calls
from bot.slack.people import locale_for
from bot.slack.text import unescape
from questions import Bank
from storage import (
    Answer,
    AnswerFeatures,
    AnswerRevision,
    Database,
    ProcessedEvent,
    Prompt,
    Workspace,
    queries,
)
from storage.models import now

log = logging.getLogger(__name__)

# Message subtypes that carry something a person wrote in a thread.
_PERSON_SUBTYPES = {None, "thread_broadcast", "file_share", "me_message"}


@dataclass(frozen=True)
class NewReply:
    """A thread reply just stored as an answer, that still wants its permalink and reaction."""

    answer_id: int
    channel: str
    ts: str
    thread_ts: str


def store_message(
    *,
    db: Database,
    team_id: str,
    event_id: str | None,
    event: dict[str, Any],
    bot_user_id: str,
    bank: Bank,
) -> NewReply | None:
    """Commit what an Events API ``message`` event says (before Slack is answered); the new
    answer, if it made one. Raises ``SQLAlchemyError`` when the database cannot take it, and
    then nothing of it is kept (not even its event id), so Slack's retry stores it."""
    with db.session() as session:
        return record_message(
            session=session,
            team_id=team_id,
            event_id=event_id,
            event=event,
            bot_user_id=bot_user_id,
            bank=bank,
        )


def follow_up(
    *, db: Database, client: WebClient, settings: Settings, team_id: str, reply: NewReply
) -> None:
    """After the ack: a stored answer's permalink, reaction and link offer (in its author's
    language)."""

    def language(user_id: str) -> str:
        return locale_for(client=client, db=db, settings=settings, team_id=team_id, user_id=user_id)

    acknowledge(db=db, client=client, reply=reply, reaction=settings.ack_reaction, locale=language)


def record_message(
    *,
    session: Session,
    team_id: str,
    event_id: str | None,
    event: dict[str, Any],
    bot_user_id: str,
    bank: Bank,
) -> NewReply | None:
    """Store, update or wipe the answer an Events API ``message`` event speaks of, and its
    synthesis features.

    Returns the answer when one was created; ``None`` when the event was a duplicate,
    an edit, a deletion, or nothing to keep. The caller commits.
    """
    if event_id is not None and not _claim_event(session, event_id=event_id, team_id=team_id):
        log.info("event %s already handled; skipping Slack's retry", event_id)
        return None
    recorder = _Recorder(
        session,
        team_id=team_id,
        channel=str(event.get("channel", "")),
        bot_user_id=bot_user_id,
        bank=bank,
    )
    subtype = event.get("subtype")
    if subtype == "message_changed":
        recorder.edit(event.get("message") or {})
        return None
    if subtype == "message_deleted":
        recorder.delete(event)
        return None
    if subtype not in _PERSON_SUBTYPES:
        return None
    return recorder.reply(event)


Locale = str | Callable[[str], str]  # a language, or a user id -> that user's language


def acknowledge(
    *, db: Database, client: WebClient, reply: NewReply, reaction: str | None, locale: Locale = "en"
) -> None:
    """Fetch and keep the answer's permalink, react to it, and (when the team has personas)
    offer its author, privately, to link it to one, in ``locale`` (or ``locale(author)``,
    asked only when there is an offer to make). Failures are logged: the answer itself is
    already safe."""
    link = calls.permalink(client, channel=reply.channel, ts=reply.ts)
    if link is not None:
        with db.session() as session:
            answer = session.get(Answer, reply.answer_id)
            if answer is not None:
                answer.permalink = link
    _offer_link(db=db, client=client, reply=reply, locale=locale)
    if reaction is None:
        return
    try:
        client.reactions_add(channel=reply.channel, timestamp=reply.ts, name=reaction)
    except SlackApiError as error:
        if error.response.get("error") != "already_reacted":
            log.warning(
                "could not react to %s/%s: %s",
                reply.channel,
                reply.ts,
                error.response.get("error"),
            )


def _offer_link(*, db: Database, client: WebClient, reply: NewReply, locale: Locale) -> None:
    with db.session() as session:
        answer = session.get(Answer, reply.answer_id)
        if answer is None:
            return
        team = session.get(Workspace, answer.workspace_id)
        choices = persona_choices(session=session, team_id=team.team_id if team else "")
        prompt = session.get(Prompt, answer.prompt_id) if answer.prompt_id else None
        user, linked = answer.user_id, prompt is not None and prompt.persona_id is not None
    if not choices or linked:
        return
    lang = locale if isinstance(locale, str) else locale(user)
    calls.tell(
        client,
        channel=reply.channel,
        user=user,
        thread_ts=reply.thread_ts,
        blocks=link_actions(answer_id=reply.answer_id, personas=choices, locale=lang),
        text=t(lang, "Saved as evidence."),
    )


def _claim_event(session: Session, *, event_id: str, team_id: str) -> bool:
    return queries.add_unique(session, ProcessedEvent(event_id=event_id, team_id=team_id))


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


class _Recorder:
    """One message event's channel, in one transaction."""

    def __init__(
        self, session: Session, *, team_id: str, channel: str, bot_user_id: str, bank: Bank
    ) -> None:
        self.session, self.team_id, self.channel = session, team_id, channel
        self.bot_user_id, self.bank = bot_user_id, bank

    def _indexer(self, answer: Answer) -> Indexer:
        return Indexer(session=self.session, workspace_id=answer.workspace_id, bank=self.bank)

    def _answer(self, ts: str) -> Answer | None:
        return queries.answer_by_ts(
            self.session, team_id=self.team_id, channel_id=self.channel, ts=ts
        )

    def reply(self, message: dict[str, Any], *, tombstone: bool = False) -> NewReply | None:
        if not _is_person_reply(message, "" if tombstone else self.bot_user_id):
            return None
        prompt = queries.prompt_by_ts(
            self.session,
            team_id=self.team_id,
            channel_id=self.channel,
            ts=str(message["thread_ts"]),
        )
        ts = str(message["ts"])
        if prompt is None or self._answer(ts) is not None:
            return None  # not an answer, or the same message under another event id
        answered_at = datetime.fromtimestamp(float(ts), UTC)
        workspace = self.session.get(Workspace, prompt.workspace_id)
        answer = Answer(
            workspace_id=prompt.workspace_id,
            channel_id=prompt.channel_id,
            prompt_id=prompt.id,
            ts=ts,
            user_id=str(message["user"]),
            group=prompt.channel.group,
            source="thread",
            text="" if tombstone else unescape(str(message.get("text") or "")),
            answered_at=answered_at,
            late=prompt.closed_at is not None and answered_at > prompt.closed_at,
            anonymous=queries.is_anonymous(self.session, prompt),
            deleted_at=now() if tombstone else None,
            user_team=outside_team(workspace, message_team(message)) if workspace else None,
        )
        if not queries.add_unique(self.session, answer):
            return None  # stored meanwhile by a concurrent delivery
        if not tombstone:
            indexer = self._indexer(answer)
            indexer.index(answer)
            indexer.flush()
        return NewReply(answer_id=answer.id, channel=self.channel, ts=ts, thread_ts=prompt.ts)

    def edit(self, message: dict[str, Any]) -> None:
        answer = self._answer(str(message.get("ts", "")))
        if answer is None:
            self.reply({**message, "subtype": None})  # an edit of a reply never seen: keep it
            return
        text = unescape(str(message.get("text") or ""))
        if answer.deleted_at is not None or answer.text == text:
            return  # unfurls and other non-text changes arrive as edits too
        if answer.expired_at is not None:
            return  # older than the workspace keeps text (retention): its claims stay as they are
        answer.revisions.append(AnswerRevision(text=answer.text))
        answer.text, answer.edited_at = text, now()
        indexer = self._indexer(answer)
        indexer.index(answer)
        indexer.flush()

    def delete(self, event: dict[str, Any]) -> None:
        ts = str(event.get("deleted_ts", ""))
        answer = self._answer(ts)
        if answer is None:
            # A deletion that overtook its message: leave a tombstone so a late
            # delivery of the message cannot bring back what the person took back.
            previous = {**(event.get("previous_message") or {}), "ts": ts, "subtype": None}
            self.reply(previous, tombstone=True)
            return
        features = self.session.get(AnswerFeatures, answer.id)
        job_keys = [str(job.get("key")) for job in (features.jobs if features else [])]
        indexer = self._indexer(answer)
        indexer.unindex(answer)
        indexer.flush()
        forget_jobs(self.session, workspace_id=answer.workspace_id, keys=job_keys)
        answer.text = ""
        answer.revisions.clear()
        answer.deleted_at = now()
