"""Buttons under prompts, their modals, the "Add to personas" shortcut and linking an answer
by hand: parse the payload, call ``bot.capture``, ack (with field errors for a bad modal).

A modal's submission is acked as the use case says (``Submitted``): field errors keep the
modal open, a view may be pushed; the work left for after the ack (a confirmation, the
shortcut's save) then runs here, once Slack has its answer: it is short, so it does not
queue behind digests on the worker pool.

The two buttons under a ``forget`` or ``workspace delete`` confirmation call
``bot.personal.confirm`` and replace the question with what was done (or "nothing changed").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.capture import linking, private, shortcut, stories
from bot.capture.modals import read_answer, read_job_story
from bot.capture.pickers import read_shortcut
from bot.personal import confirm
from bot.settings import Settings
from bot.slack import blocks as views
from bot.slack import people
from handlers.errors import reply_later, reply_with
from handlers.payloads import ack_submission, guarded, team_of, user_of
from questions import Bank
from storage import Database


def open_answer(
    ack: Ack,
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    db: Database,
    settings: Settings,
) -> None:
    ack()
    said = private.open_for_prompt(
        db=db,
        client=client,
        settings=settings,
        team_id=team_of(body),
        user_id=user_of(body),
        channel=body["container"]["channel_id"],
        ts=body["container"]["message_ts"],
        trigger_id=body["trigger_id"],
        job_story=body["actions"][0]["action_id"] != views.ANSWER_PRIVATE,
    )
    _say(respond, said)


def submit_answer(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    client: WebClient,
    db: Database,
    settings: Settings,
    bank: Bank,
) -> None:
    prompt_id, text = read_answer(view)
    submitted = private.submit_answer(
        db=db,
        client=client,
        settings=settings,
        team_id=team_of(body),
        user_id=user_of(body),
        prompt_id=prompt_id,
        text=text,
        key=view["id"],
        bank=bank,
        user_team=body["user"].get("team_id"),
    )
    ack_submission(ack, submitted)
    if submitted.then is not None:
        submitted.then()


def submit_job_story(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    client: WebClient,
    db: Database,
    settings: Settings,
    bank: Bank,
) -> None:
    submitted = stories.submit_job_story(
        db=db,
        client=client,
        settings=settings,
        team_id=team_of(body),
        user_id=user_of(body),
        form=read_job_story(view),
        key=view["id"],
        bank=bank,
        user_team=body["user"].get("team_id"),
    )
    ack_submission(ack, submitted)
    if submitted.then is not None:
        submitted.then()


def open_shortcut(
    ack: Ack,
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    db: Database,
    settings: Settings,
) -> None:
    ack()
    said = shortcut.open_shortcut(
        db=db,
        client=client,
        settings=settings,
        team_id=team_of(body),
        user_id=user_of(body),
        channel=body["channel"]["id"],
        message=body.get("message") or {},
        trigger_id=body["trigger_id"],
    )
    _say(respond, said)


def submit_shortcut(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    client: WebClient,
    db: Database,
    settings: Settings,
    bank: Bank,
) -> None:
    submitted = shortcut.submit_shortcut(
        db=db,
        client=client,
        settings=settings,
        team_id=team_of(body),
        user_id=user_of(body),
        form=read_shortcut(view),
        bank=bank,
    )
    ack_submission(ack, submitted)
    if submitted.then is not None:
        submitted.then()


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
    said = linking.choose(
        db=db,
        client=client,
        settings=settings,
        team_id=team_of(body),
        user_id=user_of(body),
        action_id=action["action_id"],
        value=(action.get("selected_option") or {}).get("value") or action.get("value") or "",
        bank=bank,
    )
    _say(respond, said)


def confirm_personal(
    ack: Ack,
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    db: Database,
    settings: Settings,
    bank: Bank,
) -> None:
    """ "Erase" / "Delete everything" under a ``forget`` or ``workspace delete``
    confirmation: the work (on the worker pool: erasing can be slow), then the outcome, or
    its error, in place of the question."""
    ack()
    team_id, user_id = team_of(body), user_of(body)
    value = str(body["actions"][0].get("value") or "")

    def work(locale: str) -> str:
        return confirm.press(
            db=db,
            client=client,
            settings=settings,
            bank=bank,
            team_id=team_id,
            user_id=user_id,
            value=value,
            locale=locale,
        )

    reply_later(respond, work, locale=_locale(body, client, db, settings), replace_original=True)


def cancel_personal(
    ack: Ack,
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    db: Database,
    settings: Settings,
) -> None:
    ack()
    reply_with(
        respond,
        confirm.cancelled,
        locale=_locale(body, client, db, settings),
        replace_original=True,
    )


def _locale(
    body: dict[str, Any], client: WebClient, db: Database, settings: Settings
) -> Callable[[], str]:
    """The language of whoever acted, asked for when the reply is written."""
    return lambda: people.locale_for(
        client=client, db=db, settings=settings, team_id=team_of(body), user_id=user_of(body)
    )


def _say(respond: Respond, text: str | None) -> None:
    """Tell the person who acted, privately, beside what they acted on."""
    if text:
        respond(text=text, response_type="ephemeral", replace_original=False)


def register(app: App) -> None:
    app.action(views.ANSWER_PRIVATE)(guarded(open_answer))
    app.action(views.JOB_STORY)(guarded(open_answer))
    app.view(views.ANSWER_MODAL)(guarded(submit_answer))
    app.view(views.JOB_MODAL)(guarded(submit_job_story))
    app.shortcut(views.SHORTCUT)(guarded(open_shortcut))
    app.view(views.SHORTCUT_MODAL)(guarded(submit_shortcut))
    for action in (views.LINK_ANSWER, views.LINK_FIELD, views.UNLINK_ANSWER):
        app.action(action)(guarded(link_answer))
    app.action(confirm.CONFIRM)(guarded(confirm_personal))
    app.action(confirm.CANCEL)(guarded(cancel_personal))
