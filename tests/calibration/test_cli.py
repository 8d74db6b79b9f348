"""``flashpoint calibrate``, ``posterior show``, ``evaluate``, ``forecast`` end to end with tiny
populations (the numbers are not meant to be good, only the plumbing), and their errors."""
import json
import re
import warnings

import pandas as pd
import pytest

from flashpoint.calibration.posterior import load_posterior
from flashpoint.cli import main

TINY = ["--particles", "30", "--replicates", "2", "--until", "2020-01-31", "--seed", "5",
        "--parameters", "attacks.base_rate.kh,decapitation.grievance_shock"]


@pytest.fixture(scope="module")
def posterior_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("cal") / "post.parquet"
    assert main(["calibrate", *TINY, "--out", str(out), "--format", "json"]) == 0
    return out


def test_calibrate_writes_a_posterior_with_its_provenance(posterior_file):
    post = load_posterior(posterior_file)
    meta = post.meta
    assert meta["scenario"]["name"] == "iraq-2020" and len(meta["scenario"]["digest"]) == 16
    assert meta["until"] == "2020-01-31" and meta["record"] == "iraq-2019-2021"
    assert len(post.samples) == 30 and abs(post.weights.sum() - 1) < 1e-9
    assert post.model_names == ["attacks.base_rate.kh", "decapitation.grievance_shock"]
    assert any(n.startswith("observation.list.") for n in post.names)
    for name, p in meta["parameters"].items():
        assert p["low"] <= post.samples[name].min() and post.samples[name].max() <= p["high"]
    assert meta["stages"][-1]["beta"] == 1.0 and meta["stopped"].startswith("reached")
    assert all(t["end"] <= "2020-01-31" for t in meta["fit"]) and {"q05", "q95", "inside"} <= set(meta["fit"][0])
    assert set(post.overrides(5)) == set(post.model_names)


def test_the_same_seed_gives_the_same_posterior(posterior_file, tmp_path, capsys):
    again = tmp_path / "again.parquet"
    assert main(["calibrate", *TINY, "--out", str(again), "--format", "json"]) == 0
    assert "replaced" not in capsys.readouterr().err
    assert main(["calibrate", *TINY, "--out", str(again), "--format", "json"]) == 0   # over it: said (held-out)
    assert f"note: {again} held a file before; it is replaced by this posterior" in capsys.readouterr().err
    first, second = load_posterior(posterior_file), load_posterior(again)
    pd.testing.assert_frame_equal(second.samples, first.samples)
    # the metadata too, but for the timings (docs/calibration.md and --help say so: they said "the same file", and a
    # held-out tester's two files differed in bytes)

    def untimed(meta):
        return {**{k: v for k, v in meta.items() if k != "seconds"},
                "stages": [{k: v for k, v in stage.items() if k != "seconds"} for stage in meta["stages"]]}

    assert untimed(second.meta) == untimed(first.meta) and "seconds" in first.meta
    assert all("seconds" in stage for stage in first.meta["stages"])


def test_posterior_show_json_has_the_documented_keys(posterior_file, capsys):
    assert main(["posterior", "show", str(posterior_file), "--format", "json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["particles"] == 30 and data["ess"] > 1
    assert "below 200: its intervals rest on few distinct draws" in captured.err     # 30 particles
    row = data["parameters"][0]
    assert {"name", "q05", "q50", "q95", "prior", "identified"} <= set(row)
    assert row["name"] == "attacks.base_rate.kh" and row["prior"] == [0.005, 0.3]
    assert row["identified"] == ((row["q95"] - row["q05"]) <= 0.5 * (0.3 - 0.005))
    # the table's "?" (too few distinct draws to say) is in the JSON too: a held-out tester's JSON dropped it
    assert all(r["few_draws"] is True for r in data["parameters"])
    assert main(["posterior", "show", str(posterior_file)]) == 0
    out = capsys.readouterr().out       # the table does not say "yes" on 30 particles (a held-out user's table did)
    assert "identified" in out and re.search(r"│ (yes|no)\? +│", out) and not re.search(r"│ (yes|no) +│", out)
    assert "?: effective sample size" in out


def test_the_shipped_posterior_shows_without_a_note(capsys):
    from flashpoint.calibration.posterior import shipped_posterior

    assert main(["posterior", "show", str(shipped_posterior("iraq-2020")), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "note:" not in captured.err
    # the ESS cannot show a collapse (the tempering keeps it at half the particles); the distinct count can
    data = json.loads(captured.out)
    assert (data["particles"], round(data["ess"]), data["distinct"]) == (1000, 526, 978)    # as calibration.md says
    assert not any(r["few_draws"] for r in data["parameters"])            # ESS 526: 'identified' stands unqualified


def test_the_shipped_posterior_shows_by_the_name_claims_prints(capsys, tmp_path, monkeypatch):
    from flashpoint.calibration.posterior import shipped_posterior

    monkeypatch.chdir(tmp_path)
    assert main(["posterior", "show", "iraq-2020.posterior.parquet", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["file"] == str(shipped_posterior("iraq-2020"))
    # and run --posterior takes it by that name too (a held-out docs reader's failed: "no such file")
    assert main(["run", "--runs", "5", "--posterior", "iraq-2020.posterior.parquet", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["parameters"] == "posterior (iraq-2020.posterior.parquet)"
    # a held-out case's calibration held 7 of 8 tallies inside and run on its posterior missed 5: the posterior
    # reads grade-C counts as a share of the attacks, which the bands beside them are not
    err = " ".join(captured.err.split())
    assert "the posterior reads the record's 21 grade-C count(s) as holding about 87% (90%: 67%-98%)" in err
    assert "flashpoint posterior show FILE lays each tally beside what a source of its grade would report" in err
    assert main(["run", "--runs", "5", "--posterior", "nothing.posterior.parquet"]) == 2
    assert "--posterior nothing.posterior.parquet: no such posterior file" in capsys.readouterr().err


def test_run_accepts_the_posterior(posterior_file, capsys):
    assert main(["run", "--runs", "20", "--posterior", str(posterior_file), "--format", "json"]) == 0
    capsys.readouterr()
    assert main(["run", "--runs", "20", "--posterior", str(posterior_file)]) == 0     # the title says on what
    assert f"on draws of the posterior {posterior_file.name}" in " ".join(capsys.readouterr().out.split())


def test_evaluate_json_has_every_model_and_score(capsys, tmp_path):
    args = ["evaluate", "--from", "2020-04", "--to", "2020-05", "--particles", "20", "--replicates", "2",
            "--seed", "1", "--out", str(tmp_path / "ev"), "--format", "json"]
    assert main(args) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["origins"] == ["2020-04-01", "2020-05-01"] and data["horizons"] == [1, 3]
    assert "only 4 forecast(s) scored (2 origin(s) x horizons [1, 3])" in captured.err   # says it means little
    # each stage of the first fit is said (a held-out forecaster's long case sat minutes on one line, unsaid)
    assert re.search(r"stage 1: temperature [0-9.e-]+, \d+ evaluations, \d+ s", captured.err), captured.err
    assert set(data["models"]) == {"model", "zero", "last_value", "climatology", "ingarch"}
    for scores in data["models"].values():
        assert {"crps", "log_score", "coverage90", "coverage50", "coverage80", "pit"} <= set(scores)
        assert scores["n"] == 4 and abs(sum(scores["pit"]) - 1) < 1e-9
        zero = sum(f["observed"] == 0 for f in json.loads((tmp_path / "ev" / "evaluation.json").read_text())
                   ["forecasts"] if f["model"] == "model")
        assert scores["n_zero"] == zero and (scores["crps_nonzero"] is None) == (zero == 4)
        assert 0.9 <= scores["mass90"] <= 1 and 0.5 <= scores["mass50"] <= scores["mass80"] <= scores["mass90"]
    saved = json.loads((tmp_path / "ev" / "evaluation.json").read_text())
    assert len(saved["forecasts"]) == 20
    assert data["left_out"] == saved["left_out"]        # the month-dated attacks left out, on stdout too (held out)
    # the ESS that triggered a resample is said, not only the reset weights' (an audit: "400.0" hid it)
    assert all(p["ess_before_moves"] <= p["ess"] for p in saved["particles"])
    assert all(p["ess_before_moves"] < 10 for p in saved["particles"] if p["moves"])
    assert (tmp_path / "ev" / "evaluation.png").read_bytes()[:4] == b"\x89PNG"


def test_evaluate_can_know_the_schedule_as_a_labelled_diagnostic(capsys):
    """A held-out recovery study: a model that was exactly right lost to climatology because the forecasts did not
    know the schedule's pause; scored with the schedule known it beat every baseline. Both are asked for."""
    base = ["evaluate", "--from", "2020-04", "--to", "2020-04", "--horizons", "3", "--particles", "20",
            "--replicates", "2", "--seed", "1", "--format", "json"]
    assert main(base) == 0
    blind = json.loads(capsys.readouterr().out)
    assert main(base + ["--schedule", "known"]) == 0
    known = json.loads(capsys.readouterr().out)
    assert blind["schedule"].startswith("as-of-origin") and known["schedule"].startswith("known: the model knew")
    # the lockdown begun in March ends on 31 May: known, the 3-month-ahead June forecast sees it end
    assert known["models"]["model"]["by_horizon"]["3"]["crps"] != blind["models"]["model"]["by_horizon"]["3"]["crps"]
    assert known["models"]["climatology"] == blind["models"]["climatology"]          # baselines know no schedule
    assert main(base[:-2] + ["--schedule", "later"]) == 2
    assert "--schedule must be as-of-origin or known" in capsys.readouterr().err


def test_forecast_marks_a_partial_month(posterior_file, tmp_path, capsys):
    args = ["forecast", "--posterior", str(posterior_file), "--from", "2020-02-10", "--to", "2020-04-30",
            "--runs", "40", "--out", str(tmp_path / "fc"), "--format", "json"]
    assert main(args) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    first = data["months"][0]
    assert first["label"] == "2020-02" and first["days"] == 20 and first["month_days"] == 29
    assert (tmp_path / "fc" / "forecast.png").is_file()
    assert "before the end of the record" not in captured.err      # fitted to 2020-01-31: a forecast,
    assert "entries dated or ending in the window (the first: " in captured.err     # conditional on the schedule's March
    assert any("are in these runs as known events" in n for n in data["notes"])      # ... in the JSON too, and per month
    from flashpoint.calibration.forecast import forecast           # and on the chart (a held-out charts reviewer)
    fc = forecast("iraq-2020", posterior_file, "2020-02-10", "2020-04-30", runs=40)
    assert "; conditional on the schedule's " in fc.chart["subtitle"] and "known to these runs" in fc.chart["subtitle"]
    march = data["months"][1]                    # the Taji attacks of 11 and 14 March are the schedule's (held-out user)
    assert march["label"] == "2020-03" and 2 <= march["scheduled"] <= march["mean"]
    args[args.index("2020-02-10")] = "2020-01-10"
    assert main(args) == 0
    assert "before the end of the record the posterior was fitted to (2020-01-31)" in capsys.readouterr().err
    # the table has the record beside it, as the chart (a held-out forecaster read the table alone)
    assert main(args[:-2]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "the record: no sourced count of attacks_on_foreign_forces wholly in the window" in out


@pytest.mark.parametrize("args, message", [
    (["calibrate", "--format", "xml"], "--format must be table or json"),
    (["calibrate", "--out", "x.csv"], "ending in .parquet"),
    (["calibrate", "--until", "soon"], "is not a date"),
    (["calibrate", "--parameters", "nope.nothing", "--out", "{tmp}/p.parquet"], "unknown parameter"),
    (["calibrate", "--policy", "nope", "--out", "{tmp}/p.parquet"], "unknown policy"),
    (["calibrate", "--parameters", "attacks.base_rate.kh,attacks.base_rate.kh", "--out", "{tmp}/p.parquet"],
     "named twice in --parameters"),                 # (it failed after the whole fit, with an internal message)
    (["posterior", "show", "{tmp}"], "is a folder"),  # (two posteriors in it were read as one)
    (["evaluate", "--horizons", "1,1"], "names a horizon twice"),
    (["calibrate", "--scenario", "nope", "--out", "{tmp}/p.parquet"], "nope"),
    (["posterior", "show", "{tmp}/missing.parquet"], "no such posterior file"),
    (["posterior", "show", "{tmp}/bad.parquet"], "not a readable Parquet file"),
    (["evaluate", "--from", "2021-05", "--to", "2021-01"], "is after --to"),
    (["evaluate", "--from", "2019-10"], "at least two months"),
    (["evaluate", "--to", "2023-01"], "after the scenario's end"),
    # (a held-out forecaster: a traceback after the whole fit, when every forecast fell after the scenario's end)
    (["evaluate", "--from", "2021-11", "--to", "2021-11", "--horizons", "3"], "no forecast to score"),
    (["evaluate", "--horizons", "one"], "--horizons must be comma-separated whole months from 1 to 12 (e.g. 1,3), "
                                        "got 'one'"),
    (["evaluate", "--horizons", "1,,3"], "got '1,,3'"),                       # (read as 1,3)
    # one message for a horizon out of range, below as above (they said it two ways, one with a Python tuple)
    (["evaluate", "--horizons", "0"], "--horizons must be comma-separated whole months from 1 to 12 (e.g. 1,3), "
                                      "got '0'"),
    (["evaluate", "--horizons", "30"], "--horizons must be comma-separated whole months from 1 to 12 (e.g. 1,3), "
                                       "got '30'"),
    (["evaluate", "--to", "2019-11"], "--to 2019-11: no origin fits before it"),   # (said "too short a period")
    (["evaluate", "--from", "2021-12"], "after the last origin, 2021-11"),         # (named a --to not given)
    (["evaluate", "--out", "{tmp}/bad.parquet"], "is a file"),
    # evaluate takes --parameters, as the message for a file with none marked calibratable says (a held-out analyst's
    # "No such option"); they reach the fit, which names one it does not know
    (["evaluate", "--from", "2020-04", "--to", "2020-04", "--parameters", "nope.nothing"], "unknown parameter(s) nope"),
    # one no origin's data informs is refused before any fit, as calibrate refuses it (a tester's truce effect of 1996
    # fitted at origins of 1994 ran, its fit its prior)
    (["evaluate", "--from", "2020-04", "--to", "2020-05", "--parameters", "politics.swing_mean"],
     "parameters: politics.swing_mean acts only through schedule entries after 2020-04-30 (the last origin's fit end)"),
    (["forecast", "--posterior", "{tmp}/missing.parquet", "--from", "2020-01-01", "--to", "2020-02-01"],
     "no such posterior file"),
])
def test_bad_input_exits_2_with_one_line(args, message, tmp_path, capsys):
    (tmp_path / "bad.parquet").write_text("not parquet")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize("name, first, last", [("iraq-2020", "2020-04-01", "2021-11-01"),
                                               ("red-sea-2023", "2024-05-01", "2025-10-01")])
def test_evaluate_origins_default_to_the_scenarios_own_period(name, first, last):
    from flashpoint.calibration.evaluate import EvalSettings, origins_of
    from flashpoint.scenario.loader import load_scenario

    origins = origins_of(EvalSettings(scenario=name), load_scenario(name))
    assert (str(origins[0].date()), str(origins[-1].date())) == (first, last)
    assert all(o.day == 1 for o in origins) and len(set(o.to_period("M") for o in origins)) == len(origins)


def test_forecast_refuses_an_unknown_indicator_before_any_note(posterior_file):
    """A held-out tester: forecast printed its schedule note, then refused the breakdown it had been asked for."""
    import warnings

    from flashpoint.calibration.forecast import forecast
    from flashpoint.errors import FlashpointError
    from flashpoint.scenario.loader import load_scenario

    with warnings.catch_warnings(record=True) as said, pytest.raises(FlashpointError):
        warnings.simplefilter("always")
        forecast(load_scenario("iraq-2020"), posterior_file, "2020-02-10", "2020-09-30", runs=20,
                 indicator="attacks_on_foreign_forces.catapult")
    assert not said


def test_forecast_chart_is_the_shared_one_with_the_scenarios_record(posterior_file):
    from flashpoint.calibration.forecast import forecast
    from flashpoint.scenario.loader import load_scenario

    fc = forecast(load_scenario("iraq-2020"), posterior_file, "2020-02-10", "2020-09-30", runs=40)
    spec = fc.chart
    assert spec["y_label"].startswith("attacks per month") and spec["y_range"][0] == 0
    assert spec["x_range"] == ["2020-02-10", "2020-10-01"]
    # the partial first month is left out, not drawn as a drop
    assert spec["series"][0]["q50"][0] is None and spec["partial"][0]["days"] == 20
    # sourced counts overlapping the window are drawn, lower bounds as bounds, and judged when inside it
    assert spec["record"] and {r["shape"] for r in spec["record"]} >= {"lower"}
    assert spec["series"][0]["fit"] and "sourced counts" in spec["caption"]
    # a count's quantiles are counts (a held-out statistician read 14.05 attacks)
    assert all(float(v).is_integer() for v in fc.months[["q05", "q50", "q95"]].to_numpy().ravel())
    # the window's halts and decapitations are marked, as on the run's fan charts (a held-out case's were not)
    assert fc.chart["series"][0]["markers"] == []
    later = forecast(load_scenario("iraq-2020"), posterior_file, "2020-09-01", "2020-11-30", runs=40).chart
    assert [m["id"] for m in later["series"][0]["markers"]] == ["truce_2020_10_10", "qaani_order_2020_11"]


def test_evaluate_origins_in_a_short_period_and_one_too_short():
    import datetime as dt

    from flashpoint.calibration.evaluate import EvalSettings, origins_of
    from flashpoint.errors import FlashpointError
    from flashpoint.scenario.loader import load_scenario

    sc = load_scenario("red-sea-2023")              # starts 2023-10-19
    short = sc.model_copy(update={"end": dt.date(2024, 4, 30)})
    origins = origins_of(EvalSettings(scenario=sc.name), short)
    assert (str(origins[0].date()), str(origins[-1].date())) == ("2024-01-01", "2024-03-01")
    with pytest.raises(FlashpointError, match="too short"):
        origins_of(EvalSettings(scenario=sc.name), sc.model_copy(update={"end": dt.date(2024, 1, 15)}))


def test_a_posterior_on_an_edited_scenario_runs_with_a_note(tmp_path, capsys):
    """The same scenario name, another text than the posterior was fitted on: a note, not an error;
    the unedited text: no note."""
    from flashpoint.calibration.posterior import shipped_posterior
    from flashpoint.scenario.loader import resolve

    shipped = str(shipped_posterior("iraq-2020"))
    text = resolve("iraq-2020")[1]
    (tmp_path / "same.yaml").write_text(text)
    (tmp_path / "edited.yaml").write_text(text + "\n# an edit\n")
    args = ["run", "--posterior", shipped, "--runs", "10", "--format", "json", "--scenario"]
    assert main(args + [str(tmp_path / "edited.yaml")]) == 0
    err = capsys.readouterr().err
    assert err.startswith("note: ") and "another version of scenario 'iraq-2020'" in err and "Traceback" not in err
    assert main(args + [str(tmp_path / "same.yaml")]) == 0
    assert "another version" not in capsys.readouterr().err
    forecast = ["forecast", "--posterior", shipped, "--runs", "10", "--from", "2021-01", "--to", "2021-02",
                "--format", "json", "--scenario"]        # forecast said nothing (a held-out user's finding)
    assert main(forecast + [str(tmp_path / "edited.yaml")]) == 0
    captured = capsys.readouterr()
    assert "another version of scenario 'iraq-2020'" in captured.err
    # every note said on stderr is in the JSON too, once (a held-out analyst's JSON lacked the grade-C one)
    notes = json.loads(captured.out)["notes"]
    assert any("grade-C count(s) as holding about" in n for n in notes)
    assert " ".join(captured.err.split()).count("grade-C count(s) as holding about") == 1


def test_a_month_ends_a_window_on_its_last_day(posterior_file, capsys):
    args = ["forecast", "--posterior", str(posterior_file), "--from", "2020-02", "--to", "2020-03", "--runs", "20",
            "--format", "json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["from"], data["to"]) == ("2020-02-01", "2020-03-31")
    assert [m["days"] for m in data["months"]] == [29, 31]


def test_a_scenario_ending_mid_month_scores_whole_months_only_and_no_moves_is_allowed():
    """A statistical review: a scenario ending on 2021-12-10 failed at its last origin ("reaches beyond the simulated
    period"), and the baselines would have been scored on a whole month against a part; max_moves=0 divided by 0."""
    import flashpoint
    from flashpoint.calibration.evaluate import EvalSettings, evaluate
    from flashpoint.calibration.problem import truncated

    sc = truncated(flashpoint.load_scenario("iraq-2020"), "2021-12-10")
    ev = evaluate(EvalSettings(first="2021-10", last="2021-10", particles=20, replicates=2, max_moves=0), scenario=sc)
    assert {(r["horizon"], r["month"]) for r in ev.rows} == {(1, "2021-10")}      # 2021-12 is a part: not scored
    assert {r["model"] for r in ev.rows} == {"model", "zero", "last_value", "climatology", "ingarch"}


def test_a_posterior_fitted_to_another_version_of_its_record_runs_with_a_note(tmp_path):
    """A held-out forecaster edited a record's files after fitting: only the scenario file was compared, unsaid."""
    import shutil

    import yaml

    from flashpoint.calibration.posterior import load_posterior, record_digest, shipped_posterior, version_note
    from flashpoint.records import _folder
    from flashpoint.scenario.loader import resolve

    post = load_posterior(shipped_posterior("iraq-2020"))
    folder = tmp_path / "record"
    shutil.copytree(str(_folder("iraq-2019-2021")), folder)
    doc = yaml.safe_load(resolve("iraq-2020")[1])
    doc["record"]["dataset"] = str(folder)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    post.meta["scenario"]["digest"] = ""                      # the file is another text: compare the records only
    post.meta["record_digest"] = record_digest(str(path))
    assert version_note(post, str(path), "p.parquet") is None
    (folder / "counts.csv").write_text((folder / "counts.csv").read_text() + "\n")
    assert "fitted to another version of record" in version_note(post, str(path), "p.parquet")


def test_forecast_of_a_switched_off_mechanisms_indicator_says_so(posterior_file, tmp_path):
    """A held-out case forecast host_consent with M5 off: a table of 0.5 every month, with no note (run and compare
    label such a constant; claims refuses it)."""
    import warnings

    import yaml

    from flashpoint.calibration.forecast import forecast
    from flashpoint.scenario.loader import load_scenario, resolve

    doc = yaml.safe_load(resolve("iraq-2020")[1])
    doc["mechanisms"]["escalation"].update(enabled=False, reason="test")
    path = tmp_path / "no-m8.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        forecast(load_scenario(path), posterior_file, "2020-02-10", "2020-03-31", runs=20, indicator="escalation_level")
    assert any("switched off" in str(w.message) for w in said)


def test_forecast_runs_a_shipped_posterior_only_for_a_built_in_named_as_such(tmp_path, capsys):
    """A held-out tester: a copy of the built-in with another record ran forecast on the built-in's posterior (a
    note only), and another scenario declaring the built-in's name failed on an 'overrides: ...' the user never
    passed; compare and claims use a shipped posterior only for a built-in given by its name."""
    import warnings

    import yaml

    import flashpoint
    from flashpoint.calibration.forecast import forecast
    from flashpoint.errors import FlashpointError
    from flashpoint.scenario.loader import resolve

    copy = yaml.safe_load(resolve("iraq-2020")[1])
    (tmp_path / "copy.yaml").write_text(yaml.safe_dump(copy, sort_keys=False))
    other = yaml.safe_load(resolve("red-sea-2023")[1])
    other["name"] = "iraq-2020"
    (tmp_path / "other.yaml").write_text(yaml.safe_dump(other, sort_keys=False))
    args = ["forecast", "--from", "2021-01", "--to", "2021-02", "--runs", "10", "--format", "json", "--scenario"]
    for name in ("copy.yaml", "other.yaml"):
        assert main(args + [str(tmp_path / name)]) == 2
        err = capsys.readouterr().err
        assert f"scenario file '{tmp_path / name}' ships no posterior" in err and "pass --posterior FILE" in err
        assert "overrides" not in err and "Traceback" not in err
    with pytest.raises(FlashpointError, match="ships no posterior"):        # from Python: an edited Scenario too
        forecast(flashpoint.load_scenario(tmp_path / "copy.yaml").model_copy(update={"title": "edited"}), None,
                 "2021-01-01", "2021-02-28", runs=10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(args + ["iraq-2020"]) == 0                              # the built-in by its name: shipped
        assert json.loads(capsys.readouterr().out)["posterior"].endswith("iraq-2020.posterior.parquet")
    with pytest.raises(FlashpointError, match="scenario file .*copy.yaml' ships no posterior"):
        forecast(flashpoint.load_scenario(tmp_path / "copy.yaml"), None, "2021-01-01", "2021-02-28", runs=10,
                 source=str(tmp_path / "copy.yaml"))


def test_forecast_of_a_scenario_with_no_posterior_runs_at_the_hand_set_defaults_with_prior(tmp_path, capsys):
    """A held-out forecaster's own scenario, with no posterior, had no forecast at all, and forecast, unlike compare
    and claims, had no --prior."""
    import warnings

    import flashpoint
    from flashpoint.scenario.loader import resolve

    (tmp_path / "copy.yaml").write_text(resolve("iraq-2020")[1])
    args = ["forecast", "--from", "2021-01", "--to", "2021-02", "--runs", "30",
            "--scenario", str(tmp_path / "copy.yaml")]
    assert main(args) == 2 and "or --prior to forecast at the hand-set defaults" in capsys.readouterr().err
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(args + ["--prior", "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["posterior"] is None and got["parameters"] == "defaults" and list(got)[-2:] == ["parameters", "record"]
    assert any(n.startswith("at the hand-set defaults (--prior)") for n in got["notes"])
    ens = flashpoint.simulate(tmp_path / "copy.yaml", runs=30, seed=0)             # the defaults' own runs
    assert got["window"]["mean"] == pytest.approx(float(ens.total("attacks_on_foreign_forces", "2021-01-01",
                                                                     "2021-02-28").mean()))
    assert main(args + ["--prior", "--posterior", str(tmp_path / "p.parquet")]) == 2
    assert "give one" in capsys.readouterr().err
    assert main(args + ["--prior"]) == 0
    assert "runs at the hand-set defaults" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("command", [["claims", "--claim", "H1", "--samples", "0", "--no-audit"],
                                     ["compare", "--policies", "historical,restraint"]])
def test_claims_and_compare_on_a_posterior_of_few_draws_say_so(command, posterior_file, capsys):
    """A held-out tester: claims and compare read verdicts off a 30-particle posterior (ESS under 200, which calibrate
    and posterior show flag) with no note; the shipped posterior (ESS 621) gets none."""
    assert main(command + ["--posterior", str(posterior_file), "--runs", "20", "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert f"{posterior_file}: effective sample size" in err and "below 200" in err
    assert "rests on few distinct draws" in err and "Traceback" not in err
    assert main(command + ["--runs", "20", "--format", "json"]) == 0          # on the shipped posterior
    assert "effective sample size" not in capsys.readouterr().err


def test_a_forecast_on_a_posterior_of_few_draws_says_so_in_its_notes(posterior_file, capsys):
    args = ["forecast", "--posterior", str(posterior_file), "--from", "2020-03", "--to", "2020-03", "--runs", "10",
            "--format", "json"]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert any("below 200" in note for note in json.loads(captured.out)["notes"]) and "below 200" in captured.err


def test_a_fit_before_a_mode_exists_says_no_observation_informs_its_listing(tmp_path, capsys):
    """A held-out tester: calibrate --until 2020-06-30 fitted observation.list.drone (no run has a drone attack
    before the schedule brings them in, April 2021) with no note, though the model's parameters get one."""
    args = ["calibrate", "--particles", "20", "--replicates", "2", "--until", "2020-06-30", "--parameters",
            "attacks.base_rate.kh", "--out", str(tmp_path / "p.parquet"), "--format", "json"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "no observation up to 2020-06-30 informs observation.list.drone: no run of the fit had an attack" in err
    assert "observation.list.indirect_fire" not in err and "observation.list.ied_convoy" not in err
    assert "observation.list.drone" in load_posterior(tmp_path / "p.parquet").names     # still fitted (as documented)


def test_the_evaluation_verdict_says_which_baselines_the_model_does_not_beat(capsys):
    """A held-out forecaster's table gave numbers only: the finding is said under it, against the targets."""
    from flashpoint.calibration.evaluate_report import verdict

    assert main(["evaluate", "--from", "2020-04", "--to", "2020-04", "--horizons", "1", "--particles", "20",
                 "--replicates", "2", "--seed", "1"]) == 0
    assert "verdict: the model's mean CRPS " in " ".join(capsys.readouterr().out.split())

    def row(crps, cov=0.9):
        return {"crps": crps, "coverage90": cov}

    behind = verdict({"model": row(1.2, 1.0), "zero": row(0.15), "last_value": row(0.23), "ingarch": row(2.0)})
    assert behind.startswith("the model's mean CRPS 1.20 is not below 2 of the 3 baselines' (zero 0.15, "
                             "last_value 0.23)") and "held 1.00 of the observations, above 0.98" in behind
    ahead = verdict({"model": row(0.1, 0.85), "zero": row(0.15), "ingarch": row(0.2)})
    assert "below every baseline's (the best, zero, 0.15)" in ahead and "within 0.8-0.98" in ahead
    assert ahead.endswith("(the dated list's monthly counts, reached through the fitted list share: the record's "
                          "tallies of the level are checked by run --posterior, not here)")
    few = verdict({"model": {**row(0.1, 0.85), "n": 3}, "zero": row(0.15)})   # a held-out forecaster's 3 forecasts
    assert few.startswith("the model's mean CRPS 0.10 is below every baseline's (the best, zero, 0.15) over only 3 "
                          "forecast(s), a difference mostly chance;")
    quiet = verdict({"model": {**row(0.5), "n": 10, "n_zero": 6, "crps_nonzero": 1.1},
                     "zero": {**row(0.6), "crps_nonzero": 1.5}, "ingarch": {**row(0.7), "crps_nonzero": 0.9}})
    assert quiet.endswith("; 6 of the 10 forecasts were of months with no attack listed: on the other 4 the model's "
                          "mean CRPS is 1.10, the best baseline's on those months (ingarch) 0.90")


def test_an_evaluation_of_months_with_no_attack_listed_says_so():
    """A held-out case's list had no attack in any scored month: the baselines scored best and the model was called
    too narrow, with only a note on how few forecasts there were."""
    from types import SimpleNamespace

    from flashpoint.calibration.cli import _few_forecasts
    from flashpoint.errors import FlashpointNote

    ev = SimpleNamespace(rows=[{"observed": 0}] * 40, origins=list(range(20)),
                         settings=SimpleNamespace(horizons=(1, 3)), summary=lambda: {"model": {"n": 40}})
    with pytest.warns(FlashpointNote, match="the dated list holds no attack in any scored month"):
        _few_forecasts(ev)
    ev.rows[3] = {"observed": 2}
    with warnings.catch_warnings():
        warnings.simplefilter("error", FlashpointNote)
        _few_forecasts(ev)


def test_a_window_inside_the_fit_is_titled_a_replay_on_its_chart():
    """A held-out forecaster's window inside the posterior's fit was "a replay, not a forecast" in the notes and
    "forecast" on the chart's title."""
    from flashpoint.calibration.forecast import forecast

    inside = forecast("iraq-2020", None, "2020-06-01", "2020-07-31", runs=10)
    assert "replay (the posterior was fitted to 2020-12-31: not a forecast)" in inside.chart["title"]
    after = forecast("iraq-2020", None, "2021-02-01", "2021-03-31", runs=10)
    assert after.chart["title"].endswith(", forecast")


def test_calibrate_without_pyarrow_names_its_extra_before_the_fit(monkeypatch, tmp_path, capsys):
    """A held-out wargame designer's calibrate, without pyarrow, fitted for 23 s, then wrote no posterior and named
    the 'events' extra; the README lists calibrate's as '[calibrate]' (which installs pyarrow too)."""
    import sys

    import flashpoint.calibration.smc as smc
    from flashpoint.events.codes import cameo_codebook

    cameo_codebook()           # read first: pandas, imported with pyarrow there, would read it through pyarrow
    monkeypatch.setitem(sys.modules, "pyarrow", None)                     # not installed
    fitted = []
    monkeypatch.setattr(smc, "sample", lambda *args, **kwargs: fitted.append(args))
    out = tmp_path / "post.parquet"
    assert main(["calibrate", "--particles", "20", "--replicates", "2", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert ("writing the posterior needs the 'calibrate' extra (pyarrow is not installed): pip install -e "
            "'.[calibrate]'") in " ".join(err.split()), err
    assert not fitted and not out.exists()


def test_posterior_draws_outside_a_range_the_scenario_now_declares_are_refused_naming_the_posterior(tmp_path):
    """An outside tester narrowed a fitted parameter's range after calibrating: --posterior was refused as
    "overrides: ... = values from ... is outside", though no --set was given."""
    from flashpoint.calibration.posterior import posterior_overrides, shipped_posterior
    from flashpoint.errors import ScenarioError
    from flashpoint.scenario.loader import resolve

    text = resolve("iraq-2020")[1].replace("range: {kh: [0.005, 0.3], aah:", "range: {kh: [0.05, 0.1], aah:", 1)
    assert "[0.05, 0.1]" in text
    path = tmp_path / "narrow.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"iraq-2020.posterior.parquet: its draws: attacks.base_rate.kh takes "
                                            r"values from .* to .*, outside its plausible range \[0.05, 0.1\] .*: "
                                            r"the scenario's range is not the one the posterior was fitted in"):
        posterior_overrides(shipped_posterior("iraq-2020"), 200, 0, scenario=str(path))


def test_forecast_out_gets_both_files_or_neither(posterior_file, tmp_path, monkeypatch):
    """A held-out tester's Ctrl-C while the chart was drawn left forecast.json without forecast.png (or a new json
    beside an old chart); evaluate wrote the same way."""
    import flashpoint.calibration.forecast as forecast_module

    out = tmp_path / "fc"
    args = ["forecast", "--posterior", str(posterior_file), "--from", "2020-02", "--to", "2020-03", "--runs", "10",
            "--out", str(out)]

    def interrupted(fc, path):
        raise KeyboardInterrupt

    monkeypatch.setattr(forecast_module, "plot_forecast", interrupted)
    assert main(args) == 130
    assert not out.exists() or list(out.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fc"] or list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    assert main(args) == 0
    assert sorted(p.name for p in out.iterdir()) == [".flashpoint-forecast", "forecast.json", "forecast.png"]
