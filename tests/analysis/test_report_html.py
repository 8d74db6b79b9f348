"""The HTML reports are self-contained (no network) and carry the same numbers as the JSON beside them."""
import html
import json
import re

import pytest

from flashpoint.report.html import data_uri, write_claims_report, write_compare_report


def assert_self_contained(text):
    images = re.findall(r'<img src="([^"]+)"', text)
    assert images and all(src.startswith("data:image/png;base64,") for src in images)
    assert not re.search(r'(src|href)\s*=\s*["\'](?!data:)', text, flags=re.I)
    assert not re.search(r"https?://", text) and "@import" not in text and "<script" not in text.lower()
    assert "<link" not in text.lower()


def test_compare_report(tmp_path, comparison):
    paths = write_compare_report(comparison, tmp_path)
    text = paths["html"].read_text(encoding="utf-8")
    assert_self_contained(text)
    assert paths["figures"] == tmp_path / "figures" and any(paths["figures"].glob("*.png"))   # said by "wrote"
    assert "no-decapitation" in text and "Fan charts per policy" in text and "paired differences" in text
    # per-policy fan charts; all-policy charts: six indicators and the three breakdowns the record counts
    # (indirect fire, IED on convoys, drones); differences
    assert text.count("<img") == 3 + 6 + 3 + 2
    assert json.loads(paths["json"].read_text()) == json.loads(json.dumps(comparison.to_dict()))
    csv = paths["csv"].read_text().splitlines()
    assert csv[0].startswith("indicator,unit,kind,policy,mean,q05,q95") and len(csv) == 1 + 3 * len(comparison.indicators)
    assert csv[0].endswith(",p_positive,switched_off")


def test_the_indicators_a_user_chose_are_drawn_too(tmp_path, scenario):
    """A tester's `compare --indicators attacks_on_foreign_forces.french_bases --out` drew no chart of that breakdown:
    the report drew a fixed list and what the record counts."""
    from flashpoint.analysis.compare import compare

    chosen = compare(scenario, ["historical", "restraint"], runs=10, seed=1,
                     indicators=["attacks_on_foreign_forces.kh", "foreign_killed"])
    write_compare_report(chosen, tmp_path)
    drawn = {p.name for p in (tmp_path / "figures").glob("overlay_*.png")}
    assert {"overlay_attacks_on_foreign_forces.kh.png", "overlay_foreign_killed.png"} <= drawn, drawn


def test_compare_report_marks_a_switched_off_mechanisms_indicator_and_does_not_draw_it(tmp_path, scenario):
    """Drawn, ISIS activity with the spoiler mechanism off was a flat line that read as a finding."""
    from flashpoint.analysis.compare import compare

    off = compare(scenario, ["historical", "restraint"], runs=20, seed=1, overrides={"spoiler.enabled": False})
    text = write_compare_report(off, tmp_path)["html"].read_text(encoding="utf-8")
    assert "spoiler_activity<br><span class=small>(M7 spoiler switched off: constant)" in text or \
        "switched off: constant)" in text.split("spoiler_activity", 1)[1][:120], text[:2000]
    assert "overlay_spoiler_activity" not in text and "Not drawn, as their mechanisms are switched off" in text
    assert not (tmp_path / "figures" / "overlay_spoiler_activity.png").exists()


def test_compare_reports_table_says_what_the_foreign_sides_totals_count_beyond_the_forces(tmp_path):
    """A held-out researcher read 3,400 attacks, most on the host's army (a target no foreign party holds), as
    attacks on foreign troops: the terminal's table said so, the report's did not."""
    from flashpoint.analysis.compare import compare

    comp = compare("red-sea-2023", ["historical", "no-strikes"], runs=10, seed=1)
    text = write_compare_report(comp, tmp_path)["html"].read_text(encoding="utf-8")
    assert '"row" class="l">attacks_on_foreign_forces (with shipping, held by no foreign party)</th>' in text


def test_claims_report(tmp_path, claims_report):
    paths = write_claims_report(claims_report, tmp_path)
    text = paths["html"].read_text(encoding="utf-8")
    assert_self_contained(text)
    for c in claims_report:
        assert c.claim.id in text and c.verdict in text
    assert "deciding parameters" in text
    assert json.loads(paths["json"].read_text())["claims"][0]["id"] == "H3"
    assert paths["sensitivity"].read_text().startswith("claim,parameter,S1")
    # a claims review: the page dropped the "audit did not run" warning, printed the pairs' 5-95% spread as if it
    # were a confidence interval, and never showed a claim's source
    assert "The structure audit did not run" in text and "not a confidence interval" in text
    assert "Source of the claim: " in text and json.loads(paths["json"].read_text())["claims"][0]["source"]
    # what the sampled space leaves out, said alike on the page and in the JSON: a held-out case's 19 parameters
    # acting only through entries none of its compared policies had were left out without a word
    said = json.loads(paths["json"].read_text())["claims"][0]["sensitivity"]["space"]["text"]
    for reason in ("fixed", "both of each claim's policies set", "off or idle", "schedule entries none of them has",
                   "relation that is 0"):
        assert reason in said and reason in html.unescape(text), reason


def test_under_a_posterior_the_deciding_parameters_it_does_not_fit_are_named(claims_report):
    """A claims review: H5's lean under the posterior came from a hand-set parameter the posterior never touches."""
    import dataclasses

    import numpy as np

    fitted = {"attacks.base_rate.kh": np.full(3, 0.1)}            # what a posterior sets run by run
    data = dataclasses.replace(claims_report, overrides=fitted).to_dict()
    for c in data["claims"]:
        assert c["deciding_not_fitted"] == [n for n, _ in c["deciding_parameters"] if n != "attacks.base_rate.kh"]
    assert "deciding_not_fitted" not in claims_report.to_dict()["claims"][0]        # at the defaults: all hand-set


def test_data_uri_refuses_what_is_not_a_png(tmp_path):
    bad = tmp_path / "x.png"
    bad.write_bytes(b"GIF89a")
    with pytest.raises(ValueError):
        data_uri(bad)


def test_reports_draw_the_scenarios_own_record_for_a_scenario_file(tmp_path):
    """A scenario given as a file (not loadable by name) keeps its record in the reports: the file's own
    name, whatever it is, never a built-in scenario's."""
    from pathlib import Path

    import flashpoint

    builtin = Path(flashpoint.__file__).parent / "scenario" / "builtin" / "red-sea-2023.yaml"
    path = tmp_path / "case.yaml"
    path.write_text(builtin.read_text(encoding="utf-8").replace("name: red-sea-2023", "name: my-red-sea", 1),
                    encoding="utf-8")
    comp = flashpoint.compare(str(path), ["historical", "no-strikes"], runs=20, seed=0)
    assert comp.spec is not None and comp.spec.name == "my-red-sea"
    written = write_compare_report(comp, tmp_path / "out")
    figures = {p.name for p in (tmp_path / "out" / "figures").iterdir()}
    # the indicators the record counts on their own are charted against it
    assert "overlay_attacks_on_foreign_forces.shipping.png" in figures
    assert "attacks_on_foreign_forces.shipping, all policies" in written["html"].read_text(encoding="utf-8")
    report = flashpoint.claims(str(path), ids="RS1", runs=20, seed=0, samples=0, audit=False)
    assert report.spec.name == "my-red-sea"
    write_claims_report(report, tmp_path / "claims")


def test_a_comparisons_charts_mark_entries_with_the_share_of_runs_they_happened_in(comparison):
    """Without it every entry with a `requires` read "(not in every run)", even one that happened in all."""
    from flashpoint.report.analysis_plots import analysis_spec

    shares = comparison.happened["historical"]
    assert shares and all(0.0 <= v <= 1.0 for v in shares.values())
    markers = analysis_spec(comparison, "attacks_on_foreign_forces")["series"][0]["markers"]
    assert markers and all(m["share"] is not None for m in markers)
    assert not any("not in every run" in m["label"] for m in markers)


def test_a_comparisons_charts_state_each_policys_fit_to_the_record(comparison):
    """The command line's compare charts said "Fit: not computed" where the web page's, for the same runs,
    stated the fit (a held-out tester)."""
    from flashpoint.report.analysis_plots import analysis_spec

    for policy in comparison.policies:
        spec = analysis_spec(comparison, "attacks_on_foreign_forces", [policy])
        assert spec["series"][0]["fit_computed"] and spec["series"][0]["fit"], policy
        # a counterfactual's runs beside the record are no test of the model (a held-out case read its "Fit" so)
        counterfactual = "Fit (a counterfactual beside what happened: how far it departs, no test of the model)"
        assert (counterfactual in spec["caption"]) == (policy != "historical"), policy


def test_a_comparison_names_the_parameters_its_runs_are_under(tmp_path, capsys):
    """compare runs a built-in scenario on its posterior and run on the defaults: the same seed drew other
    charts, and neither compare.html, its JSON nor the figures said which (held-out charts tester)."""
    from flashpoint.cli import main

    assert main(["compare", "--policies", "historical,restraint", "--runs", "20", "--out", str(tmp_path)]) == 0
    text = (tmp_path / "compare.html").read_text(encoding="utf-8")
    assert "under posterior (iraq-2020.posterior.parquet)" in text
    assert json.loads((tmp_path / "compare.json").read_text())["parameters"].startswith("posterior")


def test_the_report_writes_a_difference_s_probability_as_the_terminal_does(tmp_path, capsys):
    """A held-out charts reviewer found compare.html writing P(>0) 1.00 where the terminal wrote >0.99 (0.996)."""

    from flashpoint.cli import main
    from flashpoint.console import probability

    assert main(["compare", "--policies", "historical,restraint", "--runs", "20", "--prior", "--out", str(tmp_path)]) == 0
    text = (tmp_path / "compare.html").read_text(encoding="utf-8")
    shares = [ind["vs_first"]["restraint"]["p_positive"]
              for ind in json.loads((tmp_path / "compare.json").read_text())["indicators"].values()]
    assert shares and all(f"P(&gt;0) {html.escape(probability(p))}<" in text for p in shares)
    assert (probability(0.004), probability(0.996), probability(1.0), probability(0.5)) == ("<0.01", ">0.99", "1.00",
                                                                                          "0.50")
    # the fit to the record, in the charts' captions, is in the page's text too (the same reviewer found it only in
    # the pixels), as each image's alt text and its figure caption
    assert text.count("<figcaption") >= 2 and "sourced counts lie inside the model&#x27;s 90% band" in text
    assert 'alt="attacks_on_foreign_forces under historical: Band: ' in text
    assert '<th scope="col"' in text and '<th scope="row"' in text       # the tables' headers scoped (a11y)


def test_the_reports_name_the_set_values_their_runs_are_under(tmp_path, capsys):
    """A held-out analyst's --set flipped a verdict, and the HTML and CSV said only "defaults"."""
    from flashpoint.cli import main

    args = ["--prior", "--runs", "20", "--set", "consent.casualty_cost=0.02"]
    assert main(["compare", "--policies", "historical,precise-retaliation", *args, "--out", str(tmp_path / "c")]) == 0
    assert "under defaults with --set consent.casualty_cost=0.02" in (tmp_path / "c" / "compare.html").read_text()
    assert main(["claims", "--claim", "H4", "--samples", "0", "--no-audit", *args, "--out", str(tmp_path / "k")]) == 0
    page = (tmp_path / "k" / "claims.html").read_text()
    assert "under <b>defaults with --set consent.casualty_cost=0.02" in page
    # with --samples 0 the report described a robustness column "N of the scenario's M" it did not fill (held-out)
    assert "not computed (the sensitivity analysis did not run: --samples 0)" in page and " of M" not in page
    assert "consent.casualty_cost=0.02" in (tmp_path / "k" / "claims.csv").read_text()


def test_a_claims_reports_charts_state_the_fit_to_the_record(claims_report):
    """claims --out charts said "Fit: not computed" for every policy (held-out charts tester)."""
    from flashpoint.report.analysis_plots import analysis_spec

    for indicator in claims_report.monthly:
        spec = analysis_spec(claims_report, indicator)
        if spec["record"]:
            assert all(s["fit_computed"] and s["fit"] for s in spec["series"]), indicator


def test_a_reports_tables_scroll_in_their_own_box_on_a_narrow_screen():
    """A held-out teacher's phone scrolled the whole compare report sideways (654 px wide at 390)."""
    from flashpoint.report.html import STYLE, page, table_html

    assert table_html(["id", "x"], [[1, 2]]).startswith('<div class="wide" tabindex="0" role="region"')
    assert ".wide { overflow-x: auto; }" in STYLE
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page("t", "m", [])


def test_a_claim_decided_by_the_structure_says_so_first_in_its_deciding_column(tmp_path, claims_report, monkeypatch,
                                                                               capsys):
    """A held-out tester's claim decided by a schedule link ("decided by the link dbp_fall") listed deterrence
    parameters alone in its deciding-parameters column, as if the model weighed in: the table, the HTML report and
    the JSON (``deciding_structure``, last) name the link first, then the parameters."""
    import copy

    from flashpoint.analysis import claims as claims_module
    from flashpoint.analysis.audit import ClaimAudit
    from flashpoint.cli import main

    report = copy.deepcopy(claims_report)
    h3, h5 = report.results
    h3.audit = ClaimAudit("H3", 208, 20, (2291.0, 6093.0), 1.0, 0.0, (2399.0, 0.7), structural=True,
                          link="dbp_fall", decided_by="schedule")
    h5.audit = ClaimAudit("H5", 208, 20, (-4.0, 9.0), 0.5, 0.2, (0.0, 0.0))       # left to the parameters
    h3.sensitivity.indices.loc[h3.sensitivity.indices.index[0], ["S1_net", "S1_conf"]] = [0.5, 0.01]
    data = report.to_dict()["claims"]
    assert list(data[0])[-1] == "deciding_structure" and data[0]["deciding_structure"] == "link dbp_fall"
    assert data[0]["deciding_parameters"] and data[1]["deciding_structure"] is None
    h3.audit.link = ""
    assert report.to_dict()["claims"][0]["deciding_structure"] == "the schedule"
    h3.audit.link = "dbp_fall"
    first = data[0]["deciding_parameters"][0][0]
    text = write_claims_report(report, tmp_path)["html"].read_text(encoding="utf-8")
    assert f"<b>link dbp_fall</b>, then: {first} (" in text
    monkeypatch.setattr(claims_module, "claims", lambda *a, **k: report)
    assert main(["claims", "--claim", "H3", "--claim", "H5", "--prior", "--runs", "10"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "link dbp_fall, then:" in out and out.index("link dbp_fall, then:") < out.index(first[:20])
