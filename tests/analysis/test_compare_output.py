"""The JSON of compare and the command line."""
import json

import numpy as np
import pytest

from flashpoint.cli import main


def check_shape(data, policies):
    assert data["policies"] == policies
    start, end = data["window"]
    assert start <= end and len(start) == 10
    assert "attacks_on_foreign_forces" in data["indicators"]
    for name, ind in data["indicators"].items():
        assert set(ind["per_policy"]) == set(policies), name
        for s in ind["per_policy"].values():
            assert set(s) >= {"mean", "q05", "q95"}
            assert s["q05"] <= s["q95"], name   # the mean may lie outside: open war in 1% of runs has q95 = 0
        assert set(ind["vs_first"]) == set(policies[1:]), name
        for d in ind["vs_first"].values():
            assert set(d) >= {"mean_diff", "q05", "q95", "p_positive"}
            assert d["q05"] <= d["q95"] and 0.0 <= d["p_positive"] <= 1.0


def test_json_shape_and_numbers(comparison):
    data = json.loads(json.dumps(comparison.to_dict()))
    check_shape(data, ["historical", "no-decapitation", "restraint"])
    assert data["window"] == ["2019-10-01", "2021-12-31"]
    d = comparison.difference("host_consent", "restraint")
    got = data["indicators"]["host_consent"]["vs_first"]["restraint"]
    assert got["mean_diff"] == pytest.approx(d.mean(), abs=1e-6)
    assert got["p_positive"] == pytest.approx(np.mean(d > 0))
    x = comparison.totals["attacks_on_foreign_forces"]["historical"]
    assert data["indicators"]["attacks_on_foreign_forces"]["per_policy"]["historical"]["q95"] == \
        np.quantile(x, 0.95, method="inverted_cdf")                       # a count's quantile is a count


def test_table_has_a_row_per_indicator_and_policy(comparison):
    table = comparison.table()
    assert len(table) == len(comparison.indicators) * 3
    assert table[table.policy == "historical"]["mean_diff"].isna().all()
    assert (table.set_index("indicator")["unit"].loc["foreign_strikes"] == "strike waves").all()   # units kept
    # a switched-off mechanism's constant is marked, as the terminal's table marks it (a held-out analyst's Python
    # table showed iraq's copied seats and spoiler values as ordinary rows)
    import flashpoint

    off = flashpoint.compare("red-sea-2023", ["historical", "no-strikes"], runs=5, seed=1).table().set_index("indicator")
    assert (off.loc["host_consent", "switched_off"] == "M5 consent").all()
    assert (off.loc["attacks_on_foreign_forces", "switched_off"] == "").all()


def test_cli_json(capsys):
    code = main(["compare", "--policies", "historical,no-decapitation", "--runs", "40", "--seed", "2",
                 "--window", "2020-01-01:2020-06-30", "--format", "json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    check_shape(data, ["historical", "no-decapitation"])
    assert data["window"] == ["2020-01-01", "2020-06-30"] and data["runs"] == 40
    # months, as calibrate and forecast take them (a held-out user's 2020-01:2020-06 was refused)
    assert main(["compare", "--policies", "historical", "--runs", "5", "--window", "2020-01:2020-06",
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["window"] == ["2020-01-01", "2020-06-30"]


@pytest.mark.parametrize("args, message", [
    (["--policies", "historical", "--window", "2020-01-01"], "START:END"),
    (["--policies", "historical", "--window", "2020-13-01:"], "ISO dates"),
    (["--policies", "historical,nope"], "unknown policy"),
    (["--policies", "historical", "--format", "xml"], "table or json"),
    (["--policies", "historical", "--posterior", "nowhere.parquet"], "posterior"),
    (["--policies", "historical", "--prior", "--posterior", "x.parquet"], "exclude each other"),
    (["--policies", "historical", "--indicators", "attacks_on_foreign_forces.zz"], "has no breakdown 'zz'"),
    (["--policies", "historical", "--indicators", "attacks_on_foreign_forces,"], "an empty item"),
])
def test_cli_user_errors_exit_2(capsys, args, message):
    assert main(["compare", "--runs", "5", *args]) == 2
    assert message in capsys.readouterr().err


def test_cli_compare_runs_on_posterior_draws(tmp_path, capsys):
    posterior = pytest.importorskip("flashpoint.calibration.posterior")
    pytest.importorskip("pyarrow")
    import pandas as pd

    path = tmp_path / "post.parquet"
    draws = pd.DataFrame({"spoiler.growth": [0.0, 0.0], "spoiler.attrition": [0.0, 0.0], "spoiler.volatility": [0.0, 0.0],
                          "weight": [0.5, 0.5]})
    posterior.save_posterior(path, draws, {"scenario": {"name": "iraq-2020"}})
    args = ["compare", "--policies", "historical,restraint", "--runs", "20", "--window", "2020-06-01:2021-12-31",
            "--format", "json"]
    assert main(args + ["--prior"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["parameters"] == "defaults"
    default = out["indicators"]["spoiler_activity"]["vs_first"]["restraint"]
    assert main(args + ["--posterior", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["parameters"] == "posterior (post.parquet)"
    drawn = out["indicators"]["spoiler_activity"]["vs_first"]["restraint"]
    # with no growth, attrition or volatility, ISIS activity does not depend on the policy
    assert default["mean_diff"] != 0 and drawn["mean_diff"] == 0


def test_cli_compare_defaults_to_the_shipped_posterior(capsys):
    pytest.importorskip("flashpoint.calibration.posterior")
    pytest.importorskip("pyarrow")
    args = ["compare", "--policies", "historical,restraint", "--runs", "20", "--format", "json"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["parameters"] == "posterior (iraq-2020.posterior.parquet)"


def test_indicators_of_a_mechanism_switched_off_under_every_policy_are_named(capsys):
    args = ["compare", "--scenario", "red-sea-2023", "--policies", "historical,no-strikes", "--runs", "10",
            "--format", "json"]
    assert main(args) == 0
    off = json.loads(capsys.readouterr().out)["switched_off"]
    assert off["host_consent"] == "M5 consent" and "attacks_on_foreign_forces" not in off
    assert main(["compare", "--policies", "historical,restraint", "--runs", "10", "--prior", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["switched_off"] == {}
    # off under one compared policy only: marked with the policy (a held-out designer's went unmarked)
    assert main(["compare", "--policies", "historical,restraint", "--runs", "10", "--prior", "--format", "json",
                 "--set", "consent.enabled=false"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["switched_off"]["host_consent"] == "M5 consent" and data["switched_off_under"] == {}
    import flashpoint
    from flashpoint.analysis.compare import compare

    sc = flashpoint.load_scenario("iraq-2020")
    pols = dict(sc.policies)
    pols["no-consent"] = pols["historical"].model_copy(update={"set": {"consent.enabled": False}})
    comp = compare(sc.model_copy(update={"policies": pols}), ["historical", "no-consent"], runs=5)
    assert comp.switched_off_under["host_consent"] == {"no-consent": "M5 consent"}
    assert "host_consent" not in comp.switched_off


def test_cli_compare_takes_the_indicators_it_lays_side_by_side(capsys):
    """A held-out case's claim was on one target's breakdown, which only Python's compare could show."""
    from flashpoint.console import probability

    assert main(["compare", "--policies", "historical,restraint", "--runs", "20", "--prior", "--format", "json",
                 "--indicators", "attacks_on_foreign_forces.kh,attacks_on_foreign_forces.ied_convoy"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data["indicators"]) == ["attacks_on_foreign_forces.kh", "attacks_on_foreign_forces.ied_convoy"]
    assert [probability(p) for p in (0.0, 0.004, 0.5, 0.996, 1.0)] == ["0.00", "<0.01", "0.50", ">0.99", "1.00"]


def test_the_table_says_when_a_state_is_the_same_in_every_run(capsys, monkeypatch):
    """A held-out student's patron_control 0.6 [0.6, 0.6] stood unmarked in compare's table, where run's said that
    nothing in the runs moved it (red-sea-2023's control moves only at the decapitation of August 2025); a state that
    moves is not marked."""
    monkeypatch.setenv("COLUMNS", "300")
    assert main(["compare", "--scenario", "red-sea-2023", "--prior", "--policies", "historical,no-strikes", "--runs",
                 "20", "--indicators", "patron_control,foreign_strikes", "--window", "2023-11:2024-12"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "(the same in every run: nothing moves it)" in out
    assert main(["compare", "--prior", "--policies", "historical,restraint", "--runs", "20", "--indicators",
                 "patron_control"]) == 0
    assert "nothing moves it" not in capsys.readouterr().out


def test_the_html_report_says_when_a_state_is_the_same_in_every_run(tmp_path):
    """A held-out teacher's compare.html left patron_control unmarked where the terminal's table marked it."""
    from flashpoint.analysis.compare import compare
    from flashpoint.report.html import write_compare_report

    comp = compare("red-sea-2023", ["historical", "no-strikes"], runs=20, window=("2023-11-01", "2024-12-31"),
                   indicators=["patron_control", "foreign_strikes"])
    page = write_compare_report(comp, tmp_path)["html"].read_text()
    assert page.count("(the same in every run: nothing moves it)") == 1


def test_compare_says_what_run_notes_of_each_policys_runs(capsys):
    """A held-out journalist's run noted the host's consent worn down by the invited force's strikes; compare of the
    same runs said nothing, beside a chart of that consent."""
    import flashpoint
    from flashpoint.summary import run_notes

    comp = flashpoint.compare("iraq-2020", ["historical", "massive-retaliation"], runs=30, seed=0)
    ens = flashpoint.simulate("iraq-2020", policy="massive-retaliation", runs=30, seed=0)
    assert comp.notes["massive-retaliation"] == run_notes(ens) and any(
        n.startswith("host_consent ends at") for n in comp.notes["massive-retaliation"])
    assert comp.to_dict()["notes"] == {p: comp.notes[p] for p in comp.policies}
    assert main(["compare", "--policies", "historical,massive-retaliation", "--runs", "30", "--prior"]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "note: under massive-retaliation: host_consent ends at" in err


def test_a_policy_whose_entries_all_come_after_the_window_is_said_to_differ_by_construction(capsys):
    """A held-out student's compare over 1992 printed 0 [0, 0] for two policies whose dropped entries came in 1993
    and 1996, with no note: their runs are the reference's until then."""
    assert main(["compare", "--policies", "historical,no-decapitation,restraint", "--runs", "10", "--prior",
                 "--window", "2019-10-01:2019-12-31"]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert ("note: no-decapitation differs from historical only by entries dated after the window's end "
            "(2019-12-31): decapitation_2020_01_03, ") in err and "0 by construction" in err
    assert "note: restraint differs" not in err                       # it sets values of its own
    assert main(["compare", "--policies", "historical,no-decapitation", "--runs", "10", "--prior",
                 "--window", "2019-10-01:2020-01-31"]) == 0
    assert "only by entries dated after" not in capsys.readouterr().err


def test_a_difference_within_the_totals_rounding_is_a_tie(comparison):
    """A held-out forecaster's patron_control differed by 1.4e-7 in every run (float32 steps of a decapitation's
    residue): compare printed a mean of 0 beside P(>0) 1.00 and "nothing moves it"."""
    import copy

    import numpy as np

    comp = copy.deepcopy(comparison)
    base = np.asarray(comp.totals["patron_control"]["historical"], dtype=np.float32)
    comp.totals["patron_control"]["restraint"] = np.nextafter(np.nextafter(base, np.float32(2)), np.float32(2))
    assert not np.any(comp.difference("patron_control", "restraint"))
    assert comp.to_dict()["indicators"]["patron_control"]["vs_first"]["restraint"]["p_positive"] == 0.0
    comp.totals["patron_control"]["restraint"] = base + np.float32(0.001)          # a difference of its own: kept
    assert comp.to_dict()["indicators"]["patron_control"]["vs_first"]["restraint"]["p_positive"] == 1.0


def test_claims_judge_a_rounding_difference_a_tie_as_compare_does(scenario):
    """A verifier: claims' verdicts took the raw difference, so the same rounding counted as a difference there."""
    import numpy as np

    from flashpoint.analysis.claims import paired_verdict

    claim = next(c for c in scenario.claims if c.id == "H1")
    base = np.full(20, 0.6, dtype=np.float32)
    near = np.nextafter(base, np.float32(2))
    result = paired_verdict(claim.model_copy(update={"indicator": "patron_control"}), near, base, "defaults")
    assert result.to_dict()["share_tied"] == 1.0


def test_indicators_as_one_comma_separated_text_as_policies_are():
    """A held-out researcher's indicators="a,b" was refused as one unknown indicator, where policies="a,b" ran."""
    from flashpoint import compare

    listed = compare("iraq-2020", "historical,no-decapitation", runs=10, seed=1,
                     indicators="attacks_on_foreign_forces, foreign_killed")
    assert list(listed.indicators) == ["attacks_on_foreign_forces", "foreign_killed"]
    assert listed.indicators == compare("iraq-2020", ["historical", "no-decapitation"], runs=10, seed=1,
                                        indicators=iter(["attacks_on_foreign_forces", "foreign_killed"])).indicators
