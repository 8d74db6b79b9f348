"""The scenario's own record of sourced period counts, as every chart reads it.

Every chart calls only :func:`period_counts`, which gives the scenario's record
(``flashpoint.records.period_counts``): the sourced counts of the dataset the scenario names,
as counts of its own indicators. Columns: ``indicator``, ``start``, ``end`` (inclusive dates),
``count`` (the text as the source hedged it), ``low``, ``high`` (floats, NaN where open),
``hedge`` (one of ``=``, ``~``, ``>=``, ``<=``), ``kind``, ``source``, ``reliability`` (A, B, C),
``note``.
"""
from __future__ import annotations

import pandas as pd

from flashpoint import records

__all__ = ["period_counts", "series_counts", "COLUMNS", "HEDGES"]

COLUMNS = ["indicator", "start", "end", "count", "low", "high", "hedge", "kind", "source", "reliability", "note"]
HEDGES = ("=", "~", ">=", "<=")


def period_counts(scenario) -> pd.DataFrame:
    """Sourced period counts of ``scenario`` (a Scenario or a scenario name); empty when it has none."""
    if isinstance(scenario, str):
        from flashpoint.scenario.loader import load_scenario

        scenario = load_scenario(scenario)
    return records.period_counts(scenario)[COLUMNS].reset_index(drop=True)


def series_counts(scenario, indicator: str) -> int:
    """How many values of the record's observed series (``series.csv``) are laid beside ``indicator`` or its
    breakdowns: a chart with no sourced counts of a state says where its record is (coalition presence, by
    the troop numbers of coalition_presence.usa)."""
    if scenario is None or scenario.record is None:
        return 0
    names = records.series_values(scenario)[0]["indicator"].astype(str)
    return int((names.eq(indicator) | names.str.startswith(indicator + ".")).sum())
