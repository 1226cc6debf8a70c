"""The admin setup modal: channels and schedules per group, the digest, language, holidays.

``apply`` checks every value first and returns field errors (nothing saved) or saves them
all; changes take effect at the next clock tick, without a restart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import schedules
from bot.cadence import parse_cadence
from bot.calendar import CadenceError, Calendar, split_timezone
from bot.errors import UserError
from questions import GROUPS, LOCALES
from storage import Channel, DigestSchedule, Schedule, queries
from storage.models import Workspace


@dataclass(frozen=True)
class SetupForm:
    channels: Mapping[str, Sequence[str]]  # group -> channel ids
    cadences: Mapping[str, str]  # group -> cadence text ("" = not asked)
    digest_channel: str | None
    digest_cadence: str
    locale: str
    holidays: str
    errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Current:
    channels: dict[str, list[str]]
    cadences: dict[str, str]
    digest_channel: str | None
    digest_cadence: str | None
    locale: str
    holidays: str | None


def current(
    *, session: Session, team_id: str, default_locale: str, default_holidays: str | None
) -> Current:
    workspace = queries.workspace(session, team_id=team_id)
    channels: dict[str, list[str]] = {}
    for slack_id, group in session.execute(
        select(Channel.slack_id, Channel.group).where(
            Channel.workspace_id == workspace.id, Channel.group.is_not(None)
        )
    ):
        channels.setdefault(str(group), []).append(slack_id)
    cadences = {
        s.group: schedules.spec_text(s)
        for s in session.scalars(select(Schedule).where(Schedule.workspace_id == workspace.id))
    }
    digest = session.scalar(
        select(DigestSchedule).where(DigestSchedule.workspace_id == workspace.id)
    )
    return Current(
        channels=channels,
        cadences=cadences,
        digest_channel=digest.channel if digest else None,
        digest_cadence=f"{digest.cadence} {digest.timezone}" if digest else None,
        locale=workspace.locale or default_locale,
        holidays=workspace.holiday_country or default_holidays,
    )


def check(form: SetupForm, *, default_timezone: str, now: datetime) -> dict[str, str]:
    """Field errors by block id; empty when everything can be saved."""
    errors: dict[str, str] = {}
    for group, text in form.cadences.items():
        if text.strip():
            try:
                spec = schedules.parse_spec(group, text)
                parse_cadence(
                    spec.cadence, timezone=spec.timezone or default_timezone, anchor=now.date()
                )
            except (UserError, CadenceError) as error:
                errors[f"cadence_{group}"] = str(error)[:300]
    if bool(form.digest_channel) != bool(form.digest_cadence.strip()):
        missing = "digest_cadence" if form.digest_channel else "digest_channel"
        errors[missing] = "Set both the digest channel and when it is posted, or neither."
    elif form.digest_cadence.strip():
        try:
            cadence, zone = split_timezone(form.digest_cadence)
            parse_cadence(cadence, timezone=zone or default_timezone, anchor=now.date())
        except CadenceError as error:
            errors["digest_cadence"] = str(error)[:300]
    if form.locale not in LOCALES:
        errors["locale"] = "Pick English or 한국어."
    if form.holidays.strip() and form.holidays.strip().lower() not in ("none", "off"):
        try:
            Calendar(holiday_country=form.holidays.strip().upper())
        except CadenceError as error:
            errors["holidays"] = str(error)[:300]
    return errors


def apply(
    *,
    session: Session,
    team_id: str,
    form: SetupForm,
    user_id: str,
    now: datetime,
    default_timezone: str,
) -> list[str]:
    """Save a checked form; returns the channel ids newly mapped (to join)."""
    workspace = queries.workspace(session, team_id=team_id)
    holidays = form.holidays.strip().upper() or None
    workspace.locale = form.locale
    workspace.holiday_country = None if holidays in ("NONE", "OFF") else holidays
    added = _map_channels(session, workspace, form.channels, now)
    for group in GROUPS:
        text = form.cadences.get(group, "").strip()
        if not text:
            schedules.remove(session=session, team_id=team_id, group=group)
            continue
        spec = schedules.parse_spec(group, text)
        schedules.save(
            session=session,
            team_id=team_id,
            spec=spec,
            created_by=user_id,
            now=now,
            default_timezone=default_timezone,
            default_holidays=workspace.holiday_country,
        )
    _digest(session, workspace, form, user_id=user_id, now=now, default_timezone=default_timezone)
    return added


def _map_channels(
    session: Session, workspace: Workspace, chosen: Mapping[str, Sequence[str]], now: datetime
) -> list[str]:
    wanted = {channel: group for group, ids in chosen.items() for channel in ids}
    added = []
    for row in session.scalars(
        select(Channel).where(Channel.workspace_id == workspace.id, Channel.group.is_not(None))
    ):
        if row.slack_id not in wanted:
            row.group, row.mapped_at = None, now
    for slack_id, group in wanted.items():
        row = queries.channel(session, workspace=workspace, slack_id=slack_id)
        if row.group != group:
            row.group, row.mapped_at = group, now
            added.append(slack_id)
    return added


def _digest(
    session: Session,
    workspace: Workspace,
    form: SetupForm,
    *,
    user_id: str,
    now: datetime,
    default_timezone: str,
) -> None:
    digest = session.scalar(
        select(DigestSchedule).where(DigestSchedule.workspace_id == workspace.id)
    )
    if not form.digest_channel:
        if digest is not None:
            session.delete(digest)
        return
    text, zone = split_timezone(form.digest_cadence)
    cadence = parse_cadence(text, timezone=zone or default_timezone, anchor=now.date())
    if digest is None:
        digest = DigestSchedule(workspace_id=workspace.id)
        session.add(digest)
    digest.channel, digest.cadence, digest.timezone = (
        form.digest_channel,
        cadence.text,
        cadence.timezone,
    )
    digest.created_by, digest.effective_from = user_id, now
