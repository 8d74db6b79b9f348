"""The proxies' base attack process: a Poisson rate per faction, split by mode, with casualties.

rate[r, p] = min(max_daily_rate, capability * (base_rate[p] (1 + grievance) (1 - deterrence (1 - zeal))
                                               * order_factor * presence ** exposure + excitation))
attacks[r, p] ~ Poisson(rate); modes ~ Multinomial(attacks, mode_share);
killed, wounded ~ Poisson(sum over modes of attacks * per_attack * (1 - force_protection)).
Scheduled attacks (the K-1 and Taji barrages) are added with their recorded casualties.

Attacks are rare, so draws after the first are made only where a faction attacked: the
result is a sparse list of (run, source, attacks by mode, killed, wounded).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from flashpoint.engine.requirements import MODES

PARAMETERS = {
    "base_rate": "proxy",
    "mode_share": "mode",
    "killed_per_attack": "mode",
    "wounded_per_attack": "mode",
    "exposure": "scalar",
    "max_daily_rate": "scalar",
}


@dataclass
class Attacks:
    """Today's attacks on foreign forces, one row per (run, source) that attacked."""

    run: np.ndarray         # (k,)
    source: np.ndarray      # (k,) index into World.sources (proxies, then the patron)
    by_mode: np.ndarray     # (k, len(MODES))
    killed: np.ndarray      # (k,)
    wounded: np.ndarray     # (k,)

    def add(self, run, source, mode: int, killed, wounded) -> "Attacks":
        by_mode = np.zeros((len(run), len(MODES)), dtype=np.int64)
        by_mode[:, mode] = 1
        return Attacks(np.r_[self.run, run], np.r_[self.source, np.full(len(run), source)],
                       np.r_[self.by_mode, by_mode], np.r_[self.killed, killed], np.r_[self.wounded, wounded])

    def per_source(self, field: str, runs: int, sources: int) -> np.ndarray:
        """(runs, sources) totals of 'attacks', 'killed' or 'wounded'."""
        values = self.by_mode.sum(axis=1) if field == "attacks" else getattr(self, field)
        out = np.zeros((runs, sources), dtype=np.int64)
        np.add.at(out, (self.run, self.source), values)
        return out


def rate(state: dict, p: dict, order_factor) -> np.ndarray:
    """Expected attacks per day, (runs, proxies)."""
    presence = state["us_presence"] + state["ally_presence"]
    deterred = 1.0 - state["deterrence"] * (1.0 - p["proxy.zeal"])
    lam = state["capability"] * (p["attacks.base_rate"] * (1.0 + state["grievance"]) * deterred
                                 * order_factor * presence ** p["attacks.exposure"] + state["excitation"])
    return np.clip(lam, 0.0, p["attacks.max_daily_rate"])


def _rows(param: np.ndarray, run: np.ndarray) -> np.ndarray:
    return param[run] if param.shape[0] > 1 else np.broadcast_to(param[0], (len(run),) + param.shape[1:])


def sample(lam: np.ndarray, p: dict, rng: np.random.Generator, forced: list) -> Attacks:
    counts = rng.poisson(lam)
    run, source = np.nonzero(counts)
    n = counts[run, source]
    share = p["attacks.mode_share"] / p["attacks.mode_share"].sum(axis=1, keepdims=True)
    proxy_modes = rng.multinomial(n, _rows(share, run)) if len(n) else np.zeros((0, share.shape[1]), np.int64)
    protect = 1.0 - _rows(p["response.force_protection"], run)[:, 0]
    killed = rng.poisson((proxy_modes * _rows(p["attacks.killed_per_attack"], run)).sum(axis=1) * protect)
    wounded = rng.poisson((proxy_modes * _rows(p["attacks.wounded_per_attack"], run)).sum(axis=1) * protect)
    by_mode = np.zeros((len(n), len(MODES)), dtype=np.int64)
    by_mode[:, : proxy_modes.shape[1]] = proxy_modes
    today = Attacks(run, source, by_mode, killed, wounded)
    for se, mask in forced:
        hit = np.flatnonzero(mask[:, 0])
        today = today.add(hit, se.source_index, MODES.index(se.entry.mode),
                          np.full(len(hit), se.entry.killed), np.full(len(hit), se.entry.wounded))
    return today
