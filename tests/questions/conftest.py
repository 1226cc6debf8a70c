"""Helpers for question bank tests: write team bank files into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.questions.helpers import WriteBank


@pytest.fixture
def team_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "team"
    folder.mkdir()
    return folder


@pytest.fixture
def write_bank(team_dir: Path) -> WriteBank:
    """Write ``text`` to ``team_dir/name`` (UTF-8) and return the file's path."""

    def write(name: str, text: str) -> Path:
        path = team_dir / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
