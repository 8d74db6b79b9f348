"""Calibration to the record and scored forecasts (issue #5).

- ``targets``: observed counts (exact, bounds, approximate, overlapping running totals) as
  interval targets, each a term of the ABC distance;
- ``abc``: ABC-SMC with pyabc, a batch sampler that evaluates a population's proposals in one
  ``simulate`` call, a checkpoint in pyabc's SQLite history (``--resume``);
- ``posterior``: the posterior file (Parquet with metadata) and draws from it;
- ``forecast``: predictive distributions per month and window, CRPS, coverage, naive baselines;
- ``cli``: ``flashpoint calibrate``, ``flashpoint posterior show``, ``flashpoint forecast``.
"""
from __future__ import annotations

from flashpoint.calibration.posterior import Posterior, load_posterior, posterior_overrides, save_posterior

__all__ = ["Posterior", "load_posterior", "save_posterior", "posterior_overrides", "calibrate", "Settings"]


def __getattr__(name):
    if name in ("calibrate", "Settings"):
        from flashpoint.calibration import abc

        return getattr(abc, name)
    raise AttributeError(name)
