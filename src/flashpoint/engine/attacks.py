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
from functools import cached_property

import numpy as np

from flashpoint.engine import draws
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

    @classmethod
    def none(cls) -> "Attacks":
        empty = np.zeros(0, dtype=np.int64)
        return cls(empty, empty, np.zeros((0, len(MODES)), dtype=np.int64), empty, empty)

    def add(self, run, source, mode: int, killed, wounded) -> "Attacks":
        """These attacks plus ``len(run)`` more by ``source`` in ``mode``, still one row per (run, source)."""
        by_mode = np.zeros((len(run), len(MODES)), dtype=np.int64)
        by_mode[:, mode] = 1
        keys = np.stack([np.r_[self.run, run], np.r_[self.source, np.full(len(run), source)]], axis=1)
        pairs, row = np.unique(keys, axis=0, return_inverse=True)
        merged = np.zeros((len(pairs), len(MODES) + 2), dtype=np.int64)
        np.add.at(merged, row.ravel(), np.c_[np.r_[self.by_mode, by_mode], np.r_[self.killed, killed],
                                             np.r_[self.wounded, wounded]])
        return Attacks(pairs[:, 0], pairs[:, 1], merged[:, :-2], merged[:, -2], merged[:, -1])

    @cached_property
    def count(self) -> np.ndarray:
        """(k,) attacks of each row, all modes."""
        return self.by_mode.sum(axis=1)

    def per_source(self, runs: int, sources: int) -> np.ndarray:
        """(runs, sources) attacks."""
        out = np.zeros((runs, sources), dtype=np.int64)
        out[self.run, self.source] = self.count
        return out

    def killed_per_run(self, runs: int) -> np.ndarray:
        """(runs, 1) foreign personnel killed."""
        return np.bincount(self.run, weights=self.killed, minlength=runs)[:, None]


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
    counts = draws.poisson(lam, rng)
    hit = np.flatnonzero(counts)
    run, source = np.divmod(hit, counts.shape[1])
    n = counts.flat[hit]
    share = p["attacks.mode_share"]
    proxy_modes = draws.categorical_counts(n, share[run] if len(share) > 1 else share, rng)
    per_attack = np.stack([_rows(p["attacks.killed_per_attack"], run), _rows(p["attacks.wounded_per_attack"], run)])
    protect = 1.0 - _rows(p["response.force_protection"], run)[:, 0]
    killed, wounded = rng.poisson(np.einsum("km,ckm->ck", proxy_modes, per_attack) * protect)
    by_mode = np.zeros((len(n), len(MODES)), dtype=np.int64)
    by_mode[:, : proxy_modes.shape[1]] = proxy_modes
    today = Attacks(run, source, by_mode, killed, wounded)
    for se, mask in forced:
        hit = np.flatnonzero(mask[:, 0])
        today = today.add(hit, se.source_index, MODES.index(se.entry.mode),
                          np.full(len(hit), se.entry.killed), np.full(len(hit), se.entry.wounded))
    return today
