"""Benchmark: `flashpoint compare` of 3 policies x 10,000 runs (target: under 60 s on this 2-core machine).

    .venv/bin/python benchmarks/compare.py                       # the target: 3 x 10,000, local backend
    .venv/bin/python benchmarks/compare.py --runs 2000           # a quicker look
    .venv/bin/python benchmarks/compare.py --backend processes --workers 2
    .venv/bin/python benchmarks/compare.py --json out.json       # also write the figures as JSON

Runs the command line end to end in a child process (imports, three simulations, the window
totals and monthly quantiles of every indicator, JSON on stdout to /dev/null), and reports its
wall time, its CPU time (user + system, from os.wait4) and the ratio of the wall time to the
target (< 1 meets it). The load average is printed beside: on a shared machine other processes
slow the wall time down, and CPU time / wall time shows how much of the machine the run had.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

from targets import ratio_line  # benchmarks/targets.py, beside this file

TARGET_SECONDS = 60.0
RUNS = 10_000
POLICIES = "historical,no-decapitation,restraint"


def run_child(args: list[str]) -> tuple[float, float, int, int]:
    """(wall s, cpu s, peak RSS bytes, exit code) of ``flashpoint ARGS`` run as a child process."""
    code = "import sys; from flashpoint.cli import main; sys.exit(main(sys.argv[1:]))"
    t = time.perf_counter()
    with open(os.devnull, "w") as null:
        proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=null)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=RUNS)
    ap.add_argument("--policies", default=POLICIES)
    ap.add_argument("--backend", default="local")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--json", default=None, help="write the figures to this JSON file")
    a = ap.parse_args()
    args = ["compare", "--policies", a.policies, "--runs", str(a.runs), "--seed", "0", "--format", "json",
            "--backend", a.backend] + (["--workers", str(a.workers)] if a.workers else [])
    load_before = os.getloadavg()[0]
    wall, cpu, peak, code = run_child(args)
    if code != 0:
        print(f"flashpoint {' '.join(args)} failed with exit status {code}", file=sys.stderr)
        return 1
    n = len(a.policies.split(","))
    scale = RUNS / a.runs
    ratio = wall / TARGET_SECONDS
    print(f"flashpoint compare: {n} policies x {a.runs:,} runs ({a.backend}): wall {wall:.1f} s, "
          f"cpu {cpu:.1f} s, peak memory {peak / 2**30:.2f} GiB, load average {load_before:.1f} before")
    if a.runs != RUNS:        # linear in runs, the start-up (imports, loading) scaled too: an over-estimate
        print(f"  scaled to {RUNS:,} runs: about {wall * scale:.0f} s wall (start-up scaled with the runs: an "
              "upper estimate)")
        ratio = wall * scale / TARGET_SECONDS
    target = n == len(POLICIES.split(",")) and a.runs == RUNS and a.backend == "local"
    print(ratio_line(f"3 x {RUNS:,} runs under {TARGET_SECONDS:.0f} s", ratio, ratio < 1,
                     "" if target else f"; measured at {n} x {a.runs:,} runs, {a.backend}: not the target's settings"))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"policies": n, "runs": a.runs, "backend": a.backend, "wall_s": wall, "cpu_s": cpu,
                       "peak_bytes": peak, "target_s": TARGET_SECONDS, "ratio": ratio,
                       "load_average": load_before}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
