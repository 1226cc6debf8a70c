"""``/persona channel``: map a channel to a stakeholder group (and language), and join it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from bot.commands.caller import Caller
from bot.commands.grammar import MapChannel, UsageError
from bot.i18n import Text, t
from bot.slack import calls
from storage import Channel, queries


def map_channel(command: MapChannel, *, session: Session, caller: Caller) -> str:
    """Write the channel's group and language; when it gets a group, join it (a private
    channel needs an invitation, and the reply says so)."""
    if command.channel.id is None:
        raise UsageError(
            Text("Pick the channel from Slack's autocomplete so I get its id."), "channel"
        )
    assign_group(
        session=session,
        team_id=caller.team_id,
        slack_id=command.channel.id,
        name=command.channel.name,
        group=command.group,
        locale=command.locale,
        now=datetime.now(UTC),
    )
    label, locale = command.channel.label, caller.locale
    if command.group is None:
        return t(locale, "{channel} is no longer mapped to a group.", channel=label)
    joined = calls.join(caller.client, channel_id=command.channel.id)
    note = (
        ""
        if joined
        else t(
            locale,
            " I'm not a member yet: type `/invite @personabot` in {channel} "
            "so that scheduled questions can be posted there.",
            channel=label,
        )
    )
    return t(
        locale,
        "{channel} is now the *{group}* group's channel.{note}",
        channel=label,
        group=command.group,
        note=note,
    )


def assign_group(
    *,
    session: Session,
    team_id: str,
    slack_id: str,
    name: str | None,
    group: str | None,
    locale: str | None,
    now: datetime,
) -> Channel:
    """Map the channel to ``group`` (``None``: unmap) and set its language; ``mapped_at``
    moves only when the group changes. The caller commits."""
    workspace = queries.workspace(session, team_id=team_id)
    row = queries.channel(session, workspace=workspace, slack_id=slack_id, name=name)
    if row.group != group:
        row.group, row.mapped_at = group, now
    row.locale = locale
    return row
