"""Posting claimed rounds: pick the questions, post them in waves, record what happened.

Rounds post only where the bot is a member (``/persona channel`` joins public channels
when they are mapped). Questions of one round go out one per wave, at least a second
apart, so that no channel gets more than one message a second (Slack's chat.postMessage
limit); a wave posts to every channel at once. Each prompt is committed as soon as it is
posted, so a retry posts only what is still missing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.rounds import prompts as messages
from bot.rounds.claims import retry_delay
from bot.settings import Settings
from questions import Asked, Bank, Question, pick_questions
from storage import Answer, Database, Prompt, Round, Workspace
from storage.models import now as utc_now

log = logging.getLogger(__name__)

# Errors that no retry will fix: the round fails at once and an admin is told.
PERMANENT = frozenset(
    {
        "not_in_channel",
        "channel_not_found",
        "is_archived",
        "method_not_supported_for_channel_type",
        "restricted_action",
        "missing_scope",
        "not_allowed_token_type",
        "invalid_auth",
        "account_inactive",
        "token_revoked",
        "team_access_not_granted",
    }
)
WEEK = timedelta(days=7)
PER_CHANNEL_INTERVAL = 1.0  # seconds between two posts to one channel


@dataclass(frozen=True)
class Draft:
    round_id: int
    channel: str
    question: Question
    locale: str
    wanted: int
    remind_after: timedelta
    close_after: timedelta


def prepare(
    *, session: Session, bank: Bank, settings: Settings, round_id: int, now: datetime
) -> list[Draft]:
    """The questions a claimed round still has to post; marks it skipped when the weekly
    cap leaves none. The caller commits."""
    round_ = session.get(Round, round_id)
    assert round_ is not None
    schedule, channel = round_.schedule, round_.channel
    posted = _count(session, Prompt.round_id == round_id)
    this_week = _count(session, Prompt.channel_id == channel.id, Prompt.posted_at > now - WEEK)
    count = min(schedule.questions_per_round - posted, schedule.weekly_cap - this_week)
    questions = (
        _pick(
            session,
            bank=bank,
            group=schedule.group,
            channel_id=channel.id,
            workspace_id=channel.workspace_id,
            count=count,
        )
        if count > 0
        else []
    )
    if not questions:
        round_.status = "skipped"
        round_.reason = "weekly cap reached" if count <= 0 else "no enabled questions"
        return []
    workspace = session.get(Workspace, channel.workspace_id)
    locale = channel.locale or (workspace.locale if workspace else None) or settings.locale
    return [
        Draft(
            round_id=round_id,
            channel=channel.slack_id,
            question=q,
            locale=locale,
            wanted=schedule.wanted_answers,
            remind_after=timedelta(minutes=schedule.reminder_minutes),
            close_after=timedelta(minutes=schedule.close_minutes),
        )
        for q in questions
    ]


def post_rounds(
    *,
    db: Database,
    client: WebClient,
    drafts: dict[int, list[Draft]],
    clock: Callable[[], datetime] = utc_now,
    workers: int = 8,
) -> None:
    """Post every round's drafts in waves; mark each round posted, retry or failed."""
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
                lambda d: _post_one(db=db, client=client, draft=d, clock=clock), batch
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


def _post_one(
    *, db: Database, client: WebClient, draft: Draft, clock: Callable[[], datetime]
) -> bool:
    posted_at = clock()
    close_at = posted_at + draft.close_after
    footer = messages.say("closes", draft.locale, close=f"{close_at:%Y-%m-%d %H:%M} UTC")
    text, blocks = messages.question_blocks(draft.question, locale=draft.locale, footer=footer)
    try:
        # No automatic join here: a bot removed from a channel stays out, and an admin is told.
        response = client.chat_postMessage(channel=draft.channel, blocks=blocks, text=text)
    except SlackApiError as error:
        _record_failure(
            db=db, client=client, draft=draft, code=str(error.response.get("error")), now=posted_at
        )
        return False
    ts = str(response["ts"])
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
        )
        session.add(prompt)
        session.flush()
        prompt_id = prompt.id
    try:
        link = str(client.chat_getPermalink(channel=draft.channel, message_ts=ts)["permalink"])
    except SlackApiError as error:  # the prompt is posted and stored; the link can wait
        log.warning("no permalink for %s/%s: %s", draft.channel, ts, error.response.get("error"))
        return True
    with db.session() as session:
        stored = session.get(Prompt, prompt_id)
        assert stored is not None
        stored.permalink = link
    return True


def _record_failure(
    *, db: Database, client: WebClient, draft: Draft, code: str, now: datetime
) -> None:
    with db.session() as session:
        round_ = session.get(Round, draft.round_id)
        assert round_ is not None
        round_.attempts += 1
        delay = None if code in PERMANENT else retry_delay(round_.attempts)
        round_.reason = code
        if delay is None:
            round_.status = "failed"
        else:
            round_.status, round_.next_attempt_at = "retry", now + delay
        channel = round_.channel
        channel.failure_reason = code
        notify = round_.status == "failed" and channel.failure_notified_at is None
        if notify:
            channel.failure_notified_at = now
        admin, group = round_.schedule.created_by, round_.schedule.group
    log.warning("round %s in %s: %s (%s)", draft.round_id, draft.channel, code, round_.status)
    if notify and admin:
        fix = {"is_archived": "fix_archived"}.get(
            code, "fix_invite" if code in ("not_in_channel", "channel_not_found") else "fix_other"
        )
        text = messages.say(
            "round_failed",
            draft.locale,
            group=group,
            channel=draft.channel,
            reason=code,
            fix=messages.say(fix, draft.locale),
        )
        try:
            client.chat_postMessage(channel=admin, text=text)
        except SlackApiError as error:
            log.warning("could not tell %s: %s", admin, error.response.get("error"))


def _count(session: Session, *conditions: object) -> int:
    return session.scalar(select(func.count(Prompt.id)).where(*conditions)) or 0  # type: ignore[arg-type]


def _pick(
    session: Session, *, bank: Bank, group: str, channel_id: int, workspace_id: int, count: int
) -> list[Question]:
    history = [
        Asked(key=k or "", asked_at=at)
        for k, at in session.execute(
            select(Prompt.question_key, Prompt.posted_at).where(
                Prompt.channel_id == channel_id, Prompt.question_key.is_not(None)
            )
        )
    ]
    evidence: dict[str, int] = {}
    rows = session.execute(
        select(Prompt.question_key, func.count(Answer.id))
        .join(Answer, Answer.prompt_id == Prompt.id)
        .where(
            Prompt.workspace_id == workspace_id,
            Prompt.question_key.is_not(None),
            Answer.deleted_at.is_(None),
        )
        .group_by(Prompt.question_key)
    )
    for key, n in rows:
        question = bank.get(key or "")
        if question is not None:
            evidence[question.field] = evidence.get(question.field, 0) + n
    return pick_questions(bank=bank, group=group, count=count, history=history, evidence=evidence)
