"""``/persona`` in the caller's language: Korean for a ko-KR user, English for an English one,
the workspace's language for a user whose Slack language has no catalog (fr-FR)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.commands.help import HELP, help_text, usage
from bot.i18n import nt, t
from storage import Database, Prompt, Schedule, queries
from tests.conftest import TEAM, say, wait_for
from tests.dates import seen_in
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

HANGUL = re.compile("[가-힣]")
KO_DIGEST_SHOWN = "다이제스트는 <#CDIGEST>에 올라갑니다: 매주 월요일 09:00 (Asia/Seoul). 다음: "
ADMINS_ONLY = "Only workspace admins and owners (or users listed in PERSONABOT_ADMINS) can do that."


@pytest.fixture(autouse=True)
def people(fake: FakeSlack) -> None:
    fake.add_user("UKO", "minji", locale="ko-KR")
    fake.add_user("UKOADMIN", "jiwoo", locale="ko-KR", is_admin=True)
    fake.add_user("UFR", "amelie", locale="fr-FR")


def workspace_speaks(db: Database, locale: str) -> None:
    """What an admin picks in Setup: the workspace's language."""
    with db.session() as session:
        queries.workspace(session, team_id=TEAM).locale = locale


def test_a_korean_user_gets_the_help_in_korean_with_the_syntax_in_english(
    slack: SlackDriver, fake: FakeSlack
) -> None:
    sent = slack.command("help", user_id="UKO")
    assert sent.elapsed < 3
    text = sent.json()["text"]
    assert text == help_text("ko")
    assert text.startswith(
        t("ko", "*personabot*: buyer personas from what your customer-facing teams know.")
    )
    assert "`/persona show <persona>`: 페르소나 카드를" in text
    assert "`/persona schedule <group> off`" in text
    assert "buyer personas" not in text
    assert "Admins only" not in text
    english = slack.command("help").json()["text"]
    assert english == help_text("en") == HELP
    assert not HANGUL.search(english)


@pytest.mark.parametrize(
    ("text", "problem", "subcommand"),
    [
        ("frobnicate", t("ko", "I don't know `{subcommand}`.", subcommand="frobnicate"), None),
        ("status now", t("ko", "`status` takes no arguments."), "status"),
        ("ask sales-team What?", t("ko", "Start with a channel, like `#sales-team`."), "ask"),
        (
            "channel <#CSALES|sales-team> pirates",
            t("ko", "Unknown group `{group}`.", group="pirates"),
            "channel",
        ),
        ("create", t("ko", "Name the persona."), "create"),
        ("digest later", t("ko", "I don't know `digest {action}`.", action="later"), "digest"),
    ],
)
def test_a_korean_user_gets_usage_errors_in_korean(
    text: str, problem: str, subcommand: str | None, slack: SlackDriver, fake: FakeSlack
) -> None:
    sent = slack.command(text, user_id="UKO")
    assert sent.status == 200
    shown = sent.json()["text"]
    assert shown == f"{problem}\n{usage('ko', subcommand)}"
    assert HANGUL.search(problem)
    assert fake.calls_to("chat.postMessage") == []


def test_a_bad_option_is_explained_in_korean_with_the_schedule_help(
    slack: SlackDriver, fake: FakeSlack
) -> None:
    shown = say(slack, fake, "schedule sales tue 10:00 volume=11", user="UKO")
    assert shown.startswith("알 수 없는 옵션 `volume=`입니다. 옵션: `questions=`")
    assert shown.endswith(usage("ko", "schedule"))


def test_a_korean_user_gets_status_in_korean(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    empty = say(slack, fake, "status", user="UKO")
    assert empty == t("ko", "No open prompts. Ask one with `/persona ask #channel <question>`.")

    asked = say(slack, fake, "ask <#CSALES|sales-team> 왜 우리를 골랐나요?", user="UKO")
    assert asked.startswith("<#CSALES>에 질문했습니다: <")
    assert asked.endswith("|질문 보기>. 스레드의 답글은 보관됩니다.")
    [prompt] = db_prompts(db)
    message = fake.post_as_user("CSALES", "UBOB", "가격 때문에요", thread_ts=prompt.ts)
    slack.event(
        slack.message_event(
            channel="CSALES",
            user="UBOB",
            text="가격 때문에요",
            ts=message["ts"],
            thread_ts=prompt.ts,
        )
    )
    wait_for(lambda: fake.calls_to("reactions.add"))

    listing = say(slack, fake, "status", user="UKO")
    assert listing.startswith(t("ko", "*Open prompts ({total})*", total=1) + "\n• <#CSALES> ")
    assert "답변 *1*개 (" in listing
    assert re.search(r"\(\d{4}-\d\d-\d\d \d\d:\d\d에 질문\)", seen_in(listing, "Asia/Seoul"))
    assert "answer" not in listing
    assert "asked" not in listing
    english = say(slack, fake, "status")
    assert "*1* answer (asked " in english


def db_prompts(db: Database) -> list[Prompt]:
    with db.session() as session:
        return list(session.scalars(select(Prompt)))


def test_a_korean_user_reads_the_schedules_in_korean(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    assert say(slack, fake, "schedule", user="UKO") == t(
        "ko",
        "No schedules yet. Example: `/persona schedule sales tue,thu 10:00 Asia/Seoul "
        "questions=1 cap=2`.",
    )
    say(slack, fake, "channel <#CSALES|sales-team> sales")
    saved = say(
        slack, fake, "schedule sales tue,thu 10:00 Asia/Seoul anonymous=yes", user="UKOADMIN"
    )
    assert saved.startswith("저장했습니다.\n• *sales*: 매주 화요일, 목요일 10:00 (Asia/Seoul); ")
    assert "회차당 질문 1개, 채널당 주 최대 2개; 익명 답변; 채널: <#CSALES>." in saved

    listing = say(slack, fake, "schedule", user="UKO")
    assert listing.startswith("*일정*\n• *sales*: 매주 화요일, 목요일 10:00 (Asia/Seoul)")
    runs = seen_in(listing.split("다음: ", 1)[1].splitlines()[0], "Asia/Seoul")
    found = re.findall(r"(\w+day), \w+ \d+, \d{4} (\d\d:\d\d)", runs)  # Slack's words
    assert len(found) == 3
    assert all(day in ("Tuesday", "Thursday") and at == "10:00" for day, at in found)
    assert "next:" not in listing
    assert "question" not in listing

    english = say(slack, fake, "schedule")
    assert "*sales*: Tuesdays and Thursdays at 10:00 (Asia/Seoul); 1 question a round" in english

    monthly = say(slack, fake, "schedule sales monthly last fri 16:00", user="UKOADMIN")
    assert "매월 마지막 금요일 16:00 (UTC)" in monthly
    removed = say(slack, fake, "schedule sales off", user="UKOADMIN")
    assert removed == "*sales* 일정을 지웠습니다. 이 그룹에는 더 이상 질문하지 않습니다."


def test_a_korean_user_is_refused_admin_commands_in_korean(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    refused = say(slack, fake, "schedule sales tue 10:00", user="UKO")
    assert refused == t("ko", ADMINS_ONLY)
    assert HANGUL.search(refused)
    assert say(slack, fake, "schedule sales tue 10:00", user="UALICE") == ADMINS_ONLY
    with db.session() as session:
        assert session.scalars(select(Schedule)).all() == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("schedule sales thx 10:00", "알 수 없는 요일 `thx` (혹시 `thu`인가요?)"),
        ("schedule sales tue 25:00", "`25:00`은(는) 올바른 시각이 아닙니다"),
        (
            "schedule sales tue 10:00 Asia/Soeul",
            "알 수 없는 시간대 `Asia/Soeul` (혹시 `Asia/Seoul`인가요?). 쓸 수 있는 형식: `UTC`",
        ),
        (
            "schedule sales tue 10:00 questions=3 cap=2",
            "주간 상한(2)이 회차당 질문 수(3)보다 작습니다.",
        ),
        ("schedule sales tue 10:00 holidays=XX", "알 수 없는 공휴일 국가 `XX`"),
        ("channel <#CSALES|sales-team> sales fr", "알 수 없는 언어 `fr`입니다."),
    ],
)
def test_bad_schedules_are_explained_in_korean(
    text: str, expected: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    shown = say(slack, fake, text, user="UKOADMIN")
    assert expected in shown
    assert "Accepted" not in shown
    assert "Unknown" not in shown
    with db.session() as session:
        assert session.scalars(select(Schedule)).all() == []


def test_persona_and_digest_replies_are_in_korean(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    assert say(slack, fake, "list", user="UKO").startswith("아직 페르소나가 없습니다.")
    created = say(slack, fake, "create Ops Olivia", user="UKO")
    assert created == (
        "*Ops Olivia* 페르소나를 만들었습니다. "
        "`/persona describe Ops Olivia: ...`로 설명을 붙여 보세요."
    )
    assert say(slack, fake, "negative ops olivia", user="UKO") == (
        "*Ops Olivia*은(는) 이제 부정적 페르소나입니다."
    )
    listing = say(slack, fake, "list", user="UKO")
    assert listing == "*페르소나*\n• *Ops Olivia* (부정적 페르소나): " + nt(
        "ko", "{n} piece of evidence", "{n} pieces of evidence", 0
    )
    assert say(slack, fake, "archive Ops Olivia", user="UKO") == t("ko", ADMINS_ONLY)

    digest = say(slack, fake, "digest", user="UKO")
    assert digest.startswith("아직 다이제스트 채널이 없습니다. `/persona digest`: ")
    assert "Posted" not in digest
    assert "where and when" not in digest


def test_the_digest_posted_in_a_korean_workspace_is_titled_in_korean(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    workspace_speaks(db, "ko")
    fake.add_channel("CDIGEST", "persona-digest", is_member=True)
    scheduled = say(slack, fake, "digest schedule <#CDIGEST|persona-digest> mon 09:00 Asia/Seoul")
    confirmed = "The digest goes to <#CDIGEST>, Mondays at 09:00 (Asia/Seoul). Next: "
    assert scheduled.startswith(confirmed)
    assert re.search(r"Next: Monday, \w+ \d+, \d{4} 09:00\.$", seen_in(scheduled, "Asia/Seoul"))
    assert (
        say(slack, fake, "digest now", user="UKOADMIN") == "<#CDIGEST>에 다이제스트를 올렸습니다."
    )
    [message] = fake.messages("CDIGEST")
    assert message["text"] == "페르소나 다이제스트"
    shown = say(slack, fake, "digest", user="UKO")
    assert shown.startswith(KO_DIGEST_SHOWN)
    assert "UTC" not in shown
    assert "지난번: " in shown
    assert "(게시됨)." in shown


def test_a_user_whose_language_has_no_catalog_gets_the_workspace_language(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    assert slack.command("help", user_id="UFR").json()["text"] == help_text("en")
    workspace_speaks(db, "ko")
    assert slack.command("help", user_id="UFR").json()["text"] == help_text("ko")
    bad = slack.command("frobnicate", user_id="UFR").json()["text"]
    assert bad.startswith("`frobnicate`은(는) 모르는 명령입니다.\n")
    assert say(slack, fake, "status", user="UFR") == t(
        "ko", "No open prompts. Ask one with `/persona ask #channel <question>`."
    )
    # the user's own language still wins over the workspace's
    assert slack.command("help", user_id="UADMIN").json()["text"] == help_text("en")


def test_a_user_who_switches_slack_to_korean_is_answered_in_korean_at_once(
    slack: SlackDriver, fake: FakeSlack
) -> None:
    """The language is cached, but Slack's ``user_change`` event drops the cached one."""
    fake.add_user("USWITCH", "dana", locale="en-US")
    assert slack.command("help", user_id="USWITCH").json()["text"] == help_text("en")
    fake.add_user("USWITCH", "dana", locale="ko-KR")
    assert slack.command("help", user_id="USWITCH").json()["text"] == help_text("en")
    changed = slack.event({"type": "user_change", "user": {"id": "USWITCH", "name": "dana"}})
    assert changed.status == 200
    assert slack.command("help", user_id="USWITCH").json()["text"] == help_text("ko")
