from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import DEFAULT_DATABASE_URL, Settings, SettingsError

BASE = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret"}


def load(**env: str) -> Settings:
    return Settings.from_env({**BASE, **env}, dotenv=None)


def test_defaults() -> None:
    settings = load()
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.api_url == "https://slack.com/api/"
    assert not settings.socket_mode
    assert (settings.timezone, settings.locale, settings.log_level) == ("UTC", "en", "INFO")
    assert settings.ack_reaction == "white_check_mark"


def test_socket_mode_needs_no_signing_secret() -> None:
    settings = Settings.from_env(
        {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}, dotenv=None
    )
    assert settings.socket_mode


def test_values_are_normalised() -> None:
    settings = load(
        DATABASE_URL="postgresql://u@h/db",
        SLACK_API_URL="http://127.0.0.1:9/api",
        PERSONABOT_LOG_LEVEL="debug",
        PERSONABOT_ACK_REACTION=":eyes:",
        PERSONABOT_TIMEZONE="Asia/Seoul",
        PERSONABOT_LOCALE="KO",
        PERSONABOT_ADMINS="U1ABC, U2DEF",
    )
    assert settings.database_url == "postgresql+psycopg://u@h/db"
    assert settings.api_url == "http://127.0.0.1:9/api/"
    assert settings.log_level == "DEBUG"
    assert settings.ack_reaction == "eyes"
    assert settings.locale == "ko"
    assert settings.admin_user_ids == {"U1ABC", "U2DEF"}


def test_reaction_can_be_off() -> None:
    assert load(PERSONABOT_ACK_REACTION="off").ack_reaction is None


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"SLACK_BOT_TOKEN": ""}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxp-user-token"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_SIGNING_SECRET": ""}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_APP_TOKEN": "xoxb-wrong"}, "SLACK_APP_TOKEN"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"SLACK_API_URL": "slack.com/api"}, "SLACK_API_URL"),
        ({"PERSONABOT_TIMEZONE": "Mars/Olympus"}, "PERSONABOT_TIMEZONE"),
        ({"PERSONABOT_LOCALE": "fr"}, "PERSONABOT_LOCALE"),
        ({"PERSONABOT_LOG_LEVEL": "loud"}, "PERSONABOT_LOG_LEVEL"),
        ({"PERSONABOT_ACK_REACTION": "no spaces"}, "PERSONABOT_ACK_REACTION"),
        ({"PERSONABOT_ADMINS": "alice"}, "PERSONABOT_ADMINS"),
    ],
)
def test_a_bad_value_names_its_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({**BASE, **env}, dotenv=None)
    assert caught.value.variable == variable
    assert str(caught.value).startswith(f"{variable}: ")
    assert "\n" not in str(caught.value)


def test_dotenv_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "SLACK_BOT_TOKEN=xoxb-from-file\nSLACK_SIGNING_SECRET=file\nPERSONABOT_LOCALE=ko\n"
    )
    settings = Settings.from_env({"PERSONABOT_LOCALE": "en"}, dotenv=dotenv)
    assert settings.bot_token == "xoxb-from-file"
    assert settings.locale == "en"
