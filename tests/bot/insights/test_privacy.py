"""Hidden authors: a stable stand-in that counts people without naming them."""

from __future__ import annotations

from bot.insights.privacy import hidden_author, is_hidden


def test_a_hidden_author_is_stable_and_says_nothing_of_who() -> None:
    alice = hidden_author("UALICE")
    assert alice == hidden_author("UALICE")
    assert alice != hidden_author("UBOB")
    assert "UALICE" not in alice
    assert is_hidden(alice)
    assert not is_hidden("UALICE")
    assert not is_hidden("")
