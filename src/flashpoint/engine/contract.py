"""The contract every part of the day loop signs: declared once, found by the engine.

A **component** is one file under ``engine/`` (the processes: foreign forces, response, attacks) or
``engine/mechanisms/`` (M1-M10). It declares, in one ``COMPONENT = Component(...)`` value:

- ``key``, ``id`` and ``title`` (``"reprisal"``, ``"M1"``, ...; processes have no ``id`` and cannot
  be switched off);
- ``phase`` and ``order``: when it runs in a day (``before`` the day's attacks, ``attacks``, or
  ``after``), and its place inside the phase;
- ``parameters``: name -> ``Param`` (keyed ``scalar``, ``proxy``, ``mode``, ``party`` or ``rule``: one
  number or one per foreign party, see ``Param``; with the bounds the engine can take), read from the
  scenario's section of the same key;
- ``attributes`` and ``relations``: the actor attributes (per proxy or foreign party) and relations
  it reads;
- ``state``: the state it owns, each with its axes and how it starts;
- ``outputs``: the daily arrays it records, each with the indicator people read it through;
- ``step(state, p, ctx, flows, rng) -> (state changes, flows)``: a pure function of today's state,
  parameters, schedule context, the flows produced earlier today and the runs' random streams
  (``draws.Streams``: each site that draws names itself, so that a run's draws are its own).

The day loop (``core.py``), the scenario's mechanism list and parameter requirements
(``requirements.py``), the initial state, the output buffers and the ensemble's indicator
table all come from these declarations.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Literal

import numpy as np

#: axes a state variable or an output may have besides the run axis
AXES = ("proxy", "source", "mode", "party", "soil", "target")
#: labels of the "soil" axis: strikes on the host's territory, and elsewhere
SOIL = ("host_soil", "abroad")
PHASES = ("before", "attacks", "after")


@dataclass(frozen=True)
class Param:
    """A parameter a component reads: how it is keyed (one value, or one per proxy, mode or foreign
    party; ``rule``: either, for the response rule, one number where the first foreign power's rule is the
    only one or one value per foreign party where each has its own) and the bounds the engine can take (a
    scenario's declared range must lie inside them)."""

    keying: Literal["scalar", "proxy", "mode", "party", "rule"] = "scalar"
    low: float = 0.0
    high: float = float("inf")
    default: float | None = None      # the value where a scenario leaves it out; None: required
    per: str | None = None            # the time the engine reads it in ("day": a rate per day, a duration in
                                      # days): a scenario's unit naming another time is refused
    moved_by: str | None = None       # the mechanism whose state it weighs, where only that one moves it: with
                                      # that one off the parameter changes nothing (refused, left out of designs)
    scaled_by: str | None = None      # the relation type that scales what it adds: with no relation of that type
                                      # above 0, in value or range, it changes nothing (refused, left out of designs)


#: common bounds
SHARE = dict(low=0.0, high=1.0)
DAYS = dict(low=1.0, high=36500.0, per="day")


@dataclass(frozen=True)
class State:
    """A state variable: ``axis`` is ``"run"`` for (runs, 1) or an axis name for (runs, len(axis)).
    ``initial`` is a number, a parameter name, or ``f(p, n, dims) -> array`` for other shapes; ``off``
    what it holds instead when its owner is switched off and other components read it (pressure: 0)."""

    axis: str = "run"
    initial: float | str | Callable = 0.0
    off: float | None = None          # the value it holds when its owner is switched off (default: initial)

    def start(self, p: dict, n: int, dims: dict[str, int], enabled: bool = True) -> np.ndarray:
        if callable(self.initial) and (enabled or self.off is None):
            return self.initial(p, n, dims)
        width = 1 if self.axis == "run" else dims[self.axis]
        value = self.off if not enabled and self.off is not None else self.initial
        value = p[value] if isinstance(value, str) else value
        return np.array(np.broadcast_to(value, (n, width)), dtype=np.float64)


@dataclass(frozen=True)
class Indicator:
    """How people read an output: a name, whether it is summed (count) or averaged (state) over
    a period, its unit and what it is. ``total(ensemble) -> (days, runs)`` optionally gives the
    indicator without a breakdown when it is not the plain sum (counts) or mean (states) of the
    output's trailing axes (a troop-weighted share, say)."""

    name: str
    kind: Literal["count", "state"]
    unit: str
    description: str
    total: Callable | None = None


@dataclass(frozen=True)
class Output:
    """A daily array (days, runs, *axes), its storage type and the largest value it may hold.
    ``read(state, flows)`` gives today's (runs, *axes) values; ``write(day_view, state, flows)``
    writes them itself (sparse outputs) and returns the largest value it was given to store."""

    name: str
    dtype: type
    axes: tuple[str, ...]
    indicator: Indicator | None          # None: an internal array another indicator reads
    read: Callable | None = None
    write: Callable | None = None

    @property
    def maximum(self) -> float:
        kind = np.dtype(self.dtype)
        return float(np.iinfo(kind).max) if kind.kind in "iu" else float(np.finfo(kind).max)


@dataclass(frozen=True)
class Component:
    key: str
    title: str
    phase: Literal["before", "attacks", "after"]
    order: int
    step: Callable
    id: str = ""                      # "M1".."M10" for mechanisms; processes cannot be switched off
    parameters: dict[str, Param] = field(default_factory=dict)
    attributes: dict[str, Param] = field(default_factory=dict)   # "proxy.zeal", "party.troops": actor attributes
    relations: dict[str, Param] = field(default_factory=dict)    # "control", "hostility", "alliance"
    state: dict[str, State] = field(default_factory=dict)
    outputs: tuple[Output, ...] = ()
    reads: tuple[str, ...] = ()       # flows it reads (documentation and ordering check)
    writes: tuple[str, ...] = ()      # flows it produces

    @property
    def switchable(self) -> bool:
        return bool(self.id)


PROCESS_MODULES = ("flashpoint.engine.forces", "flashpoint.engine.response", "flashpoint.engine.attacks")


@lru_cache(maxsize=1)
def registry() -> tuple[Component, ...]:
    """Every component, in the order a day runs them."""
    import flashpoint.engine.mechanisms as package

    modules = list(PROCESS_MODULES) + [f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)]
    found = [importlib.import_module(name).COMPONENT for name in modules]
    found.sort(key=lambda c: (PHASES.index(c.phase), c.order, c.key))
    _check(found)
    return tuple(found)


def _check(components: list[Component]) -> None:
    keys, owners, produced = set(), {}, {"yesterday", "attacks_by_source", "attacks_on_forces", "killed_total"}
    for c in components:
        if c.key in keys:
            raise RuntimeError(f"two components named {c.key!r}")
        keys.add(c.key)
        for name, s in c.state.items():
            if name in owners:
                raise RuntimeError(f"state {name!r} is owned by both {owners[name]} and {c.key}")
            if s.axis not in ("run",) + AXES:
                raise RuntimeError(f"{c.key}: state {name!r} has unknown axis {s.axis!r}")
            owners[name] = c.key
        for flow in c.reads:
            if flow not in produced:
                raise RuntimeError(f"{c.key} reads flow {flow!r} before any component produces it")
        produced.update(c.writes)


def mechanisms() -> dict[str, Component]:
    """The switchable mechanisms (M1-M10), by key."""
    return {c.key: c for c in registry() if c.switchable}


def outputs() -> tuple[Output, ...]:
    return tuple(o for c in registry() for o in c.outputs)


def component(key: str) -> Component:
    for c in registry():
        if c.key == key:
            return c
    raise KeyError(key)
