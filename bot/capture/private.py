"""Answering a prompt privately: the buttons under a prompt open the answer (or job story)
modal; an answer from the modal is stored like a thread reply, tagged private, never
posted, and its author is told so beside the question.

``store_keyed`` keeps any answer that has no Slack message of its own (private answers and
job stories), once per key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.capture.modals import answer_modal, job_story_modal
from bot.errors import UserError
from bot.i18n import N_, t
from bot.insights.indexing import Indexer
from bot.settings import Settings
from bot.slack import calls
from bot.slack.blocks import ANSWER_BLOCK, Submitted
from bot.slack.people import locale_for
from questions import Bank
from storage import Answer, Database, Prompt, Workspace, queries

TOO_SLOW = N_("That took too long for Slack; press the button again.")


def message_team(message: Mapping[str, Any]) -> str | None:
    """The author's own workspace (or Enterprise Grid organisation) as a Slack message says
    it: ``user_team``, else ``user_profile.team``, ``source_team`` or ``team``."""
    profile = message.get("user_profile")
    for value in (
        message.get("user_team"),
        profile.get("team") if isinstance(profile, Mapping) else None,
        message.get("source_team"),
        message.get("team"),
    ):
        if isinstance(value, str) and value:
            return value
    return None


def outside_team(workspace: Workspace, team: str | None) -> str | None:
    """``team`` when it is neither the installing workspace nor its organisation: the author
    wrote from another workspace in a shared channel (Slack Connect). None otherwise."""
    if not team or team in (workspace.team_id, workspace.enterprise_id):
        return None
    return team[:32]


@dataclass(frozen=True)
class SavedAnswer:
    """An answer kept from a modal or the shortcut, and the channel to speak in about it."""

    answer_id: int
    channel: str
    late: bool
    created: bool


def open_for_prompt(
    *,
    db: Database,
    client: WebClient,
    settings: Settings,
    team_id: str,
    user_id: str,
    channel: str,
    ts: str,
    trigger_id: str,
    job_story: bool,
) -> str | None:
    """A button under the prompt at ``channel``/``ts`` was pressed: open the answer modal
    (or the job story modal). Returns what to tell the person instead, in their language,
    when the question is gone or Slack's trigger expired; ``None`` once the modal is open."""
    locale = locale_for(client=client, db=db, settings=settings, team_id=team_id, user_id=user_id)
    try:
        with db.session() as session:
            prompt = prompt_at(session=session, team_id=team_id, channel=channel, ts=ts)
            closed, question, prompt_id = prompt.closed_at is not None, prompt.text, prompt.id
    except UserError as error:
        return error.render(locale)
    view = (
        job_story_modal(prompt_id=prompt_id, question=question, locale=locale)
        if job_story
        else answer_modal(prompt_id=prompt_id, question=question, closed=closed, locale=locale)
    )
    if calls.open_modal(client, trigger_id=trigger_id, view=view):
        return None
    return t(locale, TOO_SLOW)


def submit_answer(
    *,
    db: Database,
    client: WebClient,
    settings: Settings,
    team_id: str,
    user_id: str,
    prompt_id: int,
    text: str,
    key: str,
    bank: Bank,
    user_team: str | None = None,
) -> Submitted:
    """The answer modal was submitted: store the answer before the ack, so that a refusal
    is shown in the modal (which keeps the text); then tell its author where it went.
    ``user_team`` is the author's own workspace (the payload's ``user.team_id``)."""
    locale = locale_for(client=client, db=db, settings=settings, team_id=team_id, user_id=user_id)
    if not text.strip():
        return Submitted(errors={ANSWER_BLOCK: t(locale, "Write an answer first.")})
    try:
        with db.session() as session:
            saved = answer_privately(
                session=session,
                team_id=team_id,
                prompt_id=prompt_id,
                user_id=user_id,
                text=text,
                key=key,
                bank=bank,
                now=datetime.now(UTC),
                user_team=user_team,
            )
    except UserError as error:
        return Submitted(errors={ANSWER_BLOCK: error.render(locale)})
    note = (
        t(
            locale,
            "Saved privately; it is not posted in the channel. "
            "It came after the question closed, so it is marked late.",
        )
        if saved.late
        else t(locale, "Saved privately; it is not posted in the channel.")
    )
    return Submitted(
        then=lambda: calls.tell(client, channel=saved.channel, user=user_id, text=note)
    )


def prompt_at(*, session: Session, team_id: str, channel: str, ts: str) -> Prompt:
    prompt = queries.prompt_by_ts(session, team_id=team_id, channel_id=channel, ts=ts)
    if prompt is None:
        raise UserError("That message is not a personabot question any more.")
    return prompt


def answer_privately(
    *,
    session: Session,
    team_id: str,
    prompt_id: int,
    user_id: str,
    text: str,
    key: str,
    bank: Bank,
    now: datetime,
    user_team: str | None = None,
) -> SavedAnswer:
    """A modal answer to a prompt: stored like a thread reply, tagged private, never
    posted. ``key`` (the modal's view id) makes a repeated submission store nothing new."""
    text = text.strip()
    if not text:
        raise UserError("The answer is empty.")
    return store_keyed(
        session,
        team_id=team_id,
        prompt_id=prompt_id,
        channel=None,
        user_id=user_id,
        text=text,
        key=f"private:{key}",
        source="private",
        bank=bank,
        now=now,
        user_team=user_team,
    )


def store_keyed(
    session: Session,
    *,
    team_id: str,
    prompt_id: int | None,
    channel: str | None,
    user_id: str,
    text: str,
    key: str,
    source: str,
    bank: Bank,
    now: datetime,
    user_team: str | None = None,
) -> SavedAnswer:
    """An answer that has no Slack message of its own, keyed by ``key`` (stored once), under
    ``prompt_id`` or else in ``channel``; ``user_team`` (the author's workspace) is kept
    when it is another one (Slack Connect)."""
    prompt = session.get(Prompt, prompt_id) if prompt_id is not None else None
    if prompt_id is not None and prompt is None:
        raise UserError("That question is gone.")
    workspace = queries.workspace(session, team_id=team_id)
    row = (
        prompt.channel
        if prompt
        else queries.channel(session, workspace=workspace, slack_id=channel or "")
    )
    query = select(Answer).where(Answer.channel_id == row.id, Answer.ts == key)
    found = session.scalar(query)
    if found is None:
        late = prompt is not None and prompt.closed_at is not None
        found = Answer(
            workspace_id=workspace.id,
            channel_id=row.id,
            prompt_id=prompt.id if prompt else None,
            ts=key,
            user_id=user_id,
            group=row.group,
            source=source,
            text=text,
            answered_at=now,
            late=late,
            anonymous=queries.is_anonymous(session, prompt),
            user_team=outside_team(workspace, user_team),
        )
        if queries.add_unique(session, found):
            indexer = Indexer(session=session, workspace_id=workspace.id, bank=bank)
            indexer.index(found)
            indexer.flush()
            return SavedAnswer(found.id, row.slack_id, late, created=True)
        found = session.scalars(query).one()
    return SavedAnswer(found.id, row.slack_id, found.late, created=False)
