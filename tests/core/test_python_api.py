"""The Python API as a held-out Python user met it (2026-12-02): differences of counts between runs or
policies must not wrap, bad input raises FlashpointError naming it, and a policy made in Python drops only
entries that exist."""
import numpy as np
import pandas as pd
import pytest

import flashpoint
from flashpoint.errors import FlashpointError, ScenarioError
from flashpoint.scenario.schema import Policy


@pytest.fixture(scope="module")
def pair():
    return (flashpoint.simulate("iraq-2020", runs=300, seed=0),
            flashpoint.simulate("iraq-2020", policy="restraint", runs=300, seed=0))


def test_paired_differences_of_counts_are_signed(pair):
    """restraint minus historical host deaths came back as 18446744073709551590 (uint64) where it was -26."""
    historical, restraint = pair
    for name in ("host_killed_by_foreign_strikes", "foreign_strikes.kh.host_soil"):
        diff = restraint.total(name) - historical.total(name)
        assert diff.dtype == np.int64 and diff.min() < 0, name
        assert restraint.daily(name).dtype == np.int64
        assert (restraint.series(name, "D") - historical.series(name, "D")).min().min() < 0
    x = historical.to_xarray()
    assert all(v.dtype.kind != "u" for v in x.data_vars.values())
    monthly = historical.series("foreign_strikes", "M")
    assert monthly.columns.name == "run" and monthly.attrs["unit"] == historical.unit("foreign_strikes")
    assert historical.quantiles("host_consent").attrs["kind"] == "state"


def test_ensembles_compare_by_identity(pair):
    historical, restraint = pair
    assert historical == historical and historical != restraint


def test_bad_input_from_python_names_what_was_wrong(pair):
    ens = pair[0]
    with pytest.raises(FlashpointError, match="unknown indicator 'nope'"):
        ens.breakdowns("nope")
    with pytest.raises(FlashpointError, match="named by a string"):
        ens.total(3)
    with pytest.raises(FlashpointError, match="overrides maps parameter names to values"):
        flashpoint.simulate("iraq-2020", runs=10, overrides=[("a", 1)])
    with pytest.raises(ScenarioError, match="did you mean decapitation.control_loss"):
        flashpoint.simulate("iraq-2020", runs=10, overrides={"decapitation.control_los": 0.4})
    from flashpoint.calibration.posterior import posterior_overrides, shipped_posterior

    assert shipped_posterior("red-sea-2023") is None
    with pytest.raises(FlashpointError, match="not None .shipped_posterior returns None"):
        posterior_overrides(shipped_posterior("red-sea-2023"), runs=10)


def test_a_policy_made_in_python_drops_only_entries_that_exist():
    """A policy built in Python that drops an entry that does not exist ran silently; in a file it is refused."""
    sc = flashpoint.load_scenario("iraq-2020").model_copy(deep=True)
    sc.policies["mine"] = Policy(description="x", drop=["no_such_entry"])
    with pytest.raises(ScenarioError, match=r"policy 'mine' drops unknown schedule entry 'no_such_entry'"):
        flashpoint.simulate(sc, policy="mine", runs=10)
    with pytest.raises(ScenarioError, match=r"\(built in Python\): field policies.mine.drop\[0\]"):
        flashpoint.simulate(sc, runs=10)         # the other policies too: the scenario is refused, as its file is


def test_a_scenario_cut_short_keeps_its_policies_valid():
    """Cut to 2020-06-30 (calibration, forecasts), the policies forget the entries the cut removed."""
    from flashpoint.calibration.problem import truncated

    sc = truncated(flashpoint.load_scenario("iraq-2020"), "2020-06-30")
    ids = {e.id for e in sc.schedule}
    for name, policy in sc.policies.items():
        assert set(policy.drop) <= ids and all(e.date <= sc.end for e in policy.add), name
    assert flashpoint.simulate(sc, policy="restraint", runs=10).runs == 10


def test_an_override_of_what_the_policy_sets_itself_is_noted_in_python_too():
    """A held-out analyst's simulate(policy="restraint", overrides={strike probability}) used the override without a
    word, while compare kept the policy's own value: both answers stand, and simulate now says which it gave."""
    from flashpoint.errors import FlashpointNote

    with pytest.warns(FlashpointNote, match="replace what policy 'restraint' sets itself: "
                                            r"response.strike_prob_after_lethal \(the policy's 0"):
        flashpoint.simulate("iraq-2020", policy="restraint", runs=5, seed=0,
                            overrides={"response.strike_prob_after_lethal": 0.9})


def test_a_forecast_window_is_days_not_months_and_a_day_off_the_calendar_says_so():
    """forecast(sc, None, "2021-01", "2021-03") ran to 1 March: a month string silently meant its first day."""
    from flashpoint.calibration.forecast import forecast
    from flashpoint.ensemble import day

    with pytest.raises(FlashpointError, match="end: expected a day YYYY-MM-DD, got '2021-03'"):
        forecast(flashpoint.load_scenario("iraq-2020"), None, "2021-01-01", "2021-03", runs=5)
    with pytest.raises(FlashpointError, match="'2020-02-30' is not a day of the calendar"):
        day("2020-02-30")


def test_forecast_and_evaluate_settings_are_checked_from_python():
    """A held-out Python user: forecast("iraq-2020", ...) failed on a str, runs=200.0 inside NumPy;
    EvalSettings(schedule="knwn") started a full evaluation, particles=-5 failed inside NumPy."""
    import warnings

    from flashpoint.calibration.evaluate import EvalSettings
    from flashpoint.calibration.forecast import forecast

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        by_name = forecast("iraq-2020", None, "2021-01-01", "2021-02-28", runs=20)
        by_scenario = forecast(flashpoint.load_scenario("iraq-2020"), None, "2021-01-01", "2021-02-28", runs=20)
    assert by_name.months.equals(by_scenario.months) and by_name.window == by_scenario.window
    with pytest.raises(FlashpointError, match="runs must be a positive integer, got 200.0"):
        forecast("iraq-2020", None, "2021-01-01", "2021-02-28", runs=200.0)
    for given, words in (({"schedule": "knwn"}, "schedule must be as-of-origin or known, got 'knwn'"),
                         ({"particles": -5}, "particles must be an integer >= 20"),
                         ({"horizons": (0, 3)}, "--horizons must be comma-separated whole months from 1 to 12 "
                                               r"\(e.g. 1,3\), got '0,3'"),
                         ({"replicates": 2.5}, "replicates must be an integer >= 2"),
                         ({"horizons": 1}, r"^horizons must be a tuple of whole months from 1 to 12, e.g. \(1, 3\), "
                                           "got 1$")):
        with pytest.raises(FlashpointError, match=words):
            EvalSettings(**given)


def test_calibration_settings_are_checked_where_they_are_given():
    """A held-out Python user's Settings(particles="20") failed in the fit with "'<' not supported", replicates=2.5
    with "'float' object cannot be interpreted as an integer", max_minutes="1" once the fit had started."""
    from flashpoint.calibration import Settings

    for given, words in (({"particles": "20"}, "particles must be an integer >= 20, got '20'"),
                         ({"particles": 10}, "particles must be an integer >= 20, got 10"),
                         ({"replicates": 2.5}, "replicates must be an integer >= 2, got 2.5"),
                         ({"max_minutes": "1"}, "max_minutes must be a number above 0, got '1'"),
                         ({"ess_fraction": 1.5}, "ess_fraction must be a number above 0 and at most 1, got 1.5"),
                         ({"check_runs": True}, "check_runs must be an integer >= 0, got True")):
        with pytest.raises(FlashpointError, match=words):
            Settings(**given)
    assert Settings(particles=20, replicates=2, max_minutes=1).particles == 20
    # 0 skips the posterior-predictive check, as benchmarks/recovery.py asks (a held-out statistician's recovery run
    # was refused before its first fit: "check_runs must be an integer >= 1, got 0")
    assert Settings(check_runs=0).check_runs == 0


def test_the_lazy_verbs_are_listed():
    assert {"compare", "claims", "simulate"} <= set(dir(flashpoint)) and "compare" in flashpoint.__all__
    assert callable(flashpoint.compare) and callable(flashpoint.claims)


def test_a_period_the_scenario_covers_in_part_is_listed_in_attrs():
    """A held-out Python user plotted red-sea-2023's monthly quantiles: October 2023 holds 13 days (the scenario
    starts on the 19th), a dip that is no fall, and nothing said so."""
    ens = flashpoint.simulate("red-sea-2023", runs=5, seed=0)
    month = ens.quantiles("attacks_on_foreign_forces")
    assert month.attrs["partial"] == [pd.Timestamp("2023-10-01")]
    assert ens.series("attacks_on_foreign_forces", "W").attrs["partial"] == [pd.Timestamp("2023-10-16")]
    assert ens.mean("attacks_on_foreign_forces", "Q").attrs["partial"] == [pd.Timestamp("2023-10-01"),
                                                                           pd.Timestamp("2025-10-01")]
    assert ens.series("attacks_on_foreign_forces", "D").attrs["partial"] == []
    whole = flashpoint.simulate("iraq-2020", runs=5, seed=0).quantiles("attacks_on_foreign_forces")
    assert whole.attrs["partial"] == []          # 2019-10-01 .. 2021-12-31: whole months


def test_a_policy_list_an_empty_indicator_list_and_a_nan_run_are_refused_plainly():
    """A held-out Python user: simulate(policy=[...]) failed as 'unhashable type', compare(indicators=[]) returned
    an empty comparison, and one NaN among 300 runs' values printed the whole array."""
    with pytest.raises(FlashpointError, match="policy is one policy's name"):
        flashpoint.simulate("iraq-2020", policy=["historical"], runs=3)
    with pytest.raises(FlashpointError, match="indicators: name at least one"):
        flashpoint.compare("iraq-2020", ["historical", "restraint"], runs=5, indicators=[])
    values = np.r_[np.full(299, 0.5), np.nan]
    with pytest.raises(ScenarioError, match=r"kh.zeal expects a finite number in every run; 1 of its 300 values "
                                            r"are not \(the first at run 299: nan\)") as err:
        flashpoint.simulate("iraq-2020", runs=300, overrides={"kh.zeal": values})
    assert len(str(err.value)) < 300


def test_an_ensemble_draws_its_fan_chart_in_one_call(tmp_path):
    """A held-out notebook user had to assemble fan_spec, series_entry and render to get the chart run draws."""
    ens = flashpoint.simulate("iraq-2020", runs=30, seed=0)
    figure = ens.plot("attacks_on_foreign_forces", tmp_path / "a.png")
    assert (tmp_path / "a.png").stat().st_size > 10_000 and figure.axes
    caption = " ".join(t.get_text() for ax in figure.axes for t in ax.texts if t.get_gid() == "caption")
    assert "Record: 18 sourced counts" in caption and "Fit" in caption      # the scenario's own record, its fit
    with pytest.raises(FlashpointError, match="unknown indicator 'nope'"):
        ens.plot("nope")


def test_a_plot_path_a_claim_list_and_posterior_quantiles_are_checked(tmp_path):
    """A held-out Python user (2026-12-03): plot("x.pdf") wrote PNG bytes under .pdf and a folder gave a raw OSError;
    claims(ids=[]) crashed with UnboundLocalError and ids=["H1", "H1"] ran H1 twice; Posterior.summary(qs=(0.25,
    0.75)) labelled the quartiles q05, q50 and q95 and judged identification on them (24 of 31 'identified')."""
    ens = flashpoint.simulate("iraq-2020", runs=5, seed=0)
    for bad in (tmp_path / "a.pdf", tmp_path):
        with pytest.raises(FlashpointError, match="ending in .png"):
            ens.plot(path=bad)
    for ids, message in (([], "name at least one"), ("", "name at least one"), (["H1", "H1"], "listed twice"),
                         (3, "claim ids")):
        with pytest.raises(FlashpointError, match=message):
            flashpoint.claims("iraq-2020", ids=ids, runs=5, samples=0, audit=False)
    pytest.importorskip("pyarrow")
    from flashpoint.calibration import load_posterior, shipped_posterior

    post = load_posterior(shipped_posterior("iraq-2020"))
    wide, quartiles = post.summary(), post.summary(qs=(0.25, 0.75))
    assert {"q25", "q75"} <= set(quartiles.columns) and "q95" not in quartiles.columns
    assert (quartiles["identified"] == wide["identified"]).all()
    with pytest.raises(FlashpointError, match="between 0 and 1"):
        post.summary(qs=(5, 50))


def test_raw_python_errors_are_the_projects_own_and_daily_states_are_float64():
    """A held-out Python user met AttributeError, TypeError and numpy's ValueError for these."""
    ens = flashpoint.simulate("iraq-2020", runs=3)
    with pytest.raises(FlashpointError, match="parameter names are text"):
        flashpoint.simulate("iraq-2020", runs=3, overrides={3: 0.4})
    with pytest.raises(FlashpointError, match="freq must be one of"):
        ens.series("attacks_on_foreign_forces", freq=["M"])
    with pytest.raises(FlashpointError, match="did you mean 'attacks_on_foreign_forces'"):
        ens.total("attacks_on_foreign_force")
    with pytest.raises(FlashpointError, match="ends in a dot"):
        ens.total("attacks_on_foreign_forces.")
    with pytest.raises(FlashpointError, match="names a quantile twice"):
        ens.quantiles("attacks_on_foreign_forces", qs=(0.5, 0.5))
    assert ens.daily("host_consent").dtype == np.float64 == ens.series("host_consent", "D").dtypes.unique()[0]
    pytest.importorskip("pyarrow")
    from flashpoint.calibration import load_posterior, shipped_posterior

    post = load_posterior(shipped_posterior("iraq-2020"))
    for runs, seed in ((10, -1), (10.5, 0)):
        with pytest.raises(FlashpointError, match="whole number"):
            post.overrides(runs, seed=seed)


def test_python_says_under_which_parameters_it_ran():
    """From Python the runs are at the defaults unless told; the comparison's label and an ensemble's chart say which
    (a held-out user got the command line's posterior answer and Python's default one under the same words)."""
    assert flashpoint.compare("iraq-2020", ["historical"], runs=3).to_dict()["parameters"] == "defaults"
    cmp = flashpoint.compare("iraq-2020", ["historical"], runs=3, overrides={"kh.zeal": np.full(3, 0.5)},
                             label="my draws")
    assert cmp.to_dict()["parameters"] == "my draws"
    chart = flashpoint.simulate("iraq-2020", runs=3, overrides={"kh.zeal": np.full(3, 0.5), "reprisal.enabled": False})
    title = chart.plot("attacks_on_foreign_forces").axes[0].get_title(loc="left")
    assert "1 parameters drawn per run, 1 set" in title
    assert "at the scenario's defaults" in flashpoint.simulate("iraq-2020", runs=3).plot(
        "attacks_on_foreign_forces").axes[0].get_title(loc="left")


def test_true_false_arguments_and_event_dates_from_python_are_checked():
    """A held-out researcher's ``audit="no"`` ran the structure audit, ``events="no"`` kept the event log, and a
    store query's ``start=20200101`` was read as nanoseconds after 1970 (every event), unsaid."""
    import datetime as dt

    from flashpoint.events.store import as_day

    for call, said in [(lambda: flashpoint.simulate("iraq-2020", runs=2, events="no"), "events must be True or False"),
                       (lambda: flashpoint.simulate("iraq-2020", runs=2, progress=5), "progress must be a function"),
                       (lambda: flashpoint.claims("red-sea-2023", ids="RS1", runs=20, samples=0, audit="no"),
                        "audit must be True or False"),
                       (lambda: flashpoint.compare("iraq-2020", ["historical", "restraint"], runs=2, window=5),
                        r"window: expected \(start, end\), got 5"),
                       (lambda: flashpoint.load_scenario("iraq-2020").actor("khh"),
                        r"no actor 'khh' in scenario 'iraq-2020' \(actors: .*\); did you mean 'kh'\?")]:
        with pytest.raises(FlashpointError, match=said):
            call()
    for number in (20200101, 2020.5, True):
        with pytest.raises(FlashpointError, match="is not a date"):
            as_day(number, "start")
    assert as_day(dt.date(2020, 1, 1), "start") == as_day(np.datetime64("2020-01-01"), "start") == "2020-01-01"


def test_a_chart_of_a_switched_off_mechanisms_indicator_says_so():
    """A held-out Python user: host_consent with consent switched off drew a flat line, and nothing on the chart said
    it was the mechanism's resting value, not the case's."""
    off = flashpoint.simulate("iraq-2020", runs=3, overrides={"consent.enabled": False})
    title = off.plot("host_consent").axes[0].get_title(loc="left")
    assert "M5 consent switched off: host_consent holds its resting value" in title
    assert "switched off" not in off.plot("attacks_on_foreign_forces").axes[0].get_title(loc="left")


def test_a_per_run_override_of_the_wrong_length_is_a_scenario_error_like_the_others():
    """A held-out Python user: every other override error was a ScenarioError, this one a bare FlashpointError, so
    `except ScenarioError` missed it."""
    with pytest.raises(ScenarioError, match=r"overrides: kh.zeal has 3 values; expected one per run \(5\)"):
        flashpoint.simulate("iraq-2020", runs=5, overrides={"kh.zeal": np.full(3, 0.5)})
