"""The App Home tab: what the team knows at a glance, published per user."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bot.home.view import HomeData, HomePersona, HomePrompt, home_view
from bot.insights.worker import compose_committed
from storage import Answer, Channel, Prompt, queries

RATE_WINDOW = timedelta(weeks=4)


def view(
    *, session: Session, team_id: str, is_admin: bool, now: datetime, locale: str, page: int = 0
) -> dict[str, object]:
    return home_view(
        data=data(session=session, team_id=team_id, is_admin=is_admin, now=now, locale=locale),
        locale=locale,
        now=now,
        page=page,
    )


def data(*, session: Session, team_id: str, is_admin: bool, now: datetime, locale: str) -> HomeData:
    digest = compose_committed(session=session, team_id=team_id, now=now, locale=locale)
    people: list[HomePersona] = []
    flagged: list[str] = []
    for summary in digest.personas:
        if summary.persona is None:
            continue
        lines = [line for f in summary.fields for line in f.themes]
        assumptions = [line for line in lines if line.support.internal_only]
        flagged += [f"{summary.persona.name}: {line.theme.label}" for line in assumptions]
        last = max((f.last_answer for f in summary.fields if f.last_answer), default=None)
        people.append(
            HomePersona(
                name=summary.persona.name,
                negative=summary.persona.negative,
                evidence=summary.answers,
                last=last,
                assumptions=len(assumptions),
            )
        )
    prompts, _ = queries.open_prompts(session, team_id=team_id, limit=10)
    return HomeData(
        personas=tuple(people),
        open_prompts=tuple(
            HomePrompt(
                channel_id=p.channel_slack_id, text=p.text, answers=p.answers, permalink=p.permalink
            )
            for p in prompts
        ),
        rates=tuple(_rates(session, team_id=team_id, since=now - RATE_WINDOW)),
        assumptions=tuple(flagged),
        is_admin=is_admin,
    )


def _rates(session: Session, *, team_id: str, since: datetime) -> list[tuple[str, int, int]]:
    workspace = queries.workspace(session, team_id=team_id)
    answered = (
        select(func.count(Answer.id))
        .where(Answer.prompt_id == Prompt.id, Answer.deleted_at.is_(None))
        .correlate(Prompt)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Channel.group, func.count(Prompt.id), func.sum(case((answered > 0, 1), else_=0)))
        .join(Channel, Channel.id == Prompt.channel_id)
        .where(
            Prompt.workspace_id == workspace.id,
            Prompt.posted_at >= since,
            Channel.group.is_not(None),
        )
        .group_by(Channel.group)
        .order_by(Channel.group)
    )
    return [(str(g), int(n), int(a or 0)) for g, n, a in rows]
