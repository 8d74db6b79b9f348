"""The Python API in the shape later tooling relies on: total, series, quantiles."""
import numpy as np
import pandas as pd
import pytest

import flashpoint
from flashpoint.errors import FlashpointError


@pytest.fixture(scope="module")
def ens():
    return flashpoint.simulate("iraq-2020", runs=50, seed=5)


def test_total_sums_counts_and_averages_states(ens):
    daily = ens.daily("attacks_on_foreign_forces")
    assert daily.shape == (50, len(ens.dates))
    total = ens.total("attacks_on_foreign_forces", "2020-01-01", "2020-01-31")
    i = ens.dates.get_loc(pd.Timestamp("2020-01-01"))
    np.testing.assert_array_equal(total, daily[:, i:i + 31].sum(axis=1))
    consent = ens.total("host_consent", "2020-01-01", "2020-01-31")
    np.testing.assert_allclose(consent, ens.daily("host_consent")[:, i:i + 31].mean(axis=1), rtol=1e-6)
    assert total.shape == consent.shape == (50,)


def test_breakdowns_add_up(ens):
    total = ens.total("attacks_on_foreign_forces")
    by_mode = sum(ens.total(f"attacks_on_foreign_forces.{m}") for m in ("indirect_fire", "ied_convoy", "drone", "missile"))
    by_actor = sum(ens.total(f"attacks_on_foreign_forces.{a}") for a in ("kh", "aah", "badr", "iran"))
    np.testing.assert_array_equal(total, by_mode)
    np.testing.assert_array_equal(total, by_actor)
    mean_control = ens.daily("patron_control")
    per_proxy = np.mean([ens.daily(f"patron_control.{p}") for p in ("kh", "aah", "badr")], axis=0)
    np.testing.assert_allclose(mean_control, per_proxy, rtol=1e-6)


def test_series_and_quantiles(ens):
    monthly = ens.series("attacks_on_foreign_forces", freq="M")
    assert monthly.shape == (27, 50)
    assert monthly.index[0] == pd.Timestamp("2019-10-01") and monthly.index[-1] == pd.Timestamp("2021-12-01")
    np.testing.assert_array_equal(monthly.sum().to_numpy(), ens.total("attacks_on_foreign_forces"))
    weekly = ens.series("host_consent", freq="W")
    assert (weekly.index[1:].day_of_week == 0).all()     # weeks start on Monday
    q = ens.quantiles("attacks_on_foreign_forces", freq="M", qs=(0.05, 0.5, 0.95))
    assert list(q.columns) == [0.05, 0.5, 0.95]
    assert (q[0.05] <= q[0.5]).all() and (q[0.5] <= q[0.95]).all()
    daily = ens.series("escalation_level", freq="D")
    assert daily.shape == (len(ens.dates), 50)


def test_unknown_indicator_and_window(ens):
    with pytest.raises(FlashpointError, match="unknown indicator 'attacks'"):
        ens.total("attacks")
    with pytest.raises(FlashpointError, match="has no breakdown 'rockets'; breakdowns: kh, aah, badr, iran"):
        ens.total("attacks_on_foreign_forces.rockets")
    with pytest.raises(FlashpointError, match="outside the simulated period"):
        ens.total("host_consent", "2030-01-01", "2030-02-01")
    with pytest.raises(FlashpointError, match="reaches beyond the simulated period .* only the days inside"):
        ens.total("attacks_on_foreign_forces", "2019-01-01", "2019-12-31")     # the scenario starts 2019-10-01
    with pytest.raises(FlashpointError, match="freq must be one of"):
        ens.series("host_consent", freq="H")


def test_load_scenario_by_name_or_object():
    sc = flashpoint.load_scenario("iraq-2020")
    assert flashpoint.load_scenario(sc) is sc
    ens = flashpoint.simulate(sc, policy="restraint", runs=3, seed=0)
    assert (ens.scenario, ens.policy, ens.runs, ens.seed) == ("iraq-2020", "restraint", 3, 0)


def test_notebook_objects_are_short_and_have_html(ens):
    sc = flashpoint.load_scenario("iraq-2020")
    for obj in (sc, ens):
        assert len(repr(obj)) < 300 and "<table>" in obj._repr_html_()
    assert "record:" in ens._repr_html_() and "sourced counts inside" in ens._repr_html_()


def test_to_xarray_has_dates_runs_and_breakdowns(ens):
    pytest.importorskip("xarray")
    ds = ens.to_xarray()
    attacks = ds["attacks_on_foreign_forces"]
    assert attacks.dims == ("date", "run", "source", "mode")
    assert list(attacks["mode"].values[:3]) == ["indirect_fire", "ied_convoy", "drone"]
    assert int(attacks.sum()) == int(ens.total("attacks_on_foreign_forces").sum())
    assert ds["host_consent"].attrs["unit"] == "0-1 index"
    # the presence indicator weights the parties by troops: its own values are a variable of their own
    np.testing.assert_allclose(ds["coalition_presence_total"].mean("date").values, ens.total("coalition_presence"),
                               rtol=1e-4)      # (float32 days)


def test_the_fit_to_the_record(ens):
    fit = ens.fit()
    assert fit and all(set(f.to_dict()) >= {"indicator", "start", "end", "observed", "hedge", "q05", "q95", "inside"}
                       for f in fit)
    assert {f.hedge for f in fit} <= {"=", "~", ">=", "<="}


def test_quarters_and_years_add_up_to_the_period():
    """A ten-year case asked for yearly figures: freq took only D, W and M."""
    ens = flashpoint.simulate("iraq-2020", runs=20, seed=2)
    name = "attacks_on_foreign_forces"
    for freq, periods in (("Q", 9), ("Y", 3)):
        frame = ens.series(name, freq)
        assert len(frame) == periods and (frame.sum(axis=0).to_numpy() == ens.total(name)).all()
    assert str(ens.quantiles(name, freq="Y").index[0].date()) == "2019-01-01"      # labelled by calendar start


def test_days_and_windows_are_read_one_way_or_refused():
    """A researcher's `total(ind, "2020-01", "2020-12")` summed 1 January to 1 December; an int year, a time zone,
    quantiles in percent, a one-sided window and an unknown policy raised pandas' or numpy's errors."""
    import datetime as dt

    import pandas as pd

    ens = flashpoint.simulate("iraq-2020", runs=10, seed=1)
    name = "attacks_on_foreign_forces"
    assert (ens.total(name, "2020-01-01", "2020-12-31") == ens.total(name, dt.date(2020, 1, 1),
                                                                      pd.Timestamp("2020-12-31"))).all()
    for args, message in ((("2020-01", "2020-12"), "expected a day YYYY-MM-DD, got '2020-01'"),
                          ((2020, 2021), "got int 2020"),
                          (("2020-01-01", pd.Timestamp("2020-03-01", tz="UTC")), "has a time zone")):
        with pytest.raises(flashpoint.errors.FlashpointError, match=message):
            ens.total(name, *args)
    with pytest.raises(flashpoint.errors.FlashpointError, match="qs must be quantiles between 0 and 1"):
        ens.quantiles(name, qs=(5, 50, 95))
    assert list(ens.quantiles(name, qs=0.5).columns) == [0.5]
    with pytest.raises(flashpoint.errors.FlashpointError, match=r"window: expected \(start, end\)"):
        flashpoint.compare("iraq-2020", ["historical", "restraint"], runs=10, window=("2020-01-01",))
    c = flashpoint.compare("iraq-2020", ["historical", "restraint"], runs=10, window="2020-01-01:2020-06-30",
                           indicators=[name])
    assert c.window == (dt.date(2020, 1, 1), dt.date(2020, 6, 30)) and "at the hand-set defaults" in repr(c)
    with pytest.raises(flashpoint.errors.FlashpointError, match="policy 'nope' was not compared"):
        c.difference(name, "nope")
    # a claim's breakdown is named in indicators= (a held-out user found only whole indicators in totals)
    with pytest.raises(flashpoint.errors.FlashpointError, match=r"was not compared.*indicators=\[...\]\); a breakdown"):
        c.difference(name + ".kh", "restraint")


def test_a_wrong_argument_gets_a_flashpoint_error_not_a_deep_traceback():
    """Held-out: load_scenario(123) raised pathlib's TypeError; switched_off("nope") answered None."""
    import pytest

    import flashpoint
    from flashpoint.errors import FlashpointError

    with pytest.raises(FlashpointError,
                       match="a scenario is a built-in name, a YAML file's path, a Scenario or a dict of its fields"):
        flashpoint.load_scenario(123)
    with pytest.raises(FlashpointError, match="unknown indicator 'nope'"):
        flashpoint.simulate(runs=2).switched_off("nope")


def test_progress_is_reported_within_a_block():
    """A held-out tester watched a web job sit at 0 of 2,000 runs for seconds, then jump to done: one block. The
    local backend reports every 30 simulated days, in runs, rising to the total (and a cancelled web job stops
    within 30 days, since the job's callback raises)."""
    seen = []
    flashpoint.simulate("iraq-2020", runs=50, seed=1, progress=lambda done, total: seen.append((done, total)))
    days = (flashpoint.load_scenario("iraq-2020").end - flashpoint.load_scenario("iraq-2020").start).days + 1
    assert len(seen) == days // 30 + 1 and seen[-1] == (50, 50)
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:])) and 0 < seen[0][0] < 50
