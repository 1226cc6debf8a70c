"""What a request from Slack looks like, kind by kind: ``problem(body)`` says in a few
words why a parsed body cannot be one the app takes (None when it can).

The edge (``handlers.edge``) runs this before Bolt, so a listener never sees a payload of the
wrong shape: the keys every listener reads are present with the right types, values the app
wrote itself (button values, a modal's ``private_metadata`` and state) read back as the
app's own readers read them, and ids fit the database's integer columns. Slack sends these
exactly as the app wrote them, so a body that fails here was not made by Slack.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from bot.capture.modals import read_answer, read_job_story
from bot.capture.pickers import read_shortcut
from bot.setup.view import read_setup
from bot.slack import blocks as views
from bot.slack.limits import MESSAGE_TEXT

MAX_ID = 2**31 - 1  # the database's integer ids
_USER = re.compile(r"[UW][A-Z0-9]{2,20}")
_TEAM = re.compile(r"[TE][A-Z0-9]{2,20}")
_CHANNEL = re.compile(r"[CGD][A-Z0-9]{2,20}")
# The values of the app's own buttons and selects, as bot/ writes them. A link control's
# value may be anything the domain can refuse in words ("That choice is not valid."), as long
# as the ids in it fit the database's integers.
_VALUES: dict[str, re.Pattern[str]] = {
    views.HOME_MORE: re.compile(r"[0-9]{0,6}"),
    views.HOME_EXPORT: re.compile("|".join(views.EXPORT_FORMATS)),
}
_LINKS = frozenset({views.LINK_ANSWER, views.LINK_FIELD, views.UNLINK_ANSWER})
_NUMBERS = re.compile(r"[0-9]+")
_ON_PROMPT = frozenset({views.ANSWER_PRIVATE, views.JOB_STORY})  # buttons under a prompt
_OPENS_MODAL = _ON_PROMPT | {views.HOME_SETUP}
INTERACTIONS = frozenset(
    {"block_actions", "view_submission", "view_closed", "shortcut", "message_action"}
)


def problem(body: object) -> str | None:
    """Why ``body`` (a request as Bolt parses it) is not a Slack request the app takes."""
    if not isinstance(body, dict):
        return "not an object"
    if body.get("ssl_check") == "1":
        return None
    if "command" in body:
        return _command(body)
    kind = body.get("type")
    if not isinstance(kind, str):
        return "no type"
    if kind == "url_verification":
        return None if isinstance(body.get("challenge"), str) else "no challenge"
    if kind == "app_rate_limited":
        return None
    if kind == "event_callback":
        return _event(body)
    if kind in INTERACTIONS:
        return _who(body) or _INTERACTION[kind](body)
    return "unknown request type"


def workspaces_of(body: Mapping[str, Any]) -> set[str]:
    """The workspaces a request says it is for: the installation's team (events: the
    envelope and its authorizations; commands: ``team_id``; interactions: ``team``, and a
    view's ``app_installed_team_id``)."""
    teams = {body.get("team_id"), _get(body, "team", "id"), _get(body, "view", "team_id")}
    teams.add(_get(body, "view", "app_installed_team_id"))
    for authorization in body.get("authorizations") or []:
        if isinstance(authorization, dict):
            teams.add(authorization.get("team_id"))
    return {team for team in teams if isinstance(team, str) and team}


def _command(body: Mapping[str, Any]) -> str | None:
    for key in ("command", "team_id", "user_id", "channel_id", "response_url"):
        if not _text(body.get(key)):
            return f"command without {key}"
    if not (_is(_TEAM, body["team_id"]) and _is(_USER, body["user_id"])):
        return "command's team_id or user_id is not a Slack id"
    if not _is(_CHANNEL, body["channel_id"]):
        return "command's channel_id is not a Slack id"
    if len(str(body.get("text") or "")) > MESSAGE_TEXT:
        return "command text longer than Slack allows"
    return None


def _event(body: Mapping[str, Any]) -> str | None:
    event = body.get("event")
    if not isinstance(event, dict) or not _text(event.get("type")):
        return "event is not an object with a type"
    if not _is(_TEAM, body.get("team_id")):
        return "event without team_id"
    if body.get("event_id") is not None and not _text(body.get("event_id")):
        return "event_id is not a string"
    if event["type"] == "message":
        return _message(event)
    if event["type"] == "app_home_opened" and not _is(_USER, event.get("user")):
        return "app_home_opened without user"
    if event["type"] == "user_change" and not isinstance(event.get("user"), dict):
        return "user_change without user"
    return None


def _message(event: Mapping[str, Any]) -> str | None:
    if not _is(_CHANNEL, event.get("channel")) or not _text(event.get("ts")):
        return "message without channel or ts"
    for key in ("user", "text", "thread_ts", "subtype", "bot_id", "deleted_ts"):
        if event.get(key) is not None and not isinstance(event[key], str):
            return f"message {key} is not a string"
    for key in ("message", "previous_message"):
        inner = event.get(key)
        if inner is not None and (not isinstance(inner, dict) or _message_fields(inner)):
            return f"message's {key} is malformed"
    return None


def _message_fields(message: Mapping[str, Any]) -> str | None:
    if not _text(message.get("ts")):
        return "no ts"
    for key in ("user", "text", "thread_ts", "bot_id"):
        if message.get(key) is not None and not isinstance(message[key], str):
            return f"{key} is not a string"
    return None


def _who(body: Mapping[str, Any]) -> str | None:
    if not _is(_USER, _get(body, "user", "id")):
        return "no user"
    if not _is(_TEAM, _get(body, "team", "id")):
        return "no team"
    return None


def _actions(body: Mapping[str, Any]) -> str | None:
    actions = body.get("actions")
    if not isinstance(actions, list) or not actions:
        return "no actions"
    container = body.get("container", {})
    if not isinstance(container, dict) or not isinstance(body.get("trigger_id", ""), str):
        return "container or trigger_id malformed"
    for action in actions:
        if not isinstance(action, dict) or not _text(action.get("action_id")):
            return "an action without action_id"
        wrong = _value_problem(action)
        if wrong:
            return wrong
        if action["action_id"] in _OPENS_MODAL and not _text(body.get("trigger_id")):
            return "no trigger_id"
        if action["action_id"] in _ON_PROMPT and not (
            container.get("type") == "message"
            and _text(container.get("channel_id"))
            and _text(container.get("message_ts"))
        ):
            return "prompt button without its message"
    return None


def _value_problem(action: Mapping[str, Any]) -> str | None:
    pattern = _VALUES.get(action["action_id"])
    if pattern is None and action["action_id"] not in _LINKS:
        return None
    selected = action.get("selected_option")
    value = (
        _get(action, "selected_option", "value") if selected is not None else action.get("value")
    )
    if not isinstance(value, str):
        return "action value is not a string"
    if pattern is not None and pattern.fullmatch(value) is None:
        return "action value the app did not write"
    if any(len(n) > 10 or int(n) > MAX_ID for n in _NUMBERS.findall(value)):
        return "action value with an id over the database's integers"
    return None


def _view_submission(body: Mapping[str, Any]) -> str | None:
    view = body.get("view")
    if not isinstance(view, dict) or not (_text(view.get("id")) and _text(view.get("type"))):
        return "no view"
    if not _text(view.get("callback_id")):
        return "view without callback_id"
    values = _get(view, "state", "values")
    if not isinstance(values, dict) or not all(
        isinstance(b, dict) and all(isinstance(s, dict) for s in b.values())
        for b in values.values()
    ):
        return "view without state values"
    if not isinstance(view.get("private_metadata", ""), str) or not isinstance(
        view.get("blocks", []), list
    ):
        return "view's private_metadata or blocks malformed"
    reader = _READERS.get(view["callback_id"])
    if reader is None:
        return None
    try:
        ok = reader(view)
    except (KeyError, ValueError, TypeError, AttributeError):
        ok = False
    return None if ok else "view the app did not write"


def _view_closed(body: Mapping[str, Any]) -> str | None:
    view = body.get("view")
    return None if isinstance(view, dict) and _text(view.get("type")) else "no view"


def _shortcut(body: Mapping[str, Any]) -> str | None:
    if not _text(body.get("callback_id")) or not _text(body.get("trigger_id")):
        return "shortcut without callback_id or trigger_id"
    if body.get("type") != "message_action":
        return None
    if not _text(_get(body, "channel", "id")) or not _text(body.get("response_url")):
        return "message shortcut without channel or response_url"
    message = body.get("message")
    if not isinstance(message, dict) or _message_fields(message):
        return "message shortcut without its message"
    return None


def _answer_ok(view: dict[str, Any]) -> bool:
    prompt_id, _ = read_answer(view)
    return 0 < prompt_id <= MAX_ID


def _job_ok(view: dict[str, Any]) -> bool:
    form = read_job_story(view)
    if form.prompt_id is not None:
        return 0 < form.prompt_id <= MAX_ID
    return form.channel is None or isinstance(form.channel, str)


def _shortcut_ok(view: dict[str, Any]) -> bool:
    form = read_shortcut(view)
    persona = form.persona_id
    if persona and not (persona.isdigit() and 0 < int(persona) <= MAX_ID):
        return False
    return bool(form.channel and form.ts) and (form.author is None or isinstance(form.author, str))


def _setup_ok(view: dict[str, Any]) -> bool:
    form = read_setup(view)
    return all(isinstance(c, str) for chosen in form.channels.values() for c in chosen)


_READERS: dict[str, Callable[[dict[str, Any]], bool]] = {
    views.ANSWER_MODAL: _answer_ok,
    views.JOB_MODAL: _job_ok,
    views.SHORTCUT_MODAL: _shortcut_ok,
    views.SETUP_MODAL: _setup_ok,
}
_INTERACTION: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    "block_actions": _actions,
    "view_submission": _view_submission,
    "view_closed": _view_closed,
    "shortcut": _shortcut,
    "message_action": _shortcut,
}


def _is(pattern: re.Pattern[str], value: object) -> bool:
    return isinstance(value, str) and pattern.fullmatch(value) is not None


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value)


def _get(body: Mapping[str, Any], outer: str, inner: str) -> object:
    found = body.get(outer)
    return found.get(inner) if isinstance(found, dict) else None
