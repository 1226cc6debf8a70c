from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.capture.importing import CsvError, decode, parse

GOOD = (
    "text,date,author,group,persona,field\n"
    "Onboarding takes weeks,2026-11-02,alice,sales,Ops Olivia,pains\n"
    '"Needs SSO, then we talk",2026-11-03 14:30,bob,customers,,objections\n'
)


def test_good_rows_are_read() -> None:
    rows, problems = parse(GOOD, name="a.csv")
    assert problems == []
    assert [(r.line, r.text, r.group, r.persona, r.field) for r in rows] == [
        (2, "Onboarding takes weeks", "sales", "Ops Olivia", "pains"),
        (3, "Needs SSO, then we talk", "customers", None, "objections"),
    ]
    assert rows[1].answered_at == datetime(2026, 11, 3, 14, 30, tzinfo=UTC)
    assert rows[0].key != rows[1].key
    assert parse(GOOD, name="b.csv")[0][0].key == rows[0].key  # content keyed


def test_bad_rows_are_reported_by_line_and_skipped() -> None:
    text = (
        "Date,Text,Group,Field,Link\n"
        "2026-11-02,fine,sales,,\n"
        "yesterday,bad date,sales,,\n"
        "2026-11-02,,sales,,\n"
        "2026-11-02,who?,pirates,,\n"
        "2026-11-02,what?,sales,pain,\n"
        "\n"
        "2026-11-02,link,sales,,javascript:alert(1)\n"
    )
    rows, problems = parse(text, name="x.csv")
    assert [r.text for r in rows] == ["fine"]
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (3, "bad date 'yesterday'"),
        (4, "the text is empty"),
        (5, "unknown group 'pirates'"),
        (6, "unknown field 'pain'"),
        (8, "the link 'javascript:alert(1)' is not an http(s) URL"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "x.csv: the file is empty"),
        ("text,date\n", "x.csv: there is a header but no rows"),
        ("text,author\nhi,me\n", "x.csv: missing column 'date' (found: text, author"),
    ],
)
def test_files_that_cannot_be_used(text: str, message: str) -> None:
    with pytest.raises(CsvError) as caught:
        parse(text, name="x.csv")
    assert str(caught.value).startswith(message)


def test_encodings() -> None:
    korean = "text,date\n온보딩이 너무 오래 걸려요,2026-11-02\n"
    assert decode(b"\xef\xbb\xbf" + korean.encode(), name="a") == korean
    assert decode(korean.encode("cp949"), name="a") == korean
    with pytest.raises(CsvError, match="not UTF-8 or CP949"):
        decode(b"\xff\xfe\x00\xd8" * 4, name="a")
