"""Pure synthesis of answers: claims, themes, job statements and the digest, from plain facts.

Owns the data synthesis works on and produces (``model``); answers split into claims and
their words (``claims``, with ``english``: lemmas and stop words, ``korean``: the
kiwipiepy analyser, and ``languages``: a text's language by its letters); claims grouped
into themes as they arrive (``themes``) and labelled by the key phrases their claims share
(``labels``), near themes merged and their neighbours found (``grouping``, scikit-learn);
job statements (``jobs``, ``jobs_en*`` and ``jobs_ko*`` per language, ``jobs_check`` for
the job-story hints); who supports what (``support``), the digest (``digest``, with the
mirror check) and the few words it writes itself (``wording``). Deterministic, no I/O:
answers in, digest out.

May import: the standard library, bot.i18n, questions (groups and fields), kiwipiepy,
lemminflect, scikit-learn, numpy.
Never bot.insights.render (render imports synthesis), storage, sqlalchemy, slack_sdk's
WebClient/web/errors, slack_bolt, bot.settings or bot.slack.client/calls/people.
"""
