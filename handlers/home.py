"""The App Home tab and the admin setup modal: parse, call ``bot.home`` / ``bot.setup``, ack.

Publishing the Home tab, previews and exports run on the worker pool (``run_later``): they
read the whole digest, and a listener must stay free to ack the next request in time.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.home import tab
from bot.settings import Settings
from bot.setup import flow
from bot.setup.view import read_setup
from bot.slack import blocks as views
from handlers.errors import run_later
from handlers.payloads import ack_submission, guarded, team_of, user_of
from storage import Database


def home_opened(
    event: dict[str, Any], context: BoltContext, client: WebClient, db: Database, settings: Settings
) -> None:
    if event.get("tab", "home") != "home":
        return
    team, user = str(context.team_id), str(event["user"])
    run_later(
        lambda: tab.show_home(db=db, client=client, settings=settings, team_id=team, user_id=user)
    )


def home_button(
    ack: Ack, body: dict[str, Any], client: WebClient, db: Database, settings: Settings
) -> None:
    ack()
    action = body["actions"][0]
    team, user = team_of(body), user_of(body)
    kind = action["action_id"]
    if kind == views.HOME_MORE:
        page = int(action.get("value") or 0)
        run_later(
            lambda: tab.show_home(
                db=db, client=client, settings=settings, team_id=team, user_id=user, page=page
            )
        )
    elif kind == views.HOME_SETUP:
        flow.open_setup(
            db=db,
            client=client,
            settings=settings,
            team_id=team,
            user_id=user,
            trigger_id=body["trigger_id"],
        )
    elif kind == views.HOME_PREVIEW:
        run_later(
            lambda: tab.send_preview(
                db=db, client=client, settings=settings, team_id=team, user_id=user
            )
        )
    elif kind == views.HOME_EXPORT:
        fmt = str((action.get("selected_option") or {}).get("value") or "md")
        run_later(
            lambda: tab.send_export(
                db=db, client=client, settings=settings, team_id=team, user_id=user, fmt=fmt
            )
        )


def submit_setup(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    client: WebClient,
    db: Database,
    settings: Settings,
) -> None:
    submitted = flow.submit_setup(
        db=db,
        client=client,
        settings=settings,
        team_id=team_of(body),
        user_id=user_of(body),
        form=read_setup(view),
    )
    ack_submission(ack, submitted)
    if submitted.then is not None:
        run_later(submitted.then)  # joins channels, DMs, publishes the Home tab


def register(app: App) -> None:
    app.event("app_home_opened")(guarded(home_opened))
    for action in (views.HOME_MORE, views.HOME_SETUP, views.HOME_PREVIEW, views.HOME_EXPORT):
        app.action(action)(guarded(home_button))
    app.view(views.SETUP_MODAL)(guarded(submit_setup))
