"""One-time upgrades of stored synthesis features, run after the backfill.

Themes stored before themes counted their claims' label words (``ThemeState.words``) get
the counts from their claims' stored text, and each claim keeps its words (so a later edit
or deletion takes them off again); their cells are marked, so the next regroup labels
them. Claims whose text has expired count no words. Theme ids, groups and digests' "what
changed" are unchanged.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict

from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session

from bot.insights import regrouping
from bot.insights.synthesis import labels, themes
from storage import Answer, AnswerFeatures, Database, Theme

_COUNTED = '%"words": {%'  # a state that holds its label words (json.dumps' spacing)


def count_label_words(*, session: Session) -> int:
    """Count the label words of every theme stored without them; returns how many themes.
    The caller commits."""
    legacy: dict[int, Theme] = {
        row.id: row
        for row in session.scalars(select(Theme).where(~cast(Theme.state, Text).like(_COUNTED)))
    }
    if not legacy:
        return 0
    cells = {(row.workspace_id, row.language) for row in legacy.values()}
    for workspace_id, language in sorted(cells):
        regrouping.lock_cell(session, workspace_id=workspace_id, language=language)
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    workspaces = sorted({workspace_id for workspace_id, _ in cells})
    for features in session.scalars(
        select(AnswerFeatures)
        .join(Answer, Answer.id == AnswerFeatures.answer_id)
        .where(Answer.workspace_id.in_(workspaces))
    ):
        entries = [dict(claim) for claim in features.claims or []]
        changed = False
        for claim in entries:
            theme_id = claim.get("theme")
            if theme_id not in legacy:
                continue
            if "words" not in claim:  # stored before claims kept their words
                text = str(claim.get("text") or "")
                language = str(claim.get("language"))
                claim["words"] = sorted(labels.label_words(text, language) if text else ())
                changed = True
            counts[int(theme_id)].update(claim["words"])
        if changed:
            features.claims = entries
    for theme_id, row in legacy.items():
        state = themes.state_from_json(row.state)
        counted = dataclasses.replace(state, words=counts[theme_id], counted=True)
        row.state = themes.state_to_json(counted)
    for workspace_id, language in sorted(cells):
        regrouping.mark(session, workspace_id=workspace_id, language=language)
    session.flush()
    return len(legacy)


def upgrade(*, db: Database) -> int:
    """``count_label_words`` in its own transaction; returns how many themes it counted."""
    with db.session() as session:
        return count_label_words(session=session)
