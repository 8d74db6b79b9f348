"""Importers for event datasets: ACLED, GDELT 1.0 and 2.0, ICEWS, and Flashpoint's own CSV.

``detect_format(path)`` tells the format from the file's first line;
``stage(con, path, format)`` reads and checks a file into DuckDB; the
:class:`~flashpoint.events.store.EventStore` inserts the good rows in one
transaction.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from flashpoint.errors import DataError
from flashpoint.outputs import why_not_a_file
from flashpoint.events.importers.acled import ACLED
from flashpoint.events.importers.gdelt import GDELT1, GDELT1_HISTORICAL, GDELT2
from flashpoint.events.importers.icews import ICEWS
from flashpoint.events.importers.reading import Dialect, open_text
from flashpoint.events.importers.record_csv import RECORD_CSV
from flashpoint.events.importers.staging import ImportFormat, Staged, stage

FORMATS: dict[str, ImportFormat] = {f.name: f for f in (ACLED, GDELT1, GDELT2, ICEWS, RECORD_CSV)}
#: the layouts a headerless format's files come in, by width (GDELT 1.0's historical files lack SOURCEURL)
LAYOUTS: dict[int, ImportFormat] = {len(f.dialect.columns): f for f in (GDELT1_HISTORICAL, GDELT1, GDELT2)}

__all__ = ["FORMATS", "Dialect", "ImportFormat", "Staged", "check_layout", "detect_format", "get_format", "stage"]


def get_format(name: str) -> ImportFormat:
    try:
        return FORMATS[name.lower()]
    except KeyError:
        raise DataError(f"unknown event format {name!r}; expected one of {', '.join(FORMATS)}") from None


def _first_line(path: Path) -> str:
    if not path.is_file():
        raise DataError(f"{path}: {why_not_a_file(path)}")
    with open(path, "rb") as fh:     # said so, not shown as its bytes (a tester's re-import of a Parquet export)
        if fh.read(4) == b"PAR1":
            raise DataError(f"{path}: a Parquet file; import reads text exports (ACLED or Flashpoint CSV, GDELT or "
                            "ICEWS tab-separated): `flashpoint events export --to FILE.csv` writes one that imports "
                            "back")
    with open_text(path) as fh:
        for line in fh:
            if line.strip():
                return line.rstrip("\r\n")
    raise DataError(f"{path}: the file is empty")


def _gdelt_header(path: Path, line: str) -> None:
    """A GDELT table with a header row (a BigQuery or spreadsheet export) is not GDELT's raw export: say so, where
    a held-out import got "cannot tell the format" or three field errors on line 1."""
    if "globaleventid" in {f.strip().strip('"').lower() for f in line.replace(",", "\t").split("\t")}:
        raise DataError(f"{path}: line 1 is a header row naming GDELT's columns (GLOBALEVENTID, ...): Flashpoint "
                        "reads GDELT's raw event exports, tab-separated with no header; save a BigQuery or spreadsheet "
                        "export tab-separated, without the header row, with every column in the raw files' order")


def detect_format(path: str | Path) -> ImportFormat:
    """The format of ``path``, told from its first non-blank line."""
    path = Path(path)
    line = _first_line(path)
    _gdelt_header(path, line)
    if "\t" in line:
        fields = line.split("\t")
        if {"Event ID", "CAMEO Code"} <= {f.strip('"') for f in fields}:
            return check_layout(path, ICEWS)
        if fields[0].strip().isdigit():
            if len(fields) in LAYOUTS:
                return LAYOUTS[len(fields)]
            raise DataError(
                f"{path}: line 1 has {len(fields)} tab-separated columns; a GDELT 1.0 event table has 58 (57 in "
                "its historical files, to March 2013) and a GDELT 2.0 one 61 (GDELT's mentions and GKG tables are "
                "not event tables)"
            )
    else:
        import csv

        header = {name.strip().lower() for name in next(csv.reader([line]))}
        if {"event_id_cnty", "event_date", "sub_event_type"} <= header:
            return ACLED
        if {"event_id", "date", "cameo_code"} <= header:
            return RECORD_CSV
    raise DataError(
        f"{path}: cannot tell the format from line 1 ({line[:80]!r}); "
        f"give it with --format ({', '.join(FORMATS)})"
    )


def check_layout(path: Path, fmt: ImportFormat) -> ImportFormat:
    """The layout of ``fmt`` that ``path`` has (GDELT 1.0's historical files are a column short); a clear message
    when a headerless file has the wrong width for the format asked for."""
    line = _first_line(path)
    if fmt.dialect.header:       # a tab file whose header is quoted has its text quoted too (Dataverse's .tab exports)
        quoted = not fmt.dialect.quoted and all(len(f) > 1 and f[0] == f[-1] == '"' for f in line.split("\t"))
        return replace(fmt, dialect=replace(fmt.dialect, quoted=True)) if quoted else fmt
    _gdelt_header(path, line)
    width = len(line.split(fmt.dialect.delimiter))
    if LAYOUTS.get(width) is not None and LAYOUTS[width].name == fmt.name:
        return LAYOUTS[width]
    expected = len(fmt.dialect.columns)
    if width != expected:
        other = LAYOUTS[width].name if width in LAYOUTS else None
        hint = f"; it looks like --format {other}" if other else ""
        raise DataError(f"{path}: line 1 has {width} columns, {fmt.label} has {expected}{hint}")
    return fmt
