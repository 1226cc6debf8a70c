"""Korean job extraction (kiwipiepy morphology) and rendering: the shapes it handles.

Each case is a general example of one shape (not a copy of a labelled answer): situations
before 때/때마다/면/자마자, a situation sentence of its own, lead-ins and quotes, wants as
"-고 싶다", "-었으면 좋겠다", "N이 필요하다", "-려고 하다", reported "-싶대요", outcomes
after 그래야 / 안 그러면, or as "-도록", "-게", "-려고" clauses; and hard negatives.
"""

from __future__ import annotations

import pytest

from bot.insights.synthesis import jobs_ko
from bot.insights.synthesis.jobs import JobStatement, extract, from_parts
from bot.insights.synthesis.jobs_ko_morph import chunks, sentences
from bot.insights.synthesis.jobs_ko_render import adnominal, kind, plain

Triple = tuple[str, str, str]

CASES = """
# situation + want in one sentence, outcome after 그래야 in the next
신규 매장을 열 때 체크리스트를 한 화면에서 보고 싶어요. 그래야 빠뜨리는 게 없으니까요.
  => 신규 매장을 열 | 체크리스트를 한 화면에서 보 | 빠뜨리는 게 없
# ~할 때마다, outcome as a -게 clause after a comma
주문이 들어올 때마다 알림을 바로 받고 싶어요, 배송이 늦어지지 않게
  => 주문이 들어올 | 알림을 바로 받 | 배송이 늦어지지 않
# ~하면 + wish -었으면 좋겠어요 (the stem before 면; past kept in the wish)
월말이 되면 보고서가 자동으로 만들어졌으면 좋겠어요  => 월말이 되 | 보고서가 자동으로 만들어졌 |
# ~하자마자, reported 싶대요, outcome after 안 그러면 (kept: it is what the want avoids)
고객이 결제하자마자 영수증을 보내고 싶대요. 안 그러면 문의 전화가 온대요
  => 고객이 결제하 | 영수증을 보내 | 안 그러면 문의 전화가 온
# a situation sentence of its own, the want two sentences later
신규 지점 열었을 때요. 직원들이 전부 처음이라 정신없었어요. 교육 자료를 한 번에 나눠주고
  + 싶었어요.
  => 신규 지점 열었을 | 교육 자료를 한 번에 나눠주 |
# a lead-in with a colon, a quote carrying the job, the wanter dropped
인터뷰 해보니 결국 이거예요: 팀장님들이 '분기 마감할 때 숫자를 바로 뽑고 싶다'고 하세요
  => 분기 마감할 | 숫자를 바로 뽑 |
# N이 필요해요 (a noun phrase), outcome marked by -도록 before it
감사가 시작되면 누락 없이 제출할 수 있도록 증빙 목록이 필요해요
  => 감사가 시작되 | 증빙 목록 | 누락 없이 제출할 수 있
# -려고 해요 (an intention) with 때
연말 정산할 때 카드 내역을 한 번에 내려받으려고 해요  => 연말 정산할 | 카드 내역을 한 번에 내려받 |
# two jobs in one answer
직원이 입사하면 계정을 바로 만들고 싶어요. 그리고 퇴사할 때는 권한을 한 번에 끄고 싶어요
  => 직원이 입사하 | 계정을 바로 만들 |
  => 퇴사할 | 권한을 한 번에 끄 |
# the same job said twice gives one statement
점검이 끝나면 결과를 바로 보내고 싶어요. 점검이 끝나면 결과를 바로 보내고 싶어요
  => 점검이 끝나 | 결과를 바로 보내 |
# a reported event before the want (-대요) is its situation
다음 달에 직원이 20명 더 들어온대요. 그분들이 설명 없이도 앱을 쓰게 하고 싶다고
  => 다음 달에 직원이 20명 더 들어온 | 그분들이 설명 없이도 앱을 쓰게 하 |
# mixed answer: the English sentence is left to the English extractor
When a deal closes, I want the notes in one place. 계약이
  + 끝나면 갱신 일정을 미리 알고 싶어요
  => 계약이 끝나 | 갱신 일정을 미리 알 |
# hard negatives
계약했을 때요.  => -
작년에 입사했을 때 엑셀로 다 했어요.  => -
할인 받을 수 있을까요?  => -
가격이 너무 비싸요 ㅠㅠ  => -
SSO가 필요해요  => -
30대 직장인이고 팀장이에요  => -
내보내기가 또 안 돼요. 답답해요  => -
'뭐 고치면 돼요?' 하고 물어보세요  => -
# a person as the topic of the sentence is the wanter, not part of the moment; the
# second want after "싶어하시고" starts its own clause
원장님들은 예약이 취소되면 대기자한테 바로 연락하고 싶어하시고, 진료가 끝나면 처방전을 문자로
  + 보내고 싶어하세요
  => 예약이 취소되 | 대기자한테 바로 연락하 |
  => 진료가 끝나 | 처방전을 문자로 보내 |
# a topic that is not a person stays in the situation
반품 건은 접수되자마자 창고에 알리고 싶어요  => 반품 건은 접수되 | 창고에 알리 |
# a lead-in "..보면" (where the speaker looked) is not the moment
고객 인터뷰 들어보면 배송이 늦어지면 어디쯤 왔는지 바로 알고 싶대요
  => 배송이 늦어지 | 어디쯤 왔는지 바로 알 |
# the subject of an embedded "-는지" clause stays in the motivation
월말이 되면 누가 승인을 안 했는지 한 번에 보고 싶어요
  => 월말이 되 | 누가 승인을 안 했는지 한 번에 보 |
매출 자료 보면 지난달보다 많이 올랐어요  => -
# "-기(를) 원하다 / 바라다": the subject before it is the one who acts, and stays
고객사들은 장애가 나면 담당자가 먼저 전화해 주길 원하세요  => 장애가 나 | 담당자가 먼저 전화해 주 |
입고가 끝나면 재고 수량이 자동으로 맞춰지기를 바라는 분들이 많아요
  => 입고가 끝나 | 재고 수량이 자동으로 맞춰지 |
올해도 다들 건강하시길 바랍니다  => -
# a sentence that seeks agreement ("-잖아요?") is not a question
다들 신고 기간 되면 서류를 한 번에 받고 싶잖아요?  => 신고 기간 되 | 서류를 한 번에 받 |
신고 기간 되면 서류를 한 번에 받고 싶으세요?  => -
# "안 그러면 ..해야 해요": an obligation after the marker is the outcome, not a want
재고가 떨어지면 바로 발주하고 싶어요. 안 그러면 주말에 또 나와야 해요
  => 재고가 떨어지 | 바로 발주하 | 안 그러면 주말에 또 나와야 해
# a reported event "-다고." in the sentence before is the situation; a reported state
# (an adjective) is not
어제 고객사 담당자분이 연락 주셨어요. 마감이 내일인데 결제 금액이 두 번 빠졌다고. 어디서
  + 중복됐는지 바로 찾고 싶다고 하셨어요
  => 결제 금액이 두 번 빠졌 | 어디서 중복됐는지 바로 찾 |
가격이 너무 비싸다고. 할인 받고 싶대요  => -
# a "-해야 했어요" that found no moment leaves its sentence's "-는데" clause to the wish
# in the next sentence
월말에 보고서 쓰는데 엑셀 세 개를 합쳐야 했어요. 한 화면에서 다 봤으면 좋겠어요
  => 월말에 보고서 쓰 | 한 화면에서 다 봤 |
# a time noun other than 때 closes a situation before a particle ("..날이면", "..주에")
눈 오는 날이면 배달이 몰리는데 사장님들은 주문을 지역별로 묶어서 보고 싶어하세요
  => 눈 오는 | 주문을 지역별로 묶어서 보 |
신규 직원이 들어온 주에 교육 일정을 한 번에 잡고 싶다고 하셨고, 안 그러면 첫 주가 그냥 날아간다고
  => 신규 직원이 들어온 | 교육 일정을 한 번에 잡 | 안 그러면 첫 주가 그냥 날아간
# ... but not inside a noun phrase
비 오는 날 외부 점검할 때 사진을 다시 찍으라고 알려줬으면 좋겠어요
  => 비 오는 날 외부 점검할 | 사진을 다시 찍으라고 알려줬 |
# "..하는 N마다" with a noun Kiwi reads as two (월말 -> 월 + 말)
보고서 다섯 개를 모아야 하는 월말마다 그걸 한 번에 뽑고 싶어요
  => 보고서 다섯 개를 모아야 하는 월말 | 그걸 한 번에 뽑 |
# a quoted finished sentence before the clause is not part of the situation
고객 문의 1위: '왜 아직 안 왔어요?' 배송이 늦어지면 그걸 먼저 알려달래요
  => 배송이 늦어지 | 그걸 먼저 알려 |
# "N라" (because it is N) ends a clause
주말이 대목이라 주문이 몰리면 알림을 묶어서 받고 싶어요  => 주문이 몰리 | 알림을 묶어서 받 |
# a purpose clause standing on its own after the want ("..내려고 ㅋㅋ 근데 ..") is its
# outcome, and not the outcome of the next want
재고 정리하다가 멘붕 와서요. 유통기한 지난 것만 자동으로 골라줬으면 했어요 폐기 좀 덜 하려고
  + ㅋㅋ 근데 비싸더라고요
  => 재고 정리하다가 멘붕 와 | 유통기한 지난 것만 자동으로 골라줬 | 폐기 좀 덜 하
신메뉴 나올 때 레시피를 한 장으로 뽑고 싶었는데 그게 되더라고요, 교육 다시 안 하려고요 ㅎㅎ
  + 그리고 본사에서 자료 달라고 할 때 링크 하나로 끝내고 싶었어요
  => 신메뉴 나올 | 레시피를 한 장으로 뽑 | 교육 다시 안 하
  => 본사에서 자료 달라고 할 | 링크 하나로 끝내 |
# an outcome marker after a quoted want
점장님 말이 "재고가 바닥나면 바로 발주 넣고 싶다" 그래야 손님을 안 놓친다고
  => 재고가 바닥나 | 바로 발주 넣 | 손님을 안 놓친
# other moments: "..한 경우", "..한 후에 / 다음에 / 뒤에", "N 시", "..하기 전에", "N 때"
결제가 실패한 경우에는 고객한테 바로 알림이 갔으면 좋겠어요
  => 결제가 실패한 | 고객한테 바로 알림이 갔 |
회의가 끝난 후에 회의록을 자동으로 공유하고 싶어요  => 회의가 끝난 | 회의록을 자동으로 공유하 |
장애 발생 시 담당자한테 문자로 바로 알리고 싶어요  => 장애 발생 | 담당자한테 문자로 바로 알리 |
마감하기 전에 누락된 영수증을 한 번에 보고 싶어요  => 마감하기 전 | 누락된 영수증을 한 번에 보 |
결산 때 숫자를 한 번에 뽑고 싶어요  => 결산 | 숫자를 한 번에 뽑 |
회의 끝난 후에 다 같이 밥 먹었어요  => -
# Slack contractions: "-었음 좋겠다" (for -었으면), "-고파요", a wish left open
# ("..꺼줬으면.."), and an adverb between the noun and 필요하다
월말 되면 보고서 자동으로 나왔음 좋겠어요  => 월말 되 | 보고서 자동으로 나왔 |
계약 끝나면 바로 갱신 알림 받고파요  => 계약 끝나 | 바로 갱신 알림 받 |
주문 몰리면 알림 좀 꺼줬으면..  => 주문 몰리 | 알림 좀 꺼줬 |
신규 매장 오픈하면 체크리스트가 꼭 필요했어요  => 신규 매장 오픈하 | 체크리스트 |
발표했을 때 좀 부끄러웠음. 다음엔 잘하겠죠  => -
# a team as the topic is the wanter too
영업팀은 고객 만나기 전에 제안서를 미리 보고 싶어 해요  => 고객 만나기 전 | 제안서를 미리 보 |
# polite hedges ("가능하면", "괜찮으시면", "시간 되시면") are not moments
혹시 가능하면 다음 주에 통화했으면 해요  => -
괜찮으시면 데모 한 번 더 보고 싶어요  => -
시간 되시면 미팅 잡았으면 좋겠어요  => -
필요 시 담당자한테 바로 연락하고 싶어요  => -
# "그때" opening the want's sentence points back to the sentence before (an afterthought
# fragment in between is skipped)
지난주에 큰 거래처가 빠졌어요. 그때 매출 리포트를 바로 보고 싶었어요
  => 큰 거래처가 빠졌 | 매출 리포트를 바로 보 |
주문이 하루 100건 넘어가니까 밤마다 송장을 손으로 뽑고 있더라고요 제가.. 그때 송장이 자동으로
  + 나오게 하고 싶었어요
  => 주문이 하루 100건 넘어가 | 송장이 자동으로 나오게 하 |
# a condition closing its own sentence ("..오면요,")
재계약 시즌이 오면요, 고객별 사용량을 한 장으로 정리하고 싶어요
  => 재계약 시즌이 오 | 고객별 사용량을 한 장으로 정리하 |
# the rest of a mention, and an English connective before a Korean outcome
<@U02ABC> 님이 신규 고객 온보딩할 때 슬랙 채널을 자동으로 만들고 싶대요 so that
  + CS가 바로 들어올 수 있게
  => 신규 고객 온보딩할 | 슬랙 채널을 자동으로 만들 | CS가 바로 들어올 수 있
# "N(을) 원하다": the noun phrase is what is wanted
매장이 늘어나면 본사에서는 통합 대시보드를 원하세요  => 매장이 늘어나 | 본사에서는 통합 대시보드 |
정산 마감되면 리포트 자동 발송 원함  => 정산 마감되 | 리포트 자동 발송 |
다들 원하는 건 결국 연동이에요  => -
# "after": "..하고 나서", "..끝나고" (leading into a condition, the condition's span
# covers it)
계약하고 나서 바로 담당자 배정을 받고 싶어요  => 계약하 | 바로 담당자 배정을 받 |
회의 끝나고 사무실 안 들르고 바로 회의록을 올리고 싶었어요
  => 회의 끝나 | 사무실 안 들르고 바로 회의록을 올리 |
가입하고 나서 첫 주문 들어오면 알림을 받고 싶어요  => 가입하고 나서 첫 주문 들어오 | 알림을 받 |
회의 끝나고 다 같이 밥 먹었어요  => -
# a trailing "-기 위해서요" is the outcome
월말 되면 보고서를 자동으로 받고 싶어요, 야근 안 하기 위해서요
  => 월말 되 | 보고서를 자동으로 받 | 야근 안 하
# a moment posed as a question of its own, then the want
점검 끝나면요? 결과를 바로 보내고 싶어요  => 점검 끝나 | 결과를 바로 보내 |
결제 실패하면 환불되나요? 궁금해요  => -
# no span starts with what is left of the clause before ("..좋겠고,", "그때부터")
세금계산서 발행하면 알림톡도 같이 나갔으면 좋겠고, 입금 확인되면 장부에
  + 반영됐으면 좋겠어요
  => 세금계산서 발행하 | 알림톡도 같이 나갔 |
  => 입금 확인되 | 장부에 반영됐 |
# a want with no moment takes the clear moment the next sentence tells (not a past story)
팀장님이 매장별 매출을 엑셀로 뽑고 싶다고. 주간회의 자료 만들 때마다 손으로
  + 합치고 계셨대요. 회의 전날 야근 안 하려고
  => 주간회의 자료 만들 | 매장별 매출을 엑셀로 뽑 | 회의 전날 야근 안 하
할인 받고 싶어요. 작년에 계약했을 때 너무 비쌌거든요.  => -
# a time before 필요하다 is not what is needed
처음 도입했을 때는 몰랐는데 지금은 꼭 필요하네요  => -
# softer wishes ("-면 좋을 것 같아요", "-면 편하겠어요", "-ㄹ 수 있으면 해요") and an
# intention the sentence ends on ("..보려고요")
재고가 떨어지면 발주가 자동으로 나가면 좋을 것 같아요  => 재고가 떨어지 | 발주가 자동으로 나가 |
신규 입사자 오면 계정을 한 번에 만들 수 있으면 해요  => 신규 입사자 오 | 계정을 한 번에 만들 수 있 |
마감할 때 한 번에 보려고요  => 마감할 | 한 번에 보 |
그렇게 하면 좋을 것 같아요  => -
# typing slips: "떄" for 때, no spaces
신규 매장 열 떄 체크리스트 보고 싶어요  => 신규 매장 열 | 체크리스트 보 |
월말되면 보고서 자동으로 뽑고싶음 ㅠㅠ  => 월말되 | 보고서 자동으로 뽑 |
# the moment said last, after the want ("..받고 싶어요, 월말 되면요")
보고서를 자동으로 받고 싶어요, 월말 되면요  => 월말 되 | 보고서를 자동으로 받 |
체크리스트를 한 번에 보고 싶었어요 신규 매장 열 때  => 신규 매장 열 | 체크리스트를 한 번에 보 |
# ... but a moment standing as a sentence of its own opens the want that follows it
할인 받고 싶어요. 신규 지점 열 때요. 교육 자료를 나눠주고 싶어요
  => 신규 지점 열 | 교육 자료를 나눠주 |
# "..할 때쯤", "..할 시", "N 즈음에"
마감할 때쯤 보고서를 자동으로 받고 싶어요  => 마감할 | 보고서를 자동으로 받 |
직원이 퇴사할 시 계정을 바로 막고 싶어요  => 직원이 퇴사할 | 계정을 바로 막 |
마감 즈음에 보고서를 자동으로 받고 싶어요  => 마감 | 보고서를 자동으로 받 |
# a plea "-어 주세요" with a clear moment (not inside a quote, not a description "알려줘요")
월말 되면 보고서 자동으로 보내주세요  => 월말 되 | 보고서 자동으로 보내 |
고객이 '증빙 보내주세요' 연락 오면 링크 하나 보내고 싶어요
  => 고객이 '증빙 보내주세요' 연락 오 | 링크 하나 보내 |
보고서 자동으로 보내주세요  => -
월말 되면 자동으로 알려줘요  => -
"""


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
            "재고가 떨어질 때, 바로 발주하고 싶다. 안 그러면 주말에 또 나와야 해.",
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
