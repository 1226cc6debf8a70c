"""Each answer's synthesis features, computed once when it is stored (or edited) and
removed with its text: its language, whether it says anything, its claims (with the theme
each joined) and the job statements in it.

Claims are grouped per (workspace, language) cell: a claim joins the nearest theme of its
cell or starts one (``bot.insights.synthesis.themes``); ``flush`` then relabels the themes
that changed and marks the cell for regrouping. The regroup itself (``grouping.merge``:
near themes share a ``group_key``) is not done here, on Slack's acknowledgement path, but
later and coalesced (``bot.insights.regrouping``: the clock's tick, and before any digest),
so the digest only reads what is stored. Which persona a claim speaks of is read at digest
time from the answer's evidence, so linking an answer to a persona later needs no
re-indexing.

An ``Indexer`` keeps the cells it touched in memory, so a CSV import of thousands of rows
loads each cell once. On PostgreSQL a cell is locked (advisory, per transaction) while it is
indexed, so processes that store answers at once do not overwrite each other's theme
updates; SQLite's ``BEGIN IMMEDIATE`` serialises writers already.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections import Counter
from collections.abc import Mapping

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from bot.insights import regrouping, upgrades
from bot.insights.synthesis import claims, grouping, korean, themes
from bot.insights.synthesis.model import UNSORTED
from questions import Bank
from storage import Answer, AnswerFeatures, Database, Evidence, Prompt, Theme
from storage.models import now

log = logging.getLogger("personabot")


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
        self._cells: dict[str, list[_Slot]] = {}
        self._spread: dict[str, Counter[str]] = {}  # language -> in how many themes a term is
        self._words: dict[str, Counter[str]] = {}  # ... and a label word (both only grow)

    def field_of(self, answer: Answer) -> str:
        prompt = self.session.get(Prompt, answer.prompt_id) if answer.prompt_id else None
        question = self.bank.get(prompt.question_key) if prompt and prompt.question_key else None
        return question.field if question is not None else UNSORTED

    def index(self, answer: Answer, *, field: str | None = None) -> AnswerFeatures:
        """(Re)compute the answer's features; the caller commits (after ``flush``)."""
        self.unindex(answer)
        field = field or self.field_of(answer)
        found = claims.claims(answer.text)
        themed = [(c, self._assign(c.language, c.terms, answer.id, c.words)) for c in found]
        entries = [
            {
                "text": c.text,
                "language": c.language,
                "terms": c.terms,
                "words": sorted(c.words),
                "theme": theme,
            }
            for c, theme in themed
        ]
        features = AnswerFeatures(
            answer_id=answer.id,
            field=field,
            language=claims.language_of(answer.text),
            substantive=bool(found),
            claims=entries,
            theme_ids=list(dict.fromkeys(theme for *_, theme in themed)),
            jobs=[dataclasses.asdict(j) for j in themes.job_facts(answer.text)],
        )
        self.session.add(features)
        self._link_prompt_persona(answer, field)
        return features

    def unindex(self, answer: Answer) -> None:
        """Forget the answer's features and take its claims out of their themes (its text is
        gone or about to change)."""
        features = self.session.get(AnswerFeatures, answer.id)
        if features is None:
            return
        for claim in features.claims or []:
            if claim.get("theme") is not None:
                language = str(claim["language"])
                words = frozenset(claim.get("words") or ())  # none in features of old releases
                self._remove(language, int(claim["theme"]), claim["terms"], answer.id, words)
        self.session.delete(features)
        self.session.flush()

    def flush(self) -> None:
        """Write changed themes back with fresh labels, and mark their cells for the
        regroup (``bot.insights.regrouping``), which runs later."""
        for language, slots in self._cells.items():
            changed = [s for s in slots if s.dirty]
            if not changed:
                continue
            # the cell's summed centroids only label themes stored before themes counted
            # their label words; the others use the words' spread kept in ``_words``
            legacy = any(not slot.state.counted for slot in changed)
            background = _background(slots) if legacy else {}
            spread = self._words[language]
            for slot in changed:
                slot.row.state = themes.state_to_json(slot.state)
                slot.row.size = slot.state.size
                slot.row.label = themes.label_of(
                    slot.state, background=background, spread=spread, classes=len(slots)
                )[:300]
                slot.row.updated_at = now()
                slot.dirty = False
            regrouping.mark(self.session, workspace_id=self.workspace_id, language=language)
        self.session.flush()

    def _cell(self, language: str) -> list[_Slot]:
        if language not in self._cells:
            regrouping.lock_cell(self.session, workspace_id=self.workspace_id, language=language)
            rows = self.session.scalars(
                select(Theme)
                .where(Theme.workspace_id == self.workspace_id, Theme.language == language)
                .order_by(Theme.id)
            )
            self._cells[language] = [_Slot(r, themes.state_from_json(r.state)) for r in rows]
            self._spread[language] = Counter(
                term for slot in self._cells[language] for term in slot.state.terms
            )
            self._words[language] = Counter(
                word for slot in self._cells[language] for word in slot.state.words
            )
        return self._cells[language]

    def _assign(
        self,
        language: str,
        vector: Mapping[str, float],
        answer_id: int,
        words: frozenset[str],
    ) -> int:
        slots = self._cell(language)
        spread = self._spread[language]
        query = grouping.rare_first(vector, spread, themes=len(slots))
        index = themes.assign(query, [s.state for s in slots], threshold=grouping.ASSIGN_THRESHOLD)
        if index is not None:
            slot = slots[index]
            before, named = slot.state.terms, slot.state.words.keys()
            slot.state = themes.add(slot.state, vector, answer_id=answer_id, words=words)
            spread.update(slot.state.terms - before)
            self._words[language].update(slot.state.words.keys() - named)
        else:
            row = Theme(
                workspace_id=self.workspace_id, language=language, state={}, size=0, neighbours=[]
            )
            self.session.add(row)
            self.session.flush()
            row.group_key = str(row.id)
            state = themes.new_theme(str(row.id), vector, answer_id=answer_id, words=words)
            slot = _Slot(row, state)
            slots.append(slot)
            spread.update(slot.state.terms)
            self._words[language].update(slot.state.words.keys())
        slot.dirty = True
        return slot.row.id

    def _remove(
        self,
        language: str,
        theme_id: int,
        vector: Mapping[str, float],
        answer_id: int,
        words: frozenset[str],
    ) -> None:
        for slot in self._cell(language):
            if slot.row.id == theme_id:
                slot.state = themes.remove(slot.state, vector, answer_id=answer_id, words=words)
                slot.dirty = True
                return

    def _link_prompt_persona(self, answer: Answer, field: str) -> None:
        prompt = self.session.get(Prompt, answer.prompt_id) if answer.prompt_id else None
        if prompt is None or prompt.persona_id is None:
            return
        linked = self.session.scalar(
            select(Evidence.id).where(
                Evidence.answer_id == answer.id, Evidence.persona_id == prompt.persona_id
            )
        )
        if linked is None:
            self.session.add(
                Evidence(
                    answer_id=answer.id, persona_id=prompt.persona_id, field=field, source="prompt"
                )
            )


def _background(slots: list[_Slot]) -> dict[str, float]:
    """The cell's centroids summed (what a theme's key words are measured against)."""
    background: dict[str, float] = {}
    for slot in slots:
        for term, weight in slot.state.centroid.items():
            background[term] = background.get(term, 0.0) + weight
    return background


def index_missing(*, session: Session, bank: Bank, limit: int = 5000) -> int:
    """Index answers that have text but no features (after an upgrade dropped them, or an
    interrupted import), at most ``limit`` in one call; returns how many. The caller
    commits; call again until it returns 0."""
    rows = session.scalars(
        select(Answer)
        .where(
            Answer.deleted_at.is_(None),
            ~exists().where(AnswerFeatures.answer_id == Answer.id),
        )
        .order_by(Answer.workspace_id, Answer.id)
        .limit(limit)
    ).all()
    indexers: dict[int, Indexer] = {}
    for answer in rows:
        indexer = indexers.get(answer.workspace_id)
        if indexer is None:
            indexer = Indexer(session=session, workspace_id=answer.workspace_id, bank=bank)
            indexers[answer.workspace_id] = indexer
        indexer.index(answer, field=_field(session, indexer, answer))
    for indexer in indexers.values():
        indexer.flush()
    return len(rows)


def backfill(*, db: Database, bank: Bank, batch: int = 500) -> int:
    """``index_missing`` until nothing is missing, one transaction per batch, then the
    one-time upgrades of stored features (``bot.insights.upgrades``); returns how many
    answers were indexed. Safe beside a running bot: each batch is its own transaction,
    and an answer indexed meanwhile is simply no longer missing."""
    total = 0
    while True:
        with db.session() as session:
            done = index_missing(session=session, bank=bank, limit=batch)
        total += done
        if done < batch:
            break
    upgrades.upgrade(db=db)
    return total


def backfill_in_background(*, db: Database, bank: Bank) -> threading.Thread:
    """``backfill`` on a daemon thread (at start: the bot answers meanwhile); also loads the
    language models there, so the first answer does not wait for them."""

    def work() -> None:
        try:
            korean.warm_up()
            count = backfill(db=db, bank=bank)
            if count:
                log.info("indexed %d answers that had no features", count)
        except Exception:
            log.exception("indexing missing answers failed; it is retried at the next start")

    thread = threading.Thread(target=work, name="personabot-backfill", daemon=True)
    thread.start()
    return thread


def _field(session: Session, indexer: Indexer, answer: Answer) -> str:
    """The field the answer was filed under: its evidence's, else its question's."""
    linked = session.scalar(
        select(Evidence.field).where(Evidence.answer_id == answer.id).order_by(Evidence.id)
    )
    return linked or indexer.field_of(answer)
