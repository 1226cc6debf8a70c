"""Faults, scripted: what Slack sent, what was stored, lost and doubled.

Everything runs on loopback: the app (the production WSGI app, served in this process), the
fake Slack, and for the outage a TCP proxy in front of PostgreSQL that is cut (the real
server stays up for everyone else). Each scenario is bounded in count and time.

    python -m bench.faults                                   # SQLite: duplicates
    python -m bench.faults --database-url postgresql+psycopg://postgres@127.0.0.1/db
                                                             # duplicates, then outages

duplicates: 1,000 replies, each delivered 1-4 times from 8 clients (Slack's retry headers
with the same ``event_id``; a quarter of the extra deliveries under a new ``event_id``, as
Slack does for the same message): exactly 1,000 answers.

web api (``bench.faults_webapi``): 30% of Web API calls fail (429 or 503, some after Slack
acted) while rounds, replies with their reactions, nudges and the digest go out.

replicas and no database (``bench.faults_replicas``): two ``personabot serve`` processes on
one PostgreSQL with rounds and the digest due; ``db upgrade`` with no database answering.

outage (PostgreSQL only): a steady stream of replies while the database is cut for 0.4 s
(a fast restart) and later for 10 s. A reply that got a 2xx must be stored; one that did not
is delivered again, as Slack does (here after 1 s, then every 2 s, at most 8 times).
"""

from __future__ import annotations

import argparse
import logging
import random
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bot.settings import Settings
from handlers.app import build_app
from handlers.web import EVENTS_PATH, make_http_server, wsgi_app
from questions import load_bank
from storage import Answer, Database, Prompt, queries
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack
from tests.tcpproxy import TcpProxy

TEAM = "TFAULTS"
SECRET = "faults-secret"  # noqa: S105 - signs requests to a local test server
CHANNEL = "CFAULTS"


@dataclass
class Reply:
    ts: str
    event: dict[str, object]
    event_id: str
    acked: bool = False
    deliveries: int = 0


@contextmanager
def serving(fake: FakeSlack, app_url: str, *, reaction: str = "off") -> Iterator[SlackDriver]:
    settings = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": fake.bot_token,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": fake.api_url,
            "DATABASE_URL": app_url,
            "PERSONABOT_ACK_REACTION": reaction,
        },
        dotenv=None,
    )
    db = Database(app_url)
    db.upgrade()
    server = make_http_server(
        wsgi_app(build_app(settings=settings, db=db, bank=load_bank()), db),
        host="127.0.0.1",
        port=0,
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield SlackDriver(
            f"http://127.0.0.1:{server.server_port}{EVENTS_PATH}", SECRET, team_id=TEAM, fake=fake
        )
    finally:
        server.shutdown()
        server.server_close()
        db.dispose()


def prepare(fake: FakeSlack, url: str, count: int, tag: str) -> tuple[str, list[Reply]]:
    """A prompt stored and posted; ``count`` replies written in its thread."""
    db = Database(url)
    db.upgrade()
    posted = fake.post_as_user(CHANNEL, "U000", f"Question {tag}?")
    with db.session() as session:
        workspace = queries.workspace(session, team_id=TEAM)
        channel = queries.channel(session, workspace=workspace, slack_id=CHANNEL)
        channel.group = "sales"
        session.add(
            Prompt(workspace_id=workspace.id, channel_id=channel.id, ts=posted["ts"], text=tag)
        )
    db.dispose()
    driver = SlackDriver("http://127.0.0.1:1/", SECRET, team_id=TEAM, fake=fake)
    replies = []
    for n in range(count):
        user = f"U{n % 50:03d}"
        text = f"{tag} reply {n}: onboarding takes weeks and the reports are slow"
        message = fake.post_as_user(CHANNEL, user, text, thread_ts=posted["ts"])
        event = driver.message_event(
            channel=CHANNEL, user=user, text=text, ts=message["ts"], thread_ts=posted["ts"]
        )
        replies.append(Reply(message["ts"], event, f"Ev{tag}{posted['ts']}{n:05d}"))
    return posted["ts"], replies


def stored(url: str, prompt_ts: str) -> tuple[int, set[str]]:
    """How many answers the prompt has, and their message ``ts``."""
    db = Database(url)
    with db.session() as session:
        rows = session.execute(
            select(Answer.ts, func.count())
            .join(Prompt, Prompt.id == Answer.prompt_id)
            .where(Prompt.ts == prompt_ts)
            .group_by(Answer.ts)
        ).all()
    db.dispose()
    return sum(n for _, n in rows), {ts for ts, _ in rows}


def duplicates(fake: FakeSlack, url: str, *, replies: int = 1000, clients: int = 8) -> None:
    prompt_ts, work = prepare(fake, url, replies, "dup")
    rng = random.Random(13)
    deliveries: list[tuple[Reply, str, int | None]] = []
    for reply in work:
        times = rng.randint(1, 4)
        deliveries.append((reply, reply.event_id, None))
        for retry in range(1, times):
            fresh = rng.random() < 0.25  # the same message under a new event id
            event_id = f"{reply.event_id}x{retry}" if fresh else reply.event_id
            deliveries.append((reply, event_id, None if fresh else retry))
    rng.shuffle(deliveries)
    started = time.perf_counter()
    with serving(fake, url) as slack, ThreadPoolExecutor(clients) as pool:
        statuses = list(
            pool.map(
                lambda d: slack.event(d[0].event, event_id=d[1], retry_num=d[2]).status,
                deliveries,
            )
        )
    elapsed = time.perf_counter() - started
    total, kept = stored(url, prompt_ts)
    lost = replies - len(kept)
    print(
        f"duplicates: sent {len(deliveries)} deliveries of {replies} replies from {clients} "
        f"clients in {elapsed:.1f} s ({sum(s == 200 for s in statuses)} acked); "
        f"stored {total}, lost {lost}, doubled {total - len(kept)}"
    )


def outage(fake: FakeSlack, url: str, *, replies: int = 600, rate: float = 40.0) -> None:
    prompt_ts, work = prepare(fake, url, replies, "out")
    target = make_url(url)
    with TcpProxy((target.host or "127.0.0.1", target.port or 5432)) as proxy:
        cuts = ((replies // 4, 0.4), (replies // 2, 10.0))  # (after this many sent, seconds)
        with serving(fake, proxy.url_for(url)) as slack, ThreadPoolExecutor(replies) as pool:
            futures = []
            for n, reply in enumerate(work):
                for at, seconds in cuts:
                    if n == at:
                        proxy.cut()
                        threading.Timer(seconds, proxy.restore).start()
                futures.append(pool.submit(deliver, slack, reply))
                time.sleep(1 / rate)
            for future in futures:
                future.result()
    total, kept = stored(url, prompt_ts)
    acked = [r for r in work if r.acked]
    acked_lost = sum(r.ts not in kept for r in acked)
    refused = sum(r.deliveries > 1 for r in work)
    print(
        f"outage (0.4 s and 10 s cuts): sent {replies} replies at {rate:.0f}/s, "
        f"{sum(r.deliveries for r in work)} deliveries; {refused} refused at first and "
        f"delivered again; stored {total}, acked answers lost {acked_lost}, "
        f"lost {replies - len(kept)}, doubled {total - len(kept)}"
    )


def deliver(slack: SlackDriver, reply: Reply) -> None:
    """Deliver as Slack does: again while it gets no 2xx (compressed: 1 s, then 2 s)."""
    for attempt in range(9):
        reply.deliveries += 1
        try:
            status = slack.event(
                reply.event, event_id=reply.event_id, retry_num=attempt or None
            ).status
        except OSError:
            status = 0
        if 200 <= status < 300:
            reply.acked = True
            return
        time.sleep(1.0 if attempt == 0 else 2.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL (wiped tables are not needed)")
    parser.add_argument("--replies", type=int, default=1000)
    args = parser.parse_args()
    # Refusals and follow-ups failing during an outage are expected: the figures say it.
    logging.disable(logging.CRITICAL)
    with tempfile.TemporaryDirectory() as tmp, FakeSlack(team_id=TEAM) as fake:
        fake.add_channel(CHANNEL, "faults", is_member=True)
        for n in range(50):
            fake.add_user(f"U{n:03d}", f"person{n}")
        url = args.database_url or f"sqlite:///{Path(tmp) / 'faults.sqlite3'}"
        duplicates(fake, url, replies=args.replies)
        if url.startswith("postgresql"):
            outage(fake, url)
    from bench.faults_webapi import webapi  # it imports this module's serving()

    with tempfile.TemporaryDirectory() as tmp, FakeSlack(team_id=TEAM) as fake:
        for n in range(50):
            fake.add_user(f"U{n:03d}", f"person{n}")
        webapi(fake, args.database_url or f"sqlite:///{Path(tmp) / 'webapi.sqlite3'}")
    from bench.faults_replicas import no_database, replicas

    if args.database_url and args.database_url.startswith("postgresql"):
        replicas(args.database_url)
    no_database()


if __name__ == "__main__":
    main()
