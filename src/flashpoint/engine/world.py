"""Compile a scenario, a policy and overrides into arrays the engine steps over.

``World`` holds parameter arrays shaped for broadcasting against the state:
scalars as (runs or 1, 1), per-proxy values as (runs or 1, proxies), per-mode
values as (runs or 1, modes). A parameter given as an array over runs (a
posterior draw, a sensitivity sample) keeps its run axis; everything else has 1.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from flashpoint.engine.requirements import PROXY_ATTRIBUTES, PROXY_MODES, declared_needs
from flashpoint.errors import FlashpointError
from flashpoint.scenario.parameters import parameters, resolve_settings
from flashpoint.scenario.schema import Entry, Scenario


@dataclass(frozen=True)
class ScheduledEntry:
    entry: Entry
    day: int
    last_day: int                    # == day except for entries with `until`
    requires: tuple[int, ...]        # indices into World.entries
    probability: np.ndarray          # (runs or 1, 1)
    source_index: int | None         # index into World.sources for attacks, else None


@dataclass
class World:
    scenario: Scenario
    policy: str
    runs: int
    dates: pd.DatetimeIndex
    proxies: list[str]
    sources: list[str]               # proxies + the patron: who attacks foreign forces
    patron: str
    params: dict[str, np.ndarray]
    enabled: dict[str, bool]
    per_proxy: frozenset[str] = frozenset()          # names of the parameters with one value per proxy
    entries: list[ScheduledEntry] = field(default_factory=list)

    @property
    def days(self) -> int:
        return len(self.dates)

    def params_for(self, runs: slice) -> dict[str, np.ndarray]:
        """Parameter arrays for a block of runs: arrays over runs are sliced, and per-proxy values are
        spelled out to (block runs, proxies), the state's shape, since NumPy is several times slower
        broadcasting a (1, proxies) row against a (runs, proxies) array than combining equal shapes."""
        out = {}
        n = len(range(self.runs)[runs])
        for name, value in self.params.items():
            value = value[runs] if value.shape[0] == self.runs and self.runs > 1 else value
            if name in self.per_proxy:
                value = np.ascontiguousarray(np.broadcast_to(value, (n, len(self.proxies))))
            out[name] = value
        return out

    def probability_for(self, entry: ScheduledEntry, runs: slice) -> np.ndarray:
        p = entry.probability
        return p[runs] if p.shape[0] == self.runs and self.runs > 1 else p


def _day(scenario: Scenario, date: dt.date) -> int:
    return (date - scenario.start).days


def _stack(values: list, runs: int) -> np.ndarray:
    """Columns (scalars or arrays over runs) -> (runs or 1, k) float array."""
    if any(np.ndim(v) == 1 for v in values):
        cols = [np.broadcast_to(np.asarray(v, dtype=float), (runs,)) for v in values]
        return np.stack(cols, axis=1)
    return np.asarray(values, dtype=float).reshape(1, -1)


def compile_world(scenario: Scenario, policy: str = "historical", overrides: dict | None = None,
                  runs: int = 1) -> World:
    if policy not in scenario.policies:
        raise FlashpointError(
            f"unknown policy {policy!r} for scenario {scenario.name}; known: {', '.join(scenario.policies)}")
    pol = scenario.policies[policy]
    settings = resolve_settings(scenario, dict(pol.set), f"policy {policy!r}")
    settings.update(resolve_settings(scenario, dict(overrides or {}), "overrides"))
    for name, value in settings.items():
        if isinstance(value, np.ndarray) and value.shape != (runs,):
            raise FlashpointError(f"overrides: {name} has {value.shape[0]} values; expected one per run ({runs})")

    flat: dict[str, object] = {n: p.value for n, p in parameters(scenario).items()}
    flat.update({k: v for k, v in settings.items() if not k.endswith(".enabled")})
    enabled = {name: m.enabled for name, m in scenario.mechanisms.items()}
    enabled.update({k[: -len(".enabled")]: bool(v) for k, v in settings.items() if k.endswith(".enabled")})

    proxies = [a.id for a in scenario.actors_of("proxy")]
    patron = scenario.actors_of("patron")[0].id
    host = scenario.actors_of("host_executive")
    foreign = scenario.actors_of("foreign_power")[0].id
    allies = scenario.actors_of("ally")

    params: dict[str, np.ndarray] = {}
    keys = {"scalar": [""], "proxy": proxies, "mode": list(PROXY_MODES)}
    keyings = {f"{group}.{name}": keying for group, needs in declared_needs().items() for name, keying in needs.items()}
    for name, keying in keyings.items():
        params[name] = _stack([flat[name + (f".{k}" if k else "")] for k in keys[keying]], runs)
    for attr in PROXY_ATTRIBUTES:
        params[f"proxy.{attr}"] = _stack([flat[f"{p}.{attr}"] for p in proxies], runs)
    params["proxy.initial_control"] = _stack([flat[f"control.{patron}.{p}"] for p in proxies], runs)
    params["proxy.host_hostility"] = _stack(
        [flat.get(f"hostility.{p}.{host[0].id}", 0.0) if host else 0.0 for p in proxies], runs)
    cohesion = flat.get(f"alliance.{foreign}.{allies[0].id}", 1.0) if allies else 1.0
    params["coalition.cohesion"] = _stack([cohesion], runs)

    dates = pd.date_range(scenario.start, scenario.end, freq="D")
    per_proxy = frozenset(n for n in params if keyings.get(n) == "proxy" or n.startswith("proxy."))
    world = World(scenario, policy, runs, dates, proxies, proxies + [patron], patron, params, enabled, per_proxy)

    entries = [e for e in scenario.schedule if e.id not in set(pol.drop)] + list(pol.add)
    entries.sort(key=lambda e: (e.date, e.id))
    index = {e.id: i for i, e in enumerate(entries)}
    for e in entries:
        missing = [r for r in e.requires if r not in index]
        requires = tuple(index[r] for r in e.requires if r in index)
        if missing:  # a required entry was dropped by the policy: this one never happens
            requires = (-1,)
        prob = flat[e.probability] if isinstance(e.probability, str) else e.probability
        source_index = world.sources.index(e.actor) if e.actor in world.sources else None
        if e.type in ("proxy_attack",) and source_index is None:
            raise FlashpointError(f"schedule entry {e.id!r}: a proxy_attack needs a proxy or patron actor, got {e.actor!r}")
        last = _day(scenario, e.until) if e.until else _day(scenario, e.date)
        world.entries.append(ScheduledEntry(e, _day(scenario, e.date), last, requires,
                                            _stack([prob], runs), source_index))
    return world
