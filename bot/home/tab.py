"""The App Home tab as a use case: show it to a user (in their language, with the admin's
Setup button when they are one), and its buttons' work: a digest preview or an export, sent
to the user's DM with the app (Home actions have no channel to answer in)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from slack_sdk import WebClient

from bot.errors import message_for
from bot.home import data
from bot.i18n import t
from bot.insights import exports
from bot.insights.render.messages import digest_text
from bot.insights.worker import compose_committed
from bot.settings import Settings
from bot.slack import calls, people
from bot.slack.people import locale_for
from bot.slack.permissions import is_admin
from storage import Database


def show_home(
    *,
    db: Database,
    client: WebClient,
    settings: Settings,
    team_id: str,
    user_id: str,
    page: int = 0,
) -> None:
    """Publish ``user_id``'s Home tab, at ``page`` of the personas."""
    admin = is_admin(client=client, settings=settings, user_id=user_id)
    locale = locale_for(client=client, db=db, settings=settings, team_id=team_id, user_id=user_id)
    with db.reading() as session:
        view = data.view(
            session=session,
            team_id=team_id,
            is_admin=admin,
            now=datetime.now(UTC),
            locale=locale,
            page=page,
        )
    client.views_publish(user_id=user_id, view=view)


def send_preview(
    *, db: Database, client: WebClient, settings: Settings, team_id: str, user_id: str
) -> None:
    """The digest as it stands, as text in the user's DM."""

    def preview(locale: str) -> str:
        with db.reading() as session:
            digest = compose_committed(
                session=session, team_id=team_id, now=datetime.now(UTC), locale=locale
            )
        return digest_text(digest, locale=locale)

    _dm_outcome(
        db=db, client=client, settings=settings, team_id=team_id, user_id=user_id, work=preview
    )


def send_export(
    *, db: Database, client: WebClient, settings: Settings, team_id: str, user_id: str, fmt: str
) -> None:
    """The persona report (or the evidence) as a ``fmt`` file in the user's DM."""

    def export(locale: str) -> str:
        now = datetime.now(UTC)
        with db.reading() as session:
            content = exports.render(
                session=session,
                team_id=team_id,
                fmt=fmt,
                locale=locale,
                now=now,
                names=lambda ids: people.names(client=client, user_ids=ids),
            )
        name = exports.filename(fmt, now)
        calls.upload_to_dm(client, user=user_id, filename=name, content=content)
        return t(locale, "Sent {name} to your direct messages with me.", name=name)

    _dm_outcome(
        db=db, client=client, settings=settings, team_id=team_id, user_id=user_id, work=export
    )


def _dm_outcome(
    *,
    db: Database,
    client: WebClient,
    settings: Settings,
    team_id: str,
    user_id: str,
    work: Callable[[str], str],
) -> None:
    """Run ``work`` in the user's language and send what it says to their DM; a failure is
    said there too."""
    locale = locale_for(client=client, db=db, settings=settings, team_id=team_id, user_id=user_id)
    try:
        message = work(locale)
    except Exception as error:  # every failure becomes a message; unexpected ones are logged
        message = message_for(error, locale)
    calls.dm(client, user=user_id, text=message)
