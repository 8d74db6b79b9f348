"""``flashpoint calibrate``, ``flashpoint posterior show``, ``flashpoint evaluate``, ``flashpoint forecast``."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from flashpoint.console import console as make_console, number
from flashpoint.errors import FlashpointError
from flashpoint.outputs import listed, out_dir, out_file

DEFAULT_OUT = Path("posterior.parquet")


def _format(value: str) -> str:
    if value not in ("table", "json"):
        raise FlashpointError(f"--format must be table or json, got {value!r}")
    return value


def _date(text: Optional[str], option: str, last: bool = False) -> Optional[str]:
    """A date option as YYYY-MM-DD; a month (YYYY-MM) is its first day, or with ``last`` (an option that
    ends a window) its last."""
    if text is None:
        return None
    import re

    import pandas as pd

    if not re.fullmatch(r"\s*\d{4}-\d{2}(-\d{2})?\s*", str(text)):   # "2020" read as 1 January, "20210301"
        raise FlashpointError(f"{option} {text!r} is not a date (YYYY-MM-DD, or a month YYYY-MM)")  # as a day
    try:
        day = pd.Timestamp(text)
    except (ValueError, TypeError):
        raise FlashpointError(f"{option} {text!r} is not a date (YYYY-MM-DD, or a month YYYY-MM)") from None
    if last and re.fullmatch(r"\s*\d{4}-\d{1,2}\s*", str(text)):
        day = day + pd.offsets.MonthEnd(0)
    return str(day.date())


def _scenario(name: Optional[str]):
    from flashpoint.scenario.loader import load_scenario

    return load_scenario(name or "iraq-2020")


def parameter_rows(post) -> list[dict]:
    """The ``posterior show --format json`` parameter list. ``identified`` is the definition (a 90% interval within
    half the prior range); ``few_draws`` is the table's ``?`` beside it: the effective sample size is below
    MIN_ESS, too few distinct draws to say (a held-out tester's JSON said identified without it)."""
    from flashpoint.calibration.posterior import MIN_ESS

    out = []
    few = bool(post.ess() < MIN_ESS)
    for name, r in post.summary().iterrows():
        out.append({"name": name, "q05": float(r.q05), "q50": float(r.q50), "q95": float(r.q95),
                    "prior": [float(r.prior_low), float(r.prior_high)], "identified": bool(r.identified),
                    "few_draws": few,
                    "default": None if r.default != r.default else r.default, "width": float(r.width_ratio),
                    "kind": post.meta.get("parameters", {}).get(name, {}).get("kind", "model")})
    return out


def parameter_table(post, title: str):
    from rich.table import Table

    from flashpoint.calibration.posterior import MIN_ESS

    ess = post.ess()
    few = ess < MIN_ESS      # the intervals, and so "identified", rest on few distinct draws
    table = Table(title=title, caption=f"?: effective sample size {ess:.0f}, below {MIN_ESS}: too few distinct "
                                       "draws to say" if few else None)
    for col in ("parameter", "prior range", "default", "median", "90% interval", "width", "identified"):
        table.add_column(col, justify="left" if col in ("parameter", "identified") else "right")
    for r in parameter_rows(post):
        table.add_row(r["name"], f"{number(r['prior'][0])} .. {number(r['prior'][1])}", number(r["default"]),
                      number(r["q50"]), f"{number(r['q05'])} .. {number(r['q95'])}", f"{r['width']:.0%}",
                      ("yes" if r["identified"] else "no") + ("?" if r["few_draws"] else ""))
    return table


def fit_table(fit: list[dict]):
    from rich.table import Table

    table = Table(title="the record's tallies beside what a source of the same grade would report under "
                        "posterior draws (5-95%)")
    for col in ("indicator", "period", "count", "grade", "weight", "simulated median", "reported 5-95%", "inside"):
        table.add_column(col, justify="left" if col in ("indicator", "period") else "right")
    for t in fit:
        table.add_row(t["indicator"].replace("attacks_on_foreign_forces", "attacks"), f"{t['start']}..{t['end']}",
                      t["count"], t["reliability"], f"{t['weight']:.2f}", number(t["simulated_q50"]),
                      f"{number(t['q05'])} .. {number(t['q95'])}", "yes" if t["inside"] else "no")
    return table


def _few_draws(post, file) -> None:
    """A note on stderr when the posterior's effective sample size is small, or it stopped short."""
    import warnings

    from flashpoint.calibration.posterior import MIN_ESS, short_note
    from flashpoint.errors import FlashpointNote

    short_note(post, file)
    if post.ess() < MIN_ESS:
        warnings.warn(f"{file}: effective sample size {post.ess():.0f} (of {len(post.samples):,} particles), below "
                      f"{MIN_ESS}: its intervals rest on few distinct draws, so 'identified' may not hold; calibrate "
                      f"with more particles", FlashpointNote, stacklevel=2)


def _few_forecasts(ev) -> None:
    """A note on stderr when an evaluation scores only a few forecasts, or only months with no attack listed."""
    import warnings

    from flashpoint.errors import FlashpointNote

    from flashpoint.calibration.evaluate_report import MIN_FORECASTS

    n = ev.summary()["model"]["n"]
    if n < MIN_FORECASTS:
        warnings.warn(f"only {n} forecast(s) scored ({len(ev.origins)} origin(s) x horizons "
                      f"{list(ev.settings.horizons)}): between models, mean scores over so few differ mostly by "
                      f"chance; widen --from/--to", FlashpointNote, stacklevel=2)
    if ev.rows and all(r["observed"] == 0 for r in ev.rows):     # a held-out case's list had no attack to score
        warnings.warn("the dated list holds no attack in any scored month: forecasting none scores best, so the "
                      "scores say how little each model expects, not how well it forecasts attacks",
                      FlashpointNote, stacklevel=2)


def register(app: typer.Typer) -> None:
    @app.command("calibrate")
    def calibrate_cmd(
        scenario: Optional[str] = typer.Option(None, "--scenario", help="built-in scenario name or YAML file "
                                               "[default: the built-in scenario]"),
        until: Optional[str] = typer.Option(None, "--until", help="use the record up to this date (YYYY-MM-DD; "
                                            "a month YYYY-MM: its last day) [default: the scenario's end]"),
        out: Path = typer.Option(DEFAULT_OUT, "--out", help="posterior file to write (*.parquet)"),
        particles: int = typer.Option(1000, "--particles", min=20, help="SMC particles"),
        replicates: int = typer.Option(16, "--replicates", min=2, help="runs per particle and evaluation"),
        seed: int = typer.Option(0, "--seed", min=0, help="random seed (the same seed gives the same draws and "
                                "weights; only the file's timings differ, unless --max-minutes stops a run)"),
        parameters: Optional[str] = typer.Option(None, "--parameters", help="comma-separated parameters "
                                                 "[default: those marked calibratable]"),
        policy: str = typer.Option("historical", "--policy", help="policy the record was made under"),
        max_minutes: float = typer.Option(14.0, "--max-minutes", min=0.1, help="stop (short of the posterior) "
                                          "after this long"),
        format: str = typer.Option("table", "--format", help="table or json"),
    ) -> None:
        """Fit the calibratable parameters to the scenario's record (SMC on the observation model's
        likelihood); write the posterior."""
        from flashpoint.calibration.fit import Settings, calibrate

        _format(format)
        out_file(out, "--out", (".parquet",))
        replaced = Path(out).is_file()           # said after, as replaced (held-out: overwritten without a word)
        sc = _scenario(scenario)
        names = listed(parameters, "--parameters") if parameters is not None else None
        settings = Settings(scenario=scenario or "iraq-2020", until=_date(until, "--until", last=True), policy=policy,
                            parameters=names, particles=particles, replicates=replicates, seed=seed,
                            max_minutes=max_minutes)
        err = make_console(stderr=True)

        def progress(info):
            acc = "-" if info.get("acceptance") is None else f"{info['acceptance']:.0%}"
            err.print(f"stage {info['stage']}: temperature {info['beta']:.3g}, ESS {info['ess']:.0f}, "
                      f"acceptance {acc}, {info['evaluations']} evaluations so far, {info['seconds']:.0f} s since the "
                      "start", highlight=False)       # running totals (a held-out reader took two stages' "37 s" for each)

        post = calibrate(settings, out, scenario=sc if scenario is None or Path(scenario).suffix else None,
                         progress=progress)
        if replaced:
            err.print(f"note: {out} held a file before; it is replaced by this posterior", highlight=False)
        _few_draws(post, out)
        meta = post.meta
        if format == "json":
            typer.echo(json.dumps({"posterior": str(out), "ess": meta["ess"], "particles": len(post.samples),
                                   "distinct": post.distinct(),
                                   "seconds": meta["seconds"], "simulations": meta["simulations"],
                                   "stopped": meta["stopped"], "parameters": parameter_rows(post),
                                   "fit": meta.get("fit"), "observations": meta["observations"]}))
            return
        console = make_console(width=160)
        console.print(parameter_table(post, f"{sc.name}: posterior from the record to {meta['until']}, "
                                            f"{len(post.samples):,} particles, ESS {meta['ess']:.0f}, "
                                            f"{post.distinct():,} distinct"))
        if meta.get("fit"):
            console.print(fit_table(meta["fit"]))
        console.print(f"{len(meta['stages'])} stage{'' if len(meta['stages']) == 1 else 's'}, {meta['simulations']:,} runs, {meta['seconds']:.0f} s; "
                      f"{meta['stopped']}. wrote {out}", highlight=False)

    posterior_app = typer.Typer(help="Inspect a posterior file written by flashpoint calibrate.", no_args_is_help=True)
    app.add_typer(posterior_app, name="posterior")

    @posterior_app.command("show")
    def posterior_show(
        file: Path = typer.Argument(..., help="posterior file (Parquet) from flashpoint calibrate, or a built-in "
                                              "scenario's shipped one by its name (NAME.posterior.parquet, as claims prints it)"),
        format: str = typer.Option("table", "--format", help="table or json"),
    ) -> None:
        """Per parameter: prior range, posterior median and 90% interval, identified or not."""
        from flashpoint.analysis import posterior_file
        from flashpoint.calibration.posterior import load_posterior

        _format(format)
        file = posterior_file(file, "FILE")       # or the name claims and compare print (NAME.posterior.parquet)
        post = load_posterior(file)
        _few_draws(post, file)
        meta = post.meta
        if format == "json":
            typer.echo(json.dumps({"file": str(file), "scenario": post.scenario, "until": meta.get("until"),
                                   "ess": post.ess(), "particles": len(post.samples), "distinct": post.distinct(),
                                   "parameters": parameter_rows(post), "fit": meta.get("fit"),
                                   "stopped": meta.get("stopped")}))
            return
        console = make_console(width=160)
        console.print(parameter_table(post, f"{file}: {post.scenario} to {meta.get('until')}; "
                                            f"{len(post.samples):,} particles, ESS {post.ess():.0f}, "
                                            f"{post.distinct():,} distinct"))
        if meta.get("fit"):
            console.print(fit_table(meta["fit"]))

    @app.command("evaluate")
    def evaluate_cmd(
        scenario: Optional[str] = typer.Option(None, "--scenario", help="built-in scenario name or YAML file "
                                               "[default: the built-in scenario]"),
        from_: Optional[str] = typer.Option(None, "--from", help="first forecast origin (a month, YYYY-MM) "
                                            "[default: the first whole month six months into the period]"),
        to: Optional[str] = typer.Option(None, "--to", help="last forecast origin (YYYY-MM) [default: the month "
                                         "before the period's last]"),
        horizons: str = typer.Option("1,3", "--horizons", help="comma-separated horizons in months (1 to 12)"),
        particles: int = typer.Option(400, "--particles", min=20, help="SMC particles"),
        replicates: int = typer.Option(8, "--replicates", min=2, help="runs per particle"),
        seed: int = typer.Option(0, "--seed", min=0, help="random seed"),
        parameters: Optional[str] = typer.Option(None, "--parameters", help="comma-separated parameters fitted at "
                                                 "each origin [default: those marked calibratable]"),
        schedule: str = typer.Option("as-of-origin", "--schedule", help="as-of-origin: the forecasts know the "
                                     "schedule's entries dated before each origin (a forecast); known: those in the "
                                     "window too, as they happened (a diagnostic of the model given the schedule, "
                                     "not a forecast)"),
        out: Optional[Path] = typer.Option(None, "--out", help="folder for evaluation.json and evaluation.png"),
        format: str = typer.Option("table", "--format", help="table or json"),
    ) -> None:
        """Rolling-origin forecasts of the monthly listed attacks, scored against statistical baselines."""
        from flashpoint.calibration.evaluate import EvalSettings, evaluate, horizons_message
        from flashpoint.calibration.evaluate_report import plot, summary_table, verdict

        _format(format)
        out_dir(out)
        try:
            hs = tuple(int(h) for h in horizons.split(","))      # "1,,3" is refused too, not read as 1,3
        except ValueError:
            raise FlashpointError(horizons_message(horizons)) from None
        if schedule not in ("as-of-origin", "known"):    # before loading the scenario (EvalSettings checks it too)
            raise FlashpointError(f"--schedule must be as-of-origin or known, got {schedule!r}")
        sc = _scenario(scenario)
        # the scenario as given (a file's path, not only its name: a held-out forecaster's evaluation.json of an
        # edited copy could not be told from the built-in's)
        names = listed(parameters, "--parameters") if parameters is not None else None   # (the message of a file
        settings = EvalSettings(scenario=scenario or sc.name, first=from_, last=to, horizons=hs, particles=particles,
                                replicates=replicates, seed=seed, schedule=schedule, parameters=names)   # with none
        # marked calibratable said "name them with --parameters", which evaluate did not have: a held-out analyst's)
        err = make_console(stderr=True)
        from flashpoint.calibration.observations import unusable_note

        if (note := unusable_note(sc)) is not None:
            err.print(f"note: {note}", highlight=False)
        ev = evaluate(settings, scenario=sc, progress=lambda line: err.print(line, highlight=False))
        _few_forecasts(ev)
        payload = ev.as_json()
        if out is not None:
            from flashpoint.atomic import staged_folder

            with staged_folder(out, "evaluate") as where:       # both files or neither (a held-out tester's Ctrl-C
                (where / "evaluation.json").write_text(json.dumps(payload, indent=1))   # left the json alone)
                plot(ev, where / "evaluation.png")
        if format == "json":
            typer.echo(json.dumps({k: payload[k] for k in ("origins", "horizons", "target", "schedule", "models",
                                                          "seconds", "left_out")}))   # (evaluation.md says so)
            return
        console = make_console(width=160)
        console.print(summary_table(ev))
        console.print(f"verdict: {verdict(ev.summary())}", highlight=False)
        if out is not None:
            console.print(f"wrote {out / 'evaluation.json'}, {out / 'evaluation.png'}", highlight=False)

    @app.command("forecast")
    def forecast_cmd(
        posterior: Optional[Path] = typer.Option(None, "--posterior", help="posterior file [default: the one a "
                                                 "built-in scenario ships, when --scenario is its name (a file gets "
                                                 "none)]"),
        scenario: Optional[str] = typer.Option(None, "--scenario", help="scenario [default: the built-in scenario]"),
        from_: str = typer.Option(..., "--from", help="first day of the forecast window (YYYY-MM-DD; a month "
                                  "YYYY-MM: its first day)"),
        to: str = typer.Option(..., "--to", help="last day of the forecast window (YYYY-MM-DD; a month YYYY-MM: "
                               "its last day)"),
        indicator: str = typer.Option("attacks_on_foreign_forces", "--indicator", help="indicator (breakdowns "
                                      "after a dot)"),
        runs: int = typer.Option(2000, "--runs", min=1, help="runs, one posterior draw each"),
        seed: int = typer.Option(0, "--seed", min=0, help="random seed"),
        policy: str = typer.Option("historical", "--policy", help="policy of the scenario"),
        out: Optional[Path] = typer.Option(None, "--out", help="folder for forecast.json and forecast.png"),
        format: str = typer.Option("table", "--format", help="table or json"),
        prior: bool = typer.Option(False, "--prior", help="run at the scenario's hand-set defaults, not on "
                                   "posterior draws (a scenario of one's own that has no posterior)"),
    ) -> None:
        """The predictive distribution of an indicator per month from posterior draws, or at the hand-set
        defaults with --prior (no scores: see flashpoint evaluate)."""
        from flashpoint.calibration.forecast import forecast, plot_forecast, print_forecast

        _format(format)
        out_dir(out)
        sc = _scenario(scenario)
        if posterior is not None and not prior:          # (both: forecast refuses them, naming the two)
            from flashpoint.analysis import posterior_file

            posterior = posterior_file(posterior)
        fc = forecast(sc, posterior, _date(from_, "--from"), _date(to, "--to", last=True), indicator=indicator,
                      runs=runs, seed=seed, policy=policy, source=scenario or sc.name, prior=prior)
        payload = fc.as_json()
        if out is not None:
            from flashpoint.atomic import staged_folder

            with staged_folder(out, "forecast") as where:       # both files or neither
                (where / "forecast.json").write_text(json.dumps(payload, indent=1))
                plot_forecast(fc, where / "forecast.png")
        if format == "json":
            typer.echo(json.dumps(payload))
            return
        print_forecast(fc, out)
