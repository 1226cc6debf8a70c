"""An erased answer stays erased when someone saves its Slack message with the shortcut."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.capture.shortcut import save_message
from bot.errors import UserError
from bot.personal import forget
from bot.personas import roster
from questions import load_bank
from storage import Answer, Database, Evidence

TEAM = "T0SHORT"


def save(db: Database, *, persona: str | None) -> None:
    with db.session() as session:
        save_message(
            session=session,
            team_id=TEAM,
            channel="CSALES",
            ts="1700000000.000100",
            user_id="UALICE",
            text="Onboarding takes three weeks for every new agent",
            permalink="https://example.slack.com/archives/CSALES/p1700000000000100",
            persona_id=persona,
            field="pains",
            by="UBOB",
            bank=load_bank(),
        )


def test_an_erased_message_cannot_be_saved_again(db: Database) -> None:
    with db.session() as session:
        persona = str(roster.create(session=session, team_id=TEAM, name="Ops Olivia").id)
    save(db, persona=None)
    with db.session() as session:
        forget.erase(
            session=session, team_id=TEAM, user_id="UALICE", by_self=True, bank=load_bank()
        )

    with pytest.raises(UserError, match="deleted or erased"):
        save(db, persona=persona)

    with db.session() as session:
        [answer] = session.scalars(select(Answer)).all()
        assert (answer.text, answer.permalink) == ("", None)
        assert forget.is_erased(answer.user_id)
        assert session.scalar(select(func.count()).select_from(Evidence)) == 0
