"""``personabot import answers.csv``: answers from a past survey or interview notes.

Columns (header row, any order, names case-insensitive):

| column   | required | meaning                                                          |
|----------|----------|------------------------------------------------------------------|
| text     | yes      | the answer                                                       |
| date     | yes      | when it was said: 2026-11-02, 2026-11-02 14:30 or ISO 8601       |
| author   | no       | who said it (a name or id); empty = anonymous                    |
| group    | no       | marketing, sales, customer_success, leadership, customers, focus_group |
| persona  | no       | the persona it is about (created if new)                         |
| field    | no       | the persona field it informs (goals, pains, ...)                 |
| question | no       | the question that was asked                                      |
| link     | no       | where it came from (a URL)                                       |

UTF-8 (with or without BOM) and CP949 (common in Korea) are read. A row that cannot be
used is reported with its line number and skipped; the rest are kept. Each row is keyed by
its content, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.insights.indexing import Indexer
from bot.insights.synthesis.model import UNSORTED
from bot.personas import roster as personas
from bot.slack.limits import MESSAGE_TEXT
from questions import FIELDS, GROUPS, Bank
from storage import Answer, Evidence, Persona, queries

REQUIRED = ("text", "date")
OPTIONAL = ("author", "group", "persona", "field", "question", "link")
TEXT_LIMIT = MESSAGE_TEXT  # an answer is at most as long as a Slack message


class CsvError(Exception):
    """The file as a whole cannot be read; ``str()`` is one line."""


@dataclass(frozen=True)
class Row:
    line: int
    text: str
    answered_at: datetime
    author: str
    group: str | None
    persona: str | None
    field: str | None
    question: str | None
    link: str | None

    @property
    def key(self) -> str:
        """Content key: the same row in any file maps to the same answer."""
        parts = [
            self.answered_at.isoformat(),
            self.author,
            self.group or "",
            self.persona or "",
            self.field or "",
            self.text,
        ]
        return "csv:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:28]


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


def decode(data: bytes, *, name: str) -> str:
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvError(f"{name}: not UTF-8 or CP949 text; save it as CSV UTF-8 and try again")


def parse(text: str, *, name: str) -> tuple[list[Row], list[Problem]]:
    """Rows that can be imported and the problems of those that cannot."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        raise CsvError(f"{name}: the file is empty; the first row must name the columns")
    columns = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise CsvError(
            f"{name}: missing column {', '.join(repr(m) for m in missing)} "
            f"(found: {', '.join(columns)}; needed: text, date)"
        )
    rows: list[Row] = []
    problems: list[Problem] = []
    for line, values in _records(reader):
        record = {c: (values[i].strip() if i < len(values) else "") for i, c in enumerate(columns)}
        try:
            rows.append(_row(line, record))
        except ValueError as error:
            problems.append(Problem(line, str(error)))
    if not rows and not problems:
        raise CsvError(f"{name}: there is a header but no rows; nothing to import")
    return rows, problems


def _records(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        line = reader.line_num  # type: ignore[attr-defined]
        if any(v.strip() for v in values):
            yield line, values


def _row(line: int, r: dict[str, str]) -> Row:
    text = r.get("text", "")
    if not text:
        raise ValueError("the text is empty")
    if len(text) > TEXT_LIMIT:
        raise ValueError(f"the text is {len(text)} characters; at most {TEXT_LIMIT}")
    group = r.get("group", "").lower().replace(" ", "_") or None
    if group is not None and group not in GROUPS:
        raise ValueError(f"unknown group {group!r}; use one of {', '.join(GROUPS)}")
    field = r.get("field", "").lower().replace(" ", "_") or None
    if field is not None and field not in FIELDS:
        raise ValueError(f"unknown field {field!r}; use one of {', '.join(FIELDS)}")
    persona = r.get("persona") or None
    if persona is not None and len(persona) > 80:
        raise ValueError("the persona name is over 80 characters")
    link = r.get("link") or None
    if link is not None and not link.startswith(("http://", "https://")):
        raise ValueError(f"the link {link!r} is not an http(s) URL")
    return Row(
        line=line,
        text=text,
        answered_at=_date(r.get("date", "")),
        author=r.get("author", ""),
        group=group,
        persona=persona,
        field=field,
        question=r.get("question") or None,
        link=link,
    )


def _date(raw: str) -> datetime:
    try:
        value = datetime.fromisoformat(raw.replace("/", "-"))
    except ValueError:
        raise ValueError(f"bad date {raw!r}; use 2026-11-02 or 2026-11-02 14:30") from None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Report:
    added: int
    duplicates: int
    problems: tuple[Problem, ...]
    personas_created: tuple[str, ...]


IMPORT_CHANNEL = "IMPORT"  # the channel row that imported answers hang from


def store(
    *, session: Session, team_id: str, rows: Sequence[Row], problems: Sequence[Problem], bank: Bank
) -> Report:
    """Store the rows not stored before, with their features; the caller commits."""
    workspace = queries.workspace(session, team_id=team_id)
    channel = queries.channel(
        session, workspace=workspace, slack_id=IMPORT_CHANNEL, name="CSV import"
    )
    known = set(session.scalars(select(Answer.ts).where(Answer.channel_id == channel.id)))
    indexer = Indexer(session=session, workspace_id=workspace.id, bank=bank)
    personas: dict[str, Persona] = {}
    created: list[str] = []
    added = duplicates = 0
    for row in rows:
        if row.key in known:
            duplicates += 1
            continue
        known.add(row.key)
        answer = Answer(
            workspace_id=workspace.id,
            channel_id=channel.id,
            ts=row.key,
            user_id=row.author,
            group=row.group,
            source="import",
            text=row.text,
            permalink=row.link,
            answered_at=row.answered_at,
        )
        session.add(answer)
        session.flush()
        field = row.field or UNSORTED
        indexer.index(answer, field=field)
        if row.persona:
            persona = _persona(session, workspace.id, row.persona, personas, created)
            session.add(
                Evidence(answer_id=answer.id, persona_id=persona.id, field=field, source="import")
            )
        added += 1
    indexer.flush()
    return Report(added, duplicates, tuple(problems), tuple(created))


def _persona(
    session: Session, workspace_id: int, name: str, cache: dict[str, Persona], created: list[str]
) -> Persona:
    key = " ".join(name.split()).casefold()
    if key not in cache:
        found = personas.by_name(session, workspace_id, key)
        if found is None:
            found = Persona(
                workspace_id=workspace_id,
                name=" ".join(name.split()),
                name_key=key,
                description="",
                negative=False,
            )
            session.add(found)
            session.flush()
            created.append(found.name)
        cache[key] = found
    return cache[key]
