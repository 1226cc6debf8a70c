"""Insights: what the answers say, as digests, reports and exports.

Owns each answer's synthesis features, computed when it is stored (``indexing``); reading
a digest's facts from the database (``facts``) with anonymous and private authors hidden
(``privacy``); composing the digest (``digests``), in the server in a separate process
(``worker``); posting it, now or on its schedule (``publishing``); and exports
(``exports``). The pure parts are ``synthesis`` (facts in, digest out) and ``render``
(digest in, Block Kit, Markdown, HTML, CSV or JSON out).

May import: bot.rounds, bot.personas, bot.slack, bot.errors, bot.i18n, bot.settings,
storage, questions. Never bot.capture, bot.home, bot.setup, bot.commands, bot.clock or
handlers.
"""
