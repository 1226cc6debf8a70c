"""Every validation error names the file, the line, and what to do about it."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from questions import BankError, load_bank
from tests.questions.helpers import WriteBank, load_error

GOOD_QUESTION = [
    "  - key: team.budget",
    "    field: pains",
    "    kind: open",
    "    text:",
    '      en: "What stops you from getting budget?"',
    '      ko: "예산 확보를 막는 것은 무엇입니까?"',
]


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def question(*, key: str = "team.q", field: str = "pains", kind: str = "open") -> list[str]:
    return [
        f"  - key: {key}",
        f"    field: {field}",
        f"    kind: {kind}",
        "    text:",
        '      en: "What hurts?"',
        '      ko: "무엇이 불편합니까?"',
    ]


CHOICES_HEAD = ["group: sales", "questions:", *question(kind="choice"), "    choices:"]

CASES: list[tuple[str, str, int, str]] = [
    (
        "yaml_syntax_unclosed_list",
        lines("group: sales", "questions:", "  - key: [team.q", "    field: pains"),
        4,
        "invalid YAML: expected ',' or ']', but got ':' (while parsing a flow sequence at line 3)",
    ),
    (
        "yaml_syntax_bad_indent",
        lines("group: sales", "questions:", "  - key: team.q", "   field: pains"),
        4,
        "invalid YAML: expected <block end>, but found '<block mapping start>' "
        "(while parsing a block collection at line 3)",
    ),
    (
        "tab_indentation",
        lines("group: sales", "questions:", "\t- key: team.q"),
        3,
        "tab character at column 1; indent with spaces",
    ),
    (
        "tab_after_spaces",
        lines("group: sales", "questions:", "  - key: team.q", "  \t field: pains"),
        4,
        "tab character at column 3; indent with spaces",
    ),
    (
        "tab_after_colon",
        lines("group:\tsales", "questions: []"),
        1,
        "tab character at column 7; use spaces",
    ),
    (
        "file_not_a_mapping",
        lines("- key: team.q", "  field: pains"),
        1,
        "the file must be a mapping with top-level keys 'group' and 'questions', found a list",
    ),
    (
        "file_is_text",
        lines("just some words"),
        1,
        "the file must be a mapping with top-level keys 'group' and 'questions', "
        "found 'just some words'",
    ),
    (
        "file_is_long_text",
        lines("word " * 20),
        1,
        "the file must be a mapping with top-level keys 'group' and 'questions', "
        "found 'word word word word word word word wo...'",
    ),
    (
        "empty_file",
        lines("# nothing here yet"),
        1,
        "file is empty; expected top-level keys 'group' and 'questions'",
    ),
    (
        "unknown_top_level_key",
        lines("group: sales", "qestions:", *GOOD_QUESTION),
        2,
        "unknown key 'qestions' in the top level; expected one of: group, questions, disable "
        "(did you mean 'questions'?)",
    ),
    (
        "missing_group",
        lines("# team questions", "questions:", *GOOD_QUESTION),
        2,
        "missing top-level key 'group'; expected one of: marketing, sales, customer_success, "
        "leadership, customers, focus_group",
    ),
    (
        "missing_questions",
        lines("group: sales"),
        1,
        "missing top-level key 'questions' (a list of questions)",
    ),
    (
        "unknown_group",
        lines("group: sale", "questions:", *GOOD_QUESTION),
        1,
        "unknown group 'sale'; expected one of: marketing, sales, customer_success, "
        "leadership, customers, focus_group (did you mean 'sales'?)",
    ),
    (
        "questions_not_a_list",
        lines("group: sales", "questions:", "  key: team.q"),
        3,
        "'questions' must be a list, found a mapping",
    ),
    (
        "question_not_a_mapping",
        lines("group: sales", "questions:", "  - What hurts?"),
        3,
        "a question must be a mapping, found 'What hurts?'",
    ),
    (
        "unknown_question_attribute",
        lines("group: sales", "questions:", "  - key: team.q", "    feild: pains"),
        4,
        "unknown key 'feild' in a question; expected one of: key, field, kind, text, choices, "
        "enabled (did you mean 'field'?)",
    ),
    (
        "missing_kind",
        lines("group: sales", "questions:", *GOOD_QUESTION[:2], *GOOD_QUESTION[3:]),
        3,
        "question is missing 'kind'; expected one of: open, job_story, choice",
    ),
    (
        "unknown_field",
        lines("group: sales", "questions:", *question(field="pain")),
        4,
        "unknown field 'pain'; expected one of: role, demographics, responsibilities, goals, "
        "pains, motivations, objections, information_sources, buying_process, why_us, "
        "traits_to_avoid (did you mean 'pains'?)",
    ),
    (
        "unknown_kind",
        lines("group: sales", "questions:", *question(kind="jobstory")),
        5,
        "unknown kind 'jobstory'; expected one of: open, job_story, choice "
        "(did you mean 'job_story'?)",
    ),
    (
        "bad_key_format",
        lines("group: sales", "questions:", *question(key="Sales.Budget Owner")),
        3,
        "invalid question key 'Sales.Budget Owner'; use only lowercase letters, digits, '_' "
        "and '.' (e.g. 'sales.common_objections')",
    ),
    (
        "unknown_locale",
        lines("group: sales", "questions:", *question(), '      fr: "Qu\'est-ce qui gêne ?"'),
        9,
        "unknown locale 'fr' in text; expected one of: en, ko",
    ),
    (
        "missing_locale",
        lines("group: sales", "questions:", *question()[:5]),
        7,
        "text is missing locale 'ko'; every question needs text in: en, ko",
    ),
    (
        "text_not_a_mapping",
        lines("group: sales", "questions:", *question()[:3], '    text: "What hurts?"'),
        6,
        "text must be a mapping, found 'What hurts?'",
    ),
    (
        "empty_text",
        lines("group: sales", "questions:", *question()[:5], '      ko: "  "'),
        8,
        "text for locale 'ko' is empty",
    ),
    (
        "null_text",
        lines("group: sales", "questions:", *question()[:5], "      ko:"),
        8,
        "text for locale 'ko' is empty",
    ),
    (
        "text_over_slack_limit",
        lines(
            "group: sales", "questions:", *question()[:4], f"      en: {'x' * 3001}", "      ko: 가"
        ),
        7,
        "text for locale 'en' is 3001 characters long; Slack allows at most 3000 in a section",
    ),
    (
        "choices_on_open_question",
        lines(
            "group: sales",
            "questions:",
            *question(),
            "    choices:",
            "      - {en: Yes, ko: 예}",
            "      - {en: No, ko: 아니요}",
        ),
        10,
        "'choices' is only allowed on questions with kind: choice (this one is kind: open)",
    ),
    (
        "choice_question_without_choices",
        lines("group: sales", "questions:", *question(kind="choice")),
        3,
        "a choice question needs 'choices': a list of 2 to 10 options, each with text in: en, ko",
    ),
    (
        "too_few_choices",
        lines(*CHOICES_HEAD, "      - {en: Yes, ko: 예}"),
        10,
        "'choices' has 1 option(s); give between 2 and 10",
    ),
    (
        "too_many_choices",
        lines(*CHOICES_HEAD, *(f"      - {{en: Option {n}, ko: 선택 {n}}}" for n in range(11))),
        10,
        "'choices' has 11 option(s); give between 2 and 10",
    ),
    (
        "choice_missing_locale",
        lines(*CHOICES_HEAD, "      - {en: Yes, ko: 예}", "      - {en: No}"),
        11,
        "choice 2 is missing locale 'ko'; every choice needs text in: en, ko",
    ),
    (
        "choice_over_slack_limit",
        lines(
            *CHOICES_HEAD, "      - {en: Yes, ko: 예}", f"      - {{en: {'n' * 76}, ko: 아니요}}"
        ),
        11,
        "choice 2 for locale 'en' is 76 characters long; "
        "Slack allows at most 75 in a button or option",
    ),
    (
        "repeated_choice",
        lines(*CHOICES_HEAD, "      - {en: Yes, ko: 예}", "      - {en: Yes, ko: 네}"),
        11,
        "choice 2 repeats choice 1 ('Yes')",
    ),
    (
        "enabled_not_boolean",
        lines("group: sales", "questions:", *question(), "    enabled: sometimes"),
        9,
        "'enabled' must be true or false, found 'sometimes'",
    ),
    (
        "enabled_quoted",
        lines("group: sales", "questions:", *question(), '    enabled: "false"'),
        9,
        "'enabled' must be true or false, found the quoted text 'false'; remove the quotes",
    ),
    (
        "duplicate_yaml_key",
        lines("group: sales", "questions:", *question(), "    field: goals"),
        9,
        "duplicate key 'field' in a question (first at line 4)",
    ),
    (
        "disable_not_a_list",
        lines("disable: sales.best_deal"),
        1,
        "'disable' must be a list, found 'sales.best_deal'",
    ),
    (
        "disable_unknown_key",
        lines("disable:", "  - sales.best_deal", "  - sales.best_deals"),
        3,
        "cannot disable unknown question key 'sales.best_deals' (did you mean 'sales.best_deal'?)",
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_broken_bank_file(
    write_bank: WriteBank, team_dir: Path, text: str, line: int, message: str
) -> None:
    path = write_bank("team.yml", text)
    error = load_error(team_dir)
    assert (error.path, error.line, error.message) == (str(path), line, message)
    assert str(error) == f"{path}:{line}: {message}"
    assert "\n" not in str(error)


def test_duplicate_key_within_a_file_names_the_first(write_bank: WriteBank, team_dir: Path) -> None:
    path = write_bank("team.yml", lines("group: sales", "questions:", *question(), *question()))
    error = load_error(team_dir)
    assert (error.path, error.line) == (str(path), 9)
    assert error.message == f"duplicate question key 'team.q'; first defined at {path}:3"


def test_duplicate_key_across_files_names_the_default(
    write_bank: WriteBank, team_dir: Path
) -> None:
    defaults = load_bank()
    first = defaults.get("sales.common_objections")
    assert first is not None
    path = write_bank("team.yml", lines("group: marketing", "questions:", *question(key=first.key)))
    error = load_error(team_dir)
    assert (error.path, error.line) == (str(path), 3)
    assert error.message == (
        f"duplicate question key 'sales.common_objections'; "
        f"first defined at {first.source}:{first.line}"
    )


def test_duplicate_key_across_team_files(write_bank: WriteBank, team_dir: Path) -> None:
    first = write_bank("a.yml", lines("group: sales", "questions:", *question()))
    second = write_bank("b.yml", lines("# second", "group: leadership", "questions:", *question()))
    error = load_error(team_dir)
    assert str(error) == (
        f"{second}:4: duplicate question key 'team.q'; first defined at {first}:3"
    )


def test_invalid_utf8(team_dir: Path) -> None:
    path = team_dir / "team.yml"
    path.write_bytes(b"group: sales\nquestions:\n  - key: caf\xe9\n")
    error = load_error(team_dir)
    assert str(error) == f"{path}:3: file is not valid UTF-8; save it as UTF-8"


def test_unknown_key_in_disabled_argument(team_dir: Path) -> None:
    error = load_error(team_dir, disabled=("sales.best_deal", "sales.objections"))
    assert str(error) == (
        "<disabled>:2: cannot disable unknown question key 'sales.objections' "
        "(did you mean 'sales.common_objections'?)"
    )


def test_missing_extra_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    error = load_error(missing)
    assert str(error) == f"{missing}:1: question bank folder not found (or not a folder)"


def test_bank_error_survives_pickling() -> None:
    error = BankError("team.yml", 3, "unknown field 'pain'")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301
    assert (copy.path, copy.line, copy.message) == ("team.yml", 3, "unknown field 'pain'")
    assert str(copy) == "team.yml:3: unknown field 'pain'"
