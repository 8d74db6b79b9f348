"""Calibration benchmark: `flashpoint calibrate` on iraq-2020 against the 2019-2020 record.

    .venv/bin/python benchmarks/calibrate.py                  # defaults: 1,000 particles, until 2020-12-31
    .venv/bin/python benchmarks/calibrate.py --json out.json  # also write the figures as JSON

Runs the command line as a child process (as a user would), with the default settings of
`flashpoint calibrate` (ABC-SMC with pyabc, 1,000 particles, at most 12 generations, stop below 1 %
acceptance or after 14 minutes), and prints its wall time, the number of simulations, the
generations, why it stopped, and the ratio of the wall time to the 15-minute target of issue #5
(below 1 meets it). Wall-clock figures on a shared 2-core machine are noisy.
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
    parser.add_argument("--until", default="2020-12-31")
    parser.add_argument("--population", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write the posterior here instead of a temporary folder")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()

    exe = Path(sys.executable).with_name("flashpoint")
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "posterior.parquet"
        cmd = [str(exe), "calibrate", "--scenario", "iraq-2020", "--data", "iraq-2019-2020", "--until", args.until,
               "--population", str(args.population), "--seed", str(args.seed), "--out", str(out), "--format", "json"]
        started = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "COLUMNS": "120"})
        wall = time.perf_counter() - started
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            return proc.returncode
        result = json.loads(proc.stdout)
    figures = {
        "command": " ".join(cmd[1:]),
        "wall_seconds": round(wall, 1),
        "calibration_seconds": result["seconds"],
        "simulations": result["simulations"],
        "generations": len(result["generations"]),
        "final_epsilon": result["generations"][-1]["epsilon"],
        "stopped": result["stopped"],
        "target_seconds": TARGET_SECONDS,
        "ratio_to_target": round(wall / TARGET_SECONDS, 3),
        "cpus": os.cpu_count(),
    }
    print(f"flashpoint calibrate iraq-2020 to iraq-2019-2020 until {args.until}: {wall:.0f} s wall "
          f"({figures['simulations']:,} simulations, {figures['generations']} generations, "
          f"final eps {figures['final_epsilon']:.3g}; stopped: {figures['stopped']})")
    print(f"target: under {TARGET_SECONDS // 60} minutes -> ratio {figures['ratio_to_target']:.2f} "
          f"({'met' if wall < TARGET_SECONDS else 'NOT met'})")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
