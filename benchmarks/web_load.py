"""Load test of ``flashpoint serve`` on loopback: N concurrent clients for a fixed time, then stop.

    .venv/bin/python benchmarks/web_load.py                      # 50 clients, 30 s
    .venv/bin/python benchmarks/web_load.py --clients 50 --seconds 30 --json web_load.json

The server runs as a child process (``flashpoint serve`` on a free port, a fresh data directory,
default limits). Each client loops over what the page does, chosen at random with fixed weights:

* read: GET /api/health, /api/scenarios, /api/scenarios/iraq-2020/parameters, /api/observed,
  /api/evaluations, /api/events (random filters; half the time the next page by its cursor),
  /static/app.js, /static/charts.js, /;
* simulate: POST /api/compare or /api/run with 1 of 2 seeds, 1 or 2 of 7 policies, 200 runs and
  (one request in four) one of two parameter overrides, then poll the job until it is done, GET its
  result and (one in three) one chart's CSV. Early requests start real simulations (the bounded
  queue and the job de-duplication absorb them); later ones are answered from the cache.

An error is any transport failure or any answer other than the expected status (2xx; a 429 from
a full queue is counted apart, as back-pressure, and the client retries after a pause). Latency is
per HTTP request, wall clock from the client; p50/p95/p99 are reported overall and per endpoint.
The run stops after ``--seconds`` (requests in flight then finish), the server is stopped, and the
script exits 1 if there was any error. Its one target is no errors (its last line says whether it
is met); the latencies are figures against no target, to compare one run with another.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx
import numpy as np

POLICIES = ["historical", "no-decapitation", "restraint", "tit-for-tat", "massive-retaliation",
            "precise-retaliation", "drawdown"]
ACTORS = ["", "kh", "usa", "aah", "iran", "iraq_gov"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, data_dir: Path) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("flashpoint")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "flashpoint.cli"]
    cmd += ["serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data_dir)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited: {proc.stderr.read().decode()}")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer in time")


class Stats:
    def __init__(self):
        self.latency = defaultdict(list)      # endpoint -> seconds
        self.errors: list[str] = []
        self.backpressure = 0
        self.jobs_done = 0

    def summary(self) -> dict:
        def pct(xs):
            a = np.asarray(xs) * 1000
            return {"n": int(a.size), "p50_ms": round(float(np.percentile(a, 50)), 1),
                    "p95_ms": round(float(np.percentile(a, 95)), 1), "p99_ms": round(float(np.percentile(a, 99)), 1),
                    "max_ms": round(float(a.max()), 1)}

        everything = [x for xs in self.latency.values() for x in xs]
        return {"overall": pct(everything) if everything else None,
                "by_endpoint": {k: pct(v) for k, v in sorted(self.latency.items())},
                "errors": len(self.errors), "error_samples": self.errors[:10],
                "backpressure_429": self.backpressure, "jobs_completed": self.jobs_done}


async def call(client: httpx.AsyncClient, stats: Stats, label: str, method: str, url: str, **kw):
    t0 = time.perf_counter()
    try:
        r = await client.request(method, url, **kw)
    except httpx.HTTPError as exc:
        stats.errors.append(f"{label}: {type(exc).__name__}: {exc}")
        return None
    stats.latency[label].append(time.perf_counter() - t0)
    if r.status_code == 429:
        stats.backpressure += 1
        return r
    if not 200 <= r.status_code < 300:
        stats.errors.append(f"{label}: HTTP {r.status_code}: {r.text[:200]}")
        return None
    return r


async def simulate(client, stats, rng: random.Random, stop_at: float) -> None:
    seed = rng.choice([0, 1])
    if rng.random() < 0.5:
        label, url = "POST /api/run", "/api/run"
        body = {"policy": rng.choice(POLICIES), "runs": 200, "seed": seed}
    else:
        label, url = "POST /api/compare", "/api/compare"
        body = {"policies": rng.sample(POLICIES, 2), "runs": 200, "seed": seed}
    if rng.random() < 0.25:
        body["overrides"] = {"reprisal.excitation_per_strike": rng.choice([0.05, 0.2])}
    r = await call(client, stats, label, "POST", url, json=body)
    if r is None:
        return
    if r.status_code == 429:
        await asyncio.sleep(1.0)
        return
    job = r.json()
    while job["status"] in ("queued", "running"):
        if time.monotonic() > stop_at + 120:
            stats.errors.append(f"job {job['id']} did not finish")
            return
        await asyncio.sleep(0.25)
        r = await call(client, stats, "GET /api/jobs/{id}", "GET", f"/api/jobs/{job['id']}")
        if r is None:
            return
        job = r.json()
    if job["status"] != "done":
        stats.errors.append(f"job {job['id']} ended {job['status']}: {job.get('error')}")
        return
    if await call(client, stats, "GET /api/jobs/{id}/result", "GET", job["result_url"]) is not None:
        stats.jobs_done += 1
        if rng.random() < 0.33:
            indicator = rng.choice(["attacks_on_foreign_forces", "host_consent"])
            await call(client, stats, "GET /api/jobs/{id}/charts/{indicator}.csv", "GET",
                       f"/api/jobs/{job['id']}/charts/{indicator}.csv")


async def read(client, stats, rng: random.Random) -> None:
    pick = rng.random()
    if pick < 0.12:
        await call(client, stats, "GET /api/health", "GET", "/api/health")
    elif pick < 0.27:
        await call(client, stats, "GET /api/scenarios", "GET", "/api/scenarios")
    elif pick < 0.33:
        await call(client, stats, "GET /api/scenarios/{name}/parameters", "GET", "/api/scenarios/iraq-2020/parameters")
    elif pick < 0.40:
        await call(client, stats, "GET /api/observed", "GET", "/api/observed")
    elif pick < 0.43:
        await call(client, stats, "GET /api/evaluations", "GET", "/api/evaluations")
    elif pick < 0.73:
        params = {"limit": rng.choice([10, 20, 50])}
        if actor := rng.choice(ACTORS):
            params["actor"] = actor
        if rng.random() < 0.3:
            params["start"], params["end"] = "2020-01-01", rng.choice(["2020-06-30", "2021-12-31"])
        r = await call(client, stats, "GET /api/events", "GET", "/api/events", params=params)
        if r is not None and r.json().get("next_cursor") and rng.random() < 0.5:
            await call(client, stats, "GET /api/events?cursor", "GET", "/api/events",
                       params=dict(params, cursor=r.json()["next_cursor"]))
    elif pick < 0.82:
        await call(client, stats, "GET /static/app.js", "GET", "/static/app.js")
    elif pick < 0.9:
        await call(client, stats, "GET /static/charts.js", "GET", "/static/charts.js")
    else:
        await call(client, stats, "GET /", "GET", "/")


async def client_loop(base: str, stats: Stats, stop_at: float, seed: int) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        while time.monotonic() < stop_at:
            if rng.random() < 0.25:
                await simulate(client, stats, rng, stop_at)
            else:
                await read(client, stats, rng)


async def load(base: str, clients: int, seconds: float) -> tuple[Stats, float]:
    stats = Stats()
    t0 = time.monotonic()
    stop_at = t0 + seconds
    await asyncio.gather(*(client_loop(base, stats, stop_at, i) for i in range(clients)))
    return stats, time.monotonic() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args(argv)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="flashpoint-web-load-") as tmp:
        proc = start_server(port, Path(tmp))
        try:
            wait_ready(base, proc)
            stats, wall = asyncio.run(load(base, args.clients, args.seconds))
            health = httpx.get(base + "/api/health", timeout=10).json()
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    out = {"clients": args.clients, "seconds": args.seconds, "wall_s": round(wall, 2),
           "requests": sum(len(v) for v in stats.latency.values()),
           **stats.summary(), "server_cache": health["cache"], "cpu_count": os.cpu_count()}
    out["requests_per_s"] = round(out["requests"] / wall, 1)
    out["errors_target_met"] = not stats.errors
    print(json.dumps(out, indent=1))
    # the one target is no errors: a ratio to 0 has no meaning, so the line gives the count and share
    p95 = f"p95 {out['overall']['p95_ms']:.0f} ms" if out["overall"] else "no requests answered"
    print(f"{out['requests']:,} requests in {wall:.1f} s, {p95}; target (no errors): {len(stats.errors)} errors "
          f"= {len(stats.errors) / max(out['requests'], 1):.2%} of requests "
          f"({'meets' if not stats.errors else 'misses'} it); no latency target is set, the p95 is a figure only")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return 1 if stats.errors else 0


if __name__ == "__main__":
    sys.exit(main())
