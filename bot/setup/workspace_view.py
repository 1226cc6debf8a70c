"""The setup modal's last part, the workspace's own settings: its language, the public
holidays to skip, and how long answer text is kept (retention). Pure Block Kit, part of
``bot.setup.view``: the block ids of these inputs, the inputs, and reading them back."""

from __future__ import annotations

from typing import Any

from bot.i18n import N_, locale_of, t
from bot.setup.fields import RETENTION_RANGE, WORKSPACE, FormField
from bot.slack.blocks import (
    TEXT,
    Block,
    input_block,
    input_selected,
    input_text,
    option,
    plain,
    static_select,
)
from bot.slack.limits import PLACEHOLDER_TEXT
from bot.slack.words import word

_LANGUAGES = {"en": "English", "ko": "한국어"}
BLOCKS = 3  # the inputs below

# block_ids of the inputs (view.state.values[block_id][action_id])
LOCALE_BLOCK = "locale"  # static_select "locale", values "en" / "ko"
HOLIDAYS_BLOCK = "holidays"  # plain_text_input "text"
RETENTION_BLOCK = "retention"  # number_input "number", whole days; empty = forever
FIELD_BLOCKS = {
    FormField(WORKSPACE, "locale"): LOCALE_BLOCK,
    FormField(WORKSPACE, "holidays"): HOLIDAYS_BLOCK,
    FormField(WORKSPACE, "retention"): RETENTION_BLOCK,
}

RETENTION_LABEL = N_("Keep answer text for (days)")
RETENTION_HINT = N_(
    "Answer text older than this is dropped once a day; its themes and counts stay, without "
    "quotes. Leave it empty to keep answer text forever."
)


def workspace_inputs(
    locale_value: str, holidays: str | None, retention_days: int | None, locale: str
) -> list[Block]:
    """The language, holidays and retention inputs, filled with what is saved."""
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
    low, high = RETENTION_RANGE
    days: Block = {
        "type": "number_input",
        "action_id": "number",
        "is_decimal_allowed": False,
        "min_value": str(low),
        "max_value": str(high),
    }
    if retention_days is not None:
        days["initial_value"] = str(retention_days)
    return [
        input_block(block_id=LOCALE_BLOCK, label=word(locale, "locale"), element=language),
        holidays_input,
        input_block(
            block_id=RETENTION_BLOCK,
            label=t(locale, RETENTION_LABEL),
            element=days,
            optional=True,
            hint=t(locale, RETENTION_HINT),
        ),
    ]


def read_workspace(view: dict[str, Any]) -> tuple[str, str, str]:
    """The submitted language (``en`` when none), holidays and retention days, as typed."""
    return (
        input_selected(view, LOCALE_BLOCK) or "en",
        input_text(view, HOLIDAYS_BLOCK),
        input_text(view, RETENTION_BLOCK),
    )


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
