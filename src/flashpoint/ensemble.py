"""The result of a simulation: daily arrays over runs, read through named indicators.

Counts (attacks, deaths, strikes) are summed over a window or period; states
(control, consent, presence, ...) are averaged. A breakdown is named after a
dot: ``attacks_on_foreign_forces.indirect_fire``, ``patron_control.kh``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from flashpoint.engine.requirements import MODES
from flashpoint.errors import FlashpointError


@dataclass(frozen=True)
class Indicator:
    name: str
    kind: str                    # "count" (summed) or "state" (averaged)
    unit: str
    description: str
    breakdowns: tuple[str, ...]
    daily: Callable              # (ensemble, breakdown or None) -> (days, runs) array


def _by(axis_names: Callable, array: str, reduce_axes: tuple, mean: bool = False):
    def daily(ens, key):
        data = ens.data[array]
        if key is None:
            if mean:
                return data.mean(axis=reduce_axes)
            return data.sum(axis=reduce_axes, dtype=np.int64 if data.dtype.kind in "iu" else np.float64)
        names = axis_names(ens)
        if isinstance(names, dict):  # several breakdown axes: name -> (axis, index)
            ax, i = names[key]
            picked = np.take(data, i, axis=ax)
            rest = tuple(a - (1 if a > ax else 0) for a in reduce_axes if a != ax)
            return picked.sum(axis=rest, dtype=np.int64) if rest else picked
        return data[..., names.index(key)]
    return daily


def _sources_and_modes(ens):
    out = {s: (2, i) for i, s in enumerate(ens.sources)}
    out.update({m: (3, i) for i, m in enumerate(MODES)})
    return out


INDICATORS: dict[str, Indicator] = {i.name: i for i in [
    Indicator("attacks_on_foreign_forces", "count", "attacks", "attacks on US and coalition forces, by faction or mode",
              (), _by(_sources_and_modes, "attacks", (2, 3))),
    Indicator("foreign_killed", "count", "persons", "US and coalition personnel killed, by attacker",
              (), _by(lambda e: e.sources, "killed", (2,))),
    Indicator("foreign_wounded", "count", "persons", "US and coalition personnel wounded, by attacker",
              (), _by(lambda e: e.sources, "wounded", (2,))),
    Indicator("foreign_strikes", "count", "strike waves", "US retaliatory strike waves, by targeted faction",
              (), _by(lambda e: e.proxies, "strikes", (2,))),
    Indicator("host_killed_by_foreign_strikes", "count", "persons", "Iraqi soldiers, police and civilians killed in US strikes",
              (), lambda e, k: e.data["host_killed"].astype(np.int64)),
    Indicator("attacks_on_host", "count", "attacks", "militia attacks on the host government, by faction",
              (), _by(lambda e: e.proxies, "host_attacks", (2,))),
    Indicator("patron_control", "state", "share of orders obeyed", "the patron's control, mean over factions or per faction",
              (), _by(lambda e: e.proxies, "control", (2,), mean=True)),
    Indicator("host_consent", "state", "0-1", "the host's consent to the foreign presence",
              (), lambda e, k: e.data["consent"]),
    Indicator("coalition_presence", "state", "share of Oct 2019 troops", "foreign troops in the host country (us, allies)",
              (), _by(lambda e: ["us", "allies"], "presence", (2,))),
    Indicator("spoiler_activity", "state", "ISIS attacks/day", "the spoiler's activity",
              (), lambda e, k: e.data["spoiler"]),
    Indicator("escalation_level", "state", "0-4", "the escalation ladder (0 grey zone .. 4 open war)",
              (), lambda e, k: e.data["escalation"]),
    Indicator("open_war", "state", "0/1", "whether open war has broken out (mean = probability)",
              (), lambda e, k: e.data["open_war"]),
    Indicator("polarization", "state", "0-1", "host polarisation along the US-Iran line",
              (), lambda e, k: e.data["polarization"]),
    Indicator("proxy_bloc_seats", "state", "seats", "seats of the PMF-linked bloc in parliament",
              (), lambda e, k: e.data["bloc_seats"]),
]}

FREQS = {"D": "D", "W": "W-MON", "M": "MS"}


@dataclass
class Ensemble:
    """Runs of one scenario under one policy. ``data`` holds the engine's daily arrays (days, runs, ...)."""

    scenario: str
    policy: str
    seed: int
    dates: pd.DatetimeIndex
    proxies: list[str]
    sources: list[str]
    data: dict[str, np.ndarray]
    entries: list = field(default_factory=list)           # compiled schedule entries
    happened: np.ndarray | None = None                    # (runs, entries)
    actor_codes: dict[str, str] = field(default_factory=dict)
    with_events: bool = False
    overrides: dict = field(default_factory=dict)

    @property
    def runs(self) -> int:
        return self.data["consent"].shape[1]

    @property
    def start(self):
        return self.dates[0].date()

    @property
    def end(self):
        return self.dates[-1].date()

    # -- indicators ----------------------------------------------------------
    def indicators(self, breakdowns: bool = False) -> list[str]:
        """Names of the indicators (with their breakdowns if asked)."""
        names = list(INDICATORS)
        if breakdowns:
            names += [f"{n}.{b}" for n in INDICATORS for b in self.breakdowns(n)]
        return names

    def breakdowns(self, name: str) -> list[str]:
        ind = INDICATORS[name]
        if name == "attacks_on_foreign_forces":
            return list(self.sources) + list(MODES)
        if name in ("foreign_killed", "foreign_wounded"):
            return list(self.sources)
        if name in ("foreign_strikes", "attacks_on_host", "patron_control"):
            return list(self.proxies)
        if name == "coalition_presence":
            return ["us", "allies"]
        return list(ind.breakdowns)

    def _lookup(self, indicator: str) -> tuple[Indicator, str | None]:
        name, _, key = indicator.partition(".")
        if name not in INDICATORS:
            raise FlashpointError(f"unknown indicator {indicator!r}; known: {', '.join(INDICATORS)}")
        if key and key not in self.breakdowns(name):
            options = ", ".join(self.breakdowns(name)) or "none"
            raise FlashpointError(f"indicator {name!r} has no breakdown {key!r}; breakdowns: {options}")
        return INDICATORS[name], key or None

    def kind(self, indicator: str) -> str:
        return self._lookup(indicator)[0].kind

    def daily(self, indicator: str) -> np.ndarray:
        """The indicator per run and day, (runs, days)."""
        ind, key = self._lookup(indicator)
        return ind.daily(self, key).T

    def _window(self, start, end) -> slice:
        lo = pd.Timestamp(start) if start is not None else self.dates[0]
        hi = pd.Timestamp(end) if end is not None else self.dates[-1]
        if lo > hi:
            raise FlashpointError(f"window start {lo.date()} is after its end {hi.date()}")
        if hi < self.dates[0] or lo > self.dates[-1]:
            raise FlashpointError(f"window {lo.date()}..{hi.date()} lies outside the simulated period "
                                  f"{self.start}..{self.end}")
        i = self.dates.searchsorted(lo)
        j = self.dates.searchsorted(hi, side="right")
        return slice(i, j)

    def total(self, indicator: str, start=None, end=None) -> np.ndarray:
        """Per run: the sum over start..end (inclusive) for counts, the mean over those days for states."""
        ind, key = self._lookup(indicator)
        window = self._window(start, end)
        data = ind.daily(self, key)[window]
        return data.sum(axis=0) if ind.kind == "count" else data.mean(axis=0, dtype=np.float64)

    def series(self, indicator: str, freq: str = "D") -> pd.DataFrame:
        """Rows: period start dates; columns: runs. Counts are summed per period, states averaged."""
        if freq not in FREQS:
            raise FlashpointError(f"freq must be one of {', '.join(FREQS)}, got {freq!r}")
        ind, key = self._lookup(indicator)
        data = ind.daily(self, key)
        if freq == "D":
            return pd.DataFrame(np.asarray(data), index=self.dates.rename("date"))
        periods = self.dates.to_period("W-SUN" if freq == "W" else "M")
        starts = np.flatnonzero(np.r_[True, periods[1:] != periods[:-1]])
        summed = np.add.reduceat(data.astype(np.float64), starts, axis=0)
        if ind.kind == "state":
            summed /= np.diff(np.r_[starts, len(self.dates)])[:, None]
        else:
            summed = summed.astype(np.int64)
        index = periods[starts].start_time.rename("date")
        return pd.DataFrame(summed, index=index)

    def quantiles(self, indicator: str, freq: str = "M", qs=(0.05, 0.5, 0.95)) -> pd.DataFrame:
        """Per period, the quantiles across runs (columns named by q) and the mean."""
        frame = self.series(indicator, freq)
        out = pd.DataFrame(np.quantile(frame.to_numpy(), qs, axis=1).T, index=frame.index,
                           columns=[float(q) for q in qs])
        out["mean"] = frame.mean(axis=1)
        return out

    def events(self) -> pd.DataFrame:
        """The simulated events in the event record (requires ``simulate(..., events=True)``)."""
        if not self.with_events:
            raise FlashpointError("this ensemble was simulated without its event log; "
                                  "use simulate(..., events=True) (CLI: --events)")
        from flashpoint.engine.events import ensemble_events

        return ensemble_events(self)
