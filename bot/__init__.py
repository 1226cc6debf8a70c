"""personabot's use cases, one package per domain; ``handlers`` (the adapters) call them.

- ``slack``: the one WebClient, shared Web API steps, people and permissions, text, limits.
- ``personas``: personas and the evidence linking answers to them.
- ``rounds``: schedules, cadences, posting questions once, reminders and closing.
- ``insights``: claims, themes and job statements (pure ``synthesis``), digests, exports.
- ``capture``: answers arriving by every route (thread replies, modals, shortcut, CSV).
- ``home``, ``setup``, ``commands``: the App Home tab, the admin setup, ``/persona``.
- ``clock``: the tick that runs rounds, reminders and digests; ``settings``, ``errors``
  and ``i18n`` are shared by all.

This package owns every Slack Web API call; it never imports ``handlers``.
"""
