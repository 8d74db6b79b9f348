"""From a source file to checked rows in the record's shape, ready to insert in one transaction.

An importer (one module per format) describes its layout (:class:`Dialect`)
and how each record field is computed and checked (:class:`Selection`);
:func:`stage` reads the file, runs every check as one SQL pass, and leaves
the result in the temporary table ``_staged``: the record's columns, the
file line of each row, and ``_problems`` (NULL for a good row).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flashpoint.atomic import atomic_path
from flashpoint.errors import DataError
from flashpoint.events.importers.checks import cameo_table
from flashpoint.events.importers.reading import Dialect, SourceRows, read_rows, sql_name, sql_text

#: The record's columns as DuckDB types, in record order.
RECORD_SQL: dict[str, str] = {
    "event_id": "VARCHAR", "date": "DATE", "date_precision": "VARCHAR",
    "source_actor": "VARCHAR", "target_actor": "VARCHAR", "source_code": "VARCHAR", "target_code": "VARCHAR",
    "cameo_code": "VARCHAR", "cameo_root": "VARCHAR", "plover_type": "VARCHAR", "quad_class": "TINYINT",
    "goldstein": "DOUBLE", "mode": "VARCHAR", "killed": "BIGINT", "wounded": "BIGINT",
    "location": "VARCHAR", "provenance": "VARCHAR",
}

SHOWN_ERRORS = 20


@dataclass(frozen=True)
class Selection:
    fields: dict[str, str]      # record field -> SQL expression over the source view ``s`` and ``joins``
    checks: list[str]           # SQL expressions: NULL, or "field: reason"
    joins: str = ""


@dataclass(frozen=True)
class ImportFormat:
    name: str                   # as given to --format
    label: str
    dialect: Dialect
    id_field: str               # the source column that identifies an event, for messages
    required: tuple[str, ...]   # columns a header must have
    select: Callable[[object, SourceRows], Selection]


@dataclass
class Staged:
    """Checked rows of one file, in the temporary table ``_staged``."""

    con: object
    path: Path
    format: ImportFormat
    source: SourceRows
    read: int                   # rows in the file (good and bad)
    bad: int

    def problems(self, limit: int | None = SHOWN_ERRORS) -> list[tuple[int, str]]:
        clause = f"LIMIT {int(limit)}" if limit is not None else ""
        return self.con.execute(
            f"SELECT _line, _problems FROM _staged WHERE _problems IS NOT NULL ORDER BY _line {clause}"
        ).fetchall()

    def error(self) -> DataError:
        shown = self.problems()
        lines = [f"  {self.path.name}: line {line}: {text}" for line, text in shown]
        if self.bad > len(shown):
            lines.append(f"  ... and {self.bad - len(shown)} more bad rows")
        return DataError(
            f"{self.path}: {self.bad} of {self.read} rows cannot be imported as {self.format.label}; "
            f"nothing was imported:\n" + "\n".join(lines)
            + "\nFix them, or use --skip-bad to import the good rows and write the bad ones to a rejects file."
        )

    def write_rejects(self, target: Path) -> None:
        """The bad rows as CSV: line, reason, the row's columns as read (raw_line where it could not be split)."""
        columns = ", ".join(f"s.{sql_name(c)}" for c in self.source.columns)
        query = (
            f"SELECT b._line AS line, b._problems AS reason, {columns}, b._raw AS raw_line "
            f"FROM _staged b LEFT JOIN {self.source.view} s ON s._line = b._line "
            f"WHERE b._problems IS NOT NULL ORDER BY b._line"
        )
        with atomic_path(target) as tmp:
            self.con.execute(f"COPY ({query}) TO {sql_text(str(tmp))} (FORMAT csv, HEADER true)")


def stage(con, path: Path, fmt: ImportFormat) -> Staged:
    """Read and check ``path``; the rows wait in ``_staged`` for the caller's INSERT."""
    path = Path(path)
    cameo_table(con)
    source = read_rows(con, path, fmt.dialect)
    absent = [c for c in fmt.required if c not in source.columns]
    if absent:
        raise DataError(
            f"{path}: line 1: the header lacks the column(s) {', '.join(map(repr, absent))} "
            f"that {fmt.label} files have"
        )
    selection = fmt.select(con, source)
    values = ", ".join(
        f"TRY_CAST({selection.fields.get(name, 'NULL')} AS {kind}) AS {name}" for name, kind in RECORD_SQL.items()
    )
    problems = f"NULLIF(concat_ws('; ', {', '.join(selection.checks)}), '')" if selection.checks else "NULL"
    con.execute("DROP TABLE IF EXISTS _staged")
    con.execute(
        f"CREATE TEMP TABLE _staged AS SELECT s._line AS _line, {values}, {problems} AS _problems, "
        f"NULL::VARCHAR AS _raw FROM {source.view} s {selection.joins}"
    )
    if source.broken:
        con.executemany(
            "INSERT INTO _staged (_line, _problems, _raw) VALUES (?, ?, ?)", [list(row) for row in source.broken]
        )
    _flag_repeated_ids(con, fmt.id_field)
    read, bad = con.execute("SELECT count(*), count(_problems) FROM _staged").fetchone()
    return Staged(con=con, path=path, format=fmt, source=source, read=read, bad=bad)


def _flag_repeated_ids(con, id_field: str) -> None:
    """A second row with an event's id is a bad row: the file contradicts itself."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _repeats AS SELECT event_id, min(_line) AS first_line FROM _staged "
        "WHERE event_id IS NOT NULL AND _problems IS NULL GROUP BY event_id HAVING count(*) > 1"
    )
    if con.execute("SELECT count(*) FROM _repeats").fetchone()[0]:
        con.execute(
            f"UPDATE _staged SET _problems = {sql_text(id_field + ': repeats the event of line ')} || r.first_line "
            "FROM _repeats r WHERE _staged.event_id = r.event_id AND _staged._line > r.first_line "
            "AND _staged._problems IS NULL"
        )
