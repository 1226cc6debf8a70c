"""The whole loop over real HTTP: a prompt is posted, thread replies become answers exactly
once, edits and deletions follow, and everything else is ignored."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from questions import load_bank
from storage import Answer, Database, ProcessedEvent, Prompt
from tests.conftest import wait_for
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

QUESTION = "What do customers complain about most?"


def ask(slack: SlackDriver, fake: FakeSlack, db: Database) -> Prompt:
    before = len(fake.responses)  # earlier commands' replies must not count as this one's
    sent = slack.command(f"ask <#CSALES|sales-team> {QUESTION}", user_id="UADMIN")
    assert sent.status == 200
    wait_for(lambda: len(fake.responses) > before, timeout=20)
    with db.session() as session:
        return session.scalars(select(Prompt)).one()


def answers(db: Database) -> list[Answer]:
    with db.session() as session:
        return list(session.scalars(select(Answer).order_by(Answer.id)))


def processed(db: Database, event_id: str) -> bool:
    with db.session() as session:
        return session.get(ProcessedEvent, event_id) is not None


def reply(
    slack: SlackDriver, fake: FakeSlack, prompt: Prompt, user: str, text: str, **kw: Any
) -> tuple[dict[str, Any], str]:
    message = fake.post_as_user("CSALES", user, text, thread_ts=prompt.ts)
    event = slack.message_event(
        channel="CSALES", user=user, text=text, ts=message["ts"], thread_ts=prompt.ts
    )
    event_id = f"Ev{message['ts'].replace('.', '')}"
    assert slack.event(event, event_id=event_id, **kw).status == 200
    return message, event_id


def test_a_thread_reply_is_stored_with_its_source_and_acknowledged(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    prompt = ask(slack, fake, db)
    posted = fake.messages("CSALES")
    assert [m["text"] for m in posted] == [QUESTION]
    assert posted[0]["ts"] == prompt.ts
    assert "Asked in <#CSALES>" in fake.responses[-1]["text"]

    message, _ = reply(slack, fake, prompt, "UALICE", "Onboarding takes too long & costs a lot")

    stored = wait_for(lambda: [a for a in answers(db) if a.permalink])
    assert len(stored) == 1
    answer = stored[0]
    assert answer.text == "Onboarding takes too long & costs a lot"
    assert answer.user_id == "UALICE"
    assert answer.prompt_id == prompt.id
    assert answer.permalink == (
        f"https://test.slack.com/archives/CSALES/p{message['ts'].replace('.', '')}"
        f"?thread_ts={prompt.ts}&cid=CSALES"
    )
    wait_for(lambda: fake.reactions("CSALES", message["ts"]))
    assert fake.reactions("CSALES", message["ts"]) == ["white_check_mark"]


def test_retries_and_redeliveries_never_store_twice(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    prompt = ask(slack, fake, db)
    message, event_id = reply(slack, fake, prompt, "UALICE", "Pricing is confusing")
    event = slack.message_event(
        channel="CSALES",
        user="UALICE",
        text="Pricing is confusing",
        ts=message["ts"],
        thread_ts=prompt.ts,
    )
    for retry in (1, 2, 3):
        assert slack.event(event, event_id=event_id, retry_num=retry).status == 200
    assert slack.event(event, event_id="EvOTHERID").status == 200  # same message, new id
    wait_for(lambda: processed(db, "EvOTHERID"))
    wait_for(lambda: fake.reactions("CSALES", message["ts"]))
    assert [a.text for a in answers(db)] == ["Pricing is confusing"]
    assert len(fake.calls_to("reactions.add")) == 1


def test_edits_keep_revisions_and_deletions_take_the_text_back(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    prompt = ask(slack, fake, db)
    message, _ = reply(slack, fake, prompt, "UBOB", "Reporting is slow")
    wait_for(lambda: answers(db))

    edited = slack.message_changed_event(
        channel="CSALES",
        ts=message["ts"],
        user="UBOB",
        new_text="Reporting is slow and exports break",
        old_text="Reporting is slow",
        thread_ts=prompt.ts,
    )
    slack.event(edited, event_id="EvEDIT")
    wait_for(lambda: processed(db, "EvEDIT"))
    with db.session() as session:
        answer = session.scalars(select(Answer)).one()
        assert answer.text == "Reporting is slow and exports break"
        assert [r.text for r in answer.revisions] == ["Reporting is slow"]
        assert answer.edited_at is not None

    deleted = slack.message_deleted_event(
        channel="CSALES",
        ts=message["ts"],
        user="UBOB",
        old_text="Reporting is slow and exports break",
        thread_ts=prompt.ts,
    )
    slack.event(deleted, event_id="EvDELETE")
    wait_for(lambda: processed(db, "EvDELETE"))
    with db.session() as session:
        answer = session.scalars(select(Answer)).one()
        assert answer.text == ""
        assert answer.revisions == []
        assert answer.deleted_at is not None

    # A late redelivery of the original message does not bring the text back.
    original = slack.message_event(
        channel="CSALES",
        user="UBOB",
        text="Reporting is slow",
        ts=message["ts"],
        thread_ts=prompt.ts,
    )
    slack.event(original, event_id="EvLATE")
    wait_for(lambda: processed(db, "EvLATE"))
    assert [a.text for a in answers(db)] == [""]


@pytest.mark.parametrize(
    "kind",
    [
        "bot_with_subtype",
        "bot_without_subtype",
        "own_user",
        "top_level",
        "other_thread",
        "channel_join",
    ],
)
def test_messages_that_are_not_answers_are_ignored(
    kind: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    prompt = ask(slack, fake, db)
    other = fake.post_as_user("CSALES", "UALICE", "lunch?")
    events = {
        "bot_with_subtype": slack.message_event(
            channel="CSALES",
            user="UALICE",
            text="beep",
            ts="1800000000.000001",
            thread_ts=prompt.ts,
            subtype="bot_message",
            bot_id="BOTHER",
        ),
        "bot_without_subtype": slack.message_event(
            channel="CSALES",
            user="UALICE",
            text="beep",
            ts="1800000000.000002",
            thread_ts=prompt.ts,
            bot_id="BOTHER",
        ),
        "own_user": slack.message_event(
            channel="CSALES", user="UBOT", text="me", ts="1800000000.000003", thread_ts=prompt.ts
        ),
        "top_level": slack.message_event(
            channel="CSALES", user="UALICE", text="hi all", ts="1800000000.000004"
        ),
        "other_thread": slack.message_event(
            channel="CSALES",
            user="UBOB",
            text="pizza",
            ts="1800000000.000005",
            thread_ts=other["ts"],
        ),
        "channel_join": slack.message_event(
            channel="CSALES",
            user="UBOB",
            text="joined",
            ts="1800000000.000006",
            thread_ts=prompt.ts,
            subtype="channel_join",
        ),
    }
    assert slack.event(events[kind], event_id="EvIGNORED").status == 200
    reply(slack, fake, prompt, "UALICE", "a real answer")
    wait_for(lambda: fake.calls_to("reactions.add"))
    if kind != "own_user":  # Bolt drops the bot's own events before any listener runs
        wait_for(lambda: processed(db, "EvIGNORED"))
    assert [a.text for a in answers(db)] == ["a real answer"]
    assert len(fake.calls_to("reactions.add")) == 1


def test_replies_without_a_reaction_when_reactions_are_off(
    fake: FakeSlack, database_url: str, db: Database
) -> None:
    import threading

    from handlers.app import build_app
    from handlers.web import make_http_server, wsgi_app
    from tests.conftest import SIGNING_SECRET, TEAM, make_settings

    settings = make_settings(fake, database_url, PERSONABOT_ACK_REACTION="off")
    server = make_http_server(
        wsgi_app(build_app(settings=settings, db=db, bank=load_bank()), db),
        host="127.0.0.1",
        port=0,
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        slack = SlackDriver(
            f"http://127.0.0.1:{server.server_port}/slack/events",
            SIGNING_SECRET,
            team_id=TEAM,
            fake=fake,
        )
        prompt = ask(slack, fake, db)
        reply(slack, fake, prompt, "UALICE", "Too many tools")
        wait_for(lambda: [a for a in answers(db) if a.permalink])
        assert fake.calls_to("reactions.add") == []
    finally:
        server.shutdown()
        server.server_close()


def test_a_permalink_failure_loses_nothing(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    prompt = ask(slack, fake, db)
    fake.fail_next("chat.getPermalink", status=200, error="internal_error")
    message, _ = reply(slack, fake, prompt, "UALICE", "Security reviews stall deals")
    wait_for(lambda: fake.reactions("CSALES", message["ts"]))
    with db.session() as session:
        assert session.scalar(select(func.count(Answer.id))) == 1
        assert session.scalars(select(Answer.text)).one() == "Security reviews stall deals"
