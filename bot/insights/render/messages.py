"""A ``Digest`` as Slack messages (Block Kit) and as plain mrkdwn text.

``digest_messages`` returns messages, each a list of blocks: the first is the summary for
the channel, the rest go in its thread. Every block is built with ``slack_sdk.models.blocks``
(which validates it) and every message stays within Slack's limits; a persona that does not
fit goes on in the next message under "<name> (continued)", so nothing is cut silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.i18n import N_
from bot.insights.render.lines import (
    also_said,
    changes,
    chunk,
    day,
    field_entries,
    field_heading,
    job_entry,
    overview,
    persona_context,
    persona_title,
    rate_entry,
    unanswered_entries,
)
from bot.insights.render.words import answers, personas, word
from bot.insights.synthesis.model import Digest, PersonaSummary
from bot.slack.limits import MESSAGE_BLOCKS, MESSAGE_TEXT, SECTION_TEXT
from bot.slack.text import fit

__all__ = ["MAX_BLOCKS", "MAX_MESSAGE_CHARS", "digest_messages", "digest_text", "persona_text"]

MAX_BLOCKS = MESSAGE_BLOCKS
MAX_SECTION = SECTION_TEXT
MAX_HEADER = 150
MAX_MESSAGE_CHARS = MESSAGE_TEXT
DEFAULT_TITLE = N_("Persona digest")  # shown as the catalog's "title" word in the locale


@dataclass
class _Part:
    """Blocks that belong together; ``title`` heads its continuation in the next message."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    own_message: bool = False


def _header(text: str) -> HeaderBlock:
    return HeaderBlock(text=PlainTextObject(text=fit(text, MAX_HEADER), emoji=True))


def _sections(heading: str, entries: Sequence[str], locale: str) -> list[Block]:
    more = word(locale, "continued", title=heading) if heading else ""
    texts = chunk(heading, entries, MAX_SECTION, more)
    return [SectionBlock(text=MarkdownTextObject(text=t)) for t in texts if t]


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text[:MAX_SECTION])])


def _title(title: str, locale: str) -> str:
    return word(locale, "title") if title == DEFAULT_TITLE else title


def _summary(digest: Digest, locale: str, title: str) -> _Part:
    part = _Part(title=title, blocks=[_header(title)], own_message=True)
    facts = [word(locale, "generated", date=day(digest.generated_at))]
    if digest.since is not None:
        facts.append(word(locale, "since", date=day(digest.since)))
    facts += [
        answers(locale, digest.answers),
        personas(locale, sum(1 for s in digest.personas if s.persona is not None)),
    ]
    part.blocks.append(_context(" · ".join(facts)))
    found = changes(digest, locale)
    heading = f"*{word(locale, 'changed')}*"
    if not found:
        nothing = "nothing_changed" if digest.compared else "first_digest"
        part.blocks += _sections(heading, [word(locale, nothing)], locale)
    for i, (name, entries) in enumerate(found):
        part.blocks += _sections((heading + "\n" if i == 0 else "") + f"_{name}_", entries, locale)
    part.blocks += _sections(f"*{word(locale, 'overview')}*", overview(digest, locale), locale)
    return part


def _persona(summary: PersonaSummary, locale: str, first: bool) -> _Part:
    title = persona_title(summary, locale)
    part = _Part(title=title, blocks=[_header(title)], own_message=first)
    part.blocks.append(_context(persona_context(summary, locale)))
    if not summary.fields and not summary.jobs:
        part.blocks += _sections("", [word(locale, "no_answers_persona")], locale)
    for f in summary.fields:
        part.blocks += _sections(field_heading(f, locale), field_entries(f, locale), locale)
    said = also_said(summary, locale)
    if said:
        part.blocks += _sections("", [said], locale)
    if summary.jobs:
        entries = [job_entry(j, locale) for j in summary.jobs]
        part.blocks += _sections(f"*{word(locale, 'jobs')}*", entries, locale)
    part.blocks.append(DividerBlock())
    return part


def _closing(digest: Digest, locale: str) -> _Part | None:
    part = _Part(title=word(locale, "rates") if digest.rates else word(locale, "unanswered"))
    if digest.rates:
        entries = [rate_entry(r, locale) for r in digest.rates]
        part.blocks += _sections(f"*{word(locale, 'rates')}*", entries, locale)
    if digest.unanswered:
        heading = f"*{word(locale, 'unanswered')}*"
        part.blocks += _sections(heading, unanswered_entries(digest.unanswered), locale)
    return part if part.blocks else None


def _size(block: dict[str, Any]) -> int:
    return len(json.dumps(block, ensure_ascii=False))


class _Packer:
    """Fills messages block by block within the block and character limits."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.messages: list[list[dict[str, Any]]] = []
        self.current: list[dict[str, Any]] = []
        self.chars = 0

    def flush(self) -> None:
        if self.current:
            self.messages.append(self.current)
        self.current, self.chars = [], 0

    def fits(self, blocks: int, chars: int) -> bool:
        return len(self.current) + blocks <= MAX_BLOCKS and self.chars + chars <= MAX_MESSAGE_CHARS

    def add(self, block: dict[str, Any]) -> None:
        self.current.append(block)
        self.chars += _size(block)

    def part(self, part: _Part) -> None:
        dicts = [b.to_dict() for b in part.blocks]  # to_dict validates each block
        head = sum(_size(d) for d in dicts[:2])
        if part.own_message or not self.fits(min(len(dicts), 3), head):
            self.flush()
        for i, block in enumerate(dicts):
            if not self.fits(1, _size(block)):
                self.flush()
                if i > 0:
                    title = word(self.locale, "continued", title=part.title)
                    self.add(_header(title).to_dict())
            self.add(block)

    def done(self) -> list[list[dict[str, Any]]]:
        self.flush()
        return self.messages


def _parts(digest: Digest, locale: str, title: str) -> Iterator[_Part]:
    yield _summary(digest, locale, title)
    for i, summary in enumerate(digest.personas):
        yield _persona(summary, locale, first=i == 0)
    closing = _closing(digest, locale)
    if closing is not None:
        yield closing


def digest_messages(
    digest: Digest, *, locale: str = "en", title: str = DEFAULT_TITLE
) -> list[list[dict[str, Any]]]:
    """The digest as Slack messages: the summary first, the rest for its thread.

    An empty digest is one short message saying there were no answers. The default title
    is translated; a title given by the caller is used as is (escaped)."""
    shown = _title(title, locale)
    if digest.empty:
        text = f"*{fit(shown, MAX_HEADER)}*: {word(locale, 'no_answers')}"
        return [[SectionBlock(text=MarkdownTextObject(text=text)).to_dict()]]
    packer = _Packer(locale)
    for part in _parts(digest, locale, shown):
        packer.part(part)
    return packer.done()


def _block_text(block: dict[str, Any]) -> str:
    if block["type"] == "header":
        return f"*{block['text']['text']}*"
    if block["type"] == "context":
        return " · ".join(str(e.get("text", "")) for e in block["elements"])
    if block["type"] == "section":
        return str(block["text"]["text"])
    return ""


def digest_text(digest: Digest, *, locale: str = "en") -> str:
    """The digest as one mrkdwn text (notification fallback, ephemeral preview), at most
    40,000 characters; a longer digest ends with a note that the report has the rest."""
    messages = digest_messages(digest, locale=locale)
    return _joined([t for m in messages for b in m if (t := _block_text(b))], locale)


def persona_text(summary: PersonaSummary, *, locale: str = "en") -> str:
    """One persona's card as mrkdwn (``/persona show``): headed by its name, counting its
    own answers, then its fields and jobs as in the digest."""
    packer = _Packer(locale)
    packer.part(_persona(summary, locale, first=True))
    return _joined([t for m in packer.done() for b in m if (t := _block_text(b))], locale)


def _joined(pieces: list[str], locale: str) -> str:
    note = f"_{word(locale, 'more')}_"
    out: list[str] = []
    size = 0
    for i, piece in enumerate(pieces):
        room = MAX_MESSAGE_CHARS - (0 if i == len(pieces) - 1 else len(note) + 2)
        if size + len(piece) + 2 > room:
            out.append(note)
            break
        out.append(piece)
        size += len(piece) + 2
    return "\n\n".join(out)
