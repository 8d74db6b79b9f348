"""Hostile and broken event files: mixed line ends, control characters, implausible counts, bad paths
and filter values nobody could match. Each gets a message with the line or the known values, exit 2."""
import pytest

from flashpoint.cli import main
from flashpoint.errors import DataError
from flashpoint.events.importers.checks import MAX_PEOPLE

from .conftest import ACLED_HEADER


def acled_row(i, fatalities="1", location="Baghdad", notes="x"):
    return f'IRQ{i},2020-01-03,2020,1,Battles,Armed clash,A,1,B,2,Iraq,Baghdad,{location},"{notes}",{fatalities}'


def write_bytes(tmp_path, text, name="acled.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("ends", [("\n", "\r\n"), ("\r\n", "\n")])
def test_mixed_line_ends_name_the_first_line_that_differs(store, tmp_path, ends):
    first, other = ends
    lines = [ACLED_HEADER] + [acled_row(i) for i in range(1, 40)]
    text = first.join(lines[:30]) + other + first.join(lines[30:]) + first
    with pytest.raises(DataError, match=r"line 30: the line ends with (CRLF|LF) but line 1 with"):
        store.import_file(write_bytes(tmp_path, text))
    assert len(store) == 0


def test_a_spreadsheet_file_with_line_breaks_in_cells_imports(store, tmp_path):
    text = "\r\n".join([ACLED_HEADER, acled_row(1, notes="two\nlines"), acled_row(2)]) + "\r\n"
    assert store.import_file(write_bytes(tmp_path, text)).imported == 2


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f"])
def test_control_characters_in_text_fields_are_bad_rows(store, tmp_path, char, gdelt_file, gdelt_line):
    rows = [ACLED_HEADER, acled_row(1), acled_row(2, location=f"Bag{char}hdad")]
    path = write_bytes(tmp_path, "\n".join(rows) + "\n")
    with pytest.raises(DataError, match=r"line 3: location / admin1 / country: holds a control character"):
        store.import_file(path)                      # the file's columns the stored location is made of
    gdelt = gdelt_file([gdelt_line(1), gdelt_line(2, actor1=(f"KATAIB{char}", "IRQREB"))])
    # the file's own column, not Flashpoint's field ("source name", a held-out tester's finding)
    with pytest.raises(DataError, match=r"line 2: Actor1Name: holds a control character"):
        store.import_file(gdelt)
    assert len(store) == 0


@pytest.mark.parametrize("figure", ["1e9", "1000000000", "-3", "2.5", str(MAX_PEOPLE + 1), "0x10"])
def test_implausible_casualty_figures_are_bad_rows(store, acled_file, figure):
    with pytest.raises(DataError, match=r"line 3: fatalities: not a whole number of people from 0 to 100,000"):
        store.import_file(acled_file([acled_row(1), acled_row(2, fatalities=figure)]))


def test_plausible_figures_import(store, acled_file):
    assert store.import_file(acled_file([acled_row(1, fatalities=str(MAX_PEOPLE)), acled_row(2, "7.0"),
                                         acled_row(3, fatalities="")])).imported == 3


def test_paths_are_checked_before_the_import(tmp_path, capsys, gdelt_file, gdelt_line):
    path = gdelt_file([gdelt_line(1), gdelt_line(2, code="999")])
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    store = str(tmp_path / "s.duckdb")
    assert main(["events", "import", str(path), "--skip-bad", "--rejects", str(blocker / "r.csv"),
                 "--store", store]) == 2
    assert "--rejects" in capsys.readouterr().err
    assert main(["events", "list", "--store", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert main(["events", "export", "--to", str(tmp_path / "x.txt"), "--store", store]) == 2
    assert main(["events", "export", "--to", str(blocker / "x.csv"), "--store", store]) == 2
    assert main(["events", "import", str(tmp_path), "--store", store]) == 2
    err = capsys.readouterr().err
    assert "expected a file name ending in .parquet or .csv" in err and "is a folder" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("option", "value", "hint"), [
    ("--type", "ASSUALT", "did you mean 'ASSAULT'"), ("--actor", "khh", "did you mean 'kh'"),
    ("--dataset", "acledd", "did you mean 'acled'"), ("--target", "usaa", "did you mean 'usa'"),
    ("--mode", "rockets", "indirect_fire"),
])
def test_filters_nobody_could_match_are_refused_with_the_known_values(tmp_path, capsys, option, value, hint):
    store = str(tmp_path / "s.duckdb")
    assert main(["events", "list", option, value, "--store", store]) == 2
    err = capsys.readouterr().err
    assert f"{option}: unknown" in err and hint in err and "Known:" in err
    assert main(["events", "series", option, value, "--store", store]) == 2


def test_filters_accept_ids_dictionary_names_stored_names_and_lower_case_types(tmp_path, capsys, acled_file):
    store = str(tmp_path / "s.duckdb")
    assert main(["events", "import", str(acled_file([acled_row(1)])), "--store", store]) == 0
    capsys.readouterr()
    for option, value in [("--actor", "kh"), ("--actor", "Kata'ib Hezbollah"), ("--actor", "A"),
                          ("--type", "assault"), ("--dataset", "acled"), ("--dataset", "gdelt1")]:
        assert main(["events", "list", option, value, "--format", "csv", "--store", store]) == 0, (option, value)
    capsys.readouterr()
    assert main(["events", "list", "--actor", "A", "--format", "csv", "--store", store]) == 0
    assert "acled:IRQ1" in capsys.readouterr().out


def test_a_field_over_128_kb_is_read_like_duckdb_reads_it(store, acled_file):
    """Python's csv reader (which numbers lines when a field holds a line break) refused fields over
    128 KB with a traceback; found by tests/fuzz."""
    path = acled_file([acled_row(1, notes="two\nlines"), acled_row(2, notes="n" * 300_000), acled_row(3)])
    assert store.import_file(path).imported == 3
