"""Plain-data summaries of an ensemble: the JSON that ``flashpoint run --format json`` prints."""
from __future__ import annotations

import numpy as np

from flashpoint.ensemble import Ensemble, run_quantiles


def monthly(ens: Ensemble, indicator: str) -> dict:
    """The monthly mean and 5/50/95% quantiles across runs."""
    r = lambda col: [round(float(v), 4) for v in col]  # noqa: E731
    if isinstance(ens, Ensemble):      # one monthly table for the quantiles and the mean (each built its own)
        frame = ens.series(indicator, "M")
        q05, q50, q95 = run_quantiles(frame.to_numpy(), (0.05, 0.5, 0.95), ens.kind(indicator) == "count", axis=1)
        return {"months": [d.strftime("%Y-%m") for d in frame.index],
                "mean": r(frame.mean(axis=1)), "q05": r(q05), "q50": r(q50), "q95": r(q95)}
    q = ens.quantiles(indicator, freq="M", qs=(0.05, 0.5, 0.95))      # a summary of runs kept on workers
    return {
        "months": [d.strftime("%Y-%m") for d in q.index],
        "mean": r(ens.mean(indicator, "M")), "q05": r(q[0.05]), "q50": r(q[0.5]), "q95": r(q[0.95]),
    }


def ensemble_summary(ens: Ensemble, breakdowns: bool = False, totals: list | None = None, also=()) -> dict:
    """Inputs; per indicator, its whole-period total (a count's sum, a state's mean) across runs, as the run
    table prints it (``totals``: a held-out user summed the monthly quantiles, which do not add up), and its
    monthly mean and 5/50/95% quantiles across runs. ``totals``: :func:`totals_table`'s rows, where the caller
    has them already. ``also``: more indicators beside those (the record's counts of a breakdown's breakdown)."""
    names = list(dict.fromkeys([*ens.indicators(breakdowns=breakdowns), *also]))
    return {
        "scenario": ens.scenario,
        "policy": ens.policy,
        "runs": ens.runs,
        "seed": ens.seed,
        "start": str(ens.start),
        "end": str(ens.end),
        "overrides": {k: (v if np.ndim(v) == 0 else "per-run array") for k, v in ens.overrides.items()},
        "totals": {name: {"unit": unit, "mean": round(mean, 4), "q05": round(q05, 4), "q50": round(q50, 4),
                          "q95": round(q95, 4)} for name, unit, mean, q05, q50, q95 in (totals if totals is not None else totals_table(ens))},
        "indicators": {name: monthly(ens, name) for name in names},
        "switched_off": {name: off for name in names if (off := ens.switched_off(name))},
        "fit": [c.to_dict() for c in ens.fit()] if hasattr(ens, "fit") else [],
        "series_fit": [c.to_dict() for c in ens.series_fit()] if hasattr(ens, "series_fit") else [],
        "patterns": ens.patterns() if hasattr(ens, "patterns") else {},
    }


def totals_table(ens: Ensemble) -> list[tuple[str, str, float, float, float, float]]:
    """(indicator, unit, mean, q05, q50, q95) over the whole period: sums for counts, means for states."""
    from flashpoint.ensemble import INDICATORS

    rows = []
    for name in ens.indicators():
        x = ens.total(name)
        q05, q50, q95 = run_quantiles(x, (0.05, 0.5, 0.95), INDICATORS[name].kind == "count")
        unit = INDICATORS[name].unit + (" (total)" if INDICATORS[name].kind == "count" else " (mean)")
        off = ens.switched_off(name)
        if off:
            unit += f"; {off} switched off: constant"
        elif INDICATORS[name].kind == "state" and _unmoved(ens, name):
            # a held-out case's patron_control sat at 0.5 in every run, M3 on but nothing there moving it, unmarked
            unit += "; the same in every run and day: nothing in these runs moves it"
        rows.append((name, unit, float(x.mean()), float(q05), float(q50), float(q95)))
    return rows


def _unmoved(ens, name: str) -> bool:
    """Whether a state indicator has one value in every run and day (a summary-only ensemble: its monthly means'
    smallest and largest over runs, the same in every month)."""
    if hasattr(ens, "daily"):
        return bool(np.ptp(ens.daily(name)) == 0)
    q = ens.quantiles(name, "M", (0.0, 1.0)).to_numpy(dtype=float)
    q = q[~np.isnan(q)]
    return bool(q.size and np.ptp(q) == 0)
