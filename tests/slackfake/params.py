"""Request parameters and pagination shared by the method implementations."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any

from tests.slackfake.state import ApiError, Workspace, is_valid_ts


class Params:
    """Typed access to request parameters (form strings or JSON values)."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def text(self, key: str) -> str | None:
        value = self.raw.get(key)
        return None if value is None else str(value)

    def need(self, key: str, error: str = "invalid_arguments") -> str:
        value = self.text(key)
        if not value:
            raise ApiError(error)
        return value

    def flag(self, key: str) -> bool:
        value = self.raw.get(key)
        if isinstance(value, bool):
            return value
        return str(value).lower() in {"1", "true"}

    def number(self, key: str, default: int) -> int:
        value = self.raw.get(key)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ApiError("invalid_arguments") from None

    def json_list(self, key: str, error: str) -> list[Any] | None:
        value = self.raw.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, list):
            raise ApiError(error)
        return value

    def json_dict(self, key: str) -> dict[str, Any]:
        value = self.raw.get(key)
        if not isinstance(value, dict):
            raise ApiError("invalid_arguments")
        return value


Handler = Callable[[Workspace, Params], dict[str, Any]]


# -- pagination ---------------------------------------------------------------------


def paginate(items: list[Any], p: Params, default_limit: int) -> tuple[list[Any], str]:
    cursor = p.text("cursor") or ""
    offset = 0
    if cursor:
        try:
            kind, _, number = base64.b64decode(cursor, validate=True).decode().partition(":")
            offset = int(number)
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise ApiError("invalid_cursor") from None
        if kind != "offset" or offset < 0:
            raise ApiError("invalid_cursor")
    limit = p.number("limit", default_limit)
    limit = default_limit if limit <= 0 else min(limit, 1000)
    page = items[offset : offset + limit]
    more = offset + limit < len(items)
    next_cursor = base64.b64encode(f"offset:{offset + limit}".encode()).decode() if more else ""
    return page, next_cursor


def paged(key: str, page: list[Any], next_cursor: str) -> dict[str, Any]:
    return {
        key: page,
        "has_more": bool(next_cursor),
        "response_metadata": {"next_cursor": next_cursor},
    }


def thread_ts_param(p: Params) -> str | None:
    thread_ts = p.text("thread_ts")
    if thread_ts is None:
        return None
    if not is_valid_ts(thread_ts):
        raise ApiError("invalid_thread_ts")
    return thread_ts
