"""Regrouping theme cells, off Slack's acknowledgement path.

Storing an answer only assigns its claims to themes (``bot.insights.indexing``) and marks
the (workspace, language) cell (``mark``). Merging near themes (``grouping.regroup``: a
pass over the whole cell, half a second for 1,500 themes) runs later and once for however
many answers arrived: in the clock's tick and before a digest is composed
(``regroup_pending``, which computes from a snapshot without holding the cell's lock), or
inside a caller's transaction (``regroup_marked``). A digest therefore always reads
regrouped themes, and an acknowledgement never waits for a regroup.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable

from sqlalchemy import select, text
from sqlalchemy.orm import Session, load_only

from bot.insights.synthesis import grouping, labels, themes
from storage import Database, RegroupMark, Theme
from storage.models import now

# Above this many themes in a cell, only the largest are regrouped (the rest keep their
# own group), so a regroup stays well under a second however large the workspace grows.
REGROUP_LIMIT = 1500

# theme id -> (group key, neighbour group keys, the group's label or None to keep the theme's)
Grouped = dict[int, tuple[str, list[str], str | None]]


def lock_cell(session: Session, *, workspace_id: int, language: str) -> None:
    """On PostgreSQL, lock the cell until the transaction ends (advisory); SQLite's
    ``BEGIN IMMEDIATE`` serialises writers already."""
    if session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"{workspace_id}|{language}".encode())
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def mark(session: Session, *, workspace_id: int, language: str) -> None:
    """Note that the cell changed; call with the cell locked (as the indexer holds it)."""
    row = session.get(RegroupMark, (workspace_id, language))
    if row is None:
        session.add(RegroupMark(workspace_id=workspace_id, language=language, generation=1))
    else:
        row.generation += 1
        row.marked_at = now()


def compute(cell: Iterable[tuple[int, themes.ThemeState]]) -> Grouped:
    """Each theme's merged group and the merged groups near it (pure)."""
    rows = list(cell)
    live = [(i, s) for i, s in rows if s.size > 0]
    largest = sorted(live, key=lambda r: (-r[1].size, r[0]))[:REGROUP_LIMIT]
    found = grouping.regroup({str(i): s.centroid for i, s in largest})
    members: dict[str, list[themes.ThemeState]] = {}
    for theme_id, state in live:
        members.setdefault(found.groups.get(str(theme_id), str(theme_id)), []).append(state)
    named = _labels(members)
    out: Grouped = {}
    for theme_id, _ in rows:
        key = found.groups.get(str(theme_id), str(theme_id))
        out[theme_id] = (key, found.neighbours.get(key, []), named.get(key))
    return out


def _labels(members: dict[str, list[themes.ThemeState]]) -> dict[str, str]:
    """Each merged theme's label, from the label words of all its member themes (every
    member theme then shows the merged theme's label). A group with no label word (its
    claims name nothing) or with a theme whose words are not counted yet (stored before
    themes counted them: ``bot.insights.upgrades``) keeps its own."""
    merged = {
        key: labels.merged(s.words for s in states)
        for key, states in members.items()
        if all(s.counted for s in states)
    }
    words = {key: counted for key, counted in merged.items() if counted}
    spread: Counter[str] = Counter(w for counted in words.values() for w in counted)
    return {
        key: labels.label(
            counted,
            size=sum(s.size for s in members[key]),
            spread=spread,
            themes=len(members),
        )[:300]
        for key, counted in words.items()
    }


def regroup_marked(*, session: Session, workspace_id: int | None = None) -> int:
    """Regroup the marked cells (of one workspace, or all) in ``session``'s transaction,
    each under its lock; returns how many. The caller commits."""
    marks = _marks(session, workspace_id)
    for cell_workspace, language, _ in marks:
        regroup_cell(session=session, workspace_id=cell_workspace, language=language)
    return len(marks)


def regroup_cell(*, session: Session, workspace_id: int, language: str) -> None:
    """Regroup one cell now, in ``session``'s transaction, and clear its mark."""
    lock_cell(session, workspace_id=workspace_id, language=language)
    _write(session, workspace_id, language, compute(_states(session, workspace_id, language)))
    found = session.get(RegroupMark, (workspace_id, language))
    if found is not None:
        session.delete(found)
    session.flush()


def regroup_all(*, session: Session, workspace_id: int) -> int:
    """Regroup every cell of the workspace, marked or not (a full rebuild)."""
    languages = session.scalars(
        select(Theme.language).where(Theme.workspace_id == workspace_id).distinct()
    ).all()
    for language in languages:
        regroup_cell(session=session, workspace_id=workspace_id, language=language)
    return len(languages)


def regroup_pending(*, db: Database, workspace_id: int | None = None) -> int:
    """Regroup the marked cells (of one workspace, or all), each computed from a committed
    snapshot without holding its lock, then written in a short transaction. A cell changed
    meanwhile keeps its (newer) mark and is regrouped again next time. Returns how many
    cells were regrouped."""
    with db.reading() as session:
        marks = _marks(session, workspace_id)
    for cell_workspace, language, generation in marks:
        with db.reading() as session:
            grouped = compute(_states(session, cell_workspace, language))
        with db.session() as session:
            lock_cell(session, workspace_id=cell_workspace, language=language)
            _write(session, cell_workspace, language, grouped)
            found = session.get(RegroupMark, (cell_workspace, language))
            if found is not None and found.generation == generation:
                session.delete(found)
    return len(marks)


def _marks(session: Session, workspace_id: int | None) -> list[tuple[int, str, int]]:
    query = select(RegroupMark.workspace_id, RegroupMark.language, RegroupMark.generation)
    if workspace_id is not None:
        query = query.where(RegroupMark.workspace_id == workspace_id)
    rows = session.execute(query.order_by(RegroupMark.workspace_id, RegroupMark.language))
    return [(w, lang, g) for w, lang, g in rows]


def _states(
    session: Session, workspace_id: int, language: str
) -> list[tuple[int, themes.ThemeState]]:
    rows = session.execute(
        select(Theme.id, Theme.state)
        .where(Theme.workspace_id == workspace_id, Theme.language == language)
        .order_by(Theme.id)
    )
    return [(theme_id, themes.state_from_json(state)) for theme_id, state in rows]


def _write(session: Session, workspace_id: int, language: str, grouped: Grouped) -> None:
    """Store each theme's group and neighbours where they changed; themes the regroup did
    not see (created since its snapshot) keep their own."""
    rows = session.scalars(
        select(Theme)
        .options(load_only(Theme.id, Theme.group_key, Theme.neighbours, Theme.label))
        .where(Theme.workspace_id == workspace_id, Theme.language == language)
    )
    for row in rows:
        if row.id not in grouped:
            continue
        key, near, named = grouped[row.id]
        if row.group_key != key:
            row.group_key = key
        if row.neighbours != near:
            row.neighbours = near
        if named is not None and row.label != named:
            row.label = named
