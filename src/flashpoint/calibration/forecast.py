"""Forecasts from a posterior: the predictive distribution per month and over a window, and its scores.

The predictive distribution of an indicator over ``from..to`` is that of runs simulated from the
scenario's start with one posterior draw per run (resampled by weight). Runs are not filtered to
the path the record took up to ``from``: the forecast is what the calibrated model expects for the
window, given what it learnt from the data up to the posterior's ``until``.

Scores (as the ViEWS forecasting competitions use them):

- CRPS from the samples, ``E|X - y| - E|X - X'| / 2`` (lower is better; for a point forecast it is
  the absolute error);
- coverage of the central 90 % interval (5 %..95 %): the share of observations inside it (0.9 is
  calibrated);
- the same CRPS for three naive baselines, each a point forecast (a rate per day times the days of
  the observed period): zero; the last observed period carried forward; the historical average.

Observations (``--data``):

- ``iraq-2019-2020`` (default): the sourced period counts of the indicator whose period lies in the
  window. Exact and approximate counts ("~25" scored at 25) are scored; bounds (">=32") cannot be
  scored by CRPS and are checked instead: does the 90 % interval reach the bound? The baselines' rates
  come from counts with a value that end before ``from``: the most recent one (last period carried
  forward) and the longest one (historical average).
- ``store[:KEY=VALUE;...]``: monthly counts of matching events in the event store (see
  ``targets.parse_store_query``); the baselines use the store's months before ``from``. The curated
  events in the store are a list of notable events, not a complete count of attacks: score against
  an imported complete dataset (ACLED) for a meaningful test.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from flashpoint.errors import FlashpointError

MAX_SAMPLES = 2000
QS = (0.05, 0.5, 0.95)


# -- scores ------------------------------------------------------------------------------------
def crps_samples(samples: np.ndarray, y: float) -> float:
    """CRPS of the empirical distribution of ``samples`` at observation ``y``:
    ``E|X - y| - 0.5 E|X - X'|``, computed from the sorted sample in O(n log n)."""
    x = np.sort(np.asarray(samples, dtype=float))
    n = x.size
    if n == 0:
        return math.nan
    first = np.mean(np.abs(x - y))
    i = np.arange(1, n + 1)
    pairs = 2.0 * np.sum((2 * i - n - 1) * x) / (n * n)   # E|X - X'| over all ordered pairs
    return float(first - 0.5 * pairs)


def crps_point(p: float, y: float) -> float:
    return float(abs(p - y))


def covered(samples: np.ndarray, y: float, level: float = 0.9) -> bool:
    lo, hi = np.quantile(samples, [(1 - level) / 2, (1 + level) / 2])
    return bool(lo <= y <= hi)


# -- the predictive distribution ---------------------------------------------------------------
def months_in(start: pd.Timestamp, end: pd.Timestamp) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
    out = []
    for m in pd.date_range(start.to_period("M").start_time, end, freq="MS"):
        out.append((m.strftime("%Y-%m"), max(m, start), min(m + pd.offsets.MonthEnd(0), end)))
    return out


def _stats(x: np.ndarray) -> dict:
    q = np.quantile(x, QS)
    return {"mean": float(np.mean(x)), "q05": float(q[0]), "q50": float(q[1]), "q95": float(q[2])}


def _check_dates(sc, start, end) -> tuple[pd.Timestamp, pd.Timestamp]:
    try:
        start, end = pd.Timestamp(start), pd.Timestamp(end)
    except (ValueError, TypeError):
        raise FlashpointError(f"--from/--to must be dates (YYYY-MM-DD), got {start!r} and {end!r}") from None
    if start > end:
        raise FlashpointError(f"--from {start.date()} is after --to {end.date()}")
    if start < pd.Timestamp(sc.start) or end > pd.Timestamp(sc.end):
        raise FlashpointError(f"the window {start.date()}..{end.date()} lies outside the scenario's period "
                              f"{sc.start}..{sc.end}")
    return start, end


def predictive_ensemble(post, *, end, runs: int, seed: int, policy: str = "historical", scenario=None,
                        progress=None):
    """Runs from the scenario's start to ``end``, one posterior draw per run."""
    from flashpoint.calibration.abc import truncated
    from flashpoint.engine import simulate
    from flashpoint.scenario.loader import load_scenario

    source = scenario or post.meta.get("scenario", {}).get("source") or post.scenario
    sc = load_scenario(source)
    if post.scenario and sc.name != post.scenario:
        raise FlashpointError(f"the posterior was calibrated on scenario {post.scenario!r}, not {sc.name!r}")
    draws = post.sample(runs, seed)
    return simulate(truncated(sc, end), policy=policy, runs=runs, seed=seed, overrides=draws, progress=progress)


@dataclass
class Forecast:
    indicator: str
    start: pd.Timestamp
    end: pd.Timestamp
    window: np.ndarray                       # per run, the indicator over the window
    months: dict[str, tuple[pd.Timestamp, pd.Timestamp, np.ndarray]]
    runs: int
    seed: int
    kind: str
    posterior: str = ""
    ens: object = field(default=None, repr=False)

    def as_json(self) -> dict:
        rng = np.random.default_rng(self.seed)
        samples = self.window if self.window.size <= MAX_SAMPLES else rng.choice(self.window, MAX_SAMPLES,
                                                                                  replace=False)
        return {
            "indicator": self.indicator, "from": str(self.start.date()), "to": str(self.end.date()),
            "runs": self.runs, "seed": self.seed, "posterior": self.posterior, "kind": self.kind,
            "window": {**_stats(self.window), "samples": [float(v) for v in samples]},
            "months": {label: {"start": str(a.date()), "end": str(b.date()), **_stats(x)}
                       for label, (a, b, x) in self.months.items()},
        }


def forecast(post, start, end, *, indicator: str = "attacks_on_foreign_forces", runs: int = 2000, seed: int = 0,
             policy: str = "historical", scenario=None, progress=None, path: str = "") -> Forecast:
    from flashpoint.scenario.loader import load_scenario

    sc = load_scenario(scenario or post.meta.get("scenario", {}).get("source") or post.scenario)
    start, end = _check_dates(sc, start, end)
    ens = predictive_ensemble(post, end=end, runs=runs, seed=seed, policy=policy, scenario=scenario,
                              progress=progress)
    kind = ens.kind(indicator)   # also checks the name
    window = np.asarray(ens.total(indicator, start, end), dtype=float)
    months = {label: (a, b, np.asarray(ens.total(indicator, a, b), dtype=float))
              for label, a, b in months_in(start, end)}
    return Forecast(indicator, start, end, window, months, runs, seed, kind, posterior=path, ens=ens)


# -- observations and baselines ----------------------------------------------------------------
@dataclass
class Observation:
    label: str
    start: pd.Timestamp
    end: pd.Timestamp
    value: float            # the scored value (NaN for a bound)
    low: float
    high: float
    count: str
    source: str = ""

    @property
    def days(self) -> int:
        return int((self.end - self.start).days) + 1

    @property
    def is_point(self) -> bool:
        return not math.isnan(self.value)


def _record_rows(indicator: str) -> list[Observation]:
    from flashpoint.calibration.targets import KIND_WEIGHT
    from flashpoint.events.curated import load_attack_counts

    table = load_attack_counts()
    out = []
    for row in table.to_dict("records"):
        if row["indicator"] != indicator or KIND_WEIGHT.get(row["kind"], 1.0) == 0:
            continue
        lo, hi = row["low"], row["high"]
        text = str(row["count"]).strip()
        if text.startswith("~"):
            value = float(text[1:])
        elif not math.isnan(lo) and not math.isnan(hi) and lo == hi and not text.startswith((">", "<")):
            value = float(lo)
        else:
            value = math.nan
        out.append(Observation(f"{row['period_start'].date()}..{row['period_end'].date()}", row["period_start"],
                               row["period_end"], value, lo, hi, text, row["source"]))
    return out


def observations(data: str, start, end, indicator: str, *, history_from=None, store=None
                 ) -> tuple[list[Observation], list[Observation]]:
    """(observations inside start..end, observations with a value that end before start)."""
    from flashpoint.calibration.targets import RECORD, parse_store_query, store_indicator, store_monthly

    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if data == RECORD:
        rows = _record_rows(indicator)
        inside = [o for o in rows if o.start >= start and o.end <= end]
        before = [o for o in rows if o.end < start and o.is_point]
        if not inside:
            raise FlashpointError(f"the record {RECORD} has no count of {indicator} whose period lies in "
                                  f"{start.date()}..{end.date()} (its counts run to 2020-10-22)")
        return inside, before
    if data == "store" or data.startswith("store:"):
        filters = parse_store_query(data)
        if store_indicator(filters) != indicator:
            raise FlashpointError(f"--data {data} counts {store_indicator(filters)}, not {indicator}; "
                                  "give --indicator to match, or a mode= filter")
        first = pd.Timestamp(history_from) if history_from is not None else start
        series = store_monthly(filters, start=first, end=end, store=store)
        obs = []
        for month, value in series.items():
            a = max(month, first)
            b = min(month + pd.offsets.MonthEnd(0), end)
            obs.append(Observation(month.strftime("%Y-%m"), a, b, float(value), float(value), float(value),
                                   f"{value:g}", data))
        inside = [o for o in obs if o.start >= start.to_period("M").start_time and o.end >= start]
        inside = [Observation(o.label, max(o.start, start), o.end, o.value, o.low, o.high, o.count, o.source)
                  if o.start < start else o for o in inside]
        before = [o for o in obs if o.end < start]
        return inside, before
    raise FlashpointError(f"--data {data!r}: evaluation reads {RECORD} or store[:KEY=VALUE;...]")


def baseline_rates(before: list[Observation]) -> dict[str, float]:
    """Point-forecast rates per day: zero, last period carried forward, historical average."""
    rates = {"zero": 0.0}
    points = [o for o in before if o.is_point]
    if points:
        last = max(points, key=lambda o: (o.end, -o.days))
        longest = max(points, key=lambda o: (o.days, o.end))
        if all(o.days <= 31 for o in points):   # a monthly series: average of the months
            longest_rate = sum(o.value for o in points) / sum(o.days for o in points)
        else:
            longest_rate = longest.value / longest.days
        rates["last period"] = last.value / last.days
        rates["historical average"] = longest_rate
    return rates


@dataclass
class Evaluation:
    table: pd.DataFrame          # per observation: forecast quantiles, observed, CRPS of each method
    scores: pd.DataFrame         # per method: CRPS (mean over scored observations), coverage
    bounds: pd.DataFrame         # bound observations: consistent or not
    overlap: bool                # the window overlaps the calibration data
    notes: list[str]
    rates: dict = field(default_factory=dict)   # baseline rates per day

    def as_json(self) -> dict:
        def clean(frame):
            return [{k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in r.items()}
                    for r in frame.to_dict("records")]

        return {"scores": clean(self.scores.reset_index()) if not self.scores.empty else [],
                "observations": clean(self.table), "bounds": clean(self.bounds),
                "baseline_rates_per_day": self.rates, "overlaps_calibration_data": self.overlap,
                "notes": self.notes}


def evaluate(fc: Forecast, post, *, data: str = "iraq-2019-2020", store=None) -> Evaluation:
    from flashpoint.calibration.targets import period_totals

    if fc.kind != "count":
        raise FlashpointError(f"--evaluate scores counts; {fc.indicator} is a state indicator")
    first = pd.Timestamp(post.meta.get("scenario", {}).get("start") or fc.ens.dates[0])
    inside, before = observations(data, fc.start, fc.end, fc.indicator, history_from=first, store=store)
    sums = period_totals(fc.ens, [(o.label, fc.indicator, o.start, o.end) for o in inside])
    rates = baseline_rates(before)
    notes = []
    if len(rates) == 1:
        notes.append("no observed count with a value ends before --from: only the zero baseline is scored")
    rows, bound_rows = [], []
    for o in inside:
        x = sums[o.label]
        q = np.quantile(x, QS)
        base = {"observation": o.label, "start": str(o.start.date()), "end": str(o.end.date()), "observed": o.count,
                "q05": float(q[0]), "q50": float(q[1]), "q95": float(q[2])}
        if o.is_point:
            row = {**base, "value": o.value, "crps_model": crps_samples(x, o.value),
                   "covered": covered(x, o.value)}
            for name, rate in rates.items():
                row[f"crps_{name}"] = crps_point(rate * o.days, o.value)
            rows.append(row)
        else:
            lo_ok = math.isnan(o.low) or q[2] >= o.low
            hi_ok = math.isnan(o.high) or q[0] <= o.high
            bound_rows.append({**base, "consistent": bool(lo_ok and hi_ok),
                               "inside_share": float(np.mean(((x >= o.low) | math.isnan(o.low))
                                                             & ((x <= o.high) | math.isnan(o.high))))})
    table = pd.DataFrame(rows)
    scores = []
    if rows:
        scores.append({"method": "model (posterior)", "crps": float(table["crps_model"].mean()),
                       "coverage_90": float(table["covered"].mean()), "n": len(rows)})
        for name in rates:
            scores.append({"method": f"baseline: {name}", "crps": float(table[f"crps_{name}"].mean()),
                           "coverage_90": math.nan, "n": len(rows)})
    else:
        notes.append("no observation in the window has a value (only bounds): CRPS and coverage need values")
    until = post.meta.get("until") or post.meta.get("scenario", {}).get("simulated_to")
    calib_end = max((pd.Timestamp(t["end"]) for t in post.meta.get("targets", [])), default=None)
    overlap = calib_end is not None and fc.start <= calib_end
    if overlap:
        notes.append(f"the window starts on or before the last calibration target ({calib_end.date()}, "
                     f"--until {until}): an in-sample check, not an out-of-sample test")
    return Evaluation(table=table, scores=pd.DataFrame(scores).set_index("method") if scores else pd.DataFrame(),
                      bounds=pd.DataFrame(bound_rows), overlap=overlap, notes=notes, rates=rates)


# -- plots -------------------------------------------------------------------------------------
def plot_forecast(fc: Forecast, path, evaluation: Evaluation | None = None) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from flashpoint.atomic import atomic_path

    labels = list(fc.months)
    stats = [_stats(fc.months[m][2]) for m in labels]
    ncols = 2 if evaluation is not None and not evaluation.table.empty else 1
    fig, axes = plt.subplots(1, ncols, figsize=(6.5 * ncols, 4.2), squeeze=False)
    ax = axes[0][0]
    xs = np.arange(len(labels))
    ax.fill_between(xs, [s["q05"] for s in stats], [s["q95"] for s in stats], alpha=0.25, label="90% interval")
    ax.plot(xs, [s["q50"] for s in stats], marker="o", label="median")
    ax.set_xticks(xs, labels, rotation=45, ha="right", fontsize=8)
    ax.set_title(f"{fc.indicator}: predictive, per month")
    ax.set_ylabel(fc.indicator.split(".")[0].replace("_", " "))
    ax.legend(fontsize=8)
    if ncols == 2:
        ax = axes[0][1]
        t = evaluation.table
        ys = np.arange(len(t))
        ax.hlines(ys, t["q05"], t["q95"], lw=6, alpha=0.35, label="model 90% interval")
        ax.plot(t["q50"], ys, "|", ms=14, color="C0", label="model median")
        ax.plot(t["value"], ys, "k*", ms=10, label="observed")
        markers = {"zero": "x", "last period": "s", "historical average": "^"}
        for name, mk in markers.items():
            col = f"crps_{name}"
            if col in t:
                days = (pd.to_datetime(t["end"]) - pd.to_datetime(t["start"])).dt.days + 1
                ax.plot(evaluation.rates[name] * days, ys, mk, mfc="none", label=f"baseline: {name}")
        ax.set_yticks(ys, t["observation"], fontsize=8)
        ax.set_title("observed counts against the forecast")
        ax.legend(fontsize=7)
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=110)
    plt.close(fig)
