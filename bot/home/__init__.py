"""The App Home tab: what it shows (``data``), its Block Kit (``view``, pure), and the use
cases (``tab``): show it to a user, and its buttons' preview and export, sent by DM.

May import: bot.slack, bot.insights (the digest it summarises, exports), bot.errors,
bot.i18n, bot.settings, storage.
"""
