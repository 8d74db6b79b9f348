"""The store: the curated dataset from the start, queries, transactions, export and Flashpoint CSV round trips."""
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from flashpoint.errors import DataError, FlashpointError
from flashpoint.events.record import RECORD_FIELDS, as_record
from flashpoint.events.store import EventStore, default_store_path


@pytest.fixture(scope="module")
def curated_store(tmp_path_factory):
    with EventStore(tmp_path_factory.mktemp("curated") / "events.duckdb") as events:
        yield events


def test_a_new_store_holds_the_curated_record(curated_store):
    january = curated_store.query(start="2020-01-01", end="2020-01-31")
    assert len(january) == 8
    assert january["date"].min() >= pd.Timestamp("2020-01-01") and january["date"].max() <= pd.Timestamp("2020-01-31")
    strike = january.set_index("event_id").loc["iraq-2019-2020:008"]
    assert (strike.source_actor, strike.target_actor, strike.plover_type, strike.killed) == ("usa", "iran", "ASSAULT", 7)
    provenance = json.loads(strike.provenance)
    assert provenance["dataset"] == "iraq-2019-2020" and provenance["sources"][0].startswith("https://")


def test_query_results_have_the_record_shape(curated_store):
    events = curated_store.query(limit=3)
    assert list(events.columns) == list(RECORD_FIELDS)
    assert {c: str(t) for c, t in events.dtypes.items()} == {c: str(t) for c, t in as_record(events).dtypes.items()}
    assert str(events["date"].dtype) == "datetime64[ns]"


def test_queries_filter_by_actor_type_mode_and_dataset(curated_store):
    kh = curated_store.query(actor="kh")
    assert len(kh) and ((kh.source_actor == "kh") | (kh.target_actor == "kh")).all()
    rockets = curated_store.query(mode="indirect_fire", start="2020-03-01", end="2020-03-31")
    assert rockets["event_id"].tolist() == ["iraq-2019-2020:016", "iraq-2019-2020:018", "iraq-2019-2020:021"]
    assert (curated_store.query(plover_type="assault")["plover_type"] == "ASSAULT").all()
    assert len(curated_store.query(dataset="iraq-2019-2020")) == len(curated_store) == 46
    assert curated_store.query(dataset="acled").empty
    with pytest.raises(FlashpointError, match="unknown attack mode 'rockets'"):
        curated_store.query(mode="rockets")
    with pytest.raises(FlashpointError, match="start: '2020-02-30' is not a date"):
        curated_store.query(start="2020-02-30")


def test_reopening_keeps_events_and_does_not_reload_the_curated_record(tmp_path, gdelt_file, gdelt_line):
    path = tmp_path / "events.duckdb"
    with EventStore(path) as first:
        first.import_file(gdelt_file([gdelt_line(1)]))
        assert len(first) == 47
    with EventStore(path) as second:
        assert len(second) == 47
        assert second.con.execute("SELECT count(*) FROM imports").fetchone()[0] == 2


def test_a_failed_import_leaves_the_store_as_it_was(store, gdelt_file, gdelt_line):
    store.import_file(gdelt_file([gdelt_line(1), gdelt_line(2)], name="good.tsv"))
    before = store.query()
    with pytest.raises(DataError):
        store.import_file(gdelt_file([gdelt_line(3), gdelt_line(4, day="2020")], name="bad.tsv"))
    pd.testing.assert_frame_equal(store.query(), before)


def test_add_checks_a_frame_like_a_file(store):
    frame = pd.DataFrame({
        "event_id": ["news:1", "news:2"], "date": pd.to_datetime(["2020-01-03", "2020-01-08"]),
        "source_actor": ["usa", "Iran"], "target_actor": ["iran", "usa"], "cameo_code": ["186", "195"],
        "mode": ["drone", "missile"], "killed": pd.array([7, None], dtype="Int64"),
        "provenance": ['{"doc": "a.txt", "sentence": 1}', None],
    })
    counts = store.add(frame, dataset="news")
    assert (counts.imported, counts.already_present) == (2, 0)
    assert store.add(frame, dataset="news").already_present == 2
    events = store.query().set_index("event_id")
    assert events.loc["news:2", "source_actor"] == "iran" and events.loc["news:2", "source_code"] == "IRNMIL"
    assert json.loads(events.loc["news:1", "provenance"]) == {"doc": "a.txt", "sentence": 1}
    assert json.loads(events.loc["news:2", "provenance"]) == {"dataset": "news", "row": 2}
    bad = frame.assign(event_id=["news:3", "news:4"], cameo_code=["186", "1999"])
    with pytest.raises(DataError, match=r"row 2: cameo_code: not a code of the CAMEO codebook: '1999'"):
        store.add(bad)
    assert len(store) == 2


def test_export_then_import_gives_the_same_events(curated_store, tmp_path):
    exported = tmp_path / "record.csv"
    assert curated_store.export(exported) == 46
    assert exported.read_text().splitlines()[0] == ",".join(RECORD_FIELDS)
    with EventStore(tmp_path / "copy.duckdb", curated=False) as copy:
        counts = copy.import_file(exported)
        assert counts.imported == 46
        pd.testing.assert_frame_equal(copy.query(), curated_store.query())


def test_parquet_export_has_the_record_fields(curated_store, tmp_path):
    path = tmp_path / "record.parquet"
    assert curated_store.export(path, dataset="iraq-2019-2020") == 46
    table = pq.read_table(path)
    assert table.column_names == list(RECORD_FIELDS) and table.num_rows == 46
    with pytest.raises(FlashpointError, match=r"\.parquet or \.csv"):
        curated_store.export(tmp_path / "record.xlsx")


def test_csv_fields_that_disagree_with_the_cameo_code_are_refused(store, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("event_id,date,cameo_code,plover_type,goldstein,mode,killed\n"
                    "a,2020-01-03,190,ASSAULT,-10,indirect_fire,1\n"
                    "b,2020-01-04,190,PROTEST,-10,,\n"
                    "c,2020-01-05,190,,3,rockets,-1\n")
    with pytest.raises(DataError) as caught:
        store.import_file(path)
    message = str(caught.value)
    assert "line 3: plover_type: disagrees with the CAMEO code: 'PROTEST'" in message
    assert "line 4: mode: not one of indirect_fire" in message
    assert "killed: not a whole number of people" in message and "goldstein: disagrees" in message


def test_the_default_path_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASHPOINT_STORE", str(tmp_path / "mine.duckdb"))
    assert default_store_path() == tmp_path / "mine.duckdb"
    monkeypatch.delenv("FLASHPOINT_STORE")
    assert default_store_path().name == "events.duckdb"
