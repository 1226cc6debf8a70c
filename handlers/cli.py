"""``personabot``: run the bot, serve HTTP, upgrade the database, check the setup."""

from __future__ import annotations

import argparse
import atexit
import contextlib
import logging
import signal
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import NoReturn

from slack_bolt import App
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import SQLAlchemyError

from bot import clock
from bot.capture.importing import CsvError
from bot.errors import UserError
from bot.insights import indexing, worker
from bot.rounds import schedules
from bot.settings import Settings, SettingsError
from bot.slack.client import make_client, verify
from handlers import errors, offline
from handlers.app import build_app
from handlers.web import make_http_server, wsgi_app
from questions import GROUPS, Bank, BankError, load_bank
from storage import Database

log = logging.getLogger("personabot")
OFFLINE = ("import", "digest", "export", "link")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "db":
        settings = _settings()
        db = _database(settings, upgrade=False)
        if args.action == "upgrade":
            _upgrade(db)
        print(f"database at revision {db.current_revision()}")
        return 0
    if args.command == "check":
        return _check()
    if args.command in OFFLINE:
        settings = _settings(slack=False)
        db = _database(settings, upgrade=True)
        try:
            return offline.run(args, settings=settings, db=db, bank=_bank(settings))
        except (UserError, CsvError) as error:  # English: the command line is for operators
            _exit(str(error))
    # SIGTERM (docker stop, gunicorn, a supervisor) ends the process like Ctrl-C, so that
    # exit handlers run and the digest worker process is stopped with it; replies still
    # queued behind slow work are dropped rather than holding the exit for minutes.
    signal.signal(signal.SIGTERM, _stop)
    settings, db, app = boot(start_clock=True)
    if args.command == "run" and settings.socket_mode:
        from handlers.socket_mode import CheckedSocketModeHandler

        assert settings.app_token is not None
        log.info("starting in Socket Mode")
        CheckedSocketModeHandler(app, settings.app_token, web_client=app.client).start()  # type: ignore[no-untyped-call]
        return 0
    server = make_http_server(wsgi_app(app, db), host=args.host, port=args.port)
    log.info(
        "serving HTTP on %s:%s (POST /slack/events, GET /healthz)", args.host, server.server_port
    )
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


def boot(*, start_clock: bool) -> tuple[Settings, Database, App]:
    """Settings, question banks, an upgraded database, the Bolt app, the digest worker
    process (stopped at exit) and (if asked) the clock that posts scheduled rounds; exits
    with one line on bad setup."""
    settings = _settings()
    bank = _bank(settings)
    db = _database(settings, upgrade=True)
    client = make_client(settings)
    try:
        verify(client)
    except SlackApiError as error:
        _fail("SLACK_BOT_TOKEN", f"Slack did not accept it ({error.response.get('error')})")
    except OSError as error:
        _fail("SLACK_API_URL", f"cannot reach the Slack Web API ({_first_line(error)})")
    app = build_app(settings=settings, db=db, bank=bank, client=client)
    worker.start()
    atexit.register(worker.stop)
    indexing.backfill_in_background(db=db, bank=bank)
    if start_clock:
        clock.start(db=db, client=client, bank=bank, settings=settings)
    return settings, db, app


def _bank(settings: Settings) -> Bank:
    try:
        return load_bank(
            extra_dirs=[settings.questions_dir] if settings.questions_dir else [],
            disabled=settings.disabled_questions,
        )
    except BankError as error:
        _exit(str(error))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="personabot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="Socket Mode when SLACK_APP_TOKEN is set, else HTTP")
    sub.add_parser("check", help="check settings and database, then exit")
    serve = sub.add_parser("serve", help="serve HTTP (events, commands, interactions)")
    for p in (sub.choices["run"], serve):
        p.add_argument("--host", default="0.0.0.0", help="HTTP mode: address (default 0.0.0.0)")  # noqa: S104
        p.add_argument("--port", type=int, default=3000, help="HTTP mode: port (default 3000)")
    db = sub.add_parser("db", help="database schema")
    db.add_argument("action", choices=["upgrade", "current"])
    offline.add_parsers(sub)
    return parser


def _settings(*, slack: bool = True) -> Settings:
    try:
        settings = Settings.from_env(slack=slack)
    except SettingsError as error:
        _exit(str(error))
    settings.configure_logging()
    return settings


def _database(settings: Settings, *, upgrade: bool) -> Database:
    db = Database(settings.database_url)
    if upgrade:
        _upgrade(db)
    return db


def _upgrade(db: Database) -> None:
    try:
        db.upgrade()
    except SQLAlchemyError as error:
        _fail("DATABASE_URL", f"cannot reach or upgrade the database ({_first_line(error)})")


def _stop(*_: object) -> None:
    errors.drop_pending_work()
    sys.exit(0)


def _check() -> int:
    settings = _settings()
    db = Database(settings.database_url)
    try:
        db.ping()
        revision = db.current_revision()
    except SQLAlchemyError as error:
        _fail("DATABASE_URL", f"cannot reach the database ({_first_line(error)})")
    mode = "Socket Mode" if settings.socket_mode else "HTTP"
    print(f"settings: ok ({mode}, Web API {settings.api_url})")
    print(
        f"database: ok ({db.url.get_backend_name()}, revision {revision or 'none: run db upgrade'})"
    )
    bank = _bank(settings)
    counts = ", ".join(f"{g} {len(bank.for_group(g))}" for g in GROUPS)
    print(f"questions: ok ({counts})")
    if revision is not None:
        with db.session() as session:
            for line in schedules.render_all(session=session, now=datetime.now(UTC)):
                print(line)
    return 0


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _fail(variable: str, message: str) -> NoReturn:
    _exit(f"{variable}: {message}")


def _exit(line: str) -> NoReturn:
    print(f"personabot: {line}", file=sys.stderr)
    raise SystemExit(2)


if __name__ == "__main__":
    raise SystemExit(main())
