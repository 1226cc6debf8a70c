"""The offline commands as a person runs them: import a CSV, write a digest, export,
erase an author."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage import Answer, Database, Evidence, Persona

CSV = """text,date,author,group,persona,field
Onboarding new agents takes weeks before they work alone,2026-11-02,alice,customers,Ops Olivia,pains
Agent onboarding is slow; it takes weeks of shadowing,2026-11-03,bob,customers,Ops Olivia,pains
"Sales says Olivia buys for the AI features",2026-11-04,carol,sales,Ops Olivia,motivations
신규 상담원 온보딩이 몇 주씩 걸려요,2026-11-05,minji,customers,Ops Olivia,pains
"When we onboard a new agent, I want one place for the playbook so nobody asks around",\
2026-11-06,dave,customers,Ops Olivia,goals
last week it was fine,yesterday,erin,customers,,
"=HYPERLINK(""http://evil"")",2026-11-07,mallory,customers,,objections
"Marketing hears Olivia buys us for the AI features first",2026-11-08,frank,marketing,\
Ops Olivia,pains
"Leadership is sure Olivia buys us for the AI features",2026-11-09,grace,leadership,Ops Olivia,pains
"""


def run(args: list[str], database_url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PERSONABOT_"))}
    env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "handlers.cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def imported(db: Database, database_url: str, tmp_path: Path) -> Path:
    path = tmp_path / "answers.csv"
    path.write_text(CSV, encoding="utf-8")
    result = run(["import", str(path)], database_url, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (f"imported 8 answer(s) from {path}; 0 already there")
    assert (
        result.stderr.strip()
        == f"{path}:7: skipped: bad date 'yesterday'; use 2026-11-02 or 2026-11-02 14:30"
    )
    return path


def test_import_keeps_good_rows_and_importing_twice_adds_nothing(
    imported: Path, db: Database, database_url: str, tmp_path: Path
) -> None:
    with db.session() as session:
        assert session.scalar(select(func.count(Answer.id))) == 8
        assert session.scalars(select(Persona.name)).all() == ["Ops Olivia"]
        assert session.scalar(select(func.count(Evidence.id))) == 7
    again = run(["import", str(imported)], database_url, tmp_path)
    assert again.stdout.splitlines()[0] == f"imported 0 answer(s) from {imported}; 8 already there"
    with db.session() as session:
        assert session.scalar(select(func.count(Answer.id))) == 8


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp949"])
def test_import_reads_bom_and_cp949(
    encoding: str, db: Database, database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "ko.csv"
    path.write_bytes("text,date\n신규 상담원 온보딩이 몇 주씩 걸려요,2026-11-05\n".encode(encoding))
    result = run(["import", str(path)], database_url, tmp_path)
    assert result.returncode == 0, result.stderr
    with db.session() as session:
        assert session.scalars(select(Answer.text)).all() == ["신규 상담원 온보딩이 몇 주씩 걸려요"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("text,author\nhi,me\n", "missing column 'date'"),
        ("text,date\n", "there is a header but no rows"),
    ],
)
def test_a_file_that_cannot_be_imported_changes_nothing(
    content: str, message: str, db: Database, database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content)
    result = run(["import", str(path)], database_url, tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"personabot: {path}: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with db.session() as session:
        assert session.scalar(select(func.count(Answer.id))) == 0


def test_digest_in_three_formats(imported: Path, database_url: str, tmp_path: Path) -> None:
    md = run(["digest", "--format", "md"], database_url, tmp_path)
    assert md.returncode == 0, md.stderr
    assert "Ops Olivia" in md.stdout
    # only internal teams say Olivia buys for the AI features; customers point to onboarding
    assert "assumption" in md.stdout.lower()
    assert "Leadership and marketing point to" in md.stdout
    html_path = tmp_path / "report.html"
    html = run(["digest", "--format", "html", "--output", str(html_path)], database_url, tmp_path)
    assert html.returncode == 0, html.stderr
    page = html_path.read_text()
    assert page.lstrip().lower().startswith("<!doctype html")
    assert "Ops Olivia" in page
    data = json.loads(run(["digest", "--format", "json"], database_url, tmp_path).stdout)
    assert data["answers"] >= 5
    assert next(p["persona"]["name"] for p in data["personas"] if p["persona"]) == "Ops Olivia"


def test_export_csv_neutralises_formulas_and_json_has_everything(
    imported: Path, database_url: str, tmp_path: Path
) -> None:
    exported = run(["export", "--format", "csv"], database_url, tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith("\ufeff")  # Excel reads it as UTF-8
    reader = csv.DictReader(io.StringIO(exported.stdout.removeprefix("\ufeff")))
    rows = list(reader)
    assert reader.fieldnames == [
        *("answer_id", "persona", "field", "group", "author", "answered_at"),
        *("themes", "jobs", "text", "link", "author_id", "user_team", "expired_at"),
    ]
    assert {r["author_id"] for r in rows} == {""}  # imported authors are names, not Slack ids
    assert len(rows) == 8
    assert {r["persona"] for r in rows} == {"Ops Olivia", ""}
    formula = next(r for r in rows if "HYPERLINK" in r["text"])
    assert formula["text"].startswith("'=")
    everything = json.loads(run(["export", "--format", "json"], database_url, tmp_path).stdout)
    assert set(everything) == {"generated_at", "answers", "themes", "conflicts", "digest"}
    assert len(everything["answers"]) == 8
    assert everything["digest"]["answers"] == 8
    by_author = {a["author"]: a for a in everything["answers"]}

    # answers carry the keys of the themes their claims joined, and their job parts
    [onboarding] = by_author["alice"]["themes"]
    assert by_author["bob"]["themes"] == [onboarding]
    [ai] = by_author["carol"]["themes"]
    assert by_author["frank"]["themes"] == by_author["grace"]["themes"] == [ai] != [onboarding]
    [job] = by_author["dave"]["jobs"]
    assert job["situation"] == "we onboard a new agent"
    assert job["motivation"] == "one place for the playbook"
    assert job["outcome"] == "nobody asks around"
    assert job["text"].startswith("When we onboard a new agent, I want one place for the playbook")
    assert (by_author["carol"]["field"], by_author["carol"]["group"]) == ("motivations", "sales")
    themes = {t["key"]: t for t in everything["themes"] if t["persona"] == "Ops Olivia"}
    keys = {t["key"] for t in everything["themes"]}
    assert all(k in keys for a in everything["answers"] for k in a["themes"])

    # themes: support across fields, and the mirror check
    assert themes[ai]["people"] == 3
    assert themes[ai]["groups"] == ["leadership", "marketing", "sales"]
    assert themes[ai]["fields"] == ["pains", "motivations"]
    assert themes[ai]["internal_only"] is True
    assert themes[onboarding]["internal_only"] is False
    assert "customers" in themes[onboarding]["groups"]

    # conflicts name their two theme keys
    assert everything["conflicts"] == [
        {
            "persona": "Ops Olivia",
            "field": "pains",
            "internal_theme": ai,
            "internal_groups": ["leadership", "marketing"],
            "customer_theme": onboarding,
            "customer_groups": ["customers"],
        }
    ]
    # the CSV names the same themes by label and the jobs by their sentence
    carol = next(r for r in rows if r["author"] == "carol")
    assert carol["themes"] == themes[ai]["label"]
    dave = next(r for r in rows if r["author"] == "dave")
    assert dave["jobs"] == job["text"]


def test_link_an_answer_by_hand(
    imported: Path, db: Database, database_url: str, tmp_path: Path
) -> None:
    with db.session() as session:
        answer_id = session.scalars(select(Answer.id).where(Answer.text.like("=HYPERLINK%"))).one()
    linked = run(["link", str(answer_id), "ops olivia", "objections"], database_url, tmp_path)
    assert linked.returncode == 0, linked.stderr
    assert linked.stdout.strip() == f"answer {answer_id} now supports ops olivia: objections"
    bad = run(["link", str(answer_id), "Nobody", "objections"], database_url, tmp_path)
    assert bad.returncode == 2
    assert "No persona called Nobody. Did you mean" not in bad.stderr or "Ops Olivia" in bad.stderr
    assert bad.stderr.startswith("personabot: No persona called Nobody.")


def test_the_bundled_example_imports_and_reports(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "answers.csv"
    rows = list(csv.DictReader(io.StringIO(example.read_text(encoding="utf-8"))))
    result = run(["import", str(example)], database_url, tmp_path)
    assert result.returncode == 0, result.stderr
    skipped = result.stderr.strip().splitlines()  # one line per row kept bad on purpose
    assert all(": skipped: " in line for line in skipped)
    assert result.stdout.startswith(f"imported {len(rows) - len(skipped)} answer(s) from {example}")
    report = run(["digest", "--format", "md"], database_url, tmp_path).stdout
    personas = {r["persona"] for r in rows if r.get("persona")}
    assert len(personas) >= 2
    headings = [line for line in report.splitlines() if line.startswith("## ")]
    for persona in personas:
        assert any(persona in heading for heading in headings), persona
    assert "assumption: no customer has said this yet" in report


def test_forget_an_imported_author_asks_first_then_erases_for_good(
    imported: Path, db: Database, database_url: str, tmp_path: Path
) -> None:
    def texts() -> list[str]:
        with db.session() as session:
            return list(session.scalars(select(Answer.text).order_by(Answer.id)))

    before = texts()
    assert any("AI features" in t for t in before)
    # without --yes: what would go, and nothing goes
    asked = run(["forget", "carol"], database_url, tmp_path)
    assert asked.returncode == 1
    assert asked.stdout.strip() == (
        "would erase 1 answer(s) by 'carol' and clear 0 setting(s) they made; "
        "nothing erased yet: run again with --yes"
    )
    assert texts() == before
    # a name that is no author, even one a letter's case away, changes nothing
    for name, hint in (("Carol", " (did you mean 'carol'?)"), ("nobody", "")):
        missed = run(["forget", name, "--yes"], database_url, tmp_path)
        assert missed.returncode == 2
        assert missed.stderr.strip() == (
            f"personabot: no answers by {name!r} in this workspace; nothing erased{hint}"
        )
    blank = run(["forget", " ", "--yes"], database_url, tmp_path)
    assert blank.returncode == 2
    assert "name the author to forget" in blank.stderr
    assert texts() == before

    erased = run(["forget", "carol", "--yes"], database_url, tmp_path)
    assert erased.returncode == 0, erased.stderr
    assert erased.stdout.startswith(
        "erased 1 answer(s) by 'carol' (0 revision(s), 1 persona link(s)"
    )
    with db.session() as session:
        assert session.scalar(select(func.count(Answer.id)).where(Answer.user_id == "carol")) == 0
        assert session.scalar(select(func.count(Answer.id))) == 8  # a tombstone stays
    assert [t for t in texts() if "Sales says" in t] == []
    everything = json.loads(run(["export", "--format", "json"], database_url, tmp_path).stdout)
    assert "carol" not in {a["author"] for a in everything["answers"]}
    assert all("Sales says" not in a["text"] for a in everything["answers"])
    # importing the same file again does not bring the erased answer back
    again = run(["import", str(imported)], database_url, tmp_path)
    assert again.stdout.splitlines()[0] == f"imported 0 answer(s) from {imported}; 8 already there"
    assert [t for t in texts() if "Sales says" in t] == []
