"""GDELT 1.0 and 2.0 imports: fields, provenance, deduplication, all-or-nothing, line numbers."""
import csv
import gzip
import json

import pandas as pd
import pytest

from flashpoint.errors import DataError


def test_gdelt2_rows_become_record_events(store, gdelt_file, gdelt_line):
    path = gdelt_file([
        gdelt_line(101, code="190"),
        gdelt_line(102, day="20200108", code="195", actor1=("IRAN", "IRNMIL"), actor2=("", "USAMIL")),
        gdelt_line(103, code="042", actor1=("SOMEONE NEW", "IRQ"), actor2=("", "")),
    ])
    counts = store.import_file(path)
    assert (counts.read, counts.imported, counts.already_present, counts.rejected) == (3, 3, 0, 0)
    events = store.query().set_index("event_id")
    first = events.loc["gdelt2:101"]
    assert (first.source_actor, first.source_code, first.target_actor, first.target_code) == (
        "usa", "USAMIL", "kh", "IRQREB")
    assert (first.cameo_root, first.plover_type, first.quad_class, first.goldstein) == ("19", "ASSAULT", 4, -10.0)
    assert first.date.strftime("%Y-%m-%d") == "2020-01-03" and first.date_precision == "day"
    # the source's address, after the place (a held-out ACLED user's page showed no source for any import)
    assert json.loads(first.provenance) == {"dataset": "gdelt2", "file": path.name, "row": 1,
                                            "sources": ["https://example.org/101"]}
    missile = events.loc["gdelt2:102"]
    assert (missile.source_actor, missile.target_actor, missile["mode"]) == ("iran", "usa", "airstrike")
    unmapped = events.loc["gdelt2:103"]
    assert unmapped.source_actor == "SOMEONE NEW"          # kept as written, never dropped
    assert unmapped.source_code == "IRQ"
    assert pd.isna(unmapped.target_actor)                   # GDELT named no second actor


def test_importing_the_same_file_twice_adds_nothing(store, gdelt_file, gdelt_line):
    path = gdelt_file([gdelt_line(i) for i in range(1, 6)])
    assert store.import_file(path).imported == 5
    again = store.import_file(path)
    assert (again.read, again.imported, again.already_present) == (5, 0, 5)
    assert len(store) == 5


def test_gdelt1_layout_is_detected_and_read(store, gdelt_file, gdelt_line):
    path = gdelt_file([gdelt_line(7, version=1)], name="20200103.export.CSV")
    counts = store.import_file(path)
    assert counts.imported == 1
    assert store.query()["event_id"].tolist() == ["gdelt1:7"]


def test_gdelt1_historical_files_without_sourceurl_are_read(store, gdelt_file, gdelt_line):
    """GDELT 1.0's files of 1979 to March 2013 have 57 columns (no SOURCEURL): a held-out historical case's were
    refused as neither 1.0 nor 2.0. Detected by width, and read under --format gdelt1 too."""
    line = "\t".join(gdelt_line(8, day="19920216", version=1).split("\t")[:-1])       # without SOURCEURL
    path = gdelt_file([line], name="1992.csv")
    assert store.import_file(path).imported == 1
    row = store.con.execute("SELECT event_id, date, source_actor, cameo_code FROM events").fetchall()[0]
    assert row[0] == "gdelt1:8" and str(row[1]) == "1992-02-16" and row[2] == "usa" and row[3] == "190"
    again = gdelt_file([line.replace("8", "9", 1)], name="1992b.csv")
    assert store.import_file(again, format="gdelt1").imported == 1
    with pytest.raises(DataError, match="57 columns.*--format gdelt1"):
        store.import_file(again, format="gdelt2")


def test_a_bad_row_imports_nothing_and_names_line_and_field(store, gdelt_file, gdelt_line):
    path = gdelt_file([gdelt_line(1), gdelt_line(2, day="20201345"), gdelt_line(3, code="999"), gdelt_line(4)])
    with pytest.raises(DataError) as caught:
        store.import_file(path)
    message = str(caught.value)
    assert "line 2: SQLDATE: not a date (YYYYMMDD): '20201345'" in message
    assert "line 3: EventCode: not a code of the CAMEO codebook: '999'" in message
    assert "nothing was imported" in message
    assert len(store) == 0


def test_errors_list_the_first_twenty_then_a_count(store, gdelt_file, gdelt_line):
    path = gdelt_file([gdelt_line(i, code="999") for i in range(1, 31)])
    with pytest.raises(DataError) as caught:
        store.import_file(path)
    message = str(caught.value)
    assert "line 20:" in message and "line 21:" not in message
    assert "... and 10 more bad rows" in message


def test_a_row_with_missing_columns_is_reported_with_its_line(store, gdelt_file, gdelt_line):
    short = "\t".join(gdelt_line(2).split("\t")[:40])
    path = gdelt_file([gdelt_line(1), short, gdelt_line(3)])
    with pytest.raises(DataError, match=r"line 2: row: expected 61 tab-separated columns, found 40"):
        store.import_file(path, format="gdelt2")


def test_skip_bad_imports_the_rest_and_writes_the_rejects(store, gdelt_file, gdelt_line, tmp_path):
    short = "\t".join(gdelt_line(3).split("\t")[:10])
    path = gdelt_file([gdelt_line(1), gdelt_line(2, code="999"), short, gdelt_line(4), gdelt_line(5)])
    rejects = tmp_path / "bad.csv"
    counts = store.import_file(path, skip_bad=True, rejects=rejects)
    assert (counts.read, counts.imported, counts.rejected) == (5, 3, 2)
    assert counts.rejects_path == rejects
    with open(rejects, newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["line", "reason", "text"]
    assert rows[1][:2] == ["2", "EventCode: not a code of the CAMEO codebook: '999'"]
    assert rows[1][2] == gdelt_line(2, code="999")
    assert rows[2][:2] == ["3", "row: expected 61 tab-separated columns, found 10"]
    assert rows[2][2] == short
    # the good rows after the set-aside one keep their own line numbers
    rows = {e: json.loads(p)["row"] for e, p in store.query()[["event_id", "provenance"]].itertuples(index=False)}
    assert rows == {"gdelt2:1": 1, "gdelt2:4": 4, "gdelt2:5": 5}


def test_blank_lines_do_not_shift_line_numbers(store, tmp_path, gdelt_line):
    path = tmp_path / "gaps.tsv"
    path.write_text(f"{gdelt_line(1)}\n\n{gdelt_line(2)}\n\n\n{gdelt_line(3, code='999')}\n")
    with pytest.raises(DataError, match=r"line 6: EventCode"):
        store.import_file(path, format="gdelt2")


def test_a_repeated_event_id_in_one_file_is_a_bad_row(store, gdelt_file, gdelt_line):
    path = gdelt_file([gdelt_line(1), gdelt_line(2), gdelt_line(1, code="195")])
    with pytest.raises(DataError, match=r"line 3: GLOBALEVENTID: repeats the event of line 1"):
        store.import_file(path)


def test_gzip_files_are_read(store, tmp_path, gdelt_line):
    path = tmp_path / "events.export.CSV.gz"
    with gzip.open(path, "wt") as fh:
        fh.write(gdelt_line(11) + "\n" + gdelt_line(12) + "\n")
    assert store.import_file(path).imported == 2


def test_asking_for_the_wrong_gdelt_version_says_which_it_looks_like(store, gdelt_file, gdelt_line):
    path = gdelt_file([gdelt_line(1, version=1)])
    with pytest.raises(DataError, match="58 columns.*--format gdelt1"):
        store.import_file(path, format="gdelt2")


def test_line_numbers_hold_across_a_larger_file(store, gdelt_file, gdelt_line):
    lines = [gdelt_line(i) for i in range(1, 20001)]
    lines[19_876] = gdelt_line(19_877, code="999")
    path = gdelt_file(lines)
    with pytest.raises(DataError, match=r"(?s)1 of 20000 rows .*line 19877: EventCode"):
        store.import_file(path)
    counts = store.import_file(path, skip_bad=True, rejects=path.with_suffix(".rej"))
    assert counts.imported == 19_999
    misplaced = store.con.execute(
        "SELECT count(*) FROM events WHERE CAST(json_extract(provenance, '$.row') AS BIGINT) "
        "<> CAST(substr(event_id, 8) AS BIGINT)").fetchall()[0][0]
    assert misplaced == 0


def test_gdelt_fields_not_imported_are_named(store, tmp_path):
    """A held-out import: SOURCEURL, tone and mentions were dropped while ACLED's and ICEWS's summaries named theirs."""
    from flashpoint.events.importers.gdelt import GDELT2, GDELT2_COLUMNS
    from flashpoint.events.importers.staging import unread_columns

    unread = unread_columns(tmp_path / "x.CSV", GDELT2_COLUMNS, GDELT2)
    # SOURCEURL is kept in the provenance (sources), so no longer named
    assert "SOURCEURL" not in unread and "AvgTone" in unread and "EventCode" not in unread and len(unread) == 52
