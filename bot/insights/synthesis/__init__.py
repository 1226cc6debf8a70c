"""Pure synthesis of answers: themes, job statements and the digest, from plain facts.

Owns the data synthesis works on and produces (``model``), theme grouping and labels
(``themes``, ``themes_text``), job statements (``jobs`` and its ``jobs_*`` helpers), the
digest (``digest``) and the few words it writes itself (``wording``). Deterministic, no
I/O: answers in, digest out.

May import: the standard library, bot.i18n, jinja2, slack_sdk.models. Never
bot.insights.render (render imports synthesis), storage, sqlalchemy, slack_sdk's
WebClient/web/errors, slack_bolt, bot.settings or bot.slack.client/calls/people.
"""
