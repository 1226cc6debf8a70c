"""Property-based: signed requests of every kind the app takes (events, commands, block
actions, view submissions, shortcuts, options), malformed and well-formed with random values,
sent to the real WSGI app over HTTP.

Malformed ones get a 4xx at once and change nothing (no row, no Web API write); well-formed
ones never get a 5xx or Slack's 3 s wait; either way the connection is never dropped (urllib
would raise) and the app still answers afterwards. Bounded and derandomized, so each database
costs seconds, the same examples every run.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.slack import blocks as views
from storage import Database
from tests.conftest import TEAM, say
from tests.handlers.edge_kit import FORM, JSON, signed, stored, writes
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

# PERSONABOT_FUZZ_EXAMPLES=2000 searches further (random seed) on a developer's machine.
_WIDE = int(os.environ.get("PERSONABOT_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=_WIDE or 150,
    derandomize=not _WIDE,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ids = st.sampled_from(["UADMIN", "UALICE", "UBOB", "UNOBODY", "W0GRID", ""]) | st.text(max_size=12)
channels = st.sampled_from(["CSALES", "CMKT", "CSECRET", "COLD", "DNOPE"]) | st.text(max_size=12)
tss = st.sampled_from(["1700000000.000100", "0.0", "1e9", ""]) | st.text(max_size=20)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)
numbers = st.integers(min_value=-1, max_value=2**64).map(str)
action_ids = st.sampled_from(
    [
        views.ANSWER_PRIVATE,
        views.JOB_STORY,
        views.LINK_ANSWER,
        views.LINK_FIELD,
        views.UNLINK_ANSWER,
        views.HOME_SETUP,
        views.HOME_EXPORT,
        views.HOME_PREVIEW,
        views.HOME_MORE,
        "unknown_action",
    ]
)
modals = st.sampled_from(
    [views.ANSWER_MODAL, views.JOB_MODAL, views.SHORTCUT_MODAL, views.SETUP_MODAL, "other"]
)
words = st.sampled_from(
    ["help", "list", "status", "show", "search", "create", "jobs", "schedule", "channel", "x"]
)


@st.composite
def event(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["message", "app_home_opened", "user_change", "reaction_added"]))
    inner: dict[str, Any] = {"type": kind, "user": draw(ids), "channel": draw(channels)}
    if kind == "message":
        inner |= {"text": draw(st.text(max_size=200)), "ts": draw(tss)}
        if draw(st.booleans()):
            inner["thread_ts"] = draw(tss)
        sub = draw(st.sampled_from([None, "message_changed", "message_deleted", "bot_message"]))
        if sub:
            inner["subtype"] = sub
            inner["message"] = {"ts": draw(tss), "text": draw(st.text(max_size=50))}
            inner["previous_message"] = {"ts": draw(tss), "user": draw(ids), "text": "x"}
            inner["deleted_ts"] = draw(tss)
    if kind == "user_change":
        inner["user"] = {"id": draw(ids)}
    if kind == "app_home_opened":
        inner["tab"] = draw(st.sampled_from(["home", "messages"]))
    return {
        "type": "event_callback",
        "team_id": TEAM,
        "api_app_id": "A0TEST",
        "event_id": "Ev" + draw(st.text("ABCDEF0123456789", min_size=6, max_size=10)),
        "event": inner,
    }


@st.composite
def command(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "command": "/persona",
        "team_id": TEAM,
        "user_id": draw(st.sampled_from(["UADMIN", "UBOB", "UGHOST"])),
        "channel_id": draw(channels.filter(bool)),
        "text": draw(words) + " " + draw(st.text(max_size=60)),
        "response_url": "http://127.0.0.1:1/unused",  # set per request below
        "trigger_id": "1.2.3",
    }


def _who(draw: st.DrawFn) -> dict[str, Any]:
    return {"team": {"id": TEAM}, "user": {"id": draw(ids.filter(bool))}, "api_app_id": "A0TEST"}


@st.composite
def block_actions(draw: st.DrawFn) -> dict[str, Any]:
    value = draw(numbers | st.tuples(numbers, numbers).map("|".join) | st.text(max_size=20))
    action = {"action_id": draw(action_ids), "block_id": "b", "type": "button", "value": value}
    container = {"type": "message", "channel_id": draw(channels), "message_ts": draw(tss)}
    if draw(st.booleans()):
        container = {"type": "view", "view_id": "V1"}
    return {
        "type": "block_actions",
        **_who(draw),
        "trigger_id": "1.2.3",
        "response_url": "http://127.0.0.1:1/unused",
        "container": container,
        "actions": [action],
    }


@st.composite
def view_submission(draw: st.DrawFn) -> dict[str, Any]:
    metadata = draw(
        numbers
        | st.fixed_dictionaries({"channel": channels, "ts": tss, "text": st.text()}).map(json.dumps)
        | st.text(max_size=30)
    )
    state = draw(
        st.dictionaries(
            st.sampled_from(["answer", "situation", "persona", "field", "job_story", "x"]),
            st.dictionaries(
                st.sampled_from(["text", "persona", "field"]),
                st.fixed_dictionaries({"type": st.just("plain_text_input"), "value": st.text()}),
                max_size=2,
            ),
            max_size=4,
        )
    )
    view = {
        "id": "V" + draw(st.text("ABC123", min_size=1, max_size=8)),
        "type": "modal",
        "callback_id": draw(modals),
        "private_metadata": metadata,
        "state": {"values": state},
        "blocks": [],
    }
    return {"type": "view_submission", **_who(draw), "view": view}


@st.composite
def shortcut(draw: st.DrawFn) -> dict[str, Any]:
    body = {
        "type": draw(st.sampled_from(["message_action", "shortcut"])),
        **_who(draw),
        "callback_id": draw(st.sampled_from([views.SHORTCUT, "other"])),
        "trigger_id": "1.2.3",
        "response_url": "http://127.0.0.1:1/unused",
        "channel": {"id": draw(channels)},
        "message": {"ts": draw(tss), "user": draw(ids), "text": draw(st.text(max_size=80))},
    }
    return body


@st.composite
def options(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "type": "block_suggestion",
        **_who(draw),
        "action_id": draw(action_ids),
        "value": draw(st.text(max_size=20)),
    }


KINDS = {
    "event": event(),
    "command": command(),
    "block_actions": block_actions(),
    "view_submission": view_submission(),
    "shortcut": shortcut(),
    "options": options(),
}
# Keys Slack always sends (by kind), whose loss or wrong type the edge must refuse.
REQUIRED = {
    "event": ["event", "team_id"],
    "command": ["command", "team_id", "user_id", "channel_id", "response_url"],
    "block_actions": ["user", "team", "actions"],
    "view_submission": ["user", "team", "view"],
    "shortcut": ["user", "team", "callback_id", "trigger_id"],
    "options": ["type"],
}


def encode(kind: str, body: Any, fake: FakeSlack) -> tuple[bytes, str]:
    if isinstance(body, dict) and "response_url" in body:
        body = {**body, "response_url": fake.response_url()}
    if kind == "event":
        return json.dumps(body).encode(), JSON
    if kind == "command":
        return urlencode(body).encode(), FORM
    return urlencode({"payload": json.dumps(body)}).encode(), FORM


@st.composite
def malformed(draw: st.DrawFn) -> tuple[str, bytes, str]:
    """A request of some kind made impossible: a required key lost or of the wrong type, the
    body cut short, not UTF-8, not an object."""
    kind = draw(st.sampled_from(sorted(KINDS)))
    body = draw(KINDS[kind])
    how = draw(st.sampled_from(["drop", "retype", "cut", "bytes", "wrap"]))
    if how in ("drop", "retype"):
        key = draw(st.sampled_from(REQUIRED[kind]))
        if how == "drop" or kind == "command":
            body.pop(key, None)
        else:
            body[key] = draw(values.filter(lambda v: not isinstance(v, (dict, str)) or v == ""))
        return (kind, *encode(kind, body, _NO_FAKE))
    raw, content_type = encode(kind, body, _NO_FAKE)
    if how == "cut":
        text = json.dumps(body)
        cut = text[: draw(st.integers(1, len(text) - 1))]
        if kind == "event":
            return kind, cut.encode(), JSON
        return kind, urlencode({"payload": cut}).encode(), FORM
    if how == "bytes":
        return kind, raw + b"\xff\xfe" + draw(st.binary(max_size=8)), content_type
    return kind, json.dumps([body]).encode(), JSON


class _NoFake:
    def response_url(self) -> str:
        return "http://127.0.0.1:1/unused"


_NO_FAKE: Any = _NoFake()


def test_malformed_requests_are_refused_and_change_nothing(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    before = stored(db)

    @FUZZ
    @given(malformed())
    def check(request: tuple[str, bytes, str]) -> None:
        kind, body, content_type = request
        sent = signed(slack, body, content_type)
        assert 400 <= sent.status < 500, (kind, sent.status, sent.body)
        assert sent.elapsed < 1.0

    check()
    assert stored(db) == before
    assert writes(fake) == []
    assert say(slack, fake, "list")


def test_well_formed_requests_with_random_values_never_fail(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    @FUZZ
    @given(st.sampled_from(sorted(KINDS)).flatmap(lambda k: st.tuples(st.just(k), KINDS[k])))
    def check(request: tuple[str, dict[str, Any]]) -> None:
        kind, body = request
        raw, content_type = encode(kind, body, fake)
        sent = signed(slack, raw, content_type)
        assert sent.status < 500, (kind, sent.status, sent.body)
        assert sent.elapsed < 2.5, (kind, sent.status, sent.elapsed)  # Bolt's wait is 3 s

    check()
    assert say(slack, fake, "list")
