"""The observation model."""
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from flashpoint.calibration import likelihood as lk
from flashpoint.calibration.observations import observe


def test_negative_binomial_matches_scipy():
    k, mean, size = np.array([0, 3, 17]), np.array([2.5, 2.5, 9.0]), 3.0
    expected = stats.nbinom.logpmf(k, size, size / (size + mean))
    np.testing.assert_allclose(lk.nb_logpmf(k, mean, size), expected, rtol=1e-10)


def test_reported_moments_match_simulated_reports():
    rng = np.random.default_rng(0)
    x = rng.poisson(rng.gamma(2.0, 3.0, 200_000))                       # overdispersed true counts
    share, size = 0.6, 4.0
    mean = share * x + lk.EPS_WEEK
    reported = rng.negative_binomial(size, size / (size + mean))
    m, v = lk.reported_moments(x.mean(), x.var(), share, size, lk.EPS_WEEK)
    assert reported.mean() == pytest.approx(m, rel=0.01) and reported.var() == pytest.approx(v, rel=0.03)


def fake_features(obs, scale, reps=4, seed=0):
    rng = np.random.default_rng(seed)
    truth = obs.listed / 0.7
    weekly = np.stack([rng.poisson(truth * scale) for _ in range(reps)]).astype(float)
    tallies = np.zeros((reps, len(obs.tallies)))
    series = np.zeros((reps, len(obs.series)))
    return lk.Features(weekly, tallies, series)


def test_the_list_prefers_the_rate_that_made_it(scenario):
    obs = observe(scenario, "2020-12-31")
    obs.tallies = obs.tallies.iloc[:0]
    obs.series = obs.series.iloc[:0]
    params = {f"observation.list.{m}": np.array([0.7]) for m in obs.modes}
    params["observation.list_dispersion"] = np.array([5.0])
    right = lk.loglik(fake_features(obs, 1.0), obs, params, 1)
    for wrong in (0.3, 3.0):
        assert lk.loglik(fake_features(obs, wrong), obs, params, 1) < right - 20


def test_hedges_are_the_event_the_source_states(scenario):
    obs = observe(scenario, "2020-12-31")
    obs.listed = obs.listed[:0]
    obs.week_starts = obs.week_starts[:0]
    obs.series = obs.series.iloc[:0]
    obs.tallies = obs.tallies[obs.tallies["count"].isin([">=32", "22"])].reset_index(drop=True)
    params = {"observation.tally_share.C": np.ones(2), "observation.list_dispersion": np.full(2, 5.0)}
    for m in obs.modes:
        params[f"observation.list.{m}"] = np.ones(2)
    reps = 8
    totals = np.zeros((2 * reps, len(obs.tallies)))
    at_least = int(np.flatnonzero(obs.tallies["count"] == ">=32")[0])
    exact = 1 - at_least
    totals[:reps, at_least], totals[reps:, at_least] = 60, 10       # far above the bound / below it
    totals[:, exact] = 22
    feat = lk.Features(np.zeros((2 * reps, 0, len(obs.modes))), totals, np.zeros((2 * reps, 0)))
    t = lk.terms(feat, obs, params, 2)["tallies"]
    assert t[0, at_least] > -0.05 and t[1, at_least] < -5          # above a lower bound costs nothing
    assert t[0, exact] == pytest.approx(t[1, exact])


def test_nuisance_parameters_depend_on_the_scenario_only(scenario):
    early, late = observe(scenario, "2020-03-31"), observe(scenario)
    assert lk.nuisance(early) == lk.nuisance(late)
    assert "observation.list.ied_convoy" in lk.nuisance(early)


def test_a_months_forecast_draws_the_lists_coverage_once_for_the_month():
    """docs/evaluation.md: a mode's coverage is one draw per month, so a month's listed count has the
    list's dispersion k (as a week's has), not the k x days / 7 of four independent weekly draws."""
    import pandas as pd

    from flashpoint.calibration.evaluate import _month_reports

    class Runs:                      # what _month_reports reads of an ensemble: runs and monthly totals
        runs = 3

        def total(self, indicator, start, end):
            assert (start, end) == (pd.Timestamp("2020-08-01"), pd.Timestamp("2020-08-31"))
            return np.array([0.0, 10.0, 40.0])

    class Listed:
        modes = ["indirect_fire"]
        parts = staticmethod(lambda mode: [f"attacks_on_foreign_forces.{mode}"])

    nuisance = {"observation.list.indirect_fire": np.array([0.5]), "observation.list_dispersion": np.array([4.0])}
    mean, size = _month_reports(Runs(), Listed(), nuisance, 3, pd.Timestamp("2020-08-01"))
    eps = lk.EPS_WEEK * 31 / 7
    np.testing.assert_allclose(mean, [eps, 5 + eps, 20 + eps])
    np.testing.assert_allclose(size, 4.0, rtol=1e-6)


def test_a_fit_whose_tallies_of_an_indicator_are_all_grade_c_says_they_set_no_scale():
    """A held-out case's attack tallies were all grade C: the fitted share (0.59) let the runs' attacks run 2-4 times
    the counts, and calibrate called the tallies inside, unsaid. A grade-A or B count of the indicator or of its
    whole anchors it (iraq-2020's grade-C breakdowns have its grade-B totals)."""
    import types
    import warnings

    from flashpoint.calibration.problem import _note_unanchored
    from flashpoint.errors import FlashpointNote

    # a target's mode (c.t.m) is anchored by its target's count (c.t), not only by the indicator's (a held-out
    # analyst's ECOMOG posts' gunfire was said unanchored beside five grade-A counts of the posts)
    tallies = pd.DataFrame({"indicator": ["a", "a", "a.x+a.y", "b", "b.x", "c.t", "c.t.m"],
                            "reliability": ["C", "B", "C", "C", "C", "A", "C"]})
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        _note_unanchored(types.SimpleNamespace(tallies=tallies), {"observation.tally_share.C": (0.3, 1.0)})
        _note_unanchored(types.SimpleNamespace(tallies=tallies), {})        # no share fitted: nothing to say
    notes = [str(w.message) for w in seen if issubclass(w.category, FlashpointNote)]
    assert len(notes) == 1 and notes[0].startswith("every tally of b, b.x is grade C")
