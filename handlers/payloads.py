"""Reading Slack's interaction payloads, and opening a modal in time."""

from __future__ import annotations

from typing import Any


def team_of(body: dict[str, Any]) -> str:
    return str((body.get("team") or {}).get("id") or (body.get("view") or {}).get("team_id"))


def state(view: dict[str, Any], block: str) -> dict[str, Any]:
    """The submitted state of one input block (``view.state.values[block][action]``)."""
    values = (view.get("state") or {}).get("values") or {}
    found: dict[str, Any] = next(iter((values.get(block) or {}).values()), {}) or {}
    return found


def text(view: dict[str, Any], block: str) -> str:
    return str(state(view, block).get("value") or "")


def selected(view: dict[str, Any], block: str) -> str:
    return str((state(view, block).get("selected_option") or {}).get("value") or "")


def checked(view: dict[str, Any], block: str) -> list[Any]:
    return list(state(view, block).get("selected_options") or [])
