"""``python -m tests.slackfake.derive_methods``: rewrite ``slack_methods.json`` from Slack's
OpenAPI spec (found in ``$SLACK_API_SPECS`` or ``<repo>/../shared/slack-api-specs``)."""

from __future__ import annotations

import sys

from tests.slackfake.spec import DATA_FILE, SpecNotFoundError, derive, spec_path, to_json


def main() -> int:
    try:
        methods = derive(spec_path())
    except SpecNotFoundError as error:
        print(f"slackfake: {error}", file=sys.stderr)
        return 2
    text = to_json(methods)
    changed = not DATA_FILE.is_file() or DATA_FILE.read_text(encoding="utf-8") != text
    DATA_FILE.write_text(text, encoding="utf-8")
    state = "rewritten" if changed else "unchanged"
    print(f"{DATA_FILE.name}: {len(methods)} methods from {spec_path()} ({state})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
