"""After a prompt is posted: one nudge when answers are few, then closing it.

Each step is claimed with a conditional UPDATE before anything is posted, so that however
many processes tick, a prompt gets at most one nudge and one closing edit.
"""

from __future__ import annotations

import logging
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.rounds import prompts as messages
from bot.rounds.claims import served
from bot.slack.installs import Clients, clients_of
from bot.slack.once import Unclear, post_once
from questions import Bank
from storage import Answer, Database, Prompt, Workspace

log = logging.getLogger(__name__)


def send_reminders(*, db: Database, client: WebClient | Clients, now: datetime, locale: str) -> int:
    """Nudge, in its thread, each prompt past its reminder time with fewer answers than
    wanted (in workspaces still installed). Returns how many nudges were posted."""
    posted = 0
    clients = clients_of(client)
    known: dict[str, WebClient | None] = {}
    for prompt_id, team in _due(db, clients, Prompt.remind_at <= now, Prompt.reminded_at.is_(None)):
        slack = _client(known, clients, team)
        if slack is None:
            continue
        with db.session() as session:
            if not _claim(session, prompt_id, Prompt.reminded_at, now):
                continue
            prompt = session.get(Prompt, prompt_id)
            assert prompt is not None
            count = _answers(session, prompt_id)
            wanted = prompt.wanted_answers or 1
            channel, ts, lang = prompt.channel.slack_id, prompt.ts, prompt.locale or locale
        if count >= wanted:
            continue
        try:
            post_once(
                slack,
                key=f"reminder:{prompt_id}",
                channel=channel,
                thread_ts=ts,
                text=messages.say("reminder", lang, count=count),
            )
            posted += 1
        except (SlackApiError, Unclear) as error:
            log.warning("no reminder for %s/%s: %s", channel, ts, error)
    return posted


def close_expired(
    *, db: Database, client: WebClient | Clients, bank: Bank, now: datetime, locale: str
) -> int:
    """Close each prompt past its close time and update its message to say so (in
    workspaces still installed: the others' prompts are closed once they are back)."""
    closed = 0
    clients = clients_of(client)
    known: dict[str, WebClient | None] = {}
    for prompt_id, team in _due(db, clients, Prompt.close_at <= now):
        slack = _client(known, clients, team)
        if slack is None:
            continue
        with db.session() as session:
            if not _claim(session, prompt_id, Prompt.closed_at, now):
                continue
            prompt = session.get(Prompt, prompt_id)
            assert prompt is not None
            count = _answers(session, prompt_id)
            channel, ts, lang = prompt.channel.slack_id, prompt.ts, prompt.locale or locale
            question = bank.get(prompt.question_key) if prompt.question_key else None
            original = prompt.text
        footer = messages.say("closed", lang, count=count)
        if question is not None:
            text, blocks = messages.question_blocks(
                question, locale=lang, footer=footer, closed=True
            )
        else:
            text = original
            blocks = messages.plain_blocks(original, footer, locale=lang, closed=True)
        try:
            slack.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
            closed += 1
        except SlackApiError as error:
            log.warning("could not mark %s/%s closed: %s", channel, ts, error.response.get("error"))
    return closed


def _client(known: dict[str, WebClient | None], clients: Clients, team: str) -> WebClient | None:
    """``team``'s client, asked for once per run (it may cost a token rotation)."""
    if team not in known:
        known[team] = clients.for_team(team)
    return known[team]


def _due(db: Database, clients: Clients, *conditions: object) -> list[tuple[int, str]]:
    """Open prompts meeting ``conditions`` in served workspaces: (id, team id) pairs."""
    with db.session() as session:
        query = (
            select(Prompt.id, Workspace.team_id)
            .join(Workspace, Workspace.id == Prompt.workspace_id)
            .where(Prompt.closed_at.is_(None), served(clients.installed()), *conditions)  # type: ignore[arg-type]
        )
        return [(row[0], row[1]) for row in session.execute(query.order_by(Prompt.id))]


def _claim(session: Session, prompt_id: int, column: object, now: datetime) -> bool:
    result = session.execute(
        update(Prompt)
        .where(Prompt.id == prompt_id, Prompt.closed_at.is_(None), column.is_(None))  # type: ignore[attr-defined]
        .values({column: now})
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def _answers(session: Session, prompt_id: int) -> int:
    return (
        session.scalar(
            select(func.count(Answer.id)).where(
                Answer.prompt_id == prompt_id, Answer.deleted_at.is_(None), Answer.late.is_(False)
            )
        )
        or 0
    )
