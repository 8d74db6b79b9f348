"""Bad input to `flashpoint extract` and `--evaluate`: each refused with the file, line or field and what was
expected, exit 2, no traceback (a held-out bad-input tester's cases, 2026-12)."""
import pytest

from flashpoint.cli import main
from flashpoint.errors import DataError
from flashpoint.extract.evaluate import read_evaluation

HEADER = "published\tplover\tcameo_root\tsource\ttarget\ttext\n"
ROW = "2024-01-29\tASSAULT\t19\tIRQREB\tUSA MIL\tMilitants fired rockets at a base housing US troops.\n"


def _gold(tmp_path, content, name="gold.tsv"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.mark.parametrize("content, said", [
    ((HEADER + ROW.replace("troops.", "troops. Mémé")).encode("latin-1"),
     "line 2: not UTF-8 text (byte 0xE9); save the file as UTF-8"),
    ((HEADER + ROW).encode("utf-16"), "UTF-16 text; save the file as UTF-8"),
    ((HEADER + ROW.replace("fired", "fi\x00red")).encode("utf-8"), "line 2: a NUL byte; this is binary data"),
])
def test_a_labelled_file_not_utf8_is_refused_as_extract_files_refuses_it(tmp_path, capsys, content, said):
    """Tester: Latin-1 and UTF-16 labelled files gave a UnicodeDecodeError traceback, exit 1; a NUL was scored."""
    path = _gold(tmp_path, content)
    assert main(["extract", "--evaluate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}" in err and said in err and "Traceback" not in err


def test_a_labelled_file_with_a_utf8_bom_is_read(tmp_path):
    """Tester: the BOM stuck to the first column's name: "missing column(s) published"."""
    rows = read_evaluation(_gold(tmp_path, "\ufeff" + HEADER + ROW))
    assert [r.plover for r in rows] == ["ASSAULT"]


def test_a_labelled_file_with_a_preamble_and_a_bom_is_read(tmp_path):
    rows = read_evaluation(_gold(tmp_path, "\ufeff# a note\n" + HEADER + ROW))
    assert len(rows) == 1


@pytest.mark.parametrize("content, said", [
    (HEADER.replace("\n", "\tsplt\n") + ROW.replace("\n", "\theldout\n"),
     "line 1: column 'splt' unknown; did you mean 'split'? The columns taken are published, plover"),
    (HEADER.replace("\n", "\tplover\n") + ROW.replace("\n", "\tPROTEST\n"),
     "line 1: column 'plover' is given twice (columns 2 and 7); give it once"),
    (HEADER.replace("\n", "\t\n") + ROW, "line 1: column 7 has no name"),
    ((HEADER + ROW).replace("\t", ","), "line 1: the header has no tab but commas"),
    ("y" * 100 + "\n", "line 1: the header has no tab ('yyyy"),
    ((HEADER + ROW).replace("\tUSA MIL", "").replace("\ttarget", ""), "line 1: missing column(s) target"),
    ("", "no header line (the file is empty)"),
    ("# only a preamble\n", "no header line (the file is empty but for its # preamble)"),
])
def test_a_header_column_is_taken_or_refused(tmp_path, content, said):
    """Tester: a misspelt optional column ('splt') was ignored and the per-split scores vanished; a column given
    twice was accepted (one of its values silently dropped)."""
    path = _gold(tmp_path, content)
    with pytest.raises(DataError) as err:
        read_evaluation(path)
    assert str(err.value).startswith(str(path)) and said in str(err.value)


def test_the_columns_kept_for_readers_are_taken(tmp_path):
    path = _gold(tmp_path, "split\tconflict\turl\tcameo_code\tquad_class\t" + HEADER
                 + "dev\tx\thttp://a\t190\t4\t" + ROW)
    assert [r.split for r in read_evaluation(path)] == ["dev"]


@pytest.mark.parametrize("content, said", [
    (HEADER + ROW.replace("rockets at", "rockets\tat"), "line 2: 7 tab-separated fields where the header (line 1) "
                                                         "has 6, published, plover"),
    (HEADER + "2024-01-29\tASSAULT\n", "line 2: 2 tab-separated fields where the header (line 1) has 6"),
    (HEADER + ROW + "2024-01-29\tASSAULT\t19\tIRQREB\tUSA MIL\t\n",
     "line 3: field 'text' is empty; expected the sentence to code"),
    (HEADER + "2024-01-29\tNONE\t\t\t\t   \n", "line 2: field 'text' is empty"),
    (HEADER + ROW.replace("2024-01-29", ""), "line 2: field 'published' is empty; expected"),
    (HEADER + ROW.replace("Militants", '"Militants') + ROW, "line 2: field 'text' runs on to line 3: a quote"),
    ("# a preamble\n" + HEADER + "\n" + ROW + "\n" + ROW.replace("\t19", "\t1"), "line 6: field 'cameo_root'"),
    (HEADER, "no labelled rows (only the header, line 1)"),
    ("# a preamble\n" + HEADER + "\n  \n", "no labelled rows (only the header, line 2)"),
])
def test_a_labelled_row_is_read_whole_or_refused_at_its_line(tmp_path, content, said):
    """Tester: a row with a field more than the header was scored, the overflow dropped; an empty text was scored
    as a missed event; a header-only file scored P/R/F1 0.0, exit 0 (a score over no items is undefined)."""
    path = _gold(tmp_path, content)
    with pytest.raises(DataError) as err:
        read_evaluation(path)
    assert str(err.value).startswith(str(path)) and said in str(err.value)


def test_a_header_only_labelled_file_exits_2_and_writes_no_report(tmp_path, capsys):
    path, out = _gold(tmp_path, HEADER), tmp_path / "report.json"
    assert main(["extract", "--evaluate", str(path), "--format", "json", "--out", str(out)]) == 2
    assert "no labelled rows" in capsys.readouterr().err and not out.exists()


def test_blank_lines_and_doubled_quotes_are_read(tmp_path):
    rows = read_evaluation(_gold(tmp_path, HEADER + "\n" + ROW.replace("Militants fired", '"Militants ""fired"""')
                                 + "\r\n" + ROW))
    assert [r.text for r in rows] == ['Militants "fired" rockets at a base housing US troops.',
                                      "Militants fired rockets at a base housing US troops."]


@pytest.mark.parametrize("line, said", [
    ('{"text": "Rockets hit a base.", "publshed": "2023-03-05", "ID": "mydoc"}',
     "line 1: field 'publshed' unknown (did you mean 'published'?), field 'ID' unknown (did you mean 'id'?); "
     'a line gives "text" and, if it has them, "published" and "id"'),
    ('{"text": "Rockets hit a base.", "id": true}', "line 1: field 'id': true is not an id"),
    ('{"text": "Rockets hit a base.", "id": ""}', 'line 1: field \'id\': "" is not an id'),
    ('{"text": "Rockets hit a base.", "id": [1]}', "line 1: field 'id': [1] is not an id"),
])
def test_a_jsonl_field_is_honoured_or_refused(tmp_path, line, said):
    """Tester: "publshed" and "ID" were ignored silently: the event dated from --published, the id not used."""
    from flashpoint.extract.reader import read_documents

    path = tmp_path / "feed.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_documents([path], published=None)
    assert f"{path}, {said}" in str(err.value)


def test_a_feeds_own_fields_and_a_labellers_own_columns_are_said_not_read(tmp_path):
    """A feed's url, title or author, a labeller's notes column: not near a name the coder reads, so not a
    misspelling: read past with a note naming them, not refused (real feeds and gold files carry them)."""
    from flashpoint.errors import FlashpointNote
    from flashpoint.extract.evaluate import read_evaluation
    from flashpoint.extract.reader import read_documents

    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "Rockets hit a base.", "published": "2023-03-05", "url": "u", "author": "me"}\n',
                    encoding="utf-8")
    with pytest.warns(FlashpointNote, match="field\\(s\\) 'author', 'url' are not read"):
        assert len(read_documents([path], published=None)) == 1
    gold = tmp_path / "gold.tsv"
    gold.write_text(HEADER.replace("\ttext", "\tnotes\ttext") + "\n" + ROW.replace("\tMilitants", "\tmine\tMilitants")
                    + "\n", encoding="utf-8")
    with pytest.warns(FlashpointNote, match="column\\(s\\) 'notes' are not scored"):
        assert len(read_evaluation(gold)) == 1


def test_jsonl_ids_as_text_or_numbers_are_taken(tmp_path):
    from flashpoint.extract.reader import read_documents

    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "Rockets hit a base.", "id": 7, "published": "2020-01-05"}\n'
                    '{"text": "Rockets hit a base.", "id": null, "published": "2020-01-05"}\n', encoding="utf-8")
    assert [d.id for d in read_documents([path])] == ["7", "feed.jsonl:2"]


BAD_DATE_PAGE = ('<html><head><meta name="date" content="not-a-date"></head><body><p>Rockets struck a base '
                 'housing US troops on Sunday, the military said.</p></body></html>')


def test_a_page_date_that_cannot_be_read_is_said(tmp_path, capsys):
    """Tester: without --published only "no publication date" was said; with it the bad meta was dropped unsaid."""
    page = tmp_path / "page.html"
    page.write_text(BAD_DATE_PAGE, encoding="utf-8")
    assert main(["extract", str(page)]) == 2
    err = capsys.readouterr().err
    assert (f"""{page}: the page's date, <meta name="date">, cannot be read: not a date: 'not-a-date'""" in err
            and "give --published" in err)
    assert main(["extract", str(page), "--published", "2020-01-06", "--out", str(tmp_path / "out.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "note: " in err and "cannot be read" in err and "dated 2020-01-06, from --published" in err


@pytest.mark.parametrize("args, said", [
    (["--published", "yesterday"], "error: --published: not a date: 'yesterday' (expected YYYY-MM-DD)\n"),
    (["--max-mb", "0.01"], "over the limit of 0.01 MB of text per run"),
])
def test_option_errors_say_it_once_and_as_given(tmp_path, capsys, args, said):
    """Tester: "(expected YYYY-MM-DD) (expected a date, YYYY-MM-DD)"; "the limit of 0.00999928 MB"."""
    text = tmp_path / "story.txt"
    text.write_text("Rockets hit the base on Sunday. " * 400, encoding="utf-8")
    published = [] if "--published" in args else ["--published", "2020-01-06"]     # (an option given once)
    assert main(["extract", str(text), *published, *args]) == 2
    err = capsys.readouterr().err
    assert said in err and err.count("expected") <= 1
