"""ABC-SMC calibration with pyabc, one ``simulate`` call per batch of particles.

pyabc (``ABCSMC``) runs the algorithm: uniform priors on the declared ranges, a multivariate
normal perturbation kernel, importance weights, a quantile (median) epsilon schedule, the SQLite
history (the checkpoint: ``abc.load`` continues an interrupted run) and the stopping rules.

Flashpoint's engine evaluates many parameter vectors at once (override arrays with one value per
run), so calling the model once per particle would waste most of its speed. ``BatchSampler`` is a
pyabc ``Sampler`` that draws a batch of proposals with pyabc's own ``generate_valid_proposal``,
simulates the whole batch in one ``simulate`` call (``FlashpointModel.prefetch``), and then lets
pyabc's ``evaluate_proposal`` judge each particle in proposal order (distance, acceptance, weight)
- the model hands back the prefetched result. It stops at the n-th acceptance and discards the
rest of the batch, so the sample is the one a single-core sampler would draw from the same
proposals. Proposals are independent given the previous generation, which is what makes batching
exact. For any other kind of simulate function (pyabc internals changed), it falls back to calling
``simulate_one`` particle by particle: correct, only slower.
"""
from __future__ import annotations

import ast
import hashlib
import json
import logging
import math
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from flashpoint.calibration.targets import RECORD, Targets, load_targets
from flashpoint.errors import FlashpointError

#: A parameter is called identified when its posterior 90% interval spans at most this share of
#: its prior range.
IDENTIFIED_WIDTH = 0.5


def _pyabc():
    try:
        import pyabc
    except ImportError:  # pragma: no cover - depends on the install
        raise FlashpointError("calibration needs pyabc: pip install 'flashpoint[calibrate]'") from None
    logging.getLogger("ABC").setLevel(logging.WARNING)
    return pyabc


@dataclass
class Settings:
    """What a calibration run is: stored in the checkpoint, so ``--resume`` continues the same run."""

    scenario: str = "iraq-2020"
    data: str = RECORD
    until: str | None = None
    policy: str = "historical"
    parameters: list[str] | None = None     # default: every parameter marked calibratable
    population: int = 1000
    generations: int = 12
    min_acceptance: float = 0.01
    max_simulations: int = 400_000
    max_minutes: float = 14.0
    seed: int = 0
    store: str | None = None
    include_low_reliability: bool = False
    predictive_runs: int = 1000
    kernel: str = "t"                         # "t" (GaussianProposal) or "kde" (pyabc's default kernel)
    kernel_scaling: float = 3.0

    def identity(self) -> dict:
        """The fields a resumed run must share with the original."""
        return {k: getattr(self, k) for k in ("scenario", "data", "until", "policy", "parameters", "population",
                                              "store", "include_low_reliability")}


@dataclass
class Problem:
    """A calibration problem: scenario cut at the last target, parameters and their priors, targets."""

    scenario: object                 # the (truncated) Scenario simulated
    full_scenario: object
    names: list[str]
    lows: np.ndarray
    highs: np.ndarray
    defaults: np.ndarray
    targets: Targets
    policy: str = "historical"
    fixed: dict = field(default_factory=dict)

    @property
    def keys(self) -> list[str]:
        """pyabc-safe parameter keys (p00, p01, ...), in the order of ``names``."""
        return [f"p{i:02d}" for i in range(len(self.names))]


def truncated(scenario, end):
    """The scenario simulated only up to ``end`` (schedule entries after it dropped)."""
    end = pd.Timestamp(end).date()
    if end >= scenario.end:
        return scenario
    if end <= scenario.start:
        raise FlashpointError(f"the targets end on {end}, not after the scenario's start {scenario.start}")
    return scenario.model_copy(update={"end": end, "schedule": [e for e in scenario.schedule if e.date <= end]})


def scenario_digest(name_or_path) -> str:
    from flashpoint.scenario.loader import resolve

    _, text = resolve(name_or_path)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def build_problem(settings: Settings, targets: Targets | None = None) -> Problem:
    from flashpoint.scenario.loader import load_scenario
    from flashpoint.scenario.parameters import parameters

    sc = load_scenario(settings.scenario)
    if settings.policy not in sc.policies and settings.policy != "historical":
        raise FlashpointError(f"unknown policy {settings.policy!r}; the scenario has {', '.join(sc.policies)}")
    declared = parameters(sc)
    if settings.parameters:
        names = list(dict.fromkeys(settings.parameters))
        for n in names:
            if n not in declared:
                raise FlashpointError(f"--parameters: unknown parameter {n!r}; `flashpoint scenario show` lists them")
            if not declared[n].calibratable:
                raise FlashpointError(f"--parameters: {n} is not marked calibratable in the scenario")
    else:
        names = [n for n, p in declared.items() if p.calibratable]
    if not names:
        raise FlashpointError(f"scenario {sc.name!r} marks no parameter calibratable")
    for n in names:
        if not declared[n].high > declared[n].low:
            raise FlashpointError(f"{n}: its range [{declared[n].low:g}, {declared[n].high:g}] is empty; "
                                  "a calibratable parameter needs low < high (the prior)")
    until = pd.Timestamp(settings.until) if settings.until else pd.Timestamp(sc.end)
    if until < pd.Timestamp(sc.start):
        raise FlashpointError(f"--until {until.date()} is before the scenario's start {sc.start}")
    end = min(until, pd.Timestamp(sc.end))
    if targets is None:
        targets = load_targets(settings.data, start=sc.start, end=end, store=settings.store,
                               include_low_reliability=settings.include_low_reliability)
    return Problem(scenario=truncated(sc, targets.end), full_scenario=sc, names=names,
                   lows=np.array([declared[n].low for n in names]), highs=np.array([declared[n].high for n in names]),
                   defaults=np.array([declared[n].value for n in names]), targets=targets, policy=settings.policy)


# -- the model -----------------------------------------------------------------------------------
def _model_class():
    pyabc = _pyabc()

    class FlashpointModel(pyabc.Model):
        """pyabc model whose results come from batched ``simulate`` calls (see ``prefetch``)."""

        def __init__(self, problem: Problem):
            super().__init__(name=problem.full_scenario.name)
            self.problem = problem
            self.queue: deque = deque()
            self.simulated = 0

        def simulate_batch(self, thetas: list, seed: int) -> list[dict]:
            from flashpoint.engine import simulate

            pr = self.problem
            z = np.array([[float(th[key]) for key in pr.keys] for th in thetas])
            x = pr.lows + (pr.highs - pr.lows) * to_unit(z)
            ov = {name: x[:, i] for i, name in enumerate(pr.names)}
            ov.update(pr.fixed)
            ens = simulate(pr.scenario, policy=pr.policy, runs=len(thetas), seed=int(seed), overrides=ov)
            sums = pr.targets.summaries(ens)
            counts = np.vstack([sums[i] for i in pr.targets.ids]).T       # (runs, targets)
            self.simulated += len(thetas)
            return [{"counts": row} for row in counts]

        def prefetch(self, thetas: list, seed: int) -> None:
            self.queue.extend(zip(thetas, self.simulate_batch(thetas, seed)))

        def sample(self, pars):
            if self.queue:
                theta, result = self.queue.popleft()
                if theta is not pars:
                    raise AssertionError("batched results out of order")
                return result
            return self.simulate_batch([pars], seed=np.random.randint(2**31 - 1))[0]

    return FlashpointModel


def to_unit(y: np.ndarray) -> np.ndarray:
    """Map pyabc's coordinates (standard normal under the prior) to the share of a prior range (0..1)."""
    from scipy.special import ndtr

    return ndtr(np.asarray(y, dtype=float))


def from_unit(u: np.ndarray) -> np.ndarray:
    from scipy.special import ndtri

    return ndtri(np.clip(np.asarray(u, dtype=float), 1e-12, 1 - 1e-12))


def _prior_class():
    pyabc = _pyabc()
    from pyabc.parameters import Parameter

    class NormalScoresPrior(pyabc.DistributionBase):
        """Uniform priors on [low, high], in the coordinates pyabc works in: y = Phi^-1((x - low) / (high - low)).

        A uniform x is a standard normal y, so the prior is the same; pyabc's perturbation and
        importance weights work on the whole real line with a prior that is exactly normal. Where
        the data say nothing about a parameter, the fitted proposal (``GaussianProposal``) is then
        close to the prior in that coordinate and the importance weights do not vary with it: in 16
        dimensions, most of them barely identified, this is what keeps the effective sample size up.
        The density is evaluated with numpy, not through scipy one parameter at a time.
        """

        def __init__(self, keys):
            self.keys = list(keys)

        def get_parameter_names(self) -> list:
            return list(self.keys)

        def inside(self, array: np.ndarray) -> np.ndarray:
            return np.all(np.isfinite(array), axis=-1)

        def rvs_array(self, size: int) -> np.ndarray:
            return np.random.standard_normal((size, len(self.keys)))

        def rvs(self, *args, **kwargs):
            return Parameter(dict(zip(self.keys, self.rvs_array(1)[0].tolist())))

        def pdf(self, x):
            y = np.array([x[k] for k in self.keys], dtype=float)
            return float(np.exp(-0.5 * np.dot(y, y)) / (2 * np.pi) ** (0.5 * len(y)))

    return NormalScoresPrior


def _transition_class():
    pyabc = _pyabc()
    import scipy.stats as st
    from pyabc.parameters import Parameter

    class GaussianProposal(pyabc.transition.Transition):
        """A smooth proposal for the next generation: a multivariate Student t (5 degrees of freedom)
        fitted to the weighted population (covariance times ``scaling``), mixed with a small share
        (``defensive``) of the prior itself.

        pyabc's default kernel is a Gaussian mixture around every particle. In 16 dimensions with a
        thousand particles that mixture is spiky, and prior / proposal - the importance weight -
        varies by orders of magnitude even where the posterior is flat: drawing from a kernel fitted
        to a sample of the prior itself gives an effective sample size of about 7 % (3.5 % with 200
        particles), and it falls further each generation. One smooth, heavy-tailed component keeps
        the weights smooth; the prior share bounds every weight by 1 / ``defensive`` times the
        prior's (defensive importance sampling), so a particle in the tails cannot take over the
        population. It proposes less locally, which costs acceptance rate, not correctness: the
        weights are exact for the proposal used.
        """

        def __init__(self, scaling: float = 1.0, df: float = 5.0, defensive: float = 0.05):
            self.scaling = scaling
            self.df = df
            self.defensive = defensive

        def fit(self, X: pd.DataFrame, w: np.ndarray) -> None:
            arr = X.to_numpy(dtype=float)
            w = np.asarray(w, dtype=float) / np.sum(w)
            mean = w @ arr
            diff = arr - mean
            cov = (diff * w[:, None]).T @ diff / max(1e-12, 1 - np.sum(w * w))
            # a t with df degrees of freedom and shape S has covariance S df / (df - 2)
            shape = cov * self.scaling * (self.df - 2) / self.df + 1e-9 * np.eye(arr.shape[1])
            self.mean_, self.shape_ = mean, shape
            self.t_ = st.multivariate_t(loc=mean, shape=shape, df=self.df, allow_singular=True)
            self.prior_ = st.multivariate_normal(mean=np.zeros(arr.shape[1]), cov=np.eye(arr.shape[1]))

        def _draw(self, size: int) -> np.ndarray:
            k = len(self.mean_)
            from_prior = np.random.random_sample(size) < self.defensive
            g = np.random.chisquare(self.df, size=size) / self.df
            z = np.random.multivariate_normal(np.zeros(k), self.shape_, size=size) / np.sqrt(g)[:, None]
            return np.where(from_prior[:, None], np.random.standard_normal((size, k)), self.mean_ + z)

        def rvs_single(self) -> Parameter:
            return Parameter(dict(zip(self.X.columns, self._draw(1)[0].tolist())))

        def rvs(self, size: int | None = None):
            if size is None:
                return self.rvs_single()
            return pd.DataFrame(self._draw(size), columns=self.X.columns)

        def pdf(self, x):
            if isinstance(x, pd.DataFrame):
                arr = x[self.X.columns].to_numpy(dtype=float)
            else:
                arr = np.array([x[k] for k in self.X.columns], dtype=float)
            dens = (1 - self.defensive) * self.t_.pdf(arr) + self.defensive * self.prior_.pdf(arr)
            return dens if isinstance(x, pd.DataFrame) else float(dens)

    return GaussianProposal


def _transition(settings: Settings):
    if settings.kernel == "kde":
        return _pyabc().MultivariateNormalTransition(scaling=settings.kernel_scaling)
    if settings.kernel == "t":
        return _transition_class()(scaling=settings.kernel_scaling)
    raise FlashpointError(f"unknown kernel {settings.kernel!r}: t or kde")


def _sampler_class():
    pyabc = _pyabc()
    from pyabc.inference_util import inference_util as iu
    from pyabc.parameters import Parameter
    from pyabc.population import Particle

    class BatchSampler(pyabc.sampler.Sampler):
        """Evaluates a population's proposals in batches, one ``simulate`` call per batch."""

        def __init__(self, model, *, batch_min: int = 200, batch_max: int = 2500,
                     progress: Callable[[dict], None] | None = None):
            super().__init__()
            self.model = model
            self.batch_min, self.batch_max = batch_min, batch_max
            self.progress = progress
            self.rate = 0.5
            self.last = None     # (t, ok, accepted, evaluations) of the last sampling
            self.deadline = math.inf  # perf_counter() time after which no new batch starts
            self.timed_out = False

        def _propose(self, mode: str, kw: dict, t: int, size: int) -> list:
            """``size`` (model, parameter) proposals. With one model and a ``BoxPrior`` they are drawn in
            one vectorized call of the fitted transition (``Transition.rvs(size)``), keeping those inside
            the prior's box: what ``generate_valid_proposal`` does one draw at a time."""
            prior = kw["parameter_priors"][0]
            single = len(kw["parameter_priors"]) == 1 and hasattr(prior, "inside")
            if not single:
                if mode == "prior":
                    ms = [int(kw["model_prior"].rvs()) for _ in range(size)]
                    return [(m, kw["parameter_priors"][m].rvs()) for m in ms]
                return [iu.generate_valid_proposal(
                    t=t, m=kw["m"], p=kw["p"], model_prior=kw["model_prior"], parameter_priors=kw["parameter_priors"],
                    model_perturbation_kernel=kw["model_perturbation_kernel"], transitions=kw["transitions"])
                    for _ in range(size)]
            if mode == "prior" or t == 0:
                arrays = prior.rvs_array(size)
            else:
                parts, have, tries = [], 0, 0
                while have < size:
                    draw = kw["transitions"][0].rvs(size=max(64, 2 * (size - have)))
                    arr = draw[prior.keys].to_numpy(dtype=float)
                    arr = arr[prior.inside(arr)]
                    parts.append(arr)
                    have += len(arr)
                    tries += 1
                    if tries > 1000:
                        raise FlashpointError("the perturbation kernel keeps proposing outside the priors")
                arrays = np.concatenate(parts)[:size]
            return [(0, Parameter(dict(zip(prior.keys, row)))) for row in arrays.tolist()]

        def _report(self, **info):
            if self.progress is not None:
                self.progress(info)

        def sample_until_n_accepted(self, n, simulate_one, t, *, max_eval=np.inf, all_accepted=False,
                                    ana_vars=None):
            func = getattr(simulate_one, "func", None)
            kw = dict(getattr(simulate_one, "keywords", {}) or {})
            started = time.perf_counter()
            sample = self._create_empty_sample()
            eps = None
            if func is iu._simulate_one and kw.get("evaluate", True):
                mode = "smc"
                eps = float(kw["eps"](t))
            elif func is iu._simulate_one_from_prior:
                mode = "prior"
            else:
                mode = "single"
            self._report(event="start", t=t, n=n, eps=eps, mode=mode)
            evals = accepted = 0
            rate = 1.0 if mode == "prior" else self.rate
            while accepted < n and evals < max_eval:
                if time.perf_counter() > self.deadline:
                    self.timed_out = True
                    break
                remaining = n - accepted
                size = int(np.clip(math.ceil(remaining / max(rate, 1e-3) * 1.15) + 8, self.batch_min, self.batch_max))
                if mode == "prior":
                    size = min(remaining, self.batch_max)
                if math.isfinite(max_eval):
                    size = int(min(size, max_eval - evals))
                got = used = 0
                if mode == "single":
                    for _ in range(size):
                        particle = simulate_one()
                        sample.append(particle)
                        used += 1
                        got += particle.accepted
                        if accepted + got >= n:
                            break
                else:
                    proposals = self._propose(mode, kw, t, size)
                    self.model.prefetch([theta for _, theta in proposals], seed=np.random.randint(2**31 - 1))
                    try:
                        for m_ss, theta in proposals:
                            if mode == "prior":
                                result = kw["models"][m_ss].summary_statistics(0, theta, kw["summary_statistics"])
                                particle = Particle(m=m_ss, parameter=theta, weight=1.0, sum_stat=result.sum_stat,
                                                    distance=np.inf, accepted=True, proposal_id=0,
                                                    preliminary=False)
                            else:
                                particle = iu.evaluate_proposal(
                                    m_ss, theta, t=t, models=kw["models"], summary_statistics=kw["summary_statistics"],
                                    distance_function=kw["distance_function"], eps=kw["eps"], acceptor=kw["acceptor"],
                                    x_0=kw["x_0"], weight_function=kw["weight_function"],
                                    proposal_id=kw["proposal_id"])
                            sample.append(particle)
                            used += 1
                            got += bool(particle.accepted)
                            if accepted + got >= n:
                                break
                    finally:
                        self.model.queue.clear()
                evals += used
                accepted += got
                if mode != "prior":
                    rate = max(got, 0.5) / max(used, 1)
                self._report(event="batch", t=t, n=n, accepted=accepted, evaluations=evals, eps=eps, mode=mode,
                             seconds=time.perf_counter() - started)
            if mode == "smc":
                self.rate = rate
            self.nr_evaluations_ = evals
            if sample.n_accepted < n:
                sample.ok = False
            self.last = (t, sample.ok, sample.n_accepted, evals)
            w = np.array([p.weight for p in sample.accepted_particles], dtype=float)
            ess = float(w.sum() ** 2 / np.sum(w * w)) if w.size and np.sum(w * w) > 0 else 0.0
            self._report(event="done", t=t, n=n, accepted=sample.n_accepted, evaluations=evals, eps=eps, mode=mode,
                         ess=ess, ok=sample.ok, seconds=time.perf_counter() - started)
            return sample

    return BatchSampler


# -- running -------------------------------------------------------------------------------------
@dataclass
class Result:
    posterior: object            # flashpoint.calibration.posterior.Posterior
    path: Path | None
    checkpoint: Path
    seconds: float
    generations: pd.DataFrame
    stopped: str


def default_checkpoint(out: Path) -> Path:
    return Path(out).with_name(Path(out).stem + ".abc.db")


def _read_checkpoint_meta(db: Path) -> dict:
    pyabc = _pyabc()
    hist = pyabc.History(f"sqlite:///{db}")
    try:
        ids = hist.all_runs()
        if not ids:
            raise FlashpointError(f"{db}: the checkpoint holds no calibration run")
        run_id = ids[-1].id
        hist.id = run_id
        options = ast.literal_eval(hist.get_abc().json_parameters or "{}")
        meta = json.loads(options.get("flashpoint", "{}"))
        meta["_abc_id"] = run_id
        meta["_max_t"] = int(hist.max_t)
        pops = hist.get_all_populations()
        meta["_seconds"] = float(pops.loc[pops["t"] >= 0, "wall_time"].fillna(0).sum()) if len(pops) else 0.0
        return meta
    finally:
        del hist


def calibrate(settings: Settings, out: str | Path | None, *, checkpoint: str | Path | None = None,
              resume: bool = False, targets: Targets | None = None,
              progress: Callable[[dict], None] | None = None, fixed: dict | None = None) -> Result:
    """Run (or resume) ABC-SMC and write the posterior to ``out`` (Parquet; None: do not write)."""
    pyabc = _pyabc()
    from flashpoint.calibration.posterior import Posterior, save_posterior

    if out is None and checkpoint is None:
        raise ValueError("give out or checkpoint")
    db = Path(checkpoint) if checkpoint else default_checkpoint(Path(out))
    if resume:
        if not db.exists():
            raise FlashpointError(f"--resume: no checkpoint {db} (a calibration writes it beside --out)")
        stored = _read_checkpoint_meta(db)
        prior = Settings(**stored["settings"])
        ours = settings.identity()
        for key, value in prior.identity().items():
            if ours[key] != value and ours[key] != getattr(Settings(), key):
                raise FlashpointError(f"--resume: the checkpoint {db} was made with {key}={value!r}, "
                                      f"not {ours[key]!r}; drop the option or start afresh without --resume")
        # limits may change on resume; the problem itself is the stored one
        settings = Settings(**{**asdict(prior), **{k: getattr(settings, k) for k in
                                                   ("generations", "min_acceptance", "max_simulations",
                                                    "max_minutes", "predictive_runs")}})
        if stored.get("targets") is not None:
            targets = Targets.from_dicts(stored["targets"], data=settings.data)
    problem = build_problem(settings, targets)
    if fixed:
        problem.fixed = dict(fixed)
    # a one-run smoke simulation: checks target indicators before any long work
    from flashpoint.engine import simulate

    problem.targets.summaries(simulate(problem.scenario, policy=problem.policy, runs=1, seed=0))

    model = _model_class()(problem)
    sampler = _sampler_class()(model, progress=progress)
    prior = _prior_class()(problem.keys)
    abc = pyabc.ABCSMC(model, prior, problem.targets.distance_of_counts, population_size=settings.population,
                       eps=pyabc.epsilon.QuantileEpsilon(alpha=0.5), sampler=sampler,
                       transitions=_transition(settings))
    meta = {"settings": asdict(settings), "names": problem.names, "targets": problem.targets.as_dicts()}
    started = time.perf_counter()
    if resume:
        abc.load(f"sqlite:///{db}", stored["_abc_id"])
        done = stored["_max_t"] + 1
        np.random.seed((settings.seed + 7919 * done) % (2**32))
    else:
        db.parent.mkdir(parents=True, exist_ok=True)
        for stale in (db, db.with_name(db.name + "-journal")):
            stale.unlink(missing_ok=True)
        np.random.seed(settings.seed)
        abc.new(f"sqlite:///{db}", {"counts": np.array(list(problem.targets.observed().values()))},
                meta_info={"flashpoint": json.dumps(meta)})
        done = 0
    left = settings.generations - done
    stopped = "generation limit"
    if left > 0:
        elapsed_before = float(stored.get("_seconds", 0)) if resume else 0.0
        budget = max(0.05, settings.max_minutes - elapsed_before / 60)
        sampler.deadline = time.perf_counter() + 60 * budget
        history = abc.run(minimum_epsilon=0.0, max_nr_populations=left, min_acceptance_rate=settings.min_acceptance,
                          max_total_nr_simulations=settings.max_simulations,
                          max_walltime=timedelta(minutes=budget))
    else:
        history = abc.history
    seconds = time.perf_counter() - started
    gens = history.get_all_populations()
    gens = gens[gens["t"] >= 0].reset_index(drop=True)
    if gens.empty:
        raise FlashpointError("the calibration produced no generation (try a larger --max-minutes)")
    stopped = _why_stopped(gens, settings, sampler.last, sampler.timed_out)
    frame, w = history.get_distribution(m=0, t=int(history.max_t))
    samples = pd.DataFrame({name: lo + (hi - lo) * to_unit(frame[key].to_numpy(float))
                            for name, key, lo, hi in zip(problem.names, problem.keys, problem.lows, problem.highs)})
    samples["weight"] = np.asarray(w, dtype=float)
    post = Posterior(samples=samples, meta={})
    post.meta = posterior_meta(problem, settings, post, gens, seconds + (stored["_seconds"] if resume else 0.0),
                               stopped)
    path = None
    if out is not None:
        path = save_posterior(out, samples, post.meta)
    return Result(posterior=post, path=path, checkpoint=db, seconds=seconds, generations=gens, stopped=stopped)


def _why_stopped(gens: pd.DataFrame, settings: Settings, last_sampling=None, timed_out: bool = False) -> str:
    if timed_out:
        return (f"the time limit ({settings.max_minutes:g} min) ran out during generation {last_sampling[0]}; "
                f"the posterior is generation {last_sampling[0] - 1}")
    if last_sampling is not None and not last_sampling[1]:
        t, _, accepted, evals = last_sampling
        return (f"generation {t} accepted only {accepted:,} of {settings.population:,} particles in {evals:,} "
                f"runs (acceptance below {settings.min_acceptance}); the posterior is generation {t - 1}")
    last = gens.iloc[-1]
    rate = last["particles"] / last["samples"] if last["samples"] else 0
    if len(gens) >= settings.generations:
        return f"{settings.generations} generations"
    if rate < settings.min_acceptance:
        return f"acceptance rate {rate:.3f} below {settings.min_acceptance}"
    if gens["samples"].sum() >= settings.max_simulations:
        return f"{settings.max_simulations:,} simulations"
    if last["epsilon"] <= 0:
        return "epsilon reached 0"
    return "the time limit"


def predictive(problem: Problem, draws: dict[str, np.ndarray] | None, runs: int, seed: int) -> dict[str, np.ndarray]:
    """Per target, simulated counts of ``runs`` runs (posterior draws, or the defaults when None)."""
    from flashpoint.engine import simulate

    ov = dict(draws or {})
    ov.update(problem.fixed)
    ens = simulate(problem.scenario, policy=problem.policy, runs=runs, seed=seed, overrides=ov)
    return problem.targets.summaries(ens)


def fit_table(problem: Problem, sums: dict[str, np.ndarray]) -> list[dict]:
    rows = []
    for t in problem.targets:
        x = sums[t.id]
        q = np.quantile(x, (0.05, 0.5, 0.95))
        reaches = ((math.isnan(t.high) or q[0] <= t.high) and (math.isnan(t.low) or q[2] >= t.low))
        rows.append({"id": t.id, "q05": float(q[0]), "q50": float(q[1]), "q95": float(q[2]),
                     "inside": float(np.mean(t.discrepancy(x) == 0)), "covered": bool(reaches)})
    return rows


def posterior_meta(problem: Problem, settings: Settings, post, gens: pd.DataFrame, seconds: float,
                   stopped: str) -> dict:
    import pyabc

    from flashpoint.calibration.posterior import weighted_quantile

    runs = max(1, settings.predictive_runs)
    draws = post.sample(runs, seed=settings.seed + 1)
    fit_post = fit_table(problem, predictive(problem, draws, runs, settings.seed + 2))
    fit_default = fit_table(problem, predictive(problem, None, runs, settings.seed + 2))
    targets = []
    for t, fp, fd in zip(problem.targets.as_dicts(), fit_post, fit_default):
        targets.append({**t, "posterior": {k: fp[k] for k in ("q05", "q50", "q95", "inside", "covered")},
                        "defaults": {k: fd[k] for k in ("q05", "q50", "q95", "inside", "covered")}})
    params = {}
    for name, lo, hi, default in zip(problem.names, problem.lows, problem.highs, problem.defaults):
        q = weighted_quantile(post.samples[name].to_numpy(float), post.weights, (0.05, 0.5, 0.95))
        params[name] = {"low": float(lo), "high": float(hi), "default": float(default),
                        "q05": float(q[0]), "q50": float(q[1]), "q95": float(q[2]),
                        "identified": bool((q[2] - q[0]) <= IDENTIFIED_WIDTH * (hi - lo))}
    sc = problem.full_scenario
    try:
        digest = scenario_digest(settings.scenario)
    except FlashpointError:
        digest = None
    return {
        "scenario": {"name": sc.name, "source": str(settings.scenario), "digest": digest,
                     "start": str(sc.start), "end": str(sc.end), "simulated_to": str(problem.scenario.end)},
        "data": settings.data,
        "until": settings.until,
        "policy": settings.policy,
        "parameters": params,
        "targets": targets,
        "skipped": [{"row": w, "reason": r} for w, r in problem.targets.skipped],
        "fixed": {k: float(v) for k, v in problem.fixed.items() if np.ndim(v) == 0},
        "generations": [{"t": int(r.t), "epsilon": float(r.epsilon), "samples": int(r.samples),
                         "particles": int(r.particles), "acceptance_rate": float(r.particles / r.samples)}
                        for r in gens.itertuples()],
        "simulations": int(gens["samples"].sum()),
        "stopped": stopped,
        "seconds": round(float(seconds), 1),
        "settings": asdict(settings),
        "method": f"ABC-SMC (pyabc {pyabc.__version__}): uniform priors on the declared ranges, multivariate "
                  "normal kernel, median epsilon schedule, interval discrepancy distance; one run per particle",
        "created": pd.Timestamp.now().isoformat(timespec="seconds"),
    }


#: Parameters with no pathway to attacks on foreign forces before 2021 (consent acts on coalition
#: drawdowns only weakly; the spoiler and the 2021 election not at all): the record cannot inform
#: them, and choosing defaults from a calibration leaves them at their sourced values.
NO_PATHWAY = ("consent.casualty_cost", "spoiler.tension_gain", "politics.swing_mean")


#: The replay patterns the ODD (section 1) checks the defaults against (tests/core/test_replay.py):
#: the 5-95 % band of each count must reach into [low, high].
REPLAY_PATTERNS = (
    ("attacks_on_foreign_forces", "2019-10-01", "2020-03-11", 22, 22),
    ("attacks_on_foreign_forces", "2020-07-23", "2020-09-24", 32, 64),
    ("attacks_on_foreign_forces.indirect_fire", "2020-01-01", "2020-10-10", 55, 110),
)


def select_defaults(post, settings: Settings | None = None, *, candidates: int = 100, replicates: int = 200,
                    seed: int = 0, keep: tuple[str, ...] = NO_PATHWAY, patterns=REPLAY_PATTERNS) -> dict:
    """A single parameter vector from a posterior, for the scenario's defaults.

    The candidates are the current defaults and the ``candidates`` particles of highest weight. Each
    is simulated ``replicates`` times and scored by the mean ABC distance (``Targets.distances``) to
    the posterior's targets; the ten best and the defaults are then scored again with fresh random
    numbers and twice the replicates. A finalist must keep the ODD's replay ``patterns`` (its 5-95 %
    band reaches each pattern's range). Among the finalists whose score is not worse than the best
    by more than two standard errors of the difference, the one nearest to the current defaults (in
    the normal-score coordinates of the priors) is chosen: the smallest change the data ask for. If
    the defaults themselves are among them, nothing changes. Parameters in ``keep`` stay at their
    defaults. Returns the chosen values, the scores and the defaults' score.
    """
    from flashpoint.engine import simulate

    meta = post.meta
    settings = settings or Settings(**meta["settings"])
    targets = Targets.from_dicts(meta["targets"], data=meta["data"])
    problem = build_problem(settings, targets)
    names = [n for n in problem.names if n in post.names]
    order = np.argsort(post.weights)[::-1][:candidates]
    default = {n: float(d) for n, d in zip(problem.names, problem.defaults)}
    rows = [default] + [{n: (default[n] if n in keep else float(post.samples[n].iloc[i])) for n in names}
                        for i in order]
    k = len(rows)

    from flashpoint.calibration.targets import period_totals

    pattern_keys = [(f"pattern{i}", ind, pd.Timestamp(a), pd.Timestamp(b)) for i, (ind, a, b, _, _) in
                    enumerate(patterns)]

    def scored(idx: list[int], reps: int, seed0: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        out = np.empty((len(idx), reps))
        ok = np.ones(len(idx), dtype=bool)
        step = max(1, 2500 // reps)              # candidates per simulate call (one block of runs)
        for c0 in range(0, len(idx), step):
            chunk = [rows[i] for i in idx[c0:c0 + step]]
            ov = {n: np.repeat([r[n] for r in chunk], reps) for n in names}
            ens = simulate(problem.scenario, policy=problem.policy, runs=len(chunk) * reps, seed=seed0 + c0,
                           overrides=ov)
            out[c0:c0 + len(chunk)] = targets.distances(targets.summaries(ens)).reshape(len(chunk), reps)
            sums = period_totals(ens, pattern_keys)
            for (key, *_), (_, _, _, lo, hi) in zip(pattern_keys, patterns):
                q = np.quantile(sums[key].reshape(len(chunk), reps), (0.05, 0.95), axis=1)
                ok[c0:c0 + len(chunk)] &= (q[1] >= lo) & (q[0] <= hi)
        return out.mean(axis=1), out.std(axis=1, ddof=1) / np.sqrt(reps), ok

    # stage 1 screens every candidate; stage 2 scores the best ten and the defaults afresh (new
    # random numbers, twice the replicates), so that the choice does not rest on a lucky draw
    first, _, _ = scored(list(range(k)), replicates, seed)
    finalists = sorted(set([0] + list(np.argsort(first)[:10])))
    mean_f, se_f, ok_f = scored(finalists, 2 * replicates, seed + 100_003)
    mean = np.full(k, np.inf)
    se = np.full(k, np.inf)
    keeps = np.zeros(k, dtype=bool)
    mean[finalists], se[finalists], keeps[finalists] = mean_f, se_f, ok_f
    rejected = [i for i in finalists if not keeps[i] and i != 0]
    finalists = [i for i in finalists if keeps[i] or i == 0]
    mean[rejected] = np.inf
    best = int(np.argmin(mean))
    near = [i for i in finalists if mean[i] <= mean[best] + 2 * np.sqrt(se[i] ** 2 + se[best] ** 2)]
    lows, highs = problem.lows, problem.highs

    def score_coords(r):
        return from_unit((np.array([r[n] for n in problem.names]) - lows) / (highs - lows))

    d0 = score_coords(default)
    chosen = int(min(near, key=lambda i: float(np.sum((score_coords(rows[i]) - d0) ** 2))))
    return {"values": rows[chosen], "score": float(mean[chosen]), "score_se": float(se[chosen]),
            "best_score": float(mean[best]), "defaults_score": float(mean[0]), "defaults_se": float(se[0]),
            "chosen_is_defaults": chosen == 0, "candidates": k, "replicates": replicates,
            "near_best": int(len(near)), "defaults_keep_patterns": bool(keeps[0]),
            "finalists_failing_patterns": len(rejected)}
