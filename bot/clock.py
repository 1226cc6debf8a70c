"""The clock: APScheduler ticks; each tick does whatever the database says is due.

A tick posts rounds, reminders and closings (``bot.rounds``) and digests
(``bot.insights``): it composes the two, so it sits above both, at the top of ``bot``
(no package of ``bot`` imports it; ``handlers.cli`` starts it).

Each workspace is served with its own client (``bot.slack.installs.Clients``: the bot
token's in single-token mode, each installation's in OAuth mode); workspaces uninstalled or
without an installation get no rounds, reminders or digests.

May import: bot.rounds, bot.insights, bot.personal (retention), bot.slack, bot.settings, storage,
questions.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient

from bot.insights import publishing, worker
from bot.personal import retention
from bot.rounds.claims import claim_due, claim_retries
from bot.rounds.followup import close_expired, send_reminders
from bot.rounds.picking import Draft, prepare
from bot.rounds.posting import post_rounds
from bot.settings import Settings
from bot.slack.installs import Clients, clients_of
from questions import Bank
from storage import Database

log = logging.getLogger(__name__)


def tick(
    *,
    db: Database,
    client: WebClient | Clients,
    bank: Bank,
    settings: Settings,
    now: datetime | None = None,
) -> None:
    """Post due rounds (once, whatever the number of processes), retry failed ones, send
    reminders, close expired prompts and post due digests. ``client``: one client for the
    one workspace, or each workspace's (``Clients``). ``now`` is for tests; it defaults to
    the clock."""
    now = now or datetime.now(UTC)
    grace = timedelta(minutes=settings.grace_minutes)
    client = clients_of(client)
    teams = client.installed()
    with db.session() as session:
        ids = claim_due(session=session, now=now, grace=grace, teams=teams)
        ids += claim_retries(session=session, now=now, teams=teams)
    drafts: dict[int, list[Draft]] = {}
    with db.session() as session:
        for round_id in ids:
            drafts[round_id] = prepare(
                session=session, bank=bank, settings=settings, round_id=round_id, now=now
            )
    post_rounds(
        db=db, client=client, drafts={k: v for k, v in drafts.items() if v}, clock=lambda: now
    )
    send_reminders(db=db, client=client, now=now, locale=settings.locale)
    close_expired(db=db, client=client, bank=bank, now=now, locale=settings.locale)
    worker.regroup_committed(db=db)  # theme cells changed since the last tick, off the ack path
    publishing.post_due_digests(db=db, client=client, now=now, grace=grace, locale=settings.locale)
    retention.sweep_due(db=db, now=now)


def start(
    *, db: Database, client: WebClient | Clients, bank: Bank, settings: Settings
) -> BackgroundScheduler:
    """Tick now (rounds missed while the bot was down, within the grace window) and then
    every ``settings.tick_seconds``. The job store is in memory and never shared: the
    database, not APScheduler, knows what was posted."""
    scheduler = BackgroundScheduler(timezone=UTC)

    def safe_tick() -> None:
        try:
            tick(db=db, client=client, bank=bank, settings=settings)
        except Exception:
            log.exception("tick failed; the next one will try again")

    scheduler.add_job(
        safe_tick,
        IntervalTrigger(seconds=settings.tick_seconds),
        id="tick",
        max_instances=1,
        coalesce=True,
        next_run_time=datetime.now(UTC),
    )
    scheduler.start()
    return scheduler
