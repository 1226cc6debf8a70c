"""The confirmation step of ``forget`` and ``workspace delete``: the private message with
its two buttons (``ask``), and what pressing one does (``press``).

The button's value names what to do (``forget_me``, ``forget:<user id>``,
``workspace_delete``); it is not trusted: pressing re-checks who pressed. ``forget_me``
erases whoever presses, and the admin variants check again that the presser is an admin.
"""

from __future__ import annotations

import re
from typing import Any

from slack_sdk import WebClient

from bot.errors import UserError
from bot.i18n import t
from bot.personal import forget, workspaces
from bot.settings import Settings
from bot.slack.blocks import button, section
from bot.slack.permissions import require_admin
from questions import Bank
from storage import Database

CONFIRM = "personal_confirm"  # action_ids of the two buttons
CANCEL = "personal_cancel"
ACTIONS = "personal_actions"  # their block_id
FORGET_ME = "forget_me"
FORGET_USER = "forget:"
DELETE_WORKSPACE = "workspace_delete"
_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")


def ask(*, question: str, value: str, confirm: str, locale: str) -> list[dict[str, Any]]:
    """The question and its buttons: ``confirm`` (red) and Cancel."""
    return [
        section(question),
        {
            "type": "actions",
            "block_id": ACTIONS,
            "elements": [
                button(confirm, action_id=CONFIRM, value=value, style="danger"),
                button(t(locale, "Cancel"), action_id=CANCEL, value=value),
            ],
        },
    ]


def cancelled(locale: str) -> str:
    return t(locale, "Cancelled. Nothing was changed.")


def press(
    *,
    db: Database,
    client: WebClient,
    settings: Settings,
    bank: Bank,
    team_id: str,
    user_id: str,
    value: str,
    locale: str,
) -> str:
    """Carry out a confirmed erasure or deletion; what to tell the person who pressed."""
    if value == FORGET_ME:
        with db.session() as session:
            done = forget.erase(
                session=session, team_id=team_id, user_id=user_id, by_self=True, bank=bank
            )
        return erased_text(done, locale=locale, target=None)
    if value.startswith(FORGET_USER) and _USER.match(value.removeprefix(FORGET_USER)):
        target = value.removeprefix(FORGET_USER)
        require_admin(client=client, settings=settings, user_id=user_id)
        with db.session() as session:
            done = forget.erase(
                session=session,
                team_id=team_id,
                user_id=target,
                by_self=target == user_id,
                bank=bank,
            )
        return erased_text(done, locale=locale, target=target)
    if value == DELETE_WORKSPACE:
        require_admin(client=client, settings=settings, user_id=user_id)
        with db.session() as session:
            counts = workspaces.delete_workspace(session=session, team_id=team_id)
        return t(
            locale,
            "Deleted everything personabot kept for this workspace: {counts}.",
            counts=workspaces.describe(counts),
        )
    raise UserError("That button no longer does anything. Run the command again.")


def erased_text(done: forget.Erased, *, locale: str, target: str | None) -> str:
    """The counts of an erasure, for the person erased (``target`` None) or an admin."""
    head = (
        t(locale, "Erased your answers and your name from personabot:")
        if target is None
        else t(locale, "Erased <@{user}>'s answers and name from personabot:", user=target)
    )
    lines = [
        head,
        t(
            locale,
            "• answers: {answers}; earlier versions: {revisions}; persona links: "
            "{evidence}; job statements: {jobs}",
            answers=done.answers,
            revisions=done.revisions,
            evidence=done.evidence,
            jobs=done.job_statements,
        ),
        t(locale, "• schedules, questions and persona links made: {n}", n=done.unattributed),
    ]
    if target is not None:
        lines.append(
            t(
                locale,
                "Anonymous and private answers never name anyone: this person's, if any, are "
                "no longer tied to them and keep their text, so nobody can tell which they were.",
            )
        )
    lines.append(
        t(
            locale,
            "Messages in Slack itself are not touched; an edit or a resend of an erased "
            "answer is ignored.",
        )
    )
    return "\n".join(lines)
