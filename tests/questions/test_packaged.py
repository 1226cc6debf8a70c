"""The default banks shipped in the package."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from questions import (
    CUSTOMER_GROUPS,
    FIELDS,
    GROUPS,
    INTERNAL_GROUPS,
    KINDS,
    LOCALES,
    Bank,
    load_bank,
)

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "questions"
SEED_003 = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "003_cb2a9935283de338.txt"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def test_group_constants() -> None:
    assert GROUPS == (
        "marketing",
        "sales",
        "customer_success",
        "leadership",
        "customers",
        "focus_group",
    )
    assert INTERNAL_GROUPS + CUSTOMER_GROUPS == GROUPS
    assert CUSTOMER_GROUPS == ("customers", "focus_group")
    assert LOCALES == ("en", "ko")
    assert KINDS == ("open", "job_story", "choice")
    assert len(FIELDS) == 11


def test_one_yml_file_per_group() -> None:
    banks = resources.files("questions").joinpath("banks")
    names = sorted(entry.name for entry in banks.iterdir() if entry.is_file())
    # Only *.yml is declared as package data, so the defaults must not use *.yaml.
    assert names == sorted(f"{group}.yml" for group in GROUPS)


def test_packaged_banks_cover_all_groups(bank: Bank) -> None:
    assert {question.group for question in bank.questions} == set(GROUPS)
    for question in bank.questions:
        assert Path(question.source).name == f"{question.group}.yml"
        assert question.key.startswith(f"{question.group}.")
        assert question.enabled


@pytest.mark.parametrize("group", GROUPS)
def test_each_group_has_job_stories_and_several_questions(bank: Bank, group: str) -> None:
    kinds = Counter(question.kind for question in bank.for_group(group))
    assert kinds["job_story"] >= 2
    assert sum(kinds.values()) >= 4


def test_every_question_has_text_in_every_locale(bank: Bank) -> None:
    for question in bank.questions:
        assert set(question.text) == set(LOCALES), question.key
        assert all(text.strip() for text in question.text.values()), question.key
        for choice in question.choices:
            assert set(choice) == set(LOCALES), question.key
            assert all(label.strip() for label in choice.values()), question.key


def test_choice_questions_have_choices(bank: Bank) -> None:
    choice_questions = [q for q in bank.questions if q.kind == "choice"]
    assert choice_questions
    for question in choice_questions:
        assert 2 <= len(question.choices) <= 10
    assert all(not q.choices for q in bank.questions if q.kind != "choice")


def test_job_stories_ask_for_situation_motivation_and_outcome(bank: Bank) -> None:
    """Seed 000: a job story needs the situation, the motivation and the outcome."""
    for question in bank.questions:
        if question.kind == "job_story":
            english = question.text["en"].lower()
            assert english.startswith("think of"), question.key
            assert english.count("what") >= 3, question.key  # situation, motivation, outcome
            assert "떠올려 보세요" in question.text["ko"], question.key


def test_keys_are_unique_and_lines_point_at_the_question(bank: Bank) -> None:
    keys = [question.key for question in bank.questions]
    assert len(keys) == len(set(keys))
    for question in bank.questions:
        lines = Path(question.source).read_text(encoding="utf-8").splitlines()
        assert lines[question.line - 1].strip() == f"- key: {question.key}"


@pytest.mark.skipif(not SEED_003.exists(), reason="source article not present")
def test_article_questions_are_kept_verbatim_in_korean(bank: Bank) -> None:
    article = SEED_003.read_text(encoding="utf-8")
    _, _, lists = article.partition("다음은 각 그룹에 물어볼 수 있는 질문 목록입니다.")
    expected = [
        line.strip().removeprefix("•").strip()
        for line in lists.splitlines()
        if line.strip().startswith("•")
    ]
    assert len(expected) == 32
    korean = {question.text["ko"] for question in bank.questions}
    assert [text for text in expected if text not in korean] == []


def test_packaged_banks_load_from_a_zip_archive(tmp_path: Path, bank: Bank) -> None:
    """importlib.resources, not __file__: the defaults load from a zipped package."""
    archive = tmp_path / "personabot.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for source in sorted(PACKAGE_DIR.rglob("*")):
            if source.suffix in (".py", ".yml"):
                zipped.write(source, Path("questions") / source.relative_to(PACKAGE_DIR))
    script = (
        "import questions; b = questions.load_bank(); "
        "print(questions.__file__); print(len(b.questions)); print(b.questions[0].source)"
    )
    env = {**os.environ, "PYTHONPATH": str(archive)}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    module_file, count, first_source = result.stdout.splitlines()
    assert module_file.startswith(str(archive))
    assert int(count) == len(bank.questions)
    assert first_source.startswith(str(archive))
