"""views.* and the files v2 upload flow (getUploadURLExternal / completeUploadExternal)."""

from __future__ import annotations

import copy
import mimetypes
from typing import Any

from tests.slackfake.params import Params, thread_ts_param
from tests.slackfake.state import ApiError, Message, Workspace

# -- views --------------------------------------------------------------------------


def _check_trigger(p: Params) -> str:
    trigger_id = p.need("trigger_id")
    if trigger_id.startswith("expired"):
        raise ApiError("expired_trigger_id")
    return trigger_id


def _store_view(ws: Workspace, method: str, view: dict[str, Any], **where: Any) -> dict[str, Any]:
    if "type" not in view:
        raise ApiError("invalid_arguments")
    view_id = where.pop("view_id", None) or ws.next_id("V")
    previous = ws.open_views.get(view_id, {})
    stored = {
        **copy.deepcopy(view),
        "id": view_id,
        "team_id": ws.team_id,
        "app_id": ws.app_id,
        "bot_id": ws.bot_id,
        "hash": ws.clock.next().replace(".", "") + ".fake",
        "root_view_id": where.pop("root_view_id", None) or previous.get("root_view_id", view_id),
        "previous_view_id": where.pop("previous_view_id", None),
        "state": {"values": {}},
    }
    ws.open_views[view_id] = stored
    ws.views_log.append({"method": method, **where, "view": copy.deepcopy(stored)})
    return {"view": copy.deepcopy(stored)}


def views_open(ws: Workspace, p: Params) -> dict[str, Any]:
    trigger_id = _check_trigger(p)
    return _store_view(ws, "views.open", p.json_dict("view"), trigger_id=trigger_id)


def views_push(ws: Workspace, p: Params) -> dict[str, Any]:
    trigger_id = _check_trigger(p)
    return _store_view(ws, "views.push", p.json_dict("view"), trigger_id=trigger_id)


def views_update(ws: Workspace, p: Params) -> dict[str, Any]:
    view_id, external_id = p.text("view_id"), p.text("external_id")
    if external_id and not view_id:
        view_id = next(
            (v["id"] for v in ws.open_views.values() if v.get("external_id") == external_id), None
        )
    if not view_id or view_id not in ws.open_views:
        raise ApiError("not_found")
    wanted_hash = p.text("hash")
    if wanted_hash and wanted_hash != ws.open_views[view_id]["hash"]:
        raise ApiError("hash_conflict")
    return _store_view(ws, "views.update", p.json_dict("view"), view_id=view_id)


def views_publish(ws: Workspace, p: Params) -> dict[str, Any]:
    user_id = p.need("user_id")
    if user_id not in ws.users:
        raise ApiError("user_not_found")
    view = p.json_dict("view")
    if view.get("type") != "home":
        raise ApiError("invalid_arguments")
    return _store_view(ws, "views.publish", view, user_id=user_id)


# -- files (v2 upload flow) ---------------------------------------------------------


def files_get_upload_url_external(ws: Workspace, p: Params) -> dict[str, Any]:
    filename = p.need("filename")
    length = p.number("length", 0)
    if length <= 0:
        raise ApiError("invalid_arguments")
    file_id = ws.next_id("F")
    ws.files[file_id] = {
        "id": file_id,
        "name": filename,
        "title": filename,
        "length": length,
        "alt_txt": p.text("alt_txt"),
        "bytes": None,
        "completed": False,
    }
    # the team in the URL: file ids are unique only within a workspace
    return {"upload_url": f"{ws.base_url}/upload/{ws.team_id}/{file_id}", "file_id": file_id}


def _file_object(ws: Workspace, f: dict[str, Any]) -> dict[str, Any]:
    mimetype = mimetypes.guess_type(f["name"])[0] or "application/octet-stream"
    return {
        "id": f["id"],
        "name": f["name"],
        "title": f["title"],
        "mimetype": mimetype,
        "filetype": f["name"].rpartition(".")[2] if "." in f["name"] else "binary",
        "size": len(f["bytes"] or b""),
        "user": ws.bot_user_id,
        "channels": list(f.get("channels", [])),
        "url_private": f"{ws.base_url}/files/{f['id']}/{f['name']}",
        "permalink": f"https://{ws.domain}.slack.com/files/{ws.bot_user_id}/{f['id']}/{f['name']}",
    }


def files_complete_upload_external(ws: Workspace, p: Params) -> dict[str, Any]:
    items = p.json_list("files", "invalid_arguments") or []
    if not items:
        raise ApiError("invalid_arguments")
    targets = [c for c in [p.text("channel_id"), *(p.text("channels") or "").split(",")] if c]
    chans = [ws.writable(c) for c in targets]
    thread_ts = thread_ts_param(p)
    done = []
    for item in items:
        if not isinstance(item, dict) or item.get("id") not in ws.files:
            raise ApiError("file_not_found")
        f = ws.files[item["id"]]
        if f["bytes"] is None or f["completed"]:
            raise ApiError("file_not_found")
        done.append((f, item))
    for f, item in done:
        f["completed"] = True
        f["title"] = item.get("title") or f["name"]
        f["channels"] = [c.id for c in chans]
        shared_to: list[str | None] = [c.id for c in chans] or [None]
        for channel_id in shared_to:
            ws.uploaded_files.append(
                {
                    "id": f["id"],
                    "name": f["name"],
                    "title": f["title"],
                    "bytes": f["bytes"],
                    "channel": channel_id,
                    "thread_ts": thread_ts,
                    "initial_comment": p.text("initial_comment"),
                }
            )
    file_objects = [_file_object(ws, f) for f, _ in done]
    for chan in chans:
        msg: Message = {
            "type": "message",
            "subtype": "file_share",
            "user": ws.bot_user_id,
            "bot_id": ws.bot_id,
            "text": p.text("initial_comment") or "",
            "files": copy.deepcopy(file_objects),
            "ts": ws.clock.next(),
        }
        if thread_ts is not None:
            msg["thread_ts"] = thread_ts
        ws.add_message(chan, msg)
    return {"files": file_objects}


def files_info(ws: Workspace, p: Params) -> dict[str, Any]:
    f = ws.files.get(p.need("file", "file_not_found"))
    if f is None or not f["completed"]:
        raise ApiError("file_not_found")
    return {"file": _file_object(ws, f)}
