"""What the web app computes and caches: one small summary per (scenario, policy, runs, seed).

A simulation is reduced at once to a :class:`PolicyResult`: monthly fan quantiles of the
indicators the page draws, and per-run totals over the windows that comparisons and claims
read (the whole period, each claim's window, and any window a request asked for). The ensemble
itself (about 65 kB per run) is dropped. Comparisons and claim verdicts are then assembled from
these summaries with the analysis part's own types (:class:`~flashpoint.analysis.compare.Comparison`,
:func:`~flashpoint.analysis.claims.judge`), so they are the numbers ``flashpoint compare`` and
``flashpoint claims --samples 0`` print: every policy is simulated with the same runs and seed
(common random numbers), and run *i* of one policy is paired with run *i* of another.
"""
from __future__ import annotations

import datetime as dt
import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from flashpoint.ensemble import INDICATORS, run_quantiles
from flashpoint.scenario.schema import Scenario

#: monthly quantiles kept for fan charts (the analysis part's choice)
FAN_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
FAN_KEYS = ("q05", "q25", "q50", "q75", "q95")
#: breakdowns drawn besides the base indicators: attacks by faction and by mode (the record counts some), and
#: strikes by foreign party (its chart drew only their sum)
#: the indicators whose breakdowns the page draws (all, or those named: where the strikes fell, on the host's soil or
#: abroad, which a held-out journalist's strikes across a border could not be told by on the page; by faction and
#: party they are foreign_strikes_by_party's)
FAN_BREAKDOWNS = {"attacks_on_foreign_forces": None, "foreign_killed": None, "foreign_wounded": None,
                  "foreign_strikes_by_party": None, "foreign_strikes": ("host_soil", "abroad")}

Window = tuple[str, str]  # ISO start, ISO end (inclusive)


def fan_indicators(breakdowns: dict[str, list[str]], counted=(), host: bool = True) -> list[str]:
    """Base indicators, then the drawn breakdowns (``attacks_on_foreign_forces.indirect_fire``, ...), then any
    other indicator the record counts on its own (a breakdown's breakdown: one target's attacks by mode). With no
    ``host`` (no host government), no split of the strikes by the host's soil (a verifier's: all of them "abroad")."""
    names = list(INDICATORS)
    for base, only in FAN_BREAKDOWNS.items():
        if only is not None and not host:
            continue
        names += [f"{base}.{b}" for b in breakdowns.get(base, []) if only is None or b in only]
    return names + [n for n in dict.fromkeys(counted) if "+" not in n and n not in names]


def whole(scenario: Scenario) -> Window:
    return (scenario.start.isoformat(), scenario.end.isoformat())


def claim_windows(scenario: Scenario) -> list[tuple[str, Window]]:
    return [(c.indicator, (c.window[0].isoformat(), c.window[1].isoformat())) for c in scenario.claims]


@dataclass
class PolicyResult:
    """A policy's ensemble reduced to what the page and the comparisons read."""

    scenario: str
    digest: str
    policy: str
    runs: int
    seed: int
    months: list[str]
    fan: dict[str, dict[str, list[float]]]                       # indicator -> q05..q95, mean
    totals: dict[tuple[str, Window], np.ndarray] = field(default_factory=dict)   # (indicator, window) -> runs
    seconds: float = 0.0
    overrides: tuple = ()                                         # ((name, value), ...) this policy ran with
    happened: dict[str, float] | None = None                      # schedule entry id -> share of runs
    parameters: str = "defaults"                                  # or "posterior (FILE)": one draw per run
    switched_off: dict[str, str] = field(default_factory=dict)    # indicator -> its mechanism, off in these runs
    series_fit: list[dict] = field(default_factory=list)          # the record's series values beside the runs
    at_ceiling: dict[str, float] = field(default_factory=dict)    # faction -> share of runs at the capacity ceiling
    decided: dict = field(default_factory=dict)                   # counts the schedule decides (records.decided)
    draws: np.ndarray | None = None                               # each run's posterior draw (claims.draws_of)
    reporting: str | None = None                                  # posterior.reporting_note: grade-C counts' share
    notes: list[str] = field(default_factory=list)                # what `run` notes beside its table (run_notes)
    patterns: dict = field(default_factory=dict)                  # the record's regime patterns (records.patterns)

    @property
    def key(self) -> tuple:
        return (self.scenario, self.digest, self.policy, self.runs, self.seed, self.overrides, self.parameters)

    def quantiles(self, name: str) -> pd.DataFrame:
        """The monthly fan of ``name`` as the chart module reads quantiles (columns 0.05..0.95, mean)."""
        f = self.fan[name]
        if getattr(self, "_index", None) is None:
            self._index = pd.DatetimeIndex([m + "-01" for m in self.months])
        columns = {q: f[k] for k, q in zip(FAN_KEYS, FAN_QUANTILES)} | {"mean": f["mean"]}
        return pd.DataFrame(columns, index=self._index, dtype="float64")

    def total_of(self, name: str):
        """``total(start, end)`` from the kept windows (a KeyError for a window not kept)."""
        return lambda start, end: self.totals[(name, (start, end))]

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in self.totals.values()) + 8 * 6 * len(self.months) * len(self.fan) + 4096

    def has(self, needs: Iterable[tuple[str, Window]]) -> bool:
        return all(n in self.totals for n in needs)


def _rounded(values) -> list[float | None]:
    out = []
    for v in values:
        v = float(v)
        out.append(round(v, 4) if math.isfinite(v) else None)
    return out


def overrides_key(scenario: Scenario, policy: str, overrides: dict | None) -> tuple:
    """The overrides ``policy``'s runs get (those it sets itself win), as a hashable, sorted tuple."""
    from flashpoint.analysis import policy_overrides

    return tuple(sorted(policy_overrides(scenario, policy, overrides).items()))


def summarize_policy(scenario: Scenario, digest: str, policy: str, runs: int, seed: int,
                     needs: Iterable[tuple[str, Window]] = (),
                     progress: Callable[[int, int], None] | None = None, overrides: tuple = (),
                     posterior=None) -> PolicyResult:
    """Simulate one policy and keep its fan quantiles, the per-run totals over the windows named (and over
    the periods of the scenario's sourced counts), and how often each schedule entry happened. With
    ``posterior`` (a file), each run draws its parameters from it (as ``flashpoint compare`` does)."""
    from flashpoint.engine import simulate
    from flashpoint.records import total as record_total
    from flashpoint.report.charts import record_windows

    from flashpoint.analysis.claims import draws_of

    t0 = time.perf_counter()
    settings = dict(overrides)
    reporting = None
    if posterior is not None:
        from flashpoint.calibration.posterior import load_posterior, posterior_overrides, reporting_note

        settings = {**posterior_overrides(posterior, runs, seed), **settings}
        reporting = reporting_note(load_posterior(posterior), scenario)
    ens = simulate(scenario, policy=policy, runs=runs, seed=seed, overrides=settings or None, progress=progress)
    from flashpoint.report.observed import period_counts

    counted = sorted(set(period_counts(scenario)["indicator"]))
    names = fan_indicators({b: ens.breakdowns(b) for b in FAN_BREAKDOWNS}, counted,
                           host=bool(scenario.actors_of("host_executive")))
    fan: dict[str, dict[str, list[float]]] = {}
    months: list[str] = []
    for name in names:
        q = ens.quantiles(name, freq="M", qs=FAN_QUANTILES)
        months = [d.strftime("%Y-%m") for d in q.index]
        fan[name] = {k: _rounded(q[qv]) for k, qv in zip(FAN_KEYS, FAN_QUANTILES)}
        fan[name]["mean"] = _rounded(ens.mean(name, "M"))
    records = [(n, (a, b)) for n, a, b in record_windows(scenario)]   # every sourced count, sums of breakdowns too
    from flashpoint.analysis.compare import default_indicators

    # every charted indicator's total over the period, its breakdowns' too (a held-out student's claims counted
    # one attack target's attacks, whose run total the page's answer gave as null)
    wanted = ([(n, whole(scenario)) for n in list(INDICATORS) + default_indicators(scenario) + names]
              + claim_windows(scenario) + list(needs) + records)
    totals = {}
    for name, (start, end) in dict.fromkeys(wanted):
        totals[(name, (start, end))] = record_total(ens, name, start, end)
    happened = ens.happened_share()
    off = {n: m for n in ens.indicators() if (m := ens.switched_off(n))}
    series_fit = [c.to_dict() for c in ens.series_fit()]
    at_ceiling = ens.at_ceiling()
    from flashpoint.records import decided

    made = decided(ens.fit())
    from flashpoint.summary import run_notes

    notes = run_notes(ens)
    shapes = ens.patterns()            # as `flashpoint run` computes them (summary.json's patterns)
    del ens
    return PolicyResult(scenario.name, digest, policy, runs, seed, months, fan, totals,
                        seconds=time.perf_counter() - t0, overrides=tuple(overrides), happened=happened,
                        parameters=parameters_label(posterior), switched_off=off, series_fit=series_fit,
                        at_ceiling=at_ceiling, decided=made,
                        draws=None if posterior is None else draws_of(settings, runs), reporting=reporting,
                        notes=notes, patterns=shapes)


def parameters_label(posterior) -> str:
    """How results name their parameters: ``defaults`` or ``posterior (FILE NAME)`` (as the CLI does)."""
    return "defaults" if posterior is None else f"posterior ({Path(posterior).name})"


class ResultCache:
    """Policy results by (scenario, digest, policy, runs, seed), least recently used out first,
    bounded by the bytes they hold."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple, PolicyResult] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple, needs: Iterable[tuple[str, Window]] = ()) -> PolicyResult | None:
        with self._lock:
            item = self._items.get(key)
            if item is None or not item.has(needs):
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item

    def put(self, result: PolicyResult) -> None:
        with self._lock:
            old = self._items.pop(result.key, None)
            if old is not None:  # keep windows asked for earlier
                for k, v in old.totals.items():
                    result.totals.setdefault(k, v)
            self._items[result.key] = result
            total = sum(r.nbytes for r in self._items.values())
            while total > self.max_bytes and len(self._items) > 1:
                _, dropped = self._items.popitem(last=False)
                total -= dropped.nbytes

    def stats(self) -> dict:
        with self._lock:
            return {"entries": len(self._items), "bytes": sum(r.nbytes for r in self._items.values()),
                    "max_bytes": self.max_bytes, "hits": self.hits, "misses": self.misses}


# -- assembling answers ---------------------------------------------------------------------------
def indicator_meta(name: str) -> dict:
    ind = INDICATORS[name.partition(".")[0]]
    return {"kind": ind.kind, "unit": ind.unit, "description": ind.description}


def _spread(x: np.ndarray, counts: bool) -> dict:
    q05, q50, q95 = run_quantiles(x, (0.05, 0.5, 0.95), counts)
    return {"mean": _num(x.mean()), "q05": _num(q05), "q50": _num(q50), "q95": _num(q95)}


def _num(v) -> float:
    return float(round(float(v), 6))


def _settings(results: list[PolicyResult]) -> dict:
    merged: dict = {}
    for r in results:
        merged.update(dict(r.overrides))
    return merged


def charts_answer(scenario: Scenario, results: list[PolicyResult]) -> tuple[dict, dict]:
    """Per indicator the chart spec (every policy's band, the record, the markers, the fit in the
    caption), and per policy the fit: each sourced count against the band over its days."""
    from flashpoint.report.charts import changed_entries, fan_spec, policy_markers, record_fit, series_entry
    from flashpoint.report.observed import chart_counts, period_counts, series_counts
    from flashpoint.scenario.presence import unheld

    record, drawn = period_counts(scenario), chart_counts(scenario)      # drawn: and those partly outside the period
    counted = set(record["indicator"])
    settings = _settings(results)
    subtitle = f"{results[0].runs:,} runs per policy, seed {results[0].seed}"
    if settings:
        subtitle += "; set: " + ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
                                          for k, v in sorted(settings.items()))
    charts, fit = {}, {r.policy: [] for r in results}
    keys, changed = _record_keys(scenario), changed_entries(scenario, [r.policy for r in results])
    for name in results[0].fan:
        series = []
        for r in results:
            has = r.has(keys.get(name, []))
            series.append(series_entry(r.policy, r.quantiles(name), total=r.total_of(name) if has else None,
                                       markers=policy_markers(scenario, r.policy, r.happened, changed=changed),
                                       decided=r.decided))
        spec = fan_spec(name, series, span=(scenario.start, scenario.end), record=drawn if len(drawn) else None,
                        title=f"{scenario.name}: {name}", subtitle=subtitle, observed_series=series_counts(scenario, name),
                        unheld=unheld(scenario, name))
        charts[name] = spec
        for s in spec["series"]:
            fit[s["policy"]] += [{**f, "indicator": name} for f in s["fit"]]
    for name in sorted(counted - set(charts)):   # counts of what no chart draws (a sum of breakdowns, a deeper one)
        for r in results:
            if r.has(keys[name]):
                fit[r.policy] += record_fit(record, r.total_of(name), indicator=name, decided=r.decided)
    line = {(t.indicator, str(t.start.date()), str(t.end.date()), t.count): i    # the record's order, as `run` lists
            for i, t in enumerate(record.itertuples(index=False))}                # it (a held-out check compared rows
    last = len(line)                                                              # by index and failed)
    for rows in fit.values():
        rows.sort(key=lambda f: line.get((f["indicator"], f["start"], f["end"], f["count"]), last))
    return charts, fit


def _record_keys(scenario: Scenario) -> dict[str, list]:
    """Indicator -> the (indicator, window) totals its sourced counts need (:func:`record_windows`)."""
    from flashpoint.report.charts import record_windows

    keys: dict[str, list] = {}
    for n, a, b in record_windows(scenario):
        keys.setdefault(n, []).append((n, (a, b)))
    return keys


def run_answer(scenario: Scenario, r: PolicyResult, asked: dict | None = None) -> dict:
    """One policy: per indicator its total over the period (mean, 5/50/95%); its charts and fit. ``asked``: the
    overrides the request gave, of which those the policy sets itself are kept at the policy's value and said so
    (``kept_by_policy`` and a note, as compare says it; an outside tester's was dropped unsaid)."""
    from flashpoint.analysis import kept_by_policy, kept_note

    w = whole(scenario)
    charts, fit = charts_answer(scenario, [r])
    kept = kept_by_policy(scenario, [r.policy], list(asked or {}))
    notes = r.notes + ([kept_note(kept)] if kept else [])
    return {
        "scenario": scenario.name, "policy": r.policy, "runs": r.runs, "seed": r.seed,
        "overrides": dict(r.overrides), "parameters": r.parameters, "start": w[0], "end": w[1], "months": r.months,
        "indicators": {
            name: {**indicator_meta(name),
                   "total": _spread(r.totals[(name, w)], indicator_meta(name)["kind"] == "count")
                   if (name, w) in r.totals else None}
            for name in r.fan
        },
        "charts": charts, "fit": fit[r.policy], "series_fit": r.series_fit, "switched_off": dict(r.switched_off),
        "at_ceiling": {r.policy: r.at_ceiling}, "reporting_note": r.reporting, "notes": {r.policy: notes},
        "kept_by_policy": kept, "left_out": left_out(scenario), "patterns": r.patterns,
    }


def compare_answer(scenario: Scenario, results: list[PolicyResult], window: Window,
                   indicators: list[str] | None = None) -> dict:
    """The JSON of ``flashpoint compare`` (paired differences against the first policy), the charts
    (every policy on one axis, with the record) and each policy's fit to the record."""
    from flashpoint.analysis.compare import Comparison, default_indicators

    names = indicators or default_indicators(scenario)
    pols = [r.policy for r in results]
    totals = {n: {r.policy: r.totals[(n, window)] for r in results} for n in names}
    comp = Comparison(scenario=scenario.name, policies=pols, runs=results[0].runs, seed=results[0].seed,
                      window=(dt.date.fromisoformat(window[0]), dt.date.fromisoformat(window[1])),
                      totals=totals, monthly={},
                      switched_off={n: m for n, m in results[0].switched_off.items()
                                    if all(r.switched_off.get(n) == m for r in results)},
                      switched_off_under={n: {r.policy: r.switched_off[n] for r in results if n in r.switched_off}
                                          for n in {n for r in results for n in r.switched_off}
                                          if any(n not in r.switched_off for r in results)},
                      at_ceiling={r.policy: r.at_ceiling for r in results},
                      spec=scenario, overrides=_settings(results))    # its set and kept_by_policy (were always {})
    out = comp.to_dict()
    out["overrides"] = _settings(results)
    out["parameters"] = results[0].parameters
    out["reporting_note"] = results[0].reporting
    out["months"] = results[0].months
    out["charts"], out["fit"] = charts_answer(scenario, results)
    out["series_fit"] = {r.policy: r.series_fit for r in results}
    out["notes"] = {r.policy: r.notes for r in results}
    out["left_out"] = left_out(scenario)
    out["patterns"] = {r.policy: r.patterns for r in results}
    return out


def left_out(scenario: Scenario) -> list[dict]:
    """The record's counts.csv rows no chart or fit row lays beside the runs, with why (as `flashpoint run` names
    them; the page said nothing of a held-out case's left-out count)."""
    from flashpoint.records import left_out_counts

    return [{"line": line, "why": why} for line, why in left_out_counts(scenario)]


def claims_policies(scenario: Scenario, ids: list[str] | None) -> tuple[list, list[str]]:
    chosen = [c for c in scenario.claims if ids is None or c.id in ids]
    pols: list[str] = []
    for c in chosen:
        for p in (c.policy, c.baseline):
            if p not in pols:
                pols.append(p)
    return chosen, pols


def claims_answer(scenario: Scenario, chosen: list, by_policy: dict[str, PolicyResult], runs: int, seed: int,
                  others: list[dict[str, PolicyResult]] = (), audits: dict | None = None,
                  audit_size: tuple[int, int] | None = None, name: str | None = None) -> dict:
    """The JSON of ``flashpoint claims --samples 0`` (``--no-audit`` unless ``audits`` are given): each
    claim's probability, interval and verdict under ``by_policy``'s parameters, under each of ``others``
    beside them, and the structure audit's verdict where there is one; ``name``: the scenario as the request named
    it (a built-in's, or a file of the user's: then its note says which parameters are a built-in's fit, as
    `flashpoint claims` does)."""
    from flashpoint.analysis.claims import ClaimsReport, apply_audit, with_schedule_notes
    from flashpoint.scenario.parameters import borrowed_fits

    results = _verdicts(chosen, by_policy)
    _record_in_window(scenario, results, by_policy)
    for r in results:
        with_schedule_notes(scenario, r)
    for other in others:
        for r, o in zip(results, _verdicts(chosen, other)):
            r.others[o.label] = o
    if audits is not None:
        apply_audit(results, audits)
    report = ClaimsReport(scenario=scenario.name, runs=runs, seed=seed, samples=0, parameters=[], results=results,
                          label=results[0].label if results else "defaults",
                          at_ceiling={p: r.at_ceiling for p, r in by_policy.items()},
                          audit_size=audit_size if audits is not None else None, spec=scenario)
    out = report.to_dict()
    out["note"] = ("robustness over the parameter space (sensitivity analysis) is not computed here; "
                   "use `flashpoint claims --samples N`. "
                   + ("The structure audit ran: a claim the model's structure decides says so." if audits is not None
                      else "The structure audit did not run (ask with audit: true, the page's audit box): a verdict may "
                           "restate how the "
                           "model is built; `flashpoint claims` audits by default.")
                   + (f" Note: {out['audit_note']}." if "audit_note" in out else ""))
    if (borrowed := borrowed_fits(scenario, name or scenario.name)) is not None:    # (a held-out tester's decapitation
        out["note"] += (f" Note: {borrowed}; a verdict at these values rests on that case's numbers, not on this "
                        "one's record.")                                          # claim, on the page with no word)
    return out


def _record_in_window(scenario: Scenario, results: list, by_policy: dict[str, PolicyResult]) -> None:
    """Each claim with a historical arm gets the record's counts overlapping its window beside those runs' band,
    as ``flashpoint claims`` lays them (``ClaimResult.record``), from the totals the runs kept."""
    from flashpoint.analysis.claims import RECORD_POLICY, in_window
    from flashpoint.report.charts import record_fit
    from flashpoint.report.observed import period_counts

    history = by_policy.get(RECORD_POLICY)
    if history is None or scenario.record is None:
        return
    record, keys = period_counts(scenario), _record_keys(scenario)
    rows = [row for name in dict.fromkeys(record["indicator"]) if name in keys and history.has(keys[name])
            for row in record_fit(record, history.total_of(name), indicator=name, decided=history.decided)]
    rows += history.series_fit                          # the series values too (troops, a spoiler's attacks)
    for r in results:
        if RECORD_POLICY in (r.claim.policy, r.claim.baseline):
            r.record = in_window(rows, r.claim)


def _verdicts(chosen: list, by_policy: dict[str, PolicyResult]) -> list:
    from flashpoint.analysis.claims import paired_verdict

    def total(c, policy):
        return by_policy[policy].totals[(c.indicator, (c.window[0].isoformat(), c.window[1].isoformat()))]

    return [paired_verdict(c, total(c, c.policy), total(c, c.baseline), by_policy[c.policy].parameters,
                           by_policy[c.policy].draws) for c in chosen]     # runs sharing a draw: fewer, as the CLI
