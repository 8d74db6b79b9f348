"""A credible historical replay: the 90% bands reach the sourced attack counts (issue #2, point 8)."""
import numpy as np
import pytest

import flashpoint


@pytest.fixture(scope="module")
def historical():
    return flashpoint.simulate("iraq-2020", policy="historical", runs=1000, seed=0)


def band(ens, indicator, start, end):
    return np.quantile(ens.total(indicator, start, end), (0.05, 0.95))


def test_afp_running_count_of_22_attacks_to_the_taji_attack(historical):
    lo, hi = band(historical, "attacks_on_foreign_forces", "2019-10-01", "2020-03-11")
    assert lo <= 22 <= hi


def test_at_least_32_attacks_between_23_july_and_24_september_2020(historical):
    lo, hi = band(historical, "attacks_on_foreign_forces", "2020-07-23", "2020-09-24")
    assert hi >= 32 and lo <= 64


def test_at_least_55_indirect_fire_attacks_january_to_mid_october_2020(historical):
    lo, hi = band(historical, "attacks_on_foreign_forces.indirect_fire", "2020-01-01", "2020-10-10")
    assert hi >= 55 and lo <= 110
