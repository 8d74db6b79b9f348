"""The observation model: what a source reports, given what the model says happened.

The engine simulates every attack; sources report some of them. Each observation of
``observations.Observations`` gets a probability given one simulated run:

- **the dated list**, per week and mode: listed ~ NegBin(mean = p_mode X + EPS_WEEK, size = k), where
  X is the simulated attacks of that mode in the week, p_mode the *listing probability* of the mode
  (``observation.list.<mode>``, fitted) and k the list's dispersion (``observation.list_dispersion``,
  fitted): coverage that varies from week to week. EPS_WEEK allows a misdated or wrongly counted event.
- **a tally** over its window: reported ~ NegBin(mean = s_grade X + EPS_TALLY, size = SIZE[grade]), with
  X the simulated total of the tally's indicator(s) over the window. ``s`` is the share of the
  attacks a tally of that grade counts: 1 for grades A and B (wire services, governments, major
  papers: they try to count all), fitted for grade C (``observation.tally_share.C``). The size sets
  the noise of a count (CV at large counts 1/sqrt(size): 18 % for A, 26 % for B, 41 % for C). A hedge
  is the event the source states: "=" the count, "~N" the range N +/- 20 %, ">=" and "<=" the bound.
  Tallies that disagree are all used: each is one noisy view of the same simulated total.
- **a series** value v: log v ~ Normal(log(model value), SD[grade]) (plus 0.1 in quadrature for "~";
  a bound ">=" or "<=" is the probability of that side).

Runs of one parameter vector (replicates) differ in what happened; the probability of an
observation given the parameters is that of a negative binomial (for series a log-normal) with the
replicates' mean and variance of what the source would report, matched from simulations in the
manner of a synthetic likelihood (Wood 2010; docs/calibration.md). The calibration multiplies these
marginals: a *composite* likelihood (Varin, Reid & Firth 2011) that lets the run-to-run variation of the model
(regimes, the truce's length) widen each term, at the cost of treating observations as independent
given the parameters. Overlapping tallies of one indicator are down-weighted by the share of their window
that a stronger tally, or an as strong one ending earlier, already covers (``observations``); the recovery
check (``tests/calibration``, ``benchmarks/recovery.py``) measures whether
the posterior's 90 % intervals hold the truth as often as they should.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln
from scipy.stats import nbinom, norm

from flashpoint.calibration.observations import Observations
from flashpoint.records import series_value

EPS_WEEK = 0.02
EPS_TALLY = 0.5
TALLY_SIZE = {"A": 30.0, "B": 15.0, "C": 6.0}
FIXED_SHARE = {"A": 1.0, "B": 1.0}
SERIES_SD = {"A": 0.10, "B": 0.15, "C": 0.25}
APPROX_SD = 0.10
#: the observation model's fitted parameters and their prior ranges
LIST_PRIOR = (0.05, 1.0)
DISPERSION_PRIOR = (0.5, 20.0)
SHARE_PRIOR = (0.3, 1.0)
#: the share of the attacks a grade-C tally counts, the one share the fit estimates
SHARE_C = "observation.tally_share.C"


def nuisance(obs: Observations) -> dict[str, tuple[float, float]]:
    """The observation model's parameters, with their prior ranges (the same set for any cut of the
    record: they depend on the scenario's modes and on its whole record). A record with no grade-C tally
    has no grade-C share to fit (a held-out case's calibration reported one the data could not touch)."""
    from flashpoint.records import period_counts

    out = {f"observation.list.{mode}": LIST_PRIOR for mode in obs.modes}
    if obs.modes:          # a record that lists no dated attacks has no list to fit
        out["observation.list_dispersion"] = DISPERSION_PRIOR
    if (period_counts(obs.scenario)["reliability"] == "C").any():
        out[SHARE_C] = SHARE_PRIOR
    return out


def listing(obs: Observations, params: dict, n: int) -> np.ndarray:
    """(n, modes) listing probabilities."""
    out = np.ones((n, len(obs.modes)))
    for j, mode in enumerate(obs.modes):
        value = params.get(f"observation.list.{mode}")
        if value is not None:
            out[:, j] = value
    return out


def tally_share(grade: str, params: dict, n: int) -> np.ndarray:
    if grade in FIXED_SHARE:
        return np.full(n, FIXED_SHARE[grade])
    return np.broadcast_to(np.asarray(params.get(f"observation.tally_share.{grade}", 1.0), dtype=float), (n,))


@dataclass
class Features:
    """What the observations need from a batch of runs: weekly attacks by mode (runs, weeks, modes),
    tally totals (runs, tallies), series values (runs, series)."""

    weekly: np.ndarray
    tallies: np.ndarray
    series: np.ndarray


def features(ens, obs: Observations, troops: dict[str, np.ndarray] | None = None) -> Features:
    """Read the observed quantities off an ensemble that covers ``obs`` (start .. until at least)."""
    n = ens.runs
    first = ens.dates[0]
    cumulative: dict[str, np.ndarray] = {}

    def cum(part: str) -> np.ndarray:          # (runs, days + 1) running totals of one indicator
        if part not in cumulative:
            daily = ens.daily(part).astype(np.float64)
            cumulative[part] = np.concatenate([np.zeros((n, 1)), np.cumsum(daily, axis=1)], axis=1)
        return cumulative[part]

    bounds = np.array(obs.week_bounds, dtype=int).reshape(-1, 2)
    weekly = np.zeros((n, len(bounds), len(obs.modes)))
    for j, mode in enumerate(obs.modes):
        for part in obs.parts(mode):          # the targets the list covers
            c = cum(part)
            weekly[:, :, j] += c[:, bounds[:, 1]] - c[:, bounds[:, 0]]
    tallies = np.zeros((n, len(obs.tallies)))
    for k, r in enumerate(obs.tallies.itertuples(index=False)):
        a, b = (r.start - first).days, (r.end - first).days + 1
        tallies[:, k] = sum(cum(part)[:, b] - cum(part)[:, a] for part in r.indicator.split("+"))
    series = np.zeros((n, len(obs.series)))
    for k, r in enumerate(obs.series.itertuples(index=False)):
        series[:, k] = series_value(ens, r, obs.scenario, troops)
    return Features(weekly, tallies, series)


def nb_logpmf(k, mean, size):
    """log NegBin(k; mean, size) (variance mean + mean^2 / size)."""
    mean = np.maximum(mean, 1e-12)
    return (gammaln(k + size) - gammaln(size) - gammaln(k + 1.0)
            + size * np.log(size / (size + mean)) + k * np.log(mean / (size + mean)))


def _nb_interval(low, high, mean, size):
    """log P(low <= N <= high) under NegBin(mean, size); NaN bounds are open."""
    p = size / (size + np.maximum(mean, 1e-12))
    upper = np.ones_like(mean) if np.isnan(high) else nbinom.cdf(np.floor(high), size, p)
    lower = np.zeros_like(mean) if np.isnan(low) or low <= 0 else nbinom.cdf(np.ceil(low) - 1, size, p)
    return np.log(np.maximum(upper - lower, 1e-300))


def _moments(x: np.ndarray, groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance over each group's replicates: (runs, ...) -> two (groups, ...) arrays."""
    shaped = x.reshape((groups, x.shape[0] // groups) + x.shape[1:])
    return shaped.mean(axis=1), shaped.var(axis=1, ddof=1) if shaped.shape[1] > 1 else np.zeros(shaped.shape[:1] + shaped.shape[2:])


def pooled_variance(m: np.ndarray, v: np.ndarray) -> np.ndarray:
    """The weeks' variances as m + m^2 / kappa, with one overdispersion kappa per parameter vector
    pooled over all weeks and modes (method of moments): a few replicates estimate a week's mean well
    and its variance badly, and a variance that happens to be small puts the record in a thin tail."""
    axes = tuple(range(1, m.ndim))
    excess = np.maximum(v - m, 0.0).sum(axis=axes, keepdims=True)
    square = (m * m).sum(axis=axes, keepdims=True)
    inv_kappa = excess / np.maximum(square, 1e-12)
    return m + m * m * inv_kappa


def _matched_size(mean, var):
    """NegBin size with the given mean and variance (Poisson-like when the variance is at most the mean)."""
    extra = np.maximum(var - mean, 1e-9)
    return np.clip(mean * mean / extra, 1e-3, 1e6)


def reported_moments(m, v, share, size, eps):
    """Mean and variance of a report ~ NegBin(share X + eps, size) when X has mean m and variance v."""
    mean = share * m + eps
    var = share * share * v + mean + (mean * mean + share * share * v) / size
    return mean, var


def terms(feat: Features, obs: Observations, params: dict, groups: int) -> dict[str, np.ndarray]:
    """Per parameter vector (runs grouped consecutively, ``groups`` groups of equal size): the log of
    each observation's probability. Returns ``{"weekly": (groups, weeks, modes), "tallies": (groups,
    tallies), "series": (groups, series)}``; ``params`` holds the observation model's parameters per
    group (arrays of length ``groups``).

    The distribution of what a source reports is matched from the replicates: a negative binomial with
    the mean and variance the observation model gives over the replicates' simulated counts (a count
    marginal in the manner of a synthetic likelihood, Wood 2010), and for series a log-normal with the
    replicates' log mean and variance plus the source's noise. Moments of a few replicates are stable
    where a mean of probabilities would be dominated by the luckiest replicate.
    """
    params = {k: np.broadcast_to(np.asarray(v, dtype=float), (groups,)) for k, v in params.items()}
    out = {}
    p_list = listing(obs, params, groups)[:, None, :]                   # (groups, 1, modes)
    k_list = params.get("observation.list_dispersion", np.full(groups, 5.0))[:, None, None]
    m, v = _moments(feat.weekly, groups)
    v = pooled_variance(m, v)
    mean, var = reported_moments(m, v, p_list, k_list, EPS_WEEK)
    out["weekly"] = nb_logpmf(obs.listed[None].astype(float), mean, _matched_size(mean, var))
    tallies = np.zeros((groups, len(obs.tallies)))
    if len(obs.tallies):
        tm, tv = _moments(feat.tallies, groups)
    for k, r in enumerate(obs.tallies.itertuples(index=False)):
        share = tally_share(r.reliability, params, groups)
        mean, var = reported_moments(tm[:, k], tv[:, k], share, TALLY_SIZE.get(r.reliability, TALLY_SIZE["C"]),
                                     EPS_TALLY)
        size = _matched_size(mean, var)
        if r.hedge == "=":
            tallies[:, k] = nb_logpmf(float(r.low), mean, size)
        else:
            tallies[:, k] = _nb_interval(r.low, r.high, mean, size)
    out["tallies"] = tallies
    series = np.zeros((groups, len(obs.series)))
    if len(obs.series):
        lm, lv = _moments(np.log(np.maximum(feat.series, 1e-9)), groups)
    for k, r in enumerate(obs.series.itertuples(index=False)):
        sd = SERIES_SD.get(r.reliability, SERIES_SD["C"])
        if r.hedge == "~":
            sd = float(np.hypot(sd, APPROX_SD))
        scale = np.sqrt(lv[:, k] + sd * sd)
        z = (np.log(max(r.value, 1e-9)) - lm[:, k]) / scale
        if r.hedge == ">=":          # the source says at least v
            series[:, k] = norm.logcdf(-z)
        elif r.hedge == "<=":
            series[:, k] = norm.logcdf(z)
        else:
            series[:, k] = -0.5 * z * z - np.log(scale * np.sqrt(2 * np.pi))
    out["series"] = series
    return out


def loglik(feat: Features, obs: Observations, params: dict, groups: int) -> np.ndarray:
    """The composite log-likelihood per parameter vector (tallies weighted, see ``observations``)."""
    t = terms(feat, obs, params, groups)
    weights = obs.tallies["weight"].to_numpy(float) if len(obs.tallies) else np.zeros(0)
    return t["weekly"].sum(axis=(1, 2)) + t["tallies"] @ weights + t["series"].sum(axis=1)
