"""The admin setup: the form in domain terms and its rules (``form``), the saved setup as
the form and saving a checked one (``saving``), the modal with its block ids, reading it
and showing errors under its inputs (``view``, ``timezones``), and the use case (``flow``):
open it, save it, then join the channels and show the Home tab again.

May import: bot.home (to show the Home tab after a save), bot.rounds (schedules and
cadences, as ``/persona schedule`` saves them), bot.insights (group names), bot.slack,
bot.errors, bot.i18n, bot.settings, storage, questions.
"""
