"""How the author of an anonymous or private answer is hidden.

Such an answer keeps its author in the database (edits and deletions still find it), but
no digest, export or command shows who it was: facts carry a stable stand-in
(``hidden_author``) so that people are still counted once each, quotes carry no author, and
exports leave the author empty.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import ColumnElement, case

from storage import Answer

HIDDEN = "hidden:"  # the prefix of every stand-in


def is_hidden_answer() -> ColumnElement[bool]:
    """SQL: true for an answer whose author is never shown (anonymous or private)."""
    return Answer.anonymous | (Answer.source == "private")


def shown_author() -> Any:
    """SQL: the author to quote; empty for anonymous and private answers."""
    return case((is_hidden_answer(), ""), else_=Answer.user_id)


def hidden_author(user_id: str) -> str:
    """A stable stand-in for the author of an anonymous or private answer: people are still
    counted once each, but no digest, export or command can show who it was."""
    return HIDDEN + hashlib.sha256(user_id.encode()).hexdigest()[:16]


def is_hidden(author: str) -> bool:
    """Whether ``author`` is a stand-in made by ``hidden_author``."""
    return author.startswith(HIDDEN)
