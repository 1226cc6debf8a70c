"""Korean span starts: what a part of a job drops at its front.

``strip_lead`` skips conjunctions, "그때" / "그럴 때", topic pronouns, the rest of a
mention, a person, a team or a kind of customer named as the topic ("대표님들은", "ERP 쓰는
곳은"), and (for a want) the wanter; ``strip_marks`` only punctuation, a leftover ending
and an English connective ("so that").
"""

from __future__ import annotations

from bot.insights.synthesis.jobs_ko_clause import at, tagged
from bot.insights.synthesis.jobs_ko_morph import Morph

LEAD_WORDS = frozenset(
    {"그리고", "근데", "그런데", "그래서", "그때", "그때부터", "그러니까", "결국", "또"}
)
_ENGLISH_LEAD = frozenset({"so", "that", "and", "but", "then", "to", "or"})


def strip_lead(morphs: list[Morph], start: int, last: int, *, subject: bool) -> int:
    """Skip conjunctions, "그때", topic pronouns, and (for a want) the wanter."""
    i = start
    while i < last:
        m = morphs[i]
        nxt = at(morphs, i + 1)
        if (
            m.tag in ("MAJ", "SP", "SSC", "IC", "SW", "W_EMOJI", "EC", "EF", "EP", "JX")
            or m.form in LEAD_WORDS
        ):
            i += 1  # an ending left over from the clause before ("..보고 싶고, ") included
        elif (
            (m.tag == "NP" and tagged(nxt, ("는", "은", "ᆫ"), "JX"))  # 저는, 본인은
            or (m.form == "다" and tagged(nxt, "들", "XSN"))  # 다들
            or (m.form == "그" and m.tag == "MM" and tagged(nxt, "때", "NNG"))  # 그 때
        ):
            i += 2
        elif (
            m.form in ("그렇", "그러", "이렇")
            and nxt is not None
            and nxt.tag == "ETM"
            and tagged(at(morphs, i + 2), ("때", "경우"), ("NNG", "NNB"))
        ):
            i += 3  # "그럴 때", "이럴 경우": the moment it points back to is told before
        elif i == start and m.form == "님" and m.tag in ("XSN", "NNB", "NNG"):
            i += 2 if nxt is not None and nxt.tag in ("JKS", "JX") else 1  # "<@U02ABC> 님이"
        elif m.tag == "SL" and m.form.casefold() in _ENGLISH_LEAD:
            i += 1  # "so that CS가 .."
        else:
            break
    if not subject:
        return _after_person_topic(morphs, i, last)
    if subject:
        j = i
        while j < last and morphs[j].tag in ("NNG", "NNP", "NP", "XSN", "SL", "NNB", "MM"):
            j += 1
        particle = at(morphs, j)
        marked = particle is not None and (
            (particle.tag == "JKS" and particle.form != "서")  # not "혼자서도", "둘이서"
            or tagged(particle, ("은", "는", "ᆫ"), "JX")
        )
        if i < j < last and marked:
            causative = any(  # the subject of "-게/-도록" or an embedded "-는지" clause
                m.tag == "EC" and m.form in ("게", "도록", "는지", "ᆫ지", "은지", "을지", "ᆯ지")
                for m in morphs[j + 1 : last + 1]
            )
            if not causative:
                i = j + 1
    return i


def strip_marks(morphs: list[Morph], start: int, last: int) -> int:
    """Skip punctuation, emoji, a leftover ending and an English connective ("so that")."""
    i = start
    while i < last and (
        morphs[i].tag in ("SP", "SW", "W_EMOJI", "SSC", "EC", "EF")
        or (morphs[i].tag == "SL" and morphs[i].form.casefold() in _ENGLISH_LEAD)
    ):
        i += 1
    return i


def _after_person_topic(morphs: list[Morph], i: int, last: int) -> int:
    """Skip a person, a team or a customer named as the topic ("대표님들은", "영업팀은"): the wanter
    the whole sentence is about, not part of its moment ("규정 위반 건은" stays)."""
    for k in range(i + 1, last - 1):
        topic = tagged(morphs[k + 1], ("은", "는", "ᆫ"), "JX")
        if topic and morphs[k].form in ("곳", "데") and morphs[k].tag in ("NNG", "NNB"):
            return k + 2  # a kind of customer as the topic: "ERP 쓰는 곳은", "이런 데는"
    j = i
    while j < last and morphs[j].tag in ("NNG", "NNP", "XSN", "SL", "NNB", "NP"):
        j += 1
    if not (i < j < last and tagged(morphs[j], ("은", "는", "ᆫ"), "JX")):
        return i
    person = morphs[j - 1]
    if person.tag == "NP" or (person.form in ("님", "들", "분") and person.tag in ("XSN", "NNB")):
        return j + 1
    if person.tag in ("NNG", "NNP") and person.form.endswith(("팀", "고객", "고객사")):
        return j + 1  # a team or a customer: "영업팀은", "고객사는"
    return i
