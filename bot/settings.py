"""One typed settings object, read from the environment once."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

from bot.i18n import LOCALES

DEFAULT_DATABASE_URL = "sqlite:///personabot.sqlite3"
DEFAULT_API_URL = "https://slack.com/api/"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_REACTION = re.compile(r"^[a-z0-9_+'-]{1,100}$")
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_SCOPE = re.compile(r"^[a-z]+(?:[.:][a-z_]+)*$")
# The bot scopes of manifest.yml (tests/handlers/test_oauth.py keeps the two equal): what an
# OAuth install asks for unless SLACK_SCOPES says otherwise.
DEFAULT_SCOPES = (
    "commands",
    "chat:write",
    "channels:join",
    "channels:read",
    "groups:read",
    "channels:history",
    "groups:history",
    "reactions:write",
    "users:read",
    "files:write",
    "im:write",
)
OAUTH_VARIABLES = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET")


class SettingsError(Exception):
    """An environment variable is missing or invalid; ``str()`` is one line for the user."""

    def __init__(self, variable: str, expected: str) -> None:
        super().__init__(f"{variable}: {expected}")
        self.variable = variable


@dataclass(frozen=True, kw_only=True)
class OAuth:
    """The app's OAuth credentials: set, personabot installs in any number of workspaces."""

    client_id: str
    client_secret: str
    state_secret: str
    scopes: tuple[str, ...]
    redirect_uri: str | None  # None: the one configured for the app at Slack


@dataclass(frozen=True, kw_only=True)
class Settings:
    # None in OAuth mode: each workspace's bot token comes from its installation.
    bot_token: str | None
    app_token: str | None
    signing_secret: str | None
    database_url: str
    api_url: str
    log_level: str
    timezone: str
    locale: str
    ack_reaction: str | None
    admin_user_ids: frozenset[str]
    holiday_country: str | None
    grace_minutes: int
    tick_seconds: float
    questions_dir: Path | None
    disabled_questions: frozenset[str]
    oauth: OAuth | None = None

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        dotenv: Path | None = Path(".env"),
        slack: bool = True,
    ) -> Settings:
        """Read settings from ``environ`` (default: ``os.environ``) over an optional ``.env``.

        ``slack=False`` is for the offline commands (import, digest, export): the Slack
        tokens are then optional. Raises ``SettingsError`` naming the first variable that
        is missing or invalid.
        """
        values: dict[str, str] = {}
        if dotenv is not None and dotenv.is_file():
            values.update({k: v for k, v in dotenv_values(dotenv).items() if v is not None})
        values.update(os.environ if environ is None else environ)
        env = {k: v.strip() for k, v in values.items()}

        oauth = _oauth(env) if slack else None
        bot_token: str | None = env.get("SLACK_BOT_TOKEN", "" if slack else "xoxb-offline")
        if oauth is not None:
            if bot_token:
                raise SettingsError(
                    "SLACK_BOT_TOKEN",
                    "unset it with SLACK_CLIENT_ID (OAuth: each workspace's token comes "
                    "from its installation)",
                )
            bot_token = None
        elif not (bot_token or "").startswith("xoxb-"):
            raise SettingsError(
                "SLACK_BOT_TOKEN",
                "set it to the bot token (xoxb-...), or set SLACK_CLIENT_ID, "
                "SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for OAuth installs",
            )
        app_token = env.get("SLACK_APP_TOKEN") or None
        if app_token is not None and not app_token.startswith("xapp-"):
            raise SettingsError(
                "SLACK_APP_TOKEN", "an app-level token (xapp-...) for Socket Mode, or unset"
            )
        signing_secret = env.get("SLACK_SIGNING_SECRET") or None
        if slack and app_token is None and signing_secret is None:
            raise SettingsError(
                "SLACK_SIGNING_SECRET",
                "required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
            )
        return cls(
            bot_token=bot_token,
            app_token=app_token,
            signing_secret=signing_secret,
            database_url=_database_url(env.get("DATABASE_URL") or DEFAULT_DATABASE_URL),
            api_url=_api_url(env.get("SLACK_API_URL") or DEFAULT_API_URL),
            log_level=_choice(env, "PERSONABOT_LOG_LEVEL", "INFO", LOG_LEVELS, upper=True),
            timezone=_timezone(env.get("PERSONABOT_TIMEZONE") or "UTC"),
            locale=_choice(env, "PERSONABOT_LOCALE", "en", LOCALES),
            ack_reaction=_reaction(env.get("PERSONABOT_ACK_REACTION", "white_check_mark")),
            admin_user_ids=_user_ids(env.get("PERSONABOT_ADMINS", "")),
            holiday_country=_country(env.get("PERSONABOT_HOLIDAYS", "")),
            grace_minutes=int(_number(env, "PERSONABOT_GRACE_MINUTES", "60", 0, 7 * 24 * 60)),
            tick_seconds=_number(env, "PERSONABOT_TICK_SECONDS", "30", 0.1, 3600),
            questions_dir=_folder(env.get("PERSONABOT_QUESTIONS_DIR", "")),
            disabled_questions=frozenset(
                k.strip()
                for k in env.get("PERSONABOT_DISABLED_QUESTIONS", "").split(",")
                if k.strip()
            ),
            oauth=oauth,
        )

    def configure_logging(self) -> None:
        logging.basicConfig(
            level=self.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
        if self.log_level != "DEBUG":
            logging.getLogger("alembic").setLevel(logging.WARNING)


def _oauth(env: Mapping[str, str]) -> OAuth | None:
    """All three OAuth variables, or none of them (then the single bot token is used)."""
    given = {name: env.get(name, "") for name in OAUTH_VARIABLES}
    if not any(given.values()):
        return None
    for name, value in given.items():
        if not value:
            others = ", ".join(n for n in OAUTH_VARIABLES if n != name)
            raise SettingsError(name, f"required for OAuth installs along with {others}")
    if len(given["SLACK_STATE_SECRET"]) < 16:
        raise SettingsError("SLACK_STATE_SECRET", "a random string of at least 16 characters")
    raw_scopes = env.get("SLACK_SCOPES", "")
    scopes = tuple(dict.fromkeys(s.strip() for s in raw_scopes.split(",") if s.strip()))
    bad = [scope for scope in scopes if not _SCOPE.match(scope)]
    if bad:
        raise SettingsError("SLACK_SCOPES", f"comma-separated bot scopes (bad: {bad[0]})")
    redirect = env.get("SLACK_REDIRECT_URI") or None
    if redirect is not None:
        parsed = urlparse(redirect)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise SettingsError(
                "SLACK_REDIRECT_URI", "an http(s) URL ending /slack/oauth_redirect, or unset"
            )
    return OAuth(
        client_id=given["SLACK_CLIENT_ID"],
        client_secret=given["SLACK_CLIENT_SECRET"],
        state_secret=given["SLACK_STATE_SECRET"],
        scopes=scopes or DEFAULT_SCOPES,
        redirect_uri=redirect,
    )


def _choice(
    env: Mapping[str, str],
    name: str,
    default: str,
    allowed: tuple[str, ...],
    *,
    upper: bool = False,
) -> str:
    value = env.get(name) or default
    value = value.upper() if upper else value.lower()
    if value not in allowed:
        raise SettingsError(name, f"one of {', '.join(allowed)} (got {value!r})")
    return value


def _database_url(url: str) -> str:
    scheme = url.split(":", 1)[0]
    if scheme == "postgresql" or scheme == "postgres":
        return "postgresql+psycopg" + url[len(scheme) :]
    if scheme in ("sqlite", "postgresql+psycopg"):
        return url
    raise SettingsError(
        "DATABASE_URL",
        "a sqlite:///path or postgresql://user@host/db URL (got scheme " + repr(scheme) + ")",
    )


def _api_url(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise SettingsError("SLACK_API_URL", f"an http(s) URL such as {DEFAULT_API_URL}")
    return url if url.endswith("/") else url + "/"


def _timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            "PERSONABOT_TIMEZONE", f"an IANA timezone such as Asia/Seoul (got {name!r})"
        ) from None
    return name


def _reaction(name: str) -> str | None:
    name = name.strip(":").lower()
    if name in ("", "off", "none", "false"):
        return None
    if not _REACTION.match(name):
        raise SettingsError(
            "PERSONABOT_ACK_REACTION",
            f"an emoji name such as white_check_mark, or off (got {name!r})",
        )
    return name


def _user_ids(raw: str) -> frozenset[str]:
    ids = frozenset(part.strip() for part in raw.split(",") if part.strip())
    bad = sorted(i for i in ids if not _USER_ID.match(i))
    if bad:
        raise SettingsError("PERSONABOT_ADMINS", f"comma-separated Slack user ids (bad: {bad[0]})")
    return ids


def _number(env: Mapping[str, str], name: str, default: str, low: float, high: float) -> float:
    raw = env.get(name) or default
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not low <= value <= high:
        raise SettingsError(name, f"a number from {low:g} to {high:g} (got {raw!r})")
    return value


def _country(code: str) -> str | None:
    code = code.strip().upper()
    if code in ("", "NONE", "OFF"):
        return None
    import holidays

    if code not in holidays.list_supported_countries():
        raise SettingsError(
            "PERSONABOT_HOLIDAYS", f"an ISO country code such as KR or US, or off (got {code!r})"
        )
    return code


def _folder(raw: str) -> Path | None:
    if not raw:
        return None
    path = Path(raw)
    if not path.is_dir():
        raise SettingsError(
            "PERSONABOT_QUESTIONS_DIR", f"a folder of question bank files ({raw} is not one)"
        )
    return path
