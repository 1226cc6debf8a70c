"""Deleting a workspace: every row of it goes from every table, the other workspace in the
same database stays exactly as it was; from the command line and from Slack."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.insights import publishing
from bot.personal import confirm
from bot.personas import roster
from bot.rounds import schedules
from bot.settings import Settings
from bot.slack.client import make_client
from handlers import workspace_cli
from handlers.cli import main
from questions import load_bank
from storage import (
    Base,
    Channel,
    Database,
    DigestRun,
    Prompt,
    RegroupMark,
    Round,
    Schedule,
    Sweep,
    Workspace,
)
from storage.installs import slack_bots, slack_installations
from tests.bot.personal_kit import PROMPT_TS, other_workspace
from tests.conftest import TEAM, say, wait_for
from tests.handlers.test_digest import ONBOARDING
from tests.handlers.test_personal import confirmation, press
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

OTHER = "T0OTHER"


def everything(db: Database) -> dict[str, set[str]]:
    """Every row of every table (as JSON, so that JSON columns compare too)."""
    with db.session() as session:
        return {
            table.name: {
                json.dumps(list(row), sort_keys=True, default=str)
                for row in session.execute(select(table))
            }
            for table in Base.metadata.sorted_tables
        }


def install(session: Session, team_id: str) -> None:
    """The rows slack_sdk's installation store writes for a team."""
    at = datetime(2026, 11, 2, 9, 0)  # noqa: DTZ001  (slack_sdk writes naive UTC)
    common = {"client_id": "111.222", "app_id": "A0TEST", "team_id": team_id, "installed_at": at}
    session.execute(insert(slack_installations).values(**common, user_id="UADMIN"))
    session.execute(insert(slack_bots).values(**common, bot_token=f"xoxb-{team_id}"))


def gather(slack: SlackDriver, fake: FakeSlack, db: Database) -> Prompt:
    """``tests.handlers.test_digest.gather``, beside another workspace's prompt."""
    say(slack, fake, "channel <#CSALES|sales-team> sales")
    say(slack, fake, "create Ops Olivia")
    say(slack, fake, 'ask <#CSALES|sales-team> "Ops Olivia" What slows her team down?')
    with db.session() as session:
        prompt = session.scalars(select(Prompt).where(Prompt.ts != PROMPT_TS)).one()
    for user, text in ONBOARDING:
        slack.user_says("CSALES", user, text, thread_ts=prompt.ts)
    wait_for(lambda: len(fake.calls_to("reactions.add")) == len(ONBOARDING))
    return prompt


def fill_this_workspace(
    slack: SlackDriver, fake: FakeSlack, db: Database, settings: Settings
) -> None:
    """A lived-in workspace, through Slack: channel, persona, prompt, answers (one edited,
    one deleted), a schedule with a round, a digest schedule and a posted digest."""
    prompt = gather(slack, fake, db)
    [first, second, *_] = fake.replies("CSALES", prompt.ts)[1:]
    slack.user_edits("CSALES", first["ts"], first["text"] + " really")
    slack.user_deletes("CSALES", second["ts"])
    say(slack, fake, "schedule sales daily 10:00")
    fake.add_channel("CDIGEST", "digest", is_member=True)
    say(slack, fake, "digest schedule <#CDIGEST|digest> mon 09:00")
    with db.session() as session:
        install(session, TEAM)
    publishing.post_digest(
        db=db,
        client=make_client(settings),
        team_id=TEAM,
        channel="CDIGEST",
        now=datetime.now(UTC),
        locale="en",
    )
    with db.session() as session:
        [schedule] = session.scalars(select(Schedule)).all()[-1:]
        session.add(
            Round(
                schedule_id=schedule.id,
                channel_id=session.scalars(select(Channel.id)).first(),
                due_at=datetime.now(UTC),
                status="posted",
            )
        )
        session.add(
            Sweep(
                workspace_id=schedule.workspace_id,
                kind="retention",
                day="2026-12-01",
                status="done",
            )
        )
        # a theme cell waiting for its regroup (the clock may have regrouped them all)
        session.merge(RegroupMark(workspace_id=schedule.workspace_id, language="en"))


def test_the_cli_deletes_every_row_of_one_workspace_and_nothing_of_the_other(
    slack: SlackDriver, fake: FakeSlack, db: Database, settings: Settings, capsys: Any
) -> None:
    with db.session() as session:
        other_workspace(session, OTHER, bank=load_bank())
        install(session, OTHER)
    before = everything(db)
    fill_this_workspace(slack, fake, db, settings)
    filled = everything(db)
    grown = {name for name, rows in filled.items() if rows - before[name]}
    expected = {n for n in filled if n != "slack_oauth_states"}
    assert grown >= expected, f"the test leaves {expected - grown} empty"

    args = argparse.Namespace(team_id=TEAM, yes=False)
    assert workspace_cli.run(args, db=db, ask=lambda _: "T0WRONG") == 1
    assert everything(db) == filled  # not confirmed: nothing deleted
    assert workspace_cli.run(args, db=db, ask=lambda _: f" {TEAM} ") == 0
    out = capsys.readouterr().out
    assert f"workspace {TEAM}: " in out
    assert "deleted: answer_revisions 1, " in out
    assert everything(db) == before  # every row of it gone, the other workspace untouched
    with pytest.raises(UserError, match="keeps nothing for the team T0TEST"):
        workspace_cli.run(args, db=db)


def test_an_admin_deletes_the_workspace_from_slack_after_confirming(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db)
    with db.session() as session:
        other_workspace(session, OTHER, bank=load_bank())
    assert say(slack, fake, "workspace delete", user="UBOB").startswith("Only workspace admins")
    reply = confirmation(slack, fake, "workspace delete", user="UADMIN")
    assert "answers 3" in reply["text"]
    assert "personas 1" in reply["text"]
    assert press(slack, fake, reply, confirm.CANCEL, user="UADMIN")["text"].startswith("Cancel")
    forged = press(slack, fake, reply, confirm.CONFIRM, user="UBOB")
    assert forged["text"].startswith("Only workspace admins")
    with db.session() as session:
        assert session.scalar(select(Workspace.id).where(Workspace.team_id == TEAM))
    done = press(slack, fake, reply, confirm.CONFIRM, user="UADMIN")
    assert done["text"].startswith("Deleted everything personabot kept for this workspace: ")
    assert "answers 3" in done["text"]
    with db.session() as session:
        assert session.scalars(select(Workspace.team_id)).all() == [OTHER]
        [other] = session.scalars(select(Workspace.id)).all()
        assert {r.workspace_id for r in session.scalars(select(DigestRun))} == {other}
    assert "No personas yet" in wait_for(lambda: say(slack, fake, "list"))


def test_schedules_and_personas_of_the_other_workspace_are_its_own(db: Database) -> None:
    """The helper really makes a second workspace (so the tests above mean something)."""
    with db.session() as session:
        other_workspace(session, OTHER, bank=load_bank())
    with db.reading() as session:
        assert roster.listing(session=session, team_id=OTHER)
        assert schedules.render_all(session=session, now=datetime.now(UTC))


def test_personabot_workspace_delete_from_the_command_line(
    db: Database, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    with db.session() as session:
        other_workspace(session, OTHER, bank=load_bank())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", database_url)
    with pytest.raises(SystemExit) as exited:
        main(["workspace", "delete", "T0NOBODY", "--yes"])
    assert exited.value.code == 2
    assert (
        capsys.readouterr().err == "personabot: personabot keeps nothing for the team T0NOBODY.\n"
    )
    assert main(["workspace", "delete", OTHER, "--yes"]) == 0
    assert "deleted: answer_revisions 1, answer_features 2, evidence 2, answers 2" in (
        capsys.readouterr().out
    )
    with db.session() as session:
        assert session.scalars(select(Workspace)).all() == []
