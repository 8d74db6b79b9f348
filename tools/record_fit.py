"""How a scenario's runs sit beside its record: each sourced count against the runs' 5-95% band.

    python tools/record_fit.py red-sea-2023 --runs 2000 --split 2024-06-30
    python tools/record_fit.py iraq-2020 --set attacks.exposure=0.3

Prints one line per count of ``flashpoint.records.period_counts`` (indicator, period, the count as
written, the band and median, inside or not, the 90% interval score: width plus 20 times any miss),
then the share inside and the mean interval score: for all counts and, with ``--split``, for the
counts that end by that date (the fitting window), those that begin after it (the test) and those that
span it (running totals partly seen in the fit: neither).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys

import numpy as np

import flashpoint
from flashpoint import records


def summary(checks) -> str:
    if not checks:
        return "no counts"
    inside = sum(c.inside for c in checks)
    made = sum(c.by_schedule for c in checks)
    score = np.mean([c.interval_score for c in checks])
    return (f"{inside} of {len(checks)} inside the 90% band ({inside / len(checks):.0%}), mean 90% interval score "
            f"{score:.1f}" + (f"; {made} decided by the schedule's own entries (its recorded attacks or a force it has "
                                          "withdrawn)" if made else ""))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario")
    ap.add_argument("--policy", default="historical")
    ap.add_argument("--runs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--split", type=dt.date.fromisoformat, default=None, help="end of the fitting window")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="a parameter override")
    args = ap.parse_args(argv)
    overrides = {k: float(v) for k, v in (s.split("=", 1) for s in args.set)}
    sc = flashpoint.load_scenario(args.scenario)
    ens = flashpoint.simulate(sc, policy=args.policy, runs=args.runs, seed=args.seed, overrides=overrides)
    checks = records.fit(ens, sc)
    def part(c) -> str:
        return "fit " if c.end.date() <= args.split else "test" if c.start.date() > args.split else "span"

    for c in checks:
        where = "" if args.split is None else part(c)
        print(f"{where} {c.start.date()}..{c.end.date()} {c.count:>6} [{c.q05:5.0f} {c.q50:5.0f} {c.q95:5.0f}] "
              f"{'inside' if c.inside else 'MISS  '} IS {c.interval_score:7.1f}  {c.reliability}  {c.indicator}")
    print("all:", summary(checks))
    if args.split is not None:
        print(f"fit window (ends by {args.split}):", summary([c for c in checks if part(c) == "fit "]))
        print(f"after it (begins after {args.split}):", summary([c for c in checks if part(c) == "test"]))
        print("spanning it (partly seen in the fit):", summary([c for c in checks if part(c) == "span"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
