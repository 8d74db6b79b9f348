"""The record as the page reads it: events page by page (keyset paging), and the scenario's sourced counts.

Paging. Events come ordered by (date, event_id). Each page carries ``next_cursor``, an opaque
token naming its last event; the next page is the ``limit`` events after it, found by the
store's ordering alone (``WHERE (date, event_id) > cursor ... LIMIT``), so a page deep in a
million-row store costs what the first one does. ``offset`` is kept for short jumps and capped
(``MAX_OFFSET``): deeper, the API answers 422 and points to ``cursor``.

One store query runs at a time (the store's connection is shared), under its own working-memory
limit (``QUERY_MEMORY``): a request cannot make the server hold more than one page's query.
"""
from __future__ import annotations

import base64
import json
import math
import os
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from functools import lru_cache

import numpy as np
import pandas as pd

from flashpoint.errors import FlashpointError
from flashpoint.web.jobs import dumps

EVENTS_TTL = 2.0
#: the deepest ``offset`` served (beyond: page with ``cursor``)
MAX_OFFSET = 10_000
#: DuckDB's working memory for the web server's queries
QUERY_MEMORY = "256MB"


class BadCursor(ValueError):
    """A cursor this server did not write."""


class StoreBusy(Exception):
    """The store could not answer within its budget (its memory limit, say): the API answers 503."""


@contextmanager
def _answering():
    """DuckDB's errors out of a store call as StoreBusy (the API's 503); any other error as it is."""
    try:
        yield
    except Exception as exc:
        if "duckdb" not in type(exc).__module__:
            raise
        raise StoreBusy(f"the event store could not answer: {str(exc).splitlines()[0][:200]}") from None


def encode_cursor(date: str, event_id: str) -> str:
    raw = json.dumps([date, event_id], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(text: str) -> tuple[str, str]:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        date, event_id = json.loads(raw.decode("utf-8"))
        pd.Timestamp(date)
        if not isinstance(date, str) or not isinstance(event_id, str) or len(event_id) > 200:
            raise ValueError
    except (ValueError, TypeError, UnicodeDecodeError):
        raise BadCursor("not a cursor of this server (use a page's next_cursor)") from None
    return date, event_id


class Events:
    """The event store, opened on first use and held; the shipped records if the store cannot open."""

    def __init__(self, store):
        self._spec = store
        self._store = None
        self._frame: pd.DataFrame | None = None
        self.source = ""
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple, tuple[float, bytes]] = OrderedDict()
        self._known: tuple[float, _Known] | None = None

    def _open(self) -> None:
        if self._store is not None or self._frame is not None:
            return
        spec = self._spec
        if spec is not None and not isinstance(spec, (str, os.PathLike)):
            self._store, self.source = spec, f"event store {getattr(spec, 'path', '')}"
            return
        try:
            from flashpoint.events.store import EventStore

            self._store = EventStore(spec)
            self.source = f"event store {self._store.path}"
            self._store.con.execute(f"SET memory_limit = '{QUERY_MEMORY}'")
        except (ImportError, FlashpointError) as exc:
            from flashpoint.events.shipped import shipped_events, shipped_records

            self._frame = shipped_events()
            self.source = (f"the shipped records {', '.join(shipped_records())} "
                           f"(the event store is unavailable: {exc})")

    def close(self) -> None:
        with self._lock:
            if self._store is not None and isinstance(self._spec, (str, os.PathLike, type(None))):
                self._store.close()
            self._store = None

    def curated(self) -> dict[str, dict]:
        """event_id -> the notes of the shipped records' events (read once; the store keeps its own copy)."""
        from flashpoint.events.shipped import shipped_notes

        return shipped_notes()

    def checked(self, filters: dict) -> dict:
        """The actor and dataset filters read as the command line reads them: a name the actor
        dictionary knows becomes its id, and a value no stored event could match is refused (a 422
        naming the field and the values that exist) instead of being answered with an empty page."""
        from flashpoint.events.filters import check_actors, check_dataset

        out = dict(filters)
        with self._lock:
            known = self._vocabulary()
            for field in ("actor", "source", "target", "dataset"):
                if field not in out:
                    continue
                try:
                    if field == "dataset":
                        out[field] = check_dataset(known, out[field], field, folders=False)
                    else:       # a name typed without its accents may stand for several stored spellings
                        names = check_actors(known, [out[field]], field)
                        out[field] = names[0] if len(names) == 1 else tuple(names)
                except FlashpointError as exc:
                    raise BadFilter(field, str(exc)) from None
        return out

    def datasets(self) -> list[str]:
        """The datasets an event can come from (the dataset filter's values)."""
        with self._lock:
            return list(self._vocabulary().datasets())

    def datasets_holding(self, event_ids) -> list[str]:
        """The stored datasets that hold every one of ``event_ids`` (none where the store cannot open)."""
        with self._lock:
            self._open()
            if self._store is None:
                return []
            with _answering():
                return self._store.datasets_holding(event_ids)

    def actors_by_dataset(self) -> dict[str, set[str]]:
        """dataset -> the actors on either side of its events (the actor filter's values for that dataset)."""
        with self._lock:
            return self._vocabulary().by_dataset

    def _vocabulary(self) -> "_Known":
        """The stored actors and datasets, read at most once per EVENTS_TTL (a store may be imported
        into while the server runs); the caller holds the lock."""
        now = time.monotonic()
        if self._known is None or now - self._known[0] >= EVENTS_TTL:
            self._open()
            if self._store is not None:
                with _answering():
                    known = _Known(self._store.actors_by_dataset(), self._store.datasets())
            else:
                frame = self._frame
                dataset = frame["provenance"].map(lambda p: None if pd.isna(p) else json.loads(p).get("dataset"))
                sides = pd.concat([pd.DataFrame({"dataset": dataset, "actor": frame[side]})
                                   for side in ("source_actor", "target_actor")]).dropna()
                known = _Known({d: set(g["actor"]) for d, g in sides.groupby("dataset")},
                               sorted(set(dataset.dropna())))
            self._known = (now, known)
        return self._known[1]

    def page(self, filters: dict, limit: int, offset: int = 0, after: tuple[str, str] | None = None) -> bytes:
        key = (tuple(sorted(filters.items())), limit, offset, after)
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and now - hit[0] < EVENTS_TTL:
                return hit[1]
            self._open()
            if self._store is not None:
                with _answering():
                    frame = self._store.query(**filters, limit=limit + 1, offset=offset, after=after)
                    notes = self._store.notes(frame["event_id"].iloc[:limit])
            else:
                frame = _filter_frame(self._frame, after=after, **filters).iloc[offset:offset + limit + 1]
                notes = self.curated()
            source = self.source
        rows = frame.iloc[:limit]
        events = [_event_row(r, notes) for r in rows.to_dict("records")]
        more = len(frame) > limit
        last = events[-1] if events else None
        body = dumps({"events": events, "offset": offset, "limit": limit, "has_more": more,
                      "next_cursor": encode_cursor(last["date"], last["event_id"]) if more and last else None,
                      "source": source})
        with self._lock:
            self._cache[key] = (now, body)
            while len(self._cache) > 128:
                self._cache.popitem(last=False)
        return body


class BadFilter(ValueError):
    """A filter value no stored event could match; ``field`` is the query parameter."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class _Known:
    """Stored actors (per dataset) and datasets, answering as ``EventStore.actors``/``datasets`` do (what the filter
    checks read)."""

    def __init__(self, by_dataset: dict[str, set[str]], datasets: list[str]):
        self.by_dataset, self._datasets = by_dataset, datasets
        self._actors = set().union(*by_dataset.values())

    def actors(self) -> set[str]:
        return self._actors

    def datasets(self) -> list[str]:
        return self._datasets


def _filter_frame(frame: pd.DataFrame, actor=None, source=None, target=None, start=None, end=None,
                  plover_type=None, mode=None, dataset=None, after=None, attributed=False) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    if attributed and (actor or source):
        from flashpoint.events.shipped import shipped_notes

        notes = shipped_notes()
        blamed = frame["event_id"].map(lambda e: (notes.get(e) or {}).get("attributed_actor"))

    def one_of(column: pd.Series, value) -> pd.Series:    # a name, or the stored spellings it stands for
        return column.isin([value] if isinstance(value, str) else list(value)).fillna(False)

    if actor:
        keep &= (one_of(frame["source_actor"], actor) | one_of(frame["target_actor"], actor)
                 | (one_of(blamed, actor) if attributed else False))
    if source:
        keep &= one_of(frame["source_actor"], source) | (one_of(blamed, source) if attributed else False)
    if target:
        keep &= one_of(frame["target_actor"], target)
    if start is not None:
        keep &= frame["date"] >= pd.Timestamp(start)
    if end is not None:
        keep &= frame["date"] <= pd.Timestamp(end)
    if plover_type:
        keep &= frame["plover_type"].eq(plover_type).fillna(False)
    if mode:
        keep &= frame["mode"].eq(mode).fillna(False)
    if dataset:
        keep &= frame["provenance"].str.contains(f'"dataset": "{dataset}"', regex=False).fillna(False)
    if after is not None:
        day = pd.Timestamp(after[0])
        keep &= (frame["date"] > day) | ((frame["date"] == day) & (frame["event_id"] > after[1]))
    return frame[keep].sort_values(["date", "event_id"])


def _urls(items) -> list[str]:
    """The http(s) addresses among ``items`` (anything else is no link)."""
    return [s.strip() for s in items if isinstance(s, str) and s.strip().lower().startswith(("https://", "http://"))]


def _event_row(r: dict, notes: dict[str, dict]) -> dict:
    """One event for the page: the record's fields, then the record's notes (where it has them)."""
    out = {}
    for k, v in r.items():
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and not math.isfinite(v)):
            out[k] = None
        elif isinstance(v, pd.Timestamp):
            out[k] = v.date().isoformat()
        elif isinstance(v, np.integer):
            out[k] = int(v)
        elif isinstance(v, np.floating):
            out[k] = float(v)
        else:
            out[k] = v
    extra = notes.get(out.get("event_id")) or {}
    sources, summary = [], None
    try:
        prov = json.loads(out.get("provenance") or "{}")
        if isinstance(prov, dict) and isinstance(prov.get("sources"), list):
            sources = _urls(prov["sources"])
        if isinstance(prov, dict) and isinstance(prov.get("summary"), str):   # an import's text (ACLED's notes)
            summary = prov["summary"]
    except ValueError:
        pass
    out["summary"] = extra.get("summary") or summary
    out["attribution"] = extra.get("attributed_to")           # the page shows it: "attributed to: ..."
    out["attribution_kind"] = extra.get("attribution")        # claimed | reported | unknown
    out["attributed_actor"] = extra.get("attributed_actor")
    for key in ("target_kind", "theatre", "reliability"):
        out[key] = extra.get(key)
    out["sources"] = sources or _urls(str(extra.get("sources") or "").split(" ; "))
    return out


# -- the scenario's sourced counts ------------------------------------------------------------------
def observed_rows(scenario, indicator: str | None = None) -> dict[str, list[dict]]:
    """The scenario's sourced period counts (:func:`flashpoint.report.observed.period_counts`), by indicator.
    ``indicator`` names one as the record does (a sum's parts in any order), and a name also gives the counts of
    what lies under it (a held-out journalist asked for foreign_killed and got nothing beside the record's
    foreign_killed.tower count; a verifier's breakdown of one party, beside the counts of its modes)."""
    from flashpoint.report.observed import period_counts

    table = period_counts(scenario)
    out: dict[str, list[dict]] = {}
    for r in table.to_dict("records"):
        if indicator is not None and not _asked(indicator, r["indicator"]):
            continue
        start, end = pd.Timestamp(r["start"]).date(), pd.Timestamp(r["end"]).date()
        out.setdefault(r["indicator"], []).append({
            "start": start.isoformat(), "end": end.isoformat(), "days": (end - start).days + 1,
            "count": str(r["count"]), "hedge": r["hedge"],
            "low": None if not math.isfinite(r["low"]) else float(r["low"]),
            "high": None if not math.isfinite(r["high"]) else float(r["high"]),
            "kind": str(r["kind"]), "source": str(r["source"]), "reliability": str(r["reliability"]),
            "note": str(r["note"])})
    return out


def _asked(indicator: str, name: str) -> bool:
    """Whether the record's count ``name`` answers a request for ``indicator``: the same sum, or every part of it
    under the one indicator or breakdown asked for."""
    asked = sorted(part.strip() for part in indicator.split("+"))
    parts = name.split("+")
    return sorted(parts) == asked or len(asked) == 1 and all(
        part == asked[0] or part.startswith(asked[0] + ".") for part in parts)


@lru_cache(maxsize=1)
def plover_types() -> list[str]:
    """The PLOVER types of the CAMEO codebook (read once)."""
    from flashpoint.events.codes import cameo_codebook

    return sorted(str(t) for t in cameo_codebook()["plover_type"].dropna().unique())
