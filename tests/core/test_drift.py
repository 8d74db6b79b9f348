"""The attacks' drift (docs/ODD.md section 7): optional, off where a scenario leaves it out, and when
declared at 0; declared above 0 it spreads the runs, and its correlation time matters."""
import numpy as np
import pytest
import yaml

import flashpoint
from flashpoint.errors import FlashpointError
from flashpoint.scenario.loader import resolve

RUNS, SEED = 200, 3


def with_drift(tmp_path, sd, days=45, low=0.0, high=1.5):
    doc = yaml.load(resolve("iraq-2020")[1], Loader=yaml.SafeLoader)
    doc["name"] = "iraq-drift"
    doc["attacks"]["drift_sd"] = {"value": sd, "unit": "SD of the log background", "range": [low, high],
                                  "source": "test"}
    doc["attacks"]["drift_days"] = {"value": days, "unit": "days", "range": [14, 180], "source": "test"}
    path = tmp_path / "drift.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return flashpoint.load_scenario(path)


def test_declared_at_zero_it_changes_nothing(tmp_path):
    plain = flashpoint.simulate("iraq-2020", runs=RUNS, seed=SEED)
    zero = flashpoint.simulate(with_drift(tmp_path, 0.0), runs=RUNS, seed=SEED)
    for k in plain.data:
        np.testing.assert_array_equal(plain.data[k], zero.data[k], err_msg=k)


def test_above_zero_it_spreads_the_runs_and_its_time_scale_matters(tmp_path):
    sc = with_drift(tmp_path, 0.0)
    totals = {sd: flashpoint.simulate(sc, runs=RUNS, seed=SEED, overrides={"attacks.drift_sd": sd})
              .total("attacks_on_foreign_forces", "2021-01-01", "2021-12-31") for sd in (0.0, 1.0)}
    # the 5-95% width relative to the median: the drift keeps the expected rate, so it lowers the median
    spread = {sd: (np.quantile(t, 0.95) - np.quantile(t, 0.05)) / (np.median(t) + 1) for sd, t in totals.items()}
    assert spread[1.0] > 1.5 * spread[0.0], spread
    short, long = (flashpoint.simulate(sc, runs=RUNS, seed=SEED, overrides={"attacks.drift_sd": 1.0,
                                                                            "attacks.drift_days": d})
                   for d in (14, 180))
    assert not np.array_equal(short.data["attacks"], long.data["attacks"])


def test_left_out_it_cannot_be_set_and_its_range_is_bounded(tmp_path):
    with pytest.raises(FlashpointError, match="attacks.drift_sd"):
        flashpoint.simulate("iraq-2020", runs=4, seed=0, overrides={"attacks.drift_sd": 0.5})
    with pytest.raises(FlashpointError, match="drift_sd"):
        with_drift(tmp_path, 0.5, high=5.0)


def test_its_time_scale_without_its_sd_is_refused(tmp_path):
    """A held-out field audit: attacks.drift_days declared without attacks.drift_sd (no drift) was accepted and
    read by nothing."""
    doc = yaml.load(resolve("iraq-2020")[1], Loader=yaml.SafeLoader)
    doc["attacks"]["drift_days"] = {"value": 60, "unit": "days", "range": [14, 180], "source": "test"}
    path = tmp_path / "days.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    with pytest.raises(FlashpointError, match=r"field attacks.drift_days: attacks.drift_days is the correlation time "
                                              r"of the attacks' drift, and attacks.drift_sd is not declared"):
        flashpoint.load_scenario(path)
    with pytest.raises(FlashpointError, match=r"attacks.drift_sd cannot be above 0 \(its range is \[0, 0\]\)"):
        with_drift(tmp_path, 0.0, high=0.0)
