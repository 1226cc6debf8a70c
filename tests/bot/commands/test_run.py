"""The dispatch table: every kind of ``/persona`` command has one handler."""

from __future__ import annotations

from typing import get_args

from bot.commands import digest
from bot.commands.grammar import Command
from bot.commands.run import HANDLERS


def test_every_command_has_a_handler_except_the_one_that_runs_outside_a_transaction() -> None:
    kinds = set(get_args(Command))
    assert set(HANDLERS) == kinds - {digest.PostDigestNow}
