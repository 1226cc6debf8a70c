"""The App Home tab and the admin setup modal, each in the viewer's language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.commands import browse
from bot.home import data as home
from bot.i18n import t
from bot.insights.render.messages import digest_text
from bot.insights.worker import compose_committed
from bot.settings import Settings
from bot.setup import form as setup
from bot.setup.view import ScheduleFields, setup_groups, setup_modal
from bot.slack import blocks as views
from bot.slack import calls
from bot.slack.people import locale_for
from bot.slack.permissions import is_admin
from handlers import payloads
from handlers.errors import message_for, run_later
from questions import GROUPS
from storage import Database


def publish(
    *, db: Database, client: WebClient, settings: Settings, team_id: str, user: str, page: int = 0
) -> None:
    admin = is_admin(client=client, settings=settings, user_id=user)
    locale = locale_for(client=client, db=db, settings=settings, team_id=team_id, user_id=user)
    with db.reading() as session:
        view = home.view(
            session=session,
            team_id=team_id,
            is_admin=admin,
            now=datetime.now(UTC),
            locale=locale,
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

    def locale() -> str:
        return locale_for(client=client, db=db, settings=settings, team_id=team, user_id=user)

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
        run_later(lambda: _dm(client, user, lambda loc: _preview(db, team, loc), locale()))
    elif kind == views.HOME_EXPORT:
        fmt = str((action.get("selected_option") or {}).get("value") or "md")
        run_later(
            lambda: _dm(
                client, user, lambda loc: _export(db, client, team, user, fmt, loc), locale()
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
    team, user = payloads.team_of(body), str(body["user"]["id"])
    locale = locale_for(client=client, db=db, settings=settings, team_id=team, user_id=user)
    form = _form(view)
    now = datetime.now(UTC)
    errors = setup.check(form, default_timezone=settings.timezone, now=now, locale=locale)
    if errors:
        ack(response_action="errors", errors=errors)
        return
    try:
        with db.session() as session:  # quick: saved before the ack, so a refusal can show
            added = setup.apply(
                session=session,
                team_id=team,
                form=form,
                user_id=user,
                now=now,
                default_timezone=settings.timezone,
            )
    except setup.FieldError as refused:
        ack(
            response_action="errors",
            errors={refused.block: refused.error.render(locale)[: views.ERROR_TEXT]},
        )
        return
    ack()
    run_later(lambda: _after_setup(client, db, settings, team, user, added))


def _after_setup(
    client: WebClient, db: Database, settings: Settings, team: str, user: str, added: list[str]
) -> None:
    closed_doors = [c for c in added if not calls.join(client, channel_id=c)]
    locale = locale_for(client=client, db=db, settings=settings, team_id=team, user_id=user)
    if closed_doors:
        where = ", ".join(f"<#{c}>" for c in closed_doors)
        _dm(
            client,
            user,
            lambda loc: t(
                loc, "Saved. Invite me with `/invite @personabot` in {where}.", where=where
            ),
            locale,
        )
    publish(db=db, client=client, settings=settings, team_id=team, user=user)


def _open_setup(
    *, client: WebClient, db: Database, settings: Settings, team: str, user: str, trigger_id: str
) -> None:
    locale = locale_for(client=client, db=db, settings=settings, team_id=team, user_id=user)
    if not is_admin(client=client, settings=settings, user_id=user):
        _dm(
            client,
            user,
            lambda loc: t(loc, "Only workspace admins and owners can change the setup."),
            locale,
        )
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
        schedules=now.schedules,
        digest_channel=now.digest_channel,
        digest=now.digest,
        locale_value=now.locale,
        holidays=now.holidays,
        timezone=settings.timezone,
        locale=locale,
    )
    calls.open_modal(
        client,
        trigger_id=trigger_id,
        view=view,
        too_slow=lambda: _dm(
            client,
            user,
            lambda loc: t(loc, "That took too long for Slack; press Setup again."),
            locale,
        ),
    )


def _groups(view: dict[str, Any]) -> list[str]:
    """The groups the submitted modal showed (from its blocks), else the default ones."""
    prefix = views.CHANNELS_BLOCK.format(group="")
    shown = [
        str(b["block_id"])[len(prefix) :]
        for b in view.get("blocks") or []
        if str(b.get("block_id", "")).startswith(prefix)
    ]
    return shown or setup_groups({}, {})


def _form(view: dict[str, Any]) -> setup.SetupForm:
    def state(block: str) -> dict[str, Any]:
        return payloads.state(view, block)

    def fields(group: str) -> ScheduleFields:
        def value(kind: str) -> str:
            return str(state(kind.format(group=group)).get("value") or "")

        days = state(views.DAYS_BLOCK.format(group=group)).get("selected_options") or []
        zone = state(views.TIMEZONE_BLOCK.format(group=group)).get("selected_option") or {}
        return ScheduleFields(
            days=tuple(str(o.get("value") or "") for o in days),
            time=str(state(views.TIME_BLOCK.format(group=group)).get("selected_time") or ""),
            timezone=str(zone.get("value") or ""),
            questions=value(views.QUESTIONS_BLOCK),
            remind_hours=value(views.REMIND_BLOCK),
            close_hours=value(views.CLOSE_BLOCK),
            cap=value(views.CAP_BLOCK),
        )

    groups = _groups(view)
    return setup.SetupForm(
        channels={
            g: list(state(views.CHANNELS_BLOCK.format(group=g)).get("selected_conversations") or [])
            for g in groups
        },
        schedules={g: fields(g) for g in groups if g in GROUPS},
        digest_channel=state("digest_channel").get("selected_conversation"),
        digest=fields(views.DIGEST),
        locale=str((state("locale").get("selected_option") or {}).get("value") or "en"),
        holidays=str(state("holidays").get("value") or ""),
    )


def _preview(db: Database, team: str, locale: str) -> str:
    with db.reading() as session:
        digest = compose_committed(
            session=session, team_id=team, now=datetime.now(UTC), locale=locale
        )
    return digest_text(digest, locale=locale)


def _export(db: Database, client: WebClient, team: str, user: str, fmt: str, locale: str) -> str:
    with db.reading() as session:
        return browse.export(
            session=session,
            client=client,
            team_id=team,
            user_id=user,
            fmt=fmt,
            locale=locale,
        )


def _dm(client: WebClient, user: str, text: Callable[[str], str], locale: str) -> None:
    """Send the outcome to the user's DM with the app (Home actions have no channel), in
    ``locale``; a failure is said in it too."""
    try:
        message = text(locale)
    except Exception as error:  # every failure becomes a message; unexpected ones are logged
        message = message_for(error, locale)
    client.chat_postMessage(channel=user, text=message)


def register(app: App) -> None:
    app.event("app_home_opened")(home_opened)
    for action in (views.HOME_MORE, views.HOME_SETUP, views.HOME_PREVIEW, views.HOME_EXPORT):
        app.action(action)(home_button)
    app.view(views.SETUP_MODAL)(submit_setup)
