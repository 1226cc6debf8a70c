"""The Slack app manifest lists every scope, event and command the code uses."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]

# Every Web API method the app calls, with the bot scope Slack requires for it.
SCOPES = {
    "auth_test": None,
    "chat_postMessage": "chat:write",
    "chat_update": "chat:write",
    "chat_postEphemeral": "chat:write",
    "views_open": None,
    "views_publish": None,
    "chat_getPermalink": None,
    "conversations_join": "channels:join",
    "conversations_list": "channels:read",
    "conversations_info": "channels:read",
    "reactions_add": "reactions:write",
    "users_info": "users:read",
    "files_upload_v2": "files:write",
    "conversations_open": "im:write",
    # looking for a tagged post before posting again (bot.slack.once); groups:history too
    "conversations_history": "channels:history",
    "conversations_replies": "channels:history",
}


def manifest() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert isinstance(loaded, dict)
    return loaded


def methods_called() -> set[str]:
    calls: set[str] = set()
    for package in ("bot", "handlers"):
        for path in (ROOT / package).rglob("*.py"):
            calls |= set(re.findall(r"client\.([a-z]+_[A-Za-z0-9_]+)\(", path.read_text()))
    return calls


def test_every_method_called_is_known_and_its_scope_granted() -> None:
    called = methods_called()
    assert "chat_postMessage" in called  # the scan itself works
    unknown = called - SCOPES.keys()
    assert not unknown, f"add these methods and their scopes to SCOPES: {sorted(unknown)}"
    granted = set(manifest()["oauth_config"]["scopes"]["bot"])
    needed = {scope for m in called if (scope := SCOPES[m]) is not None}
    assert needed <= granted, f"manifest.yml lacks {sorted(needed - granted)}"
    assert "groups:read" in granted  # conversations.list also lists private channels


def test_command_and_events() -> None:
    data = manifest()
    [command] = data["features"]["slash_commands"]
    assert command["command"] == "/persona"
    assert command["should_escape"] is True  # channels arrive as <#C123|name>
    events = set(data["settings"]["event_subscriptions"]["bot_events"])
    assert {"message.channels", "message.groups", "app_home_opened", "user_change"} <= events
    [shortcut] = data["features"]["shortcuts"]
    assert (shortcut["type"], shortcut["callback_id"]) == ("message", "add_to_personas")
    assert data["features"]["app_home"]["home_tab_enabled"] is True
    assert data["settings"]["interactivity"]["is_enabled"] is True
    assert "commands" in data["oauth_config"]["scopes"]["bot"]
