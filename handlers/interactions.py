"""Buttons under prompts, their modals, the "Add to personas" shortcut and linking an answer
by hand: ack first (with field errors for a bad modal), then call ``bot``."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.capture import interactive
from bot.capture.modals import answer_modal, job_story_errors, job_story_modal, shortcut_modal
from bot.errors import UserError
from bot.i18n import N_, t
from bot.settings import Settings
from bot.slack import blocks as views
from bot.slack import calls
from bot.slack.people import locale_for
from bot.slack.permissions import is_admin
from handlers import payloads
from handlers.errors import message_for
from questions import Bank
from storage import Database

log = logging.getLogger(__name__)
TOO_SLOW = N_("That took too long for Slack; press the button again.")


def _locale(client: WebClient, db: Database, settings: Settings, body: dict[str, Any]) -> str:
    """The language of the person who pressed, typed or submitted (one cached users.info)."""
    return locale_for(
        client=client,
        db=db,
        settings=settings,
        team_id=payloads.team_of(body),
        user_id=str(body["user"]["id"]),
    )


def open_answer(
    ack: Ack,
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    db: Database,
    settings: Settings,
) -> None:
    ack()
    action = body["actions"][0]["action_id"]
    locale = _locale(client, db, settings, body)
    try:
        with db.session() as session:
            prompt = interactive.prompt_at(
                session=session,
                team_id=payloads.team_of(body),
                channel=body["container"]["channel_id"],
                ts=body["container"]["message_ts"],
            )
            closed, question, prompt_id = prompt.closed_at is not None, prompt.text, prompt.id
    except UserError as error:
        respond(text=error.render(locale), response_type="ephemeral", replace_original=False)
        return
    view = (
        answer_modal(prompt_id=prompt_id, question=question, closed=closed, locale=locale)
        if action == views.ANSWER_PRIVATE
        else job_story_modal(prompt_id=prompt_id, question=question, locale=locale)
    )
    calls.open_modal(
        client, trigger_id=body["trigger_id"], view=view, too_slow=_too_slow(respond, locale)
    )


def submit_answer(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    client: WebClient,
    db: Database,
    settings: Settings,
    bank: Bank,
) -> None:
    locale = _locale(client, db, settings, body)
    text = payloads.text(view, views.ANSWER_BLOCK).strip()
    if not text:
        error = t(locale, "Write an answer first.")
        ack(response_action="errors", errors={views.ANSWER_BLOCK: error})
        return
    user = body["user"]["id"]
    try:  # stored before the ack: a refusal is shown in the modal, which keeps the text
        with db.session() as session:
            stored = interactive.answer_privately(
                session=session,
                team_id=payloads.team_of(body),
                prompt_id=int(view["private_metadata"]),
                user_id=user,
                text=text,
                key=view["id"],
                bank=bank,
                now=datetime.now(UTC),
            )
    except UserError as error:
        ack(response_action="errors", errors={views.ANSWER_BLOCK: error.render(locale)})
        return
    ack()
    saved = (
        t(
            locale,
            "Saved privately; it is not posted in the channel. "
            "It came after the question closed, so it is marked late.",
        )
        if stored.late
        else t(locale, "Saved privately; it is not posted in the channel.")
    )
    _tell(client, stored.channel, user, saved)


def submit_job_story(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    client: WebClient,
    db: Database,
    settings: Settings,
    bank: Bank,
) -> None:
    locale = _locale(client, db, settings, body)
    parts = {part: payloads.text(view, part).strip() for part in views.JOB_PARTS}
    errors = job_story_errors(**parts, problems=(), locale=locale)
    if errors:
        ack(response_action="errors", errors=errors)
        return
    metadata = view.get("private_metadata") or ""
    prompt_id, channel = (
        (int(metadata), None)
        if metadata.isdigit()
        else (None, json.loads(metadata or "{}").get("channel"))
    )
    user = body["user"]["id"]
    try:  # stored before the ack: a refusal is shown in the modal, which keeps the text
        with db.session() as session:
            stored = interactive.answer_job_story(
                session=session,
                team_id=payloads.team_of(body),
                prompt_id=prompt_id,
                channel=channel,
                user_id=user,
                parts=parts,
                key=view["id"],
                bank=bank,
                now=datetime.now(UTC),
            )
    except UserError as error:
        ack(response_action="errors", errors={views.JOB_PARTS[0]: error.render(locale)})
        return
    ack()
    hints = interactive.job_story_problems(parts, locale=locale)
    tips = "".join(f"\n• {message}" for _, message in hints)
    saved = (
        t(locale, "Job story saved. To sharpen it:") + tips
        if tips
        else t(locale, "Job story saved.")
    )
    _tell(client, stored.channel, user, saved)


def open_shortcut(
    ack: Ack,
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    db: Database,
    settings: Settings,
) -> None:
    ack()
    locale = _locale(client, db, settings, body)
    message = body.get("message") or {}
    if message.get("bot_id") or message.get("subtype") == "bot_message":
        respond(
            text=t(locale, "Bot messages cannot be saved as evidence; pick what a person wrote."),
            response_type="ephemeral",
        )
        return
    if not message.get("text"):
        respond(text=t(locale, "I cannot read that message."), response_type="ephemeral")
        return
    channel = body["channel"]["id"]
    with db.session() as session:
        choices = interactive.persona_choices(session=session, team_id=payloads.team_of(body))
    metadata = json.dumps(
        {
            "channel": channel,
            "ts": message["ts"],
            "user": message.get("user"),
            "text": message["text"][:2500],
        }
    )
    view = shortcut_modal(
        personas=choices,
        message_text=message["text"],
        author=str(message.get("user", "")),
        channel=channel,
        metadata=metadata,
        locale=locale,
    )
    calls.open_modal(
        client, trigger_id=body["trigger_id"], view=view, too_slow=_too_slow(respond, locale)
    )


def submit_shortcut(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    client: WebClient,
    db: Database,
    settings: Settings,
    bank: Bank,
) -> None:
    locale = _locale(client, db, settings, body)
    field = payloads.selected(view, views.FIELD_BLOCK)
    if not field:
        error = t(locale, "Pick a persona field.")
        ack(response_action="errors", errors={views.FIELD_BLOCK: error})
        return
    data = json.loads(view["private_metadata"])
    also_job = bool(payloads.checked(view, views.ALSO_JOB_BLOCK))
    if also_job:
        story = job_story_modal(prompt_id=None, question=data["text"], locale=locale)
        story["private_metadata"] = json.dumps({"channel": data["channel"]})
        ack(response_action="push", view=story)
    else:
        ack()
    try:
        link = client.chat_getPermalink(channel=data["channel"], message_ts=data["ts"])
        permalink: str | None = str(link["permalink"])
    except SlackApiError:
        permalink = None
    user = body["user"]["id"]
    try:
        with db.session() as session:
            interactive.save_message(
                session=session,
                team_id=payloads.team_of(body),
                channel=data["channel"],
                ts=data["ts"],
                user_id=data.get("user") or user,
                text=data["text"],
                permalink=permalink,
                persona_id=payloads.selected(view, views.PERSONA_BLOCK),
                field=field,
                by=user,
                bank=bank,
            )
    except UserError as error:  # the modal is closed already: say it beside the message
        _tell(client, data["channel"], user, error.render(locale))
        return
    _tell(client, data["channel"], user, t(locale, "Saved as evidence."))


def link_answer(
    ack: Ack,
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    db: Database,
    settings: Settings,
    bank: Bank,
) -> None:
    ack()
    action = body["actions"][0]
    value = (action.get("selected_option") or {}).get("value") or action.get("value") or ""
    answer_id, _, choice = value.partition("|")
    user = body["user"]["id"]
    admin = is_admin(client=client, settings=settings, user_id=user)
    locale = _locale(client, db, settings, body)  # the same users.info answer, cached
    try:
        with db.session() as session:
            if action["action_id"] == views.UNLINK_ANSWER:
                text = interactive.unlink(
                    session=session,
                    team_id=payloads.team_of(body),
                    answer_id=int(answer_id),
                    actor=user,
                    actor_is_admin=admin,
                    locale=locale,
                )
            else:
                linking = action["action_id"] == views.LINK_ANSWER
                text = interactive.link(
                    session=session,
                    team_id=payloads.team_of(body),
                    answer_id=int(answer_id),
                    bank=bank,
                    persona_id=int(choice) if linking else None,
                    field=None if linking else choice,
                    actor=user,
                    actor_is_admin=admin,
                    locale=locale,
                )
    except (UserError, ValueError) as error:
        text = (
            message_for(error, locale)
            if isinstance(error, UserError)
            else t(locale, "That choice is not valid.")
        )
    respond(text=text, response_type="ephemeral", replace_original=False)


def _too_slow(respond: Respond, locale: str) -> Callable[[], None]:
    def say() -> None:
        respond(text=t(locale, TOO_SLOW), response_type="ephemeral", replace_original=False)

    return say


def _tell(client: WebClient, channel: str, user: str, text: str) -> None:
    try:
        client.chat_postEphemeral(channel=channel, user=user, text=text)
    except SlackApiError as error:  # the answer is stored; the note is a courtesy
        log.info("no confirmation for %s in %s: %s", user, channel, error.response.get("error"))


def register(app: App) -> None:
    app.action(views.ANSWER_PRIVATE)(open_answer)
    app.action(views.JOB_STORY)(open_answer)
    app.view(views.ANSWER_MODAL)(submit_answer)
    app.view(views.JOB_MODAL)(submit_job_story)
    app.shortcut(views.SHORTCUT)(open_shortcut)
    app.view(views.SHORTCUT_MODAL)(submit_shortcut)
    for action in (views.LINK_ANSWER, views.LINK_FIELD, views.UNLINK_ANSWER):
        app.action(action)(link_answer)
