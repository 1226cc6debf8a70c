"""Builds the Bolt app: one client, one middleware, every listener module registered here."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.settings import Settings
from bot.slack.client import installed_team, make_client
from handlers import commands, edge, errors, events, home, interactions
from questions import Bank
from storage import Database


def build_app(
    *, settings: Settings, db: Database, bank: Bank, client: WebClient | None = None
) -> App:
    app = App(
        client=client or make_client(settings),
        signing_secret=settings.signing_secret or "",
        request_verification_enabled=not settings.socket_mode,
        # Listeners run on Bolt's worker threads after the ack (process_before_response
        # stays False), so each listener opens its own session from ``db``.
        process_before_response=False,
    )

    @app.middleware
    def inject(context: BoltContext, next: Callable[[], None]) -> None:
        context["db"] = db
        context["settings"] = settings
        context["bank"] = bank
        next()

    for module in (commands, events, interactions, home, errors):
        module.register(app)
    # Over HTTP, requests are signed with the signing secret whatever the settings'
    # transport (``personabot serve`` with an app token set included).
    edge.attach(
        app,
        edge.Edge(
            signing_secret=settings.signing_secret,
            installed_team=lambda: installed_team(app.client),
        ),
    )
    return app
