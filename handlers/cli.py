"""``personabot``: run the bot, serve HTTP, upgrade the database, check the setup."""

from __future__ import annotations

import argparse
import atexit
import contextlib
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot import clock
from bot.capture.importing import CsvError
from bot.errors import UserError
from bot.insights import indexing, worker
from bot.rounds import schedules
from bot.settings import Settings, SettingsError
from bot.slack.client import Identity, make_client, verify, verify_app_token
from bot.slack.installs import Clients, InstalledClients, OneClient, mark_installed
from handlers import errors, offline, workspace_cli
from handlers.app import build_app
from handlers.web import health_app, make_http_server, wsgi_app
from questions import GROUPS, Bank, BankError, load_bank
from storage import Database

if TYPE_CHECKING:
    from wsgiref.simple_server import WSGIServer
    from wsgiref.types import WSGIApplication

log = logging.getLogger("personabot")
OFFLINE = ("import", "digest", "export", "link", "forget")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "db":  # the database alone: no Slack setting is needed
        settings = _settings(slack=False)
        missing = _missing_sqlite_file(settings.database_url)
        if args.action == "current" and missing is not None:
            print(f"database at revision none (no file at {missing} yet)")
            return 0
        db = _database(settings, upgrade=args.action == "upgrade")
        print(f"database at revision {_revision(db)}")
        return 0
    if args.command == "check":
        return _check()
    if args.command == "workspace":  # the database alone, like ``db``
        try:
            return workspace_cli.run(args, db=_database(_settings(slack=False), upgrade=True))
        except UserError as error:
            _exit(str(error))
    if args.command in OFFLINE:
        settings = _settings(slack=False)
        db = _database(settings, upgrade=True)
        try:
            return offline.run(args, settings=settings, db=db, bank=_bank(settings))
        except (UserError, CsvError, offline.OfflineError) as error:  # English: for operators
            _exit(str(error))
    # SIGTERM (docker stop, gunicorn, a supervisor) ends the process like Ctrl-C, so that
    # exit handlers run and the digest worker process is stopped with it; replies still
    # queued behind slow work are dropped rather than holding the exit for minutes.
    signal.signal(signal.SIGTERM, _stop)
    socket_mode = args.command == "run"
    settings, db, app = boot(start_clock=True, socket_mode=socket_mode)
    if socket_mode and settings.socket_mode:
        from handlers.socket_mode import CheckedSocketModeHandler

        assert settings.app_token is not None
        # GET /healthz, for a container's health check; with OAuth, the install pages too
        # (on port 3000 unless --port says otherwise: people must reach them)
        port = args.port if args.port is not None or settings.oauth is None else 3000
        if port is not None:
            health = _http_server(health_app(db, app), host=args.host, port=port)
            threading.Thread(target=health.serve_forever, name="healthz", daemon=True).start()
            pages = "" if settings.oauth is None else ", GET /slack/install"
            log.info("health checks on %s:%s (GET /healthz%s)", args.host, port, pages)
        log.info("starting in Socket Mode")
        handler = CheckedSocketModeHandler(app, settings.app_token, web_client=app.client)
        try:
            handler.start()  # type: ignore[no-untyped-call]
        except SlackApiError as error:
            _fail("SLACK_APP_TOKEN", f"Slack did not accept it ({error.response.get('error')})")
        return 0
    port = 3000 if args.port is None else args.port
    server = _http_server(wsgi_app(app, db), host=args.host, port=port)
    pages = "" if settings.oauth is None else ", GET /slack/install"
    log.info(
        "serving HTTP on %s:%s (POST /slack/events, GET /healthz%s)",
        args.host,
        server.server_port,
        pages,
    )
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


def boot(*, start_clock: bool, socket_mode: bool = False) -> tuple[Settings, Database, App]:
    """Settings, question banks, an upgraded database, the Bolt app, the digest worker
    process (stopped at exit) and (if asked) the clock that posts scheduled rounds; exits
    with one line on bad setup. With ``socket_mode`` and an app token, Slack must accept
    that token too (before anything starts)."""
    settings = _settings()
    bank = _bank(settings)
    client = make_client(settings)
    identity = None if settings.oauth is not None else _verify(client)
    if socket_mode and settings.app_token is not None:
        _verify_app_token(client, settings.app_token)
    db = _database(settings, upgrade=True)
    clients: Clients
    if settings.oauth is not None:
        clients = InstalledClients(oauth=settings.oauth, db=db, base=client)
    else:  # the token works, so the app is installed there (again, after an uninstall)
        assert identity is not None
        if identity.team_id:
            mark_installed(db=db, team_id=identity.team_id, enterprise_id=None)
        clients = OneClient(client)
    app = build_app(settings=settings, db=db, bank=bank, client=client)
    worker.start()
    atexit.register(worker.stop)
    indexing.backfill_in_background(db=db, bank=bank)
    if start_clock:
        clock.start(db=db, client=clients, bank=bank, settings=settings)
    return settings, db, app


def _verify(client: WebClient) -> Identity:
    try:
        return verify(client)
    except SlackApiError as error:
        _fail("SLACK_BOT_TOKEN", f"Slack did not accept it ({error.response.get('error')})")
    except OSError as error:
        _fail("SLACK_API_URL", f"cannot reach the Slack Web API ({_first_line(error)})")


def _verify_app_token(client: WebClient, app_token: str) -> None:
    try:
        verify_app_token(client, app_token)
    except SlackApiError as error:
        _fail("SLACK_APP_TOKEN", f"Slack did not accept it ({error.response.get('error')})")
    except OSError as error:
        _fail("SLACK_API_URL", f"cannot reach the Slack Web API ({_first_line(error)})")


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
        p.add_argument(
            "--port",
            type=int,
            help="HTTP mode: port (default 3000); Socket Mode: serve GET /healthz there",
        )
    db = sub.add_parser("db", help="database schema")
    db.add_argument("action", choices=["upgrade", "current"])
    offline.add_parsers(sub)
    workspace_cli.add_parser(sub)
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


def _http_server(application: WSGIApplication, *, host: str, port: int) -> WSGIServer:
    try:
        return make_http_server(application, host=host, port=port)
    except OSError as error:
        _fail("--port", f"cannot listen on {host}:{port} ({error.strerror or error})")


def _stop(*_: object) -> None:
    errors.drop_pending_work()
    sys.exit(0)


def _check() -> int:
    """Each part of the setup on its own line; the first that fails ends it (one line on
    stderr, exit 2). Creates nothing: a missing SQLite file is reported, not made."""
    settings = _settings()
    mode = "Socket Mode" if settings.socket_mode else "HTTP"
    print(f"settings: ok ({mode}, Web API {settings.api_url})", flush=True)
    client = make_client(settings)
    if settings.oauth is not None:
        if settings.app_token is not None:
            _verify_app_token(client, settings.app_token)
        print(
            f"slack: OAuth (client id {settings.oauth.client_id}; install at /slack/install, "
            f"redirect to /slack/oauth_redirect; scopes {','.join(settings.oauth.scopes)})"
        )
    else:
        identity = _verify(client)
        tokens = "bot token"
        if settings.app_token is not None:
            _verify_app_token(client, settings.app_token)
            tokens = "bot and app tokens"
        print(f"slack: ok ({tokens} accepted; workspace {identity.team}, bot @{identity.user})")
    missing = _missing_sqlite_file(settings.database_url)
    revision: str | None = None
    if missing is not None:
        print(f"database: none yet (no file at {missing}: personabot db upgrade creates it)")
    else:
        db = Database(settings.database_url)
        revision = _revision(db)
        state = revision or "none: run personabot db upgrade"
        print(f"database: ok ({db.url.get_backend_name()}, revision {state})", flush=True)
    bank = _bank(settings)
    counts = ", ".join(f"{g} {len(bank.for_group(g))}" for g in GROUPS)
    print(f"questions: ok ({counts})")
    if revision is not None:
        with db.reading() as session:
            for line in schedules.render_all(session=session, now=datetime.now(UTC)):
                print(line)
    return 0


def _missing_sqlite_file(url: str) -> Path | None:
    """The SQLite file ``url`` names when it does not exist yet (opening it would create it)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database).resolve()
    return None if path.exists() else path


def _revision(db: Database) -> str | None:
    try:
        return db.current_revision()
    except SQLAlchemyError as error:
        _fail("DATABASE_URL", f"cannot reach the database ({_first_line(error)})")


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _fail(variable: str, message: str) -> NoReturn:
    _exit(f"{variable}: {message}")


def _exit(line: str) -> NoReturn:
    print(f"personabot: {line}", file=sys.stderr)
    raise SystemExit(2)


if __name__ == "__main__":
    raise SystemExit(main())
