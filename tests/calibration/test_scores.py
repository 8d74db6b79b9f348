"""Scores of count forecasts and the baselines they are compared with."""
import numpy as np
import pandas as pd
import pytest
import scoringrules as sr
from scipy import stats

from flashpoint.calibration import baselines, scores


@pytest.mark.parametrize("y", [0, 3, 12, 40])
def test_crps_of_a_pmf_agrees_with_the_closed_forms(y):
    nb = baselines.nb_pmf(7.3, 2.1)
    assert scores.crps(nb, y) == pytest.approx(float(sr.crps_negbinom(y, 2.1, mu=7.3)), rel=1e-9)
    pois = stats.poisson.pmf(np.arange(baselines.K + 1), 4.2)
    assert scores.crps(pois, y) == pytest.approx(float(sr.crps_poisson(y, 4.2)), rel=1e-9)


@pytest.mark.parametrize("mean, y", [(14.0, 17), (8.0, 21), (4.2, 3)])
def test_crps_of_a_pmf_is_the_sum_over_the_support_by_definition(mean, y):
    """CRPS = sum over k of (F(k) - 1{k >= y})^2 for a count forecast. scoringrules 0.10's closed form for the
    Poisson is off at some values (-0.557 at mean 14, y 17: a held-out check), so the definition is the reference."""
    k = np.arange(baselines.K + 1)
    pmf = stats.poisson.pmf(k, mean)
    assert scores.crps(pmf, y) == pytest.approx(float(((np.cumsum(pmf) - (k >= y)) ** 2).sum()), rel=1e-9)


def test_log_score_is_floored_and_a_point_mass_is_exact():
    zero = baselines.zero()
    assert scores.log_score(zero, 0) == pytest.approx(0.0)
    assert scores.log_score(zero, 5) == pytest.approx(-np.log(scores.FLOOR))
    assert scores.crps(zero, 5) == pytest.approx(5.0)      # a point forecast: the absolute error


def test_calibrated_forecasts_give_a_flat_pit_and_nominal_coverage():
    rng = np.random.default_rng(3)
    mean, size = 6.0, 3.0
    pmf = baselines.nb_pmf(mean, size)
    ys = rng.negative_binomial(size, size / (size + mean), 2000)
    pit = scores.pit_histogram([scores.pit_interval(pmf, y) for y in ys])
    assert np.allclose(pit, 0.1, atol=0.02)
    hits = np.mean([scores.score(pmf, y)["covered90"] for y in ys[:500]])
    assert 0.86 <= hits <= 0.97          # discrete intervals cover at least their level
    # a forecast that is too narrow piles the PIT at the ends
    narrow = scores.pit_histogram([scores.pit_interval(baselines.nb_pmf(mean, 1e6), y) for y in ys])
    assert narrow[0] + narrow[-1] > 0.35


def test_nb_fit_recovers_mean_and_size():
    rng = np.random.default_rng(0)
    y = rng.negative_binomial(2.0, 2.0 / (2.0 + 9.0), 3000)
    mean, size = baselines.fit_nb(y)
    assert mean == pytest.approx(9.0, rel=0.05) and size == pytest.approx(2.0, rel=0.15)
    assert baselines.fit_nb(np.array([3, 3, 3]))[1] == 1e6           # no overdispersion: Poisson


def test_ingarch_recovers_a_self_exciting_series_and_forecasts_its_mean():
    rng = np.random.default_rng(1)
    omega, alpha, beta, size = 0.5, 0.4, 0.4, 5.0
    lam, y_prev, ys = omega / (1 - alpha - beta), 0.0, []
    for _ in range(600):
        lam = omega + alpha * y_prev + beta * lam
        y_prev = rng.negative_binomial(size, size / (size + lam))
        ys.append(y_prev)
    y = np.array(ys, dtype=float)
    fit = baselines.fit_ingarch(y)
    truth = baselines._nb_logpmf(y, baselines._intensities(y, omega, alpha, beta), size).sum()
    assert fit["loglik"] >= truth - 0.5                      # the optimiser finds the maximum
    assert fit["alpha"] == pytest.approx(0.4, abs=0.1)
    assert fit["alpha"] + fit["beta"] == pytest.approx(0.8, abs=0.15)
    weeks = pd.date_range("2019-01-07", periods=len(ys), freq="7D")
    month = (weeks[-1] + pd.Timedelta(days=200)).to_period("M").start_time
    pmf = baselines.ingarch(np.array(ys), weeks, month, rng)
    assert pmf.sum() == pytest.approx(1.0)
    stationary = omega / (1 - alpha - beta) * month.days_in_month / 7
    assert np.arange(len(pmf)) @ pmf == pytest.approx(stationary, rel=0.25)


def test_last_value_is_poisson_at_the_last_month():
    pmf = baselines.last_value(np.array([2, 9, 5]))
    assert np.arange(len(pmf)) @ pmf == pytest.approx(5.0)
    assert baselines.last_value(np.array([4, 0]))[0] == 1.0


@pytest.mark.parametrize("ys", [[0] * 30, [0] * 29 + [1], [3] * 30])
def test_ingarch_forecasts_from_flat_or_empty_records_without_warnings(ys):
    """A record with no attack before the origin (or one, or a constant count) is a forecast, not an
    overflow: a scenario whose dated list starts late made the negative binomial draw fail."""
    import warnings

    weeks = pd.date_range("2024-01-01", periods=len(ys), freq="7D")
    month = (weeks[-1] + pd.Timedelta(days=40)).to_period("M").start_time
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pmf = baselines.ingarch(np.array(ys, dtype=float), weeks, month, np.random.default_rng(0))
    assert pmf.sum() == pytest.approx(1.0) and np.isfinite(pmf).all()
    if not any(ys):
        assert pmf[0] == 1.0


def test_ingarch_reaches_the_maximum_where_nelder_mead_stalls():
    """A statistical audit: on red-sea-2023's weekly list before 2025-02, Nelder-Mead from every start sent omega
    to 0 and stopped 0.2 below the maximum log-likelihood (-109.751), its forecasts half the maximum's."""
    import pandas as pd

    from flashpoint.calibration.observations import observe, week_starts
    from flashpoint.scenario.loader import load_scenario

    sc = load_scenario("red-sea-2023")
    origin = pd.Timestamp("2025-02-01")
    weekly = observe(sc, origin - pd.Timedelta(days=1)).listed.sum(axis=1)
    complete = len(weekly) - (1 if (origin - week_starts(pd.Timestamp(sc.start), origin)[-1]).days < 7 else 0)
    fit = baselines.fit_ingarch(weekly[:complete])
    assert fit["loglik"] > -109.76 and fit["omega"] > 0.05


def test_an_interval_of_counts_holds_its_mass_beside_its_coverage():
    pmf = baselines.nb_pmf(3.0, 2.0)
    s = scores.score(pmf, 3)
    lo, hi = scores.interval(pmf, 0.9)
    assert s["mass90"] == pytest.approx(pmf[lo:hi + 1].sum()) and s["mass90"] > 0.9


def test_log_score_floors_only_a_forecast_that_gave_the_count_no_mass():
    """A statistical review: a floor at 1e-6 on every p capped the climatology's two misses of August 2020 (-log p
    16.2 and 15.2), and so decided which forecaster led on the log score. Only p = 0 is floored, and said."""
    pmf = np.array([0.5, 0.5 - 1e-9, 1e-9])
    assert scores.log_score(pmf, 2) == pytest.approx(-np.log(1e-9))
    assert scores.score(pmf, 2)["floored"] is False
    assert scores.score(baselines.zero(), 5)["floored"] is True


def test_ingarch_gives_every_count_past_its_draws_some_mass():
    """Its last week is added as a pmf, not a draw: a count 4,000 paths happened to miss was given p = 0 (a log
    score of 13.8 where p was about 5e-4)."""
    rng = np.random.default_rng(2)
    y = rng.negative_binomial(3.0, 3.0 / (3.0 + 1.5), 80).astype(float)
    weeks = pd.date_range("2020-01-06", periods=len(y), freq="7D")
    month = (weeks[-1] + pd.Timedelta(days=10)).to_period("M").start_time
    pmf = baselines.ingarch(y, weeks, month, np.random.default_rng(0))
    assert pmf.sum() == pytest.approx(1.0, abs=1e-6)
    top = int(np.flatnonzero(pmf)[0]) + 1
    assert (pmf[top:60] > 0).all()                  # far past the largest of the 4,000 paths' totals


def test_ingarch_gives_a_month_far_in_its_self_excited_tail_its_exact_probability(monkeypatch):
    """A forecast-verification review: August 2020's 32 attacks had -log p 16.9 under the fitted INGARCH (beta 0,
    exact by dynamic programming) and the 4,000 plain paths gave 34-47, none of them near 32. Here, with beta 0 and
    Poisson weeks, the exact pmf is a Markov chain over (last week's count, month total so far)."""
    fit = {"omega": 1.0, "alpha": 0.6, "beta": 0.0, "size": baselines.MAX_SIZE, "last_y": 2.0, "last_lambda": 2.0}
    monkeypatch.setattr(baselines, "fit_ingarch", lambda weekly: fit)
    weeks = pd.date_range("2020-02-03", "2020-03-30", freq="7D")            # Mondays; April's weeks from 6 April
    month = pd.Timestamp("2020-04-01")
    steps, k, cap = 4, baselines.K, 120                                       # 6-12, 13-19, 20-26, 27 Apr-3 May
    state = np.zeros((cap + 1, k + 1))
    state[2, 0] = 1.0
    for s in range(steps):
        inside = 7 if s < steps - 1 else 4
        new = np.zeros_like(state)
        for last in np.flatnonzero(state.sum(axis=1)):
            lam = fit["omega"] + fit["alpha"] * last
            if s == steps - 1:
                new[0] += np.convolve(state[last], stats.poisson.pmf(np.arange(k + 1), lam * inside / 7))[:k + 1]
                continue
            week = stats.poisson.pmf(np.arange(cap + 1), lam)
            for y in np.flatnonzero(week > 1e-300):
                shifted = np.zeros(k + 1)
                shifted[y:] = state[last, :k + 1 - y]
                new[y] += week[y] * shifted
        state = new
    exact = state.sum(axis=0)
    y = 60                                                                    # about 1e-9 under the process
    assert -np.log(exact[y]) > 20
    for seed in range(3):
        pmf = scores.normalise(baselines.ingarch(np.ones(len(weeks)), weeks, month, np.random.default_rng(seed)))
        assert scores.log_score(pmf, y) == pytest.approx(-np.log(exact[y]), abs=1.5)
        assert scores.log_score(pmf, 8) == pytest.approx(-np.log(exact[8]), abs=0.1)
        assert scores.crps(pmf, 8) == pytest.approx(scores.crps(exact, 8), rel=0.03)


def test_the_baselines_are_fitted_to_whole_months_and_weeks(monkeypatch):
    """A held-out forecaster: red-sea-2023 starts on 19 October 2023 (a Thursday), and its 13 days of October were
    fitted as a month by the climatology, its first 4 days as a week by INGARCH."""
    import pandas as pd

    import flashpoint
    from flashpoint.calibration import baselines, evaluate
    from flashpoint.calibration.observations import monthly_listed

    sc = flashpoint.load_scenario("red-sea-2023")
    seen = {}

    def climatology(history):
        seen["months"] = history
        return baselines.zero()

    def ingarch(weekly, starts, month, rng):
        seen["weeks"] = starts
        return baselines.zero()

    monkeypatch.setattr(baselines, "climatology", climatology)
    monkeypatch.setattr(baselines, "ingarch", ingarch)
    observed = monthly_listed(sc, day_only=True)
    origin = pd.Timestamp("2024-05-01")
    rows = type("Rows", (), {"rows": []})()
    evaluate._score_origin(rows, sc, origin, {1: origin}, {1: baselines.zero()}, observed,
                           np.random.default_rng(0), set())
    assert len(seen["months"]) == 6                           # November 2023 .. April 2024, not October's 13 days
    assert seen["weeks"][0] == pd.Timestamp("2023-10-23")     # the first Monday: 19-22 October is no week
    assert rows.rows and {r["model"] for r in rows.rows} >= {"climatology", "ingarch"}
