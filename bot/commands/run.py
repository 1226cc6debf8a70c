"""Running a parsed ``/persona`` command: the admin check, one transaction, its handler."""

from __future__ import annotations

from typing import Any, Protocol

from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.commands import ask, browse, channel, digest, personal, personas, schedule, status
from bot.commands.caller import Caller, Reply
from bot.commands.grammar import (
    Ask,
    Command,
    Help,
    ListSchedules,
    MapChannel,
    RemoveSchedule,
    SetSchedule,
    Status,
)
from bot.commands.help import help_text
from bot.settings import Settings
from bot.slack.permissions import require_admin
from storage import Database


class Handler(Protocol):
    """Carries out one kind of command in the caller's transaction; returns the reply."""

    def __call__(self, command: Any, /, *, session: Session, caller: Caller) -> str | Reply: ...


def show_help(command: Help, *, session: Session, caller: Caller) -> str:
    """``/persona help`` (usually answered in the ack, before any transaction)."""
    return help_text(caller.locale)


# Which handler carries out each kind of command (``PostDigestNow`` runs outside: see execute).
HANDLERS: dict[type[Any], Handler] = {
    Help: show_help,
    Status: status.show_status,
    Ask: ask.ask_in_channel,
    MapChannel: channel.map_channel,
    ListSchedules: schedule.list_schedules,
    SetSchedule: schedule.set_schedule,
    RemoveSchedule: schedule.remove_schedule,
    browse.Browse: browse.browse_evidence,
    personas.PersonaCommand: personas.manage_personas,
    digest.DigestCommand: digest.manage_digest,
    personal.MyData: personal.run_personal,
    personal.ForgetMe: personal.run_personal,
    personal.ForgetUser: personal.run_personal,
    personal.DeleteWorkspace: personal.run_personal,
}


def execute(
    command: Command,
    *,
    db: Database,
    client: WebClient,
    settings: Settings,
    team_id: str,
    user_id: str,
    locale: str,
) -> str | Reply:
    """Run a command in its own transaction; return the text for the caller (ephemeral), in
    the caller's ``locale`` (a ``Reply`` when it carries buttons). An admin-only command is
    refused first, before any work; a command that changes nothing reads beside the writers
    instead of locking them out."""
    if command.admin_only:
        require_admin(client=client, settings=settings, user_id=user_id)
    caller = Caller(
        client=client, settings=settings, team_id=team_id, user_id=user_id, locale=locale
    )
    if isinstance(command, digest.PostDigestNow):  # publishing claims the run itself
        return digest.post_digest_now(command, db=db, caller=caller)
    with db.reading() if command.reads_only else db.session() as session:
        return HANDLERS[type(command)](command, session=session, caller=caller)
