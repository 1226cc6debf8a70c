"""Pure rendering of a ``Digest``: Slack messages, Markdown and HTML reports, CSV, JSON.

Owns the digest's Slack text pieces (``lines``), its Block Kit messages (``messages``),
the reports and files (``report``, with the Jinja2 templates in ``templates/``), the HTML
report's summary and charts (``summary``; ``charts`` draws inline SVG from numbers) and the
words the renderers use (``words``). No I/O: a digest in, text or blocks out.

May import: the standard library, bot.i18n, bot.insights.synthesis, questions, bot.slack.text (pure
escaping), jinja2, slack_sdk.models. Never storage, sqlalchemy, slack_sdk's
WebClient/web/errors, slack_bolt, bot.settings or bot.slack.client/calls/people.
"""
