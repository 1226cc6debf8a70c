"""The words of the modals and the Home tab: from the catalog, in en and ko."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.slack import words
from bot.slack.words import ago
from tests.bot.blockkit import NOW


@pytest.mark.parametrize(
    ("delta", "en", "ko"),
    [
        (timedelta(seconds=30), "just now", "방금"),
        (timedelta(minutes=1), "1 minute ago", "1분 전"),
        (timedelta(hours=5), "5 hours ago", "5시간 전"),
        (timedelta(days=3), "3 days ago", "3일 전"),
        (timedelta(days=95), "3 months ago", "3개월 전"),
        (timedelta(days=-1), "just now", "방금"),
    ],
)
def test_ago(delta: timedelta, en: str, ko: str) -> None:
    assert ago(NOW - delta, NOW, "en") == en
    assert ago((NOW - delta).replace(tzinfo=None), NOW, "ko") == ko


def test_words_come_from_the_catalog() -> None:
    assert words.word("fr", "save") == "Save"
    assert words.word("ko-KR", "save") == "저장"
    assert words.word("en", "and_more", n=3) == "…and 3 more"
