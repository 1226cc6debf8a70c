"""Answers stored (and indexed) as the bot stores them, for the insights tests."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.insights.indexing import Indexer
from questions import load_bank
from storage import Answer, Database, queries

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def store(db: Database, texts: tuple[str, ...], *, index: bool = True, start: int = 0) -> list[int]:
    """Store ``texts`` as answers of one workspace's channel (ts ``1.<start + n>``), each
    indexed under the field "pains" unless ``index`` is False; returns their ids."""
    with db.session() as session:
        workspace = queries.workspace(session, team_id="T1")
        channel = queries.channel(session, workspace=workspace, slack_id="C1", name="c")
        ids = []
        indexer = Indexer(session=session, workspace_id=workspace.id, bank=load_bank())
        for n, text in enumerate(texts, start=start):
            answer = Answer(
                workspace_id=workspace.id,
                channel_id=channel.id,
                ts=f"1.{n}",
                user_id=f"U{n}",
                group="sales",
                source="import",
                text=text,
                answered_at=NOW,
            )
            session.add(answer)
            session.flush()
            ids.append(answer.id)
            if index:
                indexer.index(answer, field="pains")
        indexer.flush()
    return ids
