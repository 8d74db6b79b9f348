"""``calibrate``: the posterior of a scenario's calibratable parameters given its record.

The record up to ``until`` (``observations``) enters through the observation model
(``likelihood``); the sampler is adaptive-tempering SMC (``smc``) over the declared ranges
(uniform priors), on the model and the observation model's parameters together. The result is
written as a posterior file (``posterior``) with the sampler's stages, the observations used and
left out, and the fit of the record's tallies under posterior draws.
"""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from flashpoint.calibration import smc
from flashpoint.calibration.posterior import Posterior, record_digest, save_posterior, scenario_digest
from flashpoint.calibration.problem import Problem, build, note_out_of_reach, note_unlisted
from flashpoint.engine import whole_number
from flashpoint.ensemble import run_quantiles
from flashpoint.errors import FlashpointError, need_extra


@dataclass
class Settings:
    scenario: str = "iraq-2020"
    until: str | None = None            # default: the scenario's end
    policy: str = "historical"
    parameters: list[str] | None = None  # default: every parameter marked calibratable
    particles: int = 1000
    replicates: int = 16
    seed: int = 0
    max_minutes: float = 14.0
    ess_fraction: float = 0.5
    max_moves: int = 6                   # alternating t-independence and random-walk moves (smc.move)
    check_runs: int = 1000               # 0: no posterior-predictive check of the tallies (benchmarks/recovery.py)

    def __post_init__(self):
        """Each setting checked, named as Python names it (a held-out Python user's particles="20" and
        replicates=2.5 failed deep in the fit, max_minutes="1" after it had started), as ``EvalSettings`` does."""
        for name, least in (("particles", 20), ("replicates", 2), ("seed", 0), ("max_moves", 0), ("check_runs", 0)):
            value = getattr(self, name)
            if not whole_number(value, least):
                raise FlashpointError(f"{name} must be an integer >= {least}, got {value!r}"
                                      + (" (the observation model needs a variance)" if name == "replicates" else ""))
        for name, high in (("max_minutes", np.inf), ("ess_fraction", 1.0)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) or not 0 < value <= high:
                within = "above 0" if high == np.inf else f"above 0 and at most {high:g}"
                raise FlashpointError(f"{name} must be a number {within}, got {value!r}")


def _ceiling_note(ens) -> None:
    """A note when runs under the posterior's draws sit at the capacity ceiling (a held-out case's fit landed where
    two thirds of its runs did, which only a later `forecast` said): the fit chose a regime the ceiling sets."""
    import warnings

    from flashpoint.engine.attacks import ceiling_note
    from flashpoint.errors import FlashpointNote

    if (note := ceiling_note({"": ens.at_ceiling()}, ens.ceiling_cap())) is not None:
        warnings.warn(f"under the fit's draws {note}: the fit rests on such runs", FlashpointNote, stacklevel=3)


def tally_fit(problem: Problem, draws: dict, runs: int, seed: int) -> list[dict]:
    """Each tally of the record beside its 5-95 % band under posterior draws (simulated attacks, and
    what a source of the tally's grade would report: the observation model)."""
    import flashpoint
    from flashpoint.calibration import likelihood

    overrides = {n: v for n, v in draws.items() if n in problem.model_names}
    ens = flashpoint.simulate(problem.scenario, policy=problem.policy, runs=runs, seed=seed, overrides=overrides)
    _ceiling_note(ens)
    feat = likelihood.features(ens, problem.obs, troops=overrides)
    rng = np.random.default_rng(seed)
    out = []
    for k, r in enumerate(problem.obs.tallies.itertuples(index=False)):
        x = feat.tallies[:, k]
        share = likelihood.tally_share(r.reliability, draws, runs)
        size = likelihood.TALLY_SIZE.get(r.reliability, likelihood.TALLY_SIZE["C"])
        mean = share * x + likelihood.EPS_TALLY
        reported = rng.negative_binomial(size, size / (size + mean))
        q05, q95 = run_quantiles(reported, (0.05, 0.95), counts=True)
        low = -np.inf if np.isnan(r.low) else r.low
        high = np.inf if np.isnan(r.high) else r.high
        out.append({"indicator": r.indicator, "start": str(r.start.date()), "end": str(r.end.date()),
                    "count": r.count, "hedge": r.hedge, "reliability": r.reliability, "weight": round(float(r.weight), 3),
                    "simulated_q50": float(np.median(x)), "q05": float(q05), "q95": float(q95),
                    "inside": bool(q05 <= high and q95 >= low)})
    return out


def calibrate(settings: Settings, out: Path | None = None, *, scenario=None,
              progress: Callable[[dict], None] | None = None, obs=None) -> Posterior:
    """Run the calibration; write the posterior to ``out`` when given. ``scenario`` (a Scenario) is the
    scenario ``settings.scenario`` names, already loaded (or a variant, in tests); ``obs`` replaces
    its record (a synthetic record)."""
    from flashpoint.scenario.loader import load_scenario

    if out is not None:      # the posterior file's writer: missing, said now, not after the fit
        need_extra("pyarrow", "writing the posterior", extra="calibrate")
    sc = scenario if scenario is not None else load_scenario(settings.scenario)
    problem = build(sc, until=settings.until, parameters=settings.parameters, replicates=settings.replicates,
                    policy=settings.policy, obs=obs)
    started = time.perf_counter()
    result = smc.sample(problem.loglik, problem.dim, settings.particles, settings.seed,
                        ess_fraction=settings.ess_fraction, max_moves=settings.max_moves,
                        max_seconds=settings.max_minutes * 60, progress=progress)
    note_unlisted(problem)
    note_out_of_reach(problem)
    theta = problem.values(smc.to_unit(result.z))
    samples = pd.DataFrame(theta, columns=problem.names)
    samples["weight"] = result.weights
    seconds = time.perf_counter() - started
    meta = {
        "scenario": {"name": sc.name, "digest": scenario_digest(settings.scenario) if sc.name == settings.scenario
                     or str(settings.scenario).endswith((".yaml", ".yml")) else ""},
        "record": sc.record.dataset if sc.record else None,
        "record_digest": record_digest(sc),
        "until": str(problem.obs.until.date()),
        "method": "adaptive-tempering SMC on the simulated composite likelihood of the observation model",
        "parameters": {n: {"low": float(lo), "high": float(hi), "default": problem.defaults.get(n),
                           "kind": "model" if n in problem.model_names else "observation"}
                       for n, lo, hi in zip(problem.names, problem.lows, problem.highs)},
        "stages": [asdict(s) for s in result.stages],
        "evaluations": result.evaluations,
        "simulations": result.evaluations * settings.particles * settings.replicates,
        "seconds": round(seconds, 1),
        "stopped": result.stopped,
        "ess": result.ess,
        "distinct_particles": result.unique(),
        "observations": problem.obs.summary(),
        "settings": asdict(settings),
    }
    post = Posterior(samples=samples, meta=meta)
    if settings.check_runs:
        meta["fit"] = tally_fit(problem, post.sample(settings.check_runs, settings.seed + 1), settings.check_runs,
                                settings.seed + 2)
    if out is not None:
        save_posterior(out, samples, meta)
    return post
