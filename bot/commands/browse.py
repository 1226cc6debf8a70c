"""Reading commands: ``/persona show``, ``jobs``, ``search`` and ``export``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

from slack_sdk import WebClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.commands.caller import Caller
from bot.errors import UserError
from bot.i18n import N_, Text, nt, t
from bot.insights import exports
from bot.insights.render.lines import job_entry, link_ok
from bot.insights.render.messages import persona_text
from bot.insights.synthesis.wording import group_name
from bot.insights.worker import compose_committed
from bot.personas import roster as personas
from bot.slack import people
from bot.slack.dates import DATE, slack_date
from bot.slack.text import escape
from storage import Answer, queries

PAGE = 10
NO_JOBS = N_(
    'No job statements yet. They come from answers such as "When ..., I want to ..., so I can ...".'
)
SEARCH_MIN = 2


class BrowseError(UserError, ValueError):
    """A reading command that cannot be read. A ``ValueError`` (what ``parse`` raises) and a
    ``UserError``: ``render(locale)`` / ``.text`` give it in the caller's language, and
    ``args[0]`` is that ``Text`` (``str()`` is the English)."""

    def __init__(self, message: str | Text, /, **values: object) -> None:
        super().__init__(message, **values)
        self.args = (self.text,)


@dataclass(frozen=True)
class Browse:
    admin_only: ClassVar[bool] = False
    reads_only: ClassVar[bool] = True
    action: str  # show | jobs | search | export
    query: str = ""
    page: int = 1


def parse_browse(action: str, rest: str) -> Browse:
    """``BrowseError`` (a ``ValueError``) with the problem when the text cannot be read."""
    rest = rest.strip()
    if action == "show" and not rest:
        raise BrowseError(Text("Name the persona, e.g. `/persona show Ops Olivia`."))
    if action == "search":
        words = rest.split()
        page = 1
        if len(words) >= 2 and words[-2].lower() == "page" and words[-1].isdigit():
            page, rest = max(1, int(words[-1])), " ".join(words[:-2])
        if len(rest) < SEARCH_MIN:
            raise BrowseError(
                Text("Search for at least two characters, e.g. `/persona search onboarding`.")
            )
        return Browse("search", rest, page)
    if action == "export":
        if rest.lower() not in exports.FORMATS:
            raise BrowseError(Text("Pick a format: {formats}.", formats=", ".join(exports.FORMATS)))
        return Browse("export", rest.lower())
    return Browse(action, rest)


def browse_evidence(command: Browse, *, session: Session, caller: Caller) -> str:
    """Carry out a reading command; the reply is in the caller's language."""
    team_id, locale = caller.team_id, caller.locale
    if command.action == "show":
        return show(session=session, team_id=team_id, query=command.query, locale=locale)
    if command.action == "jobs":
        return jobs(session=session, team_id=team_id, query=command.query, locale=locale)
    if command.action == "search":
        return search(
            session=session,
            team_id=team_id,
            text=command.query,
            page=command.page,
            locale=locale,
            zone=caller.settings.timezone,
        )
    return export(
        session=session,
        client=caller.client,
        team_id=team_id,
        user_id=caller.user_id,
        fmt=command.query,
        locale=locale,
    )


def show(*, session: Session, team_id: str, query: str, locale: str) -> str:
    """The persona's card, as in the digest; a ``PersonaError`` (with suggestions) when
    ``query`` names none."""
    persona = personas.lookup(session=session, team_id=team_id, query=query)
    digest = compose_committed(
        session=session, team_id=team_id, now=datetime.now(UTC), locale=locale
    )
    [card] = [s for s in digest.personas if s.persona and s.persona.key == str(persona.id)]
    return persona_text(card, locale=locale)


def jobs(*, session: Session, team_id: str, query: str, locale: str) -> str:
    key = str(personas.lookup(session=session, team_id=team_id, query=query).id) if query else None
    digest = compose_committed(
        session=session, team_id=team_id, now=datetime.now(UTC), locale=locale
    )
    lines = [
        job_entry(line, locale)
        for summary in digest.personas
        if key is None or (summary.persona is not None and summary.persona.key == key)
        for line in summary.jobs
    ]
    if not lines:
        return t(locale, NO_JOBS)
    return "\n".join([t(locale, "*Job statements*"), *lines[:20]])


def search(
    *, session: Session, team_id: str, text: str, page: int, locale: str, zone: str = "UTC"
) -> str:
    workspace = queries.workspace(session, team_id=team_id)
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    where = (
        Answer.workspace_id == workspace.id,
        Answer.deleted_at.is_(None),
        func.lower(Answer.text).like(pattern.lower(), escape="\\"),
    )
    total = session.scalar(select(func.count(Answer.id)).where(*where)) or 0
    if not total:
        return t(locale, "Nothing found for “{text}”.", text=escape(text))
    pages = (total + PAGE - 1) // PAGE
    lines = []
    if page > pages:  # past the end: say so, and show the last page
        lines.append(t(locale, "_There is no page {asked}; here is the last one._", asked=page))
        page = pages
    rows = session.execute(
        select(Answer.text, Answer.permalink, Answer.group, Answer.answered_at)
        .where(*where)
        .order_by(Answer.answered_at.desc(), Answer.id.desc())
        .offset((page - 1) * PAGE)
        .limit(PAGE)
    ).all()
    heading = nt(
        locale,
        "*{n} answer mentions “{text}”* (page {page} of {pages})",
        "*{n} answers mention “{text}”* (page {page} of {pages})",
        total,
        text=escape(text),
        page=page,
        pages=pages,
    )
    lines.append(heading)
    for body, link, group, at in rows:
        quote = escape(body if len(body) <= 200 else body[:199] + "…")
        source = slack_date(at, form=DATE, zone=zone, link=link if link_ok(link) else None)
        who = group_name(locale, group) if group else t(locale, "unknown group")
        lines.append(f"• {quote} ({who}, {source})")
    if page < pages:
        more = f"`/persona search {escape(text)} page {page + 1}`"
        lines.append(t(locale, "More: {command}", command=more))
    return "\n".join(lines)


def export(
    *, session: Session, client: WebClient, team_id: str, user_id: str, fmt: str, locale: str
) -> str:
    """Upload the export to the caller's DM with the app."""
    now = datetime.now(UTC)
    content = exports.render(
        session=session,
        team_id=team_id,
        fmt=fmt,
        locale=locale,
        now=now,
        names=lambda ids: people.names(client=client, user_ids=ids),
    )
    dm = client.conversations_open(users=user_id)["channel"]["id"]
    name = exports.filename(fmt, now)
    client.files_upload_v2(channel=dm, filename=name, title=name, content=content)
    return t(locale, "Sent {name} to your direct messages with me.", name=name)
