"""The admin setup modal opened from the Home tab: per group its channels and schedule in
separate fields, then the digest, the workspace language and the holiday country."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.i18n import locale_of
from bot.insights.synthesis.wording import group_name
from bot.slack.blocks import (
    CAP_BLOCK,
    CHANNELS_BLOCK,
    CLOSE_BLOCK,
    DAYS_BLOCK,
    DIGEST,
    DIGEST_CHANNEL_BLOCK,
    HOLIDAYS_BLOCK,
    KEEP,
    LOCALE_BLOCK,
    MODAL_BLOCKS,
    PLACEHOLDER_TEXT,
    QUESTIONS_BLOCK,
    REMIND_BLOCK,
    SETUP_MODAL,
    TEXT,
    TIME_BLOCK,
    TIMEZONE_BLOCK,
    Block,
    header,
    input_block,
    modal,
    option,
    plain,
    section,
    static_select,
)
from bot.slack.words import word
from questions.model import GROUPS

_LANGUAGES = {"en": "English", "ko": "한국어"}
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # values of the days select
QUESTIONS_RANGE = (1, 5)  # what `/persona schedule` accepts for `questions=`
CAP_RANGE = (1, 20)  # ... and for `cap=`
GROUP_BLOCKS = 9  # a header and eight inputs per group
# The timezone select offers these, plus the group's own zone and the default when missing.
TIMEZONES = (
    "UTC",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Manila",
    "Asia/Singapore",
    "Asia/Jakarta",
    "Asia/Bangkok",
    "Asia/Ho_Chi_Minh",
    "Asia/Kolkata",
    "Asia/Dubai",
    "Australia/Perth",
    "Australia/Brisbane",
    "Australia/Sydney",
    "Australia/Melbourne",
    "Pacific/Auckland",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Stockholm",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Istanbul",
    "Europe/Moscow",
    "Africa/Cairo",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Africa/Nairobi",
    "America/St_Johns",
    "America/Halifax",
    "America/Toronto",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Vancouver",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Mexico_City",
    "America/Bogota",
    "America/Lima",
    "America/Santiago",
    "America/Argentina/Buenos_Aires",
    "America/Sao_Paulo",
)


@dataclass(frozen=True)
class ScheduleFields:
    """One group's schedule as the setup modal shows it and as it comes back: text, as Slack
    sends it. No days means the group is not asked."""

    days: tuple[str, ...] = ()  # from DAYS, or (KEEP,): keep ``keep``
    time: str = "10:00"  # "HH:MM"
    timezone: str = ""  # IANA name; "" = the default
    questions: str = "1"
    remind_hours: str = "24"
    close_hours: str = "72"
    cap: str = "2"
    keep: str | None = None  # the current cadence when the fields cannot show it (monthly, …)


def setup_modal(
    *,
    groups_channels: Mapping[str, Sequence[str]],
    schedules: Mapping[str, ScheduleFields],
    digest_channel: str | None,
    digest: ScheduleFields,
    locale_value: str,
    holidays: str | None,
    timezone: str,
    locale: str,
) -> Block:
    """The admin setup modal: per group its channels and schedule (days, time, timezone,
    questions per round, reminder, close, weekly cap), then the digest's channel, days, time
    and timezone, the workspace language and the holiday country. ``timezone`` is the
    default zone."""
    blocks = [section(word(locale, "setup_intro"))]
    for group in setup_groups(groups_channels, schedules):
        blocks += _group_inputs(
            group,
            groups_channels.get(group, ()),
            schedules.get(group) or ScheduleFields(),
            timezone,
            locale,
        )
    blocks += _digest_inputs(digest_channel, digest, timezone, locale)
    blocks += _workspace_inputs(locale_value, holidays, locale)
    return modal(
        callback_id=SETUP_MODAL,
        title=word(locale, "setup_title"),
        submit=word(locale, "save"),
        close=word(locale, "cancel"),
        blocks=blocks,
    )


def setup_groups(channels: Mapping[str, object], schedules: Mapping[str, object]) -> list[str]:
    """The default groups, then any others the caller knows, as many as fit a modal."""
    extra = sorted((set(channels) | set(schedules)) - set(GROUPS))
    room = (MODAL_BLOCKS - 8) // GROUP_BLOCKS  # the intro, five digest and two workspace blocks
    return [*GROUPS, *extra][:room]


def _group_inputs(
    group: str, channels: Sequence[str], fields: ScheduleFields, default_zone: str, locale: str
) -> list[Block]:
    select: Block = {
        "type": "multi_conversations_select",
        "action_id": "channels",
        "placeholder": plain(word(locale, "channels_placeholder"), PLACEHOLDER_TEXT),
        "filter": {"include": ["public", "private"], "exclude_bot_users": True},
    }
    if channels:
        select["initial_conversations"] = list(channels)
    return [
        header(group_name(locale, group)),
        input_block(
            block_id=CHANNELS_BLOCK.format(group=group),
            label=word(locale, "channels"),
            element=select,
            optional=True,
        ),
        _days(group, fields, locale),
        _time(group, fields, locale),
        _zone(group, fields.timezone or default_zone, default_zone, locale),
        _number(
            QUESTIONS_BLOCK.format(group=group),
            word(locale, "questions_label"),
            fields.questions,
            limits=QUESTIONS_RANGE,
        ),
        _number(
            REMIND_BLOCK.format(group=group),
            word(locale, "remind_label"),
            fields.remind_hours,
            hint=word(locale, "remind_hint"),
        ),
        _number(
            CLOSE_BLOCK.format(group=group),
            word(locale, "close_label"),
            fields.close_hours,
            hint=word(locale, "close_hint"),
        ),
        _number(
            CAP_BLOCK.format(group=group),
            word(locale, "cap_label"),
            fields.cap,
            limits=CAP_RANGE,
        ),
    ]


def _days(group: str, fields: ScheduleFields, locale: str) -> Block:
    options = [option(word(locale, f"day_{day}"), day) for day in DAYS]
    digest = group == DIGEST
    hint = word(locale, "digest_days_hint" if digest else "days_hint")
    if fields.keep:
        options.insert(0, option(word(locale, "days_keep", cadence=fields.keep), KEEP))
        hint = word(locale, "digest_keep_hint" if digest else "days_keep_hint")
    element: Block = {
        "type": "multi_static_select",
        "action_id": "days",
        "placeholder": plain(word(locale, "days_placeholder"), PLACEHOLDER_TEXT),
        "options": options,
    }
    chosen = [o for o in options if o["value"] in fields.days]
    if chosen:
        element["initial_options"] = chosen
    return input_block(
        block_id=DAYS_BLOCK.format(group=group),
        label=word(locale, "days_label"),
        element=element,
        optional=True,
        hint=hint,
    )


def _time(group: str, fields: ScheduleFields, locale: str) -> Block:
    element: Block = {
        "type": "timepicker",
        "action_id": "time",
        "placeholder": plain(word(locale, "time_placeholder"), PLACEHOLDER_TEXT),
    }
    if fields.time:
        element["initial_time"] = fields.time
    return input_block(
        block_id=TIME_BLOCK.format(group=group),
        label=word(locale, "time_label"),
        element=element,
        optional=True,
    )


def _zone(group: str, zone: str, default_zone: str, locale: str) -> Block:
    names = list(dict.fromkeys([zone, default_zone, *TIMEZONES]))
    options = [option(name, name) for name in names]
    return input_block(
        block_id=TIMEZONE_BLOCK.format(group=group),
        label=word(locale, "timezone_label"),
        element=static_select(
            action_id="timezone",
            placeholder=word(locale, "timezone_placeholder"),
            options=options,
            initial=options[0],
        ),
        optional=True,
    )


def _number(
    block_id: str,
    label: str,
    value: str,
    *,
    limits: tuple[int, int] | None = None,
    hint: str | None = None,
) -> Block:
    """A whole number within ``limits``, or (no limits) hours, where decimals are allowed."""
    element: Block = {
        "type": "number_input",
        "action_id": "number",
        "is_decimal_allowed": limits is None,
    }
    if limits is not None:
        element["min_value"], element["max_value"] = str(limits[0]), str(limits[1])
    if value:
        element["initial_value"] = value
    return input_block(block_id=block_id, label=label, element=element, optional=True, hint=hint)


def _text(block_id: str, label: str, placeholder: str, initial: str | None) -> Block:
    element: Block = {
        "type": "plain_text_input",
        "action_id": TEXT,
        "max_length": 300,
        "placeholder": plain(placeholder, PLACEHOLDER_TEXT),
    }
    if initial and initial.strip():
        element["initial_value"] = initial[:300]
    return input_block(block_id=block_id, label=label, element=element, optional=True)


def _digest_inputs(
    channel: str | None, fields: ScheduleFields, default_zone: str, locale: str
) -> list[Block]:
    select: Block = {
        "type": "conversations_select",
        "action_id": "channel",
        "placeholder": plain(word(locale, "digest_channel_placeholder"), PLACEHOLDER_TEXT),
        "filter": {"include": ["public", "private"], "exclude_bot_users": True},
    }
    if channel:
        select["initial_conversation"] = channel
    return [
        header(word(locale, "digest_header")),
        input_block(
            block_id=DIGEST_CHANNEL_BLOCK,
            label=word(locale, "digest_channel"),
            element=select,
            optional=True,
        ),
        _days(DIGEST, fields, locale),
        _time(DIGEST, fields, locale),
        _zone(DIGEST, fields.timezone or default_zone, default_zone, locale),
    ]


def _workspace_inputs(locale_value: str, holidays: str | None, locale: str) -> list[Block]:
    languages = [option(label, code) for code, label in _LANGUAGES.items()]
    current = option(_LANGUAGES[locale_of(locale_value)], locale_of(locale_value))
    language = static_select(
        action_id=LOCALE_BLOCK,
        placeholder=word(locale, "locale"),
        options=languages,
        initial=current,
    )
    holidays_input = _text(HOLIDAYS_BLOCK, word(locale, "holidays"), "KR", holidays)
    holidays_input["hint"] = plain(word(locale, "holidays_hint"))
    return [
        input_block(block_id=LOCALE_BLOCK, label=word(locale, "locale"), element=language),
        holidays_input,
    ]
