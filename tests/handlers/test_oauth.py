"""OAuth installs over real HTTP: Bolt's install and redirect pages, the signed state, the
installations in our database, token rotation, and uninstalling."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bot import clock
from bot.settings import DEFAULT_SCOPES, Settings, SettingsError
from bot.slack.client import make_client
from bot.slack.installs import InstalledClients
from handlers.edge import Edge
from questions import load_bank
from storage import Database, Prompt, Workspace
from storage.installs import slack_bots, slack_installations
from tests.conftest import TEAM, say, wait_for
from tests.handlers.oauth_kit import (
    AUTHORIZE,
    CLIENT_ID,
    CLIENT_SECRET,
    OTHER,
    STATE_SECRET,
    Served,
    add_other_team,
    finish_install,
    install,
    oauth_settings,
    serve,
    start_install,
)
from tests.slackfake.server import FakeSlack

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def other(fake: FakeSlack) -> FakeSlack:
    return add_other_team(fake)


@pytest.fixture
def served(
    fake: FakeSlack, other: FakeSlack, database_url: str, db: Database, digest_worker: object
) -> Iterator[Served]:
    fake.enable_oauth(CLIENT_ID, CLIENT_SECRET)
    with serve(oauth_settings(fake, database_url), db) as running:
        yield running


def workspaces(db: Database) -> dict[str, tuple[datetime | None, str | None]]:
    with db.session() as session:
        return {
            w.team_id: (w.uninstalled_at, w.enterprise_id)
            for w in session.scalars(select(Workspace))
        }


def bots(db: Database) -> dict[str, str]:
    with db.engine.connect() as conn:
        rows = conn.execute(select(slack_bots.c.team_id, slack_bots.c.bot_token)).all()
    return {str(team): str(token) for team, token in rows}


# -- settings -------------------------------------------------------------------------


def test_oauth_needs_all_three_settings_and_no_bot_token(
    fake: FakeSlack, database_url: str
) -> None:
    base = {"SLACK_SIGNING_SECRET": "s", "DATABASE_URL": database_url}
    full = {
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": CLIENT_SECRET,
        "SLACK_STATE_SECRET": STATE_SECRET,
    }
    for missing in full:
        env = {**base, **{k: v for k, v in full.items() if k != missing}}
        with pytest.raises(SettingsError) as error:
            Settings.from_env(env, dotenv=None)
        assert error.value.variable == missing
        assert "required for OAuth installs" in str(error.value)
    with pytest.raises(SettingsError, match="SLACK_BOT_TOKEN: unset it"):
        Settings.from_env({**base, **full, "SLACK_BOT_TOKEN": "xoxb-1"}, dotenv=None)
    with pytest.raises(SettingsError, match="SLACK_STATE_SECRET: a random string"):
        Settings.from_env({**base, **full, "SLACK_STATE_SECRET": "short"}, dotenv=None)
    with pytest.raises(SettingsError, match="SLACK_SCOPES"):
        Settings.from_env({**base, **full, "SLACK_SCOPES": "chat:write,Bad Scope"}, dotenv=None)
    settings = Settings.from_env({**base, **full}, dotenv=None)
    assert settings.oauth is not None
    assert settings.bot_token is None
    assert settings.oauth.scopes == DEFAULT_SCOPES
    narrowed = Settings.from_env(
        {**base, **full, "SLACK_SCOPES": "commands, chat:write"}, dotenv=None
    )
    assert narrowed.oauth is not None
    assert narrowed.oauth.scopes == ("commands", "chat:write")
    single = Settings.from_env({**base, "SLACK_BOT_TOKEN": "xoxb-1"}, dotenv=None)
    assert single.oauth is None
    assert single.bot_token == "xoxb-1"


def test_the_default_scopes_are_the_manifests_bot_scopes() -> None:
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert list(DEFAULT_SCOPES) == manifest["oauth_config"]["scopes"]["bot"]
    [redirect] = manifest["oauth_config"]["redirect_urls"]
    assert redirect.startswith("https://")
    assert redirect.endswith("/slack/oauth_redirect")
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert {"app_uninstalled", "tokens_revoked"} <= set(events)


# -- the install ----------------------------------------------------------------------


def test_install_sends_the_browser_to_slack_with_a_signed_state_and_its_cookie(
    served: Served,
) -> None:
    started = start_install(served)
    assert started.location.startswith(AUTHORIZE + "?")
    assert started.query["client_id"] == CLIENT_ID
    assert started.query["scope"] == ",".join(DEFAULT_SCOPES)
    raw, _, signature = started.query["state"].rpartition(".")
    assert raw
    assert len(signature) == 64
    assert started.cookie.endswith("=" + started.query["state"])


def test_two_workspaces_install_and_each_is_answered_with_its_own_token(
    served: Served, fake: FakeSlack, other: FakeSlack, db: Database
) -> None:
    a, b = served.driver(fake), served.driver(other)
    assert a.command("help").status == 403  # nothing installed yet: refused at the edge
    page = install(served, fake)
    assert "Thank you" in page.body
    install(served, other)
    assert set(bots(db)) == {TEAM, OTHER}
    assert bots(db)[TEAM] == fake.bot_token
    assert bots(db)[OTHER] == other.bot_token
    assert fake.bot_token != other.bot_token
    assert workspaces(db) == {TEAM: (None, None), OTHER: (None, None)}
    with db.engine.connect() as conn:
        installers = conn.execute(select(slack_installations.c.user_id)).scalars().all()
    assert sorted(installers) == ["UADMIN", "UADMIN"]

    fake.clear_calls()
    assert "is now the *sales* group's" in say(a, fake, "channel <#CSALES|sales-team> sales")
    assert "*marketing* group's" in say(b, other, "channel <#CSALES|sales-team> marketing")
    tokens = {c.token for c in fake.calls if c.method == "users.info"}
    assert tokens == {fake.bot_token, other.bot_token}  # each team asked with its own token


def test_a_forged_tampered_or_replayed_state_installs_nothing(
    served: Served, fake: FakeSlack, db: Database
) -> None:
    started = start_install(served)
    state = started.query["state"]
    raw = state.rpartition(".")[0]
    forged = raw + "." + "0" * 64
    code = fake.authorize(client_id=CLIENT_ID, scopes="commands", user_id="UADMIN")
    for bad_state, cookie in (
        (forged, f"slack-app-oauth-state={forged}"),  # signature does not match
        (raw, f"slack-app-oauth-state={raw}"),  # unsigned: as stored, never as issued
        (state, None),  # no cookie: another browser
    ):
        page = finish_install(served, code=code, state=bad_state, cookie=cookie)
        assert page.status in (400, 401), page  # Bolt's failure page
    assert fake.calls_to("oauth.v2.access") == []
    assert bots(db) == {}
    assert finish_install(served, code=code, state=state, cookie=started.cookie).status == 200
    # the same state again (a replay): consumed already
    again = fake.authorize(client_id=CLIENT_ID, scopes="commands", user_id="UADMIN")
    assert finish_install(served, code=again, state=state, cookie=started.cookie).status >= 400
    assert len(fake.calls_to("oauth.v2.access")) == 1


def test_a_used_code_is_refused_by_slack(served: Served, fake: FakeSlack) -> None:
    started = start_install(served)
    code = fake.authorize(client_id=CLIENT_ID, scopes="commands", user_id="UADMIN")
    assert finish_install(served, code=code, state=started.query["state"], cookie=started.cookie)
    second = start_install(served)
    page = finish_install(served, code=code, state=second.query["state"], cookie=second.cookie)
    assert page.status != 200
    assert fake.calls_to("oauth.v2.access")[-1].response["error"] == "code_already_used"


# -- token rotation -------------------------------------------------------------------


def test_tokens_near_expiry_are_rotated_for_requests_and_for_the_clock(
    fake: FakeSlack, database_url: str, db: Database, digest_worker: object
) -> None:
    fake.enable_oauth(CLIENT_ID, CLIENT_SECRET, token_expires_in=3600)  # within 2 h: rotate
    with serve(oauth_settings(fake, database_url), db) as served:
        install(served, fake)
        first = bots(db)[TEAM]
        assert first.startswith("xoxe.xoxb-")
        slack = served.driver(fake)
        assert "is now the" in say(slack, fake, "channel <#CSALES|sales-team> sales")
        refreshed = [c for c in fake.calls_to("oauth.v2.access") if c.params.get("grant_type")]
        assert refreshed
        assert refreshed[0].response["ok"]
        second = bots(db)[TEAM]
        assert second != first
        assert {c.token for c in fake.calls_to("users.info")} <= {second}

        settings = served.settings
        assert settings.oauth is not None
        clients = InstalledClients(oauth=settings.oauth, db=db, base=make_client(settings))
        client = clients.for_team(TEAM)
        assert client is not None
        assert client.token not in (first, second)
        assert bots(db)[TEAM] == client.token  # saved: the next process uses it too
        assert client.auth_test()["team_id"] == TEAM


# -- uninstall ------------------------------------------------------------------------


def test_uninstall_stops_rounds_and_refuses_requests_and_a_new_install_resumes(
    served: Served, fake: FakeSlack, other: FakeSlack, db: Database
) -> None:
    fake.add_channel("CDIGEST", "persona-digest", is_member=True)
    install(served, fake)
    install(served, other)
    a, b = served.driver(fake), served.driver(other)
    for slack, team in ((a, fake), (b, other)):
        say(slack, team, "channel <#CSALES|sales-team> sales")
        assert "Saved" in say(slack, team, "schedule sales cron 0 10 * * * UTC weekend=none")
        say(slack, team, "ask <#CSALES|sales-team> What was hard this week?")
        shown = say(slack, team, "digest schedule <#CDIGEST|persona-digest> cron 0 10 * * * UTC")
        assert "The digest goes to <#CDIGEST>" in shown
    settings = served.settings
    assert settings.oauth is not None
    clients = InstalledClients(oauth=settings.oauth, db=db, base=make_client(settings))
    bank = load_bank()

    other.uninstall()
    assert b.event({"type": "app_uninstalled"}).status == 200
    wait_for(lambda: workspaces(db)[OTHER][0] is not None)
    assert OTHER not in bots(db)
    assert workspaces(db)[TEAM][0] is None
    assert b.command("status").status == 403  # no installation: refused at the edge

    tomorrow = datetime.now(UTC).replace(hour=10, minute=1) + timedelta(days=1)
    fake.clear_calls()
    clock.tick(db=db, client=clients, bank=bank, settings=settings, now=tomorrow)
    assert len(fake.messages("CSALES")) == 2  # team A: the question asked, then its round
    assert len(fake.messages("CDIGEST")) == 1  # and its digest
    assert len(other.messages("CSALES")) == 1  # only the question asked before
    assert other.messages("CDIGEST") == []
    assert [c.method for c in fake.calls if c.team == OTHER] == []  # not even tried
    with db.session() as session:
        rounds = {p.workspace_id for p in session.scalars(select(Prompt)) if p.round_id}
        assert len(rounds) == 1

    install(served, other)
    assert workspaces(db)[OTHER][0] is None
    assert b.command("help").status == 200
    clock.tick(db=db, client=clients, bank=bank, settings=settings, now=tomorrow)
    assert len(other.messages("CSALES")) == 2  # resumed (nothing was claimed while away)
    assert len(other.messages("CDIGEST")) == 1
    assert len(fake.messages("CSALES")) == 2  # and A's round is not posted twice
    assert len(fake.messages("CDIGEST")) == 1


def test_an_install_in_an_enterprise_workspace_records_its_organisation(
    served: Served, fake: FakeSlack, db: Database
) -> None:
    grid = fake.add_team("T0GRID", "Grid Team", enterprise_id="E0ORG")
    install(served, grid)
    assert workspaces(db)["T0GRID"] == (None, "E0ORG")
    with db.engine.connect() as conn:
        stored = conn.execute(select(slack_bots.c.enterprise_id, slack_bots.c.team_id)).one()
    assert tuple(stored) == ("E0ORG", "T0GRID")


def test_when_installations_cannot_be_read_slack_is_asked_to_retry() -> None:
    def broken(team: str | None, enterprise: str | None) -> bool:
        raise OperationalError("SELECT", {}, Exception("database is down"))

    edge = Edge(signing_secret=None, installed_team=lambda: None, installed=broken)
    refusal = edge.check_socket(
        {
            "type": "event_callback",
            "team_id": TEAM,
            "event": {"type": "app_home_opened", "user": "UALICE", "tab": "home"},
        }
    )
    assert refusal is not None
    assert refusal.status == 503  # not a 403: Slack delivers it again
