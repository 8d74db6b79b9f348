"""Fuzz the scenario loader: mutated copies of the built-in scenario through ``flashpoint scenario validate``.

Targets (issue 17): over 1,000 fuzzed files, 0 tracebacks and 0 files taking over 10 s; every
rejection names the file and a line; the script also reports the share that name the exact line
the mutation touched. Each target's line gives its ratio: the slowest file / 10 s, the share of
rejections naming the file and a line / all of them (the count of tracebacks, whose target is 0,
is given as a count). Mutations (tests/fuzz/mutations.py): junk lines, extreme values, nesting up
to 20,000 deep, recursive aliases, alias bombs, repeated keys, values up to 3 MB, thousands of
copied schedule entries, odd characters and bytes, tabs, truncation; one to three per file, drawn
from a fixed seed, so every run fuzzes the same files.

    .venv/bin/python benchmarks/fuzz_scenarios.py [--files 1000] [--seed 0] [--keep DIR]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

from mutations import mutate_scenario  # noqa: E402
from targets import ratio, ratio_line  # noqa: E402  (benchmarks/targets.py, beside this file)

HANG_SECONDS = 10
TARGET_FILES = 1000
_LINE = re.compile(r"line (\d+)")


class Hang(BaseException):
    pass


def _alarm(signum, frame):
    raise Hang()


def check(path: Path, touched: set[int]) -> dict:
    """One file through the command line, in this process (an alarm stops a hang)."""
    from flashpoint.cli import main

    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    signal.alarm(HANG_SECONDS)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["scenario", "validate", str(path)])
        outcome = {0: "valid", 2: "rejected"}.get(code, f"exit {code}")
    except Hang:
        outcome = "hang"
    except BaseException:  # noqa: BLE001 - a traceback is what is counted
        outcome = "traceback"
        err.write(traceback.format_exc())
    finally:
        signal.alarm(0)
    seconds = time.perf_counter() - started
    message = err.getvalue()
    lines = {int(n) for n in _LINE.findall(message.split("\n", 1)[0])}
    return {"outcome": outcome, "seconds": seconds, "names_file": str(path) in message,
            "names_line": bool(lines), "exact_line": bool(lines & touched), "message": message[:300]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="keep the files that failed a target here")
    args = parser.parse_args()
    from flashpoint.scenario.loader import resolve

    signal.signal(signal.SIGALRM, _alarm)
    text = resolve("iraq-2020")[1]
    rng = random.Random(args.seed)
    results, kinds = [], Counter()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.files):
            data, touched, names = mutate_scenario(text, rng, count=rng.choice([1, 1, 2, 3]))
            path = Path(tmp) / f"fuzz-{k:04d}.yaml"
            path.write_bytes(data)
            result = check(path, touched) | {"mutations": names, "file": k}
            results.append(result)
            kinds[result["outcome"]] += 1
            bad = result["outcome"] in ("traceback", "hang") or result["seconds"] > HANG_SECONDS or (
                result["outcome"] == "rejected" and not (result["names_file"] and result["names_line"]))
            if bad and args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / path.name).write_bytes(data)
    rejected = [r for r in results if r["outcome"] == "rejected"]
    slow = [r for r in results if r["seconds"] > HANG_SECONDS or r["outcome"] == "hang"]
    no_line = [r for r in rejected if not (r["names_file"] and r["names_line"])]
    single = [r for r in rejected if len(r["mutations"]) == 1]
    report = {
        "files": len(results), "seconds": round(time.perf_counter() - started, 1),
        "outcomes": dict(kinds), "tracebacks": kinds["traceback"], "hangs_over_10s": len(slow),
        "slowest_s": round(max(r["seconds"] for r in results), 2),
        "rejections_naming_file_and_line": f"{len(rejected) - len(no_line)}/{len(rejected)}",
        "rejections_naming_the_exact_line": f"{sum(r['exact_line'] for r in rejected)}/{len(rejected)}",
        # with one mutation the touched lines are known for sure (later mutations move earlier ones)
        "of_one_mutation_naming_the_exact_line": f"{sum(r['exact_line'] for r in single)}/{len(single)}",
        "without_a_line": Counter(r["message"].split(": ", 2)[-1][:70] for r in no_line).most_common(8),
        "not_exact_most_common": Counter(
            re.sub(r"^error: \S+, line \d+: ", "", r["message"]).split("\n")[0][:48]
            for r in single if not r["exact_line"]).most_common(6),
        "tracebacks_seen": [r["message"][-200:] for r in results if r["outcome"] == "traceback"][:5],
    }
    slow_ratio, quick = ratio(report["slowest_s"], HANG_SECONDS)
    named = (len(rejected) - len(no_line)) / len(rejected) if rejected else 1.0
    report["slowest_ratio_to_10s"] = round(slow_ratio, 3)
    report["share_naming_file_and_line"] = round(named, 4)
    print(json.dumps(report, indent=1))
    note = "" if args.files >= TARGET_FILES else f"; {args.files:,} files, not the target's {TARGET_FILES:,}"
    print(f"slowest file {report['slowest_s']:.2f} s; "
          + ratio_line(f"every file under {HANG_SECONDS} s", slow_ratio, quick and not slow, note))
    print(f"{named:.1%} of {len(rejected):,} rejections name the file and a line; "
          + ratio_line("every rejection names both", named, not no_line, note))
    print(f"tracebacks: {report['tracebacks']} (target 0: {'meets' if not report['tracebacks'] else 'misses'} it)")
    ok = report["tracebacks"] == 0 and report["hangs_over_10s"] == 0 and not no_line
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
