"""Shared helpers for question bank tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from questions import BankError, load_bank

WriteBank = Callable[[str, str], Path]


def load_error(folder: Path, *, disabled: tuple[str, ...] = ()) -> BankError:
    """The BankError that loading the defaults plus ``folder`` raises."""
    with pytest.raises(BankError) as caught:
        load_bank(extra_dirs=[folder], disabled=disabled)
    return caught.value
