"""Digest reports and files: Markdown, HTML, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from importlib.resources import files

from bot.insights.render.report import digest_json, evidence_csv, md, report_html, report_markdown
from bot.insights.synthesis.digest import build_digest
from bot.insights.synthesis.model import NO_PERSONA, PersonaInfo, ThemeInfo, WeekCount
from bot.insights.synthesis.wording import GROUP_NAMES
from tests.bot.insights.render.test_messages import hostile_digest
from tests.bot.insights.synthesis.test_digest import (
    NOW,
    THEMES,
    ans,
    build,
    sample_answers,
)

SVG = "{http://www.w3.org/2000/svg}"
GROUPS = tuple(GROUP_NAMES)


def test_markdown_report_escapes_user_text() -> None:
    report = report_markdown(hostile_digest())
    assert "\\<@U123\\> pricing" in report
    assert "\\<http://evil\\|click\\> \\& win" in report
    assert re.search(r"(?<!\\)<", report) is None
    assert md("*bold* [x](y) `c` | a_b") == "\\*bold\\* \\[x\\](y) \\`c\\` \\| a\\_b"
    full = report_markdown(build())
    assert "## Ops Olivia" in full
    assert "### Pains" in full
    assert "[“Per-seat pricing kills us at 50 users”](https://acme.slack.com/" in full
    assert "⚠ assumption" in full
    assert "Marketing and sales point to" in full


def test_html_report_escapes_and_is_self_contained() -> None:
    themes = {"x": ThemeInfo("x", "en", "<script>alert(1)</script>", "a & b", None, "")}
    answers = [
        ans(1, NO_PERSONA, "pains", "sales", "U1", 1, "x"),
        ans(2, NO_PERSONA, "pains", "sales", "U2", 1, "x"),
    ]
    digest = build_digest(answers=answers, themes=themes, personas=(), previous=None, now=NOW)
    html = report_html(digest)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "a &amp; b" in html
    assert "<style>" in html
    assert html.startswith("<!DOCTYPE html>")
    full = report_html(build(), locale="ko")
    assert full.count('<article class="card') == 4
    assert 'class="card negative"' in full
    assert "페인 포인트" in full
    assert 'lang="ko"' in full


def test_evidence_csv_is_rfc4180_and_neutralises_formulas() -> None:
    rows = [
        {"answer": 1, "quote": '=cmd()|" /C calc', "group": "sales", "at": NOW},
        {"answer": 2, "quote": "-2+3", "group": "@admin", "extra": None},
        {"answer": -3, "quote": 'line one\nsaid "hi", then left', "group": "+x"},
    ]
    text = evidence_csv(rows, columns=("answer", "group", "quote", "at"))
    assert text.splitlines()[0] == "answer,group,quote,at"
    assert "\r\n" in text
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[1] == ["1", "sales", "'=cmd()|\" /C calc", NOW.isoformat()]
    assert parsed[2] == ["2", "'@admin", "'-2+3", ""]
    assert parsed[3] == ["-3", "'+x", 'line one\nsaid "hi", then left', ""]
    default = evidence_csv(rows)
    assert default.splitlines()[0] == "answer,quote,group,at,extra"


def test_digest_json_is_stable_and_complete() -> None:
    digest = build()
    text = digest_json(digest)
    data = json.loads(text)
    assert text == digest_json(build())
    assert data["generated_at"] == NOW.isoformat()
    assert list(data) == sorted(data)
    assert data["personas"][0]["persona"]["name"] == "Ops Olivia"
    assert data["snapshot"]["themes"]["1|pricing"] == 3
    assert "재무 김팀장" in text


def test_templates_load_from_the_package() -> None:
    folder = files("bot.insights.render").joinpath("templates")
    for name in ("report.md.j2", "report.html.j2"):
        assert folder.joinpath(name).is_file()
    assert report_markdown(build([])).startswith("# Persona digest")


def test_reports_render_conflicts_and_also_said() -> None:
    answers = [
        *sample_answers(),
        ans(60, "1", "objections", "sales", "U8", 1, "discounts"),  # one person: also said
    ]
    digest = build(answers)
    markdown = report_markdown(digest)
    assert (
        "Marketing and sales point to pricing · seat cost; "
        "customers and focus group point to onboarding · slow setup." in markdown
    )
    assert "_Also said (one person each)_: discount hunting" in markdown
    assert "\n- marketing: pricing · seat cost\n- sales: pricing · seat cost\n\n" in markdown
    html = report_html(digest)
    assert "Marketing and sales point to pricing · seat cost" in html
    assert 'Also said (one person each): <span lang="en">discount hunting</span>' in html


def test_digest_json_carries_conflicts_as_structures() -> None:
    data = json.loads(digest_json(build()))
    olivia = data["personas"][0]
    expected = {
        "field": "pains",
        "internal_theme": "pricing",
        "internal_groups": ["marketing", "sales"],
        "customer_theme": "onboarding",
        "customer_groups": ["customers", "focus_group"],
        "internal_label": "pricing · seat cost",
        "customer_label": "onboarding · slow setup",
    }
    assert olivia["conflicts"] == [expected]
    pains = next(f for f in olivia["fields"] if f["field"] == "pains")
    assert pains["conflict"] == expected
    pricing = next(t for t in olivia["themes"] if t["theme"]["key"] == "pricing")
    assert pricing["fields"] == ["pains"]
    assert pricing["support"]["internal_only"] is True


def svgs(html: str) -> list[ET.Element]:
    """Every inline SVG of the page, parsed as XML (our own output)."""
    found = re.findall(r"<svg\b.*?</svg>", html, flags=re.DOTALL)
    return [ET.fromstring(svg) for svg in found]  # noqa: S314


def test_digest_counts_what_the_charts_draw() -> None:
    digest = build()
    assert digest.people == 10  # authors, each unknown author's answer counted once
    assert digest.groups == tuple(sorted(GROUPS))
    assert sum(w.answers for w in digest.weeks) == digest.answers == 17
    assert {w.week.weekday() for w in digest.weeks} == {0}
    assert WeekCount(date(2025, 3, 3), "sales", 4) in digest.weeks
    assert WeekCount(date(2025, 3, 3), "", 1) in digest.weeks  # the answer with no group
    olivia = digest.personas[0]
    pains = next(f for f in olivia.fields if f.field == "pains")
    assert pains.group_people == {"customers": 2, "focus_group": 1, "marketing": 1, "sales": 2}
    pricing = next(t for t in olivia.themes if t.theme.key == "pricing")
    assert (pricing.support.internal, pricing.support.customers) == (3, 0)
    onboarding = next(t for t in olivia.themes if t.theme.key == "onboarding")
    assert (onboarding.support.internal, onboarding.support.customers) == (0, 3)


def test_html_report_opens_with_a_summary_and_charts() -> None:
    html = report_html(build())
    summary = html[html.index('<section class="summary">') : html.index("</section>")]
    tiles = re.findall(r'<span class="n">([^<]*)</span> <span class="label">([^<]*)<', summary)
    assert tiles == [
        ("3", "personas"),
        ("17", "answers"),
        ("10", "people"),
        ("6", "groups"),
        ("4", "assumptions to check"),  # pricing and role-ops, erp, discounts
        ("67%", "response rate"),  # 8 of 12 prompts
    ]
    assert '<a href="#persona-2"><span lang="ko">재무 김팀장</span></a>' in summary
    assert 'id="persona-2"' in html
    charts = svgs(html)
    labels = [svg.get("aria-label") for svg in charts]
    assert labels[:2] == ["Answers per group, by week", "Prompts answered per group"]
    assert labels.count("Who answered on each field (people per group)") == 4
    assert "Internal teams and customers behind the top claims (people)" in labels
    weekly = ET.tostring(charts[0], encoding="unicode")
    assert "01-13" in weekly  # from the oldest answer's week (less than 12 weeks ago) ...
    assert "03-10" in weekly  # ... to this week's
    rates = [t.text for t in charts[1].iter(f"{SVG}text")]
    assert "5/8 · 62%" in rates
    for part in ("<script", "<link", "src=", "url(", "@import", "<iframe"):
        assert part not in html


def test_response_rate_says_when_nothing_was_asked() -> None:
    digest = build_digest(
        answers=sample_answers(),
        themes=THEMES,
        personas=(),
        previous=None,
        now=NOW,
        rates_since=NOW - timedelta(days=7),
    )
    html = report_html(digest)
    assert '<span class="n">—</span> <span class="label">response rate</span>' in html
    assert "no prompts asked since 2025-03-03" in html
    assert "Prompts answered per group" not in html


def test_charts_escape_hostile_names_and_labels() -> None:
    evil = '<script>alert("x")</script>'
    themes = {k: ThemeInfo(k, "en", f"{evil} {k}", "q", None, "") for k in ("a", "b")}
    persona = PersonaInfo("1", evil, evil, False)
    answers = [
        ans(1, "1", "pains", "sales", "U1", 1, "a"),
        ans(2, "1", "pains", "customers", "C1", 1, ("a", "b")),
        ans(3, "1", "goals", "<b>", "U3", 1, "b"),
    ]
    digest = build_digest(
        answers=answers, themes=themes, personas=(persona,), previous=None, now=NOW
    )
    html = report_html(digest)
    assert "<script" not in html
    assert "<b>" not in html
    charts = svgs(html)
    assert len(charts) == 3  # the weekly chart, the persona's fields and its claims
    shown = [t.text or "" for svg in charts for t in svg.iter(f"{SVG}text")]
    assert any(t.startswith("<script>") for t in shown)  # drawn as text, never run
    assert "<b>" in shown  # an unknown group keeps its name, as text


def test_each_block_of_user_text_carries_its_language() -> None:
    english = report_html(build())
    assert english.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<h2><span lang="ko">재무 김팀장</span></h2>' in english
    assert '<p lang="ko">중견 제조사의 재무팀장</p>' in english
    assert '<strong lang="ko">예산 승인 · 보고서</strong>' in english
    assert '<blockquote lang="ko">' in english
    assert '<strong lang="en">pricing · seat cost</strong>' in english
    assert '<li lang="en">What made you switch from spreadsheets?</li>' in english
    korean = report_html(build(), locale="ko")
    assert korean.startswith('<!DOCTYPE html>\n<html lang="ko">')
    assert '<h2><span lang="en">Ops Olivia</span></h2>' in korean
    assert '<h2>🚫 부정적 페르소나: <span lang="en">Bargain Bob</span></h2>' in korean
    assert '<blockquote lang="en">' in korean
    mirror = next(svg for svg in svgs(korean) if svg.get("aria-label", "").startswith("주요"))
    assert mirror.get("lang") == "ko"
    langs = {t.text: t.get("lang") for t in mirror.iter(f"{SVG}text") if t.get("lang")}
    assert langs["pricing · seat cost"] == "en"
    assert ":lang(ko)" in korean
    assert '"Malgun Gothic"' in korean


def test_html_quotes_a_theme_once_per_persona() -> None:
    answers = [
        *sample_answers(),
        ans(61, "1", "objections", "sales", "U1", 1, "pricing"),  # pricing again, elsewhere
    ]
    digest = build(answers)
    html = report_html(digest)
    olivia = html[html.index('id="persona-1"') : html.index('id="persona-2"')]
    assert olivia.count("Per-seat pricing kills us at 50 users") == 1
    assert olivia.count("⚠ assumption") == 2  # pricing once, role-ops once
    assert (
        '<strong lang="en">pricing · seat cost</strong> <span class="assumption">⚠</span>' in olivia
    )
    assert report_markdown(digest).count("Per-seat pricing kills us at 50 users") == 2
