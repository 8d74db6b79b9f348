"""Plots of comparisons and claims: fan charts per policy, paired differences, deciding parameters."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd

from flashpoint.atomic import atomic_path
from flashpoint.report.fanchart import _pyplot, fan_chart

__all__ = ["QuantileView", "policy_fan_charts", "overlay_chart", "difference_histograms", "deciding_bars",
           "probability_chart"]

COLORS = ["#08519c", "#d94801", "#238b45", "#6a51a3", "#a50f15", "#525252", "#0e7c7b", "#b8860b"]


class QuantileView:
    """Stands in for an Ensemble in :func:`fan_chart`: monthly quantiles kept after the runs were dropped."""

    def __init__(self, scenario: str, policy: str, runs: int, seed: int, quantiles: dict[str, pd.DataFrame]):
        self.scenario, self.policy, self.runs, self.seed = scenario, policy, runs, seed
        self._q = quantiles

    def quantiles(self, indicator: str, freq: str = "M", qs=(0.05, 0.5, 0.95)) -> pd.DataFrame:
        q = self._q[indicator]
        return q[[float(x) for x in qs]]


def _save(fig, path: Path) -> Path:
    plt = _pyplot()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png")
    plt.close(fig)
    return path


def _has_observed() -> bool:
    return importlib.util.find_spec("flashpoint.events.curated") is not None


def policy_fan_charts(scenario: str, runs: int, seed: int, monthly: dict[str, pd.DataFrame], indicator: str,
                      folder: Path, stem: str) -> list[Path]:
    """One fan chart (flashpoint.report.fanchart) per policy, with sourced counts where there are any."""
    paths = []
    for k, (policy, q) in enumerate(monthly.items()):
        view = QuantileView(scenario, policy, runs, seed, {indicator: q})
        path = Path(folder) / f"{stem}_{k}_{policy}.png"
        try:
            fan_chart(view, indicator, path, observed=_has_observed())
        except (ImportError, OSError, KeyError, ValueError):  # sourced counts unavailable: chart without them
            fan_chart(view, indicator, path, observed=False)
        paths.append(path)
    return paths


def overlay_chart(monthly: dict[str, pd.DataFrame], indicator: str, path: Path, title: str) -> Path:
    """All policies on one axis: median and 5-95% band per policy, month by month."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(10, 4.4), dpi=100)
    for k, (policy, q) in enumerate(monthly.items()):
        color = COLORS[k % len(COLORS)]
        x = q.index + pd.Timedelta(days=14)
        ax.fill_between(x, q[0.05], q[0.95], color=color, alpha=0.15, lw=0)
        ax.plot(x, q[0.5], color=color, lw=2, label=f"{policy} (median, 5-95%)")
    ax.set_title(title)
    ax.set_ylabel(f"{indicator} per month")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper right")
    fig.autofmt_xdate()
    fig.tight_layout()
    return _save(fig, path)


def difference_histograms(diffs: dict[str, np.ndarray], path: Path, title: str, xlabel: str = "paired difference",
                          positive_label: str = "P(> 0)") -> Path:
    """Histograms of paired differences (one panel each) with zero, the mean and the 90% interval."""
    plt = _pyplot()
    n = max(1, len(diffs))
    cols = min(4 if n > 6 else 3, n)
    rows = int(np.ceil(n / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(3.6 * cols, 2.9 * rows), dpi=90, squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    for ax, (label, d) in zip(axes.flat, diffs.items()):
        d = np.asarray(d, dtype=np.float64)
        lo, hi = np.quantile(d, (0.05, 0.95))
        span = hi - lo
        bins = 40 if span > 0 else 10
        rng = (lo - 0.6 * span, hi + 0.6 * span) if span > 0 else None
        ax.hist(np.clip(d, *rng) if rng else d, bins=bins, range=rng, color="#6baed6", edgecolor="white", lw=0.3)
        ax.axvspan(lo, hi, color="#fdae6b", alpha=0.25, lw=0)           # the 90% interval
        ax.axvline(0, color="black", lw=1)
        ax.axvline(d.mean(), color="#d94801", lw=2)                        # the mean
        ax.set_title(f"{label}\n{positive_label} = {np.mean(d > 0):.2f}, mean {d.mean():.3g}", fontsize=8)
        ax.set_xlabel(xlabel, fontsize=7)
        ax.tick_params(labelsize=6)
    fig.suptitle(f"{title}\n(shaded: 90% interval; orange line: mean; black: zero)", fontsize=10)
    fig.tight_layout()
    return _save(fig, path)


def deciding_bars(claim_id: str, table: pd.DataFrame, noise_share: float, path: Path, top: int = 12) -> Path:
    """Horizontal bars of the first-order index net of the dummy (S1_net) with its 95% half-width, and the
    raw index (S1) as dots."""
    plt = _pyplot()
    t = table[table["varied"]].sort_values("S1_net", ascending=False).head(top)[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(t) + 1.6), dpi=100)
    y = np.arange(len(t))
    ax.barh(y, t["S1_net"], xerr=t["S1_conf"], color=["#08519c" if c > 0 else "#d94801" for c in t["correlation"]],
            alpha=0.85, ecolor="#777777", capsize=2)
    ax.plot(t["S1"], y, "o", color="black", ms=4)
    ax.set_yticks(y, t.index, fontsize=8)
    ax.axvline(0.01, color="#999999", ls=":", lw=1)
    ax.set_xlabel("share of the variance of the claim's signed relative paired difference")
    noise = "n/a" if not np.isfinite(noise_share) else f"{noise_share:.2f}"
    ax.set_title(f"{claim_id}: first-order indices, net of a dummy parameter's (bars: 95% half-width)\n"
                 f"share of the variance due to the model's own randomness: {noise}", fontsize=9)
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Patch(color="#08519c", label="S1_net, higher values favour the claim"),
               Patch(color="#d94801", label="S1_net, higher values work against it"),
               Line2D([], [], marker="o", ls="", color="black", ms=4, label="S1 before subtracting the dummy's")]
    ax.legend(handles=handles, fontsize=7, loc="lower right")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return _save(fig, path)


def probability_chart(rows: list[dict], path: Path) -> Path:
    """Each claim's probability with its 95% interval, against its thresholds."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(rows) + 1.4), dpi=100)
    colors = {"supported": "#238b45", "not supported": "#a50f15", "undecided": "#b8860b"}
    for i, r in enumerate(rows[::-1]):
        lo, hi = r["probability_interval"]
        ax.plot([lo, hi], [i, i], color="#555555", lw=2)
        ax.plot(r["probability"], i, "o", color=colors.get(r["verdict"], "black"), ms=8)
        ax.plot([r["thresholds"]["supported_at"]] * 2, [i - 0.35, i + 0.35], color="#238b45", lw=1)
        ax.plot([r["thresholds"]["not_supported_at"]] * 2, [i - 0.35, i + 0.35], color="#a50f15", lw=1)
        if r.get("robustness") is not None:
            ax.plot(r["robustness"], i, "D", color="#6a51a3", ms=5, label="robustness" if i == 0 else None)
        ax.text(1.01, i, r["verdict"], va="center", fontsize=8, color=colors.get(r["verdict"], "black"))
    ax.set_yticks(range(len(rows)), [r["id"] for r in rows[::-1]])
    ax.set_xlim(0, 1)
    ax.set_xlabel("probability that the claim holds (dot; bar: 95% interval; ticks: thresholds)")
    ax.grid(axis="x", alpha=0.3)
    if any(r.get("robustness") is not None for r in rows):
        ax.legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    return _save(fig, path)
