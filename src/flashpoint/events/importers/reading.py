"""Reading delimited files with DuckDB, and giving every row its line in the file.

DuckDB's ``read_csv`` does the parsing (fast, parallel, every column read as
text). Rows it cannot split into the expected columns are set aside, with
their line, in DuckDB's rejects table rather than failing the read, so an
import can list every bad row. Rows are numbered in file order as they are
read (a table made by one scan keeps the scan's order, so its rowid is the
row's place in the file); the line of row k is then worked out: directly when each record is one
line (the usual case), and by one pass of Python's csv reader in the rare
file with blank lines or line breaks inside quoted fields.
"""
from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass
from pathlib import Path

from flashpoint.errors import DataError
from flashpoint.outputs import why_not_a_file


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    quoted: bool                              # '"' quoting (ACLED, CSV) or none at all (GDELT, ICEWS)
    header: bool
    columns: tuple[str, ...] | None = None    # fixed column names of a headerless layout


def sql_text(value: str) -> str:
    """A SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def sql_name(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + str(name).replace('"', '""') + '"'


def check_compressed(path: Path) -> None:
    """A .gz file read through once: a damaged or truncated stream is refused naming the file, before anything
    reads it in part (a held-out tester's truncated file ended the import with exit 1 and an empty message)."""
    import zlib

    if path.suffix != ".gz":
        return
    try:
        with gzip.open(path, "rb") as fh:
            while fh.read(1 << 24):
                pass
    except EOFError:
        raise DataError(f"{path}: the gzip stream is truncated (it ends before its end marker): the file was cut "
                        "short; fetch it again") from None
    except (gzip.BadGzipFile, zlib.error, OSError) as exc:
        raise DataError(f"{path}: not a readable gzip file ({exc}); a .gz name must hold gzip data") from None


def open_text(path: Path) -> io.TextIOBase:
    """Open a (possibly gzip-compressed) text file for reading, tolerant of a byte-order mark."""
    if path.suffix == ".zip":
        raise DataError(f"{path}: zip archives are not read directly; unzip the file and import what is inside")
    raw = gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")
    if raw.peek(2)[:2] in (b"\xff\xfe", b"\xfe\xff"):     # UTF-16's byte-order mark (read as garble: held-out)
        raw.close()
        raise DataError(f"{path}: UTF-16 text; save the file as UTF-8")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")


#: why a row with bytes that are not UTF-8 is set aside (a spreadsheet's "CSV" is often Windows-1252)
INVALID_TEXT = "row: not valid UTF-8 text (save the file as UTF-8)"

#: Python's csv reader refuses fields over 128 KB by default; DuckDB reads lines up to 2 MB
#: (and sets longer ones aside), so the reader that numbers lines must take what DuckDB took.
FIELD_LIMIT = 1 << 24
csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))


def _reader(fh, dialect: Dialect):
    if dialect.quoted:
        return csv.reader(fh, delimiter=dialect.delimiter, quotechar='"', doublequote=True, strict=False)
    return csv.reader(fh, delimiter=dialect.delimiter, quoting=csv.QUOTE_NONE)


def columns_of(path: Path, dialect: Dialect) -> tuple[str, ...]:
    """The file's column names: from its header line, or the layout's fixed names."""
    if not path.is_file():
        raise DataError(f"{path}: {why_not_a_file(path)}")
    if not dialect.header:
        return tuple(dialect.columns or ())
    with open_text(path) as fh:
        try:
            header = next((record for record in _reader(fh, dialect) if record), None)
        except csv.Error as exc:
            raise DataError(f"{path}: line 1: the header cannot be read ({exc})") from None
    if header is None:
        raise DataError(f"{path}: the file is empty")
    header = [name.strip() for name in header]
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if not name:
            index = (" (the row numbers pandas or a spreadsheet writes first? save the file without them, e.g. "
                     "DataFrame.to_csv(..., index=False))" if position == 1 and len(header) > 1 else "")
            raise DataError(f"{path}: line 1: column {position} has no name{index}")
        if name in seen:
            raise DataError(f"{path}: line 1: column {name!r} appears twice")
        seen.add(name)
    return tuple(header)


def read_csv_sql(path: Path, dialect: Dialect, columns: tuple[str, ...], rejects: str) -> str:
    """The ``read_csv`` call that reads every column as text (rows come in file order)."""
    spec = "{" + ", ".join(f"{sql_text(c)}: 'VARCHAR'" for c in columns) + "}"
    quote = "'\"'" if dialect.quoted else "''"
    return (
        f"read_csv({sql_text(str(path))}, "
        f"delim={sql_text(dialect.delimiter)}, header={str(dialect.header).lower()}, quote={quote}, "
        f"escape={quote}, columns={spec}, auto_detect=false, store_rejects=true, "
        f"rejects_table={sql_text(rejects)}, rejects_scan={sql_text(rejects + '_scans')})"
    )


def set_aside(con, rejects: str, dialect: Dialect) -> list[tuple[int, str]]:
    """(line, reason) of the rows DuckDB could not split into columns."""
    rows = con.execute(  # DuckDB lists a short row once per missing column: keep the first
        f"SELECT line, arg_min(error_type, coalesce(column_idx, 0)), arg_min(error_message, coalesce(column_idx, 0)) "
        f"FROM {rejects} GROUP BY line ORDER BY line"
    ).fetchall()
    return [(int(line), _structure_reason(kind, message, dialect)) for line, kind, message in rows]


#: Bytes of the C0 control characters but tab, line feed and carriage return, and DEL.
CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def scan_file(path: Path) -> tuple[int, bool]:
    """(physical lines, whether any control character occurs) in one pass over the file's bytes
    (a last line without a newline counts)."""
    opener = gzip.open if path.suffix == ".gz" else open
    lines, last, buffer, control = 0, b"\n", bytearray(1 << 23), False
    with opener(path, "rb") as fh:
        while size := fh.readinto(buffer):
            chunk = bytes(memoryview(buffer)[:size]) if size < len(buffer) else buffer
            lines += chunk.count(b"\n")
            control = control or len(chunk.translate(None, CONTROL_BYTES)) != size
            last = bytes(memoryview(buffer)[size - 1:size])
    return lines + (last != b"\n"), control


def count_lines(path: Path) -> int:
    """Physical lines in the file (a last line without a newline counts)."""
    return scan_file(path)[0]


def unclosed_quote(path: Path) -> int | None:
    """The line whose quote opens a field that no later quote closes, or None (quotes counted line by line, a
    doubled one inside a field counting twice)."""
    opened = None
    with open_text(path) as fh:
        for number, line in enumerate(fh, start=1):
            if line.count('"') % 2:
                opened = number if opened is None else None
    return opened


def number_lines(con, path: Path, dialect: Dialect, table: str, rows: int,
                 broken: list[tuple[int, str]], lines_in_file: int | None = None) -> list[tuple[int, str]]:
    """Make the view ``{table}_lines``: ``table`` plus ``_line``. Returns the set-aside rows (line, reason).

    ``lines_in_file`` is :func:`count_lines` of the file, when the caller has it already.
    """
    header = int(dialect.header)
    if lines_in_file is None:
        lines_in_file = count_lines(path)
    if lines_in_file == rows + len(broken) + header:
        _line_by_position(con, table, header, [line for line, _ in broken])
        return broken
    # blank lines, or line breaks inside quoted fields: ask Python's csv reader
    lines, broken = _lines_by_reader(path, dialect)
    if len(lines) != rows:
        opened = unclosed_quote(path) if dialect.quoted else None
        if opened is not None:                 # the rest of the file read as one field (held-out bad input)
            raise DataError(f"{path}: line {opened}: a quote (\") opens a field that is never closed: the rest of "
                            "the file would be read as that one field; close it, or double a quote inside a field")
        raise DataError(f"{path}: rows could not be matched to file lines ({len(lines)} read, {rows} parsed)")
    integer_table(con, f"{table}_line_map", {"idx": range(len(lines)), "line": lines})
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {table}_lines AS SELECT m.line AS _line, t.* "
        f"FROM {_numbered(table)} t JOIN {table}_line_map m ON m.idx = t._idx"
    )
    return broken


def _numbered(table: str) -> str:
    """The table with ``_idx``: its rowid, which is the row's place in the file when the table was
    made by one scan of it (DuckDB keeps a single scan's order)."""
    return f"(SELECT rowid AS _idx, * FROM {table})"


def number_rows(con, table: str) -> None:
    """Rows that come from no file (a DataFrame): row k is called row k + 1."""
    con.execute(f"CREATE OR REPLACE TEMP VIEW {table}_lines AS SELECT _idx + 1 AS _line, * FROM {_numbered(table)}")


def _line_by_position(con, table: str, header: int, broken_lines: list[int]) -> None:
    """Each record is one line: row k is line header+1+k, pushed down past the lines set aside before it."""
    if not broken_lines:
        con.execute(f"CREATE OR REPLACE TEMP VIEW {table}_lines AS "
                    f"SELECT _idx + {1 + header} AS _line, * FROM {_numbered(table)}")
        return
    # Before the i-th set-aside line (i from 1) come line_i - header - i good rows; a good row with k
    # good rows before it lies after every set-aside line whose count is at most k.
    shifts: dict[int, int] = {}
    for i, line in enumerate(sorted(broken_lines), start=1):
        shifts[line - header - i] = i
    integer_table(con, f"{table}_shifts", {"good_before": list(shifts), "shift": list(shifts.values())})
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {table}_lines AS "
        f"SELECT t._idx + {1 + header} + coalesce(s.shift, 0) AS _line, t.* "
        f"FROM {_numbered(table)} t ASOF LEFT JOIN {table}_shifts s ON t._idx >= s.good_before"
    )


def integer_table(con, name: str, columns: dict) -> None:
    """A temporary table of integer columns, built from Python sequences through numpy."""
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame({k: np.asarray(v, dtype=np.int64) for k, v in columns.items()})
    con.register(f"{name}_frame", frame)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_frame")
    con.unregister(f"{name}_frame")


def _lines_by_reader(path: Path, dialect: Dialect) -> tuple[list[int], list[tuple[int, str]]]:
    """Start line of every well-formed record, and the malformed ones with a reason."""
    lines: list[int] = []
    broken: list[tuple[int, str]] = []
    width = len(columns_of(path, dialect))
    header_pending = dialect.header
    with open_text(path) as fh:
        reader = _reader(fh, dialect)
        start = 1
        for record in _records(reader, path):
            line, start = start, reader.line_num + 1
            if not record:
                continue
            if header_pending:
                header_pending = False
            elif any("\ufffd" in field for field in record):   # DuckDB sets such a row aside too
                broken.append((line, INVALID_TEXT))
            elif len(record) == width:
                lines.append(line)
            else:
                broken.append((line, f"row: expected {width} columns, found {len(record)}"))
    return lines, broken


def mixed_line_endings(path: Path, dialect: Dialect) -> str | None:
    """Where a file switches between CRLF and LF line ends (which DuckDB cannot read), or None.

    Line breaks inside quoted fields are skipped: a spreadsheet's CRLF file with LF inside
    cells is fine.
    """
    opener = gzip.open if path.suffix == ".gz" else open
    first, inside = None, False
    with opener(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if dialect.quoted and raw.count(b'"') % 2:
                inside = not inside
            if inside or not raw.endswith(b"\n"):
                continue
            kind = "CRLF" if raw.endswith(b"\r\n") else "LF"
            if first is None:
                first = (number, kind)
            elif kind != first[1]:
                return (f"line {number}: the line ends with {kind} but line {first[0]} with {first[1]}; "
                        "a file must use one kind of line end (convert it, e.g. with dos2unix)")
    return None


def _records(reader, path: Path):
    """The reader's records; a record it cannot read is a DataError naming its line."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataError(f"{path}: line {reader.line_num}: cannot be read as CSV ({exc})") from None


def raw_lines(path: Path, wanted: set[int]) -> dict[int, str]:
    """The text of the given (1-based) lines of a file, for a rejects file."""
    found: dict[int, str] = {}
    if not wanted:
        return found
    last = max(wanted)
    with open_text(path) as fh:
        for number, text in enumerate(fh, start=1):
            if number in wanted:
                found[number] = text.rstrip("\r\n")
            if number >= last:
                break
    return found


_COLUMNS_FOUND = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


def _structure_reason(kind: str, message: str, dialect: Dialect) -> str:
    found = _COLUMNS_FOUND.search(message or "")
    sep = "tab-separated" if dialect.delimiter == "\t" else f"{dialect.delimiter!r}-separated"
    if found:
        return f"row: expected {found.group(1)} {sep} columns, found {found.group(2)}"
    reasons = {
        "UNQUOTED VALUE": "row: a quoted field is not closed properly",
        "INVALID ENCODING": INVALID_TEXT,
        "INVALID UNICODE": INVALID_TEXT,
        "LINE SIZE OVER MAXIMUM": "row: the line is too long (over 2 MB)",
    }
    return reasons.get(kind, f"row: {kind.lower()}: {message}")
