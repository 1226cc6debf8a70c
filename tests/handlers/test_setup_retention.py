"""Setup's "Keep answer text for (days)" over signed HTTP: saved, shown again, refused
under its field when it is not 1 to 3650 (nothing saved), emptied to keep text forever;
and the clock's tick applies it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from sqlalchemy import select

from bot import clock
from bot.capture.replies import record_message
from bot.settings import Settings
from bot.slack.client import make_client
from bot.slack.words import word
from questions import load_bank
from storage import Answer, Database, Workspace, queries
from tests.conftest import TEAM
from tests.handlers.test_home import as_sent, block, open_setup
from tests.handlers.test_interactions import submit
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack


def kept_days(db: Database) -> int | None:
    with db.session() as session:
        days: int | None = session.scalar(
            select(Workspace.retention_days).where(Workspace.team_id == TEAM)
        )
        return days


def typed_days(value: str | None) -> dict[str, dict[str, object]]:
    return {"retention": {"number": {"type": "number_input", "value": value}}}


def test_setup_saves_shows_and_checks_how_long_answer_text_is_kept(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    modal = open_setup(slack, fake)
    days = block(modal, "retention")
    assert days["label"]["text"] == "Keep answer text for (days)"
    assert "initial_value" not in days["element"]  # unset: kept forever

    for bad in ("0", "3651", "2.5"):
        refused = submit(slack, modal, as_sent(modal) | typed_days(bad))
        assert refused == {
            "response_action": "errors",
            "errors": {"retention": word("en", "error_whole", low=1, high=3650)},
        }
        assert kept_days(db) is None

    assert submit(slack, modal, as_sent(modal) | typed_days("90")) is None
    assert kept_days(db) == 90
    again = open_setup(slack, fake)
    assert block(again, "retention")["element"]["initial_value"] == "90"
    assert submit(slack, again, as_sent(again)) is None  # saved unchanged
    assert kept_days(db) == 90

    assert submit(slack, again, as_sent(again) | typed_days(None)) is None  # emptied
    assert kept_days(db) is None
    assert "initial_value" not in block(open_setup(slack, fake), "retention")["element"]


def test_the_clock_drops_old_answer_text_on_its_tick(
    db: Database, fake: FakeSlack, settings: Settings
) -> None:
    client: WebClient = make_client(settings)
    now = datetime.now(UTC)
    with db.session() as session:
        workspace = queries.workspace(session, team_id=TEAM)
        workspace.retention_days = 30
        channel = queries.channel(session, workspace=workspace, slack_id="CSALES")
        for n, age in enumerate((31, 29)):
            session.add(
                Answer(
                    workspace_id=workspace.id,
                    channel_id=channel.id,
                    ts=f"1.{n}",
                    user_id="UALICE",
                    text=f"said {age} days ago",
                    answered_at=now - timedelta(days=age),
                )
            )
    clock.tick(db=db, client=client, bank=load_bank(), settings=settings, now=now)
    with db.session() as session:
        texts = session.scalars(select(Answer.text).order_by(Answer.id)).all()
    assert texts == ["", "said 29 days ago"]

    # an edit of the old message in Slack later does not bring its text back
    edit = {
        "type": "message",
        "subtype": "message_changed",
        "channel": "CSALES",
        "message": {"type": "message", "user": "UALICE", "text": "said again", "ts": "1.0"},
    }
    with db.session() as session:
        record_message(
            session=session,
            team_id=TEAM,
            event_id="EvEdit",
            event=edit,
            bot_user_id="UBOT",
            bank=load_bank(),
        )
    with db.session() as session:
        assert session.scalars(select(Answer.text).order_by(Answer.id)).all() == texts
