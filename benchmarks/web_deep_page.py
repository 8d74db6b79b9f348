"""Deep pages of ``GET /api/events`` against a large store: time per request and the server's peak memory.

    .venv/bin/python benchmarks/web_deep_page.py                 # 1,000,000 events
    .venv/bin/python benchmarks/web_deep_page.py --rows 200000 --json deep.json

Builds a store of ``--rows`` synthetic events (one INSERT from DuckDB's ``range``, the curated
dataset beside them), starts ``flashpoint serve --store`` on a free loopback port, then asks for:

* the first page (``limit=500``);
* ``limit=500&offset=1000000`` (refused with 422: offsets are capped; the answer names ``cursor``),
  and ``offset=10000``, the deepest offset served;
* the page after the ~996,000th event by ``cursor`` (keyset: near the end of the order), alone and
  six at once (distinct filters, so no answer comes from the server's short-lived page cache).

It reports each request's wall time and the server process's peak resident memory (``VmHWM`` in
``/proc/PID/status``, Linux), each with its ratio to its target (the slowest deep request /
``--budget``, the peak / ``--max-rss``), and exits 1 if a deep request takes ``--budget`` seconds
or more or the peak reaches ``--max-rss`` MB.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from targets import ratio, ratio_line  # noqa: E402
from web_load import free_port, wait_ready  # noqa: E402


def build_store(path: Path, rows: int) -> float:
    from flashpoint.events.store import EventStore

    t0 = time.perf_counter()
    with EventStore(path) as store:
        store.con.execute(
            "INSERT INTO event_rows SELECT 'bench:' || lpad(i::VARCHAR, 8, '0'), DATE '2019-01-01' + (i % 1460)::INTEGER, "
            "'day', CASE i % 3 WHEN 0 THEN 'kh' WHEN 1 THEN 'usa' ELSE 'aah' END, "
            "CASE i % 3 WHEN 0 THEN 'usa' WHEN 1 THEN 'kh' ELSE 'iraq_gov' END, NULL, NULL, "
            "CASE i % 2 WHEN 0 THEN '190' ELSE '194' END, CASE i % 2 WHEN 0 THEN 'airstrike' ELSE 'indirect_fire' END, "
            "i % 3, i % 5, 'synthetic site ' || (i % 97)::VARCHAR, NULL, i, "
            "'{\"dataset\": \"bench\"}' FROM range(?) t(i)", [rows])
        n = len(store)
    print(f"store: {n:,} events in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return time.perf_counter() - t0


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(client: httpx.Client, params: dict) -> tuple[float, int, dict]:
    t0 = time.perf_counter()
    r = client.get("/api/events", params=params)
    return time.perf_counter() - t0, r.status_code, r.json()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--budget", type=float, default=2.0, help="seconds a deep request may take")
    ap.add_argument("--max-rss", type=float, default=1024, help="MB the server may peak at")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    from flashpoint.web.record import encode_cursor

    with tempfile.TemporaryDirectory(prefix="flashpoint-deep-page-") as tmp:
        store = Path(tmp) / "events.duckdb"
        build_s = build_store(store, args.rows)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        exe = Path(sys.executable).with_name("flashpoint")
        cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "flashpoint.cli"]
        proc = subprocess.Popen(cmd + ["serve", "--port", str(port), "--data-dir", tmp, "--store", str(store)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            wait_ready(base, proc)
            with httpx.Client(base_url=base, timeout=120) as client:
                timed(client, {"limit": 1})                     # opens the store
                rss_before = peak_rss_mb(proc.pid)
                first_s, first_code, _ = timed(client, {"limit": 500})
                offset_s, offset_code, offset_body = timed(client, {"limit": 500, "offset": 1_000_000})
                capped_s, capped_code, _ = timed(client, {"limit": 500, "offset": 10_000})
                # keyset: the page after the last event of 2022-12-24, near the end of the order
                cursor_params = {"limit": 500, "cursor": encode_cursor("2022-12-25", "bench:")}
                full, rest = divmod(args.rows, 1460)
                deep_at = full * 1454 + min(rest, 1454)       # synthetic events dated before 2022-12-25
                deep_s, deep_code, deep_body = timed(client, cursor_params)

                def one(k: int):
                    with httpx.Client(base_url=base, timeout=120) as c:
                        actor = ["kh", "usa", "aah", "iraq_gov", "", "kh"][k]
                        params = dict(cursor_params, **({"actor": actor} if actor else {}), end=f"2022-12-3{k % 2}")
                        return timed(c, params)

                t0 = time.perf_counter()
                with concurrent.futures.ThreadPoolExecutor(6) as pool:
                    six = list(pool.map(one, range(6)))
                six_wall = time.perf_counter() - t0
            peak = peak_rss_mb(proc.pid)
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    out = {
        "rows": args.rows, "store_build_s": round(build_s, 1), "deep_at": deep_at,
        "first_page": {"s": round(first_s, 3), "status": first_code},
        "offset_1000000": {"s": round(offset_s, 3), "status": offset_code,
                           "message": offset_body["detail"][0]["msg"] if offset_code == 422 else None},
        "offset_10000_the_cap": {"s": round(capped_s, 3), "status": capped_code},
        "deep_cursor_page": {"s": round(deep_s, 3), "status": deep_code, "events": len(deep_body.get("events", []))},
        "six_deep_at_once": {"wall_s": round(six_wall, 3), "max_s": round(max(s for s, _, _ in six), 3),
                             "statuses": sorted({c for _, c, _ in six})},
        "server_peak_rss_mb": {"before": round(rss_before, 1), "after": round(peak, 1)},
        "cpu_count": os.cpu_count(), "load_average": os.getloadavg(),
    }
    slowest = max([deep_s, offset_s] + [s for s, _, _ in six])
    time_ratio, quick = ratio(slowest, args.budget)
    rss_ratio, small = ratio(peak, args.max_rss)
    out["ratio_slowest_deep_request_to_budget"] = round(time_ratio, 3)
    out["ratio_server_peak_rss_to_max"] = round(rss_ratio, 3)
    print(json.dumps(out, indent=1))
    print(f"slowest deep request {slowest:.3f} s; "
          + ratio_line(f"each deep request under {args.budget:g} s", time_ratio, quick))
    print(f"server peak resident memory {peak:.0f} MB; "
          + ratio_line(f"peak under {args.max_rss:g} MB", rss_ratio, small))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return 1 if not quick or not small or deep_code != 200 or offset_code != 422 else 0


if __name__ == "__main__":
    sys.exit(main())
