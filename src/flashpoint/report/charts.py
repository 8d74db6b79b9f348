"""One chart for every fan chart: the CLI's PNGs, the HTML reports and the web page draw the same spec.

:func:`fan_spec` builds a plain, JSON-able dict: the model's band per period for one or more
policies, the scenario's own record of sourced counts with their hedges, the schedule markers
that happen under each policy, and a caption that states the fit. Two renderers draw it:
:mod:`flashpoint.report.render` (matplotlib, for PNGs) and ``web/static/charts.js`` (Plotly).

What the spec promises:

* the y label comes from the indicator's declaration: counts are summed per calendar month
  ("attacks per month (summed over each month)"), states are averaged ("0-1 (mean over each
  month)") and never read "per month";
* every chart of one run covers the same dates: the simulated period, nothing more;
* a sourced count is drawn over the days it covers, as its average rate per month (a count) or
  its value (a state), with its hedge as a shape: ``=`` a point, ``>=`` a lower bound (open
  upward), ``<=`` an upper bound (open downward; it never stretches the y axis), ``~`` a range;
  a count over exactly one calendar month is drawn at its count (the month's sum, as the band);
* a count over less than a month is never stretched to a monthly rate (:func:`short_window`):
  the month it falls in holds at least that many, so it is drawn over that month as a lower
  bound at its low end (``=``, ``>=``, ``~`` and ranges alike); one that straddles two months as a
  lower bound on their average (half its low end), over both. An at-most count (``<=``) over part of
  a month, or one whose low end is 0, says nothing of any month's sum: it is not drawn (it is
  listed in ``record_left_off``, still judged, and the caption says so);
* a count not wholly inside the period drawn (one begun before it or ended after it: a war's total
  from years before the simulated period, a running total from before a forecast's window, a count
  ending after the scenario) is not drawn either, however many of its days are inside: its average
  over days partly outside would read as the rate of the months shown, and it is not judged
  (``record_left_off``, ``why`` ``outside``); the caption names it and says why. A chart of a window
  of a longer simulation (a forecast's) holds it to the window: what it draws is what it judges;
* a partial period of a count (a month the simulation covers only in part) is flagged and not
  drawn, so it cannot read as a drop;
* an at-most count (``<=``) over more than a month bounds the average month of its days, not each
  month (one month may lie above it): the caption says so wherever one is drawn;
* the fit: each sourced count whose days lie inside the simulated period is held against the
  model's 90% band of the total over exactly those days (:func:`record_fit`), and the caption
  says how many lie inside and names those outside; the caption's count of the record's sourced
  counts is of those same counts (drawn, or listed as bounding no month), as the fit table's is.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Callable, Iterable, Sequence

import numpy as np
import pandas as pd

from flashpoint import records
from flashpoint.console import band_text
from flashpoint.scenario.schema import HISTORICAL

__all__ = ["fan_spec", "series_entry", "record_fit", "record_windows", "policy_markers", "changed_entries",
           "y_label", "total_label", "spec_table",
           "MARKER_TYPES", "QS", "KEYS", "BAND"]

#: quantiles of a band, and their keys in a spec
QS = (0.05, 0.25, 0.5, 0.75, 0.95)
KEYS = ("q05", "q25", "q50", "q75", "q95")
#: the band a sourced count is judged against
BAND = (0.05, 0.95)
#: days in an average month, for drawing a count over D days as a rate per month
MONTH_DAYS = 30.44
#: schedule entry types drawn as vertical markers: killings of leaders, and truces and halts (the changes of regime a
#: reader looks for; a held-out case found only the killings drawn), and the entries that act on the attacks
#: directly (a held-out case's chart showed the drop after a patron's order to restrain, with only a later truce marked)
MARKER_TYPES = ("decapitation", "suspension", "patron_order")
#: days between a compared policy's changed entries of one type that are drawn as one line, named with their count
RUN_DAYS = 14
MARKER_LABELS = {"suspension": "halt of attacks", "patron_order": "order"}
SHAPES = {"=": "point", ">=": "lower", "<=": "upper", "~": "range"}
SPEC_VERSION = 1


# -- indicators ----------------------------------------------------------------------------------
def _declared(indicator: str):
    from flashpoint.ensemble import INDICATORS

    base, _, key = indicator.partition(".")
    if base not in INDICATORS:
        raise KeyError(f"unknown indicator {indicator!r}")
    return INDICATORS[base], key


def y_label(indicator: str) -> str:
    """The axis label from the indicator's declaration: counts per month, states as their mean."""
    ind, key = _declared(indicator)
    part = f", {key.replace('_', ' ')}" if key else ""
    if ind.kind == "count":
        return f"{ind.unit}{part} per month (sum over each month)"
    return f"{ind.name.replace('_', ' ')}{part} ({ind.unit}), mean over each month"


def total_label(indicator: str) -> str:
    """The unit of a total over a window: counts summed, states averaged."""
    ind, key = _declared(indicator)
    part = f", {key.replace('_', ' ')}" if key else ""
    how = "summed over the window" if ind.kind == "count" else "mean over the window"
    return f"{ind.unit}{part}, {how}"


def _num(v, digits: int = 4):
    if v is None:
        return None
    v = float(v)
    return round(v, digits) if math.isfinite(v) else None


def _day(v) -> dt.date:
    return pd.Timestamp(v).date()


def partial_note(period: str = "month") -> str:
    """Why a chart leaves out a count's period the runs cover only in part (its sum is of fewer days)."""
    return f"a partial {period}'s sum is not a drop"


# -- the model's bands ---------------------------------------------------------------------------
def _periods(index: Iterable, span: tuple[dt.date, dt.date]) -> list[dict]:
    """Each period (a month starting at ``index``) clipped to the simulated span, with its days."""
    out = []
    for ts in index:
        start = pd.Timestamp(ts)
        end = start + pd.offsets.MonthEnd(0)
        full = (end - start).days + 1
        lo, hi = max(start.date(), span[0]), min(end.date(), span[1])
        days = (hi - lo).days + 1
        out.append({"start": lo.isoformat(), "end": hi.isoformat(), "days": days, "of": full,
                    "partial": days < full})
    return out


def _pick(q: pd.DataFrame, qv: float) -> pd.Series:
    for c in q.columns:
        try:
            if abs(float(c) - qv) < 1e-9:
                return q[c]
        except (TypeError, ValueError):
            continue
    raise KeyError(f"the quantiles lack q={qv}")


def series_entry(policy: str, quantiles: pd.DataFrame, *, total: Callable | None = None,
                 markers: list[dict] | None = None, label: str | None = None, decided: dict | None = None) -> dict:
    """What :func:`fan_spec` needs of one policy: its quantiles by month (columns 0.05..0.95, and
    ``mean`` if any), ``total(start, end)`` giving each run's total over those days (for the fit),
    its schedule markers (:func:`policy_markers`), and the counts its schedule decides
    (:func:`flashpoint.records.decided`)."""
    return {"policy": policy, "label": label or policy, "quantiles": quantiles, "total": total,
            "markers": markers or [], "decided": decided}


# -- the record ----------------------------------------------------------------------------------
def _observed_value(row) -> float | None:
    hedge, low, high = row["hedge"], row["low"], row["high"]
    if hedge in ("=", ">="):
        return _num(low)
    if hedge == "<=":
        return _num(high)
    nominal = re.search(r"\d+(?:\.\d+)?", str(row["count"]))
    if str(row["count"]).strip().startswith("~") and nominal:
        return float(nominal.group())
    return _num((low + high) / 2) if math.isfinite(low) and math.isfinite(high) else None


def _month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def _month_end(d: dt.date) -> dt.date:
    return (pd.Timestamp(d) + pd.offsets.MonthEnd(0)).date()


def whole_month(start: dt.date, end: dt.date) -> bool:
    """True when ``start..end`` is exactly one calendar month."""
    return start.day == 1 and end == _month_end(start)


def short_window(start: dt.date, end: dt.date) -> bool:
    """True when a count over ``start..end`` is shorter than the chart's period (a month) and is not
    a whole calendar month: it counts part of a month (or of two), and stretching it to a monthly
    rate would claim attacks on days it never counted."""
    return (end - start).days + 1 < MONTH_DAYS and not whole_month(start, end)


def _drawing(start: dt.date, end: dt.date, low, high, hedge: str, kind: str):
    """How a count is drawn: ``(how, shape, drawn_start, drawn_end, y_low, y_high, scale)``, or None where it
    says nothing of any month's sum (not drawn). ``how``: ``value`` (a state), ``month`` (a count over
    exactly one calendar month: its count), ``rate`` (over a month or more: its average per month) or
    ``month_bound`` (over less than a month: at least its low end in the month(s) it falls in, across two
    months half of it). ``scale``: what a total over the count's days is multiplied by where it is drawn, the
    count's own and the band's beside a missed one (a held-out analyst's 32 dead across January and February,
    drawn at 16, stood inside the 8-21 of the band it missed)."""
    shape = SHAPES[hedge]
    if kind != "count":
        return "value", shape, start, end, low, high, 1
    if whole_month(start, end):
        return "month", shape, start, end, low, high, 1
    if not short_window(start, end):
        scale = MONTH_DAYS / ((end - start).days + 1)
        return ("rate", shape, start, end, None if low is None else low * scale,
                None if high is None else high * scale, scale)
    # part of a month: the month holds at least the low end; '<=' (or a low end of 0) bounds nothing
    if hedge == "<=" or low is None or low <= 0:
        return None
    months = 1 if _month_start(start) == _month_start(end) else 2
    return "month_bound", "lower", _month_start(start), _month_end(end), low / months, None, 1 / months


def _record_rows(record: pd.DataFrame | None, indicator: str, kind: str,
                 span: tuple[dt.date, dt.date]) -> tuple[list[dict], list[str], list[dict]]:
    """The record's counts of ``indicator`` that lie inside the span, each with its drawing values;
    those that lie wholly outside it ("1976-01-01..1976-12-31 ~40"); and the counts that overlap it but
    are not drawn: one that begins before it or ends after it (``why`` ``outside``: its average over days
    partly outside would read as a rate of the months shown, and it is not judged), and one over part of a
    month that bounds no month's sum (``no_bound``: see :func:`_drawing`)."""
    if record is None or len(record) == 0:
        return [], [], []
    rows = record[record["indicator"] == indicator]
    out, outside, left_off = [], [], []
    for r in rows.to_dict("records"):
        start, end = _day(r["start"]), _day(r["end"])
        if end < span[0] or start > span[1]:
            outside.append(f"{start}..{end} {r['count']}")
            continue
        days = (end - start).days + 1
        low = r["low"] if r["low"] is not None and math.isfinite(r["low"]) else None
        high = r["high"] if r["high"] is not None and math.isfinite(r["high"]) else None
        hedge = r["hedge"] if r["hedge"] in SHAPES else ("=" if low == high else "~")
        row = {
            "start": start.isoformat(), "end": end.isoformat(), "days": days,
            "within": span[0] <= start and end <= span[1],
            "count": str(r["count"]), "hedge": hedge,
            "low": _num(low), "high": _num(high), "observed": _observed_value({**r, "hedge": hedge}),
            "kind": str(r.get("kind", "")), "source": str(r.get("source", "")),
            "reliability": str(r.get("reliability", "")), "note": str(r.get("note", "")),
            "what": str(r.get("what", "") or ""),       # the record's own word for what it counts (fit_labels)
        }
        if not row["within"]:     # its average over days partly before or after the chart: not a rate of the months
            # shown, and not judged (held-out cases: a war's total from years before the period drawn as a target
            # rate; an at-most total running past the end drawn under a month's own, larger count)
            left_off.append({**row, "drawn": "no", "shape": None, "why": "outside"})
            continue
        drawing = _drawing(start, end, low, high, hedge, kind)
        if drawing is None:
            left_off.append({**row, "drawn": "no", "shape": None, "why": "no_bound"})
            continue
        how, shape, d0, d1, y_low, y_high, scale = drawing
        row["scale"] = _num(scale) if scale != 1 else 1
        out.append({**row, "drawn": how, "shape": shape,
                    "drawn_start": max(d0, span[0]).isoformat(), "drawn_end": min(d1, span[1]).isoformat(),
                    "y_low": None if y_low is None else _num(y_low),
                    "y_high": None if y_high is None else _num(y_high)})
    return out, outside, left_off


def record_fit(rows: list[dict] | pd.DataFrame, total: Callable | None, indicator: str | None = None,
               decided: dict | None = None) -> list[dict]:
    """Each sourced count whose days lie inside the simulated period, against the model's 90% band of
    the runs' totals over exactly those days: ``{indicator, start, end, observed, count, hedge, q05,
    q95, inside, by_schedule, source, reliability, by_absence, past_bound, what}``. A bound is inside when the band
    reaches it (``past_bound`` when the whole band passes it by more than twice:
    :func:`flashpoint.records.past_bound`); a range when the two overlap; ``by_schedule`` when ``decided``
    (:func:`flashpoint.records.decided`) names it, ``by_absence`` when it names it as a count of a force the
    schedule leaves absent.

    ``rows``: the spec's record rows, or a :func:`period_counts` frame (then ``indicator`` picks);
    ``total(start, end)``: per-run totals (``lambda s, e: ensemble.total(indicator, s, e)``).
    An empty list when ``total`` is None."""
    if total is None:
        return []
    decided = decided or {}
    if isinstance(rows, pd.DataFrame):
        frame = rows if indicator is None else rows[rows["indicator"] == indicator]
        rows = [{**r, "start": _day(r["start"]).isoformat(), "end": _day(r["end"]).isoformat(), "within": True,
                 "observed": _observed_value(r),
                 "low": _num(r["low"]), "high": _num(r["high"])} for r in frame.to_dict("records")]
    out = []
    for r in rows:
        if not r.get("within", True):
            continue
        q05, _, q95 = records.band(np.asarray(total(r["start"], r["end"]), dtype=np.float64))
        low = -math.inf if r["low"] is None else r["low"]
        high = math.inf if r["high"] is None else r["high"]
        name = r.get("indicator", indicator)
        out.append({"indicator": name, "start": r["start"], "end": r["end"],
                    "observed": r["observed"], "count": r["count"], "hedge": r["hedge"],
                    "q05": _num(q05), "q95": _num(q95), "inside": bool(q05 <= high and q95 >= low),
                    "by_schedule": (name, r["start"], r["end"], str(r["count"])) in decided,
                    "source": r.get("source") or "", "reliability": r.get("reliability") or "",
                    "by_absence": bool(decided.get((name, r["start"], r["end"], str(r["count"])))),
                    "past_bound": records.past_bound(r["hedge"], low, high, q05, q95), "what": r.get("what") or None,
                    "low": r["low"], "high": r["high"]})
    return out


# -- schedule markers ----------------------------------------------------------------------------
def changed_entries(scenario, policies) -> frozenset:
    """The ids of the schedule entries that any of ``policies`` drops, adds or loses through ``requires`` links to
    what it drops: what a comparison of them is about, marked on its charts whatever their type (a held-out case's
    compare chart had no line for the operation its counterfactual dropped)."""
    from flashpoint.scenario.entries import policy_changes

    out = set()
    for name in policies:
        pol = scenario.policies.get(name) if scenario is not None else None
        out |= set(getattr(pol, "drop", []) or []) | {e.id for e in getattr(pol, "add", []) or []}
        if pol is not None:       # and what it loses through requires links (a held-out teacher's border closure,
            out |= set(policy_changes(scenario, name)["lost_through_requires"])   # lost with the split it required)
    return frozenset(out)


def policy_markers(scenario, policy: str, happened: dict[str, float] | None = None,
                   types: tuple[str, ...] = MARKER_TYPES, changed: frozenset = frozenset()) -> list[dict]:
    """Schedule entries of ``types``, and those ``changed`` names (:func:`changed_entries`), that happen under
    ``policy`` (the scenario's schedule less the policy's ``drop``, plus its ``add``). ``happened``: entry id ->
    share of runs where it happened; an entry that happened in no run is left out."""
    if scenario is None:
        return []
    from flashpoint.scenario.entries import policy_changes

    pol = scenario.policies.get(policy)
    dropped = set(getattr(pol, "drop", []) or [])
    if pol is not None:        # and what it loses through requires links: no run has them
        dropped |= set(policy_changes(scenario, policy)["lost_through_requires"])
    entries = [e for e in scenario.schedule if e.id not in dropped] + list(getattr(pol, "add", []) or [])
    out, runs = [], {}          # runs: a run of changed entries of one type drawn as one line (its first)
    for e in sorted(entries, key=lambda e: (e.date, e.id)):
        if (e.type not in types and e.id not in changed and not e.marked) or not scenario.start <= e.date <= scenario.end:
            continue
        share = None if happened is None else happened.get(e.id)
        if share is not None and share <= 0:
            continue
        last = out[-1] if out else None
        if e.type not in types and last is not None and last["type"] == e.type and last["id"] in runs and \
                (e.date - runs[last["id"]][1]).days <= RUN_DAYS:
            # a campaign's rounds days apart (a held-out page's twenty strike labels piled into a black block)
            n, _, label, end = runs[last["id"]]
            end = max(end, e.until or e.date)     # the last round's end, not its start (a held-out wargame designer)
            runs[last["id"]] = (n + 1, e.date, label, end)
            last["label"] = f"{label} and {n} more " + ("that day" if last["date"] == end.isoformat() else
                                                        f"to {end.isoformat()}")
            continue
        chance = isinstance(e.probability, str) or e.probability < 1 or bool(e.requires)
        # named by its entry (a held-out teacher could not point to "Jeddah" on a chart of two unnamed ceasefires)
        label = f"{MARKER_LABELS.get(e.type, e.type.replace('_', ' '))} {e.id}"
        if e.type == "suspension":           # whose halt, on what (a held-out case's one-faction truce read as all)
            same = [x for x in entries if x.type == e.type and x.date == e.date]
            label += (f": {', '.join(dict.fromkeys(a for x in same for a in x.actors))} on "
                      f"{', '.join(dict.fromkeys(t for x in same for t in (x.aimed_at or x.targets)))}")
        elif e.type == "patron_order":       # who orders whom, which way
            label += f": {', '.join(e.actors)} tells {', '.join(e.targets)} to {e.order}"
        if any(m["date"] == e.date.isoformat() and m["type"] == e.type for m in out):
            continue                         # one line for the day (two pauses begun on one day)
        if share is not None and share < 1:
            label += f" (in {share:.0%} of runs)"
        elif share is None and chance:
            label += " (not in every run)"
        out.append({"id": e.id, "date": e.date.isoformat(), "type": e.type, "label": label,
                    "share": None if share is None else round(float(share), 4)})
        if e.type not in types:
            runs[e.id] = (1, e.date, label, e.until or e.date)
    return out


def record_windows(scenario, indicators=None) -> list[tuple[str, str, str]]:
    """(indicator, start, end) of each sourced count of the scenario's record that lies inside its
    simulated period: the windows whose per-run totals a chart needs to state the fit."""
    from flashpoint.report.observed import period_counts

    record = period_counts(scenario)
    out = []
    for r in record.to_dict("records"):
        start, end = _day(r["start"]), _day(r["end"])
        if (indicators is None or r["indicator"] in indicators) and scenario.start <= start and end <= scenario.end:
            out.append((r["indicator"], start.isoformat(), end.isoformat()))
    return list(dict.fromkeys(out))


# -- the spec ------------------------------------------------------------------------------------
def fan_spec(indicator: str, series: list[dict], *, span: tuple, record: pd.DataFrame | None = None,
             title: str | None = None, subtitle: str = "", observed_series: int = 0,
             unheld: Sequence[str] = ()) -> dict:
    """The chart of ``indicator`` for one or more policies (``series``: :func:`series_entry` dicts),
    over the simulated ``span`` (first, last day), with ``record`` (:func:`period_counts`);
    ``observed_series``: how many values of the record's observed series are laid beside the indicator
    (:func:`flashpoint.report.observed.series_counts`), which the caption names; ``unheld``: the attack targets
    no foreign party holds that the indicator counts too (:func:`flashpoint.scenario.presence.unheld`), named by
    the caption."""
    ind, _ = _declared(indicator)
    span = (_day(span[0]), _day(span[1]))
    first_q = series[0]["quantiles"]
    periods = _periods(first_q.index, span)
    hide = [ind.kind == "count" and p["partial"] for p in periods]
    rows, outside, left_off = _record_rows(record, indicator, ind.kind, span)
    # the indicators of the counts the fit table judges: those wholly inside the span (a held-out designer's caption
    # said 4 counts of the breakdowns where one, of 1977, lay before the period: 3 in the table and their charts)
    judged = pd.Series([], dtype=object) if record is None else record["indicator"][[
        span[0] <= _day(s) and _day(e) <= span[1] for s, e in zip(record["start"], record["end"])]]
    out_series = []
    for s in series:
        q = s["quantiles"]
        bands = {}
        for key, qv in zip(KEYS, QS):
            values = _pick(q, qv).tolist()
            bands[key] = [None if h else _num(v) for v, h in zip(values, hide)]
        if "mean" in q.columns:
            bands["mean"] = [None if h else _num(v) for v, h in zip(q["mean"].tolist(), hide)]
        fit = record_fit(rows + left_off, s.get("total"), indicator, s.get("decided"))
        out_series.append({"policy": s["policy"], "label": s.get("label") or s["policy"], **bands,
                           "markers": s.get("markers", []), "fit": fit,
                           "fit_computed": s.get("total") is not None})
    spec = {
        "version": SPEC_VERSION, "indicator": indicator, "kind": ind.kind, "unit": ind.unit,
        "description": ind.description, "title": title or indicator, "subtitle": subtitle,
        "y_label": y_label(indicator), "x_label": "month",
        "x_range": [span[0].isoformat(), (span[1] + dt.timedelta(days=1)).isoformat()],
        "periods": periods, "series": out_series, "record": rows, "record_outside": len(outside),
        "record_left_off": left_off, "record_outside_counts": outside,
        # counts of sums that take in this indicator or its breakdowns: no monthly chart of one part draws them
        "record_in_sums": int(sum(
            "+" in name and any(part == indicator or part.startswith(indicator + ".") for part in name.split("+"))
            for name in judged)),
        # and counts of its breakdowns alone (a held-out case's claim note found a count of foreign_killed.cuban_forces
        # where the chart of foreign_killed said the record had none)
        "record_breakdowns": {name: int(n) for name, n in judged.value_counts().sort_index().items()
                              if "+" not in name and name.startswith(indicator + ".")},
        "record_series": int(observed_series),
        "unheld_targets": list(unheld),
        "partial": [p for p, h in zip(periods, hide) if h],
        "band": list(BAND),
    }
    spec["y_range"] = [0.0, _y_top(spec)]
    for r in rows:  # an upper bound above the axis is drawn at its edge, pointing up, and says so
        r["beyond_axis"] = r["shape"] == "upper" and (r["y_high"] or 0) > spec["y_range"][1]
    spec["caption"] = caption(spec)
    return spec


def count_key(row: dict) -> tuple:
    """A record count and its fit row are one count: the same days and the same count (charts.js countKey)."""
    return row["start"], row["end"], str(row["count"])


def _y_top(spec: dict) -> float:
    """The top of the y axis: the bands' 95% and the record's values and lower bounds; an upper
    bound (<=) never stretches it. The band over a missed count's own days, drawn beside it as a bar, stretches
    it up to three times that (a held-out wargame designer's bar over 240 sat clipped at an axis of 215); a bar
    beyond is cut at the top."""
    top = 0.0
    for s in spec["series"]:
        top = max([top] + [v for v in s["q95"] if v is not None])
    for r in spec["record"]:
        if r["shape"] == "upper":
            continue
        top = max([top] + [v for v in (r["y_low"], r["y_high"]) if v is not None])
    scale = {count_key(r): r.get("scale", 1) for r in spec["record"]}
    bars = [f["q95"] * scale[count_key(f)] for s in spec["series"] for f in s.get("fit") or []
            if f.get("inside") is False and f.get("q95") is not None and count_key(f) in scale]
    top = max([top] + [min(b, 3 * top) for b in bars]) if top > 0 else max([top] + bars)
    return _num(top * 1.12) if top > 0 else 1.0


def _fmt(v) -> str:
    """A number for a caption: whole numbers as they are, others to a tenth from 10 up (a band's 58.55 is not
    written 59, which would read as reaching a count of 59 it misses), two significant digits below."""
    if v is None:
        return "–"
    if float(v).is_integer() or abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:,.1f}" if abs(v) >= 10 else f"{v:.2g}"


def _hedged(r: dict) -> str:
    written = str(r.get("count", ""))
    if r["hedge"] == "~" and "-" in written:        # a range (346-369) as written, not "~357.5"
        return written.replace("-", "–")
    return {"=": "", "~": "~", ">=": "≥", "<=": "≤"}[r["hedge"]] + _fmt(r["observed"])


def caption(spec: dict) -> str:
    """What the chart shows, in words: band, record, fit (inside and outside), partial periods, markers."""
    how = "summed over each month" if spec["kind"] == "count" else "averaged over each month"
    parts = [f"Band: 5–95% and 25–75% of runs, line: median; {spec['indicator']} {how}"
             + (f", counting {', '.join(spec['unheld_targets'])} too, held by no foreign party"
                if spec.get("unheld_targets") else "") + "."]
    left_off = spec.get("record_left_off") or []
    # the counts inside the period drawn, the same the fit judges (a held-out case's caption counted a total running
    # past the scenario's end that the fit table left out, and the two read "3" of different counts)
    n = len(spec["record"]) + sum(r.get("why") != "outside" for r in left_off)
    not_drawn = []
    for why, text in (("no_bound", "over less than a month that bound no month's sum (at most, or at least 0)"),
                      ("outside", "not wholly inside the period drawn (begun before it or ended after it): "
                                  "their average over days partly outside would read as a rate of the months "
                                  "shown, and they are not judged")):
        rows = [r for r in left_off if r.get("why") == why]
        if rows:
            not_drawn.append(f"Not drawn: {len(rows)} count(s) {text}: "
                             + "; ".join(f"{r['start']}..{r['end']} {r['count']}" for r in rows) + ".")
    if n:
        hows = {r["drawn"] for r in spec["record"]}
        if spec["kind"] != "count":
            drawn = ["Each is drawn over the days it covers as its value"]
        else:
            drawn = [text for how, text in (
                ("month", "over a calendar month: at its count (that month's sum)"),
                ("rate", "over more than a month: over its days, as its average rate per month"),
                ("month_bound", "over less than a month: never as a rate, but over the month it falls in as at "
                                "least its (low) count, that month's sum being at least that (across two months: "
                                "at least half of it, their average)")) if how in hows]
            drawn = ["A count " + "; ".join(drawn)] if drawn else []
        parts.append(f"Record: {n} sourced count{'s' if n != 1 else ''} of the scenario inside the period drawn. "
                     + "".join(d + ". " for d in drawn) + "Dot exact, upward arrow at least (≥), downward arrow "
                     "at most (≤, never stretches the axis), shaded approximate (~)"
                     + ("; fainter: a grade-C (low-reliability) source." if any(
                         r.get("reliability") == "C" for r in spec["record"]) else "."))
        if any(r["shape"] == "upper" and r["drawn"] == "rate" for r in spec["record"]):
            # a held-out case's "at most 371" over four years, drawn at 7.8 a month, read as broken by a month of 16
            parts.append("An at-most count over more than a month bounds the average month of its days, not each "
                         "month: a month above its line breaks no bound.")
        parts += not_drawn
        if not any(s["fit_computed"] for s in spec["series"]):
            parts.append("Fit: not computed (the runs' totals over the counts' days were not kept).")
        for s in spec["series"]:
            who = f" under {s['policy']}" if len(spec["series"]) > 1 else ""
            if not s["fit_computed"]:
                continue
            judged = s["fit"]
            if not judged:
                parts.append(f"Fit{who}: no sourced count lies wholly inside the simulated period.")
                continue
            missed = [f for f in judged if not f["inside"]]
            # another policy's runs than HISTORICAL's did not happen (a held-out case read a counterfactual's "Fit"
            # as evidence it was realistic)
            what = ("" if s["policy"] == HISTORICAL else
                    " (a counterfactual beside what happened: how far it departs, no test of the model)")
            text = (f"Fit{who}{what}: {len(judged) - len(missed)} of {len(judged)} sourced counts lie inside the "
                    f"model's 90% band of the total over their own days ({spec['indicator']}'s counts only)")
            text += records.construction_note(judged) + records.bound_note(judged)
            if missed:
                text += "; outside: " + "; ".join(
                    f"{f['start']}..{f['end']} {_hedged(f)} "
                    f"(model {band_text(f['q05'], f['q95'], False, f['low'], f['high'], '–')})" for f in missed)
            parts.append(text + ".")
    else:
        parts.append(f"The scenario's record has no sourced counts of {spec['indicator']}"
                     + (" wholly inside the period drawn" if left_off else
                        " in the period drawn" if spec["record_outside"] else "")
                     + (" on its own" if spec.get("record_in_sums") or spec.get("record_breakdowns") else "")
                     + (f"; {spec['record_in_sums']} count(s) of sums that take it in are laid beside the "
                        "runs in record_fit.png (flashpoint run --out) and the fit table" if spec.get("record_in_sums")
                        else "")
                     + (f"; its breakdowns have {sum(spec['record_breakdowns'].values())} count(s) ("
                        f"{', '.join(spec['record_breakdowns'])}), laid beside the runs in the fit table and in the "
                        "charts of those breakdowns" if spec.get("record_breakdowns") else "") + "."
                     + (f" {spec['record_series']} value(s) of the record's observed series of it or its breakdowns "
                        "(series.csv) are laid beside the runs in the series fit (record_fit.png, the page's series "
                        "table)." if spec.get("record_series") else ""))
        parts += not_drawn      # those begun before it or ended after it
    if spec["record_outside"]:
        named = spec.get("record_outside_counts") or []       # which (a held-out analyst's caption named none)
        parts.append(f"{spec['record_outside']} sourced count(s) lie wholly outside the period drawn"
                     + (f" ({'; '.join(named[:3])}{'; ...' if len(named) > 3 else ''})" if named else "") + ".")
    for p in spec["partial"]:
        parts.append(f"{p['start'][:7]} is simulated for {p['days']} of {p['of']} days: not drawn ({partial_note()}).")
    marks: dict[str, list[str]] = {}
    for s in spec["series"]:
        for m in s["markers"]:
            # a run of entries ends its label with "to <its last day>": its first day goes before it, not after
            # ("... and 19 more to 2024-05-02 2024-03-14" read oddly: a verifier)
            text = f"{m['label']} {m['date']}" if " more to " not in m["label"] else f"{m['label']}, from {m['date']}"
            marks.setdefault(text, []).append(s["policy"])
    for text, pols in marks.items():
        who = f" ({', '.join(pols)})" if len(spec["series"]) > 1 else ""
        parts.append(f"Dashed line: {text}{who}.")
    return " ".join(parts)


def spec_table(spec: dict) -> pd.DataFrame:
    """The chart's numbers as one long table (the per-chart CSV): the model's band per period and
    policy, then each sourced count with the model's band over its days under each policy, and how
    it is drawn (``drawn``: value, month, rate, month_bound, or no: see :func:`_drawing`)."""
    rows = []
    for s in spec["series"]:
        for i, p in enumerate(spec["periods"]):
            rows.append({"row": "model", "policy": s["policy"], "start": p["start"], "end": p["end"],
                         "days": p["days"], "partial": p["partial"],
                         **{k: s[k][i] for k in (*KEYS, "mean") if k in s}})
    for r in spec["record"] + (spec.get("record_left_off") or []):
        base = {"row": "record", "start": r["start"], "end": r["end"], "days": r["days"], "count": r["count"],
                "hedge": r["hedge"], "low": r["low"], "high": r["high"], "kind": r["kind"],
                "reliability": r["reliability"], "source": r["source"], "drawn": r.get("drawn")}
        fits = [(s["policy"], next((f for f in s["fit"] if f["start"] == r["start"] and f["end"] == r["end"]
                                    and f["count"] == r["count"]), None)) for s in spec["series"]]
        for policy, f in fits:
            rows.append({**base, "policy": policy, "q05": f and f["q05"], "q95": f and f["q95"],
                         "inside": None if f is None else f["inside"]})
    columns = ["row", "policy", "start", "end", "days", "partial", *KEYS, "mean", "count", "hedge", "low", "high",
               "inside", "kind", "reliability", "source", "drawn"]
    return pd.DataFrame(rows).reindex(columns=columns)
