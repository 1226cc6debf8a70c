"""Each person's data, and how long any of it is kept: what personabot keeps about a person
(``my data``), erasing a person's answers and identity (``forget``), deleting a whole
workspace's data, and dropping old answer text (``retention``).

May import: bot.slack, bot.insights (re-indexing after an erasure, digest snapshots),
bot.errors, bot.i18n, bot.settings, storage, questions. Never bot.capture, bot.home,
bot.setup, bot.commands, bot.clock or handlers.
"""
