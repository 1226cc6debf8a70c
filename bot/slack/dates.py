"""Times as Slack shows them: ``<!date^...>`` tokens that each reader's Slack client renders in
that reader's own timezone (and language), with a fallback in a named zone for clients and
notifications that cannot. Files have no reader's zone: they use ``in_zone`` (the
workspace's).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

# Slack's tokens (api.slack.com, "Formatting text for app surfaces: date formatting").
DATE = "{date_num}"  # 2026-12-07
DATE_TIME = "{date_num} {time}"  # 2026-12-07 09:00 (12- or 24-hour as the reader chose)
WEEKDAY_TIME = "{date_long_pretty} {time}"  # Monday, December 7th, 2026 (or today) 9:00 AM


def aware(at: datetime) -> datetime:
    """``at`` with a timezone: naive times (as SQLite returns them) are UTC."""
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def in_zone(at: datetime, zone: str = "UTC", *, with_time: bool = True) -> str:
    """``2026-12-07 09:00 Asia/Seoul`` (or the date alone): for files and fallbacks."""
    local = aware(at).astimezone(ZoneInfo(zone))
    return f"{local:%Y-%m-%d %H:%M} {zone}" if with_time else f"{local:%Y-%m-%d}"


def slack_date(
    at: datetime, *, form: str = DATE_TIME, zone: str = "UTC", link: str | None = None
) -> str:
    """``<!date^1796598000^{date_num} {time}|2026-12-07 09:00 Asia/Seoul>``: Slack shows it in
    the reader's zone; the fallback is in ``zone``. With ``link`` the date links there."""
    epoch = int(aware(at).timestamp())
    fallback = in_zone(at, zone, with_time="{time}" in form)
    target = f"^{link}" if link else ""
    return f"<!date^{epoch}^{form}{target}|{fallback}>"
