"""``flashpoint run``: simulate a scenario under a policy and summarise the ensemble."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from flashpoint.errors import FlashpointError
from flashpoint.outputs import free_names, out_dir


def parse_settings(items: list[str] | None) -> dict[str, float | bool | str]:
    """``NAME=VALUE`` strings -> mapping (values checked against the scenario later)."""
    out = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise FlashpointError(f"--set expects NAME=VALUE (e.g. --set reprisal.excitation_per_strike=0.1), got {item!r}")
        if name.strip() in out:       # the last one silently won (a held-out tester)
            raise FlashpointError(f"--set {name.strip()} is given twice; give it once")
        if "_" in value:              # Python's 1_0 is 10: no number a user writes has an underscore
            raise FlashpointError(f"--set {name.strip()}: {value.strip()!r} is not a number (no '_' in numbers) or a "
                                  "switch's true/false")
        try:
            out[name.strip()] = float(value)
        except ValueError:       # a switch's true/false as a boolean (the JSON then records a boolean)
            text = value.strip()
            out[name.strip()] = {"true": True, "false": False}.get(text.lower(), text)
    return out


#: fewer runs than this have no 90% band to speak of: their 5% and 95% quantiles are their extremes
FEW_RUNS = 20
#: ``run --events`` simulates this many runs first, to refuse a log too big before the rest
EVENTS_PILOT = 20
#: above this many runs ``flashpoint run`` keeps only a streaming summary (``--full`` to keep all)
SUMMARY_ONLY_ABOVE = 50_000


def progress_simulate(console, simulate=None, **kwargs):
    """Run ``simulate`` (or another function with its keywords, e.g. ``flashpoint.backends.summarize``)
    with progress on stderr for long work: a bar on a terminal, a line at each tenth elsewhere (a held-out tester's
    50,000 runs, redirected, ran three minutes without a word, where compare said how far it was)."""
    from flashpoint.console import progress_bar
    from flashpoint.scenario.loader import load_scenario

    if simulate is None:
        from flashpoint.engine import simulate

    bar, progress = progress_bar(console, f"simulating {kwargs.get('policy', '')}".strip(), kwargs["runs"],
                                 load_scenario(kwargs["scenario_or_name"]))
    with bar:
        return simulate(**kwargs, progress=progress)


#: simulated events above which --events says how large events.csv will be before writing it
EVENTS_NOTE_ROWS = 1_000_000


def _size_note(frame) -> None:
    """A note on stderr before a large events.csv is written: its rows and its size (from its first rows)."""
    import warnings

    from flashpoint.errors import FlashpointNote

    if len(frame) > EVENTS_NOTE_ROWS:
        per_row = len(frame.head(1000).to_csv(index=False).encode()) / min(len(frame), 1000)
        warnings.warn(f"writing {len(frame):,} simulated events to events.csv, about {len(frame) * per_row / 1e9:.1f} "
                      f"GB; fewer runs make a smaller file", FlashpointNote, stacklevel=2)


def events_note(scenario) -> None:
    """A note when the record's events.csv (of a folder of one's own) has bad rows, or its sources.csv a bad grade or
    one a row contradicts: run, compare and claims do not read them, but validate refuses them (and calibrate and
    evaluate a bad events.csv; a held-out case's run, then another's compare, went on without a word)."""
    from flashpoint import records
    from flashpoint.errors import DataError

    import warnings

    from flashpoint.errors import FlashpointNote

    if scenario.record.dataset in records.datasets():
        return                                   # a shipped record: checked by the tests
    try:
        records.check_events(scenario)
    except DataError as exc:
        first = str(exc).splitlines()[0]
        warnings.warn(f"the record's events.csv has bad rows, which this command does not read but flashpoint scenario "
                      f"validate, calibrate and evaluate refuse: {first}", FlashpointNote, stacklevel=2)
    try:
        records.ungraded(scenario.record.dataset)
    except DataError as exc:     # (an outside tester's grade 'E' and an outlet graded twice went on without a word)
        first = str(exc).splitlines()[0]
        warnings.warn(f"the record's sources.csv, or a grade it contradicts, is wrong: this command does not read "
                      f"it, but flashpoint scenario validate refuses it: {first}", FlashpointNote, stacklevel=2)


def _ceiling_note(ens, summary: dict) -> None:
    """A note when a faction's attacks sit at the capacity ceiling in some runs (a held-out case's borrowed
    defaults ran away to 15 attacks a day, and nothing said so), and the shares in the JSON (``at_ceiling``)."""
    import warnings

    from flashpoint.engine.attacks import ceiling_note
    from flashpoint.errors import FlashpointNote

    hit = ens.at_ceiling()
    summary["at_ceiling"] = hit
    if (note := ceiling_note({"": hit}, ens.ceiling_cap())) is not None:
        warnings.warn(note, FlashpointNote, stacklevel=2)


def _troops_set_note(scenario: str, policy: str, overrides: dict) -> None:
    """Say that a party's troops set (by --set or the policy) beside its moves given in troops change the share of it
    there: the moves stay the same number, so the share each brings or takes follows the strength set, and the
    attacks follow the share (a held-out student's "100,000, the Sri Lankan estimate" gave fewer attacks than
    70,000, unsaid)."""
    from flashpoint.scenario.entries import live_entries
    from flashpoint.scenario.loader import load_scenario
    from flashpoint.scenario.parameters import parameters

    sc = load_scenario(scenario)
    if policy not in sc.policies:
        return
    p, declared = sc.policies[policy], parameters(sc).get("attacks.exposure")
    exposure = overrides.get("attacks.exposure", p.set.get("attacks.exposure", declared and declared.value))
    entries = live_entries(sc, policy, overrides)
    for party in sc.foreign_parties:
        name = f"{party.id}.troops"
        moved = [e.id for e in entries if e.actor == party.id and getattr(e, "troops", None) is not None]
        value = overrides.get(name, p.set.get(name))       # (a verifier's: the policy's too, and not the file's own)
        if not (moved and exposure and value is not None and float(value) != party.attributes["troops"].value):
            continue
        typer.echo(f"note: {'--set' if name in overrides else f'policy {policy}'} {name}={float(value):g}: "
                   f"{', '.join(moved[:3])}{' and more' if len(moved) > 3 else ''} move {party.id}'s forces by a "
                   "number of troops, which stays, so the share of its force each brings or takes is that number "
                   "over the strength set (a larger strength: a smaller share deployed, a smaller share withdrawn), "
                   "and the attacks follow the share there (attacks.base_rate is the rate with every declared troop "
                   "there: docs/writing-a-scenario.md section 2)", err=True)


def _run_notes(ens) -> None:
    """What summary.run_notes says of these runs (the ladder past its top rung, the host's consent worn down, an
    ally M6 has taken away), on stderr: the page shows the same under its results (a held-out journalist found them
    in the CLI only)."""
    import warnings

    from flashpoint.errors import FlashpointNote
    from flashpoint.summary import run_notes

    for note in run_notes(ens):
        warnings.warn(note, FlashpointNote, stacklevel=2)


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run(
        scenario: str = typer.Option("iraq-2020", "--scenario", help="built-in scenario name or YAML file"),
        policy: str = typer.Option("historical", "--policy", help="named policy of the scenario"),
        runs: int = typer.Option(1000, "--runs", min=1, help="number of runs"),
        seed: int = typer.Option(0, "--seed", min=0, help="random seed"),
        out: Optional[Path] = typer.Option(None, "--out", help="folder for the fan charts (all attacks, the main attack mode, "
                                                 "and up to 4 other indicators the record counts), record_fit.png (given a "
                                                 "record) and the JSON summary"),
        format: str = typer.Option("table", "--format", help="table or json"),
        set_: Optional[List[str]] = typer.Option(None, "--set", help="override a parameter: NAME=VALUE (repeatable)"),
        events: bool = typer.Option(False, "--events", help="also write the simulated events (events.csv) to --out"),
        backend: str = typer.Option("local", "--backend", help="local, processes or ray"),
        workers: Optional[int] = typer.Option(None, "--workers", help="worker processes for --backend processes/ray"),
        address: Optional[str] = typer.Option(None, "--address", help="address of an existing Ray cluster"),
        summary_only: Optional[bool] = typer.Option(
            None, "--summary-only/--full",
            help=f"keep only streaming totals and monthly quantiles, not every run's daily arrays "
                 f"(default above {SUMMARY_ONLY_ABOVE:,} runs)"),
        posterior: Optional[Path] = typer.Option(None, "--posterior", help="posterior file from flashpoint "
                                                 "calibrate: one weighted draw per run instead of the defaults"),
    ) -> None:
        """Simulate RUNS runs of a scenario under a policy; print a summary, optionally write a fan chart."""
        from rich.table import Table

        from flashpoint.console import band_text, console as make_console

        from flashpoint.atomic import write_text
        from flashpoint.summary import ensemble_summary, totals_table

        if format not in ("table", "json"):
            raise FlashpointError(f"--format must be table or json, got {format!r}")
        out = out_dir(out)
        free_names(out, ("summary.json", "record_fit.png", "attacks_fan_chart.png") + (("events.csv",) if events else ()))
        if posterior is not None:
            from flashpoint.analysis import posterior_file

            posterior = posterior_file(posterior)
        if events and out is None:
            raise FlashpointError("--events writes events.csv into --out; give --out DIR")
        console = make_console(stderr=True)
        user = overrides = parse_settings(set_)
        if overrides:
            from flashpoint.scenario.loader import load_scenario
            from flashpoint.scenario.parameters import refuse_idle_settings

            sc = load_scenario(scenario)
            if policy in sc.policies:           # an unknown policy is named by simulate, with the known ones
                refuse_idle_settings(sc, [policy], overrides)
        _troops_set_note(scenario, policy, overrides)
        if posterior is not None:  # one posterior draw per run; --set still wins for the names it gives
            from flashpoint.calibration.posterior import posterior_overrides

            overrides = {**posterior_overrides(posterior, runs, seed, scenario=scenario), **overrides}
        if summary_only is None:
            summary_only = runs > SUMMARY_ONLY_ABOVE
        if summary_only and events:
            raise FlashpointError(f"--events needs every run's daily arrays, which --summary-only (the default above "
                                  f"{SUMMARY_ONLY_ABOVE:,} runs) does not keep; use fewer runs or --full")
        whole = out is not None or format == "json"    # summary.json and the JSON on stdout: with the breakdowns
        if summary_only:
            from flashpoint.backends import summarize
            from flashpoint.backends.summary import record_needs
            from flashpoint.engine.world import axes_of
            from flashpoint.ensemble import INDICATORS
            from flashpoint.scenario.loader import load_scenario

            sc = load_scenario(scenario)
            names, windows = record_needs(sc)
            # the table's rows: every indicator, the strikes of each foreign party (totals_table), the record's
            # (a held-out tester's --summary-only run failed after its simulation: no per-party strikes kept)
            by_party = [f"foreign_strikes_by_party.{p}" for p in axes_of(sc)["party"]]
            wanted = None if whole else list(dict.fromkeys(list(INDICATORS) + by_party + names))
            ens = progress_simulate(console, summarize, scenario_or_name=sc, policy=policy, runs=runs,
                                    seed=seed, overrides=overrides, breakdowns=whole,
                                    indicators=wanted, also=names, windows=[(None, None)] + windows,
                                    backend=backend, workers=workers, address=address)
        else:
            if events and runs > EVENTS_PILOT:   # the same seed's first runs are the full run's: their log's size
                import warnings                  # says before the rest whether the whole log fits

                import numpy as np

                from flashpoint.engine import simulate

                first = {k: v[:EVENTS_PILOT] if np.ndim(v) and len(v) == runs else v
                         for k, v in (overrides or {}).items()}
                with warnings.catch_warnings():        # (the full run says its notes)
                    warnings.simplefilter("ignore")
                    pilot = simulate(scenario, policy=policy, runs=EVENTS_PILOT, seed=seed, overrides=first)
                pilot.refuse_a_log_too_big(runs)
            ens = progress_simulate(console, scenario_or_name=scenario, policy=policy, runs=runs, seed=seed,
                                    overrides=overrides, events=events, backend=backend,
                                    workers=workers, address=address)
        if posterior is not None:              # after the runs: a refused run says only why
            from flashpoint.calibration.posterior import reporting_said

            reporting_said(posterior, ens.spec if not summary_only else sc)
        totals = totals_table(ens)            # once: the JSON's totals and the table's rows
        if whole and not summary_only:   # the record's breakdowns of breakdowns, as a summary keeps them (a held-out
            from flashpoint.backends.summary import record_needs      # tester's --full JSON lacked ten of them)

            names = record_needs(ens.spec)[0]
        summary = ensemble_summary(ens, breakdowns=whole, totals=totals, also=names if whole else ())
        # which parameters: run keeps to the hand-set defaults unless given --posterior, while compare, claims and
        # the page run a built-in on its shipped posterior (a held-out tester's same seed gave 180 here, 274 there)
        summary["parameters"] = f"posterior ({posterior.name})" if posterior is not None else "defaults"
        if summary_only:                      # (simulate notes it itself)
            from flashpoint.engine import replaced_note

            replaced_note(sc, policy, user)
            summary.update(ens.notes())
        else:       # the same keys either way: a reader's JSON keeps its shape whatever the run count
            summary.update({"summary_only": False, "backend": backend, "approximate_quantiles": [],
                            "quantile_relative_error": 0.0})
        _ceiling_note(ens, summary)
        _run_notes(ens)
        if runs < FEW_RUNS:     # a held-out tester's --runs 1 printed "6 of 43 sourced counts inside" bands of "8-8"
            import warnings

            from flashpoint.errors import FlashpointNote

            warnings.warn(f"{runs} run{'s' if runs > 1 else ''}: the 5% and 95% quantiles (the 90% band, and the "
                          f"record's counts laid beside it) are the runs' own extremes, not a band; use at least "
                          f"{FEW_RUNS} runs, and 1,000 or more to read one", FlashpointNote, stacklevel=2)
        own = sc if summary_only else ens.spec    # a streaming summary's spec is not the scenario
        from flashpoint.scenario.schema import HISTORICAL

        if policy != HISTORICAL and (summary.get("fit") or summary.get("series_fit")):
            # a held-out case's counterfactual run headlined "1 of 5 sourced counts inside" as a fit
            summary["record_note"] = (f"these runs are under policy {policy!r}, not {HISTORICAL!r}: the record "
                                      "below is what happened, laid beside them to show how far this counterfactual "
                                      f"departs from it, not a test of the model's fit (run --policy {HISTORICAL} "
                                      "for that)")
        if own is not None and own.record is not None:
            from flashpoint.records import left_out_counts

            events_note(own)

            summary["left_out"] = [{"line": line, "why": why} for line, why in left_out_counts(own)]
        if out is not None:
            from flashpoint.report.fanchart import run_charts

            from flashpoint.atomic import staged_folder

            frame = ens.events() if events else None     # first: a log too big to hold stops before anything is written
            with staged_folder(out, "run") as where:            # every output or none
                # attacks, the first attack mode, and each indicator the record counts (at most 4 of them)
                charts = run_charts(ens, where, scenario=sc if summary_only else None)
                write_text(where / "summary.json", json.dumps(summary, indent=1))
                if frame is not None:
                    _size_note(frame)
                    frame.to_csv(where / "events.csv", index=False)
            charts = [out / p.relative_to(where) for p in charts]
        if format == "json":
            typer.echo(json.dumps(summary))
            return
        drawn = (f", on draws of the posterior {posterior.name}" if posterior is not None
                 else ", at the hand-set defaults (--posterior FILE: on posterior draws)")
        table = Table(title=f"{ens.scenario} / policy {ens.policy}: {ens.runs:,} runs, seed {ens.seed}, "
                            f"{ens.start} .. {ens.end}{drawn}")
        for col in ("indicator", "unit", "mean", "5%", "median", "95%"):
            table.add_column(col, justify="left" if col in ("indicator", "unit") else "right")
        from flashpoint.scenario.presence import with_unheld

        for name, unit, mean, q05, q50, q95 in totals:
            table.add_row(name + with_unheld(own, name), unit, *(f"{v:,.3g}" if abs(v) < 10 else f"{v:,.0f}" for v in (mean, q05, q50, q95)))
        console = make_console(width=150)
        console.print(table)
        if "record_note" in summary:
            console.print(f"note: {summary['record_note']}", highlight=False)
        fit = summary.get("fit") or []
        if fit:
            from flashpoint.records import bound_note, construction_note, fit_labels

            inside = sum(f["inside"] for f in fit)
            record = Table(title=f"the record ({own.record.dataset}): {inside} of {len(fit)} sourced counts "
                                 f"inside the runs' 90% band" + construction_note(fit) + bound_note(fit))
            for col in ("indicator", "period", "record", "grade", "runs 5-95%", "holds"):
                record.add_column(col, justify="left" if col in ("indicator", "period") else "right")
            for f, label in zip(fit, fit_labels(fit)):
                record.add_row(label, f"{f['start']}..{f['end']}", f["count"], f["reliability"],
                               band_text(f["q05"], f["q95"], f["inside"], f["low"], f["high"]),
                               ("yes" if f["inside"] else "NO") + (" (absent)" if f.get("by_absence") else
                                                                    " (schedule)" if f.get("by_schedule") else
                                                                    " (bound)" if f["past_bound"] else ""))
            console.print(record)
            from flashpoint.records import SMALL, WIDE, wide_holds

            wide = wide_holds(fit)
            if wide:
                console.print(f"note: {len(wide)} of the {inside} counts held are held by a band whose 95% is over "
                              f"{WIDE} times the count (or {WIDE * SMALL}) ("
                              f"{', '.join(f['indicator'] + ' ' + f['count'] for f in wide[:3])}"
                              f"{', ...' if len(wide) > 3 else ''}): a band that wide holds a count without fitting "
                              "it; the interval score (summary.json's fit, record_fit.png) weighs the width",
                              highlight=False)
            if summary.get("left_out"):
                console.print(f"{len(summary['left_out'])} of the record's counts are not in this table (counts.csv "
                              f"lines {', '.join(str(x['line']) for x in summary['left_out'])}); "
                              "flashpoint scenario validate says why")
        values = summary.get("series_fit") or []
        if values:
            # a held-out case read a one-value band held by a '~' value's 20 % as a fit: say both
            fixed = sum(bool(f["by_schedule"]) for f in values)
            table = Table(title=f"the record's series: {sum(f['inside'] for f in values)} of {len(values)} values inside "
                                f"the runs' 90% band (as the calibration reads them: a '~' value within 20 %)"
                                + (f"; {fixed} fixed by the scenario (one value in every run)" if fixed else ""))
            for col in ("series", "indicator", "period", "record", "unit", "grade", "runs 5-95%", "holds"):
                table.add_column(col, justify="left" if col in ("series", "indicator", "period", "unit") else "right")
            for f in values:
                period = f["start"] if f["start"] == f["end"] else f"{f['start']}..{f['end']}"
                table.add_row(f["series"], f["indicator"], period, f["count"], f["unit"], f["reliability"],
                              band_text(f["q05"], f["q95"], f["inside"], f["low"], f["high"]),
                              ("yes" if f["inside"] else "NO") + (" (fixed)" if f["by_schedule"] else ""))
            console.print(table)
            if any(f["by_schedule"] for f in values):
                console.print("fixed: every run gives the same value (set by the scenario, e.g. a drawdown's "
                              "troops): the band holds it by construction, or misses it by construction")
        shapes = summary.get("patterns") or {}
        if shapes:
            held = Table(title=f"the record's regime patterns: {shapes['together']:.1%} of runs hold all "
                                f"{len(shapes['each'])} together")
            for col in ("pattern", "indicator", "period", "record", "runs that hold it"):
                held.add_column(col, justify="left" if col in ("pattern", "indicator", "period") else "right")
            for p in shapes["each"]:        # a count's total over the period, a state's mean over its days
                bound = p.get("reads", "total") + " " + " and ".join(
                    t for t in (p["low"] is not None and f">= {p['low']:g}", p["high"] is not None and f"<= {p['high']:g}")
                    if t)
                gone = p.get("absent")
                held.add_row(p["id"], p["indicator"] + with_unheld(own, p["indicator"]), f"{p['start']}..{p['end']}",
                             bound, f"{p['share']:.1%}"
                             + (f" (by construction: none of {', '.join(gone)} there)" if gone else ""))
            console.print(held)
        if out is not None:
            console.print("wrote " + ", ".join(str(p) for p in [*charts, out / "summary.json"])
                          + (f", {out / 'events.csv'}" if events else ""))
