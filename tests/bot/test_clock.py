"""Scheduled rounds with a controlled clock, against the fake Slack and a real database."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient
from sqlalchemy import select

from bot import clock
from bot.rounds import schedules
from bot.settings import Settings
from bot.slack.client import make_client
from questions import Bank, load_bank
from storage import Answer, Channel, Database, Prompt, Round, Schedule, queries
from tests.slackfake.server import FakeSlack

TEAM = "T0TEST"
# Monday 2026-11-23, 00:00 in Seoul.
MONDAY = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@pytest.fixture
def client(settings: Settings) -> WebClient:
    return make_client(settings)


def setup(
    db: Database, cadence: str, *, group: str = "sales", channel: str = "CSALES", **options: str
) -> None:
    spec = schedules.parse_spec(
        group, f"{cadence} " + " ".join(f"{k}={v}" for k, v in options.items())
    )
    with db.session() as session:
        workspace = queries.workspace(session, team_id=TEAM)
        row = queries.channel(session, workspace=workspace, slack_id=channel, name=channel)
        row.group, row.mapped_at = group, MONDAY
        schedules.save(
            session=session,
            team_id=TEAM,
            spec=spec,
            created_by="UADMIN",
            now=MONDAY,
            default_timezone="Asia/Seoul",
            default_holidays=None,
        )


def tick(db: Database, client: WebClient, bank: Bank, settings: Settings, at: datetime) -> None:
    clock.tick(db=db, client=client, bank=bank, settings=settings, now=at)


def prompts(db: Database) -> list[Prompt]:
    with db.session() as session:
        return list(session.scalars(select(Prompt).order_by(Prompt.id)))


def rounds(db: Database) -> list[tuple[str, str | None]]:
    with db.session() as session:
        return [(r.status, r.reason) for r in session.scalars(select(Round).order_by(Round.due_at))]


def seoul(day: int, hour: int, minute: int = 0) -> datetime:
    """2026-11-<day> at hour:minute in Seoul (UTC+9, no DST)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC) - timedelta(hours=9)


def test_the_right_questions_on_the_right_days_in_the_groups_timezone(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    setup(db, "tue,thu 10:00 Asia/Seoul")
    tick(db, client, bank, settings, seoul(24, 9, 59))  # Tuesday, a minute early
    assert prompts(db) == []

    tick(db, client, bank, settings, seoul(24, 10, 0))
    tick(db, client, bank, settings, seoul(24, 10, 1))  # the same round is not posted again
    [first] = prompts(db)
    assert first.question_key is not None
    assert first.question_key.startswith("sales.")
    assert [m["text"] for m in fake.messages("CSALES")] == [bank.text(first.question_key, "en")]

    tick(db, client, bank, settings, seoul(25, 10, 0))  # Wednesday: nothing
    assert len(prompts(db)) == 1
    tick(db, client, bank, settings, seoul(26, 10, 0))  # Thursday
    second = prompts(db)[1]
    assert second.question_key != first.question_key
    assert [s for s, _ in rounds(db)] == ["posted", "posted"]


def test_rounds_use_the_channels_language(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    setup(db, "tue 10:00 Asia/Seoul")
    with db.session() as session:
        channel = session.scalars(select(Channel)).one()
        channel.locale = "ko"
    tick(db, client, bank, settings, seoul(24, 10, 0))
    [prompt] = prompts(db)
    assert prompt.question_key is not None
    assert fake.messages("CSALES")[0]["text"] == bank.text(prompt.question_key, "ko")


@pytest.mark.parametrize(
    ("cadence", "options", "when", "reason"),
    [
        ("daily 10:00", {"weekend": "sat,sun"}, seoul(28, 10), "weekend"),
        ("daily 10:00", {"weekend": "fri-sat"}, seoul(27, 10), "weekend"),
        ("daily 10:00", {"skip": "2026-11-24"}, seoul(24, 10), "skip date"),
    ],
)
def test_weekends_and_skip_dates_are_skipped(
    cadence: str,
    options: dict[str, str],
    when: datetime,
    reason: str,
    db: Database,
    fake: FakeSlack,
    client: WebClient,
    bank: Bank,
    settings: Settings,
) -> None:
    setup(db, cadence, **options)
    with db.session() as session:  # only the day under test is due
        session.scalars(select(Schedule)).one().effective_from = when - timedelta(hours=1)
    tick(db, client, bank, settings, when)
    assert prompts(db) == []
    assert rounds(db) == [("skipped", reason)]


def test_public_holidays_are_skipped(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    setup(db, "fri 10:00 Asia/Seoul", holidays="KR")
    christmas = datetime(2026, 12, 25, 1, 0, tzinfo=UTC)  # Friday, 10:00 in Seoul
    with db.session() as session:
        session.scalars(select(Schedule)).one().effective_from = christmas - timedelta(days=1)
    tick(db, client, bank, settings, christmas)
    assert prompts(db) == []
    [(status, reason)] = rounds(db)
    assert status == "skipped"
    assert reason is not None
    assert reason.startswith("holiday")


def test_the_weekly_cap_is_honoured(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    setup(db, "mon,tue,wed 10:00", questions="2", cap="3")
    for day in (23, 24, 25):
        tick(db, client, bank, settings, seoul(day, 10))
    assert len(prompts(db)) == 3  # 2 on Monday, 1 on Tuesday, none on Wednesday
    assert [s for s, _ in rounds(db)] == ["posted", "posted", "skipped"]
    assert rounds(db)[-1][1] == "weekly cap reached"
    keys = [p.question_key for p in prompts(db)]
    assert len(set(keys)) == 3


def test_rotation_never_asks_the_same_question_twice_in_a_row(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    setup(db, "daily 10:00", cap="7", weekend="none")
    for day in range(23, 30):
        tick(db, client, bank, settings, seoul(day, 10))
    asked = [p.question_key for p in prompts(db)]
    assert len(asked) == 7
    assert all(a != b for a, b in itertools.pairwise(asked))
    assert len(set(asked)) == len(asked)  # never-asked questions come first


def test_a_nudge_once_when_answers_are_few_then_closing(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    setup(db, "tue 10:00", remind="4h", close="1d", wanted="2")
    tick(db, client, bank, settings, seoul(24, 10))
    [prompt] = prompts(db)
    tick(db, client, bank, settings, seoul(24, 13, 59))
    assert fake.replies("CSALES", prompt.ts)[1:] == []
    tick(db, client, bank, settings, seoul(24, 14))
    tick(db, client, bank, settings, seoul(24, 15))
    nudges = fake.replies("CSALES", prompt.ts)[1:]
    assert len(nudges) == 1
    assert "0 answer(s) so far" in nudges[0]["text"]

    tick(db, client, bank, settings, seoul(25, 10))
    [closed] = prompts(db)
    assert closed.closed_at == seoul(25, 10)
    assert "Closed with 0 answer(s)" in str(fake.message("CSALES", prompt.ts)["blocks"])
    assert len(fake.calls_to("chat.update")) == 1
    tick(db, client, bank, settings, seoul(25, 11))
    assert len(fake.calls_to("chat.update")) == 1


def test_no_nudge_when_enough_people_answered(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    from bot.capture.replies import record_message

    setup(db, "tue 10:00", remind="4h", close="1d", wanted="1")
    tick(db, client, bank, settings, seoul(24, 10))
    [prompt] = prompts(db)
    reply = fake.post_as_user("CSALES", "UALICE", "They want fewer clicks", thread_ts=prompt.ts)
    with db.session() as session:
        record_message(
            session=session,
            team_id=TEAM,
            event_id="Ev1",
            bot_user_id="UBOT",
            event={"type": "message", "channel": "CSALES", **reply},
            bank=bank,
        )
    tick(db, client, bank, settings, seoul(24, 14))
    assert [m["user"] for m in fake.replies("CSALES", prompt.ts)] == ["UBOT", "UALICE"]


def test_a_round_missed_while_down_goes_out_within_grace_else_is_recorded_missed(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    setup(db, "tue,thu 10:00")  # grace: 60 minutes (the default)
    tick(db, client, bank, settings, seoul(24, 10, 45))  # came back 45 minutes late
    assert len(prompts(db)) == 1
    tick(db, client, bank, settings, seoul(26, 12, 0))  # came back two hours late
    assert len(prompts(db)) == 1
    assert [s for s, _ in rounds(db)] == ["posted", "missed"]


def test_a_channel_the_bot_cannot_post_in_fails_and_the_admin_is_told_once(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    setup(db, "tue,thu 10:00", channel="CSECRET")
    tick(db, client, bank, settings, seoul(24, 10))
    tick(db, client, bank, settings, seoul(26, 10))
    assert rounds(db) == [("failed", "channel_not_found"), ("failed", "channel_not_found")]
    dm = fake.dm_channel("UADMIN")
    notices = fake.messages(dm)
    assert len(notices) == 1
    assert "<#CSECRET>" in notices[0]["text"]
    assert "/invite @personabot" in notices[0]["text"]


def test_a_failed_post_is_retried_with_backoff_and_shown_in_status(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    from bot.commands import status

    setup(db, "tue 10:00")
    fake.fail_next("chat.postMessage", status=200, error="internal_error")
    tick(db, client, bank, settings, seoul(24, 10))
    assert rounds(db) == [("retry", "internal_error")]
    with db.session() as session:
        assert "retry" in schedules.render(session=session, team_id=TEAM, now=seoul(24, 10))
        assert "internal_error" in status.render(session=session, team_id=TEAM)
    tick(db, client, bank, settings, seoul(24, 10, 0) + timedelta(seconds=30))  # too soon
    assert prompts(db) == []
    tick(db, client, bank, settings, seoul(24, 10, 1))
    assert len(prompts(db)) == 1
    assert rounds(db) == [("posted", None)]


def test_a_late_answer_is_kept_and_marked_late(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    from bot.capture.replies import record_message

    setup(db, "tue 10:00", remind="1h", close="2h")
    tick(db, client, bank, settings, seoul(24, 10))
    [prompt] = prompts(db)
    with db.session() as session:
        session.get(Prompt, prompt.id).closed_at = datetime.now(UTC) - timedelta(minutes=1)  # type: ignore[union-attr]
    reply = fake.post_as_user("CSALES", "UBOB", "Budget season", thread_ts=prompt.ts)
    with db.session() as session:
        stored = record_message(
            session=session,
            team_id=TEAM,
            event_id="Ev2",
            bot_user_id="UBOT",
            event={"type": "message", "channel": "CSALES", **reply},
            bank=bank,
        )
        assert stored is not None
        answer = session.get(Answer, stored.answer_id)
        assert answer is not None
        assert answer.late is True


def test_a_bot_removed_from_a_public_channel_does_not_rejoin_by_itself(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    setup(db, "tue 10:00", channel="CMKT")  # public, the bot is not a member
    tick(db, client, bank, settings, seoul(24, 10))
    assert rounds(db) == [("failed", "not_in_channel")]
    assert fake.calls_to("conversations.join") == []
    assert len(fake.messages(fake.dm_channel("UADMIN"))) == 1


def test_answers_to_an_anonymous_schedule_never_show_their_author(
    db: Database, fake: FakeSlack, client: WebClient, bank: Bank, settings: Settings
) -> None:
    from bot.capture.replies import record_message
    from bot.insights.digests import compose
    from bot.insights.exports import facts_for_export

    setup(db, "tue 10:00", anonymous="yes")
    tick(db, client, bank, settings, seoul(24, 10))
    [prompt] = prompts(db)
    for n, user in enumerate(("UALICE", "UBOB")):
        reply = fake.post_as_user(
            "CSALES", user, "Onboarding new agents takes weeks", thread_ts=prompt.ts
        )
        with db.session() as session:
            record_message(
                session=session,
                team_id=TEAM,
                event_id=f"Ev{n}",
                bot_user_id="UBOT",
                event={"type": "message", "channel": "CSALES", **reply},
                bank=bank,
            )
    with db.session() as session:
        assert [a.anonymous for a in session.scalars(select(Answer))] == [True, True]
        rows = facts_for_export(session, team_id=TEAM)
        digest = compose(session=session, team_id=TEAM, now=seoul(25, 10))
    assert [r["author"] for r in rows] == ["", ""]
    [line] = [t for s in digest.personas for f in s.fields for t in f.themes]
    assert line.support.people == 2  # still counted once each
    assert line.theme.quote_author == ""
    assert "UALICE" not in str(digest)
    assert "UBOB" not in str(digest)
