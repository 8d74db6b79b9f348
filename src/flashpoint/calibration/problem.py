"""A calibration problem: the scenario cut at a date, the parameters and their priors, the
observations, and the simulated composite likelihood of a population of parameter vectors.

Each parameter vector is simulated ``replicates`` times; a population of them runs in one
vectorised ``simulate`` call per chunk of at most ``CHUNK_RUNS`` runs (per-run override arrays),
and only the observed quantities are kept from each chunk (``likelihood.features``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from flashpoint.calibration import likelihood
from flashpoint.calibration.observations import Observations, observe
from flashpoint.errors import FlashpointError
from flashpoint.scenario.loader import cut_from

CHUNK_RUNS = 4096


def truncated(scenario, end, *, known_until=None):
    """The scenario simulated only up to ``end``. With ``known_until``, schedule entries dated after it
    are dropped too (a forecast made then did not know them), and an entry begun by then that ends after
    it (``until``: a lockdown, an order, a truce) lasts to ``end``: that it had begun was known, not
    when it would end."""
    end = pd.Timestamp(end).date()
    cut = pd.Timestamp(known_until).date() if known_until is not None else end
    if end <= scenario.start:
        raise FlashpointError(f"the window ends on {end}, not after the scenario's start {scenario.start}")
    end = min(end, scenario.end)

    def known(entries: list) -> list:
        out = [e for e in entries if e.date <= min(cut, end)]
        if known_until is not None:
            out = [e.model_copy(update={"until": end}) if e.until is not None and e.until > cut else e for e in out]
        return out

    def linked(entries: list, kept: set) -> list:       # a requires link to an entry the cut removed is gone
        return [e.model_copy(update={"requires": [r for r in e.requires if r in kept]})
                if e.requires and not all(r in kept for r in e.requires) else e for e in entries]

    schedule = known(scenario.schedule)
    kept = {e.id for e in schedule}
    schedule = linked(schedule, kept)
    policies = {}                      # what the cut removed is no longer theirs to drop; what they add, as the schedule
    for name, pol in scenario.policies.items():
        add = known(pol.add)
        policies[name] = pol.model_copy(update={"drop": [d for d in pol.drop if d in kept],
                                                "add": linked(add, kept | {e.id for e in add})})
    return cut_from(scenario, end=end, schedule=schedule, policies=policies)


def default_parameters(scenario, policy: str = "historical") -> list[str]:
    """The calibratable parameters with a range, less those of mechanisms the scenario switches off or gives
    nothing to act on (a decapitation's effects with no decapitation in the policy's schedule): nothing in the
    runs depends on them, and fitting them would only add dimensions; a note names them, and those whose range
    is a single point (a held-out field audit's were left out unsaid)."""
    import warnings

    from flashpoint.errors import FlashpointNote
    from flashpoint.scenario.entries import entryless
    from flashpoint.scenario.parameters import (idle_by_design, parameters, resolve_settings, switched_off,
                                                unscaled)

    without = entryless(scenario, policy)
    own = resolve_settings(scenario, dict(scenario.policies[policy].set), f"policy {policy!r}")
    varied = {p.name for p in parameters(scenario).values() if p.calibratable and p.high > p.low}
    names, idle, unused, unscaled_names, built = [], [], [], [], {}
    point = [p.name for p in parameters(scenario).values() if p.calibratable and p.high <= p.low]
    if point:
        warnings.warn(f"left out of the fit, as their declared range is a single point (calibratable, with nothing "
                      f"to fit): {', '.join(point)}", FlashpointNote, stacklevel=3)
    for p in parameters(scenario).values():
        if p.calibratable and p.high > p.low:
            section = p.name.partition(".")[0]
            off = switched_off(scenario, p.name)
            if unscaled(scenario, p.name) is not None:
                unscaled_names.append(p.name)
                continue
            if not off and (why := idle_by_design(scenario, policy, p.name, p.value, own, varied)):
                built[p.name] = why
                continue
            (idle if off else unused if section in without or p.name in without else names).append(p.name)
    if idle:
        warnings.warn(f"left out of the fit, as their mechanisms are switched off: {', '.join(idle)}",
                      FlashpointNote, stacklevel=3)
    if unscaled_names:
        warnings.warn(f"left out of the fit, as no relation that scales them is above 0: {', '.join(unscaled_names)}",
                      FlashpointNote, stacklevel=3)
    if built:         # (a held-out historian's strike parameters, where no strike can fall, were fitted to the prior)
        by_why = {}                              # one reason, said once for the names it holds for
        for n, why in built.items():
            by_why.setdefault(why, []).append(n)
        warnings.warn("left out of the fit, as nothing in the runs depends on them: "
                      + "; ".join(f"{', '.join(ns)} (each {why})" for why, ns in by_why.items()),
                      FlashpointNote, stacklevel=3)
    if unused:
        kinds = {n: without.get(n) or without[n.partition(".")[0]] for n in unused}
        warnings.warn(f"left out of the fit, as policy {policy!r} has no schedule entry for them to act through: "
                      + ", ".join(f"{n} (no {' or '.join(k)} entry)" for n, k in kinds.items()),
                      FlashpointNote, stacklevel=3)
    return names


def _note_unanchored(obs, nuisance: dict) -> None:
    """A note naming the indicators whose tallies are all grade C: the share such a tally counts is fitted, so
    they cannot tell a high rate under-counted from a low one counted in full (a held-out case's grade-C tallies
    alone were fitted at a share of 0.59, with simulated attacks 2-4 times the counts, unsaid)."""
    import warnings

    from flashpoint.errors import FlashpointNote

    if likelihood.SHARE_C not in nuisance:
        return
    t = obs.tallies
    anchored = set(t.loc[t["reliability"] != "C", "indicator"])         # a count of it, or of its whole, graded A/B

    def wholes(name: str) -> set[str]:      # a target's mode has two: the target's count and the indicator's
        parts = name.split(".")
        return {".".join(parts[:i]) for i in range(1, len(parts))}

    alone = sorted(n for n in set(t["indicator"]) - anchored if not wholes(n) & anchored)
    if alone:
        warnings.warn(f"every tally of {', '.join(alone)} is grade C, whose share of the attacks counted "
                      "(observation.tally_share.C) is fitted with the model, and no grade-A or B count of it or of "
                      "its whole sets the scale: these tallies alone cannot tell a high rate under-counted from a "
                      "low one counted in full (docs/calibration.md)", FlashpointNote, stacklevel=3)


def after_the_cut(scenario, cut, policy: str, names: list[str]) -> list[str]:
    """Of ``names``, those that act only through schedule entries after ``cut`` (the scenario cut at a fit's end):
    a parameter of a mechanism, or the mechanism's, whose entries the cut leaves none of (``entryless``), or an
    effect that only entries after it name. No observation up to the cut informs them."""
    from flashpoint.scenario.entries import entryless, live_effects

    before, whole = entryless(cut, policy), entryless(scenario, policy)
    gone = live_effects(scenario, policy) - live_effects(cut, policy)

    def late(name: str) -> bool:
        section = name.partition(".")[0]
        if (name in before or section in before) and not (name in whole or section in whole):
            return True
        return any(name == e or name.startswith(f"{e}.") for e in gone)
    return [n for n in names if late(n)]


def _refuse_idle(scenario, policy: str, names: list[str], cut=None, until=None) -> None:
    """A parameter named for the fit on which nothing in the policy's runs depends (its mechanism switched off,
    or acting only through schedule entries the policy has none of) is refused, as ``flashpoint run --set``
    refuses it: its posterior would be its prior, reported as if fitted (a held-out tester's finding); with
    ``cut`` (the scenario cut at ``until``), so is one that acts only through entries after the cut (a held-out
    case's fit of a killing's effects to the weeks before it)."""
    from flashpoint.errors import ScenarioError
    from flashpoint.scenario.parameters import idle_setting, resolve_settings

    settings = resolve_settings(scenario, dict(scenario.policies[policy].set), f"policy {policy!r}")
    for name in names:
        problem = idle_setting(scenario, policy, {name: 0.0}, settings, same_call=True)
        if problem:
            raise ScenarioError(problem.replace("overrides: ", "parameters: ", 1).replace(
                "the setting would change nothing", "nothing in the runs depends on it, and its fit would be its prior"))
    late = after_the_cut(scenario, cut, policy, names) if cut is not None else []
    if late:
        raise ScenarioError(f"parameters: {late[0]} acts only through schedule entries after {until} (the fit's "
                            "end): no observation informs it, and its fit would be its prior; leave it out, or fit to "
                            "a later date (--until)")


def _note_uninformed(scenario, cut, policy: str, names: list[str], until) -> None:
    """A note naming the default parameters that act only through schedule entries after the fit's end: no
    observation informs them, so their posterior is their prior (kept in the fit, so that a posterior's draws
    carry their uncertainty past the cut; docs/calibration.md, "A control for the count")."""
    import warnings

    from flashpoint.errors import FlashpointNote

    late = after_the_cut(scenario, cut, policy, names)
    if late:
        warnings.warn(f"no observation up to {until} informs {', '.join(late)}: each acts only through schedule "
                      "entries after that date, so its posterior is its prior (kept in the fit so that draws "
                      "carry its uncertainty past the cut)", FlashpointNote, stacklevel=3)


@dataclass
class Problem:
    scenario: object                 # cut at the observations' end
    full_scenario: object
    obs: Observations
    names: list[str]                 # model parameters, then the observation model's
    lows: np.ndarray
    highs: np.ndarray
    model_names: list[str]
    replicates: int = 16
    policy: str = "historical"
    defaults: dict = field(default_factory=dict)
    #: per mode of the list: whether any run the likelihood has read so far had an attack of it in the weeks
    simulated_modes: np.ndarray | None = field(default=None, repr=False)
    #: per tally of the record: the most any run the likelihood has read so far gave over its window
    simulated_top: np.ndarray | None = field(default=None, repr=False)

    @property
    def dim(self) -> int:
        return len(self.names)

    def values(self, unit: np.ndarray) -> np.ndarray:
        return self.lows + (self.highs - self.lows) * unit

    def split(self, theta: np.ndarray) -> tuple[dict, dict]:
        """(model overrides, observation parameters) for (n, d) parameter values."""
        model = {n: theta[:, j] for j, n in enumerate(self.names) if n in self.model_names}
        nuisance = {n: theta[:, j] for j, n in enumerate(self.names) if n not in self.model_names}
        return model, nuisance

    def simulate(self, theta: np.ndarray, seed: int, *, scenario=None, replicates: int | None = None):
        """Yield (particle slice, ensemble, model overrides per run) chunk by chunk."""
        import flashpoint

        scenario = scenario or self.scenario
        reps = replicates or self.replicates
        per_chunk = max(1, CHUNK_RUNS // reps)
        model, _ = self.split(theta)
        seeds = np.random.SeedSequence(seed).generate_state(max(1, -(-len(theta) // per_chunk)))
        for c, a in enumerate(range(0, len(theta), per_chunk)):
            sl = slice(a, min(a + per_chunk, len(theta)))
            overrides = {n: np.repeat(v[sl], reps) for n, v in model.items()}
            ens = flashpoint.simulate(scenario, policy=self.policy, runs=(sl.stop - sl.start) * reps,
                                      seed=int(seeds[c]), overrides=overrides)
            yield sl, ens, overrides

    def loglik(self, unit: np.ndarray, seed: int) -> np.ndarray:
        theta = self.values(unit)
        _, nuisance = self.split(theta)
        out = np.empty(len(theta))
        for sl, ens, overrides in self.simulate(theta, seed):
            feat = likelihood.features(ens, self.obs, troops=overrides)
            seen = (feat.weekly > 0).any(axis=(0, 1))
            self.simulated_modes = seen if self.simulated_modes is None else self.simulated_modes | seen
            if feat.tallies.size:
                top = feat.tallies.max(axis=0)
                self.simulated_top = top if self.simulated_top is None else np.maximum(self.simulated_top, top)
            out[sl] = likelihood.loglik(feat, self.obs, {k: v[sl] for k, v in nuisance.items()}, sl.stop - sl.start)
        return out


def note_out_of_reach(problem: Problem) -> None:
    """After a fit: a note naming each tally whose lower end is more than ten times what any run of the fit gave
    (the prior's draws of its first stage included), plus 10: a typo or a count in another unit, which bends every
    parameter towards it (a held-out case's 7,500 Libyan dead typed as attacks passed validate, whose ceiling only
    catches counts beyond every faction's top rate, and took the fit)."""
    import warnings

    from flashpoint.errors import FlashpointNote

    if problem.simulated_top is None:
        return
    for r, top in zip(problem.obs.tallies.itertuples(index=False), problem.simulated_top):
        if not np.isnan(r.low) and r.low > 10 * top + 10:
            warnings.warn(f"record count {r.indicator} {r.start.date()}..{r.end.date()} {r.count}: no run of the fit "
                          f"(its prior's draws included) gave more than {top:,.0f}, less than a tenth of it: check its number "
                          "and unit; the fit bends every parameter towards it", FlashpointNote, stacklevel=3)


def note_unlisted(problem: Problem) -> None:
    """After a fit: a note naming the list's reporting probabilities (``observation.list.<mode>``) of the modes no run
    of the fit had an attack of up to its end (a tactic the schedule brings in later): with nothing simulated, the
    list's zeros weigh the same at any probability, so no observation informs it and its posterior is its prior, as
    the note on the model's parameters says of theirs (a held-out tester's fit to mid-year fitted the drone's
    unsaid)."""
    import warnings

    from flashpoint.errors import FlashpointNote

    if problem.simulated_modes is None:
        return
    names = [f"observation.list.{m}" for m, seen in zip(problem.obs.modes, problem.simulated_modes)
             if not seen and f"observation.list.{m}" in problem.names]
    if names:
        until = pd.Timestamp(problem.obs.until).date()
        warnings.warn(f"no observation up to {until} informs {', '.join(names)}: no run of the fit had an attack of "
                      f"{'that mode' if len(names) == 1 else 'those modes'} by then, so the list's weeks weigh the "
                      "same at any reporting probability and its posterior is its prior (kept in the fit so that "
                      "draws carry its uncertainty past the cut)", FlashpointNote, stacklevel=3)


def build(scenario, *, until=None, parameters: list[str] | None = None, replicates: int = 16,
          policy: str = "historical", obs: Observations | None = None, rolling: bool = False) -> Problem:
    """The calibration problem for ``scenario`` (a Scenario) against its record up to ``until``. Unless
    ``rolling`` (an origin of rolling forecasts, whose later months inform them), a note names the default
    parameters that no observation up to ``until`` informs, and such a parameter named in ``parameters`` is
    refused."""
    from flashpoint.scenario.parameters import parameters as declared

    if policy not in scenario.policies:
        raise FlashpointError(f"unknown policy {policy!r}; the scenario has: {', '.join(scenario.policies)}")
    obs = obs if obs is not None else observe(scenario, until)
    if obs.size == 0 and not rolling:    # a held-out forecaster's fit to nothing "reached the posterior": its prior
        why = "; ".join(f"{o['row']}: {o['reason']}" for o in obs.left_out[:3]) + ("; ..." if len(obs.left_out) > 3
                                                                                  else "")
        raise FlashpointError(f"no observation up to {obs.until.date()}: nothing to fit (a posterior would be the "
                              "prior); choose a later --until, or give the record counts, series or dated attacks "
                              "before it" + (f" ({why})" if why else ""))
    table = declared(scenario)
    names = list(parameters) if parameters else default_parameters(scenario, policy)
    if not names:
        raise FlashpointError(f"scenario {scenario.name!r} marks no parameter calibratable: true; name them "
                              "with --parameters")
    unknown = [n for n in names if n not in table]
    if unknown:
        raise FlashpointError(f"unknown parameter(s) {', '.join(unknown)}; `flashpoint scenario show` lists them")
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:   # it failed only after the whole SMC, building the posterior's columns (an array of shape (N, 2))
        raise FlashpointError(f"parameter(s) {', '.join(twice)} named twice in --parameters; name each once")
    flat = [n for n in names if table[n].high <= table[n].low]
    if flat:
        raise FlashpointError(f"parameter(s) {', '.join(flat)} have an empty range: nothing to calibrate")
    cut = truncated(scenario, obs.until)
    until = pd.Timestamp(obs.until).date()
    if parameters:
        _refuse_idle(scenario, policy, names, *((cut, until) if not rolling else ()))
    elif not rolling:
        _note_uninformed(scenario, cut, policy, names, until)
    nuisance = likelihood.nuisance(obs)
    if not rolling:
        _note_unanchored(obs, nuisance)
    all_names = names + list(nuisance)
    lows = np.array([table[n].low for n in names] + [v[0] for v in nuisance.values()], dtype=float)
    highs = np.array([table[n].high for n in names] + [v[1] for v in nuisance.values()], dtype=float)
    defaults = {n: table[n].value for n in names}
    return Problem(cut, scenario, obs, all_names, lows, highs, names, replicates, policy, defaults)
