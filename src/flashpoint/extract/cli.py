"""``flashpoint extract``: news text -> event records (JSONL or CSV, a file, or the event store).

spaCy is imported only when the command runs, so ``flashpoint --help`` stays fast.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from flashpoint.errors import DataError, FlashpointError

FORMATS = ("jsonl", "csv")


def _render(records, fmt: str) -> str:
    records = records.assign(date=records["date"].dt.strftime("%Y-%m-%d"))
    if fmt == "csv":
        return records.to_csv(index=False, date_format="%Y-%m-%d")
    if records.empty:          # no events: no lines (pandas writes one blank line, which no JSON reader takes)
        return ""
    return records.to_json(orient="records", lines=True, force_ascii=False)


def _f(value: float | None, decimals: int = 3) -> str:
    """A figure of the evaluation report, or n/a where it is undefined (nothing to count)."""
    return "n/a" if value is None else f"{value:.{decimals}f}"


def _print_scores(scores: dict, console=None) -> None:
    """The evaluation report, printed on ``console`` (default: standard output)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = console or Console(soft_wrap=True)   # a line is a line in a file too (a held-out tester's report,
    for split, s in scores.items():                # redirected, broke its labels over 80 columns)
        if split == "all" and len(scores) == 2:
            continue        # one split: all's figures are its own (a held-out tester read the same block twice)
        console.print(f"[bold]{escape(split)}[/]: {s['sentences']} sentences, {s['events_labelled']} labelled "
                      f"events, {s['events_found']} of them coded; events given to {s['sentences_coded']} sentences "
                      f"in all, {s['no_event_coded']} of the {s['no_event_sentences']} labelled as reporting none")
        console.print(f"  on the coded events: PLOVER type right {_f(s['coded_type_accuracy'])}   quad class "
                      f"right {_f(s['coded_quad_accuracy'])}   source country right "
                      f"{_f(s['coded_source_country_accuracy'])}   CAMEO root right {_f(s['cameo_root_accuracy'])}")
        console.print(f"  over the labelled events: type found {_f(s['type_found'])}   type and source country "
                      f"found {_f(s['type_and_source_country_found'])}")
        console.print(f"  event-type accuracy (incl. no event) {_f(s['event_type_accuracy'])}   source and "
                      f"target country both right {_f(s['both_countries_right'])}")
        if split != "all" and len(scores) > 2:
            continue
        table = Table("", "precision", "recall", "F1", "support")
        rows = [("any event", s["detection"])] + sorted(s["per_type"].items()) + [
            ("source (country+sector)", s["source"]), ("target (country+sector)", s["target"])]
        for name, m in rows:       # over nothing (a type never labelled, nothing coded): n/a, not 0.00
            table.add_row(name, *(_f(m[k], 2) for k in ("precision", "recall", "f1")), str(m["support"]))
        console.print(table)
        console.print(f"  source country accuracy {_f(s['source']['country_accuracy'])}   target country accuracy "
                      f"{_f(s['target']['country_accuracy'])}")
        _print_confusion(console, s["confusion"])


def _print_confusion(console, confusion: dict) -> None:
    """One line per labelled type: how its sentences were coded (main event; NONE: no event)."""
    console.print("  confusion of PLOVER types (label: coded as):")
    for label in sorted(confusion):
        row = sorted(confusion[label].items(), key=lambda kv: (-kv[1], kv[0]))
        console.print(f"    {label:<9} " + ", ".join(f"{coded} {n}" for coded, n in row), highlight=False)


#: characters of text from which extract says how far it is (about ten seconds' coding on a laptop core)
PROGRESS_CHARS = 400_000


def _progress_lines():
    """A ``progress(done, total)`` printing a line on stderr at each tenth of a long text (a held-out tester's 2 MB
    ran 52 s without a word; the limit, 20 MB, would be minutes)."""
    from flashpoint.console import console, tenth_lines

    lines = tenth_lines(console(stderr=True), "coding", "characters")

    def progress(done: int, total: int) -> None:
        if total >= PROGRESS_CHARS:
            lines(done, total)
    return progress


def extract_command(
    files: Optional[list[Path]] = typer.Argument(None, help="Text, HTML or JSONL (text, published, id) files."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) for files that give none."),
    fmt: Optional[str] = typer.Option(None, "--format", help="Output format: jsonl (default) or csv; with "
                                      "--evaluate, the report's: text (default) or json."),
    out: Optional[Path] = typer.Option(None, help="Write the records (with --evaluate: the report) to this file "
                                       "(default: standard output)."),
    store: Optional[str] = typer.Option(None, help="Add the records to this DuckDB event store."),
    evaluate: Optional[Path] = typer.Option(None, help="Score the coder on a labelled TSV file instead (takes "
                                            "--format, --out and --max-mb; no FILES, --published, --store or "
                                            "--no-merge)."),
    no_merge: bool = typer.Option(False, "--no-merge", help="Keep one record per mention."),
    max_mb: float = typer.Option(20.0, "--max-mb", help="Refuse inputs (with --evaluate: the labelled file) larger "
                                 "than this many megabytes in all."),
) -> None:
    """Extract events (who did what to whom, when) from news text with spaCy."""
    if not 0 < max_mb <= 10_000:
        raise FlashpointError(f"--max-mb must be a number of megabytes above 0, not {max_mb}")
    if evaluate is not None:
        _refuse_with_evaluate(files, published, store, no_merge)
        _evaluate(evaluate, fmt or "text", out, max_mb)
        return
    if not files:
        raise FlashpointError("give at least one FILE to read (or --evaluate FILE)")
    fmt = fmt or "jsonl"
    if fmt not in FORMATS:
        raise FlashpointError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if store is not None:
        from flashpoint.events.store import store_option

        store = store_option(store)
    if out is not None:                 # checked before the work (a folder was found after it, named by a temp file)
        from flashpoint.outputs import not_the_input, out_file

        out = out_file(out, "--out")
        not_the_input(out, "--out", *files, *([store] if store is not None else []))
        other = {"jsonl": (".csv", ".parquet", ".tsv"), "csv": (".jsonl", ".json", ".ndjson", ".parquet")}[fmt]
        if out.suffix.lower() in other:  # CSV was written into x.parquet (a held-out tester)
            raise FlashpointError(f"--out {out}: its name says {out.suffix} but --format is {fmt}; name it for its "
                                  f"format, or give --format")
    from flashpoint.extract import extract_events, read_documents
    from flashpoint.extract.dates import parse_published

    try:
        default_date = parse_published(published)
    except ValueError as exc:
        raise FlashpointError(f"--published: {exc}") from None     # it says what was expected, once
    # not rounded to whole bytes, so the limit is said as given (0.01 MB, not 0.00999928)
    documents = read_documents(files, default_date, max_bytes=max_mb * 2**20)
    undated = [d for d in documents if d.published is None]
    if undated:
        more = f" (and {len(undated) - 1} more)" if len(undated) > 1 else ""
        raise DataError(f"{undated[0].origin or undated[0].id}{more}: no publication date, so relative dates "
                        "(\"on Sunday\") and undated events cannot be placed; give --published YYYY-MM-DD or a "
                        "\"published\" field on each JSONL line")
    records = extract_events(documents, merge=not no_merge, progress=_progress_lines())
    if store is not None:
        from flashpoint.events.store import ADD_ADVICE, EventStore

        new = not store.exists()
        with EventStore(store) as event_store:
            try:
                counts = event_store.add(records, dataset="news")
            except DataError as exc:       # the store's advice (add()'s) belongs to Python
                text = str(exc).split(ADD_ADVICE)[0]
                raise DataError(f"the extracted events could not be stored, nothing was added: {text}") from None
        typer.echo(f"{len(records)} events extracted; {counts.imported} added to {store}, "
                   f"{counts.already_present} already there"
                   + (" (a new store: it holds the shipped records' events too, each its own dataset; "
                      "`flashpoint events list --store ... --dataset news` shows these)" if new else ""), err=True)
    if out is not None:
        from flashpoint.atomic import write_text

        write_text(out, _render(records, fmt))
        typer.echo(f"{len(records)} events written to {out}", err=True)
    elif store is None:
        sys.stdout.write(_render(records, fmt))


def _refuse_with_evaluate(files, published, store, no_merge: bool) -> None:
    """--evaluate scores the coder on a labelled file: the options that read, date, merge or store news text play
    no part in it, and each one given is refused by name (they were ignored, a held-out tester's --out too)."""
    unused = []
    if files:
        unused.append(f"FILES ({', '.join(str(f) for f in files[:3])}{', ...' if len(files) > 3 else ''}): the "
                      "labelled file holds the sentences it codes; run without --evaluate to extract events from them")
    if published is not None:
        unused.append("--published: each labelled row gives its own publication date (column 'published')")
    if store is not None:
        unused.append("--store: an evaluation writes scores, not events; --out writes its report to a file")
    if no_merge:
        unused.append("--no-merge: the evaluation scores each sentence's events before any merging")
    if unused:
        raise FlashpointError("--evaluate takes only --format (text or json), --out and --max-mb; not "
                              + "; ".join(unused))


#: File names that say another format than the evaluation report's (--format text or json).
NOT_A_REPORT = {"text": (".json", ".jsonl", ".csv", ".tsv", ".parquet"),
                "json": (".txt", ".jsonl", ".csv", ".tsv", ".parquet")}


def _evaluate(path: Path, fmt: str, out: Path | None, max_mb: float) -> None:
    from flashpoint.extract.evaluate import evaluate as run_evaluation

    if fmt not in ("text", "json"):
        raise FlashpointError(f"--format with --evaluate must be text or json, not {fmt!r}")
    if out is not None:                 # checked before the work, as for the records
        from flashpoint.outputs import not_the_input, out_file

        out = out_file(out, "--out")
        not_the_input(out, "--out", path)
        if out.suffix.lower() in NOT_A_REPORT[fmt]:
            raise FlashpointError(f"--out {out}: its name says {out.suffix} but the report is {fmt} (--format); "
                                  "name it for its format, or give --format")
    if path.is_file() and path.stat().st_size > max_mb * 2**20:
        raise DataError(f"{path}: the labelled file is over the limit of {max_mb:g} MB "
                        f"({path.stat().st_size / 2**20:.1f} MB); split it or raise --max-mb")
    scores = run_evaluation(path)
    if out is None:
        if fmt == "json":
            sys.stdout.write(json.dumps(scores, indent=2) + "\n")
        else:
            _print_scores(scores)
        return
    if fmt == "json":
        report = json.dumps(scores, indent=2) + "\n"
    else:                               # the same lines as on a terminal that is not one (no colour)
        from io import StringIO

        from rich.console import Console

        buffer = StringIO()
        _print_scores(scores, Console(file=buffer, soft_wrap=True))
        report = buffer.getvalue()
    from flashpoint.atomic import write_text

    write_text(out, report)
    typer.echo(f"evaluation of {path} written to {out}", err=True)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
