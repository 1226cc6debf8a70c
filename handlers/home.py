"""The App Home tab and the admin setup modal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot import asking, browse, home, setup, views
from bot.digests import compose
from bot.permissions import is_admin
from bot.settings import Settings
from bot.synthesis.render_slack import digest_text
from bot.views.home import setup_modal
from handlers import payloads
from handlers.errors import message_for, run_later
from questions import GROUPS
from storage import Database, queries

log = logging.getLogger(__name__)


def publish(
    *, db: Database, client: WebClient, settings: Settings, team_id: str, user: str, page: int = 0
) -> None:
    admin = is_admin(client=client, settings=settings, user_id=user)
    with db.reading() as session:
        view = home.view(
            session=session,
            team_id=team_id,
            is_admin=admin,
            now=datetime.now(UTC),
            locale=queries.locale_of(session, team_id=team_id, default=settings.locale),
            page=page,
        )
    client.views_publish(user_id=user, view=view)


def home_opened(
    event: dict[str, Any], context: BoltContext, client: WebClient, db: Database, settings: Settings
) -> None:
    if event.get("tab", "home") != "home":
        return
    team, user = str(context.team_id), str(event["user"])
    run_later(lambda: publish(db=db, client=client, settings=settings, team_id=team, user=user))


def home_button(
    ack: Ack, body: dict[str, Any], client: WebClient, db: Database, settings: Settings
) -> None:
    ack()
    action = body["actions"][0]
    team, user = payloads.team_of(body), str(body["user"]["id"])
    kind = action["action_id"]
    if kind == views.HOME_MORE:
        page = int(action.get("value") or 0)
        run_later(
            lambda: publish(
                db=db, client=client, settings=settings, team_id=team, user=user, page=page
            )
        )
    elif kind == views.HOME_SETUP:
        _open_setup(
            client=client,
            db=db,
            settings=settings,
            team=team,
            user=user,
            trigger_id=body["trigger_id"],
        )
    elif kind == views.HOME_PREVIEW:
        run_later(lambda: _dm(client, user, lambda: _preview(db, team, settings)))
    elif kind == views.HOME_EXPORT:
        fmt = str((action.get("selected_option") or {}).get("value") or "md")
        run_later(lambda: _dm(client, user, lambda: _export(db, client, team, user, fmt, settings)))


def submit_setup(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    client: WebClient,
    db: Database,
    settings: Settings,
) -> None:
    form = _form(view)
    now = datetime.now(UTC)
    errors = setup.check(form, default_timezone=settings.timezone, now=now)
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ack()
    team, user = payloads.team_of(body), str(body["user"]["id"])
    with db.session() as session:
        added = setup.apply(
            session=session,
            team_id=team,
            form=form,
            user_id=user,
            now=now,
            default_timezone=settings.timezone,
        )
    closed_doors = [c for c in added if not asking.join(client, channel_id=c)]
    if closed_doors:
        where = ", ".join(f"<#{c}>" for c in closed_doors)
        _dm(client, user, lambda: f"Saved. Invite me with `/invite @personabot` in {where}.")
    publish(db=db, client=client, settings=settings, team_id=team, user=user)


def _open_setup(
    *, client: WebClient, db: Database, settings: Settings, team: str, user: str, trigger_id: str
) -> None:
    if not is_admin(client=client, settings=settings, user_id=user):
        _dm(client, user, lambda: "Only workspace admins and owners can change the setup.")
        return
    with db.reading() as session:
        now = setup.current(
            session=session,
            team_id=team,
            default_locale=settings.locale,
            default_holidays=settings.holiday_country,
        )
    view = setup_modal(
        groups_channels=now.channels,
        schedules=now.cadences,
        digest_channel=now.digest_channel,
        digest_cadence=now.digest_cadence,
        locale_value=now.locale,
        holidays=now.holidays,
        locale=settings.locale,
    )
    payloads.open_modal(
        client,
        trigger_id,
        view,
        too_slow=lambda: _dm(
            client, user, lambda: "That took too long for Slack; press Setup again."
        ),
    )


def _form(view: dict[str, Any]) -> setup.SetupForm:
    def state(block: str) -> dict[str, Any]:
        return payloads.state(view, block)

    return setup.SetupForm(
        channels={
            g: list(state(f"channels_{g}").get("selected_conversations") or []) for g in GROUPS
        },
        cadences={g: str(state(f"cadence_{g}").get("value") or "") for g in GROUPS},
        digest_channel=state("digest_channel").get("selected_conversation"),
        digest_cadence=str(state("digest_cadence").get("value") or ""),
        locale=str((state("locale").get("selected_option") or {}).get("value") or "en"),
        holidays=str(state("holidays").get("value") or ""),
    )


def _preview(db: Database, team: str, settings: Settings) -> str:
    with db.reading() as session:
        digest = compose(
            session=session, team_id=team, now=datetime.now(UTC), locale=settings.locale
        )
    return digest_text(digest, locale=settings.locale)


def _export(
    db: Database, client: WebClient, team: str, user: str, fmt: str, settings: Settings
) -> str:
    with db.reading() as session:
        return browse.export(
            session=session,
            client=client,
            team_id=team,
            user_id=user,
            fmt=fmt,
            locale=settings.locale,
        )


def _dm(client: WebClient, user: str, text: Callable[[], str]) -> None:
    """Send the outcome to the user's DM with the app (Home actions have no channel)."""
    try:
        message = text()
    except Exception as error:  # every failure becomes a message; unexpected ones are logged
        message = message_for(error, "en")
    client.chat_postMessage(channel=user, text=message)


def register(app: App) -> None:
    app.event("app_home_opened")(home_opened)
    for action in (views.HOME_MORE, views.HOME_SETUP, views.HOME_PREVIEW, views.HOME_EXPORT):
        app.action(action)(home_button)
    app.view(views.SETUP_MODAL)(submit_setup)
