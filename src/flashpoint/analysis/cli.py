"""``flashpoint compare`` and ``flashpoint claims``."""
from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Annotated, List, Optional

import numpy as np
import typer

from flashpoint.analysis import (POSTERIOR_MODULE, posterior_available, posterior_file, shipped_posterior,
                                 unread_posterior_note, with_set)
from flashpoint.console import console as Console, number, probability, progress_bar, signed, styled
from flashpoint.errors import FlashpointError
from flashpoint.outputs import free_names, listed, out_dir

# options that compare and claims share
ScenarioOption = Annotated[str, typer.Option("--scenario", help="built-in scenario name or YAML file")]
FormatOption = Annotated[str, typer.Option("--format", help="table or json")]
OutOption = Annotated[Optional[Path], typer.Option("--out", help="folder for the HTML report, JSON, CSV and plots")]
SetOption = Annotated[Optional[List[str]],
                      typer.Option("--set", help="set a parameter for every policy that does not set it itself: NAME=VALUE")]
PosteriorOption = Annotated[Optional[Path], typer.Option(
    "--posterior", help="run on draws of this calibration posterior (default: the one the built-in scenario ships)")]
PriorOption = Annotated[bool, typer.Option(
    "--prior", help="run at the scenario's hand-set defaults only, not on posterior draws")]
BackendOption = Annotated[str, typer.Option("--backend", help="local, processes or ray")]
WorkersOption = Annotated[Optional[int], typer.Option("--workers", help="worker processes for --backend processes/ray")]
AddressOption = Annotated[Optional[str], typer.Option("--address", help="address of an existing Ray cluster")]



def _ties(verdict: dict) -> str:
    """The verdict cell's words on tied pairs, as the claims JSON gives them (``claims.tie_words``)."""
    return f"\n({verdict['ties']})" if verdict["ties"] else ""

def posterior_overrides(path: Path, runs: int, seed: int, scenario=None) -> dict[str, np.ndarray]:
    """Per-run parameter arrays drawn from a calibration posterior file (``runs`` draws, weighted).

    Uses ``flashpoint.calibration.posterior``: its ``posterior_overrides(path, runs=, seed=, scenario=)``
    (which refuses a posterior calibrated on another scenario) if it has one; otherwise ``load(path)`` (or ``load_posterior``) giving an object with
    ``overrides(runs, seed=)`` or a table of draws (one column per parameter, optional ``weight``).
    """
    if not posterior_available():
        raise FlashpointError("--posterior needs the calibration part (flashpoint.calibration.posterior), "
                              "which is not installed in this build")
    if not Path(path).exists():
        raise FlashpointError(f"{path}: no such posterior file")
    mod = importlib.import_module(POSTERIOR_MODULE)
    if hasattr(mod, "posterior_overrides"):
        return dict(mod.posterior_overrides(path, runs=runs, seed=seed, scenario=scenario))
    loader = getattr(mod, "load", None) or getattr(mod, "load_posterior", None)
    if loader is None:
        raise FlashpointError(f"{POSTERIOR_MODULE} offers no loader (load or posterior_overrides)")
    post = loader(path)
    if hasattr(post, "overrides"):
        return dict(post.overrides(runs, seed=seed))
    import pandas as pd

    frame = post if isinstance(post, pd.DataFrame) else getattr(post, "samples", None)
    if not isinstance(frame, pd.DataFrame) or frame.empty:
        raise FlashpointError(f"{path}: the posterior holds no parameter draws")
    weights = frame["weight"].to_numpy(float) if "weight" in frame else np.ones(len(frame))
    weights = weights / weights.sum()
    rows = np.random.default_rng(seed).choice(len(frame), size=runs, p=weights)
    return {c: frame[c].to_numpy(float)[rows] for c in frame.columns if c != "weight"}


def _inputs(format: str, scenario: str, set_, posterior, prior: bool, runs: int, seed: int):
    """Check --format; the scenario and the parameter sets of compare and claims, the main one first:
    ``[(label, overrides), ...]`` with --set over every set.

    Runs are on posterior draws (one per run) when ``--posterior FILE`` is given or when a built-in
    scenario, named as such, ships a posterior and the calibration part is installed; the hand-set
    defaults then come second. ``--prior`` keeps to the defaults."""
    from flashpoint.commands.run import events_note, parse_settings
    from flashpoint.scenario.loader import load_scenario

    if format not in ("table", "json"):
        raise FlashpointError(f"--format must be table or json, got {format!r}")
    if prior and posterior is not None:
        raise FlashpointError("--prior and --posterior exclude each other: --prior runs at the hand-set defaults")
    if posterior is not None:
        posterior = posterior_file(posterior)
    sc = load_scenario(scenario)
    if sc.record is not None:
        events_note(sc)
    settings = dict(parse_settings(set_))
    defaults = ("defaults", settings)
    if prior:
        return sc, [defaults]
    if posterior is None:
        posterior = shipped_posterior(scenario)
        if posterior is None:
            if (note := unread_posterior_note(scenario)) is not None:
                Console(stderr=True).print(f"note: {note}", highlight=False)
            return sc, [defaults]
    draws = posterior_overrides(posterior, runs, seed, scenario)
    return sc, [(f"posterior ({Path(posterior).name})", {**draws, **settings}, posterior), defaults]


def _reporting(sets, sc) -> None:
    """After the runs: what the posterior they drew from reads grade-C counts as (``posterior.reporting_said``)."""
    if len(sets[0]) > 2:
        from flashpoint.calibration.posterior import reporting_said

        reporting_said(sets[0][2], sc)


def _set_against(sc, policies: list[str], set_) -> None:
    """Refuse a --set that would change nothing under every compared policy (a policy's own settings win); what
    the policies keep over it, compare and claims say themselves (``analysis.kept_warning``, a note)."""
    from flashpoint.commands.run import parse_settings
    from flashpoint.scenario.parameters import refuse_idle_settings

    policies = [p for p in dict.fromkeys(policies) if p in sc.policies]   # unknown ones are named later
    user = parse_settings(set_)
    if user and policies:
        refuse_idle_settings(sc, policies, user, policy_wins=True)


def _after_the_window(sc, policies: list[str], end) -> dict[str, list[str]]:
    """Policy -> the entries by which alone it differs from the first policy, where every one is dated after the
    window's ``end`` and the two set the same values: its runs equal the first's in the window (a held-out student's
    compare over 1992 printed zeros for two policies whose entries came in 1993 and 1996, unsaid)."""
    from flashpoint.analysis.audit import entries_between

    out = {}
    for pol in policies[1:]:
        differ = entries_between(sc, policies[0], pol)
        if differ and sc.policies[pol].set == sc.policies[policies[0]].set and all(e.date > end for e in differ):
            out[pol] = [e.id for e in differ]
    return out


def register(app: typer.Typer) -> None:
    @app.command("compare")
    def compare_cmd(
        policies: str = typer.Option(..., "--policies", help="comma-separated policies; the first is the reference"),
        scenario: ScenarioOption = "iraq-2020",
        runs: int = typer.Option(1000, "--runs", min=1, help="runs per policy"),
        seed: int = typer.Option(0, "--seed", min=0, help="random seed (the same for every policy)"),
        window: Optional[str] = typer.Option(None, "--window", help="START:END (ISO dates, or months YYYY-MM: a whole month); default: whole period"),
        indicators: Optional[str] = typer.Option(None, "--indicators", help="comma-separated indicators, "
                                                 "breakdowns too (attacks_on_foreign_forces.FACTION) [default: every "
                                                 "indicator]"),
        format: FormatOption = "table",
        out: OutOption = None,
        set_: SetOption = None,
        posterior: PosteriorOption = None,
        prior: PriorOption = False,
        backend: BackendOption = "local",
        workers: WorkersOption = None,
        address: AddressOption = None,
    ) -> None:
        """Run the same world under several policies with common random numbers; paired differences.

        By default on draws of the posterior a built-in scenario ships (--prior: the hand-set defaults)."""
        from rich.table import Table

        from flashpoint.analysis import parse_window
        from flashpoint.analysis.compare import compare
        from flashpoint.scenario.presence import with_unheld

        out = out_dir(out)
        free_names(out, ("compare.html", "compare.json", "compare.csv"), ("figures",))
        sc, sets = _inputs(format, scenario, set_, posterior, prior, runs, seed)
        label, overrides = sets[0][:2]
        start, end = parse_window(window, sc)
        names = listed(policies, "--policies")
        _set_against(sc, names, set_)
        console = Console(stderr=True)
        bar, progress = progress_bar(console, "simulating", runs * max(1, len(names)), sc)
        with bar:
            comp = compare(sc, names, runs=runs, seed=seed, window=(start, end), overrides=overrides,
                           indicators=listed(indicators, "--indicators") if indicators is not None else None,
                           progress=progress, backend=backend, workers=workers, address=address, label=label)
        _reporting(sets, sc)
        written = None
        if out is not None:
            from flashpoint.atomic import staged_folder
            from flashpoint.report.html import write_compare_report

            with staged_folder(out, "compare") as where:            # every output or none
                written = {k: out / p.relative_to(where) for k, p in write_compare_report(comp, where).items()}
        data = comp.to_dict()
        if format == "json":
            typer.echo(json.dumps(data))
            return
        first = comp.first
        table = Table(title=f"{comp.scenario}: {', '.join(comp.policies)}; {runs:,} paired runs under {with_set(label, overrides)}, "
                            f"seed {seed}, {start} .. {end}")
        table.add_column("indicator", overflow="fold")       # per-party names differ at their end: never cut
        for p in comp.policies:
            table.add_column(f"{p}\nmean [5%, 95%]", justify="right")
        for p in comp.policies[1:]:
            table.add_column(f"{p} − {first}\nmean [5%, 95%] P(>0)", justify="right")
        for name, ind in data["indicators"].items():
            under = data["switched_off_under"].get(name, {})
            still = "\n(the same in every run: nothing moves it)" if comp.unmoved_state(name) else ""
            cells = [name + with_unheld(sc, name) + (f"\n({data['switched_off'][name]} switched off: constant)"
                                                     if name in data["switched_off"] else still)
                     + "".join(f"\n({m} switched off under {p}: constant there)" for p, m in under.items())]
            for p in comp.policies:
                s = ind["per_policy"][p]
                cells.append(f"{number(s['mean'])} [{number(s['q05'])}, {number(s['q95'])}]")
            for p in comp.policies[1:]:
                s = ind["vs_first"][p]
                cells.append(f"{number(s['mean_diff'])} [{number(s['q05'])}, {number(s['q95'])}] {probability(s['p_positive'])}")
            table.add_row(*cells)
        Console().print(table)
        for pol, said in comp.notes.items():         # what `run` notes of each policy's runs
            for note in said:
                typer.echo(f"note: under {pol}: {note}", err=True)
        for pol, ids in _after_the_window(sc, comp.policies, end).items():
            typer.echo(f"note: {pol} differs from {first} only by entries dated after the window's end ({end}): "
                       f"{', '.join(ids)}; its runs are {first}'s until then, so its differences here are 0 by "
                       "construction", err=True)
        if len(comp.policies) == 1:      # a held-out case's compare of one policy ran, with nothing compared
            other = next((p for p in sc.policies if p != comp.first), "OTHER")
            Console().print(f"note: one policy, so no paired difference: name two or more, the first the reference "
                            f"(--policies {comp.first},{other})", highlight=False)
        if written:
            Console().print(f"wrote {', '.join(str(p) for p in written.values())}")

    @app.command("claims")
    def claims_cmd(
        scenario: ScenarioOption = "iraq-2020",
        runs: int = typer.Option(2000, "--runs", min=1, help="paired runs per policy for the probabilities"),
        seed: int = typer.Option(0, "--seed", min=0, help="random seed"),
        samples: int = typer.Option(4096, "--samples", min=0,
                                    help="parameter points of the sensitivity analysis (one run per policy each); "
                                         "0 skips it; otherwise at least 80"),
        claim: Optional[List[str]] = typer.Option(None, "--claim", help="only these claims (repeatable or comma list)"),
        audit: bool = typer.Option(True, "--audit/--no-audit",
                                   help="audit whether the model's structure alone decides each claim; its runs "
                                        "do not shrink with --runs: per compared policy, (parameters + 1 + switches) "
                                        "x trajectories x replicates, 400 per mechanism switch and requires link, and "
                                        "1,800 per claim to confirm: tens of thousands for 20 parameters (the "
                                        "progress line gives the total; --no-audit skips it)"),
        trajectories: Optional[int] = typer.Option(None, "--trajectories", min=1, max=1000,
                                                   help="Morris trajectories of the audit (default 4; a Morris "
                                                        "screen uses 4-50)"),
        replicates: Optional[int] = typer.Option(None, "--replicates", min=2,
                                                 help="runs per audit point (expected differences; default 20; at "
                                                      "least 2: a point's standard error, which judges whether it is "
                                                      "clearly on one side, needs two)"),
        format: FormatOption = "table",
        out: OutOption = None,
        set_: SetOption = None,
        posterior: PosteriorOption = None,
        prior: PriorOption = False,
        backend: BackendOption = "local",
        workers: WorkersOption = None,
        address: AddressOption = None,
    ) -> None:
        """Test the scenario's claims (the analyses' arguments, written as data): probability, verdict, robustness,
        deciding parameters.

        By default the verdicts are under the posterior a built-in scenario ships, with those at the
        hand-set defaults beside them (--prior: the defaults only)."""
        from rich.table import Table
        from rich.text import Text

        from flashpoint.analysis.claims import NO_PAIR_CAUSES, NOT_AUDITED, claims, interval_words

        given = [name for name, value in (("--trajectories", trajectories), ("--replicates", replicates))
                 if value is not None]
        if given and not audit:
            raise FlashpointError(f"{' and '.join(given)} size{'s' if len(given) == 1 else ''} the structure audit, "
                                  f"which --no-audit skips: leave {'it' if len(given) == 1 else 'them'} out, or drop "
                                  "--no-audit")
        out = out_dir(out)
        free_names(out, ("claims.html", "claims.json", "claims.csv", "sensitivity.csv"), ("figures",))
        sc, sets = _inputs(format, scenario, set_, posterior, prior, runs, seed)
        (label, overrides), also = sets[0][:2], dict(sets[1:])
        ids = [i for item in (claim or []) for i in listed(item, "--claim")] or None
        _set_against(sc, [p for c in sc.claims if ids is None or c.id in ids for p in (c.policy, c.baseline)], set_)
        console = Console(stderr=True)
        bar, progress = progress_bar(console, "claims", (runs + samples) * 5 + (10**5 if audit else 0),  # claims counts
                                  sc, bound=audit)                                                   # it all
        with bar:
            report = claims(sc, runs=runs, seed=seed, samples=samples, ids=ids, overrides=overrides,
                            progress=progress, backend=backend, workers=workers, address=address,
                            audit=audit, trajectories=trajectories, replicates=replicates, label=label, also=also)
        _reporting(sets, sc)
        written = None
        if out is not None:
            from flashpoint.atomic import staged_folder
            from flashpoint.report.html import write_claims_report

            with staged_folder(out, "claims") as where:            # every output or none
                written = {k: out / p.relative_to(where) for k, p in write_claims_report(report, where).items()}
        data = report.to_dict()
        if format == "json":
            typer.echo(json.dumps(data))
            return
        from flashpoint.analysis.audit import points_words
        from flashpoint.scenario.presence import with_unheld

        table = Table(title=f"{report.scenario}: claims, {runs:,} paired runs per policy, seed {seed}"
                            + (f", {samples:,} parameter points" if samples else ""))
        table.add_column("claim")
        table.add_column("comparison")
        for name in report.labels:
            table.add_column(f"under {with_set(name, report.overrides)}\nP [95%]: verdict\nmean difference",
                             justify="right")
        extra = ["thresholds"] + (["sign range"] if audit else []) + (["robustness", "deciding parameters"]
                                                                       if samples else [])
        for col in extra:
            table.add_column(col, justify="right" if col in ("robustness", "sign range") else "left")
        colors = {"supported": "green", "not supported": "red", "undecided": "yellow",
                  "decided by the model's structure": "magenta"}
        for c in data["claims"]:
            hand_set = set(c.get("deciding_not_fitted", ()))      # under a posterior: the ones it does not fit
            deciding = "\n".join(f"{n} {v:.2f}{' *' if n in hand_set else ''}"
                                  for n, v in c["deciding_parameters"][:3]) or "-"
            if c["deciding_structure"]:      # the structure first, the parameters after it (a held-out tester)
                deciding = (f"{c['deciding_structure']}, then:\n{deciding}" if c["deciding_parameters"]
                            else c["deciding_structure"])
            verdicts = []
            # in the verdict's cell, where it is read (a held-out case read "supported, P = 1.000" as its headline,
            # the note under the table that it held only at the copied values unread); the mean difference too (a
            # held-out student's "not lower by more than 100" was supported where the attacks fell by 44)
            for name in report.labels:
                v = c["under"][name]
                lo, hi = v["probability_interval"]
                verdicts.append(Text.assemble(f"{v['probability']:.3f} {interval_words(lo, hi)}\n",
                                              styled(v["verdict_words"], colors[v["verdict"]]),
                                              _ties(v), f"\n{signed(v['mean_difference'])}",
                                              f"\n({v['caveat']})" if v["caveat"] else ""))
            cells = {"thresholds": f">= {c['thresholds']['supported_at']:g} / <= {c['thresholds']['not_supported_at']:g}",
                     "sign range": "-" if c["sign_range"] is None
                     else f"{signed(c['sign_range'][0])} .. {signed(c['sign_range'][1])}\npoints: "
                          + points_words(c["audit"]),
                     "robustness": "-" if c["robustness"] is None else f"{c['robustness']:.2f}\nover "
                                   f"{c['sensitivity']['space']['sampled']} of {c['sensitivity']['space']['ranged']}",
                     "deciding parameters": deciding}
            table.add_row(
                c["id"], f"{c['indicator']}{with_unheld(sc, c['indicator'])} {c['window'][0]}..{c['window'][1]}\n"
                         f"{c['comparison']}", *verdicts,
                *(cells[col] for col in extra))
        Console().print(table)
        idle = [c["id"] for c in data["claims"] if c["share_tied"] == 1]
        if idle:
            so = {c["id"]: "holds in every pair (a tie holds a not_lower or not_higher claim)"
                         if c["direction"] in ("not_lower", "not_higher") else "cannot hold"
                         for c in data["claims"]}
            Console().print(f"note: {', '.join(f'{i} (so the claim {so[i]})' for i in idle)}: both policies "
                            "give the same total in every pair (a state's: its mean over the window): nothing in "
                            f"these runs links the policy to the indicator in the window ({NO_PAIR_CAUSES})")
        if any(v["ties"] for c in data["claims"] for v in c["under"].values()
               if v["share_tied"] < 1):
            Console().print("note: N% tied: the pairs where both policies give the same total (a state's: mean) over "
                            "the window; a tie "
                            "holds a not_lower or not_higher claim and fails the others, so a high share means the "
                            "verdict rests in part on pairs where the policy changed nothing", highlight=False)
        if any(n in c.get("deciding_not_fitted", ()) for c in data["claims"] for n, _ in c["deciding_parameters"][:3]):
            Console().print("note: * a deciding parameter the posterior does not fit: a hand-set value, not the record, "
                            "decides that part of the verdict (deciding_not_fitted in the JSON)")
        for c in data["claims"]:
            if c["not_varied"]:
                Console().print(f"note: {c['id']} names {', '.join(c['not_varied'])} among its parameters, which its "
                                "sample does not vary (both its policies set them, or --set fixes them): they cannot "
                                "decide it here", highlight=False)
        for c in data["claims"]:      # a verdict the parameters' values decide, said beside it
            if c["held_at_these_values"]:
                Console().print(f"note: {c['id']}'s verdict holds at these parameter values, not over their declared "
                                f"ranges: {c['audit']['reason']}", highlight=False)
        for c in data["claims"]:     # the claim's own notes, in its JSON too, which the page shows beside it
            for said in c["notes"]:
                Console().print(f"note: {c['id']}: {said}", highlight=False)
        for c in data["claims"]:
            if c["margin_out_of_reach"] is not None:
                Console().print(f"note: {c['id']}'s margin ({c['margin']:g}) is at or above every run's total under "
                                f"both its policies (at most {c['margin_out_of_reach']:g}): no difference can reach "
                                "it, so the verdict follows from the margin alone (a not_lower or not_higher claim "
                                "holds in every pair, a lower or higher one in none); the margin is in the runs' "
                                "unit over the window", highlight=False)
        for c in data["claims"]:
            if (seen := c["record_in_window"]) is not None:
                Console().print(f"note: {c['id']}: {seen['text']}", highlight=False)
        for c in data["claims"]:
            if c["sensitivity"] is not None and "surface_note" in c["sensitivity"]:
                Console().print(f"note: {c['id']}'s robustness: {c['sensitivity']['surface_note']}", highlight=False)
        blank = [c["id"] for c in data["claims"] if c["sensitivity"] is not None and not c["deciding_parameters"]
                 and "surface_note" not in c["sensitivity"]]
        if blank:            # (a held-out case's "-" in every row at --samples 80, unexplained)
            from flashpoint.analysis.sensitivity import DECIDING_MIN

            Console().print(f"note: {', '.join(blank)}: no deciding parameter: none's first-order index is clear of "
                            f"its own estimation noise (at least {DECIDING_MIN} of the variance and above its 95% "
                            f"half-width) at {data['samples']} sampled points; more (--samples) may single one out, or "
                            "the claim's variance is the runs' own randomness and the parameters' interactions",
                            highlight=False)
        if any(c["sensitivity"] is not None for c in data["claims"]):
            from flashpoint.analysis.sensitivity import SAMPLED

            Console().print(f"note: robustness is the share of the sampled parameters' space where a claim would be "
                            f"supported: {SAMPLED} (\"over N of M\": the parameters sampled for it, of the "
                            "scenario's ranged ones)", highlight=False)
        if not report.audited:
            Console().print(f"note: the structure audit did not run (--no-audit): {NOT_AUDITED}")
        from flashpoint.scenario.parameters import borrowed_fits

        if (borrowed := borrowed_fits(sc, scenario)) is not None:     # (a held-out analyst's decapitation claim was
            Console().print(f"note: {borrowed}; a verdict at these values rests on that case's numbers, not on "
                            "this one's record", highlight=False)      # decided by a built-in's fitted values, unsaid)
        if "audit_note" in data:
            Console().print(f"note: {data['audit_note']}", highlight=False)
        if "interval_note" in data:
            Console().print(f"note: {data['interval_note']}")
        if written:
            Console().print(f"wrote {', '.join(str(p) for p in written.values())}")
