"""Read a delimited file into DuckDB as text columns, with the file line of every row.

DuckDB's ``read_csv`` does the parsing (fast, parallel). Rows it cannot split
into the expected columns are set aside with their line through DuckDB's
rejects table rather than failing the read, so that an import can list every
bad row. The line of each good row is computed from its position: directly
when each record is one line, and by one pass of Python's csv reader in the
rare file with blank lines or line breaks inside quoted fields.
"""
from __future__ import annotations

import csv
import gzip
import io
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from flashpoint.errors import DataError


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    quoted: bool                              # '"' quoting (ACLED, CSV) or none at all (GDELT, ICEWS)
    header: bool
    columns: tuple[str, ...] | None = None    # fixed column names of a headerless layout


@dataclass
class SourceRows:
    """A file read into the temporary view ``view``: its columns as text, plus ``_line``."""

    path: Path
    view: str
    columns: tuple[str, ...]
    rows: int
    broken: list[tuple[int, str, str]] = field(default_factory=list)  # (line, reason, text): rows not split into columns


def sql_text(value: str) -> str:
    """A SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def sql_name(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + str(name).replace('"', '""') + '"'


def open_text(path: Path) -> io.TextIOBase:
    """Open a (possibly gzip-compressed) text file for reading, tolerant of a byte-order mark."""
    if path.suffix == ".zip":
        raise DataError(f"{path}: zip archives are not read directly; unzip the file and import what is inside")
    raw = gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")


def first_record(path: Path, dialect: Dialect) -> list[str]:
    """The first non-blank record of the file, split into fields."""
    with open_text(path) as fh:
        for record in _reader(fh, dialect):
            if record:
                return record
    raise DataError(f"{path}: the file is empty")


def count_lines(path: Path) -> int:
    """Physical lines in the file (a last line without a newline counts)."""
    opener = gzip.open if path.suffix == ".gz" else open
    lines, last = 0, b"\n"
    with opener(path, "rb") as fh:
        while chunk := fh.read(1 << 24):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


def read_rows(con, path: Path, dialect: Dialect, name: str = "_source") -> SourceRows:
    """Read ``path`` into a temporary table and a view ``name`` with its columns and ``_line``."""
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    columns = _columns(path, dialect)
    spec = "{" + ", ".join(f"{sql_text(c)}: 'VARCHAR'" for c in columns) + "}"
    quote = "'\"'" if dialect.quoted else "''"
    table, rejects, scans = f"{name}_rows", f"{name}_rejects", f"{name}_scans"
    for stale in (table, rejects, scans):
        con.execute(f"DROP TABLE IF EXISTS {stale}")
    try:
        con.execute(
            f"CREATE TEMP TABLE {table} AS SELECT * FROM read_csv({sql_text(str(path))}, "
            f"delim={sql_text(dialect.delimiter)}, header={str(dialect.header).lower()}, quote={quote}, "
            f"escape={quote}, columns={spec}, auto_detect=false, store_rejects=true, "
            f"rejects_table={sql_text(rejects)}, rejects_scan={sql_text(scans)})"
        )
    except Exception as exc:  # duckdb.Error: unreadable file, bad compression, ...
        raise DataError(f"{path}: cannot be read as {_describe(dialect)}: {_first_line(exc)}") from None
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    broken = [
        (int(line), _structure_reason(kind, message, dialect), text)
        for line, kind, message, text in con.execute(
            f"SELECT line, error_type, error_message, csv_line FROM {rejects} ORDER BY line"
        ).fetchall()
    ]
    header = int(dialect.header)
    if count_lines(path) == rows + len(broken) + header:
        _line_view(con, name, table, header, [row[0] for row in broken])
    else:  # blank lines, or line breaks inside quoted fields: ask Python's csv reader
        lines, broken = _lines_by_reader(path, dialect, len(columns))
        if len(lines) != rows:
            raise DataError(f"{path}: the rows could not be matched to file lines ({len(lines)} vs {rows})")
        _temp_table(con, f"{name}_lines", {"idx": range(len(lines)), "line": lines})
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT l.line AS _line, t.* "
            f"FROM (SELECT rowid AS _idx, * FROM {table}) t JOIN {name}_lines l ON l.idx = t._idx"
        )
    return SourceRows(path=path, view=name, columns=columns, rows=rows, broken=broken)


def _columns(path: Path, dialect: Dialect) -> tuple[str, ...]:
    if not dialect.header:
        return tuple(dialect.columns or ())
    header = [c.strip() for c in first_record(path, dialect)]
    seen = set()
    for position, column in enumerate(header, start=1):
        if not column:
            raise DataError(f"{path}: line 1: column {position} has no name")
        if column in seen:
            raise DataError(f"{path}: line 1: column {column!r} appears twice")
        seen.add(column)
    return tuple(header)


def _line_view(con, name: str, table: str, header: int, broken_lines: list[int]) -> None:
    """Each record is one line: row k is line header+1+k, shifted past the rows set aside before it."""
    if not broken_lines:
        con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT rowid + {1 + header} AS _line, * FROM {table}")
        return
    # good rows before the i-th set-aside line (1-based i): line_i - header - i; a good row with
    # k good rows before it comes after every set-aside line whose count is <= k.
    shifts = {}
    for i, line in enumerate(sorted(broken_lines), start=1):
        shifts[line - header - i] = i
    _temp_table(con, f"{name}_shifts", {"good_before": list(shifts), "shift": list(shifts.values())})
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {name} AS "
        f"SELECT t._idx + {1 + header} + coalesce(s.shift, 0) AS _line, t.* EXCLUDE (_idx) "
        f"FROM (SELECT rowid AS _idx, * FROM {table}) t "
        f"ASOF LEFT JOIN {name}_shifts s ON t._idx >= s.good_before"
    )


def _temp_table(con, name: str, columns: dict) -> None:
    """A temporary table of integer columns, built from Python sequences through numpy."""
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame({k: np.asarray(v, dtype=np.int64) for k, v in columns.items()})
    con.register(f"{name}_frame", frame)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_frame")
    con.unregister(f"{name}_frame")


def _reader(fh, dialect: Dialect):
    if dialect.quoted:
        return csv.reader(fh, delimiter=dialect.delimiter, quotechar='"', doublequote=True, strict=False)
    return csv.reader(fh, delimiter=dialect.delimiter, quoting=csv.QUOTE_NONE)


def _lines_by_reader(path: Path, dialect: Dialect, width: int) -> tuple[list[int], list[tuple[int, str, str]]]:
    """Start line of every well-formed record, and the malformed ones with a reason."""
    lines: list[int] = []
    broken: list[tuple[int, str, str]] = []
    with open_text(path) as fh:
        reader = _reader(fh, dialect)
        records = iter(reader)
        if dialect.header:
            next(records, None)
        start = reader.line_num + 1
        for record in records:
            line, start = start, reader.line_num + 1
            if not record:
                continue
            if len(record) == width:
                lines.append(line)
            else:
                reason = f"row: expected {width} columns, found {len(record)}"
                broken.append((line, reason, dialect.delimiter.join(record)))
    return lines, broken


_COLUMNS_FOUND = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


def _structure_reason(kind: str, message: str, dialect: Dialect) -> str:
    found = _COLUMNS_FOUND.search(message or "")
    sep = "tab-separated" if dialect.delimiter == "\t" else f"{dialect.delimiter!r}-separated"
    if found:
        return f"row: expected {found.group(1)} {sep} columns, found {found.group(2)}"
    reasons = {
        "UNQUOTED VALUE": "row: a quoted field is not closed properly",
        "INVALID ENCODING": "row: not valid UTF-8 text",
        "INVALID UNICODE": "row: not valid UTF-8 text",
        "LINE SIZE OVER MAXIMUM": "row: the line is too long (over 2 MB)",
    }
    return reasons.get(kind, f"row: {kind.lower()}: {message}")


def _describe(dialect: Dialect) -> str:
    sep = "tab-separated" if dialect.delimiter == "\t" else "comma-separated"
    return f"{sep} text" + (" with a header line" if dialect.header else "")


def _first_line(exc: Exception) -> str:
    return next(itertools.islice(str(exc).splitlines(), 1), "") or type(exc).__name__
