"""Adapters: Slack listeners (thin: ack, parse, call ``bot``, reply), HTTP and the CLI."""
