"""Fan charts of an ensemble (``flashpoint run --out``): the chart spec of :mod:`flashpoint.report.charts`
drawn by :mod:`flashpoint.report.render`, with the scenario's own record and the fit in the caption.

:func:`run_charts` is what ``flashpoint run --out`` writes: the attacks, the scenario's first attack
mode, and each other indicator (breakdowns included) that the scenario's record counts on its own, the
most counted first, at most :data:`RECORD_CHARTS` of them: the record is drawn where it exists."""
from __future__ import annotations

from pathlib import Path

from flashpoint import records
from flashpoint.report.charts import QS, changed_entries, fan_spec, policy_markers, series_entry
from flashpoint.report.observed import chart_counts, series_counts
from flashpoint.scenario.presence import unheld

__all__ = ["fan_chart", "ensemble_spec", "scenario_named", "run_charts", "RECORD_CHARTS"]

#: at most this many indicators the record counts get a chart of their own in ``flashpoint run --out``
RECORD_CHARTS = 4


def scenario_named(name: str):
    """The scenario of that name if it can be loaded by name (a built-in one), else None."""
    from flashpoint.errors import FlashpointError
    from flashpoint.scenario.loader import load_scenario

    try:
        return load_scenario(name)
    except (FlashpointError, OSError, ValueError):
        return None


def _totals(ens, indicator: str, scenario=None):
    """``total(start, end)`` over the ensemble, or None when it does not keep the per-run totals over the
    days of each of the record's counts of ``indicator`` (an Ensemble keeps every window; a streaming summary
    only those it was asked for: ``flashpoint run --summary-only`` asks for the record's)."""
    from flashpoint.report.charts import record_windows

    def total(start, end):
        return ens.total(indicator, start, end)

    kept = getattr(getattr(ens, "spec", None), "windows", None)      # a summary's; None for an Ensemble
    if kept is None:
        return total
    needed = ({(a, b) for _, a, b in record_windows(scenario, [indicator])}
              if scenario is not None and scenario.record is not None else set())
    return total if needed and indicator in ens.spec.indicators and needed <= set(kept) else None


def ensemble_spec(ens, indicator: str, *, scenario=None, title: str | None = None, observed: bool = True) -> dict:
    """The chart spec of ``indicator`` for one ensemble (an Ensemble, or a Summary with its totals)."""
    sc = scenario if scenario is not None else (getattr(ens, "spec", None) or scenario_named(ens.scenario))
    record = chart_counts(sc) if observed and sc is not None else None
    q = ens.quantiles(indicator, freq="M", qs=QS)
    entry = series_entry(ens.policy, q, total=_totals(ens, indicator, sc),
                         markers=policy_markers(sc, ens.policy, ens.happened_share(),
                                                 changed=changed_entries(sc, [ens.policy])),
                         decided=records.decided(ens.fit()) if record is not None and hasattr(ens, "fit") else None)
    return fan_spec(indicator, [entry], span=(ens.start, ens.end), record=record,
                    observed_series=series_counts(sc, indicator) if observed else 0,
                    unheld=unheld(sc, indicator) if sc is not None else (),
                    title=title or f"{ens.scenario} / {ens.policy}: {indicator}",
                    subtitle=f"{ens.runs:,} runs, seed {ens.seed}, {parameters_said(ens)}" + (
                        f"; {off} switched off: {indicator} holds its resting value"
                        if (off := getattr(ens, "switched_off", lambda _: None)(indicator)) else ""))


def parameters_said(ens) -> str:
    """Under which parameters an ensemble ran, for its charts: a chart of posterior draws and one at the defaults
    were labelled alike (a held-out Python user)."""
    import numpy as np

    over = getattr(ens, "overrides", None) or {}
    drawn = sum(np.ndim(v) > 0 for v in over.values())
    said = [f"{drawn} parameters drawn per run"] if drawn else []
    said += [f"{len(over) - drawn} set"] if len(over) > drawn else []
    return ", ".join(said) if said else "at the scenario's defaults"


def fan_chart(ens, indicator: str, path: str | Path, title: str | None = None, observed: bool = True,
              scenario=None) -> Path:
    """Write a PNG fan chart (5-95% and 25-75% bands, median) of monthly ``indicator`` with the record."""
    from flashpoint.report.render import render, save_png

    spec = ensemble_spec(ens, indicator, scenario=scenario, title=title, observed=observed)
    return save_png(render(spec), path)


def run_charts(ens, out: str | Path, scenario=None, limit: int = RECORD_CHARTS) -> list[Path]:
    """The fan charts of ``flashpoint run --out``, written into ``out``: ``attacks_fan_chart.png`` (all
    attacks on the foreign forces), ``<mode>_fan_chart.png`` (the main attack mode: the most attacks in the
    runs' monthly medians) and ``<indicator>_fan_chart.png`` for each indicator the scenario's record counts
    on its own (:func:`flashpoint.analysis.compare.record_indicators`, the most counted first) that the first two do
    not already draw, at most ``limit`` of them; then ``record_fit.png``, every sourced count of the record
    beside the runs over its own days (:mod:`flashpoint.report.fitchart`). Returns the paths written, in that
    order."""
    from flashpoint.scenario.schema import Scenario

    out = Path(out)
    if scenario is None:   # an Ensemble's spec is its scenario; a streaming Summary's spec is not
        own = getattr(ens, "spec", None)
        scenario = own if isinstance(own, Scenario) else scenario_named(ens.scenario)
    sc = scenario
    axes = getattr(ens, "axes", None) or getattr(getattr(ens, "_shell", None), "axes", None)
    modes = axes["mode"]            # the main one: the most attacks in the runs' monthly medians (the first on a tie;
    mode = max(modes, key=lambda m: (float(ens.quantiles(f"attacks_on_foreign_forces.{m}", freq="M", qs=(0.5,))
                                            .to_numpy().sum()), -modes.index(m)))   # not the first declared)
    charts = {"attacks_on_foreign_forces": out / "attacks_fan_chart.png",
              f"attacks_on_foreign_forces.{mode}": out / f"{mode}_fan_chart.png"}
    if sc is not None:
        from flashpoint.analysis.compare import record_indicators

        counted = [n for n in record_indicators(sc, limit=len(charts) + limit) if n not in charts]
        charts.update({name: out / f"{name}_fan_chart.png" for name in counted[:limit]})
    written = [fan_chart(ens, name, path, scenario=sc) for name, path in charts.items()]
    checks = ens.fit() + ens.series_fit() if sc is not None and sc.record is not None else []
    if checks:      # every sourced count over its own days, part-month ones too (a fan chart sums months), and series
        from flashpoint.report.fitchart import fit_chart

        written.append(fit_chart(checks, out / "record_fit.png", f"{ens.scenario} / {ens.policy}",
                                 f"{ens.runs:,} runs, seed {ens.seed}"))
    return written
