"""Persistence: SQLAlchemy 2 models, the engine and session factory, Alembic migrations.

Nothing here knows about Slack.
"""

from storage.db import Database
from storage.models import (
    Answer,
    AnswerRevision,
    Base,
    Channel,
    ProcessedEvent,
    Prompt,
    Round,
    Schedule,
    Workspace,
)

__all__ = [
    "Answer",
    "AnswerRevision",
    "Base",
    "Channel",
    "Database",
    "ProcessedEvent",
    "Prompt",
    "Round",
    "Schedule",
    "Workspace",
]
