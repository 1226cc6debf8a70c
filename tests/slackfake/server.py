"""A fake Slack Web API on a real local port, for slack_sdk's unmodified ``WebClient``.

    with FakeSlack() as fake:
        fake.add_channel("CGENERAL", "general", is_member=True)
        client = WebClient(base_url=fake.api_url, token=fake.bot_token)
        client.chat_postMessage(channel="CGENERAL", text="hi")
        assert fake.messages("CGENERAL")[0]["text"] == "hi"

Requests go to ``/api/<method>`` as POST (``application/x-www-form-urlencoded`` or
``application/json``) or GET (query string). Each is answered after these checks, in order:

1. unknown method -> HTTP 404 ``{"ok": false, "error": "unknown_method"}``;
2. GET to a method the spec lists as POST-only -> HTTP 405 ``invalid_request``;
   (POST is accepted for every method, as Slack does);
3. an unparsable body -> ``invalid_json`` / ``invalid_form_data``;
4. token (``Authorization: Bearer``, else a ``token`` parameter): none -> ``not_authed``,
   unknown -> ``invalid_auth``, revoked -> ``token_revoked``, expired -> ``token_expired``;
   the app-level token (``xapp-``) is accepted only by ``apps.connections.open`` and bot
   tokens by everything else, otherwise ``not_allowed_token_type``. The token chooses the
   workspace the call acts in (``oauth.v2.access`` needs none: see ``oauth.py``);
5. failures queued with ``fail_next``, then random ones if ``fail_randomly`` was called;
6. required arguments from Slack's OpenAPI spec (see ``spec.py``) -> ``invalid_arguments``
   or the specific error Slack documents (``methods.MISSING_ARGUMENT_ERRORS``);
7. rate limits on chat.postMessage, if ``enforce_rate_limits`` was called;
8. the method itself (``methods.py``); a known method without an implementation answers
   ``{"ok": true}`` with no state change.

Errors other than 404/405/429/5xx are HTTP 200 with ``ok: false``, as on Slack.

Several workspaces: ``add_team`` adds one (with its own channels, users and messages; ids
may collide with another team's, as they can on Slack) and returns a view of the fake for
it (``team`` gives it again): the same server, calls and fault injection, that team's data
and tokens. ``enable_oauth`` sets up the app's OAuth credentials; ``authorize`` stands for a
person approving the install on Slack's consent page (it returns the code Slack would send
to the redirect URL); ``uninstall`` revokes every token of a team.

Behaviour choices where Slack is vague:

* A reply whose ``thread_ts`` names no top-level message is answered ``ok`` (as Slack
  does) but stored nowhere visible; it is listed in ``orphaned_replies``. A malformed
  ``thread_ts`` (not "digits.6digits") -> ``invalid_thread_ts``.
* Reading history/replies or reacting needs membership: ``not_in_channel`` for public
  channels, ``channel_not_found`` for private ones and unknown ids.
* A DM to a user id needs that user to have been added with ``add_user``.
* ``conversations.replies`` with the ts of a reply answers the whole thread.
"""

from __future__ import annotations

import contextlib
import copy
import json
import threading
import uuid
from http.server import ThreadingHTTPServer
from types import TracebackType
from typing import Any

from tests.slackfake.faults import RATELIMITED, Faults, Reply
from tests.slackfake.inspection import Call, Inspection
from tests.slackfake.methods import HANDLERS, MISSING_ARGUMENT_ERRORS
from tests.slackfake.oauth import OAuthApp, Tokens
from tests.slackfake.params import Params
from tests.slackfake.spec import load_methods
from tests.slackfake.state import ApiError, Channel, Message, TsClock, User, Workspace
from tests.slackfake.transport import Answer, FakeSlackHTTPServer

DEFAULT_BOT_TOKEN = "xoxb-test-token"
DEFAULT_APP_TOKEN = "xapp-test-token"

JSON_FIELDS = ("blocks", "attachments", "view", "files", "metadata", "user_auth_blocks")


class FakeSlack(Inspection):
    """Fake Slack workspace + Web API server. See the module docstring for behaviour."""

    def __init__(
        self,
        *,
        bot_token: str = DEFAULT_BOT_TOKEN,
        team_id: str = "T0TEST",
        team_name: str = "Test Team",
        bot_user_id: str = "UBOT",
        bot_id: str = "BBOT",
        app_id: str = "A0TEST",
        app_token: str = DEFAULT_APP_TOKEN,
    ) -> None:
        self.app_token = app_token
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self._methods = load_methods()
        self._lock = threading.Lock()
        self._ws = Workspace(team_id, team_name, bot_user_id, bot_id, app_id, TsClock())
        self._teams: dict[str, Workspace] = {team_id: self._ws}
        self._tokens = Tokens()
        self._tokens.add(bot_token, team_id=team_id, kind="bot")
        self._tokens.add(app_token, team_id=team_id, kind="app")
        self._calls: list[Call] = []
        self._responses: list[dict[str, Any]] = []
        self._faults = Faults()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------

    def start(self) -> FakeSlack:
        if self._server is not None:
            return self
        self._server = FakeSlackHTTPServer(("127.0.0.1", 0), self)
        for ws in self._teams.values():
            ws.base_url = self.base_url
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},  # keeps stop() fast
            name="fake-slack",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeSlack is not started; call start() or use it as a context")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        return self.base_url + "/api/"

    # -- workspaces, tokens, OAuth ----------------------------------------------------

    @property
    def bot_token(self) -> str:
        """This team's newest working bot token ("" before the app is installed there)."""
        with self._lock:
            return self._tokens.bot_of(self.team_id) or ""

    def add_team(
        self,
        team_id: str,
        team_name: str,
        *,
        bot_user_id: str | None = None,
        bot_id: str | None = None,
        enterprise_id: str | None = None,
        bot_token: str | None = None,
    ) -> FakeSlack:
        """Another workspace (no bot token until the app is installed there through OAuth,
        unless ``bot_token`` is given); returns the fake as that team sees it."""
        with self._lock:
            if team_id in self._teams:
                raise ValueError(f"team {team_id} exists already")
            ws = Workspace(
                team_id,
                team_name,
                bot_user_id or "UB" + team_id[1:],
                bot_id or "BB" + team_id[1:],
                self._ws.app_id,
                self._ws.clock,
                domain=team_name.lower().replace(" ", "-"),
                enterprise_id=enterprise_id,
                base_url=self._ws.base_url,
            )
            self._teams[team_id] = ws
            if bot_token is not None:
                self._tokens.add(bot_token, team_id=team_id, kind="bot")
        return self.team(team_id)

    def team(self, team_id: str) -> FakeSlack:
        """The fake as ``team_id`` sees it: its data and tokens; the same server, calls,
        responses and fault injection. Start and stop the fake itself, not a view."""
        with self._lock:
            ws = self._teams.get(team_id)
        if ws is None:
            raise ValueError(f"unknown team {team_id!r}; add it with add_team()")
        view = copy.copy(self)
        view._ws, view.team_id, view.bot_user_id = ws, team_id, ws.bot_user_id
        return view

    def enable_oauth(
        self,
        client_id: str,
        client_secret: str,
        *,
        redirect_uri: str | None = None,
        token_expires_in: int | None = None,
    ) -> None:
        """The app's OAuth credentials (``token_expires_in``: token rotation on)."""
        with self._lock:
            self._tokens.app = OAuthApp(client_id, client_secret, redirect_uri, token_expires_in)

    def authorize(
        self,
        *,
        client_id: str,
        scopes: str,
        user_id: str,
        redirect_uri: str | None = None,
    ) -> str:
        """A person (``user_id``) approves the install in this team on Slack's consent page
        for the app ``client_id`` asked about with ``scopes``; returns the code Slack adds
        to the redirect URL. ValueError when the app is not the one set up."""
        with self._lock:
            app = self._tokens.app
            if app is None or app.client_id != client_id:
                raise ValueError("Slack shows an error page: unknown client_id")
            return self._tokens.grant(
                team_id=self.team_id,
                user_id=user_id,
                scopes=tuple(s for s in scopes.split(",") if s),
                redirect_uri=redirect_uri,
            )

    def uninstall(self) -> None:
        """The app is uninstalled from this team: every token of it is revoked (send the
        ``app_uninstalled`` event yourself, with a driver for this team)."""
        with self._lock:
            self._tokens.revoke_team(self.team_id)

    def teams(self) -> list[str]:
        with self._lock:
            return list(self._teams)

    # -- workspace set-up -----------------------------------------------------------

    def add_channel(
        self,
        channel_id: str,
        name: str,
        *,
        is_private: bool = False,
        is_member: bool = False,
        is_archived: bool = False,
    ) -> None:
        with self._lock:
            self._ws.channels[channel_id] = Channel(
                channel_id,
                name,
                is_private=is_private,
                is_member=is_member,
                is_archived=is_archived,
            )

    def add_user(
        self,
        user_id: str,
        name: str,
        *,
        is_admin: bool = False,
        is_owner: bool = False,
        is_bot: bool = False,
        locale: str = "en-US",
        tz: str = "Asia/Seoul",
    ) -> None:
        with self._lock:
            self._ws.users[user_id] = User(user_id, name, is_admin, is_owner, is_bot, locale, tz)

    def dm_channel(self, user_id: str) -> str:
        """The id of the bot's DM with ``user_id`` (opened if needed), e.g. "DALICE"."""
        with self._lock:
            return self._ws.open_dm(user_id).id

    def next_ts(self) -> str:
        """A fresh message timestamp from the fake's clock."""
        with self._lock:
            return self._ws.clock.next()

    # -- acting as humans -----------------------------------------------------------

    def post_as_user(
        self, channel: str, user: str, text: str, *, thread_ts: str | None = None
    ) -> dict[str, Any]:
        """Store a human's message; returns it (with "ts") to build the matching event."""
        with self._lock:
            chan = self._known_channel(channel)
            if thread_ts is not None:
                parent = chan.messages.get(thread_ts)
                if parent is None or parent.get("thread_ts", thread_ts) != thread_ts:
                    raise ValueError(f"no top-level message {thread_ts} in {channel}")
            msg: Message = {
                "type": "message",
                "user": user,
                "text": text,
                "ts": self._ws.clock.next(),
                "team": self.team_id,
                "client_msg_id": str(uuid.uuid4()),
            }
            if thread_ts is not None:
                msg["thread_ts"] = thread_ts
            self._ws.add_message(chan, msg)
            return copy.deepcopy(msg)

    def edit_as_user(self, channel: str, ts: str, text: str) -> dict[str, Any]:
        """Edit a stored message as its author; returns the edited message."""
        with self._lock:
            chan = self._known_channel(channel)
            msg = self._known_message(chan, ts)
            self._ws.update_text(chan, msg, {"text": text}, msg.get("user", ""))
            return copy.deepcopy(msg)

    def delete_as_user(self, channel: str, ts: str) -> None:
        with self._lock:
            chan = self._known_channel(channel)
            self._ws.remove(chan, self._known_message(chan, ts))

    def response_url(self, key: str = "default") -> str:
        return f"{self.base_url}/response/{key}"

    # -- fault injection ------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int = 1,
        times: int = 1,
        error: str | None = None,
        after_acting: bool = False,
    ) -> None:
        """Answer the next ``times`` (authenticated) calls to ``method`` with a failure
        (``after_acting``: having done what was asked, as Slack sometimes does before a 5xx).

        429: ``Retry-After: <retry_after>`` and ``{"ok": false, "error": "ratelimited"}``;
        5xx: a plain-text body; 200 with ``error``: ``{"ok": false, "error": error}``;
        any other status: ``{"ok": false, "error": error or "fake_failure"}``.
        """
        with self._lock:
            self._faults.queue(
                method,
                status=status,
                retry_after=retry_after,
                times=times,
                error=error,
                after_acting=after_acting,
            )

    def fail_randomly(self, rate: float, *, seed: int = 7) -> None:
        """Answer a share ``rate`` of authenticated calls (after any ``fail_next``) with a
        failure: half 429 with ``Retry-After: 1``, half 503, a third of those after having
        done what was asked. ``rate=0`` stops it. Seeded, so a run can be repeated."""
        with self._lock:
            self._faults.randomly(rate, seed=seed)

    def enforce_rate_limits(
        self,
        *,
        post_per_channel_per_second: float | None = 1.0,
        post_per_workspace_per_minute: int | None = None,
    ) -> None:
        """Rate-limit chat.postMessage: 429 with an integer Retry-After >= 1.

        Posts to one channel must be at least ``1 / post_per_channel_per_second`` seconds
        apart; at most ``post_per_workspace_per_minute`` posts in any 60 s. None = no limit
        (both None switches limits off). Refused posts do not count.
        """
        with self._lock:
            self._faults.limit(post_per_channel_per_second, post_per_workspace_per_minute)

    # -- request handling (called from the HTTP server's threads) --------------------

    def handle_api(
        self,
        method: str,
        http_method: str,
        params: dict[str, Any],
        token: str | None,
        *,
        parse_error: str | None = None,
        basic: tuple[str, str] | None = None,
    ) -> Answer:
        for name in JSON_FIELDS:
            value = params.get(name)
            if isinstance(value, str):
                # Undecodable JSON stays a string; the method then answers invalid_*.
                with contextlib.suppress(ValueError):
                    params[name] = json.loads(value)
        with self._lock:
            status, headers, body = self._answer(
                method, http_method, params, token, parse_error, basic
            )
            recorded = body if isinstance(body, dict) else {"raw": body}
            known = self._tokens.tokens.get(token or "")
            team = known.team_id if known is not None else None
            self._calls.append(Call(method, params, http_method, token, status, recorded, team))
        if isinstance(body, dict):
            return Answer(status, json.dumps(body).encode(), headers=headers)
        return Answer(status, body.encode(), "text/plain; charset=utf-8", headers)

    def _answer(
        self,
        method: str,
        http_method: str,
        params: dict[str, Any],
        token: str | None,
        parse_error: str | None,
        basic: tuple[str, str] | None = None,
    ) -> Reply:
        spec = self._methods.get(method)
        if spec is None:
            return 404, (), {"ok": False, "error": "unknown_method"}
        if http_method == "GET" and spec.post_only:
            return 405, (("Allow", "POST"),), {"ok": False, "error": "invalid_request"}
        if parse_error:
            return 200, (), {"ok": False, "error": parse_error}
        found, auth_error = self._tokens.check(token, method)
        if auth_error:
            return 200, (), {"ok": False, "error": auth_error}
        ws = self._teams[found.team_id] if found is not None else self._ws
        failure, acting = self._faults.take(method)
        if failure is not None and not acting:
            return failure
        for name in spec.required:
            if params.get(name) is None:
                error = MISSING_ARGUMENT_ERRORS.get((method, name), "invalid_arguments")
                return 200, (), {"ok": False, "error": error}
        limiter = self._faults.limiter
        limited = method == "chat.postMessage" and limiter is not None
        channel_key = str(params.get("channel"))
        if limited and limiter is not None:
            wait = limiter.retry_after(channel_key)
            if wait is not None:
                return 429, (("Retry-After", str(wait)),), RATELIMITED
        handler = HANDLERS.get(method)
        try:
            if method == "oauth.v2.access":
                result = self._tokens.access(params, basic, self._teams)
            else:
                result = handler(ws, Params(params)) if handler else {}
        except ApiError as exc:
            return exc.status, (), {"ok": False, "error": exc.error}
        if limited and limiter is not None:
            limiter.record(channel_key)
        if failure is not None:
            return failure
        return 200, (), {"ok": True, **result}

    def handle_upload(self, path: str, data: bytes) -> bool:
        """Store the bytes POSTed to an upload URL (``<team>/<file id>``); False if the URL
        is unknown."""
        team, _, file_id = path.rpartition("/")
        with self._lock:
            ws = self._teams.get(team)
            pending = ws.files.get(file_id) if ws is not None else None
            if pending is None or pending["completed"]:
                return False
            pending["bytes"] = data
            return True

    def handle_response_url(self, key: str, body: dict[str, Any]) -> None:
        with self._lock:
            self._responses.append({**body, "key": key})
