"""The App Home tab and the admin setup modal, over signed HTTP."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from bot.i18n import t
from bot.setup.fields import KEEP
from bot.slack import blocks as views
from bot.slack.words import word
from storage import Channel, Database, DigestSchedule, Schedule, Workspace, queries
from tests.conftest import TEAM, say, wait_for
from tests.handlers.test_digest import gather
from tests.handlers.test_interactions import chosen, submit, typed
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack


def home_of(fake: FakeSlack, user: str, after: int = 0) -> dict[str, Any]:
    """The Home view last published for ``user``, waiting for more than ``after`` of them."""

    def published() -> list[dict[str, Any]]:
        found = [
            v["view"]
            for v in fake.views
            if v["method"] == "views.publish" and v.get("user_id") == user
        ]
        return found if len(found) > after else []

    return wait_for(published)[-1]


def homes(fake: FakeSlack, user: str) -> int:
    """How many Home views were published for ``user`` so far."""
    return sum(1 for v in fake.views if v["method"] == "views.publish" and v.get("user_id") == user)


def click(slack: SlackDriver, action: str, user: str, **extra: Any) -> None:
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": user},
        "trigger_id": "trigger-home",
        "container": {"type": "view"},
        "actions": [{"action_id": action, "type": "button", **extra}],
    }
    assert slack.interaction(payload).status == 200


def dms(fake: FakeSlack, user: str) -> list[str]:
    return [m["text"] for m in fake.messages(fake.dm_channel(user))]


HANGUL = re.compile("[가-힣]")
SCHEDULE_COLUMNS = (
    "cadence",
    "timezone",
    "questions_per_round",
    "reminder_minutes",
    "close_minutes",
    "weekly_cap",
    "wanted_answers",
    "weekend",
    "holiday_country",
    "skip_dates",
    "anonymous",
)


def open_setup(slack: SlackDriver, fake: FakeSlack, user: str = "UADMIN") -> dict[str, Any]:
    """Press Setup on the Home tab; the modal Slack opened."""
    before = len(fake.views)
    click(slack, views.HOME_SETUP, user)
    found: list[dict[str, Any]] = wait_for(
        lambda: [
            v["view"]
            for v in fake.views[before:]
            if v["view"].get("callback_id") == views.SETUP_MODAL
        ]
    )
    return found[-1]


def as_sent(modal: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The modal's state as Slack sends it when nothing is changed: every input with its
    initial value."""
    values: dict[str, dict[str, Any]] = {}
    for block in modal["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        kind = element["type"]
        state: dict[str, Any] = {"type": kind}
        if kind == "multi_conversations_select":
            state["selected_conversations"] = element.get("initial_conversations", [])
        elif kind == "conversations_select":
            state["selected_conversation"] = element.get("initial_conversation")
        elif kind == "multi_static_select":
            state["selected_options"] = element.get("initial_options", [])
        elif kind == "static_select":
            state["selected_option"] = element.get("initial_option")
        elif kind == "timepicker":
            state["selected_time"] = element.get("initial_time")
        else:
            state["value"] = element.get("initial_value")
        values[block["block_id"]] = {element["action_id"]: state}
    return values


def schedule_fields(group: str, days: list[str] | None = None, **typed: str) -> dict[str, Any]:
    """State for one group's schedule inputs: ``days``, and time=, timezone=, questions=,
    remind=, close=, cap= as typed."""
    values: dict[str, Any] = {}
    if days is not None:
        options = [{"value": d} for d in days]
        values[f"days_{group}"] = {
            "days": {"type": "multi_static_select", "selected_options": options}
        }
    if "time" in typed:
        values[f"time_{group}"] = {
            "time": {"type": "timepicker", "selected_time": typed.pop("time") or None}
        }
    if "timezone" in typed:
        values[f"timezone_{group}"] = chosen("timezone", typed.pop("timezone"))
    for kind, value in typed.items():
        values[f"{kind}_{group}"] = {"number": {"type": "number_input", "value": value or None}}
    return values


def schedules_now(db: Database) -> dict[str, tuple[object, ...]]:
    with db.session() as session:
        return {
            s.group: tuple(getattr(s, c) for c in SCHEDULE_COLUMNS)
            for s in session.scalars(select(Schedule))
        }


def block(modal: dict[str, Any], block_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(b for b in modal["blocks"] if b.get("block_id") == block_id)
    return found


def test_the_home_tab_shows_personas_prompts_and_assumptions(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db)
    slack.event({"type": "app_home_opened", "user": "UALICE", "channel": "DHOME", "tab": "home"})
    home = home_of(fake, "UALICE")
    text = str(home["blocks"])
    assert home["type"] == "home"
    assert "Ops Olivia" in text
    assert "What slows her team down?" in text
    assert "onboarding" in text.lower()  # flagged: only sales said it
    assert views.HOME_SETUP not in text  # not an admin
    assert len(home["blocks"]) <= 100


def test_preview_and_export_arrive_by_dm(slack: SlackDriver, fake: FakeSlack, db: Database) -> None:
    gather(slack, fake, db)
    click(slack, views.HOME_PREVIEW, "UALICE")
    assert "Ops Olivia" in wait_for(lambda: dms(fake, "UALICE"))[-1]
    click(slack, views.HOME_EXPORT, "UALICE", selected_option={"value": "csv"})
    [upload] = wait_for(lambda: fake.uploaded_files)
    assert (upload["channel"], upload["name"][-4:]) == (fake.dm_channel("UALICE"), ".csv")


def test_setup_is_for_admins_and_checks_every_field(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    fake.add_channel("CDIGEST", "persona-digest", is_member=True)
    click(slack, views.HOME_SETUP, "UALICE")
    assert "Only workspace admins" in wait_for(lambda: dms(fake, "UALICE"))[-1]

    modal = open_setup(slack, fake)
    values = as_sent(modal) | {
        "channels_sales": {
            "channels": {
                "type": "multi_conversations_select",
                "selected_conversations": ["CSALES", "CMKT"],
            }
        },
        **schedule_fields("sales", ["tue", "thu"], time="10:00", timezone="Asia/Seoul"),
        **schedule_fields("leadership", ["mon"], time=""),
        "digest_channel": {
            "channel": {"type": "conversations_select", "selected_conversation": "CDIGEST"}
        },
        "locale": chosen("locale", "ko"),
        "holidays": typed("XX"),
    }
    refused = submit(slack, modal, values, user="UADMIN")
    assert refused["response_action"] == "errors"
    assert set(refused["errors"]) == {"time_leadership", "days_digest", "holidays"}
    assert refused["errors"]["days_digest"] == word("en", "error_digest")
    assert refused["errors"]["time_leadership"] == word("en", "error_time")
    with db.session() as session:
        assert session.scalars(select(Schedule)).all() == []

    values |= {
        **schedule_fields("leadership", []),
        **schedule_fields("digest", ["mon"], time="09:00"),
        "holidays": typed("KR"),
    }
    published = homes(fake, "UADMIN")
    assert submit(slack, modal, values, user="UADMIN") is None
    republished = str(
        home_of(fake, "UADMIN", after=published)["blocks"]
    )  # the admin reads English (en-US)
    assert word("en", "home_title") in republished
    assert not HANGUL.search(republished)
    with db.session() as session:
        schedule = session.scalars(select(Schedule)).one()
        assert (schedule.group, schedule.cadence, schedule.timezone, schedule.weekly_cap) == (
            "sales",
            "tue,thu 10:00",
            "Asia/Seoul",
            2,
        )
        assert schedule.holiday_country == "KR"
        groups = {c.slack_id: c.group for c in session.scalars(select(Channel))}
        assert groups == {"CSALES": "sales", "CMKT": "sales"}
        digest = session.scalars(select(DigestSchedule)).one()
        assert (digest.channel, digest.cadence) == ("CDIGEST", "mon 09:00")
        workspace = session.scalars(select(Workspace)).one()
        assert (workspace.locale, workspace.holiday_country) == ("ko", "KR")
    assert "CMKT" in [c.params["channel"] for c in fake.calls_to("conversations.join")]
    assert "Only workspace admins" not in say(slack, fake, "schedule")


def test_setup_stores_what_persona_schedule_stores(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    modal = open_setup(slack, fake)
    days = block(modal, "days_sales")["element"]
    assert [o["value"] for o in days["options"]] == [
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    ]
    values = as_sent(modal) | schedule_fields(
        "sales",
        ["thu", "tue"],
        time="10:30",
        timezone="America/New_York",
        questions="2",
        remind="4",
        close="48",
        cap="3",
    )
    assert submit(slack, modal, values) is None
    say(
        slack,
        fake,
        "schedule marketing tue,thu 10:30 America/New_York questions=2 remind=4h close=2d cap=3",
    )
    stored = schedules_now(db)
    assert stored["sales"] == stored["marketing"]
    assert stored["sales"][:6] == ("tue,thu 10:30", "America/New_York", 2, 240, 48 * 60, 3)

    listed = say(slack, fake, "schedule", user="UALICE")
    assert "*sales*" in listed
    assert "10:30" in listed

    again = open_setup(slack, fake)  # the saved schedule comes back in the fields
    assert [o["value"] for o in block(again, "days_sales")["element"]["initial_options"]] == [
        "tue",
        "thu",
    ]
    assert block(again, "time_sales")["element"]["initial_time"] == "10:30"
    assert block(again, "timezone_sales")["element"]["initial_option"]["value"] == (
        "America/New_York"
    )
    shown = {
        k: block(again, f"{k}_sales")["element"]["initial_value"]
        for k in ("questions", "remind", "close", "cap")
    }
    assert shown == {"questions": "2", "remind": "4", "close": "48", "cap": "3"}

    # saved again unchanged, nothing moves; no days chosen removes the schedule
    assert submit(slack, again, as_sent(again)) is None
    assert schedules_now(db) == stored
    assert submit(slack, again, as_sent(again) | schedule_fields("sales", [])) is None
    assert set(schedules_now(db)) == {"marketing"}


def test_setup_keeps_the_options_and_cadences_it_does_not_show(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    say(
        slack,
        fake,
        "schedule sales tue 10:00 anonymous=yes weekend=fri-sat skip=2026-12-24 wanted=5",
    )
    say(slack, fake, "schedule leadership monthly 1st mon 09:30 Asia/Seoul holidays=KR")
    modal = open_setup(slack, fake)
    kept = block(modal, "days_leadership")["element"]
    assert [o["value"] for o in kept["initial_options"]] == [KEEP]
    assert "monthly 1st mon 09:30" in kept["initial_options"][0]["text"]["text"]

    values = as_sent(modal) | schedule_fields("sales", ["wed"], time="11:00", cap="4")
    values |= schedule_fields("leadership", None, questions="2")
    assert submit(slack, modal, values) is None
    with db.session() as session:
        found = {s.group: s for s in session.scalars(select(Schedule))}
        sales, leadership = found["sales"], found["leadership"]
        assert (sales.cadence, sales.weekly_cap, sales.anonymous) == ("wed 11:00", 4, True)
        assert (sales.weekend, sales.skip_dates, sales.wanted_answers) == (
            [4, 5],
            ["2026-12-24"],
            5,
        )
        assert (leadership.cadence, leadership.questions_per_round) == ("monthly 1st mon 09:30", 2)
        assert leadership.holiday_country == "KR"

    both = as_sent(modal) | schedule_fields("leadership", [KEEP, "mon"], time="09:00")
    refused = submit(slack, modal, both)
    assert refused["errors"] == {"days_leadership": word("en", "error_keep")}


def test_setup_shows_the_digest_schedule_as_fields_and_keeps_what_they_cannot_show(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    fake.add_channel("CDIGEST", "persona-digest", is_member=True)
    say(slack, fake, "digest schedule <#CDIGEST|persona-digest> monthly 1st mon 09:00 Asia/Seoul")
    modal = open_setup(slack, fake)
    kept = block(modal, "days_digest")["element"]
    assert [o["value"] for o in kept["initial_options"]] == [KEEP]
    assert submit(slack, modal, as_sent(modal)) is None  # saved unchanged: kept as it was
    with db.session() as session:
        digest = session.scalars(select(DigestSchedule)).one()
        assert (digest.cadence, digest.timezone) == ("monthly 1st mon 09:00", "Asia/Seoul")

    values = as_sent(modal) | schedule_fields("digest", ["fri"], time="16:30", timezone="UTC")
    assert submit(slack, modal, values) is None

    def stored() -> tuple[str, str, str]:
        with db.session() as session:
            digest = session.scalars(select(DigestSchedule)).one()
            return digest.channel, digest.cadence, digest.timezone

    from_setup = stored()
    say(slack, fake, "digest schedule <#CDIGEST|persona-digest> fri 16:30 UTC")
    assert from_setup == stored() == ("CDIGEST", "fri 16:30", "UTC")  # as the command stores
    reopened = open_setup(slack, fake)
    days = block(reopened, "days_digest")["element"]["initial_options"]
    assert [o["value"] for o in days] == ["fri"]
    assert block(reopened, "time_digest")["element"]["initial_time"] == "16:30"

    no_days = as_sent(reopened) | schedule_fields("digest", [])
    refused = submit(slack, reopened, no_days)
    assert refused["errors"] == {"days_digest": word("en", "error_digest")}
    with db.session() as session:
        assert session.scalars(select(DigestSchedule)).one().cadence == "fri 16:30"


def test_invalid_fields_are_errors_and_nothing_changes(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    say(slack, fake, "schedule sales tue 10:00 Asia/Seoul")
    before = schedules_now(db)
    modal = open_setup(slack, fake)
    values = as_sent(modal) | schedule_fields(
        "sales",
        ["mon"],
        time="25:99",
        timezone="Mars/Olympus",
        questions="9",
        remind="-1",
        close="2",
        cap="0",
    )
    values |= schedule_fields("marketing", ["fri"], time="09:00", questions="3", cap="2")
    values |= schedule_fields("customers", ["fri"], time="09:00", remind="48", close="24")
    refused = submit(slack, modal, values)
    assert refused["response_action"] == "errors"
    assert refused["errors"] == {
        "time_sales": word("en", "error_time"),
        "timezone_sales": word("en", "error_timezone"),
        "questions_sales": word("en", "error_whole", low=1, high=5),
        "remind_sales": word("en", "error_hours", most=720),
        "cap_sales": word("en", "error_whole", low=1, high=20),
        "cap_marketing": word("en", "error_cap", questions=3),
        "close_customers": word("en", "error_close", hours="48"),
    }
    assert schedules_now(db) == before


def test_home_and_setup_in_korean_for_a_korean_user(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    fake.add_user("UKO", "minji", is_admin=True, locale="ko-KR")
    slack.event({"type": "app_home_opened", "user": "UKO", "channel": "DKO", "tab": "home"})
    home = str(home_of(fake, "UKO")["blocks"])
    assert word("ko", "home_title") in home
    assert word("ko", "setup") in home
    assert word("en", "home_title") not in home

    modal = open_setup(slack, fake, "UKO")
    assert modal["title"]["text"] == word("ko", "setup_title")
    assert block(modal, "questions_sales")["label"]["text"] == word("ko", "questions_label")
    assert word("ko", "day_mon") in str(block(modal, "days_sales")["element"]["options"])
    refused = submit(
        slack, modal, as_sent(modal) | schedule_fields("sales", ["mon"], time=""), user="UKO"
    )
    assert refused["errors"] == {"time_sales": word("ko", "error_time")}
    assert HANGUL.search(word("ko", "error_time"))

    click(slack, views.HOME_PREVIEW, "UKO")
    assert HANGUL.search(wait_for(lambda: dms(fake, "UKO"))[-1])
    sent = len(dms(fake, "UKO"))
    click(slack, views.HOME_EXPORT, "UKO", selected_option={"value": "csv"})
    [upload] = wait_for(lambda: fake.uploaded_files)
    said = t("ko", "Sent {name} to your direct messages with me.", name=upload["name"])
    wait_for(lambda: said in dms(fake, "UKO")[sent:])  # the file is shared there too

    fake.add_user("UKOUSER", "jisoo", locale="ko-KR")
    click(slack, views.HOME_SETUP, "UKOUSER")
    said = wait_for(lambda: dms(fake, "UKOUSER"))[-1]
    assert said == t("ko", "Only workspace admins and owners can change the setup.")
    assert HANGUL.search(said)


def test_home_and_setup_in_english_for_an_english_user(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    with db.session() as session:  # the workspace reads Korean, the user English
        queries.workspace(session, team_id="T0TEST").locale = "ko"
    fake.add_user("UEN", "sam", is_admin=True, locale="en-US")
    slack.event({"type": "app_home_opened", "user": "UEN", "channel": "DEN", "tab": "home"})
    home = str(home_of(fake, "UEN")["blocks"])
    assert word("en", "home_title") in home
    assert not HANGUL.search(home)
    modal = open_setup(slack, fake, "UEN")
    assert modal["title"]["text"] == word("en", "setup_title")
    text = str(modal["blocks"]).replace("한국어", "")  # the language picker names itself
    assert not HANGUL.search(text)
    click(slack, views.HOME_PREVIEW, "UEN")
    assert not HANGUL.search(wait_for(lambda: dms(fake, "UEN"))[-1])
    sent = len(dms(fake, "UEN"))
    click(slack, views.HOME_EXPORT, "UEN", selected_option={"value": "md"})
    [exported] = wait_for(
        lambda: [m for m in dms(fake, "UEN")[sent:] if m.startswith("Sent ")]
    )  # the file is shared in the DM too, in its own message
    assert not HANGUL.search(exported)


def test_an_unsupported_slack_language_gets_the_workspace_default(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    fake.add_user("UFR", "claire", is_admin=True, locale="fr-FR")
    slack.event({"type": "app_home_opened", "user": "UFR", "channel": "DFR", "tab": "home"})
    assert word("en", "home_title") in str(home_of(fake, "UFR")["blocks"])  # default: English

    modal = open_setup(slack, fake, "UFR")  # the admin makes the workspace Korean
    assert modal["title"]["text"] == word("en", "setup_title")
    published = homes(fake, "UFR")
    assert (
        submit(slack, modal, as_sent(modal) | {"locale": chosen("locale", "ko")}, user="UFR")
        is None
    )
    republished = str(home_of(fake, "UFR", after=published)["blocks"])
    assert word("ko", "home_title") in republished
    modal = open_setup(slack, fake, "UFR")
    assert modal["title"]["text"] == word("ko", "setup_title")
