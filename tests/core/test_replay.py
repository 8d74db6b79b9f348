"""A credible historical replay: the band holds the scenario's own record by being right, and the
record's changes of regime occur together in some runs (docs/ODD.md sections 1 and 8)."""
import numpy as np
import pytest

import flashpoint
from flashpoint import records

SC = flashpoint.load_scenario("iraq-2020")


@pytest.fixture(scope="module")
def historical():
    return flashpoint.simulate(SC, policy="historical", runs=2000, seed=0)


def test_the_well_sourced_counts_lie_in_the_band(historical):
    checks = records.fit(historical, SC)
    good = [c for c in checks if c.reliability in ("A", "B")]
    assert len(good) >= 20
    assert sum(c.inside for c in good) >= 0.75 * len(good), [(str(c.start.date()), c.count) for c in good if not c.inside]


def test_the_band_is_narrow_where_the_record_is_exact(historical):
    checks = records.fit(historical, SC)
    assert np.mean([c.interval_score for c in checks]) < 81


def test_the_lull_the_surge_and_the_quiet_winter_occur_together(historical):
    held = []
    for p in SC.record.patterns:
        t = historical.total(p.indicator, *p.window)
        held.append((t >= (p.low if p.low is not None else -np.inf)) & (t <= (p.high if p.high is not None else np.inf)))
    assert np.all(held, axis=0).mean() >= 0.05
