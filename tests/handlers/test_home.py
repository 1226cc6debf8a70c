"""The App Home tab and the admin setup modal, over signed HTTP."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from bot import views
from storage import Channel, Database, DigestSchedule, Schedule, Workspace
from tests.conftest import TEAM, say, wait_for
from tests.handlers.test_digest import gather
from tests.handlers.test_interactions import chosen, submit, typed
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack


def home_of(fake: FakeSlack, user: str) -> dict[str, Any]:
    """The Home view last published for ``user``."""

    def published() -> list[dict[str, Any]]:
        return [
            v["view"]
            for v in fake.views
            if v["method"] == "views.publish" and v.get("user_id") == user
        ]

    return wait_for(published)[-1]


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

    click(slack, views.HOME_SETUP, "UADMIN")
    modal = wait_for(
        lambda: [v["view"] for v in fake.views if v["view"].get("callback_id") == views.SETUP_MODAL]
    )[-1]
    values: dict[str, dict[str, Any]] = {
        "channels_sales": {
            "channels": {
                "type": "multi_conversations_select",
                "selected_conversations": ["CSALES", "CMKT"],
            }
        },
        "cadence_sales": typed("tue,thu 10:00 Asia/Seoul questions=1 cap=2"),
        "cadence_leadership": typed("sometimes"),
        "digest_channel": {
            "channel": {"type": "conversations_select", "selected_conversation": "CDIGEST"}
        },
        "digest_cadence": typed(""),
        "locale": chosen("locale", "ko"),
        "holidays": typed("XX"),
    }
    refused = submit(slack, modal, values, user="UADMIN")
    assert refused["response_action"] == "errors"
    assert set(refused["errors"]) == {"cadence_leadership", "digest_cadence", "holidays"}
    with db.session() as session:
        assert session.scalars(select(Schedule)).all() == []

    values |= {
        "cadence_leadership": typed(""),
        "digest_cadence": typed("mon 09:00"),
        "holidays": typed("KR"),
    }
    assert submit(slack, modal, values, user="UADMIN") is None
    republished = str(home_of(fake, "UADMIN")["blocks"])  # in the language just chosen
    assert re.search("[가-힣]", republished)
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
