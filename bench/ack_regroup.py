"""What storing one reply costs with the regroup on the acknowledgement path and without.

A workspace cell is filled with N themes (claims of made-up words, each its own theme), then
one reply at a time is stored and indexed in its own transaction exactly as a message event
stores it before Slack's ack (``Indexer.index`` + ``flush`` + commit). "regroup on ack" adds
the regroup of the whole cell in that transaction, as ``flush`` did before (and as
``bot.insights.regrouping.regroup_cell`` does); "deferred" marks the cell only (the regroup
runs later in the clock's tick or the digest worker). Prints medians and their ratio.

    python -m bench.ack_regroup                        # 300 and 1,500 themes, SQLite
    python -m bench.ack_regroup --database-url postgresql+psycopg://...   # wipes nothing but
                                                      # adds a workspace TACKBENCH
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bot.insights import regrouping
from bot.insights.indexing import Indexer
from questions import load_bank
from storage import Answer, Database, queries

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3))


def _fill(db: Database, team: str, themes: int, rng: random.Random) -> tuple[int, int]:
    bank = load_bank()
    with db.session() as session:
        workspace = queries.workspace(session, team_id=team)
        channel = queries.channel(session, workspace=workspace, slack_id="CACK", name="ack")
        indexer = Indexer(session=session, workspace_id=workspace.id, bank=bank)
        for i in range(themes):
            text = f"the {_word(rng)} {_word(rng)} keeps failing our {_word(rng)}"
            answer = _answer(workspace.id, channel.id, f"f{i}", text)
            session.add(answer)
            session.flush()
            indexer.index(answer, field="pains")
        indexer.flush()
        ids = (workspace.id, channel.id)
    regrouping.regroup_pending(db=db)
    return ids


def _answer(workspace_id: int, channel_id: int, ts: str, text: str) -> Answer:
    return Answer(
        workspace_id=workspace_id,
        channel_id=channel_id,
        ts=ts,
        user_id="UBENCH",
        group="sales",
        source="message",
        text=text,
        answered_at=NOW,
    )


def _store_one(db: Database, ids: tuple[int, int], ts: str, text: str, *, regroup: bool) -> float:
    bank = load_bank()
    started = time.perf_counter()
    with db.session() as session:
        answer = _answer(*ids, ts, text)
        session.add(answer)
        session.flush()
        indexer = Indexer(session=session, workspace_id=ids[0], bank=bank)
        indexer.index(answer, field="pains")
        indexer.flush()
        if regroup:  # what flush used to do before Slack's ack
            regrouping.regroup_cell(session=session, workspace_id=ids[0], language="en")
    return time.perf_counter() - started


def run(url: str, sizes: list[int], replies: int) -> None:
    db = Database(url)
    db.upgrade()
    rng = random.Random(9)
    print("| themes in the cell | regroup on ack (median) | deferred (median) | ratio |")
    print("|---|---|---|---|")
    for size in sizes:
        ids = _fill(db, f"TACK{size}{rng.randrange(10**6)}", size, rng)
        timings: dict[bool, list[float]] = {True: [], False: []}
        for n in range(replies):
            for regroup in (n % 2 == 0, n % 2 == 1):  # alternate which goes first
                text = f"honestly the {_word(rng)} {_word(rng)} is slow for our team"
                timings[regroup].append(
                    _store_one(db, ids, f"r{size}.{n}.{int(regroup)}", text, regroup=regroup)
                )
        before, after = statistics.median(timings[True]), statistics.median(timings[False])
        print(
            f"| {size:,} | {before * 1000:.1f} ms | {after * 1000:.1f} ms | {before / after:.1f}x |"
        )
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1500])
    parser.add_argument("--replies", type=int, default=15)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    if args.database_url:
        run(args.database_url, args.sizes, args.replies)
        return
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{Path(folder) / 'ack.sqlite3'}", args.sizes, args.replies)


if __name__ == "__main__":
    main()
