"""The first hour of a new user (issue 12): what they see when they ask in a Korean channel,
read times from Seoul, mistype a subcommand or page past the end of a search."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select

from bot.i18n import nt, t
from bot.insights.render.words import word as word_of
from bot.rounds.prompts import say as channel_words
from bot.slack.words import word
from storage import Database, Prompt
from tests.conftest import say, wait_for
from tests.dates import fallbacks, seen_in
from tests.handlers.test_commands_ko import KO_DIGEST_SHOWN
from tests.handlers.test_digest import gather
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

STAMP = r"\d{4}-\d\d-\d\d \d\d:\d\d"


@pytest.fixture(autouse=True)
def people(fake: FakeSlack) -> None:
    fake.add_user("UKO", "minji", locale="ko-KR")


def frame(message: dict[str, object]) -> str:
    """What a prompt says around the question: its footer and its buttons."""
    blocks = message["blocks"]
    assert isinstance(blocks, list)
    return str(blocks[1:])


@pytest.mark.parametrize(("locale", "mapping"), [("ko", " ko"), ("en", "")])
def test_ask_frames_the_question_in_the_channels_language(
    locale: str, mapping: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    say(slack, fake, f"channel <#CSALES|sales-team> sales{mapping}")
    reply = say(slack, fake, "ask <#CSALES|sales-team> 고객이 가장 자주 하는 불만은?")
    assert reply.startswith("Asked in <#CSALES>")  # the caller's own language
    [message] = fake.messages("CSALES")
    shown = frame(message)
    assert channel_words("asked_by", locale, user="UADMIN") in shown
    assert channel_words("reply_hint", locale) in shown
    assert word(locale, "answer_private") in shown
    other = "en" if locale == "ko" else "ko"
    assert channel_words("reply_hint", other) not in shown
    with db.session() as session:
        assert session.scalars(select(Prompt.locale)).one() == locale


def test_a_korean_user_asking_in_an_english_channel_gets_a_korean_reply_and_an_english_frame(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    say(slack, fake, "channel <#CSALES|sales-team> sales en")
    reply = say(slack, fake, "ask <#CSALES|sales-team> Why did they pick us?", user="UKO")
    assert reply.startswith("<#CSALES>에 질문했습니다")
    [message] = fake.messages("CSALES")
    assert "Reply in this thread" in frame(message)


def test_status_shows_when_a_prompt_was_asked_in_the_readers_own_zone(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db)
    for user, locale in (("UADMIN", "en"), ("UKO", "ko")):
        listing = say(slack, fake, "status", user=user)
        assert " UTC" not in re.sub(r"<!date[^>]*>", "", listing)
        [token] = re.findall(r"<!date\^\d+\^[^|]+\|[^>]+>", listing)
        with db.session() as session:
            posted = session.scalars(select(Prompt.posted_at)).one()
        seoul = seen_in(token, "Asia/Seoul")
        utc = seen_in(token, "UTC")
        assert seoul != utc  # each reader sees their own clock: 9 hours apart
        assert utc == f"{posted:%Y-%m-%d %H:%M}"
        asked = "에 질문)" if locale == "ko" else "(asked "
        assert asked in listing


def test_the_digest_schedule_shows_its_next_run_in_the_readers_zone(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    fake.add_channel("CDIGEST", "persona-digest", is_member=True)
    saved = say(slack, fake, "digest schedule <#CDIGEST|persona-digest> mon 09:00 Asia/Seoul")
    shown = say(slack, fake, "digest")
    for text in (saved, shown):
        assert "UTC" not in text
        assert re.search(r"Next: Monday, \w+ \d+, \d{4} 09:00\.", seen_in(text, "Asia/Seoul"))
        assert re.search(r"Next: Monday, \w+ \d+, \d{4} 00:00\.", seen_in(text, "UTC"))
        assert re.fullmatch(rf"{STAMP} Asia/Seoul", fallbacks(text)[0])
    korean = say(slack, fake, "digest", user="UKO")
    assert korean.startswith(KO_DIGEST_SHOWN)


def test_schedules_list_next_runs_in_the_readers_zone(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    say(slack, fake, "channel <#CSALES|sales-team> sales")
    say(slack, fake, "schedule sales mon 09:00 Asia/Seoul")
    listing = say(slack, fake, "schedule", user="UKO")
    runs = seen_in(listing, "Asia/Seoul").split("다음: ", 1)[1]
    assert re.findall(r"Monday, \w+ \d+, \d{4} (\d\d:\d\d)", runs) == ["09:00"] * 3
    assert "UTC" not in listing


@pytest.mark.parametrize(
    ("user", "typed", "suggestion", "locale"),
    [
        ("UADMIN", "lsit", "list", "en"),
        ("UKO", "lsit", "list", "ko"),
        ("UADMIN", "serch onboarding", "search", "en"),
        ("UADMIN", "shedule", "schedule", "en"),
        ("UKO", "staus", "status", "ko"),
    ],
)
def test_a_mistyped_subcommand_gets_did_you_mean_and_that_subcommands_help(
    user: str, typed: str, suggestion: str, locale: str, slack: SlackDriver, fake: FakeSlack
) -> None:
    reply = say(slack, fake, typed, user=user)
    asked = typed.split()[0]
    first = t(
        locale,
        "I don't know `{subcommand}`. Did you mean `{suggestion}`?",
        subcommand=asked,
        suggestion=suggestion,
    )
    assert reply.startswith(first + "\n")
    assert f"`/persona {suggestion}" in reply
    assert "`/persona help`: " not in reply  # not the whole help: the one that was meant
    if locale == "ko":
        assert "찾으셨나요?" in reply


def test_a_word_like_no_subcommand_gets_the_whole_help(slack: SlackDriver, fake: FakeSlack) -> None:
    reply = say(slack, fake, "frobnicate")
    assert reply.startswith("I don't know `frobnicate`.\n")
    assert "Did you mean" not in reply
    assert "`/persona help`: " in reply


def test_digest_subcommands_are_suggested_too(slack: SlackDriver, fake: FakeSlack) -> None:
    reply = say(slack, fake, "digest preveiw")
    assert reply.startswith("I don't know `digest preveiw`. Did you mean `digest preview`?")


@pytest.mark.parametrize("user", ["UADMIN", "UKO"])
def test_search_past_the_last_page_shows_the_last_page(
    user: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db)
    locale = "ko" if user == "UKO" else "en"
    past = say(slack, fake, "search onboarding page 2", user=user)
    assert past.startswith(t(locale, "_There is no page {asked}; here is the last one._", asked=2))
    assert past.count("\n• ") == 3
    page = "(1쪽 중 1쪽)" if locale == "ko" else "(page 1 of 1)"
    assert page in past
    assert "More:" not in past
    assert "더 보기" not in past


def reply_to_last_prompt(slack: SlackDriver, fake: FakeSlack, db: Database, *said: str) -> None:
    with db.session() as session:
        prompt = session.scalars(select(Prompt).order_by(Prompt.id.desc())).first()
        assert prompt is not None
    before = len(fake.calls_to("reactions.add"))
    for i, text in enumerate(said):
        slack.user_says("CSALES", ("UALICE", "UBOB", "UKO")[i % 3], text, thread_ts=prompt.ts)
    wait_for(lambda: len(fake.calls_to("reactions.add")) == before + len(said))


def two_personas_and_stray_answers(slack: SlackDriver, fake: FakeSlack, db: Database) -> None:
    gather(slack, fake, db)  # Ops Olivia: three answers about onboarding
    say(slack, fake, "create Finance Fred")
    say(slack, fake, "ask <#CSALES|sales-team> Anything else we should know?")
    reply_to_last_prompt(slack, fake, db, "Pricing pages confuse people", "Pricing is unclear")


@pytest.mark.parametrize(("user", "locale"), [("UADMIN", "en"), ("UKO", "ko")])
def test_the_digest_counts_personas_not_the_bucket_of_unlinked_answers(
    user: str, locale: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    two_personas_and_stray_answers(slack, fake, db)
    preview = say(slack, fake, "digest preview", user=user)
    assert nt(locale, "{n} persona", "{n} personas", 2) in preview
    assert nt(locale, "{n} persona", "{n} personas", 3) not in preview
    say(slack, fake, "archive Finance Fred")
    one = say(slack, fake, "digest preview", user=user)
    assert nt(locale, "{n} persona", "{n} personas", 1) in one
    assert "1 personas" not in one


@pytest.mark.parametrize(("user", "locale"), [("UADMIN", "en"), ("UKO", "ko")])
def test_the_first_digest_says_it_has_nothing_to_compare_with(
    user: str, locale: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db)
    preview = say(slack, fake, "digest preview", user=user)
    assert word_of(locale, "first_digest") in preview
    assert word_of(locale, "nothing_changed") not in preview


def test_show_is_headed_by_the_persona_and_counts_her_answers(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    two_personas_and_stray_answers(slack, fake, db)  # 5 answers in the workspace, 3 hers
    card = say(slack, fake, "show olivia")
    assert card.startswith("*Ops Olivia*\n\n3 answers")
    assert "Persona digest" not in card
    assert "5 answers" not in card
    korean = say(slack, fake, "show olivia", user="UKO")
    assert korean.startswith("*Ops Olivia*\n\n" + nt("ko", "{n} answer", "{n} answers", 3))
    assert "페르소나 다이제스트" not in korean


@pytest.mark.parametrize(("user", "locale"), [("UADMIN", "en"), ("UKO", "ko")])
def test_answers_to_an_ad_hoc_persona_question_are_filed_under_general(
    user: str, locale: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db)
    card = say(slack, fake, "show olivia", user=user)
    assert f"*{t(locale, 'General')}* · " in card
    assert "Unsorted" not in card


@pytest.mark.parametrize(("user", "locale"), [("UADMIN", "en"), ("UKO", "ko")])
def test_job_statements_say_what_they_lack_in_words_not_codes(
    user: str, locale: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db, answers=[("UALICE", "When a new rep joins, I want to see every deal")])
    jobs = say(slack, fake, "jobs", user=user)
    assert "When a new rep joins" in jobs
    assert "missing_outcome" not in jobs
    assert t(locale, "add what it lets them do") in jobs


def test_the_csv_export_opens_in_excel_with_korean_text_and_names_authors(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    fake.add_user("UALICE", "Alice Kim")
    korean = [("UKO", "신입 상담원 교육에 몇 주가 걸려요"), ("UALICE", "Onboarding takes weeks")]
    gather(slack, fake, db, answers=korean)
    sent = say(slack, fake, "export csv", user="UKO")
    assert sent.endswith(".csv 파일을 저와의 다이렉트 메시지로 보냈습니다.")
    [upload] = wait_for(lambda: fake.uploaded_files)
    data: bytes = upload["bytes"]
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8, not the ANSI code page
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        *("answer_id", "persona", "field", "group", "author", "answered_at"),
        *("themes", "jobs", "text", "link", "author_id", "user_team", "expired_at"),
    ]
    by_id = {r["author_id"]: r for r in rows}
    assert by_id["UKO"]["author"] == "minji"
    assert by_id["UKO"]["text"] == "신입 상담원 교육에 몇 주가 걸려요"
    assert by_id["UALICE"]["author"] == "Alice Kim"
    assert {r["field"] for r in rows} == {"unsorted"}  # the stored key; readers see "General"
