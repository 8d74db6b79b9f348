"""Distributed backends: throughput of 2 workers against one process, and the memory of a very
large summary-only ensemble.

    python benchmarks/distributed.py throughput [--blocks 8] [--repeat 2] [--ray]
    python benchmarks/distributed.py memory [--runs 1000000] [--backend processes] [--workers 2]
    python benchmarks/distributed.py all

``throughput`` times ``summarize`` (what ``flashpoint run`` does above 50,000 runs: every
indicator's per-run total and monthly quantiles) on iraq-2020 with the ``local`` backend (this
process, one block after another) and with ``processes`` at 1 and 2 workers, start-up included;
prints runs/s and the ratio 2 workers / single process (target >= 1.7 on a 2-core machine), and
that ratio's ratio to the target.

``memory`` runs ``summarize`` for ``--runs`` runs in a child process and samples, every 0.2 s,
the resident memory (RSS, from /proc: Linux only) of the driver and of every worker process it started; prints the peaks
(driver, largest worker, and the sum over all of them at one instant: an overestimate, as shared
library pages count once per process). Target: 1,000,000 runs under 4 GB (4 x 10^9 bytes, the
stricter reading), all processes together; the ratio to it is printed. With fewer runs it also
prints a linear extrapolation of the driver's growth to 1,000,000 runs, labelled as such, and the
ratio is the extrapolation's, labelled so too.

The numbers depend on what else the machine is doing: check ``uptime`` before and after.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

from targets import ratio, ratio_line  # benchmarks/targets.py, beside this file

TARGET_RUNS = 1_000_000
TARGET_SPEEDUP = 1.7             # 2 workers / one process
TARGET_BYTES = 4 * 10**9         # "under 4 GB", read as decimal gigabytes (3.73 GiB): the stricter reading


def _summarize(runs: int, backend: str, workers: int | None, seed: int = 0):
    from flashpoint.backends import summarize

    return summarize("iraq-2020", runs=runs, seed=seed, backend=backend, workers=workers)


def throughput(blocks: int, with_ray: bool, repeat: int) -> dict:
    from flashpoint.engine.core import BLOCK_RUNS

    runs = blocks * BLOCK_RUNS
    cases = [("local", None), ("processes", 1), ("processes", 2)] + ([("ray", 2)] if with_ray else [])
    out = {"runs": runs, "repeat": repeat, "load_before": os.getloadavg()[0], "cases": {}}
    print(f"throughput: summarize iraq-2020, {runs:,} runs ({blocks} blocks of {BLOCK_RUNS}), best of {repeat} "
          f"(cases interleaved); load average before {out['load_before']:.2f}", flush=True)
    ref = None
    for rep in range(repeat):
        for backend, workers in cases:
            name = backend if workers is None else f"{backend}-{workers}"
            c0, t = os.times(), time.perf_counter()
            s = _summarize(runs, backend, workers)
            dt, c1 = time.perf_counter() - t, os.times()
            cpu = (c1.user + c1.system + c1.children_user + c1.children_system
                   - c0.user - c0.system - c0.children_user - c0.children_system)
            q = s.quantiles("attacks_on_foreign_forces").to_numpy().tobytes() + s.total("host_consent").tobytes()
            same = ref is None or q == ref
            ref = ref or q
            best = out["cases"].get(name)
            if best is None or dt < best["seconds"]:
                out["cases"][name] = {"seconds": round(dt, 2), "runs_per_s": round(runs / dt, 1),
                                      "cpu_seconds": round(cpu, 1) if backend != "ray" else None}
            cpu_note = f"  cpu {cpu:6.1f} s" if backend != "ray" else "  cpu (ray workers not counted)"
            print(f"  {name:12s} {dt:7.1f} s  {runs / dt:8.1f} runs/s{cpu_note}   identical to local: {same}   "
                  f"load {os.getloadavg()[0]:.2f}", flush=True)
    single = out["cases"]["local"]["runs_per_s"]
    two = out["cases"]["processes-2"]["runs_per_s"]
    out["ratio_2_workers_vs_single_process"] = round(two / single, 3)
    out["ratio_2_workers_vs_1_worker"] = round(two / out["cases"]["processes-1"]["runs_per_s"], 3)
    if with_ray:
        out["ratio_ray_2_vs_single_process"] = round(out["cases"]["ray-2"]["runs_per_s"] / single, 3)
    out["load_after"] = os.getloadavg()[0]
    print(f"  best: local {single} runs/s, processes-2 {two} runs/s -> ratio {two / single:.2f}x; "
          f"processes-2 / processes-1: {out['ratio_2_workers_vs_1_worker']:.2f}x"
          + (f"; ray-2 / local: {out['ratio_ray_2_vs_single_process']:.2f}x" if with_ray else "")
          + f"; load average after {out['load_after']:.2f}", flush=True)
    r, met = ratio(two / single, TARGET_SPEEDUP, floor=True)
    out["ratio_to_target"], out["target_met"] = round(r, 3), met
    print("  " + ratio_line(f"2 workers at least {TARGET_SPEEDUP}x one process", r, met), flush=True)
    return out


def _child(runs: int, backend: str, workers: int | None) -> None:
    """In the measured process: summarize, then report what the summary holds."""
    import numpy as np

    t = time.perf_counter()
    s = _summarize(runs, backend, workers)
    dt = time.perf_counter() - t
    print(json.dumps({"seconds": dt, "summary_bytes": s.memory_bytes(), "approximate": s.approximate(),
                      "attacks_total_median": float(np.median(s.total("attacks_on_foreign_forces")))}))


def _descendants(pid: int) -> list[int]:
    """PID and every process under it, from /proc/PID/task/*/children (Linux; no psutil needed)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:          # it ended meanwhile
            continue
    return found


def _rss(pid: int) -> int | None:
    """Resident memory in bytes (VmRSS of /proc/PID/status), None once the process has ended."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def memory(runs: int, backend: str, workers: int | None) -> dict:
    cmd = [sys.executable, __file__, "_child", "--runs", str(runs), "--backend", backend]
    if workers:
        cmd += ["--workers", str(workers)]
    print(f"memory: summarize iraq-2020, {runs:,} runs, backend {backend}, workers {workers}; "
          f"load average before {os.getloadavg()[0]:.2f}", flush=True)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak_total = peak_driver = peak_worker = 0
    samples = 0
    while proc.poll() is None:
        total = 0
        for pid in _descendants(proc.pid):
            rss = _rss(pid)
            if rss is None:
                continue
            total += rss
            if pid == proc.pid:
                peak_driver = max(peak_driver, rss)
            else:
                peak_worker = max(peak_worker, rss)
        peak_total = max(peak_total, total)
        samples += 1
        time.sleep(0.2)
    result = json.loads(proc.stdout.read().strip().splitlines()[-1])
    gib = 2 ** 30
    out = {"runs": runs, "backend": backend, "workers": workers, "seconds": round(result["seconds"], 1),
           "runs_per_s": round(runs / result["seconds"], 1), "peak_rss_sum_gib": round(peak_total / gib, 3),
           "peak_driver_gib": round(peak_driver / gib, 3), "peak_worker_gib": round(peak_worker / gib, 3),
           "summary_mib": round(result["summary_bytes"] / 2 ** 20, 1), "samples": samples,
           "approximate_quantiles": result["approximate"], "load_after": os.getloadavg()[0]}
    print(f"  {runs:,} runs in {out['seconds']:,} s ({out['runs_per_s']} runs/s); peak RSS: driver "
          f"{out['peak_driver_gib']:.2f} GiB, largest worker {out['peak_worker_gib']:.2f} GiB, all processes "
          f"together {out['peak_rss_sum_gib']:.2f} GiB; the summary itself holds "
          f"{out['summary_mib']} MiB", flush=True)
    peak_at_target, note = peak_total, ""
    if runs < TARGET_RUNS:
        # the driver grows with the runs (per-run totals, histograms); workers do not
        grow = result["summary_bytes"] / runs * (TARGET_RUNS - runs)
        peak_at_target = peak_total + grow
        note = f"; EXTRAPOLATED from {runs:,} runs, not measured"
        out["extrapolated_1m_peak_rss_sum_gib"] = round(peak_at_target / gib, 3)
        out["extrapolated_1m_seconds"] = round(result["seconds"] * TARGET_RUNS / runs)
        print(f"  EXTRAPOLATED to {TARGET_RUNS:,} runs (linear in the summary's size, not measured): "
              f"~{peak_at_target / gib:.2f} GiB, ~{out['extrapolated_1m_seconds']:,} s", flush=True)
    r, met = ratio(peak_at_target, TARGET_BYTES)
    out["ratio_to_target"], out["target_met"], out["target_extrapolated"] = round(r, 3), met, bool(note)
    print("  " + ratio_line(f"{TARGET_RUNS:,} runs under 4 GB, all processes together", r, met, note), flush=True)
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["throughput", "memory", "all", "_child"])
    ap.add_argument("--blocks", type=int, default=8, help="blocks of runs for the throughput test")
    ap.add_argument("--ray", action="store_true", help="also time a local Ray with 2 workers")
    ap.add_argument("--repeat", type=int, default=2, help="repetitions; the best time of each case counts")
    ap.add_argument("--runs", type=int, default=TARGET_RUNS)
    ap.add_argument("--backend", default="processes")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", help="also write the results to this file")
    a = ap.parse_args(argv)
    if a.what == "_child":
        return _child(a.runs, a.backend, a.workers)
    results = {}
    if a.what in ("throughput", "all"):
        results["throughput"] = throughput(a.blocks, a.ray, a.repeat)
    if a.what in ("memory", "all"):
        results["memory"] = memory(a.runs, a.backend, a.workers)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
