"""Posting the digest: the summary in the digest channel, the rest in its thread, the full
report attached; scheduled digests are claimed in the database so they go out once."""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.i18n import t
from bot.insights.digests import snapshot_json
from bot.insights.render.messages import digest_messages
from bot.insights.render.report import report_html
from bot.insights.worker import compose_committed
from bot.rounds.cadence import parse_cadence
from bot.rounds.calendar import Calendar
from bot.rounds.claims import served
from bot.rounds.timetable import due_times
from bot.slack.installs import Clients, clients_of
from bot.slack.once import Unclear, post_once
from storage import Database, DigestRun, DigestSchedule, Workspace, queries

log = logging.getLogger(__name__)
LOOKBACK = timedelta(days=8)
NO_SKIPS = Calendar(weekend=frozenset())


def post_digest(
    *,
    db: Database,
    client: WebClient,
    team_id: str,
    channel: str,
    now: datetime,
    locale: str,
    run_id: int | None = None,
) -> str:
    """Post the digest now; returns the ts of its first message. Records the run (and what
    it knew, for next week's "what changed") unless the digest was empty."""
    with db.reading() as session:
        locale = queries.workspace_locale(session, team_id=team_id, default=locale)
        digest = compose_committed(session=session, team_id=team_id, now=now, locale=locale)
    messages = digest_messages(digest, locale=locale)
    fallback = t(locale, "Persona digest")
    # Each message is tagged, so a retry after Slack failed having posted finds it instead
    # of posting it again (``bot.slack.once``).
    key = f"digest:{team_id}:{run_id if run_id is not None else now.isoformat()}"
    ts = post_once(client, key=f"{key}:0", channel=channel, blocks=messages[0], text=fallback)
    for n, blocks in enumerate(messages[1:], start=1):
        post_once(
            client, key=f"{key}:{n}", channel=channel, thread_ts=ts, blocks=blocks, text=fallback
        )
    if not digest.empty:
        client.files_upload_v2(
            channel=channel,
            thread_ts=ts,
            filename=f"persona-report-{now:%Y-%m-%d}.html",
            title=t(locale, "Persona report {date}", date=f"{now:%Y-%m-%d}"),
            content=report_html(digest, locale=locale),
        )
    with db.session() as session:
        run = session.get(DigestRun, run_id) if run_id is not None else None
        if run is None:
            workspace_id = session.scalar(select(Workspace.id).where(Workspace.team_id == team_id))
            assert workspace_id is not None
            run = DigestRun(workspace_id=workspace_id, due_at=now, status="posted")
            session.add(run)
        run.status, run.channel, run.ts = "posted", channel, ts
        run.snapshot = None if digest.empty else snapshot_json(digest)
    return ts


def post_due_digests(
    *, db: Database, client: WebClient | Clients, now: datetime, grace: timedelta, locale: str
) -> int:
    """Post every scheduled digest that is due and not yet claimed, each with its
    workspace's client (workspaces uninstalled, or without an installation, are passed
    over unclaimed); returns how many."""
    posted = 0
    clients = clients_of(client)
    with db.session() as session:
        claims = _claim(session, now=now, grace=grace, teams=clients.installed())
    for run_id, team_id, channel in claims:
        slack = clients.for_team(team_id)
        if slack is None:  # its installation went between the claim and now
            _failed(db, run_id, "not_installed")
            continue
        try:
            post_digest(
                db=db,
                client=slack,
                team_id=team_id,
                channel=channel,
                now=now,
                locale=locale,
                run_id=run_id,
            )
            posted += 1
        except (SlackApiError, Unclear) as error:
            code = Unclear.code if isinstance(error, Unclear) else str(error.response.get("error"))
            log.warning("digest for %s in %s failed: %s", team_id, channel, code)
            _failed(db, run_id, code)
    return posted


def _failed(db: Database, run_id: int, code: str) -> None:
    with db.session() as session:
        run = session.get(DigestRun, run_id)
        if run is not None:
            run.status, run.reason = "failed", code


def _claim(
    session: Session, *, now: datetime, grace: timedelta, teams: Collection[str] | None
) -> list[tuple[int, str, str]]:
    claims = []
    for schedule, team_id in session.execute(
        select(DigestSchedule, Workspace.team_id)
        .join(Workspace, Workspace.id == DigestSchedule.workspace_id)
        .where(served(teams))
    ):
        last = session.scalar(
            select(func.max(DigestRun.due_at)).where(
                DigestRun.workspace_id == schedule.workspace_id
            )
        )
        since = max(m for m in (schedule.effective_from, now - LOOKBACK, last) if m is not None)
        cadence = parse_cadence(schedule.cadence, timezone=schedule.timezone)
        for due_at, _ in due_times(cadence=cadence, calendar=NO_SKIPS, after=since, until=now):
            status = "claimed" if due_at >= now - grace else "missed"
            run = DigestRun(
                workspace_id=schedule.workspace_id,
                due_at=due_at,
                status=status,
                channel=schedule.channel,
            )
            if not queries.add_unique(session, run):
                continue  # another process has it
            if status == "claimed":
                claims.append((run.id, team_id, schedule.channel))
    return claims
