"""Fan charts: monthly quantile bands of an indicator, with the sourced period counts beside them."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from flashpoint.atomic import atomic_path
from flashpoint.ensemble import Ensemble


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def observed_period_rates(scenario, indicator: str) -> pd.DataFrame:
    """The scenario's sourced period counts for ``indicator`` as average monthly rates (low, high)."""
    from flashpoint.records import period_counts

    counts = period_counts(scenario).rename(columns={"start": "period_start", "end": "period_end"})
    rows = counts[counts["indicator"] == indicator].copy()
    days = (rows["period_end"] - rows["period_start"]).dt.days + 1
    rows["low_per_month"] = rows["low"] / days * 30.44
    rows["high_per_month"] = rows["high"] / days * 30.44
    return rows


def fan_chart(ens: Ensemble, indicator: str, path: str | Path, title: str | None = None,
              observed: bool = True) -> Path:
    """Write a PNG fan chart (5-95% and 25-75% bands, median) of monthly ``indicator``."""
    plt = _pyplot()
    q = ens.quantiles(indicator, freq="M", qs=(0.05, 0.25, 0.5, 0.75, 0.95))
    x = q.index + pd.Timedelta(days=14)
    fig, ax = plt.subplots(figsize=(10, 4.8), dpi=110)
    ax.fill_between(x, q[0.05], q[0.95], color="#c6dbef", label="simulated 5-95%")
    ax.fill_between(x, q[0.25], q[0.75], color="#6baed6", label="simulated 25-75%")
    ax.plot(x, q[0.5], color="#08519c", lw=2, label="simulated median")
    if observed and ens.spec is not None:
        rows = observed_period_rates(ens.spec, indicator)
        for i, row in enumerate(rows.itertuples()):
            span = [row.period_start, row.period_end]
            label = "sourced period count (as monthly rate)" if i == 0 else None
            lo, hi = row.low_per_month, row.high_per_month
            if np.isfinite(hi) and hi > lo:
                ax.fill_between(span, [lo, lo], [hi, hi], color="#fdae6b", alpha=0.35, lw=0)
            ax.plot(span, [lo, lo], color="#d94801", lw=2.5, label=label)
    ax.set_ylabel(f"{indicator} per month")
    ax.set_title(title or f"{ens.scenario} / {ens.policy}: {indicator} ({ens.runs} runs, seed {ens.seed})")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right", fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    path = Path(path)
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png")
    plt.close(fig)
    return path
