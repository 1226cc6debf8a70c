"""Team banks: extra folders that add questions and turn defaults off."""

from __future__ import annotations

from pathlib import Path

from questions import load_bank
from tests.questions.helpers import WriteBank

TEAM_SALES = """\
# Our own sales questions.
group: sales
questions:
  - key: team.sales.budget_owner
    field: buying_process
    kind: open
    text:
      en: "Who owns the budget in the deals you are working on?"
      ko: "진행 중인 거래에서 예산은 누가 가지고 있습니까?"

  - key: team.sales.trial_length
    field: buying_process
    kind: choice
    text:
      en: "How long do trials usually last?"
      ko: "평가판은 보통 얼마나 걸립니까?"
    choices:
      - {en: "Under a week", ko: "1주 미만"}
      - {en: "One to four weeks", ko: "1~4주"}
      - {en: "Longer", ko: "그 이상"}
    enabled: false
"""

TEAM_CUSTOMERS = """\
group: customers
questions:
  - key: team.customers.first_week
    field: goals
    kind: job_story
    text:
      en: >-
        Think of your first week with us: what was going on, what did you
        want to do, and what did you expect afterwards?
      ko: >-
        우리와 함께한 첫 주를 떠올려 보세요. 무슨 일이 있었고,
        무엇을 하고 싶었으며, 그 후 무엇을 기대하셨습니까?
disable:
  - customers.sales_cycle
"""


def test_team_bank_adds_questions_after_the_defaults(write_bank: WriteBank, team_dir: Path) -> None:
    path = write_bank("sales.yml", TEAM_SALES)
    default = load_bank()
    bank = load_bank(extra_dirs=[team_dir])

    assert len(bank.questions) == len(default.questions) + 2
    added = bank.get("team.sales.budget_owner")
    assert added is not None
    assert (added.group, added.field, added.kind) == ("sales", "buying_process", "open")
    assert (added.source, added.line) == (str(path), 4)
    assert bank.for_group("sales")[-1] == added
    assert bank.for_group("sales")[: len(default.for_group("sales"))] == default.for_group("sales")


def test_team_question_can_start_disabled(write_bank: WriteBank, team_dir: Path) -> None:
    write_bank("sales.yml", TEAM_SALES)
    bank = load_bank(extra_dirs=[team_dir])
    trial = bank.get("team.sales.trial_length")
    assert trial is not None
    assert not trial.enabled
    assert trial not in bank.for_group("sales")
    assert trial in bank.for_group("sales", include_disabled=True)
    assert trial.choice_labels("ko") == ("1주 미만", "1~4주", "그 이상")


def test_team_bank_disables_a_default_question(write_bank: WriteBank, team_dir: Path) -> None:
    write_bank("customers.yaml", TEAM_CUSTOMERS)
    bank = load_bank(extra_dirs=[team_dir])
    off = bank.get("customers.sales_cycle")
    assert off is not None
    assert not off.enabled
    assert [q.key for q in bank.for_group("customers")].count("customers.sales_cycle") == 0
    assert off in bank.for_group("customers", include_disabled=True)
    first_week = bank.get("team.customers.first_week")
    assert first_week is not None
    assert first_week in bank.for_group("customers")
    assert first_week.text["en"].startswith("Think of your first week with us: what was")
    assert first_week.text["en"].endswith("expect afterwards?")


def test_disable_only_file(write_bank: WriteBank, team_dir: Path) -> None:
    write_bank("off.yml", "disable:\n  - marketing.top_pages\n  - sales.best_deal\n")
    bank = load_bank(extra_dirs=[team_dir])
    assert {q.key for q in bank.questions if not q.enabled} == {
        "marketing.top_pages",
        "sales.best_deal",
    }


def test_team_file_may_disable_another_team_files_question(
    write_bank: WriteBank, team_dir: Path
) -> None:
    write_bank("a_off.yml", "disable: [team.sales.budget_owner]\n")
    write_bank("sales.yml", TEAM_SALES)
    bank = load_bank(extra_dirs=[team_dir])
    owner = bank.get("team.sales.budget_owner")
    assert owner is not None
    assert not owner.enabled


def test_disabled_argument(team_dir: Path) -> None:
    bank = load_bank(extra_dirs=[team_dir], disabled={"leadership.new_products"})
    question = bank.get("leadership.new_products")
    assert question is not None
    assert not question.enabled
    assert question not in bank.for_group("leadership")


def test_several_folders_and_only_yaml_files(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "sales.yml").write_text(TEAM_SALES, encoding="utf-8")
    (second / "customers.yaml").write_text(TEAM_CUSTOMERS, encoding="utf-8")
    (second / "README.md").write_text("not a bank: {", encoding="utf-8")
    (second / "old.yml.bak").write_text("not a bank: {", encoding="utf-8")
    (second / "drafts.yml").mkdir()

    bank = load_bank(extra_dirs=[first, second])
    keys = [q.key for q in bank.questions]
    assert keys.index("team.sales.budget_owner") < keys.index("team.customers.first_week")


def test_empty_team_folder_changes_nothing(team_dir: Path) -> None:
    assert load_bank(extra_dirs=[team_dir]) == load_bank()
