"""The FastAPI app behind ``flashpoint serve``: a JSON API and one page.

``create_app(data_dir, store, limits)`` builds it. What a request may touch on disk:

* the package's own static files (``/static/...``; Starlette refuses paths leading out of them);
* scenario YAML files directly inside ``data_dir/scenarios`` (named by their stem; a request names
  a scenario, and the name is looked up in the listing, never joined to a path);
* the event store given when the app was built (default ``data_dir/events.duckdb``).

Nothing a request sends is executed or evaluated: names are looked up in tables, numbers are
checked against the limits, and event filters reach the store as bound SQL parameters.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import threading
import time
from collections import OrderedDict
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal, Optional, Union

import numpy as np
import pandas as pd
from fastapi import FastAPI, HTTPException, Path as PathParam, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from flashpoint.errors import FlashpointError
from flashpoint.ensemble import INDICATORS
from flashpoint.web import models as m
from flashpoint.web import results as res
from flashpoint.web.jobs import Job, JobManager, Limits, QueueFull, dumps

STATIC_DIR = Path(str(resources.files("flashpoint.web").joinpath("static")))
SCENARIO_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
JOB_ID = r"^[0-9a-f]{20}$"
MAX_BODY = 64 * 1024
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]", "testserver"]
EVENTS_TTL = 2.0

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


JobId = Annotated[str, PathParam(pattern=JOB_ID, description="20 hex digits")]
Actor = Annotated[Optional[str], Query(max_length=80, description="an actor id (either side), e.g. kh")]
ScenarioName = Annotated[str, PathParam(max_length=64)]


def default_data_dir() -> Path:
    """``$FLASHPOINT_WEB_DATA``, else the user's Flashpoint data directory (where the default store lives)."""
    if os.environ.get("FLASHPOINT_WEB_DATA"):
        return Path(os.environ["FLASHPOINT_WEB_DATA"]).expanduser()
    try:
        import platformdirs

        return platformdirs.user_data_path("flashpoint", appauthor=False)
    except ImportError:
        return Path.home() / ".local" / "share" / "flashpoint"


def invalid(loc: tuple, msg: str, value=None) -> RequestValidationError:
    """A 422 in FastAPI's own shape, naming the field at ``loc``."""
    return RequestValidationError([{"type": "value_error", "loc": loc, "msg": msg, "input": value}])


class SecurityMiddleware:
    """Security headers on every answer, and a cap on request bodies (413 beyond ``MAX_BODY`` bytes)."""

    def __init__(self, app, max_body: int = MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_body:
                return await self._too_large(send)
        seen = 0
        started = False

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _BodyTooLarge()
            return message

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _BodyTooLarge:
            if not started:
                await self._too_large(send)

    async def _too_large(self, send):
        body = dumps({"detail": f"request body larger than {self.max_body} bytes"})
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
                    + SECURITY_HEADERS})
        await send({"type": "http.response.body", "body": body})


class _BodyTooLarge(Exception):
    pass


# -- scenarios ---------------------------------------------------------------------------------------
class Catalog:
    """Built-in scenarios and the YAML files directly inside ``data_dir/scenarios``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._loaded: dict[tuple[str, str], object] = {}
        self._indicators: dict[tuple[str, str], list[str]] = {}
        self._lock = threading.Lock()

    def listing(self) -> dict[str, tuple[str, Path | None]]:
        """name -> ("built-in" | "data directory", file or None)."""
        from flashpoint.scenario.loader import builtin_names

        out: dict[str, tuple[str, Path | None]] = {n: ("built-in", None) for n in builtin_names()}
        try:
            root = self.folder.resolve()
            entries = sorted(self.folder.iterdir()) if self.folder.is_dir() else []
        except OSError:
            entries, root = [], self.folder
        for p in entries:
            name = p.name[:-5] if p.name.endswith(".yaml") else None
            if not name or name in out or not SCENARIO_NAME.match(name) or p.is_symlink() or not p.is_file():
                continue
            if p.resolve().parent != root:  # belt and braces: only files that live in the folder itself
                continue
            out[name] = ("data directory", p)
        return out

    def get(self, name: str, loc: tuple):
        """(Scenario, digest, source) for a listed name; a 422 naming ``loc`` otherwise."""
        from flashpoint.scenario.loader import load_scenario

        listing = self.listing()
        if name not in listing:
            known = ", ".join(listing)
            raise invalid(loc, f"unknown scenario {name[:64]!r}; known: {known}", name)
        source, path = listing[name]
        if path is None:
            digest = "built-in"
        else:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
            except OSError as exc:
                raise invalid(loc, f"scenario {name!r} cannot be read: {exc.strerror}", name) from None
        with self._lock:
            sc = self._loaded.get((name, digest))
        if sc is None:
            try:
                sc = load_scenario(name if path is None else path)
            except FlashpointError as exc:
                raise invalid(loc, f"scenario {name!r} does not load: {exc}", name) from None
            with self._lock:
                self._loaded[(name, digest)] = sc
        return sc, digest, source

    def indicators(self, sc, digest: str) -> list[str]:
        """The indicators drawn for a scenario (base ones and the attack breakdowns)."""
        key = (sc.name, digest)
        with self._lock:
            names = self._indicators.get(key)
        if names is None:
            from flashpoint.engine import simulate

            probe = simulate(sc, policy=next(iter(sc.policies)), runs=1, seed=0)
            names = res.fan_indicators({b: probe.breakdowns(b) for b in res.FAN_BREAKDOWNS})
            with self._lock:
                self._indicators[key] = names
        return names


# -- events ------------------------------------------------------------------------------------------
class Events:
    """The event store, opened on first use and held; the curated dataset if the store cannot open."""

    def __init__(self, store):
        self._spec = store
        self._store = None
        self._frame: pd.DataFrame | None = None
        self.source = ""
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple, tuple[float, bytes]] = OrderedDict()
        self._summaries: dict[str, str] | None = None

    def _open(self) -> None:
        if self._store is not None or self._frame is not None:
            return
        spec = self._spec
        if spec is not None and not isinstance(spec, (str, os.PathLike)):
            self._store, self.source = spec, f"event store {getattr(spec, 'path', '')}"
            return
        try:
            from flashpoint.events.store import EventStore

            self._store = EventStore(spec)
            self.source = f"event store {self._store.path}"
        except (ImportError, FlashpointError) as exc:
            from flashpoint.events.curated import load_curated_events

            self._frame = load_curated_events()
            self.source = f"curated dataset iraq-2019-2020 (the event store is unavailable: {exc})"

    def close(self) -> None:
        with self._lock:
            if self._store is not None and isinstance(self._spec, (str, os.PathLike, type(None))):
                self._store.close()
            self._store = None

    def summaries(self) -> dict[str, str]:
        if self._summaries is None:
            from flashpoint.events.curated import DATASET, load_curated_table

            t = load_curated_table()
            self._summaries = dict(zip(t["event_id"], t["summary"])) if "summary" in t else {}
            self._summaries = {k: v for k, v in self._summaries.items() if str(k).startswith(DATASET)}
        return self._summaries

    def page(self, filters: dict, limit: int, offset: int) -> bytes:
        key = (tuple(sorted(filters.items())), limit, offset)
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and now - hit[0] < EVENTS_TTL:
                return hit[1]
            self._open()
            if self._store is not None:
                frame = self._store.query(**filters, limit=offset + limit + 1)
            else:
                frame = _filter_frame(self._frame, **filters).head(offset + limit + 1)
            source = self.source
        rows = frame.iloc[offset:offset + limit]
        summaries = self.summaries()
        events = [_event_row(r, summaries) for r in rows.to_dict("records")]
        body = dumps({"events": events, "offset": offset, "limit": limit,
                      "has_more": len(frame) > offset + limit, "source": source})
        with self._lock:
            self._cache[key] = (now, body)
            while len(self._cache) > 128:
                self._cache.popitem(last=False)
        return body


def _filter_frame(frame: pd.DataFrame, actor=None, source=None, target=None, start=None, end=None,
                  plover_type=None, mode=None, dataset=None) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    if actor:
        keep &= frame["source_actor"].eq(actor).fillna(False) | frame["target_actor"].eq(actor).fillna(False)
    if source:
        keep &= frame["source_actor"].eq(source).fillna(False)
    if target:
        keep &= frame["target_actor"].eq(target).fillna(False)
    if start is not None:
        keep &= frame["date"] >= pd.Timestamp(start)
    if end is not None:
        keep &= frame["date"] <= pd.Timestamp(end)
    if plover_type:
        keep &= frame["plover_type"].eq(plover_type).fillna(False)
    if mode:
        keep &= frame["mode"].eq(mode).fillna(False)
    if dataset:
        keep &= frame["provenance"].str.contains(f'"dataset": "{dataset}"', regex=False).fillna(False)
    return frame[keep].sort_values(["date", "event_id"])


def _event_row(r: dict, summaries: dict[str, str]) -> dict:
    out = {}
    for k, v in r.items():
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and not np.isfinite(v)):
            out[k] = None
        elif isinstance(v, pd.Timestamp):
            out[k] = v.date().isoformat()
        elif isinstance(v, (np.integer,)):
            out[k] = int(v)
        elif isinstance(v, (np.floating,)):
            out[k] = float(v)
        else:
            out[k] = v
    out["summary"] = summaries.get(out.get("event_id"))
    return out


# -- the app -----------------------------------------------------------------------------------------
class State:
    def __init__(self, data_dir: Path, store, limits: Limits):
        self.data_dir = data_dir
        self.limits = limits
        self.catalog = Catalog(data_dir / "scenarios")
        self.cache = res.ResultCache(limits.cache_bytes)
        self.jobs = JobManager(limits)
        self.events = Events(store if store is not None else data_dir / "events.duckdb")
        self._stripes = [threading.Lock() for _ in range(64)]

    def stripe(self, key: tuple) -> threading.Lock:
        return self._stripes[hash(key) % len(self._stripes)]

    # policy summaries, from the cache or simulated
    def policy_results(self, job: Job | None, sc, digest: str, policies: list[str], runs: int, seed: int,
                       needs: list) -> dict[str, res.PolicyResult] | None:
        """Each policy's summary; with ``job`` None, only from the cache (None if any is missing)."""
        keys = {p: (sc.name, digest, p, runs, seed) for p in policies}
        found = {p: self.cache.get(k, needs) for p, k in keys.items()}
        missing = [p for p, r in found.items() if r is None]
        if job is None:
            return None if missing else found
        total = runs * len(missing)
        job.progress(0, total, "starting")
        for i, p in enumerate(missing):
            base = i * runs
            job.progress(base, total, f"simulating {p} ({i + 1} of {len(missing)})")
            with self.stripe(keys[p]):
                r = self.cache.get(keys[p], needs)
                if r is None:
                    step = lambda done, _t, base=base, p=p, i=i: job.progress(  # noqa: E731
                        base + done, total, f"simulating {p} ({i + 1} of {len(missing)})")
                    r = res.summarize_policy(sc, digest, p, runs, seed, needs, progress=step)
                    self.cache.put(r)
            found[p] = r
        job.progress(total, total, "summarizing")
        return found


def create_app(data_dir: str | os.PathLike | None = None, store=None, limits: Limits | None = None, *,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app. ``store``: an EventStore, a path to one, or None for ``data_dir/events.duckdb``.
    ``allowed_hosts``: Host headers accepted (default: loopback names), against DNS rebinding."""
    from flashpoint import __version__

    data_dir = Path(data_dir).expanduser() if data_dir is not None else default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "scenarios").mkdir(exist_ok=True)
    limits = limits or Limits()
    state = State(data_dir, store, limits)

    @asynccontextmanager
    async def lifespan(app):
        import anyio

        await anyio.to_thread.run_sync(warm)   # so that the first requests do not all pay for it at once
        yield
        state.jobs.stop()
        state.events.close()

    app = FastAPI(
        title="Flashpoint", version=__version__, lifespan=lifespan,
        description=("Simulate the US-Iran-Iraq proxy conflict (2019-2021) under named policies, compare them "
                     "with paired runs, test the analyses' claims, and browse the event record. Simulations "
                     "run as background jobs: POST a request, poll `/api/jobs/{id}`, then GET its `result_url`."),
        docs_url=None, redoc_url=None, swagger_ui_oauth2_redirect_url=None,
    )
    app.state.flashpoint = state
    app.add_middleware(SecurityMiddleware)
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOOPBACK_HOSTS)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.exception_handler(FlashpointError)
    async def _flashpoint_error(request: Request, exc: FlashpointError):
        return JSONResponse(status_code=422, content={"detail": [{"type": "value_error", "loc": ["query"],
                                                                  "msg": str(exc)}]})

    # -- helpers --------------------------------------------------------------------------------------
    def check_runs(runs: int, n_policies: int, loc=("body", "runs")) -> None:
        if runs > limits.max_runs:
            raise invalid(loc, f"runs must be at most {limits.max_runs} per policy on this server", runs)
        if runs * n_policies > limits.max_runs_per_request:
            raise invalid(loc, f"{runs} runs x {n_policies} policies = {runs * n_policies} runs; this server "
                               f"simulates at most {limits.max_runs_per_request} runs per request", runs)

    def check_policy(sc, policy: str, loc: tuple) -> None:
        if policy not in sc.policies:
            raise invalid(loc, f"unknown policy {policy[:64]!r} for scenario {sc.name}; known: "
                               f"{', '.join(sc.policies)}", policy)

    def job_answer(job: Job, response: Response) -> dict:
        response.status_code = 200 if job.status == "done" else 202
        response.headers["Location"] = f"/api/jobs/{job.id}"
        return job.describe(state.jobs.position(job))

    def submit(kind: str, params: dict, compute) -> Job:
        """Queue ``compute(job)``; ``compute(None)`` answers at once from the cache, or gives None."""
        try:
            return state.jobs.submit(kind, params, compute, lambda: compute(None))
        except QueueFull as exc:
            raise HTTPException(status_code=429, detail=str(exc), headers={"Retry-After": "5"}) from None

    infos: dict[tuple[str, str], dict] = {}

    def warm() -> None:
        """Load the built-in scenarios, their indicator lists, the record's tables and the event store."""
        for name in state.catalog.listing():
            try:
                scenario_info(name, ("path", "name"))
            except RequestValidationError:
                pass
        res_observed_names()
        plover_types()
        observed_table()
        try:
            state.events.page({}, 1, 0)
        except Exception:  # noqa: BLE001 - reported when the events are asked for
            pass

    def scenario_info(name: str, loc: tuple) -> dict:
        sc, digest, source = state.catalog.get(name, loc)
        key = (name, digest)
        if key not in infos:
            infos[key] = build_info(name, sc, digest, source)
        return infos[key]

    def build_info(name: str, sc, digest: str, source: str) -> dict:
        observed = set(res_observed_names())
        return {
            "name": name, "title": sc.title, "description": sc.description.strip(),
            "start": sc.start.isoformat(), "end": sc.end.isoformat(), "source": source,
            "policies": [{"name": k, "description": p.description.strip()} for k, p in sc.policies.items()],
            "claims": [{"id": c.id, "statement": c.statement, "indicator": c.indicator, "policy": c.policy,
                        "baseline": c.baseline, "window": [c.window[0].isoformat(), c.window[1].isoformat()],
                        "direction": c.direction} for c in sc.claims],
            "indicators": [{"name": n, **res.indicator_meta(n), "observed": n in observed}
                           for n in state.catalog.indicators(sc, digest)],
            "schedule": [{"id": e.id, "date": e.date.isoformat(), "type": e.type, "description": e.description}
                         for e in sc.schedule],
        }

    # -- page and health ------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html",
                            headers={"Cache-Control": "no-cache"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return Response(status_code=204)

    @app.get("/api/health", tags=["server"], summary="Liveness, limits, queue and cache")
    def health() -> dict:
        return {"status": "ok", "version": __version__,
                "limits": {k: getattr(limits, k) for k in limits.__dataclass_fields__},
                "queue": state.jobs.stats(), "cache": state.cache.stats()}

    # -- scenarios ------------------------------------------------------------------------------------
    @app.get("/api/scenarios", response_model=list[m.ScenarioInfo], tags=["scenarios"],
             summary="Scenarios: built-in ones and YAML files in the data directory's scenarios/ folder")
    def scenarios():
        return [scenario_info(n, ("path", "name")) for n in state.catalog.listing()]

    @app.get("/api/scenarios/{name}", response_model=m.ScenarioInfo, tags=["scenarios"],
             summary="One scenario: policies, claims, indicators, schedule")
    def scenario(name: ScenarioName):
        return scenario_info(name, ("path", "name"))

    # -- simulations ----------------------------------------------------------------------------------
    @app.post("/api/run", response_model=m.JobInfo, status_code=202, tags=["simulations"],
              summary="Simulate one policy (a background job)",
              responses={200: {"description": "already done (cached)", "model": m.JobInfo},
                         429: {"description": "the job queue is full"}})
    def run(req: m.RunRequest, response: Response):
        sc, digest, _ = state.catalog.get(req.scenario, ("body", "scenario"))
        check_policy(sc, req.policy, ("body", "policy"))
        check_runs(req.runs, 1)
        needs: list = []
        params = {"scenario": req.scenario, "digest": digest, "policy": req.policy, "runs": req.runs,
                  "seed": req.seed}

        def answer(found):
            return None if found is None else res.run_answer(sc, found[req.policy])

        job = submit("run", params, lambda job: answer(state.policy_results(job, sc, digest, [req.policy], req.runs,
                                                                            req.seed, needs)))
        return job_answer(job, response)

    @app.post("/api/compare", response_model=m.JobInfo, status_code=202, tags=["simulations"],
              summary="Simulate several policies with common random numbers and compare them (a background job)",
              responses={200: {"description": "already done (cached)", "model": m.JobInfo},
                         429: {"description": "the job queue is full"}})
    def compare(req: m.CompareRequest, response: Response):
        sc, digest, _ = state.catalog.get(req.scenario, ("body", "scenario"))
        seen = set()
        for i, p in enumerate(req.policies):
            check_policy(sc, p, ("body", "policies", i))
            if p in seen:
                raise invalid(("body", "policies", i), f"policy {p!r} is listed twice", p)
            seen.add(p)
        check_runs(req.runs, len(req.policies))
        start = req.window_start or sc.start
        end = req.window_end or sc.end
        if not sc.start <= start <= sc.end:
            raise invalid(("body", "window_start"), f"window_start must lie within {sc.start}..{sc.end}",
                          str(start))
        if not sc.start <= end <= sc.end:
            raise invalid(("body", "window_end"), f"window_end must lie within {sc.start}..{sc.end}", str(end))
        if end < start:
            raise invalid(("body", "window_end"), f"window_end {end} is before window_start {start}", str(end))
        window = (start.isoformat(), end.isoformat())
        needs = [(n, window) for n in INDICATORS]
        params = {"scenario": req.scenario, "digest": digest, "policies": list(req.policies), "runs": req.runs,
                  "seed": req.seed, "window": list(window)}

        def answer(found):
            return None if found is None else res.compare_answer(sc, [found[p] for p in req.policies], window)

        job = submit("compare", params, lambda job: answer(state.policy_results(job, sc, digest, list(req.policies),
                                                                                req.runs, req.seed, needs)))
        return job_answer(job, response)

    @app.post("/api/claims", response_model=m.JobInfo, status_code=202, tags=["simulations"],
              summary="Test the scenario's claims with paired runs: probability, interval, verdict (a background job)",
              responses={200: {"description": "already done (cached)", "model": m.JobInfo},
                         429: {"description": "the job queue is full"}})
    def claims(req: m.ClaimsRequest, response: Response):
        sc, digest, _ = state.catalog.get(req.scenario, ("body", "scenario"))
        if not sc.claims:
            raise invalid(("body", "scenario"), f"scenario {req.scenario} declares no claims", req.scenario)
        known = [c.id for c in sc.claims]
        if req.ids is not None:
            for i, cid in enumerate(req.ids):
                if cid not in known:
                    raise invalid(("body", "ids", i), f"unknown claim {cid[:64]!r}; known: {', '.join(known)}", cid)
        chosen, pols = res.claims_policies(sc, req.ids)
        if not chosen:
            raise invalid(("body", "ids"), "no claim chosen", req.ids)
        check_runs(req.runs, len(pols))
        params = {"scenario": req.scenario, "digest": digest, "ids": [c.id for c in chosen], "runs": req.runs,
                  "seed": req.seed}

        def answer(found):
            return None if found is None else res.claims_answer(sc, chosen, found, req.runs, req.seed)

        job = submit("claims", params,
                     lambda job: answer(state.policy_results(job, sc, digest, pols, req.runs, req.seed, [])))
        return job_answer(job, response)

    # -- jobs -----------------------------------------------------------------------------------------
    def find(job_id: str) -> Job:
        job = state.jobs.get(job_id)
        if job is None:
            raise HTTPException(status_code=404, detail=f"no job {job_id} (finished jobs are kept for a while)")
        return job

    @app.get("/api/jobs", response_model=m.JobList, tags=["jobs"], summary="Recent jobs, queue and cache")
    def jobs():
        return {"jobs": [j.describe(state.jobs.position(j)) for j in state.jobs.jobs()],
                "queue": state.jobs.stats(), "cache": state.cache.stats()}

    @app.get("/api/jobs/{job_id}", response_model=m.JobInfo, tags=["jobs"], summary="A job's status and progress")
    def job(job_id: JobId):
        j = find(job_id)
        return j.describe(state.jobs.position(j))

    @app.get("/api/jobs/{job_id}/result", tags=["jobs"], summary="A finished job's result",
             responses={200: {"description": "RunResult, CompareResult or ClaimsResult by the job's kind",
                              "model": Union[m.RunResult, m.CompareResult, m.ClaimsResult]},
                        409: {"description": "the job has not finished (or failed)"}})
    def job_result(job_id: JobId):
        j = find(job_id)
        if j.status != "done" or j.result is None:
            raise HTTPException(status_code=409, detail=f"job {job_id} is {j.status}"
                                + (f": {j.error}" if j.error else ""))
        return Response(content=j.result, media_type="application/json",
                        headers={"Cache-Control": "private, max-age=3600"})

    @app.delete("/api/jobs/{job_id}", response_model=m.JobInfo, tags=["jobs"],
                summary="Cancel a job (a running one stops after its current block of runs)")
    def cancel(job_id: JobId):
        j = state.jobs.cancel(job_id)
        if j is None:
            raise HTTPException(status_code=404, detail=f"no job {job_id}")
        return j.describe(state.jobs.position(j))

    # -- the record -----------------------------------------------------------------------------------
    @app.get("/api/observed", response_model=dict[str, list[m.ObservedRow]], tags=["record"],
             summary="Sourced period counts (the calibration targets) by indicator, with monthly rates")
    def observed(indicator: Annotated[Optional[str], Query(max_length=80)] = None):
        names = res_observed_names()
        if indicator is not None:
            base, _, key = indicator.partition(".")
            if base not in INDICATORS:
                raise invalid(("query", "indicator"), f"unknown indicator {indicator[:80]!r}; known: "
                                                      f"{', '.join(INDICATORS)}", indicator)
            names = [indicator]
        table = observed_table()
        return {n: table.get(n) or res.observed_rows(n) for n in names}

    @app.get("/api/events/facets", response_model=m.EventFacets, tags=["record"],
             summary="Values the event filters take")
    def facets():
        from flashpoint.events.actors import THEATRE_ACTORS
        from flashpoint.events.record import MODES

        return {"actors": [{"id": a.id, "label": a.label} for a in THEATRE_ACTORS.values()],
                "modes": list(MODES), "plover_types": plover_types()}

    @app.get("/api/events", response_model=m.EventPage, tags=["record"],
             summary="Events of the record, filtered, by date (curated events carry a summary)")
    def events(actor: Actor = None,
               source: Annotated[Optional[str], Query(max_length=80, description="the acting side")] = None,
               target: Annotated[Optional[str], Query(max_length=80, description="the side acted on")] = None,
               start: Annotated[Optional[dt.date], Query(description="first day (YYYY-MM-DD)")] = None,
               end: Annotated[Optional[dt.date], Query(description="last day (YYYY-MM-DD)")] = None,
               plover_type: Annotated[Optional[str], Query(max_length=20, description="PLOVER type, e.g. ASSAULT")] = None,
               mode: Annotated[Optional[Literal["indirect_fire", "ied_convoy", "drone", "missile", "airstrike"]],
                               Query(description="attack mode")] = None,
               dataset: Annotated[Optional[str], Query(max_length=80, description="dataset name")] = None,
               limit: Annotated[int, Query(ge=1, le=10_000)] = 50,
               offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0):
        if limit > limits.max_events:
            raise invalid(("query", "limit"), f"limit must be at most {limits.max_events}", limit)
        if plover_type is not None and plover_type.upper() not in plover_types():
            raise invalid(("query", "plover_type"), f"unknown PLOVER type {plover_type[:20]!r}; known: "
                                                    f"{', '.join(plover_types())}", plover_type)
        if start is not None and end is not None and end < start:
            raise invalid(("query", "end"), f"end {end} is before start {start}", str(end))
        filters = {k: v for k, v in dict(actor=actor or None, source=source or None, target=target or None,
                                         start=start.isoformat() if start else None,
                                         end=end.isoformat() if end else None,
                                         plover_type=plover_type.upper() if plover_type else None,
                                         mode=mode, dataset=dataset or None).items() if v is not None}
        body = state.events.page(filters, limit, offset)
        return Response(content=body, media_type="application/json")

    return app


_PLOVER: list[str] | None = None


def plover_types() -> list[str]:
    global _PLOVER
    if _PLOVER is None:
        from flashpoint.events.codes import cameo_codebook

        _PLOVER = sorted(str(t) for t in cameo_codebook()["plover_type"].dropna().unique())
    return _PLOVER


_OBSERVED: list[str] | None = None


def res_observed_names() -> list[str]:
    """Indicators the record has sourced period counts of."""
    global _OBSERVED
    if _OBSERVED is None:
        from flashpoint.events.curated import load_attack_counts

        _OBSERVED = list(dict.fromkeys(load_attack_counts()["indicator"]))
    return _OBSERVED


_OBSERVED_TABLE: dict[str, list[dict]] | None = None


def observed_table() -> dict[str, list[dict]]:
    """Observed rows of every indicator the record counts (read once)."""
    global _OBSERVED_TABLE
    if _OBSERVED_TABLE is None:
        _OBSERVED_TABLE = {n: res.observed_rows(n) for n in res_observed_names()}
    return _OBSERVED_TABLE
