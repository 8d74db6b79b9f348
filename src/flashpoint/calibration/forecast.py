"""``flashpoint forecast``: the predictive distribution of an indicator per month, from posterior draws.

Runs are simulated from the scenario's start with one posterior draw per run (drawn by weight) and
summarised per calendar month over ``from .. to``. A month only partly inside the window is labelled
with its days, and the chart shows every month as a rate per 30 days, so a partial month is not
drawn as a drop. This is the model's simulated indicator, not what a source would list; for scored
forecasts against the record, with baselines, see ``evaluate``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from flashpoint.errors import FlashpointError

QS = (0.05, 0.5, 0.95)


@dataclass
class Forecast:
    scenario: str
    indicator: str
    unit: str
    kind: str
    start: pd.Timestamp
    end: pd.Timestamp
    runs: int
    seed: int
    posterior: str
    months: pd.DataFrame          # label, start, end, days, mean, q05, q50, q95
    window: dict

    def as_json(self) -> dict:
        months = self.months.copy()
        for c in ("start", "end"):
            months[c] = months[c].dt.strftime("%Y-%m-%d")
        return {"scenario": self.scenario, "indicator": self.indicator, "unit": self.unit,
                "from": str(self.start.date()), "to": str(self.end.date()), "runs": self.runs, "seed": self.seed,
                "posterior": self.posterior, "months": months.to_dict("records"), "window": self.window}


def forecast(scenario, posterior: Path | None, start: str, end: str, *, indicator: str = "attacks_on_foreign_forces",
             runs: int = 2000, seed: int = 0, policy: str = "historical") -> Forecast:
    import flashpoint
    from flashpoint.calibration.posterior import shipped_posterior
    from flashpoint.calibration.posterior import check_scenario, load_posterior

    if posterior is None:
        posterior = shipped_posterior(scenario.name)
        if posterior is None:
            raise FlashpointError(f"scenario {scenario.name!r} ships no posterior; pass --posterior FILE "
                                  "(from flashpoint calibrate)")
    post = load_posterior(posterior)
    check_scenario(post, scenario, posterior)
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    if lo > hi:
        raise FlashpointError(f"--from {lo.date()} is after --to {hi.date()}")
    if lo < pd.Timestamp(scenario.start) or hi > pd.Timestamp(scenario.end):
        raise FlashpointError(f"the window {lo.date()}..{hi.date()} is not inside the scenario's period "
                              f"{scenario.start}..{scenario.end}")
    ens = flashpoint.simulate(scenario, policy=policy, runs=runs, seed=seed, overrides=post.overrides(runs, seed))
    kind, unit = ens.kind(indicator), ens.unit(indicator)
    rows = []
    for m in pd.date_range(lo.to_period("M").start_time, hi, freq="MS"):
        a, b = max(m, lo), min(m + pd.offsets.MonthEnd(0), hi)
        x = ens.total(indicator, a, b)
        q = np.quantile(x, QS)
        rows.append({"label": f"{m:%Y-%m}", "start": a, "end": b, "days": (b - a).days + 1,
                     "month_days": m.days_in_month, "mean": float(x.mean()), "q05": float(q[0]),
                     "q50": float(q[1]), "q95": float(q[2])})
    x = ens.total(indicator, lo, hi)
    q = np.quantile(x, QS)
    window = {"mean": float(x.mean()), "q05": float(q[0]), "q50": float(q[1]), "q95": float(q[2])}
    return Forecast(scenario.name, indicator, unit, kind, lo, hi, runs, seed, str(posterior), pd.DataFrame(rows),
                    window)


def plot_forecast(fc: Forecast, path: Path) -> None:
    """Per month: the 5-95 % band and median; counts as a rate per 30 days (partial months hatched)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from flashpoint.atomic import atomic_path

    m = fc.months
    scale = 30.0 / m["days"] if fc.kind == "count" else np.ones(len(m))
    x = np.arange(len(m))
    fig, ax = plt.subplots(figsize=(max(6, 0.6 * len(m) + 2), 4))
    partial = (m["days"] < m["month_days"]).to_numpy()
    for i in range(len(m)):
        ax.bar(x[i], (m.q95[i] - m.q05[i]) * scale[i], bottom=m.q05[i] * scale[i], width=0.6, color="C0",
               alpha=0.3, hatch="//" if partial[i] else None, edgecolor="C0")
    ax.plot(x, m.q50 * scale, "o-", color="C0", label="median")
    ax.set_xticks(x, [f"{lab}\n({d} d)" if p else lab for lab, d, p in zip(m.label, m.days, partial)],
                  rotation=45, fontsize=8)
    ylabel = f"{fc.unit} per 30 days" if fc.kind == "count" else fc.unit
    ax.set_ylabel(ylabel)
    ax.set_title(f"{fc.scenario}: {fc.indicator}, 5-95% of {fc.runs:,} posterior runs"
                 + ("; hatched: partial month, as a rate" if partial.any() else ""), fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=110)
    plt.close(fig)


def print_forecast(fc: Forecast, out: Path | None) -> None:
    from rich.table import Table

    from flashpoint.console import console as make_console

    console = make_console(width=140)
    table = Table(title=f"{fc.indicator} ({fc.unit}): {fc.start.date()} .. {fc.end.date()}, {fc.runs:,} runs "
                        f"with posterior draws ({fc.posterior})")
    for col in ("month", "days", "mean", "5%", "median", "95%"):
        table.add_column(col, justify="left" if col == "month" else "right")
    for r in fc.months.itertuples(index=False):
        label = r.label if r.days == r.month_days else f"{r.label} (partial)"
        table.add_row(label, str(r.days), *(f"{v:.3g}" for v in (r.mean, r.q05, r.q50, r.q95)))
    w = fc.window
    table.add_row("window", str((fc.end - fc.start).days + 1), *(f"{w[k]:.3g}" for k in ("mean", "q05", "q50", "q95")))
    console.print(table)
    if out is not None:
        console.print(f"wrote {out / 'forecast.json'}, {out / 'forecast.png'}", highlight=False)
