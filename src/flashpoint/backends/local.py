"""The ``local`` backend: blocks run in this process, one after another, when asked for."""
from __future__ import annotations

from collections import deque


class Executor:
    parallelism = 1

    def __init__(self, world, seed, fn, workers=None, address=None, max_retries=0):
        self.world, self.seed, self.fn = world, seed, fn
        self._queue: deque[int] = deque()

    def submit(self, block: int) -> None:
        self._queue.append(block)

    def next_done(self):
        block = self._queue.popleft()
        return block, self.fn(self.world, block, self.seed)

    def close(self) -> None:
        self._queue.clear()
