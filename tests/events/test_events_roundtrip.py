"""Export then import gives the same events, field by field: the shipped record and sample files in
each dataset's real layout (tests/events/data), alone and all in one store."""
from pathlib import Path

import pandas as pd
import pytest

from flashpoint.events.store import EventStore

DATA = Path(__file__).parent / "data"
SAMPLES = ["acled_iraq_sample.csv", "gdelt1_sample.export.CSV", "gdelt2_sample.export.CSV", "icews_sample.tab",
           "record_sample.csv"]


def differences(before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    """'event_id field: before -> after' for every field that changed (and events lost or gained)."""
    a, b = before.set_index("event_id"), after.set_index("event_id")
    out = [f"{e}: lost" for e in a.index.difference(b.index)] + [f"{e}: new" for e in b.index.difference(a.index)]
    for event in a.index.intersection(b.index):
        for field in a.columns:
            x, y = a.at[event, field], b.at[event, field]
            if not (pd.isna(x) and pd.isna(y)) and (pd.isna(x) or pd.isna(y) or x != y):
                out.append(f"{event} {field}: {x!r} -> {y!r}")
    return out


def round_trip(tmp_path, files, curated: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    with EventStore(tmp_path / "first.duckdb", curated=curated) as first:
        for name in files:
            first.import_file(DATA / name)
        before = first.query()
        assert first.export(tmp_path / "export.csv") == len(before)
    with EventStore(tmp_path / "second.duckdb", curated=False) as second:
        counts = second.import_file(tmp_path / "export.csv")
        assert (counts.imported, counts.rejected) == (len(before), 0)
        return before, second.query()


@pytest.mark.parametrize("sample", SAMPLES)
def test_each_sample_survives_export_and_import(tmp_path, sample):
    before, after = round_trip(tmp_path, [sample], curated=False)
    assert len(before) >= 5
    assert differences(before, after) == []
    pd.testing.assert_frame_equal(after, before)


def test_the_shipped_record_and_every_sample_in_one_store(tmp_path):
    before, after = round_trip(tmp_path, SAMPLES, curated=True)
    assert set(before["provenance"].str.extract(r'"dataset": ?"([^"]+)"')[0].dropna()) == {
        "iraq-2019-2021", "red-sea-2023", "acled", "gdelt1", "gdelt2", "icews", "csv"}
    assert differences(before, after) == []
    pd.testing.assert_frame_equal(after, before)


def test_unmapped_names_keep_their_own_codes(tmp_path):
    """The case that changed on a round trip: an actor no dictionary entry names stays as written
    (foreign forces are not given the event's country), and a CSV name is not re-mapped by its code."""
    with EventStore(tmp_path / "s.duckdb", curated=False) as store:
        store.import_file(DATA / "acled_iraq_sample.csv")
        store.import_file(DATA / "record_sample.csv")
        events = store.query().set_index("event_id")
    strike = events.loc["acled:IRQ9004"]
    assert (strike.source_actor, strike.target_actor) == ("Unidentified Military Forces", "unknown")
    assert pd.isna(strike.source_code)          # outsiders in Iraq are not IRQMIL
    pmf = events.loc["acled:IRQ9008"]
    assert (pmf.source_actor, pmf.source_code) == ("Military Forces of Iraq (2020-) Popular Mobilization Forces",
                                                   "IRQMIL")
    soldiers = events.loc["notes:3"]
    assert (soldiers.source_actor, soldiers.source_code) == ("Iraqi soldiers", "IRQMIL")
    assert events.loc["notes:4", "source_actor"] == "IRQREB"   # no name: the code stands in (IRQREB names several)
    assert events.loc["notes:1", "source_actor"] == "usa" and events.loc["notes:1", "target_actor"] == "iran"


def test_a_dictionary_name_its_code_contradicts_survives_the_round_trip(tmp_path, gdelt_line):
    """A held-out tester's GDELT export changed on import: "IRAQ" coded IRQREB or IRQOPP is kept as written
    by the GDELT import (the code contradicts the government), and reading the export back mapped the name
    to iraq_gov, ignoring the stored code. The Flashpoint CSV applies the same rule."""
    path = tmp_path / "20200103154500.export.CSV"
    path.write_text("\n".join([
        gdelt_line(893510002, code="190", actor1=("UNITED STATES", "USAMIL"), actor2=("IRAQ", "IRQREB")),
        gdelt_line(893510003, code="145", actor1=("IRAQ", "IRQOPP"), actor2=("UNITED STATES", "USA")),
        gdelt_line(893510004, code="042", actor1=("IRAQ", "IRQGOV"), actor2=("UNITED STATES", "USA")),
    ]) + "\n", encoding="utf-8")
    with EventStore(tmp_path / "first.duckdb", curated=False) as first:
        first.import_file(path)
        before = first.query()
        first.export(tmp_path / "export.csv")
    with EventStore(tmp_path / "second.duckdb", curated=False) as second:
        second.import_file(tmp_path / "export.csv")
        after = second.query()
    events = before.set_index("event_id")
    assert (events.at["gdelt2:893510002", "target_actor"], events.at["gdelt2:893510003", "source_actor"]) == (
        "IRAQ", "IRAQ")
    assert events.at["gdelt2:893510004", "source_actor"] == "iraq_gov"     # a code that agrees: the government
    assert differences(before, after) == []
    pd.testing.assert_frame_equal(after, before)
