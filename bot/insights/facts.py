"""What a digest is built from, read from the database as plain rows.

Facts are read as plain columns (no ORM objects), so a digest over 100,000 answers costs
one pass over small rows; themes, jobs and vectors were computed when answers were stored
(``bot.insights.indexing``). Authors of anonymous and private answers come out hidden
(``bot.insights.privacy``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Text, and_, cast, func, select, true
from sqlalchemy.orm import Session

from bot.insights.privacy import hidden_author, is_hidden_answer, shown_author
from bot.insights.synthesis.model import (
    NO_PERSONA,
    UNSORTED,
    AnswerFact,
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
    DigestRun,
    Evidence,
    Persona,
    Prompt,
    RegroupMark,
    Theme,
    Workspace,
)

T = TypeVar("T")
UNKNOWN_WORKSPACE = -1  # matches no row: an unknown team gets an empty digest


def workspace_id(session: Session, *, team_id: str) -> int:
    """The workspace's id, or ``UNKNOWN_WORKSPACE`` (nothing is created here)."""
    found = session.scalar(select(Workspace.id).where(Workspace.team_id == team_id))
    return UNKNOWN_WORKSPACE if found is None else found


def regroup_marked(session: Session, *, workspace_id: int) -> bool:
    """Whether a theme cell of the workspace changed since it was last regrouped."""
    found = session.scalar(
        select(RegroupMark.workspace_id).where(RegroupMark.workspace_id == workspace_id).limit(1)
    )
    return found is not None


def previous_snapshot(session: Session, *, workspace_id: int) -> Snapshot | None:
    """What the last posted digest knew, to say what changed since."""
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


def personas(session: Session, *, workspace_id: int) -> list[PersonaInfo]:
    """The workspace's live personas, negative ones last."""
    rows = session.execute(
        select(Persona.id, Persona.name, Persona.description, Persona.negative)
        .where(Persona.workspace_id == workspace_id, Persona.archived_at.is_(None))
        .order_by(Persona.negative, Persona.name_key)
    )
    return [PersonaInfo(key=str(i), name=n, description=d, negative=neg) for i, n, d, neg in rows]


def answer_facts(
    session: Session, *, workspace_id: int, persona_keys: set[str], everything: bool = False
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
    group_of = theme_groups(session, workspace_id=workspace_id)
    rows = session.execute(
        select(
            Answer.id,
            Answer.user_id,
            Answer.group,
            Answer.answered_at,
            AnswerFeatures.field,
            cast(AnswerFeatures.theme_ids, Text),
            cast(AnswerFeatures.jobs, Text),
            is_hidden_answer(),
        )
        .join(AnswerFeatures, AnswerFeatures.answer_id == Answer.id)
        .where(Answer.workspace_id == workspace_id, Answer.deleted_at.is_(None))
        .where(true() if everything else AnswerFeatures.substantive.is_(True))
        .order_by(Answer.id)
    )
    facts: list[AnswerFact] = []
    theme_keys = _Decoded(lambda ids: tuple(dict.fromkeys(group_of.get(i, str(i)) for i in ids)))
    job_facts = _Decoded(lambda jobs: tuple(JobFact(**j) for j in jobs))
    for answer_id, author, group, at, field, theme_ids, jobs, hidden in rows:
        keys = theme_keys(theme_ids)
        targets = links.get(answer_id) or [(NO_PERSONA, field)]
        for persona, linked_field in targets:
            facts.append(
                AnswerFact(
                    answer_id=answer_id,
                    persona=persona if persona in persona_keys else NO_PERSONA,
                    field=linked_field if linked_field != UNSORTED else field,
                    group=group,
                    author=hidden_author(author) if hidden else author,
                    answered_at=at,
                    themes=keys,
                    jobs=job_facts(jobs),
                )
            )
    return facts


class _Decoded(Generic[T]):
    """A JSON column read as text, decoded and converted once per distinct value: most
    answers share their few theme ids and have no job, and one ``json.loads`` per row was
    the largest cost of a digest over 100,000 answers (the values are immutable tuples)."""

    def __init__(self, convert: Callable[[Any], tuple[T, ...]]) -> None:
        self.convert = convert
        self.seen: dict[str | None, tuple[T, ...]] = {}

    def __call__(self, raw: str | None) -> tuple[T, ...]:
        found = self.seen.get(raw)
        if found is None:
            value = json.loads(raw) if raw else None
            found = self.seen[raw] = self.convert(value) if value else ()
        return found


def theme_groups(session: Session, *, workspace_id: int) -> dict[int, str]:
    """Theme id -> the key of the merged theme it belongs to."""
    rows = session.execute(
        select(Theme.id, Theme.group_key).where(Theme.workspace_id == workspace_id)
    )
    return {theme_id: group or str(theme_id) for theme_id, group in rows}


def themes(session: Session, *, workspace_id: int, keys: set[str]) -> dict[str, ThemeInfo]:
    """The merged themes with these keys: the label and quote of each one's largest member
    theme (its nearest claim's answer; the newest live member's when that was deleted or its
    text expired; none when no member's text is left)."""
    if not keys:
        return {}
    best: dict[str, tuple[int, int, str, str, list[str]]] = {}  # group -> size, id, ...
    for theme_id, group, size, language, label, near in session.execute(
        select(
            Theme.id, Theme.group_key, Theme.size, Theme.language, Theme.label, Theme.neighbours
        ).where(Theme.workspace_id == workspace_id)
    ):
        key = group or str(theme_id)
        if key in keys and (key not in best or (size, -theme_id) > best[key][:2]):
            best[key] = (size, -theme_id, language, label, near or [])
    chosen = {-entry[1]: key for key, entry in best.items()}
    nearest = {
        chosen[theme_id]: (state or {}).get("best_answer")
        for theme_id, state in session.execute(
            select(Theme.id, Theme.state).where(Theme.id.in_(list(chosen)))
        )
    }
    quotes = _quotes(session, {i for i in nearest.values() if i is not None})
    missing = {theme_id: key for theme_id, key in chosen.items() if nearest[key] not in quotes}
    if missing:  # the nearest answer was deleted: quote the newest live member instead
        for theme_ids, i, t, link, author in session.execute(
            select(
                AnswerFeatures.theme_ids, Answer.id, Answer.text, Answer.permalink, shown_author()
            )
            .join(Answer, Answer.id == AnswerFeatures.answer_id)
            .where(Answer.workspace_id == workspace_id, _quotable())
            .order_by(Answer.id)
        ):
            for theme_id in theme_ids or ():
                if theme_id in missing:
                    nearest[missing[theme_id]] = i
                    quotes[i] = (t, link, author)
    out = {}
    for key, (_, _, language, label, near) in best.items():
        text, link, author = quotes.get(nearest.get(key) or -1, ("", None, ""))
        out[key] = ThemeInfo(
            key=key,
            language=language,
            label=label,
            quote=text,
            quote_link=link,
            quote_author=author,
            neighbours=frozenset(near),
        )
    return out


def _quotes(session: Session, ids: set[int]) -> dict[int, tuple[str, str | None, str]]:
    if not ids:
        return {}
    return {
        i: (t, link, author)
        for i, t, link, author in session.execute(
            select(Answer.id, Answer.text, Answer.permalink, shown_author()).where(
                Answer.id.in_(ids), _quotable()
            )
        )
    }


def _quotable() -> ColumnElement[bool]:
    """Answers whose text may be quoted: neither deleted nor expired (retention)."""
    return and_(Answer.deleted_at.is_(None), Answer.expired_at.is_(None))


def rates(
    session: Session, *, workspace_id: int, start: datetime, end: datetime
) -> list[GroupRate]:
    """Per group: prompts posted in ``[start, end]``, how many got an answer, answers."""
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


def unanswered(session: Session, *, workspace_id: int, start: datetime, end: datetime) -> list[str]:
    """The texts of prompts posted in ``[start, end]`` that nobody answered, oldest first."""
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
