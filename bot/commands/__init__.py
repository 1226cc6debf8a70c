"""The ``/persona`` slash command: its grammar, its help, and the work of each subcommand.

- ``grammar``: the text after ``/persona`` read into a command, or a ``UsageError``.
- ``help``: the help of each subcommand, in the reader's language.
- ``run``: ``execute``: the admin check, one transaction, the subcommand's handler.
- ``caller``: who runs a command, where, and in which language.
- one module per subcommand: ``ask``, ``status``, ``channel``, ``schedule``, ``browse``
  (show, jobs, search, export), ``personas`` (create ... merge, list), ``digest``.

May import: bot.slack, bot.personas, bot.rounds, bot.insights, bot.personal, bot.errors, bot.i18n,
bot.settings, storage, questions.
"""
