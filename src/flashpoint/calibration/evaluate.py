"""Rolling-origin evaluation: monthly forecasts made with only what was known before each origin.

The target is the number of attacks on the foreign forces in a calendar month **as the scenario's
dated list records them** (``observations.monthly_listed``): the one observed series with a value
for every month (the tallies cover irregular, overlapping windows). The model forecasts it through
the observation model: the simulated attacks of the month, thinned by the fitted listing
probabilities, with the list's noise.

At each origin (the first day of a month) the model knows:

- the record before the origin: the posterior over the calibrated parameters and the observation
  model is updated by sequential Monte Carlo over the origins (Chopin 2002, "IBIS"): the particles
  fitted at the first origin are reweighted at each later one by the likelihood of the record of the
  month just passed, computed with the same simulated runs as the earlier record's (the difference of
  two synthetic log-likelihoods: an approximation, not an unbiased estimate), and resampled and moved (Metropolis at the new posterior) when their effective size
  falls below half;
- the schedule up to the origin: entries dated on or after it are dropped (a forecaster then did not
  know of the truce of October 2020 or the election of October 2021), and one begun before it that ends
  after it lasts through the horizon (that the lockdown had begun was known, not when it would end);
  with ``schedule="known"`` the forecasts know the schedule's entries in the window as they happened
  (not a forecast: a diagnostic that tells the model's error from the schedule's surprise; a held-out
  recovery study found a model that was exactly right losing to climatology without it);
- the state of the world at the origin, as far as the record shows it: each simulated run is weighted
  by the observation model's probability of the list's last ``condition_weeks`` weeks before the
  origin (the last step of a particle filter), so that runs in the wrong regime count less.

Nothing of the record after the origin is used, and no setting of the evaluation was tuned on the evaluated
months; but the model's own defaults outside the calibrated set were fitted to the whole record
(docs/evaluation.md says which and what that means). The baselines
(``baselines``) are fitted at each origin to the monthly (or weekly) list before it.
"""
from __future__ import annotations

import time
import warnings
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from flashpoint.calibration import baselines, likelihood, scores, smc
from flashpoint.calibration.observations import ATTACKS, monthly_listed, observe, week_starts
from flashpoint.calibration.problem import after_the_cut, build, truncated
from flashpoint.engine import whole_number
from flashpoint.errors import FlashpointError, FlashpointNote, ScenarioError

K = baselines.K


@dataclass
class EvalSettings:
    scenario: str = "iraq-2020"
    first: str | None = None      # first origin (YYYY-MM); None: the first whole month six months into the period
    last: str | None = None       # last origin; None: the month before the period's last
    horizons: tuple[int, ...] = (1, 3)
    particles: int = 400
    replicates: int = 8
    seed: int = 0
    parameters: list[str] | None = None
    condition_weeks: int = 8
    policy: str = "historical"
    max_moves: int = 5
    schedule: str = "as-of-origin"   # or "known": the forecasts know the schedule in the window (a diagnostic)

    def __post_init__(self):
        """Each setting checked as ``flashpoint evaluate`` checks its options (a held-out Python user's
        ``schedule="knwn"`` ran a full evaluation as of each origin, ``particles=-5`` failed inside NumPy)."""
        def whole(name: str, least: int) -> None:
            value = getattr(self, name)
            if not whole_number(value, least):
                raise FlashpointError(f"{name} must be an integer >= {least}, got {value!r}")
        for name, least in (("particles", 20), ("replicates", 2), ("seed", 0), ("condition_weeks", 1),
                            ("max_moves", 0)):
            whole(name, least)
        if self.schedule not in ("as-of-origin", "known"):
            raise FlashpointError(f"schedule must be as-of-origin or known, got {self.schedule!r}")
        hs = self.horizons
        if not isinstance(hs, (tuple, list)):     # (1 was "--horizons must be ... 1 to 12, got '1'": a held-out user)
            raise FlashpointError(f"horizons must be a tuple of whole months from 1 to {MAX_HORIZON}, e.g. (1, 3), "
                                  f"got {hs!r}")
        if not hs or any(
                isinstance(h, bool) or not isinstance(h, (int, np.integer)) or not 1 <= h <= MAX_HORIZON for h in hs):
            raise FlashpointError(horizons_message(hs))
        if len(set(hs)) < len(hs):        # (scored twice, a held-out tester)
            raise FlashpointError(f"--horizons names a horizon twice, got {_horizons_text(hs)!r}")


#: the longest horizon scored, in months
MAX_HORIZON = 12


def _horizons_text(hs) -> str:
    """Horizons as --horizons takes them (``1,3``), whether typed or a Python tuple or list."""
    return ",".join(str(h) for h in hs) if isinstance(hs, (tuple, list)) else repr(hs)


def horizons_message(hs) -> str:
    """The one message for horizons that are not whole months from 1 to MAX_HORIZON: the command line's text that
    is no list of whole numbers, and EvalSettings' horizons, alike (they said it two ways, one with a tuple)."""
    got = hs if isinstance(hs, str) else _horizons_text(hs)
    return f"--horizons must be comma-separated whole months from 1 to {MAX_HORIZON} (e.g. 1,3), got {got!r}"


@dataclass
class Evaluation:
    settings: EvalSettings
    origins: list[pd.Timestamp]
    rows: list[dict] = field(default_factory=list)        # one per (origin, horizon, model)
    particles: list[dict] = field(default_factory=list)   # per origin: ESS, moves
    seconds: float = 0.0
    #: what the scored months leave out of the observed counts (attacks the list dates only to the month)
    left_out: str | None = None

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows)

    def summary(self) -> dict:
        """Per model: mean CRPS and log score, coverage of the 50/80/90 % intervals, PIT histogram;
        overall and per horizon."""
        frame = self.table()
        out = {}
        for name, part in frame.groupby("model", sort=False):
            entry = _scores(part)
            entry["by_horizon"] = {str(h): _scores(p) for h, p in part.groupby("horizon")}
            out[name] = entry
        return out

    def as_json(self) -> dict:
        return {"origins": [str(o.date()) for o in self.origins], "horizons": list(self.settings.horizons),
                "target": f"{ATTACKS}: attacks per calendar month in the scenario's dated list",
                "schedule": ("known: the model knew the schedule in each window (a diagnostic, not a forecast)"
                             if self.settings.schedule == "known" else "as-of-origin: entries dated before each origin"),
                "models": self.summary(), "forecasts": self.rows, "particles": self.particles,
                "seconds": round(self.seconds, 1), "settings": {**asdict(self.settings),
                                                                 "horizons": list(self.settings.horizons)},
                "left_out": self.left_out}


def _scores(part: pd.DataFrame) -> dict:
    return {"crps": float(part["crps"].mean()), "log_score": float(part["log_score"].mean()),
            "coverage50": float(part["covered50"].mean()), "coverage80": float(part["covered80"].mean()),
            "coverage90": float(part["covered90"].mean()), "mass50": float(part["mass50"].mean()),
            "mass80": float(part["mass80"].mean()), "mass90": float(part["mass90"].mean()), "n": int(len(part)),
            "log_score_floored": int(part["floored"].sum()),      # forecasts that gave the observed count no mass
            "pit": scores.pit_histogram([tuple(p) for p in part["pit"]]),
            # months with no attack listed, where a forecaster saying 0 scores 0, and the CRPS on the others (a
            # held-out forecaster could not tell how much of a lead came from quiet months)
            "n_zero": int((part["observed"] == 0).sum()),
            "crps_nonzero": float(part.loc[part["observed"] > 0, "crps"].mean()) if (part["observed"] > 0).any()
            else None}


def _month(text: str, option: str) -> pd.Timestamp:
    import re

    if not re.fullmatch(r"\s*\d{4}-\d{2}\s*", str(text)):     # "2020-04-15" was read as April, "2020" as January
        raise FlashpointError(f"{option} {text!r} is not a month (YYYY-MM)")
    try:
        stamp = pd.Timestamp(text)
    except (ValueError, TypeError):
        raise FlashpointError(f"{option} {text!r} is not a month (YYYY-MM)") from None
    return stamp.to_period("M").start_time


def _month_after(day: pd.Timestamp) -> pd.Timestamp:
    """The first day of the first whole month from ``day`` on."""
    return (day - pd.Timedelta(days=1)).to_period("M").end_time.normalize() + pd.Timedelta(days=1)


def origins_of(settings: EvalSettings, scenario) -> list[pd.Timestamp]:
    """The forecast origins: the first day of each month from ``first`` to ``last``, by default from
    the first whole month six months into the scenario's period (earlier origins have too little
    record to fit; in a period too short for that, the first whole month after two months) to the
    month before its last."""
    start, end = pd.Timestamp(scenario.start), pd.Timestamp(scenario.end)
    last = (_month(settings.last, "--to") if settings.last is not None
            else end.to_period("M").start_time - pd.DateOffset(months=1))
    if settings.first is not None:
        first = _month(settings.first, "--from")
    else:
        first = _month_after(start + pd.DateOffset(months=6))
        if first > last:
            first = _month_after(start + pd.Timedelta(days=61))
        if first > last and settings.last is not None:     # (a held-out forecaster was told the period was short)
            raise FlashpointError(f"--to {last:%Y-%m}: no origin fits before it: the first needs two months of "
                                  f"record after the scenario's start ({start.date()}); give a later --to")
        if first > last:
            raise FlashpointError(f"the scenario's period ({start.date()} .. {end.date()}) is too short for a "
                                  "rolling-origin evaluation: an origin needs two months of record before it and "
                                  "a month after it")
    if first > last:
        raise FlashpointError(f"--from {first:%Y-%m} is after " + (f"--to {last:%Y-%m}" if settings.last is not None
                              else f"the last origin, {last:%Y-%m} (the month before the scenario's last)"))
    if first <= start + pd.Timedelta(days=60):
        raise FlashpointError(f"--from {first:%Y-%m}: the first origin needs at least two months of record after "
                              f"the scenario's start ({start.date()})")
    if last > end:
        raise FlashpointError(f"--to {last:%Y-%m} is after the scenario's end ({end.date()})")
    if not settings.horizons or any(not 1 <= h <= MAX_HORIZON for h in settings.horizons):
        raise FlashpointError(horizons_message(settings.horizons))
    return list(pd.date_range(first, last, freq="MS"))


def _path_weights(feat, obs, nuisance: dict, reps: int, weeks: int) -> np.ndarray:
    """(runs,) weight of each run within its particle: the list's last ``weeks`` weeks under the
    observation model, normalised over the particle's replicates."""
    n = feat.weekly.shape[0]
    per_run = {k: np.repeat(v, reps) for k, v in nuisance.items()}
    p_list = likelihood.listing(obs, per_run, n)[:, None, :]
    size = per_run["observation.list_dispersion"][:, None, None]
    recent = slice(max(0, len(obs.week_starts) - weeks), len(obs.week_starts))
    mean = p_list * feat.weekly[:, recent] + likelihood.EPS_WEEK
    logp = likelihood.nb_logpmf(obs.listed[None, recent].astype(float), mean, size).sum(axis=(1, 2))
    logp = logp.reshape(-1, reps)
    logp -= logp.max(axis=1, keepdims=True)
    w = np.exp(logp)
    return (w / w.sum(axis=1, keepdims=True)).ravel()


def _month_reports(ens, obs, nuisance: dict, reps: int, month: pd.Timestamp) -> tuple[np.ndarray, np.ndarray]:
    """Per run, the mean and negative binomial size of the listed count in ``month`` under the
    observation model (modes summed by their moments).

    The list's coverage of a mode is one draw for the whole month (size k, as a week's), not four
    independent weekly draws (size k x days / 7): the record's coverage comes in spells of weeks to
    months (a channel that relays one kind of attack for a while, then falls silent), and the
    weekly likelihood, a composite of weekly marginals, fits k whichever way the weeks are joined."""
    end = month + pd.offsets.MonthEnd(0)
    days = (end - month).days + 1
    n = ens.runs
    per_run = {k: np.repeat(v, reps) for k, v in nuisance.items()}
    p_list = likelihood.listing(obs, per_run, n)
    size = per_run["observation.list_dispersion"]
    mean = np.zeros(n)
    var = np.zeros(n)
    for j, mode in enumerate(obs.modes):
        x = sum(ens.total(part, month, end).astype(float) for part in obs.parts(mode))
        m = p_list[:, j] * x + likelihood.EPS_WEEK * days / 7.0 / len(obs.modes)
        mean += m
        var += m + m * m / size
    return mean, np.clip(mean * mean / np.maximum(var - mean, 1e-9), 1e-3, 1e6)


def _mixture(mean: np.ndarray, size: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """pmf on 0..K of the mixture of negative binomials with these run weights."""
    keep = weights > 1e-12
    y = np.arange(K + 1, dtype=float)
    return weights[keep] @ np.exp(likelihood.nb_logpmf(y[None, :], mean[keep, None], size[keep, None]))


class _Ahead:
    """What the forecasts need from one simulation of the particles to the end of the horizons."""

    def __init__(self, n, reps, months):
        self.condition = np.zeros(n * reps)
        self.reports = {h: (np.zeros(n * reps), np.ones(n * reps)) for h in months}

    def add(self, sl, reps, ens, feat, obs, nuisance, months, weeks):
        runs = slice(sl.start * reps, sl.stop * reps)
        self.condition[runs] = _path_weights(feat, obs, nuisance, reps, weeks)
        for h, month in months.items():
            if month + pd.offsets.MonthEnd(0) <= ens.dates[-1]:     # a whole month only (a scenario ending mid-month)
                mean, size = _month_reports(ens, obs, nuisance, reps, month)
                self.reports[h][0][runs], self.reports[h][1][runs] = mean, size

    def pmfs(self, particle_weights, reps):
        runs = np.repeat(particle_weights, reps) * self.condition
        runs = runs / runs.sum()
        return {h: _mixture(mean, size, runs) for h, (mean, size) in self.reports.items()}


def evaluate(settings: EvalSettings, *, progress: Callable[[str], None] | None = None, scenario=None) -> Evaluation:
    from flashpoint.scenario.loader import load_scenario

    began = time.perf_counter()
    sc = scenario if scenario is not None else load_scenario(settings.scenario)
    origins = origins_of(settings, sc)
    end = pd.Timestamp(sc.end)
    if not any(o + pd.DateOffset(months=h - 1) + pd.offsets.MonthEnd(0) <= end
               for o in origins for h in settings.horizons):
        ahead = " or ".join(str(h) for h in settings.horizons)
        raise FlashpointError(f"no forecast to score: the month {ahead} month(s) ahead of every origin "
                              f"({origins[0]:%Y-%m}..{origins[-1]:%Y-%m}) ends after the scenario's end ({end.date()}); "
                              "use an earlier --to or shorter --horizons")
    if sc.record is not None and sc.record.dated_list == "sample":
        raise FlashpointError(f"the record of scenario {sc.name!r} is a sample of notable events (record.dated_list: "
                              "sample), no count: there is no monthly count to forecast (evaluate scores the dated "
                              "list, events.csv)")
    if settings.parameters:         # one no origin's data informs: its fit would be its prior at every origin, as
        last = (origins[-1] - pd.Timedelta(days=1)).date()     # calibrate refuses (a tester's truce effect of 1996,
        #                                                        fitted at origins of 1994)
        if late := after_the_cut(sc, truncated(sc, last), settings.policy, list(settings.parameters)):
            raise ScenarioError(f"parameters: {late[0]} acts only through schedule entries after {last} (the last "
                                "origin's fit end): no observation before any origin informs it, and its fit would be "
                                "its prior at every one; leave it out, or evaluate to a later month (--to)")
    observed = monthly_listed(sc, day_only=True)   # the list the model and INGARCH are fitted to
    if not observed.any():          # scores against an empty list would reward forecasting nothing
        raise FlashpointError(f"the record of scenario {sc.name!r} lists no dated attack on the foreign forces in the "
                              "scenario's attack modes: there is no monthly count to forecast (evaluate scores the "
                              "dated list, events.csv)")
    left_out = _note_month_dated(sc, observed, origins, max(settings.horizons))
    rng = np.random.default_rng(settings.seed)
    baseline_rng = np.random.default_rng([settings.seed, 1])   # its own stream: a baseline's draws move no model number
    say = progress or (lambda _: None)
    told: set[str] = set()          # the notes said so far: each once, not once per origin
    n, reps = settings.particles, settings.replicates

    def problem_at(origin):
        with _once(told):
            return build(sc, until=origin - pd.Timedelta(days=1), parameters=settings.parameters,
                         replicates=reps, policy=settings.policy, rolling=True)

    problem = problem_at(origins[0])
    say(f"fitting to the record before {origins[0]:%Y-%m} ({n} particles x {reps} runs)")

    def stage(info):               # (a held-out forecaster's nine-year case sat 8 minutes on the line above, unsaid)
        say(f"  stage {info['stage']}: temperature {info['beta']:.3g}, {info['evaluations']} evaluations, "
            f"{info['seconds']:.0f} s")

    fitted = smc.sample(problem.loglik, problem.dim, n, settings.seed, max_moves=settings.max_moves, progress=stage)
    z, log_w = fitted.z, np.log(np.maximum(fitted.weights, 1e-300))
    scale = 2.38 / np.sqrt(problem.dim)
    evaluation = Evaluation(settings, origins, left_out=left_out)
    previous = problem
    for k, origin in enumerate(origins):
        problem = problem_at(origin) if k else problem
        horizon_end = min(origin + pd.DateOffset(months=max(settings.horizons)) - pd.Timedelta(days=1),
                          pd.Timestamp(sc.end))
        known = None if settings.schedule == "known" else origin - pd.Timedelta(days=1)
        ahead = truncated(sc, horizon_end, known_until=known)
        theta = problem.values(smc.to_unit(z))
        months = {h: origin + pd.DateOffset(months=h - 1) for h in settings.horizons}
        ahead_runs = _Ahead(n, reps, months)
        increment = np.zeros(n)
        for sl, ens, overrides in problem.simulate(theta, int(rng.integers(2**31 - 1)), scenario=ahead):
            _, nuisance = problem.split(theta[sl])
            now = likelihood.features(ens, problem.obs, troops=overrides)
            ahead_runs.add(sl, reps, ens, now, problem.obs, nuisance, months, settings.condition_weeks)
            if k:                                # reweight by the month just passed
                before = likelihood.features(ens, previous.obs, troops=overrides)
                groups = sl.stop - sl.start
                increment[sl] = (likelihood.loglik(now, problem.obs, nuisance, groups)
                                 - likelihood.loglik(before, previous.obs, nuisance, groups))
        log_w = log_w + np.where(np.isfinite(increment), increment, -1e300)
        w = np.exp(log_w - log_w.max())
        w /= w.sum()
        moved = 0
        ess_reweighted = smc.ess(w)              # before a resample resets the weights (then the ESS is n)
        if ess_reweighted < 0.5 * n:             # resample and move at the new posterior
            z = z[smc.systematic(w, rng)]

            def evaluate_z(zz, _p=problem):
                out = _p.loglik(smc.to_unit(zz), int(rng.integers(2**31 - 1)))
                return np.where(np.isfinite(out), out, -1e300)

            ll = evaluate_z(z)
            z, ll, scale, _, moved = smc.move(z, ll, evaluate_z, 1.0, rng, scale, max_moves=settings.max_moves)
            log_w = np.zeros(n)
            w = np.full(n, 1.0 / n)
            theta = problem.values(smc.to_unit(z))
            ahead_runs = _Ahead(n, reps, months)
            for sl, ens, overrides in problem.simulate(theta, int(rng.integers(2**31 - 1)), scenario=ahead):
                _, nuisance = problem.split(theta[sl])
                feat = likelihood.features(ens, problem.obs, troops=overrides)
                ahead_runs.add(sl, reps, ens, feat, problem.obs, nuisance, months, settings.condition_weeks)
        evaluation.particles.append({"origin": str(origin.date()), "ess": round(smc.ess(w), 1),
                                     "ess_before_moves": round(ess_reweighted, 1), "moves": moved})
        pmfs = ahead_runs.pmfs(w, reps)
        _score_origin(evaluation, sc, origin, months, pmfs, observed, baseline_rng, told)
        say(f"origin {origin:%Y-%m}: ESS {smc.ess(w):.0f}, {moved} moves, {time.perf_counter() - began:.0f} s")
        previous = problem
    evaluation.seconds = time.perf_counter() - began
    return evaluation


def _note_month_dated(sc, observed: pd.Series, origins, horizon: int) -> str | None:
    """Say how many attacks of the scored months the list dates only to the month, which no forecaster is scored
    on (a held-out forecaster counted a month's 11 listed attacks by hand where evaluate scored 9, unsaid); the
    words, for the JSON too (a verifier found them on the console only), or None."""
    first, last = origins[0], origins[-1] + pd.DateOffset(months=horizon)
    every = monthly_listed(sc)
    scored = (every.index >= first) & (every.index < last)
    left = int((every - observed)[scored].sum())
    if left:
        months = [f"{m:%Y-%m}" for m in every.index[scored & (every > observed)]]
        words = (f"{left} attack(s) of the dated list in the scored months ({', '.join(months[:6])}"
                 f"{', ...' if len(months) > 6 else ''}) are dated only to the month (events.csv precision 'month'): "
                 "evaluate scores every forecaster on the attacks dated to the day, the list the observation model "
                 "is fitted to, so those months' observed counts leave them out")
        warnings.warn(FlashpointNote(words))
        return words
    return None


@contextmanager
def _once(told: set[str]):
    """Say each note raised inside once over all the origins (the parameters left out, the list's targets)."""
    with warnings.catch_warnings(record=True) as notes:
        warnings.simplefilter("always")
        yield
    for note in notes:
        if str(note.message) not in told:
            told.add(str(note.message))
            warnings.warn_explicit(note.message, note.category, note.filename, note.lineno)


def _score_origin(evaluation, sc, origin, months, pmfs, observed, rng, told: set[str]) -> None:
    start = pd.Timestamp(sc.start)
    # the baselines are fitted to whole months and weeks: a period starting mid-month has a short first month (a
    # held-out forecaster found a built-in's first 13 days read as a month by the climatology), and one
    # starting on another day than Monday a short first week
    history = observed[(observed.index < origin) & (observed.index >= start)].to_numpy()
    with _once(told):
        events = observe(sc, origin - pd.Timedelta(days=1))
    weeks_all = week_starts(start, origin - pd.Timedelta(days=1))
    weekly = events.listed.sum(axis=1)
    complete = len(weekly) - (1 if (origin - weeks_all[-1]).days < 7 else 0)
    first = 1 if len(weeks_all) > 1 and (weeks_all[1] - weeks_all[0]).days < 7 else 0
    for h, month in months.items():
        if month + pd.offsets.MonthEnd(0) > pd.Timestamp(sc.end) or month not in observed.index:   # partial: not scored
            continue
        y = int(observed[month])
        forecasts = {"model": pmfs[h], "zero": baselines.zero(), "last_value": baselines.last_value(history),
                     "climatology": baselines.climatology(history),
                     "ingarch": baselines.ingarch(weekly[first:complete], weeks_all[first:complete], month, rng)}
        for name, pmf in forecasts.items():
            s = scores.score(pmf, y)
            evaluation.rows.append({"origin": str(origin.date()), "horizon": h, "month": f"{month:%Y-%m}",
                                    "observed": y, "model": name, **s})
