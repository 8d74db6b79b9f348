"""Evaluation benchmark: `flashpoint evaluate` with its defaults on iraq-2020.

    .venv/bin/python benchmarks/evaluate.py --out eval/       # keeps evaluation.json and evaluation.png

Runs the command as a child process and prints its wall time (target: under 15 minutes, with the
machine's load), each model's mean CRPS, log score and 90 % coverage, and the two targets of issue
13: the model's CRPS below every baseline's, and its 90 % coverage within 0.8-0.98. Each target's
line gives the ratio to it: wall / 15 minutes, the model's CRPS / the best baseline's (both below 1
to meet them), and the coverage / the nearer end of its band (at least 0.8, at most 0.98).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from targets import ratio, ratio_line  # benchmarks/targets.py, beside this file

TARGET_SECONDS = 15 * 60
COVERAGE_BAND = (0.8, 0.98)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="keep evaluation.json and evaluation.png here")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("flashpoint")
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        cmd = [str(exe), "evaluate", "--seed", str(args.seed), "--out", str(out), "--format", "json"]
        load_before = os.getloadavg()
        started = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.perf_counter() - started
        load_after = os.getloadavg()
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            return proc.returncode
        data = json.loads(proc.stdout)
    figures = report(data, wall, load_before, load_after)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    return 0


def report(data: dict, wall: float, load_before, load_after) -> dict:
    """Print the scores of one evaluation (DATA: `evaluate --format json`) against the targets."""
    models = data["models"]
    print(f"flashpoint evaluate: {wall:.0f} s wall (load {load_before[0]:.1f} before, {load_after[0]:.1f} after); "
          f"{len(data['origins'])} origins, horizons {data['horizons']}")
    print(f"{'model':12s} {'CRPS':>7s} {'log':>7s} {'cov50':>6s} {'cov80':>6s} {'cov90':>6s} {'mass90':>6s} "
          f"{'PIT top':>7s}")
    for name, s in models.items():
        print(f"{name:12s} {s['crps']:7.2f} {s['log_score']:7.2f} {s['coverage50']:6.2f} {s['coverage80']:6.2f} "
              f"{s['coverage90']:6.2f} {s['mass90']:6.2f} {s['pit'][-1]:7.2f}")
    best_crps, best = min((s["crps"], n) for n, s in models.items() if n != "model")
    crps_ratio, beats = ratio(models["model"]["crps"], best_crps)
    print(f"model CRPS {models['model']['crps']:.2f}, best baseline {best} {best_crps:.2f}; "
          + ratio_line("model CRPS below every baseline's", crps_ratio, beats))
    cov = models["model"]["coverage90"]
    low, high = COVERAGE_BAND
    # a band has two ends: the ratio is to the end the coverage is nearer, a floor below the middle, a limit above
    edge, bound = (low, "at least") if cov < (low + high) / 2 else (high, "at most")
    cov_ratio, cov_met = cov / edge, low <= cov <= high
    print(f"90% coverage {cov:.2f} (the intervals hold {models['model']['mass90']:.2f} of the forecasts' mass); "
          + ratio_line(f"90% coverage {bound} {edge}, within {low}-{high}", cov_ratio, cov_met))
    time_ratio, quick = ratio(wall, TARGET_SECONDS)
    print(ratio_line(f"under {TARGET_SECONDS // 60} minutes", time_ratio, quick))
    return {"wall_seconds": round(wall, 1), "target_seconds": TARGET_SECONDS, "ratio": round(time_ratio, 3),
            "time_target_met": quick, "crps_ratio_to_best_baseline": round(crps_ratio, 3), "crps_target_met": beats,
            "coverage90": cov, "coverage_band": list(COVERAGE_BAND), "coverage_ratio": round(cov_ratio, 3),
            "coverage_target_met": cov_met, "load_before": load_before, "load_after": load_after, "models": models}


if __name__ == "__main__":
    sys.exit(main())
