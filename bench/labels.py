"""Labelled answers for the quality benchmark: load, check and summarise (see labelled/GUIDE.md).

    python -m bench.labels bench/labelled/dev_en_a.jsonl [...]

prints each file's problems by line (exit 1 when there are any) and the mix of groups,
personas, people, jobs and claims, so an author can see what the file still lacks.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from questions import CUSTOMER_GROUPS, FIELDS, GROUPS, INTERNAL_GROUPS

INTERNAL = INTERNAL_GROUPS
CUSTOMER = CUSTOMER_GROUPS
NO_PERSONA = "-"
KEYS = {"id", "persona", "field", "group", "author", "question", "text", "jobs", "claims"}
LABEL = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class GoldJob:
    situation: str
    motivation: str
    outcome: str


@dataclass(frozen=True)
class Labelled:
    id: str
    persona: str | None
    field: str
    group: str
    author: str
    question: str
    text: str
    jobs: tuple[GoldJob, ...]
    claims: tuple[str, ...]

    @property
    def claim_keys(self) -> frozenset[str]:
        """Claims are scoped to their persona: the same label under two personas is two claims."""
        return frozenset(f"{self.persona or NO_PERSONA}/{label}" for label in self.claims)


@dataclass(frozen=True)
class LabelledSet:
    name: str
    language: str
    answers: tuple[Labelled, ...]
    meta: dict[str, Any]

    def internal_only_claims(self) -> frozenset[str]:
        """Claims made by at least two internal people and by no customer or focus group."""
        people: dict[str, set[str]] = defaultdict(set)
        external: set[str] = set()
        for answer in self.answers:
            for key in answer.claim_keys:
                people[key].add(answer.author)
                if answer.group in CUSTOMER:
                    external.add(key)
        return frozenset(k for k, who in people.items() if k not in external and len(who) >= 2)


def _squash(text: str) -> str:
    return " ".join(text.casefold().split())


def _problems(row: Any, catalogue: dict[str, Any], personas: set[str]) -> list[str]:
    if not isinstance(row, dict):
        return ["not a JSON object"]
    out = [f"missing key {k!r}" for k in sorted(KEYS - row.keys())]
    out += [f"unknown key {k!r}" for k in sorted(row.keys() - KEYS - {"note"})]
    if out:
        return out
    for key in ("id", "field", "group", "author", "question", "text"):
        if not isinstance(row[key], str) or not row[key].strip():
            out.append(f"{key} must be a non-empty string")
    if out:
        return out
    if row["field"] not in FIELDS:
        out.append(f"field {row['field']!r} is not one of {', '.join(FIELDS)}")
    if row["group"] not in GROUPS:
        out.append(f"group {row['group']!r} is not one of {', '.join(GROUPS)}")
    persona = row["persona"]
    if persona is not None and persona not in personas:
        out.append(f"persona {persona!r} is not in the meta file")
    scope = catalogue.get(persona if persona is not None else NO_PERSONA, {})
    if not isinstance(row["claims"], list):
        return [*out, "claims must be a list"]
    for label in row["claims"]:
        if not isinstance(label, str) or not LABEL.match(label):
            out.append(f"claim {label!r} is not a kebab-case label")
        elif label not in scope:
            out.append(f"claim {label!r} is not in the catalogue under {persona or NO_PERSONA!r}")
    if len(set(row["claims"])) != len(row["claims"]):
        out.append("a claim is listed twice")
    if not isinstance(row["jobs"], list):
        return [*out, "jobs must be a list"]
    text = _squash(row["text"])
    for n, job in enumerate(row["jobs"], 1):
        if not isinstance(job, dict) or set(job) != {"situation", "motivation", "outcome"}:
            out.append(f"job {n} needs exactly situation, motivation and outcome")
            continue
        for part in ("situation", "motivation", "outcome"):
            value = job[part]
            if not isinstance(value, str):
                out.append(f"job {n} {part} must be a string")
            elif part != "outcome" and not value.strip():
                out.append(f"job {n} has no {part}: a job needs a situation and a motivation")
            elif value.strip() and _squash(value) not in text:
                out.append(f"job {n} {part} {value!r} is not copied from the text")
    return out


def load(path: Path) -> LabelledSet:
    """Read a labelled file and its meta file; raise ValueError listing every problem."""
    meta_path = path.with_name(path.name.removesuffix(".jsonl") + ".meta.json")
    problems: list[str] = []
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{meta_path}: {exc}") from exc
    catalogue: dict[str, Any] = meta.get("claims", {})
    personas = {p["name"] for p in meta.get("personas", [])}
    answers: list[Labelled] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            problems.append(f"{path}:{number}: not JSON ({exc})")
            continue
        found = _problems(row, catalogue, personas)
        if not found and row["id"] in seen:
            found = [f"id {row['id']!r} is used twice"]
        problems += [f"{path}:{number}: {p}" for p in found]
        if found:
            continue
        seen.add(row["id"])
        answers.append(
            Labelled(
                id=row["id"],
                persona=row["persona"],
                field=row["field"],
                group=row["group"],
                author=row["author"],
                question=row["question"],
                text=row["text"],
                jobs=tuple(GoldJob(**job) for job in row["jobs"]),
                claims=tuple(row["claims"]),
            )
        )
    for pair in meta.get("contradictions", []):
        scope = catalogue.get(pair.get("persona") or NO_PERSONA, {})
        for side in ("internal", "customers"):
            if pair.get(side) not in scope:
                problems.append(
                    f"{meta_path}: contradiction names unknown claim {pair.get(side)!r}"
                )
    if problems:
        raise ValueError("\n".join(problems))
    name = path.name.removesuffix(".jsonl")
    return LabelledSet(name, str(meta.get("language", "")), tuple(answers), meta)


def summary(data: LabelledSet) -> list[str]:
    n = len(data.answers)
    groups = Counter(a.group for a in data.answers)
    jobs = Counter(min(len(a.jobs), 2) for a in data.answers)
    people: dict[str, set[str]] = defaultdict(set)
    for answer in data.answers:
        for key in answer.claim_keys:
            people[key].add(answer.author)
    sizes = Counter(min(len(who), 5) for who in people.values())
    by_group: dict[str, set[str]] = defaultdict(set)
    for answer in data.answers:
        for key in answer.claim_keys:
            by_group[key].add("customer" if answer.group in CUSTOMER else "internal")
    both = sum(1 for g in by_group.values() if g == {"customer", "internal"})

    def pct(k: int) -> str:
        return f"{k} ({100 * k / max(n, 1):.0f}%)"

    return [
        f"{data.name}: {n} answers, {len({a.author for a in data.answers})} people, "
        f"{len({a.persona for a in data.answers})} personas (incl. none)",
        "groups: " + ", ".join(f"{g} {pct(groups[g])}" for g in GROUPS),
        f"jobs: none {pct(jobs[0])}, one {pct(jobs[1])}, two or more {pct(jobs[2])}",
        f"claims: {len(people)}; by people 1/2/3/4/5+: "
        + "/".join(str(sizes[k]) for k in range(1, 6)),
        f"internal-only (>=2 people): {len(data.internal_only_claims())}; "
        f"made by both sides: {both}; contradictions: {len(data.meta.get('contradictions', []))}",
        f"answers without claims: {pct(sum(1 for a in data.answers if not a.claims))}",
    ]


def main(argv: list[str]) -> int:
    status = 0
    for arg in argv:
        try:
            data = load(Path(arg))
        except (OSError, ValueError) as exc:
            print(exc)
            status = 1
            continue
        print("\n".join(summary(data)))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
