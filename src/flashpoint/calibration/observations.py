"""The scenario's record as observations of its indicators, cut at a date.

Three kinds of observation, each read from the record the scenario names (``record.dataset``):

- **the dated list** (``events.csv``): attacks on the foreign forces per week and mode. An event
  counts when its source is one of the scenario's proxies, its patron or ``unknown``, its target is a
  foreign party (an actor of kind ``foreign_power`` or ``ally``) or one of the scenario's attack
  targets (merchant shipping, say), or its target kind maps to one (``record.target_kinds``), and its
  mode is a breakdown of ``attacks_on_foreign_forces``. Such an attack with no mode, or with a mode the
  scenario does not declare, cannot be compared with a mode's simulated attacks: it is left out and
  listed in ``left_out`` with the reason. Weeks run
  Monday to Sunday (the first and last may be partial); events dated only to the month are left out
  of the weeks and kept for monthly counts.
- **tallies** (``counts.csv``): published counts over stated periods, as ``records.period_counts``
  maps them to the scenario's indicators (hedges kept). Tallies of one indicator overlap (running
  totals, a week inside a month); each gets a weight, the share of its window that no stronger tally,
  and no tally as strong ending earlier, already covers (at least ``MIN_TALLY_WEIGHT``); as strong tallies
  ending on one day share the days they both cover. Stronger: a count (``=`` or ``~``) over a bound
  (``>=``, ``<=``), then grade A over B over C. What a span's best tally says is what the fit hears most;
  a chain of n running totals weighs about 1 + ln n in all (docs/calibration.md says what the rule gets wrong).
- **series** (``series.csv``): other observed series the scenario maps to an indicator in
  ``record.indicators`` (a spoiler's attack tally to ``spoiler_activity``, a party's troop numbers
  to ``coalition_presence.<party>``, a bloc's seats to ``bloc_seats``). A series in a count unit
  beside a state indicator in a per-day unit is a period total (the sum of the daily values); any
  other is a stock, the indicator's mean over its period (a day, for a stock at a date). Presence,
  a share of a party's declared troops, is multiplied by that party's troops.

Nothing here knows a theatre: names, modes and parties come from the scenario and its record.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from flashpoint import records
from flashpoint.errors import FlashpointError, FlashpointNote

ATTACKS = "attacks_on_foreign_forces"
SOURCES_ALWAYS = ("unknown",)
MIN_TALLY_WEIGHT = 0.1
EVENT_COLUMNS = ("date", "date_precision", "source_actor", "target_actor", "target_kind", "mode", "cameo_code")
#: CAMEO roots of violence (18 assault, 19 fight, 20 mass violence): a row with no mode is an attack only with one
VIOLENT_ROOTS = ("18", "19", "20")


@dataclass
class Observations:
    """What the record says up to ``until`` (inclusive), laid out for the observation model."""

    scenario: object
    start: pd.Timestamp
    until: pd.Timestamp
    modes: list[str]                       # the breakdowns of ATTACKS that are modes
    week_starts: pd.DatetimeIndex          # first day of each week bin (the first is the scenario's start)
    listed: np.ndarray                     # (weeks, modes) attacks in the dated list
    tallies: pd.DataFrame                  # indicator, start, end, count, low, high, hedge, reliability, weight
    series: pd.DataFrame                   # name, indicator, start, end, value, hedge, reliability, total, scale_party
    left_out: list[dict] = field(default_factory=list)
    scope: list[str] = field(default_factory=list)   # the attack targets the list covers (empty: all of them)

    def parts(self, mode: str) -> list[str]:
        """The indicators whose sum is the runs' counterpart of the list's attacks of ``mode``."""
        return [f"{ATTACKS}.{t}.{mode}" for t in self.scope] or [f"{ATTACKS}.{mode}"]

    @property
    def week_bounds(self) -> list[tuple[int, int]]:
        """(first day index, last day index + 1) of each week, counted from the scenario's start."""
        starts = [(d - self.start).days for d in self.week_starts]
        ends = starts[1:] + [(self.until - self.start).days + 1]
        return list(zip(starts, ends))

    @property
    def size(self) -> int:
        return int(self.listed.size + len(self.tallies) + len(self.series))

    def summary(self) -> dict:
        return {"until": str(self.until.date()), "weeks": len(self.week_starts), "modes": self.modes,
                "list_targets": self.scope or "all",
                "listed_attacks": int(self.listed.sum()), "tallies": len(self.tallies), "series": len(self.series),
                "left_out": self.left_out}


def attack_modes(scenario) -> list[str]:
    """The breakdowns of ATTACKS that are modes: the scenario's declared modes, and the patron's while M8,
    which makes the patron's direct strikes, is on in the file (off, nothing simulates them: a listing
    probability for them would be fitted to nothing)."""
    from flashpoint.engine.world import PATRON_MODE
    from flashpoint.scenario.checks import declared_modes

    modes = declared_modes(scenario)
    m8 = scenario.mechanisms.get("escalation")
    return modes + ([PATRON_MODE] if PATRON_MODE not in modes and (m8 is None or m8.enabled) else [])


def dated_attacks(scenario, unusable: bool = False) -> pd.DataFrame:
    """The record's dated attacks on the foreign forces: date, mode, precision (day or month). With
    ``unusable``, instead the attacks the list cannot use, and ``why`` (no mode, or one the scenario does
    not declare)."""
    rows = _attack_rows(scenario)
    if unusable:
        return rows[rows["why"] != ""].reset_index(drop=True)
    return rows[rows["why"] == ""].drop(columns="why").reset_index(drop=True)


def list_scope(scenario, rows: pd.DataFrame) -> list[str]:
    """The declared attack targets the dated list's ``rows`` are attacks on, in the scenario's order; empty
    when that is all of them (or the scenario declares none). A row reaches the target its target kind maps to
    (``record.target_kinds``), else the target its ``target`` names, else those its foreign party holds; a row
    that reaches none leaves the list's scope at every target (a held-out case's list named attacks on one
    party's forces, and was laid beside the attacks on every target, the host's forces included)."""
    targets = [t.id for t in scenario.targets]
    if not targets or not len(rows):
        return []
    kinds = scenario.record.target_kinds
    scope: set[str] = set()
    for name, kind in zip(rows["target"], rows["target_kind"]):
        mapped = [k for k in str(kinds.get(kind, "")).split("+") if k in targets] if kind else []
        reached = mapped or ([name] if name in targets else [t.id for t in scenario.targets if name in t.parties])
        if not reached:
            return []
        scope.update(reached)
    return [] if scope == set(targets) else [t for t in targets if t in scope]


def unusable_note(scenario) -> str | None:
    """What to say of the record's attacks on the foreign forces that the dated list cannot use (no mode, or one the
    scenario does not model), which the fit, the forecasts and their scores leave out (a held-out forecaster's
    ten attacks in an unmodelled mode vanished from evaluate's counts, unsaid)."""
    if scenario.record is not None and scenario.record.dated_list == "sample":
        return None                    # a sample of notable events is fitted and scored on nothing
    left = dated_attacks(scenario, unusable=True)
    if left.empty:
        return None
    reasons = "; ".join(f"{why} ({', '.join(str(d.date()) for d in rows['date'][:5])}"
                        f"{', ...' if len(rows) > 5 else ''})" for why, rows in left.groupby("why", sort=False))
    return (f"{len(left)} of record {scenario.record.dataset}'s dated attacks on the foreign forces are not in the "
            f"dated list the model is fitted to and scored on: {reasons}")


def _attack_rows(scenario) -> pd.DataFrame:
    """Every attack of the record on the foreign forces (one read of events.csv): date, mode, precision, and
    ``why`` the list cannot use it ("" when it can)."""
    columns = ["date", "mode", "precision", "target", "target_kind", "why"]
    if scenario.record is None:
        return pd.DataFrame(columns=columns)
    dataset = scenario.record.dataset
    records.check_events(scenario)   # each bad row named by its line
    table = records.read_table(dataset, "events.csv", EVENT_COLUMNS)
    if table.empty:
        return pd.DataFrame(columns=columns)
    sources = {a.id for a in scenario.actors if a.kind in ("proxy", "patron")} | set(SOURCES_ALWAYS)
    targets = {a.id for a in scenario.foreign_parties} | {t.id for t in scenario.targets}
    # or a target kind that record.target_kinds maps to a declared target (a held-out case's attacks on the host's
    # front, a target no party holds, named the host as the attacked actor and were dropped unsaid)
    aimed = {kind for kind, labels in scenario.record.target_kinds.items()
             if set(str(labels).split("+")) & {t.id for t in scenario.targets}}
    modes = attack_modes(scenario)
    # a row with a mode is an attack; one without is only when its code is violence (a held-out case's announced
    # suspension, 0871, was listed as an attack with no mode)
    attack = (table["mode"] != "") | table["cameo_code"].str[:2].isin(VIOLENT_ROOTS)
    table = table[table["source_actor"].isin(sources) & (table["target_actor"].isin(targets)
                                                         | table["target_kind"].isin(aimed)) & attack]
    out = pd.DataFrame({"date": records.parse_dates(table, "date", dataset, "events.csv").to_numpy(),
                        "mode": table["mode"].to_numpy(),
                        "precision": table["date_precision"].replace("", "day").to_numpy(),
                        "target": table["target_actor"].to_numpy(), "target_kind": table["target_kind"].to_numpy()})
    out["why"] = ["" if m in modes else f"mode {m!r} is not one of the scenario's attack modes ({', '.join(modes)})"
                  if m else "no mode given" for m in out["mode"]]
    return out


def monthly_listed(scenario, *, day_only: bool = False) -> pd.Series:
    """Attacks in the dated list per calendar month (index: month start) over the scenario's period. With
    ``day_only``, only the attacks dated to the day: the list the observation model is fitted to (``observe``
    leaves month-dated ones out of the weeks), which ``evaluate`` scores every forecaster against."""
    events = dated_attacks(scenario)
    if day_only:
        events = events[events["precision"] == "day"]
    months = pd.date_range(pd.Timestamp(scenario.start).to_period("M").start_time, pd.Timestamp(scenario.end),
                           freq="MS")
    if events.empty:
        return pd.Series(0, index=months, dtype=int)
    inside = events[(events["date"] >= pd.Timestamp(scenario.start)) & (events["date"] <= pd.Timestamp(scenario.end))]
    counts = inside.groupby(inside["date"].dt.to_period("M").dt.start_time).size()
    return counts.reindex(months, fill_value=0).astype(int)


def week_starts(start: pd.Timestamp, until: pd.Timestamp) -> pd.DatetimeIndex:
    """Week bins from ``start`` to ``until``: Monday-start weeks, the first starting at ``start``."""
    mondays = pd.date_range(start + pd.Timedelta(days=1), until, freq="W-MON")
    return pd.DatetimeIndex([start]).append(mondays)


def _strength(tally) -> tuple[int, int]:
    """Lower is stronger: a count (= or ~) before a bound (>= or <=), then its grade."""
    return (tally.hedge not in ("=", "~"), records.GRADES.index(tally.reliability))


def _tally_weights(table: pd.DataFrame) -> np.ndarray:
    """Per tally: the share of its window that no stronger tally of the same indicator covers, nor one as strong
    that ends earlier; as strong tallies ending the same day share the days they both cover. The rule looks at what
    a tally says (held-out checks: a grade-C "at least 13" first in a chain took weight 1 and the exact grade-A
    counts after it 0.1; of two tallies ending one day, the file's order decided which the fit heard)."""
    if not len(table):
        return np.ones(0)
    origin = table["start"].min()
    span = int((table["end"].max() - origin).days) + 1
    rows = list(table.itertuples(index=False))
    days = np.zeros((len(rows), span), dtype=bool)
    for k, r in enumerate(rows):
        days[k, (r.start - origin).days:(r.end - origin).days + 1] = True
    strength = [_strength(r) for r in rows]
    weights = np.ones(len(rows))
    for k, r in enumerate(rows):
        mine = [j for j, q in enumerate(rows) if q.indicator == r.indicator]
        before = [j for j in mine if strength[j] < strength[k] or (strength[j] == strength[k] and rows[j].end < r.end)]
        tied = [j for j in mine if strength[j] == strength[k] and rows[j].end == r.end]   # k among them
        fresh = days[k] & ~days[before].any(axis=0)
        weights[k] = max(MIN_TALLY_WEIGHT, float((fresh / days[tied].sum(axis=0).clip(1)).sum() / days[k].sum()))
    return weights


def _series(scenario, until: pd.Timestamp, left_out: list) -> pd.DataFrame:
    table, left = records.series_values(scenario)
    left_out.extend(left)
    late = table["end"] > until
    left_out.extend({"row": f"series {r.name} {r.start.date()}..{r.end.date()}", "reason": f"ends after {until.date()}"}
                    for r in table[late].itertuples(index=False))
    return table[~late].reset_index(drop=True)


def _thin_list_note(listed: pd.DataFrame, tallies: pd.DataFrame) -> None:
    """A note when the dated list holds less of a reliable tally's attacks than the listing probability's
    prior allows: the fit could explain it only with fewer attacks (a held-out case's list of notable
    events pulled the fitted attack rate to half the tallies')."""
    from flashpoint.calibration.likelihood import FIXED_SHARE, LIST_PRIOR, SHARE_PRIOR

    if tallies.empty:               # an origin before the first tally (a held-out evaluate stopped here)
        return
    attacks = tallies["indicator"].map(lambda name: all(part.partition(".")[0] == "attacks_on_foreign_forces"
                                                          for part in str(name).split("+")))
    whole = tallies[attacks & tallies["low"].notna() & (tallies["low"] >= 10)]   # a breakdown's tally too: the
    # whole list against part of the attacks can only under-warn (a held-out list of 5 notable events went unsaid)
    for t in whole.itertuples(index=False):
        held = int(((listed["date"] >= t.start) & (listed["date"] <= t.end)).sum())
        fewest = t.low * FIXED_SHARE.get(t.reliability, SHARE_PRIOR[0])   # a grade-C tally may count 3 in 10
        if held < LIST_PRIOR[0] * fewest:
            warnings.warn(f"the dated list (events.csv) holds {held} of the {t.count} attacks a grade-{t.reliability} "
                          f"tally counts over {t.start.date()}..{t.end.date()}, under the {LIST_PRIOR[0]:.0%} the "
                          "fitted share of attacks it lists may go down to: the fit can explain that only with fewer "
                          "attacks. If the list is a sample of notable events, say so in the scenario "
                          "(record.dated_list: sample) and it is left out of the fit", FlashpointNote, stacklevel=3)
            return


def observe(scenario, until=None) -> Observations:
    """The scenario's record up to ``until`` (default: the scenario's end), as observations."""
    start = pd.Timestamp(scenario.start)
    until = pd.Timestamp(until) if until is not None else pd.Timestamp(scenario.end)
    if until > pd.Timestamp(scenario.end):
        raise FlashpointError(f"the record would be used up to {until.date()}, after the scenario's end "
                              f"{scenario.end}; leave --until out to use all of it")
    if until <= start:
        raise FlashpointError(f"the observations would end on {until.date()}, not after the scenario's start "
                              f"{start.date()}")
    if scenario.record is None:
        raise FlashpointError(f"scenario {scenario.name!r} names no record (record: in the scenario file); "
                              "there is nothing to calibrate or evaluate against")
    left_out: list[dict] = []
    modes_all = attack_modes(scenario)
    rows = _attack_rows(scenario)
    events, unusable = rows[rows["why"] == ""], rows[rows["why"] != ""]
    for r in unusable[(unusable["date"] >= start) & (unusable["date"] <= until)].itertuples(index=False):
        left_out.append({"row": f"dated attack {r.date.date()}", "reason": f"{r.why}: not in the weeks"})
    inside = events[(events["date"] >= start) & (events["date"] <= until)]
    by_month = inside[inside["precision"] != "day"]
    for d in by_month["date"]:
        left_out.append({"row": f"dated attack {d.date():%Y-%m}", "reason": "dated to the month only: not in the weeks"})
    inside = inside[inside["precision"] == "day"]
    sample = scenario.record.dated_list == "sample"
    modes = modes_all if len(events) and not sample else []   # the same for any cut: a list to count, or none
    if sample:
        left_out.append({"row": "the dated list", "reason": "record.dated_list: sample (notable events, no count): "
                         "no weekly observations"})
    elif not len(events):
        left_out.append({"row": "the dated list", "reason": "the record lists no dated attack on the foreign forces "
                         "in the scenario's modes: no weekly observations (an empty list is no count of zero)"})
    weeks = week_starts(start, until)
    listed = np.zeros((len(weeks), len(modes)), dtype=np.int64)
    if len(inside):
        idx = np.searchsorted(weeks.to_numpy(), inside["date"].to_numpy(), side="right") - 1
        for j, m in enumerate(modes):
            listed[:, j] = np.bincount(idx[inside["mode"].to_numpy() == m], minlength=len(weeks))
    tallies = records.period_counts(scenario)
    keep = tallies["end"] <= until
    for r in tallies[~keep].itertuples(index=False):
        left_out.append({"row": f"tally {r.indicator} {r.start.date()}..{r.end.date()} {r.count}",
                         "reason": f"ends after {until.date()}"})
    tallies = tallies[keep].reset_index(drop=True)
    tallies["weight"] = _tally_weights(tallies)
    for line in records.beyond_ceiling(scenario):
        warnings.warn(f"record count {line}: the fit bends the parameters towards it", FlashpointNote, stacklevel=2)
    if modes:
        _thin_list_note(inside, tallies)
    series = _series(scenario, until, left_out)
    scope = list_scope(scenario, events[events["date"] <= until]) if modes else []   # rows after the cut unknown
    if scope:
        warnings.warn(f"the dated list (events.csv) names attacks on {', '.join(scope)} only (of the targets "
                      f"{', '.join(t.id for t in scenario.targets)}): it is laid beside the runs' attacks on "
                      f"{'that target' if len(scope) == 1 else 'those targets'}", FlashpointNote, stacklevel=2)
    return Observations(scenario, start, until, modes, weeks, listed, tallies, series, left_out, scope)
