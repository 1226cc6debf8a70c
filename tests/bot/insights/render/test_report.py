"""Digest reports and files: Markdown, HTML, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib.resources import files

from bot.insights.render.report import digest_json, evidence_csv, md, report_html, report_markdown
from bot.insights.synthesis.digest import build_digest
from bot.insights.synthesis.model import NO_PERSONA, ThemeInfo
from tests.bot.insights.render.test_messages import hostile_digest
from tests.bot.insights.synthesis.test_digest import NOW, ans, build, sample_answers


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
    html = report_html(digest)
    assert "Marketing and sales point to pricing · seat cost" in html
    assert "Also said (one person each): discount hunting" in html


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
