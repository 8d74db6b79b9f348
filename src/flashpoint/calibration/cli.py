"""``flashpoint calibrate``, ``flashpoint posterior show``, ``flashpoint forecast``."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from flashpoint.console import console as make_console, styled
from flashpoint.errors import FlashpointError
from flashpoint.outputs import out_dir, out_file

DEFAULT_OUT = Path("posterior.parquet")


def _console():
    return make_console(width=160)


def _fmt(v) -> str:
    if v is None:
        return "-"
    try:
        v = float(v)
    except (TypeError, ValueError):
        return str(v)
    if v != v:
        return "-"
    if v == 0:
        return "0"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:.3g}"


class GenerationLines:
    """Rich progress: one line per generation, and a live bar for the generation being sampled."""

    def __init__(self, console):
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.console = console
        self.bar = Progress(TextColumn("generation {task.fields[t]} eps {task.fields[eps]}", markup=False), BarColumn(),
                            TextColumn("{task.completed:,}/{task.total:,} accepted, {task.fields[evals]:,} simulated"),
                            TimeElapsedColumn(), console=console, transient=True)
        self.task = None

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        self.bar.__exit__(*exc)

    def __call__(self, info: dict) -> None:
        t = info["t"]
        label = "prior" if t < 0 else str(t)
        eps = "-" if info.get("eps") is None else f"{info['eps']:.3g}"
        if info["event"] == "start":
            if self.task is not None:
                self.bar.remove_task(self.task)
            self.task = self.bar.add_task("gen", total=info["n"], t=label, eps=eps, evals=0)
        elif info["event"] == "batch" and self.task is not None:
            self.bar.update(self.task, completed=info["accepted"], evals=info["evaluations"])
        elif info["event"] == "done":
            if self.task is not None:
                self.bar.remove_task(self.task)
                self.task = None
            rate = info["accepted"] / max(1, info["evaluations"])
            if t < 0:
                self.console.print(f"prior sample: {info['evaluations']:,} runs to set the first threshold "
                                   f"({info['seconds']:.1f} s)", highlight=False)
            else:
                self.console.print(f"generation {t}: eps {eps}, accepted {info['accepted']:,}/{info['evaluations']:,} "
                                   f"({rate:.1%}), ESS {info['ess']:.0f}, {info['seconds']:.1f} s"
                                   + ("" if info["ok"] else " - stopped: acceptance below the limit"),
                                   highlight=False)


def parameter_table(post, title: str):
    from rich.table import Table

    table = Table(title=title)
    for col in ("parameter", "prior range", "default", "posterior median", "90% interval", "width", "identified"):
        table.add_column(col, justify="left" if col in ("parameter", "identified") else "right")
    summary = post.summary()
    for name, r in summary.iterrows():
        table.add_row(name, f"{_fmt(r.prior_low)} .. {_fmt(r.prior_high)}", _fmt(r.default), _fmt(r.q50),
                      f"{_fmt(r.q05)} .. {_fmt(r.q95)}", f"{r.width_ratio:.0%}",
                      "yes" if r.identified else "no")
    return table


def fit_table(post):
    from rich.table import Table

    table = Table(title="fit to the targets: 90% predictive bands with posterior draws and with the defaults; "
                        "'in band': the band reaches the observed count; 'runs in': share of runs whose count "
                        "the observation allows")
    for col in ("target", "period", "observed", "posterior 5-95%", "in band", "runs in", "defaults 5-95%",
                "in band ", "runs in "):
        table.add_column(col, justify="left" if col in ("target", "period") else "right")
    for t in post.meta.get("targets", []):
        p, d = t.get("posterior", {}), t.get("defaults", {})
        interval = t.get("count") or ""
        table.add_row(t["indicator"].replace("attacks_on_foreign_forces", "attacks"), f"{t['start']}..{t['end']}",
                      interval + (" (clipped)" if t.get("note") else ""),
                      f"{_fmt(p.get('q05'))} .. {_fmt(p.get('q95'))}", _yes(p.get("covered")),
                      f"{p.get('inside', 0):.0%}", f"{_fmt(d.get('q05'))} .. {_fmt(d.get('q95'))}",
                      _yes(d.get("covered")), f"{d.get('inside', 0):.0%}")
    return table


def _yes(flag) -> str:
    return "-" if flag is None else ("yes" if flag else styled("no", "red"))


def plot_posterior(post, path: Path) -> None:
    """Per parameter, on its prior range scaled to 0..1: the posterior's 90% interval, median, the default."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from flashpoint.atomic import atomic_path
    from flashpoint.calibration.posterior import weighted_quantile

    summary = post.summary()
    names = list(summary.index)
    fig, ax = plt.subplots(figsize=(9, 0.42 * len(names) + 1.4))
    for i, name in enumerate(names):
        r = summary.loc[name]
        lo, hi = r.prior_low, r.prior_high
        span = (hi - lo) if hi > lo else 1.0
        x = (post.samples[name].to_numpy(float) - lo) / span
        y = len(names) - 1 - i
        # weighted density as a violin-like strip
        grid = np.linspace(0, 1, 31)
        hist, _ = np.histogram(x, bins=grid, weights=post.weights, density=True)
        hist = hist / max(hist.max(), 1e-12) * 0.35
        ax.fill_between(0.5 * (grid[1:] + grid[:-1]), y - hist, y + hist, color="C0", alpha=0.25, lw=0)
        q = weighted_quantile(x, post.weights, (0.05, 0.5, 0.95))
        ax.hlines(y, q[0], q[2], color="C0", lw=3)
        ax.plot(q[1], y, "o", color="C0")
        ax.plot((r.default - lo) / span, y, "|", color="C3", ms=14, mew=2)
        ax.text(1.02, y, f"[{_fmt(lo)}, {_fmt(hi)}]", va="center", fontsize=7)
    ax.set_yticks(range(len(names)), names[::-1], fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the prior range (the prior is uniform on 0..1)")
    ax.set_title(f"posterior ({post.scenario}, data {post.meta.get('data')}, until {post.meta.get('until')}): "
                 "median, 90% interval, density; red: default", fontsize=9)
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=110)
    plt.close(fig)


def register(app: typer.Typer) -> None:
    @app.command("calibrate")
    def calibrate_cmd(
        scenario: Optional[str] = typer.Option(None, "--scenario", help="built-in scenario name or YAML file "
                                               "[default: iraq-2020]"),
        data: Optional[str] = typer.Option(None, "--data", help="iraq-2019-2020 (sourced period counts), a counts "
                                           "CSV, or store[:KEY=VALUE;...] (monthly counts from the event store) "
                                           "[default: iraq-2019-2020]"),
        until: Optional[str] = typer.Option(None, "--until", help="use only counts whose period ends by this date"),
        out: Path = typer.Option(DEFAULT_OUT, "--out", help="posterior file (Parquet); the checkpoint "
                                 "<out stem>.abc.db is written beside it"),
        population: int = typer.Option(1000, "--population", min=20, help="particles per generation"),
        generations: int = typer.Option(12, "--generations", min=1, help="at most this many generations"),
        min_acceptance: float = typer.Option(0.01, "--min-acceptance", min=0.0, max=1.0,
                                             help="stop when a generation's acceptance rate falls below this"),
        max_simulations: int = typer.Option(400_000, "--max-simulations", min=1, help="stop after this many runs"),
        max_minutes: float = typer.Option(14.0, "--max-minutes", min=0.01, help="stop after this wall time"),
        seed: int = typer.Option(0, "--seed", min=0, help="random seed"),
        parameters: Optional[str] = typer.Option(None, "--parameters", help="comma-separated subset of the "
                                                 "calibratable parameters [default: all]"),
        policy: Optional[str] = typer.Option(None, "--policy", help="policy of the record [default: historical]"),
        store: Optional[Path] = typer.Option(None, "--store", help="event store file for --data store:..."),
        resume: bool = typer.Option(False, "--resume", help="continue the run in the checkpoint beside --out"),
        checkpoint: Optional[Path] = typer.Option(None, "--checkpoint", help="checkpoint file (pyabc SQLite history)"),
        format: str = typer.Option("table", "--format", help="table or json"),
    ) -> None:
        """Calibrate the calibratable parameters to the record with ABC-SMC (pyabc); write the posterior."""
        from flashpoint.calibration.abc import Settings, calibrate

        if format not in ("table", "json"):
            raise FlashpointError(f"--format must be table or json, got {format!r}")
        if out.suffix.lower() != ".parquet":
            raise FlashpointError(f"--out {out}: the posterior is a Parquet file; name it *.parquet")
        out_file(out, "--out")
        names = [p.strip() for p in parameters.split(",") if p.strip()] if parameters else None
        if until is not None:
            import pandas as pd

            try:
                until = str(pd.Timestamp(until).date())
            except (ValueError, TypeError):
                raise FlashpointError(f"--until {until!r} is not a date (YYYY-MM-DD)") from None
        defaults = Settings()
        settings = Settings(scenario=scenario or defaults.scenario, data=data or defaults.data, until=until,
                            policy=policy or defaults.policy, parameters=names, population=population,
                            generations=generations, min_acceptance=min_acceptance, max_simulations=max_simulations,
                            max_minutes=max_minutes, seed=seed, store=str(store) if store else None)
        err = make_console(stderr=True)
        lines = GenerationLines(err)
        try:
            with lines:
                result = calibrate(settings, out, checkpoint=checkpoint, resume=resume, progress=lines)
        except KeyboardInterrupt:
            from flashpoint.calibration.abc import default_checkpoint

            db = checkpoint or default_checkpoint(out)
            err.print(f"interrupted; finished generations are in {db}: continue with "
                      f"flashpoint calibrate --resume --out {out}" + (f" --checkpoint {db}" if checkpoint else ""))
            raise
        post = result.posterior
        meta = post.meta
        if format == "json":
            typer.echo(json.dumps({"posterior": str(result.path), "checkpoint": str(result.checkpoint),
                                   "seconds": meta["seconds"], "simulations": meta["simulations"],
                                   "stopped": meta["stopped"], "generations": meta["generations"],
                                   "parameters": meta["parameters"], "targets": meta["targets"],
                                   "skipped": meta["skipped"]}))
            return
        console = _console()
        console.print(parameter_table(post, f"posterior of {len(post.names)} parameters, {meta['scenario']['name']} "
                                            f"to {meta['data']} (until {meta['until'] or meta['scenario']['end']})"))
        console.print(fit_table(post))
        for s in meta["skipped"]:
            console.print(f"left out: {s['row']} ({s['reason']})", highlight=False)
        console.print(f"{len(meta['generations'])} generations, {meta['simulations']:,} simulations, "
                      f"{meta['seconds']:.0f} s; stopped: {meta['stopped']}. wrote {result.path} "
                      f"(checkpoint {result.checkpoint})", highlight=False)

    posterior_app = typer.Typer(help="Inspect a posterior file written by flashpoint calibrate.", no_args_is_help=True)
    app.add_typer(posterior_app, name="posterior")

    @posterior_app.command("show")
    def posterior_show(
        file: Path = typer.Argument(..., help="posterior file (Parquet) from flashpoint calibrate"),
        plot: Optional[Path] = typer.Option(None, "--plot", help="PNG of prior ranges against the posterior "
                                            "[default: beside FILE, <stem>.png]"),
        no_plot: bool = typer.Option(False, "--no-plot", help="print only"),
        format: str = typer.Option("table", "--format", help="table or json"),
    ) -> None:
        """Per parameter: prior range against posterior median and 90% interval; the fit; a plot."""
        from flashpoint.calibration.posterior import load_posterior

        if format not in ("table", "json"):
            raise FlashpointError(f"--format must be table or json, got {format!r}")
        post = load_posterior(file)
        png = None if no_plot else (plot or file.with_suffix(".png"))
        if png is not None:
            plot_posterior(post, png)
        if format == "json":
            summary = post.summary().reset_index()
            typer.echo(json.dumps({"file": str(file), "scenario": post.meta.get("scenario"),
                                   "data": post.meta.get("data"), "until": post.meta.get("until"), "particles": len(post.samples), "ess": post.ess(),
                                   "parameters": json.loads(summary.to_json(orient="records")),
                                   "targets": post.meta.get("targets"), "plot": str(png) if png else None}))
            return
        console = _console()
        meta = post.meta
        console.print(parameter_table(post, f"{file}: {meta.get('scenario', {}).get('name')} calibrated to "
                                            f"{meta.get('data')} until {meta.get('until') or '-'}; "
                                            f"{len(post.samples):,} particles, ESS {post.ess():.0f}"))
        if meta.get("targets"):
            console.print(fit_table(post))
        gens = meta.get("generations", [])
        if gens:
            console.print(f"{len(gens)} generations (final eps {gens[-1]['epsilon']:.3g}), "
                          f"{meta.get('simulations', 0):,} simulations, {meta.get('seconds', 0):.0f} s; "
                          f"stopped: {meta.get('stopped')}", highlight=False)
        if png is not None:
            console.print(f"wrote {png}", highlight=False)

    @app.command("forecast")
    def forecast_cmd(
        posterior: Path = typer.Option(..., "--posterior", help="posterior file from flashpoint calibrate"),
        from_: str = typer.Option(..., "--from", help="first day of the forecast window (YYYY-MM-DD)"),
        to: str = typer.Option(..., "--to", help="last day of the forecast window (YYYY-MM-DD)"),
        indicator: str = typer.Option("attacks_on_foreign_forces", "--indicator", help="indicator (breakdowns "
                                      "after a dot, e.g. attacks_on_foreign_forces.indirect_fire)"),
        format: str = typer.Option("table", "--format", help="table or json"),
        runs: int = typer.Option(2000, "--runs", min=1, help="runs, one posterior draw each"),
        seed: int = typer.Option(0, "--seed", min=0, help="random seed"),
        policy: str = typer.Option("historical", "--policy", help="policy of the scenario"),
        evaluate: bool = typer.Option(False, "--evaluate", help="score against observed counts: CRPS, 90% "
                                      "coverage, naive baselines"),
        data: str = typer.Option("iraq-2019-2020", "--data", help="observations for --evaluate: iraq-2019-2020 "
                                 "or store[:KEY=VALUE;...]"),
        store: Optional[Path] = typer.Option(None, "--store", help="event store file for --data store:..."),
        out: Optional[Path] = typer.Option(None, "--out", help="folder for forecast.json and forecast.png"),
    ) -> None:
        """The predictive distribution of an indicator per month and over a window, from posterior draws."""
        from flashpoint.calibration.forecast import evaluate as evaluate_fc
        from flashpoint.calibration.forecast import forecast, plot_forecast
        from flashpoint.calibration.posterior import load_posterior

        if format not in ("table", "json"):
            raise FlashpointError(f"--format must be table or json, got {format!r}")
        out_dir(out)
        post = load_posterior(posterior)
        err = make_console(stderr=True)
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("simulating posterior draws", markup=False), BarColumn(),
                      TextColumn("{task.completed:,}/{task.total:,} runs"), TimeElapsedColumn(), console=err,
                      transient=True, disable=runs < 2000) as bar:
            task = bar.add_task("runs", total=runs)
            fc = forecast(post, from_, to, indicator=indicator, runs=runs, seed=seed, policy=policy,
                          progress=lambda done, total: bar.update(task, completed=done), path=str(posterior))
        ev = evaluate_fc(fc, post, data=data, store=str(store) if store else None) if evaluate else None
        payload = fc.as_json()
        if ev is not None:
            payload["evaluation"] = {"data": data, **ev.as_json()}
        png = None
        if out is not None:
            from flashpoint.atomic import write_text

            out.mkdir(parents=True, exist_ok=True)
            write_text(out / "forecast.json", json.dumps(payload, indent=1))
            png = out / "forecast.png"
        elif ev is not None:
            png = Path("forecast_evaluation.png")
        if png is not None:
            plot_forecast(fc, png, ev)
        if format == "json":
            typer.echo(json.dumps(payload))
            return
        _print_forecast(fc, ev, payload, png, out)


def _print_forecast(fc, ev, payload, png, out) -> None:
    from rich.table import Table

    console = _console()
    table = Table(title=f"{fc.indicator}: predictive distribution {fc.start.date()} .. {fc.end.date()} "
                        f"({fc.runs:,} runs, one posterior draw each, seed {fc.seed})")
    for col in ("period", "mean", "5%", "median", "95%"):
        table.add_column(col, justify="left" if col == "period" else "right")
    for label, m in payload["months"].items():
        part = "" if (m["start"][8:] == "01" and _month_end(m["end"])) else f" ({m['start'][8:]}-{m['end'][8:]})"
        table.add_row(label + part, *(_fmt(m[k]) for k in ("mean", "q05", "q50", "q95")))
    w = payload["window"]
    table.add_row(styled("window"), *(_fmt(w[k]) for k in ("mean", "q05", "q50", "q95")))
    console.print(table)
    if ev is not None:
        if not ev.scores.empty:
            st = Table(title="scores against the observed counts (lower CRPS is better; 90% coverage should be 0.9)")
            for col in ("method", "CRPS", "90% coverage", "observations"):
                st.add_column(col, justify="left" if col == "method" else "right")
            for method, r in ev.scores.iterrows():
                st.add_row(method, f"{r.crps:.2f}", "-" if r.coverage_90 != r.coverage_90 else f"{r.coverage_90:.2f}",
                           str(int(r.n)))
            console.print(st)
            ot = Table(title="observations scored")
            for col in ("period", "observed", "model 5-95%", "median", "CRPS model",
                        *[c[5:] for c in ev.table.columns if c.startswith("crps_") and c != "crps_model"]):
                ot.add_column(col, justify="left" if col == "period" else "right")
            for r in ev.table.to_dict("records"):
                ot.add_row(r["observation"], r["observed"], f"{_fmt(r['q05'])} .. {_fmt(r['q95'])}", _fmt(r["q50"]),
                           f"{r['crps_model']:.2f}",
                           *[f"{r[c]:.2f}" for c in ev.table.columns if c.startswith("crps_") and c != "crps_model"])
            console.print(ot)
        if not ev.bounds.empty:
            bt = Table(title="bounds in the window (not scored by CRPS): does the 90% interval reach them?")
            for col in ("period", "observed", "model 5-95%", "consistent", "runs inside"):
                bt.add_column(col, justify="left" if col == "period" else "right")
            for r in ev.bounds.to_dict("records"):
                bt.add_row(r["observation"], r["observed"], f"{_fmt(r['q05'])} .. {_fmt(r['q95'])}",
                           "yes" if r["consistent"] else "no", f"{r['inside_share']:.0%}")
            console.print(bt)
        for note in ev.notes:
            console.print(f"note: {note}", highlight=False)
    if out is not None:
        console.print(f"wrote {out / 'forecast.json'}, {png}", highlight=False)
    elif png is not None:
        console.print(f"wrote {png}", highlight=False)


def _month_end(day: str) -> bool:
    import pandas as pd

    d = pd.Timestamp(day)
    return d == d + pd.offsets.MonthEnd(0)
