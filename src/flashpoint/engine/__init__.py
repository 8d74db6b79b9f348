"""The vectorized engine: ``simulate`` advances every run of a scenario together, day by day."""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from flashpoint.engine.core import BLOCK_RUNS, allocate, block_slices, run_block
from flashpoint.engine.world import World, compile_world
from flashpoint.ensemble import Ensemble
from flashpoint.errors import FlashpointError
from flashpoint.scenario.loader import load_scenario
from flashpoint.scenario.schema import Scenario

__all__ = ["simulate", "compile_world", "run_block", "BLOCK_RUNS", "block_slices", "assemble", "whole_number",
           "switch"]


#: more runs than anyone can wait for: a typo (an extra zero or three), refused before any work
MAX_RUNS = 1_000_000_000


def whole_number(value, least: int) -> bool:
    """Whether ``value`` is an integer (not a bool, not a float) of at least ``least``: a count of runs or draws, a seed."""
    return not isinstance(value, bool) and isinstance(value, (int, np.integer)) and value >= least


def switch(value, name: str) -> None:
    """Refuse a true/false argument that is not a bool (a held-out researcher's ``audit="no"`` ran the audit)."""
    if not isinstance(value, (bool, np.bool_)):
        raise FlashpointError(f"{name} must be True or False, got {value!r}")


def _check(runs, seed) -> None:
    if not whole_number(runs, 1):
        raise FlashpointError(f"runs must be a positive integer, got {runs!r}")
    if runs > MAX_RUNS:
        raise FlashpointError(f"runs must be at most {MAX_RUNS:,}, got {runs:,}")
    if not whole_number(seed, 0):
        raise FlashpointError(f"seed must be a non-negative integer, got {seed!r}")


def _streams(streams, runs: int) -> np.ndarray | None:
    if streams is None:
        return None
    out = np.asarray(streams)
    if out.shape != (runs,) or out.dtype.kind not in "iu" or (out < 0).any() or (out >= MAX_RUNS).any():
        bad = (f"shape {out.shape}" if out.shape != (runs,) else f"{out.dtype.name} values" if out.dtype.kind not in "iu"
               else f"{int(out[(out < 0) | (out >= MAX_RUNS)][0])} (run {int(np.flatnonzero((out < 0) | (out >= MAX_RUNS))[0])})")
        raise FlashpointError(f"streams gives each run's random stream: {runs} integers in [0, {MAX_RUNS:,}), got "
                              f"{bad}")
    return out.astype(np.int64)


def assemble(world: World, seed: int, blocks: list[tuple[dict, np.ndarray]], events: bool = False) -> Ensemble:
    """Join the outputs of consecutive blocks (in block order) into one Ensemble."""
    data = {k: np.concatenate([b[0][k] for b in blocks], axis=1) for k in blocks[0][0]}
    return _ensemble(world, seed, data, np.concatenate([b[1] for b in blocks]), events)


def _ensemble(world: World, seed: int, data: dict, happened: np.ndarray, events: bool) -> Ensemble:
    sc = world.scenario
    return Ensemble(
        scenario=sc.name, policy=world.policy, seed=seed, dates=world.dates, axes=world.axes, data=data,
        roles=world.roles, entries=world.entries, happened=happened,
        actor_codes={a.id: a.cameo for a in sc.actors}, with_events=events, spec=sc,
        lethality={k: world.params[f"attacks.{k}_per_attack"] for k in ("killed", "wounded")
                   if f"attacks.{k}_per_attack" in world.params})


def check_memory(needed: int, what: str, instead: str) -> None:
    """Refuse, before any work, ``needed`` bytes that would not fit in this machine's memory."""
    import os

    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):     # not a POSIX system: no check
        return
    if needed > memory:
        raise FlashpointError(f"{what} keep {needed / 2**30:,.1f} GiB, more than this machine's "
                              f"{memory / 2**30:,.1f} GiB of memory; {instead}")


def daily_bytes(world: World) -> int:
    """The bytes one run's daily arrays take (the ensemble keeps every run's)."""
    from flashpoint.engine.contract import outputs

    dims = world.dims
    return world.days * sum(int(np.prod([dims[a] for a in o.axes])) * np.dtype(o.dtype).itemsize for o in outputs())


def _check_memory(world: World, runs: int) -> None:
    check_memory(runs * daily_bytes(world), f"the daily arrays of {runs:,} runs",
                 "use fewer runs, or keep only totals and monthly quantiles "
                 "(flashpoint run --summary-only, flashpoint.backends.summarize)")


def replaced_note(scenario, policy: str, settings) -> None:
    """A note when a setting (``--set``, ``overrides``) names a parameter the policy sets itself: here the setting
    wins, where compare, claims and the web page keep the policy's value (held-out users got two answers to one
    question, the second in Python without a word)."""
    own = scenario.policies[policy].set if scenario is not None and policy in scenario.policies else {}
    replaced = [f"{n} (the policy's {own[n]!r})" for n in settings if n in own]
    if replaced:
        import warnings

        from flashpoint.errors import FlashpointNote

        warnings.warn(f"--set / overrides replace what policy {policy!r} sets itself: {', '.join(replaced)}; compare, "
                      "claims and the web page keep a policy's own value", FlashpointNote, stacklevel=3)


def simulate(scenario_or_name: str | Scenario = "iraq-2020", *, policy: str = "historical", runs: int = 1000,
             seed: int = 0, overrides: dict | None = None, events: bool = False,
             progress: Callable[[int, int], None] | None = None, backend: str = "local",
             workers: int | None = None, address: str | None = None,
             streams: Sequence[int] | np.ndarray | None = None) -> Ensemble:
    """Simulate ``runs`` runs of a scenario under a named policy.

    ``overrides`` maps parameter names (see ``flashpoint scenario show``) to values: a number, or an
    array with one value per run. The same (scenario, policy, overrides, runs, seed) always gives the
    same numbers. With ``events=True`` the ensemble can list its simulated events (``Ensemble.events()``).
    ``progress(done, total)`` is called after each block of runs and, with the local backend, every 30
    simulated days within one (done: the block's runs times the share of its days simulated). ``backend`` ("local", "processes",
    "ray") chooses where blocks run; the numbers do not depend on it. ``streams``: each run's random stream, a
    run index (default: its own): runs given one stream draw the same numbers wherever they make the same draw,
    as one run does under two policies (``flashpoint.analysis.audit`` gives a parameter point's replicates
    streams 0..replicates-1 at every point, so that two points differ by their parameters, not their noise).
    """
    _check(runs, seed)
    switch(events, "events")
    if progress is not None and not callable(progress):
        raise FlashpointError(f"progress must be a function progress(done, total), got {progress!r}")
    if not isinstance(policy, str):       # a list failed as "unhashable type" (a held-out Python user)
        raise FlashpointError(f"policy is one policy's name (simulate runs one; flashpoint.compare takes several), "
                              f"got {policy!r}")
    from flashpoint.backends import _check_options

    _check_options(backend, workers, address)
    scenario = load_scenario(scenario_or_name)
    replaced_note(scenario, policy, overrides or {})
    world = compile_world(scenario, policy, overrides, runs)
    world.streams = _streams(streams, runs)
    _check_memory(world, runs)
    if backend == "local":   # blocks write straight into the ensemble's arrays
        data = allocate(world, runs)
        happened = np.zeros((runs, len(world.entries)), dtype=bool)
        for b, sl in enumerate(block_slices(runs)):
            tick = None if progress is None else (      # within the block, as its share of days done
                lambda sl: lambda days: progress(sl.start + (sl.stop - sl.start) * days // world.days, runs))(sl)
            _, happened[sl] = run_block(world, b, int(seed), out={k: v[:, sl] for k, v in data.items()}, tick=tick)
            if progress is not None:
                progress(sl.stop, runs)
        ens = _ensemble(world, int(seed), data, happened, events)
    else:
        from flashpoint.backends import run_blocks

        blocks = run_blocks(world, int(seed), backend=backend, workers=workers, address=address, progress=progress)
        ens = assemble(world, int(seed), blocks, events)
    ens.overrides = dict(overrides or {})
    return ens
