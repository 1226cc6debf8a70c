"""Errors whose message is meant for the person who asked."""


class UserError(Exception):
    """Something the user can fix; ``str()`` is shown to them as is (ephemeral)."""
