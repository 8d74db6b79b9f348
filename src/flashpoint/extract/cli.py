"""``flashpoint extract``: news text -> event records (JSONL or CSV, a file, or the event store).

spaCy is imported only when the command runs, so ``flashpoint --help`` stays fast.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from flashpoint.errors import FlashpointError

FORMATS = ("jsonl", "csv")


def _render(records, fmt: str) -> str:
    records = records.assign(date=records["date"].dt.strftime("%Y-%m-%d"))
    if fmt == "csv":
        return records.to_csv(index=False, date_format="%Y-%m-%d")
    return records.to_json(orient="records", lines=True, force_ascii=False) or ""


def _print_scores(scores: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for split, s in scores.items():
        console.print(f"[bold]{split}[/]: {s['sentences']} sentences, {s['events_labelled']} labelled events, "
                      f"{s['events_found']} found")
        console.print(f"  event-type accuracy {s['event_type_accuracy']:.3f}   CAMEO root accuracy "
                      f"{s['cameo_root_accuracy']:.3f}   source and target country both right "
                      f"{s['both_countries_right']:.3f}")
        table = Table("", "precision", "recall", "F1", "support")
        rows = [("any event", s["detection"])] + sorted(s["per_type"].items()) + [
            ("source (country+sector)", s["source"]), ("target (country+sector)", s["target"])]
        for name, m in rows:
            table.add_row(name, f"{m['precision']:.2f}", f"{m['recall']:.2f}", f"{m['f1']:.2f}", str(m["support"]))
        console.print(table)
        console.print(f"  source country accuracy {s['source']['country_accuracy']:.3f}   target country accuracy "
                      f"{s['target']['country_accuracy']:.3f}")


def extract_command(
    files: Optional[list[Path]] = typer.Argument(None, help="Text, HTML or JSONL (text, published, id) files."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) for files that give none."),
    fmt: str = typer.Option("jsonl", "--format", help="Output format: jsonl or csv."),
    out: Optional[Path] = typer.Option(None, help="Write the records to this file (default: standard output)."),
    store: Optional[Path] = typer.Option(None, help="Add the records to this DuckDB event store."),
    evaluate: Optional[Path] = typer.Option(None, help="Score the coder on a labelled TSV file instead."),
    no_merge: bool = typer.Option(False, "--no-merge", help="Keep one record per mention."),
) -> None:
    """Extract events (who did what to whom, when) from news text with spaCy."""
    if evaluate is not None:
        from flashpoint.extract.evaluate import evaluate as run_evaluation

        _print_scores(run_evaluation(evaluate))
        return
    if not files:
        raise FlashpointError("give at least one FILE to read (or --evaluate FILE)")
    if fmt not in FORMATS:
        raise FlashpointError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    from flashpoint.extract import extract_events, read_documents
    from flashpoint.extract.dates import parse_published

    try:
        default_date = parse_published(published)
    except ValueError as exc:
        raise FlashpointError(f"--published: {exc}") from None
    records = extract_events(read_documents(files, default_date), merge=not no_merge)
    if store is not None:
        from flashpoint.events.store import EventStore

        with EventStore(store) as event_store:
            counts = event_store.add(records, dataset="news")
        typer.echo(f"{len(records)} events extracted; {counts.imported} added to {store}, "
                   f"{counts.already_present} already there", err=True)
    if out is not None:
        from flashpoint.atomic import write_text

        write_text(out, _render(records, fmt))
        typer.echo(f"{len(records)} events written to {out}", err=True)
    elif store is None:
        sys.stdout.write(_render(records, fmt))


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
