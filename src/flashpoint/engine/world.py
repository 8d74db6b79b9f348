"""Compile a scenario, a policy and overrides into arrays the engine steps over.

``World`` holds the axes (proxies, sources, attack modes, foreign parties), the roles the scenario
declares (patron, host, foreign side) and parameter arrays shaped for broadcasting against the
state: scalars as (runs or 1, 1), keyed values as (runs or 1, len(axis)). A parameter given as an
array over runs (a posterior draw, a sensitivity sample) keeps its run axis; everything else has 1.
What is read, and how it is keyed, comes from the components' declarations (engine/contract.py).
"""
from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from flashpoint.engine.contract import SOIL, registry
from flashpoint.engine.requirements import answered_by, keys_for
from flashpoint.errors import FlashpointError, FlashpointNote, ScenarioError, did_you_mean
from flashpoint.scenario.checks import declared_modes, forces_overridden
from flashpoint.scenario.parameters import (idle_setting, needed_mechanisms, parameters, refuse_entryless_values,
                                           resolve_settings)
from flashpoint.scenario.schema import Entry, Scenario

#: the patron's direct strikes are attacks in this mode
PATRON_MODE = "missile"


@dataclass(frozen=True)
class ScheduledEntry:
    entry: Entry
    day: int
    last_day: int                    # the day its effect ends (lasting entries), else == day
    requires: tuple[int, ...]        # indices into World.entries; (-1,) when a required entry was dropped
    probability: np.ndarray          # (runs or 1, 1)
    targets: np.ndarray              # (proxies,) 1 for each faction the entry acts on
    patron_targeted: bool            # the entry names the patron (its commander, for a decapitation)
    values: dict                     # numeric fields resolved to (runs or 1, 1) arrays: scale, size, ...
    on_host_soil: bool               # where a strike or decapitation fell
    aimed_at: np.ndarray | None = None  # (targets,) 1 for each attack target a suspension or shock acts on;
                                         # None: every target (an outside shock on the factions' motivation)
    target_index: int = 0            # proxy_attack, patron_direct_strike: the attack target hit
    source_index: int | None = None  # proxy_attack: who attacked (source axis)
    mode_index: int | None = None    # proxy_attack: its mode
    party_index: int | None = None   # coalition_drawdown, deployment: who leaves or comes; foreign_strike,
                                     # rules_of_engagement: who strikes
    cut: np.ndarray | None = None    # (runs, 1) bool: runs whose ``requires`` is ignored (a link cut in some runs)


@dataclass
class World:
    scenario: Scenario
    policy: str
    runs: int
    dates: pd.DatetimeIndex
    axes: dict[str, list[str]]
    roles: dict[str, object]
    params: dict[str, np.ndarray]
    enabled: dict[str, bool | np.ndarray]   # mechanism -> on, or (runs,) bool where it is on in some runs only
    entries: list[ScheduledEntry] = field(default_factory=list)
    streams: np.ndarray | None = None       # (runs,) each run's random stream; None: its own (engine/draws.py)

    @property
    def days(self) -> int:
        return len(self.dates)

    @property
    def proxies(self) -> list[str]:
        return self.axes["proxy"]

    @property
    def sources(self) -> list[str]:
        return self.axes["source"]

    @property
    def dims(self) -> dict[str, int]:
        return {name: len(labels) for name, labels in self.axes.items()}

    def params_for(self, runs: slice) -> dict[str, np.ndarray]:
        """Parameter arrays for a block of runs: arrays over runs are sliced, and keyed values are
        spelled out to (block runs, len(axis)), the state's shape, since NumPy is several times slower
        broadcasting a (1, k) row against a (runs, k) array than combining equal shapes."""
        out = {}
        n = len(range(self.runs)[runs])
        for name, value in self.params.items():
            value = value[runs] if value.shape[0] == self.runs and self.runs > 1 else value
            if value.shape[1] > 1 or name.startswith("proxy.") or name.startswith("relation."):
                value = np.ascontiguousarray(np.broadcast_to(value, (n, value.shape[1])))
            out[name] = value
        return out

    def rows(self, array: np.ndarray, runs: slice) -> np.ndarray:
        return array[runs] if array.shape[0] == self.runs and self.runs > 1 else array

    def switched_on(self, key: str, runs: slice) -> bool | np.ndarray:
        """Whether mechanism ``key`` runs: True or False in every run of the block, else (block runs, 1) bool."""
        on = self.enabled.get(key, True)
        return on if isinstance(on, bool) else on[runs][:, None]


def _stack(values: list, runs: int) -> np.ndarray:
    """Columns (scalars or arrays over runs) -> (runs or 1, k) float array."""
    if any(np.ndim(v) == 1 for v in values):
        return np.stack([np.broadcast_to(np.asarray(v, dtype=float), (runs,)) for v in values], axis=1)
    return np.asarray(values, dtype=float).reshape(1, -1)


def _settings(scenario: Scenario, policy: str, overrides: dict | None, runs: int) -> dict:
    if overrides is not None and not isinstance(overrides, Mapping):
        raise FlashpointError(f"overrides maps parameter names to values ({{'reprisal.excitation_per_strike': "
                              f"0.1}}), not a {type(overrides).__name__}")
    named = [k for k in (overrides or {}) if not isinstance(k, str)]
    if named:
        raise FlashpointError(f"overrides: parameter names are text ('decapitation.control_loss'), not {named[0]!r}")
    if policy not in scenario.policies:
        raise FlashpointError(
            f"unknown policy {policy!r} for scenario {scenario.name}{did_you_mean(policy, scenario.policies) or ';'} known: "
            f"{', '.join(scenario.policies)}")
    settings = resolve_settings(scenario, dict(scenario.policies[policy].set), f"policy {policy!r}")
    switches = {k: v for k, v in (overrides or {}).items() if k.endswith(".enabled")}
    switched = {**settings, **resolve_settings(scenario, switches, "overrides")}
    problem = idle_setting(scenario, policy, overrides, switched)
    if problem:        # before the values' ranges: a switched-off mechanism's range may be [0, 0] (a held-out case)
        raise ScenarioError(problem)
    # one value of a parameter whose mechanism the overrides switch off in every run changes nothing, as
    # flashpoint run --set says (a held-out Python user's went unsaid); per-run arrays (a design) are left to run
    off = {k.partition(".")[0] for k, v in switches.items() if np.ndim(v) == 0 and not v}
    scalar = [k for k, v in (overrides or {}).items()       # its own, its readers' or what it weighs (a verifier's
              if not k.endswith(".enabled") and np.ndim(v) == 0 and off & needed_mechanisms(scenario, k)]   # ran)
    if scalar and (problem := idle_setting(scenario, policy, overrides, switched, same_call=True, names=scalar)):
        raise ScenarioError(problem)
    settings.update(resolve_settings(scenario, dict(overrides or {}), "overrides"))
    if overrides and (problem := forces_overridden(scenario, policy, overrides)):
        raise ScenarioError(problem)
    refuse_entryless_values(scenario, [policy], overrides)       # as flashpoint run --set does
    for name, value in settings.items():
        if isinstance(value, np.ndarray) and value.shape != (runs,):
            raise ScenarioError(f"overrides: {name} has {value.shape[0]} values; expected one per run ({runs})")
    return settings


def axes_of(scenario: Scenario) -> dict[str, list[str]]:
    """The labels of every axis a state or an output may have: the factions, the attackers (the factions,
    then the patron), the foreign parties, the soil, the attack modes and the attack targets."""
    proxies = keys_for(scenario, "proxy")
    modes = declared_modes(scenario)
    return {"proxy": proxies, "source": proxies + [scenario.actors_of("patron")[0].id],
            "party": [a.id for a in scenario.foreign_parties], "soil": list(SOIL),
            "mode": modes + ([PATRON_MODE] if PATRON_MODE not in modes else []),
            "target": [t.id for t in scenario.attack_targets]}


def _per_run(switch) -> bool | np.ndarray:
    """A switch's setting: one boolean when it is the same in every run, else the (runs,) array."""
    switch = np.asarray(switch, dtype=bool)
    return bool(switch.flat[0]) if switch.ndim == 0 or switch.all() or not switch.any() else switch


def compile_world(scenario: Scenario, policy: str = "historical", overrides: dict | None = None,
                  runs: int = 1) -> World:
    settings = _settings(scenario, policy, overrides, runs)
    flat: dict[str, object] = {n: p.value for n, p in parameters(scenario).items()}
    flat.update({k: v for k, v in settings.items() if not k.endswith((".enabled", ".requires"))})
    enabled = {name: m.enabled for name, m in scenario.mechanisms.items()}
    enabled.update({k[: -len(".enabled")]: _per_run(v) for k, v in settings.items() if k.endswith(".enabled")})
    cut = {k[: -len(".requires")]: _per_run(~np.asarray(v)) for k, v in settings.items()
           if k.endswith(".requires") and not np.all(v)}

    axes = axes_of(scenario)
    proxies, patron = axes["proxy"], axes["source"][-1]
    parties = scenario.foreign_parties
    modes = declared_modes(scenario)
    targets = scenario.attack_targets
    host = scenario.actors_of("host_executive")
    roles = {"patron": patron, "foreign": [a.id for a in scenario.actors_of("foreign_power")],
             "host": host[0].id if host else None, "host_country": scenario.host_country,
             "proxy_modes": len(modes), "patron_mode": axes["mode"].index(PATRON_MODE),
             "implicit_target": not scenario.targets,
             "target_parties": [t.parties for t in targets]}

    params: dict[str, np.ndarray] = {}
    for c in registry():
        for name, param in c.parameters.items():
            keys, whole = keys_for(scenario, param.keying), flat.get(f"{c.key}.{name}", param.default)
            params[f"{c.key}.{name}"] = _stack([flat.get(f"{c.key}.{name}" + (f".{k}" if k else ""), whole)
                                                for k in keys], runs)    # a rule's one number: every party's
        for name, param in c.attributes.items():
            role, attr = name.split(".")
            ids = proxies if role == "proxy" else axes["party"]
            params[name] = _stack([flat.get(f"{i}.{attr}", param.default) for i in ids], runs)
        for kind, param in c.relations.items():
            params[f"relation.{kind}"] = _stack([flat.get(name, param.default)
                                                 for name in _relation_names(scenario, kind, patron)], runs)
    _refuse_empty_mixes(scenario, policy, flat, modes, runs)
    params["party.ally"] = np.asarray([[a.kind == "ally" for a in parties]], dtype=float)
    params.update(_covers(scenario, axes["party"], flat, runs))
    if scenario.targets:
        params.update(_target_params(scenario, flat, proxies, modes, runs))

    dates = pd.date_range(scenario.start, scenario.end, freq="D")
    world = World(scenario, policy, runs, dates, axes, roles, params, enabled)
    world.entries = compile_schedule(world, flat, cut)
    return world


def _refuse_empty_mixes(scenario: Scenario, policy: str, flat: dict, modes: list[str], runs: int) -> None:
    """A mix of attack modes whose shares are all 0 (the faction-wide one, a target's, a tactics entry's) is
    refused: the shares are normalised, so it would run as every mode alike (a --set of every mode to 0, a held-out
    check; a held-out user's tactics entry). A design over runs (the audit's grid) may draw one: such a run's
    modes are alike, and a note says in how many runs (a held-out tester's per-run zeros ran unsaid)."""
    pol = scenario.policies[policy]
    mixes = ["attacks.mode_share"] + [f"targets.{t.id}.mode_share" for t in scenario.targets if t.mode_share is not None]
    mixes += [e.mode_share for e in list(scenario.schedule) + list(pol.add)
              if e.type == "tactics" and isinstance(getattr(e, "mode_share", None), str)]
    for mix in dict.fromkeys(mixes):
        shares = [flat.get(f"{mix}.{m}") for m in modes]
        if any(v is None for v in shares):
            continue
        if all(np.ndim(v) == 0 for v in shares) and sum(float(v) for v in shares) <= 0:
            raise FlashpointError(f"{mix}: the shares sum to 0: give at least one mode a share above 0 "
                                  "(they are normalised)")
        empty = np.flatnonzero(np.broadcast_to(sum(np.asarray(v, dtype=float) for v in shares), (runs,)) <= 0)
        if len(empty):
            warnings.warn(f"{mix}: the shares sum to 0 in {len(empty)} of {runs} runs (the first at run {empty[0]}): "
                          "those runs draw every mode alike (the shares are normalised)", FlashpointNote, stacklevel=2)


def _covers(scenario: Scenario, parties: list[str], flat: dict, runs: int) -> dict[str, np.ndarray]:
    """Which response rule answers the attacks on which target, and with what weight (:func:`answered_by`):
    ``response.covers`` (1, targets x foreign parties), 1 where the party's rule looks at the target, and
    ``response.answered`` (runs or 1, targets x parties), the weight of an attack on it there."""
    covers, weights = [], []
    for t in scenario.attack_targets:
        for party in parties:
            how = answered_by(scenario, t, party)
            covers.append(float(how is not None))
            weights.append(0.0 if how is None else flat[how[0]] if how[0] else how[1])
    return {"response.covers": np.asarray(covers).reshape(1, -1), "response.answered": _stack(weights, runs)}


def target_present(owners: np.ndarray | None, presence: np.ndarray, target: int) -> np.ndarray:
    """(runs,) whether an attack on attack target ``target`` has anyone to hit: a foreign party holding it is present
    (``presence``: runs x parties; ``owners``: the world's ``target.owners``, None for the one implicit target every
    party holds). A target no party holds (merchant shipping) is always there."""
    parties = presence.shape[1]
    holders = np.ones(parties) if owners is None else owners[0].reshape(-1, parties)[target]
    if not holders.any():
        return np.ones(presence.shape[0], dtype=bool)
    return presence @ holders > 0


def _target_params(scenario: Scenario, flat: dict, proxies: list[str], modes: list[str], runs: int) -> dict:
    """The declared attack targets as parameter arrays: ``target.share`` (runs or 1, proxies x targets), each
    faction's shares normalised over the targets; ``target.owners``
    (1, targets x foreign parties: 1 where the party's forces in the theatre are the target, so that attacks on
    it follow their presence; 0 for a target not ``in_theatre``); and, when some target has its own mix of
    modes, ``target.mode_share`` (runs or 1, targets x modes) and ``target.own_mix`` (1, targets), 1 where the
    mix is the target's own (a tactics entry does not change it)."""
    targets = scenario.targets
    share = [flat[f"targets.{t.id}.share" + (f".{p}" if isinstance(t.share.value, dict) else "")]
             for p in proxies for t in targets]
    share = _stack(share, runs).reshape(-1, len(proxies), len(targets))
    share = share / np.maximum(share.sum(axis=2, keepdims=True), 1e-300)
    parties = [a.id for a in scenario.foreign_parties]
    owners = np.asarray([[party in t.parties and t.in_theatre for party in parties] for t in targets], dtype=float)
    out = {"target.share": share.reshape(len(share), -1), "target.owners": owners.reshape(1, -1)}
    if any(t.mode_share is not None for t in targets):
        rows = [flat[f"targets.{t.id}.mode_share.{m}" if t.mode_share is not None else f"attacks.mode_share.{m}"]
                for t in targets for m in modes]
        out["target.mode_share"] = _stack(rows, runs)
        out["target.own_mix"] = np.asarray([[t.mode_share is not None for t in targets]], dtype=float)
    return out


def _relation_names(scenario: Scenario, kind: str, patron: str) -> list[str]:
    proxies = keys_for(scenario, "proxy")
    if kind == "control":
        return [f"control.{patron}.{p}" for p in proxies]
    if kind == "hostility":
        host = scenario.actors_of("host_executive")
        return [f"hostility.{p}.{host[0].id}" if host else "" for p in proxies]
    if kind == "alliance":
        leaders = [a.id for a in scenario.actors_of("foreign_power")]
        out = []
        for party in keys_for(scenario, "party"):
            names = [f"alliance.{lead}.{party}" for lead in leaders if lead != party]
            declared = [n for n in names if n in parameters(scenario)]
            out.append(declared[0] if declared else "")
        return out
    raise KeyError(kind)


def _day(scenario: Scenario, date: dt.date) -> int:
    return (date - scenario.start).days


def _ordered(entries: list[Entry]) -> list[Entry]:
    """By date; on one day, each entry after the same-day entries it requires (then by id)."""
    out: list[Entry] = []
    for date in sorted({e.date for e in entries}):
        group = sorted((e for e in entries if e.date == date), key=lambda e: e.id)
        ids, placed = {e.id for e in group}, set()
        while group:
            ready = [e for e in group if all(r not in ids or r in placed for r in e.requires)] or group[:1]
            out += ready                       # group[:1]: a cycle, which scenario/checks.py rejects
            placed.update(e.id for e in ready)
            group = [e for e in group if e.id not in placed]
    return out


def compile_schedule(world: World, flat: dict, cut: dict | None = None) -> list[ScheduledEntry]:
    """The policy's entries in the order they resolve; ``cut``: entry id -> True where its ``requires`` is
    ignored in every run, or a (runs,) bool array of the runs where it is."""
    cut = cut or {}
    sc, pol = world.scenario, world.scenario.policies[world.policy]
    unknown = sorted(set(pol.drop) - {e.id for e in sc.schedule})
    if unknown:      # a file's policy is checked when loaded; one made in Python is checked here (a held-out case)
        raise ScenarioError(f"policy {world.policy!r} drops unknown schedule entr{'y' if len(unknown) == 1 else 'ies'} "
                            f"{', '.join(map(repr, unknown))}; the schedule's ids: `flashpoint scenario show`")
    entries = _ordered([e for e in sc.schedule if e.id not in set(pol.drop)] + list(pol.add))
    index = {e.id: i for i, e in enumerate(entries)}
    proxies, parties = world.proxies, world.axes["party"]
    target_ids, owners = world.axes["target"], world.roles["target_parties"]
    out = []
    for e in entries:
        everywhere = cut.get(e.id) is True
        requires = tuple(index[r] for r in e.requires if r in index) if not everywhere else ()
        if not everywhere and any(r not in index for r in e.requires):
            requires = (-1,)          # a required entry was dropped by the policy: this one never happens
        value = lambda v: _stack([flat[v] if isinstance(v, str) else v], world.runs)  # noqa: E731
        values = {f: value(getattr(e, f)) for f in ("scale", "size", "fades_days", "compliance", "holds_days")
                  if getattr(e, f) is not None}
        if e.mode_share is not None:          # a tactics entry's mix: (runs or 1, modes)
            values["mode_share"] = _stack([flat[f"{e.mode_share}.{m}"] for m in declared_modes(sc)], world.runs)
        names = e.actors if e.type in ("suspension", "tactics") else e.targets
        targets = np.asarray([p in names for p in proxies], dtype=float)
        if e.type in ("sanctions", "threat") and not targets.any():
            targets = np.ones(len(proxies))      # addressed to the patron or the host: all the factions
        aimed_at, target_index = _aim(e, target_ids, owners)
        theatre = e.theatre or world.roles["host_country"]
        open_ended = e.type in ("outside_shock", "suspension", "tactics")      # in force to the end unless `until` says
        last = _day(sc, e.until) if e.until else (_day(sc, sc.end) if open_ended else _day(sc, e.date))
        se = ScheduledEntry(
            entry=e, day=_day(sc, e.date), last_day=last, requires=requires, probability=value(e.probability),
            targets=targets, patron_targeted=world.roles["patron"] in e.targets, values=values,
            on_host_soil=theatre is not None and theatre == world.roles["host_country"],
            aimed_at=aimed_at, target_index=target_index,
            source_index=world.sources.index(e.actor) if e.type == "proxy_attack" else None,
            mode_index=world.axes["mode"].index(e.mode) if e.mode else None,
            party_index=parties.index(e.actor) if e.type in ("coalition_drawdown", "deployment", "foreign_strike",
                                                             "rules_of_engagement") else None,
            cut=None if everywhere or e.id not in cut or not requires else cut[e.id][:, None])
        out.append(se)
    return out


def _aim(e: Entry, target_ids: list[str], owners: list[list[str]]) -> tuple[np.ndarray | None, int]:
    """The attack targets an entry acts on ((targets,) mask, or None for all of a faction's motivation) and,
    for a scheduled attack, the one it hits: those ``attack_targets`` names; else a suspension covers the
    targets of the parties it names (so does a change of tactics), and an attack hits the first target of its
    target party."""
    named = e.aimed_at
    if named:
        mask = np.asarray([t in named for t in target_ids], dtype=float)
        return mask, target_ids.index(named[0])
    owned = np.asarray([bool(set(o) & set(e.targets)) for o in owners], dtype=float)
    if e.type in ("suspension", "tactics"):
        return owned, 0
    return None, int(np.argmax(owned)) if owned.any() else 0
