"""Typed SQLAlchemy 2 models. The schema itself is created only by Alembic migrations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def now() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes on every backend (SQLite stores them naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use datetime.now(UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


class Workspace(Base):
    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=now)
    # Set in the setup modal; None = the defaults from settings.
    locale: Mapped[str | None] = mapped_column(String(8))
    holiday_country: Mapped[str | None] = mapped_column(String(8))
    # The Enterprise Grid organisation it belongs to, when Slack says so.
    enterprise_id: Mapped[str | None] = mapped_column(String(32))
    # Set by app_uninstalled / tokens_revoked, cleared by a new install: while set, no
    # rounds or digests run for it. Its data stays until an admin deletes the workspace.
    uninstalled_at: Mapped[datetime | None]
    # Answer text older than this many days is dropped (claims and counts kept); None keeps all.
    retention_days: Mapped[int | None]


class Channel(Base):
    """A Slack channel the bot has seen, with the stakeholder group it is mapped to (if any)."""

    __tablename__ = "channels"
    __table_args__ = (UniqueConstraint("workspace_id", "slack_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    slack_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(String(100))
    group: Mapped[str | None] = mapped_column(String(40))
    locale: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=now)
    # When the channel got its current group: rounds due before that are not its rounds.
    mapped_at: Mapped[datetime | None]
    # Why the last round could not be posted (e.g. not_in_channel), and whether an admin
    # was told; cleared by the next successful post.
    failure_reason: Mapped[str | None] = mapped_column(String(100))
    failure_notified_at: Mapped[datetime | None]


class Prompt(Base):
    """One question posted to one channel at one time."""

    __tablename__ = "prompts"
    __table_args__ = (UniqueConstraint("channel_id", "ts"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id", ondelete="CASCADE"))
    ts: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    question_key: Mapped[str | None] = mapped_column(String(100))
    asked_by: Mapped[str | None] = mapped_column(String(32))
    permalink: Mapped[str | None] = mapped_column(String(500))
    posted_at: Mapped[datetime] = mapped_column(default=now)
    closed_at: Mapped[datetime | None]
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("rounds.id", ondelete="SET NULL"), index=True
    )
    persona_id: Mapped[int | None] = mapped_column(ForeignKey("personas.id", ondelete="SET NULL"))
    locale: Mapped[str | None] = mapped_column(String(8))
    wanted_answers: Mapped[int | None]
    remind_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    close_at: Mapped[datetime | None]
    # Answers to it are anonymous: decided when it is posted (its schedule's setting then),
    # so it holds after the schedule and its rounds are gone.
    anonymous: Mapped[bool] = mapped_column(default=False, server_default=false())

    channel: Mapped[Channel] = relationship(lazy="joined")


class Answer(Base):
    """A reply to a prompt. A deleted Slack message keeps the row (so a late retry cannot
    bring it back) but loses its text and revisions."""

    __tablename__ = "answers"
    __table_args__ = (
        UniqueConstraint("channel_id", "ts"),
        Index("ix_answers_prompt_id", "prompt_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id", ondelete="CASCADE"))
    prompt_id: Mapped[int | None] = mapped_column(ForeignKey("prompts.id", ondelete="SET NULL"))
    ts: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    group: Mapped[str | None] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(16), default="thread")
    text: Mapped[str] = mapped_column(Text)
    permalink: Mapped[str | None] = mapped_column(String(500))
    answered_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=now)
    edited_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    late: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The author's own workspace when it is not this one (Slack Connect: a shared channel).
    user_team: Mapped[str | None] = mapped_column(String(32))
    # When retention dropped its text (its claims stay, without their quotes).
    expired_at: Mapped[datetime | None]
    # The author is kept (a person may edit or delete their answer) but never shown.
    anonymous: Mapped[bool] = mapped_column(default=False, server_default=false())

    revisions: Mapped[list[AnswerRevision]] = relationship(
        back_populates="answer", cascade="all, delete-orphan", order_by="AnswerRevision.id"
    )


class AnswerRevision(Base):
    """The text an answer had before an edit."""

    __tablename__ = "answer_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    replaced_at: Mapped[datetime] = mapped_column(default=now)

    answer: Mapped[Answer] = relationship(back_populates="revisions")


class ProcessedEvent(Base):
    """Events API ids already handled, so Slack's retries are recognised."""

    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    received_at: Mapped[datetime] = mapped_column(default=now)


class Schedule(Base):
    """When a group's channels are asked, and how hard."""

    __tablename__ = "schedules"
    __table_args__ = (UniqueConstraint("workspace_id", "group"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    group: Mapped[str] = mapped_column(String(40))
    cadence: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    questions_per_round: Mapped[int] = mapped_column(default=1)
    reminder_minutes: Mapped[int] = mapped_column(default=24 * 60)
    close_minutes: Mapped[int] = mapped_column(default=3 * 24 * 60)
    weekly_cap: Mapped[int] = mapped_column(default=2)
    wanted_answers: Mapped[int] = mapped_column(default=3)
    weekend: Mapped[list[int]] = mapped_column(JSON, default=lambda: [5, 6])
    holiday_country: Mapped[str | None] = mapped_column(String(8))
    skip_dates: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_by: Mapped[str | None] = mapped_column(String(32))
    # Answers to its rounds are anonymous: authors never shown in digests, exports, commands.
    anonymous: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Rounds due after this instant belong to the schedule (set anew on every change).
    effective_from: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now)


class Round(Base):
    """One schedule's round in one channel at one due time: claimed before it is posted,
    so that it is posted once however many processes run."""

    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("schedule_id", "due_at", "channel_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("schedules.id", ondelete="CASCADE"))
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id", ondelete="CASCADE"))
    due_at: Mapped[datetime]
    # claimed -> posted | retry | failed; or recorded as skipped / missed without posting
    status: Mapped[str] = mapped_column(String(16), index=True)
    reason: Mapped[str | None] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    claimed_at: Mapped[datetime] = mapped_column(default=now)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    posted_at: Mapped[datetime | None]

    channel: Mapped[Channel] = relationship(lazy="joined")
    schedule: Mapped[Schedule] = relationship(lazy="joined")


class Persona(Base):
    """A named buyer persona, or a negative persona (the customer the team does not want)."""

    __tablename__ = "personas"
    __table_args__ = (UniqueConstraint("workspace_id", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80))  # casefolded: names differ by more than case
    description: Mapped[str] = mapped_column(Text, default="")
    negative: Mapped[bool] = mapped_column(default=False)
    archived_at: Mapped[datetime | None]
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("personas.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=now)


class Evidence(Base):
    """An answer supporting a persona's field."""

    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("answer_id", "persona_id", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), index=True)
    persona_id: Mapped[int] = mapped_column(
        ForeignKey("personas.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(16))  # prompt | manual | import
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=now)


class Theme(Base):
    """A group of similar claims in one (workspace, language) cell, grown one claim at a
    time; ``group_key`` names the merged theme it belongs to (its own id when alone)."""

    __tablename__ = "themes"
    __table_args__ = (Index("ix_themes_cell", "workspace_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    state: Mapped[dict[str, Any]] = mapped_column(JSON)  # bot.insights.synthesis.themes
    group_key: Mapped[str | None] = mapped_column(String(40))
    # group keys of the merged themes whose claims come near this one's (the mirror check)
    neighbours: Mapped[list[str]] = mapped_column(JSON, default=list)
    label: Mapped[str] = mapped_column(String(300), default="")
    size: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=now)


class RegroupMark(Base):
    """A (workspace, language) theme cell whose claims changed since it was last regrouped;
    ``generation`` grows with every change, so a regroup of an older snapshot keeps it."""

    __tablename__ = "regroup_marks"

    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    generation: Mapped[int] = mapped_column(default=1)
    marked_at: Mapped[datetime] = mapped_column(default=now)


class AnswerFeatures(Base):
    """What synthesis needs of an answer, computed once when it is stored or edited, and
    deleted with the answer's text."""

    __tablename__ = "answer_features"

    answer_id: Mapped[int] = mapped_column(
        ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True
    )
    field: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))
    substantive: Mapped[bool]
    # [{"text": ..., "language": ..., "theme": <themes.id>, "terms": {...}}], in answer order
    claims: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    theme_ids: Mapped[list[int]] = mapped_column(JSON, default=list)  # of its claims, once each
    jobs: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class DigestSchedule(Base):
    """When and where a workspace's digest is posted."""

    __tablename__ = "digest_schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), unique=True
    )
    channel: Mapped[str] = mapped_column(String(32))
    cadence: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str | None] = mapped_column(String(32))
    effective_from: Mapped[datetime] = mapped_column(default=now)


class DigestRun(Base):
    """A posted digest (claimed by its due time, so it is posted once) and what it knew."""

    __tablename__ = "digest_runs"
    __table_args__ = (UniqueConstraint("workspace_id", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))  # claimed | posted | failed | missed
    reason: Mapped[str | None] = mapped_column(String(200))
    channel: Mapped[str | None] = mapped_column(String(32))
    ts: Mapped[str | None] = mapped_column(String(32))
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=now)


class Sweep(Base):
    """A periodic chore for one workspace on one day (e.g. ``retention``): claimed before it
    runs, so it runs once however many processes tick."""

    __tablename__ = "sweeps"
    __table_args__ = (UniqueConstraint("workspace_id", "kind", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    day: Mapped[str] = mapped_column(String(10))  # ISO date, UTC
    status: Mapped[str] = mapped_column(String(16))  # claimed | done | failed
    count: Mapped[int] = mapped_column(default=0)
    claimed_at: Mapped[datetime] = mapped_column(default=now)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    finished_at: Mapped[datetime | None]
