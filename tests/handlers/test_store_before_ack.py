"""A message event is stored before Slack gets its 200: an acknowledged reply is never lost,
and one the database could not take is refused (503), so Slack's retry stores it."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bot.insights import worker
from handlers.app import build_app
from handlers.web import EVENTS_PATH, make_http_server, wsgi_app
from questions import load_bank
from storage import Answer, Database, ProcessedEvent, Prompt
from tests.conftest import SIGNING_SECRET, TEAM, make_settings, wait_for
from tests.handlers.test_capture import ask
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack
from tests.tcpproxy import TcpProxy


def count(db: Database, model: type[Answer] | type[ProcessedEvent]) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def send_reply(
    slack: SlackDriver, fake: FakeSlack, prompt: Prompt, text: str, *, retry: int | None = None
) -> tuple[int, str]:
    message = fake.post_as_user("CSALES", "UALICE", text, thread_ts=prompt.ts)
    event = slack.message_event(
        channel="CSALES", user="UALICE", text=text, ts=message["ts"], thread_ts=prompt.ts
    )
    return slack.event(event, event_id=f"Ev{message['ts']}", retry_num=retry).status, message["ts"]


def test_the_answer_is_stored_when_slack_gets_its_200(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    prompt = ask(slack, fake, db)
    for n in range(5):
        status, _ = send_reply(slack, fake, prompt, f"Answer number {n}")
        assert status == 200
        assert count(db, Answer) == n + 1  # already there: no waiting after the ack


@pytest.fixture
def through_proxy(
    fake: FakeSlack, database_url: str, digest_worker: worker.DigestWorker
) -> Iterator[tuple[SlackDriver, Database, TcpProxy]]:
    """The app served over HTTP, its database reached through a proxy the test can cut."""
    if not database_url.startswith("postgresql"):
        pytest.skip("an outage of a server: PostgreSQL only (SQLite is a local file)")
    url = make_url(database_url)
    with TcpProxy((url.host or "127.0.0.1", url.port or 5432)) as proxy:
        app_db = Database(proxy.url_for(database_url))
        app_db.upgrade()
        settings = make_settings(fake, proxy.url_for(database_url))
        app = build_app(settings=settings, db=app_db, bank=load_bank())
        server = make_http_server(wsgi_app(app, app_db), host="127.0.0.1", port=0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        driver = SlackDriver(
            f"http://127.0.0.1:{server.server_port}{EVENTS_PATH}",
            SIGNING_SECRET,
            team_id=TEAM,
            fake=fake,
        )
        direct = Database(database_url)
        yield driver, direct, proxy
        server.shutdown()
        server.server_close()
        app_db.dispose()
        direct.dispose()


def test_a_reply_the_database_cannot_take_is_refused_and_stored_on_slacks_retry(
    through_proxy: tuple[SlackDriver, Database, TcpProxy], fake: FakeSlack
) -> None:
    slack, db, proxy = through_proxy
    prompt = ask(slack, fake, db)
    assert send_reply(slack, fake, prompt, "Before the outage")[0] == 200
    events_before = count(db, ProcessedEvent)

    proxy.cut()
    message = fake.post_as_user("CSALES", "UBOB", "During the outage", thread_ts=prompt.ts)
    event = slack.message_event(
        channel="CSALES",
        user="UBOB",
        text="During the outage",
        ts=message["ts"],
        thread_ts=prompt.ts,
    )
    refused = slack.event(event, event_id="EvOUTAGE")
    assert refused.status == 503  # no ack: Slack will deliver it again
    assert count(db, Answer) == 1
    assert count(db, ProcessedEvent) == events_before  # nothing half-written

    proxy.restore()
    assert slack.event(event, event_id="EvOUTAGE", retry_num=1).status == 200
    with db.session() as session:
        texts = sorted(session.scalars(select(Answer.text)))
    assert texts == ["Before the outage", "During the outage"]
    wait_for(lambda: fake.reactions("CSALES", message["ts"]))
    assert "EvOUTAGE" in {e.event_id for e in _events(db)}


def _events(db: Database) -> list[ProcessedEvent]:
    with db.session() as session:
        return list(session.scalars(select(ProcessedEvent)))
