"""``flashpoint events ...``: import datasets into the event store, list, count and export events.

Every command takes ``--store PATH`` (default: ``$FLASHPOINT_STORE``, else
``events.duckdb`` in the user's data directory). DuckDB and pandas are
imported inside the commands, so ``flashpoint --help`` stays quick.
"""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

#: the rows a table of events shows when --limit is not given (csv and json give every one)
TABLE_ROWS = 1_000
#: the most rows a listing may ask for (a 20-digit --limit reached DuckDB as an INT64 overflow, a traceback)
MAX_ROWS = 10**12

events_app = typer.Typer(
    name="events", no_args_is_help=True, add_completion=False,
    help="The event record: import ACLED, GDELT, ICEWS or Flashpoint CSV files; list, count and export events.",
)


def register(app: typer.Typer) -> None:
    app.add_typer(events_app, name="events")


class SourceFormat(str, Enum):
    acled = "acled"
    gdelt1 = "gdelt1"
    gdelt2 = "gdelt2"
    icews = "icews"
    csv = "csv"


class Output(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class Freq(str, Enum):
    D = "D"
    W = "W"
    M = "M"


class By(str, Enum):
    actor = "actor"
    type = "type"
    mode = "mode"
    target = "target"


StoreOption = Annotated[Optional[str], typer.Option(      # str: a Path drops a trailing '/' (a folder meant)
    "--store", help="Event store file (default: $FLASHPOINT_STORE, else events.duckdb in your data directory).")]
FromOption = Annotated[Optional[str], typer.Option("--from", help="First day, YYYY-MM-DD.")]
ToOption = Annotated[Optional[str], typer.Option("--to", help="Last day, YYYY-MM-DD.")]
ActorOption = Annotated[Optional[list[str]], typer.Option(
    "--actor", help="Events with this actor on either side (an actor id of a record's actors.csv, or a name "
                    "it lists); repeatable.")]
AttributedOption = Annotated[bool, typer.Option(
    "--attributed", help="--actor also matches the events a record attributes to the actor (claimed by it or "
                         "blamed on it by officials or the press), whoever the stored source is (the shipped records keep "
                         "their attribution; an imported file keeps none).")]
TypeOption = Annotated[Optional[list[str]], typer.Option(
    "--type", help="PLOVER event type (ASSAULT, PROTEST, ...); repeatable.")]
ModeOption = Annotated[Optional[list[str]], typer.Option(
    "--mode", help="Attack mode: indirect_fire, ied_convoy, drone, missile, boat, seizure, airstrike, gunfire; "
                   "repeatable.")]
TargetOption = Annotated[Optional[list[str]], typer.Option("--target", help="Target actor id; repeatable.")]
DatasetOption = Annotated[Optional[str], typer.Option(
    "--dataset", help="Only events of this dataset: a shipped record's name, or acled, gdelt2, ... .")]


def _store_path(path: Optional[str]) -> Optional[Path]:
    """The --store file checked (:func:`flashpoint.events.store.store_option`: not a folder)."""
    from flashpoint.events.store import store_option
    from flashpoint.outputs import out_file

    return None if path is None else out_file(store_option(path), "--store")


def _store(path: Optional[str], reading: bool = False):
    """The event store to use. A --store file that does not exist is made, holding the shipped records; a command
    that only reads says so (a held-out tester's `events list --store typo.duckdb` made a store unsaid)."""
    from flashpoint.events.store import EventStore, check_store_file

    path = _store_path(path)
    if path is not None:
        if reading and not path.exists():
            typer.echo(f"note: --store {path} did not exist: made it, holding the shipped records only "
                       "(`flashpoint events import FILE --store ...` adds to it)", err=True)
        check_store_file(path, f"--store {path}")
    return EventStore(path)


def _remove_store(path: Path) -> None:
    """Delete a store file this command created (and DuckDB's write-ahead log beside it)."""
    for leftover in (path, path.with_name(path.name + ".wal")):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass


def _day(value: Optional[str], option: str) -> Optional[str]:
    from flashpoint.events.store import as_day

    return None if value is None else as_day(value, option)


def _days(start: Optional[str], end: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """--from and --to as days, the first not after the last (a reversed pair listed nothing, unsaid)."""
    first, last = _day(start, "--from"), _day(end, "--to")
    if first is not None and last is not None and str(first) > str(last):
        from flashpoint.errors import FlashpointError

        raise FlashpointError(f"--from {first} is after --to {last}: no day lies between them")
    return first, last


def _filters(events, start, end, actor, kind, mode, target, dataset, attributed=False) -> dict:
    """The query's filters, each value checked against what the store and the codebook know."""
    from flashpoint.events.filters import check_actors, check_dataset, check_modes, check_types

    if attributed and not actor:       # the API refuses it; here it was ignored (a held-out tester)
        from flashpoint.errors import FlashpointError

        raise FlashpointError("--attributed widens --actor to the events a record attributes to the actor: give "
                              "--actor, or leave --attributed out")
    start, end = _days(start, end)
    dataset = check_dataset(events, dataset)
    if attributed:
        _say_unattributed(events, dataset)
    return {"start": start, "end": end,
            "actor": check_actors(events, actor, "--actor"), "plover_type": check_types(kind),
            "mode": check_modes(mode, events), "target": check_actors(events, target, "--target"),
            "dataset": dataset, "attributed": attributed}


def _say_unattributed(events, dataset: str | None) -> None:
    """--attributed finds nothing more in a dataset that keeps no attribution (an imported file's: a held-out case's
    own record's attributed_to was dropped at import, and --attributed missed its events unsaid): refused for such
    a dataset, noted for those among all."""
    import warnings

    from flashpoint.errors import FlashpointError, FlashpointNote

    kept = events.attributing_datasets()
    bare = [d for d in ([dataset] if dataset else events.datasets()) if d not in kept]
    why = ("keep(s) no attribution (an import keeps the event record's columns; only the shipped records' "
           "attributed_to is stored): there --actor matches the source or the target only")
    if dataset and bare:
        raise FlashpointError(f"--attributed: dataset {dataset} {why}; leave --attributed out")
    if bare:
        warnings.warn(f"--attributed: dataset(s) {', '.join(bare)} {why}", FlashpointNote, stacklevel=2)


@events_app.command("import")
def import_events(
    file: Annotated[Path, typer.Argument(help="The file to import.")],
    format: Annotated[Optional[SourceFormat], typer.Option(
        "--format", help="The file's format (default: told from its first line).")] = None,
    skip_bad: Annotated[bool, typer.Option(
        "--skip-bad", help="Import the good rows; write the bad ones, with the reason, to a rejects file.")] = False,
    rejects: Annotated[Optional[Path], typer.Option(
        "--rejects", help="Where --skip-bad writes bad rows (default: beside the file, its name up to the first dot + .rejects.csv).")] = None,
    dataset: Annotated[Optional[str], typer.Option(
        "--dataset", help="The name its events are found by (--dataset of list, series, export); default: the "
                          "format's name. Rows whose provenance names their own dataset keep it.")] = None,
    scenario: Annotated[Optional[str], typer.Option(
        "--scenario", metavar="NAME|FILE", help="Flashpoint CSV only: also accept the attack modes this scenario "
                                                "declares (its attacks.mode_share), as a record beside it may use "
                                                "them, and keep its actor ids as they are (the actor dictionary "
                                                "does not rename them).")] = None,
    store: StoreOption = None,
) -> None:
    """Import an event file. All or nothing: a file with a bad row adds nothing, unless --skip-bad."""
    from flashpoint.events.shipped import NOTE_COLUMNS
    from flashpoint.events.store import default_store_path
    from flashpoint.errors import FlashpointError
    from flashpoint.outputs import in_file, not_the_input, out_file

    file = in_file(file, "FILE")
    if rejects is not None and not skip_bad:
        raise FlashpointError("--rejects is where --skip-bad writes the bad rows: without --skip-bad a file with a bad "
                              "row imports nothing and writes no rejects; add --skip-bad, or leave --rejects out")
    rejects = out_file(rejects, "--rejects")
    target = _store_path(store) if store is not None else default_store_path()
    not_the_input(target, "--store", file)
    not_the_input(rejects, "--rejects", target)   # the rejects CSV would replace the event store
    new_store = not target.exists()
    counts, before, found = None, set(), []
    named = (dataset or (format.value if format else None))
    try:
        with _store(store) as events:
            before = set(events.datasets())
            counts = events.import_file(file, format.value if format else None, skip_bad=skip_bad,
                                        rejects=rejects, dataset=dataset, scenario=scenario)
            found = sorted(set(events.datasets()) - before)
        if counts.read and counts.rejected == counts.read:     # --skip-bad with every row bad: the wrong file or
            raise FlashpointError(                              # format, not a success (held-out: "imported 0", exit 0)
                f"{file}: every row ({counts.read}) was rejected, so nothing was imported; the rows and why: "
                f"{counts.rejects_path} (the wrong file, or the wrong --format?)")
    except KeyboardInterrupt:
        if counts is None or new_store:      # not stored (or the new store goes): "interrupted", exit 130
            if new_store:
                _remove_store(target)
            raise
        # a Ctrl-C after the import had been committed (closing the store): the rows are in, say so
        typer.echo("note: interrupted after the events had been stored; they are in the store", err=True)
        found = [named] if named and named not in before and counts.imported else []
    except BaseException:
        if new_store:     # nothing was imported: leave no store behind, as if the command had not run
            _remove_store(target)
        raise
    unread = counts.not_imported
    typer.echo(f"{file}: read {counts.read}, imported {counts.imported}, "
               f"already present {counts.already_present}, rejected {counts.rejected}"
               + (f"; dataset {', '.join(found)}" if found else "")
               + (f"; {len(unread)} column{'s' if len(unread) > 1 else ''} not imported: {', '.join(unread[:20])}"
                  + (f", and {len(unread) - 20} more" if len(unread) > 20 else "") if unread else "")
               + f"; store {target}")      # where it wrote, as the README says (its folders made as mkdir -p would)
    notes = [name for name in unread if name in NOTE_COLUMNS]
    if notes:
        typer.echo(f"note: {file} has a record's columns ({', '.join(notes)}): the store keeps an imported file's "
                   "event fields only, and an actor id only its folder's actors.csv defines gets no CAMEO code; "
                   "a scenario reads the record folder itself, notes and actors.csv included, through "
                   "record: {dataset: FOLDER} (docs/records.md)", err=True)
    if counts.differing:
        shown = ", ".join(counts.differing_ids) + (", ..." if counts.differing > len(counts.differing_ids) else "")
        typer.echo(f"note: {counts.differing:,} of the events already present differ in this file (date, code, mode, "
                   f"casualties or place: {shown}): the store keeps the versions it holds; to take the new ones, "
                   "export the other datasets, start a new store and import again", err=True)
    if named and counts.imported and named not in found and named not in before:
        typer.echo(f"note: the imported rows name their own dataset(s) in their provenance; --dataset {named} "
                   "finds none of them", err=True)
    if named and not counts.imported and counts.already_present and named not in found and named not in before:
        typer.echo(f"note: every event of {file} is already in the store under the dataset it was first imported "
                   f"in (an event is kept once, by its id): --dataset {named} holds none of them", err=True)
    from flashpoint.events.actors import ALIASES, normalize_name

    listed = [(name, n) for name, n in counts.unmapped if normalize_name(name) in ALIASES]
    unlisted = [(name, n) for name, n in counts.unmapped if normalize_name(name) not in ALIASES]
    if unlisted:
        shown = ", ".join(f"{name!r} ({n})" for name, n in unlisted[:8])
        typer.echo(f"note: {len(unlisted)} actor name(s) of the imported events are not in the actor "
                   f"dictionary, kept as written with the file's codes: {shown}"
                   + (", ..." if len(unlisted) > 8 else "") + " (--actor and --target match them as "
                   "written; the dictionary is the shipped records' actors.csv, docs/events.md)", err=True)
    if listed:      # a held-out tester read a country's name with its rebels' code as "not in dictionary"
        shown = ", ".join(f"{name!r} ({n}, as {ALIASES[normalize_name(name)]} it would be)" for name, n in listed[:8])
        typer.echo(f"note: {len(listed)} actor name(s) the dictionary lists are kept as written, because the file's "
                   "code gives them another role than the state's (a country's rebels, opposition or civilians, "
                   "not its government): "
                   f"{shown}" + (", ..." if len(listed) > 8 else "") + " (docs/events.md)", err=True)
    if counts.renamed:   # a held-out analyst's faction was stored as another theatre's actor, unsaid
        shown = ", ".join(f"{name!r} -> {actor} ({n})" for name, actor, n in counts.renamed[:8])
        typer.echo(f"note: {len(counts.renamed)} actor name(s) of the file were stored as another actor id, as the "
                   f"actor dictionary lists them: {shown}" + (", ..." if len(counts.renamed) > 8 else "")
                   + " (a scenario's own actor ids are kept with --scenario; docs/events.md)", err=True)
    if counts.rejects_path:
        typer.echo(f"rejected rows and reasons: {counts.rejects_path}")


@events_app.command("list")
def list_events(
    start: FromOption = None, end: ToOption = None, actor: ActorOption = None, kind: TypeOption = None,
    mode: ModeOption = None, target: TargetOption = None, dataset: DatasetOption = None,
    attributed: AttributedOption = False,
    limit: Annotated[Optional[int], typer.Option("--limit", min=0, max=MAX_ROWS,
                                                                     help="At most this many events.")] = None,
    output: Annotated[Output, typer.Option("--format", help="table, csv or json.")] = Output.table,
    store: StoreOption = None,
) -> None:
    """List events in date order (all record fields in csv and json)."""
    table = output is Output.table
    with _store(store, reading=True) as events:   # a table of 200,000 rows took two minutes and 1.6 GB (a tester)
        frame = events.query(**_filters(events, start, end, actor, kind, mode, target, dataset, attributed),
                             limit=TABLE_ROWS + 1 if table and limit is None else limit)
    if table:
        _print_events(frame.head(TABLE_ROWS) if limit is None else frame)
        if limit is None and len(frame) > TABLE_ROWS:
            typer.echo(f"note: the table shows the first {TABLE_ROWS:,} events of more; --limit N shows N, --format "
                       "csv or json every one (or `flashpoint events export`)", err=True)
    else:
        _write_frame(frame, output)


@events_app.command("series")
def series(
    freq: Annotated[Freq, typer.Option("--freq", help="D (day), W (week from Monday) or M (month).")] = Freq.M,
    by: Annotated[Optional[By], typer.Option("--by", help="One column per actor, type, mode or target.")] = None,
    start: FromOption = None, end: ToOption = None, actor: ActorOption = None, kind: TypeOption = None,
    mode: ModeOption = None, target: TargetOption = None, dataset: DatasetOption = None,
    attributed: AttributedOption = False,
    output: Annotated[Output, typer.Option("--format", help="table, csv or json.")] = Output.table,
    store: StoreOption = None,
) -> None:
    """Count events per period (rows: period start dates, as in Ensemble.series); without --from/--to, from the
    first to the last event of the dataset (or store), so that a filtered series keeps its months of 0."""
    from flashpoint.events.series import event_series

    with _store(store, reading=True) as events:
        frame = events.query(**_filters(events, start, end, actor, kind, mode, target, dataset, attributed))
        whole = events.query(**_filters(events, start, end, None, None, None, None, dataset, False))["date"]
        mixed = events.datasets() if dataset is None else []
    start, end = _days(start, end)
    if len(whole.dropna()):
        start = whole.min() if start is None else start
        end = whole.max() if end is None else end
    counts = event_series(frame, freq.value, by.value if by else None, start=start, end=end)
    table = counts.reset_index()
    table["date"] = table["date"].dt.strftime("%Y-%m-%d")
    if output is Output.table:
        _print_table(table, title=f"events per {dict(D='day', W='week', M='month')[freq.value]}")
    else:
        _write_frame(table, output)
    if counts.attrs.get("left_out"):
        typer.echo(f"{counts.attrs['left_out']} events dated only to the month or year are not in this "
                   f"{freq.value} series", err=True)
    if len(mixed) > 1:
        typer.echo(f"note: this series counts the events of {len(mixed)} datasets ({', '.join(mixed)}); an incident "
                   "that two of them report counts twice (an event is kept once by its id only, not matched across "
                   "sources): --dataset counts one", err=True)


@events_app.command("export")
def export(
    to: Annotated[Path, typer.Option("--to", help="Output file: .parquet or .csv.")],
    dataset: DatasetOption = None,
    store: StoreOption = None,
) -> None:
    """Write the store's events, in the record's fields, to a Parquet or CSV file."""
    from flashpoint.events.filters import check_dataset
    from flashpoint.outputs import out_file

    to = out_file(to, "--to", (".parquet", ".csv"))
    with _store(store, reading=True) as events:
        rows = events.export(to, dataset=check_dataset(events, dataset))
    typer.echo(f"wrote {rows} events to {to}")


_TABLE_COLUMNS = ("date", "event_id", "source_actor", "target_actor", "cameo_code", "plover_type", "mode",
                  "killed", "wounded", "location")


def _plain(frame):
    """Dates as YYYY-MM-DD and missing values as None, for csv and json."""
    out = frame.copy()
    for column in out.columns:
        if str(out[column].dtype).startswith("datetime"):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out.astype(object).where(out.notna(), None)


def _write_frame(frame, output: Output) -> None:
    plain = _plain(frame)
    if output is Output.csv:
        plain.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        json.dump(plain.to_dict(orient="records"), sys.stdout, indent=1, default=str)
        sys.stdout.write("\n")


def _print_events(frame) -> None:
    """The table's dates as precise as the events know them: 2023-12 for an event dated to its month only (stored on
    the 1st, which a held-out user read as its day)."""
    shown = _plain(frame[list(_TABLE_COLUMNS)])
    cut = {"month": 7, "year": 4}
    shown["date"] = [d if d is None else d[:cut.get(p, 10)]
                     for d, p in zip(shown["date"], frame["date_precision"].fillna("day"))]
    _print_table(shown, title=f"{len(frame)} events")


def _print_table(frame, title: str) -> None:
    from rich.table import Table

    from flashpoint.console import console

    table = Table(title=title, show_lines=False)
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*("" if value is None else str(value) for value in row))
    console(width=200).print(table)
