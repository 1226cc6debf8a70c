"""Inline SVG charts: well-formed, escaped, self-contained, labels in their own language."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from bot.insights.render.charts import Row, Series, bars, clip, columns, mirror, text_width

SVG = "{http://www.w3.org/2000/svg}"
EVIL = "<script>alert(\"x\")</script> & 'quotes'"
TWO = (Series("sales", "#c8553d"), Series("customers", "#2a9d8f"))


def parse(svg: str) -> ET.Element:
    # our own output; raises on anything that is not well-formed XML
    root = ET.fromstring(svg)  # noqa: S314
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter(f"{SVG}text")]


def external(svg: str) -> list[str]:
    """Anything that would make the browser fetch or run something."""
    without_ns = svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    pattern = r"href|url\(|@import|<image|<script|<foreignObject|<use|https?:|\son\w+="
    return re.findall(pattern, without_ns, flags=re.IGNORECASE)


def all_charts(label: str, name: str = "sales") -> list[str]:
    series = (Series(name, "#c8553d"), Series("customers", "#2a9d8f"))
    rows = [Row(label, (3, 2), lang="en"), Row("예산 승인", (0, 4), lang="ko")]
    return [
        columns(title=label, series=series, rows=rows, lang="en"),
        bars(title=label, series=series, rows=rows, lang="en"),
        bars(title=label, series=series, rows=rows, lang="en", share=True),
        mirror(title=label, left=series[0], right=series[1], rows=rows, lang="en"),
    ]


def test_charts_are_well_formed_and_self_contained() -> None:
    for svg in all_charts("pricing · seat cost"):
        root = parse(svg)
        assert root.get("role") == "img"
        assert root.get("aria-label") == "pricing · seat cost"
        assert root.find(f"{SVG}title") is not None
        assert len(list(root.iter(f"{SVG}rect"))) >= 2
        assert external(svg) == []


def test_user_text_is_escaped_everywhere() -> None:
    for svg in all_charts(EVIL, name=EVIL):
        assert "<script" not in svg
        root = parse(svg)
        assert root.get("aria-label") == EVIL  # the reader sees the text as typed
        shown = texts(root) + [t.text or "" for t in root.iter(f"{SVG}title")]
        assert any(EVIL in t or t.startswith(EVIL[:10]) for t in shown)
        assert not any(el.tag.endswith("script") for el in root.iter())
        assert external(svg) == []


def test_each_label_carries_its_language() -> None:
    for svg in all_charts("pricing"):
        root = parse(svg)
        assert root.get("lang") == "en"
        langs = {el.text: el.get("lang") for el in root.iter(f"{SVG}text")}
        assert langs["예산 승인"] == "ko"
        assert langs["pricing"] == "en"


def test_columns_scale_to_a_round_axis_and_total_each_column() -> None:
    rows = [Row("03-03", (3, 4)), Row("03-10", (0, 0)), Row("03-17", (10, 1))]
    root = parse(columns(title="t", series=TWO, rows=rows, lang="en"))
    shown = texts(root)
    assert "20" in shown  # the axis: 11 rounded up to 4 steps of 5
    assert {"7", "11"} <= set(shown)  # totals over the columns
    assert "03-10" in shown  # an empty week keeps its place
    tips = [t.text for t in root.iter(f"{SVG}title")]
    assert "03-17 · sales: 10" in tips


def test_share_bars_show_the_note_and_fill_the_row() -> None:
    rows = [Row("sales", (5, 3), note="5/8 · 63%"), Row("customers", (0, 4), note="0/4 · 0%")]
    root = parse(bars(title="t", series=TWO, rows=rows, lang="en", share=True))
    assert "5/8 · 63%" in texts(root)
    bars_drawn = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    widths = [float(r.get("width", 0)) for r in bars_drawn]
    assert abs(sum(widths[:2]) - widths[2]) < 0.2  # both rows are full width


def test_long_labels_are_clipped_to_fit() -> None:
    label = "a very long theme label " * 10
    assert text_width(clip(label, 220)) <= 220
    assert clip(label, 220).endswith("…")
    assert clip("짧은", 220) == "짧은"
    assert text_width("가나") > text_width("ab")
    root = parse(mirror(title="t", left=TWO[0], right=TWO[1], rows=[Row(label, (1, 0))], lang="en"))
    assert any(t.endswith("…") for t in texts(root))


def test_nothing_to_draw_gives_no_chart() -> None:
    assert columns(title="t", series=TWO, rows=[], lang="en") == ""
    assert bars(title="t", series=TWO, rows=[], lang="en") == ""
    assert mirror(title="t", left=TWO[0], right=TWO[1], rows=[], lang="en") == ""
