"""Slack Web API method catalogue, read from Slack's published OpenAPI (v2) spec.

The spec lives beside the repository, at
``<repo>/../shared/slack-api-specs/web-api/slack_web_openapi_v2_without_examples.json``;
set ``SLACK_API_SPECS`` to the ``slack-api-specs`` directory to use another copy.
It is read once per process.

The spec dates from 2020 and is lax about required arguments, so a few corrections are
applied on top of it (see ``_CORRECTIONS``):

* ``files.getUploadURLExternal`` (filename, length) and ``files.completeUploadExternal``
  (files) are added; so is ``apps.connections.open`` (Socket Mode, app-level token).
* ``views.open`` / ``views.push`` / ``views.update`` / ``views.publish`` are POST-only
  (the spec lists them as GET).
* Arguments Slack really requires but the spec leaves optional: ``conversations.replies``
  (channel, ts), ``conversations.history`` / ``conversations.info`` /
  ``conversations.join`` (channel), ``chat.delete`` (channel, ts), ``users.info`` (user),
  ``views.update`` (view).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

SPEC_FILE = Path("web-api") / "slack_web_openapi_v2_without_examples.json"


@dataclass(frozen=True)
class MethodSpec:
    """One Web API method: the HTTP verbs it accepts and its required arguments."""

    name: str
    http_methods: frozenset[str]
    required: tuple[str, ...]

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
}


def spec_path() -> Path:
    """Where the OpenAPI file is expected (``SLACK_API_SPECS`` overrides the directory)."""
    override = os.environ.get("SLACK_API_SPECS")
    if override:
        return Path(override) / SPEC_FILE
    # tests/slackfake/spec.py -> parents[2] is the repo root; its parent holds "shared".
    return Path(__file__).resolve().parents[3] / "shared" / "slack-api-specs" / SPEC_FILE


class SpecNotFoundError(RuntimeError):
    pass


@lru_cache(maxsize=4)
def _load(path: Path) -> dict[str, MethodSpec]:
    if not path.is_file():
        raise SpecNotFoundError(
            f"Slack OpenAPI spec not found at {path}. Put slack-api-specs beside the repo "
            "(../shared/slack-api-specs) or set SLACK_API_SPECS to its directory."
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
        )
    return methods


def load_methods() -> dict[str, MethodSpec]:
    """All known methods by name (cached per spec path)."""
    return _load(spec_path())
