"""Two workspaces installed through OAuth, with the same channel and user ids: nothing one
workspace says reaches the other, whichever way it is read (issue 10)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot import clock
from bot.slack.client import make_client
from bot.slack.installs import InstalledClients
from questions import load_bank
from storage import Database, Prompt, Workspace
from tests.conftest import say, wait_for
from tests.handlers.oauth_kit import (
    CLIENT_ID,
    CLIENT_SECRET,
    Served,
    add_other_team,
    install,
    oauth_settings,
    serve,
)
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

ONBOARDING = [
    ("UALICE", "Onboarding new agents takes weeks before they can answer tickets alone"),
    ("UBOB", "Honestly onboarding new agents is slow, it takes weeks of shadowing"),
    ("UADMIN", "New agent onboarding takes weeks; training material is scattered"),
]
INVOICES = [
    ("UALICE", "Reconciling invoices by hand eats every month end close"),
    ("UBOB", "Invoices get reconciled manually in spreadsheets, month end is painful"),
    ("UADMIN", "Month end close means reconciling invoices line by line"),
]


@dataclass
class Side:
    """One workspace as its people see it: its driver, its fake, what only it knows."""

    slack: SlackDriver
    team: FakeSlack
    persona: str
    words: tuple[str, ...]  # said only here

    def say(self, text: str, user: str = "UADMIN") -> str:
        return say(self.slack, self.team, text, user=user)


def gather(side: Side, question: str, answers: list[tuple[str, str]], db: Database) -> None:
    side.say("channel <#CSALES|sales-team> sales")
    side.say(f"create {side.persona}")
    side.say(f'ask <#CSALES|sales-team> "{side.persona}" {question}')
    [message] = side.team.messages("CSALES")
    before = len(side.team.calls_to("reactions.add"))
    for user, text in answers:
        side.slack.user_says("CSALES", user, text, thread_ts=message["ts"])
    wait_for(lambda: len(side.team.calls_to("reactions.add")) >= before + len(answers))


@pytest.fixture
def sides(
    fake: FakeSlack, database_url: str, db: Database, digest_worker: object
) -> Iterator[tuple[Side, Side, Served]]:
    other = add_other_team(fake)
    fake.add_channel("CDIGEST", "persona-digest", is_member=True)
    fake.enable_oauth(CLIENT_ID, CLIENT_SECRET)
    with serve(oauth_settings(fake, database_url), db) as served:
        install(served, fake)
        install(served, other)
        a = Side(served.driver(fake), fake, "Ops Olivia", ("onboarding", "Olivia"))
        b = Side(served.driver(other), other, "Finance Fred", ("invoice", "Fred"))
        gather(a, "What slows her team down?", ONBOARDING, db)
        gather(b, "What eats his week?", INVOICES, db)
        yield a, b, served


def clean(text: str, side: Side, other: Side) -> None:
    """``text`` shows nothing only ``other`` knows (and, when it shows data, ``side``'s)."""
    lowered = text.lower()
    leaked = [w for w in other.words if w.lower() in lowered]
    assert leaked == [], f"{side.persona}'s workspace sees {leaked}: {text[:300]}"


def test_every_command_and_view_shows_only_its_own_workspace(
    sides: tuple[Side, Side, Served], db: Database
) -> None:
    a, b, _ = sides
    with db.session() as session:
        teams = {w.team_id for w in session.scalars(select(Workspace))}
        assert teams == {a.team.team_id, b.team.team_id}
        # the same channel id in both, yet one prompt each, each in its own workspace
        assert len({p.workspace_id for p in session.scalars(select(Prompt))}) == 2

    for side, other in ((a, b), (b, a)):
        listing = side.say("list")
        assert side.persona in listing
        clean(listing, side, other)
        shown = side.say(f"show {side.persona}")
        assert side.persona in shown
        assert side.words[0] in shown.lower()
        clean(shown, side, other)
        missing = side.say(f"show {other.persona}")
        assert missing == f"No persona called {other.persona}. Personas: {side.persona}."
        clean(side.say("jobs"), side, other)
        found = side.say(f"search {side.words[0]}")
        assert side.words[0] in found.lower()
        clean(found, side, other)
        assert side.say(f"search {other.words[0]}").startswith("Nothing found")
        status = side.say("status")
        question = "her team" if side is a else "his week"
        assert question in status
        clean(status, side, other)
        preview = side.say("digest preview")
        assert side.persona in preview
        clean(preview, side, other)

    assert "Saved" in a.say("schedule sales mon 09:00 Asia/Seoul")
    assert "Asia/Seoul" in a.say("schedule")
    assert b.say("schedule").startswith("No schedules yet.")


def export_and_home(side: Side, other: Side) -> None:
    assert side.say("export json", user="UALICE").startswith("Sent personas-")
    [upload] = wait_for(lambda: side.team.uploaded_files)
    assert upload["channel"] == side.team.dm_channel("UALICE")
    exported = upload["bytes"].decode()
    assert side.persona in exported
    clean(exported, side, other)

    published = len(side.team.views)
    side.slack.event({"type": "app_home_opened", "user": "UALICE", "channel": "DH", "tab": "home"})
    home = wait_for(lambda: side.team.views[published:])
    assert home[-1]["user_id"] == "UALICE"
    assert side.persona in str(home[-1]["view"])
    clean(str(home[-1]["view"]), side, other)


def test_exports_homes_and_digests_stay_in_their_workspace(
    sides: tuple[Side, Side, Served], db: Database
) -> None:
    a, b, _ = sides
    for side, other in ((a, b), (b, a)):
        export_and_home(side, other)

    for side, other in ((a, b), (b, a)):
        side.say("digest schedule <#CDIGEST|persona-digest> mon 09:00 Asia/Seoul")
        assert side.say("digest now") == "Posted the digest in <#CDIGEST>."
        [digest] = side.team.messages("CDIGEST")
        assert side.persona in str(digest["blocks"])
        clean(str(side.team.replies("CDIGEST", digest["ts"])), side, other)
        reports = [f for f in side.team.uploaded_files if f["channel"] == "CDIGEST"]
        assert len(reports) == 1
        clean(reports[0]["bytes"].decode(), side, other)
    # each workspace's digest went to its own CDIGEST only
    assert len(a.team.messages("CDIGEST")) == 1
    assert len(b.team.messages("CDIGEST")) == 1


def test_scheduled_digests_post_each_workspace_with_its_own_token(
    sides: tuple[Side, Side, Served], db: Database
) -> None:
    a, b, served = sides
    for side in (a, b):
        side.say("digest schedule <#CDIGEST|persona-digest> mon 09:00 UTC")
    settings = served.settings
    assert settings.oauth is not None
    clients = InstalledClients(oauth=settings.oauth, db=db, base=make_client(settings))
    now = datetime.now(UTC)
    monday = (now + timedelta(days=7 - now.weekday())).replace(
        hour=9, minute=1, second=0, microsecond=0
    )
    clock.tick(db=db, client=clients, bank=load_bank(), settings=settings, now=monday)
    for side, other in ((a, b), (b, a)):
        [digest] = side.team.messages("CDIGEST")
        assert side.persona in str(digest["blocks"])
        clean(str(digest["blocks"]), side, other)
        posts = [c for c in side.team.calls_to("chat.postMessage") if c.team == side.team.team_id]
        assert {c.params["channel"] for c in posts} == {"CSALES", "CDIGEST"}  # ask, digest
        assert {c.token for c in posts} == {side.team.bot_token}
