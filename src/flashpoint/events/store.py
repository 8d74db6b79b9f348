"""The event store: one DuckDB file holding events in the record's shape.

The default file is ``events.duckdb`` in the user's data directory
(platformdirs), or the path in the environment variable ``FLASHPOINT_STORE``;
every command takes ``--store PATH``. A new store holds every shipped record's
events from the start, each a dataset named after its record
(:mod:`flashpoint.events.shipped`), with the record's notes (attribution,
summary, sources, ...) in a table beside them; when a newer package ships a
changed record, the store replaces that dataset's rows the next time it opens.

Every import is one transaction: a file with a bad row adds nothing (unless
bad rows are skipped, and then they are written to a rejects file), and an
event whose ``event_id`` is already stored is left alone, so importing the
same file twice adds nothing.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from flashpoint.atomic import atomic_path
from flashpoint.errors import DataError, FlashpointError, FlashpointNote
from flashpoint.events.record import MODES, RECORD_FIELDS, as_record
from flashpoint.events.importers.staging import SKIP_BAD_ADVICE
from flashpoint.events.shipped import NOTES

STORE_ENV = "FLASHPOINT_STORE"
MEMORY_LIMIT = "512MB"  # DuckDB's working memory: keeps a million-row import well under 1 GB
_COLUMNS = ", ".join(RECORD_FIELDS)

#: The record's shape over the stored rows: CAMEO-derived fields from the codebook, and the
#: provenance JSON as given (curated, extracted events) or built from dataset, file and line.
_EVENT_VIEW = """
SELECT r.event_id, r.date, r.date_precision, r.source_actor, r.target_actor, r.source_code, r.target_code,
       r.cameo_code, c.root_code AS cameo_root, c.plover_type, c.quad_class, c.goldstein,
       r.mode, r.killed, r.wounded, r.location,
       coalesce(r.prov_text, CASE WHEN i.file IS NULL
                THEN json_object('dataset', i.dataset, 'row', r.prov_row)
                ELSE json_object('dataset', i.dataset, 'file', i.file, 'row', r.prov_row) END::VARCHAR
       ) AS provenance,
       coalesce(CASE WHEN r.prov_text IS NOT NULL THEN json_extract_string(r.prov_text, '$.dataset') END,
                i.dataset) AS dataset
FROM event_rows r
LEFT JOIN cameo_codes c ON c.code = r.cameo_code
LEFT JOIN imports i ON i.import_id = r.import_id
"""


#: Every DuckDB database file holds these bytes at this offset (its main header: an 8-byte checksum,
#: then the magic "DUCK"); a CSV, Parquet or SQLite file does not.
DUCKDB_MAGIC, DUCKDB_MAGIC_AT = b"DUCK", 8
NOT_A_STORE = "not an event store (a DuckDB file written by flashpoint events import)"


def store_option(text: str | None, option: str = "--store") -> Path | None:
    """A store file a user names on the command line. A name ending in '/' means a folder, which the store (a file)
    cannot be: typed as a Path the slash was dropped and a file of the folder's name made (a held-out tester)."""
    if text is None:
        return None
    if not text.strip():         # Path("") is ".": said as "--store .: is a folder" (held-out bad input)
        raise FlashpointError(f"{option}: {text!r} is not a usable path; name the store file (e.g. events.duckdb)")
    if text.endswith(("/", os.sep)):
        raise FlashpointError(f"{option} {text}: names a folder; the event store is a file (e.g. {text}events.duckdb)")
    return Path(text).expanduser()


def check_store_file(path: str | os.PathLike, label: str | None = None) -> None:
    """Refuse an existing file that is not a DuckDB database: DuckDB would open a CSV (or other file)
    as a database of its own, the store's writes would go nowhere and the command would report success.
    A path that does not exist yet is fine (the store is created there). ``label`` names the path in
    the message (e.g. "--store events.csv"); by default the path itself."""
    path = Path(path).expanduser()
    label = label or str(path)
    if not path.is_file():
        return
    try:
        with open(path, "rb") as fh:
            head = fh.read(DUCKDB_MAGIC_AT + len(DUCKDB_MAGIC))
    except OSError as exc:
        raise FlashpointError(f"{label}: cannot be read ({exc.strerror or exc})") from None
    if head[DUCKDB_MAGIC_AT:] != DUCKDB_MAGIC:
        raise FlashpointError(f"{label}: {NOT_A_STORE}")


def default_store_path() -> Path:
    """``$FLASHPOINT_STORE``, else ``events.duckdb`` in the user's data directory."""
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV]).expanduser()
    import platformdirs

    return platformdirs.user_data_path("flashpoint", appauthor=False) / "events.duckdb"


@dataclass(frozen=True)
class ImportCounts:
    read: int
    imported: int
    already_present: int
    rejected: int
    rejects_path: Path | None = None
    differing: int = 0        # already present, with other values in this file (kept as stored)
    differing_ids: tuple[str, ...] = ()   # the first five of them
    not_imported: tuple[str, ...] = ()   # the file's columns the format does not read
    unmapped: tuple[tuple[str, int], ...] = ()   # actor names no dictionary entry maps, with their events, most first
    renamed: tuple[tuple[str, str, int], ...] = ()   # (name as written, actor id it became, events), most first


#: what an ``add`` whose rows are bad advises
ADD_ADVICE = "\nFix them: add() adds every row or none (import_file(..., skip_bad=True) sets a file's bad rows aside)."

_DATASET_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,79}")


def _check_dataset_name(name: str, field: str = "--dataset") -> None:
    """A dataset name a user gives (``field``: where): short, lower case, not a shipped record's (those are the
    store's own)."""
    from flashpoint.events.shipped import shipped_records

    if not isinstance(name, str) or not _DATASET_NAME.fullmatch(name):
        raise FlashpointError(f"{field} {str(name)[:80]!r}: expected a name of lower-case letters, digits, '_', '.' "
                              "or '-' (at most 80), starting with a letter or digit")
    if name in shipped_records():
        raise FlashpointError(f"{field} {name!r} is a shipped record's name; the store keeps that dataset "
                              "in step with the shipped files, so choose another")


class EventStore:
    """Events in one DuckDB file: ``import_file``, ``add``, ``query``, ``export``."""

    def __init__(self, path: str | os.PathLike | None = None, *, curated: bool = True):
        """Open (or create) the store at ``path``; ``curated``: hold the shipped records' datasets."""
        import duckdb

        self.path = Path(path).expanduser() if path else default_store_path()
        if self.path.is_dir():
            raise FlashpointError(f"{self.path}: is a folder; the event store is a file (e.g. events.duckdb)")
        check_store_file(self.path, None if path or not os.environ.get(STORE_ENV) else f"${STORE_ENV} {self.path}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FlashpointError(f"cannot make the folder for the event store {self.path}: "
                                  f"{exc.strerror or exc}") from None
        try:
            self.con = duckdb.connect(str(self.path))
        except duckdb.Error as exc:
            raise FlashpointError(f"cannot open the event store {self.path}: {str(exc).splitlines()[0]}") from None
        try:
            self.con.execute("SET enable_progress_bar = false")
            self.con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")  # larger imports spill to disk
            self._refuse_another_database()
            self._create_schema()
            if curated:
                self._load_shipped()
        except BaseException:
            self.con.close()
            raise

    def _refuse_another_database(self) -> None:
        """A DuckDB file that holds tables and no event store is another database: refused, left as it was (a
        held-out tester's was given the store's tables, or ended in a traceback where its own table was named
        "events")."""
        tables = {name for (name,) in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        columns = {name for (name,) in self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'event_rows'").fetchall()}
        if tables and not {"event_id", "date", "import_id"} <= columns:
            listed = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
            raise FlashpointError(f"{self.path}: a DuckDB database that is no Flashpoint event store (it holds "
                                  f"{listed}); name another file for the store (--store)")

    def _create_schema(self) -> None:
        """``event_rows`` holds what an event needs; the view ``events`` shows it in the record's shape."""
        from flashpoint.events.codes import cameo_codebook
        from flashpoint.events.importers.staging import STORED_SQL

        columns = ", ".join(f"{name} {kind}" for name, kind in STORED_SQL.items())
        self.con.execute(f"CREATE TABLE IF NOT EXISTS event_rows ({columns})")
        self.con.execute("CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        self.con.execute(f"CREATE TABLE IF NOT EXISTS event_notes ({', '.join(f'{c} VARCHAR' for c in NOTES)})")
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS imports (import_id INTEGER PRIMARY KEY, dataset VARCHAR, file VARCHAR, "
            "imported_at TIMESTAMP, rows BIGINT)"
        )
        book = cameo_codebook()[["code", "root_code", "plover_type", "quad_class", "goldstein"]]
        self.con.register("_codebook", book.reset_index(drop=True))
        self.con.execute(
            "CREATE OR REPLACE TABLE cameo_codes AS SELECT code::VARCHAR AS code, root_code::VARCHAR AS root_code, "
            "plover_type::VARCHAR AS plover_type, quad_class::TINYINT AS quad_class, goldstein::DOUBLE AS goldstein "
            "FROM _codebook"
        )
        self.con.unregister("_codebook")
        self.con.execute(f"CREATE OR REPLACE VIEW event_view AS {_EVENT_VIEW}")
        self.con.execute(f"CREATE OR REPLACE VIEW events AS SELECT {_COLUMNS} FROM event_view")

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __len__(self) -> int:
        # fetchall, never fetchone: DuckDB 2 refuses new work on a connection while a result is half read
        return self.con.execute("SELECT count(*) FROM event_rows").fetchall()[0][0]

    # -- writing ---------------------------------------------------------------------------------
    def import_file(
        self, path: str | os.PathLike, format: str | None = None, *, skip_bad: bool = False,
        rejects: str | os.PathLike | None = None, dataset: str | None = None, scenario=None,
    ) -> ImportCounts:
        """Import an ACLED, GDELT, ICEWS or Flashpoint CSV file (format told from the content if not given).
        ``dataset``: the name its events are found by (default: the format's name); rows whose provenance
        names a dataset of their own (an exported record) keep it. ``scenario`` (a Scenario, a built-in name or a
        YAML file; Flashpoint CSV only): its rows may also have the attack modes the scenario declares, as a record
        laid beside that scenario may (``flashpoint.records.check_events``)."""
        from flashpoint.events import importers

        from flashpoint.events.importers.reading import check_compressed

        path = Path(path)
        if dataset is not None:
            _check_dataset_name(dataset)
        check_compressed(path)
        fmt = importers.get_format(format) if format else importers.detect_format(path)
        own: set[str] = set()
        if scenario is not None:
            fmt, own = _with_scenario_modes(fmt, scenario)
        fmt = importers.check_layout(path, fmt)
        rejects_path = Path(rejects) if rejects else path.with_name(path.name.split(".")[0] + ".rejects.csv")
        if skip_bad:  # before the import, not after minutes of it
            from flashpoint.outputs import not_the_input, out_file

            out_file(rejects_path, "rejects file")
            not_the_input(rejects_path, "rejects file", path)     # the default too: "x.rejects.csv" imported
        counts = self._transaction(lambda: importers.stage(self.con, path, fmt), skip_bad, rejects_path,
                                   dataset=dataset or fmt.name, file_name=str(path.name))
        # the scenario's actor ids are known actors, not names the dictionary lacks
        return dataclasses.replace(counts, unmapped=tuple(u for u in counts.unmapped if u[0] not in own))

    def add(self, frame: pd.DataFrame, dataset: str = "frame", *, _replace: str | None = None,
            _notes: pd.DataFrame | None = None) -> ImportCounts:
        """Add events given as a DataFrame in the record's shape (e.g. events extracted from text).

        The rows are checked like a Flashpoint CSV; a bad row raises DataError and adds nothing.
        ``dataset``: a name as ``import_file`` takes it (not a shipped record's). A blank provenance becomes
        {"dataset": dataset, "row": n}; rows whose provenance names a dataset of their own keep it, and a
        FlashpointNote says so (a held-out Python user's rows of a shipped record, added as "news", were not there).
        """
        from flashpoint.events.importers import record_csv
        from flashpoint.events.importers.staging import stage_frame

        if _replace is None:                  # the shipped records' own datasets are added by the store itself
            _check_dataset_name(dataset, "dataset")
        text = _as_text(frame)
        if "provenance" in text:
            text["provenance"] = text["provenance"].map(lambda given: _in_dataset(given, dataset)).astype("string")
            if kept := _own_datasets(text["provenance"], dataset):
                import warnings

                warnings.warn(f"{sum(kept.values()):,} of the {len(text):,} rows name their own dataset in their "
                              f"provenance ({', '.join(f'{n}: {k:,}' for n, k in kept.items())}) and keep it, not "
                              f"{dataset!r}: blank their provenance to store them under {dataset!r}",
                              FlashpointNote, stacklevel=2)
        columns = tuple(text.columns)
        selection = record_csv.select(columns, None)
        self.con.register("_frame_rows", text)
        try:
            return self._transaction(
                lambda: stage_frame(self.con, "_frame_rows", f"<{dataset} events>", record_csv.RECORD_CSV,
                                    columns, selection),
                skip_bad=False, rejects_path=None, dataset=dataset, file_name=None, replace=_replace,
                notes=_notes)
        except DataError as exc:          # --skip-bad is the command's, not add()'s (a held-out Python user)
            raise DataError(str(exc).replace(SKIP_BAD_ADVICE, ADD_ADVICE)) from None
        finally:
            self.con.unregister("_frame_rows")

    def _transaction(self, staged_rows, skip_bad: bool, rejects_path: Path | None, dataset: str,
                     file_name: str | None, replace: str | None = None,
                     notes: pd.DataFrame | None = None) -> ImportCounts:
        """Stage and check (scratch tables, outside the transaction), then insert in one transaction.

        ``replace`` names a dataset whose rows (and notes) the same transaction removes first;
        ``notes`` (columns of ``shipped.NOTES``) are written in it too.
        """
        staged = staged_rows()
        try:
            if staged.bad and not skip_bad:
                raise staged.error()
            self.con.execute("BEGIN TRANSACTION")
            try:
                if replace:
                    self._drop_dataset(replace)
                if notes is not None and len(notes):
                    self.con.register("_notes", notes[list(NOTES)].astype(object))
                    try:
                        self.con.execute(f"INSERT INTO event_notes SELECT {', '.join(NOTES)} FROM _notes")
                    finally:
                        self.con.unregister("_notes")
                differing, differing_ids = self.con.execute(staged.differing_sql("event_rows")).fetchall()[0]
                import_id = self.con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM imports").fetchall()[0][0]
                self.con.execute("SET preserve_insertion_order = false")  # the store needs no row order
                try:
                    imported = self.con.execute(staged.insert_sql("event_rows", import_id, dataset)).fetchall()[0][0]
                finally:
                    self.con.execute("SET preserve_insertion_order = true")
                # every row rejected is no import (the command refuses it): a held-out store kept a row of it
                if staged.bad < staged.read or not staged.read:
                    self.con.execute("INSERT INTO imports VALUES (?, ?, ?, now()::TIMESTAMP, ?)",
                                     [import_id, dataset, file_name, imported])
                unmapped = self._unmapped(import_id)
                renamed = self._renamed(staged, import_id)
                written = None
                if staged.bad and rejects_path is not None:
                    staged.write_rejects(rejects_path)
                    written = rejects_path
                self.con.execute("COMMIT")
            except BaseException as exc:
                import duckdb

                from flashpoint.events.importers.staging import interrupted

                try:
                    self.con.execute("ROLLBACK")
                except duckdb.Error:     # a Ctrl-C inside DuckDB aborted or ended it already: nothing to undo
                    pass
                if not isinstance(exc, KeyboardInterrupt) and interrupted(exc):
                    raise KeyboardInterrupt from None      # "interrupted", exit 130, not a traceback
                raise
        finally:
            staged.drop()
        return ImportCounts(read=staged.read, imported=imported, already_present=staged.read - staged.bad - imported,
                            rejected=staged.bad, rejects_path=written, differing=differing,
                            not_imported=staged.unread, unmapped=unmapped, differing_ids=tuple(differing_ids or ()),
                            renamed=renamed)

    def _unmapped(self, import_id: int) -> tuple[tuple[str, int], ...]:
        """The actor names of one import's events that no dictionary entry maps, with their events (a held-out
        import was half unmapped, and its summary read as clean)."""
        from flashpoint.events.actors import THEATRE_ACTORS
        from flashpoint.events.record_check import UNKNOWN_ACTOR

        rows = self.con.execute(
            "SELECT name, count(*) AS n FROM (SELECT source_actor AS name FROM event_rows WHERE import_id = ? "
            "UNION ALL SELECT target_actor FROM event_rows WHERE import_id = ?) WHERE name IS NOT NULL "
            "GROUP BY name ORDER BY n DESC, name", [import_id, import_id]).fetchall()
        return tuple((name, n) for name, n in rows if name not in THEATRE_ACTORS and name != UNKNOWN_ACTOR)

    def _renamed(self, staged, import_id: int) -> tuple[tuple[str, str, int], ...]:
        """The names written in one import's file that the actor dictionary made a different actor id, with the
        events stored under it (a held-out analyst's faction, named by its id, was stored as another theatre's
        actor whose alias the name is, and the summary named unknown names only)."""
        from flashpoint.events.actors import normalize_name

        name = staged.actor_keys[0]
        rows = self.con.execute(
            f"SELECT name, actor, count(*) AS n FROM ("
            f"SELECT s._s_{name} AS name, e.source_actor AS actor FROM _staged_lines s JOIN event_rows e "
            f"ON e.event_id = s.event_id AND e.import_id = ? AND e.prov_row = s._line WHERE s._problems IS NULL "
            f"UNION ALL SELECT s._t_{name}, e.target_actor FROM _staged_lines s JOIN event_rows e "
            f"ON e.event_id = s.event_id AND e.import_id = ? AND e.prov_row = s._line WHERE s._problems IS NULL) "
            f"WHERE name IS NOT NULL AND actor IS NOT NULL AND name <> actor "
            f"GROUP BY name, actor ORDER BY n DESC, name", [import_id, import_id]).fetchall()
        return tuple((str(n), str(a), int(k)) for n, a, k in rows if normalize_name(n) != a)

    def _drop_dataset(self, dataset: str) -> None:
        """Remove a dataset's rows and notes (inside the caller's transaction)."""
        self.con.execute("DELETE FROM event_rows WHERE import_id IN "
                         "(SELECT import_id FROM imports WHERE dataset = ?)", [dataset])
        self.con.execute("DELETE FROM event_notes WHERE dataset = ?", [dataset])

    def _load_shipped(self) -> None:
        from flashpoint.events.shipped import sync_store

        sync_store(self)

    # -- reading ---------------------------------------------------------------------------------
    def actors(self) -> set[str]:
        """Every actor (theatre id or name as written) on either side of a stored event."""
        rows = self.con.execute("SELECT source_actor FROM event_rows WHERE source_actor IS NOT NULL UNION "
                                "SELECT target_actor FROM event_rows WHERE target_actor IS NOT NULL").fetchall()
        return {row[0] for row in rows}

    def actors_by_dataset(self) -> dict[str, set[str]]:
        """dataset -> every actor (theatre id or name as written) on either side of its events."""
        rows = self.con.execute("SELECT dataset, source_actor FROM event_view WHERE source_actor IS NOT NULL "
                                "UNION SELECT dataset, target_actor FROM event_view "
                                "WHERE target_actor IS NOT NULL").fetchall()
        out: dict[str, set[str]] = {}
        for dataset, actor in rows:
            out.setdefault(dataset, set()).add(actor)
        return out

    def notes(self, event_ids) -> dict[str, dict]:
        """event_id -> the record's notes (``shipped.NOTES``) for those of ``event_ids`` that have them."""
        ids = [str(e) for e in event_ids if e is not None]
        if not ids:
            return {}
        frame = self.con.execute(f"SELECT {', '.join(NOTES)} FROM event_notes WHERE event_id IN "
                                 f"({', '.join('?' for _ in ids)})", ids).df()
        return {row["event_id"]: {k: (None if pd.isna(v) else v) for k, v in row.items()}
                for row in frame.to_dict("records")}

    def attributing_datasets(self) -> set[str]:
        """The datasets whose events keep a record's attribution (``attributed_to``, in the notes: the shipped
        records'); an imported file's keep the event record's columns only."""
        rows = self.con.execute("SELECT DISTINCT dataset FROM event_notes WHERE attributed_to IS NOT NULL").fetchall()
        return {row[0] for row in rows}

    def datasets_holding(self, event_ids) -> list[str]:
        """The datasets that hold every one of ``event_ids`` (a record folder's events.csv imported under a name of
        one's own holds all of its ids), by name."""
        ids = sorted({str(e) for e in event_ids})
        if not ids:
            return []
        rows = self.con.execute("SELECT dataset FROM event_view WHERE event_id IN (SELECT unnest(?::VARCHAR[])) "
                                "GROUP BY dataset HAVING count(DISTINCT event_id) = ?", [ids, len(ids)]).fetchall()
        return sorted(row[0] for row in rows if row[0])

    def datasets(self) -> list[str]:
        """The datasets of the stored events (as ``query(dataset=...)`` matches them)."""
        rows = self.con.execute(
            "SELECT i.dataset FROM imports i WHERE EXISTS (SELECT 1 FROM event_rows r WHERE r.import_id = i.import_id "
            "AND r.prov_text IS NULL) UNION SELECT json_extract_string(prov_text, '$.dataset') FROM event_rows "
            "WHERE prov_text IS NOT NULL").fetchall()
        return sorted(row[0] for row in rows if row[0])

    def modes(self) -> list[str]:
        """The attack modes a query may filter by: the record's, and any other the stored events have (a scenario's
        own, imported with ``scenario=``)."""
        stored = self.con.execute("SELECT DISTINCT mode FROM event_rows WHERE mode IS NOT NULL").fetchall()
        return [*MODES, *sorted({row[0] for row in stored} - set(MODES))]

    def query(
        self, *, actor: str | list[str] | None = None, source: str | list[str] | None = None,
        target: str | list[str] | None = None, start=None, end=None,
        plover_type: str | list[str] | None = None, mode: str | list[str] | None = None,
        cameo_root: str | list[str] | None = None, dataset: str | None = None, limit: int | None = None,
        offset: int = 0, after: tuple | None = None, attributed: bool = False,
    ) -> pd.DataFrame:
        """Events matching every filter given, ordered by date, as a record DataFrame.

        ``actor`` matches either side; ``start`` and ``end`` are inclusive dates. ``attributed``:
        ``actor`` and ``source`` also match the events a record attributes to the actor (its
        ``attributed_to`` names it, as a claim or a report), whoever the stored source is. ``after``
        (date, event_id): only events after that one in this order (keyset paging: no rows skipped
        over, however deep the page); ``offset`` skips that many rows.
        """
        for name, value in (("limit", limit), ("offset", offset)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, np.integer))
                                      or not 0 <= value <= 10**12):
                raise FlashpointError(f"{name} must be a whole number from 0 to 10^12, got {value!r}")
        where, params = self._where(dict(actor=actor, source=source, target=target, start=start, end=end,
                                         plover_type=plover_type, mode=mode, cameo_root=cameo_root, dataset=dataset,
                                         attributed=attributed))

        def keyset(key) -> None:
            nonlocal where
            day = as_day(key[0], "after")
            where += (" AND " if where else "WHERE ") + "(date > ?::DATE OR (date = ?::DATE AND event_id > ?))"
            params.extend([day, day, str(key[1])])

        if after is not None:
            keyset(after)
        if offset:  # the key of the last row skipped, read from two columns only; then the page by keyset
            skipped = self.con.execute(f"SELECT date, event_id FROM event_view {where} ORDER BY date, event_id "
                                       f"LIMIT 1 OFFSET {int(offset) - 1}", params).fetchall()
            if not skipped:
                return as_record(self.con.execute(f"SELECT {_COLUMNS} FROM event_view LIMIT 0").df())
            keyset(skipped[0])
        sql = f"SELECT {_COLUMNS} FROM event_view {where} ORDER BY date, event_id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return as_record(self.con.execute(sql, params).df())

    def _where(self, filters: dict) -> tuple[str, list]:
        """The SQL filter of ``filters`` (``_FILTER_NAMES``), checked as ``flashpoint events list`` checks its
        options: an unknown filter, an actor neither the dictionary nor the store knows (a name the dictionary
        knows becomes its id), a dataset the store has not, or a start after the end is refused; before, a
        misspelt actor gave no rows, unsaid (a held-out Python user)."""
        from flashpoint.events.filters import check_actors, check_dataset

        unknown = sorted(set(filters) - set(_FILTER_NAMES))
        if unknown:
            raise FlashpointError(f"unknown event filter(s) {', '.join(map(repr, unknown))}; known: "
                                  + ", ".join(_FILTER_NAMES))
        given = {k: filters.get(k) for k in _FILTER_NAMES}
        for side in ("actor", "source", "target"):
            given[side] = check_actors(self, _listed(given[side]), side)
        given["dataset"] = check_dataset(self, given["dataset"], "dataset")
        if given["start"] is not None and given["end"] is not None and \
                as_day(given["start"], "start") > as_day(given["end"], "end"):
            raise FlashpointError(f"start {as_day(given['start'], 'start')} is after end {as_day(given['end'], 'end')}")
        return _filters(**given, known=self.modes() if given["mode"] else MODES)

    def export(self, path: str | os.PathLike, **filters) -> int:
        """Write the (filtered) events to ``path``: .parquet or .csv, by the suffix. Returns the row count."""
        path = Path(path)
        kind = {".parquet": "parquet", ".csv": "csv"}.get(path.suffix.lower())
        if kind is None:
            raise FlashpointError(f"{path}: export writes .parquet or .csv files")
        where, params = self._where(filters)
        query = f"SELECT {_COLUMNS} FROM event_view {where} ORDER BY date, event_id"
        options = "FORMAT parquet" if kind == "parquet" else "FORMAT csv, HEADER true"
        with atomic_path(path) as tmp:
            self.con.execute(f"COPY ({query}) TO '{str(tmp).replace(chr(39), chr(39) * 2)}' ({options})", params)
        return self.con.execute(f"SELECT count(*) FROM event_view {where}", params).fetchall()[0][0]


_FILTER_NAMES = ("actor", "source", "target", "start", "end", "plover_type", "mode", "cameo_root", "dataset",
                 "attributed")


def _listed(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def as_day(value, name: str) -> str:
    """``value`` (text, a date or datetime, a numpy datetime64) as YYYY-MM-DD; a FlashpointError naming ``name``
    when it is no date. Text must be a day YYYY-MM-DD ("2020" was read as its 1 January: a held-out tester)."""
    # a number was nanoseconds after 1970 (a held-out researcher's start=20200101 took every event)
    if not isinstance(value, (str, dt.date, np.datetime64)) or (
            isinstance(value, str) and not re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value)):
        raise FlashpointError(f"{name}: {value!r} is not a date (expected YYYY-MM-DD)")
    try:
        day = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise FlashpointError(f"{name}: {value!r} is not a date (expected YYYY-MM-DD)") from None
    first, last = pd.Timestamp.min.ceil("D"), pd.Timestamp.max.floor("D")
    if not first <= day <= last:       # series of such days ended in a traceback, and "999-01-01" was compared as text
        raise FlashpointError(f"{name}: {value!r} is outside the days the store counts ({first:%Y-%m-%d} to "
                              f"{last:%Y-%m-%d})")     # (a held-out tester)
    return day.strftime("%Y-%m-%d")


def _filters(actor=None, source=None, target=None, start=None, end=None, plover_type=None, mode=None,
             cameo_root=None, dataset=None, attributed=False, known=MODES) -> tuple[str, list]:
    clauses, params = [], []

    def any_of(column_sql: str, values: list[str]) -> None:
        clauses.append(f"{column_sql} IN ({', '.join('?' for _ in values)})")
        params.extend(values)

    def by_attribution(values: list[str]) -> str:
        if not attributed:
            return ""
        params.extend(values)
        return (f" OR event_id IN (SELECT event_id FROM event_notes WHERE attributed_actor IN "
                f"({', '.join('?' for _ in values)}))")

    if actors := _listed(actor):
        marks = ", ".join("?" for _ in actors)
        params.extend(actors + actors)
        clauses.append(f"(source_actor IN ({marks}) OR target_actor IN ({marks}){by_attribution(actors)})")
    if sources := _listed(source):
        params.extend(sources)
        clauses.append(f"(source_actor IN ({', '.join('?' for _ in sources)}){by_attribution(sources)})")
    if targets := _listed(target):
        any_of("target_actor", targets)
    if start is not None:
        clauses.append("date >= ?::DATE")
        params.append(as_day(start, "start"))
    if end is not None:
        clauses.append("date <= ?::DATE")
        params.append(as_day(end, "end"))
    if types := _listed(plover_type):
        any_of("plover_type", [t.upper() for t in types])
    if modes := _listed(mode):
        unknown = [m for m in modes if m not in known]
        if unknown:
            raise FlashpointError(f"unknown attack mode {unknown[0]!r}; expected one of {', '.join(known)}")
        any_of("mode", modes)
    if roots := _listed(cameo_root):
        any_of("cameo_root", [r.zfill(2) for r in roots])
    if dataset:
        clauses.append("json_extract_string(provenance, '$.dataset') = ?")
        params.append(dataset)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _in_dataset(given, dataset: str):
    """A given provenance that is a JSON object naming no dataset, with this one: the store finds an event's
    dataset there (events extracted from text were stored under "news" and could not be asked for by it).
    Anything else as given (a blank one gets its dataset later; text that is no JSON object is reported)."""
    import json

    if given is None or pd.isna(given) or not str(given).strip():
        return given
    try:
        value = json.loads(given)
    except ValueError:
        return given
    if not isinstance(value, dict) or "dataset" in value:
        return given
    return json.dumps({"dataset": dataset, **value}, ensure_ascii=False)


def _own_datasets(provenance: pd.Series, dataset: str) -> dict[str, int]:
    """The datasets other than ``dataset`` that provenance JSON objects name, with their rows."""
    import json

    named: dict[str, int] = {}
    for given in provenance.dropna():
        try:
            value = json.loads(given)
        except ValueError:
            continue
        if isinstance(value, dict) and value.get("dataset") not in (None, dataset):
            named[str(value["dataset"])] = named.get(str(value["dataset"]), 0) + 1
    return named


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame's record columns as text (blank for missing), with ``_line`` = row number from 1."""
    if not isinstance(frame, pd.DataFrame):
        raise DataError("events must be given as a pandas DataFrame in the record's shape")
    missing = [c for c in ("event_id", "date", "cameo_code") if c not in frame.columns]
    if missing:
        raise DataError(f"the events lack the column(s) {', '.join(missing)}")
    out = pd.DataFrame({"_line": range(1, len(frame) + 1)})
    for name in RECORD_FIELDS:
        if name not in frame.columns:
            continue
        column = frame[name].reset_index(drop=True)
        text = column.astype("string")
        if name == "date":  # dates as YYYY-MM-DD; a value that is no date stays as written, to be reported
            days = pd.to_datetime(column, errors="coerce")
            text = days.dt.strftime("%Y-%m-%d").astype("string").fillna(text)
        out[name] = text
    return out


def _with_scenario_modes(fmt, scenario):
    """The Flashpoint CSV format ``fmt`` that also accepts the attack modes ``scenario`` declares (a Scenario, or
    a name or file to load) and keeps its actor ids, and those ids; any other format is refused: its modes come
    from its own codes, not from a column."""
    from flashpoint.events.importers import record_csv
    from flashpoint.scenario.checks import declared_modes

    if fmt.name != record_csv.RECORD_CSV.name:
        raise FlashpointError(f"--scenario applies to Flashpoint CSV files (--format csv), whose mode column it "
                              f"checks; this file is {fmt.label} ({fmt.name}), whose modes come from its own codes")
    if isinstance(scenario, (str, os.PathLike)):
        from flashpoint.scenario.loader import load_scenario

        scenario = load_scenario(scenario)
    actors = {a.id: getattr(a, "cameo", None) for a in scenario.actors}
    return record_csv.with_modes(declared_modes(scenario), scenario.name, actors), set(actors)

