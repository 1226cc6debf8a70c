"""The HTML report's summary and charts, from a ``Digest``: the figures a reader looks at
before reading (personas, answers, people and groups, assumptions to check, response
rates), answers per group over the last weeks, and per persona the people of each group
behind each field and internal teams against customers on the top claims.

Charts are inline SVG from ``charts``; internal groups are drawn in warm colours and
customer groups in cool ones, in every chart, so the mirror reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, timedelta
from typing import Any

from bot.i18n import N_, nt, t
from bot.insights.render import charts
from bot.insights.render.charts import Row, Series
from bot.insights.render.lines import day
from bot.insights.render.words import field_name, people
from bot.insights.synthesis.languages import language_of
from bot.insights.synthesis.model import Digest, PersonaSummary
from bot.insights.synthesis.wording import group_name
from questions import CUSTOMER_GROUPS, INTERNAL_GROUPS

__all__ = ["persona_charts", "summary"]

WEEKS = 12  # the weekly chart shows this many weeks, ending with the digest's own
TOP_CLAIMS = 8  # claims in a persona's mirror chart
COLOURS = {
    "marketing": "#e8a33d",
    "sales": "#c8553d",
    "customer_success": "#9c6644",
    "leadership": "#7a4e8c",
    "customers": "#2a9d8f",
    "focus_group": "#3a6ea5",
    "": "#a0a0a0",
}
INTERNAL_COLOUR = "#d9822b"
CUSTOMER_COLOUR = "#2a9d8f"
NOT_ANSWERED = "#dddddd"
_ORDER = {g: i for i, g in enumerate((*INTERNAL_GROUPS, *CUSTOMER_GROUPS))}

_WORDS = {
    "summary": N_("Summary"),
    "weekly": N_("Answers per group, by week"),
    "rates": N_("Prompts answered per group since {date}"),
    "rates_all": N_("Prompts answered per group"),
    "fields": N_("Who answered on each field (people per group)"),
    "mirror": N_("Internal teams and customers behind the top claims (people)"),
    "internal": N_("internal teams"),
    "customers": N_("customers and focus groups"),
    "answered": N_("answered"),
    "not_answered": N_("not answered"),
    "unknown_group": N_("group unknown"),
    "rate_note": N_("{answered}/{prompts} · {pct}%"),
    "response_rate": N_("response rate"),
    "no_prompts": N_("no prompts asked since {date}"),
    "personas_link": N_("Personas in this report"),
}


def _w(locale: str, key: str, **values: object) -> str:
    return t(locale, _WORDS[key], **values)


def _group(locale: str, group: str) -> str:
    return group_name(locale, group) if group else _w(locale, "unknown_group")


def _keys(groups: Iterable[str]) -> list[str]:
    """Internal groups first, then customer groups, then others; unknown last."""
    return sorted(set(groups), key=lambda g: (g == "", _ORDER.get(g, len(_ORDER)), g))


def _series(locale: str, groups: Sequence[str]) -> list[Series]:
    return [Series(_group(locale, g), COLOURS.get(g, COLOURS[""])) for g in groups]


def assumptions(s: PersonaSummary) -> int:
    """The claims and job statements of the persona the report flags as assumptions."""
    themes = {line.theme.key for line in s.themes if line.support.internal_only}
    themes |= {line.theme.key for f in s.fields for line in f.themes if line.support.internal_only}
    return len(themes) + sum(1 for j in s.jobs if j.support.internal_only)


def _weekly(digest: Digest, locale: str, lang: str) -> str:
    today = digest.generated_at.astimezone(UTC).date()  # the digest's weeks are UTC weeks
    last = today - timedelta(days=today.weekday())
    first = max(
        min((c.week for c in digest.weeks), default=last), last - timedelta(weeks=WEEKS - 1)
    )
    weeks = [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]
    shown = [c for c in digest.weeks if first <= c.week <= last]
    if not shown:
        return ""
    groups = _keys(c.group for c in shown)
    counts: dict[tuple[date, str], int] = {(c.week, c.group): c.answers for c in shown}
    rows = [Row(f"{w:%m-%d}", tuple(counts.get((w, g), 0) for g in groups)) for w in weeks]
    title = _w(locale, "weekly")
    return charts.columns(title=title, series=_series(locale, groups), rows=rows, lang=lang)


def _rates(digest: Digest, locale: str, lang: str, title: str) -> str:
    rows = [
        Row(
            _group(locale, r.group),
            (r.answered, r.prompts - r.answered),
            note=_w(
                locale,
                "rate_note",
                answered=r.answered,
                prompts=r.prompts,
                pct=round(100 * r.answered / r.prompts) if r.prompts else 0,
            ),
        )
        for r in sorted(digest.rates, key=lambda r: (_ORDER.get(r.group, len(_ORDER)), r.group))
    ]
    series = [
        Series(_w(locale, "answered"), CUSTOMER_COLOUR),
        Series(_w(locale, "not_answered"), NOT_ANSWERED),
    ]
    return charts.bars(title=title, series=series, rows=rows, lang=lang, share=True)


def _tile(n: object, label: str) -> dict[str, object]:
    return {"n": str(n), "label": label, "warn": False, "note": ""}


def summary(digest: Digest, locale: str, lang: str) -> dict[str, Any]:
    """The figures on top of the report, with the weekly and response-rate charts."""
    named = [s for s in digest.personas if s.persona is not None]
    prompts = sum(r.prompts for r in digest.rates)
    answered = sum(r.answered for r in digest.rates)
    flagged = sum(assumptions(s) for s in digest.personas)
    tiles = [
        _tile(len(named), nt(locale, "persona", "personas", len(named))),
        _tile(digest.answers, nt(locale, "answer", "answers", digest.answers)),
        _tile(digest.people, nt(locale, "person", "people", digest.people)),
        _tile(len(digest.groups), nt(locale, "group", "groups", len(digest.groups))),
        _tile(flagged, nt(locale, "assumption to check", "assumptions to check", flagged)),
    ]
    tiles[-1]["warn"] = flagged > 0
    since = day(digest.rates_since)
    if prompts:
        tiles.append(_tile(f"{round(100 * answered / prompts)}%", _w(locale, "response_rate")))
    else:
        tiles.append(_tile("—", _w(locale, "response_rate")))
        tiles[-1]["note"] = _w(locale, "no_prompts", date=since)
    rates_title = _w(locale, "rates", date=since) if since else _w(locale, "rates_all")
    return {
        "heading": _w(locale, "summary"),
        "tiles": tiles,
        "weekly": _weekly(digest, locale, lang),
        "weekly_title": _w(locale, "weekly"),
        "rates": _rates(digest, locale, lang, rates_title) if digest.rates else "",
        "rates_title": rates_title,
        "personas_title": _w(locale, "personas_link"),
    }


def persona_charts(s: PersonaSummary, locale: str, lang: str) -> dict[str, str]:
    """The persona's two charts (``""`` when there is nothing to draw) and their titles."""
    groups = _keys(g for f in s.fields for g in f.group_people)
    field_rows = [
        Row(
            field_name(locale, f.field),
            tuple(f.group_people.get(g, 0) for g in groups),
            note=people(locale, f.people),
        )
        for f in s.fields
    ]
    mirror_rows = [
        Row(
            line.theme.label,
            (line.support.internal, line.support.customers),
            lang=line.theme.language or language_of(line.theme.label),
        )
        for line in s.themes[:TOP_CLAIMS]
    ]
    return {
        "fields": charts.bars(
            title=_w(locale, "fields"),
            series=_series(locale, groups),
            rows=field_rows,
            lang=lang,
        ),
        "fields_title": _w(locale, "fields"),
        "mirror": charts.mirror(
            title=_w(locale, "mirror"),
            left=Series(_w(locale, "internal"), INTERNAL_COLOUR),
            right=Series(_w(locale, "customers"), CUSTOMER_COLOUR),
            rows=mirror_rows,
            lang=lang,
        ),
        "mirror_title": _w(locale, "mirror"),
    }
