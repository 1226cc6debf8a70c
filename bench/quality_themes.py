"""Themes and assumption flags of the quality benchmark (see ``bench.quality``).

Each labelled file is replayed as a workspace through the real code path: its answers are
stored in a fresh SQLite database, linked to their persona and field, and indexed as the
bot indexes what it captures (claims, themes, merges); then the JSON export (the contract,
``bot.insights.exports.contract``) is read back. Themes are scored by extended B-cubed F
(Amigo et al. 2009) over answers, a predicted cluster being a (theme, persona) pair, against
the gold claim labels; assumption flags by precision and recall against the claims that
only internal groups make (at least two internal people, no customer or focus-group answer
of that persona, in any field). A flagged theme counts as right when the claim most of its
answers make is such a claim (ties: the claim more answers make overall). Conflicts by
precision and recall against the meta file's contradictions: a conflict is right when the
top claims of its internal and its customer theme are the two sides of one of them.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.labels import LabelledSet
from bot.insights.exports import contract
from bot.insights.indexing import Indexer
from questions import load_bank
from storage import Answer, Database, Evidence, Persona, queries

TEAM = "TQUALITY"
START = datetime(2026, 9, 1, tzinfo=UTC)


@dataclass
class Replay:
    """What the bot's export says after storing every answer of a labelled set."""

    memberships: dict[str, set[str]] = field(default_factory=dict)  # answer id -> clusters
    themes: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    members: dict[str, list[str]] = field(default_factory=dict)  # cluster -> answer ids


def replay(data: LabelledSet) -> Replay:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'quality.sqlite3'}")
        db.upgrade()
        ids = _store(db, data)
        with db.session() as session:
            exported = contract(
                session=session, team_id=TEAM, now=START + timedelta(days=60), locale="en"
            )
        db.dispose()
    result = Replay(themes=exported["themes"], conflicts=exported["conflicts"])
    labelled = {ids[a.id]: a.id for a in data.answers}
    for row in exported["answers"]:
        answer = labelled[row["answer_id"]]
        clusters = {f"{key}@{row['persona']}" for key in row["themes"]}
        result.memberships.setdefault(answer, set()).update(clusters)
        for cluster in clusters:
            result.members.setdefault(cluster, []).append(answer)
    return result


def _store(db: Database, data: LabelledSet) -> dict[str, int]:
    bank = load_bank()
    ids: dict[str, int] = {}
    with db.session() as session:
        workspace = queries.workspace(session, team_id=TEAM)
        channel = queries.channel(session, workspace=workspace, slack_id="CQUALITY", name="q")
        personas: dict[str, Persona] = {}
        for name in sorted({a.persona for a in data.answers if a.persona}):
            personas[name] = Persona(
                workspace_id=workspace.id, name=name, name_key=name.casefold(), description=""
            )
            session.add(personas[name])
        session.flush()
        indexer = Indexer(session=session, workspace_id=workspace.id, bank=bank)
        for n, labelled in enumerate(data.answers):
            answer = Answer(
                workspace_id=workspace.id,
                channel_id=channel.id,
                ts=f"q{n}",
                user_id=labelled.author,
                group=labelled.group,
                source="import",
                text=labelled.text,
                answered_at=START + timedelta(minutes=10 * n),
            )
            session.add(answer)
            session.flush()
            ids[labelled.id] = answer.id
            if labelled.persona:
                session.add(
                    Evidence(
                        answer_id=answer.id,
                        persona_id=personas[labelled.persona].id,
                        field=labelled.field,
                        source="import",
                    )
                )
            indexer.index(answer, field=labelled.field)
        indexer.flush()
    return ids


def bcubed(data: LabelledSet, predicted: Mapping[str, set[str]]) -> tuple[float, float, float]:
    """Extended B-cubed precision, recall and F over answers that make at least one claim."""
    items = [a for a in data.answers if a.claims]
    gold = {a.id: a.claim_keys for a in items}
    pred = {a.id: predicted.get(a.id, set()) for a in items}
    precisions, recalls = [], []
    for a in items:
        p_scores, r_scores = [], []
        for b in items:
            shared_pred = len(pred[a.id] & pred[b.id])
            shared_gold = len(gold[a.id] & gold[b.id])
            if shared_pred:
                p_scores.append(min(shared_pred, shared_gold) / shared_pred)
            if shared_gold:
                r_scores.append(min(shared_pred, shared_gold) / shared_gold)
        if p_scores:
            precisions.append(sum(p_scores) / len(p_scores))
        recalls.append(sum(r_scores) / len(r_scores) if r_scores else 0.0)
    p = sum(precisions) / len(precisions) if precisions else 1.0
    r = sum(recalls) / len(recalls) if recalls else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Flags:
    true: int
    predicted: int
    found: int
    gold: int
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0


def flags(data: LabelledSet, known: Replay) -> Flags:
    gold = data.internal_only_claims()
    top = _top_claims(data, known)
    predicted = true = 0
    hit: set[str] = set()
    wrong = []
    for theme in known.themes:
        if not theme["internal_only"]:
            continue
        predicted += 1
        claim = top(theme["key"], theme["persona"])
        if claim in gold:
            true += 1
            hit.add(claim)
        else:
            wrong.append(f"{claim or '(no claim)'} <- {theme['label']}")
    return Flags(true, predicted, len(hit), len(gold), wrong)


def conflicts(data: LabelledSet, known: Replay) -> Flags:
    """Conflicts against the contradictions of the meta file (the same tally as flags)."""
    gold = {
        (f"{c['persona']}/{c['internal']}", f"{c['persona']}/{c['customers']}")
        for c in data.meta.get("contradictions", [])
    }
    top = _top_claims(data, known)
    true = 0
    hit: set[tuple[str, str]] = set()
    wrong = []
    for conflict in known.conflicts:
        persona = conflict["persona"]
        pair = (top(conflict["internal_theme"], persona), top(conflict["customer_theme"], persona))
        if pair in gold:
            true += 1
            hit.add(pair)
        else:
            wrong.append(f"{pair[0] or '(no claim)'} vs {pair[1] or '(no claim)'}")
    return Flags(true, len(known.conflicts), len(hit), len(gold), wrong)


def _top_claims(data: LabelledSet, known: Replay) -> Callable[[str, str | None], str]:
    """(theme key, persona) -> the claim most of the theme's answers make ("" for none);
    ties go to the claim more answers make overall, then to the first by name, so the
    score never depends on hash order."""
    by_id = {a.id: a for a in data.answers}
    overall = Counter(k for a in data.answers for k in a.claim_keys)

    def top(key: str, persona: str | None) -> str:
        members = known.members.get(f"{key}@{persona}", [])
        votes = Counter(k for m in members for k in by_id[m].claim_keys)
        return min(votes, key=lambda k: (-votes[k], -overall[k], k)) if votes else ""

    return top
