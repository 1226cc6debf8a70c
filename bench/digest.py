"""The weekly digest over many stored answers: time and peak memory.

For each size, answers (English and Korean, 20 personas, six groups, 500 people) are
stored and indexed through the real code path (``bot.indexing``), then a fresh process
composes the digest from the database and renders it for Slack and as the HTML report;
that process reports its wall time and peak RSS. Goals: 100,000 answers in <= 3 s and
<= 300 MB; 10x the answers for no more than 12x the time.

    python -m bench.digest                   # 1k, 10k, 100k
    python -m bench.digest --sizes 1000 5000
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from questions import FIELDS, GROUPS, load_bank
from storage import Answer, Database, Evidence, Persona, queries

TEAM = "TBENCH"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
EN = [
    "onboarding new agents takes {n} weeks",
    "reporting exports break on {w}",
    "we need SSO and SAML before we can buy",
    "per seat pricing hurts a team of {n}",
    "security questionnaires stall the deal for {n} weeks",
    "first response time is our main goal",
    "we learn about tools in peer Slack communities and G2",
    "setup should not need an admin",
    "When a renewal comes up, I want usage numbers so I can justify the budget",
    "audit logs and data residency in the EU are required",
    "macros are hard to find for {w}",
]
KO = [
    "신규 상담원 온보딩이 {n}주씩 걸려요",
    "보고서 내보내기가 자꾸 깨져요",
    "가격이 좌석당이라 부담돼요",
    "보안 검토 때문에 계약이 {n}주 늦어졌어요",
    "슬랙 커뮤니티에서 도구 추천을 받아요",
]
WORDS = ["tickets", "tags", "macros", "dashboards", "queues", "subjects", "exports", "teams"]


def populate(url: str, size: int, seed: int = 7) -> None:
    # imported here: the measuring process must not load the language models it never uses
    from bot.insights.indexing import Indexer

    rng = random.Random(seed)
    db = Database(url)
    db.upgrade()
    bank = load_bank()
    with db.session() as session:
        workspace = queries.workspace(session, team_id=TEAM)
        channel = queries.channel(session, workspace=workspace, slack_id="CBENCH", name="bench")
        personas = [
            Persona(
                workspace_id=workspace.id,
                name=f"Persona {i}",
                name_key=f"persona {i}",
                description="",
                negative=i == 19,
            )
            for i in range(20)
        ]
        session.add_all(personas)
        session.flush()
        indexer = Indexer(session=session, workspace_id=workspace.id, bank=bank)
        for i in range(size):
            template = rng.choice(KO) if rng.random() < 0.2 else rng.choice(EN)
            text = template.format(n=rng.randint(2, 9), w=rng.choice(WORDS))
            answer = Answer(
                workspace_id=workspace.id,
                channel_id=channel.id,
                ts=f"b{i}",
                user_id=f"U{rng.randrange(500):04d}",
                group=rng.choice(GROUPS),
                source="import",
                text=text,
                answered_at=NOW - timedelta(minutes=rng.randrange(120 * 24 * 60)),
            )
            session.add(answer)
            session.flush()
            field = rng.choice(FIELDS)
            indexer.index(answer, field=field)
            session.add(
                Evidence(
                    answer_id=answer.id,
                    persona_id=rng.choice(personas).id,
                    field=field,
                    source="import",
                )
            )
        indexer.flush()
    # As the clock's tick does after answers arrive (regrouping is off the ack path).
    from bot.insights.regrouping import regroup_pending

    regroup_pending(db=db)
    db.dispose()


def _peak_mb() -> float:
    """This process's peak resident memory: VmHWM, which starts afresh at exec (ru_maxrss
    would include the parent's peak: the storing process loads the language models)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(url: str) -> None:
    """In a fresh process: compose and render once, print seconds and peak RSS (MB)."""
    from bot.insights.digests import compose
    from bot.insights.render.messages import digest_messages
    from bot.insights.render.report import report_html

    db = Database(url)
    started = time.perf_counter()
    with db.session() as session:
        digest = compose(session=session, team_id=TEAM, now=NOW)
    messages = digest_messages(digest)
    html = report_html(digest)
    elapsed = time.perf_counter() - started
    peak = _peak_mb()
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "peak_mb": peak,
                "answers": digest.answers,
                "messages": len(messages),
                "report_kb": len(html) // 1024,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3, help="digest runs per size (median)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            url = f"sqlite:///{Path(tmp) / f'digest-{size}.sqlite3'}"
            started = time.perf_counter()
            populate(url, size)
            setup = time.perf_counter() - started
            runs = [
                json.loads(
                    subprocess.run(
                        [sys.executable, "-m", "bench.digest", "--measure", url],
                        check=True,
                        capture_output=True,
                        text=True,
                    ).stdout
                )
                for _ in range(args.repeat)
            ]
            runs.sort(key=lambda r: r["seconds"])
            median = runs[len(runs) // 2]
            results[size] = median
            print(
                f"{size:>7} answers: digest {median['seconds']:.2f} s (median of {args.repeat}; "
                f"min {runs[0]['seconds']:.2f}), peak RSS {median['peak_mb']:.0f} MB, "
                f"{median['messages']} Slack message(s), report {median['report_kb']} KB "
                f"[storing and indexing took {setup:.0f} s, {size / setup:.0f} answers/s]"
            )
    sizes = sorted(results)
    for small, big in itertools.pairwise(sizes):
        ratio = results[big]["seconds"] / results[small]["seconds"]
        print(
            f"{big // small}x the answers ({small} -> {big}): {ratio:.1f}x the time "
            f"(goal <= {1.2 * big / small:.0f}x)"
        )


if __name__ == "__main__":
    main()
