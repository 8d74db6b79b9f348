"""``flashpoint calibrate``, ``posterior show``, ``forecast`` and ``run --posterior`` end to end, with tiny
populations (the numbers are not meant to be good, only the plumbing)."""
import json

import pandas as pd
import pytest

from flashpoint.calibration.posterior import load_posterior
from flashpoint.cli import main

TINY = ["--population", "40", "--generations", "2", "--until", "2020-03-11", "--seed", "5"]


@pytest.fixture(scope="module")
def posterior_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("cal") / "post.parquet"
    assert main(["calibrate", *TINY, "--out", str(out), "--format", "json"]) == 0
    return out


def test_calibrate_writes_a_posterior_with_its_provenance(posterior_file):
    post = load_posterior(posterior_file)
    meta = post.meta
    assert meta["scenario"]["name"] == "iraq-2020" and meta["data"] == "iraq-2019-2020"
    assert meta["until"] == "2020-03-11" and meta["scenario"]["simulated_to"] <= "2020-03-11"
    assert len(post.samples) == 40 and abs(post.weights.sum() - 1) < 1e-9
    assert set(post.names) == set(meta["parameters"]) and "attacks.base_rate.kh" in post.names
    for name, p in meta["parameters"].items():
        assert p["low"] <= post.samples[name].min() and post.samples[name].max() <= p["high"]
    assert [g["t"] for g in meta["generations"]] == [0, 1]
    # only counts that end by --until; each with its predictive band
    assert all(t["end"] <= "2020-03-11" for t in meta["targets"])
    assert {"q05", "q95", "covered"} <= set(meta["targets"][0]["posterior"])
    assert (posterior_file.parent / "post.abc.db").exists()


def test_the_same_seed_gives_the_same_posterior(posterior_file, tmp_path):
    again = tmp_path / "again.parquet"
    assert main(["calibrate", *TINY, "--out", str(again), "--format", "json"]) == 0
    pd.testing.assert_frame_equal(load_posterior(again).samples, load_posterior(posterior_file).samples)


def test_resume_continues_from_the_checkpoint(posterior_file, tmp_path):
    import shutil

    out = tmp_path / "post.parquet"
    shutil.copy(posterior_file.parent / "post.abc.db", tmp_path / "post.abc.db")
    assert main(["calibrate", "--resume", "--generations", "3", "--out", str(out), "--format", "json"]) == 0
    meta = load_posterior(out).meta
    assert [g["t"] for g in meta["generations"]] == [0, 1, 2]
    assert meta["until"] == "2020-03-11"        # the problem comes from the checkpoint
    assert main(["calibrate", "--resume", "--until", "2020-10-01", "--out", str(out)]) == 2


def test_posterior_show_table_json_and_plot(posterior_file, tmp_path, capsys):
    png = tmp_path / "p.png"
    assert main(["posterior", "show", str(posterior_file), "--plot", str(png)]) == 0
    out = capsys.readouterr().out
    assert "prior range" in out and "90% interval" in out and "attacks.base_rate.kh" in out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["posterior", "show", str(posterior_file), "--no-plot", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    row = next(p for p in shown["parameters"] if p["parameter"] == "decapitation.grievance_shock")
    assert row["prior_low"] == 0 and row["prior_high"] == 3.5 and row["q05"] <= row["q50"] <= row["q95"]


def test_forecast_json_shape(posterior_file, capsys):
    assert main(["forecast", "--posterior", str(posterior_file), "--from", "2020-07-01", "--to", "2020-09-30",
                 "--runs", "300", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["indicator"] == "attacks_on_foreign_forces" and out["from"] == "2020-07-01" and out["to"] == "2020-09-30"
    assert set(out["window"]) >= {"mean", "q05", "q50", "q95", "samples"} and len(out["window"]["samples"]) == 300
    assert list(out["months"]) == ["2020-07", "2020-08", "2020-09"]
    m = out["months"]["2020-08"]
    assert m["q05"] <= m["q50"] <= m["q95"]
    # months add up to the window, run by run
    assert out["window"]["mean"] == pytest.approx(sum(v["mean"] for v in out["months"].values()))


def test_forecast_evaluate_against_the_record(posterior_file, tmp_path, capsys):
    assert main(["forecast", "--posterior", str(posterior_file), "--from", "2020-07-23", "--to", "2020-10-10",
                 "--runs", "300", "--evaluate", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "CRPS" in printed and "baseline: zero" in printed and "baseline: last period" in printed
    assert "baseline: historical average" in printed and "bounds in the window" in printed
    saved = json.loads((tmp_path / "forecast.json").read_text())
    scores = {s["method"]: s for s in saved["evaluation"]["scores"]}
    assert 0 <= scores["model (posterior)"]["coverage_90"] <= 1 and scores["baseline: zero"]["crps"] > 0
    assert (tmp_path / "forecast.png").read_bytes()[:4] == b"\x89PNG"


def test_run_compare_claims_take_posterior_draws(posterior_file, capsys):
    from flashpoint.analysis.cli import posterior_overrides

    draws = posterior_overrides(posterior_file, 25, 1)
    assert all(len(v) == 25 for v in draws.values())
    assert main(["run", "--runs", "25", "--posterior", str(posterior_file), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["runs"] == 25


def test_user_errors_exit_2(posterior_file, tmp_path, capsys):
    assert main(["calibrate", "--data", "nowhere.txt", "--out", str(tmp_path / "x.parquet")]) == 2
    assert main(["calibrate", "--until", "someday", "--out", str(tmp_path / "x.parquet")]) == 2
    assert main(["calibrate", "--parameters", "spoiler.lag_days", "--out", str(tmp_path / "x.parquet")]) == 2
    assert main(["calibrate", "--out", str(tmp_path / "x.csv")]) == 2
    assert main(["calibrate", "--resume", "--out", str(tmp_path / "none.parquet")]) == 2
    assert main(["forecast", "--posterior", str(posterior_file), "--from", "2022-01-01", "--to", "2022-02-01"]) == 2
    assert main(["forecast", "--posterior", str(posterior_file), "--from", "2020-07-01", "--to", "2020-08-01",
                 "--indicator", "nothing"]) == 2
    assert main(["posterior", "show", str(tmp_path / "missing.parquet")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "not marked calibratable" in err and "outside the scenario" in err
