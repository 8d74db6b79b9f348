"""The curated Iraq record (dataset ``iraq-2019-2020``), shipped with the package.

``data/iraq_events.csv`` holds dated events from October 2019 to December
2021 in the record's terms, each with a summary in the project's words, the
attribution officials made where the attacker was not known
(``attributed_to``), and its sources. ``data/attack_counts.csv`` holds the
period counts of attacks on US and coalition targets that sources published:
these overlap and must not be summed; they are the calibration targets.

How a count's hedge becomes ``low`` and ``high`` (see :func:`hedge_bounds`):
"12" -> 12..12; ">=12" -> 12..(none); "<=12" -> (none)..12; "10-14" -> 10..14;
"~25" -> 20..30 (20 % either side, rounded). Where the note says a count is
wider or narrower than the indicator (all rockets in Iraq, or a list that may
miss attacks), one bound is left blank on purpose and the note says so.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources

import pandas as pd

from flashpoint.events.codes import cameo_codebook
from flashpoint.events.record import as_record

DATASET = "iraq-2019-2020"
EVENTS_FILE = "iraq_events.csv"
COUNTS_FILE = "attack_counts.csv"
COUNT_KINDS = ("period", "cumulative", "partial", "derived", "low reliability")
APPROXIMATE = 0.20  # "~N" is read as N +/- 20 %
#: The days over which the curated list follows attacks on foreign forces (its 2021 rows are
#: political events only, so 2021 is not covered: no attack listed there does not mean none happened).
ATTACK_COVERAGE = ("2019-10-01", "2020-12-31")

_HEDGE = re.compile(r"^\s*(>=|<=|~)?\s*(\d+)(?:\s*-\s*(\d+))?\s*$")


def _data_text(name: str) -> str:
    return resources.files("flashpoint.data").joinpath(name).read_text(encoding="utf-8")


def curated_digest() -> str:
    """A fingerprint of the shipped events file: a store reloads the dataset when it changes."""
    import hashlib

    return hashlib.sha256(_data_text(EVENTS_FILE).encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=1)
def _events_table() -> pd.DataFrame:
    import io

    return pd.read_csv(io.StringIO(_data_text(EVENTS_FILE)), dtype=str, keep_default_na=False)


def load_curated_table() -> pd.DataFrame:
    """The shipped events file as written: record columns plus attributed_to, summary, sources."""
    return _events_table().copy()


def load_curated_events() -> pd.DataFrame:
    """The curated events in the record's shape (CAMEO-derived fields filled from the codebook)."""
    table = _events_table().replace("", pd.NA)
    book = cameo_codebook()
    codes = table["cameo_code"]
    out = table.copy()
    out["date"] = pd.to_datetime(table["date"], format="%Y-%m-%d")
    out["cameo_root"] = codes.map(book["root_code"])
    out["plover_type"] = codes.map(book["plover_type"])
    out["quad_class"] = codes.map(book["quad_class"])
    out["goldstein"] = codes.map(book["goldstein"])
    out["killed"] = pd.to_numeric(table["killed"]).astype("Int64")
    out["wounded"] = pd.to_numeric(table["wounded"]).astype("Int64")
    out["provenance"] = [
        json.dumps({"dataset": DATASET, "row": line, "sources": sources.split(" ; ") if isinstance(sources, str) else []})
        for line, sources in zip(range(2, len(table) + 2), table["sources"])
    ]
    return as_record(out)


def hedge_bounds(count: str) -> tuple[float, float]:
    """(low, high) a count's text allows; NaN for an open side. Raises ValueError on text it cannot read."""
    found = _HEDGE.match(str(count))
    if not found:
        raise ValueError(f"cannot read the count {count!r}")
    hedge, first, second = found.group(1), int(found.group(2)), found.group(3)
    if second is not None:
        return float(first), float(second)
    if hedge == ">=":
        return float(first), math.nan
    if hedge == "<=":
        return math.nan, float(first)
    if hedge == "~":
        return float(round(first * (1 - APPROXIMATE))), float(round(first * (1 + APPROXIMATE)))
    return float(first), float(first)


def load_attack_counts() -> pd.DataFrame:
    """Period counts: period_start, period_end (dates, inclusive), indicator, count (text as the source
    hedged it), low, high (floats, NaN when open), kind, source, note."""
    import io

    table = pd.read_csv(
        io.StringIO(_data_text(COUNTS_FILE)), dtype={"count": str, "indicator": str, "kind": str},
        keep_default_na=False, na_values={"low": [""], "high": [""]},
    )
    for column in ("period_start", "period_end"):
        table[column] = pd.to_datetime(table[column], format="%Y-%m-%d")
    for column in ("low", "high"):
        table[column] = table[column].astype("float64")
    return table
