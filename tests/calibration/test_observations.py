"""The record as observations: the dated list per week, tallies with weights, series."""
import io
import warnings

import numpy as np
import pandas as pd
import pytest

from flashpoint import records
from flashpoint.calibration import observations as ob
from flashpoint.errors import FlashpointError, FlashpointNote


def events_table(dataset):
    text = records._folder(dataset).joinpath("events.csv").read_text(encoding="utf-8")
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def test_weeks_hold_every_dated_attack_on_the_foreign_forces(scenario):
    obs = ob.observe(scenario, "2020-12-31")
    assert obs.modes == ["indirect_fire", "ied_convoy", "drone", "missile"]
    assert obs.week_starts[0] == pd.Timestamp(scenario.start) and obs.week_starts[1].day_of_week == 0
    table = events_table(scenario.record.dataset)
    dates = pd.to_datetime(table["date"])
    parties = {a.id for a in scenario.foreign_parties}
    chosen = (table["target_actor"].isin(parties) & table["mode"].isin(obs.modes)
              & (table["source_actor"] != "isis") & (table["date_precision"] == "day")
              & (dates >= pd.Timestamp(scenario.start)) & (dates <= pd.Timestamp("2020-12-31")))
    assert obs.listed.sum() == chosen.sum() > 90
    by_mode = table[chosen]["mode"].value_counts()
    assert obs.listed[:, obs.modes.index("ied_convoy")].sum() == by_mode["ied_convoy"]
    # the week of the Iranian missile strike holds it
    week = np.searchsorted(obs.week_starts, pd.Timestamp("2020-01-08"), side="right") - 1
    assert obs.listed[week, obs.modes.index("missile")] == 1


def test_attacks_on_declared_targets_are_listed_and_unusable_ones_are_said():
    """The dated list took only attacks whose target is a foreign party: red-sea-2023's 85 dated attacks on
    merchant shipping (an attack target of the scenario) were dropped unsaid, as was an attack with no mode."""
    import flashpoint

    sc = flashpoint.load_scenario("red-sea-2023")
    obs = ob.observe(sc, "2024-06-30")
    table = events_table(sc.record.dataset)
    dates = pd.to_datetime(table["date"])
    on_ships = ((table["target_actor"] == "shipping") & table["mode"].isin(obs.modes)
                & (table["date_precision"] == "day") & (dates <= pd.Timestamp("2024-06-30")))
    assert on_ships.sum() > 40 and obs.listed.sum() >= on_ships.sum()
    unsaid = [r for r in obs.left_out if r["row"].startswith("dated attack")]
    # two attacks with no mode; the threats (138) and statements without one are no attacks (a held-out case's
    # announced suspension was listed as one)
    assert sum(r["reason"] == "no mode given: not in the weeks" for r in unsaid) == 2
    iraq = ob.observe(flashpoint.load_scenario("iraq-2020"), "2020-12-31")
    assert {"row": "dated attack 2020-07-11", "reason": "mode 'seizure' is not one of the scenario's attack modes "
            "(indirect_fire, ied_convoy, drone, missile): not in the weeks"} in iraq.left_out


def test_the_cut_keeps_only_what_had_ended(scenario):
    obs = ob.observe(scenario, "2020-06-30")
    assert (obs.tallies["end"] <= pd.Timestamp("2020-06-30")).all()
    assert obs.week_bounds[-1][1] == (pd.Timestamp("2020-06-30") - obs.start).days + 1
    assert any("ends after 2020-06-30" in r["reason"] for r in obs.left_out)
    full = ob.observe(scenario)
    assert len(full.tallies) > len(obs.tallies) and full.until == pd.Timestamp(scenario.end)


def _tallies(*rows):
    """Tallies as (indicator, start, end, hedge, grade)."""
    return pd.DataFrame([{"indicator": i, "start": pd.Timestamp(a), "end": pd.Timestamp(b), "hedge": h,
                          "reliability": g} for i, a, b, h, g in rows])


def test_running_totals_weigh_what_they_add():
    t = _tallies(("a", "2020-01-01", "2020-01-31", "=", "B"), ("a", "2020-01-01", "2020-02-29", "=", "B"),
                 ("a", "2020-03-01", "2020-03-10", "=", "B"), ("b", "2020-01-01", "2020-02-29", "=", "B"))
    w = ob._tally_weights(t)
    assert w[0] == 1.0 and w[1] == pytest.approx(29 / 60) and w[2] == 1.0 and w[3] == 1.0
    chain = _tallies(("a", "2020-01-01", "2020-03-01", "=", "B"), ("a", "2020-01-01", "2020-03-02", "=", "B"))
    assert ob._tally_weights(chain)[1] == ob.MIN_TALLY_WEIGHT


def test_a_stronger_tally_is_heard_whatever_it_ends_or_stands_in_the_file():
    """Held-out checks: a grade-C "at least 13" first in a chain took weight 1 and the exact grade-A and B counts
    after it 0.10-0.18; of a grade-A 30 and a grade-C 15 of one quarter, the second in the file took 0.1."""
    bound_first = _tallies(("a", "2023-11-01", "2023-11-14", ">=", "C"), ("a", "2023-11-01", "2023-12-31", "=", "A"),
                           ("a", "2023-11-01", "2024-01-31", "=", "B"))
    w = ob._tally_weights(bound_first)
    assert w[0] == ob.MIN_TALLY_WEIGHT and w[1] == 1.0 and w[2] == pytest.approx(31 / 92)
    quarter = [("a", "2024-01-01", "2024-03-31", "=", "A"), ("a", "2024-01-01", "2024-03-31", "=", "C")]
    assert list(ob._tally_weights(_tallies(*quarter))) == [1.0, ob.MIN_TALLY_WEIGHT]
    assert list(ob._tally_weights(_tallies(*quarter[::-1]))) == [ob.MIN_TALLY_WEIGHT, 1.0]
    alike = _tallies(("a", "2024-01-01", "2024-03-31", "~", "B"), ("a", "2024-03-01", "2024-03-31", "=", "B"))
    assert ob._tally_weights(alike) == pytest.approx([(60 + 31 / 2) / 91, 0.5])    # March shared, neither first


def test_series_become_totals_or_stocks_as_their_units_say(scenario):
    obs = ob.observe(scenario, "2020-12-31")
    isis = obs.series[obs.series["name"] == "isis_attacks"]
    assert len(isis) == 3 and isis["total"].all()            # quarters of 2020; the 2019 year starts too early
    troops = obs.series[obs.series["name"] == "troops.usa"]
    assert list(troops["scale_party"]) == ["usa"] * len(troops) and not troops["total"].any()
    assert not (obs.series["name"] == "seats.fatah").any()   # the 2021 election is after the cut
    assert any(r["row"].startswith("series isis_attacks 2019-01-01") for r in obs.left_out)
    later = ob.observe(scenario)
    seats = later.series[later.series["name"] == "seats.fatah"]
    assert list(seats["value"]) == [17.0] and seats["start"].iloc[0] == pd.Timestamp("2021-10-10")


def test_monthly_list_covers_the_period(scenario):
    months = ob.monthly_listed(scenario)
    assert months.index[0] == pd.Timestamp("2019-10-01") and months.index[-1] == pd.Timestamp("2021-12-01")
    assert months["2020-08-01"] == 32


def test_a_scenario_without_a_record_or_a_cut_before_its_start_is_refused(scenario):
    with pytest.raises(FlashpointError, match="names no record"):
        ob.observe(scenario.model_copy(update={"record": None}))
    with pytest.raises(FlashpointError, match="not after the scenario's start"):
        ob.observe(scenario, "2019-09-01")


def test_a_bad_series_row_names_its_line_in_the_file(scenario, tmp_path):
    """The series are filtered to those the scenario maps before they are read: the line is still the file's."""
    from importlib import resources

    source = resources.files("flashpoint.data.records").joinpath("iraq-2019-2021")
    folder = tmp_path / "rec"
    folder.mkdir()
    for name in ("counts.csv", "events.csv", "series.csv", "sources.csv", "actors.csv"):
        if source.joinpath(name).is_file():
            (folder / name).write_bytes(source.joinpath(name).read_bytes())
    lines = (folder / "series.csv").read_text().splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("troops.usa,2020"))
    cells = lines[row].split(",")
    good = cells[3]
    cells[3] = "about 5000"
    lines[row] = ",".join(cells)
    (folder / "series.csv").write_text("\n".join(lines) + "\n")
    record = scenario.record.model_copy(update={"dataset": str(folder)})
    with pytest.raises(FlashpointError, match=rf"series.csv line {row + 1}: field value: 'about 5000'"):
        ob.observe(scenario.model_copy(update={"record": record}), "2020-12-31")
    cells[3], cells[1] = good, "2020-13-01"
    lines[row] = ",".join(cells)
    (folder / "series.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(FlashpointError, match=rf"series.csv line {row + 1}: field period_start"):
        ob.observe(scenario.model_copy(update={"record": record}), "2020-12-31")


def test_a_cut_after_the_scenarios_end_is_refused(scenario):
    with pytest.raises(FlashpointError, match="after the scenario's end 2021-12-31; leave --until out"):
        ob.observe(scenario, "2030-01-01")


def test_parameters_of_a_switched_off_mechanism_are_left_out_of_the_fit_with_a_note(scenario):
    from flashpoint.calibration.problem import default_parameters
    from flashpoint.errors import FlashpointNote

    assert "consent.casualty_cost" in default_parameters(scenario)
    off = scenario.model_copy(update={"mechanisms": {
        **scenario.mechanisms, "consent": scenario.mechanisms["consent"].model_copy(update={"enabled": False})}})
    with pytest.warns(FlashpointNote, match="switched off: consent.casualty_cost"):
        names = default_parameters(off)
    assert "consent.casualty_cost" not in names and "attacks.base_rate.kh" in names


def test_a_parameter_named_for_the_fit_that_nothing_depends_on_is_refused(scenario):
    """A held-out tester: calibrate --parameters deterrence.threat_deterrence fitted it on a scenario with no threat
    entry (its "posterior" was its prior); a switched-off mechanism's parameter was refused as "overrides: ..."."""
    import flashpoint
    from flashpoint.calibration.problem import build
    from flashpoint.errors import ScenarioError

    rs = flashpoint.load_scenario("red-sea-2023")
    with pytest.raises(ScenarioError, match=r"^parameters: deterrence.threat_deterrence acts only through threat "
                                            r"entries, and policy 'historical' has none: nothing in the runs depends"):
        build(rs, until="2024-06-30", parameters=["deterrence.threat_deterrence"])
    off = scenario.model_copy(update={"mechanisms": {        # as a file must: its reason, its claims and the
        **scenario.mechanisms, "consent": scenario.mechanisms["consent"].model_copy(update={   # policies setting
            "enabled": False, "reason": "a test's"})},                                       # M5's out too
        "claims": [], "policies": {k: p for k, p in scenario.policies.items() if not p.set}})
    with pytest.raises(ScenarioError, match=r"^parameters: consent.casualty_cost is a parameter of M5 consent, and "
                                            r"the scenario switches it off"):
        build(off, until="2020-06-30", parameters=["consent.casualty_cost"])
    assert build(scenario, until="2020-12-31", parameters=["deterrence.threat_deterrence"]).model_names == [
        "deterrence.threat_deterrence"]
    with pytest.raises(ScenarioError, match=r"^parameters: deterrence.threat_deterrence acts only through schedule "
                                            r"entries after 2020-06-30 \(the fit's end\): no observation informs it"):
        build(scenario, until="2020-06-30", parameters=["deterrence.threat_deterrence"])   # the threats: Sep, Dec
    with pytest.raises(ScenarioError, match=r"^parameters: effects.truce_compliance acts only through schedule "
                                            r"entries after 2020-06-30"):                 # the truce: October
        build(scenario, until="2020-06-30", parameters=["attacks.base_rate.kh", "effects.truce_compliance"])


def test_a_calibratable_parameter_with_a_one_point_range_is_left_out_with_a_note(scenario):
    """A held-out field audit: calibratable: true on a parameter whose range is one point was left out unsaid."""
    from flashpoint.calibration.problem import default_parameters
    from flashpoint.errors import FlashpointNote

    q = scenario.effects["kh_raid"]
    point = scenario.model_copy(update={"effects": {**scenario.effects, "kh_raid": q.model_copy(update={
        "range": (q.value, q.value)})}})
    with pytest.warns(FlashpointNote, match=r"as their declared range is a single point .*: effects.kh_raid$"):
        names = default_parameters(point)
    assert "effects.kh_raid" not in names and "effects.kh_raid" in default_parameters(scenario)


def test_with_m8_off_the_patrons_strikes_are_no_mode_of_the_list(tmp_path):
    """A held-out case switched M8 off and still had a listing probability of 'missile' fitted to nothing:
    only M8 makes the patron's direct strikes."""
    import yaml

    import flashpoint
    from flashpoint.calibration.likelihood import nuisance
    from flashpoint.scenario.loader import resolve

    doc = yaml.safe_load(resolve("iraq-2020")[1])
    doc["mechanisms"]["escalation"]["enabled"] = False
    doc["mechanisms"]["escalation"]["reason"] = "test: no direct strikes"
    path = tmp_path / "no-m8.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    obs = ob.observe(flashpoint.load_scenario(path), "2020-12-31")
    assert "missile" not in obs.modes and "observation.list.missile" not in nuisance(obs)
    assert any(r["row"] == "dated attack 2020-01-08" and "'missile'" in r["reason"] for r in obs.left_out)


def test_a_record_with_no_dated_attacks_gives_no_weekly_list(tmp_path):
    """A held-out case's record listed no attack in its scenario's modes: the calibration read 260 empty weeks
    as zero attacks (listing probabilities at their floor, base rates pushed down) and evaluate scored the
    zero forecast perfect. An empty list is no count of zero: it is not used, and evaluate refuses."""
    import shutil

    import yaml

    import flashpoint
    from flashpoint.calibration.evaluate import EvalSettings, evaluate
    from flashpoint.calibration.likelihood import nuisance
    from flashpoint.scenario.loader import resolve

    record = tmp_path / "rec"
    shutil.copytree(records._folder("iraq-2019-2021"), record)
    table = pd.read_csv(record / "events.csv", dtype=str, keep_default_na=False)
    table[table["target_actor"].isin(["usa", "coalition"]) == False].to_csv(record / "events.csv", index=False)  # noqa: E712
    doc = yaml.safe_load(resolve("iraq-2020")[1])
    doc["record"]["dataset"] = str(record)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    sc = flashpoint.load_scenario(path)
    obs = ob.observe(sc, "2020-12-31")
    assert obs.modes == [] and obs.listed.size == 0 and len(obs.tallies) > 10
    assert set(nuisance(obs)) == {"observation.tally_share.C"}
    assert any(r["row"] == "the dated list" for r in obs.left_out)
    with pytest.raises(FlashpointError, match="lists no dated attack on the foreign forces"):
        evaluate(EvalSettings(scenario=str(path), particles=20, replicates=2), scenario=sc)
    # and a fit cut before the first count ends has nothing to fit (a held-out forecaster's "reached the posterior",
    # exit 0, was its prior)
    from flashpoint.calibration.problem import build

    with pytest.raises(FlashpointError, match=r"no observation up to 2019-10-20: nothing to fit .*the dated list"):
        build(sc, until="2019-10-20")


def test_a_forecast_knows_an_entry_began_not_when_it_ends(scenario):
    """At the 2020-04 origin the model knew the lockdown would end on 31 May (its `until`), as no forecaster
    then could: an entry begun before the origin and ending after it lasts through the horizon."""
    import datetime as dt

    from flashpoint.calibration.problem import truncated

    ahead = truncated(scenario, "2020-06-30", known_until="2020-03-31")
    by_id = {e.id: e for e in ahead.schedule}
    assert by_id["covid_lockdown_2020_03_17"].until == dt.date(2020, 6, 30)
    assert by_id["soleimani_order_2019_10"].until == dt.date(2020, 1, 2)      # ended before: as written
    assert all(e.date <= dt.date(2020, 3, 31) for e in ahead.schedule)
    assert {e.id: e for e in truncated(scenario, "2020-06-30").schedule}["covid_lockdown_2020_03_17"].until \
        == dt.date(2020, 5, 31)                                                  # a replay keeps what happened


def test_a_list_of_notable_events_is_no_count_when_the_scenario_says_so(tmp_path):
    """A held-out case's events.csv held 9 notable attacks in 7.5 years: as a count, the fit halved the attack
    rate to explain it. Far under the tallies, the list gets a note; declared a sample, it is not fitted."""
    import shutil
    import warnings

    import yaml

    import flashpoint
    from flashpoint.calibration.evaluate import EvalSettings, evaluate
    from flashpoint.errors import FlashpointNote
    from flashpoint.scenario.loader import resolve

    record = tmp_path / "rec"
    shutil.copytree(records._folder("iraq-2019-2021"), record)
    table = pd.read_csv(record / "events.csv", dtype=str, keep_default_na=False)
    foreign = table["target_actor"].isin(["usa", "coalition"])
    table[~foreign | (table.index.isin(table[foreign].index[:3]))].to_csv(record / "events.csv", index=False)
    doc = yaml.safe_load(resolve("iraq-2020")[1])
    doc["record"]["dataset"] = str(record)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    with pytest.warns(FlashpointNote, match=r"the dated list \(events.csv\) holds \d+ of the .* \(record.dated_list: "
                                            r"sample\)"):
        assert ob.observe(flashpoint.load_scenario(path), "2020-12-31").modes
    doc["record"]["dated_list"] = "sample"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    sc = flashpoint.load_scenario(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error", FlashpointNote)
        obs = ob.observe(sc, "2020-12-31")
    assert obs.modes == [] and obs.listed.size == 0
    assert any("record.dated_list: sample" in r["reason"] for r in obs.left_out)
    with pytest.raises(FlashpointError, match=r"a sample of notable events \(record.dated_list: sample\)"):
        evaluate(EvalSettings(scenario=str(path), particles=20, replicates=2), scenario=sc)


def test_a_record_with_no_grade_c_tally_fits_no_grade_c_share(tmp_path):
    """A held-out case's calibration fitted observation.tally_share.C with no grade-C count in its record: a
    parameter the data cannot touch, reported beside the others as if fitted."""
    import shutil

    import yaml

    import flashpoint
    from flashpoint.calibration.likelihood import nuisance
    from flashpoint.scenario.loader import resolve

    record = tmp_path / "rec"
    shutil.copytree(records._folder("iraq-2019-2021"), record)
    table = pd.read_csv(record / "counts.csv", dtype=str, keep_default_na=False)
    table[table["reliability"] != "C"].to_csv(record / "counts.csv", index=False)
    doc = yaml.safe_load(resolve("iraq-2020")[1])
    doc["record"]["dataset"] = str(record)
    doc["record"]["exclude"] = []
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    obs = ob.observe(flashpoint.load_scenario(path), "2020-12-31")
    assert len(obs.tallies) > 5 and "observation.tally_share.C" not in nuisance(obs)
    assert "observation.tally_share.C" in nuisance(ob.observe(flashpoint.load_scenario("iraq-2020"), "2020-12-31"))


def test_a_thin_list_is_noted_against_a_breakdowns_tally_too():
    """A held-out case's 5 notable events over 91 months were fitted as a full list: its tallies were of a
    breakdown (attacks on US bases), which the note did not read."""
    from flashpoint.errors import FlashpointNote

    listed = pd.DataFrame({"date": pd.to_datetime(["2020-01-05"])})
    tallies = pd.DataFrame({"indicator": ["attacks_on_foreign_forces.us_bases"], "low": [40.0], "count": ["40"],
                            "reliability": ["B"], "start": pd.to_datetime(["2023-10-17"]),
                            "end": pd.to_datetime(["2023-11-30"])})
    with pytest.warns(FlashpointNote, match=r"holds 0 of the 40 attacks a grade-B tally counts"):
        ob._thin_list_note(listed, tallies)


def test_a_list_of_attacks_on_some_targets_is_laid_beside_the_attacks_on_them(tmp_path):
    """A held-out case's list named only attacks on one party's forces and was laid beside the attacks on every
    target, the host's forces included (ten times as many): the fit pulled the rate down tenfold, unsaid."""
    import shutil

    import yaml

    import flashpoint
    from flashpoint.calibration.likelihood import features
    from flashpoint.scenario.loader import resolve

    folder = tmp_path / "israel-only"
    shutil.copytree(records._folder("red-sea-2023"), folder)
    table = events_table("red-sea-2023")
    table[table["target_actor"] == "israel"].to_csv(folder / "events.csv", index=False)
    doc = yaml.safe_load(resolve("red-sea-2023")[1])
    doc["record"]["dataset"] = str(folder)
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(doc, sort_keys=False))
    sc = flashpoint.load_scenario(tmp_path / "s.yaml")
    with pytest.warns(Warning, match="names attacks on israel only"):
        obs = ob.observe(sc, "2024-06-30")
    assert obs.scope == ["israel"] and obs.listed.sum() > 0
    ens = flashpoint.simulate(sc, runs=20, seed=1)
    weekly = features(ens, obs).weekly
    j = obs.modes.index("drone")
    on_israel = ens.total("attacks_on_foreign_forces.israel.drone", sc.start, "2024-06-30")
    np.testing.assert_allclose(weekly[:, :, j].sum(axis=1), on_israel)
    assert (ens.total("attacks_on_foreign_forces.drone", sc.start, "2024-06-30") > on_israel).all()
    assert ob.observe(flashpoint.load_scenario("red-sea-2023"), "2024-06-30").scope == []   # its list: every target


def test_an_origin_before_the_first_tally_has_no_thin_list_note():
    """A held-out evaluate stopped with a TypeError where an origin came before the record's first tally."""
    empty = pd.DataFrame({"indicator": pd.Series(dtype=str), "start": pd.Series(dtype="datetime64[ns]"),
                          "end": pd.Series(dtype="datetime64[ns]"), "low": pd.Series(dtype=float),
                          "reliability": pd.Series(dtype=str)})
    ob._thin_list_note(pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]")}), empty)


def test_a_scenario_writes_its_own_modes_in_its_record(tmp_path):
    """A scenario whose weapons the record's list does not name writes them as its own modes, in its file and
    in its record's events.csv: the events are checked against the declared modes and listed under them."""
    import shutil

    import flashpoint
    from flashpoint.scenario.loader import resolve

    folder = tmp_path / "own-modes"
    shutil.copytree(records._folder("red-sea-2023"), folder)
    table = events_table("red-sea-2023")
    boats = int((table["mode"] == "boat").sum())
    table["mode"] = table["mode"].replace("boat", "usv")
    table.to_csv(folder / "events.csv", index=False)
    text = resolve("red-sea-2023")[1].replace("boat", "usv").replace("dataset: red-sea-2023", f"dataset: {folder}")
    (tmp_path / "s.yaml").write_text(text)
    sc = flashpoint.load_scenario(tmp_path / "s.yaml")
    assert records.check_events(sc)
    listed = ob.dated_attacks(sc)
    assert boats > 0 and (listed["mode"] == "usv").sum() == boats
    assert ob.dated_attacks(sc, unusable=True)["mode"].ne("usv").all()


def test_the_lists_scope_at_a_cut_comes_from_the_rows_before_it(tmp_path):
    """A statistical audit: the list's scope (the targets it is laid beside) came from the whole record, so rows
    dated after a forecast origin changed the forecasts made at it."""
    import shutil

    import yaml

    import flashpoint
    from flashpoint.scenario.loader import resolve

    folder = tmp_path / "israel-first"
    shutil.copytree(records._folder("red-sea-2023"), folder)
    table = events_table("red-sea-2023")
    early = table["date"] <= "2024-06-30"
    table[~early | (table["target_actor"] == "israel")].to_csv(folder / "events.csv", index=False)
    doc = yaml.safe_load(resolve("red-sea-2023")[1])
    doc["record"]["dataset"] = str(folder)
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(doc, sort_keys=False))
    sc = flashpoint.load_scenario(tmp_path / "s.yaml")
    with pytest.warns(Warning, match="names attacks on israel only"):
        assert ob.observe(sc, "2024-06-30").scope == ["israel"]          # what a forecaster then knew
    assert ob.observe(sc).scope == []                                   # the whole record reaches every target


def test_a_default_parameter_no_observation_before_the_cut_informs_is_named_in_a_note(scenario):
    """politics.swing_mean acts only through the October 2021 election: fitted to 2020, its posterior is its prior
    (docs/calibration.md, "A control for the count"), and the fit says so; a cut after the election informs it."""
    import warnings

    from flashpoint.calibration.problem import build
    from flashpoint.errors import FlashpointNote

    with pytest.warns(FlashpointNote, match=r"no observation up to 2020-12-31 informs politics.swing_mean: each acts "
                                            r"only through schedule entries after that date"):
        assert "politics.swing_mean" in build(scenario, until="2020-12-31", replicates=1).model_names
    with pytest.warns(FlashpointNote, match=r"up to 2020-06-30 informs effects.truce_compliance, "
                                            r"effects.truce_holds_days, politics.swing_mean: "):
        build(scenario, until="2020-06-30", replicates=1)
    with warnings.catch_warnings(record=True) as notes:
        warnings.simplefilter("always")
        build(scenario, until="2021-12-31", replicates=1)
    assert not [n for n in notes if "informs" in str(n.message)]


def test_evaluate_scores_the_list_the_model_is_fitted_to_attacks_dated_to_the_day(scenario):
    """A statistical review: the scored monthly count held attacks dated only to the month, which the weekly list
    the model (and INGARCH) are fitted to leaves out."""
    rows = ob.dated_attacks(scenario)
    by_month = rows[rows["precision"] == "month"]
    assert len(by_month)                                  # the record has some (2021-10, 2021-12)
    both, day = ob.monthly_listed(scenario), ob.monthly_listed(scenario, day_only=True)
    assert (both - day).sum() == len(by_month) and (both >= day).all()


def test_a_forecasts_cut_drops_a_policys_later_additions_as_it_drops_the_schedules(scenario):
    """A statistical review: evaluate under a policy with additions knew those dated between the origin and the
    horizon's end (the schedule's were dropped)."""
    from flashpoint.calibration.problem import truncated

    cut = truncated(scenario, "2021-03-31", known_until="2020-12-31")
    assert [e.id for e in cut.policies["drawdown"].add] == [
        "phased_drawdown_2020_04", "phased_drawdown_2020_07", "phased_drawdown_2020_10"]
    assert len(truncated(scenario, "2021-03-31").policies["drawdown"].add) == 4       # no forecast: to the end


def test_a_count_no_run_could_reach_is_said_by_validate_and_calibrate(tmp_path, capsys):
    """A held-out check's grade-A "100000 attacks in June" passed validate, and the fit bent every parameter to it."""
    import shutil

    import yaml

    import flashpoint
    from flashpoint.cli import main
    from flashpoint.scenario.loader import resolve

    record = tmp_path / "rec"
    shutil.copytree(records._folder("iraq-2019-2021"), record)
    lines = (record / "counts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",>=9,period,", ",>=100000,period,", 1)
    (record / "counts.csv").write_text("".join(lines), encoding="utf-8")
    doc = yaml.safe_load(resolve("iraq-2020")[1])
    doc["record"]["dataset"] = str(record)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    assert main(["scenario", "validate", str(path)]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert ("note: record count attacks_on_foreign_forces 2019-10-28..2019-12-09 >=100000: more than any run could "
            "give (at most about 2,630 attacks over its 43 days") in said, said
    with pytest.warns(FlashpointNote, match="record count .* >=100000: more than any run could give"):
        ob.observe(flashpoint.load_scenario(path), "2020-12-31")
    # so too a count of the dead (a held-out case's 5,000,000 killed in a year beside a force of 12,000)
    # (100,000: under the wounded's ceiling, which a first version applied to the dead, a verifier found)
    lines.append("2020-01-01,2020-12-31,killed,,,100000,period,https://example.org,C,a typo\n")
    (record / "counts.csv").write_text("".join(lines), encoding="utf-8")
    doc["record"]["indicators"]["killed"] = "foreign_killed"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    assert main(["scenario", "validate", str(path)]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "note: record count foreign_killed 2020-01-01..2020-12-31 100000: more than any run could give (at most " \
           "about 9,576 killed" in said, said


def test_a_strike_count_in_another_unit_is_said_at_validate(tmp_path, capsys):
    """A held-out case's 121,466 "strikes", a ministry's count of targets hit, were read as sites struck and pulled
    the tally share the fit gives every count: no bound caught a count of strikes."""
    import shutil

    import yaml

    from flashpoint.cli import main
    from flashpoint.scenario.loader import resolve

    record = tmp_path / "rec"
    shutil.copytree(records._folder("red-sea-2023"), record)
    with (record / "counts.csv").open("a", encoding="utf-8") as f:
        f.write("2024-01-12,2024-12-31,strikes,,,121466,period,https://example.org,C,targets hit: another unit\n"
                "2024-01-12,2024-12-31,strikes,,,900,period,https://example.org,C,sites struck\n")
    doc = yaml.safe_load(resolve("red-sea-2023")[1])
    doc["record"]["dataset"] = str(record)
    doc["record"]["indicators"]["strikes"] = "foreign_strikes"
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    assert main(["scenario", "validate", str(path)]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "note: record count foreign_strikes 2024-01-12..2024-12-31 121466: more than any run could give (at most " \
           "about " in said and "strike waves (sites struck) over its 355 days: every response rule" in said, said
    assert " 900: more than" not in said


def test_a_count_no_run_of_the_fit_comes_near_is_said_after_it(tmp_path):
    """A held-out case's 7,500 dead typed as attacks passed validate (its ceiling is every faction at its top rate)
    and took the fit over: the fit says which count no run of it, its prior's draws included, came near."""
    import shutil

    import numpy as np
    import yaml

    import flashpoint
    from flashpoint.calibration.problem import build, note_out_of_reach
    from flashpoint.scenario.loader import resolve

    record = tmp_path / "rec"
    shutil.copytree(records._folder("iraq-2019-2021"), record)
    lines = (record / "counts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",>=9,period,", ",>=2000,period,", 1)    # under validate's ceiling (2,630)
    (record / "counts.csv").write_text("".join(lines), encoding="utf-8")
    doc = yaml.safe_load(resolve("iraq-2020")[1])
    doc["record"]["dataset"] = str(record)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    sc = flashpoint.load_scenario(path)
    assert not [line for line in records.beyond_ceiling(sc) if ">=2000" in line]
    problem = build(sc, until="2020-03-31", replicates=2)
    problem.loglik(np.random.default_rng(0).random((6, problem.dim)), 0)
    with pytest.warns(FlashpointNote) as caught:
        note_out_of_reach(problem)
    said = [str(w.message) for w in caught if "no run of the fit" in str(w.message)]
    assert len(said) == 1 and said[0].startswith("record count attacks_on_foreign_forces 2019-10-28..2019-12-09 "
                                                 ">=2000: no run of the fit (its prior's draws included) gave more "
                                                 "than"), said


def test_an_attack_aimed_by_its_target_kind_at_a_declared_target_is_in_the_list(tmp_path):
    """A held-out case's attacks on the host's front (a declared target no party holds) named the host as the
    attacked actor and its front by target kind: the list dropped them unsaid, and the target's name itself was
    refused as no actor."""
    import shutil

    import yaml

    import flashpoint
    from flashpoint.scenario.loader import resolve

    record = tmp_path / "rec"
    shutil.copytree(records._folder("iraq-2019-2021"), record)
    with open(record / "events.csv", "a", encoding="utf-8") as f:
        f.write('test:1,2020-05-05,day,kh,iraq_gov,190,indirect_fire,0,0,Baghdad,IRQ,front,claimed,,"test",'
                'https://example.org/a,B\n')
        # the foreign side's own act on that front (not an attack on it), and a faction's attack that names a party
        f.write('test:2,2020-05-06,day,usa,kh,190,,0,0,Baghdad,IRQ,front,claimed,,"test",https://example.org/a,B\n')
        f.write('test:3,2020-05-07,day,kh,usa,190,indirect_fire,0,0,Baghdad,IRQ,front,claimed,,"test",'
                'https://example.org/a,B\n')
    doc = yaml.safe_load(resolve("iraq-2020")[1])
    doc["targets"] = [{"id": "bases", "name": "bases", "kind": "base", "party": ["usa", "coalition"],
                       "share": {"value": 0.8, "unit": "share", "range": [0, 1], "source": "test"}},
                      {"id": "front", "name": "the host's front", "kind": "host_forces",
                       "share": {"value": 0.2, "unit": "share", "range": [0, 1], "source": "test"}}]
    doc["record"]["dataset"] = str(record)
    doc["record"]["target_kinds"] = {"convoy": "ied_convoy", "front": "front"}
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    rows = ob.dated_attacks(flashpoint.load_scenario(path))
    assert ((rows["date"] == pd.Timestamp("2020-05-05")) & (rows["target"] == "iraq_gov")).sum() == 1
    # and the record comparison counts it on its target, as the list does (a held-out analyst's raids on the host's
    # posts read 0 there)
    from flashpoint.events.compare import compare

    ens = flashpoint.simulate(flashpoint.load_scenario(path), runs=2, seed=0)
    front = compare(ens, "attacks_on_foreign_forces.front").series
    assert front.loc[pd.Timestamp("2020-05-01"), "observed"] == 2 and front["observed"].sum() == 2   # 1 and 3, not 2
    doc["record"]["target_kinds"] = {"convoy": "ied_convoy"}                 # the kind unmapped: not counted
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    unmapped = flashpoint.simulate(flashpoint.load_scenario(path), runs=2, seed=0)
    assert compare(ens).series["observed"].sum() == compare(unmapped).series["observed"].sum() + 1


def test_a_fit_whose_draws_run_at_the_ceiling_says_so():
    """A held-out case's fit landed where two thirds of its runs sat at the capacity ceiling; only a later forecast
    said so: the fit's own check under the posterior's draws says it."""
    import numpy as np

    import flashpoint
    from flashpoint.calibration.fit import tally_fit
    from flashpoint.calibration.problem import build

    problem = build(flashpoint.load_scenario("iraq-2020"), until="2020-03-31", replicates=2,
                    parameters=["reprisal.excitation_per_attack", "reprisal.excitation_decay_days"])
    draws = {"reprisal.excitation_per_attack": np.full(40, 0.03), "reprisal.excitation_decay_days": np.full(40, 30.0)}
    with pytest.warns(FlashpointNote, match="under the fit's draws the capacity ceiling .* cut the attack rate "
                                            "of kh in .*: the fit rests on such runs"):
        tally_fit(problem, draws, 40, 2)


def test_evaluate_says_which_scored_months_leave_out_attacks_dated_only_to_the_month(scenario):
    """docs/evaluation.md: every forecaster is scored on the attacks the list dates to the day; a held-out
    forecaster counted a month's 11 listed attacks by hand where evaluate scored 9, unsaid."""
    from flashpoint.calibration.evaluate import _note_month_dated

    every, by_day = ob.monthly_listed(scenario), ob.monthly_listed(scenario, day_only=True)
    months = every.index[every > by_day]
    assert len(months)                  # the built-in's list dates some attacks only to the month
    left = int((every - by_day)[months].sum())
    with pytest.warns(FlashpointNote, match=rf"^{left} attack\(s\) of the dated list in the scored months "
                                            rf"\({months[0]:%Y-%m}.*dated only to the month"):
        words = _note_month_dated(scenario, by_day, [months[0]],
                                  (months[-1].to_period("M") - months[0].to_period("M")).n + 1)
    assert words.startswith(f"{left} attack(s)")      # kept for evaluation.json's left_out (a verifier's)
    with warnings.catch_warnings():
        warnings.simplefilter("error")      # no such month scored: nothing said
        assert _note_month_dated(scenario, by_day, [months[0] - pd.DateOffset(months=2)], 1) is None
