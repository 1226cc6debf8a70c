"""``/persona schedule`` and channel languages over signed HTTP."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from storage import Channel, Database, Schedule, queries
from tests.conftest import TEAM, wait_for
from tests.dates import fallbacks, seen_in
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack


def reply(fake: FakeSlack, count: int) -> str:
    wait_for(lambda: len(fake.responses) >= count)
    return str(fake.responses[-1]["text"])


def test_an_admin_sets_a_schedule_and_everyone_can_list_it(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    slack.command("channel <#CSALES|sales-team> sales ko")
    assert "*sales* group" in reply(fake, 1)
    sent = slack.command("schedule sales tue,thu 10:00 Asia/Seoul questions=1 cap=2 remind=4h")
    assert sent.status == 200
    saved = reply(fake, 2)
    assert saved.startswith("Saved.")
    assert "Tuesdays and Thursdays at 10:00 (Asia/Seoul)" in saved
    assert "<#CSALES>" in saved

    slack.command("schedule", user_id="UALICE")
    listing = reply(fake, 3)
    assert "*sales*: Tuesdays and Thursdays at 10:00 (Asia/Seoul)" in listing
    assert "UTC" not in listing
    seoul = seen_in(listing, "Asia/Seoul").split("next: ", 1)[1].splitlines()[0]
    next_runs = re.findall(r"(\w+day), \w+ \d+, \d{4} (\d\d:\d\d)", seoul)
    assert len(next_runs) == 3
    assert {day for day, _ in next_runs} <= {"Tuesday", "Thursday"}
    assert {time for _, time in next_runs} == {"10:00"}  # in Seoul; 01:00 for a reader in UTC
    in_utc = seen_in(listing, "UTC").split("next: ", 1)[1].splitlines()[0]
    assert {t for _, t in re.findall(r"(\w+day), \w+ \d+, \d{4} (\d\d:\d\d)", in_utc)} == {"01:00"}
    assert all(f.endswith("10:00 Asia/Seoul") for f in fallbacks(listing))
    with db.session() as session:
        schedule = session.scalars(select(Schedule)).one()
        assert (schedule.cadence, schedule.timezone) == ("tue,thu 10:00", "Asia/Seoul")
        assert (schedule.reminder_minutes, schedule.weekly_cap) == (240, 2)
        assert session.scalars(select(Channel.locale)).one() == "ko"


def test_changing_a_schedule_takes_effect_without_a_restart(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    slack.command("schedule leadership every 2 weeks fri 15:00 Asia/Seoul")
    reply(fake, 1)
    slack.command("schedule leadership monthly 1st mon 09:30")
    assert "monthly on the first Monday at 09:30 (UTC)" in reply(fake, 2)
    slack.command("schedule leadership off")
    assert "removed" in reply(fake, 3)
    with db.session() as session:
        assert session.scalars(select(Schedule)).all() == []


def test_only_admins_change_schedules(slack: SlackDriver, fake: FakeSlack, db: Database) -> None:
    slack.command("schedule sales tue 10:00", user_id="UALICE")
    assert "Only workspace admins" in reply(fake, 1)
    with db.session() as session:
        assert session.scalars(select(Schedule)).all() == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("schedule pirates tue 10:00", "Unknown group `pirates`"),
        ("schedule sales sometimes", "Accepted:"),
        ("schedule sales tux 10:00", "thu"),
        ("schedule sales tue 25:00", "Accepted:"),
        ("schedule sales tue 10:00 Mars/Olympus", "timezone"),
        ("schedule sales tue 10:00 questions=3 cap=2", "weekly cap (2) is below"),
        ("schedule sales tue 10:00 volume=11", "Unknown option `volume=`"),
        ("schedule sales tue 10:00 remind=3d close=1d", "reminder must come before"),
        ("schedule sales tue 10:00 skip=christmas", "`skip=` takes dates"),
        ("schedule sales tue 10:00 holidays=XX", "country"),
        ("channel <#CSALES|sales-team> sales fr", "Unknown language `fr`"),
    ],
)
def test_bad_schedules_are_explained_and_change_nothing(
    text: str, expected: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    sent = slack.command(text)
    assert sent.status == 200
    message = sent.json()["text"] if sent.body.startswith("{") else reply(fake, 1)
    assert expected in message
    with db.session() as session:
        assert session.scalars(select(Schedule)).all() == []


def test_mapping_a_public_channel_joins_it_and_a_private_one_asks_for_an_invite(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    slack.command("channel <#CMKT|marketing> marketing")
    assert reply(fake, 1) == "<#CMKT> is now the *marketing* group's channel."
    assert [c.params["channel"] for c in fake.calls_to("conversations.join")] == ["CMKT"]
    slack.command("channel <#CSECRET|leadership-private> leadership")
    assert "type `/invite @personabot` in <#CSECRET>" in reply(fake, 2)
    with db.session() as session:
        groups = {c.slack_id: c.group for c in session.scalars(select(Channel))}
    assert groups == {"CMKT": "marketing", "CSECRET": "leadership"}


def test_a_new_schedule_skips_the_holidays_chosen_in_setup(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    """Setup's holiday country is the default for `/persona schedule` too, as for Setup."""
    with db.session() as session:
        queries.workspace(session, team_id=TEAM).holiday_country = "KR"
    slack.command("schedule sales tue 10:00")
    assert reply(fake, 1).startswith("Saved.")
    slack.command("schedule marketing wed 10:00 holidays=none")
    assert reply(fake, 2).startswith("Saved.")
    with db.session() as session:
        rows = session.execute(select(Schedule.group, Schedule.holiday_country)).all()
        found = {group: country for group, country in rows}
    assert found == {"sales": "KR", "marketing": None}
