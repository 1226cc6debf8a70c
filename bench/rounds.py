"""One scheduled round to many channels under Slack's chat.postMessage limits.

The fake Slack enforces one message per second per channel and a workspace-wide limit per
minute, answering 429 with an integer Retry-After as Slack does. The figure that matters
is the elapsed time as a ratio to the least those limits allow (goal: <= 1.2), with no
message lost or doubled.

    python -m bench.rounds                  # 200 channels x 2 questions, 300 posts/min
    python -m bench.rounds --channels 20 --per-minute 30   # a quicker look
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from bot import clock
from bot.rounds import schedules
from bot.settings import Settings
from bot.slack.client import make_client
from questions import load_bank
from storage import Database, Prompt, Round, queries
from tests.slackfake.server import FakeSlack

DUE = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)  # a Tuesday, 10:00 in Seoul


def least_time(*, posts: int, questions: int, per_minute: int) -> float:
    """Seconds the limits force: a channel's questions a second apart, and no more than
    ``per_minute`` posts in any minute."""
    per_channel = float(questions - 1)
    workspace = 60.0 * (math.ceil(posts / per_minute) - 1)
    return max(per_channel, workspace)


def run(*, channels: int, questions: int, per_minute: int, database_url: str | None) -> None:
    with FakeSlack() as fake, tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        db = Database(url)
        db.upgrade()
        settings = Settings.from_env(
            {
                "SLACK_BOT_TOKEN": fake.bot_token,
                "SLACK_SIGNING_SECRET": "bench",
                "SLACK_API_URL": fake.api_url,
                "DATABASE_URL": url,
            },
            dotenv=None,
        )
        with db.session() as session:
            workspace = queries.workspace(session, team_id=fake.team_id)
            for i in range(channels):
                slack_id = f"CB{i:04d}"
                fake.add_channel(slack_id, f"bench-{i}", is_member=True)
                row = queries.channel(session, workspace=workspace, slack_id=slack_id)
                row.group, row.mapped_at = "sales", DUE - timedelta(days=1)
            spec = schedules.parse_spec(
                "sales", f"tue 10:00 Asia/Seoul questions={questions} cap={questions}"
            )
            schedules.save(
                session=session,
                team_id=fake.team_id,
                spec=spec,
                created_by="UB",
                now=DUE - timedelta(days=1),
                default_timezone="UTC",
                default_holidays=None,
            )
        fake.enforce_rate_limits(
            post_per_channel_per_second=1.0, post_per_workspace_per_minute=per_minute
        )
        client = make_client(settings)
        bank = load_bank()

        started = time.monotonic()
        clock.tick(db=db, client=client, bank=bank, settings=settings, now=DUE)
        elapsed = time.monotonic() - started

        posts = channels * questions
        per_channel = {f"CB{i:04d}": len(fake.messages(f"CB{i:04d}")) for i in range(channels)}
        with db.session() as session:
            stored = session.scalar(select(func.count(Prompt.id))) or 0
            posted = (
                session.scalar(select(func.count(Round.id)).where(Round.status == "posted")) or 0
            )
        refused = sum(1 for c in fake.calls_to("chat.postMessage") if c.status == 429)
        db.dispose()

    least = least_time(posts=posts, questions=questions, per_minute=per_minute)
    print(f"channels {channels}, questions per round {questions}, posts {posts}")
    print(f"limits: 1 post/s per channel, {per_minute} posts/min per workspace")
    print(
        f"elapsed {elapsed:.2f} s; least the limits allow {least:.2f} s; "
        f"ratio {elapsed / least if least else float('inf'):.3f} (goal <= 1.2)"
    )
    print(f"429 answers absorbed: {refused}")
    ok = set(per_channel.values()) == {questions} and stored == posts and posted == channels
    print(
        f"messages per channel: {sorted(set(per_channel.values()))}; prompts stored {stored}; "
        f"rounds posted {posted}/{channels}: {'none lost or doubled' if ok else 'MISMATCH'}"
    )
    if not ok:
        raise SystemExit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=200)
    parser.add_argument("--questions", type=int, default=2)
    parser.add_argument("--per-minute", type=int, default=300)
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    args = parser.parse_args()
    run(
        channels=args.channels,
        questions=args.questions,
        per_minute=args.per_minute,
        database_url=args.database_url,
    )


if __name__ == "__main__":
    main()
