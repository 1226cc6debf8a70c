"""Personas: the named buyer personas (and negative personas) of a workspace.

Owns creating, renaming, describing, marking negative, archiving and merging personas,
and linking answers to them as evidence for a persona field (``roster``).

May import: bot.slack, bot.errors, bot.i18n, bot.settings, storage, questions. Never
bot.rounds, bot.insights, bot.capture, bot.home, bot.setup, bot.commands, bot.clock or
handlers.
"""
