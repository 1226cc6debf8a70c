"""Uninstalling with a single bot token, the install pages in Socket Mode, and who a person
is when user ids collide across workspaces."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from sqlalchemy import select

from bot import clock
from bot.settings import Settings
from bot.slack import people
from bot.slack.client import make_client
from bot.slack.installs import mark_installed
from handlers.app import build_app
from handlers.web import health_app, make_http_server
from questions import load_bank
from storage import Database, Workspace
from tests.conftest import TEAM, say, wait_for
from tests.handlers.oauth_kit import (
    AUTHORIZE,
    CLIENT_ID,
    CLIENT_SECRET,
    OTHER,
    add_other_team,
    get,
    oauth_settings,
)
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack


def uninstalled_at(db: Database) -> datetime | None:
    with db.session() as session:
        return session.scalars(select(Workspace.uninstalled_at)).one()


def test_single_token_uninstall_stops_rounds_and_a_working_token_resumes_them(
    slack: SlackDriver, fake: FakeSlack, db: Database, settings: Settings
) -> None:
    say(slack, fake, "channel <#CSALES|sales-team> sales")
    say(slack, fake, "schedule sales cron 0 10 * * * UTC weekend=none")
    # only user tokens revoked: personabot has none, nothing changes
    revoked = {"type": "tokens_revoked", "tokens": {"oauth": ["UALICE"], "bot": []}}
    assert slack.event(revoked).status == 200
    assert slack.event({"type": "app_uninstalled"}).status == 200
    wait_for(lambda: uninstalled_at(db) is not None)

    client, bank = make_client(settings), load_bank()
    tomorrow = datetime.now(UTC).replace(hour=10, minute=1) + timedelta(days=1)
    clock.tick(db=db, client=client, bank=bank, settings=settings, now=tomorrow)
    assert fake.messages("CSALES") == []
    assert fake.calls_to("chat.postMessage") == []

    mark_installed(db=db, team_id=TEAM, enterprise_id=None)  # what a start with a token does
    assert uninstalled_at(db) is None
    clock.tick(db=db, client=client, bank=bank, settings=settings, now=tomorrow)
    assert len(fake.messages("CSALES")) == 1


def test_bot_tokens_revoked_mark_the_workspace_too(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    say(slack, fake, "channel <#CSALES|sales-team> sales")
    assert uninstalled_at(db) is None
    slack.event({"type": "tokens_revoked", "tokens": {"bot": ["UBOT"]}})
    wait_for(lambda: uninstalled_at(db) is not None)


def test_in_socket_mode_the_health_port_serves_the_install_pages(
    fake: FakeSlack, database_url: str, db: Database
) -> None:
    fake.enable_oauth(CLIENT_ID, CLIENT_SECRET)
    settings = oauth_settings(fake, database_url, SLACK_APP_TOKEN=fake.app_token)
    assert settings.socket_mode
    app = build_app(settings=settings, db=db, bank=load_bank())
    server = make_http_server(health_app(db, app), host="127.0.0.1", port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        page = get(base + "/slack/install")
        assert page.status == 302
        assert page.headers["location"].startswith(AUTHORIZE)
        assert get(base + "/healthz").status == 200
        assert get(base + "/slack/events").status == 404  # events come over the socket
    finally:
        server.shutdown()
        server.server_close()


def test_a_person_is_known_per_workspace_when_user_ids_collide(fake: FakeSlack) -> None:
    other = add_other_team(fake, bot_token="xoxb-other")
    other.add_user("UKO", "minji", locale="ko-KR")
    fake.add_user("UKO", "sam", locale="en-US", is_admin=True)
    here = WebClient(token=fake.bot_token, base_url=fake.api_url, team_id=TEAM)
    there = WebClient(token=other.bot_token, base_url=fake.api_url, team_id=OTHER)
    assert people.person(client=here, user_id="UKO").locale == "en-US"
    assert people.person(client=there, user_id="UKO").locale == "ko-KR"
    assert people.person(client=here, user_id="UKO").is_admin
    assert not people.person(client=there, user_id="UKO").is_admin
    people.forget(client=here, user_id="UKO")
    people.forget(client=there, user_id="UKO")
