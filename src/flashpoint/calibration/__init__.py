"""Calibration to the record, and forecasts scored against it.

- ``observations``: the scenario's record (dated list, tallies, series) as observations up to a date;
- ``likelihood``: the observation model (listing probabilities, tally shares and noise) and the
  simulated composite likelihood of a population of parameter vectors;
- ``problem``: parameters, priors (declared ranges) and the batched simulation;
- ``smc``: adaptive-tempering sequential Monte Carlo;
- ``fit``: ``calibrate`` (``flashpoint calibrate``) and the shipped posterior's location;
- ``posterior``: the posterior file (Parquet with metadata) and draws from it;
- ``evaluate``, ``baselines``, ``scores``, ``evaluate_report``: rolling-origin forecasts
  (``flashpoint evaluate``);
- ``forecast``: the predictive distribution per month from a posterior (``flashpoint forecast``);
- ``cli``: the commands.
"""
from __future__ import annotations

from flashpoint.calibration.posterior import (Posterior, load_posterior, posterior_overrides, save_posterior,
                                              shipped_posterior)

__all__ = ["Posterior", "load_posterior", "save_posterior", "posterior_overrides", "calibrate", "Settings",
           "shipped_posterior"]


def __getattr__(name):
    if name in ("calibrate", "Settings"):
        from flashpoint.calibration import fit

        return getattr(fit, name)
    raise AttributeError(name)
