"""Targets, scores and the posterior file: fast unit tests (no calibration run)."""
import math

import numpy as np
import pandas as pd
import pytest

from flashpoint.calibration.forecast import baseline_rates, crps_point, crps_samples, covered, Observation
from flashpoint.calibration.posterior import load_posterior, save_posterior, weighted_quantile
from flashpoint.calibration.targets import from_counts, load_targets, read_counts_csv
from flashpoint.errors import DataError, FlashpointError


def counts(rows):
    return pd.DataFrame(rows, columns=["period_start", "period_end", "indicator", "count", "low", "high", "kind"])


def test_hedges_become_intervals_and_kinds_weights():
    table = counts([
        ["2019-10-01", "2020-03-11", "attacks_on_foreign_forces", "22", 22, 22, "cumulative"],
        ["2020-01-01", "2020-10-10", "attacks_on_foreign_forces.indirect_fire", ">=55", 55, np.nan, "period"],
        ["2019-10-01", "2020-05-19", "attacks_on_foreign_forces", "~25", 20, 30, "cumulative"],
        ["2019-10-01", "2020-07-31", "attacks_on_foreign_forces.indirect_fire", "~40", np.nan, 48, "derived"],
        ["2020-08-16", "2020-08-19", "attacks_on_foreign_forces.ied_convoy", ">=12", 12, np.nan, "low reliability"],
        ["2019-05-01", "2019-12-27", "attacks_on_foreign_forces.indirect_fire", ">=12", 12, np.nan, "cumulative"],
        ["2019-05-01", "2019-12-27", "attacks_on_foreign_forces", "<=30", np.nan, 30, "cumulative"],
        ["2021-01-01", "2021-02-01", "attacks_on_foreign_forces", "5", 5, 5, "period"],
    ])
    for c in ("period_start", "period_end"):
        table[c] = pd.to_datetime(table[c])
    t = from_counts(table, start="2019-10-01", end="2020-12-31")
    assert [x.interval for x in t] == ["22", ">=55", "20..30", "<=48", "<=30"]
    assert [x.weight for x in t] == [1.0, 1.0, 1.0, 0.5, 1.0]
    clipped = t.items[-1]
    assert clipped.start == pd.Timestamp("2019-10-01") and "upper bound" in clipped.note
    reasons = " | ".join(r for _, r in t.skipped)
    assert "low reliability" in reasons and "lower bound" in reasons and "ends after 2020-12-31" in reasons
    exact, bound, approx = t.items[:3]
    np.testing.assert_allclose(exact.discrepancy(np.array([22, 27, 17])), [0, 5 / math.sqrt(22), 5 / math.sqrt(22)])
    np.testing.assert_allclose(bound.discrepancy(np.array([60, 50])), [0, 5 / math.sqrt(55)])
    np.testing.assert_allclose(approx.discrepancy(np.array([20, 30, 31])), [0, 0, 1 / 5])
    # the distance pyabc sees agrees with the vectorised terms
    x = np.array([25.0, 40.0, 35.0, 50.0, 31.0])
    sums = {tt.id: np.array([v]) for tt, v in zip(t, x)}
    assert t.distance_of_counts({"counts": x}) == pytest.approx(float(t.distances(sums)[0]))


def test_the_record_as_targets():
    t = load_targets("iraq-2019-2020", start="2019-10-01", end="2020-12-31")
    assert len(t) >= 12
    assert any(x.count == ">=32" for x in t) and any(x.count == "~25" for x in t)
    # overlapping running totals are separate targets
    afp = [x for x in t if x.start == pd.Timestamp("2019-10-01") and x.indicator == "attacks_on_foreign_forces"]
    assert len(afp) >= 3
    early = load_targets("iraq-2019-2020", start="2019-10-01", end="2020-03-31")
    assert early.end <= pd.Timestamp("2020-03-31") and len(early) < len(t)


def test_bad_data_is_a_clear_error(tmp_path):
    bad = tmp_path / "c.csv"
    bad.write_text("period_start,period_end,indicator,count\n2020-01-01,2020-02-30,attacks_on_foreign_forces,5\n")
    with pytest.raises(DataError, match="line 2"):
        read_counts_csv(bad)
    bad.write_text("period_start,period_end,indicator,count\n2020-01-01,2020-02-01,attacks_on_foreign_forces,many\n")
    with pytest.raises(DataError, match="line 2"):
        read_counts_csv(bad)
    with pytest.raises(FlashpointError, match="expected iraq-2019-2020"):
        load_targets("nonsense", start="2019-10-01", end="2020-12-31")
    with pytest.raises(FlashpointError, match="KEY"):
        load_targets("store:colour=red", start="2019-10-01", end="2020-12-31")


def test_crps_from_samples_matches_the_definition():
    rng = np.random.default_rng(1)
    x = rng.poisson(7, size=300).astype(float)
    y = 10.0
    brute = np.mean(np.abs(x - y)) - 0.5 * np.mean(np.abs(x[:, None] - x[None, :]))
    assert crps_samples(x, y) == pytest.approx(brute)
    assert crps_samples(np.full(50, 3.0), 5.0) == pytest.approx(2.0) == crps_point(3.0, 5.0)
    assert covered(x, 7) and not covered(x, 40)


def test_baselines_last_and_historical_average():
    obs = [Observation("a", pd.Timestamp("2019-10-01"), pd.Timestamp("2020-03-11"), 22, 22, 22, "22"),
           Observation("b", pd.Timestamp("2019-10-01"), pd.Timestamp("2020-02-16"), 19, 19, 19, "19"),
           Observation("c", pd.Timestamp("2020-03-01"), pd.Timestamp("2020-03-31"), 31, 31, 31, "31")]
    rates = baseline_rates(obs)
    assert rates["zero"] == 0
    assert rates["last period"] == pytest.approx(1.0)           # the latest period: 31 in 31 days
    assert rates["historical average"] == pytest.approx(22 / 163)  # the longest running total


def test_posterior_file_round_trip_and_weighted_draws(tmp_path):
    samples = pd.DataFrame({"attacks.base_rate.kh": [0.01, 0.02, 0.03], "decapitation.grievance_shock": [1, 2, 3],
                            "weight": [0.0, 1.0, 3.0]})
    meta = {"scenario": {"name": "iraq-2020", "source": "iraq-2020"}, "data": "iraq-2019-2020", "until": "2020-12-31",
            "parameters": {"attacks.base_rate.kh": {"low": 0.005, "high": 0.15, "default": 0.018},
                           "decapitation.grievance_shock": {"low": 0, "high": 3.5, "default": 3.0}}}
    path = save_posterior(tmp_path / "p.parquet", samples, meta)
    post = load_posterior(path)
    assert post.meta["until"] == "2020-12-31" and post.scenario == "iraq-2020"
    np.testing.assert_allclose(post.weights, [0, 0.25, 0.75])
    draws = post.sample(4000, seed=3)
    assert set(draws) == {"attacks.base_rate.kh", "decapitation.grievance_shock"}
    assert 0.01 not in draws["attacks.base_rate.kh"]
    assert np.mean(draws["decapitation.grievance_shock"] == 3) == pytest.approx(0.75, abs=0.03)
    assert post.sample(10, seed=1)["attacks.base_rate.kh"].tolist() == post.sample(10, seed=1)["attacks.base_rate.kh"].tolist()
    s = post.summary()
    assert s.loc["decapitation.grievance_shock", "q50"] == pytest.approx(
        weighted_quantile(np.array([1, 2, 3.0]), np.array([0, 1, 3.0]), [0.5])[0])
    # any Parquet reader opens it
    assert list(pd.read_parquet(path).columns) == ["attacks.base_rate.kh", "decapitation.grievance_shock", "weight"]


def test_a_parquet_file_that_is_no_posterior(tmp_path):
    path = tmp_path / "x.parquet"
    pd.DataFrame({"a": [1.0]}).to_parquet(path)
    with pytest.raises(DataError, match="not a Flashpoint posterior"):
        load_posterior(path)
    (tmp_path / "y.parquet").write_text("no parquet")
    with pytest.raises(DataError, match="not a readable Parquet"):
        load_posterior(tmp_path / "y.parquet")
    with pytest.raises(FlashpointError, match="no such posterior"):
        load_posterior(tmp_path / "missing.parquet")
