"""The record's functions take a scenario by name, as every other API function does (a held-out Python user's
records.fit(ens, "iraq-2020") failed with AttributeError: 'str' object has no attribute 'record')."""
import flashpoint
from flashpoint import records


def test_the_record_functions_take_a_scenario_by_name():
    sc = flashpoint.load_scenario("iraq-2020")
    ens = flashpoint.simulate(sc, runs=20, seed=1)
    assert [c.inside for c in records.fit(ens, "iraq-2020")] == [c.inside for c in records.fit(ens, sc)]
    assert len(records.series_fit(ens, "iraq-2020")) == len(records.series_fit(ens, sc))
    assert records.period_counts("iraq-2020").equals(records.period_counts(sc))
