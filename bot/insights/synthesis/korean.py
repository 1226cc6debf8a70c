"""Korean morphology with kiwipiepy: one analyser per process, loaded on first use.

Its model ships in the ``kiwipiepy_model`` package (no download at run time); loading takes
a few seconds, so long-running processes call ``warm_up`` at start, off the request path.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

# Parts of speech that carry what a claim is about: common and proper nouns, roots, foreign
# words (SSO, ERP) and numbers written in letters; verb and adjective stems.
NOUN_TAGS = frozenset({"NNG", "NNP", "XR", "SL", "SH"})
STEM_TAGS = frozenset({"VV", "VA", "VV-R", "VA-R", "VV-I", "VA-I"})
# Nouns that say nothing about a customer on their own: courtesy and filler.
STOP_NOUNS = frozenset(
    {"감사", "수고", "질문", "답변", "정도", "부분", "경우", "관련", "사실", "생각"}
)
# Stems that only hold a sentence together ("하다", "있다", "되다", ...).
LIGHT_STEMS = frozenset(
    {"하", "있", "되", "없", "않", "같", "그렇", "이렇", "보", "주", "받", "싶", "좋"}
)

_LOCK = threading.Lock()
_KIWI: Any = None


def analyser() -> Any:
    """The process's ``kiwipiepy.Kiwi`` (created once, thread-safe)."""
    global _KIWI
    if _KIWI is None:
        with _LOCK:
            if _KIWI is None:
                from kiwipiepy import Kiwi

                # without the typo and multi-word dictionaries: three times faster to
                # load, and neither helps with how people type in Slack
                _KIWI = Kiwi(load_typo_dict=False, load_multi_dict=False)
    return _KIWI


def warm_up() -> None:
    """Load the model now (at start, in the background) rather than on the first answer."""
    analyser()


@lru_cache(maxsize=8192)
def morphemes(text: str) -> tuple[tuple[str, str, int, int], ...]:
    """(form, tag, start, length) of each morpheme of ``text``."""
    return tuple((t.form, t.tag, t.start, t.len) for t in analyser().tokenize(text))


# Pieces the analyser makes of a loanword it does not know ("온보딩" -> 온/MM 보/NNG 딩/MAG).
_PIECES = frozenset({"MM", "NNG", "NNP", "MAG", "NNB", "XR", "VV", "VA", "IC"})
_TRAILING = ("J", "E", "XS", "VCP")  # particles, endings, suffixes, the copula


def content_words(text: str) -> list[str]:
    """Nouns, roots, foreign words and verb/adjective stems, in order (stems as "<stem>다");
    a word the analyser broke into one-syllable pieces is kept whole, as a noun."""
    found = []
    for word in _words(text):
        pieces = [m for m in word if not m[1].startswith(_TRAILING)]
        if len(pieces) >= 2 and all(len(f) == 1 and t in _PIECES for f, t, _, _ in pieces):
            start, end = pieces[0][2], pieces[-1][2] + pieces[-1][3]
            found.append(text[start:end])
            continue
        previous = ""
        for form, tag, _, _ in word:
            after_number, previous = previous == "SN", tag
            if (form, tag) in stop_words() or (after_number and len(form) == 1):
                continue  # a stop word, or a counter after a number ("1인", "3개")
            if tag in NOUN_TAGS and not (tag == "NNG" and form in STOP_NOUNS):
                found.append(form.lower() if tag == "SL" else form)
            elif tag in STEM_TAGS and form not in LIGHT_STEMS:
                found.append(form + "다")
    return found


@lru_cache(maxsize=1)
def stop_words() -> frozenset[tuple[str, str]]:
    """kiwipiepy's list of Korean stop words, as (form, tag) pairs, with demonstratives
    and verbs that only point back ("그거", "그러다")."""
    from kiwipiepy.utils import Stopwords

    listed = {(str(form), str(tag)) for form, tag in Stopwords().stopwords}
    return frozenset(listed | {("그거", "NP"), ("그러", "VV"), ("그렇", "VA"), ("곳", "NNG")})


def _words(text: str) -> list[list[tuple[str, str, int, int]]]:
    """The morphemes grouped by the space-separated word they start in."""
    words: list[list[tuple[str, str, int, int]]] = []
    last_end = -1
    for morpheme in morphemes(text):
        start = morpheme[2]
        if not words or text[last_end:start].strip() != "" or (" " in text[last_end:start]):
            words.append([])
        words[-1].append(morpheme)
        last_end = max(last_end, start + morpheme[3])
    return words
