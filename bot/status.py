"""``/persona status``: open prompts with answer counts."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.slack import escape
from storage import queries

_PREVIEW = 80


def render(*, session: Session, team_id: str, limit: int = 20) -> str:
    prompts, total = queries.open_prompts(session, team_id=team_id, limit=limit)
    if not prompts:
        return "No open prompts. Ask one with `/persona ask #channel <question>`."
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
    return "\n".join(lines)
