"""The vectorized engine: ``simulate`` advances every run of a scenario together, day by day."""
from __future__ import annotations

from typing import Callable

import numpy as np

from flashpoint.engine.core import BLOCK_RUNS, allocate, block_slices, run_block
from flashpoint.engine.world import World, compile_world
from flashpoint.ensemble import Ensemble
from flashpoint.errors import FlashpointError
from flashpoint.scenario.loader import load_scenario
from flashpoint.scenario.schema import Scenario

__all__ = ["simulate", "compile_world", "run_block", "BLOCK_RUNS", "block_slices", "assemble"]


def _check(runs, seed) -> None:
    if isinstance(runs, bool) or not isinstance(runs, (int, np.integer)) or runs < 1:
        raise FlashpointError(f"runs must be a positive integer, got {runs!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise FlashpointError(f"seed must be a non-negative integer, got {seed!r}")


def assemble(world: World, seed: int, blocks: list[tuple[dict, np.ndarray]], events: bool = False) -> Ensemble:
    """Join the outputs of consecutive blocks (in block order) into one Ensemble."""
    data = {k: np.concatenate([b[0][k] for b in blocks], axis=1) for k in blocks[0][0]}
    return _ensemble(world, seed, data, np.concatenate([b[1] for b in blocks]), events)


def _ensemble(world: World, seed: int, data: dict, happened: np.ndarray, events: bool) -> Ensemble:
    sc = world.scenario
    return Ensemble(
        scenario=sc.name, policy=world.policy, seed=seed, dates=world.dates, axes=world.axes, data=data,
        roles=world.roles, entries=world.entries, happened=happened,
        actor_codes={a.id: a.cameo for a in sc.actors}, with_events=events, spec=sc)


def simulate(scenario_or_name: str | Scenario = "iraq-2020", *, policy: str = "historical", runs: int = 1000,
             seed: int = 0, overrides: dict | None = None, events: bool = False,
             progress: Callable[[int, int], None] | None = None, backend: str = "local",
             workers: int | None = None, address: str | None = None) -> Ensemble:
    """Simulate ``runs`` runs of a scenario under a named policy.

    ``overrides`` maps parameter names (see ``flashpoint scenario show``) to values: a number, or an
    array with one value per run. The same (scenario, policy, overrides, runs, seed) always gives the
    same numbers. With ``events=True`` the ensemble can list its simulated events (``Ensemble.events()``).
    ``progress(done, total)`` is called after each block of runs. ``backend`` ("local", "processes",
    "ray") chooses where blocks run; the numbers do not depend on it.
    """
    _check(runs, seed)
    from flashpoint.backends import _check_options

    _check_options(backend, workers, address)
    scenario = load_scenario(scenario_or_name)
    world = compile_world(scenario, policy, overrides, runs)
    if backend == "local":   # blocks write straight into the ensemble's arrays
        data = allocate(world, runs)
        happened = np.zeros((runs, len(world.entries)), dtype=bool)
        for b, sl in enumerate(block_slices(runs)):
            _, happened[sl] = run_block(world, b, int(seed), out={k: v[:, sl] for k, v in data.items()})
            if progress is not None:
                progress(sl.stop, runs)
        ens = _ensemble(world, int(seed), data, happened, events)
    else:
        from flashpoint.backends import run_blocks

        blocks = run_blocks(world, int(seed), backend=backend, workers=workers, address=address, progress=progress)
        ens = assemble(world, int(seed), blocks, events)
    ens.overrides = dict(overrides or {})
    return ens
