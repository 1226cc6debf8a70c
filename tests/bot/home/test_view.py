"""The Home tab's view: its layout, and its pages under Slack's 100 blocks."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest

from bot.home.view import HomeData, HomePersona, HomePrompt, home_view
from bot.slack import blocks as views
from tests.bot.blockkit import EVIL, HANGUL, LOCALES, NOW, Json, all_text, check_view, walk


def home_data(personas: int = 3, prompts: int = 2, is_admin: bool = True) -> HomeData:
    people = [
        HomePersona(
            name=f"{EVIL} {i}",
            negative=i % 5 == 4,
            evidence=i,
            last=None if i == 0 else NOW - timedelta(days=i),
            assumptions=i % 3,
        )
        for i in range(personas)
    ]
    asked = [
        HomePrompt("C0123", f"{EVIL} question {i}", i, "https://t.slack.com/archives/C0123/p1")
        for i in range(prompts)
    ]
    return HomeData(
        personas=people,
        open_prompts=asked,
        rates=[("sales", 6, 4), ("customers", 0, 0), ("focus_group", 3, 3)],
        assumptions=[f"{EVIL} claim {i}" for i in range(personas)],
        is_admin=is_admin,
    )


VIEWS: dict[str, Callable[[str], Json]] = {
    "home": lambda lo: home_view(data=home_data(), locale=lo, now=NOW),
    "home_empty": lambda lo: home_view(data=HomeData(), locale=lo, now=NOW),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", sorted(VIEWS))
def test_views_are_valid_inert_and_localised(name: str, locale: str) -> None:
    view = VIEWS[name](locale)
    check_view(view)
    text = all_text(view).replace("한국어", "")  # the language picker names itself
    assert bool(HANGUL.search(text)) == (locale == "ko")


def test_home_layout() -> None:
    view = home_view(data=home_data(), locale="en", now=NOW)
    text = all_text(view)
    assert view["blocks"][0]["type"] == "header"
    assert "last answer 2 days ago" in text
    assert "no answers yet" in text
    assert "sales: 4 of 6 prompts answered (67%)" in text
    assert "customers: no prompts yet" in text
    assert "<https://t.slack.com/archives/C0123/p1|open>" in text
    assert "<#C0123>" in text
    actions = [e["action_id"] for e in view["blocks"][2]["elements"]]
    assert actions == [views.HOME_SETUP, views.HOME_EXPORT, views.HOME_PREVIEW]
    export = view["blocks"][2]["elements"][1]
    assert [o["value"] for o in export["options"]] == ["md", "html", "csv", "json"]
    plain = home_view(data=home_data(is_admin=False), locale="en", now=NOW)
    assert views.HOME_SETUP not in [d.get("action_id") for d in walk(plain)]


def test_home_pages_300_personas_and_200_prompts() -> None:
    data = home_data(personas=300, prompts=200)
    seen: list[str] = []
    page = 0
    for _ in range(20):
        view = home_view(data=data, locale="en", now=NOW, page=page)
        check_view(view)
        assert len(view["blocks"]) < 100
        seen += re.findall(r"co (\d+)\*", all_text(view))
        (more,) = [d for d in walk(view) if d.get("action_id") == views.HOME_MORE]
        page = int(more["value"])
    assert seen == [str(i) for i in range(300)]
    assert page == 0
    text = all_text(home_view(data=data, locale="en", now=NOW, page=99))
    assert "*Personas* (286–300 of 300)" in text
    assert "Back to the start" in text
    assert "…and 190 more" in text
    assert "…and 290 more" in text
