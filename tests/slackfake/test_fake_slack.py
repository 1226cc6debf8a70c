"""The fake Slack Web API, exercised through slack_sdk's real WebClient."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from tests.slackfake.server import FakeSlack
from tests.slackfake.spec import (
    DATA_FILE,
    SpecNotFoundError,
    derive,
    load_methods,
    spec_path,
    to_json,
)

CHANNEL = "CGENERAL"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        server.add_channel(CHANNEL, "general", is_member=True)
        server.add_user("UALICE", "alice", is_admin=True, locale="ko-KR")
        yield server


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(base_url=fake.api_url, token=fake.bot_token)


def api_error(excinfo: pytest.ExceptionInfo[SlackApiError]) -> str:
    return str(excinfo.value.response["error"])


# -- auth, method names, arguments ---------------------------------------------------


def test_auth_test_identifies_the_bot(client: WebClient, fake: FakeSlack) -> None:
    answer = client.auth_test()
    assert answer["user_id"] == "UBOT"
    assert answer["bot_id"] == "BBOT"
    assert answer["team_id"] == "T0TEST"
    assert answer["is_enterprise_install"] is False
    assert fake.calls_to("auth.test")[0].token == fake.bot_token


def test_missing_token_is_not_authed(fake: FakeSlack) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        WebClient(base_url=fake.api_url).auth_test()
    assert api_error(excinfo) == "not_authed"


def test_wrong_token_is_invalid_auth(fake: FakeSlack) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        WebClient(base_url=fake.api_url, token="xoxb-wrong").chat_postMessage(
            channel=CHANNEL, text="hi"
        )
    assert api_error(excinfo) == "invalid_auth"
    assert fake.messages(CHANNEL) == []


def test_app_token_only_opens_socket_connections(fake: FakeSlack) -> None:
    app_client = WebClient(base_url=fake.api_url, token=fake.app_token)
    assert app_client.apps_connections_open(app_token=fake.app_token)["url"].startswith("wss://")
    with pytest.raises(SlackApiError) as excinfo:
        app_client.auth_test()
    assert api_error(excinfo) == "not_allowed_token_type"


def test_unknown_method_is_404(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.api_call("chat.postMessages")
    assert excinfo.value.response.status_code == 404
    assert api_error(excinfo) == "unknown_method"


def test_get_to_a_post_only_method_is_refused(fake: FakeSlack) -> None:
    request = urllib.request.Request(
        fake.api_url + "chat.postMessage?channel=CGENERAL&text=hi",
        headers={"Authorization": f"Bearer {fake.bot_token}"},
    )
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        urllib.request.urlopen(request, timeout=5)
    assert excinfo.value.code == 405
    assert json.loads(excinfo.value.read())["error"] == "invalid_request"
    assert fake.messages(CHANNEL) == []


def test_get_with_a_query_string_works_for_read_methods(fake: FakeSlack) -> None:
    request = urllib.request.Request(
        fake.api_url + "users.info?user=UALICE",
        headers={"Authorization": f"Bearer {fake.bot_token}"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert json.loads(response.read())["user"]["name"] == "alice"


@pytest.mark.parametrize(
    ("method", "params", "error"),
    [
        ("chat.postMessage", {"text": "hi"}, "channel_not_found"),
        ("chat.postMessage", {"channel": CHANNEL}, "no_text"),
        ("conversations.replies", {"channel": CHANNEL}, "invalid_arguments"),
        ("reactions.add", {"channel": CHANNEL, "name": "eyes"}, "invalid_arguments"),
        ("views.open", {"trigger_id": "123.456.abc"}, "invalid_arguments"),
        ("files.getUploadURLExternal", {"filename": "a.txt"}, "invalid_arguments"),
    ],
)
def test_missing_required_arguments(
    client: WebClient, fake: FakeSlack, method: str, params: dict[str, str], error: str
) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.api_call(method, params=params)
    assert api_error(excinfo) == error
    assert fake.calls[-1].status == 200


def test_spec_knows_slacks_methods_and_the_corrections() -> None:
    methods = load_methods()
    assert "channel" in methods["chat.postMessage"].required
    assert methods["conversations.replies"].required == ("channel", "ts")
    assert methods["files.completeUploadExternal"].required == ("files",)
    assert methods["views.open"].post_only
    assert "chat.postMessages" not in methods


def test_the_method_file_is_what_slacks_spec_says() -> None:
    """slack_methods.json is derived from Slack's OpenAPI spec; when the spec is at hand
    (SLACK_API_SPECS, or ../shared/slack-api-specs), regenerating must change nothing."""
    path = spec_path()
    if not path.is_file():
        pytest.skip(f"Slack's spec is not at {path}; set SLACK_API_SPECS to compare with it")
    assert DATA_FILE.read_text(encoding="utf-8") == to_json(derive(path)), (
        "slack_methods.json is stale: run python -m tests.slackfake.derive_methods"
    )


def test_regenerating_without_the_spec_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_API_SPECS", str(tmp_path))
    with pytest.raises(SpecNotFoundError, match="set SLACK_API_SPECS"):
        derive(spec_path())


# -- messages and threads ------------------------------------------------------------


def test_post_reply_and_read_the_thread(client: WebClient, fake: FakeSlack) -> None:
    parent = client.chat_postMessage(channel=CHANNEL, text="Question 1?")
    reply = client.chat_postMessage(channel=CHANNEL, text="Answer", thread_ts=parent["ts"])
    assert reply["message"]["thread_ts"] == parent["ts"]

    thread = client.conversations_replies(channel=CHANNEL, ts=parent["ts"])["messages"]
    assert [m["text"] for m in thread] == ["Question 1?", "Answer"]
    assert thread[0]["reply_count"] == 1
    assert thread[0]["user"] == "UBOT"
    assert [m["ts"] for m in fake.messages(CHANNEL)] == [parent["ts"]]
    assert fake.replies(CHANNEL, parent["ts"]) == thread

    history = client.conversations_history(channel=CHANNEL)["messages"]
    assert [m["ts"] for m in history] == [parent["ts"]]


def test_replies_are_paginated(client: WebClient, fake: FakeSlack) -> None:
    parent = fake.post_as_user(CHANNEL, "UALICE", "start")
    for n in range(4):
        fake.post_as_user(CHANNEL, "UALICE", f"r{n}", thread_ts=parent["ts"])
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = client.conversations_replies(
            channel=CHANNEL, ts=parent["ts"], limit=2, cursor=cursor
        )
        seen += [m["text"] for m in page["messages"]]
        pages += 1
        cursor = page["response_metadata"]["next_cursor"]
        if not cursor:
            break
    assert seen == ["start", "r0", "r1", "r2", "r3"]
    assert pages == 3


def test_history_is_newest_first(client: WebClient, fake: FakeSlack) -> None:
    for text in ("one", "two", "three"):
        fake.post_as_user(CHANNEL, "UALICE", text)
    page = client.conversations_history(channel=CHANNEL, limit=2)
    assert [m["text"] for m in page["messages"]] == ["three", "two"]
    assert page["has_more"] is True
    rest = client.conversations_history(
        channel=CHANNEL, cursor=page["response_metadata"]["next_cursor"]
    )
    assert [m["text"] for m in rest["messages"]] == ["one"]


def test_unknown_thread_and_bad_cursor(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.conversations_replies(channel=CHANNEL, ts="1.000001")
    assert api_error(excinfo) == "thread_not_found"
    with pytest.raises(SlackApiError) as excinfo:
        client.conversations_history(channel=CHANNEL, cursor="not-a-cursor")
    assert api_error(excinfo) == "invalid_cursor"


def test_reply_to_a_missing_parent_is_orphaned(client: WebClient, fake: FakeSlack) -> None:
    answer = client.chat_postMessage(channel=CHANNEL, text="lost", thread_ts="1600000000.000100")
    assert answer["ok"] is True
    assert fake.messages(CHANNEL) == []
    assert [m["text"] for m in fake.orphaned_replies] == ["lost"]
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel=CHANNEL, text="bad", thread_ts="yesterday")
    assert api_error(excinfo) == "invalid_thread_ts"


def test_permalinks_for_parent_and_reply(client: WebClient) -> None:
    parent = client.chat_postMessage(channel=CHANNEL, text="parent")
    reply = client.chat_postMessage(channel=CHANNEL, text="reply", thread_ts=parent["ts"])
    parent_link = client.chat_getPermalink(channel=CHANNEL, message_ts=parent["ts"])["permalink"]
    reply_link = client.chat_getPermalink(channel=CHANNEL, message_ts=reply["ts"])["permalink"]
    p_digits = parent["ts"].replace(".", "")
    r_digits = reply["ts"].replace(".", "")
    assert parent_link == f"https://test.slack.com/archives/{CHANNEL}/p{p_digits}"
    assert reply_link == (
        f"https://test.slack.com/archives/{CHANNEL}/p{r_digits}"
        f"?thread_ts={parent['ts']}&cid={CHANNEL}"
    )
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_getPermalink(channel=CHANNEL, message_ts="1.000002")
    assert api_error(excinfo) == "message_not_found"


def test_timestamps_are_unique_and_increasing(client: WebClient) -> None:
    stamps = [client.chat_postMessage(channel=CHANNEL, text=str(n))["ts"] for n in range(20)]
    assert len(set(stamps)) == 20
    assert stamps == sorted(stamps, key=lambda ts: tuple(int(x) for x in ts.split(".")))
    assert all(len(ts.split(".")[1]) == 6 for ts in stamps)


def test_blocks_sent_as_a_form_json_string_are_decoded(client: WebClient, fake: FakeSlack) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*hi*"}}]
    client.api_call("chat.postMessage", params={"channel": CHANNEL, "blocks": json.dumps(blocks)})
    assert fake.calls_to("chat.postMessage")[-1].params["blocks"] == blocks
    assert fake.messages(CHANNEL)[0]["blocks"] == blocks


def test_update_only_own_messages_and_keep_history(client: WebClient, fake: FakeSlack) -> None:
    own = client.chat_postMessage(channel=CHANNEL, text="v1")
    updated = client.chat_update(channel=CHANNEL, ts=own["ts"], text="v2")
    assert updated["message"]["text"] == "v2"
    assert updated["message"]["edited"]["user"] == "UBOT"
    assert [m["text"] for m in fake.edit_history(CHANNEL, own["ts"])] == ["v1"]

    human = fake.post_as_user(CHANNEL, "UALICE", "mine")
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_update(channel=CHANNEL, ts=human["ts"], text="hijack")
    assert api_error(excinfo) == "cant_update_message"
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_update(channel=CHANNEL, ts="1.000003", text="x")
    assert api_error(excinfo) == "message_not_found"
    assert fake.message(CHANNEL, human["ts"])["text"] == "mine"


def test_delete_and_ephemeral(client: WebClient, fake: FakeSlack) -> None:
    own = client.chat_postMessage(channel=CHANNEL, text="bye")
    client.chat_delete(channel=CHANNEL, ts=own["ts"])
    assert fake.messages(CHANNEL) == []
    client.chat_postEphemeral(channel=CHANNEL, user="UALICE", text="psst")
    assert [(e["user"], e["text"]) for e in fake.ephemerals] == [("UALICE", "psst")]


def test_user_edits_and_deletes(fake: FakeSlack) -> None:
    msg = fake.post_as_user(CHANNEL, "UALICE", "draft")
    edited = fake.edit_as_user(CHANNEL, msg["ts"], "final")
    assert edited["text"] == "final"
    assert edited["edited"]["user"] == "UALICE"
    fake.delete_as_user(CHANNEL, msg["ts"])
    assert fake.messages(CHANNEL) == []


# -- channels, users, DMs ------------------------------------------------------------


def test_not_in_channel_then_join_then_post(client: WebClient, fake: FakeSlack) -> None:
    fake.add_channel("CRANDOM", "random")
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="CRANDOM", text="hi")
    assert api_error(excinfo) == "not_in_channel"
    joined = client.conversations_join(channel="CRANDOM")
    assert joined["channel"]["is_member"] is True
    client.chat_postMessage(channel="CRANDOM", text="hi")
    assert [m["text"] for m in fake.messages("CRANDOM")] == ["hi"]


def test_private_and_archived_channels(client: WebClient, fake: FakeSlack) -> None:
    fake.add_channel("GSECRET", "secret", is_private=True)
    fake.add_channel("COLD", "old", is_archived=True, is_member=True)
    with pytest.raises(SlackApiError) as excinfo:
        client.conversations_join(channel="GSECRET")
    assert api_error(excinfo) == "method_not_supported_for_channel_type"
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="GSECRET", text="hi")
    assert api_error(excinfo) == "channel_not_found"
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="COLD", text="hi")
    assert api_error(excinfo) == "is_archived"
    with pytest.raises(SlackApiError) as excinfo:
        client.conversations_join(channel="COLD")
    assert api_error(excinfo) == "is_archived"
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="CNOPE", text="hi")
    assert api_error(excinfo) == "channel_not_found"


def test_conversations_info_and_list(client: WebClient, fake: FakeSlack) -> None:
    fake.add_channel("GSECRET", "secret", is_private=True, is_member=True)
    fake.add_channel("GHIDDEN", "hidden", is_private=True)
    fake.add_channel("COLD", "old", is_archived=True)
    info = client.conversations_info(channel="GSECRET")["channel"]
    assert (info["name"], info["is_private"], info["is_member"]) == ("secret", True, True)
    assert info["is_channel"] is False

    public = client.conversations_list()["channels"]
    assert {c["id"] for c in public} == {CHANNEL, "COLD"}
    both = client.conversations_list(types="public_channel,private_channel", exclude_archived=True)
    assert {c["id"] for c in both["channels"]} == {CHANNEL, "GSECRET"}
    first = client.conversations_list(limit=1)
    assert len(first["channels"]) == 1
    assert first["response_metadata"]["next_cursor"]


def test_dm_to_a_user_id_opens_a_dm(client: WebClient, fake: FakeSlack) -> None:
    answer = client.chat_postMessage(channel="UALICE", text="hello")
    assert answer["channel"].startswith("D")
    assert answer["channel"] == client.conversations_open(users="UALICE")["channel"]["id"]
    assert [m["text"] for m in fake.messages(answer["channel"])] == ["hello"]
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="UNOBODY", text="hello")
    assert api_error(excinfo) == "channel_not_found"


def test_users_info(client: WebClient) -> None:
    user = client.users_info(user="UALICE")["user"]
    assert (user["name"], user["is_admin"], user["tz"]) == ("alice", True, "Asia/Seoul")
    assert "locale" not in user
    assert client.users_info(user="UALICE", include_locale=True)["user"]["locale"] == "ko-KR"
    with pytest.raises(SlackApiError) as excinfo:
        client.users_info(user="UNOBODY")
    assert api_error(excinfo) == "user_not_found"


def test_team_info(client: WebClient) -> None:
    assert client.team_info()["team"]["name"] == "Test Team"


# -- reactions -----------------------------------------------------------------------


def test_reactions_add_then_already_reacted(client: WebClient, fake: FakeSlack) -> None:
    msg = fake.post_as_user(CHANNEL, "UALICE", "answer")
    client.reactions_add(channel=CHANNEL, timestamp=msg["ts"], name="white_check_mark")
    assert fake.reactions(CHANNEL, msg["ts"]) == ["white_check_mark"]
    with pytest.raises(SlackApiError) as excinfo:
        client.reactions_add(channel=CHANNEL, timestamp=msg["ts"], name="white_check_mark")
    assert api_error(excinfo) == "already_reacted"
    with pytest.raises(SlackApiError) as excinfo:
        client.reactions_add(channel=CHANNEL, timestamp="1.000004", name="eyes")
    assert api_error(excinfo) == "message_not_found"
    with pytest.raises(SlackApiError) as excinfo:
        client.reactions_add(channel=CHANNEL, timestamp=msg["ts"], name="")
    assert api_error(excinfo) == "invalid_name"
    client.reactions_remove(channel=CHANNEL, timestamp=msg["ts"], name="white_check_mark")
    assert fake.reactions(CHANNEL, msg["ts"]) == []


# -- failures and rate limits ----------------------------------------------------------


def test_429_retry_after_is_honoured_by_slack_sdk(fake: FakeSlack) -> None:
    client = WebClient(
        base_url=fake.api_url,
        token=fake.bot_token,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )
    fake.fail_next("chat.postMessage", status=429, retry_after=1)
    started = time.monotonic()
    answer = client.chat_postMessage(channel=CHANNEL, text="eventually")
    assert time.monotonic() - started >= 1.0
    assert answer["ok"] is True
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [429, 200]
    assert [m["text"] for m in fake.messages(CHANNEL)] == ["eventually"]


def test_429_without_retry_handler_raises_with_retry_after(
    client: WebClient, fake: FakeSlack
) -> None:
    fake.fail_next("chat.postMessage", retry_after=7)
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel=CHANNEL, text="x")
    assert excinfo.value.response.status_code == 429
    assert excinfo.value.response.headers["Retry-After"] == "7"
    assert api_error(excinfo) == "ratelimited"


def test_500_is_retried_by_server_error_handler(fake: FakeSlack) -> None:
    client = WebClient(
        base_url=fake.api_url,
        token=fake.bot_token,
        retry_handlers=[ServerErrorRetryHandler(max_retry_count=1)],
    )
    fake.fail_next("chat.postMessage", status=500)
    assert client.chat_postMessage(channel=CHANNEL, text="x")["ok"] is True
    calls = fake.calls_to("chat.postMessage")
    assert [c.status for c in calls] == [500, 200]
    assert "raw" in calls[0].response


def test_injected_slack_error(client: WebClient, fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", status=200, error="channel_not_found")
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel=CHANNEL, text="x")
    assert api_error(excinfo) == "channel_not_found"
    assert client.chat_postMessage(channel=CHANNEL, text="y")["ok"] is True


def test_enforced_rate_limit_per_channel(client: WebClient, fake: FakeSlack) -> None:
    fake.add_channel("COTHER", "other", is_member=True)
    fake.enforce_rate_limits()
    client.chat_postMessage(channel=CHANNEL, text="first")
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel=CHANNEL, text="second")
    assert excinfo.value.response.status_code == 429
    assert int(excinfo.value.response.headers["Retry-After"]) >= 1
    client.chat_postMessage(channel="COTHER", text="elsewhere")
    assert [m["text"] for m in fake.messages(CHANNEL)] == ["first"]


def test_enforced_rate_limit_per_workspace(client: WebClient, fake: FakeSlack) -> None:
    fake.add_channel("COTHER", "other", is_member=True)
    fake.enforce_rate_limits(post_per_channel_per_second=None, post_per_workspace_per_minute=1)
    client.chat_postMessage(channel=CHANNEL, text="first")
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="COTHER", text="second")
    assert int(excinfo.value.response.headers["Retry-After"]) >= 59


# -- views, files, response URLs ---------------------------------------------------------


def test_views_open_and_expired_trigger(client: WebClient, fake: FakeSlack) -> None:
    view = {"type": "modal", "title": {"type": "plain_text", "text": "Setup"}, "blocks": []}
    with pytest.raises(SlackApiError) as excinfo:
        client.views_open(trigger_id="expired.1.abc", view=view)
    assert api_error(excinfo) == "expired_trigger_id"
    assert fake.views == []

    opened = client.views_open(trigger_id="123.456.abc", view=view)["view"]
    assert opened["id"].startswith("V")
    assert opened["title"]["text"] == "Setup"
    updated = client.views_update(
        view_id=opened["id"], view={**view, "blocks": [{"type": "divider"}]}
    )
    assert updated["view"]["id"] == opened["id"]
    assert [v["method"] for v in fake.views] == ["views.open", "views.update"]
    assert fake.views[0]["trigger_id"] == "123.456.abc"


def test_views_publish_home(client: WebClient, fake: FakeSlack) -> None:
    client.views_publish(user_id="UALICE", view={"type": "home", "blocks": []})
    assert fake.views[-1]["user_id"] == "UALICE"
    assert fake.views[-1]["view"]["type"] == "home"


def test_files_upload_v2_round_trip(client: WebClient, fake: FakeSlack) -> None:
    parent = client.chat_postMessage(channel=CHANNEL, text="report below")
    result = client.files_upload_v2(
        channel=CHANNEL,
        content="persona,job\nbuyer,hire",
        filename="personas.csv",
        title="Personas",
        initial_comment="Here you go",
        thread_ts=parent["ts"],
    )
    assert result["file"]["name"] == "personas.csv"
    [uploaded] = fake.uploaded_files
    assert uploaded["bytes"] == b"persona,job\nbuyer,hire"
    assert (uploaded["title"], uploaded["channel"]) == ("Personas", CHANNEL)
    assert uploaded["thread_ts"] == parent["ts"]
    [_, share] = fake.replies(CHANNEL, parent["ts"])
    assert share["text"] == "Here you go"
    assert share["files"][0]["id"] == result["file"]["id"]
    assert [c.method for c in fake.calls][-2:] == [
        "files.getUploadURLExternal",
        "files.completeUploadExternal",
    ]
    assert client.files_info(file=result["file"]["id"])["file"]["size"] == len(uploaded["bytes"])


def test_complete_upload_without_bytes_fails(client: WebClient) -> None:
    started = client.files_getUploadURLExternal(filename="a.txt", length=3)
    with pytest.raises(SlackApiError) as excinfo:
        client.files_completeUploadExternal(files=[{"id": started["file_id"], "title": "a"}])
    assert api_error(excinfo) == "file_not_found"


def test_response_url_posts_are_recorded(fake: FakeSlack) -> None:
    body = json.dumps({"text": "done", "response_type": "ephemeral"}).encode()
    request = urllib.request.Request(
        fake.response_url("cmd1"), body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.read() == b"ok"
    assert fake.responses == [{"text": "done", "response_type": "ephemeral", "key": "cmd1"}]


def test_concurrent_posts_are_all_stored_with_unique_ts(fake: FakeSlack) -> None:
    clients = [WebClient(base_url=fake.api_url, token=fake.bot_token) for _ in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        stamps = list(
            pool.map(
                lambda n: clients[n % 8].chat_postMessage(channel=CHANNEL, text=str(n))["ts"],
                range(40),
            )
        )
    assert len(set(stamps)) == 40
    assert sorted(m["text"] for m in fake.messages(CHANNEL)) == sorted(str(n) for n in range(40))
    assert len(fake.calls_to("chat.postMessage")) == 40
