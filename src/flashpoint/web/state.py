"""What the app shares between requests, passed to the routers as a dependency (``Depends(get_state)``).

One :class:`State` per app (``app.state.flashpoint``): the limits, the scenario catalog, the
policy-summary cache, the job manager, the event store, and the forecasts' evaluations.

Each policy is simulated at most once for a given (scenario, file version, policy, runs, seed,
overrides): a job that needs a policy another job is simulating waits for that result instead of
simulating it again (compare and claims jobs started together share ``historical``).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from fastapi import Request

from flashpoint.web import results as res
from flashpoint.web.catalog import Catalog
from flashpoint.web.jobs import Job, JobManager, Limits
from flashpoint.web.record import Events


class State:
    def __init__(self, data_dir: Path, store, limits: Limits):
        self.data_dir = data_dir
        self.limits = limits
        self.catalog = Catalog(data_dir / "scenarios")
        self.cache = res.ResultCache(limits.cache_bytes)
        self.jobs = JobManager(limits)
        self.events = Events(store if store is not None else data_dir / "events.duckdb")
        self.evaluations: list[dict] = []   # forecasts and their scores, once `flashpoint evaluate` is wired in
        self._flight: dict[tuple, threading.Lock] = {}
        self._flight_lock = threading.Lock()
        self.simulated = 0                   # policy summaries simulated (the tests count them)
        self.audits: OrderedDict[tuple, dict] = OrderedDict()   # structure audits, the latest 16

    def _key_lock(self, key: tuple) -> threading.Lock:
        with self._flight_lock:
            return self._flight.setdefault(key, threading.Lock())

    def _release(self, key: tuple, lock: threading.Lock) -> None:
        with self._flight_lock:
            if self._flight.get(key) is lock and not lock.locked():
                del self._flight[key]

    def policy_results(self, job: Job | None, sc, digest: str, policies: list[str], runs: int, seed: int,
                       needs: list, overrides: dict | None = None, posterior=None,
                       ) -> dict[str, res.PolicyResult] | None:
        """Each policy's summary (its runs drawing their parameters from ``posterior``, a file, if given);
        with ``job`` None, only from the cache (None if any is missing)."""
        label = res.parameters_label(posterior)
        keys = {p: (sc.name, digest, p, runs, seed, res.overrides_key(sc, p, overrides), label) for p in policies}
        found = {p: self.cache.get(k, needs) for p, k in keys.items()}
        missing = [p for p, r in found.items() if r is None]
        if job is None:
            return None if missing else found
        total = runs * len(missing)
        job.progress(0, total, "starting")
        for i, p in enumerate(missing):
            base = i * runs
            what = f"{p} ({i + 1} of {len(missing)})"
            lock = self._key_lock(keys[p])
            if lock.locked():
                job.progress(base, total, f"waiting for {what}, which another job is simulating")
            with lock:   # one simulation per key: whoever comes second reads the first one's result
                r = self.cache.get(keys[p], needs)
                if r is None:
                    job.progress(base, total, f"simulating {what}")
                    step = lambda done, _t, base=base, what=what: job.progress(  # noqa: E731
                        base + done, total, f"simulating {what}")
                    r = res.summarize_policy(sc, digest, p, runs, seed, needs, progress=step,
                                             overrides=keys[p][-2], posterior=posterior)
                    self.simulated += 1
                    self.cache.put(r)
            self._release(keys[p], lock)
            found[p] = r
        job.progress(total, total, "summarizing")
        return found


    def claim_audits(self, job: Job | None, sc, digest: str, chosen: list, seed: int, trajectories: int,
                     replicates: int, overrides: dict | None) -> dict | None:
        """The structure audit of the ``chosen`` claims (:func:`flashpoint.analysis.audit.audit`), run once
        and kept: it samples the declared ranges, so it depends on the fixed overrides, not on the runs or
        the parameter set. With ``job`` None, only a kept one (or None)."""
        from flashpoint.analysis.audit import audit

        key = (sc.name, digest, tuple(c.id for c in chosen), seed, trajectories, replicates,
               tuple(sorted((overrides or {}).items())))
        with self._flight_lock:
            if key in self.audits:
                return self.audits[key]
        if job is None:
            return None
        lock = self._key_lock(("audit", *key))
        with lock:
            found = self.audits.get(key)
            if found is None:
                step = lambda done, total: job.progress(done, total, "auditing the claims' structure")  # noqa: E731
                found = audit(sc, chosen, trajectories=trajectories, replicates=replicates, seed=seed,
                              overrides=overrides, progress=step)
                with self._flight_lock:
                    self.audits[key] = found
                    while len(self.audits) > 16:
                        self.audits.popitem(last=False)
        self._release(("audit", *key), lock)
        return found


def get_state(request: Request) -> State:
    """The app's shared state (a FastAPI dependency)."""
    return request.app.state.flashpoint
