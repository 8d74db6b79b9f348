"""The ``ray`` backend: one Ray task per block.

``address`` joins an existing cluster (``"auto"``, ``"HOST:PORT"`` or a Ray Client
``"ray://HOST:10001"``); without it a private local Ray is started with ``num_cpus=workers``
(``address="local"``, so a cluster someone else started on this machine is never joined by
accident) and without the dashboard. If Ray is already initialised in this process, that
connection is used as it is. Ray is imported only when this backend is used.

The compiled world is put in the object store once; each task carries its block index. Ray
re-runs a task whose worker process died (``max_retries``); exceptions raised by the work itself
are not retried (``retry_exceptions=False``) and reach the caller as themselves.
"""
from __future__ import annotations

import logging

import numpy as np

_REMOTE: dict[int, object] = {}


def import_ray():
    from flashpoint.backends import BackendError

    try:
        import ray
    except ImportError as exc:
        raise BackendError("--backend ray needs Ray, which is not installed: pip install 'flashpoint[all]' "
                           "(or 'flashpoint[distributed]')") from exc
    return ray


def _reachable(address: str, timeout: float = 5.0) -> str | None:
    """For ``HOST:PORT`` or ``ray://HOST:PORT``: None if a TCP connection opens, else why not.
    (``ray.init`` itself keeps retrying an unreachable address for minutes.)"""
    import socket

    hostport = address.split("://", 1)[1] if "://" in address else address
    host, sep, port = hostport.rpartition(":")
    if not sep or not port.isdigit():
        return None  # "auto" and the like: Ray resolves them itself
    try:
        with socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout=timeout):
            return None
    except OSError as exc:
        return f"nothing answers at {host}:{port} ({exc.strerror or exc})"


def connect(ray, workers: int | None, address: str | None) -> bool:
    """Make sure this process is connected to Ray; True if this call started it."""
    from flashpoint.backends import BackendError, default_workers

    if ray.is_initialized():
        return False
    hint = (" (is it running? `ray start --head` on the head node prints its address, "
            "e.g. HOST:6379, or use ray://HOST:10001 for Ray Client)")
    if address:
        why = _reachable(address)
        if why:
            raise BackendError(f"could not connect to the Ray cluster at {address!r}: {why}{hint}")
    try:
        if address:
            ray.init(address=address, logging_level=logging.WARNING)
        else:
            ray.init(address="local", num_cpus=workers or default_workers(), include_dashboard=False,
                     logging_level=logging.WARNING)
    except (ConnectionError, TimeoutError, ValueError) as exc:
        if address:
            raise BackendError(f"could not connect to the Ray cluster at {address!r}: {exc}{hint}") from exc
        raise BackendError(f"could not start a local Ray instance: {exc}") from exc
    return True


def _task(world, fn, block: int, seed: int):
    return fn(world, block, seed)


def _remote(ray, max_retries: int):
    if max_retries not in _REMOTE:
        _REMOTE[max_retries] = ray.remote(num_cpus=1, max_retries=max_retries, retry_exceptions=False)(_task)
    return _REMOTE[max_retries]


def _own(obj):
    """A copy whose arrays live in this process's memory (``ray.get`` returns read-only views into
    the object store, which pin the object for as long as they live)."""
    if isinstance(obj, np.ndarray):
        return np.array(obj, copy=True)
    if isinstance(obj, dict):
        return {k: _own(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_own(v) for v in obj)
    return obj


class Executor:
    def __init__(self, world, seed, fn, workers=None, address=None, max_retries=3):
        self.ray = ray = import_ray()
        connect(ray, workers, address)
        self.seed, self.fn, self.max_retries = seed, fn, max_retries
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.parallelism = min(workers, cpus) if workers else cpus
        self._task = _remote(ray, max_retries)
        self._world = ray.put(world)
        self._running: dict = {}   # ObjectRef -> block

    def submit(self, block: int) -> None:
        ref = self._task.remote(self._world, self.fn, block, self.seed)
        self._running[ref] = block

    def next_done(self):
        from flashpoint.backends import BackendError

        ray = self.ray
        ready, _ = ray.wait(list(self._running), num_returns=1)
        ref = ready[0]
        block = self._running.pop(ref)
        try:
            result = ray.get(ref)
        except ray.exceptions.RayTaskError as exc:  # raised by the work itself: pass it on as itself
            self.close()
            cause = getattr(exc, "cause", None)
            raise (cause if isinstance(cause, BaseException) else exc) from None
        except ray.exceptions.RayError as exc:  # worker or node died more than max_retries times
            self.close()
            raise BackendError(f"block {block} failed on Ray after {self.max_retries} retries: "
                               f"{type(exc).__name__}: {exc}") from exc
        del ref
        return block, _own(result)

    def close(self) -> None:
        for ref in list(self._running):
            try:
                self.ray.cancel(ref, force=True)
            except Exception:  # already finished or gone
                pass
        self._running.clear()
        self._world = None
