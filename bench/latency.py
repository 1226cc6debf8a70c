"""How fast Slack gets its acknowledgement, with many answers stored.

The app runs in its own process (``personabot serve``, the same WSGI app as production)
against the fake Slack; signed slash commands and events are sent one after another from
this process, and the time until each HTTP answer (the ack) is measured: slash commands,
message events and interactions (an "Answer privately" press, which opens a modal, and the
modal's submission, which stores the answer before it acks). Half the commands come from a
user whose Slack language is Korean, so replies go through the catalog in both. The heavy work
(digest, search, export) runs after the ack on the app's worker thread, so it competes
with the acks for the interpreter: the mix includes it on purpose. Goal: p99 <= 50 ms
with 100,000 stored answers.

    python -m bench.latency                      # 100,000 answers (storing takes ~2 min)
    python -m bench.latency --answers 10000 --requests 300
"""

from __future__ import annotations

import argparse
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

from bench.digest import TEAM, populate
from bot.slack import blocks as views
from handlers.web import EVENTS_PATH
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

SECRET = "bench-secret"  # noqa: S105 - signs requests to a local test server
MIX = [
    "status",
    "help",
    "search onboarding",
    "show Persona 3",
    "list",
    "schedule",
    "jobs",
    "frobnicate",
]


def run(*, answers: int, requests: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, FakeSlack(team_id=TEAM) as fake:
        url = f"sqlite:///{Path(tmp) / 'latency.sqlite3'}"
        started = time.perf_counter()
        populate(url, answers)
        print(f"stored and indexed {answers} answers in {time.perf_counter() - started:.0f} s")
        fake.add_channel("CBENCH", "bench", is_member=True)
        fake.add_user("UADMIN", "admin", is_admin=True)
        fake.add_user("UKO", "minji", locale="ko-KR")
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PERSONABOT_"))}
        env |= {
            "SLACK_BOT_TOKEN": fake.bot_token,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": fake.api_url,
            "DATABASE_URL": url,
            "PERSONABOT_LOG_LEVEL": "WARNING",
        }
        app = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "handlers.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            env=env,
            cwd=tmp,
        )
        try:
            _wait_until_up(port)
            slack = SlackDriver(
                f"http://127.0.0.1:{port}{EVENTS_PATH}", SECRET, team_id=TEAM, fake=fake
            )
            commands, events, interactions = _load(slack, fake, requests)
        finally:
            app.terminate()  # queued replies are dropped, so this is prompt
            app.wait(timeout=30)
    series = (("slash commands", commands), ("events", events), ("interactions", interactions))
    for name, samples in series:
        ms = sorted(s * 1000 for s in samples)
        p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
        print(
            f"{name}: {len(ms)} acks, median {statistics.median(ms):.1f} ms, "
            f"p99 {p99:.1f} ms, max {ms[-1]:.1f} ms (goal: p99 <= 50 ms); "
            f"slowest five: {', '.join(f'{m:.0f}' for m in ms[-5:])} ms"
        )


def _load(
    slack: SlackDriver, fake: FakeSlack, requests: int
) -> tuple[list[float], list[float], list[float]]:
    first = slack.command("help", user_id="UADMIN").elapsed
    print(f"first request after start (not counted): {first * 1000:.0f} ms")
    prompt_ts = _ask(slack, fake)
    commands: list[float] = []
    events: list[float] = []
    interactions: list[float] = []
    for i, text in zip(range(requests), itertools.cycle(MIX), strict=False):
        user = "UKO" if i % 2 else "UADMIN"
        commands.append(slack.command(text, user_id=user).elapsed)
        interactions.append(_press(slack, prompt_ts, user))
        if i % 2:
            interactions.append(_submit(slack, fake, i, user))
        event = slack.message_event(
            channel="CBENCH",
            user="UADMIN",
            text=f"hello {i}",
            ts=f"1800000000.{i:06d}",
            thread_ts="1700000000.000001",
        )
        events.append(slack.event(event).elapsed)
        time.sleep(0.02)  # about 25 requests a second
    return commands, events, interactions


def _ask(slack: SlackDriver, fake: FakeSlack) -> str:
    slack.command("ask <#CBENCH|bench> What slows your team down?", user_id="UADMIN")
    deadline = time.monotonic() + 30
    while not fake.messages("CBENCH"):
        if time.monotonic() > deadline:
            raise SystemExit("the benchmark's question was not posted")
        time.sleep(0.05)
    return str(fake.messages("CBENCH")[-1]["ts"])


def _press(slack: SlackDriver, prompt_ts: str, user: str) -> float:
    """An "Answer privately" press: the ack, then the modal opens (not timed)."""
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": user},
        "trigger_id": slack.new_trigger_id(),
        "response_url": slack.fake.response_url() if slack.fake else "",
        "container": {"type": "message", "channel_id": "CBENCH", "message_ts": prompt_ts},
        "channel": {"id": "CBENCH"},
        "actions": [
            {
                "action_id": views.ANSWER_PRIVATE,
                "block_id": views.PROMPT_ACTIONS,
                "value": "prompt",
                "type": "button",
            }
        ],
    }
    return slack.interaction(payload).elapsed


def _submit(slack: SlackDriver, fake: FakeSlack, i: int, user: str) -> float:
    """The private answer modal submitted: stored before the ack."""
    deadline = time.monotonic() + 30
    while not (
        opened := [v["view"] for v in fake.views if v["view"]["callback_id"] == views.ANSWER_MODAL]
    ):
        if time.monotonic() > deadline:
            raise SystemExit("the answer modal never opened")
        time.sleep(0.05)
    view = {**opened[-1], "id": f"VBENCH{i:06d}"}
    values = {views.ANSWER_BLOCK: {"text": {"type": "plain_text_input", "value": f"answer {i}"}}}
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM},
        "user": {"id": user},
        "view": {**view, "state": {"values": values}},
    }
    return slack.interaction(payload).elapsed


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the app did not come up in 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    run(answers=args.answers, requests=args.requests)


if __name__ == "__main__":
    main()
