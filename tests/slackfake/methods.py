"""Implementations of the stateful Web API methods, one function per method.

Each handler takes the workspace and the request's parameters (already checked for the
spec's required arguments) and returns the body of a successful answer (``ok`` is added
by the caller), or raises ``ApiError``. Errors follow Slack's documented error codes.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.slackfake import views_files
from tests.slackfake.params import Handler, Params, paged, paginate, thread_ts_param
from tests.slackfake.state import ApiError, Channel, Message, Workspace

# -- auth / team / users / apps -----------------------------------------------------


def auth_test(ws: Workspace, p: Params) -> dict[str, Any]:
    return {
        "url": f"https://{ws.domain}.slack.com/",
        "team": ws.team_name,
        "user": "personabot",
        "team_id": ws.team_id,
        "user_id": ws.bot_user_id,
        "bot_id": ws.bot_id,
        "is_enterprise_install": False,
        **({} if ws.enterprise_id is None else {"enterprise_id": ws.enterprise_id}),
    }


def team_info(ws: Workspace, p: Params) -> dict[str, Any]:
    team = {"id": ws.team_id, "name": ws.team_name, "domain": ws.domain, "email_domain": ""}
    return {"team": team}


def users_info(ws: Workspace, p: Params) -> dict[str, Any]:
    user = ws.users.get(p.need("user", "user_not_found"))
    if user is None:
        raise ApiError("user_not_found")
    return {"user": user.as_dict(ws.team_id, include_locale=p.flag("include_locale"))}


def apps_connections_open(ws: Workspace, p: Params) -> dict[str, Any]:
    return {"url": "wss://127.0.0.1.invalid/"}


# -- chat ---------------------------------------------------------------------------


def _content(p: Params) -> dict[str, Any]:
    """text / blocks / attachments of a post or update; ``no_text`` when all are absent."""
    out: dict[str, Any] = {}
    text = p.text("text")
    blocks = p.json_list("blocks", "invalid_blocks_format")
    attachments = p.json_list("attachments", "invalid_attachments")
    if not text and not blocks and not attachments:
        raise ApiError("no_text")
    out["text"] = text or ""
    if blocks:
        out["blocks"] = blocks
    if attachments:
        out["attachments"] = attachments
    return out


def chat_post_message(ws: Workspace, p: Params) -> dict[str, Any]:
    chan = ws.writable(p.need("channel", "channel_not_found"))
    content = _content(p)
    thread_ts = thread_ts_param(p)
    msg: Message = {
        "type": "message",
        "user": ws.bot_user_id,
        "bot_id": ws.bot_id,
        "app_id": ws.app_id,
        "team": ws.team_id,
        **content,
        "ts": ws.clock.next(),
    }
    if thread_ts is not None:
        msg["thread_ts"] = thread_ts
        if p.flag("reply_broadcast"):
            msg["subtype"] = "thread_broadcast"
    metadata = p.raw.get("metadata")
    if isinstance(metadata, dict):
        msg["metadata"] = metadata
    ws.add_message(chan, msg)
    return {"channel": chan.id, "ts": msg["ts"], "message": copy.deepcopy(msg)}


def chat_post_ephemeral(ws: Workspace, p: Params) -> dict[str, Any]:
    chan = ws.writable(p.need("channel", "channel_not_found"))
    user = p.need("user", "user_not_in_channel")
    entry = {"channel": chan.id, "user": user, **_content(p), "ts": ws.clock.next()}
    thread_ts = thread_ts_param(p)
    if thread_ts is not None:
        entry["thread_ts"] = thread_ts
    ws.ephemerals.append(entry)
    return {"message_ts": entry["ts"]}


def _own_message(ws: Workspace, p: Params, error: str) -> tuple[Channel, Message]:
    chan = ws.channel(p.need("channel", "channel_not_found"))
    if chan.is_private and not chan.is_member:
        raise ApiError("channel_not_found")
    msg = ws.find(chan, p.need("ts", "message_not_found"))
    if msg.get("user") != ws.bot_user_id:
        raise ApiError(error)
    return chan, msg


def chat_update(ws: Workspace, p: Params) -> dict[str, Any]:
    chan, msg = _own_message(ws, p, "cant_update_message")
    content = _content(p)
    ws.update_text(chan, msg, content, ws.bot_user_id)
    rendered = ws.render(chan, msg)
    return {"channel": chan.id, "ts": msg["ts"], "text": msg["text"], "message": rendered}


def chat_delete(ws: Workspace, p: Params) -> dict[str, Any]:
    chan, msg = _own_message(ws, p, "cant_delete_message")
    ws.remove(chan, msg)
    return {"channel": chan.id, "ts": msg["ts"]}


def chat_get_permalink(ws: Workspace, p: Params) -> dict[str, Any]:
    chan = ws.channel(p.need("channel", "channel_not_found"))
    if chan.is_private and not chan.is_member:
        raise ApiError("channel_not_found")
    msg = ws.find(chan, p.need("message_ts", "message_not_found"))
    return {"channel": chan.id, "permalink": ws.permalink(chan, msg)}


# -- conversations ------------------------------------------------------------------


def _public(ws: Workspace, chan: Channel, msgs: list[Message]) -> list[Message]:
    return [ws.render(chan, msg) for msg in msgs]


def conversations_history(ws: Workspace, p: Params) -> dict[str, Any]:
    chan = ws.readable(p.need("channel", "channel_not_found"))
    oldest, latest = p.text("oldest"), p.text("latest")
    inclusive = p.flag("inclusive")

    def wanted(ts: str) -> bool:
        t = float(ts)
        if oldest and (t < float(oldest) or (t == float(oldest) and not inclusive)):
            return False
        return not (latest and (t > float(latest) or (t == float(latest) and not inclusive)))

    msgs = [m for m in reversed(ws.top_level(chan)) if wanted(m["ts"])]
    page, cursor = paginate(msgs, p, 100)
    return paged("messages", _public(ws, chan, page), cursor)


def conversations_replies(ws: Workspace, p: Params) -> dict[str, Any]:
    chan = ws.readable(p.need("channel", "channel_not_found"))
    msgs = ws.thread(chan, p.need("ts", "thread_not_found"))
    page, cursor = paginate(msgs, p, 1000)
    return paged("messages", _public(ws, chan, page), cursor)


def conversations_info(ws: Workspace, p: Params) -> dict[str, Any]:
    chan = ws.channel(p.need("channel", "channel_not_found"))
    if chan.is_private and not chan.is_member:
        raise ApiError("channel_not_found")
    return {"channel": chan.as_dict()}


def conversations_list(ws: Workspace, p: Params) -> dict[str, Any]:
    types = set((p.text("types") or "public_channel").split(","))
    unknown = types - {"public_channel", "private_channel", "mpim", "im"}
    if unknown:
        raise ApiError("invalid_types")
    exclude_archived = p.flag("exclude_archived")
    chans = [
        c
        for c in ws.channels.values()
        if c.type_name in types
        and not (exclude_archived and c.is_archived)
        and (c.is_member or c.type_name == "public_channel")
    ]
    page, cursor = paginate([c.as_dict() for c in chans], p, 100)
    return paged("channels", page, cursor)


def conversations_join(ws: Workspace, p: Params) -> dict[str, Any]:
    chan = ws.channel(p.need("channel", "channel_not_found"))
    if chan.is_im or chan.is_mpim or chan.is_private:
        raise ApiError("method_not_supported_for_channel_type")
    if chan.is_archived:
        raise ApiError("is_archived")
    answer: dict[str, Any] = {"channel": {}}
    if chan.is_member:
        answer["warning"] = "already_in_channel"
    chan.is_member = True
    answer["channel"] = chan.as_dict()
    return answer


def conversations_open(ws: Workspace, p: Params) -> dict[str, Any]:
    existing = p.text("channel")
    if existing:
        chan = ws.channel(existing)
        return {"channel": chan.as_dict() if p.flag("return_im") else {"id": chan.id}}
    users = [u for u in (p.text("users") or "").split(",") if u]
    if not users:
        raise ApiError("users_list_not_supplied")
    for user in users:
        if user not in ws.users:
            raise ApiError("user_not_found")
    if len(users) == 1:
        chan = ws.open_dm(users[0])
    else:
        mpim_id = "G" + "".join(u[1:] for u in sorted(users))
        chan = ws.channels.setdefault(
            mpim_id, Channel(mpim_id, "mpdm-" + "--".join(users), is_member=True, is_mpim=True)
        )
    return {"channel": chan.as_dict() if p.flag("return_im") else {"id": chan.id}}


# -- reactions ----------------------------------------------------------------------


def _reaction_target(ws: Workspace, p: Params) -> tuple[Message, str]:
    name = (p.text("name") or "").strip(":")
    if not name:
        raise ApiError("invalid_name")
    chan = ws.readable(p.need("channel", "channel_not_found"))
    return ws.find(chan, p.need("timestamp", "message_not_found")), name


def reactions_add(ws: Workspace, p: Params) -> dict[str, Any]:
    msg, name = _reaction_target(ws, p)
    reactions: list[dict[str, Any]] = msg.setdefault("reactions", [])
    entry = next((r for r in reactions if r["name"] == name), None)
    if entry is None:
        entry = {"name": name, "users": [], "count": 0}
        reactions.append(entry)
    if ws.bot_user_id in entry["users"]:
        raise ApiError("already_reacted")
    entry["users"].append(ws.bot_user_id)
    entry["count"] = len(entry["users"])
    return {}


def reactions_remove(ws: Workspace, p: Params) -> dict[str, Any]:
    msg, name = _reaction_target(ws, p)
    reactions: list[dict[str, Any]] = msg.get("reactions", [])
    entry = next((r for r in reactions if r["name"] == name), None)
    if entry is None or ws.bot_user_id not in entry["users"]:
        raise ApiError("no_reaction")
    entry["users"].remove(ws.bot_user_id)
    entry["count"] = len(entry["users"])
    if not entry["users"]:
        reactions.remove(entry)
    return {}


HANDLERS: dict[str, Handler] = {
    "auth.test": auth_test,
    "team.info": team_info,
    "users.info": users_info,
    "apps.connections.open": apps_connections_open,
    "chat.postMessage": chat_post_message,
    "chat.postEphemeral": chat_post_ephemeral,
    "chat.update": chat_update,
    "chat.delete": chat_delete,
    "chat.getPermalink": chat_get_permalink,
    "conversations.history": conversations_history,
    "conversations.replies": conversations_replies,
    "conversations.info": conversations_info,
    "conversations.list": conversations_list,
    "conversations.join": conversations_join,
    "conversations.open": conversations_open,
    "reactions.add": reactions_add,
    "reactions.remove": reactions_remove,
    "views.open": views_files.views_open,
    "views.push": views_files.views_push,
    "views.update": views_files.views_update,
    "views.publish": views_files.views_publish,
    "files.getUploadURLExternal": views_files.files_get_upload_url_external,
    "files.completeUploadExternal": views_files.files_complete_upload_external,
    "files.info": views_files.files_info,
}

# Errors Slack documents for a missing required argument (otherwise invalid_arguments).
MISSING_ARGUMENT_ERRORS: dict[tuple[str, str], str] = {
    ("chat.postMessage", "channel"): "channel_not_found",
    ("chat.postEphemeral", "channel"): "channel_not_found",
    ("chat.update", "channel"): "channel_not_found",
    ("chat.update", "ts"): "message_not_found",
    ("chat.delete", "channel"): "channel_not_found",
    ("chat.delete", "ts"): "message_not_found",
    ("chat.getPermalink", "channel"): "channel_not_found",
    ("chat.getPermalink", "message_ts"): "message_not_found",
    ("conversations.info", "channel"): "channel_not_found",
    ("conversations.history", "channel"): "channel_not_found",
    ("conversations.join", "channel"): "channel_not_found",
    ("users.info", "user"): "user_not_found",
}
