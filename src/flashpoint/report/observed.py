"""The scenario's own record of sourced period counts, as every chart reads it.

Temporary adapter: the model core will provide ``flashpoint.records.period_counts(scenario)``
with the same columns; until then this returns the curated Iraq counts for scenario
``iraq-2020`` and an empty frame for any other scenario. Every chart calls only
:func:`period_counts`, so swapping the source is a change in this one file.

Columns: ``indicator``, ``start``, ``end`` (inclusive dates, ``pandas.Timestamp``), ``count``
(the text as the source hedged it), ``low``, ``high`` (floats, NaN where open), ``hedge`` (one of
``=``, ``~``, ``>=``, ``<=``), ``kind``, ``source``, ``reliability``, ``note``.
"""
from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd

__all__ = ["period_counts", "COLUMNS", "HEDGES"]

COLUMNS = ["indicator", "start", "end", "count", "low", "high", "hedge", "kind", "source", "reliability", "note"]
HEDGES = ("=", "~", ">=", "<=")
#: the scenario whose record the curated counts are
CURATED_SCENARIO = "iraq-2020"


def _hedge(text: str, low: float, high: float) -> str:
    """The hedge of a count: from its text, except where the record left a bound open on purpose
    (a "~40" whose lower side is blank is read as "<= 48", what the record actually holds)."""
    text = str(text).strip()
    if math.isnan(low) and not math.isnan(high):
        return "<="
    if math.isnan(high) and not math.isnan(low):
        return ">="
    if text.startswith("~") or (not math.isnan(low) and low != high):
        return "~"
    return "="


def period_counts(scenario) -> pd.DataFrame:
    """Sourced period counts of ``scenario`` (a Scenario or its name); empty when it has none."""
    name = scenario if isinstance(scenario, str) else getattr(scenario, "name", None)
    if name != CURATED_SCENARIO:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c in ("low", "high") else "object")
                             for c in COLUMNS})
    return _curated().copy()


@lru_cache(maxsize=1)
def _curated() -> pd.DataFrame:
    from flashpoint.events.curated import load_attack_counts

    t = load_attack_counts()
    out = pd.DataFrame({
        "indicator": t["indicator"].astype(str),
        "start": t["period_start"], "end": t["period_end"],
        "count": t["count"].astype(str),
        "low": t["low"].astype("float64"), "high": t["high"].astype("float64"),
        "kind": t["kind"].astype(str), "source": t["source"].astype(str),
        "reliability": ["low" if k == "low reliability" else "not graded" for k in t["kind"]],
        "note": t["note"].astype(str),
    })
    out["hedge"] = [_hedge(c, lo, hi) for c, lo, hi in zip(out["count"], out["low"], out["high"])]
    return out[COLUMNS].reset_index(drop=True)
