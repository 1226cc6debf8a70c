"""The Home tab (``views.publish``), pure Block Kit; the setup modal is ``bot.setup.view``'s.

The Home tab stays under Slack's 100 blocks whatever the data: personas are paged
(``PAGE_SIZE`` a page, a "Show more" button carries the next page number), open prompts
and flagged assumptions are capped with "…and N more".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.insights.render.lines import link_ok
from bot.insights.render.words import answers
from bot.insights.synthesis.wording import group_name
from bot.slack.blocks import (
    EXPORT_FORMATS,
    HOME_EXPORT,
    HOME_MORE,
    HOME_PREVIEW,
    HOME_SETUP,
    Block,
    button,
    channel_ref,
    context,
    divider,
    header,
    option,
    section,
    static_select,
    user_text,
)
from bot.slack.words import ago, assumptions, word

PAGE_SIZE = 15
PROMPTS_MAX = 10
ASSUMPTIONS_MAX = 10
RATES_MAX = 20
NAME_MAX = 120
PROMPT_TEXT_MAX = 300
ASSUMPTION_MAX = 250
_EXPORT_LABELS = {"md": "Markdown", "html": "HTML", "csv": "CSV", "json": "JSON"}


@dataclass(frozen=True)
class HomePersona:
    name: str
    negative: bool
    evidence: int  # answers linked to the persona
    last: datetime | None  # its latest answer; naive times are read as UTC
    assumptions: int  # claims only internal teams support


@dataclass(frozen=True)
class HomePrompt:
    channel_id: str
    text: str
    answers: int
    permalink: str | None


@dataclass(frozen=True)
class HomeData:
    personas: Sequence[HomePersona] = ()
    open_prompts: Sequence[HomePrompt] = ()
    rates: Sequence[tuple[str, int, int]] = ()  # (group, prompts, answered), last 4 weeks
    assumptions: Sequence[str] = ()  # short texts of the flagged claims
    is_admin: bool = False


def home_view(*, data: HomeData, locale: str, now: datetime, page: int = 0) -> Block:
    """The Home tab; ``page`` (from the HOME_MORE button's value) is clamped to the pages."""
    blocks = [header(word(locale, "home_title")), context(word(locale, "home_intro"))]
    blocks.append(_toolbar(data.is_admin, locale))
    blocks += [divider(), *_personas(data.personas, locale, now, page)]
    blocks += [divider(), *_prompts(data.open_prompts, locale)]
    blocks += [divider(), _rates(data.rates, locale)]
    blocks += [divider(), *_assumptions(data.assumptions, locale)]
    return {"type": "home", "blocks": blocks}


def _toolbar(is_admin: bool, locale: str) -> Block:
    elements: list[Block] = []
    if is_admin:
        elements.append(button(word(locale, "setup"), action_id=HOME_SETUP, value="setup"))
    formats = [option(_EXPORT_LABELS[f], f) for f in EXPORT_FORMATS]
    elements.append(
        static_select(action_id=HOME_EXPORT, placeholder=word(locale, "export"), options=formats)
    )
    elements.append(button(word(locale, "preview"), action_id=HOME_PREVIEW, value="preview"))
    return {"type": "actions", "block_id": "home_actions", "elements": elements}


def _personas(
    personas: Sequence[HomePersona], locale: str, now: datetime, page: int
) -> list[Block]:
    total = len(personas)
    if total == 0:
        return [section(word(locale, "no_personas"))]
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(max(page, 0), pages - 1)
    first = page * PAGE_SIZE
    shown = personas[first : first + PAGE_SIZE]
    if pages == 1:
        title = word(locale, "personas_all", total=total)
    else:
        title = word(locale, "personas_page", first=first + 1, last=first + len(shown), total=total)
    blocks = [section(title), *(_persona(p, locale, now) for p in shown)]
    if pages > 1:
        blocks.append(_more(page, pages, locale))
    return blocks


def _persona(persona: HomePersona, locale: str, now: datetime) -> Block:
    name = f"*{user_text(persona.name, NAME_MAX)}*"
    if persona.negative:
        name += f"  ·  {word(locale, 'negative')}"
    facts = [word(locale, "evidence", answers=answers(locale, persona.evidence))]
    if persona.last is None:
        facts.append(word(locale, "no_answers"))
    else:
        facts.append(word(locale, "last_answer", ago=ago(persona.last, now, locale)))
    if persona.assumptions:
        facts.append(assumptions(locale, persona.assumptions))
    return section(name + "\n" + " · ".join(facts))


def _more(page: int, pages: int, locale: str) -> Block:
    if page + 1 < pages:
        more = button(word(locale, "show_more"), action_id=HOME_MORE, value=str(page + 1))
    else:
        more = button(word(locale, "back_to_start"), action_id=HOME_MORE, value="0")
    return {"type": "actions", "block_id": "home_more", "elements": [more]}


def _prompts(prompts: Sequence[HomePrompt], locale: str) -> list[Block]:
    if not prompts:
        return [section(word(locale, "prompts") + "\n" + word(locale, "no_prompts"))]
    blocks = [section(word(locale, "prompts"))]
    blocks += [_prompt(p, locale) for p in prompts[:PROMPTS_MAX]]
    if len(prompts) > PROMPTS_MAX:
        blocks.append(context(word(locale, "and_more", n=len(prompts) - PROMPTS_MAX)))
    return blocks


def _prompt(prompt: HomePrompt, locale: str) -> Block:
    facts = [answers(locale, prompt.answers)]
    if link_ok(prompt.permalink):
        facts.append(f"<{prompt.permalink}|{word(locale, 'open')}>")
    head = f"{channel_ref(prompt.channel_id)}  {user_text(prompt.text, PROMPT_TEXT_MAX)}"
    return section(head + "\n" + " · ".join(facts))


def _rates(rates: Sequence[tuple[str, int, int]], locale: str) -> Block:
    lines = [_rate(group, prompts, answered, locale) for group, prompts, answered in rates]
    if not lines:
        lines = [word(locale, "no_rates")]
    elif len(lines) > RATES_MAX:
        lines = [*lines[:RATES_MAX], word(locale, "and_more", n=len(lines) - RATES_MAX)]
    return section(word(locale, "rates") + "\n" + "\n".join(lines))


def _rate(group: str, prompts: int, answered: int, locale: str) -> str:
    name = user_text(group_name(locale, group), 100)
    if prompts <= 0:
        return word(locale, "rate_none", group=name)
    pct = round(100 * answered / prompts)
    return word(locale, "rate", group=name, answered=answered, prompts=prompts, pct=pct)


def _assumptions(flagged: Sequence[str], locale: str) -> list[Block]:
    if not flagged:
        return [section(word(locale, "flagged") + "\n" + word(locale, "no_flagged"))]
    lines = [f"• {user_text(text, ASSUMPTION_MAX)}" for text in flagged[:ASSUMPTIONS_MAX]]
    blocks = [section(word(locale, "flagged") + "\n" + word(locale, "flagged_intro"))]
    blocks.append(section("\n".join(lines)))
    if len(flagged) > ASSUMPTIONS_MAX:
        blocks.append(context(word(locale, "and_more", n=len(flagged) - ASSUMPTIONS_MAX)))
    return blocks
