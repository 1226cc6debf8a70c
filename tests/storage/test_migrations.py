"""The schema comes only from Alembic, matches the models, and upgrades safely in parallel."""

from __future__ import annotations

import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from storage import Answer, Base, Database
from storage.db import alembic_config


def test_migrations_match_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_upgrade_reaches_head_and_is_idempotent(db: Database) -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert db.current_revision() == head
    db.upgrade()
    assert db.current_revision() == head


def test_processes_starting_at_once_upgrade_once(database_url: str) -> None:
    code = "import sys; from storage import Database; Database(sys.argv[1]).upgrade()"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, database_url],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    database = Database(database_url)
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert database.current_revision() == head
    database.dispose()


def test_upgrading_keeps_existing_answers(database_url: str) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import text

    database = Database(database_url)
    database.upgrade("0001")
    stamp = datetime(2026, 11, 1, tzinfo=UTC)
    with database.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO workspaces (id, team_id, created_at) VALUES (1, 'T1', :t)"),
            {"t": stamp},
        )
        conn.execute(
            text(
                "INSERT INTO channels (id, workspace_id, slack_id, created_at) "
                "VALUES (1, 1, 'C1', :t)"
            ),
            {"t": stamp},
        )
        conn.execute(
            text(
                "INSERT INTO answers (id, workspace_id, channel_id, ts, user_id, source, text, "
                "answered_at, created_at) "
                "VALUES (1, 1, 1, '1.000001', 'U1', 'thread', 'kept', :t, :t)"
            ),
            {"t": stamp},
        )
    database.upgrade()
    with database.session() as session:
        answer = session.get(Answer, 1)
        assert answer is not None
        assert (answer.text, answer.late) == ("kept", False)
    database.dispose()


def test_a_reading_session_changes_nothing_and_does_not_block_writers(db: Database) -> None:
    from sqlalchemy import select

    from storage import Workspace

    with db.reading() as reader:
        assert reader.scalars(select(Workspace)).all() == []
        with db.session() as writer:  # a writer gets through while the reader is open
            writer.add(Workspace(team_id="TWRITE"))
    with db.reading() as reader:
        reader.add(Workspace(team_id="TREAD"))
        reader.flush()
    with db.session() as session:
        assert session.scalars(select(Workspace.team_id)).all() == ["TWRITE"]


def test_oauth_tables_are_the_ones_slack_sdk_stores_use() -> None:
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
    from sqlalchemy import MetaData

    def shape(table: object) -> dict[str, tuple[str, bool]]:
        return {c.name: (str(c.type), bool(c.nullable)) for c in table.columns}  # type: ignore[attr-defined]

    theirs = MetaData()
    expected = {
        "slack_installations": SQLAlchemyInstallationStore.build_installations_table(
            theirs, "slack_installations"
        ),
        "slack_bots": SQLAlchemyInstallationStore.build_bots_table(theirs, "slack_bots"),
        "slack_oauth_states": SQLAlchemyOAuthStateStore.build_oauth_states_table(
            theirs, "slack_oauth_states"
        ),
    }
    for name, table in expected.items():
        assert shape(Base.metadata.tables[name]) == shape(table), name
