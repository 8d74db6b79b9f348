"""Synthetic records drawn from the model and the observation model, for parameter recovery.

``synthetic(obs, truth, seed)`` simulates one run of the scenario at the parameter values ``truth``
(model and observation parameters) and replaces every value of ``obs`` by what the observation
model would report of that run: the weekly list (negative binomial around the listed share), each
tally (a count drawn from its grade's negative binomial, with the real tally's window, grade and hedge:
"at least" the drawn count where the source gave a lower bound; weighed by the rule as what it says),
each series (log-normal around the run's value). The result has the shape of the real record, so a
calibration on it can be compared with the truth.
"""
from __future__ import annotations

import copy

import numpy as np

from flashpoint import records
from flashpoint.calibration import likelihood, observations
from flashpoint.calibration.observations import Observations


def synthetic(obs: Observations, scenario, truth: dict[str, float], seed: int, policy: str = "historical"
              ) -> Observations:
    import flashpoint
    from flashpoint.calibration.problem import truncated

    # one value per run (runs=1), as a posterior's draws are: a truth may hold a parameter that acts only
    # through entries after the cut (politics.swing_mean, through the election), which a single value is
    # refused for (it would change nothing) and a draw is not
    model = {k: np.array([float(v)]) for k, v in truth.items() if not k.startswith("observation.")}
    nuisance = {k: np.array([float(v)]) for k, v in truth.items() if k.startswith("observation.")}
    ens = flashpoint.simulate(truncated(scenario, obs.until), policy=policy, runs=1, seed=seed, overrides=model)
    feat = likelihood.features(ens, obs, troops=model)
    rng = np.random.default_rng(seed + 1)
    out = copy.copy(obs)
    p = likelihood.listing(obs, nuisance, 1)[0]
    size = float(nuisance.get("observation.list_dispersion", np.array([5.0]))[0])
    mean = p[None, :] * feat.weekly[0] + likelihood.EPS_WEEK
    out.listed = rng.negative_binomial(size, size / (size + mean)).astype(np.int64)
    tallies = obs.tallies.copy()
    values = []
    for k, r in enumerate(obs.tallies.itertuples(index=False)):
        share = float(likelihood.tally_share(r.reliability, nuisance, 1)[0])
        size_k = likelihood.TALLY_SIZE.get(r.reliability, likelihood.TALLY_SIZE["C"])
        m = share * feat.tallies[0, k] + likelihood.EPS_TALLY
        values.append(int(rng.negative_binomial(size_k, size_k / (size_k + m))))
    # each with the real tally's hedge ("at least" the drawn count where the source gave a bound), and weighed by
    # the rule as what it now says (a held-out review: with exact counts and the real weights, recovery did not
    # exercise the rule's ranking of counts over bounds)
    texts = [("" if r.hedge == "=" else r.hedge) + str(v) for r, v in zip(obs.tallies.itertuples(index=False), values)]
    bounds = [records.hedge_bounds(t) for t in texts]
    tallies["count"] = texts
    tallies["low"] = [b[0] for b in bounds]
    tallies["high"] = [b[1] for b in bounds]
    tallies["hedge"] = [b[2] for b in bounds]
    tallies["weight"] = observations._tally_weights(tallies)
    out.tallies = tallies
    series = obs.series.copy()
    if len(series):
        sd = np.array([likelihood.SERIES_SD.get(g, likelihood.SERIES_SD["C"]) for g in series["reliability"]])
        series["value"] = np.exp(np.log(np.maximum(feat.series[0], 1e-9)) + sd * rng.standard_normal(len(series)))
        series["hedge"] = "="
    out.series = series
    out.left_out = list(obs.left_out) + [{"row": "all", "reason": f"synthetic record (seed {seed})"}]
    return out


def truth_from(post, names: list[str]) -> dict[str, float]:
    """A realistic truth: the posterior medians of a fit to the real record."""
    table = post.summary()
    return {n: float(table.loc[n, "q50"]) for n in names}

