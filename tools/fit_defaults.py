"""Fit a scenario's default parameters to its record: the procedure behind docs/ODD.md section 8.

    python tools/fit_defaults.py iraq-2020 --parameters attacks.base_rate.kh,effects.covid_lockdown,...

A cross-entropy search over the named parameters (each within its declared range, in the logit
of its position in the range). Each generation simulates ``--candidates`` parameter vectors with
``--replicates`` runs each, in one vectorized call (per-run parameter arrays). A candidate's
score is the mean 90% interval score of the record's sourced counts (width of the 5-95% band plus
20 times any miss; records.Check), weighted by the source's grade (C counts half), plus, for each of the scenario's record patterns, a penalty of
``--pattern-weight`` * -log(share of runs showing it + 0.01). The best ``--elite`` candidates set the
next generation's mean and spread. The lowest score seen is kept; each generation re-scores it on
fresh runs beside its candidates, and a score from ``--replicates`` runs is noisy, so the best printed
per generation need not fall, and the kept one may have been a lucky draw: the final re-score on
2,000 fresh runs is the figure to read. That candidate is printed as YAML values to copy into the scenario (by hand: the file keeps its
comments and sources).

With ``--until DATE`` only the counts and patterns that end by DATE are scored and the runs stop
there (a fit on the early record, leaving the months after it for testing).

This is a point fit for the defaults; `flashpoint calibrate` gives the posterior (docs/calibration.md).
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
import time

import numpy as np
import pandas as pd

import flashpoint
from flashpoint import records
from flashpoint.scenario.parameters import parameters as declared

#: a count's weight in the score by its source's reliability grade
WEIGHT = {"A": 1.0, "B": 1.0, "C": float(__import__("os").environ.get("FIT_C_WEIGHT", 0.5))}


def counts_until(scenario, until=None):
    """The record's period counts (and the scenario's patterns) that end by ``until`` (all when None)."""
    table = records.period_counts(scenario)
    patterns = list(scenario.record.patterns)
    if until is not None:
        table = table[table["end"] <= pd.Timestamp(until)].reset_index(drop=True)
        patterns = [p for p in patterns if p.window[1] <= until]
    return table, patterns


def _share(value: float) -> str:
    """A share of runs, or what it is when the record has no patterns (it printed 1.000 for none scored)."""
    return "n/a (no patterns in the window)" if value != value else f"{value:.3f}"


def score(ens, scenario, groups: int, per: int, pattern_weight: float,
          until=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(score, mean interval score, joint pattern share) per candidate (runs grouped consecutively)."""
    table, patterns = counts_until(scenario, until)
    scores = np.zeros((groups, len(table)))
    for k, r in enumerate(table.itertuples(index=False)):
        totals = records.total(ens, r.indicator, r.start, r.end).reshape(groups, per)
        q05, q95 = np.quantile(totals, (0.05, 0.95), axis=1)
        miss = np.zeros(groups)
        if not math.isnan(r.low):
            miss += np.maximum(0, r.low - q95)
        if not math.isnan(r.high):
            miss += np.maximum(0, q05 - r.high)
        scores[:, k] = ((q95 - q05) + 20 * miss) * WEIGHT[r.reliability]
    held = []
    for p in patterns:
        t = records.total(ens, p.indicator, *p.window).reshape(groups, per)
        ok = np.ones_like(t, dtype=bool)
        if p.low is not None:
            ok &= t >= p.low
        if p.high is not None:
            ok &= t <= p.high
        held.append(ok)
    joint = np.all(held, axis=0).mean(axis=1) if held else np.full(groups, np.nan)   # no pattern: none held
    penalty = sum(-np.log(h.mean(axis=1) + 0.01) for h in held) if held else 0
    mean_is = scores.sum(axis=1) / sum(WEIGHT[g] for g in table["reliability"])
    return mean_is + pattern_weight * penalty, mean_is, joint


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario")
    ap.add_argument("--parameters", required=True, help="comma-separated parameter names")
    ap.add_argument("--candidates", type=int, default=48)
    ap.add_argument("--replicates", type=int, default=100)
    ap.add_argument("--elite", type=int, default=12)
    ap.add_argument("--generations", type=int, default=20)
    ap.add_argument("--pattern-weight", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--until", type=dt.date.fromisoformat, default=None,
                    help="fit on the counts and patterns that end by this date (YYYY-MM-DD); the runs stop there")
    args = ap.parse_args(argv)

    full = flashpoint.load_scenario(args.scenario)
    # the runs stop at --until: later schedule entries never start, nothing after it is scored
    sc = full if args.until is None or args.until >= full.end else full.model_copy(update={"end": args.until})
    print(f"{len(counts_until(sc, args.until)[0])} counts and {len(counts_until(sc, args.until)[1])} patterns "
          f"scored, {sc.start}..{sc.end}", flush=True)
    table = declared(sc)
    names = [n.strip() for n in args.parameters.split(",") if n.strip()]
    unknown = [n for n in names if n not in table]
    if unknown:
        print(f"unknown parameters: {unknown}", file=sys.stderr)
        return 2
    if args.until is not None and args.until < full.end:   # what acts only after --until would be fitted to noise
        from flashpoint.calibration.problem import _refuse_idle, truncated
        from flashpoint.errors import ScenarioError

        try:
            _refuse_idle(full, "historical", names, truncated(full, args.until), args.until)
        except ScenarioError as e:
            print(e, file=sys.stderr)
            return 2
    lo = np.array([table[n].low for n in names])
    hi = np.array([table[n].high for n in names])
    eps = 1e-3

    def to_z(x):
        u = np.clip((x - lo) / (hi - lo), eps, 1 - eps)
        return np.log(u / (1 - u))

    def to_x(z):
        return lo + (hi - lo) / (1 + np.exp(-z))

    rng = np.random.default_rng(args.seed)
    mean = to_z(np.array([table[n].value for n in names]))
    sd = np.full(len(names), 1.0)
    best = (np.inf, mean)
    G, R = args.candidates, args.replicates
    for gen in range(args.generations):
        t0 = time.time()
        z = mean + sd * rng.standard_normal((G, len(names)))
        z[0] = best[1]
        x = to_x(z)
        overrides = {n: np.repeat(x[:, i], R) for i, n in enumerate(names)}
        ens = flashpoint.simulate(sc, runs=G * R, seed=args.seed * 1000 + gen, overrides=overrides)
        s, mean_is, joint = score(ens, sc, G, R, args.pattern_weight, args.until)
        order = np.argsort(s)
        elite = z[order[: args.elite]]
        mean = elite.mean(axis=0)
        sd = np.maximum(elite.std(axis=0), 0.05)
        if s[order[0]] < best[0]:
            best = (s[order[0]], z[order[0]])
        i = order[0]
        print(f"gen {gen:2d} best {s[i]:7.1f} (IS {mean_is[i]:6.1f}, joint {_share(joint[i])}) "
              f"elite mean {s[order[:args.elite]].mean():7.1f}  {time.time() - t0:4.1f}s", flush=True)
    final = to_x(best[1])
    overrides = {n: float(v) for n, v in zip(names, final)}
    ens = flashpoint.simulate(sc, runs=2000, seed=args.seed + 7919, overrides=overrides)
    s, mean_is, joint = score(ens, sc, 1, 2000, args.pattern_weight, args.until)
    print(f"\nbest, re-scored on 2,000 fresh runs: score {s[0]:.1f}, mean interval score {mean_is[0]:.1f}, "
          f"joint patterns {_share(joint[0])}")
    for n, v in overrides.items():
        print(f"  {n}: {v:.4g}    (range {table[n].low:g}..{table[n].high:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
