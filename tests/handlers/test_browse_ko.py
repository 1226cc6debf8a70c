"""Reading commands in the caller's language: a Korean user (Slack locale ko-KR) reads the
card, the suggestions, the search and the export note in Korean, an English user in English,
and a user whose language has no catalog (fr-FR) in the workspace's."""

from __future__ import annotations

import re

from bot.i18n import nt, t
from bot.insights.render import words as render_words
from bot.insights.render.words import answers, field_name, word
from storage import Database, queries
from tests.conftest import TEAM, say, wait_for
from tests.handlers.test_browse import JOBS
from tests.handlers.test_digest import gather
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

HANGUL = re.compile("[가-힣]")


def people(fake: FakeSlack) -> None:
    fake.add_user("UKO", "minji", locale="ko-KR")
    fake.add_user("UEN", "sam", locale="en-US")
    fake.add_user("UFR", "amelie", locale="fr-FR")


def test_a_korean_user_reads_the_persona_card_in_korean(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    people(fake)
    gather(slack, fake, db)
    card = say(slack, fake, "show olivia", user="UKO")
    assert fake.responses[-1]["response_type"] == "ephemeral"
    assert "Ops Olivia" in card
    assert word("ko", "title") not in card  # headed by her name, not "Persona digest"
    assert HANGUL.search(card)
    assert answers("ko", 3) in card
    assert field_name("ko", "pains") in card or field_name("ko", "unsorted") in card
    english = say(slack, fake, "show olivia", user="UEN")
    assert "Ops Olivia" in english
    assert not HANGUL.search(english)
    assert answers("en", 3) in english


def test_did_you_mean_and_which_one_in_korean(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    people(fake)
    say(slack, fake, "create Ops Olivia")
    say(slack, fake, "create Olivia Two")
    suggestion = say(slack, fake, "show Ops Olivai", user="UKO")
    assert HANGUL.search(suggestion)
    assert "Did you mean" not in suggestion
    assert suggestion == t(
        "ko",
        "No persona called {name}. Did you mean {names}?",
        name="Ops Olivai",
        names="Ops Olivia, Olivia Two",
    )
    assert say(slack, fake, "show olivia", user="UKO") == t(
        "ko", "Which one: {names}?", names="Olivia Two, Ops Olivia"
    )
    assert say(slack, fake, "show Zed", user="UKO") == t(
        "ko",
        "No persona called {name}. Personas: {names}.",
        name="Zed",
        names="Olivia Two, Ops Olivia",
    )
    assert say(slack, fake, "show Ops Olivai", user="UEN") == (
        "No persona called Ops Olivai. Did you mean Ops Olivia, Olivia Two?"
    )


def test_a_french_user_gets_the_workspace_language(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    people(fake)
    say(slack, fake, "create Ops Olivia")
    assert say(slack, fake, "show Zed", user="UFR") == (
        "No persona called Zed. Personas: Ops Olivia."
    )
    with db.session() as session:
        queries.workspace(session, team_id=TEAM).locale = "ko"
    assert say(slack, fake, "show Zed", user="UFR") == t(
        "ko", "No persona called {name}. Personas: {names}.", name="Zed", names="Ops Olivia"
    )


def test_jobs_search_and_export_in_korean(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    people(fake)
    gather(slack, fake, db, answers=JOBS)
    jobs = say(slack, fake, "jobs", user="UKO")
    assert jobs.startswith(t("ko", "*Job statements*") + "\n")
    assert render_words.people("ko", 1) in jobs  # "1명"

    found = say(slack, fake, "search onboarding", user="UKO")
    assert found.startswith(
        nt(
            "ko",
            "*{n} answer mentions “{text}”* (page {page} of {pages})",
            "*{n} answers mention “{text}”* (page {page} of {pages})",
            1,
            text="onboarding",
            page=1,
            pages=1,
        )
    )
    assert say(slack, fake, "search pricing", user="UKO") == t(
        "ko", "Nothing found for “{text}”.", text="pricing"
    )
    assert say(slack, fake, "search pricing", user="UEN") == "Nothing found for “pricing”."

    sent = say(slack, fake, "export md", user="UKO")
    [upload] = wait_for(lambda: fake.uploaded_files)
    assert sent == t("ko", "Sent {name} to your direct messages with me.", name=upload["name"])


def test_bad_reading_commands_explain_in_korean(slack: SlackDriver, fake: FakeSlack) -> None:
    people(fake)
    assert t("ko", "Pick a format: {formats}.", formats="md, html, csv, json") in say(
        slack, fake, "export pdf", user="UKO"
    )
    assert t("ko", "Name the persona, e.g. `/persona show Ops Olivia`.") in say(
        slack, fake, "show", user="UKO"
    )
    assert "Pick a format: md, html, csv, json." in say(slack, fake, "export pdf", user="UEN")
