"""``flashpoint extract`` from the command line."""
import json

import pytest

from flashpoint.cli import main

NEWS = [
    {"id": "n1", "published": "2020-01-08",
     "text": "Iran fired ballistic missiles at two bases housing American troops on Wednesday."},
    {"id": "n2", "published": "2020-01-09",
     "text": "Analysts think Tehran will avoid further escalation. The Iraqi government condemned the missile attack."},
]


@pytest.fixture
def feed(tmp_path, nlp):       # nlp: skip the module where spaCy is missing, and warm the cache
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in NEWS) + "\n", encoding="utf-8")
    return path


def test_jsonl_to_stdout(feed, capsys):
    assert main(["extract", str(feed)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["source_code"], r["target_code"], r["plover_type"]) for r in rows] == [
        ("IRNMIL", "USAMIL", "ASSAULT"), ("IRQGOV", None, "ACCUSE")]
    assert rows[0]["date"] == "2020-01-08" and rows[0]["mode"] == "missile"
    assert json.loads(rows[0]["provenance"])["doc"] == "n1"


def test_no_events_is_no_lines(tmp_path, capsys, nlp):
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("The weather was mild.", encoding="utf-8")
    assert main(["extract", str(quiet), "--published", "2024-01-01"]) == 0
    assert capsys.readouterr().out == ""           # not one blank line that no JSON reader takes


def test_csv_to_file_with_default_publication_date(tmp_path, capsys):
    text = tmp_path / "story.txt"
    text.write_text("Protesters set fire to the Iranian consulate in Najaf on Wednesday night.", encoding="utf-8")
    out = tmp_path / "events.csv"
    assert main(["extract", str(text), "--published", "2019-11-29", "--format", "csv", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("event_id,date,date_precision,source_actor")
    assert ",2019-11-27,day,protesters," in lines[1]


def test_the_output_is_never_the_text_read_nor_the_store(tmp_path, capsys):
    """--out a.txt replaced the news text with JSONL, exit 0 (a held-out tester)."""
    text = tmp_path / "a.txt"
    text.write_text("Protesters set fire to the Iranian consulate in Najaf on Wednesday night.", encoding="utf-8")
    before = text.read_bytes()
    assert main(["extract", str(text), "--published", "2019-11-29", "--out", str(text)]) == 2
    assert "is the file being read" in capsys.readouterr().err and text.read_bytes() == before


@pytest.mark.parametrize("args, message", [
    (["extract"], "give at least one FILE"),
    (["extract", "missing.txt"], "missing.txt: no such file"),
    (["extract", "{feed}", "--format", "xml"], "--format must be one of"),
    (["extract", "{feed}", "--published", "someday"], "--published"),
    (["extract", "{feed}", "--published", "2999-01-01"], "not a possible publication date"),
    (["extract", "{feed}", "--max-mb", "0"], "--max-mb"),
    (["extract", "{feed}", "--max-mb", "0.00001"], "over the limit of"),
    (["extract", "{story}"], "story.txt: no publication date"),
    # a held-out bad-input tester: CSV written into a .parquet name, a folder found after the work, a repeated
    # "text" key keeping its last value unsaid
    (["extract", "{feed}", "--out", "{tmp}/x.parquet", "--format", "csv"], "its name says .parquet but --format is csv"),
    (["extract", "{feed}", "--out", "{tmp}"], "is a folder; expected a file name"),
    (["extract", "{twice}"], "field 'text' is given twice in one object"),
])
def test_user_errors_exit_2_with_a_message(feed, tmp_path, capsys, args, message):
    story = tmp_path / "story.txt"
    story.write_text("Rockets hit the base on Sunday.", encoding="utf-8")
    twice = tmp_path / "twice.jsonl"
    twice.write_text('{"text": "a", "text": "Rockets hit the base.", "published": "2020-01-05"}\n', encoding="utf-8")
    args = [a.format(feed=feed, story=story, tmp=tmp_path, twice=twice) for a in args]
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_evaluate_reports_per_type_and_roles(tmp_path, capsys, nlp):
    sample = tmp_path / "sample.tsv"
    sample.write_text(
        "published\tplover\tcameo_root\tsource\ttarget\ttext\n"
        "2020-01-08\tASSAULT\t19\tIRN MIL\tUSA MIL\tIran fired missiles at bases housing US troops.\n"
        "2020-01-08\tNONE\t\t\t\tIran might fire missiles at US bases.\n", encoding="utf-8")
    assert main(["extract", "--evaluate", str(sample)]) == 0
    out = capsys.readouterr().out
    assert "event-type accuracy (incl. no event) 1.000" in out and "ASSAULT" in out
    assert "source (country+sector)" in out and "confusion of PLOVER types" in out
    assert main(["extract", "--evaluate", str(sample), "--format", "json"]) == 0
    scores = json.loads(capsys.readouterr().out)["all"]
    assert scores["coded_type_accuracy"] == 1.0 and scores["confusion"] == {"ASSAULT": {"ASSAULT": 1},
                                                                             "NONE": {"NONE": 1}}


def test_evaluate_refuses_an_unreadable_label_and_says_n_a_for_nothing_coded(tmp_path, capsys, nlp):
    """Held-out tester (2026-12-03): labels the scorer could not read scored 0.00 silently, exit 0."""
    sample = tmp_path / "sample.tsv"
    sample.write_text("published\tplover\tcameo_root\tsource\ttarget\ttext\n"
                      "2020-01-08\tASSAULT\t1\tIRNMIL\tUSAMIL\tIran fired missiles at US troops.\n", encoding="utf-8")
    assert main(["extract", "--evaluate", str(sample)]) == 2
    err = capsys.readouterr().err
    assert "line 2: field 'cameo_root'" in err and "Traceback" not in err
    sample.write_text("published\tplover\tcameo_root\tsource\ttarget\ttext\n"
                      "2020-01-08\tASSAULT\t19\tIRNMIL\tUSAMIL\tThe weather was fine.\n", encoding="utf-8")
    assert main(["extract", "--evaluate", str(sample)]) == 0
    assert "PLOVER type right n/a" in capsys.readouterr().out
    assert main(["extract", "--evaluate", str(sample), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["all"]["coded_type_accuracy"] is None


SAMPLE = ("published\tplover\tcameo_root\tsource\ttarget\ttext\n"
          "2020-01-08\tASSAULT\t19\tIRN MIL\tUSA MIL\tIran fired missiles at bases housing US troops.\n")


@pytest.mark.parametrize("extra, named", [
    (["story.txt"], "FILES (story.txt)"),
    (["--published", "2020-01-01"], "--published"),
    (["--store", "e.duckdb"], "--store"),
    (["--no-merge"], "--no-merge"),
    (["--format", "jsonl"], "--format with --evaluate must be text or json"),
    (["--format", "csv"], "--format with --evaluate must be text or json"),
])
def test_evaluate_refuses_what_it_does_not_use(tmp_path, capsys, monkeypatch, extra, named):
    """Held-out: --evaluate ignored FILES, --published, --no-merge and --out silently, exit 0."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sample.tsv").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "story.txt").write_text("Rockets hit the base.", encoding="utf-8")
    assert main(["extract", "--evaluate", "sample.tsv", *extra, "--out", "report.txt"]) == 2
    err = capsys.readouterr().err
    assert named in err and "Traceback" not in err
    assert not (tmp_path / "report.txt").exists() and not (tmp_path / "e.duckdb").exists()


def test_evaluate_names_every_option_it_refuses(tmp_path, capsys):
    sample = tmp_path / "sample.tsv"
    sample.write_text(SAMPLE, encoding="utf-8")
    assert main(["extract", "--evaluate", str(sample), str(sample), "--published", "2020-01-01", "--no-merge",
                 "--store", str(tmp_path / "e.duckdb")]) == 2
    err = capsys.readouterr().err
    assert all(option in err for option in ("FILES", "--published", "--no-merge", "--store"))


def test_evaluate_writes_its_report_to_out(tmp_path, capsys, nlp):
    sample = tmp_path / "sample.tsv"
    sample.write_text(SAMPLE, encoding="utf-8")
    assert main(["extract", "--evaluate", str(sample)]) == 0
    printed = capsys.readouterr().out
    report = tmp_path / "report.txt"
    assert main(["extract", "--evaluate", str(sample), "--out", str(report)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and str(report) in captured.err
    assert report.read_text(encoding="utf-8") == printed          # the lines it prints, in the file
    as_json = tmp_path / "report.json"
    assert main(["extract", "--evaluate", str(sample), "--format", "json", "--out", str(as_json)]) == 0
    assert json.loads(as_json.read_text(encoding="utf-8"))["all"]["coded_type_accuracy"] == 1.0
    # a name that says another format, or the labelled file itself, is refused before the work
    assert main(["extract", "--evaluate", str(sample), "--out", str(tmp_path / "r.json")]) == 2
    assert "--format" in capsys.readouterr().err and not (tmp_path / "r.json").exists()
    assert main(["extract", "--evaluate", str(sample), "--out", str(sample)]) == 2
    assert "is the file being read" in capsys.readouterr().err and sample.read_text(encoding="utf-8") == SAMPLE


def test_evaluate_honours_max_mb(tmp_path, capsys):
    sample = tmp_path / "sample.tsv"
    sample.write_text(SAMPLE + "2020-01-08\tNONE\t\t\t\t" + "word " * 400 + "\n", encoding="utf-8")
    assert main(["extract", "--evaluate", str(sample), "--max-mb", "0.001"]) == 2
    assert "over the limit of 0.001 MB" in capsys.readouterr().err
    assert main(["extract", "--evaluate", str(sample), "--max-mb", "0"]) == 2
    assert "--max-mb" in capsys.readouterr().err


def _store_module(tmp_path):
    store_module = pytest.importorskip("flashpoint.events.store")
    pytest.importorskip("duckdb")
    try:
        store_module.EventStore(tmp_path / "probe.duckdb").close()
    except ImportError as exc:           # the store is being built beside this module
        pytest.skip(f"event store not usable: {exc}")
    return store_module


def test_store_receives_the_records(feed, tmp_path, capsys):
    store_module = _store_module(tmp_path)
    db = tmp_path / "events.duckdb"
    assert main(["extract", str(feed), "--store", str(db)]) == 0
    said = capsys.readouterr().err           # a held-out tester's new store held 439 more events than "235 added"
    assert "2 added to" in said and "a new store: it holds the shipped records' events too" in said
    assert main(["extract", str(feed), "--store", str(db)]) == 0
    assert "a new store" not in capsys.readouterr().err
    with store_module.EventStore(db, curated=False) as store:
        rows = store.con.execute("SELECT event_id, source_code, provenance FROM events").fetchall()
    ours = [r for r in rows if '"doc"' in (r[2] or "")]
    assert len(ours) == 2 and {r[1] for r in ours} == {"IRNMIL", "IRQGOV"}


def test_store_run_twice_adds_nothing_new(feed, tmp_path, capsys):
    _store_module(tmp_path)
    db = tmp_path / "events.duckdb"
    assert main(["extract", str(feed), "--store", str(db)]) == 0
    assert main(["extract", str(feed), "--store", str(db)]) == 0
    assert "0 added" in capsys.readouterr().err


def test_store_errors_do_not_advise_an_option_extract_lacks(feed, tmp_path, capsys, monkeypatch):
    _store_module(tmp_path)
    import flashpoint.extract as extract

    def undated(documents, merge=True, progress=None):       # a record the store refuses (no date)
        records = real(documents, merge=merge)
        records.loc[:, "date"] = None
        return records

    real = extract.extract_events
    monkeypatch.setattr(extract, "extract_events", undated)
    assert main(["extract", str(feed), "--store", str(tmp_path / "e.duckdb")]) == 2
    err = capsys.readouterr().err
    assert "could not be stored" in err and "--skip-bad" not in err


def test_two_events_of_one_verb_are_stored_under_their_dataset(tmp_path, capsys):
    """Held-out: one verb with two joined objects gave two events with one id, and the store refused the run;
    the events stored were not found by their dataset ("news")."""
    store_module = _store_module(tmp_path)
    text = tmp_path / "mali.txt"
    text.write_text("In the Republic of Mali, Tuareg rebels eliminated and wounded dozens of soldiers and mercenaries "
                    "of the Russian private military company \"Wagner\".", encoding="utf-8")
    db = tmp_path / "events.duckdb"
    assert main(["extract", str(text), "--published", "2024-07-28", "--store", str(db)]) == 0
    with store_module.EventStore(db, curated=False) as store:
        news = store.query(dataset="news")
    assert len(news) >= 2 and news["event_id"].is_unique


def test_a_long_text_says_how_far_its_coding_is(tmp_path, capsys, monkeypatch):
    """A held-out tester's 2 MB text was coded for 52 s without a word on stderr."""
    from flashpoint.extract import cli as extract_cli

    monkeypatch.setattr(extract_cli, "PROGRESS_CHARS", 100)
    path = tmp_path / "a.txt"
    path.write_text("\n\n".join(["Rebels attacked an army base near Gao on Monday."] * 20))
    assert main(["extract", str(path), "--published", "2020-01-08", "--out", str(tmp_path / "o.jsonl")]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("coding: ")]
    assert len(lines) == 10 and lines[-1].startswith("coding: 998 of 998 characters (100%)")
