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
# Stems that only hold a sentence together ("하다", "있다", "되다", ...).
LIGHT_STEMS = frozenset(
    {"하", "있", "되", "없", "않", "같", "그렇", "이렇", "보", "주", "받", "싶"}
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

                _KIWI = Kiwi()
    return _KIWI


def warm_up() -> None:
    """Load the model now (at start, in the background) rather than on the first answer."""
    analyser()


@lru_cache(maxsize=8192)
def morphemes(text: str) -> tuple[tuple[str, str, int, int], ...]:
    """(form, tag, start, length) of each morpheme of ``text``."""
    return tuple((t.form, t.tag, t.start, t.len) for t in analyser().tokenize(text))


def content_words(text: str) -> list[str]:
    """Nouns, roots, foreign words and verb/adjective stems, in order (stems as "<stem>다")."""
    found = []
    for form, tag, _, _ in morphemes(text):
        if tag in NOUN_TAGS:
            found.append(form.lower() if tag == "SL" else form)
        elif tag in STEM_TAGS and form not in LIGHT_STEMS:
            found.append(form + "다")
    return found
