"""One call to lay an ensemble beside the record: a table per period, a table per published count, a plot.

    from flashpoint.events.compare import compare
    result = compare(ensemble)                    # attacks on foreign forces, monthly, the scenario's record
    result.series                                 # period, observed, q05, q50, q95, inside
    result.counts                                 # the published period counts against the runs' totals
    result.plot("compare.png")

The ensemble needs three methods (``flashpoint.ensemble.Ensemble`` has them):
``series(indicator, freq)`` (rows: period starts, columns: runs),
``quantiles(indicator, freq, qs)`` (one column per q) and
``total(indicator, start, end)`` (one total per run, both days included).
By default the record is the ensemble's own scenario's (``ensemble.spec``): the events of its
``record.dataset``, its published counts as :func:`flashpoint.records.period_counts` maps them,
and its foreign side (:func:`flashpoint.events.series.foreign_side`) as the targets that count.

Two honest caveats are part of the result. A record's event list is what public reporting dated,
not every attack, so its monthly counts are lower bounds
(``series.attrs["observed_is_lower_bound"]`` is true when the record's list was used; its attacks in a mode the
scenario cannot simulate are left out, as the fit leaves them, and ``series.attrs["unmodelled_modes"]`` counts them); the
published period counts (``counts``) are the better yardstick, and they overlap, so each is
judged on its own and never summed. ``series.attrs["partial"]`` lists the periods the runs cover only in
part (a first month simulated from its 19th): both sides count those days only, so a low count there is no fall;
``plot`` leaves a count's partial periods out, shaded, as the charts of ``run`` and ``compare`` do.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from flashpoint.ensemble import run_quantiles
from flashpoint.errors import FlashpointError, FlashpointNote
from flashpoint.events.series import check_freq, indicator_events, indicator_series, period_start

DEFAULT_QS = (0.05, 0.5, 0.95)


def _label(q: float) -> str:
    return f"q{round(q * 100):02d}"


@dataclass
class Comparison:
    indicator: str
    freq: str
    qs: tuple[float, ...]
    series: pd.DataFrame      # index: period start; observed (<NA> outside the record), one column per q, inside
    counts: pd.DataFrame      # one row per published count inside the simulated span

    @property
    def coverage(self) -> float:
        """Share of periods whose observed count lies inside the runs' outer quantiles."""
        inside = self.series["inside"].dropna()
        return float(inside.astype(bool).mean()) if len(inside) else math.nan

    def plot(self, path: str | Path | None = None, title: str | None = None):
        """A matplotlib Figure: the runs' band and median with the observed counts, and the published
        counts against the runs' totals. Written to ``path`` (format from its suffix) when given."""
        from matplotlib.figure import Figure

        low, mid, high = _label(min(self.qs)), _label(sorted(self.qs)[len(self.qs) // 2]), _label(max(self.qs))
        rows = max(len(self.counts), 1)
        fig = Figure(figsize=(10, 4 + 0.35 * rows), layout="constrained")
        top, bottom = fig.subplots(2, 1, height_ratios=[3, max(1.5, 0.35 * rows)])
        from flashpoint.ensemble import INDICATORS

        from flashpoint.report.charts import partial_note
        from flashpoint.report.render import shade_partial

        s = self.series
        unit = INDICATORS[self.indicator.partition(".")[0]].unit
        period = dict(D="day", W="week", M="month")[self.freq]
        # a count's period the runs cover only in part is left out, both sides, as the charts of `run` and
        # `compare` leave it (a held-out notebook user's first month, 2 of 31 days simulated, drew a cliff)
        partial = [pd.Timestamp(p) for p in s.attrs.get("partial", [])] if s.attrs.get("kind") == "count" else []
        drawn = s[[low, mid, high, "observed"]].astype("float64")
        drawn.loc[drawn.index.isin(partial)] = np.nan
        top.fill_between(s.index, drawn[low], drawn[high], step="post", alpha=0.3, label=f"runs {low}-{high}")
        top.step(s.index, drawn[mid], where="post", label=f"runs median ({mid})")
        floor = bool(s.attrs.get("observed_is_lower_bound"))   # a dated list is what reporting dated: at least
        top.plot(s.index, drawn["observed"], "^" if floor else "o", color="black",
                 label="record's dated list: at least (a list is incomplete)" if floor else "record")
        ends = {"W": pd.Timedelta(days=6), "M": pd.offsets.MonthEnd(0)}
        shade_partial(top, [{"start": p.date().isoformat(), "end": (p + ends[self.freq]).date().isoformat()}
                            for p in partial], f"partial {period} (not drawn: {partial_note(period)})")
        top.set_ylabel(f"{unit} per {period}\n({self.indicator})")
        top.set_title(title or f"{self.indicator}: ensemble against the record")
        top.legend(loc="upper left")
        for y, row in enumerate(self.counts.itertuples()):
            bottom.plot([getattr(row, low), getattr(row, high)], [y, y], color="C0", linewidth=6, alpha=0.4)
            bottom.plot([getattr(row, mid)], [y], "|", color="C0", markersize=12)
            lo = row.low if not math.isnan(row.low) else 0.0
            hi = row.high if not math.isnan(row.high) else max(lo, getattr(row, high)) * 1.2 + 1
            bottom.plot([lo, hi], [y, y], color="black", linewidth=1.5)
            bottom.plot([lo] if math.isnan(row.high) else [lo, hi], [y] * (1 if math.isnan(row.high) else 2),
                        "d", color="black", markersize=5)
            if math.isnan(row.high):
                bottom.annotate("", xy=(hi, y), xytext=(lo, y), arrowprops={"arrowstyle": "->"})
        bottom.set_yticks(range(len(self.counts)), [
            f"{r.period_start:%Y-%m-%d}..{r.period_end:%Y-%m-%d} {r.count} ({r.kind})"
            for r in self.counts.itertuples()
        ])
        bottom.set_xlabel(f"{unit} in the period: runs (band, median tick) and the published count\n"
                          "(line; an arrow: at least, open above)")
        bottom.invert_yaxis()
        if not len(self.counts):      # an empty axis from 0 to 1 would pass for counts of none
            bottom.set_axis_off()
            bottom.text(0.5, 0.5, f"the record has no published count of {self.indicator} in the simulated period "
                        "(counts of a breakdown are compared with that breakdown: indicator='<name>.<breakdown>'; "
                        "flashpoint.records.period_counts lists them)", ha="center", va="center", wrap=True,
                        transform=bottom.transAxes)
        if path is not None:
            from flashpoint.atomic import atomic_path

            path = Path(path)
            with atomic_path(path) as tmp:
                fig.savefig(tmp, format=path.suffix.lstrip(".") or "png")
        return fig


def compare(ensemble, indicator: str = "attacks_on_foreign_forces", freq: str = "M", *,
            events: pd.DataFrame | None = None, counts: pd.DataFrame | None = None,
            targets: list[str] | None = None, qs: tuple[float, ...] = DEFAULT_QS,
            coverage: tuple | None = None) -> Comparison:
    """Compare ``ensemble`` with the record: by default its scenario's record and published counts.

    ``targets``: the actor ids whose losses the indicator counts (default: the scenario's foreign
    side, else the ensemble's ``party`` axis). ``counts``: a table of published counts with
    indicator, start (or period_start), end (or period_end), count, low, high, kind (default:
    :func:`flashpoint.records.period_counts` of the scenario). ``coverage`` is the (first, last) day
    the events cover; periods outside it have no observed value (NaN), not a zero. Default: the
    first and last date of the events.
    """
    from flashpoint.events.series import foreign_side

    check_freq(freq)
    qs = tuple(sorted(qs))
    if len(qs) < 2 or not all(0 <= q <= 1 for q in qs):
        raise FlashpointError(f"qs: give at least two quantiles between 0 and 1, not {qs}")
    spec = getattr(ensemble, "spec", None)
    record = getattr(spec, "record", None)
    if (events is None or counts is None) and record is None:
        raise FlashpointError("the ensemble's scenario names no record (record: {dataset: ...}); "
                              "give events= and counts= to compare with")
    if targets is None:
        targets = foreign_side(spec) if spec is not None else list(getattr(ensemble, "axes", {}).get("party", []))
    raw = ensemble.quantiles(indicator, freq, list(qs))
    quantiles = _pick_quantiles(pd.DataFrame(raw), qs)
    if quantiles.empty:
        raise FlashpointError(f"the ensemble has no {indicator!r} series to compare")
    quantiles.index = period_start(pd.Series(quantiles.index), freq).to_numpy()
    span_start = quantiles.index.min()
    span_end = _period_end(quantiles.index.max(), freq)

    listed = events is None
    if listed:
        from flashpoint.events.shipped import record_events

        events = record_events(record.dataset)
    given_coverage = coverage is not None
    if coverage is None:
        coverage = (events["date"].min(), events["date"].max())
    first, last = (pd.Timestamp(day) for day in coverage)
    # the runs start on the ensemble's first day, not on its first period's: an event dated to a day before it
    # (or after its last) is not set beside a first (or last) period the runs cover only in part; one dated to
    # its month or year only (on the 1st) is kept where that period reaches into the runs
    start, end = getattr(ensemble, "start", None), getattr(ensemble, "end", None)
    if start is not None and end is not None:
        dates = pd.to_datetime(events["date"])
        to_day = events["date_precision"].fillna("day").eq("day") if "date_precision" in events else True
        events = events[(dates <= pd.Timestamp(end)) & ((dates >= pd.Timestamp(start)) | ~to_day)]
    axes = getattr(ensemble, "axes", None) or {}
    sources = list(axes.get("source", []))
    modes = None
    unmodelled = {}
    if listed and hasattr(spec, "mechanisms"):
        # a mode the scenario cannot simulate is left out, as from the dated list the fit uses (a held-out student's
        # patron airstrike, M8 off, was counted here and called unusable by validate)
        from flashpoint.calibration.observations import attack_modes

        modes = attack_modes(spec)
        given = events["mode"].fillna("").astype(str)
        other = (given != "") & ~given.isin(modes)
        unmodelled = indicator_events(events[other], indicator, targets, sources)["mode"].value_counts().to_dict()
        events = events[~other]
    elif "mode" in axes:
        modes = list(axes["mode"])
    other_attackers = {}
    if hasattr(spec, "actors"):
        events, other_attackers = _by_the_runs_attackers(events, spec, listed, indicator, targets, sources, modes)
    if listed and hasattr(spec, "targets"):
        events = _aimed_by_kind(events, spec, targets)
    by_source = [part for part in indicator.split(".")[1:] if part in sources]
    unattributed = 0
    if by_source and listed:
        events, unattributed = _attributed(events, record.dataset, indicator, targets, sources, modes)
    if not listed:
        _note_unmatched(events, targets)
    observed = indicator_series(events, indicator, freq, targets=targets, start=span_start, end=span_end,
                                sources=sources, modes=modes)
    table = quantiles.copy()
    known = (table.index >= period_start(pd.Series([first]), freq).iloc[0]) & (table.index <= last)
    table.insert(0, "observed", observed.reindex(table.index, fill_value=0).astype("Int64").where(known))
    # a record's dated list is what reporting dated, a lower bound: a month it holds fewer of is no miss, one the
    # runs' upper quantile stays below is (a held-out teacher's notable-events list read as misses everywhere)
    table["inside"] = ((table["observed"] <= table[_label(qs[-1])])
                       & ((table["observed"] >= table[_label(qs[0])]) | listed)).astype("boolean")
    table.index.name = "date"
    unknown = table.index[table["observed"].isna()]
    if not listed and not given_coverage and len(unknown):     # (a held-out analyst's list, covering all of 2019,
        # read "no observed value" for its quiet December, after its last event)
        warnings.warn(f"{len(unknown)} period(s) before the events' first date ({first.date()}) or after their last "
                      f"({last.date()}) have no observed value, not 0 ({', '.join(str(d.date()) for d in unknown[:3])}"
                      f"{', ...' if len(unknown) > 3 else ''}): give coverage=(first day, last day) if the events "
                      "cover them", FlashpointNote, stacklevel=2)
    table.attrs["observed_is_lower_bound"] = listed
    table.attrs["left_out"] = observed.attrs.get("left_out", 0)
    table.attrs["unmodelled_modes"] = unmodelled          # mode -> attacks left out: the scenario has no such mode
    table.attrs["other_attackers"] = other_attackers      # attacker -> attacks left out: the runs make none of theirs
    table.attrs["no_attack_target"] = _no_attack_target(events, spec, indicator, targets, sources, modes,
                                                        span_start, span_end)
    table.attrs["unattributed"] = unattributed     # of a breakdown by attacker: unknown attackers' attacks, in none
    # the indicator, its unit and the periods the runs cover only in part, as Ensemble.series says them (a held-out
    # notebook user's first month, simulated from the 19th, was not marked)
    table.attrs.update({k: raw.attrs[k] for k in ("indicator", "unit", "kind", "partial") if k in raw.attrs})

    if counts is None:
        from flashpoint.records import period_counts

        counts = period_counts(spec)
    return Comparison(indicator, freq, qs, table, _judge_counts(ensemble, indicator, counts, qs, span_start, span_end))


def _by_the_runs_attackers(events: pd.DataFrame, spec, listed: bool, indicator: str, targets, sources, modes):
    """The events less the attacks by an attacker the runs make no attack of, and {attacker: attacks left out}
    that the indicator would have counted (said in a note). The runs' attacks are their factions' and patron's: of
    the record's own list, as the dated list the fit uses (``calibration.observations``), an attack counts when its
    attacker is one of those or one nobody identified (``unknown``); of events given, whose names a scenario may
    not know, an attack is left out only when its attacker is an actor the scenario declares of another kind (a
    held-out analyst's attacks on the peacekeepers by the foreign power's client militia, and abroad by a group
    outside the factions, were counted as the factions')."""
    from flashpoint.calibration.observations import SOURCES_ALWAYS

    attackers = {a.id for a in spec.actors if a.kind in ("proxy", "patron")} | set(SOURCES_ALWAYS)
    source = events["source_actor"].astype("string")
    if listed:
        other = source.notna() & ~source.isin(list(attackers))
    else:
        other = source.isin([a.id for a in spec.actors if a.id not in attackers])
    other = other.fillna(False).astype(bool)
    if not other.any():
        return events, {}
    counted = events[other]
    if listed and hasattr(spec, "targets"):
        counted = _aimed_by_kind(counted, spec, targets, anyone=True)
    left = indicator_events(counted, indicator, targets, sources, modes)["source_actor"].value_counts()
    left = {str(k): int(v) for k, v in left.items()}
    if left:
        warnings.warn(f"{indicator}: {sum(left.values())} attack(s) of the record on the foreign side are left out, "
                      f"by attackers the runs make no attack of ({', '.join(f'{k}: {v}' for k, v in left.items())}): "
                      "the runs' attacks are their factions' and patron's, and those nobody identified (unknown) "
                      "(series.attrs['other_attackers'])", FlashpointNote, stacklevel=3)
    return events[~other], left


def _attributed(events: pd.DataFrame, dataset: str, indicator: str, targets, sources, modes):
    """A breakdown by attacker of the record's list: the events with an attack nobody identified (``unknown``)
    given to the attacker its ``attributed_to`` names (a claim or a report: ``events list --attributed``), where
    that is one of the runs' ``sources``; and how many attacks of the unknown are left in no attacker's breakdown
    (the record's attacks are mostly unclaimed: a breakdown by attacker is a lower bound)."""
    from flashpoint import records
    from flashpoint.calibration.observations import SOURCES_ALWAYS
    from flashpoint.events.actors import attributed_actor

    table = records.read_table(dataset, "events.csv", ("event_id", "attributed_to"))
    named = {e: a for e, text in zip(table["event_id"], table["attributed_to"])
             if (a := attributed_actor(text)) in sources}
    unknown = events["source_actor"].isin(list(SOURCES_ALWAYS))
    given = events["event_id"].map(named)
    events = events.assign(source_actor=events["source_actor"].where(~(unknown & given.notna()), given))
    rest = ".".join(p for p in indicator.split(".") if p not in sources)
    counted = indicator_events(events, rest, targets, sources, modes)
    return events, int(counted["source_actor"].isin(list(SOURCES_ALWAYS)).sum())


def _no_attack_target(events: pd.DataFrame, spec, indicator: str, targets, sources, modes, start, end) -> dict:
    """{target actor: attacks} the indicator's total counts that reach none of the scenario's declared attack
    targets (an attack on a foreign party whose target kind maps to none of its targets): in the total, in no
    breakdown by target, so the breakdowns add up to the total less these. Of a breakdown by one target,
    the attacks on its parties that reach no target (some may be its own). Empty where no target is declared."""
    declared = [t.id for t in getattr(spec, "targets", None) or []]
    if not declared:
        return {}
    base, *parts = indicator.split(".")
    one = [p for p in parts if p in declared]
    rest = ".".join([base, *[p for p in parts if p not in declared]])
    counted = indicator_events(events, rest, targets, sources, modes)
    dates = pd.to_datetime(counted["date"])
    counted = counted[(dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))]
    loose = counted[~counted["target_actor"].isin(declared)]
    if one:
        parties = {p for t in spec.targets if t.id == one[0] for p in t.parties}
        loose = loose[loose["target_actor"].isin(list(parties))]
    return {str(k): int(v) for k, v in loose["target_actor"].value_counts().items()}


def _aimed_by_kind(events: pd.DataFrame, spec, targets, anyone: bool = False) -> pd.DataFrame:
    """The record's events with a faction's or the patron's attack whose target kind ``record.target_kinds`` maps to
    a declared target counted on that target (its first, where the kind maps to several), as the dated list counts
    it: its ``target_actor`` is whom the target belongs to or serves, a host's force that holds no party's target (a
    held-out analyst's raids on the host's posts were in the dated list and read 0 here). Another side's acts keep
    their target (a verifier's French strike on a Libyan base, kind base, was counted on the French forces)."""
    from flashpoint.calibration.observations import SOURCES_ALWAYS

    declared = [t.id for t in spec.targets if t.id in targets]
    mapped = {kind: hit[0] for kind, labels in getattr(spec.record, "target_kinds", {}).items()
              if (hit := [t for t in str(labels).split("+") if t in declared])}
    if not mapped:
        return events
    from flashpoint import records

    table = records.read_table(spec.record.dataset, "events.csv", ("event_id", "target_kind"))   # (not in the store)
    kind = events["event_id"].map(dict(zip(table["event_id"], table["target_kind"])))
    attackers = {a.id for a in spec.actors if a.kind in ("proxy", "patron")} | set(SOURCES_ALWAYS)
    moved = (events["source_actor"].isin(list(attackers)) | anyone) & kind.isin(list(mapped))
    return events.assign(target_actor=events["target_actor"].where(~moved, kind.map(mapped)))


def _note_unmatched(events: pd.DataFrame, targets) -> None:
    """Say when the events given hold assaults but none on ``targets``: the record would read 0 in every period (a
    held-out analyst's ACLED import named the forces as ACLED does, "Military Forces of Rwanda (2000-)", and was
    drawn as no attack at all)."""
    assaults = events[events["plover_type"].eq("ASSAULT").fillna(False).astype(bool)]
    if len(assaults) and not assaults["target_actor"].isin(list(targets)).any():
        names = assaults["target_actor"].dropna().astype(str).value_counts()
        warnings.warn(f"none of the {len(assaults)} assault(s) among the events given names one of the targets "
                      f"({', '.join(targets)}) as its target_actor, so the record reads 0 in every period; the events "
                      f"name {', '.join(names.index[:5])}{', ...' if len(names) > 5 else ''}: pass targets= with "
                      "the names the events use for the foreign side", FlashpointNote, stacklevel=3)


def _pick_quantiles(frame: pd.DataFrame, qs: tuple[float, ...]) -> pd.DataFrame:
    """The columns for ``qs`` (named by q; extra columns such as "mean" are dropped), renamed q05, q50, ..."""
    def as_q(column):
        try:
            return float(column)
        except (TypeError, ValueError):
            return None

    by_q = {as_q(c): c for c in frame.columns if as_q(c) is not None}
    if all(q in by_q for q in qs):
        picked = frame[[by_q[q] for q in qs]]
    elif frame.shape[1] >= len(qs):
        picked = frame.iloc[:, :len(qs)]
    else:
        raise FlashpointError(f"the ensemble's quantiles have {frame.shape[1]} columns, {len(qs)} were asked for")
    picked = picked.astype("float64")
    picked.columns = [_label(q) for q in qs]
    return picked


def _period_end(start: pd.Timestamp, freq: str) -> pd.Timestamp:
    step = {"D": pd.DateOffset(days=1), "W": pd.DateOffset(weeks=1), "M": pd.DateOffset(months=1)}[freq]
    return pd.Timestamp(start) + step - pd.Timedelta(days=1)


def _judge_counts(ensemble, indicator: str, counts: pd.DataFrame, qs: tuple[float, ...],
                  span_start: pd.Timestamp, span_end: pd.Timestamp) -> pd.DataFrame:
    """Each published count inside the simulated span, beside the distribution of the runs' totals."""
    from flashpoint.records import total

    counts = counts.rename(columns={"start": "period_start", "end": "period_end"})
    chosen = counts[(counts["indicator"] == indicator) & (counts["period_start"] >= span_start)
                    & (counts["period_end"] <= span_end)]
    rows = []
    for row in chosen.itertuples(index=False):
        totals = np.asarray(total(ensemble, indicator, row.period_start, row.period_end), dtype=float)
        low = -np.inf if math.isnan(row.low) else row.low
        high = np.inf if math.isnan(row.high) else row.high
        quantile = dict(zip([_label(q) for q in qs], run_quantiles(totals, qs, counts=True)))   # of counts
        rows.append({
            "period_start": row.period_start, "period_end": row.period_end, "count": row.count,
            "low": row.low, "high": row.high, "kind": row.kind, **quantile,
            "p_in_range": float(np.mean((totals >= low) & (totals <= high))),
            "consistent": bool(quantile[_label(qs[0])] <= high and quantile[_label(qs[-1])] >= low),
        })
    columns = ["period_start", "period_end", "count", "low", "high", "kind", *[_label(q) for q in qs],
               "p_in_range", "consistent"]
    return pd.DataFrame(rows, columns=columns)
