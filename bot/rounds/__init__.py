"""Rounds: asking each group's channels questions, on a schedule or now.

Owns schedules (``schedules``: ``/persona schedule``), when they fire (``cadence``, its rule
kinds in ``rules``, the days and zones of ``calendar``, and ``timetable``, which applies a
calendar to a cadence),
claiming due rounds in the database so they are posted once (``claims``), which questions
a round posts (``picking``), posting them (``posting``; ``failures`` when Slack refuses),
the nudge and the closing edit after (``followup``), ad-hoc questions (``asking``:
``/persona ask``), and a prompt's blocks, buttons and channel words (``prompts``).

May import: bot.personas, bot.slack, bot.errors, bot.i18n, bot.settings, storage, questions.
Never bot.insights, bot.capture, bot.home, bot.setup, bot.commands, bot.clock or handlers.
"""
