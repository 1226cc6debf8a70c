"""Slack Web API method catalogue: each method's HTTP verbs and required arguments.

The fake reads ``slack_methods.json`` beside this file, so the tests need nothing outside
the repository. That file is derived from Slack's published OpenAPI (v2) spec
(``slack-api-specs/web-api/slack_web_openapi_v2_without_examples.json``, MIT licensed) by
``python -m tests.slackfake.derive_methods``, which looks for the spec in ``$SLACK_API_SPECS`` or
``<repo>/../shared/slack-api-specs`` and rewrites the file; ``test_fake_slack.py`` checks
that the file still matches the spec whenever the spec is at hand.

The spec dates from 2020 and is lax about required arguments, so a few corrections are
applied on top of it (see ``_CORRECTIONS``; they are marked ``"corrected": true`` in the
file):

* ``files.getUploadURLExternal`` (filename, length) and ``files.completeUploadExternal``
  (files) are added; so is ``apps.connections.open`` (Socket Mode, app-level token).
* ``views.open`` / ``views.push`` / ``views.update`` / ``views.publish`` are POST-only
  (the spec lists them as GET).
* Arguments Slack really requires but the spec leaves optional: ``conversations.replies``
  (channel, ts), ``conversations.history`` / ``conversations.info`` /
  ``conversations.join`` (channel), ``chat.delete`` (channel, ts), ``users.info`` (user),
  ``views.update`` (view).
* ``oauth.v2.access`` requires ``code`` only without ``grant_type=refresh_token`` (token
  rotation), so the fake's method checks it, not the spec.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

SPEC_FILE = Path("web-api") / "slack_web_openapi_v2_without_examples.json"
DATA_FILE = Path(__file__).with_name("slack_methods.json")
_SOURCE = (
    f"slack-api-specs/{SPEC_FILE.as_posix()} with the corrections in tests/slackfake/spec.py; "
    "regenerate with: python -m tests.slackfake.derive_methods"
)


@dataclass(frozen=True)
class MethodSpec:
    """One Web API method: the HTTP verbs it accepts and its required arguments."""

    name: str
    http_methods: frozenset[str]
    required: tuple[str, ...]
    corrected: bool = False

    @property
    def post_only(self) -> bool:
        return self.http_methods == frozenset({"POST"})


@dataclass(frozen=True)
class _Correction:
    http_methods: frozenset[str] | None = None
    required: tuple[str, ...] | None = None


_POST = frozenset({"POST"})
_GET_POST = frozenset({"GET", "POST"})

_CORRECTIONS: dict[str, _Correction] = {
    "files.getUploadURLExternal": _Correction(_GET_POST, ("filename", "length")),
    "files.completeUploadExternal": _Correction(_POST, ("files",)),
    "apps.connections.open": _Correction(_POST, ()),
    "views.open": _Correction(_POST, None),
    "views.push": _Correction(_POST, None),
    "views.update": _Correction(_POST, ("view",)),
    "views.publish": _Correction(_POST, None),
    "conversations.replies": _Correction(None, ("channel", "ts")),
    "conversations.history": _Correction(None, ("channel",)),
    "conversations.info": _Correction(None, ("channel",)),
    "conversations.join": _Correction(None, ("channel",)),
    "chat.delete": _Correction(None, ("channel", "ts")),
    "users.info": _Correction(None, ("user",)),
    # code only for the authorization code grant: a token refresh sends refresh_token instead
    "oauth.v2.access": _Correction(None, ()),
}


class SpecNotFoundError(RuntimeError):
    pass


def spec_path() -> Path:
    """Where Slack's OpenAPI file is looked for (``SLACK_API_SPECS`` names the directory)."""
    override = os.environ.get("SLACK_API_SPECS")
    if override:
        return Path(override) / SPEC_FILE
    # tests/slackfake/spec.py -> parents[2] is the repo root; its parent may hold "shared".
    return Path(__file__).resolve().parents[3] / "shared" / "slack-api-specs" / SPEC_FILE


def derive(path: Path) -> dict[str, MethodSpec]:
    """The catalogue from Slack's OpenAPI file at ``path``, corrections applied."""
    if not path.is_file():
        raise SpecNotFoundError(
            f"Slack's OpenAPI spec is not at {path}: set SLACK_API_SPECS to the "
            "slack-api-specs directory (github.com/slackapi/slack-api-specs)"
        )
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    methods: dict[str, MethodSpec] = {}
    for route, operations in raw["paths"].items():
        name = route.lstrip("/")
        verbs: set[str] = set()
        required: list[str] = []
        for verb, operation in operations.items():
            verbs.add(verb.upper())
            for param in operation.get("parameters", []):
                param_name = param.get("name")
                if param.get("required") and param_name != "token" and param_name not in required:
                    required.append(param_name)
        methods[name] = MethodSpec(name, frozenset(verbs), tuple(required))
    for name, fix in _CORRECTIONS.items():
        current = methods.get(name)
        methods[name] = MethodSpec(
            name,
            fix.http_methods or (current.http_methods if current else _POST),
            fix.required if fix.required is not None else (current.required if current else ()),
            corrected=True,
        )
    return methods


def to_json(methods: dict[str, MethodSpec]) -> str:
    """The data file's text: one method a line, sorted, so a regeneration diffs cleanly."""
    lines = []
    for name in sorted(methods):
        spec = methods[name]
        entry: dict[str, Any] = {"http": sorted(spec.http_methods), "required": spec.required}
        if spec.corrected:
            entry["corrected"] = True
        lines.append(f"    {json.dumps(name)}: {json.dumps(entry)}")
    body = ",\n".join(lines)
    return f'{{\n  "source": {json.dumps(_SOURCE)},\n  "methods": {{\n{body}\n  }}\n}}\n'


def from_json(text: str) -> dict[str, MethodSpec]:
    data: dict[str, Any] = json.loads(text)
    return {
        name: MethodSpec(
            name,
            frozenset(entry["http"]),
            tuple(entry["required"]),
            corrected=bool(entry.get("corrected", False)),
        )
        for name, entry in data["methods"].items()
    }


@lru_cache(maxsize=1)
def load_methods() -> dict[str, MethodSpec]:
    """All known methods by name, from ``slack_methods.json`` (read once per process)."""
    return from_json(DATA_FILE.read_text(encoding="utf-8"))
