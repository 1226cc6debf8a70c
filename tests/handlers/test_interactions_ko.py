"""Buttons, modals, the shortcut and linking in the language of the person using them: a
Korean user (Slack locale ko-KR) reads Korean, an English one English, and one whose Slack
language has no catalog (fr-FR) the workspace's, whatever the channel's language is."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from bot.i18n import nt, t
from bot.insights.render.words import field_name
from bot.slack import blocks as views
from bot.slack.words import word
from storage import AnswerFeatures, Database, Persona, queries
from tests.bot.blockkit import check_blocks, check_view
from tests.conftest import TEAM, say, wait_for
from tests.handlers.test_interactions import ask, opened, press, shortcut, submit, typed
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

HANGUL = re.compile("[가-힣]")


def people(fake: FakeSlack) -> None:
    fake.add_user("UKO", "minji", locale="ko-KR")
    fake.add_user("UEN", "sam", locale="en-US")
    fake.add_user("UFR", "amelie", locale="fr-FR")


def workspace_locale(db: Database, locale: str) -> None:
    with db.session() as session:
        queries.workspace(session, team_id=TEAM).locale = locale


def texts(node: Any) -> list[str]:
    """Every ``text`` string in a view or blocks, nested."""
    if isinstance(node, dict):
        own = [node["text"]] if isinstance(node.get("text"), str) else []
        return own + [s for v in node.values() for s in texts(v)]
    if isinstance(node, list):
        return [s for v in node for s in texts(v)]
    return []


SLACK_ADDS = ("id", "team_id", "app_id", "bot_id", "hash", "root_view_id", "previous_view_id")


def valid(view: dict[str, Any]) -> None:
    """The view as the app sent it (without what Slack adds) passes slack_sdk's validation."""
    check_view({k: v for k, v in view.items() if k not in (*SLACK_ADDS, "state")})


def open_answer_modal(
    slack: SlackDriver, fake: FakeSlack, db: Database, user: str, trigger: str
) -> dict[str, Any]:
    prompt = ask(slack, fake, db)
    press(slack, fake, prompt, views.ANSWER_PRIVATE, user=user, trigger=trigger)
    return opened(fake, views.ANSWER_MODAL)


def test_a_korean_user_answers_privately_in_korean(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    people(fake)
    modal = open_answer_modal(slack, fake, db, "UKO", "trigger-ko")
    valid(modal)
    assert modal["title"]["text"] == word("ko", "answer_title")
    assert HANGUL.search(modal["title"]["text"])
    assert modal["submit"]["text"] == word("ko", "save")
    assert word("ko", "privacy") in texts(modal)
    assert "What slows your team down?" in str(modal["blocks"])  # the question as asked

    empty = submit(slack, modal, {views.ANSWER_BLOCK: typed("  ")}, user="UKO")
    assert empty["errors"] == {views.ANSWER_BLOCK: t("ko", "Write an answer first.")}
    assert HANGUL.search(empty["errors"][views.ANSWER_BLOCK])

    submit(slack, modal, {views.ANSWER_BLOCK: typed("온보딩이 몇 주씩 걸려요")}, user="UKO")
    note = wait_for(lambda: fake.ephemerals)[-1]
    assert note["user"] == "UKO"
    assert note["text"] == t("ko", "Saved privately; it is not posted in the channel.")
    assert HANGUL.search(note["text"])


def test_an_english_user_reads_english_even_in_a_korean_workspace(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    people(fake)
    workspace_locale(db, "ko")
    modal = open_answer_modal(slack, fake, db, "UEN", "trigger-en")
    assert modal["title"]["text"] == "Your answer"
    assert not any(HANGUL.search(s) for s in texts(modal) if "slows" not in s)
    empty = submit(slack, modal, {views.ANSWER_BLOCK: typed("")}, user="UEN")
    assert empty["errors"] == {views.ANSWER_BLOCK: "Write an answer first."}


def test_a_language_without_a_catalog_gets_the_workspace_language(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    people(fake)
    workspace_locale(db, "ko")
    modal = open_answer_modal(slack, fake, db, "UFR", "trigger-fr")
    valid(modal)
    assert modal["title"]["text"] == word("ko", "answer_title")
    empty = submit(slack, modal, {views.ANSWER_BLOCK: typed("")}, user="UFR")
    assert empty["errors"] == {views.ANSWER_BLOCK: t("ko", "Write an answer first.")}


def test_a_french_user_in_an_english_workspace_reads_english(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    people(fake)
    modal = open_answer_modal(slack, fake, db, "UFR", "trigger-fr")
    assert modal["title"]["text"] == "Your answer"


def test_a_korean_job_story_gets_korean_field_errors_and_hints(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    people(fake)
    prompt = ask(slack, fake, db)
    press(slack, fake, prompt, views.JOB_STORY, user="UKO", trigger="trigger-job")
    modal = opened(fake, views.JOB_MODAL)
    valid(modal)
    assert modal["title"]["text"] == word("ko", "job_title")
    labels = [b["label"]["text"] for b in modal["blocks"] if b["type"] == "input"]
    assert labels == [word("ko", f"{part}_label") for part in views.JOB_PARTS]

    empty = submit(
        slack,
        modal,
        {"situation": typed(""), "motivation": typed(""), "outcome": typed("")},
        user="UKO",
    )
    assert empty["response_action"] == "errors"
    assert empty["errors"] == {part: word("ko", "required") for part in views.JOB_PARTS}

    submit(
        slack,
        modal,
        {
            "situation": typed("a deal closes"),
            "motivation": typed("a dashboard"),  # not an action: a hint, in Korean
            "outcome": typed("hand over fast"),
        },
        user="UKO",
    )
    note = wait_for(lambda: fake.ephemerals)[-1]["text"]
    assert note.startswith(t("ko", "Job story saved. To sharpen it:"))
    hint = t(
        "ko",
        'The motivation "{text}" is not something the customer does; start it with a verb, '
        'e.g. "see which deals are at risk".',
        text="a dashboard",
    )
    assert f"\n• {hint}" in note
    assert "To sharpen" not in note


def test_the_shortcut_modal_and_its_errors_in_korean(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    people(fake)
    say(slack, fake, "create IT Ian")
    message = fake.post_as_user("CSALES", "UALICE", "We cannot buy anything without SSO")
    shortcut(slack, fake, message, user="UKO")
    modal = opened(fake, views.SHORTCUT_MODAL)
    valid(modal)
    assert modal["title"]["text"] == word("ko", "shortcut_title")
    labels = [b["label"]["text"] for b in modal["blocks"] if b["type"] == "input"]
    assert labels == [
        word("ko", "persona_label"),
        word("ko", "field_label"),
        word("ko", "job_story_label"),
    ]
    with db.session() as session:
        ian = session.scalars(select(Persona)).one().id
    persona = {"persona": {"type": "static_select", "selected_option": {"value": str(ian)}}}
    missing = submit(slack, modal, {views.PERSONA_BLOCK: persona}, user="UKO")
    assert missing["errors"] == {views.FIELD_BLOCK: t("ko", "Pick a persona field.")}

    field = {"field": {"type": "static_select", "selected_option": {"value": "objections"}}}
    submit(slack, modal, {views.PERSONA_BLOCK: persona, views.FIELD_BLOCK: field}, user="UKO")
    note = wait_for(lambda: fake.ephemerals)[-1]
    assert (note["user"], note["text"]) == ("UKO", t("ko", "Saved as evidence."))

    before = len(fake.responses)
    bot_message = {**message, "bot_id": "BOTHER", "ts": "1800000000.000009"}
    shortcut(slack, fake, bot_message, user="UKO")
    wait_for(lambda: len(fake.responses) > before)
    assert fake.responses[-1]["text"] == t(
        "ko", "Bot messages cannot be saved as evidence; pick what a person wrote."
    )


def choose(slack: SlackDriver, fake: FakeSlack, user: str, action: str, value: str) -> str:
    before = len(fake.responses)
    element = (
        {"type": "button", "value": value}
        if action == views.UNLINK_ANSWER
        else {"type": "static_select", "selected_option": {"value": value}}
    )
    slack.interaction(
        {
            "type": "block_actions",
            "team": {"id": TEAM},
            "user": {"id": user},
            "response_url": fake.response_url(),
            "container": {},
            "actions": [{"action_id": action, **element}],
        }
    )
    wait_for(lambda: len(fake.responses) > before)
    return str(fake.responses[-1]["text"])


def test_the_link_offer_and_its_replies_are_in_the_authors_language(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    people(fake)
    say(slack, fake, "create Ops Olivia")
    prompt = ask(slack, fake, db)
    slack.user_says(
        "CSALES", "UKO", "상담원이 권한을 받기까지 몇 주를 기다려요", thread_ts=prompt.ts
    )
    offer = wait_for(lambda: fake.ephemerals)[-1]
    assert offer["user"] == "UKO"
    assert offer["text"] == t("ko", "Saved as evidence.")
    assert HANGUL.search(offer["text"])
    check_blocks(offer["blocks"])
    assert word("ko", "saved") in texts(offer["blocks"])
    actions = next(b for b in offer["blocks"] if b["type"] == "actions")
    persona_select = next(e for e in actions["elements"] if e["action_id"] == views.LINK_ANSWER)
    assert persona_select["placeholder"]["text"] == word("ko", "link_persona")
    value = persona_select["options"][0]["value"]
    answer_id = value.partition("|")[0]

    with db.session() as session:
        features = session.get(AnswerFeatures, int(answer_id))
        assert features is not None
        field = field_name("ko", features.field)
    assert HANGUL.search(field)
    assert choose(slack, fake, "UKO", views.LINK_ANSWER, value) == t(
        "ko", "Linked to {name} ({field}).", name="Ops Olivia", field=field
    )
    assert choose(slack, fake, "UEN", views.LINK_ANSWER, value) == (
        "Only the answer's author or an admin can link it."
    )
    assert choose(slack, fake, "UKO", views.LINK_ANSWER, "not-a-number") == t(
        "ko", "That choice is not valid."
    )
    assert choose(slack, fake, "UKO", views.UNLINK_ANSWER, answer_id) == nt(
        "ko", "Unlinked from {n} persona.", "Unlinked from {n} personas.", 1
    )
    assert choose(slack, fake, "UKO", views.UNLINK_ANSWER, answer_id) == t(
        "ko", "It was not linked to a persona."
    )


def test_an_english_author_gets_the_offer_in_english(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    people(fake)
    workspace_locale(db, "ko")
    say(slack, fake, "create Ops Olivia")
    prompt = ask(slack, fake, db)
    slack.user_says("CSALES", "UEN", "Agents wait weeks for access", thread_ts=prompt.ts)
    offer = wait_for(lambda: fake.ephemerals)[-1]
    assert (offer["user"], offer["text"]) == ("UEN", "Saved as evidence.")
    assert not any(HANGUL.search(s) for s in texts(offer["blocks"]))
