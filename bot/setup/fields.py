"""The setup form's fields, as plain values: what the modal shows and what comes back.

Pure data shared by the form's rules (``bot.setup.form``) and its Block Kit view
(``bot.setup.view``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
KEEP = "keep"  # chosen among the days: keep the current cadence (one the fields cannot show)
QUESTIONS_RANGE = (1, 5)  # what `/persona schedule` accepts for `questions=`
CAP_RANGE = (1, 20)  # ... and for `cap=`
MAX_HOURS = 30 * 24  # reminder and close: at most 30 days
# The options the form sets; every other option of a saved schedule is kept as it is.
FORM_OPTIONS = ("questions", "cap", "remind", "close")
RETENTION_RANGE = (1, 3650)  # "Keep answer text for N days"; empty keeps it forever
DIGEST = "digest"  # the part of the form that schedules the digest
WORKSPACE = "workspace"  # the part of the form that holds the language, holidays, retention


@dataclass(frozen=True)
class ScheduleFields:
    """One group's schedule (or the digest's) as the form shows it and as it comes back:
    text, as Slack sends it. No days means the group is not asked."""

    days: tuple[str, ...] = ()  # from DAYS, or (KEEP,): keep ``keep``
    time: str = "10:00"  # "HH:MM"
    timezone: str = ""  # IANA name; "" = the default
    questions: str = "1"
    remind_hours: str = "24"
    close_hours: str = "72"
    cap: str = "2"
    keep: str | None = None  # the current cadence when the fields cannot show it (monthly, …)


@dataclass(frozen=True)
class SetupForm:
    channels: Mapping[str, Sequence[str]]  # group -> channel ids, for the groups shown
    schedules: Mapping[str, ScheduleFields]  # group -> its schedule fields
    digest_channel: str | None
    digest: ScheduleFields  # its days, time and timezone (the rest is unused)
    locale: str
    holidays: str
    retention_days: str = ""  # whole days to keep answer text; "" = forever


class FormField(NamedTuple):
    """One field of the form: ``name`` (days, time, timezone, questions, remind, close or
    cap; channel; locale, holidays or retention) in ``part`` (a group, ``DIGEST`` or
    ``WORKSPACE``)."""

    part: str
    name: str
