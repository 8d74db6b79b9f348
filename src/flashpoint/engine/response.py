"""The foreign power's decision rule: strike the faction whose attacks caused casualties.

Each day, for each faction, a strike wave follows with probability
1 - (1 - q_lethal)^[killed yesterday] (1 - q_wounded)^[wounded, none killed] (1 - q_attack)^(attacks without casualties),
``strikes_per_response`` waves at a time. Each wave kills host soldiers, police or civilians ~ Poisson(host_killed_per_strike).
Policies (restraint, tit-for-tat, ...) set these parameters. Draws are made only where a faction attacked.
"""
from __future__ import annotations

import numpy as np

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


def strikes(last_attacks: np.ndarray, last_killed: np.ndarray, last_wounded: np.ndarray, p: dict,
            rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Strike waves per faction (runs, proxies) and host killed (runs, 1), from yesterday's attacks."""
    waves = np.zeros(last_attacks.shape, dtype=np.int64)
    host_killed = np.zeros((last_attacks.shape[0], 1), dtype=np.int64)
    run, proxy = np.nonzero(last_attacks)
    if len(run) == 0:
        return waves, host_killed
    killed, wounded = last_killed[run, proxy], last_wounded[run, proxy]
    lethal = killed > 0
    wounding = (wounded > 0) & ~lethal
    quiet = np.where(lethal | wounding, 0, last_attacks[run, proxy])
    spared = ((1 - _at(p["response.strike_prob_after_lethal"], run)) ** lethal
              * (1 - _at(p["response.strike_prob_after_wounding"], run)) ** wounding
              * (1 - _at(p["response.strike_prob_per_attack"], run)) ** quiet)
    hit = rng.random(len(run)) >= spared
    waves[run[hit], proxy[hit]] = np.rint(_at(p["response.strikes_per_response"], run[hit])).astype(np.int64)
    per_run = waves.sum(axis=1)
    struck = np.flatnonzero(per_run)
    host_killed[struck, 0] = rng.poisson(per_run[struck] * _at(p["response.host_killed_per_strike"], struck))
    return waves, host_killed
