"""Korean morphology for job extraction: one lazily loaded Kiwi per process.

``sentences(line)`` analyses one line of an answer with kiwipiepy and cuts it into
sentences at final endings (EF) and sentence punctuation, never inside a quote, so that a
quoted "'증빙 보내주세요'" stays inside the sentence that carries it. Each morpheme keeps
its character span in the line, so callers cut SURFACE spans of the answer at morpheme
boundaries.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from bot.insights.synthesis import korean
from bot.insights.synthesis.languages import has_hangul

if TYPE_CHECKING:
    from kiwipiepy import Kiwi


class Morph(NamedTuple):
    """One morpheme: form, POS tag without its irregular suffix ("VV", not "VV-R"), span."""

    form: str
    tag: str
    start: int
    end: int


def kiwi() -> Kiwi:
    """The process's Kiwi analyser (``bot.insights.synthesis.korean`` owns it)."""
    analyser: Kiwi = korean.analyser()
    return analyser


def analyse(text: str, offset: int = 0) -> list[Morph]:
    """Morphemes of text with their character spans (shifted by offset)."""
    return [
        Morph(t.form, t.tag.split("-")[0], offset + t.start, offset + t.start + t.len)
        for t in kiwi().tokenize(text)
    ]


_PUNCT_END = re.compile(r"[.!?\u2026]+(?:\s+|$)")


def chunks(line: str) -> list[tuple[int, str]]:
    """(offset, text) pieces of a line cut after sentence punctuation outside quotes."""
    found: list[tuple[int, str]] = []
    start = 0
    open_quote = ""
    i = 0
    while i < len(line):
        ch = line[i]
        if ch in "'\"":
            open_quote = "" if open_quote == ch else (open_quote or ch)
        elif not open_quote:
            end = _PUNCT_END.match(line, i)
            if end is not None:
                found.append((start, line[start : end.end()]))
                start = i = end.end()
                continue
        i += 1
    if start < len(line):
        found.append((start, line[start:]))
    return found


_CLOSERS = frozenset({"SF", "SE", "SSC", "SW", "W_EMOJI", "SP", "EF"})


_QUOTES = frozenset({"'", '"'})


def _toggle(opened: list[str], quote: str) -> int:
    """A straight quote closes the same quote when it is open, else opens one."""
    if quote in opened:
        del opened[len(opened) - 1 - opened[::-1].index(quote) :]
    else:
        opened.append(quote)
    return len(opened)


def sentences(line: str) -> list[list[Morph]]:
    """The sentences of one line, as morpheme lists (quotes never split)."""
    found: list[list[Morph]] = []
    current: list[Morph] = []
    opened: list[str] = []
    depth = 0
    ended = False
    pieces = [analyse(text, offset) for offset, text in chunks(line) if has_hangul(text)]
    starts = {piece[0].start for piece in pieces[1:] if piece}
    for m in (m for piece in pieces for m in piece):
        if m.start in starts and current:
            ended, opened, depth = True, [], 0  # a cut after punctuation ends the sentence
        if ended and not depth and m.tag not in _CLOSERS and (m.tag, m.form) != ("JX", "요"):
            found.append(current)
            current = []
            ended = False
        current.append(m)
        if m.form in _QUOTES:
            depth = _toggle(opened, m.form)
        elif m.tag == "SSO":
            opened.append(m.form)
            depth = len(opened)
        elif m.tag == "SSC":
            opened[-1:] = []
            depth = len(opened)
        elif not depth and (m.tag == "EF" or (m.tag == "SF" and m.form != ",")):
            ended = True
    if current:
        found.append(current)
    return found
