"""Korean job extraction from morphemes (kiwipiepy): situations, wants, outcomes.

An answer is read sentence by sentence (``jobs_ko_morph.sentences``). In each sentence:

- a *want* ends the motivation: "-고 싶다" (싶어요, 싶대요, 싶다고, 싶어 하세요, 싶어서), a wish
  "-었으면 좋겠다 / 했으면 해요 / 갔으면..", "-면 좋겠다", "-면 돼요", "N이/가 필요하다",
  "-어야 하다/되다", a request "-게 해 주세요 / 해 달라", "-어 달라", an intention
  "-려고 하다". The motivation is the surface span from its clause start up to the verb
  stem (or "-었" past, or the noun) before that ending;
- a *situation* is a clause closed by an adnominal ending before 때 (때마다, 때요, 때는),
  by a conditional "-면", by "-자마자" or an adnominal before 순간. The stored span ends
  with the adnominal ("신규 지점 열었을") or the stem ("카드 내역 들어오");
- an *outcome* follows the want: after 그래야 / 안 그러면 / 그러면 / 그럼, or a clause closed
  by a purpose or result ending (-게, -도록, -려고, -니까, -기 위해, -기 전에), in the same
  sentence or the next one.

A want takes the first situation before it in its sentence; otherwise the latest unused
situation of an earlier sentence ("신규 지점 열었을 때요. ... 한 화면에서 보고 싶어요").
A want with no situation, and a situation with no want, give nothing. Questions give
nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.insights.synthesis.jobs_ko_morph import Morph, sentences

Parts = tuple[str, str, str]

_VERB = frozenset({"VV", "VA", "VX", "XSV", "XSA", "VCP", "VCN"})
_BREAK_TAGS = frozenset({"SF", "SSO", "SW", "W_EMOJI", "SE", "EF"})
_BREAK_EC = frozenset(
    {"는데", "ᆫ데", "은데", "는데도", "니까", "으니까", "니", "지만", "는지라", "ᆫ데도", "던데"}
)
_PURPOSE_EC = frozenset({"게", "도록", "려고", "으려고", "게끔", "니까", "으니까"})
_TRAIL_TAGS = frozenset({"SF", "SP", "SW", "SE", "SSC", "SSO", "W_EMOJI", "EF", "EC", "ETM"})
_PAST = frozenset({"었", "았", "였", "ᆻ"})
_TIME_NOUNS = frozenset({"때", "순간"})
_PAST_TIME = re.compile(
    r"^(?:(?:지난|저번|작년|재작년|어제|그저께|엊그제|지지난)(?:달|주|번|해)?(?:에|엔|에는)?"
    r"(?:\s+(?:달|주|분기|해|번|봄|여름|가을|겨울|\d+월|말|초)(?:에|엔|에는)?)*\s+)+"
)
_LEAD_WORDS = frozenset({"그리고", "근데", "그런데", "그래서", "그때", "그때부터", "그러니까", "결국"})


@dataclass(frozen=True)
class _Want:
    first: int  # index of the first morpheme of the want expression
    last: int  # index of the last morpheme kept in the motivation
    after: int  # index after the want expression
    end: int  # character end of the motivation
    kind: str  # "want" (the wanter may stand before), "wish", "need"


@dataclass(frozen=True)
class _Situation:
    first: int  # index of the connective's first morpheme (때, 면, 자마자)
    after: int  # index after the connective
    end: int  # character end of the situation


@dataclass
class _Sentence:
    line: str
    morphs: list[Morph]

    def text(self, start: int, end: int) -> str:
        return self.line[start:end]


def _at(morphs: list[Morph], i: int) -> Morph | None:
    return morphs[i] if 0 <= i < len(morphs) else None


def _is(m: Morph | None, form: str | tuple[str, ...], tags: str | tuple[str, ...]) -> bool:
    if m is None:
        return False
    forms = (form,) if isinstance(form, str) else form
    tagset = (tags,) if isinstance(tags, str) else tags
    return m.form in forms and m.tag in tagset


def _ends_clause(morphs: list[Morph], i: int) -> bool:
    """True when nothing but endings and punctuation follow morpheme i-1 up to a new
    clause (the verb after a want ending is final, quoted or listed: 해요, 하고, 한다고)."""
    for m in morphs[i:]:
        if m.tag == "EP":
            continue
        if m.tag == "EF" or m.tag in ("SF", "SP", "SW", "W_EMOJI", "SSC", "SE"):
            return True
        return m.tag == "EC" and m.form in ("고", "다고", "지", "다", "는데")
    return True


def _wants(morphs: list[Morph]) -> list[_Want]:
    found: list[_Want] = []
    for i, m in enumerate(morphs):
        want = _want_at(morphs, i, m)
        if want is not None and (not found or want.first >= found[-1].after):
            found.append(want)
    return found


def _want_at(morphs: list[Morph], i: int, m: Morph) -> _Want | None:
    prev, nxt = _at(morphs, i - 1), _at(morphs, i + 1)
    if prev is None:
        return None
    if _is(m, "고", "EC") and _is(nxt, "싶", "VX"):
        return _Want(i, i - 1, i + 2, prev.end, "want")
    if m.tag == "EC" and m.form in ("면", "으면"):
        return _wish(morphs, i)
    if m.form == "필요" and _is(nxt, "하", ("XSA", "XSV")):
        return _need(morphs, i)
    if m.tag == "EC" and m.form in ("어야", "아야", "야"):
        verb = _at(morphs, i + 1)
        if verb is not None and (_is(verb, "하", ("VX", "VV")) or _is(verb, "되", "VV")):
            if _ends_clause(morphs, i + 2):
                return _Want(i, i - 1, i + 2, prev.end, "must")
        return None
    if _is(m, "게", "EC") and _is(nxt, "하", ("VX", "VV")):
        j = i + 2
        if _is(_at(morphs, j), ("어", "아"), "EC"):
            j += 1
        if _is(_at(morphs, j), ("주", "달"), "VX"):
            return _Want(i, i, j + 1, m.end, "request")
        return None
    if m.tag == "EC" and m.form in ("어", "아") and _is(nxt, "달", "VX"):
        return _Want(i, i, i + 2, max(prev.end, m.end), "request")
    if m.form in ("려고", "으려고") and _is(nxt, "하", ("VX", "VV")):
        return _Want(i, i - 1, i + 2, prev.end, "want")
    return None


def _wish(morphs: list[Morph], i: int) -> _Want | None:
    """"-었으면 좋겠다 / 했으면 해요 / 갔으면..", "-면 좋겠다", "-면 돼요"."""
    prev, nxt = morphs[i - 1], _at(morphs, i + 1)
    past = prev.tag == "EP" and prev.form in _PAST
    wish = _is(nxt, "좋", "VA") or (
        past
        and (
            nxt is None
            or nxt.tag in ("SF", "SE", "SW", "W_EMOJI", "SSC")
            or _is(nxt, ("하", "싶"), ("VV", "VX"))
        )
    )
    if not wish and _is(nxt, "되", "VV") and _ends_clause(morphs, i + 2):
        wish = prev.tag in _VERB or prev.tag == "EP"
    if not wish:
        return None
    last = i - 1
    exists = morphs[i - 2] if past and i >= 2 else prev
    if exists.form in ("있", "없") and exists.tag in ("VV", "VA"):
        j = morphs.index(exists) - 1 if exists is not prev else i - 2
        if j >= 0 and morphs[j].tag in ("JKS", "JX"):
            j -= 1
        if j >= 0 and morphs[j].tag.startswith(("N", "X", "S")):
            last = j
    return _Want(i, last, i + 2, morphs[last].end, "wish")


def _need(morphs: list[Morph], i: int) -> _Want | None:
    """"N이/가 필요하다": the noun phrase (a "-는 것" clause without 것)."""
    j = i - 1
    if j >= 0 and morphs[j].tag in ("JKS", "JX"):
        j -= 1
    if j >= 1 and morphs[j].form in ("것", "거") and morphs[j - 1].tag == "ETM":
        j -= 1
    if j < 0 or morphs[j].tag in _BREAK_TAGS:
        return None
    after = _at(morphs, i + 2)
    if after is not None and after.tag == "ETM":
        return None  # "필요한 건 ..."
    return _Want(i, j, i + 2, morphs[j].end, "need")


def _situations(morphs: list[Morph], taken: set[int]) -> tuple[list[_Situation], bool]:
    """Situation clauses of a sentence, and whether it refers back ("그때", "그럴 때")."""
    found: list[_Situation] = []
    anaphor = False
    for i, m in enumerate(morphs):
        if i in taken:
            continue
        prev = _at(morphs, i - 1)
        if m.form == "그때" or (m.form in _TIME_NOUNS and _is(prev, "ᆯ", "ETM")
                                and _is(_at(morphs, i - 2), ("그렇", "그러", "이렇"), ("VA", "VV"))):
            anaphor = True
            continue
        if prev is None:
            continue
        if m.form in _TIME_NOUNS and m.tag.startswith("NN") and prev.tag == "ETM":
            found.append(_Situation(i, _skip_connective(morphs, i + 1), prev.end))
        elif m.tag == "EC" and m.form in ("면", "으면", "자마자", "다면", "으면은"):
            if prev.form in ("그러", "그렇") or not (prev.tag in _VERB or prev.tag == "EP"):
                continue
            found.append(_Situation(i, _skip_connective(morphs, i + 1), prev.end))
    return found, anaphor


def _skip_connective(morphs: list[Morph], i: int) -> int:
    while i < len(morphs) and (
        morphs[i].tag in ("JX", "JKB", "SP") or morphs[i].form in ("마다",)
    ):
        i += 1
    return i


def _is_break(morphs: list[Morph], j: int) -> bool:
    """True when morpheme j ends the clause before j+1."""
    m = morphs[j]
    if m.tag in _BREAK_TAGS:
        return True
    if m.tag == "EC" and m.form in _BREAK_EC:
        return True
    if m.form == "데" and m.tag == "NNB" and j > 0 and morphs[j - 1].tag == "ETM":
        return True
    if m.tag == "SP" and j > 0 and morphs[j - 1].tag in ("EC", "EF"):
        return morphs[j - 1].form not in ("고", "어", "아")
    if m.tag == "EC" and m.form in ("어서", "아서", "서") and j >= 2:
        return morphs[j - 1].form in ("하", "되") and morphs[j - 2].form in ("어야", "아야", "야")
    return False


def _clause_start(morphs: list[Morph], last: int, lower: int) -> int:
    j = last
    while j > lower and not _is_break(morphs, j - 1):
        j -= 1
    return j


def _strip_lead(morphs: list[Morph], start: int, last: int, *, subject: bool) -> int:
    """Skip conjunctions, "그때", topic pronouns, and (for a want) the wanter."""
    i = start
    while i < last:
        m = morphs[i]
        if m.tag in ("MAJ", "SP", "SSC", "IC") or m.form in _LEAD_WORDS:
            i += 1
        elif m.tag == "NP" and _is(_at(morphs, i + 1), ("는", "은"), "JX"):
            i += 2
        elif m.form == "다" and _is(_at(morphs, i + 1), "들", "XSN"):
            i += 2
        else:
            break
    if subject:
        j = i
        while j < last and morphs[j].tag in ("NNG", "NNP", "NP", "XSN", "SL", "NNB", "MM"):
            j += 1
        if j > i and j < last and morphs[j].tag in ("JKS", "JX") and morphs[j].form != "도":
            causative = any(
                m.tag == "EC" and m.form in ("게", "도록") for m in morphs[j + 1 : last + 1]
            )
            if not causative:
                i = j + 1
    return i


def _span(s: _Sentence, first: int, end: int) -> str:
    if first >= len(s.morphs):
        return ""
    return " ".join(s.line[s.morphs[first].start : end].split()).strip(" ,.")


def _situation_text(s: _Sentence, sit: _Situation, lower: int) -> str:
    last = sit.first - 1
    start = _clause_start(s.morphs, last, lower)
    start = _strip_lead(s.morphs, start, last, subject=False)
    text = _span(s, start, sit.end)
    return _PAST_TIME.sub("", text)


def _motivation_text(s: _Sentence, want: _Want, lower: int) -> str:
    start = _clause_start(s.morphs, want.last, lower)
    start = _strip_lead(s.morphs, start, want.last, subject=want.kind == "want")
    return _span(s, start, want.end)


def _outcome_marker(morphs: list[Morph], i: int) -> int | None:
    """Index after 그래야 / 안 그러면 / 그러면 / 그럼 at i, else None."""
    m = _at(morphs, i)
    if m is None:
        return None
    if m.form in ("그렇", "그러") and _is(_at(morphs, i + 1), ("어야", "어야만", "아야"), "EC"):
        return i + 2
    if _is(m, "안", "MAG") and _at(morphs, i + 1) is not None:
        if morphs[i + 1].form in ("그러", "그렇") and _is(_at(morphs, i + 2), "면", "EC"):
            return i + 3
    if m.form in ("그러", "그렇") and _is(_at(morphs, i + 1), ("면", "ᆷ"), ("EC", "ETN")):
        return i + 2
    if m.form in ("그럼", "그러면") and m.tag in ("MAJ", "IC"):
        return i + 1
    return None


def _trim_end(morphs: list[Morph], first: int, last: int) -> int:
    """Index of the last content morpheme of first..last (endings dropped)."""
    j = last
    while j >= first:
        m = morphs[j]
        if m.tag in _TRAIL_TAGS or (m.tag == "JX" and m.form == "요"):
            j -= 1
        elif m.tag == "EP" and m.form in ("시", "으시", "겠"):
            j -= 1
        elif m.tag == "VCP" or (m.form in ("거", "것") and m.tag == "NNB" and j < last):
            j -= 1
        else:
            break
    return j


def _outcome_in(s: _Sentence, first: int, *, need_mark: bool) -> str:
    """The outcome of morphemes first.. of a sentence: after a marker, or a purpose clause."""
    morphs = s.morphs
    i = first
    while i < len(morphs) and (
        morphs[i].tag in ("EP", "EF", "EC", "VX", "JX", "SP", "SF", "SW", "W_EMOJI", "SSC")
        and _outcome_marker(morphs, i) is None
    ):
        i += 1
    if i >= len(morphs):
        return ""
    marked = _outcome_marker(morphs, i)
    if marked is not None:
        last = _trim_end(morphs, marked, len(morphs) - 1)
        return _span(s, marked, morphs[last].end) if last >= marked else ""
    ending = _final_ending(morphs, i)
    if ending is None or (need_mark and ending < 0):
        return ""
    last = _trim_end(morphs, i, abs(ending) - 1)
    return _span(s, i, morphs[last].end) if last >= i else ""


def _final_ending(morphs: list[Morph], first: int) -> int | None:
    """Index of a purpose/result ending closing the clause from first, else None."""
    j = len(morphs) - 1
    while j > first and (
        morphs[j].tag in ("SF", "SP", "SW", "W_EMOJI", "SE", "SSC")
        or (morphs[j].tag == "JX" and morphs[j].form == "요")
    ):
        j -= 1
    m = morphs[j]
    if m.tag in ("EC", "EF") and m.form in _PURPOSE_EC:
        return j
    if m.form == "전" and j >= 2 and morphs[j - 1].tag == "ETN":
        return j + 1
    if _is(m, "에", "JKB") and _is(_at(morphs, j - 1), "전", "NNG"):
        return j + 1 if morphs[j - 2].tag == "ETN" else None
    return None


def _has_question(morphs: list[Morph]) -> bool:
    return any(m.form == "?" for m in morphs[-3:])


def extract(text: str) -> list[Parts]:
    """Job statements in the Korean sentences of a normalised answer."""
    found: list[Parts] = []
    pending: tuple[_Sentence, _Situation, int] | None = None
    all_sentences = [
        _Sentence(line, morphs) for line in text.split("\n") if _HANGUL.search(line)
        for morphs in sentences(line)
    ]
    for n, s in enumerate(all_sentences):
        if _has_question(s.morphs):
            continue
        wants = _wants(s.morphs)
        taken = {w.first for w in wants}
        situations, _anaphor = _situations(s.morphs, taken)
        lower = 0
        last_used = -1
        for w in wants:
            own = [x for x in situations if lower <= x.first < w.first]
            motivation_lower = lower
            if own:
                sit = own[0]
                situation = _situation_text(s, sit, lower)
                motivation_lower = sit.after
                last_used = situations.index(sit)
            elif pending is not None:
                situation = _situation_text(pending[0], pending[1], pending[2])
            else:
                lower = w.after
                continue
            pending = None
            motivation = _motivation_text(s, w, motivation_lower)
            outcome = _outcome_in(s, w.after, need_mark=False)
            if not outcome and n + 1 < len(all_sentences):
                nxt = all_sentences[n + 1]
                if not _wants(nxt.morphs):
                    outcome = _outcome_in(nxt, 0, need_mark=False)
            lower = w.after
            if _usable(situation) and _usable(motivation):
                parts = (situation, motivation, outcome)
                if not any(p[:2] == parts[:2] for p in found):
                    found.append(parts)
        rest = [x for x in situations[last_used + 1 :] if x.first >= lower]
        if rest:
            pending = (s, rest[0], lower)
    return found


_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _usable(part: str) -> bool:
    return len(part.replace(" ", "")) >= 2
