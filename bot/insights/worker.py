"""The digest worker: a separate process that composes digests for the server.

Composing 100,000 answers is seconds of pure Python; in the bot's own process that would
hold the interpreter lock and delay Slack's acknowledgements. The composition root
(``handlers.cli.boot``) calls ``start`` once and ``stop`` at exit; importing this module or
building the app starts nothing. The worker reads committed data through its own
read-only engine, one per database, and exits as soon as the bot process is gone.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime

from sqlalchemy.orm import Session

from bot.insights import facts
from bot.insights.digests import compose
from bot.insights.synthesis.model import Digest
from storage import Database

log = logging.getLogger(__name__)


class DigestWorker:
    """One spawned process that composes digests from a database URL."""

    def __init__(self) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_follow_parent,
            initargs=(os.getpid(),),
        )
        self._pool.submit(os.getpid)  # spawn it now, not during someone's first command

    def compose(
        self, *, url: str, team_id: str, now: datetime, since: datetime | None, locale: str
    ) -> Digest:
        """``digests.compose`` in the worker, reading what is committed in the database at
        ``url``. Raises ``BrokenProcessPool`` if the worker died, ``RuntimeError`` once it
        is stopping."""
        return self._pool.submit(_compose_at, url, team_id, now, since, locale).result()

    def regroup(self, *, url: str) -> int:
        """``regrouping.regroup_pending`` in the worker, for the database at ``url``."""
        return self._pool.submit(_regroup_at, url).result()

    def stop(self) -> None:
        """Cancel digests not started, let the running one finish, end the process."""
        self._pool.shutdown(wait=True, cancel_futures=True)


_running: DigestWorker | None = None  # this process's worker, between start() and stop()


def start() -> DigestWorker:
    """Start this process's digest worker; a second call returns the running one."""
    global _running
    if _running is None:
        _running = DigestWorker()
    return _running


def stop() -> None:
    """Stop this process's digest worker, if one runs; from now on digests are composed in
    the calling process."""
    global _running
    worker, _running = _running, None
    if worker is not None:
        worker.stop()


def compose_committed(
    *,
    session: Session,
    team_id: str,
    now: datetime,
    since: datetime | None = None,
    locale: str = "en",
) -> Digest:
    """The digest of what is committed in ``session``'s database.

    While the worker runs (``start``; the server starts it), the worker composes it:
    ``session`` then only names the database, and what it has not committed is not seen.
    Without a worker (the command line, tests), for an in-memory SQLite database that
    another process cannot open, or when the worker died or is stopping, this is
    ``digests.compose`` with ``session``, here."""
    url = _shareable_url(session)
    worker = _running
    if worker is not None and url is not None:
        try:
            return worker.compose(url=url, team_id=team_id, now=now, since=since, locale=locale)
        except BrokenProcessPool:
            log.exception("the digest worker died; composing here instead")
        except RuntimeError:  # shutting down: the pool takes no more work
            log.info("the digest worker is stopping; composing here instead")
    return compose(session=session, team_id=team_id, now=now, since=since, locale=locale)


def regroup_committed(*, db: Database) -> int:
    """Regroup every marked theme cell (``regrouping.regroup_pending``): in the worker
    while it runs, so the bot's process (and Slack's acks) does not wait for the CPU work;
    here otherwise. Returns how many cells were regrouped."""
    url = None if db.url.database in (None, "", ":memory:") else db.url
    worker = _running
    if worker is not None and url is not None:
        try:
            return worker.regroup(url=url.render_as_string(hide_password=False))
        except BrokenProcessPool:
            log.exception("the digest worker died; regrouping here instead")
        except RuntimeError:
            log.info("the digest worker is stopping; regrouping here instead")
    from bot.insights import regrouping

    return regrouping.regroup_pending(db=db)


def _shareable_url(session: Session) -> str | None:
    url = session.get_bind().engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return None
    return url.render_as_string(hide_password=False)


# In the worker process only.

_databases: dict[str, Database] = {}  # one per database URL


def _follow_parent(parent: int) -> None:
    """Exit as soon as the bot process is gone, however it ended."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="follow-parent", daemon=True).start()


def _compose_at(
    url: str, team_id: str, now: datetime, since: datetime | None, locale: str
) -> Digest:
    db = _databases.get(url)
    if db is None:
        db = _databases[url] = Database(url)
    with db.reading() as session:
        workspace_id = facts.workspace_id(session, team_id=team_id)
        pending = facts.regroup_marked(session, workspace_id=workspace_id)
    if pending:
        # Here, not in the bot's process: the regroup is CPU work, and what it writes is
        # kept. Imported here: a digest with nothing to regroup loads no scikit-learn.
        from bot.insights import regrouping

        regrouping.regroup_pending(db=db, workspace_id=workspace_id)
    with db.reading() as session:
        return compose(session=session, team_id=team_id, now=now, since=since, locale=locale)


def _regroup_at(url: str) -> int:
    from bot.insights import regrouping

    db = _databases.get(url)
    if db is None:
        db = _databases[url] = Database(url)
    return regrouping.regroup_pending(db=db)
