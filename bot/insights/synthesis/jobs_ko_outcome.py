"""Korean outcomes: what a want gets them (see ``jobs_ko_parse``).

An outcome follows the want after 그래야 / 안 그러면 / 그러면 / 그럼 (also past a quote's
close or a reported "..다고 하셨고"), or is a clause closed by a purpose or result ending
(-게, -도록, -려고, -기 위해, -니까, -기 전에), also one standing on its own before a
conjunction ("..덜 내려고 ㅋㅋ 근데"); or a purpose clause before the want ("영업팀이 쓸 수
있도록 .."), or what a "-어서" want lets happen (수 있다, 된다).
"""

from __future__ import annotations

from bot.insights.synthesis.jobs_ko_clause import (
    PURPOSE_EC,
    VERB,
    Sentence,
    at,
    clause_start,
    purpose_end,
    tagged,
    trim_end,
)
from bot.insights.synthesis.jobs_ko_lead import strip_lead, strip_marks
from bot.insights.synthesis.jobs_ko_morph import Morph
from bot.insights.synthesis.jobs_ko_render import AVOIDED
from bot.insights.synthesis.jobs_ko_want import Want, want_at


def outcome_marker(morphs: list[Morph], i: int) -> int | None:
    """Index after 그래야 / 안 그러면 / 그러면 / 그럼 at i, else None."""
    m = at(morphs, i)
    if m is None:
        return None
    if m.form in ("그래야", "그래야만", "그럼", "그러면") and m.tag in ("MAJ", "IC", "MAG"):
        return i + 1
    if m.form in ("그렇", "그러") and tagged(at(morphs, i + 1), ("어야", "어야만", "아야"), "EC"):
        return i + 2
    if tagged(m, "안", "MAG") and tagged(at(morphs, i + 1), ("그러", "그렇"), ("VV", "VA")):
        return i + 3 if tagged(at(morphs, i + 2), "면", "EC") else None
    if m.form in ("그러", "그렇") and tagged(at(morphs, i + 1), ("면", "ᆷ"), ("EC", "ETN")):
        return i + 2
    return None


def _outcome_end(morphs: list[Morph], last: int) -> int:
    """Character end of an outcome whose last morpheme is fused with a plain ending
    ("된다": 되 + ᆫ다 share a syllable): the ending is kept whole."""
    nxt = at(morphs, last + 1)
    if nxt is not None and nxt.start < morphs[last].end and nxt.form in ("ᆫ다", "는다"):
        return nxt.end
    return morphs[last].end


def _saying(morphs: list[Morph], i: int) -> bool:
    """True for the "하" of a reported want ("..싶다고 하셨고"), which the outcome follows."""
    prev = at(morphs, i - 1)
    return (
        tagged(morphs[i], "하", ("VV", "VX"))
        and prev is not None
        and prev.tag in ("EC", "EF", "JKQ")
        and prev.form in ("다고", "고", "라고", "자고", "냐고", "다")
    )


def outcome_in(s: Sentence, first: int, stop: int) -> str:
    """The outcome in morphemes first..stop-1: after a marker, or a purpose clause."""
    morphs = s.morphs
    i = first
    while i < stop and (
        morphs[i].tag in ("EP", "EF", "EC", "VX", "JX", "SP", "SF", "SW", "W_EMOJI", "SSC", "JKQ")
        or _saying(morphs, i)
    ):
        if outcome_marker(morphs, i) is not None:
            break
        i += 1
    if i >= stop:
        return ""
    marked = outcome_marker(morphs, i)
    if marked is not None:
        last = trim_end(morphs, marked, stop - 1)
        if last < marked:
            return ""
        found = s.span(marked, _outcome_end(morphs, last))
        # what the want avoids keeps its "안 그러면": "매번 빠뜨려" alone reads as the aim
        return f"{AVOIDED} {found}" if tagged(morphs[i], "안", "MAG") else found
    ending = _final_ending(morphs, i, stop)
    if ending is None:
        return closed_purpose(s, i, stop) or _only_if(s, i, stop)
    last, end = ending
    start = strip_marks(morphs, clause_start(s, last, i), last)
    return s.span(start, end) if last >= start else ""


def _only_if(s: Sentence, first: int, stop: int) -> str:
    """ "..세팅해 놔야 신학기에 안 꼬인다고": what follows a "-어야" condition (not "-어야 하다")
    when it closes the stretch, as 그래야 would."""
    morphs = s.morphs
    for j in range(first + 1, stop - 1):
        m, nxt = morphs[j], morphs[j + 1]
        if m.tag == "EC" and m.form in ("어야", "아야", "야", "어야만", "아야만"):
            if nxt.form in ("하", "되", "돼") and nxt.tag in ("VV", "VX"):
                return ""
            last = trim_end(morphs, j + 1, stop - 1)
            if last <= j or morphs[last].tag not in VERB:
                return ""
            return s.span(strip_marks(morphs, j + 1, last), _outcome_end(morphs, last))
    return ""


def closes_stretch(morphs: list[Morph], j: int, stop: int) -> bool:
    """True when the ending at j is followed only by punctuation, emoji, 요 and then a
    conjunction or the end (a stretch of its own, not a clause leading into a verb)."""
    k = j + 1
    while k < stop and (
        morphs[k].tag in ("SF", "SP", "SW", "SE", "W_EMOJI") or tagged(morphs[k], "요", "JX")
    ):
        k += 1
    return k >= stop or morphs[k].tag == "MAJ"


def closed_purpose(s: Sentence, first: int, stop: int) -> str:
    """A purpose clause ("-려고", "-도록") that closes a stretch of its own ("..않으려고요 ㅎㅎ
    그리고 .."), not one that leads into the verb it serves ("..쓸 수 있도록 정리하고")."""
    morphs = s.morphs
    for j in range(first, stop):
        if morphs[j].tag == "EC" and morphs[j].form in ("려고", "으려고", "도록", "게끔"):
            if not closes_stretch(morphs, j, stop):
                continue
            last = trim_end(morphs, first, j - 1)
            if last < first:
                return ""
            start = strip_marks(morphs, clause_start(s, last, first), last)
            return s.span(start, morphs[last].end)
    return ""


def _final_ending(morphs: list[Morph], first: int, stop: int) -> tuple[int, int] | None:
    """(last content index, its character end) of a clause from first closed by a
    purpose or result ending, else None."""
    j = stop - 1
    while j > first and (
        morphs[j].tag in ("SF", "SP", "SW", "W_EMOJI", "SE", "SSC")
        or (morphs[j].tag == "JX" and morphs[j].form == "요")
    ):
        j -= 1
    m = morphs[j]
    if m.tag in ("EC", "EF") and (m.form in PURPOSE_EC or m.form.removesuffix("요") in PURPOSE_EC):
        last = trim_end(morphs, first, j - 1)
        return (last, morphs[last].end) if last >= first else None
    if j >= 1 and purpose_end(morphs, j) and morphs[j - 1].form == "위하":
        last = j - 3 if j >= 3 and morphs[j - 2].tag == "ETN" else j - 2  # "..하기 위해서요"
        last = trim_end(morphs, first, last)
        return (last, morphs[last].end) if last >= first else None
    if tagged(m, "되게", "MAG"):
        return j, m.start + 1
    if j >= 2 and tagged(m, "에", "JKB") and tagged(morphs[j - 1], "전", "NNG"):
        return (j, m.end) if morphs[j - 2].tag == "ETN" else None
    return None


def causal_result(s: Sentence, w: Want, stop: int) -> str:
    """ "..보고 싶어서, 매번 묻지 않아도 된다": what the want lets happen (수 있다, 된다)."""
    morphs = s.morphs
    if not tagged(at(morphs, w.after), ("어서", "아서"), "EC") or w.kind != "want":
        return ""
    last = trim_end(morphs, w.after + 1, stop - 1)
    if last <= w.after or not (
        morphs[last].form in ("있", "되") and morphs[last].tag in ("VA", "VV", "VX")
    ):
        return ""
    start = strip_lead(morphs, w.after + 1, last, subject=False)
    return s.span(start, _outcome_end(morphs, last))


def purpose_before(s: Sentence, first: int, lower: int, floor: int) -> str:
    """A purpose clause earlier in the sentence ("영업팀이 쓸 수 있도록 ..", "예산을
    정당화하기 위해 .."), as the outcome; from ``floor`` (the end of the want before)."""
    morphs = s.morphs
    for j in range(floor, first):
        if purpose_end(morphs, j) and not s.depth[j] and not closes_stretch(morphs, j, first):
            last = j - 1
            if morphs[last].form == "위하":
                last -= 2 if last >= 2 and morphs[last - 1].tag == "ETN" else 1
            bound = lower if lower <= last else floor
            last = trim_end(morphs, bound, last)
            if last >= bound:
                start = clause_start(s, last, bound)
                start = strip_lead(morphs, start, last, subject=False)
                return s.span(start, morphs[last].end)
    return ""


def outcome_stop(s: Sentence, w: Want) -> int:
    """Where the outcome of a want may end: its quote's close, or the next want."""
    depth = s.depth[w.first]
    for i in range(w.after, len(s.morphs)):
        if depth and s.depth[i] < depth:
            return i
        if want_at(s.morphs, i, s.morphs[i]) is not None:
            return i
    return len(s.morphs)
