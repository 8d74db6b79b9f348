"""The foreign power's decision rule: strike the faction whose attacks caused casualties.

Each day, for each faction, a strike wave follows with probability
1 - (1 - q_lethal)^[killed yesterday] (1 - q_wounded)^[wounded, none killed] (1 - q_attack)^(attacks without casualties),
``strikes_per_response`` waves at a time. Each wave kills host soldiers, police or civilians ~ Poisson(host_killed_per_strike).
Policies (restraint, tit-for-tat, ...) set these parameters.
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


def strikes(last_attacks: np.ndarray, last_killed: np.ndarray, last_wounded: np.ndarray, p: dict,
            rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Strike waves per faction (runs, proxies) and host killed (runs, 1), from yesterday's attacks."""
    lethal = last_killed > 0
    wounding = (last_wounded > 0) & ~lethal
    quiet_attacks = np.where(lethal | wounding, 0, last_attacks)
    spared = ((1 - p["response.strike_prob_after_lethal"]) ** lethal
              * (1 - p["response.strike_prob_after_wounding"]) ** wounding
              * (1 - p["response.strike_prob_per_attack"]) ** quiet_attacks)
    waves = (rng.random(last_attacks.shape) >= spared) * np.rint(p["response.strikes_per_response"]).astype(np.int64)
    host_killed = rng.poisson(waves.sum(axis=1, keepdims=True) * p["response.host_killed_per_strike"])
    return waves, host_killed
