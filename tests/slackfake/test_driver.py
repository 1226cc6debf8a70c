"""SlackDriver: requests as Slack sends them, checked by slack_sdk's SignatureVerifier."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest
from slack_sdk.signature import SignatureVerifier

from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Recorder:
    """A tiny app stand-in: records each request and answers ``status``/``reply``."""

    url: str
    requests: list[Received] = field(default_factory=list)
    status: int = 200
    reply: bytes = b"{}"

    @property
    def last(self) -> Received:
        assert self.requests, "the driver sent nothing"
        return self.requests[-1]


@pytest.fixture
def app() -> Iterator[Recorder]:
    recorder = Recorder(url="")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            recorder.requests.append(Received(self.path, dict(self.headers.items()), body))
            self.send_response(recorder.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(recorder.reply)))
            self.end_headers()
            self.wfile.write(recorder.reply)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    recorder.url = f"http://127.0.0.1:{server.server_address[1]}/slack/events"
    try:
        yield recorder
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def driver(app: Recorder) -> SlackDriver:
    return SlackDriver(app.url, SECRET)


def verified(received: Received, secret: str = SECRET) -> bool:
    return SignatureVerifier(secret).is_valid(
        body=received.body,
        timestamp=received.headers["X-Slack-Request-Timestamp"],
        signature=received.headers["X-Slack-Signature"],
    )


def test_event_is_signed_and_wrapped_like_slack(app: Recorder, driver: SlackDriver) -> None:
    event = driver.message_event(channel="CGENERAL", user="UALICE", text="hi", ts="1.000001")
    sent = driver.event(event, event_id="Ev123")
    assert sent.status == 200
    assert sent.elapsed >= 0
    received = app.last
    assert received.path == "/slack/events"
    assert received.headers["Content-Type"] == "application/json"
    assert verified(received)
    assert not verified(received, secret="another-secret")
    envelope = json.loads(received.body)
    assert envelope["type"] == "event_callback"
    assert envelope["event_id"] == "Ev123"
    assert envelope["event"] == event
    assert envelope["team_id"] == "T0TEST"
    assert envelope["api_app_id"] == "A0TEST"
    assert envelope["authorizations"][0]["user_id"] == "UBOT"
    assert envelope["authorizations"][0]["is_bot"] is True
    assert "X-Slack-Retry-Num" not in received.headers


def test_generated_event_ids_differ(app: Recorder, driver: SlackDriver) -> None:
    event = driver.message_event(channel="CGENERAL", user="UALICE", text="hi", ts="1.000001")
    driver.event(event)
    driver.event(event)
    ids = [json.loads(r.body)["event_id"] for r in app.requests]
    assert ids[0] != ids[1]
    assert all(i.startswith("Ev") for i in ids)


def test_retry_headers(app: Recorder, driver: SlackDriver) -> None:
    driver.event({"type": "app_home_opened", "user": "UALICE"}, retry_num=2)
    assert app.last.headers["X-Slack-Retry-Num"] == "2"
    assert app.last.headers["X-Slack-Retry-Reason"] == "http_timeout"


def test_stale_timestamp_and_wrong_secret_fail_verification(
    app: Recorder, driver: SlackDriver
) -> None:
    driver.event({"type": "app_home_opened"}, timestamp=int(time.time()) - 600)
    assert app.last.headers["X-Slack-Request-Timestamp"] != str(int(time.time()))
    assert not verified(app.last)
    driver.event({"type": "app_home_opened"}, signing_secret="not-the-secret")
    assert not verified(app.last)


def test_sign_matches_slack_sdk(driver: SlackDriver) -> None:
    headers = driver.sign(b"a=1", timestamp=1700000000)
    expected = SignatureVerifier(SECRET).generate_signature(timestamp="1700000000", body="a=1")
    assert headers == {"X-Slack-Request-Timestamp": "1700000000", "X-Slack-Signature": expected}


def test_url_verification(app: Recorder, driver: SlackDriver) -> None:
    driver.url_verification("challenge-xyz")
    assert json.loads(app.last.body) == {
        "token": driver.verification_token,
        "challenge": "challenge-xyz",
        "type": "url_verification",
    }
    assert verified(app.last)


def test_command_is_form_encoded_with_response_url(app: Recorder) -> None:
    with FakeSlack() as fake:
        driver = SlackDriver(app.url, SECRET, fake=fake)
        driver.command("setup personas", response_key="k1")
        response_url = fake.response_url("k1")
    received = app.last
    assert received.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert verified(received)
    form = {k: v[0] for k, v in parse_qs(received.body.decode()).items()}
    assert form["command"] == "/persona"
    assert form["text"] == "setup personas"
    assert (form["user_id"], form["channel_id"], form["team_id"]) == (
        "UADMIN",
        "CGENERAL",
        "T0TEST",
    )
    assert form["response_url"] == response_url
    assert form["trigger_id"]


def test_interaction_payload(app: Recorder, driver: SlackDriver) -> None:
    payload = {"type": "block_actions", "actions": [{"action_id": "answer"}]}
    driver.interaction(payload)
    assert verified(app.last)
    assert json.loads(parse_qs(app.last.body.decode())["payload"][0]) == payload


def test_non_2xx_is_returned_not_raised(app: Recorder, driver: SlackDriver) -> None:
    app.status, app.reply = 401, b'{"error": "invalid signature"}'
    sent = driver.raw(b"{}", {"Content-Type": "application/json"})
    assert sent.status == 401
    assert sent.json() == {"error": "invalid signature"}
    assert "X-Slack-Signature" not in app.last.headers


def test_message_changed_and_deleted_shapes(driver: SlackDriver) -> None:
    changed = driver.message_changed_event(
        channel="CGENERAL", ts="1.000001", new_text="new", old_text="old", user="UALICE"
    )
    assert (changed["type"], changed["subtype"], changed["hidden"]) == (
        "message",
        "message_changed",
        True,
    )
    assert changed["ts"] != "1.000001"
    assert changed["message"]["ts"] == "1.000001"
    assert changed["message"]["text"] == "new"
    assert changed["message"]["edited"] == {"user": "UALICE", "ts": changed["ts"]}
    assert changed["previous_message"]["text"] == "old"

    deleted = driver.message_deleted_event(
        channel="CGENERAL", ts="1.000001", old_text="old", user="UALICE", thread_ts="0.000001"
    )
    assert (deleted["subtype"], deleted["hidden"], deleted["deleted_ts"]) == (
        "message_deleted",
        True,
        "1.000001",
    )
    assert deleted["previous_message"]["thread_ts"] == "0.000001"
    assert "message" not in deleted


def test_user_says_stores_and_delivers(app: Recorder) -> None:
    with FakeSlack() as fake:
        fake.add_channel("CGENERAL", "general", is_member=True)
        driver = SlackDriver(app.url, SECRET, fake=fake)
        parent, _ = driver.user_says("CGENERAL", "UALICE", "question?")
        reply, _ = driver.user_says("CGENERAL", "UBOB", "answer", thread_ts=parent["ts"])
        edited, _ = driver.user_edits("CGENERAL", reply["ts"], "better answer")
        driver.user_deletes("CGENERAL", parent["ts"])
        assert fake.messages("CGENERAL") == []
    events = [json.loads(r.body)["event"] for r in app.requests]
    assert [e.get("subtype") for e in events] == [None, None, "message_changed", "message_deleted"]
    assert events[0]["ts"] == parent["ts"]
    assert events[1]["thread_ts"] == parent["ts"]
    assert events[1]["parent_user_id"] == "UALICE"
    assert events[2]["message"]["edited"] == edited["edited"]
    assert events[3]["deleted_ts"] == parent["ts"]


def test_driver_rejects_non_http_urls() -> None:
    with pytest.raises(ValueError, match="http"):
        SlackDriver("file:///etc/passwd", SECRET)
