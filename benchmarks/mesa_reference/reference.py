"""What every run of the Mesa reference reads: a scenario, a policy and overrides as plain Python numbers.

The numbers come from the engine's own ``compile_world`` (parameters, axes, the policy's schedule with
its ``requires`` links, probabilities, targets and effect sizes already resolved), so both sides read
the same inputs. What an entry *does* is restated here and in ``model.py`` from its declared meaning
(``flashpoint.scenario.entries``), not taken from the engine's schedule code: in particular how long a
lasting entry is in force is worked out from the entry's own ``until`` and the scenario's end.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from flashpoint.engine.contract import registry
from flashpoint.engine.world import compile_world
from flashpoint.scenario.loader import load_scenario


@dataclass(frozen=True)
class Entry:
    """One dated schedule entry of the policy, in the order entries resolve on their day."""

    id: str
    type: str
    day: int
    end: int                          # lasting entries, temporary drawdowns: the last day in force
    requires: tuple[int, ...]         # indices of entries it requires; (-1,) when the policy dropped one
    probability: float
    targets: tuple[int, ...]          # proxy indices it acts on
    patron: bool                      # it names the patron (a decapitation: the patron's commander)
    host_soil: bool                   # a strike or decapitation on the host's territory
    sign: float = 0.0                 # patron_order: +1 escalate, -1 restrain
    scale: float = 1.0
    size: float = 0.0
    fades_days: float | None = None
    compliance: float = 0.0
    holds_days: float = 1.0
    waves: int = 1
    host_killed: int = 0
    killed: int = 0
    wounded: int = 0
    source: int | None = None         # proxy_attack: index on the source axis (proxies, then the patron)
    mode: int | None = None           # proxy_attack: index on the mode axis
    party: int | None = None          # coalition_drawdown, deployment: the foreign party that leaves or comes
    share: float = 0.0                # coalition_drawdown: share of that party's troops (negative: a deployment)
    temporary: bool = False           # coalition_drawdown with `until`: the troops come back
    mix: tuple[float, ...] | None = None   # tactics: the cumulative shares of the proxies' modes it sets


def _keyed_names() -> set[str]:
    """Parameters that hold one value per proxy, mode or party (tuples here, even with one key). The response
    rule's (keyed ``rule``) are one number: the reference follows scenarios with one rule, the first foreign
    power's (its value is the first of the row)."""
    names = {"party.ally"}
    for c in registry():
        names.update(f"{c.key}.{n}" for n, prm in c.parameters.items() if prm.keying not in ("scalar", "rule"))
        names.update(c.attributes)
        names.update(f"relation.{kind}" for kind in c.relations)
    return names


class Reference:
    """A scenario, a policy and overrides compiled once into Python scalars that every
    ``ProxyConflictModel`` run reads. Overrides must be single numbers (one model, many runs)."""

    def __init__(self, scenario="iraq-2020", policy: str = "historical", overrides: dict | None = None):
        scenario = load_scenario(scenario)
        world = compile_world(scenario, policy, overrides, runs=1)
        self.scenario, self.policy, self.world = scenario, policy, world
        self.days = world.days
        self.dates = world.dates
        self.proxies = list(world.proxies)
        self.sources = list(world.sources)
        self.modes = list(world.axes["mode"])
        self.parties = list(world.axes["party"])
        self.proxy_modes = world.roles["proxy_modes"]
        self.patron_mode = world.roles["patron_mode"]
        self.enabled = {c.key: world.enabled.get(c.key, True) for c in registry() if c.switchable}
        self.actors = [(a.id, a.kind) for a in scenario.actors]
        keyed = _keyed_names()
        self.p: dict[str, float | tuple[float, ...]] = {}
        for name, value in world.params.items():
            row = tuple(float(x) for x in np.asarray(value, dtype=float).reshape(-1))
            self.p[name] = row if name in keyed else row[0]
        self.entries = [self._entry(se) for se in world.entries]
        self.starting: dict[int, list[int]] = {}
        for i, e in enumerate(self.entries):
            self.starting.setdefault(e.day, []).append(i)

    def _entry(self, se) -> Entry:
        e, sc = se.entry, self.scenario
        end_of_run = (sc.end - sc.start).days
        until = (e.until - sc.start).days if e.until is not None else None
        if e.type == "patron_order":
            end = until
        elif e.type in ("suspension", "outside_shock", "tactics"):   # in force until `until`, else to the end
            end = until if until is not None else end_of_run
        elif e.type in ("coalition_drawdown", "deployment") and until is not None:
            end = until                   # away (there) through `until`, like every `until`; back (gone) the day after
        else:
            end = se.day
        value = lambda name, default: float(np.asarray(se.values[name]).reshape(-1)[0]) \
            if name in se.values else default  # noqa: E731
        share = 0.0
        if e.type in ("coalition_drawdown", "deployment"):       # a deployment: a negative drawdown
            troops = self.p_troops(se.party_index)
            share = e.fraction if e.fraction is not None else e.troops / max(troops, 1e-12)
            share = share if e.type == "coalition_drawdown" else -share
        return Entry(
            id=e.id, type=e.type, day=se.day, end=end, requires=tuple(se.requires),
            probability=float(np.asarray(se.probability).reshape(-1)[0]),
            targets=tuple(int(i) for i in np.flatnonzero(se.targets)), patron=bool(se.patron_targeted),
            host_soil=bool(se.on_host_soil), sign={"restrain": -1.0, "escalate": 1.0}.get(e.order or "", 0.0),
            scale=value("scale", 1.0), size=value("size", 0.0), fades_days=value("fades_days", None),
            compliance=value("compliance", 0.0), holds_days=value("holds_days", 1.0), waves=e.waves or 1,
            host_killed=e.host_killed or 0, killed=e.killed or 0, wounded=e.wounded or 0,
            source=se.source_index, mode=se.mode_index, party=se.party_index, share=float(share),
            temporary=e.type in ("coalition_drawdown", "deployment") and until is not None, mix=self._mix(se))

    @staticmethod
    def _mix(se) -> tuple[float, ...] | None:
        if "mode_share" not in se.values:
            return None
        shares = np.asarray(se.values["mode_share"], dtype=float).reshape(-1)
        return tuple(float(x) for x in np.cumsum(shares) / shares.sum())

    def p_troops(self, party: int) -> float:
        return float(np.asarray(self.world.params["party.troops"]).reshape(-1)[party])

    def day_index(self, date) -> int:
        return int((pd.Timestamp(date) - self.dates[0]).days)
