"""Login attempts per client address and email, counted in memory (one process)."""

import math
import time

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from .exceptions import TooManyLoginAttemptsError


class LoginRateLimiter:
    def __init__(self, rate: str) -> None:
        self.limit = parse(rate)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def hit(self, client: str, email: str) -> None:
        """Count one attempt; raise when the client has used up its attempts for this email."""
        if not self.limiter.hit(self.limit, client, email):
            reset_at = self.limiter.get_window_stats(self.limit, client, email).reset_time
            raise TooManyLoginAttemptsError(retry_after=max(1, math.ceil(reset_at - time.time())))
