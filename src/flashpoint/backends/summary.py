"""Mergeable summaries of very large ensembles: totals and quantiles without the daily arrays.

A worker simulates one block of runs and reduces it at once to a small partial:

* per indicator and window, each run's total (the sum of a count, the mean of a state: exactly
  ``Ensemble.total``), one number per run (8 MB per indicator and window at 1,000,000 runs);
* per indicator and period (month by default), a histogram of the runs' period values (exactly
  the values of ``Ensemble.series``) and, for states, the period values themselves (a few hundred
  KB per block) so that the driver can sum them.

The driver (``map_blocks``) hands partials over in block order, whatever order the workers finish
in, and the :class:`Summary` merges them: totals are copied into their runs' slots, histograms
are added (integer counts, so neither order nor grouping can matter), state values are summed
run after run, in run order. So the result is the same to the last bit whatever the backend, the
number of workers and the order in which they finish.

Exactness. Totals are exact: ``Summary.total`` is bit for bit ``Ensemble.total``, and so their
quantiles and means. A histogram keeps every distinct value until it holds more than
``EXACT_LIMIT`` of them; monthly counts (attacks, deaths, strikes) never come near that, so
their quantiles and means equal ``Ensemble.quantiles`` bit for bit. A state indicator (consent,
control, ...) over many runs takes almost as many distinct values as there are runs; past
``EXACT_LIMIT`` its histogram rounds values to ``MANTISSA_BITS`` significant bits (relative error
at most 2**-13, about 1.2e-4) and reports ``exact == False``. Whether a histogram is exact
depends only on the values, never on how blocks were grouped. State means are the sum over runs
in run order divided by the runs, which is what pandas' mean over ``Ensemble.series`` computes:
equal bit for bit (``tests/backends/test_summary.py`` checks every number against ``Ensemble``).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from flashpoint.engine.core import block_slices, run_block
from flashpoint.engine.world import World, compile_world
from flashpoint.ensemble import FREQS, Ensemble, period_starts
from flashpoint.errors import FlashpointError

__all__ = ["Summary", "SummarySpec", "Histogram", "summarize", "block_partial", "EXACT_LIMIT", "MANTISSA_BITS"]

EXACT_LIMIT = 65536
MANTISSA_BITS = 13
#: compact a histogram's pending additions once they outnumber its values and this
PENDING_MIN = 8192


def round_mantissa(x: np.ndarray, bits: int = MANTISSA_BITS) -> np.ndarray:
    """``x`` rounded (half to even) to ``bits`` significant bits; monotone, so sorted stays sorted."""
    m, e = np.frexp(x)
    return np.ldexp(np.round(m * 2.0 ** bits) / 2.0 ** bits, e)


class Histogram:
    """Counts of values, mergeable by addition.

    ``add(values, counts)`` takes distinct values (any order) and their counts. Integer histograms
    (counts of events) are always exact. Float histograms are exact while they hold at most
    ``EXACT_LIMIT`` distinct values, then keep values rounded to ``MANTISSA_BITS`` bits. Rounding
    is a function of the value alone, so the final histogram (and ``exact``) does not depend on
    the order or grouping of additions.
    """

    __slots__ = ("integer", "exact", "values", "counts", "_pending", "_npending")

    def __init__(self, integer: bool):
        self.integer = integer
        self.exact = True
        self.values = np.empty(0, dtype=np.int64 if integer else np.float64)
        self.counts = np.empty(0, dtype=np.int64)
        self._pending: list[tuple[np.ndarray, np.ndarray]] = []
        self._npending = 0

    def add(self, values: np.ndarray, counts: np.ndarray) -> None:
        if not self.integer and not self.exact:
            values = round_mantissa(values)
        self._pending.append((values, counts))
        self._npending += len(values)
        if self._npending > max(PENDING_MIN, len(self.values)):
            self.compact()

    def compact(self) -> "Histogram":
        if self._pending:
            v = np.concatenate([self.values] + [p[0] for p in self._pending])
            c = np.concatenate([self.counts] + [p[1] for p in self._pending])
            self._pending, self._npending = [], 0
            order = np.argsort(v, kind="stable")
            self.values, self.counts = _group(v[order], c[order])
        if not self.integer and self.exact and len(self.values) > EXACT_LIMIT:
            self.exact = False
            self.values, self.counts = _group(round_mantissa(self.values), self.counts)
        return self

    @property
    def n(self) -> int:
        self.compact()
        return int(self.counts.sum())

    def sorted_values(self) -> np.ndarray:
        """Every counted value, in order (what the runs' values were, if ``exact``)."""
        self.compact()
        return np.repeat(self.values, self.counts)

    def quantiles(self, qs) -> np.ndarray:
        """The quantiles of the counted values, as ``ensemble.run_quantiles`` reads them (of counts, counts; the
        same numbers, bit for bit, when ``exact``)."""
        from flashpoint.ensemble import run_quantiles

        return run_quantiles(self.sorted_values(), qs, self.integer)

    def integer_sum(self) -> int:
        self.compact()
        return int(np.dot(self.values, self.counts)) if len(self.values) else 0

    def __getstate__(self):
        self.compact()
        return {s: getattr(self, s) for s in ("integer", "exact", "values", "counts")}

    def __setstate__(self, state):
        for k, v in state.items():
            setattr(self, k, v)
        self._pending, self._npending = [], 0


def _group(v: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted values with counts -> distinct values with summed counts (exact integer sums)."""
    if len(v) == 0:
        return v, c
    starts = np.flatnonzero(np.r_[True, v[1:] != v[:-1]])
    return v[starts], np.add.reduceat(c, starts)


def _distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    v, c = np.unique(values, return_counts=True)
    return v, c.astype(np.int64)


# -- what to summarize --------------------------------------------------------------------------
@dataclass(frozen=True)
class SummarySpec:
    """The indicators, total windows and quantile periods a summary keeps (picklable, small)."""

    indicators: tuple[str, ...]
    windows: tuple[tuple[str | None, str | None], ...]   # (start, end) as ISO dates, None = period edge
    freqs: tuple[str, ...]


def shell(world: World, seed: int = 0) -> Ensemble:
    """An Ensemble with no data: checks indicator names and windows against the world."""
    sc = world.scenario
    return Ensemble(scenario=sc.name, policy=world.policy, seed=seed, dates=world.dates, axes=world.axes, data={},
                    roles=world.roles, entries=world.entries, actor_codes={a.id: a.cameo for a in sc.actors}, spec=sc)


def _iso(d) -> str | None:
    if d is None:
        return None
    return pd.Timestamp(d).date().isoformat()


def make_spec(world: World, indicators=None, windows=None, freqs=("M",), breakdowns: bool = False,
              also=()) -> SummarySpec:
    ens = shell(world)
    names = list(indicators) if indicators is not None else ens.indicators(breakdowns=breakdowns)
    names += [n for n in also if n not in names]
    if not names:
        raise FlashpointError("summarize needs at least one indicator")
    for name in names:
        ens._lookup(name)
    wins = []
    for w in windows if windows is not None else [(None, None)]:
        if not isinstance(w, (tuple, list)) or len(w) != 2:
            raise FlashpointError(f"a window is a (start, end) pair of dates or None, got {w!r}")
        w = (_iso(w[0]), _iso(w[1]))
        ens._window(*w)
        if w not in wins:
            wins.append(w)
    freqs = tuple(freqs)
    for f in freqs:
        if f not in ("M", "W"):
            raise FlashpointError(f"summary quantiles are kept per month (M) or week (W), got {f!r}")
    return SummarySpec(tuple(dict.fromkeys(names)), tuple(wins), tuple(dict.fromkeys(freqs)))


# -- in the worker: one block -> one partial -------------------------------------------------------
class _BlockEnsemble(Ensemble):
    """One block's Ensemble that computes each indicator's daily array once, however many windows
    and periods read it (``Ensemble.total`` and ``series`` themselves do the rest)."""

    def _daily(self, indicator: str, days: slice = slice(None)):
        cache = self.__dict__.setdefault("_cache", {})
        if indicator not in cache:
            cache.clear()                     # indicators are read one after another
            cache[indicator] = super()._daily(indicator)
        return cache[indicator][days]


def block_partial(spec: SummarySpec, world: World, block: int, seed: int) -> dict:
    """Simulate ``block`` and reduce it to what the summary keeps (a few MB at most): per-run totals,
    per period the distinct values with their counts, and for states the period values themselves
    (runs, periods) so that the driver adds them in run order."""
    out, happened = run_block(world, block, seed)
    sc = world.scenario
    ens = _BlockEnsemble(scenario=sc.name, policy=world.policy, seed=seed, dates=world.dates, axes=world.axes,
                         data=out, roles=world.roles, entries=world.entries, happened=happened, spec=sc)
    totals, hists, values_by_run = {}, {}, {}
    for name in spec.indicators:
        count = ens.kind(name) == "count"
        for w, window in enumerate(spec.windows):
            totals[name, w] = ens.total(name, *window)
        for freq in spec.freqs:
            values = ens.series(name, freq).to_numpy()          # (periods, block runs)
            if not count:
                values_by_run[name, freq] = np.ascontiguousarray(values.T)
                values = values + 0.0                           # -0.0 -> 0.0: one key per value
            hists[name, freq] = [_distinct(row) for row in values]
    from flashpoint.engine.attacks import runs_at_ceiling

    capped = out.get("at_cap")                                            # (days, block runs, proxies)
    return {"totals": totals, "hists": hists, "values": values_by_run,
            "happened": happened.sum(axis=0, dtype=np.int64),             # runs in which each entry happened
            "at_ceiling": None if capped is None else                     # runs each faction sat at the ceiling
            runs_at_ceiling(capped).sum(axis=0, dtype=np.int64)}


# -- in the driver: partials -> Summary --------------------------------------------------------------
@dataclass
class Summary:
    """Totals and period quantiles of an ensemble too large to hold: reads like an ``Ensemble``
    for ``total``, ``quantiles``, ``indicators`` and ``kind`` (so ``flashpoint.summary`` and the
    fan chart work on it), but has no per-run daily series."""

    scenario: str
    policy: str
    seed: int
    runs: int
    dates: pd.DatetimeIndex
    proxies: list[str]
    sources: list[str]
    spec: SummarySpec
    overrides: dict = field(default_factory=dict)
    backend: str = "local"
    _shell: Ensemble | None = field(default=None, repr=False)
    _totals: dict = field(default_factory=dict, repr=False)
    _hists: dict = field(default_factory=dict, repr=False)
    _sums: dict = field(default_factory=dict, repr=False)
    _merged: int = field(default=0, repr=False)
    _happened: np.ndarray | None = field(default=None, repr=False)
    _at_ceiling: np.ndarray | None = field(default=None, repr=False)

    @classmethod
    def empty(cls, world: World, seed: int, spec: SummarySpec, overrides=None, backend="local") -> "Summary":
        ens = shell(world, seed)
        ens.overrides = dict(overrides or {})
        s = cls(scenario=ens.scenario, policy=ens.policy, seed=seed, runs=world.runs, dates=world.dates,
                proxies=list(world.proxies), sources=list(world.sources), spec=spec,
                overrides=dict(overrides or {}), backend=backend, _shell=ens)
        for name in spec.indicators:
            count = ens.kind(name) == "count"
            for freq in spec.freqs:
                s._hists[name, freq] = [Histogram(integer=count) for _ in s._period_index(freq)]
                if not count:
                    s._sums[name, freq] = None
        return s

    # -- merging ------------------------------------------------------------------------------
    def merge(self, block: int, partial: dict) -> None:
        """Add block ``block``'s partial. Blocks must come in order: 0, 1, 2, ..."""
        if block != self._merged:
            raise ValueError(f"partials must be merged in block order: expected block {self._merged}, got {block}")
        runs = block_slices(self.runs)[block]
        for key, values in partial["totals"].items():
            if key not in self._totals:
                self._totals[key] = np.empty(self.runs, dtype=values.dtype)
            self._totals[key][runs] = values
        for key, rows in partial["hists"].items():
            for hist, (values, counts) in zip(self._hists[key], rows):
                hist.add(values, counts)
        for key, values in partial["values"].items():
            # the sum over runs in run order (as pandas' mean over a series frame): sequential
            # along axis 0, starting from the previous blocks' sum
            if self._sums[key] is None:
                self._sums[key] = values.sum(axis=0)
            else:
                self._sums[key] = np.concatenate([self._sums[key][None], values]).sum(axis=0)
        if partial.get("happened") is not None:
            self._happened = partial["happened"] if self._happened is None else self._happened + partial["happened"]
        if partial.get("at_ceiling") is not None:
            self._at_ceiling = partial["at_ceiling"] + (0 if self._at_ceiling is None else self._at_ceiling)
        self._merged += 1

    @property
    def complete(self) -> bool:
        return self._merged == len(block_slices(self.runs))

    def finish(self) -> "Summary":
        for hists in self._hists.values():
            for h in hists:
                h.compact()
        return self

    # -- reading, as an Ensemble ----------------------------------------------------------------
    @property
    def entries(self) -> list:
        return self._shell.entries

    @property
    def axes(self) -> dict:
        return self._shell.axes

    def happened_share(self) -> dict[str, float] | None:
        """Entry id -> share of runs in which that schedule entry happened, as ``Ensemble.happened_share``."""
        if self._happened is None or not self.entries or len(self._happened) != len(self.entries):
            return None
        return {se.entry.id: float(c) / self.runs for se, c in zip(self.entries, self._happened)}

    def at_ceiling(self) -> dict[str, float]:
        """As ``Ensemble.at_ceiling``, counted block by block (a held-out audit: a summary-only run, the default
        above 50,000 runs, said nothing of a faction held at the ceiling)."""
        from flashpoint.engine.attacks import CEILING_RUNS

        if self._at_ceiling is None:
            return {}
        hit = {p: float(n) / self.runs for p, n in zip(self.proxies, self._at_ceiling)}
        return {p: share for p, share in hit.items() if share >= CEILING_RUNS}

    def ceiling_cap(self):
        return self._shell.ceiling_cap()

    @property
    def start(self):
        return self.dates[0].date()

    @property
    def end(self):
        return self.dates[-1].date()

    def indicators(self, breakdowns: bool = False) -> list[str]:
        """The summarized indicators (with their breakdowns if asked and summarized)."""
        return [n for n in self.spec.indicators if breakdowns or "." not in n]

    def kind(self, indicator: str) -> str:
        return self._shell.kind(indicator)

    def switched_off(self, indicator: str) -> str | None:
        return self._shell.switched_off(indicator)

    def _require(self, indicator: str) -> None:
        self._shell._lookup(indicator)
        if indicator not in self.spec.indicators:
            raise FlashpointError(f"{indicator!r} was not summarized; summarized: {', '.join(self.spec.indicators)}")

    def fit(self) -> list:
        """The scenario's record beside these runs, as ``Ensemble.fit`` (its windows must be summarized:
        ``record_needs``)."""
        return list(self._fit)

    @functools.cached_property
    def _fit(self) -> tuple:       # computed once, as an Ensemble's: run's table and each of its charts read it
        from flashpoint.records import fit

        spec = self._shell.spec
        return tuple(fit(self, spec)) if spec is not None and spec.record is not None else ()

    def series_fit(self) -> list:
        """The record's observed series beside these runs, as ``Ensemble.series_fit`` (their windows must be
        summarized: ``record_needs``)."""
        from flashpoint.records import series_fit

        spec = self._shell.spec
        return series_fit(self, spec) if spec is not None and spec.record is not None else []

    def patterns(self) -> dict:
        """The record's regime patterns beside these runs, as ``Ensemble.patterns`` (their windows must be
        summarized: ``record_needs``)."""
        from flashpoint.records import patterns

        spec = self._shell.spec
        return patterns(self, spec) if spec is not None else {}

    def total(self, indicator: str, start=None, end=None) -> np.ndarray:
        """Per run: the sum over start..end for counts, the mean for states (exactly ``Ensemble.total``).
        Only windows given to ``summarize(windows=...)`` are kept."""
        self._require(indicator)
        want = self._shell._window(start, end)
        for w, window in enumerate(self.spec.windows):
            if self._shell._window(*window) == want:
                return self._totals[indicator, w]
        kept = ", ".join(f"{a or self.start}..{b or self.end}" for a, b in self.spec.windows)
        raise FlashpointError(f"totals over {start or self.start}..{end or self.end} were not summarized; "
                              f"kept windows: {kept} (pass windows=[(start, end), ...] to summarize)")

    def _period_index(self, freq: str) -> pd.DatetimeIndex:
        return period_starts(self.dates, freq)[1]

    def histograms(self, indicator: str, freq: str = "M") -> list[Histogram]:
        self._require(indicator)
        if freq not in self.spec.freqs:
            raise FlashpointError(f"quantiles per {freq!r} were not summarized; kept: {', '.join(self.spec.freqs)}")
        return self._hists[indicator, freq]

    def exact(self, indicator: str, freq: str = "M") -> bool:
        """Whether every period's quantiles of ``indicator`` are exact (else rounded to 13 bits)."""
        return all(h.compact().exact for h in self.histograms(indicator, freq))

    def quantiles(self, indicator: str, freq: str = "M", qs=(0.05, 0.5, 0.95)) -> pd.DataFrame:
        """Per period, the quantiles across runs (columns named by q), as ``Ensemble.quantiles``."""
        if freq not in FREQS:
            raise FlashpointError(f"freq must be one of {', '.join(FREQS)}, got {freq!r}")
        hists = self.histograms(indicator, freq)
        q = np.array([h.quantiles(qs) for h in hists])
        return pd.DataFrame(q.reshape(len(hists), -1), index=self._period_index(freq),
                            columns=[float(x) for x in np.atleast_1d(qs)])

    def mean(self, indicator: str, freq: str = "M") -> pd.Series:
        """Per period, the mean across runs, as ``Ensemble.mean``."""
        if self.kind(indicator) == "count":
            values = np.array([float(h.integer_sum()) for h in self.histograms(indicator, freq)]) / self.runs
        else:
            values = self._sums[indicator, freq] / self.runs
        return pd.Series(values, index=self._period_index(freq))

    def approximate(self, freq: str = "M") -> list[str]:
        """Indicators whose period quantiles are rounded (more distinct values than EXACT_LIMIT)."""
        if freq not in self.spec.freqs:
            return []
        return [n for n in self.spec.indicators if not self.exact(n, freq)]

    def notes(self) -> dict:
        """What a reader of a summary-only result should know, for the JSON summary."""
        return {
            "summary_only": True,
            "backend": self.backend,
            "approximate_quantiles": self.approximate("M") if "M" in self.spec.freqs else [],
            "quantile_relative_error": 2.0 ** -MANTISSA_BITS,
        }

    def memory_bytes(self) -> int:
        """Bytes held by the totals and histograms (for the benchmark and the docs)."""
        n = sum(a.nbytes for a in self._totals.values()) + sum(a.nbytes for a in self._sums.values() if a is not None)
        for hists in self._hists.values():
            n += sum(h.values.nbytes + h.counts.nbytes for h in hists)
        return n


def record_needs(scenario) -> tuple[list[str], list[tuple[str, str]]]:
    """The indicators and windows a summary must keep to lay the scenario's record (counts, series, patterns)
    beside it."""
    from flashpoint.records import period_counts, series_values

    counts = period_counts(scenario)
    series, _ = series_values(scenario)
    shapes = scenario.record.patterns if scenario.record is not None else []
    names = sorted({part for ind in [*counts["indicator"], *series["indicator"], *(p.indicator for p in shapes)]
                    for part in ind.split("+")})
    windows = sorted({(str(s.date()), str(e.date())) for frame in (counts, series)
                      for s, e in zip(frame["start"], frame["end"])}
                     | {(str(p.window[0]), str(p.window[1])) for p in shapes})
    return names, windows


def summarize(scenario_or_name="iraq-2020", *, policy: str = "historical", runs: int = 1000, seed: int = 0,
              overrides: dict | None = None, indicators=None, windows=None, freqs=("M",),
              breakdowns: bool = False, backend: str = "local", workers: int | None = None,
              address: str | None = None, progress: Callable[[int, int], None] | None = None,
              also=()) -> Summary:
    """Simulate ``runs`` runs (as ``simulate`` would, the same numbers) but keep only a Summary.

    ``indicators``: names (with breakdowns, e.g. ``attacks_on_foreign_forces.indirect_fire``);
    default every indicator, with breakdowns if ``breakdowns``; ``also``: more names beside those (a
    record's counts of a breakdown's breakdown, ``attacks_on_foreign_forces.eu_navy.drone``). ``windows``: (start, end) pairs
    for per-run totals; default the whole period. ``freqs``: periods of the quantiles ("M", "W").
    Memory: 8 bytes per run per (indicator, window), plus the histograms; the daily arrays of at
    most a few blocks per worker exist at any time.
    """
    from flashpoint.engine import _check
    from flashpoint.scenario.loader import load_scenario

    _check(runs, seed)
    world = compile_world(load_scenario(scenario_or_name), policy, overrides, int(runs))
    return summarize_world(world, int(seed), indicators=indicators, windows=windows, freqs=freqs,
                           breakdowns=breakdowns, backend=backend, workers=workers, address=address,
                           progress=progress, overrides=overrides, also=also)


def summarize_world(world: World, seed: int, *, indicators=None, windows=None, freqs=("M",),
                    breakdowns: bool = False, backend: str = "local", workers: int | None = None,
                    address: str | None = None, progress=None, overrides=None,
                    wrap: Callable | None = None, also=()) -> Summary:
    """``summarize`` for a compiled world. ``wrap(fn) -> fn`` wraps the block task (tests use it
    to kill a worker)."""
    from flashpoint.backends import map_blocks

    from flashpoint.engine import check_memory

    spec = make_spec(world, indicators, windows, freqs, breakdowns, also)
    check_memory(8 * world.runs * len(spec.indicators) * len(spec.windows),
                 f"the per-run totals of {world.runs:,} runs ({len(spec.indicators)} indicators x "
                 f"{len(spec.windows)} windows)", "use fewer runs, indicators or windows")
    summary = Summary.empty(world, seed, spec, overrides, backend)
    fn = functools.partial(block_partial, spec)
    if wrap is not None:
        fn = wrap(fn)
    for block, partial in map_blocks(world, seed, fn, backend=backend, workers=workers, address=address,
                                     progress=progress):
        summary.merge(block, partial)
    return summary.finish()
