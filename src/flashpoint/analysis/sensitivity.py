"""Global sensitivity of the claims (SALib): where in the parameter space a claim holds, and why.

Design
------
- **Which parameters.** By default every parameter the scenario declares with a range (as the
  structure audit's design), but those both policies of every claim set, those of mechanisms no compared
  policy runs and those acting only through entries none of them has. Each is drawn uniformly over its declared plausible range.
  Parameters a user fixes (overrides) are not drawn. Until 2026-12-03 only the calibratable ones and
  the claims' own ``parameters`` were drawn (43 of the first built-in's 123): a held-out review found H1's
  leading factor in the audit outside that set and its robustness halved over the whole space.
  Where a policy sets a parameter itself (``restraint`` sets the strike probabilities to 0), that
  policy keeps its own value: the sample describes the world, the policies the decisions.
- **Sample.** A Latin hypercube of ``samples`` points (``SALib.sample.latin``) over the ``D``
  parameters **plus one dummy** that the model never reads, and the first eighth of the points
  once more (to measure the model's own randomness). Each point is one run under each policy, all
  in **one** vectorized ``simulate`` call per policy (per-run parameter arrays), with the same run
  index, hence the same random stream, under every policy: differences are paired as in ``compare``.
- **Output.** Per claim and point, the signed relative paired difference
  ``r = sign (a - b) / (|a| + |b| + eps)`` of the claim's indicator over its window (``a`` the
  policy, ``b`` the baseline; ``sign`` +1 for "higher", -1 for "lower"): positive where the claim
  holds in that pair of runs, bounded in [-1, 1] so that a few explosive runs do not dominate.
- **Indices.** First-order Sobol' indices ``S1`` (the share of the variance of ``r`` that a
  parameter explains alone, ``Var(E[r | x_i]) / Var(r)``), estimated with RBD-FAST/EASI
  (``SALib.analyze.rbd_fast``, bias-corrected, 95% bootstrap intervals). This estimator uses every
  run for every parameter, which matters here: each point is one stochastic run, and for several
  claims most of the variance of ``r`` is the model's own randomness (``noise_share``, from the
  repeated points). Saltelli's pick-freeze estimator (``SALib.analyze.sobol``) was tried first and
  could not separate any parameter from that noise at an affordable sample size (docs/claims.md).
  The dummy's index is the floor that noise and estimation reach alone: ``S1_net = S1 - max(S1(dummy), 0)``
  (a negative estimate for the dummy is estimation noise, which subtracted would raise every index).
  The **deciding parameters** are those with ``S1_net >= DECIDING_MIN`` and above its 95%
  half-width, ranked by ``S1_net``. Interactions are not resolved: ``1 - noise_share - sum(S1)``
  bounds what they and estimation error leave.
- **Robustness.** The claim's probability as a function of the parameters, ``p(theta)``, is
  estimated by a ridge-penalised logistic regression of "holds" on the parameters (linear and
  quadratic terms, and the pairwise products of the four leading parameters), fitted on all
  sampled runs, over the claim's own ``parameters`` and the ``SURFACE_MAX`` leading ones by
  ``S1_net`` (the others' effects average into it). The **robustness** is the share of the sampled (uniform) parameter points where
  ``p(theta)`` reaches the claim's ``supported_at`` threshold, i.e. where the claim would be
  judged supported; the shares where it would be undecided or not supported are given too, with
  the raw share of sampled runs in which it held (parameter and run uncertainty together).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from flashpoint.analysis import policy_overrides
from flashpoint.analysis.audit import design_parameters
from flashpoint.errors import FlashpointError
from flashpoint.scenario.parameters import parameters as declared_parameters
from flashpoint.scenario.schema import Claim, Scenario

__all__ = ["default_parameters", "ClaimSensitivity", "run_sensitivity", "first_order_indices", "relative_difference",
           "ProbabilitySurface", "counter_settings", "DECIDING_MIN"]

#: a parameter decides a claim if its first-order index, net of the dummy's, reaches this share of the variance
DECIDING_MIN = 0.01
#: name of the parameter the model never reads
DUMMY = "(dummy)"
#: at most this many deciding parameters are listed
DECIDING_MAX = 10
#: which parameters the sample draws, and which it leaves at their defaults (said beside every robustness)
SAMPLED = ("every parameter with a range but those fixed, those both of each claim's policies set, and those that "
           "cannot act under the compared policies (of a mechanism off or idle under all of them, acting only "
           "through schedule entries none of them has, or scaling a relation that is 0 throughout): the structure "
           "audit's design")
#: the probability surface's parameters besides the claim's own ``parameters``: the leading ones by S1_net (a
#: quadratic in each of about 120 parameters would over-fit a few thousand runs that hold or do not)
SURFACE_MAX = 16
#: below this McFadden pseudo-R^2 the surface says little about where the claim holds (assumption; a surface fitted
#: to pure noise at 4,096 points and about 40 terms reaches about 0.01): the robustness is then the share of runs
#: that hold against the threshold, and by chance near it (a held-out review: 0.33 from a noise-only surface)
SURFACE_R2_MIN = 0.05


def _salib():
    try:
        from SALib.analyze import rbd_fast as analyze
        from SALib.sample import latin as sample
    except ImportError:  # pragma: no cover - depends on the environment
        raise FlashpointError("the sensitivity analysis needs SALib: pip install 'flashpoint[analysis]' "
                              "(or run `flashpoint claims --samples 0` to skip it)") from None
    return sample, analyze


def default_parameters(scenario: Scenario, claims: Sequence[Claim], fixed: Sequence[str] = ()) -> list[str]:
    """Every declared parameter with a range (the plausible space a claim's robustness is a share of, as the structure
    audit's design, :func:`flashpoint.analysis.audit.design_parameters`), without those fixed, those both policies
    of every claim set (a policy's decision is not a fact of the world), those of a mechanism off under every
    compared policy (:func:`flashpoint.analysis.idle_mechanisms`: nothing would depend on them) and those acting only
    through entries none of them has (:func:`flashpoint.scenario.parameters.idle_parameters`). Each claim's
    ``parameters`` must be declared."""
    declared = declared_parameters(scenario)
    for c in claims:
        for n in c.parameters:
            if n not in declared:
                raise FlashpointError(f"claim {c.id}: parameters names unknown parameter {n!r}; "
                                      "`flashpoint scenario show` lists them")
    return design_parameters(scenario, claims, fixed)


def relative_difference(a: np.ndarray, b: np.ndarray, claim: Claim, count: bool) -> np.ndarray:
    """``claim.signed(a - b) / (|a| + |b| + eps)``: the signed difference beyond the claim's margin, relative to the
    totals' size; positive where the claim holds (``higher``, ``lower``; at 0 too for ``not_*``)."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    eps = 1.0 if count else 1e-12
    return claim.signed(a - b) / (np.abs(a) + np.abs(b) + eps)


# -- indices --------------------------------------------------------------------------------------

#: harmonics summed by RBD-FAST/EASI (SALib's default)
HARMONICS = 10
#: bootstrap resamples for the 95% half-width of S1
RESAMPLES = 200
#: the fewest points the indices mean something at: the bootstrap's half-size resamples then have twice as
#: many frequencies as the harmonics summed (at 16 points every harmonic is summed: S1 = 1 for every
#: parameter and the dummy, S1_conf = 0, as a held-out user's table showed)
MIN_SAMPLES = 8 * HARMONICS


def easi_first_order(x: np.ndarray, y: np.ndarray, harmonics: int = HARMONICS) -> float:
    """First-order index of ``y`` on ``x`` by RBD-FAST/EASI, bias-corrected (SALib's rbd_fast functions)."""
    _, analyze = _salib()
    s1 = analyze.compute_first_order(analyze.permute_outputs(x, y), harmonics)
    return float(analyze.unskew_S1(s1, harmonics, y.size))


def easi_interval(x: np.ndarray, y: np.ndarray, harmonics: int = HARMONICS, resamples: int = RESAMPLES,
                  seed: int = 0, conf_level: float = 0.95) -> float:
    """The 95% half-width of :func:`easi_first_order` by SALib's bootstrap (half-size resamples, normal
    approximation), vectorized over resamples."""
    from scipy.signal import periodogram
    from scipy.stats import norm

    _, analyze = _salib()
    rng = np.random.default_rng(seed)
    n = y.size
    half = n // 2
    idx = rng.choice(n, size=(resamples, half), replace=True)
    xs, ys = x[idx], y[idx]
    order = np.argsort(xs, axis=1, kind="stable")
    order = np.concatenate([order[:, ::2], order[:, 1::2][:, ::-1]], axis=1)    # EASI's zig-zag permutation
    permuted = np.take_along_axis(ys, order, axis=1)
    _, power = periodogram(permuted, axis=1)
    total = power[:, 1:].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        s1 = np.where(total > 0, power[:, 1:harmonics + 1].sum(axis=1) / total, 0.0)
    s1 = analyze.unskew_S1(s1, harmonics, half)
    return float(norm.ppf(0.5 + conf_level / 2.0) * s1.std(ddof=1))


def first_order_indices(names: list[str], design: np.ndarray, y: np.ndarray, y_repeat: np.ndarray | None = None,
                        seed: int = 0) -> tuple[pd.DataFrame, float]:
    """First-order Sobol' indices of outputs ``y`` at the points ``design`` (unit scale), whose last
    column is a dummy the model does not read; ``y_repeat`` are second runs at the first points.

    Returns (table indexed by the real parameters with S1, S1_conf, S1_net, noise_share).
    """
    _, analyze = _salib()
    k = len(names) + 1
    y = np.asarray(y, dtype=np.float64)
    if design.shape != (y.size, k):
        raise ValueError(f"design {design.shape} does not fit {y.size} outputs and {k} columns")
    index = pd.Index(list(names) + [DUMMY], name="parameter")
    variance = np.var(y)
    noise = float("nan")
    if y_repeat is not None and len(y_repeat) and variance > 0:
        rep = np.asarray(y_repeat, dtype=np.float64)
        noise = float(np.clip(np.mean((y[:len(rep)] - rep) ** 2) / 2 / variance, 0.0, 1.0))
    if not np.isfinite(variance) or np.ptp(y) == 0:
        table = pd.DataFrame(0.0, index=index, columns=["S1", "S1_conf"])
    else:
        s1 = [easi_first_order(design[:, i], y) for i in range(k)]
        conf = [easi_interval(design[:, i], y, seed=seed + i) for i in range(k)]
        table = pd.DataFrame({"S1": s1, "S1_conf": conf}, index=index)
    # net of the dummy's estimate where it is above 0; a negative one is estimation noise (the estimator has no
    # bias to remove: on pure noise its mean is about 0), and subtracting it raised every index (a held-out
    # tester saw 0.65 net of 0.62 raw)
    table["S1_net"] = np.clip(table["S1"] - max(float(table.loc[DUMMY, "S1"]), 0.0), 0.0, None)
    return table.drop(index=DUMMY), noise


# -- probability surface (robustness) ------------------------------------------------------------

@dataclass
class ProbabilitySurface:
    """p(theta): ridge-penalised logistic regression of "the claim holds" on unit-scaled parameters."""

    columns: list[int]                 # which parameter columns enter
    pairs: list[tuple[int, int]]       # pairwise products (indices into columns)
    weights: np.ndarray
    constant: float | None = None      # set when every run agreed: p is that constant
    pseudo_r2: float = float("nan")

    @staticmethod
    def features(u: np.ndarray, columns, pairs) -> np.ndarray:
        z = 2.0 * u[:, columns] - 1.0
        parts = [np.ones((len(u), 1)), z, z ** 2 - 1.0 / 3.0]
        if pairs:
            parts.append(np.stack([z[:, i] * z[:, j] for i, j in pairs], axis=1))
        return np.concatenate(parts, axis=1)

    @classmethod
    def fit(cls, u: np.ndarray, holds: np.ndarray, columns: list[int], leading: list[int],
            ridge: float = 1.0) -> "ProbabilitySurface":
        from scipy.optimize import minimize

        holds = np.asarray(holds, dtype=np.float64)
        lead = [columns.index(c) for c in leading[:4] if c in columns]
        pairs = [(lead[i], lead[j]) for i in range(len(lead)) for j in range(i + 1, len(lead))]
        share = holds.mean()
        if share in (0.0, 1.0) or not columns:
            return cls(columns, pairs, np.zeros(0), constant=float(share), pseudo_r2=0.0)
        x = cls.features(u, columns, pairs)
        y = 2.0 * holds - 1.0
        penalty = np.r_[0.0, np.full(x.shape[1] - 1, ridge)]

        def loss(w):
            f = x @ w
            value = np.logaddexp(0.0, -y * f).sum() + 0.5 * np.sum(penalty * w * w)
            grad = x.T @ (1.0 / (1.0 + np.exp(-f)) - holds) + penalty * w
            return value, grad

        w0 = np.zeros(x.shape[1])
        w0[0] = np.log(share / (1 - share))
        res = minimize(loss, w0, jac=True, method="L-BFGS-B", options={"maxiter": 500})
        ll_const = -(holds * np.log(share) + (1 - holds) * np.log(1 - share)).sum()
        ll_model = np.logaddexp(0.0, -y * (x @ res.x)).sum()
        return cls(columns, pairs, res.x, pseudo_r2=float(1.0 - ll_model / ll_const))

    def __call__(self, u: np.ndarray) -> np.ndarray:
        if self.constant is not None:
            return np.full(len(u), self.constant)
        f = self.features(u, self.columns, self.pairs) @ self.weights
        return 1.0 / (1.0 + np.exp(-f))


# -- results -------------------------------------------------------------------------------------

@dataclass
class ClaimSensitivity:
    claim_id: str
    indices: pd.DataFrame              # per parameter: S1, S1_conf, S1_net, correlation, varied
    noise_share: float
    robustness: float                  # share of the parameter space where the claim would be supported
    shares: dict[str, float]           # supported / undecided / not_supported
    probability_over_sample: float     # share of sampled runs where it held
    pseudo_r2: float
    points: int
    lows: dict[str, float] = field(default_factory=dict)
    highs: dict[str, float] = field(default_factory=dict)
    ranged: int = 0                    # the scenario's parameters with a range: the space the sampled ones are part of
    moved: bool = True                 # whether the policy changed the claim's total in any sampled pair

    @property
    def sampled(self) -> int:
        """The parameters this claim's sample varies (the rest stay at their defaults)."""
        return int(self.indices["varied"].sum())

    @property
    def deciding(self) -> list[tuple[str, float]]:
        """Ranked (parameter, S1_net) with S1_net >= DECIDING_MIN and above its 95% half-width, among the
        parameters this claim varies."""
        if not self.moved:       # every pair tied: the relative margin moves with the baseline's size, not the
            return []            # policy's effect (a held-out methodologist's tie had a "deciding" base rate)
        t = self.indices[self.indices["varied"]].sort_values("S1_net", ascending=False)
        t = t[(t["S1_net"] >= DECIDING_MIN) & (t["S1_net"] > t["S1_conf"])].head(DECIDING_MAX)
        return [(str(n), float(round(v, 4))) for n, v in t["S1_net"].items()]

    def to_dict(self) -> dict:
        t = self.indices.sort_values("S1_net", ascending=False)
        rows = []
        for name, r in t.iterrows():
            rows.append({"name": str(name), **{k: _f(r[k]) for k in INDEX_COLUMNS},
                         "direction": "+" if r["correlation"] > 0 else "-" if r["correlation"] < 0 else "0",
                         "correlation": _f(r["correlation"]), "varied": bool(r["varied"])})
        return {"method": "first-order Sobol' indices by RBD-FAST/EASI (SALib) on a Latin hypercube with a "
                          "dummy parameter", "points": self.points,
                "index": "S1_net: first-order Sobol' index of the signed relative paired difference, minus the "
                         "dummy parameter's where that is above 0 (the floor the model's own randomness gives)",
                "noise_share": _f(self.noise_share), "robustness_shares": {k: _f(v) for k, v in self.shares.items()},
                "space": {"sampled": self.sampled, "ranged": self.ranged,
                          "text": f"robustness over the space of {self.sampled} of the scenario's {self.ranged} "
                                  f"ranged parameters ({SAMPLED})"},
                "probability_over_sample": _f(self.probability_over_sample),
                "surface_pseudo_r2": _f(self.pseudo_r2),
                **({"surface_note": self.surface_note} if self.surface_note else {}), "parameters": rows}

    @property
    def surface_note(self) -> str | None:
        """What to say of a robustness whose surface explains little of whether the claim holds, or of one where the
        policy changed no sampled run."""
        if not self.moved:
            return ("the policy changes the claim's total in no sampled run (every pair ties): no parameter decides "
                    "it, and its robustness is what a tie gives the claim, not a finding")
        if not np.isfinite(self.pseudo_r2) or self.pseudo_r2 >= SURFACE_R2_MIN or self.shares.get("supported") in (0, 1):
            return None
        return (f"the parameters explain little of whether the claim holds (surface pseudo-R2 {self.pseudo_r2:.3f}, "
                f"under {SURFACE_R2_MIN}): the robustness mostly restates the share of sampled runs that hold "
                f"({self.probability_over_sample:.2f}) against the threshold, and near it is chance")


INDEX_COLUMNS = ("S1", "S1_conf", "S1_net")


def _f(v) -> float | None:
    v = float(v)
    return None if not np.isfinite(v) else round(v, 4)


def repeats(points: int) -> int:
    """How many of the first points are run twice (to measure the model's own randomness)."""
    return max(2, points // 8)


def counter_settings(sens: ClaimSensitivity, against: bool = True, k: int = 3) -> dict[str, float]:
    """The top-``k`` deciding parameters moved to the ends of their ranges that work against the claim
    (``against=True``) or for it: the end is chosen by the sign of the rank correlation between the
    parameter and the claim's signed difference over the sample."""
    out = {}
    for name, _ in sens.deciding[:k]:
        corr = sens.indices.loc[name, "correlation"]
        favours_high = corr > 0
        use_high = favours_high != against
        out[name] = sens.highs[name] if use_high else sens.lows[name]
    return out


def _rank_correlation(u: np.ndarray, y: np.ndarray) -> np.ndarray:
    def ranks(a):
        return pd.DataFrame(a).rank().to_numpy()
    ru = ranks(u)
    ry = ranks(y.reshape(-1, 1))[:, 0]
    ru = ru - ru.mean(axis=0)
    ry = ry - ry.mean()
    denom = np.sqrt((ru ** 2).sum(axis=0) * (ry ** 2).sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denom > 0, (ru * ry[:, None]).sum(axis=0) / denom, 0.0)


def run_sensitivity(scenario: Scenario, claims: Sequence[Claim], *, samples: int = 4096, seed: int = 0,
                    names: Sequence[str] | None = None, overrides: dict | None = None,
                    progress: Callable[[int, int], None] | None = None, backend: str = "local",
                    workers: int | None = None, address: str | None = None) -> dict[str, ClaimSensitivity]:
    """First-order indices, robustness and deciding parameters of every claim in ``claims``, over ``names``
    (default: :func:`default_parameters`) drawn on ``samples`` Latin hypercube points."""
    from flashpoint.engine import simulate
    from flashpoint.ensemble import INDICATORS

    sample, _ = _salib()
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or samples < MIN_SAMPLES:
        raise FlashpointError(f"samples must be an integer >= {MIN_SAMPLES} (parameter points; e.g. 4096), or 0 to skip "
                              f"the sensitivity analysis; got {samples!r}")
    declared = declared_parameters(scenario)
    fixed = list(overrides or {})
    names = list(dict.fromkeys(names)) if names is not None else default_parameters(scenario, claims, fixed)
    for n in names:
        if n not in declared:
            raise FlashpointError(f"unknown parameter {n!r} for the sensitivity analysis; "
                                  "`flashpoint scenario show` lists them")
        if declared[n].high <= declared[n].low:
            raise FlashpointError(f"parameter {n!r} has an empty range [{declared[n].low}, {declared[n].high}]")
    if not names:
        raise FlashpointError("no parameters to vary in the sensitivity analysis")
    d = len(names)
    lows = np.array([declared[n].low for n in names])
    highs = np.array([declared[n].high for n in names])
    problem = {"num_vars": d + 1, "names": names + [DUMMY], "bounds": [[0.0, 1.0]] * (d + 1)}
    design = sample.sample(problem, int(samples), seed=seed)
    points = len(design)
    u = np.vstack([design, design[:repeats(points)]])[:, :d]      # the points, then the first eighth again
    values = lows + u * (highs - lows)
    m = len(u)

    policies: list[str] = []
    for c in claims:
        for p in (c.policy, c.baseline):
            if p not in policies:
                policies.append(p)
    totals: dict[tuple[str, str], np.ndarray] = {}
    for k, pol in enumerate(policies):
        own = set(scenario.policies[pol].set)
        world = {**(overrides or {}), **{n: values[:, i] for i, n in enumerate(names)}}
        step = None
        if progress is not None:
            step = (lambda k: lambda done, total: progress(k * m + done, len(policies) * m))(k)
        ens = simulate(scenario, policy=pol, runs=m, seed=seed, overrides=policy_overrides(scenario, pol, world),
                       progress=step, backend=backend, workers=workers, address=address)
        for c in claims:
            if pol in (c.policy, c.baseline):
                totals[(c.id, pol)] = ens.total(c.indicator, *c.window)
        del ens
        totals[("__own__", pol)] = np.array(sorted(own), dtype=object)

    out: dict[str, ClaimSensitivity] = {}
    for c in claims:
        count = INDICATORS[c.indicator.partition(".")[0]].kind == "count"
        r = relative_difference(totals[(c.id, c.policy)], totals[(c.id, c.baseline)], c, count)
        table, noise = first_order_indices(names, design, r[:points], r[points:], seed=seed)
        own_both = set(totals[("__own__", c.policy)]) & set(totals[("__own__", c.baseline)])
        table["varied"] = [n not in own_both for n in names]
        table["correlation"] = _rank_correlation(u[:points], r[:points])
        holds = c.holds(totals[(c.id, c.policy)].astype(np.float64) - totals[(c.id, c.baseline)])
        varied_cols = [i for i, n in enumerate(names) if table.loc[n, "varied"]]
        ranked = table["S1_net"].to_numpy().argsort()[::-1]
        top = [int(i) for i in ranked if i in varied_cols][:SURFACE_MAX]      # leading first
        listed = {names.index(n) for n in c.parameters if n in names}
        surface = ProbabilitySurface.fit(u, holds, [i for i in varied_cols if i in listed or i in top], top[:4])
        p = surface(u[:points])
        shares = {"supported": float(np.mean(p >= c.supported_at)),
                  "not_supported": float(np.mean(p <= c.not_supported_at))}
        shares["undecided"] = 1.0 - shares["supported"] - shares["not_supported"]
        out[c.id] = ClaimSensitivity(
            claim_id=c.id, indices=table, noise_share=noise, robustness=shares["supported"], shares=shares,
            probability_over_sample=float(holds[:points].mean()), pseudo_r2=surface.pseudo_r2, points=points,
            lows=dict(zip(names, lows.tolist())), highs=dict(zip(names, highs.tolist())),
            ranged=sum(p.high > p.low for p in declared.values()),
            moved=bool(np.any(totals[(c.id, c.policy)] != totals[(c.id, c.baseline)])))
    return out
