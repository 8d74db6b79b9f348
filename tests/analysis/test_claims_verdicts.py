"""Verdicts: thresholds on the probability's 95% interval; what holds in a pair of runs."""
import datetime as dt
import json
import re
import sys

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from flashpoint.analysis.audit import design_parameters
from flashpoint.analysis.claims import claims, judge, wilson_interval
from flashpoint.cli import main
from flashpoint.errors import FlashpointError
from flashpoint.scenario.loader import load_scenario
from flashpoint.scenario.schema import Claim


def test_wilson_interval_contains_the_share_and_narrows():
    lo, hi = wilson_interval(70, 100)
    assert lo < 0.7 < hi
    lo2, hi2 = wilson_interval(700, 1000)
    assert hi2 - lo2 < hi - lo
    assert wilson_interval(0, 50)[0] == 0.0 and wilson_interval(50, 50)[1] == 1.0


@pytest.mark.parametrize("k, n, verdict", [
    (900, 1000, "supported"),       # interval ~[0.88, 0.92], above 0.66
    (100, 1000, "not supported"),   # interval ~[0.08, 0.12], below 0.33
    (500, 1000, "undecided"),       # about as likely as not
    (670, 1000, "undecided"),       # point above 0.66, interval straddles it
    (320, 1000, "undecided"),       # point below 0.33, interval straddles it
    (700, 1000, "supported"),       # interval ~[0.671, 0.727]
    (300, 1000, "not supported"),
    (7, 10, "undecided"),           # too few runs to tell
])
def test_verdict_thresholds(k, n, verdict):
    got, (lo, hi), reason = judge(k, n, 0.66, 0.33)
    assert got == verdict, reason
    assert lo <= k / n <= hi


def test_thresholds_are_the_claims_own():
    assert judge(600, 1000, 0.55, 0.2)[0] == "supported"
    assert judge(600, 1000, 0.66, 0.33)[0] == "undecided"
    with pytest.raises(FlashpointError):
        judge(5, 10, 0.3, 0.5)


def test_claim_rejects_inverted_thresholds():
    base = dict(id="X", statement="s", indicator="host_consent", policy="historical", baseline="restraint",
                window=("2020-01-01", "2020-12-31"), direction="lower")
    assert Claim(**base).supported_at == 0.66
    with pytest.raises(ValidationError):
        Claim(**base, supported_at=0.4, not_supported_at=0.5)
    # a 95% interval never lies wholly at 1 or 0: a threshold there could never be reached (a statistical review)
    for given in ({"supported_at": 1.0}, {"not_supported_at": 0.0}):
        with pytest.raises(ValidationError):
            Claim(**base, **given)
    with pytest.raises(FlashpointError, match="could never be reached"):
        judge(2000, 2000, 1.0, 0.5)


def test_a_claim_of_no_reduction_needs_a_margin():
    base = dict(id="X", statement="s", indicator="attacks_on_foreign_forces", policy="historical",
                baseline="restraint", window=("2020-01-01", "2020-12-31"))
    with pytest.raises(ValidationError, match="needs a margin above 0"):
        Claim(**base, direction="not_lower")
    with pytest.raises(ValidationError):
        Claim(**base, direction="not_higher", margin=-1)
    with pytest.raises(ValidationError):
        Claim(**base, direction="not_higher", margin=True)
    assert Claim(**base, direction="not_lower", margin=3).comparison == (
        "historical not lower than restraint by more than 3")
    assert Claim(**base, direction="higher").comparison == "historical higher than restraint"


@pytest.mark.parametrize("direction, held, failed", [
    ("higher", [False, False, False, True], 3),       # higher by more than 2: only +6
    ("lower", [False, False, True, False], 3),        # lower by more than 2: only -5
    ("not_lower", [True, True, False, True], 1),      # not lower by more than 2: the margin itself holds
    ("not_higher", [True, True, True, False], 1),
])
def test_the_margin_decides_which_pairs_hold(direction, held, failed):
    from flashpoint.analysis.claims import paired_verdict

    c = Claim(id="X", statement="s", indicator="attacks_on_foreign_forces", policy="historical",
              baseline="restraint", window=("2020-01-01", "2020-12-31"), direction=direction, margin=2)
    policy, baseline = np.array([10, 8, 5, 10]), np.array([10, 10, 10, 4])     # differences 0, -2, -5, +6
    np.testing.assert_array_equal(c.holds(policy - baseline), held)
    r = paired_verdict(c, policy, baseline, "defaults")
    assert r.held == sum(held) and r.probability == sum(held) / 4
    data = r.to_dict()
    assert data["share_failed"] == (failed - (direction in ("higher", "lower"))) / 4   # the tie fails no claim
    assert data["margin"] == 2 and data["comparison"].startswith("historical ")
    assert data["paired_correlation"] == pytest.approx(np.corrcoef(policy, baseline)[0, 1], abs=1e-4)
    np.testing.assert_allclose(c.difference(c.signed(policy - baseline)), policy - baseline)


def test_probability_and_verdict_follow_the_paired_runs(claims_report):
    for r in claims_report:
        c = r.claim
        held = np.sum(r.difference > 0) if c.direction == "higher" else np.sum(r.difference < 0)
        assert r.held == held and r.probability == pytest.approx(held / r.runs)
        assert r.verdict == judge(r.held, r.runs, c.supported_at, c.not_supported_at)[0]
        np.testing.assert_array_equal(r.difference, r.policy_total - r.baseline_total)


def _tied(scenario, **update):
    """A claim every pair of which ties: its window (Oct-Dec 2019) ends before the decapitation that alone tells
    no-decapitation from historical (a claim comparing a policy with itself is refused, from Python as from a
    file)."""
    return scenario.claims[0].model_copy(update={"id": "SAME", "parameters": [], **update,
                                                 "window": (dt.date(2019, 10, 1), dt.date(2019, 12, 31))})


def test_ties_do_not_hold(scenario, small_audit):
    # a claim whose policies cannot differ in its window never holds: every paired difference is exactly zero
    same = _tied(scenario)
    sc = scenario.model_copy(update={"claims": [same]})
    report = claims(sc, runs=30, seed=0, samples=0, audit=False)
    assert report["SAME"].probability == 0.0 and report["SAME"].verdict == "not supported"
    assert report.keys() == ["SAME"] and report.items() == [("SAME", report["SAME"])]    # read as a dict
    assert "SAME" in report and "H9" not in report and len(report) == 1
    with pytest.raises(KeyError, match="'H9': no such claim in this report; its claims: SAME"):
        report["H9"]
    assert "both policies give the same total in every pair" in report["SAME"].reason
    assert "the window may end before the policies differ" in report["SAME"].reason
    # a state's measure is its mean over the window (a held-out researcher read "total" of host consent)
    state = same.model_copy(update={"id": "STATE", "indicator": "host_consent", "margin": 0.0})
    report_state = claims(scenario.model_copy(update={"claims": [state]}), runs=10, seed=0, samples=0, audit=False)
    assert "both policies give the same mean over the window in every pair" in report_state["STATE"].reason
    data = report["SAME"].to_dict()
    assert data["share_tied"] == 1.0 and data["share_failed"] == 0.0
    audited = claims(sc, runs=30, seed=0, samples=0, trajectories=1, replicates=4)["SAME"]
    assert audited.structural and audited.verdict == "decided by the model's structure"
    assert audited.audit.sign_range == (0.0, 0.0)


def test_a_no_reduction_claim_holds_in_a_tie_and_a_model_that_cannot_reduce_decides_it(scenario, small_audit):
    # "historical did not lower the attacks below no-decapitation" before the decapitation holds in every pair,
    # and no parameter can make it
    # fail: supported by the runs, decided by the structure (not by the schedule alone: no difference is no lean)
    same = _tied(scenario, direction="not_lower", margin=1.0, indicator="attacks_on_foreign_forces")
    sc = scenario.model_copy(update={"claims": [same]})
    r = claims(sc, runs=30, seed=0, samples=0, audit=False)["SAME"]
    assert r.probability == 1.0 and r.verdict == "supported" and r.to_dict()["share_failed"] == 0.0
    audited = claims(sc, runs=30, seed=0, samples=0, trajectories=1, replicates=4)["SAME"]
    assert audited.structural and audited.audit.sign_range == (0.0, 0.0)
    assert "no point of the design shows the equations making it go the other way" in audited.audit.reason
    assert "switched off the claim still holds" not in audited.audit.reason


def test_claims_say_which_overrides_a_policy_keeps_its_own_value_over(scenario):
    """As `flashpoint claims --set` says it; from Python the policy's value used to be kept without a word."""
    from flashpoint.errors import FlashpointNote

    with pytest.warns(FlashpointNote, match=r"policy 'restraint' sets consent.engagement itself: its own value is "
                                            r"kept over --set / overrides"):
        claims(scenario, runs=4, seed=0, samples=0, ids=["H5"], audit=False, overrides={"consent.engagement": 0.0})


def test_the_table_says_under_what_and_how_the_audit_split(claims_report):
    t = claims_report.table()
    assert {"margin", "parameters", "audit_points_supporting", "audit_points_contradicting"} <= set(t.columns)
    assert (t["parameters"] == "defaults").all() and t["audit_points_supporting"].isna().all()   # audit=False
    # what claims.csv left out (a statistical review): the audit's verdict, the other set's, the record beside it
    assert {"structural", "held_at_these_values", "other_parameters", "record_inside", "record_counts"} <= set(t.columns)
    seen = t.dropna(subset=["record_counts"])                   # a claim of no indicator the record counts: none
    assert len(seen) and (seen["record_inside"] <= seen["record_counts"]).all()
    assert "under defaults" in claims_report._repr_html_()
    assert (t["caveat"] == "structure not audited").all() and claims_report["H3"].caveat == "structure not audited"
    # the words on tied pairs the JSON, the table and the page show, in claims.csv too (a verifier found it lacking)
    assert list(t["ties"]) == [c["under"][c["parameters"]]["ties"] for c in claims_report.to_dict()["claims"]]
    assert repr(claims_report["H3"]).endswith("under defaults (not audited: the verdict may restate how the model is "
                                              "built)>")       # a held-out case read "supported" alone
    # and a verdict the audit leaves to the parameters says so in Python too (a held-out analyst's "supported, P =
    # 1.000" over an audit whose points split 32 % for and 45 % against)
    from dataclasses import replace
    from types import SimpleNamespace

    audit = SimpleNamespace(structural=False, to_dict=lambda: {"sign_range": [-1.0, 1.0]})   # both signs found
    decided = replace(claims_report["H3"], verdict="supported", audit=audit)
    assert decided.caveat == "at these values only"
    assert repr(decided).endswith("(at these values only: the audit finds the parameters' values decide it)>")
    # ... and one result's to_dict() carries what the report's JSON does (a held-out political scientist's read a
    # plain "not supported" where the command line said "(at these values only)")
    alone = decided.to_dict()
    assert alone["held_at_these_values"] and alone["under"]["defaults"]["caveat"] == "at these values only"
    assert claims_report.to_dict()["claims"][0] == claims_report["H3"].to_dict()


def test_json_shape(claims_report):
    data = json.loads(json.dumps(claims_report.to_dict()))
    assert [c["id"] for c in data["claims"]] == ["H3", "H5"]
    for c in data["claims"]:
        assert set(c) >= {"id", "statement", "probability", "verdict", "robustness", "deciding_parameters",
                          "thresholds", "probability_interval"}
        assert c["verdict"] in ("supported", "not supported", "undecided")
        assert 0 <= c["probability"] <= 1 and 0 <= c["robustness"] <= 1
        assert c["thresholds"]["supported_at"] == 0.66 and c["thresholds"]["not_supported_at"] == 0.33
        for name, index in c["deciding_parameters"]:
            assert isinstance(name, str) and name in data["sampled_parameters"] and 0 < index <= 1
        indices = [v for _, v in c["deciding_parameters"]]
        assert indices == sorted(indices, reverse=True)
        # the words the page shows beside each verdict come with it (the page's script had its own rule)
        assert [v["caveat"] for v in c["under"].values()] == ["structure not audited"]   # audit=False


def test_cli_claims_json_without_sensitivity(capsys, small_audit):
    """The audit's size options reach it."""
    assert main(["claims", "--runs", "40", "--samples", "0", "--claim", "H5", "--format", "json",
                 "--trajectories", "1", "--replicates", "2", "--prior"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in data["claims"]] == ["H5"]
    assert data["claims"][0]["robustness"] is None and data["claims"][0]["deciding_parameters"] == []
    audit = data["claims"][0]["audit"]
    sc = load_scenario("iraq-2020")
    one_trajectory = len(design_parameters(sc, [c for c in sc.claims if c.id == "H5"])) + 1
    assert (audit["points"], audit["replicates"]) == (one_trajectory, 2), audit
    # a held-out scenario author's small audit called a claim structural that the default one left open, unsaid
    assert "1 trajectory x 2 replicates, below its defaults (4 x 20)" in data["audit_note"]


def test_a_verdict_the_parameters_decide_says_so_beside_the_table(capsys, small_audit, tmp_path):
    """A held-out case's table read "supported, P = 1.000" while the audit beside it gave a sign range of -162 to
    +52: the verdict holds at the parameter values it was run at, which the table did not say."""
    assert main(["claims", "--runs", "40", "--samples", "0", "--claim", "H1", "--trajectories", "1",
                 "--replicates", "2", "--prior", "--out", str(tmp_path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "note: H1's verdict holds at these parameter values, not over their declared ranges: the expected " \
           "difference changes sign over the declared ranges" in out
    assert "(at these values only)" in out         # in the verdict's own cell too (a held-out case read past the note)
    # and the HTML report says it too, with the audit of every claim (a held-out reviewer found it only in the
    # terminal: the report showed a green "supported")
    page = (tmp_path / "claims.html").read_text(encoding="utf-8")
    assert "Structure audit: the expected difference runs from " in page
    assert "This verdict holds at these parameter values, not over their declared ranges" in page


def test_an_audit_at_its_default_size_or_larger_carries_no_size_note():
    from flashpoint.analysis.claims import small_audit_note

    assert small_audit_note(4, 20) is None and small_audit_note(8, 40) is None
    assert "3 trajectories x 20 replicates" in small_audit_note(3, 20)


def test_the_tables_name_the_set_values_that_hold_under_the_defaults(capsys):
    """A held-out scenario author's claims --set results were headed "under defaults", read as the hand-set values."""
    args = ["--prior", "--runs", "20", "--set", "consent.casualty_cost=0.02"]
    assert main(["claims", "--claim", "H4", "--samples", "0", "--no-audit", *args]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "under defaults with --set consent.casualty_cost" in out
    assert "(structure not audited)" in out          # in the verdict's cell, as the page and the chart say it
    assert main(["compare", "--policies", "historical,precise-retaliation", *args]) == 0
    assert "paired runs under defaults with --set consent.casualty_cost" in " ".join(capsys.readouterr().out.split())


def test_a_claim_parameter_the_sample_does_not_vary_is_named(capsys):
    """A held-out designer's claim parameter fixed by --set was left out of the robustness fit unsaid, and the JSON
    named none of the claim's own parameters."""
    args = ["claims", "--claim", "H1", "--set", "kh.zeal=0.5", "--runs", "20", "--samples", "80", "--no-audit",
            "--prior"]
    assert main(args + ["--format", "json"]) == 0
    (c,) = json.loads(capsys.readouterr().out)["claims"]
    assert "kh.zeal" in c["claim_parameters"] and c["not_varied"] == ["kh.zeal"]
    assert main(args) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "note: H1 names kh.zeal among its parameters, which its sample does not vary" in out
    # an empty list of deciding parameters is explained (a held-out case's "-" in every row at --samples 80)
    assert ("note: H1: no deciding parameter: none's first-order index is clear of its own estimation noise"
            in out) == (c["deciding_parameters"] == []), (c["deciding_parameters"], out)


def test_claims_json_names_the_set_values_each_policy_keeps_its_own_of(capsys):
    """A held-out designer's --set that both of H3's policies set themselves read as applied in the JSON (the note
    went to stderr only), where compare's JSON says what each policy kept."""
    assert main(["claims", "--claim", "H3", "--samples", "0", "--no-audit", "--prior", "--runs", "10",
                 "--set", "response.strike_prob_after_lethal=0.5", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kept_by_policy"] == {"restraint": ["response.strike_prob_after_lethal"],
                                      "tit-for-tat": ["response.strike_prob_after_lethal"]}


@pytest.mark.parametrize("args, message", [
    (["--claim", "H9"], "unknown claim"),
    (["--samples", "8"], "samples"),
    (["--posterior", "nowhere.nc"], "posterior"),
    (["--prior", "--posterior", "x.parquet"], "exclude each other"),
    # a held-out field audit: the audit's options were accepted with --no-audit and ignored
    (["--no-audit", "--trajectories", "9", "--replicates", "7"],
     "--trajectories and --replicates size the structure audit, which --no-audit skips"),
    (["--no-audit", "--replicates", "7"], "--replicates sizes the structure audit"),
])
def test_cli_claims_user_errors(capsys, args, message):
    assert main(["claims", "--runs", "5", *args]) == 2
    assert message in capsys.readouterr().err


def test_cli_claims_under_the_posterior_and_the_defaults_side_by_side(capsys):
    pytest.importorskip("flashpoint.calibration.posterior")
    pytest.importorskip("pyarrow")
    args = ["claims", "--runs", "40", "--samples", "0", "--no-audit", "--claim", "H5", "--format", "json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    posterior = "posterior (iraq-2020.posterior.parquet)"
    assert data["parameters"] == posterior and data["parameter_sets"] == [posterior, "defaults"]
    assert data["audited"] is False and data["note"].startswith("the structure audit did not run")
    h5 = data["claims"][0]
    assert h5["parameters"] == posterior and set(h5["under"]) == {posterior, "defaults"}
    assert h5["under"][posterior]["probability"] == h5["probability"]
    assert h5["under"][posterior]["verdict"] == h5["verdict"]
    # the same seed and runs at the hand-set defaults give what --prior gives
    assert main([*args, "--prior"]) == 0
    prior = json.loads(capsys.readouterr().out)
    assert prior["parameter_sets"] == ["defaults"] and set(prior["claims"][0]["under"]) == {"defaults"}
    assert prior["claims"][0]["probability"] == h5["under"]["defaults"]["probability"]
    # a held-out recovery study: intervals under posteriors of two records of one world missed the true P
    assert "interval is the Monte Carlo error of that average only" in data["interval_note"]
    assert "interval_note" not in prior


def test_cli_claims_table_has_a_column_per_parameter_set(capsys):
    pytest.importorskip("pyarrow")
    assert main(["claims", "--runs", "20", "--samples", "0", "--no-audit", "--claim", "H5"]) == 0
    out = capsys.readouterr().out
    assert "under posterior" in out and "under defaults" in out
    # a held-out user read "supported" for a claim the audit calls structural: without it, the table says so
    assert "note: the structure audit did not run (--no-audit): a verdict may restate" in " ".join(out.split())
    assert "not how far another record of the same world would move the posterior" in " ".join(out.split())


def test_cli_claims_table_marks_the_deciding_parameters_the_posterior_does_not_fit(capsys):
    """H5's verdict under the posterior rests on hand-set parameters; the JSON and the HTML said so, the table not."""
    pytest.importorskip("pyarrow")
    assert main(["claims", "--runs", "20", "--samples", "400", "--no-audit", "--claim", "H5"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"spoiler\.\w+ \d\.\d\d \*", out), out      # ISIS's own parameters: hand-set
    assert "note: * a deciding parameter the posterior does not fit: a hand-set value" in " ".join(out.split())


def test_a_claim_no_pair_of_which_differs_says_so(capsys, tmp_path):
    """A held-out wargame designer's --set consent.enabled=false turned H4 into 'not supported' with every pair
    tied, and nothing said that the policy could not act on the indicator in those runs (that --set is now refused;
    a policy that changes nothing the claim's window sees ties the same way)."""
    from flashpoint.scenario.loader import resolve

    text = resolve("iraq-2020")[1].replace("policies:\n", "policies:\n  twin:\n    description: As historical.\n", 1)
    text = text.replace("baseline: precise-retaliation", "baseline: twin", 1)
    (tmp_path / "twin.yaml").write_text(text, encoding="utf-8")
    args = ["claims", "--scenario", str(tmp_path / "twin.yaml"), "--claim", "H4", "--runs", "30", "--samples", "0",
            "--no-audit"]
    assert main([*args, "--format", "json"]) == 0
    c = json.loads(capsys.readouterr().out)["claims"][0]
    assert c["share_tied"] == 1 and c["under"]["defaults"]["share_tied"] == 1
    assert "both policies give the same mean over the window in every pair" in c["reason"]     # a state's
    assert "the model may have no pathway from what the policies change to it" in c["reason"]   # not only a
    assert main(args) == 0                      # switched-off mechanism (a held-out case's patron's war on the foe)
    assert "H4 (so the claim cannot hold): both policies give the same total in every pair" in " ".join(
        capsys.readouterr().out.split())


def test_too_few_sensitivity_points_are_refused_not_written_as_indices():
    """A held-out user's --samples 16 wrote S1 = 1.0, S1_conf = 0 for all 56 parameter-claim rows: at 16 points
    every frequency is a summed harmonic, so every parameter (and the dummy) gets the whole variance."""
    from flashpoint.analysis.sensitivity import MIN_SAMPLES

    with pytest.raises(FlashpointError, match=rf"an integer >= {MIN_SAMPLES} \(fewer points give the same index"):
        claims("iraq-2020", ids="H5", runs=20, samples=16, audit=False)


def test_audit_sizes_without_the_audit_are_refused_in_python_too():
    with pytest.raises(FlashpointError, match="trajectories size the structure audit, which audit=False skips"):
        claims("iraq-2020", ids=["H1"], runs=10, samples=0, audit=False, trajectories=2)


@pytest.mark.parametrize("given, what", [({}, "the structure audit"),
                                         ({"samples": 384, "audit": False}, "the sensitivity analysis")])
def test_claims_without_salib_name_the_extra_before_any_run(monkeypatch, capsys, given, what):
    """A held-out wargame designer's ``claims(audit=True)``, in an install without the analysis extra, ran every
    ensemble, then failed with a bare ModuleNotFoundError; the command line named the extra, also after the runs."""
    import flashpoint.analysis.claims as module

    monkeypatch.setitem(sys.modules, "SALib", None)                       # not installed
    ran = []
    monkeypatch.setattr(module, "_verdicts", lambda *args, **kwargs: ran.append(args))
    words = (f"{what} needs the 'analysis' extra (SALib is not installed): pip install -e '.[analysis]' in the "
             "project folder, or `make test` for every extra")
    with pytest.raises(FlashpointError) as python:
        claims("iraq-2020", ids=["H1"], runs=10, **{"samples": 0, **given})
    assert str(python.value) == words and not ran
    cli = ["--no-audit", "--samples", "384"] if given else ["--samples", "0"]
    assert main(["claims", "--claim", "H1", "--runs", "10", "--prior", *cli]) == 2
    assert capsys.readouterr().err.strip().endswith(words) and not ran


@pytest.mark.parametrize("given, message", [
    ({"trajectories": 0}, "trajectories must be an integer >= 1"), ({"replicates": 0}, "replicates must be an integer >= 2"),
    ({"trajectories": -2}, "trajectories must be"), ({"replicates": 1}, "replicates must be"),
    ({"replicates": 2.5}, "replicates must be"), ({"trajectories": True}, "trajectories must be")])
def test_audit_sizes_out_of_range_are_refused_naming_them(given, message):
    """A held-out Python user: trajectories=0 and replicates=0 ran the default audit (496 points x 20 replicates),
    and trajectories=-2 was refused as 'runs must be a positive integer'."""
    with pytest.raises(FlashpointError, match=message):
        claims("iraq-2020", ids=["H1"], runs=10, samples=0, **given)


def test_a_claim_says_how_its_historical_runs_fit_the_record_in_its_window():
    """A held-out case writer's claim was 'supported' while its historical runs gave a third of the record's
    attacks in the claim's window, and nothing said so: the report lays the record's counts there beside them."""
    import flashpoint

    report = claims("iraq-2020", ids=["H1"], runs=100, seed=4, samples=0, audit=False)
    result = report["H1"]
    c = result.claim
    assert "historical" in (c.policy, c.baseline)
    ens = flashpoint.simulate("iraq-2020", runs=100, seed=4)
    first, last = pd.Timestamp(c.window[0]), pd.Timestamp(c.window[1])
    expected = [f for f in (*ens.fit(), *ens.series_fit()) if f.indicator.split(".")[0] == c.indicator   # half or
                and 2 * ((min(f.end, last) - max(f.start, first)).days + 1) >= (f.end - f.start).days + 1]  # more in it
    note = result.to_dict()["record_in_window"]
    assert expected and note["counts"] == len(expected) and note["inside"] == sum(f.inside for f in expected)
    assert [(m["start"], m["count"]) for m in note["missed"]] == \
        [(str(f.start.date()), f.count) for f in expected if not f.inside]
    assert note["parameters"] == "defaults"
    assert note["inside_by_schedule"] == sum(f.inside and f.by_schedule for f in expected)
    h6 = claims("iraq-2020", ids=["H6"], runs=20, seed=4, samples=0, audit=False)["H6"].to_dict()["record_in_window"]
    # the troop numbers the schedule sets are inside by construction, and said so (a statistical review)
    assert h6["inside_by_schedule"] == h6["inside"] == 2 and "2 of them by construction" in h6["text"]
    none = claims("iraq-2020", ids=["H4"], runs=20, seed=4, samples=0, audit=False)["H4"].to_dict()
    assert none["record_in_window"]["counts"] == 0           # said as nothing there, not left out unsaid


def test_a_reasons_shares_of_pairs_that_hold_fail_and_tie_add_up():
    """A held-out tester read 'holds in 33 %, fails in 67 %; in 16 % both give the same total': the ties were in
    both the failures and the ties."""
    import flashpoint
    from flashpoint.analysis.claims import paired_verdict

    claim = next(c for c in flashpoint.load_scenario("iraq-2020").claims if c.direction in ("higher", "lower"))
    base = np.zeros(100)
    sign = 1 if claim.direction == "higher" else -1
    other = base + sign * np.r_[np.ones(33), -np.ones(51), np.zeros(16)] * (abs(claim.margin) + 1)
    result = paired_verdict(claim, other, base, "defaults")
    assert "holds in 33% of pairs, fails in 51%; in 16% both policies give the same total)" in result.reason
    assert result.to_dict()["share_failed"] == 0.51
    # a not_lower claim holds at a tie: the ties are said to be among the pairs it holds in (they read as 116 %)
    loose = claim.model_copy(update={"direction": "not_lower" if claim.direction == "higher" else "not_higher",
                                     "margin": max(claim.margin, 1.0)})
    other = base + sign * np.r_[np.ones(33), -5 * np.ones(51), np.zeros(16)] * (abs(loose.margin) + 1)
    result = paired_verdict(loose, other, base, "defaults")
    assert "holds in 49% of pairs, fails in 51%; in 16% both policies give the same total, counted among" in \
        result.reason


def test_runs_sharing_a_posterior_draw_widen_the_interval_to_what_they_are_worth():
    """A statistical review: under the shipped posterior each particle's P is near 0 or 1, and 2,000 runs drew
    about 660 particles, so the binomial interval was about 1.8 times too narrow. Runs that share a draw count as
    the independent runs they are worth."""
    from flashpoint.analysis.claims import draws_of, effective_runs

    holds = np.repeat(np.r_[np.ones(7), np.zeros(3)], 100).astype(bool)     # 10 draws, each all or nothing
    draws = np.repeat(np.arange(10), 100)
    assert effective_runs(holds, draws) == pytest.approx(10.0)
    assert effective_runs(holds, np.arange(1000)) == pytest.approx(1000.0) == effective_runs(holds, None)
    verdict, (lo, hi), reason = judge(700, 1000, 0.66, 0.33, effective_runs(holds, draws))
    assert verdict == "undecided" and hi - lo > 0.4 and "worth 10 independent ones" in reason
    assert judge(700, 1000, 0.66, 0.33)[0] == "supported"             # as 1,000 independent runs it would be
    # every run holding says nothing of how alike a draw's runs are: the worst case, a draw's runs as one (a
    # held-out review's P = 1.000 had the binomial interval of all 2,000 runs beside another claim's "worth 502")
    uneven = np.r_[np.repeat(np.arange(10), 100), np.arange(10, 1010)]           # 10 draws of 100, 1,000 of 1
    assert effective_runs(np.ones(2000, bool), uneven) == pytest.approx(2000 ** 2 / (10 * 100 ** 2 + 1000))
    assert effective_runs(np.ones(1000, bool), np.arange(1000)) == pytest.approx(1000.0)
    verdict, (lo, hi), reason = judge(2000, 2000, 0.66, 0.33, effective_runs(np.ones(2000, bool), uneven))
    assert verdict == "supported" and lo < wilson_interval(2000, 2000)[0] and "worth 40 independent ones" in reason
    per_run = {"a.b": np.repeat([0.1, 0.2, 0.3], 4), "c.d": np.repeat([1.0, 1.0, 2.0], 4), "e.f": 3.0}
    assert draws_of(per_run, 12).tolist() == [0] * 4 + [1] * 4 + [2] * 4 and draws_of({"e.f": 3.0}, 12) is None


def test_without_the_calibrate_extra_the_defaults_runs_say_the_posterior_was_not_read(monkeypatch, capsys):
    """A core install (make demo) has no pyarrow: compare and claims ran at the defaults, unsaid."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    assert main(["compare", "--policies", "historical,restraint", "--runs", "20", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "iraq-2020 ships a calibration posterior, but reading it needs the calibrate extra" in captured.err
    assert json.loads(captured.out)["parameters"] == "defaults"


def test_the_tie_note_says_a_tie_holds_a_not_higher_claim(tmp_path, capsys):
    """A held-out author's not_higher claim, tied in every pair, came out supported under a note saying it could not
    hold: a tie holds not_lower and not_higher claims and fails higher and lower ones."""
    import yaml

    from flashpoint.scenario.loader import resolve

    doc = yaml.safe_load(resolve("iraq-2020")[1])
    h1 = {k: v for k, v in doc["claims"][0].items() if k != "parameters"}
    doc["claims"] = [{**h1, "id": "T1", "window": ["2019-10-01", "2019-12-31"], "direction": "not_higher",
                      "margin": 1},
                     {**h1, "id": "T2", "window": ["2019-10-01", "2019-12-31"]}]    # before the decapitation
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    assert main(["claims", "--scenario", str(path), "--prior", "--runs", "20", "--samples", "0", "--no-audit"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "T1 (so the claim holds in every pair" in out and "T2 (so the claim cannot hold)" in out


def test_claims_from_python_with_overrides_are_not_labelled_defaults():
    """A held-out Python user passed posterior draws without label=: the report said "defaults" (compare said
    "defaults with overrides"); the docs' example now names them."""
    import numpy as np

    import flashpoint

    draws = {"attacks.base_rate.kh": np.linspace(0.03, 0.09, 20)}
    r = flashpoint.claims("iraq-2020", ids="H1", runs=20, samples=0, audit=False, overrides=draws)
    assert r.label == "defaults with overrides" and r.to_dict()["parameters"] == "defaults with overrides"
    assert flashpoint.claims("iraq-2020", ids="H1", runs=20, samples=0, audit=False).label == "defaults"


def test_a_claim_on_the_output_of_a_mechanism_set_off_in_both_arms_is_refused(capsys):
    """The file's switch is refused at load; --set's was answered "not supported (no pair differs)" (held-out)."""
    import pytest

    from flashpoint.analysis.claims import claims
    from flashpoint.cli import main
    from flashpoint.errors import FlashpointError

    with pytest.raises(FlashpointError, match=r"claim H4: indicator 'host_consent' is the output of consent"):
        claims("iraq-2020", ids=["H4"], runs=4, samples=0, audit=False, overrides={"consent.enabled": "false"})
    assert main(["claims", "--claim", "H4", "--runs", "4", "--samples", "0", "--no-audit", "--prior",
                 "--set", "consent.enabled=false"]) == 2
    assert "decided by the switch" in capsys.readouterr().err
    # a claim on another indicator runs with it off
    assert claims("iraq-2020", ids=["H1"], runs=4, samples=0, audit=False, overrides={"consent.enabled": False})


def test_a_miss_the_schedule_makes_is_said_to_be_by_construction():
    """A held-out case's own withdrawal dates set every run's troops below a record value; the claims note listed it
    among the misses as if the runs had missed it."""
    from flashpoint.analysis.claims import record_line

    miss = {"indicator": "coalition_presence.sov", "start": "1988-05-15", "end": "1988-05-15", "count": "~100300",
            "q05": 75800.0, "q95": 75800.0, "series": "troops.sov", "by_schedule": True}
    note = {"policy": "historical", "parameters": "defaults", "indicator": "coalition_presence", "counts": 2,
            "inside": 1, "inside_by_schedule": 1, "missed": [miss]}
    assert "troops.sov 1988-05-15..1988-05-15 ~100300 (runs 75,800-75,800, by construction: the schedule sets " \
           "it)" in record_line(note)
    assert "by construction" not in record_line({**note, "missed": [{**miss, "by_schedule": False}]}).split("outside")[1]


def test_the_table_says_how_many_pairs_tie_and_whether_a_tie_holds(capsys):
    """A held-out tester: RS4 read "supported, 1.000" with half its pairs tied (a tie holds a not_lower claim), said
    only in the JSON's reason; RS1's strict claim fails its ties."""
    assert main(["claims", "--scenario", "red-sea-2023", "--claim", "RS1,RS4", "--runs", "60", "--seed", "1",
                 "--samples", "0", "--no-audit", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    tied = {c["id"]: c["under"]["defaults"]["share_tied"] for c in data["claims"]}
    assert tied["RS1"] >= 0.05 and tied["RS4"] >= 0.05
    # decided once, in the JSON, for the page and the HTML report to show as they are (a held-out teacher's page
    # read a green "supported" where no pair differed)
    ties = {c["id"]: c["under"]["defaults"]["ties"] for c in data["claims"]}
    assert ties == {"RS1": f"{tied['RS1']:.0%} tied: not held", "RS4": f"{tied['RS4']:.0%} tied: held"}
    from flashpoint.analysis.claims import tie_words
    from flashpoint.report.html import _caveat

    assert tie_words(1.0, "lower") == "no pair differs" and tie_words(0.01, "not_lower") == ""
    assert _caveat({"ties": "no pair differs", "caveat": "structure not audited"}) == \
        " (no pair differs) (structure not audited)"
    assert main(["claims", "--scenario", "red-sea-2023", "--claim", "RS1,RS4", "--runs", "60", "--seed", "1",
                 "--samples", "0", "--no-audit"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"({tied['RS1']:.0%} tied: not held)" in out and f"({tied['RS4']:.0%} tied: held)" in out
    assert "a tie holds a not_lower or not_higher claim and fails the others" in out


def test_an_audit_with_no_clear_point_says_so_not_zero_for_and_against():
    """A held-out case's small audit showed a sign range of -9.19e+03 .. -0.27 beside "0% for, 0% against", read
    as a contradiction: with few replicates no point is clear, which the cell now says."""
    from flashpoint.analysis.audit import points_words

    assert points_words({"share_supporting": 0.0, "share_contradicting": 0.0}) == "no point clear at this size"
    assert points_words({"share_supporting": 0.02, "share_contradicting": 0.0}) == "2% for, 0% against"
    # points where nothing differs, which a margin counts against (a held-out case's cut of size 0)
    assert points_words({"share_supporting": 0.75, "share_contradicting": 0.25, "share_no_difference": 0.25}) == \
        "75% for, 25% against (25% no difference at all)"
    # a structural claim says what decides it beside a range that crosses 0 (two held-out readers took that for a
    # contradiction: the reason was in the JSON only)
    schedule = {"share_supporting": 0.02, "share_contradicting": 0.0, "share_no_difference": 0.3, "structural": True,
                "decided_by": "schedule", "reason": "with every mechanism switched off the claim still holds ...",
                "fixed_sign_effects": {"effects.nkomati": [-1.5, 0.0]}}
    assert points_words(schedule) == ("2% for, 0% against (30% no difference at all)\ndecided by the schedule, its "
                                      "sign by the declared range of effects.nkomati")
    assert points_words({**schedule, "decided_by": "one_way"}).endswith("\ndecided: no point clearly on the other side")
    assert points_words({"share_supporting": 0.0, "share_contradicting": 0.0, "structural": True,
                         "decided_by": "one_way"}) == ("no point clear at this size\ndecided: no point clearly on the "
                                                       "other side")
    assert points_words({"share_supporting": 0.5, "share_contradicting": 0.0, "structural": True, "reason": "",
                         "deciding_link": "pause.requires"}) == "50% for, 0% against\ndecided by the link pause.requires"


def test_a_margins_claim_of_one_sign_everywhere_says_the_model_fixes_its_direction():
    """Two held-out readers (a truce that only lowers attacks, strikes that only wear consent down) took "supported"
    beside a margin for evidence, where the model fixed the difference's sign at every point."""
    from flashpoint.analysis.audit import fixes_direction, points_words

    assert fixes_direction((-0.47, 0.0), -0.05, structural=False)
    assert not fixes_direction((-0.47, 0.2), -0.05, structural=False)       # both signs
    assert not fixes_direction((-0.47, 0.0), 0.0, structural=False)         # no margin: the sign is the claim
    assert not fixes_direction((-0.47, 0.0), -0.05, structural=True)        # the reason says what decides it
    one_sign = {"share_supporting": 0.6, "share_contradicting": 0.3, "sign_range": [-0.47, 0.0], "structural": False,
                "direction_fixed": True}
    assert points_words(one_sign).endswith("\ndirection fixed by the model: only the size against the margin is the "
                                           "parameters'")
    assert "direction fixed" not in points_words({**one_sign, "direction_fixed": False})
    # at a size where no point is clear too (a verifier's reading of the cell)
    assert points_words({**one_sign, "share_supporting": 0.0, "share_contradicting": 0.0}).startswith(
        "no point clear at this size") and "direction fixed by the model" in points_words(
        {**one_sign, "share_supporting": 0.0, "share_contradicting": 0.0})


def test_a_margin_no_difference_can_reach_is_said(scenario):
    """A held-out student's "the air campaign did not reduce the rocket fire" by more than 400 held at P = 1.000
    beside runs whose whole totals were under 50, cut by 79%: the margin decided it, unsaid."""
    claim = scenario.claims[0].model_copy(update={"id": "FAR", "direction": "not_lower", "margin": 100000.0,
                                                  "parameters": []})
    report = claims(scenario.model_copy(update={"claims": [claim]}), runs=20, seed=0, samples=0, audit=False)
    far = report["FAR"].to_dict()
    assert far["verdict"] == "supported" and far["margin_out_of_reach"] is not None
    assert far["margin_out_of_reach"] < 100000
    near = claim.model_copy(update={"id": "NEAR", "margin": 1.0})
    report = claims(scenario.model_copy(update={"claims": [near]}), runs=20, seed=0, samples=0, audit=False)
    assert report["NEAR"].to_dict()["margin_out_of_reach"] is None


def test_a_claim_whose_policy_changes_no_sampled_run_has_no_deciding_parameter():
    """A held-out methodologist's tie everywhere (sign range +0 .. +0) listed the base rate as deciding at 0.66: the
    claim's relative margin moves with the baseline's size, not with any effect of the policy."""
    import pandas as pd

    from flashpoint.analysis.sensitivity import ClaimSensitivity

    indices = pd.DataFrame({"S1": [0.7], "S1_conf": [0.1], "S1_net": [0.66], "correlation": [-0.8], "varied": [True]},
                           index=["attacks.base_rate.houthis"])
    common = dict(claim_id="C2", indices=indices, noise_share=0.0, robustness=1.0,
                  shares={"supported": 1.0, "undecided": 0.0, "not_supported": 0.0}, probability_over_sample=1.0,
                  pseudo_r2=float("nan"), points=256)
    assert ClaimSensitivity(**common).deciding == [("attacks.base_rate.houthis", 0.66)]
    tied = ClaimSensitivity(**common, moved=False)
    assert tied.deciding == [] and "every pair ties" in tied.surface_note and "not a finding" in tied.surface_note


def test_a_verdicts_reason_writes_its_interval_as_the_tables_do():
    """A held-out reviewer read [0.171, 0.251] in the claims table and [0.171, 0.250] in the reason beside it: the
    table formats the JSON's four decimals, the reason formatted the unrounded bound."""
    from flashpoint.analysis.claims import interval_words, judge

    for k, n in ((27, 200), (85, 200), (136, 200), (333, 999)):     # bounds whose fourth decimal rounds the third
        _, (lo, hi), reason = judge(k, n)
        assert f"95% interval {interval_words(round(lo, 4), round(hi, 4))}" in reason, (k, n, reason)


def test_a_printed_interval_is_rounded_outward_so_that_it_holds_the_computed_one():
    """A held-out tester's table read "0.000 [0.000, 0.009]" where claims.json had [0.0, 0.0095]: the printed high
    bound fell below the computed one."""
    from flashpoint.analysis.claims import interval_words, judge

    assert interval_words(0.0, 0.0095) == "[0.000, 0.010]"
    assert interval_words(0.8655, 0.894) == "[0.865, 0.894]"          # (0.894 is 0.89399999... in binary: kept)
    assert interval_words(0.866, 1.0) == "[0.866, 1.000]" and interval_words(0.99805, 1.0) == "[0.998, 1.000]"
    _, (lo, hi), reason = judge(0, 400)              # Wilson's high bound at 0 of 400: 0.00951
    assert round(hi, 4) == 0.0095 and "P = 0.000, 95% interval [0.000, 0.010]" in reason, reason
    for k, n in ((27, 200), (85, 200), (136, 200), (333, 999), (3, 2000), (1999, 2000)):
        _, (lo, hi), _ = judge(k, n)
        low, high = (float(v) for v in interval_words(round(lo, 4), round(hi, 4)).strip("[]").split(", "))
        assert low <= round(lo, 4) and high >= round(hi, 4) and high - low < round(hi, 4) - round(lo, 4) + 0.002


def test_the_claims_table_and_report_print_each_interval_rounded_outward(tmp_path, capsys):
    """The command line's table and claims.html print the JSON's interval rounded outward (a held-out tester's
    [0.000, 0.009] beside claims.json's [0.0, 0.0095])."""
    import json

    from flashpoint.analysis.claims import interval_words
    from flashpoint.cli import main

    assert main(["claims", "--scenario", "red-sea-2023", "--claim", "RS1", "--runs", "30", "--samples", "0",
                 "--no-audit", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    (claim,) = json.loads((tmp_path / "claims.json").read_text())["claims"]
    lo, hi = claim["probability_interval"]
    printed = interval_words(lo, hi)
    assert printed != f"[{lo:.3f}, {hi:.3f}]"        # (30 runs: a bound whose fourth decimal rounds the third down)
    assert f"{claim['probability']:.3f} {printed}" in out
    assert printed in (tmp_path / "claims.html").read_text(encoding="utf-8")


def test_the_record_note_names_the_set_values_its_runs_were_under():
    """A held-out teacher moved a slider on the page; each claim's record note still ended "(under defaults)"."""
    import flashpoint

    report = flashpoint.claims("iraq-2020", ids="H5", runs=30, samples=0, audit=False,
                               overrides={"consent.casualty_cost": 0.02})
    text = report.to_dict()["claims"][0]["record_in_window"]["text"]
    assert "(under defaults with --set consent.casualty_cost=0.02)" in text, text


def test_a_share_never_rounds_a_part_to_none_or_to_all():
    """A verifier read "100% tied: not held" and "holds in 0% of pairs, fails in 0%" beside a P of 0.005."""
    from flashpoint.analysis.claims import share_words, tie_words

    assert tie_words(0.995, "higher") == "over 99% tied: not held" and tie_words(1.0, "higher") == "no pair differs"
    assert [share_words(x) for x in (0.0, 0.004, 0.5, 0.996, 1.0)] == ["0%", "under 1%", "50%", "over 99%", "100%"]


def test_a_structural_verdict_of_a_small_audit_says_so_in_its_cell(capsys, small_audit):
    """A held-out political scientist's audit at 1 trajectory x 3 replicates called a claim "decided by the model's
    structure" that the default audit left to the parameters; the note under the table was read past."""
    assert main(["claims", "--runs", "40", "--samples", "0", "--claim", "H4", "--format", "json",
                 "--trajectories", "1", "--replicates", "2", "--prior"]) == 0
    claim = json.loads(capsys.readouterr().out)["claims"][0]
    assert claim["verdict"] == "decided by the model's structure" and claim["audit"]["trajectories"] == 1
    assert [v["caveat"] for v in claim["under"].values()] == ["small audit"]
    from flashpoint.analysis.claims import verdict_caveat

    full = dict(claim, audit=dict(claim["audit"], trajectories=4, replicates=20))
    assert verdict_caveat(full, "decided by the model's structure") == ""


def test_a_claim_of_a_shift_between_targets_is_told_the_model_turns_none(tmp_path, capsys, monkeypatch):
    """Held-out cases claimed that a truce on one target turned the attacks on another ("the April Understanding
    shifted Hezbollah onto the IDF") and that a force's withdrawal turned them on the host's forces: the model turns
    no attacks from one target onto another, so the difference is the feedbacks', and claims now says so."""
    import yaml

    from flashpoint.analysis.audit import turned_elsewhere
    from flashpoint.scenario.loader import resolve

    d = yaml.safe_load(resolve("red-sea-2023")[1])
    d["policies"]["no-israel-pause"] = {"description": "test", "drop": ["gaza_pause_israel_2025_01_19"]}
    d["policies"]["no-ships-pause"] = {"description": "test", "drop": ["gaza_pause_ships_2025_01_19"]}
    base = {k: v for k, v in next(c for c in d["claims"] if c["id"] == "RS2").items() if k != "id"}
    window, direction = ["2025-01-20", "2025-03-10"], "higher"
    d["claims"] = [dict(base, id="SHIFT", indicator="attacks_on_foreign_forces.us_navy", policy="historical",
                        baseline="no-israel-pause", window=window, direction=direction),
                   dict(base, id="SAME", indicator="attacks_on_foreign_forces.shipping", policy="historical",
                        baseline="no-ships-pause", window=window, direction=direction)]
    path = tmp_path / "shift.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    sc = load_scenario(path)
    shift, same = sc.claims
    assert turned_elsewhere(sc, shift) == [("gaza_pause_israel_2025_01_19", "suspension", ["israel"])]
    assert turned_elsewhere(sc, same) == []            # the truce halts the target it counts: no shift claimed
    by_faction = same.model_copy(update={"indicator": "attacks_on_foreign_forces.houthis",
                                         "baseline": "no-israel-pause"})
    assert turned_elsewhere(sc, by_faction) == []      # a faction's attacks on every target: no shift claimed
    # a policy that also moves the counted target's attacks itself is no claim of a shift (a verifier's shock on the
    # shipping beside the truce with the navy read "through the feedbacks")
    shock = {"id": "shipping_shock", "date": "2025-01-20", "until": "2025-03-10", "type": "outside_shock",
             "actor": "houthis", "target": "houthis", "attack_targets": "shipping", "size": 1.0, "cameo": "190",
             "description": "test", "source": "test"}
    d["policies"]["pause-and-shock"] = {"description": "test", "add": [shock]}
    d["policies"]["no-israel-pause"]["add"] = [dict(shock, attack_targets="us_navy")]
    (tmp_path / "shock.yaml").write_text(yaml.safe_dump(d, sort_keys=False))
    shocked = load_scenario(tmp_path / "shock.yaml")
    assert turned_elsewhere(shocked, same.model_copy(update={"baseline": "pause-and-shock"})) == []
    assert turned_elsewhere(shocked, shift) == []      # the shock on what it counts, us_navy
    # a scenario with no declared targets: its one implicit target, the foreign forces (a verifier's claim on the
    # host's attacks beside a truce with the US forces had no note)
    i = yaml.safe_load(resolve("iraq-2020")[1])
    i["policies"]["no-truce"] = {"description": "test", "drop": ["truce_2020_10_10"]}
    base = {k: v for k, v in base.items() if k != "parameters"}        # red-sea's parameters are not iraq's
    i["claims"] = [dict(base, id="HOST", indicator="attacks_on_host", policy="historical", baseline="no-truce",
                        window=["2020-10-10", "2020-12-31"], direction="higher"),
                   dict(base, id="ALL", indicator="attacks_on_foreign_forces", policy="historical",
                        baseline="no-truce", window=["2020-10-10", "2020-12-31"], direction="lower")]
    (tmp_path / "i.yaml").write_text(yaml.safe_dump(i, sort_keys=False))
    iraq = load_scenario(tmp_path / "i.yaml")
    host, whole = iraq.claims
    assert turned_elsewhere(iraq, host) == [("truce_2020_10_10", "suspension", ["the foreign forces"])]
    assert turned_elsewhere(iraq, whole) == []
    monkeypatch.setenv("COLUMNS", "400")
    assert main(["claims", "--scenario", str(path), "--runs", "20", "--samples", "0", "--no-audit"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert ("note: SHIFT: the truces, drawdowns and deployments its policies differ by, gaza_pause_israel_2025_01_19 "
            "(suspension, on israel), act on none of what it counts: the model turns no attacks from one target onto "
            "another") in out         # (only those: a held-out analyst read the list as all that differed, strikes too)
    assert "note: SAME: the truces" not in out
    assert main(["claims", "--scenario", str(path), "--runs", "20", "--samples", "0", "--no-audit",
                 "--format", "json"]) == 0            # in the JSON too (held-out analysts worked in Python)
    given = {c["id"]: c["turned_elsewhere"] for c in json.loads(capsys.readouterr().out)["claims"]}
    assert given == {"SHIFT": [{"entry": "gaza_pause_israel_2025_01_19", "type": "suspension", "targets": ["israel"]}],
                     "SAME": []}


def test_a_claim_over_days_its_forces_are_gone_says_so(tmp_path, capsys, monkeypatch):
    """A held-out historian's "the withdrawal cut the attacks" was 'supported' without the audit, beside runs that held
    no Soviet troops to attack for 320 of the window's days: 0 there by construction, now said (and in the JSON)."""
    import yaml

    from tests.support import iraq_with_a_full_withdrawal

    d = iraq_with_a_full_withdrawal()
    path = tmp_path / "leave.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    monkeypatch.setenv("COLUMNS", "300")
    assert main(["claims", "--scenario", str(path), "--runs", "10", "--samples", "0", "--no-audit"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert ("note: OUT: under leave none of coalition, usa's troops are there on 214 of the window's 365 days (from "
            "2021-06-01, by the schedule): the attacks on them are 0 there by construction, and the difference "
            "counts those days (the structure audit weighs it: not run here; `flashpoint claims` runs it by "
            "default)") in out      # (a held-out political scientist read "(the structure audit weighs it)" as run)
    assert main(["claims", "--scenario", str(path), "--runs", "10", "--samples", "0", "--no-audit",
                 "--format", "json"]) == 0
    gone = json.loads(capsys.readouterr().out)["claims"][0]["forces_gone_in_window"]
    assert gone == [{"policy": "leave", "parties": ["coalition", "usa"], "days": 214, "of_days": 365,
                     "from": "2021-06-01", "targets": [], "also_counted": []}]
    d["claims"][0]["indicator"] = "foreign_killed"          # a claim of deaths is told of the deaths (a tester's
    path.write_text(yaml.safe_dump(d, sort_keys=False))     # read of attacks only)
    assert main(["claims", "--scenario", str(path), "--runs", "10", "--samples", "0", "--no-audit",
                 "--format", "json"]) == 0
    notes = json.loads(capsys.readouterr().out)["claims"][0]["notes"]
    assert any("the attacks on them, and so the dead they make, are 0 there by construction" in n for n in notes), notes


def test_forces_gone_from_the_theatre_are_said_where_their_party_also_holds_a_target_outside_it(tmp_path, capsys):
    """A held-out political scientist's "the cross-border operations did not cut attacks": under the policy without
    them Turkey never had troops in the theatre, so the attacks on them were 0 by construction, and nothing said so
    (forces_gone_in_window []) as Turkey also held a target outside the theatre, attacked whatever its presence. The
    note goes per target: the targets held in the theatre by forces gone, and the others counted, which go on."""
    import yaml

    from tests.support import iraq_with_a_full_withdrawal

    d = iraq_with_a_full_withdrawal()
    share = {"unit": "share of the factions' attacks", "source": "test"}
    d["targets"] = [
        {"id": "bases", "name": "the foreign bases", "kind": "bases", "party": ["usa", "coalition"],
         "share": {"value": 0.7, "range": [0.5, 0.9], **share}},
        {"id": "homeland", "name": "a target outside the theatre", "kind": "home", "party": "usa", "in_theatre": False,
         "share": {"value": 0.3, "range": [0.1, 0.5], **share}}]
    path = tmp_path / "leave.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    assert main(["claims", "--scenario", str(path), "--runs", "10", "--samples", "0", "--no-audit",
                 "--format", "json"]) == 0
    claim = json.loads(capsys.readouterr().out)["claims"][0]
    assert claim["forces_gone_in_window"] == [{"policy": "leave", "parties": ["coalition", "usa"], "days": 214,
                                               "of_days": 365, "from": "2021-06-01", "targets": ["bases"],
                                               "also_counted": ["homeland"]}]
    assert ("under leave none of coalition, usa's troops are there on 214 of the window's 365 days (from 2021-06-01, "
            "by the schedule): the attacks on bases are 0 there by construction (those on homeland, which the "
            "indicator counts too, go on), and the difference counts those days") in claim["notes"][0]


def _claims_in_json(doc, tmp_path, capsys):
    """The claims of a scenario written as `doc`, at the hand-set defaults, from `claims --format json` (no audit)."""
    import yaml

    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    assert main(["claims", "--scenario", str(path), "--prior", "--runs", "20", "--samples", "0", "--no-audit",
                 "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)["claims"]


def test_a_claim_whose_policies_differ_by_a_strike_in_the_patrons_country_is_noted_so(tmp_path, capsys):
    """A held-out tester's "the raid did not deter the patron" (its policies differing only by a foreign strike in the
    patron's country) came out "supported, P = 1.000" with nothing beside it of what `scenario validate` says: such a
    strike acts on the factions only, and nothing in the model costs or coerces the patron."""
    import yaml

    from flashpoint.scenario.loader import resolve

    doc = yaml.safe_load(resolve("iraq-2020")[1])
    for e in doc["schedule"]:             # the strikes in Syria moved into the patron's country (its cameo's IRN)
        if e["id"] == "us_strikes_2019_12_29_syria":
            e["theatre"] = "IRN"
    doc["policies"]["no-iran-strike"] = {"description": "no strikes in Iran", "drop": ["us_strikes_2019_12_29_syria"]}
    doc["policies"]["no-iraq-strike"] = {"description": "no strikes in Iraq", "drop": ["us_strikes_2019_12_29_iraq"]}
    h1 = {k: v for k, v in doc["claims"][0].items() if k != "parameters"}
    doc["claims"] = [{**h1, "id": "P1", "baseline": "no-iran-strike", "direction": "not_lower", "margin": 10},
                     {**h1, "id": "P2", "baseline": "no-iraq-strike", "direction": "not_lower", "margin": 10}]
    p1, p2 = _claims_in_json(doc, tmp_path, capsys)
    said = ("its policies differ by us_strikes_2019_12_29_syria, which falls in the patron's country: a strike acts on "
            "the factions it names (damage, deterrence, backlash) wherever it falls, and only the host's soil "
            "(consent) tells theatres apart; nothing in the model costs or coerces the patron itself (docs/ODD.md "
            "section 9), so what the claim says of the patron is answered through the factions alone")
    assert any(n.startswith(said) for n in p1["notes"]), p1["notes"]
    assert not any("patron's country" in n for n in p2["notes"])            # a strike on the host's soil: nothing


def test_a_claim_whose_policies_differ_by_a_threat_to_the_patron_is_noted_that_it_deters_the_factions_only(
        tmp_path, capsys):
    """A held-out political scientist's claim on Turkey's threat of war to the patron (its policies differing by the
    threat) carried no note that a threat aimed at the patron only deters the factions: nothing in the model coerces
    the patron, as the note of a strike in the patron's country says."""
    import yaml

    from flashpoint.scenario.loader import resolve

    doc = yaml.safe_load(resolve("iraq-2020")[1])
    doc["policies"]["no-warning"] = {"description": "no warning to the patron", "drop": ["trump_warning_2020_12_23"]}
    doc["policies"]["no-iraq-strike"] = {"description": "no strikes in Iraq", "drop": ["us_strikes_2019_12_29_iraq"]}
    h1 = {k: v for k, v in doc["claims"][0].items() if k != "parameters"}
    window = ["2020-12-23", "2021-03-31"]
    doc["claims"] = [{**h1, "id": "T1", "baseline": "no-warning", "window": window, "direction": "lower"},
                     {**h1, "id": "T2", "baseline": "no-iraq-strike", "window": window, "direction": "lower"}]
    t1, t2 = _claims_in_json(doc, tmp_path, capsys)
    said = ("its policies differ by a threat aimed beyond the factions: threat trump_warning_2020_12_23 is aimed at "
            "iran (patron), no faction: it deters every faction; a threat works only through the factions' deterrence "
            "(deterrence.threat_deterrence, M2): the factions it names, every faction where it names none; nothing in "
            "the model costs or coerces a patron or a host it is aimed at (docs/ODD.md section 9), so what the claim "
            "says of whom it is aimed at is answered through the factions alone")
    assert any(n.startswith(said) for n in t1["notes"]), t1["notes"]
    assert not any("threat" in n for n in t2["notes"])          # its policies differ by no threat


def test_a_robustness_and_an_audits_share_of_points_that_part_are_each_said_for_what_they_are():
    """A held-out tester's C2: "0.880 supported (at these values only)", robustness 0.51, and under it "of 208 points,
    6% clearly support and 94% clearly contradict": two figures over the same ranges, from two samples (a uniform
    Latin hypercube; a Morris screen on four levels), read as two answers to one question."""
    from flashpoint.analysis.audit import ClaimAudit, _reason
    from flashpoint.analysis.claims import claim_notes

    audit = {"points": 208, "trajectories": 4, "share_supporting": 0.0625, "share_contradicting": 0.9375,
             "share_at_ceiling": 0.61, "structural": False}
    d = {"direction": "lower", "margin": 50.0, "robustness": 0.5054, "audit": audit, "verdict": "supported",
         "thresholds": {"supported_at": 0.66, "not_supported_at": 0.33}, "sensitivity": {"points": 4096},
         "turned_elsewhere": [], "forces_gone_in_window": [], "structural": False}
    (note,) = [n for n in claim_notes(d) if n.startswith("its robustness")]
    assert note.startswith("its robustness (0.51) and the audit's share of points clearly supporting it (6%) are two "
                           "measures on two samples of the same declared ranges: the robustness is the share of the "
                           "sensitivity's 4,096 points, drawn uniformly over the ranges (a Latin hypercube), where the "
                           "probability fitted to their runs that the claim holds reaches 0.66; the audit's is the "
                           "share of its 208 points where the expected difference lies clearly on the claim's side of "
                           "-50, and those points are a Morris screen, not a sample of the space")
    assert "in 4 trajectories whose points share most of their values (61% of them at the capacity ceiling)" in note
    assert not any(n.startswith("its robustness") for n in claim_notes({**d, "robustness": 0.2}))     # close: unsaid
    assert not any(n.startswith("its robustness") for n in claim_notes({**d, "audit": None}))
    # the audit's own words say its points are a screen's
    a = ClaimAudit("C2", 208, 20, (-496.5, 11384.9), 0.0625, 0.9375, (0.0, 0.0))
    a.at_defaults = (-63.1, 0.49)
    reason = _reason(a, {1.0: True, -1.0: True}, schedule_decides=False, confirm_replicates=100, edge=-50.0)
    assert ("of the design's 208 points (a Morris screen: four levels per parameter, not a uniform sample), 6% "
            "clearly support and 94% clearly contradict") in reason


def test_a_claims_record_line_writes_large_bands_with_separators():
    """An outside tester's 15-year case read "(runs 2.028e+04-2.178e+04)" in a claim's record line; the tables write
    20,280."""
    from flashpoint.analysis.claims import record_line

    note = {"policy": "historical", "parameters": "the defaults", "inside": 0, "counts": 1,
            "missed": [{"indicator": "attacks_on_foreign_forces", "start": "2012-01-01", "end": "2012-12-31",
                        "count": "~16000", "q05": 20280.4, "q95": 21780.0}]}
    line = record_line(note)
    assert "(runs 20,280-21,780)" in line and "e+04" not in line


def test_what_one_policy_sets_and_the_sensitivity_draws_for_the_other_is_said(scenario):
    """A held-out methodologist's H5: robustness 0.96 with historical's force protection drawn over 0-0.8 (the
    scenario's own words: a policy lever whose historical value, 0, is the reference), 0.64 held at 0; said only in
    docs/claims.md prose."""
    d = claims(scenario, ids="H5", runs=20, seed=0, samples=80, audit=False)["H5"].to_dict()
    drawn = {x["parameter"]: x for x in d["drawn_for_one_arm"]}
    assert drawn["response.force_protection"] == {"parameter": "response.force_protection", "set_by": "restraint",
                                                   "value": 0.3, "range": [0.0, 0.8], "drawn_for": "historical"}
    assert any("response.force_protection for historical over 0-0.8, which restraint sets to 0.3" in n
               for n in d["notes"])
    held = claims(scenario, ids="H5", runs=20, seed=0, samples=80, audit=False,
                  overrides={"response.force_protection": 0.0})["H5"].to_dict()     # held: no longer drawn
    assert "response.force_protection" not in {x["parameter"] for x in held["drawn_for_one_arm"]}


def test_a_supported_claim_with_no_margin_on_a_small_difference_says_so():
    """A held-out historian's "the Stingers raised the attacks" was supported at P = 0.73 on +2.4 of 3,227 attacks
    (0.07 %), with nothing beside the verdict to say that a claim without a margin counts any consistent difference."""
    from flashpoint.analysis.claims import claim_notes, small_effect_note

    d = {"verdict": "supported", "margin": 0.0, "mean_difference": 2.4, "baseline_mean": 3227.0,
         "turned_elsewhere": [], "forces_gone_in_window": [], "audit": None, "sensitivity": None, "robustness": None}
    said = ("supported on a mean difference of +2.4 against the baseline's 3,227 (under 1% of it): with no margin, P "
            "counts the pairs that move the claimed way by any amount")
    assert said in small_effect_note(d) and any(said in note for note in claim_notes(d))
    # a material difference, a margin, another verdict or no baseline: nothing said
    for other in ({"mean_difference": 400.0}, {"margin": 1.0}, {"verdict": "undecided"}, {"baseline_mean": 0.0},
                  {"mean_difference": -170.0}):
        assert small_effect_note({**d, **other}) is None, other
    assert "(4% of it)" in small_effect_note({**d, "mean_difference": -129.0})
