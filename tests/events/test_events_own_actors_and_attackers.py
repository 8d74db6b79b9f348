"""A held-out analyst's own case (a patron's two factions, a foreign power and peacekeepers; her scenario and record
in data/ho81): her faction's id was stored as another theatre's actor at import, unsaid; compare counted attacks by
actors the runs never make attacks of, and refused the runs' breakdown by faction."""
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from flashpoint.errors import FlashpointError, FlashpointNote
from flashpoint.events.store import EventStore

CASE = Path(__file__).parent / "data" / "ho81"
EVENTS = CASE / "plo-record" / "events.csv"


def test_a_scenarios_actor_id_is_kept_at_import(tmp_path):
    with EventStore(tmp_path / "s.duckdb") as store:
        counts = store.import_file(EVENTS, "csv", dataset="own", scenario=str(CASE / "case.yaml"))
        rows = store.query(dataset="own")
    first = rows.set_index("event_id").loc["plo-record:0001"]
    assert (first["source_actor"], first["source_code"]) == ("fatah", "PSEREB")
    assert counts.renamed == () and counts.unmapped == ()     # its own ids are known actors


def test_a_plain_import_says_every_rename(tmp_path):
    """Without --scenario the dictionary decides, and a name it turns into another id is said in the summary."""
    with EventStore(tmp_path / "s.duckdb") as store:
        counts = store.import_file(EVENTS, "csv", dataset="own")
        rows = store.query(dataset="own").set_index("event_id")
    assert rows.loc["plo-record:0001", "source_actor"] == "badr"
    assert counts.renamed == (("fatah", "badr", 8),)


def test_the_cli_summary_names_a_rename(tmp_path):
    from typer.testing import CliRunner

    from flashpoint.cli import app

    text = EVENTS.read_text(encoding="utf-8").replace(",israel,fatah,", ",israel,Fatah Alliance,")
    (tmp_path / "e.csv").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["events", "import", str(tmp_path / "e.csv"), "--format", "csv",
                                      "--dataset", "own", "--store", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 0, result.output
    assert "'Fatah Alliance' -> badr (6)" in result.output


@pytest.fixture(scope="module")
def ensemble():
    import flashpoint

    return flashpoint.simulate(str(CASE / "case.yaml"), runs=4, seed=1)


def _compare(ensemble, indicator):
    from flashpoint.events.compare import compare

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = compare(ensemble, indicator).series
    return table, [str(w.message) for w in caught if issubclass(w.category, FlashpointNote)]


def test_attacks_by_actors_the_runs_never_make_are_left_out_and_said(ensemble):
    table, notes = _compare(ensemble, "attacks_on_foreign_forces")
    observed = table["observed"]
    assert observed[pd.Timestamp("1980-04-01")] == 0 and observed[pd.Timestamp("1982-06-01")] == 1
    assert table.attrs["other_attackers"] == {"haddad": 1, "abu_nidal": 1}
    assert any("2 attack(s)" in n and "haddad: 1" in n for n in notes)
    parts = sum(_compare(ensemble, f"attacks_on_foreign_forces.{t}")[0]["observed"].fillna(0)
                for t in ("israel_north", "idf_lebanon", "unifil_posts"))
    assert (parts == observed.fillna(0)).all() and table.attrs["no_attack_target"] == {}


def test_an_attack_reaching_no_attack_target_is_said(ensemble, tmp_path, monkeypatch):
    """A faction's attack on the foreign power abroad (a target kind no attack target maps) is in the total and in
    no breakdown by target: the comparison says how many."""
    import flashpoint
    import flashpoint.events.shipped as shipped
    from flashpoint.events.compare import compare

    folder = tmp_path / "case"
    shutil.copytree(CASE, folder)
    table = folder / "plo-record" / "events.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("plo-record:0015,1982-06-03,day,abu_nidal",
                                                                "plo-record:0015,1982-06-03,day,fatah"))
    spec = flashpoint.load_scenario(str(folder / "case.yaml"))
    events = shipped.record_events(ensemble.spec.record.dataset)
    events.loc[events["event_id"].eq("plo-record:0015"), "source_actor"] = "fatah"
    monkeypatch.setattr(shipped, "record_events", lambda dataset: events)
    monkeypatch.setattr(ensemble, "spec", spec)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        total = compare(ensemble).series
    assert total.loc["1982-06-01", "observed"] == 2 and total.attrs["no_attack_target"] == {"israel": 1}


def test_the_runs_breakdown_by_faction_is_matched(ensemble):
    table, _ = _compare(ensemble, "attacks_on_foreign_forces.fatah")
    observed = table["observed"]
    assert observed[pd.Timestamp("1978-03-01")] == 1 and observed[pd.Timestamp("1982-06-01")] == 1
    assert observed[pd.Timestamp("1981-07-01")] == 0 and table.attrs["unattributed"] == 4


def test_a_breakdown_the_record_cannot_match_lists_the_scenarios_own_modes():
    from flashpoint.events.series import indicator_series

    frame = pd.DataFrame(columns=["date", "date_precision", "plover_type", "target_actor", "mode", "source_actor"])
    with pytest.raises(FlashpointError) as err:
        indicator_series(frame, "attacks_on_foreign_forces.nobody", targets=["a"], sources=["f"],
                         modes=["indirect_fire", "gunfire"])
    assert "indirect_fire, gunfire" in str(err.value) and "drone" not in str(err.value)
    assert "attackers (f)" in str(err.value)
