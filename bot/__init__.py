"""personabot's use cases: asking, capturing answers and (later) synthesis.

This package owns every Slack Web API call; it never imports ``handlers``.
"""
