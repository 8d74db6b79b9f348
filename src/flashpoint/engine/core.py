"""The engine: advance all runs of a block together, one day at a time.

Runs are simulated in fixed blocks of ``BLOCK_RUNS``; block ``b`` draws from
``SeedSequence(seed, spawn_key=(b,))``. A run's numbers therefore depend only
on (seed, runs, its index), never on how blocks are shared among workers.
"""
from __future__ import annotations

import numpy as np

from flashpoint.engine import attacks, response
from flashpoint.engine.mechanisms import (coalition, consent, control, decapitation, deterrence, escalation,
                                          politics, pressure, reprisal, spoiler)
from flashpoint.engine.draws import per_run
from flashpoint.engine.requirements import MODES
from flashpoint.engine.schedule import entries_by_day, resolve_day
from flashpoint.engine.world import World

#: About 0.5 ms of each simulated day is per-call overhead whatever the block's size, so larger blocks
#: amortise it (2,500 -> 5,000 runs: 4.5 s -> 3.3 s for 10,000 runs); smaller ones split better among
#: workers. A block's outputs take about 80 bytes per run and day (325 MB at 5,000 runs).
BLOCK_RUNS = 5000

#: mechanisms that run after the day's attacks, in this order (docs/ODD.md section 3)
AFTER_ATTACKS = (("reprisal", reprisal), ("deterrence", deterrence), ("consent", consent),
                 ("coalition", coalition), ("spoiler", spoiler), ("politics", politics))

#: daily outputs: name -> (dtype, trailing shape key); "S" sources, "P" proxies, "M" modes
OUTPUTS = {
    "attacks": (np.uint8, ("S", "M")),
    "killed": (np.uint16, ("S",)),
    "wounded": (np.uint16, ("S",)),
    "strikes": (np.uint8, ("P",)),
    "host_killed": (np.uint16, ()),
    "host_attacks": (np.uint8, ("P",)),
    "control": (np.float32, ("P",)),
    "consent": (np.float32, ()),
    "presence": (np.float32, (2,)),       # US, allies (share of Oct 2019 foreign troops)
    "spoiler": (np.float32, ()),
    "escalation": (np.float32, ()),
    "open_war": (np.uint8, ()),
    "polarization": (np.float32, ()),
    "bloc_seats": (np.float32, ()),
}


def block_slices(runs: int) -> list[slice]:
    return [slice(s, min(s + BLOCK_RUNS, runs)) for s in range(0, runs, BLOCK_RUNS)]


def block_rng(seed: int, block: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block,))))


def initial_state(world: World, p: dict, n: int) -> dict[str, np.ndarray]:
    on = world.enabled
    P = len(world.proxies)
    col = np.ones((n, 1))
    ally = p["coalition.ally_share"] * col
    return {
        "capability": np.ones((n, P)),
        "grievance": np.broadcast_to(p["proxy.initial_grievance"], (n, P)).copy(),
        "deterrence": np.zeros((n, P)),
        "control": np.broadcast_to(p["proxy.initial_control"], (n, P)).copy(),
        "ceiling": np.broadcast_to(p["proxy.initial_control"], (n, P)).copy(),
        "excitation": np.zeros((n, P)),
        "pressure": p["pressure.initial"] * col if on["pressure"] else 0 * col,
        "consent": p["consent.initial"] * col,
        "consent_baseline": p["consent.baseline"] * col,
        "us_presence": 1 - ally,
        "ally_presence": ally,
        "recent_attacks": 0 * col,
        "spoiler": p["spoiler.base_activity"] * col,
        "escalation": p["escalation.initial_level"] * col,
        "direct_cooldown": 0 * col,
        "open_war": 0 * col,
        "polarization": p["politics.initial_polarization"] * col,
        "host_violence": 0 * col,
        "bloc_seats": p["politics.proxy_bloc_seats_2018"] * col,
    }


def allocate(world: World, n: int) -> dict[str, np.ndarray]:
    """Day-first buffers (days, runs, ...): each day's writes are contiguous."""
    sizes = {"S": len(world.sources), "P": len(world.proxies), "M": len(MODES)}
    return {name: np.zeros((world.days, n) + tuple(sizes.get(k, k) for k in trail), dtype=dtype)
            for name, (dtype, trail) in OUTPUTS.items()}


def run_block(world: World, block: int, seed: int,
              out: dict[str, np.ndarray] | None = None) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Simulate block ``block`` of ``world``: daily outputs (days, runs, ...) and which schedule
    entries happened in which run (runs, entries). ``out``: zeroed buffers to write the outputs
    into (this block's runs of the whole ensemble's, say); by default new ones."""
    runs = block_slices(world.runs)[block]
    n = runs.stop - runs.start
    rng = block_rng(seed, block)
    p = world.params_for(runs)
    on = world.enabled
    state = initial_state(world, p, n)
    out = allocate(world, n) if out is None else out
    happened = np.zeros((n, len(world.entries)), dtype=bool)
    starting = entries_by_day(world)
    P, S = len(world.proxies), len(world.sources)
    no_host_attacks = np.zeros((n, P), dtype=np.int64)
    yesterday = attacks.Attacks.none()
    for day in range(world.days):
        ctx = resolve_day(world, day, starting.get(day, []), happened, runs, rng)
        state["us_presence"] = np.maximum(0.0, state["us_presence"] - ctx["drawdown_us"])
        state["ally_presence"] = np.maximum(0.0, state["ally_presence"] - ctx["drawdown_allies"])
        flows: dict = {}
        if on["pressure"]:
            state.update(pressure.step(state, p, ctx, flows, rng))
        if on["decapitation"]:
            state.update(decapitation.step(state, p, ctx, flows, rng))
        if on["control"]:
            changes, produced = control.step(state, p, ctx, flows, rng)
            state.update(changes)
            flows.update(produced)
            factor = control.order_factor(state, p, ctx)
        else:
            flows["host_attacks"] = no_host_attacks
            factor = 1.0
        flows["strikes"], flows["host_killed"] = response.strikes(yesterday, n, P, p, rng)
        flows["strikes_total"] = per_run(flows["strikes"])
        today = attacks.sample(attacks.rate(state, p, factor), p, rng, ctx["forced_attacks"])
        flows["killed_total"] = today.killed_per_run(n)
        if on["escalation"]:
            changes, (struck, d_killed, d_wounded) = escalation.step(state, p, ctx, flows, rng)
            state.update(changes)
            hit = np.flatnonzero(struck[:, 0])
            if len(hit):
                today = today.add(hit, P, MODES.index("missile"), d_killed[hit, 0], d_wounded[hit, 0])
        flows["attacks"] = today.per_source(n, S)
        flows["attacks_total"] = per_run(flows["attacks"])
        for name, mechanism in AFTER_ATTACKS:
            if on[name]:
                state.update(mechanism.step(state, p, ctx, flows, rng))
        yesterday = today
        record(out, day, state, flows, today)
    return out, happened


def record(out: dict, day: int, state: dict, flows: dict, today: attacks.Attacks) -> None:
    """Write day ``day`` into the (zeroed) buffers; attacks and casualties only where there were some."""
    out["attacks"][day][today.run, today.source] = np.minimum(today.by_mode, 255)
    out["killed"][day][today.run, today.source] = today.killed
    out["wounded"][day][today.run, today.source] = today.wounded
    out["strikes"][day] = flows["strikes"]
    out["host_killed"][day] = flows["host_killed"][:, 0]
    out["host_attacks"][day] = flows["host_attacks"]
    out["control"][day] = state["control"]
    out["consent"][day] = state["consent"][:, 0]
    out["presence"][day, :, 0] = state["us_presence"][:, 0]
    out["presence"][day, :, 1] = state["ally_presence"][:, 0]
    out["spoiler"][day] = state["spoiler"][:, 0]
    out["escalation"][day] = state["escalation"][:, 0]
    out["open_war"][day] = state["open_war"][:, 0]
    out["polarization"][day] = state["polarization"][:, 0]
    out["bloc_seats"][day] = state["bloc_seats"][:, 0]
