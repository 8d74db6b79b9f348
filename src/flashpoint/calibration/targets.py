"""Observed targets of a calibration: period counts as intervals, each one a discrepancy term.

A target is a count of one indicator over one period (inclusive dates) that the record puts
between ``low`` and ``high`` (either side may be open):

- an exact count ("22") is the interval 22..22;
- a bound (">=55", "<=48") leaves one side open;
- an approximate count ("~25") is 20..30 (``curated.APPROXIMATE``, 20 % either side);
- running totals over overlapping periods (the AFP tally: 19 by 16 Feb, 22 by 11 Mar 2020) are
  separate targets; they are never summed or differenced.

A simulated run's discrepancy for a target is how far its count lies outside the interval, in
units of a Poisson-like scale ``sqrt(reference)`` (the reference is the interval's finite middle),
times the target's weight (by the kind of count, ``KIND_WEIGHT``). The ABC distance of a run is
the root of the sum of squared discrepancies: 0 when every count lies inside its interval.

Where the data come from (``--data``):

- ``iraq-2019-2020`` (default): the sourced period counts shipped with the package
  (``flashpoint.events.curated.load_attack_counts``);
- a CSV file with the same columns (period_start, period_end, indicator, count; low, high and kind
  optional, read from the count's hedge when missing);
- ``store`` or ``store:KEY=VALUE;KEY=VALUE``: monthly counts of the events in the event store that
  match the query (``EventStore.query`` filters; default: events against ``usa`` or ``coalition``
  with CAMEO roots 18-20), each month an exact target.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from flashpoint.errors import DataError, FlashpointError

RECORD = "iraq-2019-2020"

#: Weight of a count's discrepancy by its kind in ``attack_counts.csv``. Counts of low reliability
#: (a partisan outlet passing on militia claims) are left out; counts derived from another source's
#: share count half.
KIND_WEIGHT = {"period": 1.0, "cumulative": 1.0, "partial": 1.0, "derived": 0.5, "low reliability": 0.0,
               "exact": 1.0, "synthetic": 1.0, "store": 1.0}

#: Default store query for attacks on foreign forces: events against US or coalition targets,
#: CAMEO roots 18 (assault), 19 (fight), 20 (mass violence).
STORE_DEFAULT = {"target": ["usa", "coalition"], "cameo_root": ["18", "19", "20"]}
STORE_KEYS = ("actor", "source", "target", "start", "end", "plover_type", "mode", "cameo_root", "dataset")


@dataclass(frozen=True)
class Target:
    """One observed count: ``indicator`` summed over ``start..end`` lies in ``low..high`` (NaN = open)."""

    id: str
    indicator: str
    start: pd.Timestamp
    end: pd.Timestamp
    low: float
    high: float
    kind: str = "period"
    weight: float = 1.0
    count: str = ""          # the count as the source gave it (">=55", "~25", "22")
    source: str = ""
    note: str = ""           # how the target was adapted (clipped period, dropped side)

    @property
    def reference(self) -> float:
        sides = [v for v in (self.low, self.high) if not math.isnan(v)]
        return float(np.mean(sides)) if sides else 1.0

    @property
    def scale(self) -> float:
        return math.sqrt(max(self.reference, 1.0))

    @property
    def interval(self) -> str:
        lo = "" if math.isnan(self.low) else f"{self.low:g}"
        hi = "" if math.isnan(self.high) else f"{self.high:g}"
        if lo == hi:
            return lo
        return f">={lo}" if not hi else (f"<={hi}" if not lo else f"{lo}..{hi}")

    def discrepancy(self, x: np.ndarray) -> np.ndarray:
        """How far counts ``x`` lie outside the interval, in scale units, times the weight."""
        x = np.asarray(x, dtype=float)
        below = np.maximum(0.0, self.low - x) if not math.isnan(self.low) else 0.0
        above = np.maximum(0.0, x - self.high) if not math.isnan(self.high) else 0.0
        return self.weight * (below + above) / self.scale

    def as_dict(self) -> dict:
        return {"id": self.id, "indicator": self.indicator, "start": str(self.start.date()),
                "end": str(self.end.date()), "low": None if math.isnan(self.low) else self.low,
                "high": None if math.isnan(self.high) else self.high, "kind": self.kind, "weight": self.weight,
                "count": self.count, "source": self.source, "note": self.note}


@dataclass
class Targets:
    """The targets of one calibration, with the rows of the data that were left out and why."""

    items: list[Target]
    data: str = RECORD
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (description, reason)
    _arrays: tuple | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.items]

    @property
    def end(self) -> pd.Timestamp:
        return max(t.end for t in self.items)

    @property
    def start(self) -> pd.Timestamp:
        return min(t.start for t in self.items)

    def observed(self) -> dict[str, float]:
        """Reference value per target (what pyabc records as the observed summary statistics)."""
        return {t.id: t.reference for t in self.items}

    def summaries(self, ens) -> dict[str, np.ndarray]:
        """Per target, the simulated count of every run of ``ens`` (arrays over runs)."""
        return period_totals(ens, [(t.id, t.indicator, t.start, t.end) for t in self.items])

    def discrepancies(self, sums: dict[str, np.ndarray]) -> np.ndarray:
        """(targets, runs) discrepancy terms."""
        return np.vstack([t.discrepancy(sums[t.id]) for t in self.items])

    def distances(self, sums: dict[str, np.ndarray]) -> np.ndarray:
        d = self.discrepancies(sums)
        return np.sqrt(np.sum(d * d, axis=0))

    def distance(self, x: dict, x_0: dict | None = None) -> float:
        """The ABC distance of one run's summaries (pyabc's distance function signature)."""
        total = 0.0
        for t in self.items:
            d = float(t.discrepancy(x[t.id]))
            total += d * d
        return math.sqrt(total)

    def distance_of_counts(self, x: dict, x_0: dict | None = None) -> float:
        """The ABC distance of one run given as ``{"counts": array in target order}`` (pyabc's
        distance function; one array per particle keeps pyabc's history small)."""
        counts = np.asarray(x["counts"], dtype=float)
        if self._arrays is None:
            self._arrays = (np.array([t.low for t in self.items]), np.array([t.high for t in self.items]),
                            np.array([t.weight / t.scale for t in self.items]))
        low, high, factor = self._arrays
        below = np.where(np.isnan(low), 0.0, np.maximum(0.0, low - counts))
        above = np.where(np.isnan(high), 0.0, np.maximum(0.0, counts - high))
        d = factor * (below + above)
        return float(np.sqrt(np.dot(d, d)))

    def table(self) -> pd.DataFrame:
        return pd.DataFrame([t.as_dict() for t in self.items])

    def as_dicts(self) -> list[dict]:
        return [t.as_dict() for t in self.items]

    @classmethod
    def from_dicts(cls, rows: list[dict], data: str = RECORD) -> Targets:
        items = [Target(id=r["id"], indicator=r["indicator"], start=pd.Timestamp(r["start"]),
                        end=pd.Timestamp(r["end"]), low=math.nan if r["low"] is None else float(r["low"]),
                        high=math.nan if r["high"] is None else float(r["high"]), kind=r.get("kind", "period"),
                        weight=float(r.get("weight", 1.0)), count=r.get("count", ""), source=r.get("source", ""),
                        note=r.get("note", "")) for r in rows]
        return cls(items, data=data)


def period_totals(ens, periods) -> dict[str, np.ndarray]:
    """Sum of count indicators over periods: ``periods`` is a list of (key, indicator, start, end).

    Each indicator's daily array is read once and cumulated, so many (overlapping) periods cost
    one pass over the days.
    """
    cums: dict[str, np.ndarray] = {}
    out: dict[str, np.ndarray] = {}
    dates = ens.dates
    for key, indicator, start, end in periods:
        if indicator not in cums:
            if ens.kind(indicator) != "count":
                raise FlashpointError(f"target indicator {indicator!r} is a state, not a count; "
                                      "targets are counts over periods")
            daily = np.asarray(ens.daily(indicator), dtype=np.int64)           # (runs, days)
            cum = np.zeros((daily.shape[0], daily.shape[1] + 1), dtype=np.int64)
            np.cumsum(daily, axis=1, out=cum[:, 1:])
            cums[indicator] = cum
        i = int(dates.searchsorted(pd.Timestamp(start)))
        j = int(dates.searchsorted(pd.Timestamp(end), side="right"))
        cum = cums[indicator]
        out[key] = (cum[:, j] - cum[:, i]).astype(float)
    return out


# -- reading data --------------------------------------------------------------------------------
def _bounds(row) -> tuple[float, float]:
    from flashpoint.events.curated import hedge_bounds

    low = row.get("low", math.nan)
    high = row.get("high", math.nan)
    low = math.nan if low is None or (isinstance(low, float) and math.isnan(low)) or low == "" else float(low)
    high = math.nan if high is None or (isinstance(high, float) and math.isnan(high)) or high == "" else float(high)
    if "low" in row and "high" in row and not (math.isnan(low) and math.isnan(high)):
        return low, high
    try:
        return hedge_bounds(str(row["count"]))
    except ValueError as exc:
        raise DataError(str(exc)) from None


def from_counts(table: pd.DataFrame, *, start, end, data: str = RECORD,
                include_low_reliability: bool = False) -> Targets:
    """Targets from a period-count table (columns of ``attack_counts.csv``) for the simulated period
    ``start..end``. Periods that begin before ``start`` keep only their upper bound (a count over a
    longer period bounds the simulated part from above, not from below); periods that end after
    ``end`` are left out."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    items: list[Target] = []
    skipped: list[tuple[str, str]] = []
    for n, row in enumerate(table.to_dict("records"), start=1):
        p0, p1 = pd.Timestamp(row["period_start"]), pd.Timestamp(row["period_end"])
        what = f"{row['indicator']} {p0.date()}..{p1.date()} {row.get('count', '')}".strip()
        kind = str(row.get("kind") or "period")
        weight = KIND_WEIGHT.get(kind, 1.0)
        if kind == "low reliability" and include_low_reliability:
            weight = 0.5
        if weight == 0:
            skipped.append((what, f"kind '{kind}' is left out"))
            continue
        if p1 > end:
            skipped.append((what, f"ends after {end.date()}"))
            continue
        if p1 < start:
            skipped.append((what, f"ends before the simulated period starts ({start.date()})"))
            continue
        low, high = _bounds(row)
        note = ""
        if p0 < start:
            if math.isnan(high):
                skipped.append((what, f"starts before the simulated period ({start.date()}) and is a lower bound"))
                continue
            low, p0 = math.nan, start
            note = f"period clipped to start {start.date()}: kept as an upper bound only"
        items.append(Target(id=f"t{n:02d}", indicator=str(row["indicator"]), start=p0, end=p1, low=low,
                            high=high, kind=kind, weight=weight, count=str(row.get("count", "")),
                            source=str(row.get("source", "")), note=note))
    if not items:
        raise FlashpointError(f"no usable targets in {data} for {start.date()}..{end.date()}"
                              + (f" ({len(skipped)} left out)" if skipped else ""))
    return Targets(items, data=data, skipped=skipped)


def read_counts_csv(path: Path) -> pd.DataFrame:
    """A period-count CSV (period_start, period_end, indicator, count; low, high, kind optional)."""
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read the counts file: {exc}") from None
    need = [c for c in ("period_start", "period_end", "indicator", "count") if c not in table.columns]
    if need:
        raise DataError(f"{path}: missing column(s) {', '.join(need)}; a counts file needs "
                        "period_start, period_end, indicator, count")
    for line, row in zip(range(2, len(table) + 2), table.to_dict("records")):
        for col in ("period_start", "period_end"):
            try:
                pd.Timestamp(row[col])
            except (ValueError, TypeError):
                raise DataError(f"{path}, line {line}: {col} {row[col]!r} is not a date (YYYY-MM-DD)") from None
        try:
            _bounds({k: (v if v != "" else math.nan) for k, v in row.items()})
        except DataError as exc:
            raise DataError(f"{path}, line {line}: {exc}") from None
    for col in ("low", "high"):
        if col in table.columns:
            table[col] = pd.to_numeric(table[col].replace("", np.nan), errors="raise")
    table["period_start"] = pd.to_datetime(table["period_start"])
    table["period_end"] = pd.to_datetime(table["period_end"])
    return table


def parse_store_query(spec: str) -> dict:
    """``store`` or ``store:KEY=VALUE;KEY=VALUE`` (VALUE may be a comma list) -> query filters."""
    _, _, rest = spec.partition(":")
    filters = dict(STORE_DEFAULT)
    for part in filter(None, (p.strip() for p in rest.replace("&", ";").split(";"))):
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep or key not in STORE_KEYS:
            raise FlashpointError(f"--data {spec!r}: expected store:KEY=VALUE;... with KEY one of "
                                  f"{', '.join(STORE_KEYS)}; got {part!r}")
        values = [v.strip() for v in value.split(",") if v.strip()]
        filters[key] = values if len(values) != 1 or key in ("target", "source", "actor") else values[0]
    return filters


def store_monthly(filters: dict, *, start, end, store=None) -> pd.Series:
    """Monthly counts (index: month starts) of the store's events matching ``filters`` in start..end."""
    from flashpoint.events.store import EventStore

    start, end = pd.Timestamp(start), pd.Timestamp(end)
    q = {k: v for k, v in filters.items() if k not in ("start", "end")}
    lo = max(start, pd.Timestamp(filters["start"])) if "start" in filters else start
    hi = min(end, pd.Timestamp(filters["end"])) if "end" in filters else end
    with EventStore(store) as st:
        events = st.query(start=lo, end=hi, **q)
    months = pd.date_range(lo.to_period("M").start_time, hi, freq="MS")
    counts = events["date"].dt.to_period("M").dt.start_time.value_counts()
    return pd.Series([int(counts.get(m, 0)) for m in months], index=months, dtype=float)


def store_indicator(filters: dict) -> str:
    mode = filters.get("mode")
    return f"attacks_on_foreign_forces.{mode}" if isinstance(mode, str) else "attacks_on_foreign_forces"


def from_store(spec: str, *, start, end, store=None) -> Targets:
    """Monthly counts from the event store, each month (clipped to start..end) an exact target."""
    filters = parse_store_query(spec)
    series = store_monthly(filters, start=start, end=end, store=store)
    indicator = store_indicator(filters)
    items = []
    for n, (month, value) in enumerate(series.items(), start=1):
        p0 = max(month, pd.Timestamp(start))
        p1 = min(month + pd.offsets.MonthEnd(0), pd.Timestamp(end))
        items.append(Target(id=f"m{n:02d}", indicator=indicator, start=p0, end=p1, low=value, high=value,
                            kind="store", count=f"{value:g}", source=spec))
    if not items or series.sum() == 0:
        raise FlashpointError(f"--data {spec}: the store holds no matching events in "
                              f"{pd.Timestamp(start).date()}..{pd.Timestamp(end).date()}")
    return Targets(items, data=spec)


def load_targets(data: str = RECORD, *, start, end, store=None, include_low_reliability: bool = False) -> Targets:
    """The targets named by ``--data`` for the simulated period ``start..end`` (see the module notes)."""
    if data == RECORD:
        from flashpoint.events.curated import load_attack_counts

        return from_counts(load_attack_counts(), start=start, end=end, data=data,
                           include_low_reliability=include_low_reliability)
    if data == "store" or data.startswith("store:"):
        return from_store(data, start=start, end=end, store=store)
    path = Path(data)
    if path.suffix.lower() == ".csv":
        if not path.exists():
            raise FlashpointError(f"--data {data}: no such file")
        return from_counts(read_counts_csv(path), start=start, end=end, data=str(path),
                           include_low_reliability=include_low_reliability)
    raise FlashpointError(f"--data {data!r}: expected {RECORD}, a counts CSV file, or store[:KEY=VALUE;...]")


def synthetic_targets(ens, run: int = 0, *, indicators=("attacks_on_foreign_forces",
                      "attacks_on_foreign_forces.indirect_fire", "attacks_on_foreign_forces.ied_convoy"),
                      start=None, end=None, freq: str = "M") -> Targets:
    """Exact counts of one simulated run per month (``freq="M"``) or quarter (``"Q"``): the data of a
    parameter-recovery test (calibrate on a run with known parameters)."""
    start = pd.Timestamp(start) if start is not None else ens.dates[0]
    end = pd.Timestamp(end) if end is not None else ens.dates[-1]
    if freq not in ("M", "Q"):
        raise ValueError("freq is M (months) or Q (quarters)")
    first = start.to_period(freq).start_time
    steps = pd.date_range(first, end, freq="MS" if freq == "M" else "QS")
    close = pd.offsets.MonthEnd(0) if freq == "M" else pd.offsets.QuarterEnd(0)
    periods = []
    for ind in indicators:
        for step in steps:
            p0 = max(step, start)
            p1 = min(step + close, end)
            periods.append((f"{ind}|{p0.date()}", ind, p0, p1))
    sums = period_totals(ens, periods)
    items = []
    for n, (key, ind, p0, p1) in enumerate(periods, start=1):
        v = float(sums[key][run])
        items.append(Target(id=f"s{n:02d}", indicator=ind, start=p0, end=p1, low=v, high=v, kind="synthetic",
                            count=f"{v:g}", source=f"run {run} of a simulation with known parameters"))
    return Targets(items, data="synthetic")


def retarget(targets: Targets, **changes) -> Targets:
    return Targets([replace(t, **changes) for t in targets.items], data=targets.data, skipped=list(targets.skipped))
