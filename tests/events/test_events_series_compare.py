"""Series in the shape of Ensemble.series, and the one-call comparison with an ensemble."""
import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.errors import FlashpointError
from flashpoint.events.compare import compare
from flashpoint.events.record import as_record
from flashpoint.events.series import event_series, foreign_side, indicator_series, period_start
from flashpoint.events.shipped import record_events
from flashpoint.records import period_counts


def _events(rows):
    """rows: (date, precision, source, target, plover, mode)."""
    frame = pd.DataFrame(rows, columns=["date", "date_precision", "source_actor", "target_actor", "plover_type",
                                        "mode"])
    frame["event_id"] = [f"t:{i}" for i in range(len(frame))]
    return as_record(frame)


EVENTS = _events([
    ("2020-01-01", "day", "unknown", "usa", "ASSAULT", "indirect_fire"),   # a Wednesday
    ("2020-01-05", "day", "unknown", "coalition", "ASSAULT", "ied_convoy"),  # Sunday: same week
    ("2020-01-06", "day", "usa", "kh", "ASSAULT", "airstrike"),          # Monday: next week
    ("2020-01-20", "day", "kh", "usa", "PROTEST", None),
    ("2020-03-01", "month", "unknown", "usa", "ASSAULT", "indirect_fire"),  # known only to the month
])


def test_weekly_rows_start_on_mondays_and_fill_quiet_weeks():
    weekly = event_series(EVENTS, "W")
    assert list(weekly.index) == list(pd.date_range("2019-12-30", "2020-01-20", freq="W-MON"))
    assert weekly["events"].tolist() == [2, 1, 0, 1]
    assert weekly.index.name == "date" and str(weekly.index.dtype) == "datetime64[ns]"
    assert weekly.attrs["left_out"] == 1        # the month-precision event has no week
    # but only one in the period asked for (a held-out tester's weekly series of a January "left out" a March's)
    assert event_series(EVENTS, "W", start="2020-01-01", end="2020-01-31").attrs["left_out"] == 0
    assert event_series(EVENTS, "W", start="2020-03-01", end="2020-03-31").attrs["left_out"] == 1


def test_monthly_counts_by_type_and_by_mode():
    by_type = event_series(EVENTS, "M", by="type", start="2020-01-01", end="2020-04-30")
    assert list(by_type.index) == list(pd.date_range("2020-01-01", "2020-04-01", freq="MS"))
    assert by_type.loc["2020-01-01"].to_dict() == {"ASSAULT": 3, "PROTEST": 1}
    assert by_type.loc["2020-03-01", "ASSAULT"] == 1 and by_type.loc["2020-04-01"].sum() == 0
    by_mode = event_series(EVENTS, "M", by="mode")
    assert by_mode.loc["2020-01-01", "(none)"] == 1 and by_mode.columns.name == "mode"


def test_daily_series_and_bad_arguments():
    daily = event_series(EVENTS, "D", start="2020-01-01", end="2020-01-07")
    assert len(daily) == 7 and daily["events"].sum() == 3
    with pytest.raises(FlashpointError, match="freq"):
        event_series(EVENTS, "Q")
    with pytest.raises(FlashpointError, match="by"):
        event_series(EVENTS, "M", by="colour")


FOREIGN = ["usa", "coalition"]


def test_indicator_series_counts_attacks_on_the_targets_given():
    total = indicator_series(EVENTS, "attacks_on_foreign_forces", "M", targets=FOREIGN, start="2020-01-01",
                             end="2020-03-31")
    assert total.tolist() == [2, 0, 1]
    fire = indicator_series(EVENTS, "attacks_on_foreign_forces.indirect_fire", "M", targets=FOREIGN)
    assert fire.sum() == 2
    one = indicator_series(EVENTS, "attacks_on_foreign_forces.coalition", "M", targets=FOREIGN)
    assert one.sum() == 1                                          # a breakdown by target
    assert indicator_series(EVENTS, "attacks_on_foreign_forces.coalition.indirect_fire", "M",
                            targets=FOREIGN).sum() == 0
    assert indicator_series(EVENTS, "attacks_on_foreign_forces", "M", targets=["kh"]).sum() == 1   # the strike
    with pytest.raises(FlashpointError, match=r"no record counterpart.*published counts of every indicator, "
                                              r"foreign_killed too: ensemble.fit\(\)"):
        indicator_series(EVENTS, "host_consent", targets=FOREIGN)
    with pytest.raises(FlashpointError, match="give the actor ids of the foreign side"):
        indicator_series(EVENTS, "attacks_on_foreign_forces", targets=[])
    with pytest.raises(FlashpointError, match="'navy' is none of the attack modes"):
        indicator_series(EVENTS, "attacks_on_foreign_forces.navy", targets=FOREIGN)


def test_the_foreign_side_is_the_scenarios(fake_ensemble):
    assert foreign_side(fake_ensemble.spec) == ["usa", "coalition"]
    target = SimpleNamespace(id="ships", parties=[])
    party = SimpleNamespace(id="navy")
    assert foreign_side(SimpleNamespace(foreign_parties=[party], targets=[target])) == ["navy", "ships"]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(st.integers(min_value=0, max_value=400), max_size=30), st.sampled_from(["D", "W", "M"]))
def test_every_day_event_lands_in_exactly_one_period(offsets, freq):
    days = pd.Timestamp("2020-01-01") + pd.to_timedelta(offsets, unit="D")
    events = _events([(d, "day", "a", "b", "ASSAULT", None) for d in days])
    counts = event_series(events, freq)
    assert counts["events"].sum() == len(offsets)
    if offsets:
        starts = period_start(pd.Series(days), freq)
        assert set(starts) <= set(counts.index)
        assert (counts.index == counts.index.sort_values()).all()


def _record_attacks(name, targets, start, end, mode=None):
    events = record_events(name)
    hit = (events["plover_type"] == "ASSAULT") & events["target_actor"].isin(targets)
    hit &= events["date"].between(start, end)              # monthly counts keep month-precision events
    if mode:
        hit &= events["mode"].eq(mode)
    return int(hit.sum())


def test_compare_lays_quantiles_beside_the_scenarios_own_record(fake_ensemble, tmp_path):
    result = compare(fake_ensemble)
    table = result.series
    assert list(table.columns) == ["observed", "q05", "q50", "q95", "inside"]
    assert table.index[0] == pd.Timestamp("2019-10-01") and table.index[-1] == pd.Timestamp("2020-12-01")
    expected = _record_attacks("iraq-2019-2021", ["usa", "coalition"], "2020-01-01", "2020-01-31")
    assert table.loc["2020-01-01", "observed"] == expected > 0
    # the record's dated list is a lower bound: only a month above the runs' 95% is a miss (a held-out teacher's
    # notable events, 1 in a month against runs of 4-12, were read as misses)
    assert (table["inside"] == (table["observed"] <= table["q95"])).all()
    assert table.attrs["observed_is_lower_bound"] is True
    assert (table["observed"] < table["q05"]).any()          # (such months are there, and not misses)
    assert 0 <= result.coverage <= 1
    path = tmp_path / "compare.png"
    result.plot(path)
    assert path.read_bytes()[:4] == b"\x89PNG"


def test_compare_judges_each_published_count_against_run_totals(fake_ensemble):
    result = compare(fake_ensemble, "attacks_on_foreign_forces.indirect_fire", "W")
    counts = result.counts
    published = period_counts(fake_ensemble.spec)
    inside = published[(published.indicator == "attacks_on_foreign_forces.indirect_fire")
                       & (published.start >= "2019-09-30") & (published.end <= "2020-12-31")]
    assert len(counts) == len(inside) > 3
    row = counts.iloc[0]
    totals = fake_ensemble.total("attacks_on_foreign_forces.indirect_fire", row.period_start, row.period_end)
    low = -np.inf if math.isnan(row.low) else row.low
    high = np.inf if math.isnan(row.high) else row.high
    assert row.p_in_range == pytest.approx(np.mean((totals >= low) & (totals <= high)))
    assert row.q50 == pytest.approx(np.quantile(totals, 0.5))


def test_compare_reads_another_theatres_record_with_nothing_but_its_scenario(make_ensemble):
    """A scenario of a second record: its foreign side and its dataset, no code of its own."""
    parties = [SimpleNamespace(id=i) for i in ("usa", "uk", "eu", "israel")]
    spec = SimpleNamespace(record=SimpleNamespace(dataset="red-sea-2023"), foreign_parties=parties,
                           targets=[SimpleNamespace(id="shipping", parties=[])])
    ensemble = make_ensemble(start="2024-01-01", end="2024-06-30", spec=spec)
    empty = pd.DataFrame(columns=["indicator", "start", "end", "count", "low", "high", "kind"])
    table = compare(ensemble, counts=empty).series
    targets = ["usa", "uk", "eu", "israel", "shipping"]
    assert table.loc["2024-02-01", "observed"] == _record_attacks("red-sea-2023", targets, "2024-02-01",
                                                                  "2024-02-29") > 5
    ships = indicator_series(record_events("red-sea-2023"), "attacks_on_foreign_forces.shipping", "M",
                             targets=foreign_side(spec), start="2024-01-01", end="2024-06-30")
    assert ships.sum() == _record_attacks("red-sea-2023", ["shipping"], "2024-01-01", "2024-06-30") > 20


def test_a_scenario_without_a_record_needs_events_and_counts(make_ensemble):
    ensemble = make_ensemble(spec=SimpleNamespace(record=None, foreign_parties=[]))
    with pytest.raises(FlashpointError, match="names no record"):
        compare(ensemble)
    table = compare(ensemble, events=EVENTS, targets=FOREIGN,
                    counts=pd.DataFrame(columns=["indicator", "start", "end", "count", "low", "high", "kind"])).series
    assert table.loc["2020-01-01", "observed"] == 2 and table.attrs["observed_is_lower_bound"] is False


def test_events_given_whose_assaults_name_none_of_the_targets_are_noted(make_ensemble):
    """A held-out analyst's ACLED import named the foreign forces as ACLED does and was drawn as no attack at all,
    unsaid: the names the events use are said."""
    from flashpoint.errors import FlashpointNote

    ensemble = make_ensemble(spec=SimpleNamespace(record=None, foreign_parties=[]))
    empty = pd.DataFrame(columns=["indicator", "start", "end", "count", "low", "high", "kind"])
    acled = EVENTS.assign(target_actor=EVENTS["target_actor"].replace({"usa": "Military Forces of the United States",
                                                                       "coalition": "Coalition Forces"}))
    with pytest.warns(FlashpointNote, match=r"none of the 4 assault\(s\) .* the events name Military Forces of the "
                                            r"United States, Coalition Forces, kh: pass targets="):
        compare(ensemble, events=acled, targets=FOREIGN, counts=empty)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", FlashpointNote)
        compare(ensemble, events=EVENTS, targets=FOREIGN, counts=empty, coverage=(ensemble.start, ensemble.end))


def test_periods_outside_the_record_have_no_observed_value(make_ensemble):
    later = make_ensemble(start="2021-11-01", end="2022-02-28")
    table = compare(later).series
    assert not math.isnan(float(table.loc["2021-12-01", "observed"]))
    assert pd.isna(table.loc["2022-01-01", "observed"]) and pd.isna(table.loc["2022-01-01", "inside"])


@pytest.mark.parametrize("scenario", ["iraq-2020", "red-sea-2023"])
def test_a_runs_event_log_counts_the_attacks_its_indicator_counts(scenario):
    """A held-out user: the simulated log held 12 attacks a run more than the indicator (iraq-2020's two tactics
    entries, one 'attack' per faction and target) and 8 more on red-sea-2023 (its markers, which date the record)."""
    import flashpoint

    ens = flashpoint.simulate(scenario, runs=40, seed=3, events=True)
    events = ens.events()
    for run in (0, 17, 39):
        logged = indicator_series(events[events["run"] == run], "attacks_on_foreign_forces", "M",
                                  targets=foreign_side(ens.spec), start=ens.start, end=ens.end).sum()
        assert logged == ens.total("attacks_on_foreign_forces")[run], run


def test_events_before_the_runs_first_day_are_not_laid_beside_a_partial_first_month(make_ensemble):
    """The runs of a scenario that starts on 2020-01-06 cover 26 days of January: the attacks of 1 and 5 January
    happened before the first simulated day (a held-out ACLED import beside red-sea-2023, which starts on
    19 October 2023, counted the attacks of 8 and 18 October against 13 simulated days)."""
    ensemble = make_ensemble(start="2020-01-06", end="2020-03-31", spec=SimpleNamespace(record=None,
                                                                                        foreign_parties=[]))
    table = compare(ensemble, events=EVENTS, targets=FOREIGN,
                    counts=pd.DataFrame(columns=["indicator", "start", "end", "count", "low", "high", "kind"])).series
    assert table.loc["2020-01-01", "observed"] == 0
    # an attack the record dates to January only may have fallen in the simulated part of it
    in_month = _events([("2020-01-01", "month", "unknown", "usa", "ASSAULT", "indirect_fire"),
                        ("2020-01-03", "day", "unknown", "usa", "ASSAULT", "indirect_fire")])
    table = compare(ensemble, events=in_month, targets=FOREIGN, coverage=("2020-01-01", "2020-03-31"),
                    counts=pd.DataFrame(columns=["indicator", "start", "end", "count", "low", "high", "kind"])).series
    assert table.loc["2020-01-01", "observed"] == 1


def test_compare_marks_the_periods_the_runs_cover_in_part():
    """A held-out notebook user's red-sea-2023 October 2023 (simulated from the 19th) was not marked in
    compare(ens).series as it is in Ensemble.series."""
    import flashpoint

    ens = flashpoint.simulate("red-sea-2023", runs=10, seed=1)
    table = compare(ens).series
    assert table.attrs["partial"] == [pd.Timestamp("2023-10-01")]
    assert (table.attrs["indicator"], table.attrs["unit"]) == ("attacks_on_foreign_forces", "attacks")


def test_comparison_plot_leaves_out_the_periods_the_runs_cover_in_part(tmp_path):
    """A held-out notebook user's compare(ens).plot() drew a first month simulated for 2 of 31 days as an ordinary
    month, a cliff from 0, where `run` and `compare` leave it out; so does the plot now, both sides, shaded."""
    import matplotlib.dates as mdates

    import flashpoint

    result = compare(flashpoint.simulate("red-sea-2023", runs=10, seed=1))
    assert result.series.attrs["partial"] == [pd.Timestamp("2023-10-01")]
    fig = result.plot(tmp_path / "c.png")
    top = fig.axes[0]
    lines = {line.get_label(): line.get_ydata() for line in top.lines}
    for label, y in lines.items():
        assert np.isnan(y[0]) and not np.isnan(y[1]), label         # the median, the record's list
    band = top.collections[0].get_paths()[0].vertices
    assert band[:, 0].min() >= mdates.date2num(pd.Timestamp("2023-11-01"))
    shaded = [p for p in top.patches if p.get_gid() == "partial-2023-10-01"]
    assert len(shaded) == 1
    assert shaded[0].get_label() == "partial month (not drawn: a partial month's sum is not a drop)"


def test_an_attack_in_a_mode_the_scenario_cannot_simulate_is_left_out_and_counted(make_ensemble, monkeypatch):
    """A held-out student's record held a patron's airstrike with the patron's strikes (M8) off: validate said the
    fit leaves it out, while compare counted it beside runs that can never make one."""
    import flashpoint
    import flashpoint.events.shipped as shipped

    seized = _events([("2020-01-10", "day", "kh", "usa", "ASSAULT", "seizure")])
    monkeypatch.setattr(shipped, "record_events", lambda dataset: pd.concat([EVENTS, seized], ignore_index=True))
    ensemble = make_ensemble(start="2020-01-01", end="2020-03-31", spec=flashpoint.load_scenario("iraq-2020"))
    empty = pd.DataFrame(columns=["indicator", "start", "end", "count", "low", "high", "kind"])
    table = compare(ensemble, counts=empty).series
    assert table.loc["2020-01-01", "observed"] == 2 and table.attrs["unmodelled_modes"] == {"seizure": 1}


def test_periods_after_the_last_event_given_are_said_to_have_no_observed_value(make_ensemble):
    """A held-out analyst's own list covered 2019, its last event in November: December read "no observed value"
    (outside the events' dates) with no word of it, nor of coverage=, which says what the list covers."""
    import warnings

    from flashpoint.errors import FlashpointNote

    ensemble = make_ensemble(start="2020-01-01", end="2020-05-31", spec=SimpleNamespace(record=None,
                                                                                        foreign_parties=[]))
    empty = pd.DataFrame(columns=["indicator", "start", "end", "count", "low", "high", "kind"])
    with pytest.warns(FlashpointNote, match=r"2 period\(s\) before the events' first date \(2020-01-\d\d\) or after "
                                            r"their last \(2020-03-\d\d\) have no observed value, not 0 \(2020-04-01, "
                                            r"2020-05-01\): give coverage=\(first day, last day\)"):
        table = compare(ensemble, events=EVENTS, targets=FOREIGN, counts=empty).series
    assert pd.isna(table.loc["2020-05-01", "observed"])
    with warnings.catch_warnings():
        warnings.simplefilter("error", FlashpointNote)
        table = compare(ensemble, events=EVENTS, targets=FOREIGN, counts=empty,
                        coverage=("2020-01-01", "2020-05-31")).series
    assert table.loc["2020-05-01", "observed"] == 0
