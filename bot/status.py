"""``/persona status``: open prompts with answer counts."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.slack import escape
from storage import queries

_PREVIEW = 80


def render(*, session: Session, team_id: str, limit: int = 20) -> str:
    return "\n".join([*_prompts(session, team_id, limit), *_troubled(session, team_id)])


def _troubled(session: Session, team_id: str) -> list[str]:
    rounds = queries.troubled_rounds(session, team_id=team_id)
    if not rounds:
        return []
    lines = ["*Rounds that did not go out*"]
    for r in rounds:
        when = f"retrying after {r.next_attempt_at:%H:%M} UTC" if r.status == "retry" else "failed"
        lines.append(
            f"• {r.schedule.group} in <#{r.channel.slack_id}>, due {r.due_at:%Y-%m-%d %H:%M} UTC: "
            f"{when} ({r.reason}; {r.attempts} attempt(s))"
        )
    return lines


def _prompts(session: Session, team_id: str, limit: int) -> list[str]:
    prompts, total = queries.open_prompts(session, team_id=team_id, limit=limit)
    if not prompts:
        return ["No open prompts. Ask one with `/persona ask #channel <question>`."]
    lines = [f"*Open prompts ({total})*"]
    for p in prompts:
        text = p.text if len(p.text) <= _PREVIEW else p.text[: _PREVIEW - 1] + "…"
        quoted = escape(text)
        if p.permalink:
            quoted = f"<{p.permalink}|{quoted}>"
        noun = "answer" if p.answers == 1 else "answers"
        lines.append(
            f"• <#{p.channel_slack_id}> {quoted}: *{p.answers}* {noun} "
            f"(asked {p.posted_at:%Y-%m-%d %H:%M} UTC)"
        )
    if total > len(prompts):
        lines.append(f"…and {total - len(prompts)} more.")
    return lines
