"""chat.postMessage rate limits, as Slack applies them (per channel and per workspace)."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable


class PostRateLimiter:
    """Sliding-window limits; ``retry_after`` gives Slack's integer Retry-After (>= 1)."""

    def __init__(
        self,
        per_channel_per_second: float | None,
        per_workspace_per_minute: int | None,
        *,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        if per_channel_per_second is not None and per_channel_per_second <= 0:
            raise ValueError("per_channel_per_second must be positive")
        if per_workspace_per_minute is not None and per_workspace_per_minute <= 0:
            raise ValueError("per_workspace_per_minute must be positive")
        self._interval = 1.0 / per_channel_per_second if per_channel_per_second else None
        self._per_minute = per_workspace_per_minute
        self._now = now
        self._last_post: dict[str, float] = {}
        self._recent: deque[float] = deque()

    def retry_after(self, channel: str) -> int | None:
        """Seconds to wait before posting to ``channel``, or None if it may post now."""
        now = self._now()
        waits: list[float] = []
        last = self._last_post.get(channel)
        if self._interval is not None and last is not None and now - last < self._interval:
            waits.append(self._interval - (now - last))
        if self._per_minute is not None:
            while self._recent and now - self._recent[0] >= 60.0:
                self._recent.popleft()
            if len(self._recent) >= self._per_minute:
                waits.append(60.0 - (now - self._recent[0]))
        if not waits:
            return None
        return max(1, math.ceil(max(waits)))

    def record(self, channel: str) -> None:
        now = self._now()
        self._last_post[channel] = now
        self._recent.append(now)
