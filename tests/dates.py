"""Slack's date tokens (``<!date^epoch^format^link|fallback>``) as a reader's client shows
them: in the reader's own zone. Tests read replies the way a person in Seoul or New York would.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

TOKEN = re.compile(r"<!date\^(\d+)\^([^^|>]+)(?:\^([^|>]+))?\|([^>]*)>")
_FORMS = {
    "{date_num}": "%Y-%m-%d",
    "{date}": "%B %d, %Y",
    "{date_short}": "%b %d, %Y",
    "{date_short_pretty}": "%b %d, %Y",
    "{date_long}": "%A, %B %d, %Y",
    "{date_long_pretty}": "%A, %B %d, %Y",
    "{time}": "%H:%M",
}


def seen_in(text: str, zone: str) -> str:
    """``text`` with each date token as Slack renders it for a reader in ``zone`` (24-hour
    clock, never "today"), its link kept as ``<link|date>``."""

    def render(match: re.Match[str]) -> str:
        at = datetime.fromtimestamp(int(match.group(1)), UTC).astimezone(ZoneInfo(zone))
        shown = match.group(2)
        for token, form in _FORMS.items():
            shown = shown.replace(token, f"{at:{form}}")
        return f"<{match.group(3)}|{shown}>" if match.group(3) else shown

    return TOKEN.sub(render, text)


def fallbacks(text: str) -> list[str]:
    """What a client that cannot format dates shows instead (notifications, old clients)."""
    return [m.group(4) for m in TOKEN.finditer(text)]
