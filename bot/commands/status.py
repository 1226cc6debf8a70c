"""``/persona status``: open prompts with answer counts."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.commands.caller import Caller
from bot.commands.grammar import Status
from bot.i18n import nt, t
from bot.slack.text import escape
from storage import queries

_PREVIEW = 80


def show_status(command: Status, *, session: Session, caller: Caller) -> str:
    """``/persona status`` for the caller, in their language."""
    return render(session=session, team_id=caller.team_id, locale=caller.locale)


def render(*, session: Session, team_id: str, limit: int = 20, locale: str = "en") -> str:
    """The open prompts and the rounds that did not go out, in the reader's ``locale``."""
    return "\n".join(
        [*_prompts(session, team_id, limit, locale), *_troubled(session, team_id, locale)]
    )


def _troubled(session: Session, team_id: str, locale: str) -> list[str]:
    rounds = queries.troubled_rounds(session, team_id=team_id)
    if not rounds:
        return []
    lines = [t(locale, "*Rounds that did not go out*")]
    for r in rounds:
        when = (
            t(locale, "retrying after {time} UTC", time=f"{r.next_attempt_at:%H:%M}")
            if r.status == "retry"
            else t(locale, "failed")
        )
        lines.append(
            t(
                locale,
                "• {group} in {channel}, due {due} UTC: {state} ({reason}; {attempts})",
                group=r.schedule.group,
                channel=f"<#{r.channel.slack_id}>",
                due=f"{r.due_at:%Y-%m-%d %H:%M}",
                state=when,
                reason=r.reason,
                attempts=nt(locale, "{n} attempt", "{n} attempts", r.attempts),
            )
        )
    return lines


def _prompts(session: Session, team_id: str, limit: int, locale: str) -> list[str]:
    prompts, total = queries.open_prompts(session, team_id=team_id, limit=limit)
    if not prompts:
        return [t(locale, "No open prompts. Ask one with `/persona ask #channel <question>`.")]
    lines = [t(locale, "*Open prompts ({total})*", total=total)]
    for p in prompts:
        text = p.text if len(p.text) <= _PREVIEW else p.text[: _PREVIEW - 1] + "…"
        quoted = escape(text)
        if p.permalink:
            quoted = f"<{p.permalink}|{quoted}>"
        lines.append(
            nt(
                locale,
                "• {channel} {prompt}: *{n}* answer (asked {asked} UTC)",
                "• {channel} {prompt}: *{n}* answers (asked {asked} UTC)",
                p.answers,
                channel=f"<#{p.channel_slack_id}>",
                prompt=quoted,
                asked=f"{p.posted_at:%Y-%m-%d %H:%M}",
            )
        )
    if total > len(prompts):
        lines.append(t(locale, "…and {n} more.", n=total - len(prompts)))
    return lines
