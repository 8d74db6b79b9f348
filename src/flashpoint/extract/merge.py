"""One event, many reports: merging mentions across sentences and articles, and the event records.

Two mentions are the same event when they have the same PLOVER type, the
same source and target codes (an unknown side matches a known one) and
compatible dates: the same day, or one date inside the other's month or
year when it is less precise. The merged record keeps the most specific
date, the most specific CAMEO code, the largest casualty figures, the first
named location, and every mention in its provenance.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
import pandas as pd

from flashpoint.events.codes import describe_cameo
from flashpoint.events.record import as_record, empty_record
from flashpoint.extract.coder import EventMention

PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 3}
_describe = lru_cache(maxsize=None)(describe_cameo)


def _dates_compatible(a: EventMention, b: EventMention) -> bool:
    if a.date is None or b.date is None:
        return True
    if a.doc == b.doc and not (a.dated and b.dated):
        return True          # an undated sentence of the same article may go on about a dated event
    coarse = max(a, b, key=lambda e: PRECISION_RANK[e.date_precision])
    fine = b if coarse is a else a
    if coarse.date_precision == "year":
        return coarse.date.year == fine.date.year
    if coarse.date_precision == "month":
        return (coarse.date.year, coarse.date.month) == (fine.date.year, fine.date.month)
    return coarse.date == fine.date


def _side(actor) -> str | None:
    return actor.code if actor is not None else None


def _sides_agree(x, y) -> bool:
    """Same code; or one country only guessed from the place ("the base") and the same sector."""
    if x.code == y.code:
        return True
    return (x.inferred or y.inferred) and x.sector == y.sector


def _same_event(a: EventMention, b: EventMention) -> bool:
    if a.plover != b.plover or not _dates_compatible(a, b):
        return False
    known = 0
    for x, y in ((a.source, b.source), (a.target, b.target)):
        if x is not None and y is not None:
            if not _sides_agree(x, y):
                return False
            known += 1
    return known >= 1       # two mentions with no side in common known are not merged


def merge_mentions(mentions: list[EventMention]) -> list[list[EventMention]]:
    """Group mentions of the same event (first-seen order)."""
    groups: list[list[EventMention]] = []
    by_type: dict[str, list[list[EventMention]]] = {}
    for mention in mentions:
        candidates = by_type.setdefault(mention.plover, [])
        home = next((g for g in candidates if all(_same_event(m, mention) for m in g)), None)
        if home is None:
            home = [mention]
            groups.append(home)
            candidates.append(home)
        else:
            home.append(mention)
    return groups


def provenance(mention: EventMention) -> dict:
    return {"doc": mention.doc, "sentence": mention.sentence, "span": list(mention.span),
            "text": mention.text, "trigger": mention.trigger}


def _event_id(mention: EventMention) -> str:
    key = f"{mention.doc}|{mention.sentence}|{mention.span[0]}|{mention.cameo_code}"
    return "x" + hashlib.sha1(key.encode()).hexdigest()[:15]


def _first(values):
    return next((v for v in values if v is not None), None)


def _most(values):
    known = [v for v in values if v is not None]
    return max(known) if known else None


def record_row(group: list[EventMention]) -> dict:
    """The event-record row for one group of mentions of the same event."""
    lead = group[0]
    dated = min(group, key=lambda m: (not m.dated, PRECISION_RANK[m.date_precision]))
    code = max((m.cameo_code for m in group), key=len)
    source = _first(m.source for m in group)
    target = _first(m.target for m in group)
    prov = provenance(lead)
    prov["mentions"] = [provenance(m) for m in group]
    return {
        "event_id": _event_id(lead),
        "date": pd.Timestamp(dated.date) if dated.date is not None else pd.NaT,
        "date_precision": dated.date_precision,
        "source_actor": source.actor if source else None,
        "target_actor": target.actor if target else None,
        "source_code": source.code if source else None,
        "target_code": target.code if target else None,
        **_describe(code),
        "mode": _first(m.mode for m in group),
        "killed": _most(m.killed for m in group),
        "wounded": _most(m.wounded for m in group),
        "location": _first(m.location for m in group),
        "provenance": json.dumps(prov, ensure_ascii=False),
    }


def to_records(mentions: list[EventMention], merge: bool = True) -> pd.DataFrame:
    """Event records (the columns of ``RECORD_FIELDS``) for coded mentions, merged unless ``merge=False``."""
    groups = merge_mentions(mentions) if merge else [[m] for m in mentions]
    if not groups:
        return empty_record()
    return as_record(pd.DataFrame([record_row(g) for g in groups]))

