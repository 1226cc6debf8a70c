"""Slack's documented limits, defined once (https://docs.slack.dev/reference/block-kit/,
``chat.postMessage``). Builders cut text to these; nothing here calls Slack.

``questions/`` cannot import ``bot`` and keeps its own copy of ``SECTION_TEXT`` (a bank's
question must fit one section), naming this limit beside it.
"""

from __future__ import annotations

# Blocks per surface
MESSAGE_BLOCKS = 50
MODAL_BLOCKS = 100
HOME_BLOCKS = 100

# Text, in characters
MESSAGE_TEXT = 40_000  # a message's top-level ``text``
SECTION_TEXT = 3000  # a section block's text
HEADER_TEXT = 150  # a header block's plain_text
TITLE_TEXT = 24  # a modal's title, submit and close
BUTTON_TEXT = 75
OPTION_TEXT = 75  # an option's text in a select, checkboxes or radio buttons
PLACEHOLDER_TEXT = 150
LABEL_TEXT = 2000  # an input block's label and hint
INPUT_TEXT = 3000  # the most a plain_text_input's ``max_length`` may allow

# Elements
CONTEXT_ELEMENTS = 10  # in one context block
OPTIONS = 100  # in one select menu
