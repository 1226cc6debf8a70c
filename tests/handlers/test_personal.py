"""Each person's data over signed HTTP: ``my data``, ``forget me`` and its admin variant."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from bot.personal import confirm
from storage import Answer, AnswerFeatures, Database, Evidence, Prompt, Schedule
from tests.conftest import TEAM, say, wait_for
from tests.handlers.test_digest import gather
from tests.slackfake.driver import SlackDriver
from tests.slackfake.server import FakeSlack

ALICE = "Onboarding new agents takes weeks before they can answer tickets alone"
BOB = "Honestly onboarding new agents is slow, it takes weeks of shadowing"
ADMIN = "New agent onboarding takes weeks; training material is scattered"


def replies(fake: FakeSlack, before: int) -> list[dict[str, Any]]:
    return wait_for(lambda: fake.responses[before:] or None, timeout=20)


def confirmation(slack: SlackDriver, fake: FakeSlack, text: str, user: str) -> dict[str, Any]:
    """``/persona <text>`` as ``user``; the private reply, which must carry the two buttons."""
    before = len(fake.responses)
    assert slack.command(text, user_id=user).status == 200
    [reply] = replies(fake, before)
    assert reply["response_type"] == "ephemeral"
    [actions] = [b for b in reply.get("blocks", []) if b["type"] == "actions"]
    assert [e["action_id"] for e in actions["elements"]] == [confirm.CONFIRM, confirm.CANCEL]
    return reply


def press(
    slack: SlackDriver, fake: FakeSlack, reply: dict[str, Any], action: str, user: str
) -> dict[str, Any]:
    """``user`` presses ``action`` under ``reply``; what replaces the message."""
    [actions] = [b for b in reply["blocks"] if b["type"] == "actions"]
    [element] = [e for e in actions["elements"] if e["action_id"] == action]
    before = len(fake.responses)
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": user},
        "trigger_id": slack.new_trigger_id(),
        "response_url": fake.response_url("pressed"),
        "container": {"type": "message", "is_ephemeral": True, "channel_id": "CGENERAL"},
        "channel": {"id": "CGENERAL"},
        "actions": [{**element, "block_id": actions["block_id"], "action_ts": "1.0"}],
    }
    assert slack.interaction(payload).status == 200
    [answer] = replies(fake, before)
    assert answer["replace_original"] is True
    return answer


def my_data(fake: FakeSlack, user: str) -> tuple[str, dict[str, Any]]:
    """The DM text and the JSON record last sent to ``user`` (beside it, the Markdown)."""
    dm = fake.dm_channel(user)
    uploads = wait_for(lambda: [u for u in fake.uploaded_files if u["channel"] == dm][-2:] or None)
    assert [u["name"].rsplit(".", 1)[1] for u in uploads] == ["json", "md"]
    texts = [m["text"] for m in fake.messages(dm) if not m.get("files")]
    return texts[-1], json.loads(uploads[0]["bytes"])


def my_markdown(fake: FakeSlack, user: str) -> str:
    dm = fake.dm_channel(user)
    return str([u for u in fake.uploaded_files if u["channel"] == dm][-1]["bytes"].decode("utf-8"))


def answer_of(db: Database, ts: str) -> Answer:
    with db.session() as session:
        answer = session.scalars(select(Answer).where(Answer.ts == ts)).one()
        session.expunge(answer)
        return answer


def test_my_data_sends_only_the_callers_answers_with_revisions_and_links(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    prompt = gather(slack, fake, db)
    alice_ts = answer_ts(db, "UALICE")
    slack.user_edits("CSALES", alice_ts, ALICE + " (and weeks more)")
    wait_for(lambda: answer_of(db, alice_ts).edited_at)
    said = say(slack, fake, "my data", user="UALICE")
    assert said == "Sent what personabot keeps about you to your direct messages with me."
    text, record = my_data(fake, "UALICE")
    assert "Answers: 1 (0 deleted, 0 anonymous or private)" in text
    assert "Earlier versions of edited answers: 1" in text
    assert record["user"] == "UALICE"
    assert record["workspace"] == TEAM
    [answer] = record["answers"]
    assert answer["text"] == ALICE + " (and weeks more)"
    assert [r["text"] for r in answer["revisions"]] == [ALICE]
    assert answer["channel"] == "CSALES"
    assert answer["group"] == "sales"
    assert answer["question"] == prompt.text
    assert answer["permalink"].startswith("https://test.slack.com/archives/CSALES/p")
    assert answer["evidence"] == [
        {"persona": "Ops Olivia", "field": "unsorted", "source": "prompt"}
    ]
    assert answer["themes"]
    assert all(t["label"] for t in answer["themes"])
    assert (answer["private"], answer["anonymous"], answer["late"], answer["deleted"]) == (
        False,
        False,
        False,
        False,
    )
    readable = my_markdown(fake, "UALICE")
    assert f"> {ALICE} (and weeks more)" in readable
    assert "- Before " in readable
    assert f"> {ALICE}\n" in readable
    assert "- Evidence for Ops Olivia (unsorted)" in readable
    assert BOB not in readable
    assert BOB not in json.dumps(record)
    assert ADMIN not in json.dumps(record)
    # the admin set up the channel and asked the question: that is theirs, not Alice's
    assert record["questions_you_asked"] == []
    say(slack, fake, "my data", user="UADMIN")
    _, theirs = my_data(fake, "UADMIN")
    assert [q["text"] for q in theirs["questions_you_asked"]] == [prompt.text]


def answer_ts(db: Database, user: str) -> str:
    with db.session() as session:
        return session.scalars(select(Answer.ts).where(Answer.user_id == user)).one()


def test_forget_me_erases_the_callers_answers_everywhere_and_an_edit_cannot_bring_them_back(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db)
    alice_ts = answer_ts(db, "UALICE")
    slack.user_edits("CSALES", alice_ts, ALICE + " on their own")
    wait_for(lambda: answer_of(db, alice_ts).edited_at)
    assert "tickets alone" in say(slack, fake, "search tickets alone")
    reply = confirmation(slack, fake, "forget me", user="UALICE")
    assert "Answers that lose their text: 1." in reply["text"]
    done = press(slack, fake, reply, confirm.CONFIRM, user="UALICE")
    assert "answers: 1; earlier versions: 1; persona links: 1" in done["text"]
    assert "blocks" not in done  # the buttons are gone with the question

    erased = answer_of(db, alice_ts)
    assert erased.text == ""
    assert erased.permalink is None
    assert erased.deleted_at is not None
    assert erased.user_id.startswith("erased:")
    with db.session() as session:
        assert session.get(AnswerFeatures, erased.id) is None
        assert not session.scalars(select(Evidence).where(Evidence.answer_id == erased.id)).all()
        assert not session.scalars(select(Answer).where(Answer.user_id == "UALICE")).all()
    # nothing anyone can read shows her words or her id
    assert say(slack, fake, "search tickets alone") == "Nothing found for “tickets alone”."
    preview = say(slack, fake, "digest preview", user="UBOB")
    assert "tickets alone" not in preview
    say(slack, fake, "export json", user="UBOB")
    [export] = wait_for(lambda: fake.uploaded_files)
    assert b"tickets alone" not in export["bytes"]
    assert b"UALICE" not in export["bytes"]
    assert b"shadowing" in export["bytes"]  # Bob's answer is untouched
    assert "tickets alone" not in say(slack, fake, "show olivia")
    # Slack sends an edit, then the message again: neither brings it back
    slack.user_edits("CSALES", alice_ts, ALICE + " again")
    slack.event(
        slack.message_event(
            channel="CSALES", user="UALICE", text=ALICE, ts=alice_ts, thread_ts=erased_thread(db)
        )
    )
    again = answer_of(db, alice_ts)
    assert again.text == ""
    assert again.user_id == erased.user_id
    assert answer_of(db, answer_ts(db, "UBOB")).text == BOB
    say(slack, fake, "my data", user="UALICE")
    text, record = my_data(fake, "UALICE")
    assert record["answers"] == []
    assert "Answers: 0" in text


def erased_thread(db: Database) -> str:
    with db.session() as session:
        return session.scalars(select(Prompt.ts)).one()


def test_an_admin_forgets_someone_else_after_confirming(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    gather(slack, fake, db)
    say(slack, fake, "schedule sales tue 10:00", user="UADMIN")
    refused = say(slack, fake, "forget <@UADMIN|admin>", user="UBOB")
    assert refused.startswith("Only workspace admins")
    reply = confirmation(slack, fake, "forget <@UBOB|bob>", user="UADMIN")
    assert "Erase <@UBOB>'s answers" in reply["text"]
    # a forged press by someone who is not an admin changes nothing
    forged = press(slack, fake, reply, confirm.CONFIRM, user="UALICE")
    assert forged["text"].startswith("Only workspace admins")
    assert answer_of(db, answer_ts(db, "UBOB")).text == BOB
    done = press(slack, fake, reply, confirm.CONFIRM, user="UADMIN")
    assert "Erased <@UBOB>'s answers and name" in done["text"]
    assert "answers: 1;" in done["text"]
    assert say(slack, fake, "search shadowing") == "Nothing found for “shadowing”."
    assert answer_of(db, answer_ts(db, "UALICE")).text == ALICE
    with db.session() as session:
        assert session.scalars(select(Schedule.created_by)).one() == "UADMIN"


def test_cancel_changes_nothing(slack: SlackDriver, fake: FakeSlack, db: Database) -> None:
    gather(slack, fake, db)
    reply = confirmation(slack, fake, "forget me", user="UALICE")
    done = press(slack, fake, reply, confirm.CANCEL, user="UALICE")
    assert done["text"] == "Cancelled. Nothing was changed."
    assert answer_of(db, answer_ts(db, "UALICE")).text == ALICE
    assert "tickets alone" in say(slack, fake, "search tickets alone")


def test_an_admin_forgetting_someone_leaves_their_anonymous_answers_unlinkable(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    prompt = gather(slack, fake, db, answers=[])
    with db.session() as session:
        session.get(Prompt, prompt.id).anonymous = True  # type: ignore[union-attr]
    slack.user_says("CSALES", "UBOB", BOB, thread_ts=prompt.ts)
    wait_for(lambda: fake.calls_to("reactions.add"))
    reply = confirmation(slack, fake, "forget <@UBOB>", user="UADMIN")
    assert "Answers that lose their text: 0." in reply["text"]  # the admin cannot tell it was his
    done = press(slack, fake, reply, confirm.CONFIRM, user="UADMIN")
    assert "answers: 0;" in done["text"]
    kept = answer_of(db, answer_ts_like(db, "erased:"))
    assert kept.text == BOB
    assert kept.deleted_at is None
    assert "shadowing" in say(slack, fake, "search shadowing")


def answer_ts_like(db: Database, prefix: str) -> str:
    with db.session() as session:
        return session.scalars(select(Answer.ts).where(Answer.user_id.startswith(prefix))).one()


def test_bad_personal_commands_get_their_help(slack: SlackDriver, fake: FakeSlack) -> None:
    assert "`/persona forget me`" in say(slack, fake, "forget everyone")
    assert "Did you mean `/persona my data`?" in say(slack, fake, "my stuff")
    assert "Did you mean `/persona workspace delete`?" in say(slack, fake, "workspace")


def test_a_korean_user_reads_it_all_in_korean(
    slack: SlackDriver, fake: FakeSlack, db: Database
) -> None:
    fake.add_user("UKO", "minji", locale="ko-KR")
    prompt = gather(slack, fake, db, answers=[])
    slack.user_says("CSALES", "UKO", "신입 교육이 너무 오래 걸려요", thread_ts=prompt.ts)
    wait_for(lambda: fake.calls_to("reactions.add"))
    said = say(slack, fake, "my data", user="UKO")
    assert said == "personabot이 나에 대해 보관하는 내용을 저와의 다이렉트 메시지로 보냈습니다."
    text, record = my_data(fake, "UKO")
    assert "• 답변: 1개 (삭제됨 0개, 익명 또는 비공개 0개)" in text
    assert [a["text"] for a in record["answers"]] == ["신입 교육이 너무 오래 걸려요"]
    readable = my_markdown(fake, "UKO")
    assert readable.startswith("# personabot이 나에 대해 보관하는 것\n")
    assert "## 내 답변 (1개)" in readable
    reply = confirmation(slack, fake, "forget me", user="UKO")
    assert reply["text"].startswith("*personabot에서 내 답변과 이름을 지울까요?*")
    [actions] = [b for b in reply["blocks"] if b["type"] == "actions"]
    assert [e["text"]["text"] for e in actions["elements"]] == ["나를 지우기", "취소"]
    done = press(slack, fake, reply, confirm.CONFIRM, user="UKO")
    assert done["text"].startswith("personabot에서 내 답변과 이름을 지웠습니다:\n• 답변: 1;")
