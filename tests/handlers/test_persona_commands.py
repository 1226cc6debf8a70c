"""Persona commands over signed HTTP: create, rename, describe, negative, archive, merge."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.personas import roster as personas
from storage import Database, Evidence, Persona
from tests.conftest import say, wait_for
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack


def names(db: Database) -> list[tuple[str, bool, bool]]:
    with db.session() as session:
        rows = session.scalars(select(Persona).order_by(Persona.id))
        return [(p.name, p.negative, p.archived_at is not None) for p in rows]


def test_a_persona_lifecycle(slack: SlackDriver, fake: FakeSlack, db: Database) -> None:
    assert "No personas yet" in say(slack, fake, "list")
    assert "Created *Ops Olivia*" in say(slack, fake, "create Ops Olivia", user="UALICE")
    assert "Created *Bargain Bob*" in say(slack, fake, "create “Bargain Bob”")
    assert "now a negative persona" in say(slack, fake, "negative bargain bob")
    described = say(slack, fake, "describe ops olivia: Runs support operations at a SaaS firm")
    assert described == "*Ops Olivia*: Runs support operations at a SaaS firm"
    assert "Renamed to *Operations Olivia*" in say(
        slack, fake, "rename Ops Olivia to Operations Olivia"
    )
    listing = say(slack, fake, "list")
    assert "• *Operations Olivia*: 0 pieces of evidence" in listing
    assert "• *Bargain Bob* (negative persona)" in listing
    assert names(db) == [("Operations Olivia", False, False), ("Bargain Bob", True, False)]


@pytest.mark.parametrize(
    ("setup", "text", "expected"),
    [
        (
            ["create Ops Olivia"],
            "create ops olivia",
            "already a persona called Ops Olivia (names differ by more than case)",
        ),
        (["create Ops Olivia"], "create Ops Olivia", "already a persona called Ops Olivia."),
        (["create Ops Olivia"], "merge Ops Olivia into ops olivia", "cannot be merged into itself"),
        (["create Ops Olivia"], "describe Ops Olivia", "Put a colon after the name"),
        (["create Ops Olivia"], "rename Ops Olivia", "Separate the two names with `to`"),
        (["create Ops Olivia"], "negative Opps Olivia", "Did you mean Ops Olivia?"),
        ([], "create", "Name the persona"),
        ([], "create " + "x" * 81, "at most 80 characters"),
    ],
)
def test_bad_persona_commands_are_explained_and_change_nothing(
    setup: list[str], text: str, expected: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    for line in setup:
        say(slack, fake, line)
    before = names(db)
    assert expected in say(slack, fake, text)
    assert names(db) == before


def test_archive_and_merge_are_for_admins_and_merge_moves_evidence(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    from tests.handlers.test_capture import ask, reply

    say(slack, fake, "create Ops Olivia")
    say(slack, fake, "create Support Sam")
    prompt = ask(slack, fake, db)
    reply(slack, fake, prompt, "UALICE", "Onboarding new agents takes weeks")
    wait_for(lambda: fake.calls_to("reactions.add"))
    with db.session() as session:
        answer_id = session.scalars(select(Evidence.answer_id)).first()
        if answer_id is None:
            from storage import Answer

            answer_id = session.scalars(select(Answer.id)).one()
        personas.link(
            session=session,
            team_id="T0TEST",
            answer_id=answer_id,
            persona="Support Sam",
            field="pains",
            by="UADMIN",
        )

    assert "Only workspace admins" in say(
        slack, fake, "merge Support Sam into Ops Olivia", user="UALICE"
    )
    assert "Merged Support Sam into *Ops Olivia*" in say(
        slack, fake, "merge Support Sam into Ops Olivia"
    )
    assert names(db) == [("Ops Olivia", False, False), ("Support Sam", False, True)]
    with db.session() as session:
        [evidence] = session.scalars(select(Evidence)).all()
        olivia = session.scalars(select(Persona).where(Persona.name == "Ops Olivia")).one()
        assert (evidence.persona_id, evidence.field) == (olivia.id, "pains")
    assert "Support Sam is archived" in say(slack, fake, "describe Support Sam: x")
    assert "is archived; its evidence is kept" in say(slack, fake, "archive Ops Olivia")
