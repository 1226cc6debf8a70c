"""``/persona`` over signed HTTP: acks at once, posts where asked, explains what it cannot do."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage import Answer, Channel, Database, Prompt
from tests.conftest import wait_for
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack


def prompts(db: Database) -> list[Prompt]:
    with db.session() as session:
        return list(session.scalars(select(Prompt)))


def last_response(fake: FakeSlack) -> str:
    return str(wait_for(lambda: fake.responses)[-1]["text"])


@pytest.mark.parametrize("channel", ["<#CSALES|sales-team>", "<#CSALES|>", "#sales-team"])
def test_ask_accepts_each_form_slack_sends_a_channel_in(
    channel: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    sent = slack.command(f"ask {channel} Who signs off on the purchase?")
    assert sent.status == 200
    assert sent.elapsed < 3
    assert "Asked in <#CSALES>" in last_response(fake)
    assert [m["text"] for m in fake.messages("CSALES")] == ["Who signs off on the purchase?"]
    [prompt] = prompts(db)
    assert prompt.text == "Who signs off on the purchase?"
    assert prompt.asked_by == "UADMIN"
    assert prompt.permalink == fake.calls_to("chat.getPermalink")[0].response["permalink"]


def test_ask_joins_a_public_channel_it_is_not_in(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    slack.command("ask #marketing Which campaigns brought our best customers?")
    assert "Asked in <#CMKT>" in last_response(fake)
    assert [c.params["channel"] for c in fake.calls_to("conversations.join")] == ["CMKT"]
    assert len(fake.messages("CMKT")) == 1


def test_ask_escapes_what_it_posts(slack: SlackDriver, fake: FakeSlack, db: Database) -> None:
    slack.command("ask <#CSALES|sales-team> Tell &lt;!channel&gt; what you hear &amp; see")
    last_response(fake)
    [message] = fake.messages("CSALES")
    assert message["text"] == "Tell <!channel> what you hear & see"  # notification fallback
    section = message["blocks"][0]["text"]["text"]
    assert section == "Tell &lt;!channel&gt; what you hear &amp; see"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ask <#CSECRET|> What keeps you up at night?", "/invite @personabot"),
        ("ask #no-such-channel What keeps you up at night?", "can't find #no-such-channel"),
        ("ask <#COLD|old-news> Anything?", "archived"),
    ],
)
def test_ask_explains_channels_it_cannot_post_in(
    text: str, expected: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    assert slack.command(text).status == 200
    assert expected in last_response(fake)
    assert fake.responses[-1].get("response_type") == "ephemeral"
    assert prompts(db) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("frobnicate", "I don't know `frobnicate`"),
        ("ask", "Start with a channel"),
        ("ask <#CSALES|sales-team>", "Write the question"),
        ("ask sales-team What?", "Start with a channel"),
        ("status now", "takes no arguments"),
        ("channel <#CSALES|sales-team> pirates", "Unknown group `pirates`"),
    ],
)
def test_bad_commands_get_help_and_change_nothing(
    text: str, expected: str, slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    sent = slack.command(text)
    assert sent.status == 200
    assert expected in sent.json()["text"]
    assert "/persona" in sent.json()["text"]
    assert fake.calls_to("chat.postMessage") == []
    assert prompts(db) == []


def test_help(slack: SlackDriver) -> None:
    text = slack.command("help").json()["text"]
    for subcommand in ("ask", "status", "channel", "help"):
        assert f"/persona {subcommand}" in text


def test_status_lists_open_prompts_with_answer_counts(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    slack.command("status")
    assert "No open prompts" in last_response(fake)

    slack.command("ask <#CSALES|sales-team> Why did the last deal close?")
    wait_for(lambda: len(fake.responses) == 2)
    [prompt] = prompts(db)
    for user, text in (("UALICE", "Price"), ("UBOB", "Integrations")):
        message = fake.post_as_user("CSALES", user, text, thread_ts=prompt.ts)
        slack.event(
            slack.message_event(
                channel="CSALES", user=user, text=text, ts=message["ts"], thread_ts=prompt.ts
            )
        )
    wait_for(lambda: len(fake.calls_to("reactions.add")) == 2)

    slack.command("status")
    wait_for(lambda: len(fake.responses) == 3)
    status = fake.responses[-1]["text"]
    assert "<#CSALES>" in status
    assert "Why did the last deal close?" in status
    assert "*2* answers" in status


def test_mapping_a_channel_is_for_admins_and_answers_carry_the_group(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    slack.command("channel <#CSALES|sales-team> sales", user_id="UALICE")
    assert "Only workspace admins" in last_response(fake)
    with db.session() as session:
        assert session.scalars(select(Channel.group)).all() in ([], [None])

    slack.command("channel <#CSALES|sales-team> sales", user_id="UADMIN")
    wait_for(lambda: len(fake.responses) == 2)
    assert "*sales* group" in fake.responses[-1]["text"]

    slack.command("ask <#CSALES|sales-team> What do buyers compare us with?")
    wait_for(lambda: len(fake.responses) == 3)
    [prompt] = prompts(db)
    message = fake.post_as_user("CSALES", "UBOB", "Spreadsheets", thread_ts=prompt.ts)
    slack.event(
        slack.message_event(
            channel="CSALES",
            user="UBOB",
            text="Spreadsheets",
            ts=message["ts"],
            thread_ts=prompt.ts,
        )
    )
    wait_for(lambda: fake.calls_to("reactions.add"))
    with db.session() as session:
        assert session.scalars(select(Answer.group)).one() == "sales"


def test_a_rate_limited_post_is_retried_and_posted_once(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    fake.fail_next("chat.postMessage", status=429, retry_after=1)
    sent = slack.command("ask <#CSALES|sales-team> What do you wish we had?")
    assert sent.elapsed < 3  # the ack does not wait for Slack's Retry-After
    assert "Asked in <#CSALES>" in last_response(fake)
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [429, 200]
    assert len(fake.messages("CSALES")) == 1
    assert len(prompts(db)) == 1


def test_requests_with_a_bad_signature_are_refused(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    import time

    body = b"text=ask+%3C%23CSALES%7C%3E+Hi&team_id=T0TEST&user_id=UADMIN&command=%2Fpersona"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    forged = slack.sign(body) | form | {"X-Slack-Signature": "v0=" + "0" * 64}
    assert slack.raw(body, forged).status == 401
    stale = slack.sign(body, timestamp=int(time.time()) - 301) | form
    assert slack.raw(body, stale).status == 401
    assert fake.calls_to("chat.postMessage") == []
    assert prompts(db) == []


def test_health(app_url: str) -> None:
    import json
    from urllib.request import urlopen

    with urlopen(app_url.replace("/slack/events", "/healthz")) as response:
        assert response.status == 200
        assert json.load(response) == {"ok": True, "database": "ok"}
