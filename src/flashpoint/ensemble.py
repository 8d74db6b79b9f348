"""The result of a simulation: daily arrays over runs, read through named indicators.

Each indicator is declared once, beside the output it reads (engine/contract.py): counts (attacks,
deaths, strikes) are summed over a window or period, states (control, consent, presence, ...) are
averaged. A breakdown is named after a dot, from the labels of the output's axes:
``attacks_on_foreign_forces.indirect_fire``, ``patron_control.<faction>``, ``foreign_strikes.abroad``; labels
of different axes combine (``attacks_on_foreign_forces.<target>.<mode>``: attacks on one target in one mode).
A scenario that declares no attack targets has one, implicit, and no breakdown by target.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from flashpoint.errors import FlashpointError, did_you_mean


def run_quantiles(values, qs, counts: bool, axis=None) -> np.ndarray:
    """Quantiles across runs. Of counts, counts: the smallest count that so large a share of the runs reaches
    (numpy's ``inverted_cdf``), so that a 90 % band holds at least 90 % of the runs and its edges are numbers a
    run gave (where 5 % of the runs gave 0, the interpolated edge was 0.95, and an observed 0 fell outside).
    Of states (shares, means), interpolated. Every band Flashpoint reports or draws is read this way."""
    return np.quantile(values, qs, axis=axis, method="inverted_cdf" if counts else "linear")


class _Indicators(Mapping):
    """name -> (Indicator, Output), from the registered components (built on first use)."""

    def _table(self) -> dict:
        if not hasattr(self, "_cache"):
            from flashpoint.engine.contract import outputs

            self._cache = {o.indicator.name: o for o in outputs() if o.indicator is not None}
        return self._cache

    def __getitem__(self, name):
        return self._table()[name].indicator

    def __iter__(self):
        return iter(self._table())

    def __len__(self):
        return len(self._table())

    def output(self, name: str):
        return self._table()[name]

    def owner(self, name: str) -> str | None:
        """The key of the component that declares indicator ``name``."""
        if not hasattr(self, "_owners"):
            from flashpoint.engine.contract import registry

            self._owners = {o.indicator.name: c.key for c in registry() for o in c.outputs if o.indicator is not None}
        return self._owners.get(name)


INDICATORS = _Indicators()
FREQS = {"D": "D", "W": "W-MON", "M": "MS", "Q": "QS", "Y": "YS"}
#: a frequency's calendar periods (weeks from Monday, months, quarters, years)
_PERIODS = {"W": "W-SUN", "M": "M", "Q": "Q", "Y": "Y"}


def _signed(data: np.ndarray, widen: bool = False) -> np.ndarray:
    """Unsigned counts as int64 (or, ``widen``, the next signed type, half the memory of int64 for whole
    arrays), so that a difference between runs or policies is negative where it should be, not a wrap."""
    if data.dtype.kind != "u":
        return data
    return data.astype(np.int64 if not widen or data.dtype.itemsize >= 4 else np.dtype(f"i{2 * data.dtype.itemsize}"))


def quantile_levels(qs) -> list:
    """``qs`` (one level or several) as a list, each a number in [0, 1], or a FlashpointError saying so."""
    qs = [qs] if np.ndim(qs) == 0 else list(qs)
    if not qs or any(isinstance(q, bool) or not isinstance(q, (int, float, np.number)) or not 0 <= q <= 1 for q in qs):
        raise FlashpointError(f"qs must be quantiles between 0 and 1 (0.05, 0.5, ...), got {qs!r}")
    return qs


def _wide(data: np.ndarray) -> np.ndarray:
    """A state stored as float32 as float64, the type every method returns (a held-out user found daily ones not)."""
    return data.astype(np.float64) if data.dtype == np.float32 else data


def period_starts(dates: pd.DatetimeIndex, freq: str) -> tuple[np.ndarray, pd.DatetimeIndex]:
    """For days ``dates``: the position of each period's first day, and the periods' calendar start dates."""
    periods = dates.to_period(_PERIODS[freq])
    starts = np.flatnonzero(np.r_[True, periods[1:] != periods[:-1]])
    return starts, periods[starts].start_time.rename("date")


def day(value, name: str = "date") -> pd.Timestamp:
    """A day given as a date, a datetime without time zone or a ``YYYY-MM-DD`` string; anything else
    (a month "2020-12", which would silently mean its first day, a number, a time zone) is refused."""
    import datetime as dt

    if isinstance(value, str):
        try:
            return pd.Timestamp(dt.date.fromisoformat(value.strip()))
        except ValueError as e:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):      # the form of a day, not a day of the calendar
                raise FlashpointError(f"{name}: {value!r} is not a day of the calendar ({e})") from None
            raise FlashpointError(f"{name}: expected a day YYYY-MM-DD, got {value!r} (for a month or a year, "
                                  "give its first and last day)") from None
    if isinstance(value, (dt.date, np.datetime64)):
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:
            raise FlashpointError(f"{name}: {value!r} has a time zone; days here have none (drop it: "
                                  ".tz_localize(None))")
        return stamp.normalize()
    raise FlashpointError(f"{name}: expected a day (a date or 'YYYY-MM-DD'), got {type(value).__name__} {value!r}")


@dataclass(eq=False)
class Ensemble:
    """Runs of one scenario under one policy. ``data`` holds the engine's daily arrays (days, runs, ...) in
    their storage types (unsigned counts: subtract them after ``astype(np.int64)``); what the methods return
    is signed (int64 counts, float64 states), so that differences between runs or policies do not wrap.
    Two ensembles compare equal only when they are the same object."""

    scenario: str
    policy: str
    seed: int
    dates: pd.DatetimeIndex
    axes: dict[str, list[str]]
    data: dict[str, np.ndarray]
    roles: dict = field(default_factory=dict)
    entries: list = field(default_factory=list)           # compiled schedule entries
    happened: np.ndarray | None = None                    # (runs, entries): whether each entry happened in each run
    actor_codes: dict[str, str] = field(default_factory=dict)
    with_events: bool = False
    overrides: dict = field(default_factory=dict)
    spec: object = None                                   # the Scenario the runs came from
    #: ``killed`` and ``wounded`` per attack, (runs or 1, the factions' modes): how events.csv splits a day's
    #: casualties among that day's attacks (the daily arrays keep them by attacker and target, not by mode)
    lethality: dict = field(default_factory=dict)

    def switched_off(self, indicator: str) -> str | None:
        """The mechanism (``"M5 consent"``) that ``indicator`` is the output of, when these runs had it
        switched off (in the scenario file, the policy or the overrides): the indicator then holds the
        mechanism's resting value and says nothing about the case (a breakdown by the patron, or by the ``missile``
        mode no faction has, is M8's: ``scenario.checks.indicator_owner``). None otherwise."""
        from flashpoint.scenario.checks import indicator_owner

        self._lookup(indicator)          # an unknown name is an error, not "switched on"
        owner = (indicator_owner(self.spec, indicator) if self.spec is not None
                 else INDICATORS.owner(indicator.partition(".")[0]))
        return self._mechanisms_off.get(owner)

    @cached_property
    def _mechanisms_off(self) -> dict[str, str]:
        """Component key -> ``"M5 consent"`` for each mechanism these runs had switched off."""
        from flashpoint.engine.contract import registry
        from flashpoint.scenario.parameters import resolve_settings

        if self.spec is None:
            return {}
        policy = self.spec.policies.get(self.policy)
        switches = {k: v for k, v in {**(policy.set if policy else {}), **self.overrides}.items()
                    if k.endswith(".enabled")}
        settings = resolve_settings(self.spec, switches, "overrides")      # "false" -> False, as the engine reads it
        off = {}
        for c in registry():
            declared = self.spec.mechanisms.get(c.key)
            if c.switchable and not np.any(settings.get(f"{c.key}.enabled", True if declared is None else declared.enabled)):
                off[c.key] = f"{c.id} {c.key}"
        return off

    def at_ceiling(self) -> dict[str, float]:
        """Faction -> the share of runs in which ``attacks.max_daily_rate`` cut its rate on 80 % or more of the days
        of some 30 days (its self-excitation ran away: the ceiling, not the mechanisms, sets its level), for
        factions where that share is at least 5 %; ``flashpoint.engine.attacks.ceiling_note`` words it."""
        from flashpoint.engine.attacks import CEILING_RUNS, runs_at_ceiling

        if "at_cap" not in self.data:
            return {}
        hit = dict(zip(self.proxies, runs_at_ceiling(self.data["at_cap"]).mean(axis=0).tolist()))
        return {p: share for p, share in hit.items() if share >= CEILING_RUNS}

    def ceiling_cap(self):
        """``attacks.max_daily_rate`` of these runs (a number, or one per run)."""
        return self.overrides.get("attacks.max_daily_rate", self.spec.attacks["max_daily_rate"].value)

    def happened_share(self) -> dict[str, float] | None:
        """Entry id -> share of runs in which that schedule entry happened (None when these runs do not say)."""
        if self.happened is None or not self.entries or self.happened.shape[1] != len(self.entries):
            return None
        return {se.entry.id: float(s) for se, s in zip(self.entries, self.happened.mean(axis=0))}

    @property
    def runs(self) -> int:
        return next(iter(self.data.values())).shape[1]

    @property
    def proxies(self) -> list[str]:
        return self.axes["proxy"]

    @property
    def sources(self) -> list[str]:
        return self.axes["source"]

    @property
    def start(self):
        return self.dates[0].date()

    @property
    def end(self):
        return self.dates[-1].date()

    def __repr__(self) -> str:
        return (f"<Ensemble {self.scenario} policy={self.policy} runs={self.runs} seed={self.seed} "
                f"{self.start}..{self.end}>")

    def _repr_html_(self) -> str:
        from flashpoint.notebook import table
        from flashpoint.records import bound_note, construction_note
        from flashpoint.summary import totals_table

        rows = [[n, u, m, a, b, c] for n, u, m, a, b, c in totals_table(self)]
        fit = self.fit()
        values = self.series_fit()
        note = (f"record: {sum(c.inside for c in fit)} of {len(fit)} sourced counts inside the runs' 90% band"
                + construction_note(rows := [c.to_dict() for c in fit]) + bound_note(rows) if fit else "")
        if values:
            note += (f"{'; ' if note else 'record: '}{sum(c.inside for c in values)} of {len(values)} values of its "
                     f"series inside (.series_fit())")
        return table(f"{self.scenario} / {self.policy}: {self.runs:,} runs, seed {self.seed}, {self.start}..{self.end}",
                     ["indicator", "unit", "mean", "5%", "median", "95%"], rows, note)

    def to_xarray(self):
        """The daily outputs as an ``xarray.Dataset``: one variable per indicator, dims ``date``, ``run``
        and the indicator's breakdown axes (``source``, ``target``, ``mode``, ``proxy``, ``party``, ``soil``;
        no ``target`` when the scenario declares no attack targets). An indicator whose total is not the sum or
        mean over its axes (``coalition_presence``: weighted by each party's troops) also gets ``<name>_total``
        (dims ``date``, ``run``), the values ``total`` and ``series`` read (a held-out user averaged the parties'
        shares and missed the indicator). The output of a mechanism these runs had switched off carries a
        ``switched_off`` attribute naming it."""
        try:
            import xarray as xr
        except ImportError:
            raise FlashpointError("to_xarray needs xarray: pip install 'flashpoint[notebook]'") from None
        variables = {}
        for name in INDICATORS:
            out = INDICATORS.output(name)
            axes = self._axes(name)
            data = self.data[out.name]
            for k in reversed(range(len(out.axes))):    # the implicit single target is no dimension
                if out.axes[k] not in axes:
                    data = np.take(data, 0, axis=2 + k)
            dims = ("date", "run") + tuple(axes)
            coords = {axis: self.axes[axis] for axis in axes}
            # as run's table marks it: a switched-off mechanism's output holds its resting value
            off = {"switched_off": f"{off}: the mechanism's resting value, nothing about the case"} \
                if (off := self.switched_off(name)) else {}
            variables[name] = xr.DataArray(_signed(data, widen=True), dims=dims, coords=coords,
                                           attrs={"unit": out.indicator.unit, "kind": out.indicator.kind,
                                                  "description": out.indicator.description, **off})
            if out.indicator.total is not None:
                variables[f"{name}_total"] = xr.DataArray(
                    np.asarray(out.indicator.total(self)), dims=("date", "run"),
                    attrs={"unit": out.indicator.unit, "kind": out.indicator.kind,
                           "description": f"{out.indicator.description} (the indicator itself: Ensemble.total)",
                           **off})
        return xr.Dataset(variables, coords={"date": self.dates, "run": np.arange(self.runs)},
                          attrs={"scenario": self.scenario, "policy": self.policy, "seed": self.seed})

    # -- indicators ----------------------------------------------------------
    def indicators(self, breakdowns: bool = False) -> list[str]:
        """Names of the indicators (with their breakdowns if asked)."""
        names = list(INDICATORS)
        if breakdowns:
            names += [f"{n}.{b}" for n in INDICATORS for b in self.breakdowns(n)]
        return names

    def _axes(self, name: str) -> list[str]:
        """The axes of an indicator's output that give breakdowns (not the implicit single target)."""
        return [a for a in INDICATORS.output(name).axes if not (a == "target" and self.roles.get("implicit_target", True))]

    def breakdowns(self, name: str) -> list[str]:
        """The labels an indicator breaks down by, less those that are only the output of a mechanism these runs had
        switched off while the indicator's own is on (the patron's direct attacks and the ``missile`` mode no faction
        has, with M8 off): zero in every run, they were offered in lists and menus (three held-out cases). They can
        still be named, and ``switched_off`` says whose they are."""
        self._lookup(name)
        labels = [label for axis in self._axes(name) for label in self.axes[axis]]
        if self.spec is None or self.switched_off(name):
            return labels
        return [label for label in labels if not self.switched_off(f"{name}.{label}")]

    def _lookup(self, indicator: str):
        if not isinstance(indicator, str):
            raise FlashpointError(f"an indicator is named by a string ('attacks_on_foreign_forces', ...), "
                                  f"not {type(indicator).__name__} {indicator!r}")
        name, dot, key = indicator.partition(".")
        if name not in INDICATORS:
            raise FlashpointError(f"unknown indicator {indicator!r}{did_you_mean(name, INDICATORS) or ';'} known: "
                                  f"{', '.join(INDICATORS)}")
        if dot and not key:         # "attacks_on_foreign_forces." was read as the total (a held-out user)
            raise FlashpointError(f"indicator {indicator!r} ends in a dot: name a breakdown after it "
                                  f"({', '.join(self.breakdowns(name)) or 'none'}) or leave the dot out")
        axes = []
        for part in key.split(".") if key else []:
            axis = next((a for a in self._axes(name) if part in self.axes[a]), None)
            if axis is None:
                options = ", ".join(self.breakdowns(name)) or "none"
                raise FlashpointError(f"indicator {name!r} has no breakdown {part!r}; breakdowns: {options}")
            if axis in axes:
                raise FlashpointError(f"indicator {indicator!r} names two breakdowns of one axis ({axis}); "
                                      f"add their totals instead: total('{name}.a') + total('{name}.b')")
            axes.append(axis)
        return INDICATORS.output(name), key or None

    def kind(self, indicator: str) -> str:
        """"count" (summed over a period: attacks, persons) or "state" (averaged: an index, a share)."""
        return self._lookup(indicator)[0].indicator.kind

    def unit(self, indicator: str) -> str:
        """The indicator's unit ("attacks", "persons", "0-1 index"...), as tables and charts label it."""
        return self._lookup(indicator)[0].indicator.unit

    def _daily(self, indicator: str, days: slice = slice(None)) -> np.ndarray:
        """(days, runs): the output's values on ``days``, reduced over its trailing axes or picked at the
        breakdown (only the days asked for are reduced: a window is a small part of the run)."""
        out, key = self._lookup(indicator)
        ind = out.indicator
        data = self.data[out.name][days]
        count = ind.kind == "count"
        if key is None:
            if ind.total is not None:
                return ind.total(self)[days]
            axes = tuple(range(2, data.ndim))
            if not axes:
                return _signed(data)
            return data.sum(axis=axes, dtype=np.int64 if data.dtype.kind in "iu" else np.float64) if count \
                else data.mean(axis=axes)
        picks = {}
        for part in key.split("."):
            axis = next(a for a in self._axes(self._name(indicator)) if part in self.axes[a])
            picks[out.axes.index(axis)] = self.axes[axis].index(part)
        picked = data
        for k in sorted(picks, reverse=True):      # last axis first, so the earlier positions hold
            picked = np.take(picked, picks[k], axis=2 + k)
        rest = tuple(range(2, picked.ndim))
        if not rest:
            return _signed(picked)
        return picked.sum(axis=rest, dtype=np.int64 if picked.dtype.kind in "iu" else np.float64) if count \
            else picked.mean(axis=rest)

    @staticmethod
    def _name(indicator: str) -> str:
        return indicator.partition(".")[0]

    def daily(self, indicator: str) -> np.ndarray:
        """The indicator per run and day, (runs, days): int64 counts, float64 states (as every method returns)."""
        return _wide(self._daily(indicator)).T

    def _window(self, start, end) -> slice:
        lo = day(start, "start") if start is not None else self.dates[0]
        hi = day(end, "end") if end is not None else self.dates[-1]
        if lo > hi:
            raise FlashpointError(f"window start {lo.date()} is after its end {hi.date()}")
        if hi < self.dates[0] or lo > self.dates[-1]:
            raise FlashpointError(f"window {lo.date()}..{hi.date()} lies outside the simulated period "
                                  f"{self.start}..{self.end}")
        if lo < self.dates[0] or hi > self.dates[-1]:      # a total over part of it would pass for the whole
            raise FlashpointError(f"window {lo.date()}..{hi.date()} reaches beyond the simulated period "
                                  f"{self.start}..{self.end}; a total over it would count only the days inside")
        return slice(self.dates.searchsorted(lo), self.dates.searchsorted(hi, side="right"))

    def total(self, indicator: str, start=None, end=None) -> np.ndarray:
        """Per run: the sum over start..end (inclusive) for counts, the mean over those days for states."""
        window = self._window(start, end)
        data = self._daily(indicator, window)
        return data.sum(axis=0) if self.kind(indicator) == "count" else data.mean(axis=0, dtype=np.float64)

    def series(self, indicator: str, freq: str = "D") -> pd.DataFrame:
        """Rows: period start dates (``freq`` D, W from Monday, M, Q or Y); columns: runs; ``attrs``: the
        indicator, its unit and kind (so too ``quantiles`` and ``mean``). Counts are summed per period, states
        averaged; a period the scenario covers only in part is labelled by its calendar start, and listed in
        ``attrs["partial"]`` (its count is of fewer days: a plot of it shows a dip that is no fall; the charts
        leave such periods out)."""
        if not isinstance(freq, str) or freq not in FREQS:
            raise FlashpointError(f"freq must be one of {', '.join(FREQS)}, got {freq!r}")
        data = self._daily(indicator)
        runs = pd.RangeIndex(data.shape[1], name="run")
        if freq == "D":
            return self._labelled(pd.DataFrame(_wide(np.asarray(data)), index=self.dates.rename("date"), columns=runs),
                                  indicator)
        starts, index = period_starts(self.dates, freq)
        summed = np.add.reduceat(data.astype(np.float64), starts, axis=0)
        days = np.diff(np.r_[starts, len(self.dates)])
        if self.kind(indicator) == "state":
            summed /= days[:, None]
        else:
            summed = summed.astype(np.int64)
        periods = index.to_period({"W": "W-SUN", "M": "M", "Q": "Q", "Y": "Y"}[freq])
        calendar = ((periods.end_time.normalize() - periods.start_time) // pd.Timedelta(days=1) + 1).to_numpy()
        return self._labelled(pd.DataFrame(summed, index=index, columns=runs), indicator, list(index[days < calendar]))

    def _labelled(self, table, indicator: str, partial: list | None = None):
        """``table`` with what it holds in ``attrs``: the indicator, its unit and kind, and the periods the
        scenario covers only in part."""
        table.attrs.update(indicator=indicator, unit=self.unit(indicator), kind=self.kind(indicator),
                           partial=table.attrs.get("partial", []) if partial is None else partial)
        return table

    def quantiles(self, indicator: str, freq: str = "M", qs=(0.05, 0.5, 0.95)) -> pd.DataFrame:
        """Per period, the quantiles across runs (one column per q, named by q): :func:`run_quantiles`, a count's
        are counts."""
        qs = quantile_levels(qs)
        if len(set(map(float, qs))) < len(qs):      # two columns of one name (a held-out user)
            raise FlashpointError(f"qs names a quantile twice: {qs!r}")
        frame = self.series(indicator, freq)
        q = run_quantiles(frame.to_numpy(), qs, self.kind(indicator) == "count", axis=1)
        return self._labelled(pd.DataFrame(q.T, index=frame.index, columns=[float(q) for q in qs]), indicator,
                              frame.attrs["partial"])

    def mean(self, indicator: str, freq: str = "M") -> pd.Series:
        """Per period (``freq``: a month by default), the mean across runs; not one number for the whole period,
        which is ``total(indicator).mean()`` (a state's daily mean; a held-out user averaged the months, which
        weighs a short month like a long one)."""
        frame = self.series(indicator, freq)
        return self._labelled(frame.mean(axis=1), indicator, frame.attrs["partial"])

    def plot(self, indicator: str = "attacks_on_foreign_forces", path=None):
        """The fan chart of ``indicator`` as ``flashpoint run --out`` draws it (monthly 5-95 % and 25-75 % bands,
        the median, the scenario's own record as bounds and ranges, misses marked, the fit in the caption): a
        matplotlib Figure, also written to ``path`` (PNG) when given. A held-out notebook user had to assemble
        it from the report modules."""
        from flashpoint.outputs import out_file
        from flashpoint.report.fanchart import ensemble_spec
        from flashpoint.report.render import render, save_png

        if path is not None:     # checked before the drawing: a .pdf got PNG bytes, a folder a raw OSError
            path = out_file(path, "plot path", (".png",))
        figure = render(ensemble_spec(self, indicator))
        if path is not None:
            save_png(figure, path)
        return figure

    def fit(self) -> list:
        """Each sourced count of the scenario's record beside these runs' 5-95% band
        (``flashpoint.records.Check``: ``inside``, ``interval_score``, ``to_dict()``)."""
        return list(self._fit)

    @cached_property
    def _fit(self) -> tuple:       # computed once: run's table, its charts and the web page all read it
        from flashpoint.records import fit

        return tuple(fit(self, self.spec)) if self.spec is not None else ()

    def series_fit(self) -> list:
        """Each value of the record's observed series (troops, a spoiler's attacks, seats) beside these runs'
        5-95% band of the model's value (``flashpoint.records.series_fit``)."""
        from flashpoint.records import series_fit

        return series_fit(self, self.spec) if self.spec is not None else []

    def patterns(self) -> dict:
        """The record's regime patterns beside these runs: the share of runs that hold each, and all together
        (``flashpoint.records.patterns``)."""
        from flashpoint.records import patterns

        return patterns(self, self.spec) if self.spec is not None else {}

    def events(self) -> pd.DataFrame:
        """The simulated events in the event record (requires ``simulate(..., events=True)``). An attack's
        ``target_actor`` is the foreign party it hit; a scenario that declares no attack targets
        gives every attack to its first foreign party (``usa``), a convention, not a finding that none hit the
        coalition (a held-out user read it so)."""
        if not self.with_events:
            raise FlashpointError("this ensemble was simulated without its event log; "
                                  "use simulate(..., events=True) (CLI: --events)")
        from flashpoint.engine.events import ensemble_events

        self.refuse_a_log_too_big()
        return ensemble_events(self)

    def refuse_a_log_too_big(self, runs: int | None = None) -> None:
        """Refuse an event log of more events than a table in memory takes, for these runs or, from them, for
        ``runs`` runs (``flashpoint run --events`` asks it of its first runs before the rest: two held-out testers
        waited 32 and 45 s for the refusal)."""
        from flashpoint.engine.events import MAX_EVENTS

        seen = sum(int(self.data[k].sum(dtype=np.int64)) for k in ("attacks", "strikes", "host_attacks")
                   if k in self.data)
        per_run = max(1, seen // self.runs)
        rows = seen if runs is None else seen * runs // self.runs
        if rows > MAX_EVENTS:     # a table of that many events would not fit in memory (about 1 KB an event)
            told = f"{per_run:,} per run" + ("" if runs is None else f" in the first {self.runs:,}")
            raise FlashpointError(f"the event log would hold about {rows:,} events ({told}), more than the "
                                  f"{MAX_EVENTS:,} a table in memory takes; simulate at most about "
                                  f"{max(1, MAX_EVENTS // per_run):,} runs with events")
