"""Korean want expressions: where a motivation ends (see ``jobs_ko_parse``).

"-고 싶다" (싶어 하세요, 고파요), a wish "-었으면 좋겠다 / 했으면 해요 / -었음 좋겠다 /
-ㄹ 수 있으면 해요", "-면 좋겠다 / 좋을 것 같다 / 편하겠다", "-면 돼요", "N이/가 필요하다",
"N(을) 원하다", "-기(를) 원하다 / 바라다 / 희망하다", "-어야 하다/되다", a request "-게 해
주세요 / -어 달라", an intention "-려고 하다".
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.insights.synthesis.jobs_ko_clause import (
    BREAK_TAGS,
    PAST,
    VERB,
    Sentence,
    at,
    final_verb,
    tagged,
)
from bot.insights.synthesis.jobs_ko_morph import Morph


@dataclass(frozen=True)
class Want:
    first: int  # index of the first morpheme of the want expression
    last: int  # index of the last morpheme kept in the motivation
    after: int  # index after the want expression
    end: int  # character end of the motivation
    # "want" (the wanter may stand before it), "hope" ("-기를 원하다"), "wish", "need",
    # "must", "must_past", "must_then" ("-어야 했는데"), "request", "plea" ("-어 주세요"),
    # "intent", "purpose"
    kind: str


def find_wants(morphs: list[Morph]) -> list[Want]:
    found: list[Want] = []
    for i, m in enumerate(morphs):
        want = want_at(morphs, i, m)
        if want is not None and (not found or want.first >= found[-1].after):
            found.append(want)
    return found


def want_at(morphs: list[Morph], i: int, m: Morph) -> Want | None:
    prev, nxt = at(morphs, i - 1), at(morphs, i + 1)
    if prev is None:
        return None
    if tagged(m, "고", "EC") and (tagged(nxt, "싶", "VX") or tagged(nxt, "파", ("VV", "VX"))):
        after = _past_say(morphs, i + 2)
        if _adnominal_want(morphs, after):
            return None
        return Want(i, i - 1, after, prev.end, "want")
    if m.tag in ("EC", "EF") and m.form in ("면", "으면"):  # "..꺼줬으면.." ends a sentence
        return _wish(morphs, i)
    if (
        m.form in ("음", "ᆷ")
        and m.tag in ("EC", "ETN")
        and tagged(prev, tuple(PAST), "EP")
        and tagged(nxt, ("좋", "하"), ("VA", "VV", "VX"))
    ):
        return _wish(morphs, i)  # "나왔음 좋겠어요": 으면 said as 음 (not "부끄러웠음.")
    if tagged(m, "기", "ETN") and prev.tag in VERB | {"EP"}:
        return _hope(morphs, i)
    if tagged(m, "원하", "VV") or (tagged(m, "원", "NNG") and tagged(nxt, "하", "XSV")):
        return _wanted(morphs, i)
    if m.form == "필요" and tagged(nxt, "하", ("XSA", "XSV")):
        return _need(morphs, i)
    if m.tag == "EC" and m.form in ("어야", "아야", "야"):
        verb = at(morphs, i + 1)
        verb_ok = tagged(verb, "하", ("VX", "VV")) or tagged(verb, "되", "VV")
        past = tagged(at(morphs, i + 2), tuple(PAST), "EP")
        if verb_ok and final_verb(morphs, i + 2):
            return Want(i, i - 1, i + 2, prev.end, "must_past" if past else "must")
        if verb_ok and past and tagged(at(morphs, i + 3), ("는데", "ᆫ데"), "EC"):
            return Want(i, i - 1, i + 2, prev.end, "must_then")  # "..보내야 했는데 5분 만에"
        return None
    if tagged(m, "게", "EC") and tagged(nxt, "하", ("VX", "VV")):
        j = i + 2
        if tagged(at(morphs, j), ("어", "아"), "EC"):
            j += 1
        if tagged(at(morphs, j), ("주", "달"), "VX"):
            return Want(i, i, j + 1, m.end, "request")
        return None
    if m.tag == "EC" and m.form in ("어", "아") and tagged(nxt, "달", "VX"):
        return Want(i, i, i + 2, max(prev.end, m.end), "request")
    if (
        m.tag == "EC"
        and m.form in ("어", "아")
        and tagged(nxt, "주", "VX")
        and tagged(at(morphs, i + 2), ("세요", "으세요", "ᆸ시오", "십시오"), "EF")
    ):
        return Want(i, i, i + 2, max(prev.end, m.end), "plea")  # "..보내주세요"
    if m.form in ("려고", "으려고") and tagged(nxt, "하", ("VX", "VV")):
        return Want(i, i - 1, i + 2, prev.end, "intent")
    return None


def _past_say(morphs: list[Morph], i: int) -> int:
    """Index after the "-어 하(시)" of "싶어 하세요" / "싶어하시고" that starts at i."""
    if tagged(at(morphs, i), ("어", "아"), "EC") and tagged(at(morphs, i + 1), "하", "VX"):
        i += 2
        while tagged(at(morphs, i), ("시", "으시"), "EP"):
            i += 1
    return i


def _adnominal_want(morphs: list[Morph], i: int) -> bool:
    """True when the want ending at i only describes a noun: the one whose moment follows
    ("카드로 내고 싶다는 학생 있으면 .."), or what is wanted named after it ("늘리고 싶은
    건 .."); not "싶은 거죠", "싶다는 요청이 많아요"."""
    while tagged(at(morphs, i), ("시", "으시"), "EP"):
        i += 1
    if not tagged(at(morphs, i), ("은", "ᆫ", "는", "다는", "던"), "ETM"):
        return False
    head = at(morphs, i + 1)
    if tagged(head, ("거", "것"), "NNB"):
        return tagged(at(morphs, i + 2), ("ᆫ", "는", "은"), "JX")
    j = i + 1
    while j < len(morphs) and morphs[j].tag in ("NNG", "NNP", "NNB", "XSN", "JKS", "JX"):
        j += 1
    if j == i + 1 or j >= len(morphs) or morphs[j].tag not in VERB:
        return False
    j += 1
    while tagged(at(morphs, j), ("시", "으시"), "EP"):
        j += 1
    return tagged(at(morphs, j), ("면", "으면"), "EC")


def _hope(morphs: list[Morph], i: int) -> Want | None:
    """ "-기(를) 원하다 / 바라다 / 희망하다" ("알려주길 원하세요", "받아주기를 바라는")."""
    j = i + 1
    if tagged(at(morphs, j), ("를", "ᆯ", "을"), "JKO"):
        j += 1
    verb = at(morphs, j)
    if tagged(verb, ("바라", "바래", "원하"), "VV"):
        j += 1
    elif tagged(verb, ("원", "희망"), "NNG") and tagged(at(morphs, j + 1), "하", "XSV"):
        j += 2
    else:
        return None
    while tagged(at(morphs, j), ("시", "으시"), "EP"):
        j += 1
    return Want(i, i - 1, j, morphs[i - 1].end, "hope")  # its subject is the doer


def _wanted(morphs: list[Morph], i: int) -> Want | None:
    """ "N(을) 원하다" ("정산 기능을 원하세요", "자동 발송 원함"): the noun phrase is wanted;
    not "원하는 건 .." (what they want is named after it)."""
    j = i - 1
    if morphs[j].tag == "JKO":
        j -= 1
    verb_end = i + 1 if morphs[i].form == "원하" else i + 2
    after = at(morphs, verb_end)
    while after is not None and after.tag == "EP":
        verb_end += 1
        after = at(morphs, verb_end)
    if j < 0 or not morphs[j].tag.startswith(("NN", "SL", "XSN")):
        return None
    if morphs[j].form in ("것", "거") and not tagged(at(morphs, j - 1), ("는", "ᆫ", "은"), "ETM"):
        return None  # "..나가는 걸 원하세요" keeps its clause; "원하는 건 .." names it after
    if after is not None and after.tag in ("ETM", "ETN"):
        return None
    return Want(i, j, verb_end, morphs[j].end, "need")


def _wish(morphs: list[Morph], i: int) -> Want | None:
    """ "-었으면 좋겠다 / 했으면 해요 / 갔으면..", "-면 좋겠다 / 좋을 것 같다 / 편하겠다",
    "-ㄹ 수 있으면 해요", "-면 돼요"."""
    prev, nxt = morphs[i - 1], at(morphs, i + 1)
    past = prev.tag == "EP" and prev.form in PAST
    able = tagged(prev, "있", ("VA", "VV")) and tagged(at(morphs, i - 2), "수", "NNB")
    wish = tagged(nxt, ("좋", "편하"), "VA") or (
        (past or able)  # "했으면 해요", "할 수 있으면 해요"
        and (
            nxt is None
            or nxt.tag in ("SF", "SE", "SW", "W_EMOJI", "SSC")
            or tagged(nxt, ("하", "싶"), ("VV", "VX"))
        )
    )
    if not wish and tagged(nxt, "되", "VV") and final_verb(morphs, i + 2):
        wish = prev.tag in VERB or prev.tag == "EP"
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
    return Want(i, last, i + 2, morphs[last].end, "wish")


_NOW = frozenset({"지금", "요즘", "이제", "당장", "평소", "항상", "앞으로", "나중", "늘"})


def _need(morphs: list[Morph], i: int) -> Want | None:
    """ "N이/가 필요하다": the noun phrase (a "-는 것" clause without 것)."""
    j = i - 1
    while j >= 0 and morphs[j].tag == "MAG":
        j -= 1  # "비교표가 꼭 필요해요"
    if j >= 0 and morphs[j].tag in ("JKS", "JX"):
        j -= 1
    if j >= 1 and morphs[j].form in ("것", "거") and morphs[j - 1].tag == "ETM":
        j -= 1
    if j < 0 or morphs[j].tag in BREAK_TAGS or morphs[j].form in _NOW:
        return None  # "지금은 꼭 필요하네요": a time, not the thing needed
    after = at(morphs, i + 2)
    if after is not None and after.tag == "ETM":
        return None  # "필요한 건 ..."
    return Want(i, j, i + 2, morphs[j].end, "need")


def asked(s: Sentence, w: Want) -> bool:
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
