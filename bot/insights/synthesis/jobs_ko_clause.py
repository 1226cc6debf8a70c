"""Korean clauses for job extraction: a sentence's morphemes, clause breaks and spans.

A ``Sentence`` is one sentence of an answer as morphemes (``jobs_ko_morph.sentences``) with
its quotes paired. Parts of a job are SURFACE spans of the line cut at morpheme boundaries:
``clause_start`` walks back from a morpheme to the start of its clause (a quote inside the
clause stays whole), ``trim_end`` drops the endings after the last content morpheme (what
a span drops at its front is ``jobs_ko_lead``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.insights.synthesis.jobs_ko_morph import Morph

VERB = frozenset({"VV", "VA", "VX", "XSV", "XSA", "VCP", "VCN"})
BREAK_TAGS = frozenset({"SF", "SSO", "SE", "EF"})
_BREAK_EC = frozenset(
    {
        "는데",
        "ᆫ데",
        "은데",
        "는데도",
        "니까",
        "으니까",
        "니",
        "으니",
        "지만",
        "던데",
        "라",
        "이라",
        "라서",
    }
)
_REASON_EC = frozenset({"어서", "아서", "서", "고"})
PURPOSE_EC = frozenset({"게", "도록", "려고", "으려고", "게끔", "니까", "으니까"})
_TRAIL_TAGS = frozenset({"SF", "SP", "SW", "SE", "SSC", "SSO", "W_EMOJI", "EF", "EC", "ETM", "JKQ"})
PAST = frozenset({"었", "았", "였", "ᆻ"})
# nouns after an adnominal that close a situation ("..받은 주에", "..끝난 후에", "..한 경우")
TIME_NOUNS = frozenset(
    {"때", "순간", "경우", "후", "뒤", "다음", "시", "날", "주", "달", "주간", "무렵", "즈음"}
)
BEFORE_NOUNS = frozenset({"전", "직전", "전날"})
PAST_TIME = re.compile(
    r"^(?:(?:(?:지난|저번|작년|재작년|어제|그저께|엊그제|지지난)(?:달|주|번|해)?(?:에|엔|에는)?"
    r"(?:\s+(?:달|주|분기|해|번|봄|여름|가을|겨울|\d+월|말|초)(?:에|엔|에는)?)*"
    r"|\d+\s*(?:년|달|개월|주|주일)\s*전(?:에|엔|에는)?|다음(?:엔|에는|번엔|번에는))\s+)+"
)
_JAMO = re.compile(r"^[\u3131-\u318e~.]+$")


@dataclass
class Sentence:
    """One sentence of a line: its morphemes, with each closing quote's opener and the quote
    depth at each morpheme."""

    line: str
    morphs: list[Morph]
    opener: dict[int, int] = field(default_factory=dict)  # closing quote -> opening quote
    depth: list[int] = field(default_factory=list)  # quote depth at each morpheme

    def __post_init__(self) -> None:
        stack: list[int] = []
        for i, m in enumerate(self.morphs):
            self.depth.append(len(stack))
            if m.form in ("'", '"') and any(self.morphs[j].form == m.form for j in stack):
                while stack:
                    j = stack.pop()
                    if self.morphs[j].form == m.form:
                        self.opener[i] = j
                        break
            elif m.tag == "SSO" or m.form in ("'", '"'):
                stack.append(i)
            elif m.tag == "SSC" and stack:
                self.opener[i] = stack.pop()

    def span(self, first: int, end: int) -> str:
        if first >= len(self.morphs):
            return ""
        text = " ".join(self.line[self.morphs[first].start : end].split())
        return text.strip(" ,.:;")


def at(morphs: list[Morph], i: int) -> Morph | None:
    return morphs[i] if 0 <= i < len(morphs) else None


def tagged(m: Morph | None, form: str | tuple[str, ...], tags: str | tuple[str, ...]) -> bool:
    if m is None:
        return False
    forms = (form,) if isinstance(form, str) else form
    tagset = (tags,) if isinstance(tags, str) else tags
    return m.form in forms and m.tag in tagset


def final_verb(morphs: list[Morph], i: int) -> bool:
    """True when the verb ending at i-1 closes its clause (해요, 하고, 한다, 됨), not a
    reason or condition (돼서, 하는데, 하면)."""
    for m in morphs[i:]:
        if m.tag == "EP":
            continue
        if m.tag in ("EF", "SF", "SP", "SW", "W_EMOJI", "SSC", "SE", "ETN"):
            return True
        return m.tag == "EC" and m.form in ("고", "다고", "지", "다", "ᆫ다", "는다", "ᆫ다고")
    return True


def is_break(s: Sentence, j: int) -> bool:
    """True when morpheme j ends the clause before j+1."""
    morphs = s.morphs
    m = morphs[j]
    prev = at(morphs, j - 1)
    if m.tag in BREAK_TAGS or (m.tag == "SW" and _JAMO.match(m.form)):
        return True
    if m.tag == "SP" and m.form in (":", ";"):
        return True
    if m.tag == "EC" and m.form in _BREAK_EC:
        return not (m.form == "라" and tagged(prev, "아니", "VCN"))  # "A가 아니라 B로" is one
    if purpose_end(morphs, j) or lead_in(morphs, j):
        return True
    if m.form == "라" and m.tag == "NNG" and prev is not None and prev.end == m.start:
        return prev.tag.startswith("N")  # "피크라" read as 피크 + 라/NNG: the copula's "-라"
    if m.form == "데" and m.tag == "NNB" and prev is not None and prev.tag == "ETM":
        return prev.end == m.start
    if m.tag == "SP" and prev is not None and prev.tag in ("EC", "EF"):
        return prev.form not in ("고", "어", "아")
    if m.tag == "EC" and m.form in _REASON_EC and prev is not None:
        if prev.form == "싫" or (prev.tag in ("VA", "VCP") and m.form != "고"):
            return True
        return prev.form in ("하", "되") and tagged(at(morphs, j - 2), ("어야", "아야", "야"), "EC")
    return False


def lead_in(morphs: list[Morph], j: int) -> bool:
    """True when morpheme j closes a lead-in "..보면" ("얘기 들어보면", "정리한 거 보면",
    "현장 가보면"): where the speaker looked, not the moment of a job."""
    m = morphs[j]
    return (
        m.tag == "EC" and m.form in ("면", "으면") and tagged(at(morphs, j - 1), "보", ("VV", "VX"))
    )


def purpose_end(morphs: list[Morph], j: int) -> bool:
    """True when morpheme j closes a purpose clause ("-도록", "-려고", "-기 위해")
    that does not go on into "하다" ("올리도록 하고 싶다" stays whole)."""
    m = morphs[j]
    if m.tag == "EC" and m.form in ("도록", "려고", "으려고", "게끔"):
        nxt = at(morphs, j + 1)
        return nxt is None or not (nxt.form == "하" and nxt.tag in ("VX", "VV"))
    if m.tag == "EC" and m.form in ("어", "아", "어서", "여") and j > 0:
        return tagged(morphs[j - 1], "위하", "VV")
    return False


def clause_start(s: Sentence, last: int, lower: int) -> int:
    j = last
    while j > lower:
        if j - 1 in s.opener and s.opener[j - 1] >= lower:
            if _quote_stands_alone(s, j):
                break  # "문의 1위: '왜 적게 들어왔어요?' 월세 밀린 집 있으면"
            j = s.opener[j - 1]  # a quote inside the clause stays whole
            continue
        if is_break(s, j - 1):
            break
        j -= 1
    return j


def _quote_stands_alone(s: Sentence, j: int) -> bool:
    """True when the quote closing at j-1 is a finished sentence ("..들어왔어요?") and a
    noun, not a verb or particle taking it, follows."""
    closed = at(s.morphs, j - 2)
    nxt = s.morphs[j] if j < len(s.morphs) else None
    return (
        closed is not None
        and closed.tag == "SF"
        and nxt is not None
        and nxt.tag in ("NNG", "NNP", "NNB", "NP", "SL", "SN", "MM", "MAG")
    )


def trim_end(morphs: list[Morph], first: int, last: int) -> int:
    """Index of the last content morpheme of first..last (endings dropped)."""
    j = last
    while j >= first:
        m = morphs[j]
        ending = (
            m.tag in _TRAIL_TAGS
            or m.tag == "VCP"
            or (m.tag == "JX" and m.form == "요")
            or (m.tag == "EP" and m.form in ("시", "으시", "겠"))
            or (m.form in ("거", "것") and m.tag == "NNB" and j < last)
        )
        if not ending:
            break
        j -= 1
    return j


def is_question(s: Sentence) -> bool:
    """True when the sentence asks (a "?" outside quotes), not when it only seeks agreement
    ("..확인하고 싶으시잖아요?")."""
    return any(
        m.form == "?"
        and not s.depth[i]
        and not s.line[: m.start].rstrip("?! ").endswith(("잖아요", "잖아", "잖습니까"))
        for i, m in enumerate(s.morphs)
    )


def usable(part: str) -> bool:
    return len(part.replace(" ", "")) >= 2
