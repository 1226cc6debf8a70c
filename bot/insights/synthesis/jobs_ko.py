"""Korean job statements: extraction (kiwipiepy morphology), rendering, form helpers.

``extract`` reads the Korean sentences of a normalised answer (``jobs_ko_parse``: wants
such as "-고 싶다", "-었으면 좋겠다", "N이 필요하다"; situations before 때/면/자마자 or in a
sentence of their own; outcomes after 그래야 / 안 그러면 or as "-게/-도록/-려고" clauses) and
stores SURFACE spans cut at morpheme boundaries, as the labelling guide does:

- situation: the clause up to the adnominal before 때 ("신규 지점 열었을") or the stem before
  "-면" / "-자마자" ("카드 내역 들어오");
- motivation: the clause up to the stem before the want ending ("한 화면에서 보"), the past
  stem of a wish ("자동으로 만들어졌"), or the noun that is needed ("경쟁사 비교표");
- outcome: the clause after its marker, up to the stem ("감사인한테 바로 넘기").

``render`` turns them into one sentence (``jobs_ko_render``). The form helpers below
(``clean``, ``conditional``, ``plain_outcome``) serve the job-story modal's fields
(``jobs.from_parts``), whose situations are stored as the adnominal ("마감이 될").
"""

from __future__ import annotations

import re

from bot.insights.synthesis import jobs_ko_parse, jobs_ko_render
from bot.insights.synthesis.jobs_words import words
from bot.insights.synthesis.languages import has_hangul

Parts = tuple[str, str, str]

_NOT_IF = words(
    """그러면 그렇다면 아니면 들면 하자면 따지면 말하자면
    화면 표면 이면 지면 수면 가면 대면 비대면 서면 내면"""
)
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
_CUE = re.compile(
    r"싶|고\s?파|좋겠|으면|면\s?(?:좋|편하|편할|편했)|면\s?(?:돼|되|됨|됩)|필요|[야라]\s?(?:하|해|했|한|돼|되|됩|합)|달라|달래|"
    r"주세요|줘|줬|려고|위해|[기길]\s?(?:를\s?)?(?:바라|바래|바랐|바랄|바란|바랍|희망)|원하|원해|원했|원함"
)
_TRAIL = re.compile(r"[\s.,;:!~]+$")
_RIEUL = 8


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


def conditional(core: str) -> str | None:
    """A conditional word ("되면", "있으면") as the adnominal form ("될", "있을")."""
    if core in _NOT_IF or core.endswith("라면") or len(core) < 2:
        return None
    if core.endswith(("으면", "다면")) and len(core) > 2:
        return adnominal(core[:-2])
    stem = core[:-1]
    return adnominal(stem) if _final(stem[-1]) in (0, _RIEUL) else None


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
