"""Benchmark: `flashpoint claims` with its defaults (target: under 5 minutes on this 2-core machine).

    .venv/bin/python benchmarks/claims.py                  # the target: defaults (2,000 runs, 4,096 points)
    .venv/bin/python benchmarks/claims.py --runs 500 --samples 1024   # a quicker look (not the target)
    .venv/bin/python benchmarks/claims.py --json out.json

Runs ``flashpoint claims --format json`` end to end in a child process: six claims over five
policies, 2,000 paired runs per policy for the probabilities, and the sensitivity analysis
(4,096 Latin hypercube points plus 512 repeated, one run per policy each, in one vectorized
simulation per policy). Reports wall time, CPU time (user + system, os.wait4), peak memory, and
the ratio of the wall time to the target (< 1 meets it), with the load average beside it.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from compare import run_child  # benchmarks/compare.py, beside this file
from targets import ratio_line

TARGET_SECONDS = 300.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=None, help="default: the command's own (2000)")
    ap.add_argument("--samples", type=int, default=None, help="default: the command's own (4096)")
    ap.add_argument("--backend", default="local")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    args = ["claims", "--format", "json", "--backend", a.backend]
    args += ["--runs", str(a.runs)] if a.runs else []
    args += ["--samples", str(a.samples)] if a.samples is not None else []
    args += ["--workers", str(a.workers)] if a.workers else []
    load_before = os.getloadavg()[0]
    wall, cpu, peak, code = run_child(args)
    if code != 0:
        print(f"flashpoint {' '.join(args)} failed with exit status {code}", file=sys.stderr)
        return 1
    defaults = a.runs is None and a.samples is None
    ratio = wall / TARGET_SECONDS
    shown = " ".join(a for a in args if a not in ("--format", "json"))
    print(f"flashpoint {shown}{' (defaults)' if defaults else ''}: wall {wall:.1f} s, cpu {cpu:.1f} s, "
          f"peak memory {peak / 2**30:.2f} GiB, load average {load_before:.1f} before")
    print(ratio_line(f"defaults under {TARGET_SECONDS:.0f} s", ratio, ratio < 1,
                     "" if defaults else "; not the default settings"))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"args": args, "wall_s": wall, "cpu_s": cpu, "peak_bytes": peak, "target_s": TARGET_SECONDS,
                       "ratio": ratio, "defaults": defaults, "load_average": load_before}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
