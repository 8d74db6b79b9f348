"""Evaluation benchmark: `flashpoint evaluate` with its defaults on iraq-2020.

    .venv/bin/python benchmarks/evaluate.py --out eval/       # keeps evaluation.json and evaluation.png

Runs the command as a child process and prints its wall time (target: under 15 minutes, with the
machine's load), each model's mean CRPS, log score and 90 % coverage, and the two targets of issue
13: the model's CRPS below every baseline's, and its 90 % coverage within 0.8-0.98.
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

TARGET_SECONDS = 15 * 60


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
    models = data["models"]
    print(f"flashpoint evaluate: {wall:.0f} s wall (load {load_before[0]:.1f} before, {load_after[0]:.1f} after); "
          f"{len(data['origins'])} origins, horizons {data['horizons']}")
    print(f"{'model':12s} {'CRPS':>7s} {'log':>7s} {'cov50':>6s} {'cov80':>6s} {'cov90':>6s} {'mass90':>6s} "
          f"{'PIT top':>7s}")
    for name, s in models.items():
        print(f"{name:12s} {s['crps']:7.2f} {s['log_score']:7.2f} {s['coverage50']:6.2f} {s['coverage80']:6.2f} "
              f"{s['coverage90']:6.2f} {s['mass90']:6.2f} {s['pit'][-1]:7.2f}")
    best_baseline = min((s["crps"], n) for n, s in models.items() if n != "model")
    beats = models["model"]["crps"] < best_baseline[0]
    cov = models["model"]["coverage90"]
    print(f"target: model CRPS below every baseline's -> {'met' if beats else 'NOT met'} "
          f"(model {models['model']['crps']:.2f}, best baseline {best_baseline[1]} {best_baseline[0]:.2f})")
    print(f"target: 90% coverage within 0.8-0.98 -> {'met' if 0.8 <= cov <= 0.98 else 'NOT met'} ({cov:.2f}; "
          f"the intervals hold {models['model']['mass90']:.2f} of the forecasts' mass)")
    print(f"target: under {TARGET_SECONDS // 60} minutes -> {'met' if wall < TARGET_SECONDS else 'NOT met'}")
    if args.json:
        args.json.write_text(json.dumps({"wall_seconds": round(wall, 1), "load_before": load_before,
                                         "load_after": load_after, "models": models}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
