"""Who a Slack user is to personabot: whether they are an admin, and which language they read.

One ``users.info`` call (with ``include_locale``) answers both; it is kept for ten minutes
per workspace and user, so a burst of commands from one person costs one call. User ids are
unique only within a workspace, so the key is the API URL, the workspace (the client's
default ``team_id``, which Bolt sets on each request's client; else its token, which
belongs to one workspace) and the user id. A failed lookup is not cached: the next request
asks again. Slack's ``user_change`` event drops it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from cachetools import TTLCache, cached
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.i18n import locale_of, supported
from bot.settings import Settings
from storage import Database, queries

log = logging.getLogger("personabot")

TTL_SECONDS = 600.0
MAX_PEOPLE = 10_000


@dataclass(frozen=True)
class Person:
    is_admin: bool
    locale: str | None  # Slack's, e.g. "ko-KR"; None when Slack did not say


Key = tuple[str, str | None, str]  # API URL, workspace (team id, else token), user id
_PEOPLE: TTLCache[Key, Person] = TTLCache(maxsize=MAX_PEOPLE, ttl=TTL_SECONDS)
_LOCK = threading.Lock()


def _key(*, client: WebClient, user_id: str) -> Key:
    return client.base_url, client.default_params.get("team_id") or client.token, user_id


@cached(_PEOPLE, key=_key, lock=_LOCK)  # a lookup that raises is not kept
def person(*, client: WebClient, user_id: str) -> Person:
    """``user_id``'s admin flag and locale, from Slack (cached for ``TTL_SECONDS``)."""
    user = client.users_info(user=user_id, include_locale=True)["user"]
    return Person(
        is_admin=bool(user.get("is_admin") or user.get("is_owner")),
        locale=user.get("locale") or None,
    )


def forget(*, client: WebClient, user_id: str) -> None:
    """Drop what is known about ``user_id`` (Slack said it changed: ``user_change``)."""
    with _LOCK:
        _PEOPLE.pop(_key(client=client, user_id=user_id), None)


def locale_for(
    *, client: WebClient, db: Database, settings: Settings, team_id: str, user_id: str
) -> str:
    """The language to answer ``user_id`` in: theirs in Slack when the catalog has it, else
    the workspace's (set in Setup), else ``PERSONABOT_LOCALE``. Never raises: not knowing
    the language must not cost a reply, an ack or a view."""
    try:
        own = person(client=client, user_id=user_id).locale
    except SlackApiError as error:
        log.warning("users.info failed for %s: %s", user_id, error.response.get("error"))
        own = None
    except Exception:  # Slack unreachable: answer in the workspace's language
        log.exception("users.info failed for %s", user_id)
        own = None
    if supported(own):
        return locale_of(own)
    try:
        with db.reading() as session:
            chosen = queries.workspace_locale(session, team_id=team_id, default=settings.locale)
    except Exception:
        log.exception("could not read the workspace's language")
        chosen = settings.locale
    return locale_of(chosen)


def names(*, client: WebClient, user_ids: Iterable[str]) -> dict[str, str]:
    """Each user's name as Slack shows it (display name, else real name), by id; a user Slack
    does not know (or a failed lookup) is left out, so the caller keeps the id."""
    found: dict[str, str] = {}
    for user_id in dict.fromkeys(user_ids):
        try:
            user = client.users_info(user=user_id)["user"]
        except SlackApiError as error:
            log.warning("users.info failed for %s: %s", user_id, error.response.get("error"))
            continue
        profile = user.get("profile") or {}
        name = profile.get("display_name") or profile.get("real_name") or user.get("real_name")
        if name:
            found[user_id] = str(name)
    return found
