"""Two bot processes, one database: every scheduled round is posted exactly once."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from bot.rounds import schedules
from storage import Database, Prompt, Round, Schedule, queries
from tests.conftest import SIGNING_SECRET, wait_for
from tests.processes import stop
from tests.slackfake.server import FakeSlack

CHANNELS = ("CS1", "CS2", "CS3")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_two_processes_post_each_round_once(
    fake: FakeSlack, db: Database, database_url: str, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    if now.second > 50:  # keep the due minute and the check in the same minute
        time.sleep(61 - now.second)
        now = datetime.now(UTC)
    due = now.replace(second=0, microsecond=0)
    with db.session() as session:
        workspace = queries.workspace(session, team_id=fake.team_id)
        for slack_id in CHANNELS:
            fake.add_channel(slack_id, slack_id.lower(), is_member=True)
            row = queries.channel(session, workspace=workspace, slack_id=slack_id)
            row.group, row.mapped_at = "customer_success", due - timedelta(hours=1)
        spec = schedules.parse_spec(
            "customer_success", f"daily {due:%H:%M} UTC questions=2 cap=2 weekend=none"
        )
        schedules.save(
            session=session,
            team_id=fake.team_id,
            spec=spec,
            created_by="UADMIN",
            now=due - timedelta(hours=1),
            default_timezone="UTC",
            default_holidays=None,
        )

    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PERSONABOT_"))}
    env |= {
        "SLACK_BOT_TOKEN": fake.bot_token,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": database_url,
        "PERSONABOT_TICK_SECONDS": "0.2",
    }
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "handlers.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(free_port()),
            ],
            env=env,
            cwd=tmp_path,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    try:

        def all_posted() -> bool:
            with db.session() as session:
                statuses = session.scalars(select(Round.status)).all()
            return len(statuses) == len(CHANNELS) and set(statuses) == {"posted"}

        wait_for(all_posted, timeout=60)
        time.sleep(1.5)  # several more ticks from both processes
        assert all(p.poll() is None for p in procs)
    finally:
        for proc in procs:
            stop(proc)

    for slack_id in CHANNELS:
        assert len(fake.messages(slack_id)) == 2, slack_id
    assert len(fake.calls_to("chat.postMessage")) == 2 * len(CHANNELS)
    with db.session() as session:
        assert len(session.scalars(select(Prompt)).all()) == 2 * len(CHANNELS)
        owners = set(session.scalars(select(Round.claimed_by)).all())
        assert session.scalars(select(Schedule.group)).one() == "customer_success"
    assert owners  # recorded which process claimed each round
