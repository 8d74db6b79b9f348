"""From a source file to checked rows, ready to insert into the store in one transaction.

An importer (one module per format) describes the file's layout
(:class:`Dialect`) and, in a :class:`Selection`, how each stored column is
computed from a row, which checks a row must pass, and which columns name its
two actors. :func:`stage` runs all of it as one SQL pass over DuckDB's
``read_csv`` into the temporary table ``_staged``; actor names are then
resolved once per distinct name, and :meth:`Staged.insert_sql` gives the
INSERT that adds the good rows whose event is not yet stored.
"""
from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from flashpoint.atomic import atomic_path
from flashpoint.errors import DataError
from flashpoint.events.importers.checks import Check, cameo_table, mapping_table, problems_sql, shown
from flashpoint.events.importers.reading import (
    Dialect, columns_of, mixed_line_endings, number_lines, number_rows, raw_lines, read_csv_sql, scan_file,
    set_aside, sql_text,
)

#: What the store keeps of an event (the CAMEO-derived fields and the provenance JSON are
#: computed when read: see ``flashpoint.events.store``).
STORED_SQL: dict[str, str] = {
    "event_id": "VARCHAR", "date": "DATE", "date_precision": "VARCHAR",
    "source_actor": "VARCHAR", "target_actor": "VARCHAR", "source_code": "VARCHAR", "target_code": "VARCHAR",
    "cameo_code": "VARCHAR", "mode": "VARCHAR", "killed": "BIGINT", "wounded": "BIGINT", "location": "VARCHAR",
    "import_id": "INTEGER", "prov_row": "BIGINT", "prov_text": "VARCHAR",
}
#: Columns an importer computes from a row (the rest come from actor mapping and provenance).
ROW_VALUES = ("event_id", "date", "date_precision", "cameo_code", "mode", "killed", "wounded", "location",
              "prov_text")

SHOWN_ERRORS = 20

#: A row's own words a format keeps in its events' provenance, after dataset, file and row: the event's text
#: (``summary``: ACLED's notes, ICEWS's Event Text) and its sources (``sources``, a list: the field's names or
#: addresses, ";" between them). The page shows them in its Summary and Sources columns.
TEXTS = ("summary", "sources")


#: the advice a file's import ends its bad rows' error with (``add`` of a frame gives its own: it has no skip_bad)
SKIP_BAD_ADVICE = "\nFix them, or use --skip-bad to import the good rows and write the bad ones to a rejects file."


@dataclass(frozen=True)
class ActorKeys:
    """The columns that name a row's two actors, and how a distinct key becomes (actor, CAMEO code)."""

    names: tuple[str, ...]
    source: tuple[str, ...]     # SQL over the row, one per name
    target: tuple[str, ...]
    resolve: Callable[..., tuple]


@dataclass(frozen=True)
class Selection:
    values: dict[str, str]      # column of ROW_VALUES -> SQL over the row ``s`` (no joins: a join would lose
    checks: list[Check]         # the file order that numbers the rows)
    actors: ActorKeys
    code_field: str             # the column the CAMEO code comes from, for messages
    extra: dict[str, str] = field(default_factory=dict)   # more staged columns, for code_checks
    texts: dict[str, str] = field(default_factory=dict)   # key of TEXTS -> SQL over the row: kept in the provenance
    code_checks: list[Check] = field(default_factory=list)  # over _staged and its codebook row ``cb``


@dataclass(frozen=True)
class ImportFormat:
    name: str                   # as given to --format, and the provenance dataset
    label: str
    dialect: Dialect
    id_field: str               # the source column that identifies an event, for messages
    required: tuple[str, ...]   # columns a header must have
    select: Callable[[tuple[str, ...], str], Selection]   # (file columns, file name) -> Selection
    optional: tuple[str, ...] = ()  # columns ``select`` reads when a header has them
    layout: tuple[str, ...] = ()    # other columns the format's own files have, which it does not read
    any_case: bool = False          # its headers come in either case (ACLED's older exports are upper case)

    @property
    def reads(self) -> tuple[str, ...]:
        """Every column the import reads; a header's other columns are not imported."""
        return (*self.required, *self.optional)


@dataclass
class Staged:
    """Checked rows waiting in ``_staged`` (with ``_line`` in the view ``_staged_lines``)."""

    con: object
    path: Path
    format: ImportFormat
    read: int
    bad: int
    file_name: str | None
    place: str = "line"         # a file's "line", a frame's "row"
    set_aside: list[tuple[int, str]] = field(default_factory=list)
    actor_keys: tuple[str, ...] = ()
    unread: tuple[str, ...] = ()  # the header's columns the format does not read (not imported)
    texts: tuple[str, ...] = ()   # the keys of TEXTS the rows give (staged as _text_<key>)

    def problems(self, limit: int | None = SHOWN_ERRORS) -> list[tuple[int, str]]:
        clause = f"LIMIT {int(limit)}" if limit is not None else ""
        return self.con.execute(
            "SELECT _line, _problems FROM (SELECT _line, _problems FROM _staged_lines WHERE _problems IS NOT NULL "
            f"UNION ALL SELECT _line, _problems FROM _set_aside) ORDER BY _line {clause}"
        ).fetchall()

    def error(self) -> DataError:
        shown = self.problems()
        lines = [f"  {self.path.name}: {self.place} {line}: {text}" for line, text in shown]
        if self.bad > len(shown):
            lines.append(f"  ... and {self.bad - len(shown)} more bad rows")
        return DataError(
            f"{self.path}: {self.bad} of {self.read} rows cannot be imported as {self.format.label}; "
            "nothing was imported:\n" + "\n".join(lines)
            + SKIP_BAD_ADVICE
        )

    def insert_sql(self, table: str, import_id: int, dataset: str | None = None) -> str:
        """INSERT the good rows whose event_id ``table`` does not hold yet, as part of import ``import_id``.

        A given provenance that is a JSON object naming no dataset (a run's events.csv) gets ``dataset``, as
        ``EventStore.add`` gives it, so that the events are found by the import's --dataset."""
        from flashpoint.events.importers.reading import sql_text

        def keys(side: str, alias: str) -> str:
            return " AND ".join(f"{alias}.{name} = s._{side}_{name}" for name in self.actor_keys)

        given = (f"CASE WHEN json_valid(s.prov_text) AND json_type(s.prov_text::JSON) = 'OBJECT' "
                 f"AND json_extract(s.prov_text::JSON, '$.dataset') IS NULL THEN json_merge_patch("
                 f"json_object('dataset', {sql_text(dataset)}), s.prov_text::JSON)::VARCHAR ELSE s.prov_text END "
                 if dataset else "s.prov_text ")
        if self.texts:       # the row's own words, after the place the store builds for a row without them
            place = ", ".join(f"'{k}', {v}" for k, v in (("dataset", dataset and sql_text(dataset)), (
                "file", self.file_name and sql_text(self.file_name)), ("row", "s._line")) if v)
            words = ", ".join(f"{sql_text(k)}, " + (f"list_filter(list_transform(string_split(s._text_{k}, ';'), "
                                                    f"lambda x: trim(x)), lambda x: x <> '')" if k == "sources"
                                                    else f"s._text_{k}") for k in self.texts)
            given = (f"CASE WHEN {' OR '.join(f's._text_{k} IS NOT NULL' for k in self.texts)} THEN json_merge_patch("
                     f"json_object({place}), json_object({words}))::VARCHAR ELSE {given} END ")
        return (
            f"INSERT INTO {table} SELECT s.event_id, s.date, s.date_precision, a1.actor, a2.actor, a1.cameo, "
            f"a2.cameo, s.cameo_code, s.mode, s.killed, s.wounded, s.location, {int(import_id)}, s._line, "
            + given + f"FROM _staged_lines s "
            f"LEFT JOIN _actor_map a1 ON {keys('s', 'a1')} LEFT JOIN _actor_map a2 ON {keys('t', 'a2')} "
            f"WHERE s._problems IS NULL AND NOT EXISTS (SELECT 1 FROM {table} e WHERE e.event_id = s.event_id)"
        )

    def differing_sql(self, table: str) -> str:
        """Count the good rows whose event_id ``table`` already holds with other values (a dataset's revision
        of an event: ACLED revises fatalities and dates; the store keeps what it holds), and name the first
        five of them."""
        fields = ("date", "date_precision", "cameo_code", "mode", "killed", "wounded", "location")
        differ = " OR ".join(f"e.{name} IS DISTINCT FROM s.{name}" for name in fields)
        return (f"SELECT count(*), list_slice(list(s.event_id ORDER BY s.event_id), 1, 5) FROM _staged_lines s "
                f"JOIN {table} e ON e.event_id = s.event_id WHERE s._problems IS NULL AND ({differ})")

    def drop(self) -> None:
        """Free the scratch tables."""
        for table in ("_staged", "_set_aside", "_actor_map", "_repeats", "_repeat_lines", "_rejects",
                      "_rejects_scans", "_staged_line_map", "_staged_shifts"):
            self.con.execute(f"DROP TABLE IF EXISTS {table}")

    def write_rejects(self, target: Path) -> None:
        """The bad rows as CSV: line, reason, and the text of that line of the source file."""
        bad = self.problems(limit=None)
        texts = raw_lines(self.path, {line for line, _ in bad})
        with atomic_path(target) as tmp, open(tmp, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["line", "reason", "text"])
            writer.writerows((line, reason, texts.get(line, "")) for line, reason in bad)


def _header_hint(columns: tuple[str, ...], absent: list[str], fmt: ImportFormat) -> str:
    """Why a header a person can see the names in does not have them: another separator, or letter case."""
    line = "".join(columns)
    for sep, name in ((";", "semicolons"), ("\t", "tabs"), (",", "commas"), ("|", "bars")):
        if sep != fmt.dialect.delimiter and sep in line and sum(a in line for a in absent) >= min(2, len(absent)):
            return (f"; its names are separated by {name}, not {'tabs' if fmt.dialect.delimiter == chr(9) else 'commas'}"
                    f" (save the file with {'tabs' if fmt.dialect.delimiter == chr(9) else 'commas'} between fields)")
    lower = {c.strip().lower(): c for c in columns}
    cased = [lower[a.lower()] for a in absent if a.lower() in lower]
    if cased:
        return (f"; it has {', '.join(map(repr, cased[:3]))}{' ...' if len(cased) > 3 else ''} in other letter case "
                f"(the names are written {absent[0]!r} and so on)")
    return ""


#: How alike (difflib's ratio, names in lower case) a column the format does not read and one it
#: reads but the file lacks must be for the first to be taken for a misspelling of the second.
MISSPELT = 0.8


def unread_columns(path: Path, columns: tuple[str, ...], fmt: ImportFormat) -> tuple[str, ...]:
    """The header's columns the format does not read, in file order; they are not imported.

    One that looks like a misspelling of a column the format reads and the file lacks (``killled``,
    ``Killed``) is refused: its values would be lost without a word while the import reported success.
    A column of the format's own layout (:attr:`ImportFormat.layout`) is never taken for one.
    """
    reads = fmt.reads
    if not fmt.dialect.header:     # a fixed layout (GDELT): its other fields, by their codebook names
        return tuple(name for name in columns if name not in reads)
    unread = tuple(name for name in columns if name not in reads)
    lacking = {name.lower(): name for name in reads if name not in columns}
    for name in unread:
        close = [] if name in fmt.layout else difflib.get_close_matches(name.lower(), list(lacking), n=1,
                                                                         cutoff=MISSPELT)
        if close:
            raise DataError(
                f"{path}: line 1, column {columns.index(name) + 1}: {name!r} is not a column {fmt.label} reads; "
                f"did you mean {lacking[close[0]]!r}? Its values would not be imported. The columns it reads: "
                f"{', '.join(reads)}"
            )
    return unread


def interrupted(exc: BaseException | None) -> bool:
    """Whether an error is, or follows from, a Ctrl-C: DuckDB answers one inside a query with its own errors
    ("Query interrupted", then "Current transaction is aborted" from the next statement), which would otherwise
    reach the user as a traceback or blame the file (a held-out test interrupted imports ten times)."""
    while exc is not None:
        if isinstance(exc, KeyboardInterrupt) or type(exc).__name__ == "InterruptException" \
                or "Query interrupted" in str(exc):
            return True
        exc = exc.__context__
    return False


def stage(con, path: Path, fmt: ImportFormat) -> Staged:
    """Read and check ``path``; the rows wait in ``_staged`` for the caller's INSERT."""
    path = Path(path)
    columns = columns_of(path, fmt.dialect)
    if fmt.any_case:           # read under the names the format knows (read_csv names the columns itself)
        columns = tuple(c.lower() for c in columns)
    absent = [c for c in fmt.required if c not in columns]
    if absent:
        raise DataError(
            f"{path}: line 1: the header lacks the column(s) {', '.join(map(repr, absent))} that {fmt.label} has"
            + _header_hint(columns, absent, fmt)
        )
    unread = unread_columns(path, columns, fmt)
    selection = fmt.select(columns, path.name)
    source = read_csv_sql(path, fmt.dialect, columns, "_rejects")
    # Count the file's lines (and look for control bytes) on a second thread while DuckDB parses it.
    with ThreadPoolExecutor(max_workers=1) as pool:
        scanned = pool.submit(scan_file, path)
        try:
            rows = _stage_rows(con, source, selection)
        except Exception as exc:  # duckdb.Error: an unreadable file
            if interrupted(exc):          # Ctrl-C inside DuckDB: the user's doing, not the file's
                raise KeyboardInterrupt from None
            mixed = mixed_line_endings(path, fmt.dialect)
            if mixed:
                raise DataError(f"{path}: {mixed}") from None
            first = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
            raise DataError(f"{path}: cannot be read as {fmt.label}: {first}") from None
        lines_in_file, control = scanned.result()
    if control:  # the costly check runs only for a file that holds a control character somewhere
        _flag_control_characters(con, selection)
    broken = number_lines(con, path, fmt.dialect, "_staged", rows, set_aside(con, "_rejects", fmt.dialect),
                          lines_in_file)
    staged = _finish(con, path, fmt, selection, broken, path.name, "line")
    staged.unread = unread
    return staged


def stage_frame(con, view: str, label: str, fmt: ImportFormat, columns: tuple[str, ...],
                selection: Selection) -> Staged:
    """Check rows of a registered DataFrame (text columns) like a file's."""
    _stage_rows(con, view, selection)
    _flag_control_characters(con, selection)
    number_rows(con, "_staged")
    return _finish(con, Path(label), fmt, selection, [], None, "row")


def _stage_rows(con, source_sql: str, selection: Selection) -> int:
    """Compute and check every row in one parallel scan into ``_staged``, whose rowid is then the row's
    place in the source (DuckDB keeps the order of a single scan without joins)."""
    cameo_table(con)
    for stale in ("_staged", "_rejects", "_rejects_scans"):
        con.execute(f"DROP TABLE IF EXISTS {stale}")
    values = [f"TRY_CAST({selection.values.get(name, 'NULL')} AS {STORED_SQL[name]}) AS {name}"
              for name in ROW_VALUES]
    keys = selection.actors
    values += [f"coalesce({expr}, '') AS _s_{name}" for name, expr in zip(keys.names, keys.source)]
    values += [f"coalesce({expr}, '') AS _t_{name}" for name, expr in zip(keys.names, keys.target)]
    values += [f"{expr} AS {name}" for name, expr in selection.extra.items()]
    values += [f"NULLIF(trim({expr}), '') AS _text_{key}" for key, expr in selection.texts.items()]
    problems = problems_sql(selection.checks)
    con.execute(f"CREATE TEMP TABLE _staged AS SELECT {', '.join(values)}, {problems} AS _problems "
                f"FROM {source_sql} s")
    _flag_unknown_codes(con, selection.code_field)
    if selection.code_checks:
        any_bad = " OR ".join(f"coalesce({check.condition}, false)" for check in selection.code_checks)
        messages = ", ".join(f"CASE WHEN {check.condition} THEN {check.message} END"
                             for check in selection.code_checks)
        con.execute(f"UPDATE _staged SET _problems = concat_ws('; ', _problems, {messages}) "
                    f"FROM _cameo cb WHERE cb.code = _staged.cameo_code AND ({any_bad})")
    return con.execute("SELECT count(*) FROM _staged").fetchall()[0][0]


def _flag_unknown_codes(con, field: str) -> None:
    """A CAMEO code the shipped codebook lacks makes a bad row (checked after the scan: few rows change)."""
    unknown = "cameo_code IS NOT NULL AND cameo_code NOT IN (SELECT code FROM _cameo)"
    if not con.execute(f"SELECT count(*) FROM _staged WHERE {unknown}").fetchall()[0][0]:
        return
    message = f"{sql_text(field + ': not a code of the CAMEO codebook: ')} || {shown('cameo_code')}"
    con.execute(f"UPDATE _staged SET _problems = concat_ws('; ', _problems, {message}) WHERE {unknown}")


#: C0 control characters but tab, line feed and carriage return, and DEL (RE2 syntax).
CONTROL_CHARACTERS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"


def _read_from(sql: str, fallback: str) -> str:
    """The file's columns an expression reads (its quoted names), for a message; ``fallback`` when none."""
    names = list(dict.fromkeys(re.findall(r'"([^"]+)"', sql)))
    return " / ".join(names) if names else fallback


def _flag_control_characters(con, selection: Selection) -> None:
    """A stored text holding a control character (NUL, ESC, ...) makes a bad row: it is binary
    junk or a broken export, and would travel into every table and file made from the store. The message names
    the file's column (a held-out tester's GDELT row was named by Flashpoint's own field, "source name")."""
    keys = selection.actors
    fields = {name: _read_from(selection.values.get(name, ""), name)
              for name in ("event_id", "date_precision", "cameo_code", "mode", "location", "prov_text")}
    fields.update({f"_text_{key}": _read_from(expr, key) for key, expr in selection.texts.items()})
    for side, label, sql in (("s", "source", keys.source), ("t", "target", keys.target)):
        fields.update({f"_{side}_{name}": _read_from(expr, f"{label} {name}") for name, expr in zip(keys.names, sql)})
    test = {column: f"regexp_matches({column}, {sql_text(CONTROL_CHARACTERS)})" for column in fields}
    any_bad = " OR ".join(f"coalesce({t}, false)" for t in test.values())
    if not con.execute(f"SELECT count(*) FROM _staged WHERE {any_bad}").fetchall()[0][0]:
        return
    messages = ", ".join(f"CASE WHEN {t} THEN {sql_text(fields[column] + ': holds a control character')} END"
                         for column, t in test.items())
    con.execute(f"UPDATE _staged SET _problems = concat_ws('; ', _problems, {messages}) WHERE {any_bad}")


def _finish(con, path: Path, fmt: ImportFormat, selection: Selection, broken: list[tuple[int, str]],
            file_name: str | None, place: str) -> Staged:
    keys = selection.actors
    union = " UNION ".join(
        f"SELECT DISTINCT {', '.join(f'_{side}_{n}' for n in keys.names)} FROM _staged" for side in ("s", "t"))
    mapping_table(con, "_actor_map", union, keys.names, keys.resolve, ("actor", "cameo"))
    con.execute("CREATE OR REPLACE TEMP TABLE _set_aside (_line BIGINT, _problems VARCHAR)")
    if broken:
        con.executemany("INSERT INTO _set_aside VALUES (?, ?)", [list(row) for row in broken])
    _flag_repeated_ids(con, fmt.id_field)
    read, bad = con.execute("SELECT count(*), count(_problems) FROM _staged").fetchall()[0]
    return Staged(con=con, path=path, format=fmt, read=read + len(broken), bad=bad + len(broken),
                  file_name=file_name, place=place, set_aside=broken, actor_keys=keys.names,
                  texts=tuple(selection.texts))


def _flag_repeated_ids(con, id_field: str) -> None:
    """A second row with an event's id is a bad row: the file contradicts itself."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _repeats AS SELECT event_id, min(rowid) AS first_idx FROM _staged "
        "WHERE event_id IS NOT NULL AND _problems IS NULL GROUP BY event_id HAVING count(*) > 1"
    )
    if not con.execute("SELECT count(*) FROM _repeats").fetchall()[0][0]:
        return
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _repeat_lines AS SELECT r.event_id, r.first_idx, l._line AS first_line "
        "FROM _repeats r JOIN _staged_lines l ON l._idx = r.first_idx"
    )
    con.execute(
        f"UPDATE _staged SET _problems = {sql_text(id_field + ': repeats the event of line ')} || r.first_line "
        "FROM _repeat_lines r WHERE _staged.event_id = r.event_id AND _staged.rowid > r.first_idx "
        "AND _staged._problems IS NULL"
    )
