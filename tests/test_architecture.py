"""The layering DESIGN.md asks for, read from the code's own imports.

- ``handlers`` -> ``bot`` -> ``storage``, ``questions``; never back; no import cycles, between
  modules or between ``bot``'s domain packages.
- Each domain package of ``bot`` says in its ``__init__`` docstring what it may import
  (``May import: ...``); its modules import no other part of personabot.
- Pure synthesis, rendering and views import neither storage nor Slack's Web API.
- Handlers make no Web API call themselves: ``bot`` owns every one.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIRST_PARTY = ("bot", "handlers", "storage", "questions")
TOP_LEVEL = {  # package -> first-party packages it may import
    "handlers": {"bot", "storage", "questions"},
    "bot": {"storage", "questions"},
    "storage": set(),
    "questions": set(),
}
SLACK_FREE = {"storage", "questions"}  # know nothing of Slack
SLACK = ("slack_sdk", "slack_bolt")
# Pure: answers in, digest or Block Kit out. Only these third-party roots are allowed
# (Block Kit models are data, not the Web API).
PURE = ("bot.insights.synthesis", "bot.insights.render", "bot.home.view", "bot.setup.view",
        "bot.setup.workspace_view")  # fmt: skip
PURE_THIRD_PARTY = ("jinja2", "slack_sdk.models", "babel", "numpy", "scipy", "sklearn", "kiwipiepy")
PURE_FIRST_PARTY = ("bot.i18n", "bot.slack.text", "bot.slack.limits", "bot.slack.words",
                    "bot.slack.blocks", "bot.setup.fields", "bot.setup.timezones",
                    "questions")  # fmt: skip
WEB_API = re.compile(
    r"^(api_call|auth_|chat_|conversations_|files_|reactions_|users_|views_|team_|apps_|pins_"
    r"|bookmarks_|usergroups_|dnd_|emoji_|search_|oauth_)"
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for top in FIRST_PARTY:
        for path in (ROOT / top).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            found[_module_name(path)] = path
    return found


@cache
def imports_of(module: str) -> frozenset[str]:
    """Every module name ``module`` imports (``from a.b import c`` gives ``a.b`` and, when it
    is a module of ours, ``a.b.c``)."""
    path = modules()[module]
    names: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            names.add(base)
            names |= {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules()}
    return frozenset(names)


def first_party(module: str) -> set[str]:
    return {n for n in imports_of(module) if n.split(".")[0] in FIRST_PARTY}


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def domain_packages() -> list[str]:
    return sorted(
        m
        for m, p in modules().items()
        if m.count(".") == 1 and m.startswith("bot.") and p.name == "__init__.py"
    )


def allowed_imports(package: str) -> set[str]:
    doc = ast.get_docstring(ast.parse(modules()[package].read_text(encoding="utf-8"))) or ""
    match = re.search(r"May import:(.*?)(?:\.\s*$|\n\n|$)", doc, re.S)
    assert match, f"{package}/__init__.py must say what it may import ('May import: ...')"
    return {w.strip(" .`") for w in re.split(r"[,\s]+", match.group(1)) if w.strip(" .`")}


# --- tests -------------------------------------------------------------------------------


@pytest.mark.parametrize("package", sorted(TOP_LEVEL))
def test_top_level_packages_respect_the_layers(package: str) -> None:
    offenders = {}
    for module in modules():
        if not _within(module, package):
            continue
        bad = {
            n for n in first_party(module) if n.split(".")[0] not in TOP_LEVEL[package] | {package}
        }
        if package in SLACK_FREE:
            bad |= {n for n in imports_of(module) if n.split(".")[0] in (*SLACK, "handlers", "bot")}
        if bad:
            offenders[module] = sorted(bad)
    assert offenders == {}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_between_modules() -> None:
    graph = {m: {n for n in first_party(m) if n in modules() and n != m} for m in modules()}
    # a package's __init__ is imported by each of its modules: ignore that edge
    graph = {m: {n for n in deps if not _within(m, n)} for m, deps in graph.items()}
    assert _cycles(graph) == []


def test_no_cycles_between_domain_packages() -> None:
    def package_of(module: str) -> str:
        return ".".join(module.split(".")[:2])

    graph: dict[str, set[str]] = {}
    for module in modules():
        if module.startswith("bot."):
            graph.setdefault(package_of(module), set()).update(
                package_of(n)
                for n in first_party(module)
                if n.startswith("bot.") and package_of(n) != package_of(module)
            )
    assert _cycles(graph) == []


def test_every_domain_package_says_what_it_owns_and_may_import() -> None:
    assert len(domain_packages()) >= 6
    for package in domain_packages():
        doc = ast.get_docstring(ast.parse(modules()[package].read_text(encoding="utf-8")))
        assert doc, f"{package} needs a docstring"
        assert len(doc.splitlines()) >= 2, f"{package}: say what it owns, then what it may import"
        assert allowed_imports(package)


def _declared_imports() -> Iterator[tuple[str, str]]:
    for package in domain_packages():
        allowed = allowed_imports(package) | {package}
        for module in modules():
            if not _within(module, package):
                continue
            for name in first_party(module):
                if not any(_within(name, ok) for ok in allowed):
                    yield module, name


def test_domain_packages_import_only_what_they_declare() -> None:
    assert sorted(set(_declared_imports())) == []


def test_pure_modules_import_neither_storage_nor_the_web_api() -> None:
    offenders = {}
    for module in modules():
        if not any(_within(module, p) for p in PURE):
            continue
        bad = set()
        for name in imports_of(module):
            root = name.split(".")[0]
            if root in FIRST_PARTY:
                ok = any(_within(name, p) for p in (*PURE, *PURE_FIRST_PARTY)) or name == "bot"
            else:
                ok = root not in ("sqlalchemy", "slack_bolt", "slack_sdk") or any(
                    _within(name, p) for p in PURE_THIRD_PARTY
                )
            if not ok:
                bad.add(name)
        if bad:
            offenders[module] = sorted(bad)
    assert offenders == {}


def test_handlers_make_no_web_api_calls() -> None:
    calls = []
    for module, path in modules().items():
        if not _within(module, "handlers"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and WEB_API.match(node.func.attr)
            ):
                calls.append(f"{module}:{node.lineno} {node.func.attr}")
    assert calls == []


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
