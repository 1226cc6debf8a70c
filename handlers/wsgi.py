"""WSGI entry point for production: ``gunicorn 'handlers.wsgi:application'``.

Settings come from the environment; the schema is upgraded before the first request.
"""

from __future__ import annotations

from handlers.cli import boot
from handlers.web import wsgi_app

_settings, _db, _app = boot(start_clock=True)
application = wsgi_app(_app, _db)
