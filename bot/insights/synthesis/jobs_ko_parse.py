"""Korean job extraction from morphemes (kiwipiepy): situations, wants, outcomes.

An answer is read sentence by sentence (``jobs_ko_morph.sentences``). In a sentence:

- a *want* closes the motivation: "-고 싶다" (싶어요, 싶대요, 싶다고, 싶어 하세요, 싶어서), a
  wish "-었으면 좋겠다 / 했으면 해요 / 갔으면..", "-면 좋겠다", "-면 돼요", "N이/가
  필요하다", "-어야 하다/되다" (as a final or listed verb, not "-어야 돼서"), a request
  "-게 해 주세요 / -어 달라", an intention "-려고 하다". The motivation is the surface span
  from its clause start to the stem, the past "-었" or the noun before that ending;
- a *situation* is a clause closed by an adnominal before 때/순간 (때마다, 때요), by
  "-면" or "-자마자" (strong), or by "-는데" / "-면서", a time noun before 전에/직전에, or a
  reported event "-대요" (weak). The stored span ends with the adnominal ("신규 지점
  열었을") or with the stem ("카드 내역 들어오");
- an *outcome* follows the want: after 그래야 / 안 그러면 / 그러면 / 그럼, or as a clause
  closed by a purpose or result ending (-게, -도록, -려고, -니까, -기 전에), in the same
  sentence or the next.

A want takes, in this order: a strong situation before it in its clause; a situation that
stood as a sentence of its own ("신규 지점 열었을 때요."); a weak one before it in its
sentence; a strong one left over from an earlier sentence; the clause that "그때" / "그럴
때" points back to; a weak one of the sentence before. A want with no situation, a
situation with no want, and questions give nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.insights.synthesis.jobs_ko_morph import Morph, sentences
from bot.insights.synthesis.languages import has_hangul

Parts = tuple[str, str, str]

_VERB = frozenset({"VV", "VA", "VX", "XSV", "XSA", "VCP", "VCN"})
_BREAK_TAGS = frozenset({"SF", "SSO", "SE", "EF"})
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
_PURPOSE_EC = frozenset({"게", "도록", "려고", "으려고", "게끔", "니까", "으니까"})
_TRAIL_TAGS = frozenset({"SF", "SP", "SW", "SE", "SSC", "SSO", "W_EMOJI", "EF", "EC", "ETM", "JKQ"})
_PAST = frozenset({"었", "았", "였", "ᆻ"})
_TIME_NOUNS = frozenset({"때", "순간"})
_BEFORE_NOUNS = frozenset({"전", "직전", "전날"})
_PAST_TIME = re.compile(
    r"^(?:(?:지난|저번|작년|재작년|어제|그저께|엊그제|지지난)(?:달|주|번|해)?(?:에|엔|에는)?"
    r"(?:\s+(?:달|주|분기|해|번|봄|여름|가을|겨울|\d+월|말|초)(?:에|엔|에는)?)*\s+)+"
)
_LEAD_WORDS = frozenset(
    {"그리고", "근데", "그런데", "그래서", "그때", "그때부터", "그러니까", "결국", "또"}
)
_JAMO = re.compile(r"^[\u3131-\u318e~.]+$")


@dataclass(frozen=True)
class _Want:
    first: int  # index of the first morpheme of the want expression
    last: int  # index of the last morpheme kept in the motivation
    after: int  # index after the want expression
    end: int  # character end of the motivation
    kind: str  # "want" (the wanter may stand before it), "wish", "need", "must", "request"


@dataclass(frozen=True)
class _Situation:
    first: int  # index of the connective's first morpheme (때, 면, 는데)
    after: int  # index after the connective
    end: int  # character end of the situation
    strong: bool
    noun: bool = False  # a time noun before 전에 ("임원회의 전에")


@dataclass
class _Sentence:
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


def _at(morphs: list[Morph], i: int) -> Morph | None:
    return morphs[i] if 0 <= i < len(morphs) else None


def _is(m: Morph | None, form: str | tuple[str, ...], tags: str | tuple[str, ...]) -> bool:
    if m is None:
        return False
    forms = (form,) if isinstance(form, str) else form
    tagset = (tags,) if isinstance(tags, str) else tags
    return m.form in forms and m.tag in tagset


def _final_verb(morphs: list[Morph], i: int) -> bool:
    """True when the verb ending at i-1 closes its clause (해요, 하고, 한다, 됨), not a
    reason or condition (돼서, 하는데, 하면)."""
    for m in morphs[i:]:
        if m.tag == "EP":
            continue
        if m.tag in ("EF", "SF", "SP", "SW", "W_EMOJI", "SSC", "SE", "ETN"):
            return True
        return m.tag == "EC" and m.form in ("고", "다고", "지", "다", "ᆫ다", "는다", "ᆫ다고")
    return True


# -- wants ---------------------------------------------------------------------------


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
        verb_ok = _is(verb, "하", ("VX", "VV")) or _is(verb, "되", "VV")
        if verb_ok and _final_verb(morphs, i + 2):
            past = _is(_at(morphs, i + 2), tuple(_PAST), "EP")
            return _Want(i, i - 1, i + 2, prev.end, "must_past" if past else "must")
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
        return _Want(i, i - 1, i + 2, prev.end, "intent")
    return None


def _wish(morphs: list[Morph], i: int) -> _Want | None:
    """ "-었으면 좋겠다 / 했으면 해요 / 갔으면..", "-면 좋겠다", "-면 돼요"."""
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
    if not wish and _is(nxt, "되", "VV") and _final_verb(morphs, i + 2):
        wish = prev.tag in _VERB or prev.tag == "EP"
    if not wish:
        return None
    last = i - 1
    verb = i - 2 if past else i - 1
    if verb >= 0 and morphs[verb].form in ("있", "없") and morphs[verb].tag in ("VV", "VA"):
        j = verb - 1
        if j >= 0 and morphs[j].tag in ("JKS", "JX"):
            j -= 1
        if j >= 0 and morphs[j].tag.startswith(("N", "S", "XSN")) and morphs[j].form != "수":
            last = j  # "비교표가 있었으면" -> "비교표" (not "할 수 있었으면")
    return _Want(i, last, i + 2, morphs[last].end, "wish")


def _need(morphs: list[Morph], i: int) -> _Want | None:
    """ "N이/가 필요하다": the noun phrase (a "-는 것" clause without 것)."""
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


# -- situations ----------------------------------------------------------------------


def _is_conditional(morphs: list[Morph], i: int) -> bool:
    m, prev = morphs[i], morphs[i - 1]
    if m.form == "면" and m.tag == "NNG" and prev.end == m.start:
        return True  # "오면" read as 오/NR + 면/NNG
    if not (m.tag == "EC" and m.form in ("면", "으면", "자마자", "다면", "으면은")):
        return False
    if prev.form in ("그러", "그렇", "같") or (prev.form == "이" and prev.tag == "VCP"):
        return False  # 그러면, 예전 같으면, N이면
    return prev.tag in _VERB or prev.tag == "EP"


def _situations(s: _Sentence, taken: set[int]) -> tuple[list[_Situation], int | None]:
    """Situation clauses of a sentence, and the index of a "그때" / "그럴 때" pointing back."""
    morphs = s.morphs
    found: list[_Situation] = []
    anaphor: int | None = None
    for i, m in enumerate(morphs):
        if i in taken or i == 0:
            continue
        prev = morphs[i - 1]
        if m.form == "그때" or (
            m.form in _TIME_NOUNS
            and prev.tag == "ETM"
            and _is(_at(morphs, i - 2), ("그렇", "그러", "이렇"), ("VA", "VV"))
        ):
            anaphor = i if anaphor is None else anaphor
        elif m.form in _TIME_NOUNS and m.tag.startswith("NN") and prev.tag == "ETM":
            found.append(_Situation(i, _skip_connective(morphs, i + 1), prev.end, True))
        elif (
            _is(m, "마다", "JX")
            and prev.tag == "NNG"
            and _is(_at(morphs, i - 2), ("는", "ᆫ", "은", "ᆯ", "을"), "ETM")
        ):
            found.append(_Situation(i, i + 1, prev.end, True))
        elif _is_conditional(morphs, i):
            found.append(_Situation(i, _skip_connective(morphs, i + 1), prev.end, True))
        elif m.tag == "EC" and m.form in ("는데", "ᆫ데", "은데", "면서", "으면서"):
            found.append(_Situation(i, i + 1, prev.end, False))
        elif m.form == "데" and prev.tag == "ETM" and prev.end == m.start:
            found.append(_Situation(i, i + 1, morphs[i - 2].end if i >= 2 else prev.end, False))
        elif (
            m.form in _BEFORE_NOUNS
            and prev.tag in ("NNG", "NNP", "SL")
            and _is(_at(morphs, i + 1), "에", "JKB")
        ):
            found.append(_Situation(i, _skip_connective(morphs, i + 1), m.end, False, True))
    return found, anaphor


def _reported(s: _Sentence) -> _Situation | None:
    """A sentence told as a reported event ("... 들어온대요"): its last clause."""
    morphs = s.morphs
    j = len(morphs) - 1
    while j > 0 and morphs[j].tag in ("SF", "SW", "W_EMOJI", "SE"):
        j -= 1
    m = morphs[j]
    if j > 0 and m.tag == "EF" and m.form in ("대요", "ᆫ대요", "는대요", "래요", "더라고요"):
        return _Situation(j, j + 1, morphs[j - 1].end, False)
    if (
        j > 1
        and _is(m, "요", "JX")
        and morphs[j - 1].form in ("는데", "ᆫ데", "은데", "어서", "아서")
    ):
        return _Situation(j - 1, j + 1, morphs[j - 2].end, False)
    return None


def _skip_connective(morphs: list[Morph], i: int) -> int:
    while i < len(morphs) and (morphs[i].tag in ("JX", "JKB", "SP") or morphs[i].form == "마다"):
        i += 1
    return i


def _standalone(s: _Sentence, sit: _Situation) -> bool:
    """True when nothing but particles, copula endings and punctuation follow it."""
    return all(
        m.tag in ("JX", "VCP", "EF", "EP", "SF", "SW", "W_EMOJI", "SE", "SP")
        for m in s.morphs[sit.after :]
    )


# -- spans ---------------------------------------------------------------------------


def _is_break(s: _Sentence, j: int) -> bool:
    """True when morpheme j ends the clause before j+1."""
    morphs = s.morphs
    m = morphs[j]
    prev = _at(morphs, j - 1)
    if m.tag in _BREAK_TAGS or (m.tag == "SW" and _JAMO.match(m.form)):
        return True
    if m.tag == "SP" and m.form in (":", ";"):
        return True
    if m.tag == "EC" and m.form in _BREAK_EC:
        return True
    if _purpose_end(morphs, j):
        return True
    if m.form == "데" and m.tag == "NNB" and prev is not None and prev.tag == "ETM":
        return prev.end == m.start
    if m.tag == "SP" and prev is not None and prev.tag in ("EC", "EF"):
        return prev.form not in ("고", "어", "아")
    if m.tag == "EC" and m.form in _REASON_EC and prev is not None:
        if prev.form == "싫" or (prev.tag in ("VA", "VCP") and m.form != "고"):
            return True
        return prev.form in ("하", "되") and _is(_at(morphs, j - 2), ("어야", "아야", "야"), "EC")
    return False


def _purpose_end(morphs: list[Morph], j: int) -> bool:
    """True when morpheme j closes a purpose clause ("-도록", "-려고", "-기 위해")
    that does not go on into "하다" ("올리도록 하고 싶다" stays whole)."""
    m = morphs[j]
    if m.tag == "EC" and m.form in ("도록", "려고", "으려고", "게끔"):
        nxt = _at(morphs, j + 1)
        return nxt is None or not (nxt.form == "하" and nxt.tag in ("VX", "VV"))
    if m.tag == "EC" and m.form in ("어", "아", "어서", "여") and j > 0:
        return _is(morphs[j - 1], "위하", "VV")
    return False


def _clause_start(s: _Sentence, last: int, lower: int) -> int:
    j = last
    while j > lower:
        if j - 1 in s.opener and s.opener[j - 1] >= lower:
            j = s.opener[j - 1]  # a quote inside the clause stays whole
            continue
        if _is_break(s, j - 1):
            break
        j -= 1
    return j


def _strip_lead(morphs: list[Morph], start: int, last: int, *, subject: bool) -> int:
    """Skip conjunctions, "그때", topic pronouns, and (for a want) the wanter."""
    i = start
    while i < last:
        m = morphs[i]
        nxt = _at(morphs, i + 1)
        if m.tag in ("MAJ", "SP", "SSC", "IC", "SW", "W_EMOJI") or m.form in _LEAD_WORDS:
            i += 1
        elif (
            (m.tag == "NP" and _is(nxt, ("는", "은", "ᆫ"), "JX"))  # 저는, 본인은
            or (m.form == "다" and _is(nxt, "들", "XSN"))  # 다들
            or (m.form == "그" and m.tag == "MM" and _is(nxt, "때", "NNG"))  # 그 때
        ):
            i += 2
        else:
            break
    if subject:
        j = i
        while j < last and morphs[j].tag in ("NNG", "NNP", "NP", "XSN", "SL", "NNB", "MM"):
            j += 1
        particle = _at(morphs, j)
        marked = particle is not None and (
            particle.tag == "JKS" or _is(particle, ("은", "는", "ᆫ"), "JX")
        )
        if i < j < last and marked:
            causative = any(
                m.tag == "EC" and m.form in ("게", "도록") for m in morphs[j + 1 : last + 1]
            )
            if not causative:
                i = j + 1
    return i


def _situation_text(s: _Sentence, sit: _Situation, lower: int) -> str:
    last = sit.first - 1
    start = _clause_start(s, last, lower)
    start = _strip_lead(s.morphs, start, last, subject=False)
    return _PAST_TIME.sub("", s.span(start, sit.end))


def _motivation_text(s: _Sentence, want: _Want, lower: int) -> str:
    start = _clause_start(s, want.last, lower)
    start = _strip_lead(s.morphs, start, want.last, subject=want.kind == "want")
    return s.span(start, want.end)


# -- outcomes ------------------------------------------------------------------------


def _outcome_marker(morphs: list[Morph], i: int) -> int | None:
    """Index after 그래야 / 안 그러면 / 그러면 / 그럼 at i, else None."""
    m = _at(morphs, i)
    if m is None:
        return None
    if m.form in ("그래야", "그래야만", "그럼", "그러면") and m.tag in ("MAJ", "IC", "MAG"):
        return i + 1
    if m.form in ("그렇", "그러") and _is(_at(morphs, i + 1), ("어야", "어야만", "아야"), "EC"):
        return i + 2
    if _is(m, "안", "MAG") and _is(_at(morphs, i + 1), ("그러", "그렇"), ("VV", "VA")):
        return i + 3 if _is(_at(morphs, i + 2), "면", "EC") else None
    if m.form in ("그러", "그렇") and _is(_at(morphs, i + 1), ("면", "ᆷ"), ("EC", "ETN")):
        return i + 2
    return None


def _trim_end(morphs: list[Morph], first: int, last: int) -> int:
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


def _outcome_end(morphs: list[Morph], last: int) -> int:
    """Character end of an outcome whose last morpheme is fused with a plain ending
    ("된다": 되 + ᆫ다 share a syllable): the ending is kept whole."""
    nxt = _at(morphs, last + 1)
    if nxt is not None and nxt.start < morphs[last].end and nxt.form in ("ᆫ다", "는다"):
        return nxt.end
    return morphs[last].end


def _outcome_in(s: _Sentence, first: int, stop: int) -> str:
    """The outcome in morphemes first..stop-1: after a marker, or a purpose clause."""
    morphs = s.morphs
    i = first
    while i < stop and (
        morphs[i].tag in ("EP", "EF", "EC", "VX", "JX", "SP", "SF", "SW", "W_EMOJI", "SSC", "JKQ")
        and _outcome_marker(morphs, i) is None
    ):
        i += 1
    if i >= stop:
        return ""
    marked = _outcome_marker(morphs, i)
    if marked is not None:
        last = _trim_end(morphs, marked, stop - 1)
        return s.span(marked, _outcome_end(morphs, last)) if last >= marked else ""
    ending = _final_ending(morphs, i, stop)
    if ending is None:
        return ""
    last, end = ending
    start = _clause_start(s, last, i)
    return s.span(start, end) if last >= start else ""


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
    if m.tag in ("EC", "EF") and (
        m.form in _PURPOSE_EC or m.form.removesuffix("요") in _PURPOSE_EC
    ):
        last = _trim_end(morphs, first, j - 1)
        return (last, morphs[last].end) if last >= first else None
    if _is(m, "되게", "MAG"):
        return j, m.start + 1
    if j >= 2 and _is(m, "에", "JKB") and _is(morphs[j - 1], "전", "NNG"):
        return (j, m.end) if morphs[j - 2].tag == "ETN" else None
    return None


# -- answer --------------------------------------------------------------------------


def _is_question(s: _Sentence) -> bool:
    return any(m.form == "?" and not s.depth[i] for i, m in enumerate(s.morphs))


@dataclass
class _Reader:
    """Pairs wants with situations over the sentences of one answer."""

    sentences: list[_Sentence]
    found: list[Parts] = field(default_factory=list)
    pending: tuple[_Sentence, _Situation, int] | None = None
    standalone: bool = False
    consumed: set[int] = field(default_factory=set)

    def read(self) -> list[Parts]:
        for n, s in enumerate(self.sentences):
            if not _is_question(s):
                self._sentence(n, s)
        return self.found

    def _sentence(self, n: int, s: _Sentence) -> None:
        wants = [] if n in self.consumed else _wants(s.morphs)
        wants = [w for w in wants if not _asked(s, w)]
        situations, anaphor = _situations(s, {w.first for w in wants})
        if not wants and n not in self.consumed:
            wants = _purpose_want(s, situations)
        lower = 0
        for w in wants:
            before = [x for x in situations if lower <= x.first < w.first]
            chosen = self._situation(n, s, before, anaphor, lower, w)
            if chosen is not None:
                situation, mot_lower = chosen
                self._add(n, s, w, situation, mot_lower)
            lower = w.after
        rest = [x for x in situations if x.first >= lower and x.strong]
        rest = [x for x in rest if not _after_marker(s, x)]
        if rest:
            alone = _standalone(s, rest[0])
            if alone or not self.standalone:
                self.pending, self.standalone = (s, rest[0], lower), alone

    def _situation(
        self,
        n: int,
        s: _Sentence,
        before: list[_Situation],
        anaphor: int | None,
        lower: int,
        want: _Want,
    ) -> tuple[str, int] | None:
        strong = [x for x in before if x.strong]
        weak = [x for x in before if not x.strong and not x.noun]
        nouns = [x for x in before if x.noun]
        pending, self.pending = self.pending, None
        standalone, self.standalone = self.standalone, False
        if strong:
            return _situation_text(s, strong[0], lower), strong[0].after
        if pending is not None and standalone:
            return _situation_text(*pending), lower
        if want.kind in ("request", "must_past"):
            return None  # "깎아 달라", "합쳐야 했어요": only with a clear moment
        if weak:
            return _situation_text(s, weak[-1], lower), weak[-1].after
        if pending is not None:
            return _situation_text(*pending), lower
        if nouns:
            return _situation_text(s, nouns[-1], lower), nouns[-1].after
        if anaphor is not None and lower <= anaphor < want.first:
            back = _clause_before(s, anaphor, lower)
            if back:
                return back, anaphor + 1
        return self._previous(n, anaphor is not None, lower)

    def _previous(self, n: int, anaphor: bool, lower: int) -> tuple[str, int] | None:
        """A weak situation of the sentence before (a reported event, a "-는데" clause)."""
        if n == 0:
            return None
        prev = self.sentences[n - 1]
        if _is_question(prev) or _wants(prev.morphs):
            return None
        reported = _reported(prev)
        if reported is not None:
            return _situation_text(prev, reported, 0), lower
        weak = [x for x in _situations(prev, set())[0] if not x.strong and not x.noun]
        if weak:
            return _situation_text(prev, weak[0], 0), lower
        if anaphor:
            return _first_clause(prev), lower
        return None

    def _add(self, n: int, s: _Sentence, w: _Want, situation: str, mot_lower: int) -> None:
        motivation = _motivation_text(s, w, mot_lower)
        stop = _outcome_stop(s, w)
        outcome = _outcome_in(s, w.after, stop) or _causal_result(s, w, stop)
        if not outcome and w.kind != "purpose":
            outcome = _purpose_before(s, w.first, mot_lower)
        if not outcome and n + 1 < len(self.sentences):
            nxt = self.sentences[n + 1]
            wants = _wants(nxt.morphs)
            if not wants:
                outcome = _outcome_in(nxt, 0, len(nxt.morphs))
                after = self.sentences[n + 2] if n + 2 < len(self.sentences) else None
                if not outcome and after is not None and _outcome_marker(after.morphs, 0):
                    outcome = _outcome_in(after, 0, len(after.morphs))  # "그래야 .." a step on
            elif wants[0].kind == "intent" and not _situations(nxt, set())[0]:
                outcome = _motivation_text(nxt, wants[0], 0)  # "..보여주려고 하신 거죠"
                self.consumed.add(n + 1)
        if _usable(situation) and _usable(motivation):
            parts = (situation, motivation, outcome)
            if not any(p[:2] == parts[:2] or p[1] == parts[1] for p in self.found):
                self.found.append(parts)


def _purpose_want(s: _Sentence, situations: list[_Situation]) -> list[_Want]:
    """ "캠페인을 시작할 때마다 성과를 보려고 대시보드를 열어요": with a clear moment and
    no want, the purpose of what they do is the motivation."""
    strong = [x for x in situations if x.strong]
    if not strong:
        return []
    morphs = s.morphs
    for j in range(strong[0].after, len(morphs)):
        if _purpose_end(morphs, j) and morphs[j].form in ("려고", "으려고", "어", "아"):
            last = j - 1
            if morphs[last].form == "위하":
                last -= 2 if last >= 2 and morphs[last - 1].tag == "ETN" else 1
            if last >= strong[0].after:
                return [_Want(j, last, j + 1, morphs[last].end, "purpose")]
    return []


def _causal_result(s: _Sentence, w: _Want, stop: int) -> str:
    """ "..보고 싶어서, 매번 묻지 않아도 된다": what the want lets happen (수 있다, 된다)."""
    morphs = s.morphs
    if not _is(_at(morphs, w.after), ("어서", "아서"), "EC") or w.kind != "want":
        return ""
    last = _trim_end(morphs, w.after + 1, stop - 1)
    if last <= w.after or not (
        morphs[last].form in ("있", "되") and morphs[last].tag in ("VA", "VV", "VX")
    ):
        return ""
    start = _strip_lead(morphs, w.after + 1, last, subject=False)
    return s.span(start, _outcome_end(morphs, last))


def _purpose_before(s: _Sentence, first: int, lower: int) -> str:
    """A purpose clause earlier in the sentence ("영업팀이 쓸 수 있도록 ..", "예산을
    정당화하기 위해 .."), as the outcome."""
    morphs = s.morphs
    for j in range(first):
        if _purpose_end(morphs, j) and not s.depth[j]:
            last = j - 1
            if morphs[last].form == "위하":
                last -= 2 if last >= 2 and morphs[last - 1].tag == "ETN" else 1
            bound = lower if lower <= last else 0
            last = _trim_end(morphs, bound, last)
            if last >= bound:
                start = _clause_start(s, last, bound)
                start = _strip_lead(morphs, start, last, subject=False)
                return s.span(start, morphs[last].end)
    return ""


def _asked(s: _Sentence, w: _Want) -> bool:
    """True when the want sits in a quoted question ("'뭐 고치면 돼요?'")."""
    depth = s.depth[w.first]
    if not depth:
        return False
    for i in range(w.after, len(s.morphs)):
        if s.depth[i] < depth:
            return False
        if s.morphs[i].form == "?":
            return True
    return False


def _outcome_stop(s: _Sentence, w: _Want) -> int:
    """Where the outcome of a want may end: its quote's close, or the next want."""
    depth = s.depth[w.first]
    for i in range(w.after, len(s.morphs)):
        if depth and s.depth[i] < depth:
            return i
        if _want_at(s.morphs, i, s.morphs[i]) is not None:
            return i
    return len(s.morphs)


def _after_marker(s: _Sentence, sit: _Situation) -> bool:
    return any(_outcome_marker(s.morphs, i) is not None for i in range(sit.first))


def _clause_before(s: _Sentence, index: int, lower: int) -> str:
    """The clause ending before the anaphor at index ("..하는데, 그럴 때" -> "..하")."""
    j = index - 1
    while j >= lower and (s.morphs[j].tag == "ETM" or s.morphs[j].form in ("그렇", "그러", "이렇")):
        j -= 1
    last = _trim_end(s.morphs, lower, j)
    return _clause_text(s, lower, last)


def _first_clause(s: _Sentence) -> str:
    """The first clause of a sentence ("직원이 5명 넘어가니까 ..." -> "직원이 5명 넘어가")."""
    end = len(s.morphs) - 1
    for j in range(len(s.morphs)):
        if not s.depth[j] and _is_break(s, j) and j > 0:
            end = j
            break
    return _clause_text(s, 0, _trim_end(s.morphs, 0, end))


def _clause_text(s: _Sentence, lower: int, last: int) -> str:
    if last < lower:
        return ""
    start = _clause_start(s, last, lower)
    start = _strip_lead(s.morphs, start, last, subject=False)
    return _PAST_TIME.sub("", s.span(start, s.morphs[last].end))


def _usable(part: str) -> bool:
    return len(part.replace(" ", "")) >= 2


def extract(text: str) -> list[Parts]:
    """Job statements in the Korean sentences of a normalised answer."""
    read = [
        _Sentence(line, morphs)
        for line in text.split("\n")
        if has_hangul(line)
        for morphs in sentences(line)
    ]
    return _Reader(read).read()
