"""The ``/persona`` help: one line per subcommand, in the reader's language."""

from __future__ import annotations

from bot.commands import digest, personal, personas
from bot.i18n import Text, t
from questions import GROUPS

# The help of each subcommand; the syntax in backticks stays English in every language.
USAGE: dict[str, Text] = {
    "ask": Text(
        '`/persona ask #channel ["Persona name"] <question>`: post a question now; replies in '
        "its thread are kept (as evidence for the persona, when one is named)."
    ),
    "status": Text("`/persona status`: open prompts and how many answers each has."),
    "channel": Text(
        "`/persona channel #channel <group> [en|ko]`: map a channel to a stakeholder group "
        "({groups}) and optionally its language, or `none` to unmap. Admins only.",
        groups=", ".join(GROUPS),
    ),
    "schedule": Text(
        "`/persona schedule`: list schedules and their next runs. "
        "`/persona schedule <group> <cadence> [timezone] [options]`: set when a group is asked, "
        "e.g. `/persona schedule sales tue,thu 10:00 Asia/Seoul questions=1 cap=2`. Cadences: "
        "`tue,thu 10:00`, `weekdays 09:30`, `every 2 weeks fri 15:00`, `monthly 1st mon 09:30`, "
        "`cron 0 10 * * 1-5`. Options: `questions=` `remind=` `close=` `cap=` `wanted=` "
        "`weekend=` `holidays=` `skip=` `anonymous=yes`. With `anonymous=yes`, answers never "
        "show their author in digests, exports or commands (Slack workspace admins can still "
        "read the thread itself). `/persona schedule <group> off` removes it. Admins only."
    ),
    "show": Text(
        "`/persona show <persona>`: the persona's card, for you only (`olivia` finds her)."
    ),
    "jobs": Text("`/persona jobs [persona]`: the strongest job statements."),
    "search": Text("`/persona search <words> [page N]`: what people said, with links."),
    "export": Text("`/persona export md|html|csv|json`: the report or evidence, sent to your DMs."),
    **personas.USAGE,
    "digest": digest.USAGE,
    **personal.USAGE,
    "help": Text("`/persona help`: this text."),
}


def usage(locale: str, subcommand: str | None) -> str:
    """The help of ``subcommand`` in ``locale``; the whole help when there is no such one."""
    found = USAGE.get(subcommand or "")
    return found.render(locale) if found is not None else help_text(locale)


def help_text(locale: str) -> str:
    """``/persona help`` in ``locale``: one line per subcommand."""
    title = t(locale, "*personabot*: buyer personas from what your customer-facing teams know.")
    return "\n".join([title, *(f"• {line.render(locale)}" for line in USAGE.values())])


HELP = help_text("en")  # the English help, for logs and the command line
