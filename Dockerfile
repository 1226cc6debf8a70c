# personabot: migrations, then `personabot run` (Socket Mode with SLACK_APP_TOKEN, else HTTP
# on port 3000). Production HTTP alternative:
#   gunicorn --bind 0.0.0.0:3000 --threads 8 'handlers.wsgi:application'
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DATABASE_URL=sqlite:////data/personabot.sqlite3

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY questions ./questions
COPY storage ./storage
RUN pip install . \
    && useradd --create-home --uid 10001 personabot \
    && mkdir -p /data && chown personabot /data

USER personabot
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, sys, urllib.request; sys.exit(0) if os.environ.get('SLACK_APP_TOKEN') else urllib.request.urlopen('http://127.0.0.1:3000/healthz', timeout=4)"
CMD ["sh", "-c", "personabot db upgrade && exec personabot run --port 3000"]
