"""The "Add to personas" message shortcut: any message a person wrote can be kept as
evidence, with its author, channel group and permalink, and linked to a persona and field
(and, if asked, turned into a job story)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.capture.linking import link_to_persona, persona_choices
from bot.capture.modals import job_story_modal
from bot.capture.pickers import ShortcutForm, shortcut_metadata, shortcut_modal
from bot.capture.private import TOO_SLOW, SavedAnswer, message_team, outside_team
from bot.errors import UserError
from bot.i18n import t
from bot.insights.indexing import Indexer
from bot.settings import Settings
from bot.slack import calls
from bot.slack.blocks import FIELD_BLOCK, Submitted
from bot.slack.people import locale_for
from questions import FIELDS, Bank
from storage import Answer, Database, queries


def open_shortcut(
    *,
    db: Database,
    client: WebClient,
    settings: Settings,
    team_id: str,
    user_id: str,
    channel: str,
    message: Mapping[str, Any],
    trigger_id: str,
) -> str | None:
    """The shortcut was run on ``message`` (Slack's message object) in ``channel``: open its
    modal. Returns what to tell the person instead, in their language (a bot's message, one
    without text, an expired trigger); ``None`` once the modal is open."""
    locale = locale_for(client=client, db=db, settings=settings, team_id=team_id, user_id=user_id)
    if message.get("bot_id") or message.get("subtype") == "bot_message":
        return t(locale, "Bot messages cannot be saved as evidence; pick what a person wrote.")
    if not message.get("text"):
        return t(locale, "I cannot read that message.")
    with db.session() as session:
        choices = persona_choices(session=session, team_id=team_id)
    view = shortcut_modal(
        personas=choices,
        message_text=message["text"],
        author=str(message.get("user", "")),
        channel=channel,
        metadata=shortcut_metadata(
            channel=channel,
            ts=message["ts"],
            author=message.get("user"),
            text=message["text"],
            team=message_team(message),
        ),
        locale=locale,
    )
    if calls.open_modal(client, trigger_id=trigger_id, view=view):
        return None
    return t(locale, TOO_SLOW)


def submit_shortcut(
    *,
    db: Database,
    client: WebClient,
    settings: Settings,
    team_id: str,
    user_id: str,
    form: ShortcutForm,
    bank: Bank,
) -> Submitted:
    """The shortcut's modal was submitted: without a field it stays open; with "also a job
    story" the job story modal is pushed. The message is saved after the ack (the modal is
    closed by then, so the outcome is said beside the message)."""
    locale = locale_for(client=client, db=db, settings=settings, team_id=team_id, user_id=user_id)
    if not form.field:
        return Submitted(errors={FIELD_BLOCK: t(locale, "Pick a persona field.")})
    story = (
        job_story_modal(prompt_id=None, question=form.text, locale=locale, channel=form.channel)
        if form.also_job
        else None
    )

    def save() -> None:
        permalink = calls.permalink(client, channel=form.channel, ts=form.ts)
        try:
            with db.session() as session:
                save_message(
                    session=session,
                    team_id=team_id,
                    channel=form.channel,
                    ts=form.ts,
                    user_id=form.author or user_id,
                    text=form.text,
                    permalink=permalink,
                    persona_id=form.persona_id,
                    field=form.field,
                    by=user_id,
                    bank=bank,
                    user_team=form.author_team,
                )
        except UserError as error:  # the modal is closed already: say it beside the message
            calls.tell(client, channel=form.channel, user=user_id, text=error.render(locale))
            return
        calls.tell(client, channel=form.channel, user=user_id, text=t(locale, "Saved as evidence."))

    return Submitted(push=story, then=save)


def save_message(
    *,
    session: Session,
    team_id: str,
    channel: str,
    ts: str,
    user_id: str,
    text: str,
    permalink: str | None,
    persona_id: str | None,
    field: str,
    by: str,
    bank: Bank,
    user_team: str | None = None,
) -> SavedAnswer:
    """A message saved with the "Add to personas" shortcut: stored as an answer with its
    author, channel group and permalink (the thread reply's answer if it is one already),
    and linked to the persona and field chosen. ``user_team`` (the author's workspace) is
    kept when it is another one (Slack Connect)."""
    if field not in FIELDS:
        raise UserError("Pick a persona field.")
    workspace = queries.workspace(session, team_id=team_id)
    answer = queries.answer_by_ts(session, team_id=team_id, channel_id=channel, ts=ts)
    if answer is not None and answer.deleted_at is not None:
        # deleted in Slack, or erased at its author's request: it stays gone
        raise UserError("That message was deleted or erased; it cannot be saved as evidence.")
    created = answer is None
    if answer is None:
        row = queries.channel(session, workspace=workspace, slack_id=channel)
        answer = Answer(
            workspace_id=workspace.id,
            channel_id=row.id,
            ts=ts,
            user_id=user_id,
            group=row.group,
            source="shortcut",
            text=text,
            permalink=permalink,
            answered_at=datetime.fromtimestamp(float(ts), UTC),
            user_team=outside_team(workspace, user_team),
        )
        if not queries.add_unique(session, answer):
            raise UserError("That message was saved a moment ago.")
        indexer = Indexer(session=session, workspace_id=workspace.id, bank=bank)
        indexer.index(answer, field=field)
        indexer.flush()
    if persona_id:
        link_to_persona(
            session,
            workspace_id=workspace.id,
            answer=answer,
            persona_id=int(persona_id),
            field=field,
            by=by,
        )
    return SavedAnswer(answer.id, channel, late=False, created=created)
