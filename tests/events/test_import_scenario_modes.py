"""`flashpoint events import --scenario`: a Flashpoint CSV may have the attack modes a scenario declares, as a
record laid beside that scenario may (docs/records.md). Found by a held-out scenario: its own record's events,
which `scenario validate` accepted, were refused by the import, which had no way to be told the scenario's modes."""
import json

from flashpoint.cli import main
from flashpoint.scenario.loader import resolve

ROWS = ("event_id,date,cameo_code,source_actor,target_actor,mode,killed\n"
        "mine:1,2024-01-10,190,houthis,usa,usv,0\n"
        "mine:2,2024-01-11,190,houthis,usa,drone,1\n")


def files(tmp_path):
    """The CSV, and the built-in sea case with its explosive boats declared as a mode of its own (usv)."""
    (tmp_path / "mine.csv").write_text(ROWS)
    (tmp_path / "s.yaml").write_text(resolve("red-sea-2023")[1].replace("boat", "usv"))
    return str(tmp_path / "mine.csv"), str(tmp_path / "s.yaml")


def test_import_takes_the_modes_a_scenario_declares(tmp_path, capsys):
    csv, scenario = files(tmp_path)
    store = str(tmp_path / "s.duckdb")
    assert main(["events", "import", csv, "--format", "csv", "--dataset", "mine", "--store", store]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "mode: not one of indirect_fire" in err and "'usv'" in err
    assert "a scenario's own modes are accepted with events import --scenario NAME|FILE" in err
    assert main(["events", "import", csv, "--format", "csv", "--dataset", "mine", "--store", store,
                 "--scenario", scenario]) == 0
    assert "imported 2" in capsys.readouterr().out
    assert main(["events", "list", "--mode", "usv", "--format", "json", "--store", store]) == 0
    assert [e["event_id"] for e in json.loads(capsys.readouterr().out)] == ["mine:1"]
    assert main(["events", "list", "--mode", "usb", "--store", store]) == 2
    assert "did you mean 'usv'?" in capsys.readouterr().err


def test_a_scenario_that_does_not_declare_the_mode_still_refuses_it_and_says_so(tmp_path, capsys):
    csv, _ = files(tmp_path)
    store = str(tmp_path / "s.duckdb")
    assert main(["events", "import", csv, "--store", store, "--scenario", "red-sea-2023"]) == 2
    assert "those scenario red-sea-2023 declares): 'usv'" in " ".join(capsys.readouterr().err.split())
    acled = tmp_path / "a.csv"
    acled.write_text("event_id_cnty,event_date,sub_event_type\n")
    assert main(["events", "import", str(acled), "--store", store, "--scenario", "red-sea-2023"]) == 2
    assert "--scenario applies to Flashpoint CSV files" in capsys.readouterr().err
