"""Scores of count forecasts given as probability mass functions on 0..K.

Every forecast in ``evaluate`` (the model's and the baselines') is a pmf over the counts 0..K, so one
set of formulas scores them all:

- CRPS (Gneiting & Raftery 2007), computed by ``scoringrules`` as the CRPS of the pmf's support
  weighted by the pmf (exact for a discrete forecast; its closed forms for the Poisson and negative
  binomial agree, see the tests);
- log score: -log p(y); only a forecast that gave the observed count no mass at all (the zero baseline, the
  last value after a month of none)
  gets the finite ``-log FLOOR`` instead of infinity, and ``floored`` says so. A positive p is never
  floored: a floor at 1e-6 capped the climatology's two misses of August 2020 (-log p 16.2 and 15.2), 0.10 of
  its mean log score, and so decided which forecaster led on it;
- the non-randomised PIT histogram for counts (Czado, Gneiting & Held 2009): each observation
  spreads a unit of mass uniformly over [F(y - 1), F(y)];
- central interval coverage: the interval from the (1 - level)/2 to the (1 + level)/2 quantile, edges
  included. A count forecast's interval holds more than its level (its edges are whole counts): each
  forecast's own mass inside it (``mass90``...) is kept beside, and a calibrated forecaster's coverage is
  that mass, not the level (a statistical audit found the "90 %" intervals holding 0.94-0.96 of the mass).
"""
from __future__ import annotations

import numpy as np

FLOOR = 1e-6
LEVELS = (0.5, 0.8, 0.9)


def normalise(pmf: np.ndarray) -> np.ndarray:
    pmf = np.clip(np.asarray(pmf, dtype=float), 0.0, None)
    total = pmf.sum()
    if total <= 0:
        raise ValueError("a forecast pmf has no mass")
    return pmf / total


def crps(pmf: np.ndarray, y: int) -> float:
    """CRPS of the pmf at y: scoringrules' weighted-ensemble CRPS over the support (exact for a
    discrete distribution; equal to sum_k (F(k) - 1{y <= k})^2)."""
    import scoringrules

    support = np.arange(len(pmf), dtype=float)
    return float(scoringrules.crps_ensemble(float(y), support, ens_w=np.asarray(pmf, dtype=float)))


def mass(pmf: np.ndarray, y: int) -> float:
    """The forecast's probability of the count ``y`` (0 beyond its support)."""
    return float(pmf[y]) if 0 <= y < len(pmf) else 0.0


def log_score(pmf: np.ndarray, y: int) -> float:
    p = mass(pmf, y)
    return float(-np.log(p)) if p > 0 else float(-np.log(FLOOR))


def pit_interval(pmf: np.ndarray, y: int) -> tuple[float, float]:
    cdf = np.cumsum(pmf)
    upper = float(cdf[min(y, len(cdf) - 1)]) if y >= 0 else 0.0
    lower = float(cdf[y - 1]) if y >= 1 else 0.0
    return lower, min(upper, 1.0)


def pit_histogram(intervals: list[tuple[float, float]], bins: int = 10) -> list[float]:
    """Share of the PIT mass in each of ``bins`` equal bins (1/bins each for a calibrated forecast)."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    out = np.zeros(bins)
    for lo, hi in intervals:
        if hi - lo <= 1e-12:
            out[min(int(lo * bins), bins - 1)] += 1.0
            continue
        overlap = np.clip(np.minimum(edges[1:], hi) - np.maximum(edges[:-1], lo), 0.0, None)
        out += overlap / (hi - lo)
    return (out / max(len(intervals), 1)).tolist()


def quantile(pmf: np.ndarray, q: float) -> int:
    cdf = np.cumsum(pmf)
    return int(min(np.searchsorted(cdf, q - 1e-12), len(pmf) - 1))


def interval(pmf: np.ndarray, level: float) -> tuple[int, int]:
    return quantile(pmf, (1 - level) / 2), quantile(pmf, (1 + level) / 2)


def score(pmf: np.ndarray, y: int) -> dict:
    """All scores of one forecast against one observed count."""
    pmf = normalise(pmf)
    out = {"crps": crps(pmf, y), "log_score": log_score(pmf, y), "pit": pit_interval(pmf, y),
           "floored": mass(pmf, y) <= 0,
           "mean": float(np.arange(len(pmf)) @ pmf), "q05": quantile(pmf, 0.05), "q50": quantile(pmf, 0.5),
           "q95": quantile(pmf, 0.95)}
    for level in LEVELS:
        lo, hi = interval(pmf, level)
        out[f"covered{int(level * 100)}"] = bool(lo <= y <= hi)
        out[f"mass{int(level * 100)}"] = float(pmf[lo:hi + 1].sum())
    return out
