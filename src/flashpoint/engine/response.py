"""The foreign power's decision rule: strike the faction whose attacks caused casualties.

Each day, for each faction, a strike wave follows with probability
1 - (1 - q_lethal)^[killed yesterday] (1 - q_wounded)^[wounded, none killed] (1 - q_attack)^(attacks without casualties),
``strikes_per_response`` waves at a time. Each wave kills host soldiers, police or civilians ~ Poisson(host_killed_per_strike).
Policies (restraint, tit-for-tat, ...) set these parameters. Draws are made only where a faction attacked.
"""
from __future__ import annotations

import numpy as np

from flashpoint.engine.attacks import Attacks

PARAMETERS = {
    "strike_prob_after_lethal": "scalar",
    "strike_prob_after_wounding": "scalar",
    "strike_prob_per_attack": "scalar",
    "strikes_per_response": "scalar",
    "host_killed_per_strike": "scalar",
    "force_protection": "scalar",
}


def _at(param: np.ndarray, run: np.ndarray) -> np.ndarray:
    return param[run, 0] if param.shape[0] > 1 else np.full(len(run), param[0, 0])


def strikes(yesterday: Attacks, runs: int, proxies: int, p: dict,
            rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Strike waves per faction (runs, proxies) and host killed (runs, 1), from yesterday's attacks."""
    waves = np.zeros((runs, proxies), dtype=np.int64)
    host_killed = np.zeros((runs, 1), dtype=np.int64)
    by_proxy = np.flatnonzero(yesterday.source < proxies)
    if len(by_proxy) == 0:
        return waves, host_killed
    run, proxy = yesterday.run[by_proxy], yesterday.source[by_proxy]
    lethal = yesterday.killed[by_proxy] > 0
    wounding = (yesterday.wounded[by_proxy] > 0) & ~lethal
    quiet = np.where(lethal | wounding, 0, yesterday.count[by_proxy])
    spared = ((1 - _at(p["response.strike_prob_after_lethal"], run)) ** lethal
              * (1 - _at(p["response.strike_prob_after_wounding"], run)) ** wounding
              * (1 - _at(p["response.strike_prob_per_attack"], run)) ** quiet)
    hit = rng.random(len(run)) >= spared
    run = run[hit]
    n_waves = np.rint(_at(p["response.strikes_per_response"], run)).astype(np.int64)
    waves[run, proxy[hit]] = n_waves
    per_run = np.bincount(run, weights=n_waves, minlength=runs)
    struck = np.flatnonzero(per_run)
    host_killed[struck, 0] = rng.poisson(per_run[struck] * _at(p["response.host_killed_per_strike"], struck))
    return waves, host_killed
