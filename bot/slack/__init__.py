"""Slack itself, for every domain: the one ``WebClient`` (``client``), the Web API steps
several use cases share (``calls``), who a user is to personabot (``people``,
``permissions``), text escaping and clipping (``text``), Slack's documented limits
(``limits``), Block Kit ids and small helpers (``blocks``) and the words of modals and the
Home tab (``words``).

May import: bot.settings, bot.errors, bot.i18n, storage (``people`` reads the workspace's
language). Never another bot domain: they all import this one.
"""
