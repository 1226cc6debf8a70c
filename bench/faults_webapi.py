"""Fault scenario: the Web API failing on 30% of calls while everything goes out.

Twenty channels get a scheduled round of two questions; people reply in half the threads
(each reply is stored, then acknowledged with a reaction); nudges go out where answers are
few; the digest is posted in its channel. Meanwhile the fake Slack answers 30% of calls
with 429 (``Retry-After: 1``) or 503, a third of the 503s after having done what was asked.
The bot's clock is driven through simulated time (ticks over two hours), so failed rounds
are retried as they would be. Printed: what should have gone out, what did, what was lost
and what was posted twice.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bench.faults import TEAM, serving
from bot import clock
from bot.rounds import schedules
from bot.settings import Settings
from bot.slack.client import make_client
from questions import load_bank
from storage import Answer, Channel, Database, DigestSchedule, Prompt, queries
from tests.slackfake.server import FakeSlack

GROUP = "customer_success"
DIGEST_CHANNEL = "CDIGEST"
DUE = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # a Monday
TICKS = (1, 2, 3, 5, 8, 20, 35, 40, 50, 80, 100, 140)  # minutes after the due time


def webapi(fake: FakeSlack, url: str, *, channels: int = 20, rate: float = 0.3) -> None:
    db = Database(url)
    db.upgrade()
    names = [f"CW{n:02d}" for n in range(channels)]
    _setup(fake, db, names)
    settings = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": fake.bot_token,
            "SLACK_SIGNING_SECRET": "unused",
            "SLACK_API_URL": fake.api_url,
            "DATABASE_URL": url,
        },
        dotenv=None,
    )
    client, bank = make_client(settings), load_bank()
    fake.fail_randomly(rate)
    try:
        for minutes in TICKS[:3]:
            clock.tick(db=db, client=client, bank=bank, settings=settings, now=_at(minutes))
        replies = _reply(fake, db, url, names[: channels // 2])
        for minutes in TICKS[3:]:
            clock.tick(db=db, client=client, bank=bank, settings=settings, now=_at(minutes))
    finally:
        fake.fail_randomly(0)
    _report(fake, db, names, replies, calls=len(fake.calls))
    db.dispose()


def _at(minutes: int) -> datetime:
    return DUE + timedelta(minutes=minutes)


def _setup(fake: FakeSlack, db: Database, names: list[str]) -> None:
    before = DUE - timedelta(hours=1)
    fake.add_channel(DIGEST_CHANNEL, "digest", is_member=True)
    with db.session() as session:
        workspace = queries.workspace(session, team_id=TEAM)
        for slack_id in names:
            fake.add_channel(slack_id, slack_id.lower(), is_member=True)
            row = queries.channel(session, workspace=workspace, slack_id=slack_id)
            row.group, row.mapped_at = GROUP, before
        spec = schedules.parse_spec(
            GROUP, "daily 09:00 UTC questions=2 cap=2 weekend=none remind=30m wanted=3"
        )
        schedules.save(
            session=session,
            team_id=TEAM,
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
                cadence="daily 09:05",
                timezone="UTC",
                created_by="UADMIN",
                effective_from=before,
            )
        )


def _reply(fake: FakeSlack, db: Database, url: str, channels: list[str]) -> int:
    """Two replies in each prompt thread of ``channels``, delivered as Slack does."""
    with db.session() as session:
        prompts = [
            (str(slack_id), str(ts))
            for slack_id, ts in session.execute(
                select(Channel.slack_id, Prompt.ts).join(Channel, Channel.id == Prompt.channel_id)
            )
        ]
    sent = 0
    with serving(fake, url, reaction="white_check_mark") as slack:
        for channel, ts in prompts:
            if channel not in channels:
                continue
            for n in range(2):
                user = f"U{n:03d}"
                text = f"reply {n}: the setup takes weeks and the reports are slow"
                message = fake.post_as_user(channel, user, text, thread_ts=ts)
                event = slack.message_event(
                    channel=channel, user=user, text=text, ts=message["ts"], thread_ts=ts
                )
                for attempt in range(4):  # Slack retries a delivery that got no 2xx
                    status = slack.event(event, retry_num=attempt or None).status
                    if 200 <= status < 300:
                        break
                sent += 1
    return sent


def _report(fake: FakeSlack, db: Database, names: list[str], replies: int, calls: int) -> None:
    per_channel = [len(fake.messages(c)) for c in names]
    prompts_lost = sum(max(0, 2 - n) for n in per_channel)
    prompts_doubled = sum(max(0, n - 2) for n in per_channel)
    nudges = doubled_nudges = 0
    for channel in names:
        for top in fake.messages(channel):
            thread = [m for m in fake.replies(channel, top["ts"]) if m["ts"] != top["ts"]]
            mine = [m for m in thread if m.get("bot_id")]
            nudges += min(len(mine), 1)
            doubled_nudges += max(0, len(mine) - 1)
    digests = [m for m in fake.messages(DIGEST_CHANNEL) if m.get("bot_id")]
    ours = select(Channel.id).where(Channel.slack_id.in_(names))
    with db.session() as session:  # this scenario's channels only (the database may be shared)
        answers = (
            session.scalar(
                select(func.count()).select_from(Answer).where(Answer.channel_id.in_(ours))
            )
            or 0
        )
        distinct = (
            session.scalar(
                select(func.count(func.distinct(Answer.ts))).where(Answer.channel_id.in_(ours))
            )
            or 0
        )
    reactions = sum(
        len(fake.reactions(c, m["ts"]))
        for c in names
        for top in fake.messages(c)
        for m in fake.replies(c, top["ts"])
        if not m.get("bot_id") and m["ts"] != top["ts"]
    )
    print(
        f"web api at 30% failures: {calls} calls; prompts expected {2 * len(names)}, posted "
        f"{sum(per_channel)} (lost {prompts_lost}, doubled {prompts_doubled}); nudges "
        f"{nudges} (doubled {doubled_nudges}); digest posts {len(digests)} (expected 1); "
        f"replies sent {replies}, stored {answers} (lost {replies - distinct}, doubled "
        f"{answers - distinct}), reactions {reactions} (one each expected)"
    )
