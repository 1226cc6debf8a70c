"""Load the packaged default banks plus team banks into one validated Bank."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Collection, Iterable, Iterator, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from questions.model import Bank, BankError, Question
from questions.parse import BankFile, parse_bank_file

BANK_SUFFIXES = (".yml", ".yaml")
DISABLED_ARGUMENT = "<disabled>"


def load_bank(*, extra_dirs: Sequence[Path] = (), disabled: Collection[str] = ()) -> Bank:
    """Load the packaged defaults and every ``*.yml``/``*.yaml`` file in ``extra_dirs``.

    Team bank files may add questions to any group and may turn default (or other
    team) questions off with a top-level ``disable: [keys]`` list. ``disabled`` turns
    more questions off by key. Raises BankError (``path:line: message``) on the first
    problem; for an unknown key in ``disabled`` the path is ``<disabled>`` and the line
    is the key's 1-based position in ``disabled``.
    """
    files = [_parse(source) for source in _default_sources()]
    for folder in extra_dirs:
        files.extend(_parse(source) for source in _folder_sources(Path(folder)))

    questions = _merge(files)
    off: set[str] = set()
    for bank_file in files:
        for entry in bank_file.disable:
            _check_known(entry.key, questions, path=bank_file.path, line=entry.line)
            off.add(entry.key)
    for position, key in enumerate(disabled, start=1):
        _check_known(key, questions, path=DISABLED_ARGUMENT, line=position)
        off.add(key)

    return Bank(
        questions=tuple(
            dataclasses.replace(question, enabled=False) if question.key in off else question
            for question in questions.values()
        )
    )


def _default_sources() -> Iterator[tuple[str, Traversable]]:
    folder = resources.files("questions").joinpath("banks")
    entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    return ((str(entry), entry) for entry in entries if _is_bank(entry))


def _folder_sources(folder: Path) -> Iterator[tuple[str, Traversable]]:
    if not folder.is_dir():
        raise BankError(folder, 1, "question bank folder not found (or not a folder)")
    entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    return ((str(entry), entry) for entry in entries if _is_bank(entry))


def _is_bank(entry: Traversable) -> bool:
    return entry.is_file() and entry.name.endswith(BANK_SUFFIXES)


def _parse(source: tuple[str, Traversable]) -> BankFile:
    path, entry = source
    try:
        data = entry.read_bytes()
    except OSError as error:
        raise BankError(path, 1, f"cannot read file: {error.strerror or error}") from None
    return parse_bank_file(data=data, path=path)


def _merge(files: Iterable[BankFile]) -> dict[str, Question]:
    """All questions by key, in load order; a key may be defined only once."""
    questions: dict[str, Question] = {}
    for bank_file in files:
        for question in bank_file.questions:
            first = questions.get(question.key)
            if first is not None:
                raise BankError(
                    question.source,
                    question.line,
                    f"duplicate question key '{question.key}'; "
                    f"first defined at {first.source}:{first.line}",
                )
            questions[question.key] = question
    return questions


def _check_known(key: str, questions: dict[str, Question], *, path: str, line: int) -> None:
    if key in questions:
        return
    message = f"cannot disable unknown question key '{key}'"
    close = difflib.get_close_matches(key, list(questions), n=1)
    if close:
        message += f" (did you mean '{close[0]}'?)"
    raise BankError(path, line, message)
