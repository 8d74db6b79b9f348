"""The proxies' base attack process: a Poisson rate per faction, split by mode, with casualties.

rate[r, p] = min(max_daily_rate, capability * (base_rate[p] * (1 + grievance) * (1 - deterrence * (1 - zeal))
                                             * order_factor * presence ** exposure + excitation))
attacks[r, p, m] ~ Poisson(rate * mode_share[m]); killed, wounded ~ Poisson(attacks . per_attack * (1 - force_protection))
Scheduled attacks (the K-1 and Taji barrages) are added with their recorded casualties.
"""
from __future__ import annotations

import numpy as np

PARAMETERS = {
    "base_rate": "proxy",
    "mode_share": "mode",
    "killed_per_attack": "mode",
    "wounded_per_attack": "mode",
    "exposure": "scalar",
    "max_daily_rate": "scalar",
}


def rate(state: dict, p: dict, order_factor: np.ndarray) -> np.ndarray:
    """Expected attacks per day, (runs, proxies)."""
    presence = state["us_presence"] + state["ally_presence"]
    deterred = 1.0 - state["deterrence"] * (1.0 - p["proxy.zeal"])
    lam = state["capability"] * (p["attacks.base_rate"] * (1.0 + state["grievance"]) * deterred
                                 * order_factor * presence ** p["attacks.exposure"] + state["excitation"])
    return np.clip(lam, 0.0, p["attacks.max_daily_rate"])


def sample(lam: np.ndarray, p: dict, force_protection: np.ndarray, rng: np.random.Generator,
           forced: list, n_modes: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Attacks (runs, sources, modes) and foreign killed and wounded (runs, sources).

    ``sources`` are the proxies and, last, the patron (whose direct strikes escalation adds).
    """
    runs, n_proxies = lam.shape
    share = p["attacks.mode_share"] / p["attacks.mode_share"].sum(axis=1, keepdims=True)
    proxy_attacks = rng.poisson(lam[:, :, None] * share[:, None, :])
    protect = 1.0 - force_protection
    killed = rng.poisson((proxy_attacks * p["attacks.killed_per_attack"][:, None, :]).sum(-1) * protect)
    wounded = rng.poisson((proxy_attacks * p["attacks.wounded_per_attack"][:, None, :]).sum(-1) * protect)
    attacks = np.zeros((runs, n_proxies + 1, n_modes), dtype=np.int64)
    attacks[:, :n_proxies, : proxy_attacks.shape[2]] = proxy_attacks
    killed = np.concatenate([killed, np.zeros((runs, 1), dtype=killed.dtype)], axis=1)
    wounded = np.concatenate([wounded, np.zeros((runs, 1), dtype=wounded.dtype)], axis=1)
    for se, mask in forced:
        from flashpoint.engine.requirements import MODES

        m = mask[:, 0].astype(np.int64)
        attacks[:, se.source_index, MODES.index(se.entry.mode)] += m
        killed[:, se.source_index] += m * se.entry.killed
        wounded[:, se.source_index] += m * se.entry.wounded
    return attacks, killed, wounded
