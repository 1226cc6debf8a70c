"""Where personabot is installed, and the Web API client of each workspace.

Single-token mode (``SLACK_BOT_TOKEN``): one client, for the one workspace. OAuth mode
(``SLACK_CLIENT_ID`` and friends): slack_sdk's SQLAlchemy installation and state stores on
our own database (the tables ``storage.installs`` declares and migration 0008 creates).
Saving an installation marks its workspace installed (``uninstalled_at`` cleared,
``enterprise_id`` recorded); deleting its bot (``app_uninstalled``, ``tokens_revoked``)
marks it uninstalled, which stops its rounds, reminders and digests. Its data stays.

OAuth state values are signed with ``SLACK_STATE_SECRET``: the store hands out
``<random>.<HMAC-SHA256(secret, random)>`` and refuses a value whose signature does not
match before it looks anything up, so a forged or tampered state never reaches the table.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Collection
from datetime import UTC, datetime
from typing import Any, Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import select, update

from bot.settings import OAuth
from storage import Database, Workspace, queries

log = logging.getLogger("personabot")

STATE_SECONDS = 600  # how long an install link's state stays usable
ROTATE_MINUTES = 120  # rotate a bot token that expires within this (as Bolt does)


# -- the workspace row ----------------------------------------------------------------


def mark_installed(*, db: Database, team_id: str, enterprise_id: str | None) -> None:
    """The workspace is (again) installed: rounds and digests resume."""
    with db.session() as session:
        workspace = queries.workspace(session, team_id=team_id)
        if workspace.uninstalled_at is not None:
            log.info("workspace %s installed again", team_id)
        workspace.uninstalled_at = None
        if enterprise_id:
            workspace.enterprise_id = enterprise_id


def mark_uninstalled(*, db: Database, team_id: str | None, enterprise_id: str | None) -> None:
    """The app was uninstalled (or its bot token revoked) in ``team_id`` (an org-wide
    install: every workspace of ``enterprise_id``): no more rounds, reminders or digests
    there. Nothing it stored is deleted."""
    if team_id:
        condition = Workspace.team_id == team_id
    elif enterprise_id:
        condition = Workspace.enterprise_id == enterprise_id
    else:
        return
    with db.session() as session:
        session.execute(
            update(Workspace)
            .where(condition, Workspace.uninstalled_at.is_(None))
            .values(uninstalled_at=datetime.now(UTC))
        )
    log.info("personabot uninstalled from %s", team_id or enterprise_id)


# -- OAuth stores ---------------------------------------------------------------------


class SignedStateStore(SQLAlchemyOAuthStateStore):
    """slack_sdk's state store, its values signed with the state secret."""

    def __init__(self, *, secret: str, db: Database) -> None:
        super().__init__(
            expiration_seconds=STATE_SECONDS, engine=db.engine, table_name="slack_oauth_states"
        )
        self._secret = secret.encode()

    def _sign(self, raw: str) -> str:
        return hmac.new(self._secret, raw.encode(), hashlib.sha256).hexdigest()

    def issue(self, *args: Any, **kwargs: Any) -> str:
        raw = str(super().issue(*args, **kwargs))
        return f"{raw}.{self._sign(raw)}"

    def consume(self, state: str) -> bool:
        raw, dot, signature = state.rpartition(".")
        if not (dot and raw and hmac.compare_digest(signature.encode(), self._sign(raw).encode())):
            log.warning("refused an OAuth state personabot did not sign")
            return False
        return bool(super().consume(raw))


class Installations(SQLAlchemyInstallationStore):
    """slack_sdk's installation store on our tables, keeping ``workspaces`` in step."""

    def __init__(self, *, client_id: str, db: Database) -> None:
        super().__init__(
            client_id=client_id,
            engine=db.engine,
            bots_table_name="slack_bots",
            installations_table_name="slack_installations",
        )
        self._db = db

    def save(self, installation: Installation) -> None:
        super().save(installation)
        if installation.team_id:
            mark_installed(
                db=self._db, team_id=installation.team_id, enterprise_id=installation.enterprise_id
            )

    def delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        super().delete_bot(enterprise_id=enterprise_id, team_id=team_id)
        mark_uninstalled(db=self._db, team_id=team_id, enterprise_id=enterprise_id)

    def bot_of(self, *, team_id: str | None, enterprise_id: str | None) -> Bot | None:
        """The workspace's bot (its own install, else its organisation's)."""
        bot = self.find_bot(enterprise_id=enterprise_id, team_id=team_id)
        if bot is None and enterprise_id:
            bot = self.find_bot(
                enterprise_id=enterprise_id, team_id=None, is_enterprise_install=True
            )
        return bot

    def installed_teams(self) -> list[str]:
        c = self.bots.c
        query = select(c.team_id).where(
            c.client_id == self.client_id, c.bot_token.is_not(None), c.team_id.is_not(None)
        )
        with self.engine.connect() as conn:
            return sorted({str(team) for team in conn.scalars(query.distinct())})


# -- clients --------------------------------------------------------------------------


class Clients(Protocol):
    """The Web API client of each workspace, for the clock's own calls."""

    def for_team(self, team_id: str) -> WebClient | None:
        """``team_id``'s client; None when personabot is not installed there."""

    def installed(self) -> Collection[str] | None:
        """The workspaces installed; None: every workspace not marked uninstalled."""


def clients_of(client: WebClient | Clients) -> Clients:
    """``client`` itself when it is a ``Clients``; a lone ``WebClient`` serves every team."""
    return OneClient(client) if isinstance(client, WebClient) else client


class OneClient:
    """Single-token mode: the bot token's client, for its (only) workspace."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def for_team(self, team_id: str) -> WebClient | None:
        return self.client

    def installed(self) -> Collection[str] | None:
        return None


class InstalledClients:
    """OAuth mode: each installation's bot token, rotated first when it expires soon."""

    def __init__(self, *, oauth: OAuth, db: Database, base: WebClient) -> None:
        self._db = db
        self._base = base
        self.store = Installations(client_id=oauth.client_id, db=db)
        self._rotator = TokenRotator(
            client_id=oauth.client_id, client_secret=oauth.client_secret, client=base
        )

    def installed(self) -> Collection[str] | None:
        return self.store.installed_teams()

    def for_team(self, team_id: str) -> WebClient | None:
        with self._db.reading() as session:
            enterprise_id = session.scalar(
                select(Workspace.enterprise_id).where(Workspace.team_id == team_id)
            )
        try:
            token = self._token(team_id=team_id, enterprise_id=enterprise_id)
        except SlackTokenRotationError as error:
            log.error("could not rotate the bot token of %s: %s", team_id, error)
            return None
        if token is None:
            return None
        return WebClient(
            token=token,
            base_url=self._base.base_url,
            timeout=self._base.timeout,
            team_id=team_id,
            retry_handlers=list(self._base.retry_handlers),
        )

    def _token(self, *, team_id: str, enterprise_id: str | None) -> str | None:
        installation = self.store.find_installation(enterprise_id=enterprise_id, team_id=team_id)
        if installation is not None and installation.bot_token:
            if installation.bot_refresh_token:
                rotated = self._rotator.perform_token_rotation(
                    installation=installation, minutes_before_expiration=ROTATE_MINUTES
                )
                if rotated is not None:
                    self.store.save(rotated)
                    installation = rotated
            return installation.bot_token
        bot = self.store.bot_of(team_id=team_id, enterprise_id=enterprise_id)
        if bot is not None and bot.bot_refresh_token:
            rotated_bot = self._rotator.perform_bot_token_rotation(
                bot=bot, minutes_before_expiration=ROTATE_MINUTES
            )
            if rotated_bot is not None:
                self.store.save_bot(rotated_bot)
                bot = rotated_bot
        return bot.bot_token if bot is not None else None


def is_installed(store: Installations, *, team_id: str | None, enterprise_id: str | None) -> bool:
    """Whether a request for ``team_id`` (or org ``enterprise_id``) has an installation."""
    return store.bot_of(team_id=team_id, enterprise_id=enterprise_id) is not None
