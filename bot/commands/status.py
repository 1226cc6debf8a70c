"""``/persona status``: open prompts with answer counts."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.commands.caller import Caller
from bot.commands.grammar import Status
from bot.i18n import nt, t
from bot.slack.dates import slack_date
from bot.slack.text import escape
from storage import queries

_PREVIEW = 80


def show_status(command: Status, *, session: Session, caller: Caller) -> str:
    """``/persona status`` for the caller, in their language."""
    return render(
        session=session,
        team_id=caller.team_id,
        locale=caller.locale,
        zone=caller.settings.timezone,
    )


def render(
    *, session: Session, team_id: str, limit: int = 20, locale: str = "en", zone: str = "UTC"
) -> str:
    """The open prompts and the rounds that did not go out, in the reader's ``locale``; times
    in each reader's own zone (Slack's date formatting; ``zone`` where Slack cannot)."""
    return "\n".join(
        [
            *_prompts(session, team_id, limit, locale, zone),
            *_troubled(session, team_id, locale, zone),
        ]
    )


def _troubled(session: Session, team_id: str, locale: str, zone: str) -> list[str]:
    rounds = queries.troubled_rounds(session, team_id=team_id)
    if not rounds:
        return []
    lines = [t(locale, "*Rounds that did not go out*")]
    for r in rounds:
        when = (
            t(locale, "retrying after {time}", time=slack_date(r.next_attempt_at, zone=zone))
            if r.status == "retry" and r.next_attempt_at is not None
            else t(locale, "failed")
        )
        lines.append(
            t(
                locale,
                "• {group} in {channel}, due {due}: {state} ({reason}; {attempts})",
                group=r.schedule.group,
                channel=f"<#{r.channel.slack_id}>",
                due=slack_date(r.due_at, zone=zone),
                state=when,
                reason=r.reason,
                attempts=nt(locale, "{n} attempt", "{n} attempts", r.attempts),
            )
        )
    return lines


def _prompts(session: Session, team_id: str, limit: int, locale: str, zone: str) -> list[str]:
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
                "• {channel} {prompt}: *{n}* answer (asked {asked})",
                "• {channel} {prompt}: *{n}* answers (asked {asked})",
                p.answers,
                channel=f"<#{p.channel_slack_id}>",
                prompt=quoted,
                asked=slack_date(p.posted_at, zone=zone),
            )
        )
    if total > len(prompts):
        lines.append(t(locale, "…and {n} more.", n=total - len(prompts)))
    return lines
