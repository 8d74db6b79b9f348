"""Counterfactual comparison: the same world under several policies, with paired runs.

Common random numbers: every policy is simulated with the same ``seed`` and ``runs``, so
policy P's runs are exactly those of ``simulate(scenario, policy=P, runs=N, seed=S)`` (with the overrides,
less those P sets itself) and run ``i`` of every policy draws the same numbers wherever both draw (every draw is
a run's own: engine/draws.py). Differences against the first policy are taken run by run (paired): runs of
``historical`` and ``no-decapitation`` are identical up to 3 January 2020, and after it differ by what the policy
changed (paired 2020 totals correlate at 0.87; with ``restraint``, 0.53: docs/ODD.md section 4).

For every indicator, over a window: the total per policy (sum for counts, mean for states) with
its 90% interval across runs; the paired difference against the first policy with its 90%
interval and the probability that it is positive.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from flashpoint.analysis import (ceiling_warning, check_window, kept_by_policy, kept_warning, lost_warning,
                                 parse_window, policy_overrides)
from flashpoint.ensemble import INDICATORS, Ensemble, day, run_quantiles
from flashpoint.errors import FlashpointError, did_you_mean
from flashpoint.scenario.checks import indicator_problems
from flashpoint.scenario.entries import policy_changes
from flashpoint.scenario.loader import load_scenario
from flashpoint.scenario.parameters import refuse_entryless_values
from flashpoint.scenario.schema import Scenario

__all__ = ["compare", "Comparison", "FAN_QUANTILES", "summarize_difference", "record_indicators"]

#: the interval reported for totals and differences
LOW, HIGH = 0.05, 0.95
#: monthly quantiles kept per policy for fan charts
FAN_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass
class Comparison:
    """Per-run window totals of each indicator under each policy, and monthly quantiles for plots."""

    scenario: str
    policies: list[str]
    runs: int
    seed: int
    window: tuple[dt.date, dt.date]
    totals: dict[str, dict[str, np.ndarray]]            # indicator -> policy -> (runs,)
    monthly: dict[str, dict[str, pd.DataFrame]]         # indicator -> policy -> quantiles by month
    overrides: dict = field(default_factory=dict)
    ensembles: dict[str, Ensemble] = field(default_factory=dict)   # kept only if asked
    spec: Scenario | None = field(default=None, repr=False)          # the scenario itself (its record, its period)
    switched_off: dict[str, str] = field(default_factory=dict)       # indicator -> mechanism off under every policy
    #: indicator -> {policy: mechanism} where some compared policies switch its mechanism off and others do not (a
    #: held-out designer's policy switching M5 off went unmarked beside one that kept it)
    switched_off_under: dict[str, dict[str, str]] = field(default_factory=dict)
    happened: dict[str, dict[str, float] | None] = field(default_factory=dict, repr=False)  # policy -> entry -> share
    #: (indicator, start, end) of each sourced count -> policy -> per-run totals over its days (the charts' fit)
    record_totals: dict[tuple, dict[str, np.ndarray]] = field(default_factory=dict, repr=False)
    #: the parameters the runs are under: "defaults", "defaults with overrides", or the posterior drawn from
    label: str = "defaults"
    #: policy -> faction -> share of runs at the capacity ceiling (Ensemble.at_ceiling)
    at_ceiling: dict[str, dict[str, float]] = field(default_factory=dict)
    #: policy -> what `run` notes of its runs (:func:`flashpoint.summary.run_notes`: the ladder past its top rung,
    #: the host's consent worn down, allies M6 has taken; a held-out journalist's compare said none of run's)
    notes: dict[str, list[str]] = field(default_factory=dict)

    def __repr__(self) -> str:
        under = f"with {len(self.overrides)} parameter(s) overridden" if self.overrides else "at the hand-set defaults"
        return (f"<Comparison {self.scenario}: {', '.join(self.policies)}; {self.runs:,} paired runs, seed {self.seed}, "
                f"window {self.window[0]}..{self.window[1]}, {len(self.totals)} indicators, {under}>")

    def _repr_html_(self) -> str:
        from flashpoint.notebook import table

        rows = []
        for name in self.indicators:
            row = [name] + [float(self.totals[name][p].mean()) for p in self.policies]
            row += [float(self.difference(name, p).mean()) for p in self.policies[1:]]
            rows.append(row)
        header = ["indicator"] + [f"{p} (mean)" for p in self.policies] + [f"{p} - {self.first}" for p in self.policies[1:]]
        return table(repr(self)[1:-1], header, rows, "paired differences run by run (common random numbers)")

    @property
    def indicators(self) -> list[str]:
        return list(self.totals)

    @property
    def first(self) -> str:
        return self.policies[0]

    def unmoved_state(self, name: str) -> bool:
        """A state indicator one value in every run, month and policy of a comparison, its mechanism on (a held-out
        student's patron_control 0.6 [0.6, 0.6] unmarked in compare's table, where run's said nothing moved it;
        a held-out teacher's compare.html left it unmarked where the terminal marked it)."""
        base = name.split(".")[0]
        if base not in INDICATORS or INDICATORS[base].kind != "state" or name in self.switched_off:
            return False
        values = [np.asarray(v, dtype=float) for v in self.totals[name].values()]
        start, end = (pd.Timestamp(d) for d in self.window)         # its months in the window (the plots' run on)
        values += [f[(f.index >= start.to_period("M").to_timestamp()) & (f.index <= end)].to_numpy(
            dtype=float).ravel() for f in self.monthly.get(name, {}).values()]
        values = np.concatenate([v[~np.isnan(v)] for v in values])      # (float32 means beside their quantiles)
        return bool(values.size and np.allclose(values, values[0], rtol=1e-5, atol=0))

    def difference(self, indicator: str, policy: str) -> np.ndarray:
        """Paired difference ``policy - first policy`` of ``indicator``, per run (:func:`paired_difference`)."""
        if indicator not in self.totals:
            raise FlashpointError(f"indicator {indicator!r} was not compared; compared: {', '.join(self.totals)} "
                                  "(name it in compare(..., indicators=[...]); a breakdown such as "
                                  "attacks_on_foreign_forces.<faction> may be named)")
        if policy not in self.policies:
            raise FlashpointError(f"policy {policy!r} was not compared; compared: {', '.join(self.policies)}")
        t = self.totals[indicator]
        return paired_difference(t[policy], t[self.first])

    def to_dict(self) -> dict:
        """The JSON of ``flashpoint compare --format json``."""
        out = {
            "scenario": self.scenario,
            "policies": list(self.policies),
            "runs": self.runs,
            "seed": self.seed,
            "window": [str(self.window[0]), str(self.window[1])],
            "interval": [LOW, HIGH],
            "indicators": {},
            "switched_off": dict(self.switched_off),
            "switched_off_under": {k: dict(v) for k, v in self.switched_off_under.items()},
            "at_ceiling": self.at_ceiling,
            "parameters": self.label,
            "set": {k: v for k, v in self.overrides.items() if np.ndim(v) == 0},
            "kept_by_policy": kept_by_policy(self.spec, self.policies, self.overrides) if self.spec is not None else {},
            "policy_changes": {p: policy_changes(self.spec, p, self.overrides) for p in self.policies}
            if self.spec is not None else {},
        }
        out["notes"] = {p: list(self.notes.get(p, [])) for p in self.policies}
        for name, per in self.totals.items():
            base = name.partition(".")[0]
            counts = INDICATORS[base].kind == "count"
            per_policy = {}
            for pol in self.policies:
                x = per[pol]
                q05, q95 = run_quantiles(x, (LOW, HIGH), counts)
                per_policy[pol] = {"mean": _num(x.mean()), "q05": _num(q05), "q95": _num(q95)}
            vs_first = {pol: summarize_difference(self.difference(name, pol), counts) for pol in self.policies[1:]}
            out["indicators"][name] = {
                "kind": INDICATORS[base].kind, "unit": INDICATORS[base].unit,
                "per_policy": per_policy, "vs_first": vs_first,
            }
        return out

    def table(self) -> pd.DataFrame:
        """One row per (indicator, policy): its unit and kind, mean, q05, q95, the paired difference against
        the first, and ``switched_off``: the mechanism the indicator is the output of where that policy's runs had
        it off (a constant that says nothing about the case; empty otherwise), as the terminal's table marks it."""
        d = self.to_dict()
        rows = []
        for name, ind in d["indicators"].items():
            for pol in self.policies:
                off = d["switched_off"].get(name) or d["switched_off_under"].get(name, {}).get(pol) or ""
                row = {"indicator": name, "unit": ind.get("unit"), "kind": ind.get("kind"), "policy": pol,
                       **ind["per_policy"][pol]}
                diff = ind["vs_first"].get(pol)
                row.update({f"diff_{k}" if k != "p_positive" else k: (diff or {}).get(k, np.nan)
                            for k in ("mean_diff", "q05", "q95", "p_positive")})
                row["switched_off"] = off         # last: compare.csv's earlier columns keep their places
                rows.append(row)
        frame = pd.DataFrame(rows)
        return frame.rename(columns={"diff_mean_diff": "mean_diff"})


def paired_difference(policy_totals, baseline_totals) -> np.ndarray:
    """Each run's ``policy - baseline`` in float64. The totals are kept as float32: a difference within four of its
    steps of the larger value is that rounding, and reads 0, a tie (a held-out forecaster's patron_control differed
    by 1.4e-7 in every run: mean 0, P(>0) 1.00 beside "nothing moves it"); compare and claims judge the same."""
    a, b = np.asarray(policy_totals, dtype=np.float64), np.asarray(baseline_totals, dtype=np.float64)
    steps = 4 * np.finfo(np.float32).eps * np.maximum(np.abs(a), np.abs(b))
    return np.where(np.abs(a - b) <= steps, 0.0, a - b)


def _num(v) -> float:
    return float(round(float(v), 6))


def summarize_difference(diff: np.ndarray, counts: bool = False) -> dict:
    """mean, 90% interval and P(> 0) of a paired difference (``counts``: of two counts, whose quantiles are
    counts: ``ensemble.run_quantiles``)."""
    q05, q95 = run_quantiles(diff, (LOW, HIGH), counts)
    return {"mean_diff": _num(diff.mean()), "q05": _num(q05), "q95": _num(q95),
            "p_positive": _num(np.mean(diff > 0))}


def _policies(scenario: Scenario, policies) -> list[str]:
    if policies is None:
        return list(scenario.policies)
    if isinstance(policies, str):
        policies = [p.strip() for p in policies.split(",") if p.strip()]
    policies = list(policies)
    if not policies:
        raise FlashpointError("compare needs at least one policy (e.g. historical,no-decapitation)")
    dupes = sorted({p for p in policies if policies.count(p) > 1})
    if dupes:
        raise FlashpointError(f"policy listed twice: {', '.join(dupes)}")
    unknown = [p for p in policies if p not in scenario.policies]
    if unknown:
        raise FlashpointError(f"unknown policy {', '.join(map(repr, unknown))} for scenario {scenario.name}"
                              f"{did_you_mean(unknown[0], scenario.policies) or ';'} "
                              f"known: {', '.join(scenario.policies)}")
    return policies


def record_indicators(scenario: Scenario, limit: int = 4) -> list[str]:
    """The indicators (breakdowns included) that the scenario's record counts on their own, not as a
    sum, the most counted first: what a report charts against the record."""
    from flashpoint import records

    counts = records.period_counts(scenario)
    if len(counts) == 0:
        return []
    named = counts["indicator"][~counts["indicator"].str.contains("+", regex=False)]
    return list(named.value_counts().index[:limit])


def default_indicators(scenario: Scenario) -> list[str]:
    """What a comparison shows unless told: every indicator, each foreign party's strikes separately (their
    total is ``foreign_strikes``). The command line, Python and the web page compare the same."""
    from flashpoint.ensemble import INDICATORS

    parties = [a.id for a in scenario.foreign_parties]
    return [name for n in INDICATORS
            for name in ([f"{n}.{p}" for p in parties] if n == "foreign_strikes_by_party" else [n])]


def _indicators(ens: Ensemble, indicators) -> list[str]:
    if indicators is None:
        return default_indicators(ens.spec) if ens.spec is not None else ens.indicators()
    names = list(indicators)
    for n in names:
        ens.kind(n)  # raises a FlashpointError naming the known indicators
    return names


def compare(scenario: str | Scenario = "iraq-2020", policies: Sequence[str] | str | None = None,
            *, runs: int = 1000, seed: int = 0, window=None, indicators: Sequence[str] | str | None = None,
            overrides: dict | None = None, keep_ensembles: bool = False,
            progress: Callable[[int, int], None] | None = None, backend: str = "local",
            workers: int | None = None, address: str | None = None, label: str | None = None) -> Comparison:
    """Simulate ``scenario`` under each of ``policies`` with the same ``runs`` and ``seed``.

    Runs at the scenario's hand-set defaults unless ``overrides`` say otherwise; the command line runs a
    built-in scenario on its shipped posterior by default, which from Python is
    ``overrides=posterior_overrides(shipped_posterior(name), runs, seed, scenario)``
    (``flashpoint.calibration.posterior.posterior_overrides``, ``flashpoint.analysis.shipped_posterior``);
    ``label`` names the parameters in the table and the JSON (``"posterior"``; default: ``"defaults"``, or
    ``"defaults with overrides"`` with ``overrides``).

    ``policies``: the first is the reference; default: every policy of the scenario, in its file's order.
    ``window`` is ``(start, end)`` (days: dates or ``YYYY-MM-DD``) or ``"START:END"``; default: the whole
    period. ``indicators`` (names, or one text of comma-separated names)
    defaults to every indicator, each foreign party's strikes separately (breakdowns such as
    ``attacks_on_foreign_forces.<faction>`` may be named).
    ``overrides`` apply to every policy except where a policy sets the same parameter itself (the
    policy wins; a FlashpointNote names those, as ``flashpoint compare --set`` does). ``progress(done, total)`` counts runs over all policies. Ensembles are dropped
    after their totals are taken unless ``keep_ensembles`` (they hold about 106 bytes per run-day with three factions, two parties and one target; more with more).
    """
    from flashpoint.engine import simulate

    sc = load_scenario(scenario)
    pols = _policies(sc, policies)
    # an empty comparison was returned unsaid; a wrong name is said before any run, not after the first
    if isinstance(indicators, str):     # "a,b", as policies take it (a held-out researcher's was one unknown name)
        indicators = [i.strip() for i in indicators.split(",") if i.strip()]
    elif indicators is not None:
        indicators = list(indicators)
    if indicators is not None and not indicators:
        raise FlashpointError("indicators: name at least one, or leave it out (None) for every indicator")
    for name in indicators or []:
        if problems := indicator_problems(sc, name):
            raise FlashpointError(f"indicators: {problems[0]}")
    refuse_entryless_values(sc, pols, overrides, policy_wins=True)
    kept_warning(sc, pols, overrides)
    lost_warning(sc, pols, overrides)
    if window is None:
        start, end = sc.start, sc.end
    elif isinstance(window, str):                # "START:END", as the command line takes it
        start, end = parse_window(window, sc)
    else:
        if not hasattr(window, "__len__") or len(window) != 2:      # (a held-out researcher's 5: a TypeError)
            raise FlashpointError(f"window: expected (start, end), got {window!r}")
        start, end = (day(w, side).date() for w, side in zip(window, ("window start", "window end")))
    start, end = check_window(start, end, sc)
    totals: dict[str, dict[str, np.ndarray]] = {}
    monthly: dict[str, dict[str, pd.DataFrame]] = {}
    kept: dict[str, Ensemble] = {}
    charted = record_indicators(sc)           # monthly quantiles only: the report charts them against the record
    off: dict[str, set] = {}
    happened: dict[str, dict[str, float] | None] = {}
    from flashpoint import records
    from flashpoint.report.charts import record_windows

    windows = record_windows(sc) if sc.record is not None else []
    record_totals: dict[tuple, dict[str, np.ndarray]] = {}
    ceiling: dict[str, dict[str, float]] = {}
    notes: dict[str, list[str]] = {}
    from flashpoint.summary import run_notes

    for k, pol in enumerate(pols):
        step = None
        if progress is not None:
            step = (lambda k: lambda done, total: progress(k * runs + done, len(pols) * runs))(k)
        ens = simulate(sc, policy=pol, runs=runs, seed=seed, overrides=policy_overrides(sc, pol, overrides),
                       progress=step, backend=backend, workers=workers, address=address)
        names = _indicators(ens, indicators)
        for name in names:
            totals.setdefault(name, {})[pol] = ens.total(name, start, end)
        for name in names:
            off.setdefault(name, {})[pol] = ens.switched_off(name)
        for name in dict.fromkeys(names + charted):
            monthly.setdefault(name, {})[pol] = ens.quantiles(name, freq="M", qs=FAN_QUANTILES)
        happened[pol] = ens.happened_share()              # for the charts' schedule markers
        for key in windows:                                # and their fit to the record
            record_totals.setdefault(key, {})[pol] = records.total(ens, *key)
        ceiling[pol], cap = ens.at_ceiling(), ens.ceiling_cap()
        notes[pol] = run_notes(ens)
        if keep_ensembles:
            kept[pol] = ens
        del ens
    ceiling_warning(ceiling, cap)
    return Comparison(scenario=sc.name, policies=pols, runs=runs, seed=seed, window=(start, end),
                      totals=totals, monthly=monthly, overrides=dict(overrides or {}), ensembles=kept, spec=sc,
                      switched_off={n: next(iter(m.values())) for n, m in off.items()
                                    if len(set(m.values())) == 1 and None not in m.values()},
                      switched_off_under={n: {p: k for p, k in m.items() if k is not None} for n, m in off.items()
                                          if None in m.values() and set(m.values()) != {None}},
                      happened=happened, record_totals=record_totals, at_ceiling=ceiling, notes=notes,
                      label=label or ("defaults with overrides" if overrides else "defaults"))
