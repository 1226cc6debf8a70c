"""Job stories written in the modal ("When …, I want to …, so I can …"), under a prompt or
from a message saved with the shortcut: checked part by part, kept as an answer whose text
is the statement and whose job is the statement itself, and their author told how to
sharpen it."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.capture.modals import JobStoryForm, job_story_errors
from bot.capture.private import SavedAnswer, store_keyed
from bot.errors import UserError
from bot.i18n import t
from bot.insights.synthesis import jobs, jobs_check, themes
from bot.settings import Settings
from bot.slack import calls
from bot.slack.blocks import JOB_PARTS, Submitted
from bot.slack.people import locale_for
from questions import Bank
from storage import AnswerFeatures, Database

MISSING = {
    "situation": "missing_situation",
    "motivation": "missing_motivation",
    "outcome": "missing_outcome",
}


def submit_job_story(
    *,
    db: Database,
    client: WebClient,
    settings: Settings,
    team_id: str,
    user_id: str,
    form: JobStoryForm,
    key: str,
    bank: Bank,
    user_team: str | None = None,
) -> Submitted:
    """The job story modal was submitted: a missing part, or a refusal, is shown in the
    modal (which keeps the text); a stored story is confirmed after the ack, with the
    quality check's hints."""
    locale = locale_for(client=client, db=db, settings=settings, team_id=team_id, user_id=user_id)
    errors = job_story_errors(**form.parts, problems=(), locale=locale)
    if errors:
        return Submitted(errors=errors)
    try:
        with db.session() as session:
            saved = answer_job_story(
                session=session,
                team_id=team_id,
                prompt_id=form.prompt_id,
                channel=form.channel,
                user_id=user_id,
                parts=form.parts,
                key=key,
                bank=bank,
                now=datetime.now(UTC),
                user_team=user_team,
            )
    except UserError as error:
        return Submitted(errors={JOB_PARTS[0]: error.render(locale)})

    def confirm() -> None:
        hints = job_story_problems(form.parts, locale=locale)
        tips = "".join(f"\n• {message}" for _, message in hints)
        note = (
            t(locale, "Job story saved. To sharpen it:") + tips
            if tips
            else t(locale, "Job story saved.")
        )
        calls.tell(client, channel=saved.channel, user=user_id, text=note)

    return Submitted(then=confirm)


def answer_job_story(
    *,
    session: Session,
    team_id: str,
    prompt_id: int | None,
    channel: str | None,
    user_id: str,
    parts: dict[str, str],
    key: str,
    bank: Bank,
    now: datetime,
    user_team: str | None = None,
) -> SavedAnswer:
    """A job story from the modal (under a prompt, or from a message saved with the
    shortcut, in its channel): kept as an answer whose text is the statement, with the
    statement itself as its job."""
    statement = _statement(parts)
    saved = store_keyed(
        session,
        team_id=team_id,
        prompt_id=prompt_id,
        channel=channel,
        user_id=user_id,
        text=statement.render(),
        key=f"job:{key}",
        source="job_story",
        bank=bank,
        now=now,
        user_team=user_team,
    )
    features = session.get(AnswerFeatures, saved.answer_id)
    if features is not None:  # the three parts are the job, whatever extraction would find
        found = themes.job_facts(statement.render())
        problems = tuple(p.code for p in jobs.check(statement))
        if found:
            features.jobs = [dataclasses.asdict(dataclasses.replace(found[0], problems=problems))]
    return saved


def _statement(parts: dict[str, str]) -> jobs.JobStatement:
    return jobs.from_parts(
        situation=parts.get("situation", ""),
        motivation=parts.get("motivation", ""),
        outcome=parts.get("outcome", ""),
    )


def job_story_problems(parts: dict[str, str], *, locale: str) -> list[tuple[str, str]]:
    """The quality check's findings as (part, message in ``locale``); missing parts are the
    modal's job."""
    found = jobs_check.problems_for(_statement(parts), locale=locale)
    return [(part, message) for part, code, message in found if code not in MISSING.values()]
