"""The first hour with ``personabot`` on a terminal: what a person sees when a token is
wrong, Slack cannot be reached, the database is new, or the bot runs in a container."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shlex
import socket
import subprocess
import time
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

import pytest
from alembic.script import ScriptDirectory

from storage.db import alembic_config
from tests.handlers.test_cli import EXE, env_for, run
from tests.processes import STARTUP_SECONDS, stop
from tests.slackfake.server import FakeSlack

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def socket_mode_env(fake: FakeSlack, database_url: str) -> dict[str, str]:
    env = env_for(fake, database_url) | {"SLACK_APP_TOKEN": fake.app_token}
    del env["SLACK_SIGNING_SECRET"]
    return env


def test_database_commands_need_only_database_url(database_url: str, tmp_path: Path) -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    for action in ("upgrade", "current"):
        result = run(["db", action], {"DATABASE_URL": database_url}, tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"database at revision {head}\n"


def test_looking_at_a_new_setup_creates_no_database_file(fake: FakeSlack, tmp_path: Path) -> None:
    env = env_for(fake, "")
    del env["DATABASE_URL"]  # the default: personabot.sqlite3 in the working directory
    missing = tmp_path.resolve() / "personabot.sqlite3"
    current = run(["db", "current"], env, tmp_path)
    assert current.returncode == 0, current.stderr
    assert current.stdout == f"database at revision none (no file at {missing} yet)\n"
    checked = run(["check"], env, tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[2] == (
        f"database: none yet (no file at {missing}: personabot db upgrade creates it)"
    )
    assert list(tmp_path.iterdir()) == []


def test_check_asks_slack_about_the_token(
    fake: FakeSlack, database_url: str, tmp_path: Path
) -> None:
    env = env_for(fake, database_url) | {"SLACK_BOT_TOKEN": "xoxb-revoked"}
    result = run(["check"], env, tmp_path)
    assert result.returncode == 2
    assert result.stdout.startswith("settings: ok (HTTP")
    assert "slack: ok" not in result.stdout
    assert result.stderr == "personabot: SLACK_BOT_TOKEN: Slack did not accept it (invalid_auth)\n"


def test_check_in_socket_mode_tries_the_app_token(
    fake: FakeSlack, database_url: str, tmp_path: Path
) -> None:
    result = run(["check"], socket_mode_env(fake, database_url), tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == (
        "slack: ok (bot and app tokens accepted; workspace Test Team, bot @personabot)"
    )
    assert [c.method for c in fake.calls] == ["auth.test", "apps.connections.open"]


def test_a_rejected_app_token_is_one_line_and_exit_2(fake: FakeSlack, tmp_path: Path) -> None:
    env = socket_mode_env(fake, "") | {"SLACK_APP_TOKEN": "xapp-revoked"}
    del env["DATABASE_URL"]
    for command in (["run"], ["check"]):
        result = run(command, env, tmp_path)
        assert result.returncode == 2
        assert result.stderr == (
            "personabot: SLACK_APP_TOKEN: Slack did not accept it (invalid_auth)\n"
        )
    assert list(tmp_path.iterdir()) == []  # Slack is asked before the database is touched


def test_an_unreachable_slack_is_one_line(tmp_path: Path) -> None:
    env = {
        "SLACK_BOT_TOKEN": "xoxb-1",
        "SLACK_APP_TOKEN": "xapp-1",
        "SLACK_API_URL": f"http://127.0.0.1:{free_port()}/api/",
    }
    for command in (["run"], ["check"]):
        result = run(command, env, tmp_path)
        assert result.returncode == 2
        assert re.fullmatch(
            r"personabot: SLACK_API_URL: cannot reach the Slack Web API \(.*refused.*\)\n",
            result.stderr,
        ), result.stderr


def dockerfile_healthcheck(port: int) -> list[str]:
    """The Dockerfile's HEALTHCHECK command, pointed at ``port``."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    found = re.search(r"^HEALTHCHECK .*? CMD (.+)$", text, flags=re.MULTILINE)
    assert found is not None
    command = found[1].replace("127.0.0.1:3000", f"127.0.0.1:{port}")
    assert f":{port}/healthz" in command
    return shlex.split(command)


def test_socket_mode_answers_the_containers_health_check(
    fake: FakeSlack, database_url: str, tmp_path: Path
) -> None:
    port = free_port()
    check = dockerfile_healthcheck(port)
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PERSONABOT_"))}
    proc = subprocess.Popen(
        [*EXE, "run", "--host", "127.0.0.1", "--port", str(port)],
        env=clean | socket_mode_env(fake, database_url),
        cwd=tmp_path,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                    assert json.load(response) == {"ok": True, "database": "ok"}
                    break
            except (URLError, OSError):  # not listening yet, or slow on a busy machine
                assert proc.poll() is None, "personabot run exited"
                assert time.monotonic() < deadline, "no health check answer in time"
                time.sleep(0.2)
        assert fake.calls_to("apps.connections.open")  # it is in Socket Mode
        assert subprocess.run(check, check=False, timeout=30).returncode == 0
        with pytest.raises(HTTPError) as refused:  # nothing but /healthz is served there
            urlopen(f"http://127.0.0.1:{port}/slack/events", timeout=2)
        assert refused.value.code == 404
    finally:
        stop(proc)
    gone = subprocess.run(check, check=False, timeout=30, capture_output=True)
    assert gone.returncode != 0  # no process, no health


def test_time_zones_need_no_system_zone_database(database_url: str, tmp_path: Path) -> None:
    assert any(r.startswith("tzdata") for r in importlib.metadata.requires("personabot") or [])
    env = {
        "DATABASE_URL": database_url,
        "PERSONABOT_TIMEZONE": "Asia/Seoul",
        "PYTHONTZPATH": str(tmp_path / "no-zoneinfo-here"),  # as on a slim image
    }
    result = run(["db", "upgrade"], env, tmp_path)
    assert result.returncode == 0, result.stderr
