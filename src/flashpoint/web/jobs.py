"""Background jobs: a bounded queue, a fixed number of worker threads, progress and cancellation.

A job is identified by what it computes: its id is a hash of (kind, inputs), so asking twice for
the same simulation gives the same job (queued, running or finished) instead of a second one.
When the queue is full, :meth:`JobManager.submit` raises :class:`QueueFull` (the API answers 429).
A job's result is kept as the JSON bytes the API serves, so a finished job costs no recomputation.
"""
from __future__ import annotations

import hashlib
import json
import math
import queue
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

__all__ = ["Limits", "Job", "JobManager", "QueueFull", "JobCancelled", "job_id", "dumps"]


@dataclass(frozen=True)
class Limits:
    """What one server accepts: caps on work per request, on concurrent jobs, on memory kept."""

    max_runs: int = 20_000                 # runs per policy in one request
    max_runs_per_request: int = 50_000     # runs x policies simulated for one request
    max_jobs: int = 2                      # jobs running at once (worker threads)
    queue_size: int = 16                   # jobs waiting beyond those running
    job_history: int = 256                 # finished jobs kept (with their results)
    cache_bytes: int = 256 * 1024**2       # policy summaries kept in memory
    max_events: int = 500                  # events per page of the event browser
    request_seconds: int = 60              # time a request may take before its answer starts (then 503)

    def __post_init__(self):
        for name in ("max_runs", "max_runs_per_request", "max_jobs", "queue_size", "job_history",
                     "cache_bytes", "max_events", "request_seconds"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                raise ValueError(f"limit {name} must be a positive integer, got {v!r}")


class QueueFull(Exception):
    """No room in the job queue."""


class JobCancelled(Exception):
    """Raised inside a job's progress callback once the job was cancelled."""


def dumps(obj: Any) -> bytes:
    """Strict JSON (NaN and infinities become null)."""
    return json.dumps(_finite(obj), separators=(",", ":"), allow_nan=False).encode("utf-8")


def _finite(obj):
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def job_id(kind: str, params: dict) -> str:
    text = json.dumps([kind, params], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@dataclass
class Job:
    id: str
    kind: str
    params: dict
    work: Callable[["Job"], dict] | None = None
    status: str = "queued"          # queued | running | done | failed | cancelled
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    done: int = 0                   # runs simulated so far
    total: int = 0                  # runs this job simulates (0 when all were cached)
    message: str = "waiting in the queue"
    error: str | None = None
    cached: bool = False
    result: bytes | None = None
    cancel_event: threading.Event = field(default_factory=threading.Event)
    holders: int = 1                # the requests that asked for it while it was unfinished: a cancel
                                    # stops it only when none is left (another tab's shared job runs on)

    def progress(self, done: int, total: int | None = None, message: str | None = None) -> None:
        if self.cancel_event.is_set():
            raise JobCancelled()
        self.done = int(done)
        if total is not None:
            self.total = int(total)
        if message is not None:
            self.message = message

    def stages(self, totals: list[int]) -> "Stages":
        """Progress over steps run one after another, each counting its own runs (see :class:`Stages`)."""
        return Stages(self, totals)

    @property
    def finished_state(self) -> bool:
        return self.status in ("done", "failed", "cancelled")

    def describe(self, position: int | None = None) -> dict:
        now = time.time()
        return {
            "id": self.id, "kind": self.kind, "params": self.params, "status": self.status,
            "done": self.done, "total": self.total,
            "fraction": 1.0 if self.status == "done" else (self.done / self.total if self.total else 0.0),
            "message": self.message, "error": self.error, "cached": self.cached,
            "queue_position": position,
            "created": self.created, "started": self.started, "finished": self.finished,
            # a job cancelled before it started ran for no time (it counted down from its finish: a held-out tester)
            "elapsed_s": 0.0 if self.started is None else round((self.finished or now) - self.started, 3),
            "result_url": f"/api/jobs/{self.id}/result" if self.status == "done" else None,
            "followers": 0 if self.finished_state else max(self.holders, 0),
        }


def _hold(job: Job) -> None:
    """One more request follows ``job``: one that every earlier follower let go of (a reloaded page lets go of its
    job, then asks for it again) runs on, not cancelled under the new request (a held-out tester's reload left a
    phantom follower, and Cancel then said another view still followed)."""
    if not job.finished_state:
        job.holders = max(job.holders, 0) + 1
        job.cancel_event.clear()


class JobManager:
    """Runs jobs on ``limits.max_jobs`` worker threads from a queue of at most ``limits.queue_size``."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self._queue: queue.Queue[Job | None] = queue.Queue(maxsize=limits.queue_size)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._stopping = False

    # -- lifecycle ---------------------------------------------------------------------------------
    def start(self) -> None:
        with self._lock:
            if self._threads or self._stopping:
                return
            for i in range(self.limits.max_jobs):
                t = threading.Thread(target=self._worker, name=f"flashpoint-job-{i}", daemon=True)
                t.start()
                self._threads.append(t)

    def stop(self, timeout: float = 5.0) -> None:
        with self._lock:
            self._stopping = True
            threads, self._threads = self._threads, []
            for job in self._jobs.values():
                if not job.finished_state:
                    job.cancel_event.set()
        for _ in threads:
            try:
                self._queue.put(None, timeout=timeout)
            except queue.Full:
                pass
        for t in threads:
            t.join(timeout)

    # -- submitting --------------------------------------------------------------------------------
    def submit(self, kind: str, params: dict, work: Callable[[Job], dict],
               immediate: Callable[[], dict | None] | None = None) -> Job:
        """The job for (kind, params): an existing one unless it failed or was cancelled, else a new one.

        ``immediate()`` may answer at once from cached results (the job is then done without queueing);
        ``work(job)`` runs on a worker, reporting through ``job.progress``. Raises QueueFull.
        """
        jid = job_id(kind, params)
        with self._lock:
            old = self._jobs.get(jid)
            if old is not None and old.status in ("queued", "running", "done"):
                self._jobs.move_to_end(jid)
                _hold(old)
                return old
        answer = immediate() if immediate is not None else None
        job = Job(jid, kind, params, work)
        if answer is not None:
            job.result = dumps(answer)
            job.status, job.cached, job.message = "done", True, "from the cache"
            job.started = job.finished = time.time()
            with self._lock:
                self._remember(job)
            return job
        self.start()
        with self._lock:
            old = self._jobs.get(jid)   # another request may have queued it meanwhile
            if old is not None and old.status in ("queued", "running", "done"):
                _hold(old)
                return old
            if self._stopping:
                raise QueueFull("the server is shutting down")
            try:
                self._queue.put_nowait(job)
            except queue.Full:
                raise QueueFull(f"the job queue is full ({self.limits.queue_size} waiting); try again shortly") from None
            self._remember(job)
        return job

    def _remember(self, job: Job) -> None:
        self._jobs[job.id] = job
        self._jobs.move_to_end(job.id)
        finished = [j for j in self._jobs.values() if j.finished_state]
        excess = len(finished) - self.limits.job_history
        for j in finished[:max(0, excess)]:
            self._jobs.pop(j.id, None)

    # -- reading -----------------------------------------------------------------------------------
    def get(self, jid: str) -> Job | None:
        with self._lock:
            return self._jobs.get(jid)

    def position(self, job: Job) -> int | None:
        """1-based place in the queue of a queued job."""
        if job.status != "queued":
            return None
        with self._lock:
            waiting = [j for j in self._jobs.values() if j.status == "queued"]
        waiting.sort(key=lambda j: j.created)
        return next((i + 1 for i, j in enumerate(waiting) if j.id == job.id), None)

    def jobs(self) -> list[Job]:
        with self._lock:
            return list(reversed(self._jobs.values()))

    def cancel(self, jid: str) -> Job | None:
        with self._lock:
            job = self._jobs.get(jid)
            if job is None:
                return None
            if not job.finished_state:
                job.holders -= 1
                if job.holders > 0:         # another request still waits for it
                    return job
                job.cancel_event.set()
                if job.status == "queued":
                    job.status, job.message, job.finished = "cancelled", "cancelled before it started", time.time()
            return job

    def stats(self) -> dict:
        with self._lock:
            states = [j.status for j in self._jobs.values()]
        return {"queued": states.count("queued"), "running": states.count("running"),
                "max_jobs": self.limits.max_jobs, "queue_size": self.limits.queue_size,
                "kept": len(states)}

    # -- working -----------------------------------------------------------------------------------
    def _worker(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            if job.cancel_event.is_set() or job.status != "queued":
                continue
            job.status, job.started, job.message = "running", time.time(), "starting"
            try:
                answer = job.work(job)
                job.result = dumps(answer)
                job.status, job.message = "done", "done"
                job.done = job.total       # parts answered from the cache count in total, not in done (a held-out
                                           # designer's finished job showed 120 of 180)
            except JobCancelled:
                job.status, job.message = "cancelled", "cancelled"
            except Exception as exc:  # noqa: BLE001 - a job's failure is reported, never raised in the server
                job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"
                job.message = "failed"
            finally:
                job.finished = time.time()
                job.work = None


class Stages:
    """A job's progress over steps run one after another (the claims: each parameter set's policies, then the
    audit), each of which reports its own (done, total): shown as one count that never goes back, the runs of
    the steps before plus this step's, out of all steps' planned runs. ``next()`` moves to the next step."""

    def __init__(self, job: Job, totals: list[int]):
        self.job, self.totals, self.step, self.offset = job, list(totals), 0, 0

    def progress(self, done: int, total: int | None = None, message: str | None = None) -> None:
        self.job.progress(self.offset + min(int(done), self.totals[self.step]), sum(self.totals), message)

    def next(self) -> None:
        self.offset += self.totals[self.step]
        self.step = min(self.step + 1, len(self.totals) - 1)
