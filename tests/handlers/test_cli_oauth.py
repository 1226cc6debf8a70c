"""``personabot`` in OAuth mode: what ``check`` says, and settings that stop it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SIGNING_SECRET
from tests.handlers.oauth_kit import CLIENT_ID, CLIENT_SECRET, STATE_SECRET
from tests.handlers.test_cli import run
from tests.slackfake.server import FakeSlack


def oauth_env(fake: FakeSlack, database_url: str) -> dict[str, str]:
    return {
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": CLIENT_SECRET,
        "SLACK_STATE_SECRET": STATE_SECRET,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": database_url,
    }


def test_check_in_oauth_mode_names_the_install_urls(
    fake: FakeSlack, database_url: str, tmp_path: Path
) -> None:
    result = run(["check"], oauth_env(fake, database_url), tmp_path)
    assert result.returncode == 0, result.stderr
    [line] = [x for x in result.stdout.splitlines() if x.startswith("slack:")]
    assert line.startswith(f"slack: OAuth (client id {CLIENT_ID}; install at /slack/install")
    assert fake.calls_to("auth.test") == []  # there is no bot token to try


def test_an_incomplete_oauth_setup_stops_with_one_line(
    fake: FakeSlack, database_url: str, tmp_path: Path
) -> None:
    env = oauth_env(fake, database_url)
    del env["SLACK_STATE_SECRET"]
    result = run(["serve", "--port", "0"], env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "personabot: SLACK_STATE_SECRET: required for OAuth installs along with"
    )
    assert len(result.stderr.strip().splitlines()) == 1
