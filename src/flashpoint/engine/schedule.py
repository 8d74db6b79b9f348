"""Resolve the dated schedule into today's context: which entries happen in which runs.

An entry happens in a run when every entry it requires happened there and a
draw falls under its probability. The context holds (runs, 1) arrays that the
mechanisms read: decapitation, vote, sanctions, orders, drawdowns, ...
"""
from __future__ import annotations

import numpy as np

from flashpoint.engine.world import World

#: context keys that hold a (runs, 1) 0/1 array for entries of that type happening today
FLAG_TYPES = ("decapitation", "parliament_vote", "sanctions", "host_executive_change",
              "dialogue", "threat", "election", "protests")


def entries_by_day(world: World) -> dict[int, list[int]]:
    """day -> indices of the entries that start that day."""
    out: dict[int, list[int]] = {}
    for i, se in enumerate(world.entries):
        out.setdefault(se.day, []).append(i)
    return out


def resolve_day(world: World, day: int, starting: list[int], happened: np.ndarray,
                runs: slice, rng: np.random.Generator) -> dict:
    """Mark the entries starting today in ``happened`` (runs, entries) and build today's context."""
    n = happened.shape[0]
    zeros = np.zeros((n, 1))
    ctx: dict = {t: zeros for t in FLAG_TYPES}
    ctx.update(restrain=zeros, escalate=zeros, drawdown_us=zeros, drawdown_allies=zeros,
               forced_attacks=[], direct_strikes=[])
    for i in starting:
        se = world.entries[i]
        if -1 in se.requires:
            continue
        ok = np.ones(n, dtype=bool)
        for r in se.requires:
            ok &= happened[:, r]
        prob = world.probability_for(se, runs)[:, 0]
        if np.any(prob < 1):
            ok &= rng.random(n) < prob
        happened[:, i] = ok
    for i, se in enumerate(world.entries):
        if not se.day <= day <= se.last_day:
            continue
        mask = happened[:, i:i + 1].astype(float)
        e = se.entry
        if e.type in FLAG_TYPES and se.day == day:
            ctx[e.type] = np.maximum(ctx[e.type], mask)
        elif e.type == "patron_order":
            key = "restrain" if e.order == "restrain" else "escalate"
            ctx[key] = np.maximum(ctx[key], mask)
        elif e.type == "coalition_drawdown" and se.day == day:
            key = "drawdown_us" if e.party == "us" else "drawdown_allies"
            ctx[key] = ctx[key] + mask * e.fraction
        elif e.type == "proxy_attack" and se.day == day:
            ctx["forced_attacks"].append((se, mask))
        elif e.type == "patron_direct_strike" and se.day == day:
            ctx["direct_strikes"].append((se, mask))
    return ctx
