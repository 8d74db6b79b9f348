"""The ``processes`` backend: a pool of spawned worker processes on this machine.

Standard library only (``concurrent.futures.ProcessPoolExecutor`` with the ``spawn`` start
method, so it behaves the same on Linux, macOS and Windows and never forks a driver that holds
threads or large arrays). The compiled world is pickled once into a temporary file that each worker
process reads in the pool initializer (not sent through the pipe that starts a worker: a worker that
died while importing the driver's script, before reading it all, left the driver blocked on that
pipe for ever); each task carries only its block index.

A worker that dies (killed, out of memory, ``os._exit``) breaks a ``ProcessPoolExecutor``:
every task in flight fails with ``BrokenProcessPool``. The executor then keeps the results that
had already come back, starts a fresh pool and submits the lost blocks again, up to
``max_retries`` times per block. An exception raised by the work itself is not retried: it
would only happen again.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
from collections import Counter, deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

_WORLD = None
_FLAG = "FLASHPOINT_UNGUARDED_FLAG"     # where a worker that found the driver's script unguarded says so
UNGUARDED = ("a script that uses backend='processes' must start it under `if __name__ == '__main__':` (each worker "
             "process imports the script, and would run it again)")


def _init(path: str) -> None:
    global _WORLD
    with open(path, "rb") as f:
        _WORLD = pickle.load(f)


def _task(fn, block: int, seed: int):
    return fn(_WORLD, block, seed)


class Executor:
    def __init__(self, world, seed, fn, workers=None, address=None, max_retries=3):
        from flashpoint.backends import default_workers

        self.world, self.seed, self.fn = world, seed, fn
        self.parallelism = workers or default_workers()
        self.max_retries = max_retries
        self._pool: ProcessPoolExecutor | None = None
        self._world_file: str | None = None
        self._running: dict[Future, int] = {}
        self._ready: deque = deque()
        self._attempts: Counter = Counter()

    def _start(self) -> None:
        from flashpoint.backends import BackendError

        if getattr(multiprocessing.process.current_process(), "_inheriting", False):
            # a worker importing a script whose pool is not started under `if __name__ == "__main__":` would start a
            # pool of its own; its threads would keep it, and the driver waiting on it, alive for ever. It leaves
            # word for the driver, which would otherwise retry and then guess at memory
            if flag := os.environ.get(_FLAG):
                open(flag, "w").close()
            raise BackendError(UNGUARDED)
        if self._world_file is None:
            fd, self._world_file = tempfile.mkstemp(prefix="flashpoint-world-", suffix=".pickle")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(self.world, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.environ[_FLAG] = self._world_file + ".unguarded"     # the spawned workers inherit it
        self._pool = ProcessPoolExecutor(self.parallelism, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_init, initargs=(self._world_file,))

    def submit(self, block: int) -> None:
        if self._pool is None:
            self._start()
        self._running[self._pool.submit(_task, self.fn, block, self.seed)] = block

    def next_done(self):
        while not self._ready:
            done, _ = wait(list(self._running), return_when=FIRST_COMPLETED)
            lost = self._collect(done)
            if lost:
                # the pool is broken: everything else in flight fails (or has finished) too
                done, not_done = wait(list(self._running), timeout=60)
                lost += self._collect(done) + [self._running.pop(f) for f in not_done]
                self._restart(lost)
        return self._ready.popleft()

    def _collect(self, done) -> list[int]:
        lost = []
        for f in sorted(done, key=self._running.__getitem__):
            block = self._running.pop(f)
            exc = f.exception()
            if exc is None:
                self._ready.append((block, f.result()))
            elif isinstance(exc, BrokenProcessPool):
                lost.append(block)
            else:
                self.close()
                raise exc
        return lost

    def _restart(self, lost: list[int]) -> None:
        from flashpoint.backends import BackendError

        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None
        if os.path.exists(self._world_file + ".unguarded"):
            self.close()
            raise BackendError(UNGUARDED)
        for block in sorted(lost):
            self._attempts[block] += 1
            if self._attempts[block] > self.max_retries:
                self.close()
                raise BackendError(f"block {block}: its worker process died {self._attempts[block]} times "
                                   "(out of memory? try fewer --workers); giving up")
        for block in sorted(lost):
            self.submit(block)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._world_file is not None:
            for path in (self._world_file, self._world_file + ".unguarded"):
                if os.path.exists(path):
                    os.unlink(path)
            if os.environ.get(_FLAG) == self._world_file + ".unguarded":
                del os.environ[_FLAG]
            self._world_file = None
        self._running.clear()
