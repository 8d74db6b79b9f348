"""One conformance suite for every registered component (engine/contract.py): what it declares holds.

- the state it returns is state it or another component declared, with the declared shape;
- a mechanism switched off changes nothing: its parameters (those no other component reads) move no output;
- every parameter it declares moves some output (paired runs, the parameter at the two ends of its range).
"""
import numpy as np
import pytest

import flashpoint
from flashpoint.engine import compile_world, draws
from flashpoint.engine.contract import mechanisms, outputs, registry
from flashpoint.engine.core import initial_state
from flashpoint.engine.schedule import Timeline
from flashpoint.engine.attacks import Attacks
from flashpoint.scenario.parameters import parameters

SC = flashpoint.load_scenario("iraq-2020")
RUNS = 60


def day_of_everything(n=8):
    """Run every component once, on a day when attacks, strikes and the decapitation happen."""
    world = compile_world(SC, "historical", None, n)
    p = world.params_for(slice(0, n))
    state = initial_state(world, p, n)
    timeline = Timeline(world, slice(0, n), draws.Streams(0, 0, n))
    for day in range(world.days):
        ctx = timeline.day(day)
        if ctx["decapitation"] is not None:
            return world, p, state, ctx
    raise AssertionError("no decapitation day")


@pytest.mark.parametrize("component", registry(), ids=lambda c: c.key)
def test_declared_state_and_shapes_hold(component):
    world, p, state, ctx = day_of_everything()
    owned = {name for c in registry() for name in c.state}
    dims = world.dims
    n = state["consent"].shape[0]
    for name, spec in component.state.items():
        if spec.axis != "run" or not callable(spec.initial):
            width = 1 if spec.axis == "run" else dims[spec.axis]
            assert state[name].shape == (n, width), name
    yesterday = Attacks(np.array([0, 1]), np.array([0, 1]), np.ones((2, dims["mode"]), int), np.array([1, 0]),
                        np.array([0, 2]))
    flows = {"yesterday": yesterday, "strikes": np.ones((n, dims["proxy"]), int),
             "strikes_by_soil": np.ones((n, dims["proxy"], 2), int), "strikes_total": np.full((n, 1), 3),
             "strikes_host_total": np.ones((n, 1), int), "host_killed": np.ones((n, 1), int),
             "attacks": yesterday, "simulated_attacks": yesterday,
             "attacks_by_source": np.ones((n, dims["source"]), int), "attacks_on_forces": np.full((n, 1), 4),
             "killed_total": np.ones((n, 1), int), "host_attacks": np.zeros((n, dims["proxy"]), int)}
    changes, produced = component.step(state, p, ctx, flows, draws.Streams(1, 0, n))
    for name, value in changes.items():
        assert name in owned, f"{component.key} returns undeclared state {name!r}"
        assert np.shape(value) == state[name].shape, (component.key, name)
    assert set(produced) <= set(component.writes), (component.key, set(produced) - set(component.writes))


def test_outputs_are_declared_once_with_an_indicator_or_read_by_one():
    names = [o.name for o in outputs()]
    assert len(names) == len(set(names))
    indicators = [o.indicator.name for o in outputs() if o.indicator]
    assert len(indicators) == len(set(indicators))
    ens = flashpoint.simulate(SC, runs=4, seed=0)
    for o in outputs():
        assert ens.data[o.name].dtype == np.dtype(o.dtype)
        if o.indicator:
            assert ens.kind(o.indicator.name) == o.indicator.kind


@pytest.fixture(scope="module")
def base():
    return flashpoint.simulate(SC, runs=RUNS, seed=4)


def read_elsewhere(key: str, name: str) -> bool:
    """Whether another component's module reads parameter ``key.name``."""
    import inspect
    import sys

    text = f'"{key}.{name}"'
    return any(text in inspect.getsource(sys.modules[c.step.__module__]) for c in registry() if c.key != key)


def switch_cases():
    declared = parameters(SC)
    for key, component in mechanisms().items():
        starts = {s.initial for s in component.state.values()}     # a switched-off state holds its start value
        for name, param in component.parameters.items():
            if param.default is not None and not any(n.startswith(f"{key}.{name}") for n in declared):
                continue      # optional, and the built-in scenario leaves it out
            if not read_elsewhere(key, name) and f"{key}.{name}" not in starts:
                yield pytest.param(key, name, id=f"{key}.{name}")


#: cases simulated in one ensemble by :func:`moved_between` (its runs' arrays, 2 x runs x cases of them, fit in memory)
CASES_AT_ONCE = 20


def moved_between(cases, runs: int) -> dict[str, list[str]]:
    """For each case ``(id, name, settings)``: the outputs that differ between its runs at parameter ``name``'s low
    and at its high, ``settings`` (switches, parameters) held in both. A few ensembles run every case: a case's two
    groups of runs share the random streams 0..runs-1, so they differ by the parameter alone, and a run's numbers do
    not depend on the other runs (docs/ODD.md section 4); every other setting is the file's. Until 2026-12-05 each
    case ran two ensembles of its own: 250 s of the suite for 126 parameters, a second now."""
    declared = parameters(SC)

    def file_value(key):
        mechanism = key.removesuffix(".enabled")
        return SC.mechanisms[mechanism].enabled if key.endswith(".enabled") else declared[key].value

    moved = {}
    for at in range(0, len(cases), CASES_AT_ONCE):
        chunk = cases[at:at + CASES_AT_ONCE]
        n = 2 * runs * len(chunk)
        keys = {name for _, name, _ in chunk} | {k for *_, settings in chunk for k in settings}
        design = {k: np.full(n, file_value(k)) for k in sorted(keys)}
        for i, (_, name, settings) in enumerate(chunk):
            both, low, high = slice(2 * i * runs, (2 * i + 2) * runs), slice(2 * i * runs, (2 * i + 1) * runs), \
                slice((2 * i + 1) * runs, (2 * i + 2) * runs)
            for k, v in settings.items():
                design[k][both] = v
            design[name][low], design[name][high] = declared[name].low, declared[name].high
        streams = np.tile(np.arange(runs), 2 * len(chunk))
        ens = flashpoint.simulate(SC, runs=n, seed=4, overrides=design, streams=streams)
        for i, (case, _, _) in enumerate(chunk):
            low, high = slice(2 * i * runs, (2 * i + 1) * runs), slice((2 * i + 1) * runs, (2 * i + 2) * runs)
            moved[case] = [k for k, a in ens.data.items() if not np.array_equal(a[:, low], a[:, high])]
    return moved


def flat_name(key: str, name: str) -> str:
    return next(n for n in parameters(SC) if n == f"{key}.{name}" or n.startswith(f"{key}.{name}."))


@pytest.fixture(scope="module")
def moved_when_off():
    """Each switch case's mechanism off (a design's per-run switch), its parameter at the two ends of its range."""
    cases = [(f"{key}.{name}", flat_name(key, name), {f"{key}.enabled": False}) for key, name in
             (c.values for c in switch_cases())]
    return moved_between(cases, 12)


@pytest.mark.parametrize("key, name", list(switch_cases()))
def test_a_switched_off_mechanism_changes_nothing(key, name, moved_when_off):
    """Switched off, a mechanism's parameters move no output: its pathway is cut."""
    assert moved_when_off[f"{key}.{name}"] == [], f"{key} off, {flat_name(key, name)} moves these"


def test_a_batch_of_cases_finds_what_one_case_alone_finds():
    """moved_between runs many cases in one ensemble: the same outputs move as in the two ensembles of one case."""
    name = "reprisal.excitation_per_strike"
    p = parameters(SC)[name]
    low, high = (flashpoint.simulate(SC, runs=12, seed=4, overrides={name: v}) for v in (p.low, p.high))
    alone = [k for k in low.data if not np.array_equal(low.data[k], high.data[k])]
    cases = [("a", "deterrence.backlash_per_strike", {}), ("b", name, {}), ("c", name, {"reprisal.enabled": False})]
    batch = moved_between(cases, 12)
    assert batch["b"] == alone and alone and batch["c"] == []


@pytest.mark.parametrize("off, writer", [("deterrence", "decapitation.coordination_loss"),
                                         ("deterrence", "decapitation.deterrent_effect"),
                                         ("control", "decapitation.successor_strength")])
def test_a_switched_off_mechanisms_state_takes_no_other_mechanisms_writes(off, writer):
    """M4 writes a decapitation's losses into M2's capability and deterrence and M3's control and ceiling.
    With M2 off those losses stayed for good (M2's recovery did not run): "M2 off" in the claims audit meant
    "no recovery" rather than "no capability, deterrence or grievance". Now a switched-off mechanism's state
    keeps its start value: what M4 writes only there moves nothing."""
    p = parameters(SC)[writer]
    runs = [flashpoint.simulate(SC, runs=12, seed=4, overrides={f"{off}.enabled": False, writer: v})
            for v in (p.low, p.high)]
    for k in runs[0].data:
        np.testing.assert_array_equal(runs[0].data[k], runs[1].data[k], err_msg=f"{off} off, {writer} moves {k}")


def parameter_cases():
    declared = parameters(SC)
    for c in registry():
        for name, param in c.parameters.items():
            flat = f"{c.key}.{name}"
            keyed = [n for n in declared if n == flat or n.startswith(flat + ".")]
            if not keyed and param.default is not None:
                continue      # optional, and the built-in scenario leaves it out: tests/core/test_drift.py
            yield pytest.param(keyed[0], id=keyed[0])


#: what must hold for a parameter to act at all in the built-in scenario (its pathway switched on). Until the
#: runs drew their own numbers (2026-12-02) a parameter could "move" the outputs only by changing how many numbers
#: the block drew (the direct strikes' hazard, whose level never reached its threshold here)
NEEDS = {
    "escalation.direct_strike_killed": {"escalation.direct_strike_threshold": 2.0, "escalation.direct_strike_hazard": 0.1},
    "escalation.direct_strike_wounded": {"escalation.direct_strike_threshold": 2.0, "escalation.direct_strike_hazard": 0.1},
    "escalation.direct_strike_hazard": {"escalation.direct_strike_threshold": 2.0},
    "escalation.cooldown_days": {"escalation.direct_strike_threshold": 2.0, "escalation.direct_strike_hazard": 0.1,
                                "escalation.decay_days": 120.0},
    "escalation.war_hazard": {"escalation.war_threshold": 2.0},
    "response.strike_prob_after_wounding": {"attacks.wounded_per_attack.indirect_fire": 1.0},
    "spoiler.posture_cost": {"response.force_protection": 0.3},
}


@pytest.fixture(scope="module")
def moved_by_each():
    cases = [(name, name, NEEDS.get(name, {})) for name in (c.values[0] for c in parameter_cases())]
    return moved_between(cases, RUNS)


@pytest.mark.parametrize("name", list(parameter_cases()))
def test_every_declared_parameter_moves_some_output(name, moved_by_each):
    p = parameters(SC)[name]
    assert moved_by_each[name], f"{name} moves no output between {p.low} and {p.high}"


def test_writes_into_a_state_switched_off_in_some_runs_are_kept_only_where_its_owner_is_on():
    from flashpoint.engine.core import _owners_only

    def step(state, p, ctx, flows, rng):
        return {"capability": state["capability"] * 0.5, "own": np.ones(3)}, {}

    state = {"capability": np.ones((3, 2)), "own": np.zeros(3)}
    on = np.array([[True], [False], [True]])
    changes, _ = _owners_only(step, {"capability": on})(state, {}, {}, {}, None)
    np.testing.assert_array_equal(changes["capability"], [[0.5, 0.5], [1, 1], [0.5, 0.5]])
    np.testing.assert_array_equal(changes["own"], np.ones(3))
    changes, _ = _owners_only(step, {"capability": False})(state, {}, {}, {}, None)
    assert "capability" not in changes and "own" in changes
