"""Small charts as inline SVG text: numbers in, a self-contained ``<svg>`` element out.

Three shapes, enough for the report: ``columns`` (stacked columns, one per category, e.g.
answers per group and week), ``bars`` (stacked horizontal bars, one per row, e.g. people per
group for each persona field; ``share`` draws each bar as parts of its own total, e.g. a
response rate) and ``mirror`` (two bars back to back per row, e.g. internal teams against
customers for each claim).

Every piece of text (labels, series names, notes, the title) is XML-escaped here, so a
label that reads ``<script>`` stays text; the SVG names no external resource (no link, no
image, no font, no script) and takes its font from the page. A row's ``lang`` marks a label
that is user text in its own language. Pure: no I/O, standard library only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["Row", "Series", "bars", "columns", "mirror"]

WIDTH = 880
FONT = 13  # px, in the SVG's own units
ROW = 22  # height of one bar row
LEGEND = 30  # height of the legend line


@dataclass(frozen=True)
class Series:
    name: str
    colour: str  # a CSS colour, e.g. "#2a7f62"


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[int, ...]  # one per series
    lang: str = ""  # the label's language when it is user text ("" = the chart's)
    note: str = ""  # text after the bar (default: the total)


def _x(value: object) -> str:
    """Text or attribute value, escaped for XML."""
    return escape(str(value), quote=True)


def text_width(text: str, size: float = FONT) -> float:
    """Roughly how wide ``text`` is drawn: wide (CJK) characters take a full em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.58 for c in text)


def clip(text: str, width: float, size: float = FONT) -> str:
    """``text`` cut with "…" to fit ``width``."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _text(
    x: float, y: float, text: str, *, anchor: str = "start", lang: str = "", **css: str
) -> str:
    attrs = f' lang="{_x(lang)}"' if lang else ""
    attrs += "".join(f' {k.replace("_", "-")}="{_x(v)}"' for k, v in css.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{attrs}>{_x(text)}</text>'


def _rect(x: float, y: float, w: float, h: float, colour: str, tip: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" '
        f'fill="{_x(colour)}"><title>{_x(tip)}</title></rect>'
    )


def _svg(title: str, height: float, lang: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} '
        f'{height:.0f}" width="{WIDTH}" height="{height:.0f}" role="img" lang="{_x(lang)}" '
        f'aria-label="{_x(title)}" font-size="{FONT}"><title>{_x(title)}</title>'
        + "".join(body)
        + "</svg>"
    )


def _legend(series: Sequence[Series], x: float = 0) -> list[str]:
    out = []
    for s in series:
        out.append(f'<rect x="{x:.1f}" y="8" width="12" height="12" fill="{_x(s.colour)}"/>')
        out.append(_text(x + 17, 18.5, s.name))
        x += 17 + text_width(s.name) + 22
    return out


def _nice(top: int) -> int:
    """The axis maximum: the smallest 4 × (1, 2 or 5 × 10^k) at or above ``top``, so that
    the four grid steps are whole numbers."""
    magnitude = 1
    while True:
        for m in (1, 2, 5):
            if 4 * m * magnitude >= top:
                return 4 * m * magnitude
        magnitude *= 10


def columns(*, title: str, series: Sequence[Series], rows: Sequence[Row], lang: str) -> str:
    """Stacked columns, one per row (category), bottom to top in series order."""
    if not rows:
        return ""
    top = _nice(max(1, *(sum(r.values) for r in rows)))
    left, plot_top, plot_h = 40.0, LEGEND + 16.0, 180.0
    band = (WIDTH - left) / len(rows)
    every = max(1, round(len(rows) * 48 / (WIDTH - left)))  # keep x labels apart
    body = _legend(series)
    for i in range(5):
        y = plot_top + plot_h * i / 4
        body.append(f'<line x1="{left}" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e5e5"/>')
        body.append(_text(left - 6, y + 4, str(top - top * i // 4), anchor="end", fill="#616061"))
    for n, row in enumerate(rows):
        x, y = left + band * n + band * 0.2, plot_top + plot_h
        for s, value in zip(series, row.values, strict=True):
            h = plot_h * value / top
            y -= h
            if value:
                body.append(
                    _rect(x, y, band * 0.6, h, s.colour, f"{row.label} · {s.name}: {value}")
                )
        if sum(row.values):
            body.append(_text(x + band * 0.3, y - 4, str(sum(row.values)), anchor="middle"))
        if n % every == 0:
            label_y = plot_top + plot_h + 18
            body.append(_text(x + band * 0.3, label_y, row.label, anchor="middle", lang=row.lang))
    return _svg(title, plot_top + plot_h + 28, lang, body)


def bars(
    *,
    title: str,
    series: Sequence[Series],
    rows: Sequence[Row],
    lang: str,
    share: bool = False,
    label_width: float = 220,
) -> str:
    """Stacked horizontal bars, one per row; ``share``: each bar is its own total's parts."""
    if not rows:
        return ""
    top = max(1, *(sum(r.values) for r in rows))
    x0, room = label_width + 10, WIDTH - label_width - 10 - 110
    body = _legend(series)
    for n, row in enumerate(rows):
        y = LEGEND + 6 + n * ROW
        body.append(
            _text(label_width, y + 12, clip(row.label, label_width), anchor="end", lang=row.lang)
        )
        total, x = sum(row.values), x0
        for s, value in zip(series, row.values, strict=True):
            w = room * value / (total if share and total else top)
            if value:
                body.append(
                    _rect(x, y + 2, w, ROW - 8, s.colour, f"{row.label} · {s.name}: {value}")
                )
            x += w
        body.append(_text(x + 6, y + 12, row.note or str(total), fill="#616061"))
    return _svg(title, LEGEND + 12 + len(rows) * ROW, lang, body)


def mirror(*, title: str, left: Series, right: Series, rows: Sequence[Row], lang: str) -> str:
    """Two bars back to back per row: ``values[0]`` to the left, ``values[1]`` to the right."""
    if not rows:
        return ""
    label_width = 300.0
    top = max(1, *(max(r.values) for r in rows))
    centre = label_width + 20 + (WIDTH - label_width - 20) / 2
    half = (WIDTH - centre) - 30
    body = _legend([left], centre - 20 - text_width(left.name) - 17)
    body += _legend([right], centre + 20)
    for n, row in enumerate(rows):
        y = LEGEND + 6 + n * ROW
        body.append(
            _text(label_width, y + 12, clip(row.label, label_width), anchor="end", lang=row.lang)
        )
        a, b = row.values
        wa, wb = half * a / top, half * b / top
        if a:
            tip = f"{row.label} · {left.name}: {a}"
            body.append(_rect(centre - wa, y + 2, wa, ROW - 8, left.colour, tip))
        if b:
            body.append(
                _rect(centre, y + 2, wb, ROW - 8, right.colour, f"{row.label} · {right.name}: {b}")
            )
        body.append(_text(centre - wa - 5, y + 12, str(a), anchor="end", fill="#616061"))
        body.append(_text(centre + wb + 5, y + 12, str(b), fill="#616061"))
    axis_end = LEGEND + 6 + len(rows) * ROW
    body.append(
        f'<line x1="{centre:.1f}" x2="{centre:.1f}" y1="{LEGEND}" y2="{axis_end}" '
        'stroke="#1d1c1d"/>'
    )
    return _svg(title, axis_end + 6, lang, body)
