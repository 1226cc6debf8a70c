"""Offline commands (no Slack needed): import answers from CSV, write a digest or an
export, link an answer to a persona by hand, erase an author's answers."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.capture.importing import CsvError, decode, parse, store
from bot.insights import exports
from bot.insights.digests import compose
from bot.insights.indexing import backfill
from bot.insights.render.report import digest_json
from bot.personal import forget
from bot.personas import roster as personas
from bot.settings import Settings
from questions import Bank
from storage import Database, Workspace

OFFLINE_TEAM = "T0OFFLINE"


class OfflineError(Exception):
    """A command line that cannot be carried out; ``str()`` is one line, in English (the
    command line is for operators, like ``CsvError``)."""


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = sub.add_parser("import", help="import answers from a CSV file (columns: see README)")
    imp.add_argument("file", type=Path)
    dig = sub.add_parser("digest", help="write the persona digest as Markdown, HTML or JSON")
    dig.add_argument("--format", choices=["md", "html", "json"], default="md")
    dig.add_argument("--since", type=_date, default=None, help="changes since this date")
    exp = sub.add_parser("export", help="export evidence as CSV or everything as JSON")
    exp.add_argument("--format", choices=["csv", "json"], default="csv")
    link = sub.add_parser("link", help="link an answer to a persona's field")
    link.add_argument("answer_id", type=int)
    link.add_argument("persona")
    link.add_argument("field")
    forget = sub.add_parser(
        "forget", help="erase an author's answers (as the CSV or Slack named them)"
    )
    forget.add_argument("author", help="the author exactly as stored: a CSV name or a user id")
    forget.add_argument("--yes", action="store_true", help="erase (without it: say what would go)")
    for p in (imp, dig, exp, link, forget):
        p.add_argument("--team", help="Slack team id (default: the only workspace stored)")
    for p in (dig, exp):
        p.add_argument("--output", type=Path, help="write here instead of standard output")


def run(args: argparse.Namespace, *, settings: Settings, db: Database, bank: Bank) -> int:
    team = args.team or _only_team(db)
    if args.command == "import":
        return _import(args.file, db=db, bank=bank, team=team)
    if args.command == "forget":
        return _forget(args.author, yes=args.yes, db=db, bank=bank, team=team)
    if args.command == "link":
        with db.session() as session:
            personas.link(
                session=session,
                team_id=team,
                answer_id=args.answer_id,
                persona=args.persona,
                field=args.field,
                by=None,
            )
        print(f"answer {args.answer_id} now supports {args.persona}: {args.field}")
        return 0
    backfill(db=db, bank=bank)  # answers stored before an upgrade get their features first
    now = datetime.now(UTC)
    with db.session() as session:
        if args.command == "digest" and args.format == "json":
            digest = compose(
                session=session, team_id=team, now=now, since=args.since, locale=settings.locale
            )
            output = digest_json(digest)
        else:
            output = exports.render(
                session=session,
                team_id=team,
                fmt=args.format,
                locale=settings.locale,
                now=now,
                since=getattr(args, "since", None),
            )
    _write(output, args.output)
    return 0


def _import(path: Path, *, db: Database, bank: Bank, team: str) -> int:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CsvError(f"{path}: cannot read it ({error.strerror})") from None
    rows, problems = parse(decode(data, name=str(path)), name=str(path))
    with db.session() as session:
        report = store(session=session, team_id=team, rows=rows, problems=problems, bank=bank)
    print(f"imported {report.added} answer(s) from {path}; {report.duplicates} already there")
    if report.personas_created:
        print(f"new personas: {', '.join(report.personas_created)}")
    for problem in report.problems:
        print(f"{path}:{problem.line}: skipped: {problem.message}", file=sys.stderr)
    return 0


def _forget(author: str, *, yes: bool, db: Database, bank: Bank, team: str) -> int:
    """Erase an author as ``/persona forget @someone`` does (an operator is an admin: their
    anonymous answers keep their text and lose the author); without ``yes``, only say what
    would go. Imported authors are names, which Slack's command cannot name."""
    if not author.strip():
        raise OfflineError("name the author to forget, as the CSV or Slack named them")
    with db.session() as session:
        found = forget.pending(session=session, team_id=team, user_id=author, by_self=False)
        if not found.wrote and not found.unattributed:
            like = forget.authors_like(session=session, team_id=team, name=author)
            hint = f" (did you mean {', '.join(repr(a) for a in like)}?)" if like else ""
            raise OfflineError(f"no answers by {author!r} in this workspace; nothing erased{hint}")
        if not yes:
            print(
                f"would erase {found.answers} answer(s) by {author!r} and clear "
                f"{found.unattributed} setting(s) they made; nothing erased yet: "
                "run again with --yes"
            )
            return 1
        erased = forget.erase(
            session=session, team_id=team, user_id=author, by_self=False, bank=bank
        )
    print(
        f"erased {erased.answers} answer(s) by {author!r} ({erased.revisions} revision(s), "
        f"{erased.evidence} persona link(s), {erased.job_statements} job statement(s)); "
        f"{erased.unattributed} setting(s) they made no longer name them"
    )
    return 0


def _only_team(db: Database) -> str:
    with db.session() as session:
        teams = session.scalars(select(Workspace.team_id).limit(2)).all()
    return teams[0] if len(teams) == 1 else OFFLINE_TEAM


def _write(text: str, path: Path | None) -> None:
    if path is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        path.write_text(text, encoding="utf-8")


def _date(raw: str) -> datetime:
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {raw!r} (use 2026-11-02)") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)
