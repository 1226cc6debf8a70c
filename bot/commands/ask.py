"""``/persona ask``: post a question in a channel now, for a persona when one is named."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.commands.caller import Caller
from bot.commands.grammar import Ask
from bot.i18n import t
from bot.personas import roster as personas
from bot.rounds import asking


def ask_in_channel(command: Ask, *, session: Session, caller: Caller) -> str:
    """Post the question (in the workspace's language) and keep the prompt; the reply says
    where it went, in the caller's language."""
    persona = (
        personas.find(session=session, team_id=caller.team_id, name=command.persona).id
        if command.persona
        else None
    )
    prompt = asking.ask(
        session=session,
        client=caller.client,
        team_id=caller.team_id,
        channel=command.channel,
        text=command.text,
        asked_by=caller.user_id,
        persona_id=persona,
        locale=caller.settings.locale,
    )
    return t(
        caller.locale,
        "Asked in {channel}: <{link}|see the prompt>. Replies in its thread will be kept.",
        channel=f"<#{prompt.channel.slack_id}>",
        link=prompt.permalink,
    )
