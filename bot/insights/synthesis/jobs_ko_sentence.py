"""Korean job extraction: what the reader of ``jobs_ko_parse`` asks of one sentence.

The motivation's span (``motivation_text``, without a closing "이거 하나" that restates
it), a purpose told with a clear moment and no want (``purpose_want``), an obligation told
as what follows (``consequence``), a stretch closed like a sentence (``closed``), an
afterthought fragment (``fragment``), an outcome after a quote or a sentence opening with
an outcome marker (``after_quote``, ``marked``), a want that adds to one said before
(``also``), an intention that is the aim of the want before it (``aim_of_before``), and a
sentence opening with a change as its cause (``grown``).
"""

from __future__ import annotations

from bot.insights.synthesis.jobs_ko_clause import (
    VERB,
    Sentence,
    clause_start,
    is_break,
    purpose_end,
    tagged,
)
from bot.insights.synthesis.jobs_ko_lead import strip_lead
from bot.insights.synthesis.jobs_ko_morph import Morph
from bot.insights.synthesis.jobs_ko_outcome import outcome_in, outcome_marker
from bot.insights.synthesis.jobs_ko_situation import Situation
from bot.insights.synthesis.jobs_ko_want import Want


def consequence(s: Sentence, w: Want) -> bool:
    """True for an obligation told as what follows ("그럼 제가 일일이 연락 돌려야 되고"): a
    "-어야 하다" whose clause opens with 그럼 / 그러면 / 안 그러면 is no want."""
    if w.kind not in ("must", "must_past", "must_then"):
        return False
    start = clause_start(s, w.last, 0)
    return any(outcome_marker(s.morphs, k) is not None for k in range(start, w.first))


def closed(s: Sentence, j: int) -> bool:
    """True when morpheme j closes a stretch like a sentence (a final ending, laughter or
    an emoji), not a clause that runs on ("..등록하는데")."""
    m = s.morphs[j]
    return is_break(s, j) and (m.tag in ("EF", "SF", "W_EMOJI") or m.tag == "SW")


def fragment(s: Sentence) -> bool:
    """True for an afterthought with no verb or ending ("대표가..")."""
    return not any(m.tag in VERB or m.tag.startswith("E") for m in s.morphs)


def after_quote(s: Sentence, i: int) -> str:
    """The outcome after a quote's close when an outcome marker opens what follows."""
    while i < len(s.morphs) and s.morphs[i].tag in ("SP", "SW", "W_EMOJI", "SSC"):
        i += 1
    if outcome_marker(s.morphs, i) is None:
        return ""
    return outcome_in(s, i, len(s.morphs))


def marked(s: Sentence) -> bool:
    """True when the sentence opens with an outcome marker (그래야, 안 그러면)."""
    i = 0
    while i < len(s.morphs) and s.morphs[i].tag in ("SP", "SW", "W_EMOJI", "SSC", "IC"):
        i += 1
    return outcome_marker(s.morphs, i) is not None


def motivation_text(s: Sentence, want: Want, lower: int) -> str:
    start = clause_start(s, want.last, lower)
    start = strip_lead(s.morphs, start, want.last, subject=want.kind == "want")
    return s.span(start, _restated(s.morphs, start, want.last) or want.end)


_THIS = frozenset({"이거", "그거", "이것", "그것", "요거", "저거"})


def _restated(morphs: list[Morph], start: int, last: int) -> int:
    """The character end of what a closing "이거 하나" restates after a comma ("..보내지는 거,
    이거 하나면 돼요" -> "..보내지는 거"); 0 when the motivation does not end so."""
    j = last
    while j > start and (
        tagged(morphs[j], "하나", "NR") or tagged(morphs[j], "만", "JX") or morphs[j].tag == "VCP"
    ):
        j -= 1
    if j <= start + 1 or morphs[j].form not in _THIS or morphs[j].tag != "NP":
        return 0
    comma = morphs[j - 1]
    return morphs[j - 2].end if comma.tag == "SP" and comma.form == "," else 0


def purpose_want(s: Sentence, situations: list[Situation]) -> list[Want]:
    """ "캠페인을 시작할 때마다 성과를 보려고 대시보드를 열어요", "마감할 때 한 번에
    보려고요": with a clear moment and no want, the purpose of what they do (or the
    intention they end on) is the motivation."""
    strong = [x for x in situations if x.strong]
    if not strong:
        return []
    morphs = s.morphs
    for j in range(strong[0].after, len(morphs)):
        intent = morphs[j].tag == "EF" and morphs[j].form in ("려고요", "으려고요", "려고")
        if intent or (purpose_end(morphs, j) and morphs[j].form in ("려고", "으려고", "어", "아")):
            last = j - 1
            if morphs[last].form == "위하":
                last -= 2 if last >= 2 and morphs[last - 1].tag == "ETN" else 1
            if last >= strong[0].after:
                return [Want(j, last, j + 1, morphs[last].end, "purpose")]
    return []


def also(s: Sentence, want: Want, lower: int) -> bool:
    """True when a want adds to one said before ("미납자도 따로 보고 싶었는데"): a noun with
    the additive 도 in its clause."""
    if want.kind not in ("want", "wish", "need", "hope"):
        return False
    start = clause_start(s, want.last, lower)
    return any(
        tagged(s.morphs[j], "도", "JX") and s.morphs[j - 1].tag.startswith(("NN", "XSN"))
        for j in range(max(start, 1), want.first)
    )


def aim_of_before(s: Sentence, wants: list[Want], situations: list[Situation]) -> set[int]:
    """Indexes of intentions that are the aim of the want before them ("..가는 걸 원하셨고
    다시는 그런 민원 안 받으려고 하시는 거죠"): a "-려고 하다" right after a want's "-고", with no
    moment between."""
    aims: set[int] = set()
    for k in range(1, len(wants)):
        w, prev = wants[k], wants[k - 1]
        j = prev.after
        while j < w.first and s.morphs[j].tag == "EP":
            j += 1
        if (
            w.kind == "intent"
            and prev.kind not in ("intent", "purpose")
            and j < w.first
            and tagged(s.morphs[j], "고", "EC")
            and not any(prev.after <= x.first < w.first for x in situations)
        ):
            aims.add(k)
    return aims


def grown(s: Sentence) -> bool:
    """True when a sentence opens with a change as its cause ("지점이 3개 되니까 ..",
    "직원이 5명 넘어가니까 .."): an event verb before "-니까", not a state ("비싸니까")."""
    for j, m in enumerate(s.morphs):
        if m.tag == "EC" and m.form in ("니까", "으니까"):
            k = j - 1
            while k > 0 and s.morphs[k].tag == "EP":
                k -= 1
            return k > 0 and s.morphs[k].tag == "VV" and not s.depth[j]
        if is_break(s, j):
            return False
    return False
