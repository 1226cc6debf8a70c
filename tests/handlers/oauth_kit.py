"""Shared by the OAuth tests: the app in OAuth mode over real HTTP, a second workspace whose
channel and user ids collide with the first's, and the install as a browser goes through it."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode, urlsplit

from slack_bolt import App

from bot.settings import Settings
from handlers.app import build_app
from handlers.web import EVENTS_PATH, make_http_server, wsgi_app
from questions import load_bank
from storage import Database
from tests.conftest import SIGNING_SECRET
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "test-client-secret"
STATE_SECRET = "test-state-secret-0123456789"
OTHER = "T0OTHER"
AUTHORIZE = "https://slack.com/oauth/v2/authorize"


def oauth_settings(fake: FakeSlack, database_url: str, **extra: str) -> Settings:
    env = {
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": CLIENT_SECRET,
        "SLACK_STATE_SECRET": STATE_SECRET,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": database_url,
        **extra,
    }
    return Settings.from_env(env, dotenv=None)


def add_other_team(fake: FakeSlack, *, bot_token: str | None = None) -> FakeSlack:
    """A second workspace with the same channel and user ids as the first."""
    other = fake.add_team(OTHER, "Other Team", bot_token=bot_token)
    other.add_channel("CSALES", "sales-team", is_member=True)
    other.add_channel("CDIGEST", "persona-digest", is_member=True)
    other.add_user("UADMIN", "admin-b", is_admin=True)
    other.add_user("UALICE", "alice-b")
    other.add_user("UBOB", "bob-b")
    return other


@dataclass
class Served:
    base: str  # http://127.0.0.1:<port>
    app: App
    settings: Settings

    @property
    def events(self) -> str:
        return self.base + EVENTS_PATH

    def driver(self, team: FakeSlack) -> SlackDriver:
        return SlackDriver(self.events, SIGNING_SECRET, team_id=team.team_id, fake=team)


@contextmanager
def serve(settings: Settings, db: Database) -> Iterator[Served]:
    app = build_app(settings=settings, db=db, bank=load_bank())
    server = make_http_server(wsgi_app(app, db), host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_port}", app, settings)
    finally:
        server.shutdown()
        server.server_close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


@dataclass
class Page:
    status: int
    body: str
    headers: dict[str, str]  # lower-case names


def _lower(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {name.lower(): value for name, value in headers}


def get(url: str, *, cookie: str | None = None) -> Page:
    """A browser's GET, redirects not followed."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with _OPENER.open(request, timeout=30) as response:
            return Page(response.status, response.read().decode(), _lower(response.headers.items()))
    except urllib.error.HTTPError as error:
        return Page(error.code, error.read().decode(), _lower(error.headers.items()))


@dataclass
class Started:
    """``GET /slack/install``: where the browser is sent, and the state cookie it gets."""

    location: str
    query: dict[str, str]
    cookie: str  # "name=value", as the browser sends it back


def start_install(served: Served) -> Started:
    page = get(served.base + "/slack/install")
    assert page.status == 302, page
    location = page.headers["location"]
    query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    jar: SimpleCookie = SimpleCookie(page.headers["set-cookie"])
    [(name, morsel)] = jar.items()
    return Started(location, query, f"{name}={morsel.value}")


def finish_install(served: Served, *, code: str, state: str, cookie: str | None) -> Page:
    query = urlencode({"code": code, "state": state})
    return get(f"{served.base}/slack/oauth_redirect?{query}", cookie=cookie)


def install(served: Served, team: FakeSlack, *, user: str = "UADMIN") -> Page:
    """The whole install of the app in ``team``, as a browser and Slack go through it."""
    started = start_install(served)
    code = team.authorize(
        client_id=started.query["client_id"],
        scopes=started.query["scope"],
        user_id=user,
        redirect_uri=started.query.get("redirect_uri"),
    )
    page = finish_install(served, code=code, state=started.query["state"], cookie=started.cookie)
    assert page.status == 200, page
    return page
