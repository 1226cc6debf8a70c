"""Whose language a reply is in: the person's own in Slack when the catalog has it, else the
workspace's (set in Setup), else PERSONABOT_LOCALE; and one users.info call per person."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.settings import Settings
from bot.slack import people
from bot.slack.client import make_client
from storage import Database, queries
from tests.conftest import TEAM, make_settings
from tests.slackfake.server import FakeSlack


def _locale(fake: FakeSlack, settings: Settings, db: Database, user: str) -> str:
    client = make_client(settings)
    return people.locale_for(client=client, db=db, settings=settings, team_id=TEAM, user_id=user)


def test_a_korean_user_reads_korean_and_an_english_user_english(
    fake: FakeSlack, settings: Settings, db: Database
) -> None:
    fake.add_user("UKO", "minji", locale="ko-KR")
    fake.add_user("UEN", "sam", locale="en-GB")
    assert _locale(fake, settings, db, "UKO") == "ko"
    assert _locale(fake, settings, db, "UEN") == "en"


def test_a_language_without_a_catalog_falls_back_to_the_workspace_then_the_setting(
    fake: FakeSlack, database_url: str, db: Database
) -> None:
    fake.add_user("UFR", "amelie", locale="fr-FR")
    settings = make_settings(fake, database_url, PERSONABOT_LOCALE="ko")
    assert _locale(fake, settings, db, "UFR") == "ko"  # no workspace choice yet: the setting
    with db.session() as session:
        queries.workspace(session, team_id=TEAM).locale = "en"
    assert _locale(fake, settings, db, "UFR") == "en"  # chosen in Setup: the workspace's


def test_an_unknown_user_gets_the_workspace_language_not_an_error(
    fake: FakeSlack, database_url: str, db: Database
) -> None:
    settings = make_settings(fake, database_url, PERSONABOT_LOCALE="ko")
    assert _locale(fake, settings, db, "UNOBODY") == "ko"


def test_one_users_info_call_answers_both_the_admin_check_and_the_language(
    fake: FakeSlack, settings: Settings, db: Database
) -> None:
    fake.add_user("UKO", "minji", locale="ko-KR", is_owner=True)
    client = make_client(settings)
    fake.clear_calls()
    for _ in range(3):
        assert (
            people.locale_for(client=client, db=db, settings=settings, team_id=TEAM, user_id="UKO")
            == "ko"
        )
        assert people.person(client=client, user_id="UKO").is_admin
    calls = fake.calls_to("users.info")
    assert len(calls) == 1
    assert calls[0].params.get("include_locale") in ("true", "1", True)


def test_forgetting_a_person_asks_slack_again(
    fake: FakeSlack, settings: Settings, db: Database
) -> None:
    fake.add_user("UKO", "minji", locale="ko-KR")
    client = make_client(settings)
    assert people.person(client=client, user_id="UKO").locale == "ko-KR"
    fake.add_user("UKO", "minji", locale="en-US")
    assert people.person(client=client, user_id="UKO").locale == "ko-KR"  # cached
    people.forget(client=client, user_id="UKO")
    assert people.person(client=client, user_id="UKO").locale == "en-US"


def test_slack_out_of_reach_costs_nothing_but_the_persons_own_language(
    fake: FakeSlack, database_url: str, db: Database
) -> None:
    settings = make_settings(fake, database_url, PERSONABOT_LOCALE="ko")
    unreachable = WebClient(token=settings.bot_token, base_url="http://127.0.0.1:9/api/")
    found = people.locale_for(
        client=unreachable, db=db, settings=settings, team_id=TEAM, user_id="UALICE"
    )
    assert found == "ko"
