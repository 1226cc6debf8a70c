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


class SettingsError(Exception):
    """An environment variable is missing or invalid; ``str()`` is one line for the user."""

    def __init__(self, variable: str, expected: str) -> None:
        super().__init__(f"{variable}: {expected}")
        self.variable = variable


@dataclass(frozen=True, kw_only=True)
class Settings:
    bot_token: str
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

        bot_token = env.get("SLACK_BOT_TOKEN", "" if slack else "xoxb-offline")
        if not bot_token.startswith("xoxb-"):
            raise SettingsError("SLACK_BOT_TOKEN", "set it to the bot token (xoxb-...)")
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
        )

    def configure_logging(self) -> None:
        logging.basicConfig(
            level=self.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
        if self.log_level != "DEBUG":
            logging.getLogger("alembic").setLevel(logging.WARNING)


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
