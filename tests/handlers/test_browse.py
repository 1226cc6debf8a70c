"""Reading commands over signed HTTP: show, jobs, search, export."""

from __future__ import annotations

import pytest

from storage import Database
from tests.conftest import say, wait_for
from tests.dates import seen_in
from tests.handlers.test_digest import gather
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

JOBS = [
    (
        "UALICE",
        "When we onboard a new agent, I want one place for every macro so nobody has to ask around",
    ),
    ("UBOB", "Onboarding new agents takes weeks <!channel>"),
]


def test_show_finds_a_persona_by_part_of_its_name(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db)
    card = say(slack, fake, "show olivia", user="UALICE")
    assert fake.responses[-1]["response_type"] == "ephemeral"
    assert "Ops Olivia" in card
    assert "onboarding" in card.lower()
    say(slack, fake, "create Olivia Two")
    assert "Which one: Olivia Two, Ops Olivia?" in say(slack, fake, "show olivia")
    assert "No persona called Zed." in say(slack, fake, "show Zed")


def test_jobs_lists_job_statements(slack: SlackDriver, fake: FakeSlack, db: Database) -> None:
    gather(slack, fake, db, answers=JOBS)
    jobs = say(slack, fake, "jobs", user="UBOB")
    assert "When we onboard a new agent, I want one place for every macro" in jobs
    assert "1 person" in jobs
    assert jobs == say(slack, fake, "jobs ops olivia")


def test_search_pages_and_escapes(slack: SlackDriver, fake: FakeSlack, db: Database) -> None:
    answers = [("UALICE", f"Onboarding issue number {i} takes weeks") for i in range(12)]
    gather(slack, fake, db, answers=[*answers, JOBS[1]])
    first = say(slack, fake, "search ONBOARDING")
    assert "*13 answers mention “ONBOARDING”* (page 1 of 2)" in first
    assert first.count("\n• ") == 10
    assert "^https://test.slack.com/archives/CSALES/p" in first  # the date links to the answer
    assert "<https://test.slack.com/archives/CSALES/p" in seen_in(first, "Asia/Seoul")
    assert "`/persona search ONBOARDING page 2`" in first
    second = say(slack, fake, "search onboarding page 2")
    assert second.count("\n• ") == 3
    assert "<!channel>" not in second + first
    assert "&lt;!channel&gt;" in second + first
    assert say(slack, fake, "search pricing") == "Nothing found for “pricing”."


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_export_sends_the_file_to_the_callers_dm(
    fmt: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db)
    assert say(slack, fake, f"export {fmt}", user="UALICE").startswith("Sent personas-")
    [upload] = wait_for(lambda: fake.uploaded_files)
    assert upload["channel"] == fake.dm_channel("UALICE")
    assert upload["name"].endswith(f".{fmt}")
    assert b"Onboarding" in upload["bytes"] or b"onboarding" in upload["bytes"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("show", "Name the persona"),
        ("search a", "at least two characters"),
        ("export pdf", "Pick a format: md, html, csv, json"),
    ],
)
def test_bad_reading_commands_get_help(
    text: str, expected: str, slack: SlackDriver, fake: FakeSlack
) -> None:
    assert expected in say(slack, fake, text)
