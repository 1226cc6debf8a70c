"""A ``Digest`` as a Markdown or HTML report, as JSON, and evidence rows as CSV.

Templates live in ``templates/`` beside this module and are read with
``importlib.resources``, rendered in a Jinja2 ``SandboxedEnvironment``: HTML is autoescaped;
Markdown is not, so user text goes through the ``md`` filter, which backslash-escapes the
characters Markdown reads as markup.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from importlib.resources import files
from typing import Any

from jinja2 import FunctionLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from bot.insights.render.lines import NAME_MAX, changes, conflict_text, day, persona_title
from bot.insights.render.summary import assumptions, persona_charts, summary
from bot.insights.render.words import answers, field_name, people, problems, word
from bot.insights.synthesis.languages import language_of
from bot.insights.synthesis.model import (
    Digest,
    FieldSummary,
    JobLine,
    PersonaSummary,
    Support,
    ThemeLine,
)
from bot.insights.synthesis.wording import group_name
from bot.slack.text import clip

__all__ = ["digest_json", "evidence_csv", "report_html", "report_markdown"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")
_SPACE = re.compile(r"\s+")
_LINK = re.compile(r"^https?://[^\s<>|()\[\]\"'`\\]+$", re.IGNORECASE)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def md(value: object) -> str:
    """User text made literal in Markdown, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", _SPACE.sub(" ", str(value)).strip())


def _template_source(name: str) -> str:
    return files("bot.insights.render").joinpath("templates", name).read_text(encoding="utf-8")


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FunctionLoader(_template_source),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md
    return env


_ENV = _environment()


def _support(support: Support, locale: str) -> dict[str, Any]:
    groups = ", ".join(group_name(locale, g) for g in support.groups)
    text = people(locale, support.people) + (f" ({groups})" if groups else "")
    warning = None
    if support.internal_only:
        who = "ask_focus_group" if support.suggest == "focus_group" else "ask_customers"
        warning = word(locale, "assumption", who=word(locale, who))
    return {"text": text, "assumption": warning}


def _change(change: str | None, locale: str) -> str | None:
    return word(locale, change) if change in ("new", "grown") else None


def _theme(line: ThemeLine, locale: str) -> dict[str, Any]:
    link = line.theme.quote_link
    quote = _SPACE.sub(" ", line.theme.quote).strip()
    return {
        "key": line.theme.key,
        "label": line.theme.label,
        "lang": line.theme.language or language_of(line.theme.label),
        "quote": quote,
        "quote_lang": language_of(quote),
        "link": link if link and _LINK.match(link) else None,
        "change": _change(line.change, locale),
        "support": _support(line.support, locale),
        "flag": False,
    }


def _field(f: FieldSummary, locale: str) -> dict[str, Any]:
    return {
        "name": field_name(locale, f.field),
        "facts": " · ".join(
            [
                word(locale, "confidence", level=word(locale, f.confidence)),
                people(locale, f.people),
                word(locale, "last_answer", date=day(f.last_answer)),
            ]
        ),
        "confidence": f.confidence,
        "stale": word(locale, "stale") if f.stale else None,
        "conflict": conflict_text(f.conflict, locale) if f.conflict else None,
        "by_group": [
            (group_name(locale, g), [(label, language_of(label)) for label in ls])
            for g, ls in f.by_group.items()
        ],
        "themes": [_theme(t, locale) for t in f.themes],
    }


def _heading(title: str, name: str) -> dict[str, str]:
    """The persona's title around its name, so that the name carries its own language."""
    before, found, after = title.partition(name) if name else (title, "", "")
    return {"before": before, "name": found, "name_lang": language_of(found), "after": after}


def _quote_once(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A theme raised in several fields is quoted, and its assumption spelled out, under the
    first one only; later ones keep a ⚠ beside the label (the page is for looking; the
    Markdown export keeps every quote)."""
    seen: set[str] = set()
    for f in fields:
        for theme in f["themes"]:
            if theme["key"] in seen:
                theme["quote"] = ""
                theme["flag"] = theme["support"]["assumption"] is not None
                theme["support"]["assumption"] = None
            seen.add(theme["key"])
    return fields


def _job(line: JobLine, locale: str) -> dict[str, Any]:
    codes = problems(locale, line.job.problems) if line.job.problems else ""
    return {
        "text": line.job.text,
        "lang": line.job.language or language_of(line.job.text),
        "change": _change(line.change, locale),
        "support": _support(line.support, locale),
        "problems": word(locale, "job_problems", codes=codes) if codes else None,
    }


def _persona(s: PersonaSummary, n: int, locale: str, lang: str, html: bool) -> dict[str, Any]:
    name = s.persona.name if s.persona else ""
    description = s.persona.description if s.persona else ""
    fields = [_field(f, locale) for f in s.fields]
    title = persona_title(s, locale)
    return {
        "id": f"persona-{n}",
        "title": title,
        "heading": _heading(title, clip(name, NAME_MAX) if name else ""),
        "negative": bool(s.persona and s.persona.negative),
        "description": description,
        "description_lang": language_of(description),
        "answers": answers(locale, s.answers),
        "assumptions": assumptions(s),
        "fields": _quote_once(fields) if html else fields,
        "jobs": [_job(j, locale) for j in s.jobs],
        "also_said": [
            (line.theme.label, line.theme.language or language_of(line.theme.label))
            for line in s.also_said
        ],
        "charts": persona_charts(s, locale, lang) if html else {},
    }


def _context(digest: Digest, locale: str, title: str | None, html: bool) -> dict[str, Any]:
    facts = [word(locale, "generated", date=day(digest.generated_at))]
    if digest.since is not None:
        facts.append(word(locale, "since", date=day(digest.since)))
    facts.append(answers(locale, digest.answers))
    lang = "ko" if locale.startswith("ko") else "en"
    return {
        "lang": lang,
        "title": title or word(locale, "title"),
        "facts": " · ".join(facts),
        "empty": digest.empty,
        "compared": digest.compared,
        "personas": [_persona(s, n, locale, lang, html) for n, s in enumerate(digest.personas, 1)],
        "summary": summary(digest, locale, lang) if html else {},
        "changes": changes(digest, locale, raw=True),
        "rates": [_rate(r.group, r.answered, r.prompts, r.answers, locale) for r in digest.rates],
        "unanswered": [(q, language_of(q)) for q in digest.unanswered],
        "w": {k: word(locale, k) for k in _WORDS},
    }


_WORDS = (
    "no_answers",
    "changed",
    "nothing_changed",
    "first_digest",
    "jobs",
    "rates",
    "unanswered",
    "by_group",
    "also_said",
)


def _rate(group: str, answered: int, prompts: int, answers: int, locale: str) -> str:
    pct = round(100 * answered / prompts) if prompts else 0
    name = group_name(locale, group)
    return word(
        locale, "rate", group=name, answered=answered, prompts=prompts, pct=pct, answers=answers
    )


def report_markdown(digest: Digest, *, locale: str = "en", title: str | None = None) -> str:
    """The digest as a Markdown document (user text escaped)."""
    return _ENV.get_template("report.md.j2").render(_context(digest, locale, title, False))


def report_html(digest: Digest, *, locale: str = "en", title: str | None = None) -> str:
    """The digest as a self-contained HTML page: a summary with charts on top (inline SVG),
    then one card per persona with its own charts; every block of user text carries its own
    ``lang``."""
    return _ENV.get_template("report.html.j2").render(_context(digest, locale, title, True))


def _cell(value: object) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return value
    text = value.isoformat() if isinstance(value, datetime | date) else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def evidence_csv(
    rows: Sequence[Mapping[str, object]], *, columns: Sequence[str] | None = None
) -> str:
    """Rows as RFC 4180 CSV. Columns: ``columns`` if given, else the keys in the order the
    rows first name them. Text cells that a spreadsheet would run as a formula (starting
    with = + - @, tab or CR) get a leading apostrophe; numbers are written as numbers."""
    names = (
        list(columns) if columns is not None else list(dict.fromkeys(k for r in rows for k in r))
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_cell(n) for n in names])
    for row in rows:
        writer.writerow([_cell(row.get(n)) for n in names])
    return out.getvalue()


def _plain_data(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain_data(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(_plain_data(v) for v in value)  # type: ignore[type-var]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def digest_json(digest: Digest) -> str:
    """The digest as JSON: dataclasses as objects, datetimes in ISO 8601, keys sorted."""
    return json.dumps(_plain_data(digest), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
