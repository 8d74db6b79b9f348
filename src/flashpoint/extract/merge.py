"""One event, many reports: merging mentions across sentences and articles, and the event records.

Two mentions are the same event when they have the same PLOVER type, the
same source and target codes (an unknown side matches a known one; a country
guessed from the place matches the same sector in the same article, and
across articles only an unknown country) and
compatible dates: the same day, or one date inside the other's month or
year when it is less precise. The merged record keeps the most specific
date, the most specific CAMEO code, the largest casualty figures, the first
named location, and every mention in its provenance.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
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


def _sides_agree(x, y, same_doc: bool = True) -> bool:
    """Same code; or one country only guessed from the place ("the base" in Iraq) and the same sector: in one
    article, where "the base" goes on about the base hosting US forces; across articles only when the other
    country is unknown or the same ("fighters" guessed Iraqi in one article and Hamas in another are two sides)."""
    if x.unknown or y.unknown:
        return x.unknown and y.unknown and x.actor == y.actor      # names in no dictionary: the same words
    if x.code == y.code:
        return True
    if not (x.inferred or y.inferred) or x.sector != y.sector:
        return False
    return same_doc or "---" in (x.country, y.country)   # two guessed countries apart are two places (a held-out
    #                      set's killing in Congo merged with a tally of the Central African Republic, both guessed)


def _same_event(a: EventMention, b: EventMention) -> bool:
    if a.plover != b.plover or not _dates_compatible(a, b):
        return False
    known = 0
    for x, y in ((a.source, b.source), (a.target, b.target)):
        if x is not None and y is not None:
            if not _sides_agree(x, y, a.doc == b.doc):
                return False
            known += 1
    return known >= 1       # two mentions with no side in common known are not merged


#: How many of the latest groups sharing a side are tried for each mention: merging stays linear in the
#: number of mentions (one event is told within a few articles of each other, not thousands apart).
RECENT_GROUPS = 32


class _Group:
    """Mentions of one event, with the two members every newcomer is checked against."""

    __slots__ = ("mentions", "lead", "sharpest")

    def __init__(self, mention: EventMention):
        self.mentions = [mention]
        self.lead = mention          # the first mention
        self.sharpest = mention      # the most precisely dated mention

    def accepts(self, mention: EventMention) -> bool:
        return _same_event(self.lead, mention) and (
            self.sharpest is self.lead or _same_event(self.sharpest, mention))

    def add(self, mention: EventMention) -> None:
        self.mentions.append(mention)
        if PRECISION_RANK[mention.date_precision] < PRECISION_RANK[self.sharpest.date_precision] or (
                mention.dated and not self.sharpest.dated):
            self.sharpest = mention


def _keys(mention: EventMention) -> list[tuple]:
    keys = []
    for role, actor in (("source", mention.source), ("target", mention.target)):
        if actor is not None and actor.unknown:
            keys.append((mention.plover, role, "?", actor.actor))
        elif actor is not None:
            keys.append((mention.plover, role, actor.sector) if actor.inferred else
                        (mention.plover, role, actor.code))
            keys.append((mention.plover, role, "*", actor.sector))     # meets a guessed-country side
    return keys


def merge_mentions(mentions: list[EventMention]) -> list[list[EventMention]]:
    """Group mentions of the same event (first-seen order), in time linear in the number of mentions."""
    groups: list[_Group] = []
    index: dict[tuple, list[_Group]] = {}
    for mention in mentions:
        keys = _keys(mention)
        home, seen = None, set()
        for key in keys:
            for group in reversed(index.get(key, ())[-RECENT_GROUPS:]):
                if id(group) in seen:
                    continue
                seen.add(id(group))
                if group.accepts(mention):
                    home = group
                    break
            if home is not None:
                break
        if home is None:
            home = _Group(mention)
            groups.append(home)
        else:
            home.add(mention)
        for key in keys:
            bucket = index.setdefault(key, [])
            if not bucket or bucket[-1] is not home:
                bucket.append(home)
                if len(bucket) > 4 * RECENT_GROUPS:
                    del bucket[:-RECENT_GROUPS]
    return [g.mentions for g in groups]


def provenance(mention: EventMention) -> dict:
    return {"doc": mention.doc, "sentence": mention.sentence, "span": list(mention.span),
            "text": mention.text, "trigger": mention.trigger}


def _event_id(mention: EventMention, nth: int = 1) -> str:
    """The event's id, from where its lead mention is; ``nth``: the how-manieth event with that place (one
    verb with two joined objects gives two events of one sentence, one span and one code)."""
    key = f"{mention.doc}|{mention.sentence}|{mention.span[0]}|{mention.cameo_code}" + (f"|{nth}" if nth > 1 else "")
    return "x" + hashlib.sha1(key.encode()).hexdigest()[:15]


def _first(values):
    return next((v for v in values if v is not None), None)


def _most(values):
    known = [v for v in values if v is not None]
    return max(known) if known else None


def record_row(group: list[EventMention], nth: int = 1) -> dict:
    """The event-record row for one group of mentions of the same event (``nth``: :func:`_event_id`)."""
    lead = group[0]
    dated = min(group, key=lambda m: (not m.dated, PRECISION_RANK[m.date_precision]))
    code = max((m.cameo_code for m in group), key=len)
    source = _first(m.source for m in group)
    target = _first(m.target for m in group)
    prov = provenance(lead)
    prov["mentions"] = [provenance(m) for m in group]
    return {
        "event_id": _event_id(lead, nth),
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
    places: Counter = Counter()
    rows = []
    for g in groups:           # an id once: a store refuses a run whose ids repeat (a held-out sentence's did)
        places[_event_id(g[0])] += 1
        rows.append(record_row(g, places[_event_id(g[0])]))
    return as_record(pd.DataFrame(rows))

