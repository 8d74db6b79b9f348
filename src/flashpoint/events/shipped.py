"""The shipped records' events as datasets of the event store, and what the record says beside them.

Every record shipped in ``flashpoint/data/records/<name>/`` (docs/records.md) with an
``events.csv`` is a dataset named after the record. A new store holds them all with no import
step; a store reloads one when its files change (:func:`record_digest`, kept per dataset). Each
event comes in the record's columns: the CAMEO-derived fields from the codebook, the CAMEO actor
codes from the record's ``actors.csv``, and the provenance ``{"dataset", "row", "sources"}``
(``row``: the line of events.csv).

The record's other columns (``theatre``, ``target_kind``, ``attribution``, ``attributed_to``,
``summary``, ``sources``, ``reliability``) are the event's *notes*: the store keeps them in a
table of their own, beside the events, with ``attributed_actor``: the actor ``attributed_to``
names (:func:`flashpoint.events.actors.attributed_actor`), so that a query can also find the
events attributed to an actor, not only those where it is the source or the target.

Dataset names a past version shipped and this one replaced are listed in
``data/records/retired.csv``; a store drops their events when it opens.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from flashpoint.errors import DataError
from flashpoint.events.record import as_record

RECORDS_PACKAGE = "flashpoint.data.records"
EVENTS_FILE = "events.csv"
RETIRED_FILE = "retired.csv"
#: bump when the way a record becomes store rows changes: every store then reloads the records
LOAD_VERSION = "1"
RECORD_COLUMNS = ("event_id", "date", "date_precision", "source_actor", "target_actor", "cameo_code", "mode",
                  "killed", "wounded", "location")
NOTE_COLUMNS = ("theatre", "target_kind", "attribution", "attributed_to", "summary", "sources", "reliability")
#: the notes table: the event, its dataset, the record's extra columns and the actor attributed_to names
NOTES = ("event_id", "dataset", *NOTE_COLUMNS, "attributed_actor")


def shipped_records() -> list[str]:
    """The names of the shipped records that have events (each one a dataset of the store)."""
    folder = resources.files(RECORDS_PACKAGE)
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and p.joinpath(EVENTS_FILE).is_file())


def retired_datasets() -> dict[str, str]:
    """Dataset names a past version shipped -> the record that replaced them (``retired.csv``)."""
    table = resources.files(RECORDS_PACKAGE).joinpath(RETIRED_FILE)
    if not table.is_file():
        return {}
    rows = csv.DictReader(io.StringIO(table.read_text(encoding="utf-8")))
    return {row["dataset"]: row["replaced_by"] for row in rows}


def _text(name: str) -> str:
    """The events.csv of a shipped record, or of a record folder of one's own (docs/records.md)."""
    if name in shipped_records():
        return resources.files(RECORDS_PACKAGE).joinpath(name).joinpath(EVENTS_FILE).read_text(encoding="utf-8")
    path = Path(name) / EVENTS_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8")
    raise DataError(f"record {name!r}: not a shipped record with events (shipped: {', '.join(shipped_records())}) "
                    f"and not a folder with an {EVENTS_FILE}")


def record_digest(name: str) -> str:
    """A fingerprint of what the store holds for a record: its events file and the actor dictionary."""
    from flashpoint.events.actors import shipped_actor_texts

    digest = hashlib.sha256(LOAD_VERSION.encode())
    digest.update(_text(name).encode("utf-8"))
    for record, text in shipped_actor_texts().items():
        digest.update(f"\0{record}\0{text}".encode("utf-8"))
    return digest.hexdigest()[:16]


def _table(name: str) -> pd.DataFrame:
    return _parse(name, _text(name))


@lru_cache(maxsize=8)
def _parse(name: str, text: str) -> pd.DataFrame:
    """events.csv read and checked (cached by its text: an edited file is read again)."""
    table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    where = f"record {name}: {EVENTS_FILE}"
    missing = [c for c in (*RECORD_COLUMNS, *NOTE_COLUMNS) if c not in table.columns]
    if missing:
        raise DataError(f"{where}: lacks the column(s) {', '.join(missing)} (docs/records.md lists them)")
    repeated = table["event_id"][table["event_id"].duplicated()]
    if len(repeated):
        line = int(repeated.index[0]) + 2
        raise DataError(f"{where} line {line}: field event_id: {repeated.iloc[0]!r} is used twice")
    days = pd.to_datetime(table["date"], format="%Y-%m-%d", errors="coerce")
    if days.isna().any():
        line = int(days.index[days.isna()][0]) + 2
        raise DataError(f"{where} line {line}: field date: {table['date'][line - 2]!r} is not a date (YYYY-MM-DD)")
    return table


def record_table(name: str) -> pd.DataFrame:
    """A record's events.csv (shipped name or folder) as written (text columns, blank for empty)."""
    return _table(name).copy()


def record_events(name: str) -> pd.DataFrame:
    """A record's events (shipped name or folder) in the event record's shape (what the store serves for the dataset)."""
    from flashpoint.events.actors import THEATRE_ACTORS
    from flashpoint.events.codes import cameo_codebook

    table = _table(name).replace("", pd.NA)
    book = cameo_codebook()

    def code(actor):
        known = THEATRE_ACTORS.get(actor) if isinstance(actor, str) else None
        return known.cameo if known else None

    out = table[list(RECORD_COLUMNS)].copy()
    out["date"] = pd.to_datetime(table["date"], format="%Y-%m-%d")
    out["source_code"] = table["source_actor"].map(code)
    out["target_code"] = table["target_actor"].map(code)
    for column, source in (("cameo_root", "root_code"), ("plover_type", "plover_type"),
                           ("quad_class", "quad_class"), ("goldstein", "goldstein")):
        out[column] = table["cameo_code"].map(book[source])
    for column in ("killed", "wounded"):
        out[column] = pd.to_numeric(table[column]).astype("Int64")
    out["provenance"] = [
        json.dumps({"dataset": name, "row": line, "sources": _sources(sources)})
        for line, sources in zip(range(2, len(table) + 2), table["sources"])
    ]
    return as_record(out)


def _sources(text) -> list[str]:
    return [s.strip() for s in text.split(" ; ") if s.strip()] if isinstance(text, str) else []


def record_notes(name: str) -> pd.DataFrame:
    """A shipped record's notes, one row per event: the columns of :data:`NOTES` (text; None when blank)."""
    from flashpoint.events.actors import attributed_actor

    table = _table(name)
    out = table[["event_id", *NOTE_COLUMNS]].copy()
    out.insert(1, "dataset", name)
    out["attributed_actor"] = [attributed_actor(text) if kind in ("claimed", "reported") else None
                               for text, kind in zip(table["attributed_to"], table["attribution"])]
    return out[list(NOTES)].replace("", None)


@lru_cache(maxsize=1)
def _all_notes() -> dict[str, dict]:
    out = {}
    for name in shipped_records():
        for row in record_notes(name).to_dict("records"):
            out[row["event_id"]] = row
    return out


def shipped_notes() -> dict[str, dict]:
    """event_id -> notes (the columns of :data:`NOTES`) of every shipped record's events."""
    return _all_notes()


def shipped_events() -> pd.DataFrame:
    """Every shipped record's events, in the record's shape, by date and id."""
    frames = [record_events(name) for name in shipped_records()]
    return as_record(pd.concat(frames, ignore_index=True).sort_values(["date", "event_id"]))


def sync_store(store) -> None:
    """Bring an open EventStore up to date: each shipped record (re)loaded when its digest changed,
    with its notes, in one transaction; retired datasets and records no longer shipped removed."""
    meta = dict(store.con.execute("SELECT key, value FROM store_meta").fetchall())
    shipped = shipped_records()
    stale = {key[len("record:"):] for key in meta if key.startswith("record:")} - set(shipped)
    present = {row[0] for row in store.con.execute("SELECT DISTINCT dataset FROM imports").fetchall()}
    gone = stale | (set(retired_datasets()) & present) - set(shipped)
    if gone or "curated" in meta:          # "curated": the key a store kept before the records were datasets
        store.con.execute("BEGIN TRANSACTION")
        try:
            for name in sorted(gone):
                store._drop_dataset(name)
                store.con.execute("DELETE FROM store_meta WHERE key = ?", [f"record:{name}"])
            store.con.execute("DELETE FROM store_meta WHERE key = 'curated'")
            store.con.execute("COMMIT")
        except BaseException:
            store.con.execute("ROLLBACK")
            raise
    for name in shipped:
        digest = record_digest(name)
        if meta.get(f"record:{name}") == digest:
            continue
        store.add(record_events(name), dataset=name, _replace=name, _notes=record_notes(name))
        store.con.execute("INSERT OR REPLACE INTO store_meta VALUES (?, ?)", [f"record:{name}", digest])
