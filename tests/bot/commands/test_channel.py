"""Mapping a channel to a group: the row that ``/persona channel`` writes."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.commands.channel import assign_group
from storage import Database, queries
from tests.conftest import TEAM

MONDAY = datetime(2026, 3, 2, 9, tzinfo=UTC)
TUESDAY = datetime(2026, 3, 3, 9, tzinfo=UTC)


def mapping(db: Database) -> tuple[str | None, str | None, datetime | None, str | None]:
    with db.reading() as session:
        workspace = queries.workspace(session, team_id=TEAM)
        row = queries.channel(session, workspace=workspace, slack_id="CSALES")
        mapped = row.mapped_at
        if mapped is not None and mapped.tzinfo is None:  # SQLite keeps no zone
            mapped = mapped.replace(tzinfo=UTC)
        return row.group, row.locale, mapped, row.name


def assign(db: Database, group: str | None, locale: str | None, now: datetime) -> None:
    with db.session() as session:
        assign_group(
            session=session,
            team_id=TEAM,
            slack_id="CSALES",
            name="sales-team",
            group=group,
            locale=locale,
            now=now,
        )


def test_the_mapping_time_moves_only_when_the_group_changes(db: Database) -> None:
    assign(db, "sales", "ko", MONDAY)
    assert mapping(db) == ("sales", "ko", MONDAY, "sales-team")
    assign(db, "sales", None, TUESDAY)
    assert mapping(db) == ("sales", None, MONDAY, "sales-team")
    assign(db, None, None, TUESDAY)
    assert mapping(db) == (None, None, TUESDAY, "sales-team")
