"""Persistence: SQLAlchemy 2 models, the engine and session factory, Alembic migrations.

Nothing here knows about Slack.
"""

from storage import installs  # noqa: F401  (registers the OAuth tables on Base.metadata)
from storage.db import Database
from storage.models import (
    Answer,
    AnswerFeatures,
    AnswerRevision,
    Base,
    Channel,
    DigestRun,
    DigestSchedule,
    Evidence,
    Persona,
    ProcessedEvent,
    Prompt,
    RegroupMark,
    Round,
    Schedule,
    Sweep,
    Theme,
    Workspace,
)

__all__ = [
    "Answer",
    "AnswerFeatures",
    "AnswerRevision",
    "Base",
    "Channel",
    "Database",
    "DigestRun",
    "DigestSchedule",
    "Evidence",
    "Persona",
    "ProcessedEvent",
    "Prompt",
    "RegroupMark",
    "Round",
    "Schedule",
    "Sweep",
    "Theme",
    "Workspace",
]
