"""Korean job extraction (kiwipiepy morphology) and rendering: the shapes it handles (the
extraction cases are the table in ``jobs_ko_cases.txt``).

Each case is a general example of one shape (not a copy of a labelled answer): situations
before 때/때마다/면/자마자, a situation sentence of its own, lead-ins and quotes, wants as
"-고 싶다", "-었으면 좋겠다", "N이 필요하다", "-려고 하다", reported "-싶대요", outcomes
after 그래야 / 안 그러면, or as "-도록", "-게", "-려고" clauses; and hard negatives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.insights.synthesis import jobs_ko
from bot.insights.synthesis.jobs import JobStatement, extract, from_parts
from bot.insights.synthesis.jobs_ko_morph import chunks, sentences
from bot.insights.synthesis.jobs_ko_render import adnominal, kind, plain

Triple = tuple[str, str, str]

# One case per shape: the answer (a long one continues on lines starting "  + "), then
# "  => situation | motivation | outcome" for each job it holds, or "=> -" for none.
CASES = (Path(__file__).parent / "jobs_ko_cases.txt").read_text(encoding="utf-8")


def _shapes(block: str) -> list[tuple[str, list[Triple]]]:
    """Cases written as a text line (continued on "+ " lines) and its jobs as "=> situation |
    motivation | outcome", each on a line of its own or after the text ("=> -": none); "#"
    lines are comments."""
    cases: list[tuple[str, list[Triple]]] = []
    for line in block.strip().splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("  + "):
            cases[-1] = (f"{cases[-1][0]} {line[4:]}", cases[-1][1])
            continue
        text, _, job = line.partition("  => ")
        if text:
            cases.append((text, []))
        if job and job != "-":
            sit, mot, out = (part.strip() for part in job.split("|"))
            cases[-1][1].append((sit, mot, out))
    return cases


def _triples(text: str) -> list[Triple]:
    return [(s.situation, s.motivation, s.outcome) for s in extract(text) if s.language == "ko"]


@pytest.mark.parametrize(("text", "expected"), _shapes(CASES))
def test_extract(text: str, expected: list[Triple]) -> None:
    assert _triples(text) == expected


def test_no_hangul_or_no_want_skips_the_analyser() -> None:
    assert jobs_ko.extract("When a renewal is due, I want the usage numbers") == []
    assert jobs_ko.extract("계약했을 때요. 그때 정말 바빴어요") == []


def test_sentences_keep_quotes_whole() -> None:
    line = "그리고 매달 '증빙 보내주세요' 연락 오면 링크를 보내고 싶어요. 끝"
    found = sentences(line)
    assert len(found) == 2
    first = found[0]
    assert line[first[0].start : first[-1].end].endswith("보내고 싶어요.")


def test_chunks_cut_after_punctuation_outside_quotes() -> None:
    assert [text for _, text in chunks("'왜요?' 하셨어요. Thanks! 네")] == [
        "'왜요?' 하셨어요. ",
        "Thanks! ",
        "네",
    ]


@pytest.mark.parametrize(
    ("situation", "motivation", "outcome", "rendered"),
    [
        (
            "카드 내역 들어오",
            "전표가 자동으로 만들어졌",
            "사람 안 뽑고 버티",
            "카드 내역 들어올 때, 전표가 자동으로 만들어졌으면 좋겠다. 그래야 사람 안 뽑고 버틴다.",
        ),
        (
            "신규 지점 열었을",
            "스케줄을 한 화면에서 보",
            "매장마다 돌아다니지 않아도 되",
            "신규 지점 열었을 때, 스케줄을 한 화면에서 보고 싶다. "
            "그래야 매장마다 돌아다니지 않아도 된다.",
        ),
        ("가격 협상을 할", "경쟁사 비교표", "", "가격 협상을 할 때, 경쟁사 비교표가 필요하다."),
        (
            "매주 금요일 오후",
            "거래처한테 자동 안내 나가는 걸",
            "",
            "매주 금요일 오후에, 거래처한테 자동 안내 나가는 것을 원한다.",
        ),
        (  # 걸 as the verb 걸다 ("to set"), not "-는 걸"
            "새 학기 시작하",
            "수강료 할인 규칙을 한 번에 다시 걸",
            "",
            "새 학기 시작할 때, 수강료 할인 규칙을 한 번에 다시 걸고 싶다.",
        ),
        (
            "감사 시즌 직전",
            "공문까지 자동으로 나가게",
            "",
            "감사 시즌 직전에, 공문까지 자동으로 나가게 하고 싶다.",
        ),
        (
            "월말 결산을 받았",
            "증빙을 한 번에 모으",
            "",
            "월말 결산을 받았을 때, 증빙을 한 번에 모으고 싶다.",
        ),
        (
            "점검이 끝나",
            "결과를 바로 받",
            "제가 설명할 수 있",
            "점검이 끝날 때, 결과를 바로 받고 싶다. 그래야 제가 설명할 수 있다.",
        ),
        (  # what the want avoids is never turned into its aim ("그래야 ..")
            "재고가 떨어지",
            "바로 발주하",
            "안 그러면 주말에 또 나와야 해",
            "재고가 떨어질 때, 바로 발주하고 싶다. 안 그러면 주말에 또 나와야 한다.",
        ),
        (  # a situation ending in a spoken "-어" takes its stem's adnominal form
            "카드 내역 정리하다가 멘붕 와",
            "경비를 자동으로 골라줬",
            "",
            "카드 내역 정리하다가 멘붕 올 때, 경비를 자동으로 골라줬으면 좋겠다.",
        ),
        (  # a spoken "-어" outcome in plain present
            "신규 직원이 오",
            "교육 자료를 한 번에 받",
            "제가 덜 피곤해",
            "신규 직원이 올 때, 교육 자료를 한 번에 받고 싶다. 그래야 제가 덜 피곤하다.",
        ),
    ],
)
def test_render(situation: str, motivation: str, outcome: str, rendered: str) -> None:
    assert JobStatement(situation, motivation, outcome, "ko").render() == rendered


def test_render_of_form_parts_reads_naturally() -> None:
    statement = from_parts(
        situation="마감이 되면",
        motivation="보고서를 바로 받고 싶다",
        outcome="그래야 야근을 안 한다",
    )
    assert statement.render() == "마감이 될 때, 보고서를 바로 받고 싶다. 그래야 야근을 안 한다."


def test_word_forms() -> None:
    assert adnominal("하") == "할"
    assert adnominal("받") == "받을"
    assert adnominal("만들") == "만들"
    assert plain("넘기") == "넘긴다"
    assert plain("받") == "받는다"
    assert plain("만들") == "만든다"
    assert plain("할 수 있") == "할 수 있다"
    assert kind("한 화면에서 보") == "stem"
    assert kind("바로 나왔") == "past"
    assert kind("1장짜리 비교표") == "noun"
    assert kind("신규 지점 열었을") == "adnominal"
    assert kind("리포트 자동 발송") == "noun"
