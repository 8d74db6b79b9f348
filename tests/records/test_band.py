"""The 90 % band a sourced count is judged against: of counts, counts that hold at least 90 % of the runs."""
import numpy as np

from flashpoint import records
from flashpoint.report.charts import record_fit


def test_a_count_band_has_count_edges_and_holds_ninety_percent_of_the_runs():
    rng = np.random.default_rng(3)
    for _ in range(50):
        x = rng.negative_binomial(2, 0.2, size=int(rng.integers(20, 400)))
        q05, q50, q95 = records.band(x)
        assert q05 == int(q05) and q50 == int(q50) and q95 == int(q95)
        assert np.mean((x >= q05) & (x <= q95)) >= 0.9
        assert np.mean(x < q05) < 0.05 and np.mean(x > q95) <= 0.05


def test_an_edge_between_two_counts_is_a_count_the_runs_reach():
    x = np.array([0] * 50 + [1] * 10 + [6] * 940)       # 5 % of the runs give 0: a 90 % band holds 0
    assert records.band(x)[0] == 0.0
    assert 0.9 < float(np.quantile(x, 0.05)) < 1       # interpolated, an edge no run has, and 0 fell outside
    row = {"indicator": "a", "start": "2024-01-11", "end": "2024-02-06", "observed": 0, "count": "0",
           "hedge": "=", "low": 0, "high": 0}
    assert record_fit([row], lambda s, e: x)[0]["inside"]


def test_a_series_band_is_interpolated():
    assert 0.1 < records.band(np.array([0.1, 0.2]), counts=False)[1] < 0.2
