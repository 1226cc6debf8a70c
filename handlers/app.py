"""Builds the Bolt app: one client, one middleware, every listener module registered here.

With ``SLACK_CLIENT_ID``, ``SLACK_CLIENT_SECRET`` and ``SLACK_STATE_SECRET`` set, the app
installs itself through Bolt's own OAuth flow (``GET /slack/install`` and
``GET /slack/oauth_redirect``), keeps installations in our database
(``bot.slack.installs``) and answers each workspace with its own bot token (rotated by Bolt
when the installation carries a refresh token). Otherwise it speaks with the one bot token.
"""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import App, BoltContext
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient

from bot.settings import OAuth, Settings
from bot.slack.client import installed_team, make_client
from bot.slack.installs import ROTATE_MINUTES, Installations, SignedStateStore, is_installed
from handlers import commands, edge, errors, events, home, interactions
from questions import Bank
from storage import Database

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"


def build_app(
    *, settings: Settings, db: Database, bank: Bank, client: WebClient | None = None
) -> App:
    oauth = settings.oauth
    store = None if oauth is None else Installations(client_id=oauth.client_id, db=db)
    app = App(
        client=client or make_client(settings),
        signing_secret=settings.signing_secret or "",
        request_verification_enabled=not settings.socket_mode,
        # Listeners run on Bolt's worker threads after the ack (process_before_response
        # stays False), so each listener opens its own session from ``db``.
        process_before_response=False,
        # Given to the app too, so that Bolt's authorize rotates tokens through our client
        # (``SLACK_API_URL``), not a default one.
        installation_store=store,
        oauth_settings=None if store is None else _oauth_settings(oauth, store=store, db=db),
    )

    @app.middleware
    def inject(context: BoltContext, next: Callable[[], None]) -> None:
        context["db"] = db
        context["settings"] = settings
        context["bank"] = bank
        next()

    for module in (commands, events, interactions, home, errors):
        module.register(app)
    if store is None:
        events.register_uninstall(app)
    else:  # Bolt's own listeners delete the tokens; the store marks the workspace
        app.enable_token_revocation_listeners()
    # Over HTTP, requests are signed with the signing secret whatever the settings'
    # transport (``personabot serve`` with an app token set included).
    edge.attach(
        app,
        edge.Edge(
            signing_secret=settings.signing_secret,
            installed_team=lambda: installed_team(app.client),
            installed=None
            if store is None
            else lambda team, enterprise: is_installed(
                store, team_id=team, enterprise_id=enterprise
            ),
        ),
    )
    return app


def _oauth_settings(oauth: OAuth | None, *, store: Installations, db: Database) -> OAuthSettings:
    assert oauth is not None
    return OAuthSettings(
        client_id=oauth.client_id,
        client_secret=oauth.client_secret,
        scopes=list(oauth.scopes),
        user_scopes=[],
        redirect_uri=oauth.redirect_uri,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        # /slack/install goes straight to Slack's consent page (no page of our own first)
        install_page_rendering_enabled=False,
        installation_store=store,
        state_store=SignedStateStore(secret=oauth.state_secret, db=db),
        token_rotation_expiration_minutes=ROTATE_MINUTES,
    )
