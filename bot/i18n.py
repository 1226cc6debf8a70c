"""personabot's one message catalog: every word a Slack user reads, in English and Korean.

The source text is English and is the gettext message id; ``bot/locales/ko/LC_MESSAGES/
personabot.po`` holds the Korean. Babel compiles the ``.po`` in memory on first use, so
there is no build step and no binary file to keep in step.

- ``t(locale, "Persona {name} is archived.", name=n)``: translate, then ``str.format``.
- ``nt(locale, "{n} answer", "{n} answers", n)``: the plural form for ``n`` (``n=`` is
  passed to ``format`` for you).
- ``N_("Pains")``: marks text to translate later with ``t(locale, text)``, for tables built
  at import time.
- ``Text("…", **values)``: text to translate later, where the locale is not known yet
  (errors raised deep in the domain; see ``bot.errors.UserError``).

``python -m bot.i18n update`` extracts the messages from the source and rewrites the
``.po`` (keeping every translation); ``tests/bot/test_catalog.py`` fails when a message has
no Korean, or when a translation loses or invents a ``{placeholder}``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from questions import LOCALES as BANK_LOCALES

LOCALES = BANK_LOCALES  # the catalog speaks the languages the question banks are written in
DOMAIN = "personabot"
CATALOG_DIR = Path(__file__).parent / "locales"
# How the extractor finds messages: function name -> which arguments are message ids.
KEYWORDS: dict[str, Any] = {
    "t": (2,),
    "nt": (2, 3),
    "N_": None,
    "Text": None,
    "UserError": None,
}
SOURCE_DIRS = ("bot", "handlers")
_STABLE_DATE = datetime(2026, 11, 23, tzinfo=UTC)


def _language(value: str | None) -> str:
    """The language part of a locale: "ko-KR", "ko_KR" and "KO" read as "ko"."""
    return (value or "").replace("_", "-").split("-")[0].lower()


def locale_of(value: str | None) -> str:
    """The catalog's locale for ``value``: "ko-KR" reads as "ko"; unknown is "en"."""
    return _language(value) if supported(value) else "en"


def supported(value: str | None) -> bool:
    """Whether ``value`` (a Slack locale such as "fr-FR") has a catalog of its own."""
    return _language(value) in LOCALES


def po_path(locale: str) -> Path:
    return CATALOG_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(locale: str) -> NullTranslations:
    """The compiled translations of ``locale`` (English is the source text itself)."""
    code = locale_of(locale)
    if code == "en":
        return NullTranslations()
    with po_path(code).open("rb") as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def _format(text: str, values: Mapping[str, object], locale: str) -> str:
    if not values:
        return text
    shown = {k: v.render(locale) if isinstance(v, Text) else v for k, v in values.items()}
    return text.format(**shown)


def t(locale: str, message: str, /, **values: object) -> str:
    """``message`` in ``locale``, formatted with ``values`` (``Text`` values are translated)."""
    return _format(translations(locale).gettext(message), values, locale)


def nt(locale: str, singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form of ``singular``/``plural`` for ``n`` in ``locale``, formatted with ``n``."""
    return _format(translations(locale).ngettext(singular, plural, n), {"n": n, **values}, locale)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog; translate it later with ``t(locale, message)``."""
    return message


@dataclass(frozen=True)
class Text:
    """A message whose locale is not known yet: ``render(locale)`` translates it."""

    message: str
    values: Mapping[str, object] = field(default_factory=dict)

    def __init__(self, message: str, /, **values: object) -> None:
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "values", values)

    def render(self, locale: str) -> str:
        return t(locale, self.message, **self.values)

    def __str__(self) -> str:
        return self.render("en")


def extract() -> Iterator[tuple[str, int, str | tuple[str, ...], list[str]]]:
    """(file, line, message, translator comments) for every message in the source."""
    from babel.messages.extract import extract_from_dir

    root = Path(__file__).parent.parent
    for directory in SOURCE_DIRS:
        found = extract_from_dir(
            root / directory,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True,
        )
        for filename, lineno, message, comments, _context in found:
            yield f"{directory}/{filename}", lineno, message, comments


def update(extra: list[Path] | None = None) -> tuple[int, int]:
    """Rewrite each ``.po`` from the source, keeping its translations and taking any given in
    the ``extra`` ``.po`` files; returns (messages, untranslated)."""
    with _locked():
        return _update(extra or [])


@contextmanager
def _locked() -> Iterator[None]:
    """One update at a time: two people (or helpers) updating at once would lose messages."""
    import fcntl

    CATALOG_DIR.mkdir(parents=True, exist_ok=True)
    with (CATALOG_DIR / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _update(extra: list[Path]) -> tuple[int, int]:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    template = Catalog(domain=DOMAIN, project="personabot")
    for filename, lineno, text, comments in extract():
        template.add(text, locations=[(filename, lineno)], auto_comments=comments)
    entries = [entry for entry in template if entry.id]
    untranslated = 0
    for locale in LOCALES[1:]:
        path = po_path(locale)
        known: dict[object, object] = {}
        for source in [path, *extra]:
            if source.exists():
                with source.open("rb") as po:
                    for entry in read_po(po, locale=locale):
                        if entry.id and entry.string and not entry.fuzzy:
                            known[entry.id] = entry.string
        catalog = Catalog(
            locale=locale,
            domain=DOMAIN,
            header_comment=f"# personabot's messages in {locale}: `python -m bot.i18n update`.",
            project="personabot",
            version="0.1.0",
            copyright_holder="personabot",
            msgid_bugs_address="personabot",
            last_translator="personabot",
            language_team="personabot",
            fuzzy=False,
        )
        catalog.creation_date = catalog.revision_date = _STABLE_DATE  # no churn in diffs
        for entry in entries:
            empty: object = "" if isinstance(entry.id, str) else ("",) * catalog.num_plurals
            string = known.get(entry.id, empty)
            catalog.add(
                entry.id,
                string,  # type: ignore[arg-type]
                locations=entry.locations,
                auto_comments=entry.auto_comments,
            )
            untranslated += not _translated(string)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as po:
            write_po(po, catalog, width=100, omit_header=False)
    translations.cache_clear()
    return len(entries), untranslated


def _translated(string: object) -> bool:
    if isinstance(string, str):
        return bool(string)
    return isinstance(string, (tuple, list)) and all(string)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bot.i18n")
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("update", help="extract messages and rewrite the .po files")
    up.add_argument("extra", nargs="*", type=Path, help=".po files with more translations")
    args = parser.parse_args(argv)
    messages, missing = update(args.extra)
    print(f"{messages} messages, {missing} without a Korean translation")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
