from __future__ import annotations

import pytest

from bot.slack.text import ChannelRef, escape, parse_channel, straight_quotes, unescape


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("<#C123ABC|sales-team>", ChannelRef(id="C123ABC", name="sales-team")),
        ("<#C123ABC|>", ChannelRef(id="C123ABC", name=None)),
        ("<#G0PRIV>", ChannelRef(id="G0PRIV", name=None)),
        ("#sales-team", ChannelRef(id=None, name="sales-team")),
        ("sales-team", None),
        ("<@U123>", None),
        ("#Sales Team", None),
        ("", None),
    ],
)
def test_parse_channel(token: str, expected: ChannelRef | None) -> None:
    assert parse_channel(token) == expected


def test_escape_makes_mentions_and_links_inert() -> None:
    text = "hey <!channel> see <http://evil|here> & <@U1>"
    escaped = escape(text)
    assert "<" not in escaped
    assert ">" not in escaped
    assert unescape(escaped) == text


def test_straight_quotes_straightens_curly_double_quotes_only() -> None:
    assert straight_quotes("“Ops Olivia” isn’t “here”") == '"Ops Olivia" isn’t "here"'
