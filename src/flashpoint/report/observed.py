"""The scenario's own record of sourced period counts, as every chart reads it.

Every chart calls only :func:`chart_counts`: the scenario's record (``flashpoint.records.period_counts``, the
sourced counts of the dataset the scenario names, as counts of its own indicators), and the counts that begin
before the scenario's period or end after it, which a chart names (not drawn) and never judges. Columns:
``indicator``, ``start``, ``end`` (inclusive dates),
``count`` (the text as the source hedged it), ``low``, ``high`` (floats, NaN where open),
``hedge`` (one of ``=``, ``~``, ``>=``, ``<=``), ``kind``, ``source``, ``reliability`` (A, B, C),
``note``.
"""
from __future__ import annotations

import pandas as pd

from flashpoint import records

__all__ = ["chart_counts", "period_counts", "series_counts", "COLUMNS", "HEDGES"]

COLUMNS = records.PERIOD_COLUMNS
HEDGES = ("=", "~", ">=", "<=")


def period_counts(scenario) -> pd.DataFrame:
    """Sourced period counts of ``scenario`` (a Scenario or a scenario name); empty when it has none."""
    if isinstance(scenario, str):
        from flashpoint.scenario.loader import load_scenario

        scenario = load_scenario(scenario)
    return records.period_counts(scenario)[COLUMNS].reset_index(drop=True)


def chart_counts(scenario) -> pd.DataFrame:
    """:func:`period_counts` and the record's counts left out of it for lying partly or wholly outside the
    scenario's period (``flashpoint.records.outside_period``): a chart names them and neither draws nor judges
    them (a held-out case's straddling counts vanished unsaid; drawn, two held-out cases' totals over days partly
    outside the period read as rates of the months shown)."""
    if isinstance(scenario, str):
        from flashpoint.scenario.loader import load_scenario

        scenario = load_scenario(scenario)
    outside = records.outside_period(scenario)
    inside = period_counts(scenario)
    return pd.concat([inside, outside[COLUMNS]], ignore_index=True) if len(outside) else inside


def series_counts(scenario, indicator: str) -> int:
    """How many values of the record's observed series (``series.csv``) are laid beside ``indicator`` or its
    breakdowns: a chart with no sourced counts of a state says where its record is (coalition presence, by
    the troop numbers of coalition_presence.usa)."""
    if scenario is None or scenario.record is None:
        return 0
    names = records.series_values(scenario)[0]["indicator"].astype(str)
    return int((names.eq(indicator) | names.str.startswith(indicator + ".")).sum())
