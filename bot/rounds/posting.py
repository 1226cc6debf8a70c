"""Posting claimed rounds: their drafts in waves on a thread pool, each prompt stored.

Rounds post only where the bot is a member (``/persona channel`` joins public channels
when they are mapped). Questions of one round go out one per wave, at least a second
apart, so that no channel gets more than one message a second (Slack's chat.postMessage
limit); a wave posts to every channel at once. Each prompt is committed as soon as it is
posted, so a retry posts only what is still missing. Which questions: ``picking``; what a
refused post means: ``failures``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select

from bot.rounds import prompts as messages
from bot.rounds.failures import record_failure
from bot.rounds.picking import Draft
from bot.slack import calls
from bot.slack.dates import slack_date
from bot.slack.installs import Clients, clients_of
from bot.slack.once import Unclear, post_once
from storage import Database, Prompt, Round, Schedule, Workspace
from storage.models import now as utc_now

PER_CHANNEL_INTERVAL = 1.0  # seconds between two posts to one channel


def post_rounds(
    *,
    db: Database,
    client: WebClient | Clients,
    drafts: dict[int, list[Draft]],
    clock: Callable[[], datetime] = utc_now,
    workers: int = 8,
) -> None:
    """Post every round's drafts in waves, each with its workspace's client; mark each
    round posted, retry or failed (missed when the workspace has no client any more)."""
    clients = _clients(db, clients_of(client), drafts=drafts)
    drafts = {rid: d for rid, d in drafts.items() if rid in clients}
    failed: set[int] = set()
    wave = 0
    last_wave = 0.0
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="round") as pool:
        while batch := [
            d[wave] for rid, d in sorted(drafts.items()) if len(d) > wave and rid not in failed
        ]:
            time.sleep(max(0.0, last_wave + PER_CHANNEL_INTERVAL - time.monotonic()))
            last_wave = time.monotonic()
            outcomes = pool.map(
                lambda d: _post_one(db=db, client=clients[d.round_id], draft=d, clock=clock), batch
            )
            failed |= {d.round_id for d, ok in zip(batch, outcomes, strict=True) if not ok}
            wave += 1
    with db.session() as session:
        for round_id in drafts.keys() - failed:
            round_ = session.get(Round, round_id)
            if round_ is not None and round_.status == "claimed":
                round_.status, round_.reason, round_.posted_at = "posted", None, clock()
                round_.channel.failure_reason = None
                round_.channel.failure_notified_at = None


def _clients(
    db: Database, clients: Clients, *, drafts: dict[int, list[Draft]]
) -> dict[int, WebClient]:
    """Each round's client, by round id; a round whose workspace has none is missed."""
    with db.reading() as session:
        teams = {
            round_id: team
            for round_id, team in session.execute(
                select(Round.id, Workspace.team_id)
                .join(Schedule, Schedule.id == Round.schedule_id)
                .join(Workspace, Workspace.id == Schedule.workspace_id)
                .where(Round.id.in_(list(drafts)))
            )
        }
    # Asked outside any transaction: finding (and rotating) a token uses the database too.
    by_team = {team: clients.for_team(team) for team in set(teams.values())}
    found = {rid: c for rid, team in teams.items() if (c := by_team[team]) is not None}
    if len(found) < len(teams):
        with db.session() as session:
            for round_id in teams.keys() - found.keys():
                round_ = session.get(Round, round_id)
                if round_ is not None and round_.status == "claimed":
                    round_.status, round_.reason = "missed", "personabot is not installed there"
    return found


def _post_one(
    *, db: Database, client: WebClient, draft: Draft, clock: Callable[[], datetime]
) -> bool:
    """Post one draft and store its prompt; ``False`` when Slack refused it."""
    posted_at = clock()
    close_at = posted_at + draft.close_after
    # Slack shows the closing time in each reader's own zone (the fallback names UTC)
    footer = messages.say("closes", draft.locale, close=slack_date(close_at))
    text, blocks = messages.question_blocks(draft.question, locale=draft.locale, footer=footer)
    with db.session() as session:
        round_ = session.get(Round, draft.round_id)
        retrying = round_ is not None and round_.attempts > 0
    try:
        # No automatic join here: a bot removed from a channel stays out, and an admin is told.
        # Tagged, so that a retry after Slack failed having posted finds the first copy.
        ts = post_once(
            client,
            key=f"round:{draft.round_id}:{draft.question.key}",
            channel=draft.channel,
            blocks=blocks,
            text=text,
            look_first=retrying,
        )
    except (SlackApiError, Unclear) as error:
        record_failure(
            db=db,
            client=client,
            round_id=draft.round_id,
            channel=draft.channel,
            locale=draft.locale,
            code=Unclear.code if isinstance(error, Unclear) else str(error.response.get("error")),
            now=posted_at,
        )
        return False
    prompt_id = _store(db, draft=draft, ts=ts, text=text, posted_at=posted_at, close_at=close_at)
    # The prompt is posted and stored; the link is a courtesy that can wait.
    link = calls.permalink(client, channel=draft.channel, ts=ts)
    if link is not None:
        with db.session() as session:
            stored = session.get(Prompt, prompt_id)
            assert stored is not None
            stored.permalink = link
    return True


def _store(
    db: Database, *, draft: Draft, ts: str, text: str, posted_at: datetime, close_at: datetime
) -> int:
    """Commit the posted prompt at once (a retry then skips it); returns its id."""
    with db.session() as session:
        round_ = session.get(Round, draft.round_id)
        assert round_ is not None
        prompt = Prompt(
            workspace_id=round_.schedule.workspace_id,
            channel_id=round_.channel_id,
            ts=ts,
            text=text,
            question_key=draft.question.key,
            round_id=draft.round_id,
            locale=draft.locale,
            wanted_answers=draft.wanted,
            posted_at=posted_at,
            remind_at=posted_at + draft.remind_after,
            close_at=close_at,
            anonymous=round_.schedule.anonymous,
        )
        session.add(prompt)
        session.flush()
        return prompt.id
