"""A foreign force that arrives or grows mid-period: ``attributes.initial_presence`` (the share of its declared
troops there at the start) and ``deployment`` entries (troops that arrive; with ``until``, leave again).
Two held-out cases (Libya 2019-20: Turkey from January 2020; a wargame designer's reinforcement) could
only write an arrival as a drawdown from the first day, and the event log showed a withdrawal that never was."""
import numpy as np
import pytest

import flashpoint
from flashpoint.errors import ScenarioError
from tests.core.test_entries import ENTRY, scenario_with

RUNS, SEED = 200, 4


def arriving(d, present=0.0, date="2020-06-01", **entry):
    d["actors"] = [dict(a, attributes=dict(a["attributes"], initial_presence={
        "value": present, "unit": "share of its troops", "range": [0.0, 1.0], "source": "test"}))
        if a["id"] == "coalition" else a for a in d["actors"]]
    d["schedule"].append(dict(ENTRY, id="coalition_arrives", date=date, type="deployment",
                              actor="coalition", target="iraq_gov", cameo="0874", **(entry or {"fraction": 1.0})))


def test_a_force_that_arrives_is_absent_before_and_there_after(tmp_path):
    sc = scenario_with(tmp_path, lambda d: arriving(d, until="2020-12-31", fraction=1.0))
    ens = flashpoint.simulate(sc, runs=RUNS, seed=SEED, overrides={"coalition.enabled": False})  # no M6 departures
    before = ens.total("coalition_presence.coalition", "2019-10-01", "2020-05-31")
    during = ens.total("coalition_presence.coalition", "2020-06-01", "2020-12-31")
    after = ens.total("coalition_presence.coalition", "2021-01-01", "2021-12-31")
    assert before.max() == 0 and during.min() == 1 and after.max() == 0
    troops = {a.id: a.attributes["troops"].value for a in sc.foreign_parties}
    start = ens.daily("coalition_presence")[:, 0]
    np.testing.assert_allclose(start, troops["usa"] / sum(troops.values()), rtol=1e-6)   # of the declared force
    events = flashpoint.simulate(sc, runs=3, seed=SEED, events=True).events()
    assert (events["event_id"].notna() & (events["source_actor"] == "coalition")
            & (events["date"] == np.datetime64("2020-06-01"))).any()


def test_a_deployment_of_a_force_already_at_full_strength_is_refused(tmp_path):
    with pytest.raises(ScenarioError, match="full strength from the start"):
        scenario_with(tmp_path, lambda d: arriving(d, present=1.0, date="2019-11-01"))   # before any drawdown
    with pytest.raises(ScenarioError, match="is more than coalition's"):
        scenario_with(tmp_path, lambda d: arriving(d, troops=10**6))


def test_the_built_in_scenarios_are_unchanged_by_the_default(tmp_path):
    """initial_presence left out is 1: every party there at the start, as before."""
    sc = scenario_with(tmp_path, lambda d: None)
    a, b = (flashpoint.simulate(x, runs=50, seed=SEED) for x in (sc, "iraq-2020"))
    for k in a.data:
        np.testing.assert_array_equal(a.data[k], b.data[k], err_msg=k)
