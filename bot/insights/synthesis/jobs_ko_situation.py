"""Korean situations: the moment a want belongs to (see ``jobs_ko_parse``).

Strong: a clause closed by an adnominal before 때/순간/경우/후/뒤/다음 (때마다), or before
날/주/달 and a particle ("..받은 주에"), by "-면" (also "..오면요,"), "-자마자", "-고 나서",
"N 시", or an event named as an answer of its own ("..카톡 오는 거요."). Weak: "-는데" /
"-면서", "..끝나고", a time before 전에 ("..하기 전에"), "N 때", a recurring time
("..아침마다"), a reported event "-대요 / -다고." in the sentence before. "그때" / "그럴 때"
points back to the clause before. Not a moment: a lead-in "..보면" and a polite hedge
"가능하면".
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.insights.synthesis.jobs_ko_clause import (
    BEFORE_NOUNS,
    TIME_NOUNS,
    VERB,
    Sentence,
    at,
    is_break,
    lead_in,
    tagged,
)
from bot.insights.synthesis.jobs_ko_morph import Morph
from bot.insights.synthesis.jobs_ko_outcome import outcome_marker
from bot.insights.synthesis.jobs_words import words


@dataclass(frozen=True)
class Situation:
    first: int  # index of the connective's first morpheme (때, 면, 는데)
    after: int  # index after the connective
    end: int  # character end of the situation
    strong: bool
    noun: bool = False  # a time noun before 전에 ("임원회의 전에")


def _is_conditional(morphs: list[Morph], i: int) -> bool:
    m, prev = morphs[i], morphs[i - 1]
    if m.form == "면" and m.tag == "NNG" and prev.end == m.start:
        return True  # "오면" read as 오/NR + 면/NNG
    ending = m.tag == "EC" and m.form in ("면", "으면", "자마자", "다면", "으면은")
    if not (ending or (m.tag == "EF" and m.form in ("면요", "으면요"))):  # "시즌이 오면요,"
        return False
    if prev.form in ("그러", "그렇", "같") or (prev.form == "이" and prev.tag == "VCP"):
        return False  # 그러면, 예전 같으면, N이면
    if lead_in(morphs, i) or _hedge(morphs, i):
        return False
    return prev.tag in VERB or prev.tag == "EP"


_HEDGE_VERBS = frozenset({"괜찮", "원하", "편하", "상관없"})


def _hedge(morphs: list[Morph], i: int) -> bool:
    """True for a polite hedge, not a moment: "가능하면", "괜찮으시면", "필요하면", "시간
    되시면", "원하시면"."""
    j = i - 1
    while j > 0 and morphs[j].tag == "EP":
        j -= 1
    verb, noun = morphs[j], at(morphs, j - 1)
    if verb.form in _HEDGE_VERBS and verb.tag in ("VA", "VV"):
        return True
    if tagged(verb, "하", "XSA") and tagged(noun, ("가능", "필요"), "NNG"):
        return True
    honorific = j < i - 1
    return honorific and tagged(verb, "되", "VV") and tagged(noun, "시간", "NNG")


def find_situations(s: Sentence, taken: set[int]) -> tuple[list[Situation], int | None]:
    """Situation clauses of a sentence, and the index of a "그때" / "그럴 때" pointing back."""
    morphs = s.morphs
    found: list[Situation] = []
    anaphor: int | None = None
    for i, m in enumerate(morphs):
        if m.form == "그때" and i not in taken:
            anaphor = i if anaphor is None else anaphor  # also opening the sentence
        if i in taken or i == 0:
            continue
        prev = morphs[i - 1]
        if m.form == "그때" or (
            m.form in TIME_NOUNS
            and prev.tag == "ETM"
            and tagged(at(morphs, i - 2), ("그렇", "그러", "이렇"), ("VA", "VV"))
        ):
            anaphor = i if anaphor is None else anaphor
        elif (
            m.form in TIME_NOUNS
            and m.tag.startswith("NN")
            and prev.tag == "ETM"
            and _closed(morphs, i)
        ):
            found.append(Situation(i, _skip_connective(morphs, i + 1), prev.end, True))
        elif tagged(m, "마다", "JX") and _modified_noun(morphs, i):
            found.append(Situation(i, i + 1, prev.end, True))
        elif tagged(m, "마다", "JX") and prev.form in _RECURRING and prev.tag.startswith("NN"):
            found.append(Situation(i, i + 1, prev.end, False, True))  # "월요일 아침마다"
        elif _is_conditional(morphs, i):
            found.append(Situation(i, _skip_connective(morphs, i + 1), prev.end, True))
        elif m.tag == "EC" and m.form in ("는데", "ᆫ데", "은데", "면서", "으면서"):
            found.append(Situation(i, i + 1, prev.end, False))
        elif tagged(m, "고", "EC") and (after := _after_done(morphs, i)):
            found.append(Situation(i, after, prev.end, after > i + 1))
        elif m.form == "데" and prev.tag == "ETM" and prev.end == m.start:
            found.append(Situation(i, i + 1, morphs[i - 2].end if i >= 2 else prev.end, False))
        elif (
            m.form in BEFORE_NOUNS
            and prev.tag in ("NNG", "NNP", "SL", "ETN")  # "임원회의 전에", "마감하기 전에"
            and tagged(at(morphs, i + 1), "에", "JKB")
        ):
            found.append(Situation(i, _skip_connective(morphs, i + 1), m.end, False, True))
        elif tagged(m, "시", "NNB") and prev.tag == "NNG" and prev.form not in ("필요", "가능"):
            found.append(Situation(i, _skip_connective(morphs, i + 1), prev.end, True))  # 발생 시
        elif (
            m.form in ("때", "즈음", "무렵")
            and m.tag.startswith("NN")
            and prev.tag in ("NNG", "NNP", "SL")
        ):
            found.append(Situation(i, _skip_connective(morphs, i + 1), prev.end, False, True))
    event = _event_answer(s)
    if event is not None and not found:
        found.append(event)
    return _chained(s, found), anaphor


def _event_answer(s: Sentence) -> Situation | None:
    """ "밤 11시에 어머님 카톡 오는 거요.": an answer naming a recurring event as a sentence of
    its own (an event verb before "-는 거요"), not a definition with a topic ("제일 무서운 건
    옮기는 거예요", "성공은 .. 안 쓰는 거")."""
    morphs = s.morphs
    j = len(morphs) - 1
    while j > 0 and morphs[j].tag in ("SF", "SW", "W_EMOJI"):
        j -= 1
    said = j  # the answer is said as one ("..거요", "..거예요"), not a bare note ("..거")
    while j > 0 and (morphs[j].tag in ("EF", "VCP") or morphs[j].form == "요"):
        j -= 1
    if j == said or j < 2:
        return None
    if not (tagged(morphs[j], ("거", "것"), "NNB") and tagged(morphs[j - 1], "는", "ETM")):
        return None
    topic = any(tagged(m, ("ᆫ", "는", "은"), "JX") for m in morphs[:j])
    return (
        None if topic or morphs[j - 2].tag != "VV" else Situation(j, j + 1, morphs[j - 1].end, True)
    )


_RECURRING = words(
    """아침 저녁 밤 새벽 점심 오전 오후 주말 평일 월말 월초 연말 연초 분기 분기말 학기 방학
    월요일 화요일 수요일 목요일 금요일 토요일 일요일 시즌 마감"""
)


def _chained(s: Sentence, found: list[Situation]) -> list[Situation]:
    """Drop an "after" ("..하고 나서", "..끝나고") that leads into a condition of the same
    clause ("가맹계약 하고 나서 오픈 준비 시작하면"): the condition's span covers it."""
    kept = []
    for n, sit in enumerate(found):
        nxt = found[n + 1] if n + 1 < len(found) else None
        if (
            s.morphs[sit.first].form == "고"
            and nxt is not None
            and nxt.strong
            and not any(is_break(s, j) for j in range(sit.after, nxt.first))
        ):
            continue
        kept.append(sit)
    return kept


_REPORTED = frozenset(
    {
        "대요",
        "ᆫ대요",
        "는대요",
        "래요",
        "더라고요",
        "다고",
        "ᆫ다고",
        "는다고",
        "다고요",
        "ᆫ다고요",
        "는다고요",
    }
)


def reported_event(s: Sentence) -> Situation | None:
    """A sentence told as a reported event ("... 들어온대요", "... 안 맞는다고."): its last
    clause."""
    morphs = s.morphs
    j = len(morphs) - 1
    while j > 0 and morphs[j].tag in ("SF", "SW", "W_EMOJI", "SE"):
        j -= 1
    m = morphs[j]
    if j > 0 and m.tag in ("EF", "EC") and m.form in _REPORTED and morphs[j - 1].tag != "VA":
        return Situation(j, j + 1, morphs[j - 1].end, False)
    if (
        j > 1
        and tagged(m, "요", "JX")
        and morphs[j - 1].form in ("는데", "ᆫ데", "은데", "어서", "아서")
    ):
        return Situation(j - 1, j + 1, morphs[j - 2].end, False)
    return None


_DONE = frozenset({"끝나", "끝내", "마치", "마감되"})


def _after_done(morphs: list[Morph], i: int) -> int:
    """Index after "-고 나서" (strong: "계약하고 나서"), or after the "고" of a finished act
    ("점검 끝나고", "회의 마치고": weak); 0 otherwise."""
    if tagged(at(morphs, i + 1), "나", ("VX", "VV")) and tagged(
        at(morphs, i + 2), ("어서", "아서", "서"), "EC"
    ):
        return i + 3
    prev = morphs[i - 1]
    return i + 1 if prev.form in _DONE and prev.tag in ("VV", "XSV") else 0


def _modified_noun(morphs: list[Morph], i: int) -> bool:
    """True when a noun of one or two morphemes before i follows an adnominal ("..합쳐야 하는
    월말마다", where Kiwi may read 월말 as 월 + 말)."""
    j = i - 1
    while j >= i - 2 and j > 0 and morphs[j].tag in ("NNG", "NNB"):
        j -= 1
    return j < i - 1 and tagged(at(morphs, j), ("는", "ᆫ", "은", "ᆯ", "을"), "ETM")


def _closed(morphs: list[Morph], i: int) -> bool:
    """True when the time noun at i closes a situation: 때 / 순간 always, another ("날", "주")
    only before a particle ("..받은 주에", "..오는 날이면"), not inside a noun phrase ("비 오는 날
    간판 점검할 때")."""
    if morphs[i].form in ("때", "순간", "경우", "후", "뒤", "다음", "시"):
        return True
    nxt = at(morphs, i + 1)
    return nxt is not None and (
        nxt.tag in ("JKB", "JX")
        or (tagged(nxt, "이", "VCP") and tagged(at(morphs, i + 2), "면", "EC"))
    )


def _skip_connective(morphs: list[Morph], i: int) -> int:
    while i < len(morphs) and (
        morphs[i].tag in ("JX", "JKB", "SP") or morphs[i].form in ("마다", "쯤")
    ):
        i += 1
    if tagged(at(morphs, i), "이", "VCP") and tagged(at(morphs, i + 1), "면", "EC"):
        i += 2  # "..오는 날이면"
    return i


def stands_alone(s: Sentence, sit: Situation) -> bool:
    """True when nothing but particles, copula endings and punctuation follow it."""
    return all(
        m.tag in ("JX", "VCP", "EF", "EP", "SF", "SW", "W_EMOJI", "SE", "SP") or m.form == "요"
        for m in s.morphs[sit.after :]
    )


def after_marker(s: Sentence, sit: Situation) -> bool:
    return any(outcome_marker(s.morphs, i) is not None for i in range(sit.first))
