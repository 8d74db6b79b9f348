"""The engine: advance all runs of a block together, one day at a time, over the registered components.

Runs are simulated in fixed blocks of ``BLOCK_RUNS``. Each schedule entry draws from its own stream
``SeedSequence(seed, spawn_key=(b, 1, crc32(entry id)))`` in block ``b``, and every other draw is a run's own
(``draws.Streams``: keyed by the seed, the run, the day and the site that draws). A run's numbers therefore
depend only on (seed, its index), never on how blocks are shared among workers, nor on what other runs
drew: two policies' runs of one seed share every draw both make.

A day: the schedule's context; the ``before`` components (forces, pressure, decapitation, control,
the response rule); the ``attacks`` components (the attack process, the patron's direct strikes);
the ``after`` components (reprisal, deterrence, consent, coalition, spoiler, politics); then every
declared output is recorded. Switched-off mechanisms are skipped: their state keeps its start value.
A mechanism switched on in some runs only (a design over switches) runs in all of them, and where it
is off its state changes and flows are dropped.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from flashpoint.engine.attacks import Attacks
from flashpoint.engine.contract import Output, outputs, registry
from flashpoint.engine import draws
from flashpoint.engine.draws import per_run
from flashpoint.engine.schedule import Timeline
from flashpoint.engine.world import World
from flashpoint.errors import FlashpointError

#: About 0.5 ms of each simulated day is per-call overhead whatever the block's size, so larger blocks
#: amortise it (2,500 -> 5,000 runs: 4.5 s -> 3.3 s for 10,000 runs); smaller ones split better among
#: workers. A block's outputs take about 106 bytes per run and day with three factions, two
#: foreign parties and one target (440 MB at 5,000 runs), more with more targets or parties.
BLOCK_RUNS = 5000


def block_slices(runs: int) -> list[slice]:
    return [slice(s, min(s + BLOCK_RUNS, runs)) for s in range(0, runs, BLOCK_RUNS)]


def initial_state(world: World, p: dict, n: int, runs: slice | None = None) -> dict[str, np.ndarray]:
    dims, runs = world.dims, runs or slice(0, n)
    out = {}
    for c in registry():
        on = world.switched_on(c.key, runs)
        for name, s in c.state.items():
            out[name] = (s.start(p, n, dims, on) if isinstance(on, bool)
                         else np.where(on, s.start(p, n, dims, True), s.start(p, n, dims, False)))
    return out


def _in_runs(step, on: np.ndarray):
    """``step`` for a mechanism switched on in the runs ``on`` ((runs, 1) bool) only: it runs everywhere, and
    where it is off its state changes and its flows are dropped, as if it had not run."""
    def masked(state, p, ctx, flows, rng):
        changes, produced = step(state, p, ctx, flows, rng)
        return ({k: _where(on, v, state[k]) for k, v in changes.items()},
                {k: _where(on, v, flows.get(k)) for k, v in produced.items()})
    return masked


def _owners_only(step, guarded: dict):
    """``step`` with its writes into other components' state kept only where their owners are on: ``guarded``
    maps such a state to False (its owner is off in every run) or its owner's (runs, 1) switch. A mechanism
    switched off keeps its state at its start value, whatever another mechanism would write into it (a
    decapitation's losses into M2's capability, say, which M2's recovery would no longer undo)."""
    def masked(state, p, ctx, flows, rng):
        changes, produced = step(state, p, ctx, flows, rng)
        for name in guarded.keys() & changes.keys():
            on = guarded[name]
            if on is False:
                del changes[name]
            else:
                changes[name] = _where(on, changes[name], state[name])
        return changes, produced
    return masked


def _where(on: np.ndarray, new, old):
    """``new`` in the runs ``on``, ``old`` elsewhere (nothing, if there was no ``old``)."""
    if isinstance(new, Attacks):
        old = old if old is not None else Attacks.none(new.by_mode.shape[1], new.several)
        return new.where(on[:, 0], old)
    new = np.asarray(new)
    on = on.reshape(on.shape[:1] + (1,) * (new.ndim - 1))
    return np.where(on, new, np.zeros_like(new) if old is None else old)


def allocate(world: World, n: int) -> dict[str, np.ndarray]:
    """Day-first buffers (days, runs, ...): each day's writes are contiguous. Zeroed in one pass
    (``fill``), not left to ``np.zeros``' lazy pages: touched a day at a time, those cost a page fault
    per few kilobytes, a third of the engine's time at 10,000 runs (benchmarks/engine.py)."""
    dims, buffers = world.dims, {}
    for o in outputs():
        buffers[o.name] = np.empty((world.days, n) + tuple(dims[a] for a in o.axes), dtype=o.dtype)
        buffers[o.name].fill(0)
    return buffers


def _derive(flows: dict, n: int, S: int, forces: np.ndarray | None) -> None:
    """The day's attacks per source, those on the foreign forces (``forces``: the targets their forces in the
    theatre hold; None when every target is theirs) and the foreign forces' killed, per run."""
    today: Attacks = flows["attacks"]
    flows["attacks_by_source"] = today.per_source(n, S)
    flows["attacks_on_forces"] = (per_run(flows["attacks_by_source"]) if forces is None
                                  else today.on_forces_per_run(n, forces))
    flows["killed_total"] = today.killed_per_run(n, forces)


def _forces(world: World) -> np.ndarray | None:
    """(targets,) which attack targets the foreign forces in the theatre hold; None when all of them do."""
    owners = world.params.get("target.owners")
    if owners is None:
        return None
    held = owners[0].reshape(world.dims["target"], -1).any(axis=1)
    return None if held.all() else held


def run_block(world: World, block: int, seed: int, out: dict[str, np.ndarray] | None = None,
              tick: Callable[[int], None] | None = None) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Simulate block ``block`` of ``world``: daily outputs (days, runs, ...) and which schedule
    entries happened in which run (runs, entries). ``out``: zeroed buffers to write the outputs
    into (this block's runs of the whole ensemble's, say); by default new ones. ``tick(days done)`` is
    called every 30 simulated days (progress within a block: one block of 2,000 runs took seconds
    between 0 and done, a held-out tester's finding)."""
    runs = block_slices(world.runs)[block]
    n = runs.stop - runs.start
    lanes = None if world.streams is None else np.divmod(world.streams[runs], BLOCK_RUNS)
    rng = draws.Streams(seed, block, n, lanes)
    p = world.params_for(runs)
    state = initial_state(world, p, n, runs)
    out = allocate(world, n) if out is None else out
    timeline = Timeline(world, runs, rng)
    switches = {c.key: world.switched_on(c.key, runs) if c.switchable else True for c in registry()}
    switches = {k: bool(v) if np.ndim(v) == 0 else v for k, v in switches.items()}
    owner = {name: c.key for c in registry() for name in c.state}
    steps = []
    for c in registry():
        if switches[c.key] is False:
            continue
        step = c.step if switches[c.key] is True else _in_runs(c.step, switches[c.key])
        guarded = {name: switches[o] for name, o in owner.items() if o != c.key and switches[o] is not True}
        steps.append((c, _owners_only(step, guarded) if guarded else step))
    phases = {ph: [(step, c.key) for c, step in steps if c.phase == ph] for ph in ("before", "attacks", "after")}
    S, forces = world.dims["source"], _forces(world)
    recorders = [(o, _checked(o)) for o in outputs()]
    yesterday = Attacks.none(world.dims["mode"], world.dims["target"] > 1)
    for day in range(world.days):
        ctx = timeline.day(day, state["presence"])
        rng.today(day)
        flows: dict = {"yesterday": yesterday}
        for step, _ in phases["before"]:
            changes, produced = step(state, p, ctx, flows, rng)
            state.update(changes)
            flows.update(produced)
        for step, _ in phases["attacks"]:
            changes, produced = step(state, p, ctx, flows, rng)
            state.update(changes)
            flows.update(produced)
            if "attacks" in produced:
                _derive(flows, n, S, forces)
        for step, _ in phases["after"]:
            changes, produced = step(state, p, ctx, flows, rng)
            state.update(changes)
            flows.update(produced)
        yesterday = flows["simulated_attacks"]
        for o, record in recorders:
            record(out[o.name][day], state, flows)
        if tick is not None and day % 30 == 29:
            tick(day + 1)
    return out, timeline.happened


def _checked(o: Output):
    """A recorder for ``o`` that refuses values its storage type cannot hold (no silent wrap, no inf or NaN)."""
    integer = np.dtype(o.dtype).kind in "iu"
    top = o.maximum

    def too_big(values) -> None:
        raise FlashpointError(
            f"output {o.name!r} reached {int(np.max(values)):,}, more than its storage type ({np.dtype(o.dtype).name}) "
            f"holds ({int(top):,}); check the scenario's rates and casualty figures")

    if o.write is not None:      # written, then checked: a value too big stops the run before anyone reads it
        def record(view, state, flows):
            peak = o.write(view, state, flows)
            if integer and peak > top:
                too_big(peak)
        return record

    floating = np.dtype(o.dtype).kind == "f"

    def not_a_number(values) -> None:   # a held-out tester's spoiler past float32 wrote inf and NaN to the JSON
        raise FlashpointError(
            f"output {o.name!r} reached {np.nanmax(np.abs(values)):.3g}, more than its storage type "
            f"({np.dtype(o.dtype).name}) holds, or no number; check the scenario's rates: a state that grows without "
            "bound over the period ends here (e.g. spoiler.growth with little attrition over many years)")

    def record(view, state, flows):
        values = o.read(state, flows)
        if integer and np.ndim(values) and values.size and values.max() > top:
            too_big(values)
        if floating and np.ndim(values) and values.size and not np.abs(values).max() <= top:
            not_a_number(values)
        view[...] = values
    return record
