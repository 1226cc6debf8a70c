"""A second, lived-in workspace built straight through the domain functions (no Slack), so
that tests can show what happens to one workspace leaves the other alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from bot.capture.replies import record_message
from bot.commands.channel import assign_group
from bot.personas import roster
from bot.rounds import schedules
from questions import Bank
from storage import DigestRun, DigestSchedule, Prompt, Round, Sweep, queries

PROMPT_TS = "1764000000.000100"


def other_workspace(session: Session, team_id: str, *, bank: Bank) -> None:
    """Channel, persona, prompt, two answers (one edited) with evidence, a schedule with a
    round, a digest schedule, a posted digest and a sweep, all of ``team_id``."""
    now = datetime.now(UTC)
    channel = assign_group(
        session=session,
        team_id=team_id,
        slack_id="COTHER",
        name="customers",
        group="customers",
        locale=None,
        now=now,
    )
    persona = roster.create(session=session, team_id=team_id, name="Other Olga")
    workspace = queries.workspace(session, team_id=team_id)
    session.add(
        Prompt(
            workspace_id=workspace.id,
            channel_id=channel.id,
            ts=PROMPT_TS,
            text="What slows you down?",
            asked_by="UOTHER",
            persona_id=persona.id,
        )
    )
    session.flush()
    for n, (user, text) in enumerate(
        [("UOTHER", "Invoices take days to approve"), ("UCUST", "Approving invoices is slow")]
    ):
        event = {
            "type": "message",
            "channel": "COTHER",
            "user": user,
            "text": text,
            "ts": f"1764000001.00010{n}",
            "thread_ts": PROMPT_TS,
        }
        record_message(
            session=session,
            team_id=team_id,
            event_id=f"EvOTHER{n}",
            event=event,
            bot_user_id="UBOTOTHER",
            bank=bank,
        )
    edited = {"ts": "1764000001.000100", "thread_ts": PROMPT_TS, "user": "UCUST"}
    record_message(
        session=session,
        team_id=team_id,
        event_id="EvOTHER9",
        event={
            "type": "message",
            "subtype": "message_changed",
            "channel": "COTHER",
            "message": {**edited, "text": "Approving invoices is slow, always"},
        },
        bot_user_id="UBOTOTHER",
        bank=bank,
    )
    schedule = schedules.save(
        session=session,
        team_id=team_id,
        spec=schedules.parse_spec("customers", "daily 10:00"),
        created_by="UOTHER",
        now=now,
        default_timezone="UTC",
        default_holidays=None,
    )
    session.add(Round(schedule_id=schedule.id, channel_id=channel.id, due_at=now, status="posted"))
    session.add(
        DigestSchedule(
            workspace_id=workspace.id,
            channel="CODIGEST",
            cadence="mon 09:00",
            timezone="UTC",
            created_by="UOTHER",
        )
    )
    session.add(
        DigestRun(
            workspace_id=workspace.id,
            due_at=now - timedelta(days=7),
            status="posted",
            snapshot={"themes": {}, "jobs": {}, "fields": {}},
        )
    )
    session.add(
        Sweep(workspace_id=workspace.id, kind="retention", day=f"{now:%Y-%m-%d}", status="done")
    )
    session.flush()
