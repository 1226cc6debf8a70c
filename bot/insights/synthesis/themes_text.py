"""Text side of theme grouping: language, substance, tokens and per-answer feature vectors.

Everything is pure, deterministic and standard library only. ``features`` runs once per
answer, when it is stored, so it is written for speed (one regex pass per sentence).

English terms are lowercased words with a light plural stemmer and a stop list that also
holds the filler DESIGN.md warns about ("thanks", "basically", "team", "people"...), plus
bigrams of neighbouring content words ("security review"). Korean terms are character
bigrams and trigrams of each Hangul word after common particles and endings are stripped
(character n-grams group Korean well and survive spacing and inflection); Latin words in a
Korean answer ("Salesforce") count as English unigrams.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

from bot.insights.synthesis.jobs_text import normalise
from bot.insights.synthesis.jobs_words import words

MAX_SENTENCES = 5
MAX_TERMS = 60
# Bigrams serve labels more than grouping: on the test set, English ARI fell from 0.85 to
# 0.69 as their weight rose from 0.3 to 1.0; Korean trigrams likewise (0.90 -> 0.85).
BIGRAM_WEIGHT = 0.3
KO_TRIGRAM_WEIGHT = 0.3

EN_STOP = words(
    """a about above actually after again against all almost also always am an and any
    anyone anything are aren't around as ask asked asking at away back basically be because
    been before being below between both but by can can't cannot could couldn't currently
    customer customers day days definitely did didn't do does doesn't doing don't done down
    during each easy either else enough especially etc even ever every everyone everything
    example exactly few folks for found from frankly fully further get gets getting give go
    goes going gone good got great guess guy guys had hadn't happen has hasn't have haven't
    having he hello her here hers hey hi him his honestly hope how however i i'd i'll i'm
    i've if in into is isn't it it's its itself just keep kind know known last least let
    like likely literally little lot lots made main make makes many may maybe me mean means
    might more most mostly much must my myself need needed needs never new no nor not
    nothing now of off often ok okay on once one only or other others our ours ourselves
    out over own part people per perhaps person pretty probably put quite rather re really
    right said same say saying says see seem seems she should shouldn't so some someone
    something sometimes sort still stuff such super sure take team teams tell than thank
    thanks thing things think this those though through thx time times to today too
    totally try trying ty um uh under until up upon us use used using usually very via
    want wanted wants was wasn't way ways we we'd we'll we're we've week weeks well were
    weren't what when where whether which while who whom whose why will with within
    without won't would wouldn't yeah yes yet you you'd you'll you're you've your yours
    the that these they them their theirs there then there's they're they've anyway
    gonna wanna kinda sorta question questions answer biggest big many lately hear heard
    here's what's that's tells told says feel feels"""
)
KO_STOP = words(
    """너무 정말 진짜 그냥 좀 많이 아주 매우 항상 계속 저희 우리 저는 제가 저희는 우리는
    그 이 저 것 수 있어요 있습니다 있는 없는 하는 되는 같아요 같습니다 그리고 그래서 하지만
    그런데 근데 고객 고객들 고객사 팀 팀이 사람들 감사합니다 고맙습니다 질문 사실 솔직히 일단
    음 아무래도 때문에 경우 부분 관련 대해 대해서 합니다 해요 돼요 됩니다 있고 때 가장 제일
    특히 다들 모두 요즘 보통 거의 약간 조금 그게 이게 저게 그거 이거 뭔가 어떤 여러 다시
    하고 해서 하면 있다 없다 한다 된다 것이 거 게 점 등 및 또 또한 그럼 네 예"""
)
ACK_EN = words(
    """thanks thank you thx ty ok okay k kk +1 -1 yes no yep nope sure agreed agree same
    lol haha done noted cool great nice awesome perfect got it will do sounds good
    much so all everyone lgtm np yw welcome appreciate it this ditto me too"""
)
ACK_KO = words(
    """감사합니다 고맙습니다 감사해요 고마워요 네 넵 넹 예 좋아요 좋습니다 동의합니다 동의해요
    확인했습니다 확인 알겠습니다 ㅋㅋ ㅎㅎ ㅋㅋㅋ ㅎㅎㅎ 맞아요 맞습니다 저도요 화이팅"""
)
_KO_SUFFIXES = tuple(  # longest first, so "에서는" is stripped before "는"
    sorted(
        words(
            """에서는 에서도 으로는 으로도 에게서 까지는 부터는 이라서 이라고 라고 에서 에게 한테
        으로 까지 부터 보다 처럼 마다 이나 이랑 은 는 이 가 을 를 에 의 도 만 로 과 와
        습니다 합니다 입니다 됩니다 해요 어요 아요 여요 네요 세요 예요 이에요 에요 니다
        거든요 는데요 던데요 더라고요 지만 는데 어서 아서 해서 고요 죠 요 하다 해요 하고 하게
            하며 하면 하기 한다 했다 했어요 했습니다 돼요 되고 되어 된다 됐어요 하는 되는 해야
            스럽다 스러워요 다고 대요 래요 고 게 면 며 지 기 다 하 할 한"""
        ),
        key=lambda suffix: (-len(suffix), suffix),
    )
)

_URL = re.compile(r"(?:https?|ftp|mailto):\S+|www\.\S+", re.IGNORECASE)
_HANDLE = re.compile(r"(?<!\w)[@#][\w.-]+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_EN_WORD = re.compile(r"[a-z][a-z0-9]*(?:'[a-z]+)?|[+-]1\b")
_KO_RUN = re.compile(r"[가-힣]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")
_BOILERPLATE = re.compile(  # whole sentences that carry no answer
    r"^\W*(?:thanks?(?: you)?(?: so much)? for (?:asking|the question)|thanks|thank you|"
    r"(?:great|good) question|hi\b|hello|hey\b|hope (?:this|that) helps|let me know|"
    r"happy to (?:chat|help|share|talk)|that'?s (?:about )?(?:it|all)|질문 감사|좋은 질문|"
    r"안녕하세요|이상입니다|도움이 되었으면)",
    re.IGNORECASE,
)
_OPENER = re.compile(  # filler at the start of a sentence, dropped before tokenising
    r"^\W*(?:(?:so|well|um+|uh+|yeah|ok(?:ay)?|basically|honestly|frankly|to be honest|"
    r"i (?:would |'d )?(?:say|think|guess|feel like)|음+|어+|그러니까|솔직히|사실|아무래도)"
    r"(?:\W+|$))+",
    re.IGNORECASE,
)


def language_of(text: str) -> str:
    """ "ko" when Hangul dominates the letters, else "en".

    A Hangul syllable counts three times (it carries about as much as three Latin letters),
    so "Salesforce 연동이 자꾸 끊겨요" is Korean.
    """
    hangul = latin = 0
    for char in text:
        if "\uac00" <= char <= "\ud7a3" or "\u3131" <= char <= "\u318e":
            hangul += 1
        elif char.isascii() and char.isalpha():
            latin += 1
    return "ko" if hangul and 3 * hangul >= latin else "en"


def clean(text: str) -> str:
    """Slack text as plain text, without links, @handles and #channels."""
    return _HANDLE.sub(" ", _URL.sub(" ", normalise(text)))


def is_substantive(text: str) -> bool:
    """False for emoji-, link- or mention-only text, acknowledgements and very short text."""
    plain = clean(text)
    if language_of(plain) == "ko":
        runs = _KO_RUN.findall(plain)
        content = [r for r in runs if r not in ACK_KO and r not in KO_STOP]
        return sum(len(r) for r in runs) >= 4 and sum(len(r) for r in content) >= 2
    tokens = _EN_WORD.findall(plain.lower())
    if len(tokens) < 3 or all(t in ACK_EN for t in tokens):
        return False
    return any(t not in EN_STOP and t not in ACK_EN for t in tokens)


def stem(word: str) -> str:
    """Light English plural stemming: "reports" -> "report", "policies" -> "policy"."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is", "'s")):
        return word[:-2] if word.endswith("'s") else word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def en_tokens(sentence: str) -> list[str]:
    """Stemmed content words of one English sentence, in order."""
    found = _EN_WORD.findall(sentence.lower())
    return [stem(w) for w in found if w not in EN_STOP and len(w) > 1]


def ko_word(word: str) -> str:
    """A Hangul word without its particle or ending ("온보딩이" -> "온보딩"), or "" if filler."""
    if word in KO_STOP:
        return ""
    for suffix in _KO_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
            break
    return "" if word in KO_STOP else word


def ko_words(sentence: str) -> list[str]:
    """Content Hangul words of one sentence, particles and endings stripped."""
    return [w for w in map(ko_word, _KO_RUN.findall(sentence)) if w]


def _en_terms(sentence: str) -> list[str]:
    """Content words, then bigrams of content words that stand next to each other."""
    tokens: list[str] = []
    pairs: list[str] = []
    previous = ""
    for word in _EN_WORD.findall(sentence.lower()):
        if word in EN_STOP or len(word) < 2:
            previous = ""
            continue
        word = stem(word)
        tokens.append(word)
        if previous and previous != word:
            pairs.append(f"{previous} {word}")
        previous = word
    return tokens + pairs


def _ko_terms(sentence: str) -> list[str]:
    terms: list[str] = []
    for word in ko_words(sentence):
        if len(word) == 1:
            terms.append(word)
        for size in (2, 3):
            terms.extend(word[i : i + size] for i in range(len(word) - size + 1))
    latin = (stem(w.lower()) for w in _LATIN_WORD.findall(sentence))
    terms.extend(w for w in latin if w not in EN_STOP)
    return terms


def sentences(text: str) -> list[str]:
    """Sentences and lines of normalised text."""
    return [s for s in (p.strip() for p in _SENTENCE.split(text)) if s]


def content_sentences(text: str, *, language: str) -> list[list[str]]:
    """Terms of the at most ``MAX_SENTENCES`` most content-rich non-boilerplate sentences."""
    terms_of = _ko_terms if language == "ko" else _en_terms
    all_sentences = [_OPENER.sub("", s, count=1) for s in sentences(text)]
    found = [terms_of(s) for s in all_sentences if not _BOILERPLATE.match(s)]
    if not any(found):  # everything looked like boilerplate: use it rather than nothing
        found = [terms_of(s) for s in all_sentences]
    found = [terms for terms in found if terms]
    if len(found) <= MAX_SENTENCES:
        return found
    rank = sorted(range(len(found)), key=lambda i: (-len(set(found[i])), i))
    return [found[i] for i in sorted(rank[:MAX_SENTENCES])]


def features(text: str, *, language: str) -> dict[str, float]:
    """L2-normalised sublinear term weights of an answer (at most ``MAX_TERMS`` terms).

    Keys are readable terms; the dict is ordered by weight descending, then term.
    """
    counts: Counter[str] = Counter()
    for terms in content_sentences(clean(text), language=language):
        counts.update(terms)
    weights = {t: (1.0 + math.log(n)) * _term_weight(t, language) for t, n in counts.items()}
    top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:MAX_TERMS]
    norm = math.sqrt(sum(w * w for _, w in top))
    return {t: w / norm for t, w in top} if norm else {}


def _term_weight(term: str, language: str) -> float:
    if language == "ko":
        return KO_TRIGRAM_WEIGHT if len(term) == 3 and _KO_RUN.fullmatch(term) else 1.0
    return BIGRAM_WEIGHT if " " in term else 1.0


def key_phrases(
    centroid: Mapping[str, float], background: Mapping[str, float] | None, count: int
) -> list[str]:
    """The ``count`` most distinctive phrases of a centroid (class-based TF-IDF style).

    A term scores p * log(1 + p / q), p its share of the theme's weight and q its share of
    the background's (the sum of the cell's centroids): frequent here, rare elsewhere.
    A bigram replaces its unigram when it scores at least ``BIGRAM_PREFERENCE`` of it (its
    score divided by ``BIGRAM_WEIGHT``, to compare like with like);
    Korean n-grams that overlap grow into one fragment ("온보" + "보딩" -> "온보딩").
    """
    ranked = _ranked(centroid, background)
    scores = dict(ranked)
    phrases: list[str] = []
    for term, score in ranked:
        if len(phrases) >= count:
            break
        if _KO_RUN.fullmatch(term):
            phrase = _grown(term, scores, score * KO_GROW_SHARE)
        else:
            phrase = _bigram_for(term, score, ranked) or term
        if not any(_covered(phrase, other) for other in phrases):
            phrases = [p for p in phrases if not _covered(p, phrase)] + [phrase]
    return phrases


BIGRAM_PREFERENCE = 0.5
KO_GROW_SHARE = 0.15
KO_FRAGMENT = 8


def _ranked(
    centroid: Mapping[str, float], background: Mapping[str, float] | None
) -> list[tuple[str, float]]:
    total = sum(centroid.values()) or 1.0
    back = background if background is not None else centroid
    back_total = sum(back.values()) or 1.0
    scored: list[tuple[str, float]] = []
    for term, weight in centroid.items():
        share = weight / total
        other = max(back.get(term, 0.0), weight) / max(back_total, total)
        scored.append((term, share * math.log(1.0 + share / other)))
    return sorted(scored, key=lambda item: (-item[1], item[0]))


def _bigram_for(term: str, score: float, ranked: list[tuple[str, float]]) -> str | None:
    if " " in term:
        return None
    for other, other_score in ranked:  # bigram scores are compared at unigram scale
        if other_score < score * BIGRAM_PREFERENCE * BIGRAM_WEIGHT:
            return None
        if " " in other and term in other.split(" "):
            return other
    return None


def _grown(fragment: str, scores: Mapping[str, float], floor: float) -> str:
    """Extend a Hangul n-gram left and right, one character at a time, by trigrams that
    overlap it by two characters and score >= floor (so "단계" and "계약" never join)."""
    while len(fragment) < KO_FRAGMENT:
        best: tuple[float, str, str] | None = None
        for gram, score in scores.items():
            if score < floor or len(gram) != 3 or gram in fragment or not _KO_RUN.fullmatch(gram):
                continue
            if fragment.endswith(gram[:2]):
                candidate = (score, gram, fragment + gram[-1])
            elif fragment.startswith(gram[1:]):
                candidate = (score, gram, gram[0] + fragment)
            else:
                continue
            if best is None or (candidate[0], candidate[1]) > (best[0], best[1]):
                best = candidate
        if best is None:
            return fragment
        fragment = best[2]
    return fragment


def _covered(phrase: str, other: str) -> bool:
    """True when ``phrase`` says nothing ``other`` does not (same words or a substring)."""
    if _KO_RUN.fullmatch(phrase):
        return phrase in other
    return set(phrase.split(" ")) <= set(other.split(" "))
