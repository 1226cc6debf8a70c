"""How well personabot reads real answers, scored against hand-labelled sets.

    python -m bench.quality                      # development sets (bench/labelled/dev_*)
    python -m bench.quality --heldout            # the held-out sets, scored once at the end
    python -m bench.quality --only jobs --show 20 dev_en_a   # tune: the first 20 misses

Job statements: a predicted job matches a gold job of the same answer when, for each
non-empty gold part, the Jaccard similarity of their tokens is at least 0.4 (English:
word tokens; Korean: character bigrams with spaces removed; lowercase, punctuation
stripped), matched one to one. Themes: extended B-cubed F over answers; assumption flags:
precision and recall against the claims only internal groups make (see
``bench.quality_themes``, which replays each set through the real storage and export).
See ``bench/labelled/GUIDE.md`` for the labels. Targets per language: jobs precision >= 0.9
and recall >= 0.8; themes F >= 0.7; flags precision >= 0.8 and recall >= 0.9.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench import quality_themes
from bench.labels import GoldJob, Labelled, LabelledSet, load
from bot.insights.synthesis import jobs

HERE = Path(__file__).resolve().parent / "labelled"
THRESHOLD = 0.4
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_WORD = re.compile(r"\w+")


def tokens(text: str) -> frozenset[str]:
    """Word tokens (English) or character bigrams without spaces (Korean), lowercase,
    punctuation stripped."""
    text = text.casefold().replace("'", "").replace("\u2019", "")
    if _HANGUL.search(text):
        chars = "".join(_WORD.findall(text)).replace("_", "")
        grams = {chars[i : i + 2] for i in range(len(chars) - 1)}
        return frozenset(grams or set(chars))
    return frozenset(w for w in _WORD.findall(text) if w != "_")


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


Parts = tuple[str, str, str]


def job_score(predicted: Parts, gold: GoldJob) -> float:
    """The lowest Jaccard over the gold job's non-empty parts (0 when a part is missed)."""
    pairs = zip(predicted, (gold.situation, gold.motivation, gold.outcome), strict=True)
    return min(jaccard(tokens(p), tokens(g)) for p, g in pairs if g.strip())


def match(predicted: Sequence[Parts], gold: Sequence[GoldJob]) -> list[tuple[int, int]]:
    """One-to-one matches (predicted index, gold index), best scores first."""
    scored = sorted(
        ((job_score(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    found = []
    for score, i, j in scored:
        if score >= THRESHOLD and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            found.append((i, j))
    return found


@dataclass
class Tally:
    true: int = 0
    predicted: int = 0
    gold: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true / self.gold if self.gold else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name:<28} precision {self.precision:.2f} ({self.true}/{self.predicted})  "
            f"recall {self.recall:.2f} ({self.true}/{self.gold})"
        )


def extracted(text: str) -> list[Parts]:
    return [(s.situation, s.motivation, s.outcome) for s in jobs.extract(text)]


def score_jobs(data: LabelledSet, extract: Callable[[str], list[Parts]] = extracted) -> Tally:
    tally = Tally()
    for answer in data.answers:
        predicted = extract(answer.text)
        matched = match(predicted, answer.jobs)
        tally.true += len(matched)
        tally.predicted += len(predicted)
        tally.gold += len(answer.jobs)
        if len(matched) < max(len(predicted), len(answer.jobs)):
            tally.misses.append(_miss(answer, predicted, matched))
    return tally


def _miss(answer: Labelled, predicted: Sequence[Parts], matched: list[tuple[int, int]]) -> str:
    lines = [f"[{answer.id}] {answer.text}"]
    hit_p = {i for i, _ in matched}
    hit_g = {j for _, j in matched}
    for j, g in enumerate(answer.jobs):
        mark = "ok  " if j in hit_g else "MISS"
        lines.append(f"   gold {mark} S={g.situation!r} M={g.motivation!r} O={g.outcome!r}")
    for i, p in enumerate(predicted):
        mark = "ok  " if i in hit_p else "FP  "
        lines.append(f"   pred {mark} S={p[0]!r} M={p[1]!r} O={p[2]!r}")
    return "\n".join(lines)


def _files(names: Sequence[str], heldout: bool) -> list[Path]:
    if names:
        return [HERE / (n if n.endswith(".jsonl") else f"{n}.jsonl") for n in names]
    return sorted(HERE.glob("heldout*.jsonl" if heldout else "dev_*.jsonl"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__)
    parser.add_argument("files", nargs="*", help="labelled file names (default: dev_*)")
    parser.add_argument("--heldout", action="store_true", help="score the held-out sets")
    parser.add_argument("--only", choices=["jobs", "themes"], default=None)
    parser.add_argument("--show", type=int, default=0, help="print this many misses per file")
    args = parser.parse_args(argv)
    sets = [load(path) for path in _files(args.files, args.heldout)]
    if args.only != "themes":
        _jobs(sets, show=args.show)
    if args.only != "jobs":
        _themes(sets, show=args.show)
    return 0


def _jobs(sets: Sequence[LabelledSet], *, show: int) -> None:
    by_language: dict[str, Tally] = {}
    answers = 0
    jobs.extract("warm up: load the language models before timing")
    started = time.perf_counter()
    print("== job statements")
    for data in sets:
        tally = score_jobs(data)
        answers += len(data.answers)
        print(tally.line(data.name))
        for miss in tally.misses[:show]:
            print(miss)
        total = by_language.setdefault(data.language, Tally())
        total.true += tally.true
        total.predicted += tally.predicted
        total.gold += tally.gold
    for language, total in sorted(by_language.items()):
        print(total.line(f"all {language}"))
    elapsed = time.perf_counter() - started
    print(f"{answers} answers in {elapsed:.2f} s ({answers / max(elapsed, 1e-9):,.0f} answers/s)")


def _themes(sets: Sequence[LabelledSet], *, show: int) -> None:
    print("== themes (extended B-cubed) and assumption flags")
    totals: dict[str, list[float]] = {}
    sums: dict[str, dict[str, quality_themes.Flags]] = {}
    answers = 0
    started = time.perf_counter()
    for data in sets:
        known = quality_themes.replay(data)
        p, r, f = quality_themes.bcubed(data, known.memberships)
        flags = quality_themes.flags(data, known)
        conflicts = quality_themes.conflicts(data, known)
        answers += len(data.answers)
        shown = sum(1 for t in known.themes if t["people"] >= 2)
        print(
            f"{data.name:<28} themes P {p:.2f} R {r:.2f} F {f:.2f} ({shown} shown)  "
            f"{_rates('flags', flags)}  {_rates('conflicts', conflicts)}"
        )
        for wrong in flags.wrong[:show]:
            print(f"   wrong flag: {wrong}")
        for wrong in conflicts.wrong[:show]:
            print(f"   wrong conflict: {wrong}")
        total = totals.setdefault(data.language, [0.0, 0.0, 0.0, 0.0])
        for i, value in enumerate((p, r, f)):
            total[i] += value
        total[3] += 1
        summed = sums.setdefault(data.language, {})
        for name, tally in (("flags", flags), ("conflicts", conflicts)):
            summed[name] = _added(summed.get(name, quality_themes.Flags(0, 0, 0, 0)), tally)
    for language, t in sorted(totals.items()):
        n = t[3]
        found = sums[language]
        print(
            f"{'all ' + language:<28} themes P {t[0] / n:.2f} R {t[1] / n:.2f} F {t[2] / n:.2f} "
            f"(mean of sets)  {_rates('flags', found['flags'])}  "
            f"{_rates('conflicts', found['conflicts'])}"
        )
    elapsed = time.perf_counter() - started
    print(
        f"{answers} answers stored, indexed and exported in {elapsed:.2f} s "
        f"({answers / max(elapsed, 1e-9):,.0f} answers/s)"
    )


def _rates(name: str, tally: quality_themes.Flags) -> str:
    return (
        f"{name} precision {tally.precision:.2f} ({tally.true}/{tally.predicted}) "
        f"recall {tally.recall:.2f} ({tally.found}/{tally.gold})"
    )


def _added(total: quality_themes.Flags, tally: quality_themes.Flags) -> quality_themes.Flags:
    return quality_themes.Flags(
        total.true + tally.true,
        total.predicted + tally.predicted,
        total.found + tally.found,
        total.gold + tally.gold,
    )


if __name__ == "__main__":
    sys.exit(main())
