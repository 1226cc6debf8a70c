"""The admin setup modal opened from the Home tab: per group its channels and schedule in
separate fields, then the digest, then the workspace's own settings (language, holidays,
retention: ``bot.setup.workspace_view``).

This module owns the modal's block ids (the workspace settings' are that module's): it
builds the modal, reads a submitted one into the domain ``SetupForm`` (``read_setup``) and
puts the form's errors under their inputs (``error_blocks``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.insights.synthesis.wording import group_name
from bot.setup.fields import (
    CAP_RANGE,
    DAYS,
    DIGEST,
    KEEP,
    QUESTIONS_RANGE,
    FormField,
    ScheduleFields,
    SetupForm,
)
from bot.setup.timezones import TIMEZONES
from bot.setup.workspace_view import BLOCKS as WORKSPACE_BLOCKS
from bot.setup.workspace_view import FIELD_BLOCKS, read_workspace, workspace_inputs
from bot.slack.blocks import (
    ERROR_TEXT,
    SETUP_MODAL,
    Block,
    header,
    input_block,
    input_state,
    input_text,
    modal,
    option,
    plain,
    section,
    static_select,
)
from bot.slack.limits import MODAL_BLOCKS, PLACEHOLDER_TEXT
from bot.slack.words import word
from questions.model import GROUPS

GROUP_BLOCKS = 9  # a header and eight inputs per group

# block_ids of the inputs (view.state.values[block_id][action_id]); "{group}" is a group's
# name, or DIGEST for the digest's days, time and timezone
CHANNELS_BLOCK = "channels_{group}"  # multi_conversations_select "channels"
DAYS_BLOCK = "days_{group}"  # multi_static_select "days", values DAYS and KEEP
TIME_BLOCK = "time_{group}"  # timepicker "time" ("HH:mm")
TIMEZONE_BLOCK = "timezone_{group}"  # static_select "timezone", IANA names
QUESTIONS_BLOCK = "questions_{group}"  # number_input "number", whole
REMIND_BLOCK = "remind_{group}"  # number_input "number", hours (decimals allowed)
CLOSE_BLOCK = "close_{group}"  # number_input "number", hours (decimals allowed)
CAP_BLOCK = "cap_{group}"  # number_input "number", whole
DIGEST_CHANNEL_BLOCK = "digest_channel"  # conversations_select "channel"
_SCHEDULE_BLOCKS = {
    "channels": CHANNELS_BLOCK,
    "days": DAYS_BLOCK,
    "time": TIME_BLOCK,
    "timezone": TIMEZONE_BLOCK,
    "questions": QUESTIONS_BLOCK,
    "remind": REMIND_BLOCK,
    "close": CLOSE_BLOCK,
    "cap": CAP_BLOCK,
}
_OTHER_BLOCKS = {FormField(DIGEST, "channel"): DIGEST_CHANNEL_BLOCK, **FIELD_BLOCKS}


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
    retention_days: int | None = None,
) -> Block:
    """The admin setup modal: per group its channels and schedule (days, time, timezone,
    questions per round, reminder, close, weekly cap), then the digest's channel, days, time
    and timezone, the workspace language, the holiday country and how many days answer text
    is kept (``retention_days``; None: forever). ``timezone`` is the default zone."""
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
    blocks += workspace_inputs(locale_value, holidays, retention_days, locale)
    return modal(
        callback_id=SETUP_MODAL,
        title=word(locale, "setup_title"),
        submit=word(locale, "save"),
        close=word(locale, "cancel"),
        blocks=blocks,
    )


def read_setup(view: dict[str, Any]) -> SetupForm:
    """A submitted setup modal as the form: the groups it showed (from its blocks, else the
    default ones), each with its channels and (for the default groups) schedule fields."""

    def state(kind: str, group: str) -> dict[str, Any]:
        return input_state(view, kind.format(group=group))

    def fields(group: str) -> ScheduleFields:
        days = state(DAYS_BLOCK, group).get("selected_options") or []
        zone = state(TIMEZONE_BLOCK, group).get("selected_option") or {}
        return ScheduleFields(
            days=tuple(str(o.get("value") or "") for o in days),
            time=str(state(TIME_BLOCK, group).get("selected_time") or ""),
            timezone=str(zone.get("value") or ""),
            questions=input_text(view, QUESTIONS_BLOCK.format(group=group)),
            remind_hours=input_text(view, REMIND_BLOCK.format(group=group)),
            close_hours=input_text(view, CLOSE_BLOCK.format(group=group)),
            cap=input_text(view, CAP_BLOCK.format(group=group)),
        )

    groups = _shown_groups(view)
    locale, holidays, retention = read_workspace(view)
    return SetupForm(
        channels={
            g: list(state(CHANNELS_BLOCK, g).get("selected_conversations") or []) for g in groups
        },
        schedules={g: fields(g) for g in groups if g in GROUPS},
        digest_channel=input_state(view, DIGEST_CHANNEL_BLOCK).get("selected_conversation"),
        digest=fields(DIGEST),
        locale=locale,
        holidays=holidays,
        retention_days=retention,
    )


def _shown_groups(view: dict[str, Any]) -> list[str]:
    prefix = CHANNELS_BLOCK.format(group="")
    shown = [
        str(b["block_id"])[len(prefix) :]
        for b in view.get("blocks") or []
        if str(b.get("block_id", "")).startswith(prefix)
    ]
    return shown or setup_groups({}, {})


def block_of(field: FormField) -> str:
    """The block id of the input that shows ``field``."""
    return _OTHER_BLOCKS.get(field) or _SCHEDULE_BLOCKS[field.name].format(group=field.part)


def error_blocks(errors: Mapping[FormField, str]) -> dict[str, str]:
    """The form's errors under their inputs, for ``ack(response_action="errors")``."""
    return {block_of(field): text[:ERROR_TEXT] for field, text in errors.items()}


def setup_groups(channels: Mapping[str, object], schedules: Mapping[str, object]) -> list[str]:
    """The default groups, then any others the caller knows, as many as fit a modal."""
    extra = sorted((set(channels) | set(schedules)) - set(GROUPS))
    room = (MODAL_BLOCKS - 6 - WORKSPACE_BLOCKS) // GROUP_BLOCKS  # the intro, five digest blocks
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
