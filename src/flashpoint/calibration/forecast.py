"""``flashpoint forecast``: the predictive distribution of an indicator per month, from posterior draws.

Runs are simulated from the scenario's start with one posterior draw per run (drawn by weight) and
summarised per calendar month over ``from .. to``. A month only partly inside the window is labelled
with its days in the table. The chart is the one every command draws (:mod:`flashpoint.report.charts`):
the indicator's unit, the scenario's own sourced counts in the window against the band, bounds drawn
as bounds, and a partial month left out (its sum is not a drop). This is the model's simulated
indicator, not what a source would list; for scored forecasts against the record, with baselines,
see ``evaluate``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
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
    months: pd.DataFrame          # label, start, end, days, mean, q05, q50, q95, scheduled
    window: dict
    chart: dict | None = None     # the chart spec (flashpoint.report.charts.fan_spec)
    notes: list[str] = field(default_factory=list)   # what the runs knew: a fitted window, scheduled events
    at_ceiling: dict = field(default_factory=dict)    # faction -> share of runs at the capacity ceiling

    def as_json(self) -> dict:
        months = self.months.copy()
        for c in ("start", "end"):
            months[c] = months[c].dt.strftime("%Y-%m-%d")
        return {"scenario": self.scenario, "indicator": self.indicator, "unit": self.unit,
                "from": str(self.start.date()), "to": str(self.end.date()), "runs": self.runs, "seed": self.seed,
                "posterior": None if self.posterior == HAND_SET else self.posterior,
                "months": months.to_dict("records"), "window": self.window,
                "notes": self.notes, "at_ceiling": self.at_ceiling,
                "parameters": "defaults" if self.posterior == HAND_SET else "posterior",
                "record": self.record()}     # last: the keys before keep their places

    def record(self) -> dict:
        """The record's sourced counts of the indicator wholly in the window beside these runs' 90% band, as the
        terminal says it: ``counts``, ``inside``, ``past_bound`` (of those inside, the bounds the whole band passes
        by more than twice, held by the hedge alone: ``run``'s "yes (bound)"; a held-out analyst's ``<=270`` against
        runs of 2-32 was one of "1 of 1 ... inside", and the JSON had no word of it), ``missed`` (each count outside:
        ``start``, ``end``, ``count``, ``q05``, ``q95``) and ``said``, the terminal's line."""
        from flashpoint.records import bound_note

        fit = (self.chart or {"series": [{}]})["series"][0].get("fit") or []
        missed = [f for f in fit if not f["inside"]]
        if fit:
            said = (f"{len(fit) - len(missed)} of {len(fit)} sourced counts of {self.indicator} in the window inside "
                    "these runs' 90% band" + bound_note(fit) + (": outside, " + "; ".join(
                        f"{f['start']}..{f['end']} {f['count']} (runs {f['q05']:.0f}-{f['q95']:.0f})"
                        for f in missed) if missed else ""))
        else:
            said = f"no sourced count of {self.indicator} wholly in the window"
        return {"counts": len(fit), "inside": len(fit) - len(missed),
                "past_bound": sum(bool(f.get("past_bound")) and bool(f["inside"]) for f in fit),
                "missed": [{k: f[k] for k in ("start", "end", "count", "q05", "q95")} for f in missed], "said": said}


def forecast(scenario, posterior: Path | None, start: str, end: str, *, indicator: str = "attacks_on_foreign_forces",
             runs: int = 2000, seed: int = 0, policy: str = "historical", source: str | None = None,
             prior: bool = False) -> Forecast:
    """The window ``start``..``end``: days (``YYYY-MM-DD`` or dates; a month is refused, as it would silently mean
    its first day: the command line's ``--from 2021-01 --to 2021-03`` reads the months whole). ``source``: the
    scenario's name or file as the user gave it, for the posterior's version check (default: ``scenario``, or a
    Scenario's name). ``scenario``: a Scenario, or a built-in's name or a file, as ``simulate`` takes. Without
    ``posterior``, the shipped one runs only where the scenario is given as a built-in (its name, or a Scenario
    equal to it; :func:`flashpoint.analysis.builtin_named`), as compare and claims do: never a file's, whatever
    name it declares. ``prior``: at the scenario's hand-set defaults instead, as compare's and claims' ``--prior``
    (a held-out forecaster's own scenario, with no posterior, had no forecast at all)."""
    import flashpoint
    from flashpoint.analysis import shipped_posterior
    from flashpoint.ensemble import day
    from flashpoint.calibration.posterior import (check_scenario, few_draws_text, load_posterior, reporting_note,
                                                  short_note, version_note)

    from flashpoint.engine import _check

    _check(runs, seed)                     # before the posterior draws runs x parameters
    given = source if source is not None else scenario      # what the user named: a built-in's name or a file
    if not isinstance(scenario, flashpoint.Scenario):
        source = source or str(scenario)
        scenario = flashpoint.load_scenario(scenario)
    if prior and posterior is not None:
        raise FlashpointError("--prior runs at the hand-set defaults, --posterior on a posterior's draws: give one")
    if posterior is None and not prior:   # as compare and claims: a built-in given by its name, never a file's
        posterior = shipped_posterior(given)
        if posterior is None:
            raise FlashpointError(_no_posterior(given, scenario))
    post = None if prior else load_posterior(posterior)
    if post is not None:
        short_note(post, posterior)
        check_scenario(post, scenario, posterior)
    lo, hi = day(start, "start"), day(end, "end")
    if lo > hi:
        raise FlashpointError(f"--from {lo.date()} is after --to {hi.date()}")
    if lo < pd.Timestamp(scenario.start) or hi > pd.Timestamp(scenario.end):
        raise FlashpointError(f"the window {lo.date()}..{hi.date()} is not inside the scenario's period "
                              f"{scenario.start}..{scenario.end}")
    notes: list[str] = [note for note in (version_note(post, source or scenario.name, posterior),
                                          few_draws_text(post, posterior)) if note] if post is not None else [
        "at the hand-set defaults (--prior): the band is the runs' own chance only, not the parameters' uncertainty, "
        "and no fit to the record stands behind it (flashpoint calibrate, then --posterior FILE)"]
    fitted_until = post.meta.get("until") if post is not None else None
    if fitted_until and lo <= pd.Timestamp(fitted_until):
        notes.append(f"the window starts on {lo.date()}, before the end of the record the posterior was fitted to "
                     f"({fitted_until}): the months to then were in its fit, so for them this is a replay, not a "
                     f"forecast (flashpoint evaluate scores forecasts made only from what came before)")
    ens = flashpoint.simulate(scenario, policy=policy, runs=runs, seed=seed,
                              overrides=post.overrides(runs, seed) if post is not None else None)
    known = [se.entry for se in ens.entries if lo.date() <= se.entry.date <= hi.date()
             or (se.entry.until is not None and se.entry.date < lo.date() <= se.entry.until < hi.date())]
    if known:
        notes.append(f"the schedule's {len(known)} entr{'y' if len(known) == 1 else 'ies'} dated or ending in the "
                     f"window (the first: {known[0].id}, "
                     f"{known[0].date}) are in these runs as known events: this forecast is conditional on them "
                     f"(flashpoint evaluate leaves out what is dated on or after each origin, and lets what began "
                     f"before it last through the horizon); a month's `scheduled` (in the JSON) is the part of its mean "
                     f"that the schedule's recorded attacks make up")
    from flashpoint.engine.attacks import ceiling_note

    at_ceiling = ens.at_ceiling()
    if (note := ceiling_note({"": at_ceiling}, ens.ceiling_cap())) is not None:
        notes.append(note)
    import warnings

    from flashpoint.errors import FlashpointNote
    from flashpoint.ensemble import run_quantiles
    from flashpoint.records import scheduled_part

    kind, unit = ens.kind(indicator), ens.unit(indicator)       # an unknown indicator refused before any note
    if (off := ens.switched_off(indicator)) is not None:
        notes.append(f"{indicator} is the output of {off}, which these runs have switched off: it holds the "
                     f"mechanism's resting value in every run and forecasts nothing about the case")
    # the forecast is of simulated attacks, not of what a source reports (said on stderr only, until 2026-12-04:
    # a held-out analyst's JSON lacked it)
    if post is not None and (note := reporting_note(post, scenario)) is not None:
        notes.append(f"{Path(str(posterior)).name}: {note}")
    for note in notes:
        warnings.warn(note, FlashpointNote, stacklevel=2)
    rows = []
    for m in pd.date_range(lo.to_period("M").start_time, hi, freq="MS"):
        a, b = max(m, lo), min(m + pd.offsets.MonthEnd(0), hi)
        x = ens.total(indicator, a, b)
        q = run_quantiles(x, QS, kind == "count")            # a count's quantiles are counts (not 14.05)
        made = scheduled_part(ens, indicator, a, b) if kind == "count" else None
        rows.append({"label": f"{m:%Y-%m}", "start": a, "end": b, "days": (b - a).days + 1,
                     "month_days": m.days_in_month, "mean": float(x.mean()), "q05": float(q[0]),
                     "q50": float(q[1]), "q95": float(q[2]), "scheduled": made})
    x = ens.total(indicator, lo, hi)
    q = run_quantiles(x, QS, kind == "count")
    window = {"mean": float(x.mean()), "q05": float(q[0]), "q50": float(q[1]), "q95": float(q[2])}
    drawn = HAND_SET if post is None else str(posterior)
    return Forecast(scenario.name, indicator, unit, kind, lo, hi, runs, seed, drawn, pd.DataFrame(rows),
                    window, chart=_chart(ens, scenario, indicator, policy, lo, hi,
                                         drawn if post is None else Path(posterior).name, len(known),
                                         fitted_until if fitted_until and lo <= pd.Timestamp(fitted_until) else None),
                    notes=notes, at_ceiling=at_ceiling)


#: what ``Forecast.posterior`` says of runs at the hand-set defaults (``--prior``)
HAND_SET = "the hand-set defaults"


def _no_posterior(given, scenario) -> str:
    """Why forecast without --posterior has none to run on: the scenario (given as ``given``) ships none."""
    import flashpoint
    from flashpoint.analysis import builtin_named, unread_posterior_note

    if builtin_named(given) is not None:
        if unread_posterior_note(given) is not None:
            return (f"{scenario.name} ships a calibration posterior, but reading it needs the calibrate extra "
                    "(pip install 'flashpoint[calibrate]')")
        return (f"scenario {scenario.name!r} ships no posterior; pass --posterior FILE (from flashpoint calibrate), "
                "or --prior to forecast at the hand-set defaults")
    what = f"scenario {scenario.name!r}" if isinstance(given, flashpoint.Scenario) else f"scenario file {str(given)!r}"
    return (f"{what} ships no posterior: a shipped posterior is used by default only for a built-in scenario given "
            f"by its name, never for a file or an edited scenario, whatever name it declares; pass --posterior FILE "
            f"(from flashpoint calibrate), or --prior to forecast at the hand-set defaults")


def _chart(ens, scenario, indicator: str, policy: str, lo: pd.Timestamp, hi: pd.Timestamp, posterior: str,
           known: int = 0, replay: str | None = None) -> dict:
    """The fan chart spec of the window: monthly bands, the scenario's record and the fit over it; its subtitle
    says when it is conditional on ``known`` schedule entries of the window (a held-out reviewer found the note in
    the terminal only), and its title when the window starts inside the fit (``replay``: the fit's last day; a
    held-out forecaster's replay was titled "forecast")."""
    from flashpoint.report.charts import QS as FAN_QS
    from flashpoint.report.charts import fan_spec, policy_markers, series_entry
    from flashpoint.report.observed import period_counts, series_counts
    from flashpoint.scenario.presence import unheld

    q = ens.quantiles(indicator, freq="M", qs=FAN_QS)
    q = q[(q.index >= lo.to_period("M").start_time) & (q.index <= hi)]
    # the window's decapitations and halts, as the run's fan charts mark them (a held-out case's was left out)
    markers = [m for m in policy_markers(scenario, policy, ens.happened_share())
               if lo <= pd.Timestamp(m["date"]) <= hi]
    entry = series_entry(policy, q, total=lambda a, b: ens.total(indicator, a, b), markers=markers,
                         label=f"{policy}, " + ("hand-set defaults" if posterior == HAND_SET else "posterior draws"))
    return fan_spec(indicator, [entry], span=(lo.date(), hi.date()), record=period_counts(scenario),
                    observed_series=series_counts(scenario, indicator), unheld=unheld(scenario, indicator),
                    title=f"{scenario.name} / {policy}: {indicator}, "
                          + (f"replay (the posterior was fitted to {replay}: not a forecast)" if replay
                             else "forecast"),
                    subtitle=(f"{ens.runs:,} runs at {posterior}" if posterior == HAND_SET else
                              f"{ens.runs:,} runs, one draw each of {posterior}") + f", seed {ens.seed}"
                             + (f"; conditional on the schedule's {known} entr{'y' if known == 1 else 'ies'} in the window, known to these runs"
                                if known else ""))


def plot_forecast(fc: Forecast, path: Path) -> None:
    """The forecast's fan chart (:func:`_chart`) as a PNG."""
    from flashpoint.report.render import render, save_png

    save_png(render(fc.chart), path)


def print_forecast(fc: Forecast, out: Path | None) -> None:
    from rich.table import Table

    from flashpoint.console import console as make_console, number

    console = make_console(width=140)
    table = Table(title=f"{fc.indicator} ({fc.unit}): {fc.start.date()} .. {fc.end.date()}, {fc.runs:,} runs "
                        + (f"at {fc.posterior}" if fc.posterior == HAND_SET else
                           f"with posterior draws ({fc.posterior})"))
    made = fc.months["scheduled"].fillna(0).to_numpy(float) if "scheduled" in fc.months else np.zeros(len(fc.months))
    shown = bool(made.any())            # the part of a month's mean the schedule's recorded attacks make up
    for col in ("month", "days", "mean", "5%", "median", "95%") + (("of the mean: scheduled",) if shown else ()):
        table.add_column(col, justify="left" if col == "month" else "right")
    for r, m in zip(fc.months.itertuples(index=False), made):
        label = r.label if r.days == r.month_days else f"{r.label} (partial)"
        table.add_row(label, str(r.days), *(number(v) for v in (r.mean, r.q05, r.q50, r.q95)),
                      *((number(m),) if shown else ()))
    w = fc.window
    table.add_row("window", str((fc.end - fc.start).days + 1), *(number(w[k]) for k in ("mean", "q05", "q50", "q95")),
                  *((number(made.sum()),) if shown else ()))
    console.print(table)
    # the record beside it, as the chart draws it (a held-out forecaster read the table alone, with no word of what
    # happened), a bound held by its hedge alone said so as run says it (a held-out analyst's <=270, runs 2-32)
    console.print(f"the record: {fc.record()['said']}", highlight=False)
    if out is not None:
        console.print(f"wrote {out / 'forecast.json'}, {out / 'forecast.png'}", highlight=False)
