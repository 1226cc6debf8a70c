"""After the ack: slow work on a worker thread, and its outcome (or its error, said plainly
by ``bot.errors.message_for``) sent to the caller only; ``@app.error`` as the net for
anything raised before the ack.

The worker pool stays in ``handlers``: when work runs (in the listener, or after the ack on
a worker) is a Bolt matter. Bolt (1.2x) drops an acknowledgement when the listener raises
after acking (the HTTP answer becomes a 404 if the exception beats its wait loop), so
exceptions must not leave a listener that has acked, and a listener must return in time to
ack the next request. ``bot``'s use cases stay plain synchronous functions, which the clock,
the command line and the tests call as they are.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App, Respond

from bot.commands.caller import Reply
from bot.errors import message_for

log = logging.getLogger("personabot")

Work = Callable[[str], "str | Reply"]  # given the caller's locale, the reply (text or blocks)


def reply_with(
    respond: Respond, work: Work, *, locale: Callable[[], str], replace_original: bool = False
) -> None:
    """Run ``work`` (after the ack) in the caller's ``locale()`` and send its text, or the
    error's, to the caller only; ``replace_original``: in place of the message acted on."""
    try:
        where = locale()
    except Exception:  # an unknown language must not cost the reply
        log.exception("could not tell the caller's locale")
        where = "en"
    try:
        said = work(where)
    except Exception as error:  # every failure becomes a reply; unexpected ones are logged
        said = message_for(error, where)
    reply = said if isinstance(said, Reply) else Reply(text=said)
    respond(
        text=reply.text,
        blocks=reply.blocks or None,
        response_type="ephemeral",
        replace_original=replace_original,
    )


# Slow work (digests, searches, exports) runs here, not on Bolt's listener threads: a
# listener acks, hands its work over and returns, so a burst of heavy commands can never
# keep Bolt from acknowledging the next request within Slack's 3 seconds.
_WORK = ThreadPoolExecutor(max_workers=1, thread_name_prefix="personabot-work")


def reply_later(
    respond: Respond, work: Work, *, locale: Callable[[], str], replace_original: bool = False
) -> None:
    """Run ``reply_with(respond, work, ...)`` on the worker pool; return at once."""
    _WORK.submit(reply_with, respond, work, locale=locale, replace_original=replace_original)


def drop_pending_work() -> None:
    """At shutdown: cancel what has not started (the running piece finishes)."""
    _WORK.shutdown(wait=False, cancel_futures=True)


def run_later(work: Callable[[], None]) -> None:
    """Run ``work`` on the worker pool; a failure is logged."""
    _WORK.submit(_logged, work)


def _logged(work: Callable[[], None]) -> None:
    try:
        work()
    except Exception:
        log.exception("background work failed")


def handle_error(error: Exception, respond: Respond | None) -> None:
    message = message_for(error, "en")
    if respond is not None:
        respond(text=message, response_type="ephemeral", replace_original=False)


def register(app: App) -> None:
    app.error(handle_error)
