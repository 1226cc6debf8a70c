"""Shared fixtures: a database (SQLite, or PostgreSQL when PERSONABOT_TEST_DATABASE_URL
says so), the fake Slack Web API server, and the app served over real HTTP."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import create_engine, text

from bot.insights import worker
from bot.settings import Settings
from handlers.app import build_app
from handlers.web import EVENTS_PATH, make_http_server, wsgi_app
from questions import load_bank
from storage import Database
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

SIGNING_SECRET = "test-signing-secret"
TEAM = "T0TEST"
T = TypeVar("T")


def pytest_report_header() -> str:
    return f"personabot test database: {_backend()}"


def _backend() -> str:
    url = os.environ.get("PERSONABOT_TEST_DATABASE_URL", "")
    return "postgresql" if url.startswith("postgresql") else "sqlite"


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """An empty database: a fresh SQLite file, or the PostgreSQL test database wiped."""
    url = os.environ.get("PERSONABOT_TEST_DATABASE_URL")
    if url and url.startswith("postgresql"):
        reset_postgres(url)
        return url
    return f"sqlite:///{tmp_path / 'personabot.sqlite3'}"


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    database.upgrade()
    yield database
    database.dispose()


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack(team_id=TEAM) as slack:
        slack.add_channel("CSALES", "sales-team", is_member=True)
        slack.add_channel("CMKT", "marketing", is_member=False)
        slack.add_channel("CSECRET", "leadership-private", is_private=True, is_member=False)
        slack.add_channel("COLD", "old-news", is_archived=True)
        slack.add_user("UADMIN", "admin", is_admin=True)
        slack.add_user("UALICE", "alice")
        slack.add_user("UBOB", "bob")
        yield slack


def make_settings(fake: FakeSlack, database_url: str, **extra: str) -> Settings:
    env = {
        "SLACK_BOT_TOKEN": fake.bot_token,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": database_url,
        **extra,
    }
    return Settings.from_env(env, dotenv=None)


@pytest.fixture
def settings(fake: FakeSlack, database_url: str) -> Settings:
    return make_settings(fake, database_url)


@pytest.fixture(scope="session")
def digest_worker() -> Iterator[worker.DigestWorker]:
    """The digest worker process, as the server runs it (``handlers.cli.boot``)."""
    yield worker.start()
    worker.stop()


@pytest.fixture
def app_url(settings: Settings, db: Database, digest_worker: worker.DigestWorker) -> Iterator[str]:
    """The app served over real HTTP on a free port, digests composed in the worker process
    as in the server; yields its events URL."""
    server = make_http_server(
        wsgi_app(build_app(settings=settings, db=db, bank=load_bank()), db),
        host="127.0.0.1",
        port=0,
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{EVENTS_PATH}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def slack(app_url: str, fake: FakeSlack) -> SlackDriver:
    return SlackDriver(app_url, SIGNING_SECRET, team_id=TEAM, fake=fake)


def wait_for(probe: Callable[[], T | None], *, timeout: float = 10.0) -> T:
    """Poll until ``probe`` returns something truthy (work runs after the ack)."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"nothing came within {timeout} s")
        time.sleep(0.02)


def say(slack: SlackDriver, fake: FakeSlack, text: str, user: str = "UADMIN") -> str:
    """Send ``/persona <text>`` as ``user``; return what the caller reads: the ack's text,
    or the ephemeral reply sent after the ack."""
    before = len(fake.responses)
    sent = slack.command(text, user_id=user)
    assert sent.status == 200
    if sent.body.startswith("{"):
        return str(sent.json()["text"])
    wait_for(lambda: len(fake.responses) > before, timeout=20)
    return str(fake.responses[-1]["text"])
