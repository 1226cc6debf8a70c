# personabot: migrations (DATABASE_URL alone), then `personabot run` (Socket Mode with
# SLACK_APP_TOKEN, else HTTP on port 3000). Time zones come from the tzdata package, so the
# slim image needs no system zone database. Build: docker build . (or podman --runtime runc
# build --format docker .); .ci/image builds it when an engine and the base image are at
# hand. Production HTTP alternative:
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
# Both modes answer GET /healthz on --port (Socket Mode serves nothing else there): 200 when
# the process answers and its database does, else the check fails.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3000/healthz', timeout=4)"
CMD ["sh", "-c", "personabot db upgrade && exec personabot run --port 3000"]
