"""Events -> counts per day, week or month, in the shape of ``Ensemble.series``.

``Ensemble.series(indicator, freq)`` returns one row per period start date (index named ``date``)
(freq "D"; "W", weeks starting Monday; "M", month start) and one column per
run. :func:`event_series` returns the same rows, with one column per actor,
event type, attack mode or target instead of per run, so a simulated and an
observed series line up by index. :func:`indicator_series` counts the events
an ensemble indicator stands for (``attacks_on_foreign_forces`` and its
breakdowns by mode or by target), so they can be laid over the ensemble's
quantiles. Which actors are the foreign side is the scenario's to say, not this
module's: the caller gives their ids (:func:`foreign_side` reads them from a
scenario).

An event dated only to the month cannot be placed in a day or a week: daily
and weekly series leave such events out, and say how many in
``frame.attrs["left_out"]``.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from flashpoint.errors import FlashpointError
from flashpoint.events.record import MODES

FREQS = {"D": "D", "W": "W-MON", "M": "MS"}
BY = {"actor": "source_actor", "type": "plover_type", "mode": "mode", "target": "target_actor"}
NONE_LABEL = "(none)"

#: Ensemble indicators with a counterpart in the record: assaults (PLOVER ASSAULT) on the foreign side.
INDICATORS = ("attacks_on_foreign_forces",)


def foreign_side(scenario) -> list[str]:
    """The actor ids whose losses count as attacks on the foreign side: the scenario's foreign parties
    (foreign powers, then allies) and, where it declares attack targets, those targets' ids."""
    ids = [a.id for a in getattr(scenario, "foreign_parties", [])]
    for target in getattr(scenario, "targets", None) or []:
        ids += [target.id, *getattr(target, "parties", [])]
    return list(dict.fromkeys(ids))


def _chosen(indicator: str, targets, sources=None, modes=None) -> Callable[[pd.DataFrame], pd.Series]:
    """What an indicator counts: its base names the events, each breakdown after a dot narrows them
    to a mode (``.drone``), to one of the targets (``.<actor id>``) or, where ``sources`` (the runs' attacking
    factions and patron) are given, to the attacks the record attributes to one of them (``.<source id>``: its
    ``source_actor``). ``modes``: the attack modes the runs know (default: every mode of the record)."""
    base, *parts = indicator.split(".")
    known_modes = [str(m) for m in modes] if modes is not None else list(MODES)
    sources = [str(s) for s in (sources or [])]
    if base not in INDICATORS:
        raise FlashpointError(
            f"no record counterpart for the indicator {indicator!r}; known: {', '.join(INDICATORS)} and their "
            f"breakdowns by mode ({', '.join(known_modes)}), by target"
            + (f" or by attacker ({', '.join(sources)})" if sources else "")
            + " (the record's published counts of every indicator, foreign_killed too: ensemble.fit(), the record "
              "table of `flashpoint run`)")
    targets = [str(t) for t in (targets or [])]
    if not targets:
        raise FlashpointError(f"{indicator}: give the actor ids of the foreign side (targets=...), e.g. the "
                              f"scenario's foreign parties (series.foreign_side(scenario))")
    chosen_modes, aimed, by = [], list(targets), []
    for part in parts:
        if part in known_modes:
            chosen_modes.append(part)
        elif part in targets:
            aimed = [part]
        elif part in sources:
            by.append(part)
        else:
            # a held-out analyst's faction breakdown was refused with a list of modes her scenario never declares
            raise FlashpointError(f"{indicator}: {part!r} is none of the attack modes ({', '.join(known_modes)}), "
                                  f"the targets ({', '.join(targets)})"
                                  + (f" or the attackers ({', '.join(sources)})" if sources else
                                     " (a breakdown by attacker is matched only where the attackers are given: "
                                     "compare() reads them from the ensemble)"))
    if len(chosen_modes) > 1:
        raise FlashpointError(f"{indicator}: names two modes; add two indicators instead")
    if len(by) > 1:
        raise FlashpointError(f"{indicator}: names two attackers; add two indicators instead")

    def chosen(events: pd.DataFrame) -> pd.Series:
        hit = events["plover_type"].eq("ASSAULT") & events["target_actor"].isin(aimed)
        if chosen_modes:
            hit &= events["mode"].eq(chosen_modes[0])
        if by:
            hit &= events["source_actor"].eq(by[0])
        return hit.fillna(False).astype(bool)

    return chosen


def check_freq(freq: str) -> str:
    if freq not in FREQS:
        raise FlashpointError(f"freq: {freq!r} is not one of D (day), W (week from Monday), M (month)")
    return freq


def period_start(dates: pd.Series | pd.DatetimeIndex, freq: str) -> pd.Series:
    """The first day of the period each date falls in."""
    check_freq(freq)
    days = pd.Series(pd.to_datetime(dates)).dt.normalize()
    if freq == "W":
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    if freq == "M":
        return days.dt.to_period("M").dt.to_timestamp()
    return days


def periods(start, end, freq: str) -> pd.DatetimeIndex:
    """Every period start from the period holding ``start`` to the one holding ``end``."""
    first = period_start(pd.Series([pd.Timestamp(start)]), freq).iloc[0]
    return pd.date_range(first, pd.Timestamp(end), freq=FREQS[freq], name="date").astype("datetime64[ns]")


def event_series(events: pd.DataFrame, freq: str = "M", by: str | None = None, *, start=None, end=None,
                 name: str = "events") -> pd.DataFrame:
    """Counts of events per period (rows: period starts), one column per value of ``by`` (or one, ``name``).

    Periods from ``start`` (default: the first event) to ``end`` (default:
    the last) are all present, with 0 where nothing happened.
    """
    check_freq(freq)
    if by is not None and by not in BY:
        raise FlashpointError(f"by: {by!r} is not one of {', '.join(BY)}")
    events = events[["date", "date_precision", *([BY[by]] if by else [])]].copy()
    if start is not None:      # the period first, as the store's query takes it (by the stored day): an event dated
        events = events[events["date"] >= pd.Timestamp(start)]      # to its month or year outside the period is
    if end is not None:        # not left out of it (a held-out tester's weekly series of August "left out" a
        events = events[events["date"] <= pd.Timestamp(end)]        # November's)
    allowed = ("day",) if freq in ("D", "W") else ("day", "month")
    precise = events["date_precision"].fillna("day").isin(allowed) & events["date"].notna()
    left_out = int((~precise).sum())
    events = events[precise]
    first = start if start is not None else (events["date"].min() if len(events) else None)
    last = end if end is not None else (events["date"].max() if len(events) else None)
    index = periods(first, last, freq) if first is not None and last is not None else pd.DatetimeIndex(
        [], name="date", dtype="datetime64[ns]")
    keys = period_start(events["date"], freq).rename("date")
    if by is None:
        counts = keys.value_counts().rename(name).to_frame()
    else:
        groups = events[BY[by]].astype("string").fillna(NONE_LABEL).rename(by)
        counts = pd.crosstab(keys.to_numpy(), groups.to_numpy())
        order = counts.sum().sort_values(ascending=False, kind="stable").index
        counts = counts[order]
    counts.index = pd.DatetimeIndex(counts.index, name="date").astype("datetime64[ns]")
    out = counts.reindex(index, fill_value=0).astype("int64")
    out.columns = pd.Index([str(c) for c in out.columns], name=by or "series")
    out.attrs["left_out"] = left_out
    out.attrs["freq"] = freq
    return out


def indicator_events(events: pd.DataFrame, indicator: str, targets, sources=None, modes=None) -> pd.DataFrame:
    """The record events an ensemble indicator counts: assaults on ``targets`` (actor ids); ``sources`` and
    ``modes`` as :func:`_chosen` takes them."""
    return events[_chosen(indicator, targets, sources, modes)(events)]


def indicator_series(events: pd.DataFrame, indicator: str, freq: str = "M", *, targets, start=None,
                     end=None, sources=None, modes=None) -> pd.Series:
    """Observed counts of ``indicator`` per period, as a Series named after it; ``targets``: the actor
    ids of the foreign side (:func:`foreign_side`, or an ensemble's ``axes["party"]``); ``sources``: the
    attackers a breakdown by attacker may name (an ensemble's ``axes["source"]``); ``modes``: the modes
    a breakdown may name (default: the record's)."""
    chosen = indicator_events(events, indicator, targets, sources, modes)
    frame = event_series(chosen, freq, start=start, end=end, name=indicator)
    series = frame[indicator] if indicator in frame else pd.Series(0, index=frame.index, name=indicator)
    series.attrs["left_out"] = frame.attrs.get("left_out", 0)
    return series
