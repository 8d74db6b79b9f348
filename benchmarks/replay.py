"""The historical replay against the scenario's record: the fit targets of docs/ODD.md section 8.

    python benchmarks/replay.py [--scenario iraq-2020] [--runs 3000] [--seed 1]

Prints every sourced count of the record with the runs' 5-95% band and the 90% interval score
(width plus 20 times any miss), the share inside, the regime patterns' frequencies, and for
iraq-2020 the 18 sourced 2019-2020 counts the model-v2 issue names (the 17 tallies of the first
curated record inside the simulated period and the quiet winter), with their ratio to the targets:
at most 2 outside, mean interval score at most 81, the three patterns together in at least 5% of runs.
"""
from __future__ import annotations

import argparse
import sys
import time

import numpy as np

import flashpoint
from flashpoint import records

#: the 18 sourced 2019-2020 counts of the model-v2 issue (start, end, indicator breakdown or "")
ISSUE_18 = [("2019-10-28", "2019-12-09", ""), ("2019-11-04", "2019-12-09", "indirect_fire"),
            ("2019-10-27", "2019-12-27", "indirect_fire"), ("2019-10-01", "2020-02-16", ""),
            ("2019-10-01", "2020-03-11", ""), ("2019-10-01", "2020-05-19", ""),
            ("2019-10-01", "2020-07-31", "indirect_fire"), ("2020-07-24", "2020-07-31", "indirect_fire"),
            ("2020-08-01", "2020-08-16", "indirect_fire"), ("2020-08-01", "2020-08-16", "ied_convoy"),
            ("2020-08-10", "2020-08-16", ""), ("2020-08-16", "2020-08-19", "ied_convoy"),
            ("2020-07-23", "2020-09-24", ""), ("2020-09-01", "2020-09-27", ""),
            ("2020-09-01", "2020-09-30", "indirect_fire"), ("2020-01-01", "2020-10-10", "indirect_fire"),
            ("2020-08-01", "2020-09-30", "indirect_fire"), ("2020-12-21", "2021-02-14", "indirect_fire")]


def issue_18(checks):
    def key(c):
        part = c.indicator.partition(".")[2]
        return (str(c.start.date()), str(c.end.date()), part)
    by_key = {key(c): c for c in checks}
    return [by_key[k] for k in ISSUE_18 if k in by_key]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="iraq-2020")
    ap.add_argument("--runs", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    sc = flashpoint.load_scenario(args.scenario)
    t0 = time.perf_counter()
    ens = flashpoint.simulate(sc, runs=args.runs, seed=args.seed)
    print(f"{sc.name}: {args.runs:,} runs, seed {args.seed}, {time.perf_counter() - t0:.1f} s")
    checks = records.fit(ens, sc)
    for c in checks:
        print(f"{'in ' if c.inside else 'OUT'} {c.reliability} {c.start.date()}..{c.end.date()} {c.indicator:44.44s} "
              f"{c.count:>6s}  band {c.q05:6.1f}-{c.q95:6.1f}  IS {c.interval_score:6.1f}")
    inside = sum(c.inside for c in checks)
    print(f"\nall sourced counts: {inside} of {len(checks)} inside the 90% band; "
          f"mean interval score {np.mean([c.interval_score for c in checks]):.1f}")
    for grade in "ABC":
        g = [c for c in checks if c.reliability == grade]
        if g:
            print(f"  grade {grade}: {sum(c.inside for c in g)} of {len(g)} inside")
    shapes = ens.patterns()
    for p in shapes.get("each", []):
        print(f"pattern {p['id']}: {p['share']:.3f} of runs")
    joint = shapes.get("together", float("nan"))
    print(f"the patterns together: {joint:.3f} of runs (target 0.05: ratio {joint / 0.05:.2f})")
    if sc.name == "iraq-2020":
        chosen = issue_18(checks)
        outside = [c for c in chosen if not c.inside]
        mean_is = float(np.mean([c.interval_score for c in chosen]))
        print(f"\nthe issue's 18 sourced 2019-2020 counts ({len(chosen)} found): {len(outside)} outside "
              f"(target at most 2), mean interval score {mean_is:.1f} (target at most 81: ratio {mean_is / 81:.2f})")
        for c in outside:
            print(f"  outside: {c.start.date()}..{c.end.date()} {c.indicator} {c.count} (grade {c.reliability}), "
                  f"band {c.q05:.0f}-{c.q95:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
