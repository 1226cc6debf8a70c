"""Tokens and the OAuth app of the fake: which workspace a token speaks for, whether it still
works, and ``oauth.v2.access`` as Slack documents it.

* A token is a bot token (``xoxb-``, or ``xoxe.xoxb-`` once rotated) or the app-level token
  (``xapp-``), for one workspace. Unknown -> ``invalid_auth``; revoked (the app was
  uninstalled there: ``FakeSlack.uninstall``) -> ``token_revoked``; past its expiry
  (token rotation) -> ``token_expired``.
* ``oauth.v2.access`` takes the app's credentials as HTTP Basic auth or as ``client_id`` /
  ``client_secret`` parameters (``invalid_client_id``, ``bad_client_secret``), and either
  ``code`` (issued by ``FakeSlack.authorize``, as Slack's consent page would; single use:
  ``invalid_code`` / ``code_already_used``; ``bad_redirect_uri`` when a redirect_uri is
  given and differs from the one the code was issued for), or ``grant_type=refresh_token``
  with a refresh token (``invalid_refresh_token``). With token rotation on, the answer
  carries ``refresh_token`` and ``expires_in``; a refreshed access token replaces the
  previous one, which stays valid until it expires (as Slack does).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from tests.slackfake.state import ApiError, Workspace

NO_TOKEN_METHODS = frozenset({"oauth.v2.access"})


@dataclass
class Token:
    value: str
    team_id: str
    kind: str  # "bot" or "app"
    expires_at: float | None = None
    revoked: bool = False


@dataclass
class OAuthApp:
    client_id: str
    client_secret: str
    redirect_uri: str | None = None
    expires_in: int | None = None  # seconds; None: token rotation off


@dataclass
class _Grant:
    team_id: str
    user_id: str
    scopes: tuple[str, ...]
    redirect_uri: str | None
    used: bool = False


@dataclass
class Tokens:
    """Every token the fake has issued (not thread-safe: ``FakeSlack``'s lock guards it)."""

    tokens: dict[str, Token] = field(default_factory=dict)
    app: OAuthApp | None = None
    _grants: dict[str, _Grant] = field(default_factory=dict)
    _refresh: dict[str, Token] = field(default_factory=dict)  # refresh token -> its access
    _scopes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # team -> granted

    def add(self, value: str, *, team_id: str, kind: str, expires_in: int | None = None) -> Token:
        expires = None if expires_in is None else time.time() + expires_in
        token = Token(value, team_id, kind, expires)
        self.tokens[value] = token
        return token

    def bot_of(self, team_id: str) -> str | None:
        """The newest working bot token of ``team_id`` (else its newest)."""
        bots = [t for t in self.tokens.values() if t.team_id == team_id and t.kind == "bot"]
        working = [t for t in bots if not t.revoked] or bots
        return working[-1].value if working else None

    def check(self, token: str | None, method: str) -> tuple[Token | None, str | None]:
        """(the token, None) when it may call ``method``; (None, Slack's error) otherwise."""
        if method in NO_TOKEN_METHODS:
            return None, None
        if not token:
            return None, "not_authed"
        found = self.tokens.get(token)
        if found is None:
            return None, "invalid_auth"
        if found.revoked:
            return None, "token_revoked"
        if found.expires_at is not None and found.expires_at <= time.time():
            return None, "token_expired"
        if (found.kind == "app") != (method == "apps.connections.open"):
            return None, "not_allowed_token_type"
        return found, None

    def revoke_team(self, team_id: str) -> None:
        for token in self.tokens.values():
            if token.team_id == team_id:
                token.revoked = True
        for refresh in [r for r, t in self._refresh.items() if t.team_id == team_id]:
            del self._refresh[refresh]

    def grant(
        self, *, team_id: str, user_id: str, scopes: tuple[str, ...], redirect_uri: str | None
    ) -> str:
        code = f"{int(time.time())}.{secrets.token_hex(12)}"
        self._grants[code] = _Grant(team_id, user_id, scopes, redirect_uri)
        return code

    def access(
        self, params: dict[str, Any], basic: tuple[str, str] | None, teams: dict[str, Workspace]
    ) -> dict[str, Any]:
        """The body of a successful ``oauth.v2.access`` (without ``ok``), or ApiError."""
        app = self.app
        client_id, secret = basic or (params.get("client_id"), params.get("client_secret"))
        if app is None or client_id != app.client_id:
            raise ApiError("invalid_client_id")
        if secret != app.client_secret:
            raise ApiError("bad_client_secret")
        grant_type = params.get("grant_type")
        if grant_type == "refresh_token":
            old = self._refresh.pop(str(params.get("refresh_token")), None)
            if old is None or old.revoked:
                raise ApiError("invalid_refresh_token")
            return self._issue(app, teams[old.team_id], self._scopes[old.team_id], user=None)
        if grant_type not in (None, "", "authorization_code"):
            raise ApiError("invalid_grant_type")
        code = params.get("code")
        grant = self._grants.get(str(code)) if code else None
        if grant is None:
            raise ApiError("invalid_code")
        if grant.used:
            raise ApiError("code_already_used")
        given = params.get("redirect_uri")
        if given is not None and given != (grant.redirect_uri or app.redirect_uri):
            raise ApiError("bad_redirect_uri")
        grant.used = True
        self._scopes[grant.team_id] = grant.scopes
        return self._issue(app, teams[grant.team_id], grant.scopes, user=grant.user_id)

    def _issue(
        self, app: OAuthApp, ws: Workspace, scopes: tuple[str, ...], *, user: str | None
    ) -> dict[str, Any]:
        rotating = app.expires_in is not None
        prefix = "xoxe.xoxb-1-" if rotating else "xoxb-"
        access = self.add(
            prefix + secrets.token_hex(12),
            team_id=ws.team_id,
            kind="bot",
            expires_in=app.expires_in,
        )
        body: dict[str, Any] = {
            "access_token": access.value,
            "token_type": "bot",
            "scope": ",".join(scopes),
            "bot_user_id": ws.bot_user_id,
            "app_id": ws.app_id,
            "team": {"id": ws.team_id, "name": ws.team_name},
            "enterprise": None
            if ws.enterprise_id is None
            else {"id": ws.enterprise_id, "name": ws.enterprise_id},
            "is_enterprise_install": False,
        }
        if user is not None:
            body["authed_user"] = {"id": user}
        if rotating:
            refresh = "xoxe-1-" + secrets.token_hex(16)
            self._refresh[refresh] = access
            body["refresh_token"] = refresh
            body["expires_in"] = app.expires_in
        return body
