"""Fault injection of the fake Slack: queued failures, random ones and post rate limits.

One ``Faults`` is shared by a fake and its team views; the fake calls it under its lock.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from tests.slackfake.ratelimit import PostRateLimiter

# (HTTP status, extra headers, JSON body or plain text)
Reply = tuple[int, tuple[tuple[str, str], ...], dict[str, Any] | str]

RATELIMITED: dict[str, Any] = {"ok": False, "error": "ratelimited"}


@dataclass
class _Failure:
    status: int
    retry_after: int
    error: str | None
    times: int
    after_acting: bool = False


@dataclass
class Faults:
    queued: dict[str, list[_Failure]] = field(default_factory=dict)
    flaky: tuple[float, random.Random] | None = None
    limiter: PostRateLimiter | None = None

    def queue(
        self,
        method: str,
        *,
        status: int,
        retry_after: int,
        times: int,
        error: str | None,
        after_acting: bool,
    ) -> None:
        if status == 200 and not error:
            raise ValueError("fail_next(status=200) needs an error code")
        failure = _Failure(status, retry_after, error, times, after_acting)
        self.queued.setdefault(method, []).append(failure)

    def randomly(self, rate: float, *, seed: int) -> None:
        self.flaky = (rate, random.Random(seed)) if rate > 0 else None

    def limit(self, per_channel_per_second: float | None, per_minute: int | None) -> None:
        if per_channel_per_second is None and per_minute is None:
            self.limiter = None
        else:
            self.limiter = PostRateLimiter(per_channel_per_second, per_minute)

    def take(self, method: str) -> tuple[Reply | None, bool]:
        """The failure to answer ``method`` with now, if any, and whether to act first."""
        queue = self.queued.get(method)
        if not queue:
            return self._random()
        failure = queue[0]
        failure.times -= 1
        if failure.times <= 0:
            queue.pop(0)
        if failure.status == 429:
            return (429, (("Retry-After", str(failure.retry_after)),), RATELIMITED), False
        if failure.status >= 500:
            return (failure.status, (), f"{failure.status} fake server error"), failure.after_acting
        body = {"ok": False, "error": failure.error or "fake_failure"}
        return (failure.status, (), body), failure.after_acting

    def _random(self) -> tuple[Reply | None, bool]:
        if self.flaky is None:
            return None, False
        rate, rng = self.flaky
        if rng.random() >= rate:
            return None, False
        if rng.random() < 0.5:
            return (429, (("Retry-After", "1"),), RATELIMITED), False
        return (503, (), "503 fake server error"), rng.random() < 1 / 3
