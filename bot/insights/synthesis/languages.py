"""Which language a text is written in, told by its letters alone (no model to load), so
the renderers can mark each block of user text with its own language."""

from __future__ import annotations

import re

__all__ = ["has_hangul", "language_of"]

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN = re.compile(r"[A-Za-z]")


def has_hangul(text: str) -> bool:
    """True when ``text`` holds a Hangul syllable."""
    return _HANGUL.search(text) is not None


def language_of(text: str) -> str:
    """ "ko" when Hangul outweighs Latin letters, else "en"."""
    hangul = len(_HANGUL.findall(text))
    return "ko" if hangul and hangul >= len(_LATIN.findall(text)) / 2 else "en"
