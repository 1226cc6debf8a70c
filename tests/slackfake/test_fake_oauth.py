"""The fake's teams, tokens and oauth.v2.access, through slack_sdk's own WebClient."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.slackfake.server import FakeSlack


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack(team_id="T0A") as slack:
        slack.add_channel("CSAME", "general", is_member=True)
        other = slack.add_team("T0B", "Team B", enterprise_id="E0B")
        other.add_channel("CSAME", "general", is_member=True)
        slack.enable_oauth("cid", "secret", redirect_uri="https://x.example/slack/oauth_redirect")
        yield slack


def error_of(call: object) -> str:
    with pytest.raises(SlackApiError) as raised:
        call()  # type: ignore[operator]
    return str(raised.value.response["error"])


def api(fake: FakeSlack, token: str | None = None) -> WebClient:
    return WebClient(token=token, base_url=fake.api_url)


def test_a_code_gives_a_token_for_its_team_once(fake: FakeSlack) -> None:
    b = fake.team("T0B")
    assert b.bot_token == ""  # not installed yet
    code = b.authorize(client_id="cid", scopes="commands,chat:write", user_id="UINSTALLER")
    got = api(fake).oauth_v2_access(client_id="cid", client_secret="secret", code=code)
    assert got["team"] == {"id": "T0B", "name": "Team B"}
    assert got["enterprise"]["id"] == "E0B"
    assert (got["token_type"], got["scope"]) == ("bot", "commands,chat:write")
    assert got["authed_user"] == {"id": "UINSTALLER"}
    assert "refresh_token" not in got
    assert b.bot_token == got["access_token"]
    who = api(fake, got["access_token"]).auth_test()
    assert (who["team_id"], who["user_id"], who["enterprise_id"]) == ("T0B", b.bot_user_id, "E0B")
    assert who["is_enterprise_install"] is False
    # the token acts in its own team: same channel id, different channel
    api(fake, got["access_token"]).chat_postMessage(channel="CSAME", text="for B")
    assert [m["text"] for m in b.messages("CSAME")] == ["for B"]
    assert fake.messages("CSAME") == []
    assert (
        error_of(
            lambda: api(fake).oauth_v2_access(client_id="cid", client_secret="secret", code=code)
        )
        == "code_already_used"
    )


def test_credentials_codes_and_redirects_are_checked(fake: FakeSlack) -> None:
    code = fake.authorize(client_id="cid", scopes="commands", user_id="U1")
    client = api(fake)
    assert (
        error_of(
            lambda: client.oauth_v2_access(client_id="nope", client_secret="secret", code=code)
        )
        == "invalid_client_id"
    )
    assert (
        error_of(lambda: client.oauth_v2_access(client_id="cid", client_secret="wrong", code=code))
        == "bad_client_secret"
    )
    assert (
        error_of(
            lambda: client.oauth_v2_access(client_id="cid", client_secret="secret", code="made-up")
        )
        == "invalid_code"
    )
    assert (
        error_of(
            lambda: client.oauth_v2_access(
                client_id="cid", client_secret="secret", code=code, redirect_uri="https://evil/"
            )
        )
        == "bad_redirect_uri"
    )
    with pytest.raises(ValueError, match="unknown client_id"):
        fake.authorize(client_id="other", scopes="commands", user_id="U1")


def test_rotation_refreshes_and_old_tokens_expire(fake: FakeSlack) -> None:
    fake.enable_oauth("cid", "secret", token_expires_in=1)
    code = fake.authorize(client_id="cid", scopes="commands", user_id="U1")
    got = api(fake).oauth_v2_access(client_id="cid", client_secret="secret", code=code)
    assert got["access_token"].startswith("xoxe.xoxb-")
    assert got["expires_in"] == 1
    refreshed = api(fake).oauth_v2_access(
        client_id="cid",
        client_secret="secret",
        grant_type="refresh_token",
        refresh_token=got["refresh_token"],
    )
    assert refreshed["access_token"] != got["access_token"]
    assert refreshed["refresh_token"] != got["refresh_token"]
    assert (
        error_of(
            lambda: api(fake).oauth_v2_access(
                client_id="cid",
                client_secret="secret",
                grant_type="refresh_token",
                refresh_token=got["refresh_token"],
            )
        )
        == "invalid_refresh_token"
    )
    time.sleep(1.1)
    assert error_of(lambda: api(fake, got["access_token"]).auth_test()) == "token_expired"


def test_uninstalling_revokes_every_token_of_that_team_only(fake: FakeSlack) -> None:
    b = fake.team("T0B")
    code = b.authorize(client_id="cid", scopes="commands", user_id="U1")
    token = api(fake).oauth_v2_access(client_id="cid", client_secret="secret", code=code)
    b.uninstall()
    assert error_of(lambda: api(fake, token["access_token"]).auth_test()) == "token_revoked"
    assert api(fake, fake.bot_token).auth_test()["team_id"] == "T0A"
    assert error_of(lambda: api(fake, "xoxb-never-issued").auth_test()) == "invalid_auth"
    # each call is recorded with the team its token belongs to (None: no such token)
    assert [c.team for c in fake.calls_to("auth.test")] == ["T0B", "T0A", None]
