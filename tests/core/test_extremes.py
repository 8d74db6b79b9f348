"""A file that validates runs: parameters anywhere the engine's bounds allow give finite, non-negative
counts, states in their ranges and strict JSON (issue: hostile input). Hypothesis draws which
parameters go to which end of what the engine accepts (engine/contract.py Param bounds)."""
import json
import math

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import flashpoint
from flashpoint.engine.contract import registry
from flashpoint.scenario.loader import resolve
from flashpoint.summary import ensemble_summary

DOC = yaml.safe_load(resolve("iraq-2020")[1])
#: a finite stand-in for an unbounded side
BIG = 1e6


def bounds() -> dict[tuple, tuple[float, float]]:
    """(section path, parameter name) -> the engine's bounds, for every declared scalar parameter."""
    out = {}
    for c in registry():
        for name, p in c.parameters.items():
            path = (c.key,) if c.key in ("attacks", "response", "forces") else ("mechanisms", c.key, "parameters")
            out[path + (name,)] = (p.low, min(p.high, BIG))
    return out


BOUNDS = bounds()
KEYS = sorted(BOUNDS)


def extreme_file(tmp_path, picks: dict[tuple, bool]):
    doc = yaml.safe_load(yaml.safe_dump(DOC))
    for path, high in picks.items():
        node = doc
        for k in path[:-1]:
            node = node[k]
        node = node.setdefault(path[-1], {"value": 0.0, "unit": "extreme", "source": "test"})   # optional too
        lo, hi = BOUNDS[path]
        value = hi if high else lo
        if isinstance(node["value"], dict):
            node["value"] = {k: value for k in node["value"]}
            node["range"] = {k: [lo, hi] for k in node["value"]}
        else:
            node["value"], node["range"] = value, [lo, hi]
    if ("attacks", "mode_share") in picks:          # shares may not all be zero
        doc["attacks"]["mode_share"]["value"]["indirect_fire"] = 1.0
    if ("attacks", "drift_days") in picks and ("attacks", "drift_sd") not in picks:   # a correlation time needs a
        doc["attacks"]["drift_sd"] = {"value": 0.5, "unit": "extreme", "range": [0.0, 3.0], "source": "test"}  # drift
    path = tmp_path / "extreme.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return path


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(KEYS), st.booleans(), min_size=1, max_size=12))
def test_extreme_parameters_run_to_finite_non_negative_numbers(tmp_path, picks):
    path = extreme_file(tmp_path, picks)
    sc = flashpoint.load_scenario(path)
    try:
        ens = flashpoint.simulate(sc, runs=8, seed=1)
    except flashpoint.errors.FlashpointError as exc:     # a value no storage type can hold: said, not wrapped
        assert "storage type" in str(exc), exc
        return
    for name, data in ens.data.items():
        assert np.isfinite(data).all(), name
        assert (data >= 0).all(), name
    for name in ("host_consent", "coalition_presence", "polarization", "open_war"):
        d = ens.daily(name)
        assert d.min() >= 0 and d.max() <= 1 + 1e-6, name
    json.dumps(ensemble_summary(ens), allow_nan=False)


def test_every_bound_is_finite_or_capped():
    assert all(math.isfinite(lo) and math.isfinite(hi) for lo, hi in BOUNDS.values())


@pytest.mark.parametrize("end", ["9999-12-31", "2300-01-01"])
def test_a_period_beyond_a_sane_horizon_is_refused(tmp_path, end):
    doc = yaml.safe_load(yaml.safe_dump(DOC))
    doc["end"] = end
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    with pytest.raises(flashpoint.errors.ScenarioError, match="at most 36,525 \\(100 years\\) are accepted"):
        flashpoint.load_scenario(path)


def test_casualties_are_checked_against_their_own_storage_type(tmp_path):
    """A day with 300 wounded was refused as output 'attacks' (uint8) reaching 301, though the wounded are
    stored as uint16 and only one attack happened (an entry's figures stop at 10,000, which uint16 holds)."""
    text = resolve("iraq-2020")[1].replace('killed: 0, wounded: 110, location: "Ain al-Asad and Erbil"',
                                           'killed: 0, wounded: 300, location: "Ain al-Asad and Erbil"')
    assert "wounded: 300," in text
    path = tmp_path / "many-wounded.yaml"
    path.write_text(text, encoding="utf-8")
    sc = flashpoint.load_scenario(path)
    ens = flashpoint.simulate(sc, runs=20, seed=1, overrides={"effects.direct_retaliation_probability": 1.0})
    day = (np.datetime64("2020-01-08") - np.datetime64(str(sc.start))).astype(int)
    assert (ens.data["wounded"][day].sum(axis=(-2, -1)) >= 300).all()       # over attackers and targets


def test_a_day_of_many_strike_waves_is_stored(tmp_path):
    """Strike waves by faction and day were stored in 8 bits: two scheduled rounds of 200 sites (each allowed)
    on one day stopped the run, and inside the claims audit, which spans every declared range, a reprisal
    size of 50 stopped the whole command (found on a held-out case of the Soviet war in Afghanistan)."""
    doc = yaml.safe_load(resolve("iraq-2020")[1])
    rounds = [{"id": f"round_{i}", "date": "2020-05-01", "type": "foreign_strike", "actor": "usa", "target": "kh",
               "waves": 200, "theatre": "IRQ", "cameo": "195", "description": "a big round", "source": "test"}
              for i in (1, 2)]
    doc["schedule"] = doc["schedule"] + rounds
    path = tmp_path / "big-rounds.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    ens = flashpoint.simulate(flashpoint.load_scenario(path), runs=5, seed=1)
    day = (np.datetime64("2020-05-01") - np.datetime64("2019-10-01")).astype(int)
    kh = ens.axes["proxy"].index("kh")
    assert (ens.data["strikes"][day, :, kh].sum(axis=-1) >= 400).all()


def test_attacks_on_the_host_are_bounded_by_a_factions_capacity(tmp_path):
    """A held-out case's claims audit stopped at a design point whose attacks on the host passed 255 a day (a day's
    count holds no more): those attacks had no ceiling, where the attacks on the foreign forces have
    attacks.max_daily_rate. They now have the same."""
    text = resolve("iraq-2020")[1].replace("host_attack_rate: {value: 0.002, unit: attacks on the host per day per "
                                           "unit of autonomy and hostility, range: [0.0, 0.01]",
                                           "host_attack_rate: {value: 10.0, unit: attacks on the host per day per "
                                           "unit of autonomy and hostility, range: [0.0, 10.0]")
    path = tmp_path / "hostile.yaml"
    path.write_text(text.replace("{type: hostility, from: kh, to: iraq_gov, value: {value: 1.0, unit: multiplier, "
                                 "range: [0.0, 2.0]", "{type: hostility, from: kh, to: iraq_gov, value: {value: 10.0, "
                                 "unit: multiplier, range: [0.0, 10.0]"), encoding="utf-8")
    sc = flashpoint.load_scenario(path)
    ens = flashpoint.simulate(sc, runs=10, seed=1, overrides={"control.iran.kh": 0.4})
    kh = ens.axes["proxy"].index("kh")
    daily = ens.data["host_attacks"][:, :, kh]
    cap = float(sc.attacks["max_daily_rate"].value)
    assert 0.8 * cap < daily.mean() < 1.2 * cap                # the ceiling, not 10 x 0.6 x 10 x (1 + grievance)


def test_a_float_output_past_its_storage_or_not_a_number_stops_the_run():
    """A held-out tester's spoiler grew past float32 over a century (in-range values): inf and NaN reached the
    table and a JSON no parser reads, exit status 0. Like an integer output too big, it now stops the run."""
    from flashpoint.engine.contract import Output
    from flashpoint.engine.core import _checked
    from flashpoint.errors import FlashpointError

    record = _checked(Output("spoiler", np.float32, (), None, read=lambda s, f: s["x"]))
    view = np.zeros(3, np.float32)
    record(view, {"x": np.array([1.0, 2.0, 3e38])}, {})
    assert view[2] == np.float32(3e38)
    for bad in (4e38, np.inf, np.nan):
        with pytest.raises(FlashpointError, match="output 'spoiler' reached .* more than its storage type"):
            record(view, {"x": np.array([1.0, bad, 2.0])}, {})


def test_a_mix_of_modes_empty_in_some_runs_is_said():
    """An all-zero mix given per run (Python) ran those runs with every mode alike, unsaid (held-out)."""
    from flashpoint.errors import FlashpointNote

    sc = flashpoint.load_scenario("iraq-2020")
    shares = np.ones(10)
    shares[9] = 0
    over = {f"attacks.mode_share.{m}": shares * 0.3 for m in DOC["attacks"]["mode_share"]["value"]}
    with pytest.warns(FlashpointNote, match=r"attacks.mode_share: the shares sum to 0 in 1 of 10 runs \(the first at run 9\)"):
        flashpoint.simulate(sc, runs=10, seed=1, overrides=over)


def test_a_value_just_outside_its_range_is_shown_as_given():
    """"consent.initial = 0.3 is outside its plausible range [0.3, 0.8]" (a held-out tester's 0.2999999)."""
    from flashpoint.errors import ScenarioError

    with pytest.raises(ScenarioError, match=r"consent.initial = 0\.2999999 is outside its plausible range \[0\.3, 0\.8\]"):
        flashpoint.simulate(flashpoint.load_scenario("iraq-2020"), runs=2, overrides={"consent.initial": 0.2999999})
