"""Block tasks for the backend tests: ones that kill their worker, raise, or finish out of order.

Imported by worker processes (``processes``: through the parent's ``sys.path``; Ray: pickled by
value, see ``conftest.py``). Nothing here is used outside the tests.
"""
from __future__ import annotations

import os
import time

from flashpoint.errors import FlashpointError


class CrashOnce:
    """Run ``fn``, except that the first worker to reach ``block`` dies (``os._exit``): the
    marker file says it already happened, so the retried block runs normally."""

    def __init__(self, fn, block: int, marker: str):
        self.fn, self.block, self.marker = fn, block, str(marker)

    def __call__(self, world, block, seed):
        if block == self.block:
            try:
                fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                pass
            else:
                os.write(fd, f"killed worker pid {os.getpid()} on block {block}\n".encode())
                os.close(fd)
                os._exit(17)
        return self.fn(world, block, seed)


class CrashAlways:
    """Every worker that reaches ``block`` dies."""

    def __init__(self, block: int):
        self.block = block

    def __call__(self, world, block, seed):
        if block == self.block:
            os._exit(17)
        return block


class RaiseOn:
    def __init__(self, block: int):
        self.block = block

    def __call__(self, world, block, seed):
        if block == self.block:
            raise FlashpointError(f"boom in block {block}")
        return block


def slow_first(world, block, seed):
    """Block 0 finishes last."""
    if block == 0:
        time.sleep(1.5)
    return block, seed
