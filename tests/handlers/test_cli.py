"""The ``personabot`` command as a person runs it: bad settings get one line and exit 2."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest
from alembic.script import ScriptDirectory

from bot.commands.channel import assign_group
from bot.rounds import schedules
from storage import Database
from storage.db import alembic_config
from tests.conftest import SIGNING_SECRET
from tests.processes import STARTUP_SECONDS, stop
from tests.slackfake.server import FakeSlack

EXE = [sys.executable, "-m", "handlers.cli"]


def test_the_console_script_is_installed() -> None:
    assert (Path(sys.executable).parent / "personabot").is_file()


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "PERSONABOT_", "DATABASE_URL"))
    }
    return subprocess.run(
        [*EXE, *args],
        env=clean | env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def env_for(fake: FakeSlack, database_url: str) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": fake.bot_token,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": database_url,
    }


@pytest.mark.parametrize(
    ("env", "line"),
    [
        ({}, "personabot: SLACK_BOT_TOKEN: set it to the bot token (xoxb-...)"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "personabot: SLACK_SIGNING_SECRET: required in HTTP mode"),
        (
            {
                "SLACK_BOT_TOKEN": "xoxb-1",
                "SLACK_APP_TOKEN": "xapp-1",
                "PERSONABOT_TIMEZONE": "Nowhere",
            },
            "personabot: PERSONABOT_TIMEZONE: an IANA timezone",
        ),
    ],
)
def test_bad_settings_exit_2_with_one_line(env: dict[str, str], line: str, tmp_path: Path) -> None:
    result = run(["run"], env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(line)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_token_slack_rejects_is_named(fake: FakeSlack, database_url: str, tmp_path: Path) -> None:
    env = env_for(fake, database_url) | {"SLACK_BOT_TOKEN": "xoxb-revoked"}
    result = run(["serve", "--port", "0"], env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "personabot: SLACK_BOT_TOKEN: Slack did not accept it (invalid_auth)"
    )


def test_an_unreachable_database_is_named(fake: FakeSlack, tmp_path: Path) -> None:
    env = env_for(fake, "postgresql://nobody@127.0.0.1:1/none")
    result = run(["db", "upgrade"], env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("personabot: DATABASE_URL: cannot reach or upgrade")
    assert len(result.stderr.strip().splitlines()) == 1


def test_db_upgrade_then_check(fake: FakeSlack, database_url: str, tmp_path: Path) -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    env = env_for(fake, database_url)
    upgraded = run(["db", "upgrade"], env, tmp_path)
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"database at revision {head}" in upgraded.stdout
    db = Database(database_url)
    with db.session() as session:
        assign_group(
            session=session,
            team_id="T0TEST",
            slack_id="CSALES",
            name="sales-team",
            group="sales",
            locale=None,
            now=datetime(2026, 11, 23, tzinfo=UTC),
        )
        spec = schedules.parse_spec("sales", "tue,thu 10:00 Asia/Seoul questions=2")
        schedules.save(
            session=session,
            team_id="T0TEST",
            spec=spec,
            created_by="UADMIN",
            now=datetime(2026, 11, 23, tzinfo=UTC),
            default_timezone="UTC",
            default_holidays=None,
        )
    db.dispose()
    checked = run(["check"], env, tmp_path)
    assert checked.returncode == 0, checked.stderr
    lines = checked.stdout.splitlines()
    assert lines[0].startswith("settings: ok (HTTP")
    assert lines[1] == "slack: ok (bot token accepted; workspace Test Team, bot @personabot)"
    assert [c.method for c in fake.calls] == ["auth.test"]
    assert f"revision {head}" in lines[2]
    assert lines[3].startswith("questions: ok (marketing ")
    assert lines[4] == "schedules:"
    # Plain terminal text: the channel by name, no Slack markup.
    assert lines[5].startswith("• sales: Tuesdays and Thursdays at 10:00 (Asia/Seoul)")
    assert lines[5].endswith("in #sales-team.")
    assert "*" not in checked.stdout
    assert "<#" not in checked.stdout
    assert lines[6].strip().startswith("next: ")
    assert len(lines[6].split(",")) == 3  # the next three runs


def test_a_broken_question_bank_stops_start_with_file_and_line(
    fake: FakeSlack, database_url: str, tmp_path: Path
) -> None:
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "team.yml").write_text(
        "group: sales\nquestions:\n  - key: team.q1\n    field: pain\n    kind: open\n"
        "    text:\n      en: Why?\n      ko: 왜?\n"
    )
    env = env_for(fake, database_url) | {"PERSONABOT_QUESTIONS_DIR": str(banks)}
    for command in (["check"], ["serve", "--port", "0"]):
        result = run(command, env, tmp_path)
        assert result.returncode == 2
        assert result.stderr.startswith(f"personabot: {banks / 'team.yml'}:4: unknown field 'pain'")
        assert len(result.stderr.strip().splitlines()) == 1


def test_serve_answers_health_checks(fake: FakeSlack, database_url: str, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PERSONABOT_"))}
    proc = subprocess.Popen(
        [*EXE, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=clean | env_for(fake, database_url),
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                    assert json.load(response) == {"ok": True, "database": "ok"}
                    break
            except (URLError, ConnectionError, TimeoutError):  # a busy machine: ask again
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "serve did not come up in time"
                time.sleep(0.2)
    finally:
        stop(proc)


def test_run_uses_socket_mode_when_an_app_token_is_set(
    fake: FakeSlack, database_url: str, tmp_path: Path
) -> None:
    env = env_for(fake, database_url) | {"SLACK_APP_TOKEN": fake.app_token}
    del env["SLACK_SIGNING_SECRET"]
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PERSONABOT_"))}
    proc = subprocess.Popen([*EXE, "run"], env=clean | env, cwd=tmp_path, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not fake.calls_to("apps.connections.open"):
            assert proc.poll() is None, "personabot run exited"
            assert time.monotonic() < deadline, "no Socket Mode connection attempt in time"
            time.sleep(0.1)
        call = fake.calls_to("apps.connections.open")[0]
        assert call.token == fake.app_token
        assert call.status == 200
    finally:
        stop(proc)
