"""Slack text clean-up and clause splitting for job-statement extraction."""

from __future__ import annotations

import re
import unicodedata

_USER = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#[A-Z0-9]+(?:\|([^>]*))?>")
_SPECIAL = re.compile(r"<![^>|]*(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto|tel|ftp):[^>|]*)(?:\|([^>]*))?>")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))
_FENCE = re.compile(r"```")
_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"(?<![\w~])~(?=\S)([^~\n]+?)(?<=\S)~(?![\w~])")
_EMOJI = re.compile(r":(?=[a-z0-9_+'-]*[a-z])[a-z0-9_+'-]+:")
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u202f": " ",
        "\u3000": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
    }
)
_RANGE_DASH = re.compile(r"(?<=\d)[\u2012\u2013\u2014\u2015\u2212](?=\d)")
_DASH = re.compile(r"\s*[\u2012\u2013\u2014\u2015\u2212]\s*")
_QUOTE_LINE = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_BULLET = re.compile(
    r"^[ \t]*(?:[\u2022\u25e6\u25aa\u25ab\u2023\u00b7\u25cf\u25cb\u25a0\u25a1\u25ba\u25b8*+-]|"
    r"\d{1,2}[.)])[ \t]+",
    re.MULTILINE,
)
_INLINE_BULLET = re.compile(r"[ \t]+[\u2022\u25e6\u25aa\u25cf\u25b8\u25ba][ \t]+")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_CLAUSE = re.compile(
    r"(?<=[.!?])\s+|\n+|;\s*|,?\s+and\s+(?=(?:when|whenever|every\s+time|each\s+time)\s)",
    re.IGNORECASE,
)
_EN_CONTINUE = re.compile(r"^(?:that|this)\s+way\s*,?\s+(?=(?:i|we|they|you)\s)", re.IGNORECASE)
_EN_SO = re.compile(r"^so\s+(?:that\s+)?(?:i|we|they|you)\s+can\s", re.IGNORECASE)
_KO_CONTINUE = re.compile(r"^(?:그래야만?|그러면|그래서)(?:\s|,)")
_END_PUNCT = re.compile(r"[\s.!]+$")


def normalise(text: str) -> str:
    """Slack text as plain text: markup, mentions, emoji and typography removed.

    Mentions and broadcast tokens become "", channel links "#name", links their label (or
    the URL), curly quotes and apostrophes straight ones, dashes "-" (" - " between words),
    bullets and list numbers are dropped. Spaces collapse to one; line breaks are kept (one
    per line, empty lines dropped) because they separate answers in a list.
    """
    text = unicodedata.normalize("NFC", text)
    text = _USER.sub("", text)
    text = _CHANNEL.sub(lambda m: f"#{m.group(1)}" if m.group(1) else "", text)
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = _SPECIAL.sub(lambda m: m.group(1) or "", text)
    for entity, char in _ENTITIES:
        text = text.replace(entity, char)
    text = _markup(text).translate(_QUOTES)
    text = _DASH.sub(" - ", _RANGE_DASH.sub("-", text))
    text = _BULLET.sub("", _QUOTE_LINE.sub("", text))
    text = _INLINE_BULLET.sub("\n", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _markup(text: str) -> str:
    text = _FENCE.sub("\n", text)
    text = _CODE.sub(r"\1", text)
    for pattern in (_BOLD, _ITALIC, _STRIKE):
        text = pattern.sub(r"\1", text)
    return _EMOJI.sub("", text)


def split_clauses(text: str) -> list[str]:
    """Sentences and list items; a "That way I can ..." / "그래야 ..." joins the previous one."""
    clauses: list[str] = []
    for piece in _CLAUSE.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if clauses and not clauses[-1].endswith("?"):
            joined = _join(clauses[-1], piece)
            if joined is not None:
                clauses[-1] = joined
                continue
        clauses.append(piece)
    return clauses


def _join(previous: str, piece: str) -> str | None:
    head = _END_PUNCT.sub("", previous)
    if _EN_CONTINUE.match(piece):
        return f"{head} so {_EN_CONTINUE.sub('', piece)}"
    if _EN_SO.match(piece):
        return f"{head} {piece}"
    if _KO_CONTINUE.match(piece):
        return f"{head}, {piece}"
    return None
