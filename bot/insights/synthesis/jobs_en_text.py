"""English pieces of a normalised answer: sentences with their offsets, quotes, cleaning.

An answer may mix English and Korean: a sentence is cut into runs of words with and without
Hangul, and only runs of at least three English words are kept. Offsets point into the
normalised answer so a look-back (the situation in an earlier sentence) can stay inside the
quote the want is in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(
    r"(?<![\s(]vs\.)(?<!etc\.)(?<!e\.g\.)(?<!i\.e\.)(?<=[.!?])[\"')\]]*\s+|\n+|;\s+|\s+(?=[\u2600-\u27bf\U0001f000-\U0001faff])"
)
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_WORD_SPAN = re.compile(r"\S+")
_PARENS = re.compile(r"\s*\([^()]*\)")
_TRAIL = re.compile(r"[\s.,;:!?)\-\"'~]+$|[^\w\s.,;:!?()'\"%$#&+/~-]+$")
_LEAD = re.compile(r"^[\s,;:\-\"'(]+")
_MIN_WORDS = 3
_ALNUM = re.compile(r"\w")

# A trigger opens a situation clause ("when ...", "every time ...", "the moment ...").
TRIGGER = re.compile(
    r"\b(?P<trig>when(?:ever)?|every\s+(?:single\s+)?time|each\s+time|any\s*time|"
    r"the\s+(?:moment|minute|second|day|week|night)|(?:the\s+)?next\s+time|as\s+soon\s+as|once|"
    r"(?:right\s+|just\s+|shortly\s+)?(?:after|before)|if)\s+(?P<body>\S)",
    re.IGNORECASE,
)
# One word of an answer, with the signs that stay inside it ("24/7", "p&l", "re-run").
WORD = re.compile(r"[\w'&+%$#/.-]+")


@dataclass(frozen=True)
class Piece:
    """One English sentence (or English run of a mixed sentence) and where it starts."""

    text: str
    start: int
    end: int


def pieces(text: str) -> list[Piece]:
    """The English sentences of a normalised answer, in order, with their offsets."""
    found: list[Piece] = []
    start = 0
    for end_match in [*_SENTENCE_END.finditer(text), None]:
        end = end_match.start() if end_match else len(text)
        found.extend(_english_runs(text, start, end))
        if end_match is not None:
            start = end_match.end()
    return found


def _english_runs(text: str, start: int, end: int) -> list[Piece]:
    runs: list[list[re.Match[str]]] = [[]]
    for word in _WORD_SPAN.finditer(text, start, end):
        if _HANGUL.search(word.group()):
            runs.append([])
        else:
            runs[-1].append(word)
    found = []
    if len(runs) == 1:  # no Hangul: the whole sentence, however short
        runs = [[w for w in runs[0]]]
        keep = 1
    else:
        keep = _MIN_WORDS
    for run in runs:
        while run and not _ALNUM.search(run[0].group()):
            run = run[1:]
        if len(run) >= keep:
            a, b = run[0].start(), run[-1].end()
            found.append(Piece(text[a:b], a, b))
    return found


def quote_start(text: str, offset: int) -> int:
    """Where the double-quoted passage holding ``offset`` starts (0 when outside quotes)."""
    marks = [m.start() for m in re.finditer('"', text[:offset])]
    if len(marks) % 2 == 1:
        return marks[-1] + 1
    return 0


def without_parentheses(text: str) -> str:
    """Text with parenthetical asides removed ("(excel, paper)", "(본인이 그렇게 말함)")."""
    return _PARENS.sub("", text)


def tidy(part: str) -> str:
    """One line, no leading connective punctuation, no trailing punctuation or emoji."""
    part = " ".join(part.split())
    if part.count('"') % 2:
        part = part.replace('"', "")
    previous = None
    while previous != part:
        previous = part
        part = _TRAIL.sub("", _LEAD.sub("", part)).strip()
    return part
