"""The digest over signed HTTP: preview privately, post now, on schedule once, escaped."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot import clock
from bot.settings import Settings
from bot.slack.client import make_client
from questions import load_bank
from storage import AnswerFeatures, Database, DigestRun, Evidence, Prompt, Theme
from tests.conftest import say, wait_for
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

ONBOARDING = [
    ("UALICE", "Onboarding new agents takes weeks before they can answer tickets alone"),
    ("UBOB", "Honestly onboarding new agents is slow, it takes weeks of shadowing"),
    ("UADMIN", "New agent onboarding takes weeks; training material is scattered"),
]


def gather(
    slack: SlackDriver, fake: FakeSlack, db: Database, answers: list[tuple[str, str]] = ONBOARDING
) -> Prompt:
    say(slack, fake, "channel <#CSALES|sales-team> sales")
    say(slack, fake, "create Ops Olivia")
    say(slack, fake, 'ask <#CSALES|sales-team> "Ops Olivia" What slows her team down?')
    with db.session() as session:
        prompt = session.scalars(select(Prompt)).one()
    for user, text in answers:
        slack.user_says("CSALES", user, text, thread_ts=prompt.ts)
    wait_for(lambda: len(fake.calls_to("reactions.add")) == len(answers))
    return prompt


def test_answers_to_a_persona_prompt_become_evidence_with_features(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db)
    with db.session() as session:
        evidence = session.scalars(select(Evidence)).all()
        features = session.scalars(select(AnswerFeatures)).all()
        group_of = {t.id: t.group_key for t in session.scalars(select(Theme))}
    assert len(evidence) == 3
    assert {e.source for e in evidence} == {"prompt"}
    assert len(features) == 3
    assert {f.language for f in features} == {"en"}
    assert all(f.claims and f.theme_ids for f in features)
    assert {t for f in features for c in f.claims for t in [c["theme"]]} <= set(group_of)
    # one theme all three raise: onboarding
    shared = set.intersection(*({group_of[i] for i in f.theme_ids} for f in features))
    assert len(shared) == 1


def test_preview_shows_the_persona_and_flags_what_only_internal_teams_say(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db)
    preview = say(slack, fake, "digest preview", user="UALICE")
    assert fake.responses[-1]["response_type"] == "ephemeral"
    assert "Ops Olivia" in preview
    assert "onboarding" in preview.lower()
    assert "3 people" in preview
    assert "assumption" in preview.lower()
    assert fake.messages("CSALES")[1:] == []  # nothing posted to any channel


def test_two_voices_of_one_team_are_not_yet_an_assumption(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db, ONBOARDING[:2])
    preview = say(slack, fake, "digest preview", user="UALICE")
    assert "onboarding" in preview.lower()
    assert "2 people" in preview
    assert "assumption" not in preview.lower()


KO_CLOSE = [
    ("UALICE", "월말 결산 때마다 법인카드 영수증 맞추느라 야근해요"),
    ("UBOB", "법인카드 영수증을 월말 결산 전에 일일이 찾아야 돼요 ㅠㅠ"),
    ("UADMIN", "월말 결산하면 법인카드 영수증 정리가 제일 오래 걸려요, 세무사 자료도 따로 챙기고"),
]


@pytest.mark.parametrize("answers", [ONBOARDING, KO_CLOSE], ids=["en", "ko"])
def test_a_theme_is_labelled_by_what_all_its_people_say(
    slack: SlackDriver, fake: FakeSlack, db: Database, answers: list[tuple[str, str]]
) -> None:
    gather(slack, fake, db, answers)
    preview = say(slack, fake, "digest preview", user="UALICE")
    found = re.search(r"• \*(?P<label>[^*]+)\* — 3 people", preview)
    assert found is not None, preview
    parts = found["label"].split(" · ")
    assert parts
    texts = [text.lower() for _, text in answers]
    # every key phrase is one all three wrote (as a lemma: "weeks" shows as "week");
    # none is a word only one of them used ("shadowing", "세무사")
    assert all(part in text for part in parts for text in texts), parts
    assert not {"shadowing", "ticket", "training material", "세무사", "야근"} & set(parts)


def test_digest_now_posts_to_the_digest_channel_with_the_report_attached(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    fake.add_channel("CDIGEST", "persona-digest", is_member=False)
    gather(slack, fake, db)
    assert "Only workspace admins" in say(slack, fake, "digest now", user="UALICE")
    assert "No digest channel yet" in say(slack, fake, "digest now")
    scheduled = say(slack, fake, "digest schedule <#CDIGEST|persona-digest> mon 09:00 Asia/Seoul")
    assert "The digest goes to <#CDIGEST>, Mondays at 09:00 (Asia/Seoul)" in scheduled
    assert [c.params["channel"] for c in fake.calls_to("conversations.join")] == ["CDIGEST"]

    assert say(slack, fake, "digest now") == "Posted the digest in <#CDIGEST>."
    [digest] = fake.messages("CDIGEST")
    assert "Ops Olivia" in str(digest["blocks"])
    [report] = fake.uploaded_files
    assert report["channel"] == "CDIGEST"
    assert b"Ops Olivia" in report["bytes"]
    assert report["name"].startswith("persona-report-")
    with db.session() as session:
        run = session.scalars(select(DigestRun)).one()
        assert (run.status, run.channel, run.ts) == ("posted", "CDIGEST", digest["ts"])
        assert run.snapshot


def test_an_empty_digest_says_so_and_posts_nothing_else(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    fake.add_channel("CDIGEST", "persona-digest", is_member=True)
    say(slack, fake, "digest schedule <#CDIGEST|persona-digest> mon 09:00")
    say(slack, fake, "digest now")
    [message] = fake.messages("CDIGEST")
    assert len(message["blocks"]) == 1
    assert "no answers" in str(message["blocks"]).lower()
    assert fake.uploaded_files == []
    assert fake.replies("CDIGEST", message["ts"])[1:] == []


def test_quoted_answers_cannot_ping_or_inject_links(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    fake.add_channel("CDIGEST", "persona-digest", is_member=True)
    gather(
        slack,
        fake,
        db,
        answers=[
            ("UALICE", "<!channel> onboarding new agents takes weeks <http://evil.example|click>"),
            ("UBOB", "Onboarding new agents takes weeks, ask <@UADMIN> about it"),
        ],
    )
    say(slack, fake, "digest schedule <#CDIGEST|persona-digest> mon 09:00")
    say(slack, fake, "digest now")
    posted = str([m["blocks"] for m in fake.messages("CDIGEST")])
    posted += str(
        [
            r.get("blocks")
            for m in fake.messages("CDIGEST")
            for r in fake.replies("CDIGEST", m["ts"])
        ]
    )
    assert "<!channel>" not in posted
    assert "<@UADMIN>" not in posted
    assert "<http://evil.example" not in posted


def test_the_scheduled_digest_is_posted_once(
    fake: FakeSlack, db: Database, settings: Settings, slack: SlackDriver
) -> None:
    fake.add_channel("CDIGEST", "persona-digest", is_member=True)
    gather(slack, fake, db)
    say(slack, fake, "digest schedule <#CDIGEST|persona-digest> daily 09:00 UTC")
    with db.session() as session:
        from storage import DigestSchedule

        schedule = session.scalars(select(DigestSchedule)).one()
        schedule.effective_from = datetime(2026, 11, 23, tzinfo=UTC)
    client, bank = make_client(settings), load_bank()
    due = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    for at in (due - timedelta(minutes=1), due, due + timedelta(minutes=5)):
        clock.tick(db=db, client=client, bank=bank, settings=settings, now=at)
    assert len(fake.messages("CDIGEST")) == 1
    with db.session() as session:
        assert [(r.status, r.due_at) for r in session.scalars(select(DigestRun))] == [
            ("posted", due)
        ]


def test_answers_with_nothing_to_group_are_kept_but_not_counted_as_themes(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    long_answer = "Onboarding new agents takes weeks. " * 400  # ~14,000 characters
    gather(
        slack,
        fake,
        db,
        answers=[
            ("UALICE", ":+1: :tada:"),
            ("UBOB", "<https://example.com/notes>"),
            ("UADMIN", "<@UALICE> <@UBOB>"),
            ("UALICE", long_answer),
            ("UBOB", "신규 상담원 온보딩이 몇 주씩 걸려요. Onboarding takes weeks, really."),
        ],
    )
    with db.session() as session:
        features = {f.answer_id: f for f in session.scalars(select(AnswerFeatures))}
    assert len(features) == 5  # every answer is kept and indexed
    assert sorted(f.substantive for f in features.values()) == [False, False, False, True, True]
    assert {f.language for f in features.values() if f.substantive} == {"en", "ko"}
    assert all(not f.claims and not f.theme_ids for f in features.values() if not f.substantive)
    assert all(len(c["terms"]) <= 60 for f in features.values() for c in f.claims)
    preview = say(slack, fake, "digest preview")
    assert "2 answers" in preview or "2 people" in preview
