"""The simulated events of an ensemble, in the event record (flashpoint.events.record).

Attacks on foreign forces (one record per attack; a scheduled attack's, or the patron's scheduled strike's,
recorded casualties, place and CAMEO code on it, the rest of a faction's casualties of the day on a target spread
over its attacks there that no entry's casualties record), strike waves (by the party that struck: a scheduled
strike's code, place and soil on its waves; the host's dead on waves on the host's soil: see :func:`_host_dead`),
attacks on the host, partner drawdowns
and the schedule entries that happened in each run (a drawdown with ``until`` also its troops' return), less
markers (they date the record) and tactics (a mix of the attacks already written). Attacks and casualties add
up to the indicators. Provenance: {"run", "seed"}.
After the record's columns: ``run``, ``attack_target``: the declared attack target an attack hit (empty on
other rows, and with the one implicit target), and ``soil``: where a strike wave fell, ``host_soil`` or
``abroad`` (empty on every other row: a strike wave is a row with a soil).
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd

from flashpoint.engine import draws
from flashpoint.engine.contract import SOIL
from flashpoint.events.codes import cameo_codebook
from flashpoint.events.record import as_record

#: CAMEO code of an attack by its mode (docs/records.md's modes; a mode a scenario declares, which names no code,
#: 190, use of conventional military force: its ``mode`` column tells it). Until 2026-12-05 a faction's airstrikes
#: and gunfire were 190 too, beside the foreign power's airstrikes' 195 (a held-out designer's).
ATTACK_CODE = {"indirect_fire": "194", "ied_convoy": "1833", "drone": "195", "missile": "195", "boat": "190",
               "seizure": "181", "airstrike": "195", "gunfire": "193"}
STRIKE_CODE, HOST_ATTACK_CODE, DRAWDOWN_CODE = "195", "190", "087"
#: a drawdown's troops back on the day after its ``until`` (154: increase armed forces); a held-out case's troops
#: gone to another war and back had their departure in the log and no return
RETURN_CODE = "154"
#: the most events one ensemble's log may hold (a pandas table of them takes about 1 KB an event)
MAX_EVENTS = 2_000_000


def _frame(runs, days, source, target, code, mode, killed, wounded, location="") -> pd.DataFrame:
    n = len(runs)
    col = lambda v: np.broadcast_to(np.asarray(v, dtype=object), (n,))  # noqa: E731
    return pd.DataFrame({"run": runs, "day": days, "source_actor": col(source), "target_actor": col(target),
                         "cameo_code": col(code), "mode": col(mode), "killed": killed, "wounded": wounded,
                         "location": col(location)})


def _matched(frame: pd.DataFrame, scheduled: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The schedule's rows beside the simulated rows they are (``row``: position in ``frame``): the n-th scheduled
    row of a ``keys`` group is the n-th simulated one of that group."""
    scheduled = scheduled.assign(nth=scheduled.groupby(keys).cumcount())
    rows = frame[keys].assign(row=np.arange(len(frame)), nth=frame.groupby(keys).cumcount())
    return rows.merge(scheduled, on=keys + ["nth"])


def _casualties(ens, frame: pd.DataFrame) -> pd.DataFrame:
    """Put the casualties of each (run, day, attacker, attack target) on its attacks: a scheduled attack's (a
    faction's or the patron's) recorded casualties, place and CAMEO code on an attack of its mode on its target that
    day, and, with the one implicit target, the party it names as the target; the rest over the attacks whose
    casualties no entry records (the unscheduled ones, and a scheduled one that leaves ``killed`` or ``wounded``
    out: the engine draws those). Until 2026-12-05 a day's casualties were pooled over the attacker's targets and a
    scheduled attack that left ``wounded`` out got none: a held-out historian's French barracks bombing had 0
    wounded in every run and the Marines' 140, where the indicator had 12 and 128.
    ``frame["t"]``: each attack's target's index."""
    rr, dd, tt = frame["run"].to_numpy(), frame["day"].to_numpy(), frame["t"].to_numpy()
    s_index = frame["source_actor"].map({s: i for i, s in enumerate(ens.sources)}).to_numpy()
    left = {k: ens.data[k][dd, rr, s_index, tt].astype(np.int64) for k in ("killed", "wounded")}  # its day's
    pool = ["run", "day", "source_actor", "t"]
    keys = pool + ["mode"]
    patron_mode = ens.axes["mode"][ens.roles["patron_mode"]] if "patron_mode" in ens.roles else None
    implicit = ens.roles.get("implicit_target", True)
    scheduled = [pd.DataFrame({"run": np.flatnonzero(ens.happened[:, i]), "day": se.day, "source_actor": se.entry.actor,
                               "t": se.target_index,
                               "mode": se.entry.mode if se.entry.type == "proxy_attack" else patron_mode,
                               "k": np.nan if se.entry.killed is None else se.entry.killed,
                               "w": np.nan if se.entry.wounded is None else se.entry.wounded,
                               "place": se.entry.location or "", "code": se.entry.cameo or "",
                               "named": se.entry.targets[0] if implicit and se.entry.targets else ""})
                 for i, se in enumerate(ens.entries) if se.entry.type in ("proxy_attack", "patron_direct_strike")]
    if scheduled:
        hit = _matched(frame, pd.concat(scheduled, ignore_index=True), keys)
        if len(hit):
            row = hit["row"].to_numpy()
            frame.loc[row, "location"] = hit["place"].to_numpy()
            coded = hit["code"].to_numpy() != ""
            frame.loc[row[coded], "cameo_code"] = hit["code"].to_numpy()[coded]
            named = hit["named"].to_numpy() != ""
            frame.loc[row[named], "target_actor"] = hit["named"].to_numpy()[named]
    recorded = {k: np.zeros(len(frame), dtype=bool) for k in ("killed", "wounded")}
    if scheduled and len(hit):
        group = frame[pool].iloc[row]
        for k, col in (("killed", "k"), ("wounded", "w")):
            given = hit[col].notna().to_numpy()     # a scheduled attack's count left out is drawn: shared below
            recorded[k][row[given]] = True
            got = np.minimum(hit[col].to_numpy()[given].astype(np.int64), left[k][row[given]])
            frame.loc[row[given], k] = got
            spent = pd.Series(got, index=pd.MultiIndex.from_frame(group[given])).groupby(level=[0, 1, 2, 3]).sum()
            taken = pd.MultiIndex.from_frame(frame[pool])
            left[k] = left[k] - spent.reindex(taken, fill_value=0).to_numpy()
    # the rest over the attacks of the day on that target whose casualties no entry records, in proportion to what
    # each attack's mode kills or wounds on average, by systematic sampling: each attack gets its share's floor or
    # ceiling, the ceiling with the probability of its share's fraction, from one uniform per day and attacker
    # hashed from the run, the day and the attacker (the same however the runs were split). Until 2026-12-04 the
    # largest remainders: the day's first attacks took the ties, and a held-out case's two modes of equal lethality
    # came out 0.54 and 0.31 killed per attack; earlier still, all on the first attack. On the first of them where
    # none of them kills, or on the first attack where all of that day's are recorded
    group = pd.factorize(pd.MultiIndex.from_frame(frame[pool]))[0]
    by_group = np.argsort(group, kind="stable")                    # the rows, group by group, each in its place
    head = np.r_[True, np.diff(group[by_group]) != 0]              # (in that order) a group's first row
    starts = np.flatnonzero(head)
    at_start = np.cumsum(head) - 1                                 # (in that order) the row's group's rank
    last = by_group[np.r_[starts[1:] - 1, len(frame) - 1]] if len(frame) else by_group
    for n, k in enumerate(("killed", "wounded")):
        order = np.lexsort((np.arange(len(frame)), recorded[k]))   # unrecorded first, each in its place
        first = np.zeros(len(frame), dtype=bool)
        first[order[~frame.iloc[order].duplicated(pool).to_numpy()]] = True
        rest = np.maximum(left[k], 0)
        weight = _per_attack(ens, k, frame) * ~recorded[k]
        whole = np.bincount(group, weights=weight)[group]          # the group's weight, on each of its rows
        spread = whole > 0
        share = np.where(spread, rest * weight / np.where(spread, whole, 1), 0.0)
        total = np.cumsum(share[by_group])
        before = np.r_[0.0, total][starts][at_start]                # each row's group's shares before the group
        upto, prev = np.empty(len(frame)), np.empty(len(frame))    # the group's shares up to each row: with, without it
        upto[by_group] = np.minimum(total - before, rest[by_group])
        upto[last] = rest[last]                                    # the group's last row ends at its total
        prev[by_group] = np.where(head, 0.0, np.r_[0.0, upto[by_group][:-1]])
        u = draws.keyed_uniform(ens.seed, rr, dd, s_index, n)
        extra = np.where(spread, np.floor(upto + u) - np.floor(prev + u), np.where(first, rest, 0))
        frame[k] = frame[k].to_numpy() + extra.astype(np.int64)
    return frame


def _per_attack(ens, kind: str, frame: pd.DataFrame) -> np.ndarray:
    """Each row's mode's average ``kind`` (killed or wounded) per attack in its run; 0 for a mode no faction has."""
    table = ens.lethality.get(kind)
    if table is None or table.shape[0] not in (1, ens.runs):
        return np.ones(len(frame))
    modes = {m: i for i, m in enumerate(ens.axes["mode"][:table.shape[1]])}
    col = frame["mode"].map(modes).to_numpy(dtype=float)
    known = ~np.isnan(col)
    out = np.zeros(len(frame))
    runs = frame["run"].to_numpy()[known] if table.shape[0] > 1 else 0
    out[known] = table[runs, col[known].astype(np.int64)]
    return out


def _scheduled_waves(ens, waves: pd.DataFrame) -> pd.DataFrame:
    """A scheduled strike's CAMEO code, place and soil on as many of its actor's waves that day on each faction it
    targets as it has waves (the rest are the actor's response rule's); ``entry``: the scheduled strike's index in
    ``ens.entries`` (-1 on a rule's wave). Its place is its ``location``, else its ``theatre`` (a held-out case's
    strike on the patron's soil, with no location, read "abroad" like any rule's wave across a border)."""
    keys = ["run", "day", "target_actor", "source_actor"]
    scheduled = []
    for i, se in enumerate(ens.entries):
        if se.entry.type != "foreign_strike":
            continue
        runs, n = np.flatnonzero(ens.happened[:, i]), se.entry.waves or 1
        for p, day in ((p, d) for p in np.flatnonzero(se.targets) for d in range(se.day, se.last_day + 1)):
            scheduled.append(pd.DataFrame({"run": np.repeat(runs, n), "day": day, "target_actor": ens.proxies[p],
                                           "source_actor": se.entry.actor, "code": se.entry.cameo or STRIKE_CODE,
                                           "place": se.entry.location or se.entry.theatre or "", "entry": i,
                                           "soil": SOIL[0] if se.on_host_soil else SOIL[1]}))
    waves["entry"] = -1
    if not scheduled or not len(waves):
        return waves
    hit = _matched(waves, pd.concat(scheduled, ignore_index=True), keys)
    row = hit["row"].to_numpy()
    waves.loc[row, "cameo_code"] = hit["code"].to_numpy()
    waves.loc[row, "location"] = hit["place"].to_numpy()
    waves.loc[row, "mode"] = [_strike_mode(code) for code in hit["code"]]
    waves.loc[row, "entry"] = hit["entry"].to_numpy()
    waves.loc[row, "soil"] = hit["soil"].to_numpy()
    return waves


def _rule_soil(ens, waves: pd.DataFrame) -> None:
    """Where the response rules' waves fell: of each (run, day, faction)'s waves no entry schedules, as many on the
    host's soil as the engine's host-soil waves less the scheduled ones there, the rest abroad. Which party's wave
    fell where, when several parties' rules struck one faction on one day, the runs do not say: the first rows."""
    rule = waves["entry"].to_numpy() < 0
    index = {p: i for i, p in enumerate(ens.proxies)}
    rr, dd = waves["run"].to_numpy(), waves["day"].to_numpy()
    pp = waves["target_actor"].map(index).to_numpy()
    keys = ["run", "day", "target_actor"]
    sched_host = (~rule & (waves["soil"].to_numpy() == SOIL[0])).astype(np.int64)
    host = ens.data["strikes"][dd, rr, pp, 0].astype(np.int64) - waves.assign(h=sched_host).groupby(keys)[
        "h"].transform("sum").to_numpy()
    nth = waves.assign(rule=rule).groupby(keys + ["rule"]).cumcount().to_numpy()
    waves.loc[rule, "soil"] = np.where(nth < host, SOIL[0], SOIL[1])[rule]


def _host_dead(ens, waves: pd.DataFrame) -> None:
    """The host's dead on the waves that killed them, as the engine draws them: a scheduled strike on the host's
    soil its recorded ``host_killed`` on its first wave of its first day; the rest of the day's (the response
    rules' draw on their host-soil waves) on the day's first rule's wave there, else on its first wave there,
    else (none there) on its first wave. Until 2026-12-05 all on the day's first wave, wherever it fell: a held-out
    historian's raids across the border into the patron's country carried the host's dead (85 of 240 raids)."""
    rr, dd, entry = waves["run"].to_numpy(), waves["day"].to_numpy(), waves["entry"].to_numpy()
    left = ens.data["host_killed"][dd, rr].astype(np.int64)
    given = np.zeros(len(waves), np.int64)
    first_of_entry = ~pd.DataFrame({"run": rr, "entry": entry}).duplicated().to_numpy() & (entry >= 0)
    for i, se in enumerate(ens.entries):
        if se.entry.type == "foreign_strike" and se.on_host_soil and se.entry.host_killed:
            given[first_of_entry & (entry == i) & (dd == se.day)] = se.entry.host_killed
    day = pd.factorize(pd.MultiIndex.from_frame(waves[["run", "day"]]))[0]
    rest = left - np.bincount(day, weights=given)[day].astype(np.int64)
    given[rest < 0] = 0                    # more recorded than the day's dead (a count at its type's ceiling)
    rest = np.where(rest < 0, left, rest)
    rank = np.where(waves["soil"].to_numpy() != SOIL[0], 2, np.where(entry < 0, 0, 1))
    order = np.lexsort((np.arange(len(waves)), rank, day))
    first = order[np.r_[True, np.diff(day[order]) != 0]]
    given[first] += rest[first]
    waves["killed"] = given


def _strike_mode(code: str) -> str | None:
    """A scheduled strike's mode as its CAMEO code says it (a held-out case's naval gunfire, 194, came out as an
    air strike): artillery or naval guns (194) indirect fire, aerial weapons (195) an air strike, small arms and
    light weapons (193) gunfire; another code says none."""
    code = str(code)
    return ("indirect_fire" if code.startswith("194") else "airstrike" if code.startswith("195")
            else "gunfire" if code.startswith("193") else None)


def ensemble_events(ens) -> pd.DataFrame:
    parts = []
    foreign = ens.roles["foreign"][0]
    host = ens.roles["host"] or ""
    attacks = ens.data["attacks"]
    # an attack's target actor: the party its target belongs to (the first), else the target's name
    owners = ens.roles.get("target_parties", [[foreign]])
    aimed = [foreign if ens.roles.get("implicit_target", True) else (o[0] if o else t)
             for t, o in zip(ens.axes.get("target", [""]), owners)]
    # the declared attack target each attack hit (its own column: two targets of one party, a base and an outpost,
    # share their target_actor; a held-out journalist, forecaster and historian could not tell them apart)
    targets = ["" if ens.roles.get("implicit_target", True) else t for t in ens.axes.get("target", [""])]
    for s, source in enumerate(ens.sources):
        for t, target in enumerate(aimed):
            for m, mode in enumerate(ens.axes["mode"]):
                d, r = np.nonzero(attacks[:, :, s, t, m])
                if len(r) == 0:
                    continue
                counts = attacks[d, r, s, t, m].astype(np.int64)
                r, d = np.repeat(r, counts), np.repeat(d, counts)
                zeros = np.zeros(len(r), dtype=np.int64)
                parts.append(_frame(r, d, source, target, ATTACK_CODE.get(mode, "190"), mode, zeros, zeros.copy())
                             .assign(attack_target=targets[t], t=t))
    frame = pd.concat(parts, ignore_index=True) if parts else _frame([], [], "", "", "", "", [], []).assign(
        attack_target="", t=0)
    if len(frame):
        frame = _casualties(ens, frame.sort_values(["run", "day", "source_actor"], kind="stable", ignore_index=True))
    parts = [frame.drop(columns="t")]
    strikes = ens.data["strikes_by_party"]                 # (days, runs, proxies, parties): who struck whom
    waves = []
    for p, proxy in enumerate(ens.proxies):
        for f, party in enumerate(ens.axes["party"]):
            r, d = np.nonzero(strikes[:, :, p, f].T)
            counts = strikes[d, r, p, f].astype(np.int64)
            r, d = np.repeat(r, counts), np.repeat(d, counts)
            zeros = np.zeros(len(r), np.int64)
            waves.append(_frame(r, d, party, proxy, STRIKE_CODE, "airstrike", zeros, zeros.copy()))
    waves = pd.concat(waves, ignore_index=True).sort_values(["run", "day"], kind="stable", ignore_index=True)
    waves = _scheduled_waves(ens, waves.assign(soil=""))
    if len(waves):
        _rule_soil(ens, waves)
        _host_dead(ens, waves)
    parts.append(waves.drop(columns="entry"))
    for p, proxy in enumerate(ens.proxies):
        r, d = np.nonzero(ens.data["host_attacks"][:, :, p].T)
        counts = ens.data["host_attacks"][d, r, p].astype(np.int64)
        r, d = np.repeat(r, counts), np.repeat(d, counts)
        parts.append(_frame(r, d, proxy, host, HOST_ATTACK_CODE, None, np.zeros(len(r), np.int64),
                            np.zeros(len(r), np.int64)))     # the engine does not say how the host was attacked
    for f, party in enumerate(ens.axes["party"]):   # partners' own departures (M6); scheduled ones are entries
        presence = ens.data["presence"][:, :, f].T
        falls = np.diff(presence, axis=1, prepend=presence[:, :1]) < -1e-9
        scheduled = np.zeros_like(falls)
        for i, se in enumerate(ens.entries):
            if se.entry.type == "coalition_drawdown" and se.party_index == f:
                scheduled[:, se.day] |= ens.happened[:, i]
        r, d = np.nonzero(falls & ~scheduled)
        parts.append(_frame(r, d, party, host, DRAWDOWN_CODE, None, np.zeros(len(r), np.int64),
                            np.zeros(len(r), np.int64)))
    for i, se in enumerate(ens.entries):
        e = se.entry
        if e.type in ("proxy_attack", "patron_direct_strike", "foreign_strike"):
            continue  # already in the attack and strike arrays
        if e.type in ("marker", "tactics"):
            continue  # no act of the runs: a marker dates the record (the runs draw their own attacks), tactics
            # sets the mix of the attacks they draw (written as attacks, each added a dozen a run: a held-out user)
        r = np.flatnonzero(ens.happened[:, i])
        rows = [(se.day, e.cameo)]
        if e.type == "coalition_drawdown" and e.until is not None and se.last_day + 1 < len(ens.dates):
            rows.append((se.last_day + 1, RETURN_CODE))          # its troops back
        for day, code in rows:
            for actor in e.actors:
                for target in e.targets:
                    parts.append(_frame(r, np.full(len(r), day), actor, target, code, None,
                                        np.zeros(len(r), np.int64), np.zeros(len(r), np.int64), e.location))
    out = pd.concat([p for p in parts if len(p)], ignore_index=True)
    out = out.reindex(columns=[*out.columns, *(c for c in ("attack_target", "soil") if c not in out)])  # (no rows
    # of a kind: no attacks, no strikes)
    out = out.sort_values(["run", "day"], kind="stable", ignore_index=True)
    book = cameo_codebook()
    codes = out["cameo_code"].astype(str)
    out["cameo_root"] = codes.str[:2]
    out["plover_type"] = codes.map(book["plover_type"])
    out["quad_class"] = codes.map(book["quad_class"])
    out["goldstein"] = codes.map(book["goldstein"])
    out["date"] = ens.dates[out["day"].to_numpy()]
    out["date_precision"] = "day"
    out["source_code"] = out["source_actor"].map(ens.actor_codes)
    out["target_code"] = out["target_actor"].map(ens.actor_codes)
    run = out["run"].to_numpy()
    runs, which = np.unique(run, return_inverse=True)          # one id prefix and provenance text per run
    prefix = np.array([f"sim-{ens.policy}-{ens.seed}-{r}-" for r in runs], dtype=object)
    out["event_id"] = prefix[which] + np.arange(len(run)).astype(str).astype(object)
    provenance = np.array([json.dumps({"run": int(r), "seed": ens.seed, "policy": ens.policy}) for r in runs],
                          dtype=object)
    out["provenance"] = provenance[which]
    record = as_record(out)
    record.insert(len(record.columns), "run", run)
    record.insert(len(record.columns), "attack_target", out["attack_target"].fillna("").to_numpy(dtype=object))
    record.insert(len(record.columns), "soil", out["soil"].astype(object).fillna("").to_numpy(dtype=object))  # (all
    # NaN where no wave fell: a float column, which a text fill will not take in pandas 4)
    return record
