"""Buttons, modals, the message shortcut and linking by hand, over signed HTTP."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from bot.slack import blocks as views
from storage import Answer, AnswerFeatures, Database, Evidence, Persona, Prompt
from tests.conftest import TEAM, say, wait_for
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack


def ask(slack: SlackDriver, fake: FakeSlack, db: Database, extra: str = "") -> Prompt:
    say(slack, fake, f"ask <#CSALES|sales-team> {extra}What slows your team down?")
    with db.session() as session:
        return session.scalars(select(Prompt)).one()


def press(
    slack: SlackDriver,
    fake: FakeSlack,
    prompt: Prompt,
    action: str,
    user: str = "UBOB",
    trigger: str = "trigger-1",
) -> None:
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": user},
        "trigger_id": trigger,
        "response_url": fake.response_url(),
        "container": {"type": "message", "channel_id": "CSALES", "message_ts": prompt.ts},
        "channel": {"id": "CSALES"},
        "actions": [
            {
                "action_id": action,
                "block_id": views.PROMPT_ACTIONS,
                "value": "prompt",
                "type": "button",
            }
        ],
    }
    assert slack.interaction(payload).status == 200


def submit(
    slack: SlackDriver, view: dict[str, Any], values: dict[str, dict[str, Any]], user: str = "UBOB"
) -> Any:
    """Submit ``view`` with ``values`` as Slack sends them: {block_id: {action_id: state}}."""
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM},
        "user": {"id": user},
        "view": {**view, "state": {"values": values}},
    }
    sent = slack.interaction(payload)
    assert sent.status == 200
    return sent.json() if sent.body else None


def shortcut(slack: SlackDriver, fake: FakeSlack, message: dict[str, Any], *, user: str) -> None:
    """``user`` runs "Add to personas" on ``message`` in #sales-team."""
    payload = {
        "type": "message_action",
        "callback_id": views.SHORTCUT,
        "trigger_id": slack.new_trigger_id(),
        "team": {"id": TEAM},
        "user": {"id": user},
        "channel": {"id": "CSALES"},
        "message": message,
        "response_url": fake.response_url(),
    }
    assert slack.interaction(payload).status == 200


def typed(text: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text_input", "value": text}}


def chosen(action: str, value: str) -> dict[str, Any]:
    return {action: {"type": "static_select", "selected_option": {"value": value}}}


def opened(fake: FakeSlack, callback_id: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = wait_for(
        lambda: [v["view"] for v in fake.views if v["view"].get("callback_id") == callback_id]
    )
    return found[-1]


def answers(db: Database) -> list[Answer]:
    with db.session() as session:
        return list(session.scalars(select(Answer).order_by(Answer.id)))


def test_prompts_carry_the_two_buttons(slack: SlackDriver, fake: FakeSlack, db: Database) -> None:
    ask(slack, fake, db)
    [message] = fake.messages("CSALES")
    [actions] = [b for b in message["blocks"] if b["type"] == "actions"]
    assert [e["action_id"] for e in actions["elements"]] == [views.ANSWER_PRIVATE, views.JOB_STORY]


def test_answer_privately(slack: SlackDriver, fake: FakeSlack, db: Database) -> None:
    prompt = ask(slack, fake, db)
    press(slack, fake, prompt, views.ANSWER_PRIVATE)
    modal = opened(fake, views.ANSWER_MODAL)
    assert "What slows your team down?" in str(modal["blocks"])

    empty = submit(slack, modal, {views.ANSWER_BLOCK: typed("   ")})
    assert empty["response_action"] == "errors"
    assert views.ANSWER_BLOCK in empty["errors"]
    assert answers(db) == []

    assert submit(slack, modal, {views.ANSWER_BLOCK: typed("Onboarding takes weeks")}) is None
    stored = wait_for(lambda: answers(db))
    assert [(a.text, a.source, a.user_id, a.late) for a in stored] == [
        ("Onboarding takes weeks", "private", "UBOB", False)
    ]
    assert fake.replies("CSALES", prompt.ts)[1:] == []  # never posted in the channel
    note = wait_for(lambda: fake.ephemerals)[-1]
    assert (note["user"], note["channel"]) == ("UBOB", "CSALES")
    assert "Saved privately" in note["text"]
    submit(slack, modal, {views.ANSWER_BLOCK: typed("Onboarding takes weeks")})
    wait_for(lambda: len(fake.ephemerals) == 2)
    assert len(answers(db)) == 1  # the same modal submitted twice stores once


def test_an_answer_to_a_question_that_is_gone_stays_in_the_modal(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    """The refusal is a field error: the modal stays open with the text, nothing is lost."""
    prompt = ask(slack, fake, db)
    press(slack, fake, prompt, views.ANSWER_PRIVATE)
    modal = {**opened(fake, views.ANSWER_MODAL), "private_metadata": "999999"}
    refused = submit(slack, modal, {views.ANSWER_BLOCK: typed("Onboarding takes weeks")})
    assert refused == {
        "response_action": "errors",
        "errors": {views.ANSWER_BLOCK: "That question is gone."},
    }
    press(slack, fake, prompt, views.JOB_STORY)
    story = {**opened(fake, views.JOB_MODAL), "private_metadata": "999999"}
    parts = {"situation": "I onboard a rep", "motivation": "find macros", "outcome": "answer"}
    refused = submit(slack, story, {part: typed(text) for part, text in parts.items()})
    assert refused["errors"] == {"situation": "That question is gone."}
    assert answers(db) == []


def test_a_closed_prompt_still_takes_answers_marked_late(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    prompt = ask(slack, fake, db)
    with db.session() as session:
        row = session.get(Prompt, prompt.id)
        assert row is not None
        row.closed_at = datetime.now(UTC)
    press(slack, fake, prompt, views.ANSWER_PRIVATE)
    modal = opened(fake, views.ANSWER_MODAL)
    assert "closed" in str(modal["blocks"]).lower()
    submit(slack, modal, {views.ANSWER_BLOCK: typed("Late but true")})
    assert wait_for(lambda: answers(db))[0].late is True
    assert "marked late" in wait_for(lambda: fake.ephemerals)[-1]["text"]


def test_an_expired_trigger_is_explained(slack: SlackDriver, fake: FakeSlack, db: Database) -> None:
    prompt = ask(slack, fake, db)
    before = len(fake.responses)
    press(slack, fake, prompt, views.JOB_STORY, trigger="expired-123")
    wait_for(lambda: len(fake.responses) > before)
    assert "press the button again" in fake.responses[-1]["text"]


def test_write_a_job_story(slack: SlackDriver, fake: FakeSlack, db: Database) -> None:
    prompt = ask(slack, fake, db)
    press(slack, fake, prompt, views.JOB_STORY)
    modal = opened(fake, views.JOB_MODAL)
    missing = submit(
        slack,
        modal,
        {
            "situation": typed("we onboard a new agent"),
            "motivation": typed("find every macro in one place"),
            "outcome": typed(""),
        },
    )
    assert missing["response_action"] == "errors"
    assert set(missing["errors"]) == {"outcome"}
    assert answers(db) == []
    submit(
        slack,
        modal,
        {
            "situation": typed("we onboard a new agent"),
            "motivation": typed("find every macro in one place"),
            "outcome": typed("answer tickets alone in the first week"),
        },
    )
    [answer] = wait_for(lambda: answers(db))
    assert answer.source == "job_story"
    assert answer.text == (
        "When we onboard a new agent, I want to find every macro in one "
        "place, so I can answer tickets alone in the first week."
    )
    with db.session() as session:
        features = session.get(AnswerFeatures, answer.id)
        assert features is not None
        assert [j["situation"] for j in features.jobs] == ["we onboard a new agent"]


def test_the_message_shortcut_saves_a_message_as_evidence(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    say(slack, fake, "create IT Ian")
    message = fake.post_as_user("CSALES", "UALICE", "We cannot buy anything without SSO")
    shortcut(slack, fake, message, user="UADMIN")
    modal = opened(fake, views.SHORTCUT_MODAL)
    options = str(modal["blocks"])
    assert "IT Ian" in options
    with db.session() as session:
        ian = session.scalars(select(Persona)).one().id
    submit(
        slack,
        modal,
        {
            views.PERSONA_BLOCK: chosen("persona", str(ian)),
            views.FIELD_BLOCK: chosen("field", "objections"),
        },
        user="UADMIN",
    )
    [answer] = wait_for(lambda: answers(db))
    assert (answer.source, answer.user_id, answer.text) == (
        "shortcut",
        "UALICE",
        "We cannot buy anything without SSO",
    )
    assert answer.permalink is not None
    with db.session() as session:
        evidence = session.scalars(select(Evidence)).one()
        assert (evidence.persona_id, evidence.field) == (ian, "objections")

    bot_message = {**message, "bot_id": "BOTHER", "ts": "1800000000.000009"}
    before = len(fake.responses)
    shortcut(slack, fake, bot_message, user="UADMIN")
    wait_for(lambda: len(fake.responses) > before)
    assert "Bot messages cannot be saved" in fake.responses[-1]["text"]


def test_a_captured_answer_can_be_linked_by_its_author_only(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    say(slack, fake, "create Ops Olivia")
    prompt = ask(slack, fake, db)
    slack.user_says("CSALES", "UBOB", "Agents wait weeks for access", thread_ts=prompt.ts)
    offer = wait_for(lambda: fake.ephemerals)[-1]
    assert (offer["user"], offer.get("thread_ts")) == ("UBOB", prompt.ts)
    select_block = next(b for b in offer["blocks"] if b["type"] == "actions")
    persona_select = next(
        e for e in select_block["elements"] if e["action_id"] == views.LINK_ANSWER
    )
    value = persona_select["options"][0]["value"]

    def choose(user: str) -> str:
        before = len(fake.responses)
        slack.interaction(
            {
                "type": "block_actions",
                "team": {"id": TEAM},
                "user": {"id": user},
                "response_url": fake.response_url(),
                "container": {},
                "actions": [
                    {
                        "action_id": views.LINK_ANSWER,
                        "type": "static_select",
                        "selected_option": {"value": value},
                    }
                ],
            }
        )
        wait_for(lambda: len(fake.responses) > before)
        return str(fake.responses[-1]["text"])

    assert "Only the answer's author or an admin" in choose("UALICE")
    assert choose("UBOB").startswith("Linked to Ops Olivia")
    with db.session() as session:
        assert len(session.scalars(select(Evidence)).all()) == 1
