"""Korean job statements as one readable sentence, from the stored surface parts.

The stored parts are spans of the answer cut at morpheme boundaries, so their last
morpheme says how to continue them (kiwipiepy reads it):

- situation: an adnominal ("신규 지점 열었을") takes "때"; a stem or past stem ("카드 내역
  들어오", "지적을 받았") becomes the adnominal first ("들어올 때", "받았을 때"); a time noun
  before 전 and a time of day or week take "에" ("임원회의 전에", "월요일 아침에"), other
  nouns "때";
- motivation: a stem takes "-고 싶다" ("한 화면에서 보고 싶다"), a past stem "-으면 좋겠다"
  ("바로 나왔으면 좋겠다"), a causative "-게" "하고 싶다", an "-어" form "-야 한다"
  ("빨리 봐야 한다"), a noun or "-는" clause "이/가 필요하다", a "-는 걸" clause "-는 것을
  원한다";
- outcome: a stem or a spoken "-어" form in plain present ("바로 넘긴다", "할 수 있다",
  "매번 빠뜨린다"), anything else as written, after "그래야" (or "안 그러면" for what
  happens without the want).
"""

from __future__ import annotations

from bot.insights.synthesis.jobs_ko_morph import Morph, analyse
from bot.insights.synthesis.jobs_words import words

AVOIDED = "안 그러면"  # an outcome that starts so is what happens without the want

_RIEUL = 8
_NIEUN = 4
_BEFORE = ("전", "직전", "전날")
_TIMES = tuple(words("아침 저녁 밤 새벽 점심 오전 오후 주말 평일 월말 월초 요일"))


def final(ch: str) -> int:
    """Index of a Hangul syllable's final consonant (0 none, 4 ㄴ, 8 ㄹ); -1 if not Hangul."""
    code = ord(ch) - 0xAC00
    return code % 28 if 0 <= code < 11172 else -1


def _with_final(ch: str, index: int) -> str:
    return chr(ord(ch) - final(ch) + index)


def adnominal(stem: str) -> str:
    """Verb stem -> future adnominal form used before 때 ("하" -> "할", "있" -> "있을")."""
    last = stem[-1:]
    fin = final(last) if last else -1
    if fin == 0:
        return stem[:-1] + _with_final(last, _RIEUL)
    if fin in (_RIEUL, -1):
        return stem
    return stem + "을"


def plain(stem: str, *, adjective: bool = False) -> str:
    """Verb stem -> plain present ("넘기" -> "넘긴다", "받" -> "받는다", "있" -> "있다")."""
    last = stem[-1:]
    fin = final(last) if last else -1
    if adjective or stem.endswith(("있", "없")) or fin == 20:  # 20: ㅆ (past)
        return stem + "다"
    if fin == 0:
        return stem[:-1] + _with_final(last, _NIEUN) + "다"
    if fin == _RIEUL:
        return stem[:-1] + _with_final(last, _NIEUN) + "다"
    if fin == -1:
        return stem
    return stem + "는다"


def kind(part: str) -> str:
    """How a stored part ends: adnominal, past, stem, adjective, causative, eo (an "-어"
    form), noun, or plain (a finished form kept as written)."""
    morphs = analyse(part)
    if not morphs:
        return "plain"
    last = morphs[-1]
    if last.tag == "ETM":
        return "adnominal"
    if last.tag == "EC" and last.form in ("게", "도록"):
        return "causative"
    if part.endswith(("있", "없")):
        return "adjective"
    if final(part[-1]) == 20:  # ㅆ: a past stem ("나왔", "받았")
        return "past"
    eo = last.tag in ("EC", "EF") and last.form in ("어", "아")
    finished = last.tag == "EF" or (
        last.tag == "ETN" and len(morphs) > 1 and morphs[-2].tag != "NNG"
    )
    if finished and not eo:
        return "plain"  # "할 수 있다", "말싸움만 함"
    # Read it as a dictionary form ("...보다"): the morpheme before 다 tells a verb stem
    # from an "-어" form or a noun (whose copula Kiwi supplies).
    closed = analyse(part + "다")
    if len(closed) < 2 or closed[-1].form not in ("다", "ᆫ다", "는다"):
        return "eo" if eo else _noun_or_plain(last.tag)
    before = closed[-2]
    if before.tag in ("VA", "XSA") or (before.tag == "VX" and before.form in ("있", "없")):
        return "adjective"
    if _added_ha(before) and not part.endswith("하"):
        return "noun"  # "자동 발송" (Kiwi reads "발송다" as 발송하다)
    if before.tag in ("VV", "VX", "XSV"):
        return "stem"
    if before.tag == "EP":
        return "past"
    if before.tag == "EC" and before.form in ("어", "아", "어야"):
        return "eo"
    if before.tag == "VCP":
        return "stem" if last.tag == "JKS" else "noun"  # "미팅이" is a copula stem
    return "eo" if eo else _noun_or_plain(last.tag)


def _added_ha(m: Morph) -> bool:
    """True for the 하 that Kiwi adds to a verbal noun."""
    return m.form == "하" and m.tag == "XSV"


def _noun_or_plain(tag: str) -> str:
    return "noun" if tag.startswith(("N", "S", "XSN")) else "plain"


def situation_phrase(situation: str) -> str:
    """The situation as an opening clause ("카드 내역 들어올 때")."""
    spoken = _eo_stem(situation)
    if spoken is not None:  # "멘붕 와" -> "멘붕 올 때"
        head, stem = spoken
        return f"{head}{adnominal(stem.form)} 때"
    how = kind(situation)
    if how == "adnominal":
        return f"{situation} 때"
    if how == "noun":
        at_time = situation.endswith(_BEFORE) or situation.endswith(_TIMES)
        return f"{situation}에" if at_time else f"{situation} 때"
    if how in ("past", "stem", "adjective", "eo"):
        return f"{adnominal(situation)} 때"
    return situation


def _wanted_clause(motivation: str) -> bool:
    """A "-는 걸" / "-는 것을" clause: 걸 after an adnominal ending, not the verb 걸다
    ("규정을 다시 걸" is "to set the rules again")."""
    if not motivation.endswith((" 걸", " 것을")):
        return False
    morphs = analyse(motivation)
    return len(morphs) >= 3 and morphs[-3].tag == "ETM" and morphs[-2].form in ("거", "것")


def motivation_phrase(motivation: str) -> str:
    """The motivation as the main clause ("한 화면에서 보고 싶다")."""
    if _wanted_clause(motivation):  # "..나가는 걸 원하세요": the clause is wanted
        return f"{motivation.removesuffix('걸').removesuffix('것을')}것을 원한다"
    how = kind(motivation)
    if how in ("past", "adjective"):
        return f"{motivation}으면 좋겠다"
    if how == "causative":
        return f"{motivation} 하고 싶다"
    if how == "eo":
        return f"{motivation}야 한다"
    if how == "adnominal":
        return f"{motivation} 것이 필요하다"
    if how == "noun":
        if motivation.endswith(" 거"):
            return f"{motivation[:-1]}게 필요하다"
        particle = "가" if final(motivation[-1]) in (0, -1) else "이"
        return f"{motivation}{particle} 필요하다"
    if how == "plain":
        return motivation
    return f"{motivation}고 싶다"


def outcome_phrase(outcome: str) -> str:
    """The outcome in plain form ("바로 넘긴다")."""
    spoken = _plain_eo(outcome)
    if spoken is not None:
        return spoken
    how = kind(outcome)
    if how in ("stem", "past"):
        return plain(outcome)
    if how == "adjective":
        return plain(outcome, adjective=True)
    return outcome


def _plain_eo(part: str) -> str | None:
    """A spoken "-어" ending in plain present: its verb's stem ends the sentence instead
    ("매번 빠뜨려" -> "매번 빠뜨린다", "또 나와야 해" -> "또 나와야 한다", "피곤해" ->
    "피곤하다"); None when the part does not end in "-어" right after a verb or adjective
    stem."""
    spoken = _eo_stem(part)
    if spoken is None:
        return None
    head, stem = spoken
    return head + plain(stem.form, adjective=stem.tag in ("VA", "XSA"))


def _eo_stem(part: str) -> tuple[str, Morph] | None:
    """For a part ending in a spoken "-어" right after a verb or adjective stem, the text
    before that stem and the stem ("멘붕 와": "멘붕 ", 오/VV); None otherwise."""
    morphs = analyse(part)
    if len(morphs) < 2 or morphs[-1].form not in ("어", "아") or morphs[-1].tag not in ("EC", "EF"):
        return None
    stem = morphs[-2]
    if stem.tag not in ("VV", "VX", "XSV", "VA", "XSA"):
        return None
    return part[: stem.start], stem


def render(situation: str, motivation: str, outcome: str) -> str:
    """ "{situation} 때, {motivation}고 싶다. 그래야 {outcome}." in the forms above ("안 그러면
    {outcome}." for what happens without it)."""
    sentence = f"{motivation_phrase(motivation)}." if motivation else ""
    if situation:
        sentence = f"{situation_phrase(situation)}, {sentence}".strip()
    if outcome.startswith(AVOIDED + " "):  # what happens without it
        sentence += f" {AVOIDED} {outcome_phrase(outcome.removeprefix(AVOIDED + ' '))}."
    elif outcome:
        sentence += f" 그래야 {outcome_phrase(outcome)}."
    return sentence
