"""The digest from the database: gather facts, build (pure), render, post once.

Facts are read as plain columns (no ORM objects), so a digest over 100,000 answers costs
one pass over small rows; themes, jobs and vectors were computed when answers were stored
(``bot.indexing``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import multiprocessing
import os
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, func, select, true
from sqlalchemy.orm import Session

from bot.insights.synthesis.digest import build_digest
from bot.insights.synthesis.model import (
    NO_PERSONA,
    UNSORTED,
    AnswerFact,
    Digest,
    GroupRate,
    JobFact,
    PersonaInfo,
    Snapshot,
    ThemeInfo,
)
from storage import (
    Answer,
    AnswerFeatures,
    Channel,
    Database,
    DigestRun,
    Evidence,
    Persona,
    Prompt,
    Theme,
    Workspace,
    queries,
)

log = logging.getLogger(__name__)
RATE_WINDOW = timedelta(days=7)


def use_worker_process() -> None:
    """From now on, compose digests in a separate process (the bot calls this at start).

    Composing 100,000 answers is seconds of pure Python; in the bot's own process that
    would hold the interpreter lock and delay Slack's acknowledgements. The worker reads
    committed data through its own read-only engine; it is started once, on first use."""
    global _POOL
    if _POOL is None:
        _POOL = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_follow_parent,
            initargs=(os.getpid(),),
        )
        _POOL.submit(os.getpid)  # start it now, not during someone's first command


def compose(
    *,
    session: Session,
    team_id: str,
    now: datetime,
    since: datetime | None = None,
    locale: str = "en",
) -> Digest:
    """Everything known for the workspace, with changes since the last posted digest
    (in the worker process when one is in use and the database can be shared)."""
    url = _shareable_url(session)
    if _POOL is not None and url is not None:
        try:
            return _POOL.submit(_compose_in_worker, url, team_id, now, since, locale).result()
        except BrokenProcessPool:
            log.exception("the digest worker died; composing here instead")
        except RuntimeError:  # shutting down: the pool takes no more work
            log.info("the digest worker is stopping; composing here instead")
    return _compose(session, team_id=team_id, now=now, since=since, locale=locale)


def _compose(
    session: Session, *, team_id: str, now: datetime, since: datetime | None, locale: str
) -> Digest:
    workspace_id = session.scalar(select(Workspace.id).where(Workspace.team_id == team_id))
    if workspace_id is None:
        workspace_id = -1  # an unknown team: an empty digest
    previous = _previous(session, workspace_id)
    personas = _personas(session, workspace_id)
    facts = _facts(session, workspace_id, {p.key for p in personas})
    window_start = since or (now - RATE_WINDOW)
    return build_digest(
        answers=facts,
        themes=_themes(session, {f.theme for f in facts if f.theme}),
        personas=personas,
        previous=previous,
        now=now,
        since=since,
        rates=_rates(session, workspace_id, window_start, now),
        unanswered=_unanswered(session, workspace_id, window_start, now),
        locale=locale,
    )


_POOL: ProcessPoolExecutor | None = None
_WORKER_DATABASES: dict[str, Database] = {}  # in the worker process, one per database


def _follow_parent(parent: int) -> None:
    """In the worker: exit as soon as the bot process is gone, however it ended."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="follow-parent", daemon=True).start()


def _shareable_url(session: Session) -> str | None:
    url = session.get_bind().engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return None
    return url.render_as_string(hide_password=False)


def _compose_in_worker(
    url: str, team_id: str, now: datetime, since: datetime | None, locale: str
) -> Digest:
    db = _WORKER_DATABASES.get(url)
    if db is None:
        db = _WORKER_DATABASES[url] = Database(url)
    with db.reading() as session:
        return _compose(session, team_id=team_id, now=now, since=since, locale=locale)


def snapshot_json(digest: Digest) -> dict[str, Any]:
    return {k: dict(v) for k, v in dataclasses.asdict(digest.snapshot).items()}


def _previous(session: Session, workspace_id: int) -> Snapshot | None:
    data = session.scalar(
        select(DigestRun.snapshot)
        .where(
            DigestRun.workspace_id == workspace_id,
            DigestRun.status == "posted",
            DigestRun.snapshot.is_not(None),
        )
        .order_by(DigestRun.created_at.desc(), DigestRun.id.desc())
        .limit(1)
    )
    return Snapshot(**data) if data else None


def _personas(session: Session, workspace_id: int) -> list[PersonaInfo]:
    rows = session.execute(
        select(Persona.id, Persona.name, Persona.description, Persona.negative)
        .where(Persona.workspace_id == workspace_id, Persona.archived_at.is_(None))
        .order_by(Persona.negative, Persona.name_key)
    )
    return [PersonaInfo(key=str(i), name=n, description=d, negative=neg) for i, n, d, neg in rows]


def _facts(
    session: Session, workspace_id: int, personas: set[str], *, everything: bool = False
) -> list[AnswerFact]:
    """Answers as facts, one per persona link; ``everything`` keeps answers that say
    nothing to group (emoji, links only) too."""
    links: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for answer_id, persona_id, field in session.execute(
        select(Evidence.answer_id, Evidence.persona_id, Evidence.field)
        .join(Persona, Persona.id == Evidence.persona_id)
        .where(Persona.workspace_id == workspace_id, Persona.archived_at.is_(None))
    ):
        links[answer_id].append((str(persona_id), field))
    rows = session.execute(
        select(
            Answer.id,
            Answer.user_id,
            Answer.group,
            Answer.answered_at,
            AnswerFeatures.field,
            AnswerFeatures.theme_id,
            AnswerFeatures.jobs,
            Answer.anonymous | (Answer.source == "private"),
        )
        .join(AnswerFeatures, AnswerFeatures.answer_id == Answer.id)
        .where(Answer.workspace_id == workspace_id, Answer.deleted_at.is_(None))
        .where(true() if everything else AnswerFeatures.substantive.is_(True))
        .order_by(Answer.id)
    )
    facts: list[AnswerFact] = []
    for answer_id, author, group, at, field, theme_id, jobs, hidden in rows:
        job_facts = tuple(JobFact(**j) for j in jobs) if jobs else ()
        theme = str(theme_id) if theme_id is not None else None
        targets = links.get(answer_id) or [(NO_PERSONA, field)]
        for persona, linked_field in targets:
            facts.append(
                AnswerFact(
                    answer_id=answer_id,
                    persona=persona if persona in personas else NO_PERSONA,
                    field=linked_field if linked_field != UNSORTED else field,
                    group=group,
                    author=hidden_author(author) if hidden else author,
                    answered_at=at,
                    theme=theme,
                    jobs=job_facts,
                )
            )
    return facts


HIDDEN = "hidden:"


def _shown_user() -> Any:
    """The author to quote: empty for anonymous and private answers."""
    return case((Answer.anonymous | (Answer.source == "private"), ""), else_=Answer.user_id)


def hidden_author(user_id: str) -> str:
    """A stable stand-in for the author of an anonymous or private answer: people are still
    counted once each, but no digest, export or command can show who it was."""
    return HIDDEN + hashlib.sha256(user_id.encode()).hexdigest()[:16]


def _themes(session: Session, keys: set[str]) -> dict[str, ThemeInfo]:
    if not keys:
        return {}
    ids = [int(k) for k in keys]
    rows = session.execute(
        select(Theme.id, Theme.field, Theme.language, Theme.label, Theme.state).where(
            Theme.id.in_(ids)
        )
    )
    themes = {
        theme_id: (field, language, label, (state or {}).get("best_answer"))
        for theme_id, field, language, label, state in rows
    }
    wanted = {best for *_, best in themes.values() if best is not None}
    quotes = (
        {
            i: (t, link, author)
            for i, t, link, author in session.execute(
                select(Answer.id, Answer.text, Answer.permalink, _shown_user()).where(
                    Answer.id.in_(wanted), Answer.deleted_at.is_(None)
                )
            )
        }
        if wanted
        else {}
    )
    missing = [i for i, (*_, best) in themes.items() if best not in quotes]
    if missing:  # the nearest answer was deleted: quote the newest live member instead
        for theme_id, i, t, link, author in session.execute(
            select(AnswerFeatures.theme_id, Answer.id, Answer.text, Answer.permalink, _shown_user())
            .join(Answer, Answer.id == AnswerFeatures.answer_id)
            .where(AnswerFeatures.theme_id.in_(missing), Answer.deleted_at.is_(None))
            .order_by(Answer.id)
        ):
            field, language, label, _ = themes[theme_id]
            themes[theme_id] = (field, language, label, i)
            quotes[i] = (t, link, author)
    out = {}
    for theme_id, (field, language, label, best) in themes.items():
        text, link, author = (
            quotes.get(best, ("", None, "")) if best is not None else ("", None, "")
        )
        out[str(theme_id)] = ThemeInfo(
            key=str(theme_id),
            field=field,
            language=language,
            label=label,
            quote=text,
            quote_link=link,
            quote_author=author,
        )
    return out


def _rates(session: Session, workspace_id: int, start: datetime, end: datetime) -> list[GroupRate]:
    answers = (
        select(func.count(Answer.id))
        .where(Answer.prompt_id == Prompt.id, Answer.deleted_at.is_(None))
        .correlate(Prompt)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Channel.group, answers)
        .select_from(Prompt)
        .join(Channel, Channel.id == Prompt.channel_id)
        .where(
            Prompt.workspace_id == workspace_id,
            Prompt.posted_at >= start,
            Prompt.posted_at <= end,
            Channel.group.is_not(None),
        )
    )
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for group, count in rows:
        entry = totals[group]
        entry[0] += 1
        entry[1] += 1 if count else 0
        entry[2] += count
    return [
        GroupRate(group=g, prompts=p, answered=a, answers=n)
        for g, (p, a, n) in sorted(totals.items())
    ]


def _unanswered(session: Session, workspace_id: int, start: datetime, end: datetime) -> list[str]:
    answered = select(Answer.prompt_id).where(
        Answer.deleted_at.is_(None), Answer.prompt_id.is_not(None)
    )
    rows = session.scalars(
        select(Prompt.text)
        .where(
            Prompt.workspace_id == workspace_id,
            Prompt.posted_at >= start,
            Prompt.posted_at <= end,
            Prompt.id.not_in(answered),
        )
        .order_by(Prompt.posted_at)
    )
    return list(dict.fromkeys(rows))


def latest_run(session: Session, workspace_id: int) -> DigestRun | None:
    return session.scalar(
        select(DigestRun)
        .where(DigestRun.workspace_id == workspace_id)
        .order_by(DigestRun.created_at.desc(), DigestRun.id.desc())
        .limit(1)
    )


def facts_for_export(session: Session, *, team_id: str) -> Sequence[dict[str, object]]:
    """Evidence rows for the CSV export: one per answer and persona link."""
    workspace = queries.workspace(session, team_id=team_id)
    names = {
        str(i): n
        for i, n in session.execute(
            select(Persona.id, Persona.name).where(Persona.workspace_id == workspace.id)
        )
    }
    labels = {
        i: t
        for i, t in session.execute(
            select(Theme.id, Theme.label).where(Theme.workspace_id == workspace.id)
        )
    }
    answers = {
        i: (t, link)
        for i, t, link in session.execute(
            select(Answer.id, Answer.text, Answer.permalink).where(
                Answer.workspace_id == workspace.id
            )
        )
    }
    out: list[dict[str, object]] = []
    for f in _facts(session, workspace.id, set(names), everything=True):
        out.append(
            {
                "answer_id": f.answer_id,
                "persona": names.get(f.persona, ""),
                "field": f.field,
                "group": f.group or "",
                "author": "" if f.author.startswith(HIDDEN) else f.author,
                "answered_at": f.answered_at.isoformat(),
                "theme": labels.get(int(f.theme)) if f.theme else "",
                "text": answers[f.answer_id][0],
                "link": answers[f.answer_id][1] or "",
            }
        )
    return out
