"""Each answer's synthesis features, computed once when it is stored (or edited) and
removed with its text: language, whether it says anything, its term vector, its theme in
its (field, language) cell, and the job statements in it.

An ``Indexer`` keeps the cells it touched in memory, so a CSV import of thousands of rows
loads each cell once; ``flush`` writes the changed themes back with fresh labels. On
PostgreSQL a cell is locked (advisory, per transaction) while it is indexed, so processes
that store answers at once do not overwrite each other's theme updates; SQLite's
``BEGIN IMMEDIATE`` serialises writers already.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Mapping

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bot.insights.synthesis import themes
from bot.insights.synthesis.model import UNSORTED
from questions import Bank
from storage import Answer, AnswerFeatures, Evidence, Prompt, Theme
from storage.models import now

Cell = tuple[str, str]  # (field, language)


@dataclasses.dataclass
class _Slot:
    row: Theme
    state: themes.ThemeState
    dirty: bool = False


class Indexer:
    def __init__(self, *, session: Session, workspace_id: int, bank: Bank) -> None:
        self.session = session
        self.workspace_id = workspace_id
        self.bank = bank
        self._cells: dict[Cell, list[_Slot]] = {}

    def field_of(self, answer: Answer) -> str:
        prompt = self.session.get(Prompt, answer.prompt_id) if answer.prompt_id else None
        question = self.bank.get(prompt.question_key) if prompt and prompt.question_key else None
        return question.field if question is not None else UNSORTED

    def index(self, answer: Answer, *, field: str | None = None) -> AnswerFeatures:
        """(Re)compute the answer's features; the caller commits (after ``flush``)."""
        self.unindex(answer)
        field = field or self.field_of(answer)
        language = themes.language_of(answer.text)
        substantive = themes.is_substantive(answer.text)
        vector = themes.features(answer.text, language=language) if substantive else {}
        features = AnswerFeatures(
            answer_id=answer.id,
            field=field,
            language=language,
            substantive=substantive,
            vector=vector,
            jobs=[dataclasses.asdict(j) for j in themes.job_facts(answer.text)],
            theme_id=self._assign((field, language), vector, answer.id) if vector else None,
        )
        self.session.add(features)
        self._link_prompt_persona(answer, field)
        return features

    def unindex(self, answer: Answer) -> None:
        """Forget the answer's features and take it out of its theme (its text is gone or
        about to change)."""
        features = self.session.get(AnswerFeatures, answer.id)
        if features is None:
            return
        if features.theme_id is not None:
            self._remove(
                (features.field, features.language), features.theme_id, features.vector, answer.id
            )
        self.session.delete(features)
        self.session.flush()

    def flush(self) -> None:
        """Write changed themes back, relabelled against their cell."""
        for slots in self._cells.values():
            changed = [s for s in slots if s.dirty]
            if not changed:
                continue
            background: dict[str, float] = {}
            for slot in slots:
                for term, weight in slot.state.centroid.items():
                    background[term] = background.get(term, 0.0) + weight
            for slot in changed:
                slot.row.state = themes.state_to_json(slot.state)
                slot.row.size = slot.state.size
                slot.row.label = themes.label(slot.state, background=background)[:300]
                slot.row.updated_at = now()
                slot.dirty = False
        self.session.flush()

    def _cell(self, cell: Cell) -> list[_Slot]:
        if cell not in self._cells:
            if self.session.get_bind().dialect.name == "postgresql":
                key = zlib.crc32(f"{self.workspace_id}|{cell[0]}|{cell[1]}".encode())
                self.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
            rows = self.session.scalars(
                select(Theme)
                .where(
                    Theme.workspace_id == self.workspace_id,
                    Theme.field == cell[0],
                    Theme.language == cell[1],
                )
                .order_by(Theme.id)
            )
            self._cells[cell] = [_Slot(r, themes.state_from_json(r.state)) for r in rows]
        return self._cells[cell]

    def _assign(self, cell: Cell, vector: Mapping[str, float], answer_id: int) -> int:
        slots = self._cell(cell)
        index = themes.assign(vector, [s.state for s in slots])
        if index is not None:
            slot = slots[index]
            slot.state = themes.add(slot.state, vector, answer_id=answer_id)
        else:
            row = Theme(
                workspace_id=self.workspace_id,
                field=cell[0],
                language=cell[1],
                state={},
                label="",
                size=0,
            )
            self.session.add(row)
            self.session.flush()
            slot = _Slot(row, themes.new_theme(str(row.id), vector, answer_id=answer_id))
            slots.append(slot)
        slot.dirty = True
        return slot.row.id

    def _remove(
        self, cell: Cell, theme_id: int, vector: Mapping[str, float], answer_id: int
    ) -> None:
        for slot in self._cell(cell):
            if slot.row.id == theme_id:
                slot.state = themes.remove(slot.state, vector, answer_id=answer_id)
                slot.dirty = True
                return

    def _link_prompt_persona(self, answer: Answer, field: str) -> None:
        prompt = self.session.get(Prompt, answer.prompt_id) if answer.prompt_id else None
        if prompt is None or prompt.persona_id is None:
            return
        exists = self.session.scalar(
            select(Evidence.id).where(
                Evidence.answer_id == answer.id, Evidence.persona_id == prompt.persona_id
            )
        )
        if exists is None:
            self.session.add(
                Evidence(
                    answer_id=answer.id, persona_id=prompt.persona_id, field=field, source="prompt"
                )
            )
