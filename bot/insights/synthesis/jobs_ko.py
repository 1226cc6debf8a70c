"""Korean job-statement parsing: one sentence in, (situation, motivation, outcome) out.

Stored forms, chosen so that ``render()`` ("{situation} 때, {motivation}고 싶다. 그래야
{outcome}.") reads naturally:

- situation: the clause up to and including the adnominal verb before 때, without 때
  ("신규 영업사원을 온보딩할"). A conditional "-면" / "-자마자" is turned into that form
  ("마감이 되면" -> "마감이 될", "있으면" -> "있을", "필요하다면" -> "필요할").
- motivation: the verb stem before "-고 싶다" ("최신 자료를 한곳에서 보"). Purpose forms
  ("-려고", "-기 위해", "-고자") give the stem the same way; "N이/가 필요하다" gives
  "N을/를 확보하".
- outcome: the clause after 그래야/그러면/그래서, after causal "싶어서", or marked by
  "-수 있도록"/"-도록", in plain form: polite and causal endings are rewritten
  ("할 수 있으니까요" -> "할 수 있다", "않아도 돼요" -> "않아도 된다"). A purpose stem
  placed before the motivation becomes "<stem>ㄹ 수 있다".
"""

from __future__ import annotations

import re

from bot.insights.synthesis import jobs_ko_parse, jobs_ko_render
from bot.insights.synthesis.jobs_words import words

Parts = tuple[str, str, str]

_TIME_WORDS = frozenset({"때", "때마다", "때는", "때에", "때에는", "때면", "때도"})
_NOT_IF = words(
    """그러면 그렇다면 아니면 들면 하자면 따지면 말하자면
    화면 표면 이면 지면 수면 가면 대면 비대면 서면 내면"""
)
_LEAD = re.compile(
    r"^(?:(?:음|아|그러니까|보통|주로|사실|솔직히|저는|저희는|우리는|나는)\s*,?\s+)+"
)
_TOPIC = re.compile(r"^(?:저는|저희는|우리는|나는|저희 팀은|우리 팀은)\s+")
_QUESTION = re.compile(r"(?:\?|나요|습니까|[가까]요(?<!니까요))[.!\s]*$")
_WANT = re.compile(r"^(?P<mot>.+?[가-힣])고\s?싶(?P<form>[가-힣]*)\s*[,.]?\s*(?P<tail>.*)$")
_PURPOSE = re.compile(
    r"^(?P<mot>.+?[가-힣])(?:기\s?위해서?|기\s?위한|으?려고|고자)\s*,?\s*(?P<tail>.*)$"
)
_NEED = re.compile(r"^(?P<np>.+?)(?:이|가)\s?필요(?:해|하|합|했)[가-힣]*\s*[,.]?\s*(?P<tail>.*)$")
_MUST = re.compile(r"^(?P<mot>.+?)해야\s?(?:해|한|하|합|돼|되|됩)[가-힣]*\s*[,.]?\s*(?P<tail>.*)$")
_PRE_OUTCOME = re.compile(
    r"^(?P<out>.+?(?:수\s?있도록|수\s?있게|[가-힣]도록|[가-힣]기\s?위해서?|[가-힣]으?려고))"
    r"\s*,?\s+(?P<mot>.+)$"
)
_MARKER = re.compile(r"^(?:그래야만?|그러면|그래서|그럼|그렇게\s?하면)\s*,?\s*")
_MARKED_END = re.compile(r"(?:수\s?있도록|수\s?있게|않게|없게|[가-힣]도록)$")
_ENDINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), plain)
    for pattern, plain in (
        (
            r"수\s?있(?:으니까요?|으니|거든요?|어요|습니다|죠|지요|을\s?테니까요?|게|도록|"
            r"잖아요|어서|다고요?)$",
            "수 있다",
        ),
        (r"(?:돼요|됩니다|되니까요?|되거든요?|되죠|되게|되도록|돼서)$", "된다"),
        (r"않(?:아요|습니다|으니까요?|거든요?|죠|게|도록)$", "않는다"),
        (r"없(?:어요|습니다|으니까요?|거든요?|죠|게|도록)$", "없다"),
        (r"있(?:어요|습니다|으니까요?|거든요?|죠)$", "있다"),
    )
)
_PURPOSE_TAIL = re.compile(r"(?:기\s?위해서?|으?려고)$")
_CUE = re.compile(
    r"싶|좋겠|으면|면\s?(?:돼|되|됨|됩)|필요|[야라]\s?(?:하|해|했|한|돼|되|됩|합)|달라|달래|"
    r"주세요|줘|줬|려고|위해"
)
_TRAIL = re.compile(r"[\s.,;:!~]+$")
_RIEUL = 8


def has_hangul(text: str) -> bool:
    """True when text contains a Hangul syllable."""
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def final_consonant(ch: str) -> int:
    """Index of a Hangul syllable's final consonant (0 none, 4 ㄴ, 8 ㄹ); -1 if not Hangul."""
    code = ord(ch) - 0xAC00
    return code % 28 if 0 <= code < 11172 else -1


_final = final_consonant
_DEMOGRAPHIC = re.compile(
    r"\d+\s*(?:대|세|살)|여성|남성|직장인|주부|학생|엄마|아빠|으로서|로서|매니저|팀장|부장|"
    r"과장|대표|임원|중소기업|대기업|스타트업|회사원|\d+\s*명\s*규모"
)


def is_demographic(situation: str) -> bool:
    """True when a situation names who someone is (age, gender, title) with no event."""
    if _DEMOGRAPHIC.search(situation) is None:
        return False
    last = situation.split()[-1]
    event = _final(last[-1]) == _RIEUL and not last.endswith("일")
    return not (event or last.endswith(("하는", "되는")))


def adnominal(stem: str) -> str:
    """Verb stem -> future adnominal form used before 때 ("하" -> "할", "있" -> "있을")."""
    last = stem[-1:]
    final = _final(last) if last else -1
    if final == 0:
        return stem[:-1] + chr(ord(last) + _RIEUL)
    if final == _RIEUL:
        return stem
    return stem + "을"


def parse(sentence: str) -> Parts | None:
    """Parse one Korean sentence; None unless it clearly carries a job."""
    text = _LEAD.sub("", sentence.strip())
    if _QUESTION.search(text):
        return None
    split = _split_situation(text)
    if split is None:
        return None
    situation, rest = split
    found = _motivation_outcome(rest)
    if found is None or len(situation.replace(" ", "")) < 2:
        return None
    motivation, outcome = found
    pre = _PRE_OUTCOME.match(situation)
    if pre is not None and not outcome:
        situation, outcome = pre.group("mot"), _as_outcome(pre.group("out"))
    return clean(situation), motivation, outcome


def _split_situation(text: str) -> tuple[str, str] | None:
    tokens = text.split()
    for i, token in enumerate(tokens[:15]):
        core = token.rstrip(",.")
        head = _situation_head(core, tokens[i + 1] if i + 1 < len(tokens) else "")
        if head is None:
            continue
        if head == "" and (i == 0 or _final(tokens[i - 1][-1]) != _RIEUL):
            continue
        before = tokens[:i] + ([head] if head else [])
        return " ".join(before), " ".join(tokens[i + 1 :])
    return None


def _situation_head(core: str, following: str) -> str | None:
    """ "" for a bare 때-word, the converted last word for attached forms, else None."""
    if core in _TIME_WORDS:
        return ""
    for word in _TIME_WORDS:
        stem = core[: -len(word)]
        if core.endswith(word) and stem and _final(stem[-1]) == _RIEUL:
            return stem
    if core.endswith("자마자") and len(core) > 3:
        return adnominal(core[:-3])
    if core.endswith("면") and not following.startswith(("좋", "돼", "된")):
        return conditional(core)
    return None


def conditional(core: str) -> str | None:
    """A conditional word ("되면", "있으면") as the adnominal form ("될", "있을")."""
    if core in _NOT_IF or core.endswith("라면") or len(core) < 2:
        return None
    if core.endswith(("으면", "다면")) and len(core) > 2:
        return adnominal(core[:-2])
    stem = core[:-1]
    return adnominal(stem) if _final(stem[-1]) in (0, _RIEUL) else None


def _motivation_outcome(rest: str) -> tuple[str, str] | None:
    rest = rest.strip(" ,")
    want = _WANT.match(rest)
    if want is not None:
        causal = want.group("form").startswith("어서")
        outcome = _tail_outcome(want.group("tail"), causal=causal)
        return _with_pre_outcome(want.group("mot"), outcome)
    purpose = _PURPOSE.match(rest)
    if purpose is not None:
        need = _NEED.match(purpose.group("tail"))
        if need is None:
            return _checked(purpose.group("mot"), "")
        stem_outcome = adnominal(clean(purpose.group("mot"))) + " 수 있다"
        return _checked(_need_motivation(need.group("np")), stem_outcome)
    for pattern, suffix in ((_NEED, ""), (_MUST, "하")):
        found = pattern.match(rest)
        if found is not None:
            head = found.group(1) + suffix if suffix else _need_motivation(found.group(1))
            return _with_pre_outcome(head, _tail_outcome(found.group("tail"), causal=False))
    return None


def _with_pre_outcome(motivation: str, outcome: str) -> tuple[str, str] | None:
    pre = _PRE_OUTCOME.match(motivation)
    if pre is not None and not outcome:
        return _checked(pre.group("mot"), _as_outcome(pre.group("out")))
    return _checked(motivation, outcome)


def _checked(motivation: str, outcome: str) -> tuple[str, str] | None:
    motivation = clean(_TOPIC.sub("", motivation.strip()))
    if len(motivation.replace(" ", "")) < 2:
        return None
    return motivation, outcome


def _need_motivation(noun_phrase: str) -> str:
    np = noun_phrase.strip()
    particle = "를" if _final(np[-1]) == 0 else "을"
    return f"{np}{particle} 확보하"


def _as_outcome(clause: str) -> str:
    """A purpose clause placed before the motivation, as a plain outcome."""
    clause = clean(clause)
    purpose = _PURPOSE_TAIL.search(clause)
    if purpose is not None:
        return adnominal(clause[: purpose.start()]) + " 수 있다"
    return plain_outcome(clause)


def _tail_outcome(tail: str, *, causal: bool) -> str:
    tail = clean(tail)
    marker = _MARKER.match(tail)
    if marker is not None:
        return plain_outcome(tail[marker.end() :])
    if causal or _MARKED_END.search(tail):
        return plain_outcome(tail)
    return ""


def plain_outcome(outcome: str) -> str:
    """Rewrite polite or causal endings into plain form ("있으니까요" -> "있다")."""
    text = clean(outcome)
    for pattern, plain in _ENDINGS:
        new = pattern.sub(plain, text)
        if new != text:
            return new
    if text.endswith("도록") and len(text) > 2:
        return adnominal(text[:-2]) + " 수 있다"
    return text


def clean(part: str) -> str:
    """Trim whitespace and trailing punctuation from a part."""
    return _TRAIL.sub("", " ".join(part.split()))


def extract(text: str) -> list[Parts]:
    """Job statements in the Korean sentences of a normalised answer (see
    ``jobs_ko_parse``); answers with no Hangul or no want/need cue skip the analyser."""
    if not has_hangul(text) or _CUE.search(text) is None:
        return []
    return jobs_ko_parse.extract(text)


def render(situation: str, motivation: str, outcome: str) -> str:
    """The statement as one Korean sentence ("카드 내역 들어올 때, 전표가 자동으로 만들어졌으면
    좋겠다. 그래야 사람 안 뽑고 버틴다."); see ``jobs_ko_render``."""
    return jobs_ko_render.render(situation, motivation, outcome)
