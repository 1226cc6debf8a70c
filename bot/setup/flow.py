"""The admin setup as a use case: open the modal (admins only), save what was submitted
(refusals shown in the modal), then join the newly mapped channels, tell the admin where
to invite the bot by hand, and show them the Home tab again."""

from __future__ import annotations

from datetime import UTC, datetime

from slack_sdk import WebClient

from bot.home.tab import show_home
from bot.i18n import t
from bot.settings import Settings
from bot.setup import form as rules
from bot.setup import saving
from bot.setup.fields import SetupForm
from bot.setup.view import error_blocks, setup_modal
from bot.slack import calls
from bot.slack.blocks import Submitted
from bot.slack.people import locale_for
from bot.slack.permissions import is_admin
from storage import Database


def open_setup(
    *,
    db: Database,
    client: WebClient,
    settings: Settings,
    team_id: str,
    user_id: str,
    trigger_id: str,
) -> None:
    """Open the setup modal filled with what is saved; a person who is not an admin, or a
    trigger that expired, is told so in their DM with the app."""
    locale = locale_for(client=client, db=db, settings=settings, team_id=team_id, user_id=user_id)
    if not is_admin(client=client, settings=settings, user_id=user_id):
        text = t(locale, "Only workspace admins and owners can change the setup.")
        calls.dm(client, user=user_id, text=text)
        return
    with db.reading() as session:
        now = saving.current(
            session=session,
            team_id=team_id,
            default_locale=settings.locale,
            default_holidays=settings.holiday_country,
        )
    view = setup_modal(
        groups_channels=now.channels,
        schedules=now.schedules,
        digest_channel=now.digest_channel,
        digest=now.digest,
        locale_value=now.locale,
        holidays=now.holidays,
        timezone=settings.timezone,
        locale=locale,
        retention_days=now.retention_days,
    )
    if not calls.open_modal(client, trigger_id=trigger_id, view=view):
        text = t(locale, "That took too long for Slack; press Setup again.")
        calls.dm(client, user=user_id, text=text)


def submit_setup(
    *,
    db: Database,
    client: WebClient,
    settings: Settings,
    team_id: str,
    user_id: str,
    form: SetupForm,
) -> Submitted:
    """Check and save the submitted form before the ack (a refusal is shown under its
    field, nothing saved); what follows a save (``after_setup``) is left for after it."""
    locale = locale_for(client=client, db=db, settings=settings, team_id=team_id, user_id=user_id)
    errors = rules.check(form, locale=locale)
    if errors:
        return Submitted(errors=error_blocks(errors))
    try:
        with db.session() as session:  # quick: saved before the ack, so a refusal can show
            added = saving.apply(
                session=session,
                team_id=team_id,
                form=form,
                user_id=user_id,
                now=datetime.now(UTC),
                default_timezone=settings.timezone,
            )
    except rules.FieldError as refused:
        return Submitted(errors=error_blocks({refused.field: refused.error.render(locale)}))

    def after() -> None:
        after_setup(
            db=db, client=client, settings=settings, team_id=team_id, user_id=user_id, added=added
        )

    return Submitted(then=after)


def after_setup(
    *,
    db: Database,
    client: WebClient,
    settings: Settings,
    team_id: str,
    user_id: str,
    added: list[str],
) -> None:
    """Join the channels just mapped; the private ones the bot was not invited to are named
    in the admin's DM. Then the admin's Home tab is shown again."""
    closed_doors = [c for c in added if not calls.join(client, channel_id=c)]
    locale = locale_for(client=client, db=db, settings=settings, team_id=team_id, user_id=user_id)
    if closed_doors:
        where = ", ".join(f"<#{c}>" for c in closed_doors)
        text = t(locale, "Saved. Invite me with `/invite @personabot` in {where}.", where=where)
        calls.dm(client, user=user_id, text=text)
    show_home(db=db, client=client, settings=settings, team_id=team_id, user_id=user_id)
