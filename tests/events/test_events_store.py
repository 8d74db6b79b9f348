"""The store: the shipped records from the start, queries, transactions, export and Flashpoint CSV round trips."""
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from flashpoint.errors import DataError, FlashpointError
from flashpoint.events.record import RECORD_FIELDS, as_record
from flashpoint.events.store import EventStore, default_store_path

SHIPPED = 222 + 217      # events.csv rows of iraq-2019-2021 and red-sea-2023


@pytest.fixture(scope="module")
def curated_store(tmp_path_factory):
    with EventStore(tmp_path_factory.mktemp("curated") / "events.duckdb") as events:
        yield events


def test_a_new_store_holds_every_shipped_record(curated_store):
    assert curated_store.datasets() == ["iraq-2019-2021", "red-sea-2023"] and len(curated_store) == SHIPPED
    january = curated_store.query(start="2020-01-01", end="2020-01-31", dataset="iraq-2019-2021")
    assert january["date"].min() >= pd.Timestamp("2020-01-01") and january["date"].max() <= pd.Timestamp("2020-01-31")
    strike = january[january["cameo_code"] == "186"].iloc[0]           # the 3 January 2020 strike at the airport
    assert (strike.source_actor, strike.target_actor, strike.plover_type, strike.killed) == ("usa", "iran", "ASSAULT", 7)
    provenance = json.loads(strike.provenance)
    assert provenance["dataset"] == "iraq-2019-2021" and provenance["sources"][0].startswith("https://")
    red = curated_store.query(dataset="red-sea-2023")
    assert len(red) == 217 and red["event_id"].str.startswith("red-sea-2023:").all()
    assert set(red["mode"].dropna()) >= {"missile", "drone", "boat", "seizure", "airstrike"}


def test_query_results_have_the_record_shape(curated_store):
    events = curated_store.query(limit=3)
    assert list(events.columns) == list(RECORD_FIELDS)
    assert {c: str(t) for c, t in events.dtypes.items()} == {c: str(t) for c, t in as_record(events).dtypes.items()}
    assert str(events["date"].dtype) == "datetime64[ns]"


def test_queries_filter_by_actor_type_mode_and_dataset(curated_store):
    kh = curated_store.query(actor="kh")
    assert len(kh) and ((kh.source_actor == "kh") | (kh.target_actor == "kh")).all()
    rockets = curated_store.query(mode="indirect_fire", start="2020-03-11", end="2020-03-17")
    assert rockets["location"].str.contains("Taji").sum() == 2 and (rockets["plover_type"] == "ASSAULT").all()
    assert (curated_store.query(plover_type="assault")["plover_type"] == "ASSAULT").all()
    assert len(curated_store.query(dataset="iraq-2019-2021")) == 222
    assert curated_store.query(dataset="acled").empty
    with pytest.raises(FlashpointError, match="unknown attack mode 'rockets'"):
        curated_store.query(mode="rockets")
    with pytest.raises(FlashpointError, match="start: '2020-02-30' is not a date"):
        curated_store.query(start="2020-02-30")


@pytest.mark.parametrize("filters, words", [
    ({"actor": "kataib"}, "actor: unknown actor 'kataib'. Known: "),
    ({"target": ["kh", "nobody"]}, "target: unknown actor"),
    ({"start": "2021-01-01", "end": "2020-01-01"}, "start 2021-01-01 is after end 2020-01-01"),
    ({"dataset": "nope"}, "dataset: unknown dataset 'nope'"), ({"actr": "kh"}, "unknown event filter(s) 'actr'")])
def test_a_filter_that_could_match_nothing_is_refused_from_python_too(curated_store, tmp_path, filters, words):
    """A held-out Python user: query(actor="kataib") and a start after the end gave 0 rows, where `events list`
    and the web refuse them; export(actr=...) exported every event."""
    with pytest.raises(FlashpointError) as err:
        curated_store.query(**filters) if "actr" not in filters else curated_store.export(tmp_path / "x.csv", **filters)
    assert words in str(err.value)
    assert not (tmp_path / "x.csv").exists()
    named = curated_store.query(actor="Kataib Hezbollah", limit=5)      # a name the dictionary knows: its id
    assert len(named) and (named[["source_actor", "target_actor"]] == "kh").any(axis=1).all()


def test_the_actor_filter_can_also_match_what_a_record_attributes_to_the_actor(curated_store):
    """Issue 16: a faction's attacks are stored as unknown -> usa; attributed=True finds them by attribution."""
    stored = curated_store.query(actor="kh", plover_type="ASSAULT")
    assert (stored["source_actor"] == "usa").all()                              # only strikes on the faction
    both = curated_store.query(actor="kh", plover_type="ASSAULT", attributed=True)
    notes = curated_store.notes(both["event_id"])
    blamed = both[both["source_actor"] == "unknown"]
    assert len(blamed) >= 2 and all(notes[e]["attributed_actor"] == "kh" for e in blamed["event_id"])
    assert set(stored["event_id"]) < set(both["event_id"])
    fronts = curated_store.query(source="aah", attributed=True)
    assert len(fronts) > 10 and (fronts["source_actor"] == "unknown").all()    # front names listed for the faction
    assert curated_store.query(source="aah").empty


def test_notes_are_kept_beside_the_events(curated_store):
    first = curated_store.query(dataset="red-sea-2023", limit=2)
    notes = curated_store.notes(first["event_id"])
    assert set(notes) == set(first["event_id"])
    one = notes["red-sea-2023:0001"]
    assert (one["dataset"], one["theatre"], one["target_kind"], one["attributed_actor"]) == (
        "red-sea-2023", "ISR", "israel", "houthis")
    assert one["summary"] and one["sources"].startswith("https://") and one["reliability"] == "A"
    assert curated_store.notes([]) == {} and curated_store.notes(["nothing:1"]) == {}


def test_reopening_keeps_events_and_does_not_reload_the_shipped_records(tmp_path, gdelt_file, gdelt_line):
    path = tmp_path / "events.duckdb"
    with EventStore(path) as first:
        first.import_file(gdelt_file([gdelt_line(1)]))
        assert len(first) == SHIPPED + 1
    with EventStore(path) as second:
        assert len(second) == SHIPPED + 1
        assert second.con.execute("SELECT count(*) FROM imports").fetchone()[0] == 3


def test_a_changed_record_is_reloaded_and_a_retired_dataset_dropped(tmp_path, monkeypatch):
    from flashpoint.events import shipped

    path = tmp_path / "events.duckdb"
    with EventStore(path, curated=False) as old:        # a store written by a version with the first curated list
        old.add(pd.DataFrame({"event_id": ["iraq-2019-2020:001"], "date": ["2019-12-03"], "cameo_code": ["194"]}),
                dataset="iraq-2019-2020")
        old.con.execute("INSERT INTO store_meta VALUES ('curated', 'abc')")
    with EventStore(path) as store:
        assert store.datasets() == ["iraq-2019-2021", "red-sea-2023"] and len(store) == SHIPPED
        assert store.con.execute("SELECT count(*) FROM store_meta WHERE key = 'curated'").fetchone()[0] == 0
    # a newer package ships a shorter red-sea-2023: its digest changes, its rows and notes are replaced
    digest, table = shipped.record_digest, shipped._table
    fewer = table("red-sea-2023").head(5)
    monkeypatch.setattr(shipped, "record_digest", lambda name: "new" if name == "red-sea-2023" else digest(name))
    monkeypatch.setattr(shipped, "_table", lambda name: fewer if name == "red-sea-2023" else table(name))
    with EventStore(path) as store:
        assert len(store.query(dataset="red-sea-2023")) == 5 and len(store.query(dataset="iraq-2019-2021")) == 222
        kept = store.con.execute("SELECT count(*) FROM event_notes WHERE dataset = 'red-sea-2023'").fetchone()[0]
        assert kept == 5
        imports = store.con.execute("SELECT count(*) FROM imports WHERE dataset = 'iraq-2019-2021'").fetchone()[0]
        assert imports == 1                                              # the unchanged record was not reloaded


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
    # a given provenance naming no dataset gets the one the events are added to: they are found by it
    assert json.loads(events.loc["news:1", "provenance"]) == {"dataset": "news", "doc": "a.txt", "sentence": 1}
    assert len(store.query(dataset="news")) == 2 and "news" in store.datasets()
    assert json.loads(events.loc["news:2", "provenance"]) == {"dataset": "news", "row": 2}
    bad = frame.assign(event_id=["news:3", "news:4"], cameo_code=["186", "1999"])
    with pytest.raises(DataError, match=r"row 2: cameo_code: not a code of the CAMEO codebook: '1999'") as caught:
        store.add(bad)
    assert len(store) == 2
    # add() has no skip_bad: its error does not send a Python user to the command's --skip-bad (a held-out one)
    assert "--skip-bad" not in str(caught.value) and "add() adds every row or none" in str(caught.value)


def test_add_takes_a_dataset_name_as_import_does_and_says_where_rows_of_another_dataset_go(store):
    """A held-out Python user: add() took a shipped record's name and "Bad Name!", which import refuses, and put
    rows whose provenance names a record under that record, not under the dataset given, without a word."""
    from flashpoint.errors import FlashpointNote
    from flashpoint.events.shipped import record_events

    rows = record_events("iraq-2019-2021").head(3).assign(event_id=["mine:1", "mine:2", "mine:3"])
    for name, words in (("iraq-2019-2021", "dataset 'iraq-2019-2021' is a shipped record's name"),
                        ("Bad Name!", "dataset 'Bad Name!': expected a name of lower-case letters")):
        with pytest.raises(FlashpointError, match=words):
            store.add(rows.assign(provenance=""), dataset=name)
    assert len(store) == 0
    with pytest.warns(FlashpointNote, match=r"3 of the 3 rows name their own dataset in their provenance "
                                            r"\(iraq-2019-2021: 3\) and keep it, not 'news'"):
        assert store.add(rows, dataset="news").imported == 3
    assert "news" not in store.datasets()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")                 # blank provenance: stored under the name given, no note
        store.add(rows.assign(event_id=["mine:4", "mine:5", "mine:6"], provenance=""), dataset="news")
    assert len(store.query(dataset="news")) == 3


def test_export_then_import_gives_the_same_events(curated_store, tmp_path):
    exported = tmp_path / "record.csv"
    assert curated_store.export(exported) == SHIPPED
    assert exported.read_text().splitlines()[0] == ",".join(RECORD_FIELDS)
    with EventStore(tmp_path / "copy.duckdb", curated=False) as copy:
        counts = copy.import_file(exported)
        assert counts.imported == SHIPPED
        pd.testing.assert_frame_equal(copy.query(), curated_store.query())


def test_parquet_export_has_the_record_fields(curated_store, tmp_path):
    path = tmp_path / "record.parquet"
    assert curated_store.export(path, dataset="red-sea-2023") == 217
    table = pq.read_table(path)
    assert table.column_names == list(RECORD_FIELDS) and table.num_rows == 217
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


@pytest.mark.parametrize("content", [b"a,b\n1,2\n", b"", b"SQLite format 3\x00" + b"\x00" * 100])
def test_an_existing_file_that_is_no_duckdb_database_is_refused(tmp_path, content):
    # DuckDB opened a CSV as a database of its own: imports "succeeded" and kept nothing
    path = tmp_path / "copy.csv"
    path.write_bytes(content)
    with pytest.raises(FlashpointError, match=r"copy.csv: not an event store \(a DuckDB file written by "
                                              r"flashpoint events import\)"):
        EventStore(path, curated=False)
    assert path.read_bytes() == content and sorted(p.name for p in tmp_path.iterdir()) == ["copy.csv"]


def test_a_store_written_before_opens_again_and_a_new_path_is_created(tmp_path):
    path = tmp_path / "new.duckdb"
    with EventStore(path, curated=False) as events:
        assert len(events) == 0
    assert path.is_file()
    with EventStore(path, curated=False) as events:
        assert len(events) == 0


@pytest.mark.parametrize("table", ["events(a INTEGER)", "foo(a INTEGER)", "event_rows(a INTEGER)"])
def test_another_duckdb_database_is_refused_and_left_as_it_was(tmp_path, table):
    """A held-out tester's DuckDB file of its own was given the store's tables (events list, which only reads), or
    ended in a traceback where a table of its own was named like one of the store's."""
    import duckdb

    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(f"CREATE TABLE {table}")
    with pytest.raises(FlashpointError, match="a DuckDB database that is no Flashpoint event store"):
        EventStore(path)
    with duckdb.connect(str(path)) as con:
        assert len(con.execute("SELECT table_name FROM information_schema.tables").fetchall()) == 1
    EventStore(tmp_path / "empty.duckdb").close()                       # a new file, and a store, open as before
    EventStore(tmp_path / "empty.duckdb").close()
