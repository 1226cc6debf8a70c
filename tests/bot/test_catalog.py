"""The message catalog is whole: every message in the source has Korean, with the same
placeholders, and is written so that the extractor can find it."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot import i18n
from bot.errors import UserError
from bot.i18n import N_, Text, nt, t

ROOT = Path(__file__).resolve().parents[2]


def _catalog() -> dict[object, object]:
    with i18n.po_path("ko").open("rb") as po:
        return {m.id: m for m in read_po(po, locale="ko") if m.id}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_in_the_source_is_in_the_catalog_and_nothing_else_is() -> None:
    source = {message for _, _, message, _ in i18n.extract()}
    catalog = set(_catalog())
    missing = sorted(map(str, source - catalog))
    stale = sorted(map(str, catalog - source))
    assert not missing, f"run `python -m bot.i18n update`; not in the catalog: {missing[:5]}"
    assert not stale, f"run `python -m bot.i18n update`; no longer in the source: {stale[:5]}"


def test_every_message_has_korean_with_the_same_placeholders() -> None:
    """Korean keeps every placeholder; it may use more only where a translator comment in
    the source offers them (Korean particles such as ``{p1}``)."""
    problems = []
    for message_id, message in _catalog().items():
        ids = message_id if isinstance(message_id, tuple) else (message_id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
        if message.fuzzy or not all(strings):  # type: ignore[attr-defined]
            problems.append(f"no Korean: {ids[0]!r}")
            continue
        wanted = set().union(*(_fields(i) for i in ids)) - {"n"}
        offered = set(re.findall(r"\{(\w+)\}", " ".join(message.auto_comments)))  # type: ignore[attr-defined]
        for text in strings:
            used = _fields(text) - {"n"}
            if not wanted <= used or not used <= wanted | offered:
                problems.append(f"placeholders differ: {ids[0]!r} -> {text!r}")
    assert not problems, "\n".join(problems[:10])


def _calls(tree: ast.AST) -> list[tuple[ast.Call, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in i18n.KEYWORDS:
                found.append((node, name))
    return found


def test_messages_are_literal_so_the_extractor_sees_them() -> None:
    """An f-string or a concatenation in ``t(...)`` would never reach the catalog."""
    problems = []
    for directory in i18n.SOURCE_DIRS:
        for path in sorted((ROOT / directory).rglob("*.py")):
            for call, name in _calls(ast.parse(path.read_text(encoding="utf-8"))):
                spec = i18n.KEYWORDS[name] or (1,)
                for position in spec:
                    if len(call.args) < position:
                        continue
                    arg = call.args[position - 1]
                    literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                    # a name holds text marked elsewhere (N_ tables, a message passed on)
                    deferred = isinstance(arg, ast.Name | ast.Attribute | ast.Subscript)
                    if not (literal or deferred) and not isinstance(arg, ast.Starred):
                        where = f"{path.relative_to(ROOT)}:{call.lineno}"
                        problems.append(f"{where}: {name}() message is not a literal")
    assert not problems, "\n".join(problems)


def test_translations_format_their_values() -> None:
    assert t("en", "{n} people", n=3) == f"{3} people"
    assert nt("en", "{n} answer", "{n} answers", 1) == "1 answer"
    assert nt("en", "{n} answer", "{n} answers", 2) == "2 answers"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ko-KR", "ko"),
        ("ko_KR", "ko"),
        ("KO", "ko"),
        ("en-GB", "en"),
        ("fr-FR", "en"),
        (None, "en"),
    ],
)
def test_slack_locales_map_onto_the_catalog(value: str | None, expected: str) -> None:
    assert i18n.locale_of(value) == expected


def test_errors_are_translated_when_shown() -> None:
    error = UserError(
        "Only workspace admins and owners (or users listed in PERSONABOT_ADMINS) can do that."
    )
    assert str(error).startswith("Only workspace admins")
    korean = error.render("ko")
    assert korean != str(error)
    assert re.search("[가-힣]", korean)


def test_deferred_text_is_rendered_in_the_locale_it_is_shown_in() -> None:
    label = N_("Pains")
    assert t("en", label) == "Pains"
    assert re.search("[가-힣]", t("ko", label))
    assert Text("{n} people", n=2).render("en") == "2 people"
