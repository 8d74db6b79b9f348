"""Mistakes a held-out tester made with `flashpoint events` (a record of the eastern DRC):
a misspelt column imported as empty, a record's notes dropped unsaid, a failed import leaving a
new store behind, and a record folder given to --dataset answered with the list of file formats."""
import duckdb
import pytest

from flashpoint.cli import main
from flashpoint.errors import DataError
from flashpoint.events.importers import FORMATS
from flashpoint.events.shipped import NOTE_COLUMNS

RECORD_HEADER = ("event_id,date,date_precision,source_actor,target_actor,cameo_code,mode,killed,wounded,location,"
                 "theatre,target_kind,attribution,attributed_to,summary,sources,reliability")
RECORD_ROWS = (
    ('drc:0001,2022-03-29,day,m23,monusco,190,gunfire,8,0,"Tshanzu, Rutshuru",COD,un_base,reported,M23 (army),'
     '"A helicopter crashed; eight died.",https://example.org/1,B'),
    ("drc:0002,2022-06-13,day,m23,fardc,190,gunfire,,,Bunagana,COD,host_forces,reported,M23,"
     "The town fell.,https://example.org/2,B"),
    ("drc:0003,2022-10-29,day,m23,monusco,194,indirect_fire,3,4,Kiwanja,COD,un_base,claimed,M23,"
     "Shelling.,https://example.org/3,A"),
)


def write_record(folder, header=RECORD_HEADER, rows=RECORD_ROWS):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "events.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("misspelt", "meant"), [("killled", "killed"), ("Killed", "killed"),
                                                 ("date_precison", "date_precision")])
def test_a_misspelt_column_is_refused_not_imported_empty(tmp_path, capsys, misspelt, meant):
    """`killled` in the header: the import said "imported 33, rejected 0" and every killed value was empty."""
    path = write_record(tmp_path / "rec", header=RECORD_HEADER.replace(meant, misspelt, 1))
    store = tmp_path / "s.duckdb"
    assert main(["events", "import", str(path), "--format", "csv", "--dataset", "typo", "--store", str(store)]) == 2
    err = capsys.readouterr().err
    position = RECORD_HEADER.split(",").index(meant) + 1
    assert f"{path}: line 1, column {position}: {misspelt!r} is not a column" in err
    assert f"did you mean {meant!r}?" in err and "event_id, date, cameo_code" in err and "Traceback" not in err
    assert not store.exists()                  # nothing written: the store it would have made is not left behind


def test_a_misspelt_column_adds_nothing_to_an_open_store(store, tmp_path):
    path = write_record(tmp_path / "rec", header=RECORD_HEADER.replace("killed", "killled"))
    with pytest.raises(DataError, match="did you mean 'killed'"):
        store.import_file(path, "csv", dataset="typo")
    assert len(store) == 0 and store.datasets() == []


def test_columns_the_format_does_not_read_are_named_and_a_records_notes_explained(tmp_path, capsys):
    """A record's events.csv imported as CSV lost summary, sources, ... without a word."""
    rows = [row + ",x" for row in RECORD_ROWS]
    path = write_record(tmp_path / "rec", header=RECORD_HEADER + ",analyst", rows=rows)
    store = str(tmp_path / "s.duckdb")
    assert main(["events", "import", str(path), "--format", "csv", "--dataset", "drc", "--store", store]) == 0
    captured = capsys.readouterr()
    assert ("read 3, imported 3, already present 0, rejected 0; dataset drc; 8 columns not imported: "
            + ", ".join(NOTE_COLUMNS) + ", analyst") in captured.out
    assert "has a record's columns (theatre," in captured.err and "record: {dataset: FOLDER}" in captured.err
    assert main(["events", "list", "--dataset", "drc", "--format", "csv", "--store", store]) == 0
    assert "drc:0003,2022-10-29" in capsys.readouterr().out          # the event fields are all there
    # a file with the record's fields only says nothing more
    plain = write_record(tmp_path / "plain", header=RECORD_HEADER.split(",theatre")[0],
                         rows=[",".join(row.split(",")[:10]) for row in RECORD_ROWS[1:]])
    assert main(["events", "import", str(plain), "--dataset", "plain", "--store", store]) == 0
    captured = capsys.readouterr()
    assert "not imported" not in captured.out and "has a record's columns" not in captured.err
    # (its events were imported above under drc: kept once, the note says --dataset plain holds none of them)
    assert "--dataset plain holds none of them" in captured.err


def test_an_acled_exports_own_columns_are_not_taken_for_misspellings(store, tmp_path):
    """admin2 is no misspelling of admin1, nor geo_precision of time_precision, in a file lacking those."""
    header = "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,admin2,geo_precision,fatalities"
    path = tmp_path / "acled.csv"
    path.write_text(header + "\nIRQ1,2020-01-03,Battles,Armed clash,A,B,Karkh,1,2\n", encoding="utf-8")
    counts = store.import_file(path)
    assert counts.imported == 1 and counts.not_imported == ("admin2", "geo_precision")


class _Asked(tuple):
    """A header that notes which column names an importer asks about."""

    def __new__(cls, names):
        made = super().__new__(cls, names)
        made.asked = set()
        return made

    def __contains__(self, name):
        self.asked.add(name)
        return super().__contains__(name)


@pytest.mark.parametrize("name", ["acled", "icews", "csv"])
def test_every_column_an_importer_reads_is_in_its_list(name):
    """The columns an import names as not imported are those its select never reads."""
    fmt = FORMATS[name]
    header = _Asked(fmt.reads)
    fmt.select(header, "f")
    assert header.asked <= set(fmt.reads)
    assert not set(fmt.layout) & set(fmt.reads)


def test_a_failed_import_leaves_no_new_store_and_an_old_one_as_it_was(tmp_path, capsys):
    """A bad row refused the import but left a new 2 MB store file behind."""
    bad = write_record(tmp_path / "bad", rows=[RECORD_ROWS[0], RECORD_ROWS[1].replace("gunfire", "mortar")])
    store = tmp_path / "new.duckdb"
    args = ["events", "import", str(bad), "--format", "csv", "--dataset", "bad", "--store", str(store)]
    assert main(args) == 2
    assert "line 3: mode: not one of" in capsys.readouterr().err
    assert not store.exists() and not store.with_name(store.name + ".wal").exists()

    good = write_record(tmp_path / "good")
    assert main(["events", "import", str(good), "--dataset", "good", "--store", str(store)]) == 0
    assert main(["events", "export", "--to", str(tmp_path / "before.csv"), "--store", str(store)]) == 0
    assert main(args) == 2
    assert store.exists()
    assert main(["events", "export", "--to", str(tmp_path / "after.csv"), "--store", str(store)]) == 0
    assert (tmp_path / "after.csv").read_text() == (tmp_path / "before.csv").read_text()
    from flashpoint.events.store import EventStore

    with EventStore(store) as events:
        assert [row[0] for row in events.con.execute("SELECT dataset FROM imports").fetchall()].count("good") == 1


def test_a_record_folder_given_as_dataset_is_explained(tmp_path, capsys):
    """`list --dataset FOLDER` answered "unknown dataset ... Known: acled, csv, gdelt1, ..." (formats, not datasets)."""
    folder = tmp_path / "record-drc"
    write_record(folder)
    store = str(tmp_path / "s.duckdb")
    for given in (str(folder), str(folder / "events.csv")):
        assert main(["events", "list", "--dataset", given, "--store", store]) == 2
        err = " ".join(capsys.readouterr().err.split())        # the console wraps long lines
        assert f"{folder} is a record folder" in err and "record: {dataset: " in err
        assert f"flashpoint events import {folder / 'events.csv'} --format csv --dataset NAME" in err
        known = err.split("Known: ")[1]
        assert known.startswith("iraq-2019-2021, red-sea-2023 (") and "gdelt1" not in known
    assert main(["events", "list", "--dataset", "record-drc", "--store", store]) == 2   # no such folder here
    err = capsys.readouterr().err
    assert "record folder" not in err and "unknown dataset 'record-drc'" in err


def test_an_unclosed_quote_and_utf16_text_are_named(tmp_path, capsys):
    """Held-out bad input: a quote never closed gave "rows could not be matched to file lines (1 read, 0 parsed)",
    and a UTF-16 file "cannot tell the format from line 1 ('\\xff\\xfee\\x00v\\x00...')"."""
    path = tmp_path / "quote.csv"           # the tester's file: the rest of it one quoted field
    path.write_text("event_id,date,cameo_code,source_actor,target_actor,mode,killed,wounded,location\n"
                    't:1,2020-01-05,194,kh,usa,indirect_fire,0,1,"Baghdad\n'
                    "t:2,2020-01-06,194,kh,usa,indirect_fire,0,1,b", encoding="utf-8")
    store = tmp_path / "s.duckdb"
    assert main(["events", "import", str(path), "--format", "csv", "--dataset", "q", "--store", str(store)]) == 2
    assert f"{path}: line 2: a quote (\") opens a field that is never closed" in capsys.readouterr().err
    utf16 = tmp_path / "utf16.csv"
    utf16.write_text(RECORD_HEADER + "\n" + "\n".join(RECORD_ROWS) + "\n", encoding="utf-16")
    for extra in ([], ["--format", "csv"]):
        assert main(["events", "import", str(utf16), "--dataset", "u", "--store", str(store), *extra]) == 2
        assert f"{utf16}: UTF-16 text; save the file as UTF-8" in capsys.readouterr().err
    assert not store.exists()


def test_a_parquet_export_given_to_import_is_named_not_dumped(tmp_path, capsys):
    """A tester's `events export --to x.parquet`, then `events import x.parquet`: "cannot tell the format from line 1"
    and the file's bytes."""
    csv = tmp_path / "a.csv"
    csv.write_text(RECORD_HEADER + "\n" + "\n".join(RECORD_ROWS) + "\n", encoding="utf-8")
    store, parquet = tmp_path / "s.duckdb", tmp_path / "x.parquet"
    assert main(["events", "import", str(csv), "--dataset", "a", "--store", str(store)]) == 0
    assert main(["events", "export", "--to", str(parquet), "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["events", "import", str(parquet), "--dataset", "b", "--store", str(tmp_path / "t.duckdb")]) == 2
    err = capsys.readouterr().err
    assert f"{parquet}: a Parquet file; import reads text exports" in err and "PAR1" not in err


def test_skip_bad_with_every_row_bad_is_refused_not_a_success(tmp_path, capsys):
    """Held-out bad input: --skip-bad on a file whose three rows were all bad said "imported 0", exit 0."""
    rows = [r.replace("2022-", "2022/") for r in RECORD_ROWS]
    path = write_record(tmp_path / "bad", rows=rows)
    store, rejects = tmp_path / "s.duckdb", tmp_path / "r.csv"
    assert main(["events", "import", str(path), "--format", "csv", "--dataset", "b", "--store", str(store),
                 "--skip-bad", "--rejects", str(rejects)]) == 2
    assert f"every row (3) was rejected, so nothing was imported; the rows and why: {rejects}" in capsys.readouterr().err
    assert rejects.exists() and not store.exists()
    good = write_record(tmp_path / "good")                 # into a store that exists: it is left as it was
    assert main(["events", "import", str(good), "--format", "csv", "--dataset", "b", "--store", str(store)]) == 0

    def imports():
        return duckdb.connect(str(store), read_only=True).execute("SELECT * FROM imports").fetchall()

    before = imports()
    assert main(["events", "import", str(path), "--format", "csv", "--dataset", "b", "--store", str(store),
                 "--skip-bad", "--rejects", str(rejects)]) == 2
    assert imports() == before


def test_a_two_digit_year_is_refused_not_stored_as_the_year_22(tmp_path, capsys):
    """Held-out: "22-03-29" was imported as the year 22, and every later `events list` ended in a traceback."""
    path = write_record(tmp_path / "yy", rows=[RECORD_ROWS[0].replace("2022-03-29", "22-03-29")])
    store = tmp_path / "s.duckdb"
    assert main(["events", "import", str(path), "--format", "csv", "--dataset", "y", "--store", str(store)]) == 2
    assert "line 2: date: not a date (YYYY-MM-DD): '22-03-29'" in capsys.readouterr().err
    assert not store.exists()
