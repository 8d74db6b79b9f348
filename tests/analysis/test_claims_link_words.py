"""A claim a schedule ``requires`` link decides is said to be decided by that link, the user's own, not by "the
model's structure" (a held-out analyst's ceasefire, which required the offensive it followed, read "decided by the
model's structure" with the reason "cutting the schedule link ceasefire.requires ..."); the JSON's ``verdict``
keeps its value, and its words are each ``under`` entry's last key, ``verdict_words``."""
import copy

from flashpoint.analysis.claims import STRUCTURAL


def test_the_words_name_the_link_only_where_a_link_decides():
    from flashpoint.analysis.claims import verdict_words

    link = {"structural": True, "decided_by": "link", "deciding_link": "ceasefire"}
    assert verdict_words(STRUCTURAL, link) == "decided by the schedule link ceasefire.requires"
    assert verdict_words(STRUCTURAL, {**link, "deciding_link": "a+b"}) == (
        "decided by the schedule links a.requires and b.requires together")
    # one way, or the schedule with every mechanism off: as before
    assert verdict_words(STRUCTURAL, {**link, "decided_by": "one_way", "deciding_link": None}) == STRUCTURAL
    assert verdict_words(STRUCTURAL, {**link, "decided_by": "schedule"}) == STRUCTURAL
    assert verdict_words("supported", None) == "supported"


def test_the_table_the_json_the_csv_and_the_html_report_name_the_link(tmp_path, claims_report, monkeypatch, capsys):
    from flashpoint.analysis import claims as claims_module
    from flashpoint.analysis.audit import ClaimAudit
    from flashpoint.cli import main
    from flashpoint.report.html import write_claims_report

    report = copy.deepcopy(claims_report)
    h3, h5 = report.results
    link = ClaimAudit("H3", 208, 20, (2291.0, 6093.0), 1.0, 0.0, (2399.0, 0.7), structural=True, link="dbp_fall",
                      decided_by="link")
    claims_module.apply_audit(report.results, {"H3": link, "H5": ClaimAudit("H5", 208, 20, (-4.0, 9.0), 0.5, 0.2,
                                                                            (0.0, 0.0))})
    said = "decided by the schedule link dbp_fall.requires"
    data = report.to_dict()["claims"]
    assert data[0]["verdict"] == STRUCTURAL                        # the value consumers match, kept
    under = data[0]["under"][data[0]["parameters"]]
    assert under["verdict"] == STRUCTURAL and list(under)[-1] == "verdict_words" and under["verdict_words"] == said
    assert data[1]["under"][data[1]["parameters"]]["verdict_words"] == data[1]["verdict"]
    assert said in repr(h3) and said in repr(report)
    table = report.table()
    assert list(table.columns)[-1] == "verdict_words" and table["verdict_words"].tolist()[0] == said
    assert table["verdict"].tolist()[0] == STRUCTURAL
    text = write_claims_report(report, tmp_path)["html"].read_text(encoding="utf-8")
    assert f">{said}</span>" in text and ">decided by the model&#x27;s structure</span>" not in text
    monkeypatch.setattr(claims_module, "claims", lambda *a, **k: report)
    monkeypatch.setenv("COLUMNS", "250")
    assert main(["claims", "--claim", "H3", "--claim", "H5", "--prior", "--runs", "10"]) == 0
    out = capsys.readouterr().out
    assert "decided by the schedule link" in out and "dbp_fall.requires" in out
    assert "decided by the model's structure" not in out
