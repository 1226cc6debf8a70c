"""Fault scenarios around processes: two replicas on one PostgreSQL, and no database.

replicas (PostgreSQL only): two ``personabot serve`` processes share one PostgreSQL while
a round to 20 channels (two questions each) and the digest fall due; each must be posted
exactly once. The processes tick every 0.2 s against the same fake Slack.

no database: ``personabot run`` with a database that does not answer must stop with one
line and a non-zero exit, without a traceback.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.rounds import schedules
from storage import Database, DigestSchedule, queries
from tests.slackfake.server import FakeSlack

SECRET = "replicas-secret"  # noqa: S105 - signs requests to a local test server
CHANNELS = [f"CR{n:02d}" for n in range(20)]
DIGEST_CHANNEL = "CRDIGEST"


def replicas(url: str, *, timeout: float = 120.0) -> None:
    with FakeSlack() as fake:
        due = _setup(fake, url)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PERSONABOT_"))}
        env |= {
            "SLACK_BOT_TOKEN": fake.bot_token,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": fake.api_url,
            "DATABASE_URL": url,
            "PERSONABOT_TICK_SECONDS": "0.2",
        }
        with tempfile.TemporaryDirectory() as tmp:
            procs = [_serve(env, tmp) for _ in range(2)]
            started = time.monotonic()
            try:
                while time.monotonic() - started < timeout and not _done(fake):
                    time.sleep(0.5)
                time.sleep(2.0)  # more ticks from both processes: nothing may go out again
            finally:
                for proc in procs:
                    proc.terminate()
                for proc in procs:
                    proc.wait(timeout=30)
        posted = [len(fake.messages(c)) for c in CHANNELS]
        digests = [m for m in fake.messages(DIGEST_CHANNEL) if m.get("bot_id")]
        print(
            f"two replicas on one PostgreSQL, due {due:%H:%M}: prompts expected "
            f"{2 * len(CHANNELS)}, posted {sum(posted)} (lost "
            f"{sum(max(0, 2 - n) for n in posted)}, doubled "
            f"{sum(max(0, n - 2) for n in posted)}); digest posts {len(digests)} (expected 1)"
        )


def no_database() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PERSONABOT_"))}
    env |= {
        "SLACK_BOT_TOKEN": "xoxb-unused",
        "SLACK_SIGNING_SECRET": SECRET,
        "DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{port}/none",
    }
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "handlers.cli", "db", "upgrade"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    print(
        f"database unreachable at start: exit {done.returncode} after "
        f"{time.monotonic() - started:.1f} s, {len(lines)} line(s) on stderr, traceback "
        f"{'yes' if 'Traceback' in done.stderr else 'no'}: {lines[-1] if lines else ''}"
    )


def _setup(fake: FakeSlack, url: str) -> datetime:
    now = datetime.now(UTC)
    if now.second > 40:  # keep the due minute ahead of the processes' first ticks
        time.sleep(61 - now.second)
        now = datetime.now(UTC)
    due = now.replace(second=0, microsecond=0)
    before = due - timedelta(hours=1)
    db = Database(url)
    db.upgrade()
    fake.add_channel(DIGEST_CHANNEL, "digest", is_member=True)
    with db.session() as session:
        workspace = queries.workspace(session, team_id=fake.team_id)
        for slack_id in CHANNELS:
            fake.add_channel(slack_id, slack_id.lower(), is_member=True)
            row = queries.channel(session, workspace=workspace, slack_id=slack_id)
            row.group, row.mapped_at = "sales", before
        spec = schedules.parse_spec(
            "sales", f"daily {due:%H:%M} UTC questions=2 cap=2 weekend=none"
        )
        schedules.save(
            session=session,
            team_id=fake.team_id,
            spec=spec,
            created_by="UADMIN",
            now=before,
            default_timezone="UTC",
            default_holidays=None,
        )
        session.add(
            DigestSchedule(
                workspace_id=workspace.id,
                channel=DIGEST_CHANNEL,
                cadence=f"daily {due:%H:%M}",
                timezone="UTC",
                created_by="UADMIN",
                effective_from=before,
            )
        )
    db.dispose()
    return due


def _serve(env: dict[str, str], folder: str) -> subprocess.Popen[bytes]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "handlers.cli", "serve", "--host", "127.0.0.1"]
    return subprocess.Popen(
        [*command, "--port", str(port)],
        env=env,
        cwd=Path(folder),
        stderr=subprocess.DEVNULL,
    )


def _done(fake: FakeSlack) -> bool:
    """Every channel has its two questions and the digest channel its digest."""
    return all(len(fake.messages(c)) >= 2 for c in CHANNELS) and bool(fake.messages(DIGEST_CHANNEL))
