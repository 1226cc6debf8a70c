"""``personabot workspace delete TEAM_ID [--yes]``: delete everything kept for one
workspace, from the command line (only ``DATABASE_URL`` is needed)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from bot.errors import UserError
from bot.personal import workspaces
from storage import Database


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    workspace = sub.add_parser("workspace", help="a whole workspace's data")
    action = workspace.add_subparsers(dest="action", required=True)
    delete = action.add_parser(
        "delete", help="delete every row of the workspace (asks to type the team id)"
    )
    delete.add_argument("team_id", help="the Slack team id, e.g. T0123ABCD")
    delete.add_argument("--yes", action="store_true", help="do not ask to confirm")


def run(args: argparse.Namespace, *, db: Database, ask: Callable[[str], str] = input) -> int:
    """Show what would go, ask for the team id again (unless ``--yes``), delete, print the
    counts. Exit 1 when nothing was deleted (not confirmed); a team with nothing stored is
    a ``UserError``."""
    team = str(args.team_id).strip()
    with db.reading() as session:
        counts = workspaces.count(session=session, team_id=team)
    if not counts:
        raise UserError("personabot keeps nothing for the team {team}.", team=team)
    print(f"workspace {team}: {workspaces.describe(counts)}")
    if not args.yes:
        try:
            typed = ask("Type the team id to confirm: ").strip()
        except EOFError:
            typed = ""
        if typed != team:
            print("nothing deleted (the team id was not typed)", file=sys.stderr)
            return 1
    with db.session() as session:
        deleted = workspaces.delete_workspace(session=session, team_id=team)
    print(f"deleted: {workspaces.describe(deleted)}")
    return 0
