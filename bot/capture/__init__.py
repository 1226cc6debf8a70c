"""Answers arriving, by every route: thread replies to prompts, with their edits and
deletions (``replies``); private answers from the modal (``private``); job stories
(``stories``); messages saved with the "Add to personas" shortcut (``shortcut``); linking
an answer to a persona by hand (``linking``); CSV imports (``importing``). Their Block Kit
is ``modals`` (prompt buttons, answer and job story modals) and ``pickers`` (the shortcut's
modal, the link controls); both also read what those send back.

May import: bot.slack, bot.personas, bot.insights (indexing answers, field names), bot.errors,
bot.i18n, bot.settings, storage, questions.
"""
