"""Themes and assumption flags of the quality benchmark (see ``bench.quality``).

Each labelled file is replayed as a workspace: its answers are split into claims and
grouped in arrival order exactly as the bot does when it stores them, then themes are
merged as the digest merges them. Themes are scored by extended B-cubed F (Amigo et al.
2009) against the gold claim labels of each answer; assumption flags by precision and
recall against the claims that only internal groups make (at least two internal people,
no customer or focus-group answer of that persona, in any field).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from bench.labels import INTERNAL, Labelled, LabelledSet
from bot.insights.synthesis import claims, grouping, mirror, themes

Key = str


@dataclass
class Replay:
    """What the bot would know after storing every answer of a labelled set."""

    memberships: dict[str, set[Key]] = field(default_factory=dict)  # answer id -> themes
    members: dict[Key, list[Labelled]] = field(default_factory=dict)  # theme -> answers
    centroids: dict[Key, dict[str, float]] = field(default_factory=dict)
    cell_of: dict[Key, tuple[str, str]] = field(default_factory=dict)


def replay(data: LabelledSet) -> Replay:
    cells: dict[tuple[str, str], list[themes.ThemeState]] = defaultdict(list)
    raw_members: dict[Key, list[Labelled]] = defaultdict(list)
    raw_of: dict[str, set[Key]] = defaultdict(set)
    cell_of: dict[Key, tuple[str, str]] = {}
    counter = 0
    for answer in data.answers:
        for claim in claims.claims(answer.text):
            vector = claim.terms
            cell = (answer.persona or "-", claim.language)
            states = cells[cell]
            index = themes.assign(vector, states, threshold=grouping.ASSIGN_THRESHOLD)
            if index is None:
                counter += 1
                states.append(themes.new_theme(str(counter), vector, answer_id=counter))
                index = len(states) - 1
            else:
                states[index] = themes.add(states[index], vector, answer_id=counter)
            key = states[index].key
            cell_of[key] = cell
            raw_members[key].append(answer)
            raw_of[answer.id].add(key)
    result = Replay()
    for cell, states in cells.items():
        merged = grouping.merge({s.key: s.centroid for s in states})
        for state in states:
            group = merged[state.key]
            result.cell_of[group] = cell
            target = result.centroids.setdefault(group, {})
            for term, weight in state.centroid.items():
                target[term] = target.get(term, 0.0) + weight
            result.members.setdefault(group, []).extend(raw_members[state.key])
    merged_of = {}
    for states in cells.values():
        merged_of.update(grouping.merge({s.key: s.centroid for s in states}))
    for answer_id, keys in raw_of.items():
        result.memberships[answer_id] = {merged_of[k] for k in keys}
    return result


def bcubed(data: LabelledSet, predicted: Mapping[str, set[Key]]) -> tuple[float, float, float]:
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
    """A flagged theme is right when the claim most of its answers make is internal-only."""
    gold = data.internal_only_claims()
    customer_vectors: dict[str, list[dict[str, float]]] = defaultdict(list)
    for answer in data.answers:
        if answer.group not in INTERNAL:
            for claim in claims.claims(answer.text):
                customer_vectors[answer.persona or "-"].append(claim.terms)
    predicted = true = 0
    hit: set[str] = set()
    wrong = []
    for key, members in known.members.items():
        people = {m.author for m in members}
        groups = {m.group for m in members}
        persona = known.cell_of[key][0]
        if not mirror.is_assumption(
            people=len(people),
            groups=groups,
            centroid=known.centroids[key],
            customer_claims=customer_vectors[persona],
        ):
            continue
        predicted += 1
        votes = Counter(k for m in members for k in m.claim_keys)
        top = votes.most_common(1)[0][0] if votes else ""
        if top in gold:
            true += 1
            hit.add(top)
        else:
            wrong.append(f"{top or '(no claim)'}: " + " | ".join(m.text[:70] for m in members[:3]))
    return Flags(true, predicted, len(hit), len(gold), wrong)
