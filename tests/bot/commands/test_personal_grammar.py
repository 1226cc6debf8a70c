"""Reading ``my data``, ``forget`` and ``workspace delete``, and their help in both languages."""

from __future__ import annotations

import pytest

from bot.commands.grammar import UsageError, parse
from bot.commands.help import help_text, usage
from bot.commands.personal import DeleteWorkspace, ForgetMe, ForgetUser, MyData


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("my data", MyData()),
        ("MY   Data", MyData()),
        ("forget me", ForgetMe()),
        ("forget <@U0ALICE|alice>", ForgetUser(user_id="U0ALICE")),
        ("forget <@W0GRID>", ForgetUser(user_id="W0GRID")),
        ("workspace delete", DeleteWorkspace()),
    ],
)
def test_personal_commands_are_read(text: str, command: object) -> None:
    assert parse(text) == command


@pytest.mark.parametrize(
    ("text", "problem", "subcommand"),
    [
        ("my", "Did you mean `/persona my data`?", "my"),
        ("forget", "Say `/persona forget me`", "forget"),
        ("forget alice", "Say `/persona forget me`", "forget"),
        ("forget <@U0A> <@U0B>", "Say `/persona forget me`", "forget"),
        ("forget <#C0SALES|sales>", "Say `/persona forget me`", "forget"),
        ("workspace delete now", "Did you mean `/persona workspace delete`?", "workspace"),
    ],
)
def test_bad_personal_commands_say_why_with_their_help(
    text: str, problem: str, subcommand: str
) -> None:
    with pytest.raises(UsageError) as raised:
        parse(text)
    assert raised.value.subcommand == subcommand
    assert raised.value.render("en").startswith(problem)


def test_only_the_admin_variants_are_admin_only() -> None:
    assert not MyData.admin_only
    assert not ForgetMe.admin_only
    assert ForgetUser.admin_only
    assert DeleteWorkspace.admin_only


def test_the_help_has_them_in_english_and_korean() -> None:
    for locale, word in (("en", "everything personabot keeps about you"), ("ko", "DM으로")):
        whole = help_text(locale)
        assert "`/persona my data`" in whole
        assert "`/persona forget me`" in whole
        assert "`/persona workspace delete`" in whole
        assert word in usage(locale, "my")
