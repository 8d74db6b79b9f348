"""The record's functions take a scenario by name, as every other API function does (a held-out Python user's
records.fit(ens, "iraq-2020") failed with AttributeError: 'str' object has no attribute 'record')."""
import pytest

import flashpoint
from flashpoint import records
from flashpoint.errors import FlashpointError


def test_the_record_functions_take_a_scenario_by_name():
    sc = flashpoint.load_scenario("iraq-2020")
    ens = flashpoint.simulate(sc, runs=20, seed=1)
    assert [c.inside for c in records.fit(ens, "iraq-2020")] == [c.inside for c in records.fit(ens, sc)]
    assert len(records.series_fit(ens, "iraq-2020")) == len(records.series_fit(ens, sc))
    assert records.period_counts("iraq-2020").equals(records.period_counts(sc))


def test_runs_of_one_scenario_against_another_record_name_both():
    """The message said only that a window lay outside the simulated period."""
    ens = flashpoint.simulate("red-sea-2023", runs=5, seed=1)
    with pytest.raises(FlashpointError, match="runs are of scenario 'red-sea-2023', the record of 'iraq-2020'"):
        records.fit(ens, "iraq-2020")
