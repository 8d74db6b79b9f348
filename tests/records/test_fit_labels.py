"""A held-out journalist's record had one ministry's yearly 'incidents' and another's 'attacks' for the same years,
both mapped to attacks_on_foreign_forces: run's table (and the page's) named both rows alike, told apart only by
their sources. Where counts of one indicator count different things, the record's own word is said beside it."""
import json

import yaml

from flashpoint import records
from flashpoint.cli import main
from flashpoint.scenario.loader import resolve


def test_counts_of_one_indicator_that_count_different_things_are_told_apart(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    folder = tmp_path / "rec"
    folder.mkdir()
    rows = [("2020-01-01", "2020-06-30", "incidents", 60), ("2020-01-01", "2020-06-30", "attacks", 25),
            ("2020-07-01", "2020-12-31", "killed", 3)]
    (folder / "counts.csv").write_text("\n".join([",".join(records.COUNT_COLUMNS)] + [
        f"{a},{b},{what},,,{n},period,https://example.org,B,test" for a, b, what, n in rows]) + "\n")
    doc = yaml.safe_load(resolve("iraq-2020")[1])
    doc["record"] = {"dataset": str(folder), "indicators": {"incidents": "attacks_on_foreign_forces",
                                                             "attacks": "attacks_on_foreign_forces",
                                                             "killed": "foreign_killed"}}
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    assert main(["run", "--scenario", str(path), "--runs", "10", "--seed", "1", "--format", "json"]) == 0
    fit = json.loads(capsys.readouterr().out)["fit"]
    assert [f["what"] for f in fit] == ["incidents", "attacks", "killed"] and list(fit[0])[-1] == "what"
    assert records.fit_labels(fit) == ["attacks_on_foreign_forces (incidents)", "attacks_on_foreign_forces (attacks)",
                                       "foreign_killed"]
    assert main(["run", "--scenario", str(path), "--runs", "10", "--seed", "1"]) == 0
    table = " ".join(capsys.readouterr().out.split())
    assert "attacks_on_foreign_forces (incidents) │ 2020-01-01..2020-06-30 │ 60" in table
    assert "attacks_on_foreign_forces (attacks) │ 2020-01-01..2020-06-30 │ 25" in table
    assert "foreign_killed │ 2020-07-01..2020-12-31" in table


def test_the_pages_fit_rows_carry_the_records_word(tmp_path):
    """The page's fit table reads its rows from the web's answer (not run's JSON): they carry ``what`` too."""
    from flashpoint.scenario.loader import load_scenario
    from flashpoint.web import results

    folder = tmp_path / "rec"
    folder.mkdir()
    (folder / "counts.csv").write_text("\n".join([",".join(records.COUNT_COLUMNS)] + [
        f"2020-01-01,2020-06-30,{what},,,{n},period,https://example.org,B,test"
        for what, n in (("incidents", 60), ("attacks", 25))]) + "\n")
    doc = yaml.safe_load(resolve("iraq-2020")[1])
    doc["record"] = {"dataset": str(folder), "indicators": {"incidents": "attacks_on_foreign_forces",
                                                             "attacks": "attacks_on_foreign_forces"}}
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    sc = load_scenario(path)
    answer = results.run_answer(sc, results.summarize_policy(sc, "d", "historical", 5, 1))
    assert sorted(f["what"] for f in answer["fit"]) == ["attacks", "incidents"]
