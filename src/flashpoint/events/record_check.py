"""Checking a record folder's ``events.csv`` (docs/records.md) row by row, before anything reads it.

A scenario's record may be a folder of the user's own; its events.csv is checked with the rules
the Flashpoint-CSV import applies (:mod:`flashpoint.events.importers.record_csv`: the same staging
pass over DuckDB, the same checks and messages), plus what a record adds to that format:

- every column docs/records.md lists is there, and no other;
- ``date`` is written YYYY-MM-DD, ``date_precision`` is ``day`` or ``month`` (empty: ``day``), and a
  month-precision date is the 1st of its month;
- ``reliability`` is A, B or C and ``attribution`` one of claimed, reported, unknown (both required);
- ``theatre`` is a 3-letter country code in capitals or a sea area in lower case, ``target_kind`` a
  lower-case name (both free: a case's own places and kinds), or empty;
- ``source_actor`` and ``target_actor`` are actor ids (``a-z``, ``0-9``, ``_``) or empty, and, when
  the folder has an ``actors.csv`` or the caller names actors, one of those ids or ``unknown``.

From the import come: event_id present and used once, date a date, CAMEO code present and in the
codebook, ``mode`` one of the record's modes (or of the modes the scenario declares) or empty, ``killed``/``wounded`` whole numbers of
people or empty, no control characters. Every bad row is reported at once (up to
:data:`~flashpoint.events.importers.staging.SHOWN_ERRORS`), each as
``FOLDER/events.csv line N: field F: what is wrong: 'value'``.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from flashpoint.errors import DataError
from flashpoint.events.actors import ACTOR_FILE, UNKNOWN_ACTOR, read_actor_table
from flashpoint.events.importers import checks as c
from flashpoint.events.importers import record_csv
from flashpoint.events.importers.reading import columns_of, sql_text
from flashpoint.events.importers.staging import (
    SHOWN_ERRORS,
    ImportFormat,
    Selection,
    stage,
)
from flashpoint.events.record import ATTRIBUTIONS, MODES
from flashpoint.events.shipped import EVENTS_FILE, NOTE_COLUMNS, RECORD_COLUMNS

#: The precisions a record's events may have (the import also takes ``year``).
RECORD_PRECISIONS = ("day", "month")
#: Who is always a valid actor of a record (UNKNOWN_ACTOR): nobody claimed it and no source attributed it with
#: certainty.
_ACTOR_ID = "[a-z][a-z0-9_]*"
#: A theatre (an ISO 3166 alpha-3 code, or a sea area) and a target kind, as docs/records.md writes them.
_THEATRE = "[A-Z]{3}|[a-z][a-z_]*"
_KIND = "[a-z][a-z0-9_]*"


def check_record_events(folder: str | os.PathLike, *, actors: Iterable[str] | None = None,
                        modes: Iterable[str] = ()) -> None:
    """Check ``folder/events.csv`` as docs/records.md defines it; raise DataError listing every bad row.

    ``actors``: actor ids the events may name besides those of the folder's ``actors.csv`` (the
    scenario's actor ids, say). When neither is there, an actor need only be written as an id.
    ``modes``: attack modes an event may have besides the record's (the modes a scenario declares: a
    case whose weapons the record's list does not name, a truck bomb, writes them as its own).
    A folder without an events.csv has nothing to check. Reads the file once through DuckDB (in
    memory), writes nothing; a folder whose files have not changed since they passed is not read again
    through DuckDB (their bytes are compared).
    """
    import duckdb

    folder = Path(folder)
    actors = None if actors is None else tuple(sorted({str(a) for a in actors}))
    modes = (*MODES, *sorted({str(m) for m in modes} - set(MODES)))
    if not folder.is_dir():
        raise DataError(f"record {folder}: no such folder")
    path = folder / EVENTS_FILE
    if not path.is_file():
        return
    columns = columns_of(path, record_csv.RECORD_CSV.dialect)
    absent = [name for name in (*RECORD_COLUMNS, *NOTE_COLUMNS) if name not in columns]
    if absent:
        raise DataError(f"{path} line 1: the header lacks the column(s) {', '.join(absent)} "
                        f"(docs/records.md lists a record's columns)")
    unknown = [name for name in columns if name not in (*RECORD_COLUMNS, *NOTE_COLUMNS)]
    if unknown:   # nothing would read it: refused rather than silently ignored
        raise DataError(f"{path} line 1: column {unknown[0]!r} is not a column of a record's events.csv "
                        f"(expected {', '.join((*RECORD_COLUMNS, *NOTE_COLUMNS))}; docs/records.md)")
    key = _fingerprint(folder, path, actors, modes)
    if key in _PASSED:
        return
    known = _known_actors(folder, actors)
    fmt = ImportFormat(
        name="record", label="a record's events.csv", dialect=record_csv.RECORD_CSV.dialect, id_field="event_id",
        required=(*RECORD_COLUMNS, *NOTE_COLUMNS), select=lambda cols, name: _select(cols, name, known, modes),
    )
    con = duckdb.connect()
    try:
        staged = stage(con, path, fmt)
        try:
            if staged.bad:
                raise _error(path, staged.problems(), staged.bad)
        finally:
            staged.drop()
    finally:
        con.close()
    if len(_PASSED) >= _PASSED_KEPT:
        _PASSED.pop(next(iter(_PASSED)))
    _PASSED[key] = None


#: Fingerprints of the checks passed (a scenario's record is checked each time it loads; an unchanged
#: folder passes again at the cost of reading its two files). Insertion order: the oldest goes first.
_PASSED: dict[str, None] = {}
_PASSED_KEPT = 32


def _fingerprint(folder: Path, path: Path, actors: Iterable[str] | None, modes: Iterable[str]) -> str:
    """What the verdict depends on: the bytes of events.csv and actors.csv, the actors and modes given."""
    digest = hashlib.sha256(str(path.resolve()).encode())
    for file in (path, folder / ACTOR_FILE):
        digest.update(b"\0file\0" + (file.read_bytes() if file.is_file() else b"(none)"))
    if actors is not None:
        digest.update(b"\0actors\0" + "\0".join(actors).encode())
    digest.update(b"\0modes\0" + "\0".join(modes).encode())
    return digest.hexdigest()


def _known_actors(folder: Path, given: Iterable[str] | None) -> tuple[set[str] | None, str]:
    """(the actor ids an event may name, or None when nothing says; where they come from, for messages)."""
    table = folder / ACTOR_FILE
    known: set[str] = set()
    origins = []
    if table.is_file():
        try:
            text = table.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataError(f"{table}: cannot be read ({exc})") from None
        known |= {row["id"] for row in read_actor_table(text, str(table))}
        origins.append(f"{ACTOR_FILE}")
    if given is not None:
        known |= {str(a) for a in given}
        origins.append("the scenario")
    if not origins:
        return None, ""
    return known | {UNKNOWN_ACTOR}, " or ".join(origins)


def _select(columns: tuple[str, ...], file_name: str | None, known: tuple[set[str] | None, str],
            modes: tuple[str, ...]) -> Selection:
    """The Flashpoint-CSV importer's selection, with the checks a record adds to that format."""
    base = record_csv.select(columns, file_name, precisions=RECORD_PRECISIONS, modes=modes)
    raw_date, precision = c.col("date"), c.col("date_precision")
    day = f"TRY_CAST({raw_date} AS DATE)"
    extra = [
        # the import also reads "2020-1-5" or a timestamp; a record writes YYYY-MM-DD (an unreadable
        # date is already reported by the import's check)
        c.problem(f"{raw_date} IS NOT NULL AND {day} IS NOT NULL AND NOT regexp_full_match({raw_date}, "
                  f"'[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}')", "date", "not written YYYY-MM-DD", raw_date),
        c.problem(f"{precision} = 'month' AND dayofmonth({day}) <> 1", "date",
                  "a date of month precision is the 1st of its month", raw_date),
        c.missing(c.col("reliability"), "reliability"),
        c.bad_choice(c.col("reliability"), "reliability", _grades()),
        c.missing(c.col("attribution"), "attribution"),
        c.bad_choice(c.col("attribution"), "attribution", ATTRIBUTIONS),
        # where and what: free names, but written as names (a held-out case's 'XQZ ' and 'zzz nonsense' passed)
        c.problem(f"{c.col('theatre')} IS NOT NULL AND NOT regexp_full_match({c.col('theatre')}, "
                  f"'{_THEATRE}')", "theatre", "not a 3-letter country code in capitals (IRQ) or a sea area in "
                  "lower case (red_sea)", c.col("theatre")),
        c.problem(f"regexp_full_match({c.col('theatre')}, '[A-Z]{{3}}') AND {c.col('theatre')} NOT IN ({_codes()})",
                  "theatre", "not an ISO 3166 alpha-3 country code, current or withdrawn "
                  "(flashpoint/scenario/iso3166.csv)",
                  c.col("theatre")),
        # a country's name in lower case is no sea area (a verifier's 'croatia' passed as one, as a scenario refuses)
        c.problem(f"{c.col('theatre')} IN ({_names()})", "theatre", "a country's name, not a sea area: write its ISO "
                  "3166 alpha-3 code in capitals (croatia: HRV)", c.col("theatre")),
        c.problem(f"{c.col('target_kind')} IS NOT NULL AND NOT regexp_full_match({c.col('target_kind')}, "
                  f"'{_KIND}')", "target_kind", "not a target kind: lower-case letters and _ (base, "
                  "commercial_ship)", c.col("target_kind")),
    ]
    ids, origin = known
    for field in ("source_actor", "target_actor"):
        value = c.col(field)
        extra.append(c.problem(f"{value} IS NOT NULL AND NOT regexp_full_match({value}, '{_ACTOR_ID}')", field,
                               "not an actor id (a-z, 0-9, _)", value))
        if ids is not None:
            listed = ", ".join(sql_text(a) for a in sorted(ids))
            extra.append(c.problem(
                f"{value} IS NOT NULL AND regexp_full_match({value}, '{_ACTOR_ID}') AND {value} NOT IN ({listed})",
                field, f"not an actor of {origin}" + (
                    " (a target attacked, a base or a corridor, is named by its kind in target_kind, which "
                    "record.target_kinds maps to the scenario's targets; target_actor is whom it belongs to or serves)"
                    if field == "target_actor" else ""), value))
    return Selection(values=base.values, checks=base.checks + extra, actors=base.actors,
                     code_field=base.code_field, extra=base.extra, code_checks=base.code_checks)


def _codes() -> str:
    """The country codes Flashpoint knows, as an SQL list."""
    from flashpoint.scenario.checks import country_codes

    return ", ".join(sql_text(code) for code in sorted(country_codes()))


def _names() -> str:
    """Countries' names as lower-case place ids (``croatia``, ``saudi_arabia``), as an SQL list."""
    from flashpoint.scenario.checks import country_names

    return ", ".join(sql_text(name) for name in sorted(country_names()))


def _grades() -> tuple[str, ...]:
    from flashpoint.records import GRADES  # the grades counts.csv and sources.csv use

    return tuple(GRADES)


#: Where one problem of a row ends and the next begins ("mode: ...; killed: ...").
_NEXT_FIELD = re.compile(r"; (?=[a-z_]+(?: [a-z_]+)?: )")


def _error(path: Path, problems: list[tuple[int, str]], bad: int) -> DataError:
    lines = []
    for line, text in problems:
        for part in _NEXT_FIELD.split(text):
            lines.append(f"{path} line {line}: {part if part.startswith('row: ') else 'field ' + part}")
    if bad > len(problems):
        lines.append(f"... and {bad - len(problems)} more bad rows (at most {SHOWN_ERRORS} are shown)")
    return DataError("\n".join(lines))
