"""Where each foreign force stands on each day, as the schedule writes it: the checks of arrivals and departures.

The engine moves a party's presence (a share of its declared ``attributes.troops``, starting at
``attributes.initial_presence``) by its ``deployment`` and ``coalition_drawdown`` entries, each taking at
most what is there or bringing at most what is missing, a temporary one undone the day after its
``until`` (:mod:`flashpoint.engine.forces`, ``schedule.Timeline``). Here the same arithmetic runs once
over a schedule with every entry happening (no coalition cohesion, M6, which moves presence at random):
what a deployment could not bring, a drawdown of a force that is not there, a recorded attack on a force
that is not there, all silently nothing in the runs, are refused; a force never there is noted.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flashpoint.console import number
from flashpoint.engine.forces import GONE
from flashpoint.scenario.entries import drawdown_share

MOVES = ("coalition_drawdown", "deployment")


@dataclass(frozen=True)
class Move:
    """One deployment or drawdown as the engine would carry it out: the share asked for and the share moved."""
    loc: tuple
    entry: object
    before: float          # the party's presence as the entry's day begins
    asked: float
    moved: float


def moves(sc, entries) -> tuple[dict[str, list[Move]], dict[str, list[tuple[dt.date, float]]]]:
    """Per foreign party: its moves in date order, and its presence from each day on ``[(day, presence)]``
    (the first: the scenario's start). ``entries``: ``(loc, entry)`` of one schedule (a policy's)."""
    out: dict[str, list[Move]] = {}
    steps: dict[str, list[tuple[dt.date, float]]] = {}
    for party in sc.foreign_parties:
        attributes = party.attributes
        troops = attributes["troops"].value if "troops" in attributes else 0.0
        presence = attributes["initial_presence"].value if "initial_presence" in attributes else 1.0
        mine = sorted(((e.date, loc, e) for loc, e in entries if e.type in MOVES and e.actor == party.id),
                      key=lambda x: x[0])
        returns: list[tuple[dt.date, float]] = []          # (day, change of presence): temporary moves undone
        done, line = [], [(sc.start, presence)]
        for day, loc, e in mine:
            for back_day, change in sorted(r for r in returns if r[0] <= day):
                presence = min(1.0, max(0.0, presence + change))
                line.append((back_day, presence))
            returns = [r for r in returns if r[0] > day]
            asked = drawdown_share(e, troops) or 0.0
            sign = 1.0 if e.type == "coalition_drawdown" else -1.0
            moved = max(0.0, min(asked, presence if sign > 0 else 1.0 - presence))
            done.append(Move(loc, e, presence, asked, moved))
            presence = presence - sign * moved
            presence = 0.0 if presence < GONE else presence
            line.append((day, presence))
            if e.until is not None:
                returns.append((e.until + dt.timedelta(days=1), sign * moved))
        for back_day, change in sorted(returns):
            presence = min(1.0, max(0.0, presence + change))
            line.append((back_day, presence))
        out[party.id], steps[party.id] = done, line
    return out, steps


def overdrawn(sc) -> list[str]:
    """A line for each drawdown of the scenario's own schedule that asks more of a party's troops than are there
    (its ``troops``, or a ``fraction`` below 1, of the declared strength): it takes all that is there, and the
    party is gone from its day (a held-out forecaster's 30,000 of a force of 25,800, an understated start, emptied
    the theatre in mid-2014, unsaid; a ``fraction: 1`` is the whole force, as written)."""
    done, _ = moves(sc, [(("schedule", i), e) for i, e in enumerate(sc.schedule)])
    declared = {a.id: a.attributes["troops"].value if "troops" in a.attributes else 0.0 for a in sc.foreign_parties}
    out = []
    for party, items in done.items():
        troops = declared[party]
        for m in items:
            e = m.entry
            whole = e.fraction is not None and e.fraction >= 1
            if e.type == "coalition_drawdown" and m.before >= GONE and m.asked > m.before + 1e-9 and not whole:
                asked = (f"{number(m.asked * troops)} of {party}'s troops" if e.troops is not None
                         else f"a fraction {e.fraction:g} of {party}'s declared troops")
                out.append(f"drawdown {e.id} on {e.date} takes {asked}, and only {number(m.before * troops)} of "
                           f"its {number(troops)} (attributes.troops) are there then: it takes them all, and no "
                           f"{party} troops are there from that day (declare the strength there, or write fraction: "
                           "1.0 for the whole force)")
    return out


def base_steps(sc) -> dict[str, list[tuple[dt.date, float]]]:
    """Each foreign party's presence steps under the scenario's own schedule (:func:`moves`)."""
    return moves(sc, [(("schedule", i), e) for i, e in enumerate(sc.schedule)])[1]


def present_on(line: list[tuple[dt.date, float]], day: dt.date) -> float:
    """A party's presence on ``day`` from its steps (the last step dated on or before it)."""
    value = line[0][1]
    for when, presence in line:
        if when <= day:
            value = presence
    return value


def hit_target(sc, e):
    """The attack target a scheduled attack hits (``attack_targets``, else the first its target party holds)."""
    if e.aimed_at:
        return next((t for t in sc.targets if t.id == e.aimed_at[0]), None)
    return next((t for t in sc.targets if set(t.parties) & set(e.targets)), None)


def _rounding(m: Move, troops: float) -> bool:
    """A deployment short by no more than the fraction of a troop its share there before leaves (a held-out analyst's
    0.8471 of 20,069 troops, 17,000.45, left 0.45 of one "never to arrive"; a verifier's half a thousand troops short
    of a whole count is no rounding)."""
    short, before = (m.asked - m.moved) * troops, m.before * troops
    return 0 < short < 1 and short <= before - int(before) + 1e-9


def problems(sc, entries, *, base: bool):
    """(loc, message) for one schedule's moves that would not happen as written; ``base``: the scenario's own
    schedule, whose recorded attacks and departures must find their force there (a policy's may not: a
    counterfactual withdrawal cancels the record's later attacks on the force that left, by design)."""
    done, steps = moves(sc, entries)
    declared = {a.id: a.attributes["troops"].value if "troops" in a.attributes else 0.0 for a in sc.foreign_parties}
    for party, items in done.items():
        troops = declared[party]
        for m in items:
            e = m.entry
            # (a start above 1 is not "full strength": its declared range is refused, naming the value)
            full_from_start = 1 - GONE <= steps[party][0][1] <= 1 and not any(
                x.entry.type == "coalition_drawdown" and x.entry.date <= e.date for x in items)
            if e.type == "deployment" and full_from_start:
                yield m.loc + ("actor",), (
                    f"{party} is at its full strength from the start (attributes.troops, initial_presence 1) and "
                    "nothing has left before this deployment: declare its full strength in attributes.troops and the "
                    "share there at the start in attributes.initial_presence (0 for a force that arrives later)")
            elif e.type == "deployment" and m.moved < m.asked - 1e-9 and not _rounding(m, troops):
                # (console.number: troops written in thousands, 3.5, read "0 of its 4" whole)
                yield m.loc, (f"deployment {e.id} on {e.date} brings {number(m.asked * troops)} of {party}'s troops, "
                              f"but {number(m.before * troops)} of its {number(troops)} (attributes.troops) are there "
                              f"already: {number((m.asked - m.moved) * troops)} would never arrive; declare {party}'s "
                              "full strength in attributes.troops")
            elif base and e.type == "coalition_drawdown" and m.before < GONE:
                yield m.loc, (f"drawdown {e.id} on {e.date}: none of {party}'s troops are there then "
                              f"({_why_absent(items, m)}): it would withdraw nothing")
    if not base:
        return
    for loc, e in entries:
        if e.type != "proxy_attack":
            continue
        target = hit_target(sc, e)
        holders = [p for p in (target.parties if target is not None and target.in_theatre else []) if p in steps]
        if holders and all(present_on(steps[p], e.date) < GONE for p in holders):
            yield loc, (f"proxy_attack {e.id} on {e.date} hits attack target {target.id}, and none of "
                        f"{', '.join(holders)}'s troops are there that day (attributes.initial_presence, deployment "
                        "and drawdown entries): the recorded attack would not happen in the runs")


def _why_absent(items: list[Move], m: Move) -> str:
    arrivals = [x.entry.date for x in items if x.entry.type == "deployment" and x.entry.date > m.entry.date]
    if not any(x.entry.type == "deployment" and x.entry.date <= m.entry.date for x in items) and arrivals:
        return f"it arrives on {arrivals[0]}"
    left = [x.entry.date for x in items if x.entry.type == "coalition_drawdown" and x.entry.date < m.entry.date
            and x.moved > 0]
    return f"the last left on {left[-1]}" if left else "it never arrives: attributes.initial_presence 0, no deployment"


def never_there(sc) -> list[str]:
    """The foreign parties that the scenario's own schedule never brings (initial_presence 0, no deployment)."""
    return [party for party, line in base_steps(sc).items() if all(p < GONE for _, p in line)]


def never_there_dilution(sc) -> tuple[list[str], float, float, float] | None:
    """(the parties never there with troops above 0, their declared troops, every party's, the most
    ``coalition_presence`` can reach) where :func:`never_there` parties declare troops: presence is the share of the
    declared foreign force there, so their troops stay in its denominator and it never reaches 1 (a held-out
    student's air force, striking from abroad with 200 troops declared, held it at 0.968 with every other soldier
    there), or None."""
    declared = {a.id: a.attributes["troops"].value if "troops" in a.attributes else 0.0 for a in sc.foreign_parties}
    gone = [p for p in never_there(sc) if declared[p] > 0]
    whole = sum(declared.values())
    if not gone or whole <= 0:
        return None
    away = sum(declared[p] for p in gone)
    return gone, away, whole, (whole - away) / whole


def never_there_targets(sc) -> list[tuple[str, list[str], list[str]]]:
    """(party, the targets in the theatre that only parties never there hold, the targets it holds outside the
    theatre) for each of :func:`never_there`: the first get no attack, the second are attacked as ever (two
    held-out cases' homelands, drawing every attack, were said to get none)."""
    gone = never_there(sc)
    return [(party, [t.id for t in sc.targets if t.in_theatre and party in t.parties and set(t.parties) <= set(gone)],
             [t.id for t in sc.targets if not t.in_theatre and party in t.parties]) for party in gone]


def bystanders(sc) -> list[str]:
    """The foreign parties that hold no declared attack target and strike in no entry, where every target has a
    holder (so no party's rule answers attacks on it but the holders'): no attack falls on them and they answer
    none; their troops count only in the share of the declared foreign force there (a held-out case's Russia, there
    with 4,000 troops and neither side, was taken unsaid and made the foreign force 0.9998 present)."""
    if not sc.targets or any(not t.parties for t in sc.targets):
        return []
    held = {p for t in sc.targets for p in t.parties}
    striking = {e.actor for e in sc.every_entry if e.type == "foreign_strike"}
    answering = {p for t in sc.targets if t.answered is not None and isinstance(t.answered.value, dict)
                 for p, v in t.answered.value.items() if v}     # a partner's forces it answers for
    return [p.id for p in sc.foreign_parties if p.id not in held | striking | answering]


def troops_move_no_attack(sc) -> list[tuple[str, list[str]]]:
    """(party, the attack targets it holds in the theatre) for each foreign party whose declared troops can move no
    attack rate: with attack targets declared and attacks.exposure above 0, a target's attacks follow the presence of
    its own parties weighted by their troops (engine/attacks.py), so a party that holds each of its targets alone, or
    none, and moves by fractions only (no deployment or drawdown given in troops), weighs with its troops only the
    share of the declared foreign force there (a held-out designer's second force gave the same attacks at 500 and
    6,000 troops, unsaid). With one foreign party, a party of 0 troops (its own note) and a bystander (its own note)
    are left out; so is a party whose declared range reaches 0 (a run at 0 draws no attacks on its targets)."""
    exposure = sc.attacks.get("exposure")
    if not sc.targets or exposure is None or not exposure.value > 0 or len(sc.foreign_parties) < 2:
        return []
    left_out = {e.actor for e in sc.every_entry if e.type in MOVES and e.troops is not None} | set(bystanders(sc))
    out = []
    for party in sc.foreign_parties:
        q = party.attributes.get("troops")
        if q is None or min(q.value, q.range_for()[0]) <= 0 or party.id in left_out:
            continue
        held = [t for t in sc.targets if t.in_theatre and party.id in t.parties]
        if all(set(t.parties) == {party.id} for t in held):
            out.append((party.id, [t.id for t in held]))
    return out


def lone_troops(sc, entries=None) -> str | None:
    """The scenario's one foreign party where its declared troops weigh nothing: with no other foreign party, its
    presence, ``coalition_presence`` and the attacks on its targets are shares of its own troops, the same at any
    number above 0, unless a deployment or drawdown of ``entries`` (default: every entry of the scenario and its
    policies) moves it by a number of troops, or the record lays a series of its forces beside
    ``coalition_presence.<party>`` (read in troops). None where it has none above 0, or where another party is
    declared (a held-out analyst's one force gave the same attacks and presence at 3 and 6 divisions, unsaid)."""
    if len(sc.foreign_parties) != 1:
        return None
    party = sc.foreign_parties[0]
    q = party.attributes.get("troops")
    moved = any(e.type in MOVES and e.actor == party.id and e.troops is not None
                for e in (sc.every_entry if entries is None else entries))
    laid = sc.record is not None and f"coalition_presence.{party.id}" in set(sc.record.indicators.values())
    return party.id if q is not None and q.value > 0 and not moved and not laid else None


def lone_troops_idle(sc, policy: str, name: str, value) -> str | None:
    """Why a setting of ``<party>.troops`` at ``value`` would change nothing under ``policy`` ("weighs nothing:
    ...") (:func:`lone_troops` over the policy's live entries), or None; 0 is not idle (a force of none draws no
    attacks on its targets)."""
    import numpy as np

    from flashpoint.scenario.entries import live_entries

    party, _, attribute = name.partition(".")
    if attribute != "troops" or lone_troops(sc, live_entries(sc, policy, {name: value})) != party:
        return None
    if not np.all(np.asarray(value, dtype=float) > 0):
        return None
    return (f"weighs nothing: {party} is the scenario's one foreign party, so its presence, "
            "coalition_presence and the attacks on its targets are shares of its declared troops, the same at any "
            f"number above 0, and no deployment or drawdown of it under policy {policy!r} is given in troops")


def held_starts(sc, policy: str, settings: dict | None = None, varied=()) -> dict[str, float] | None:
    """{foreign party: its start} where every foreign force holds its start (``initial_presence``, default 1) on
    every day of every run under ``policy`` with ``settings`` (resolved, the policy's own among them): no deployment
    or coalition_drawdown among the live entries and coalition cohesion (M6) off in its runs; None where something
    can move one, or a start is given per run or among ``varied`` (names a fit or design draws)."""
    import numpy as np

    from flashpoint.scenario.entries import live_entries

    settings = settings or {}
    m6 = sc.mechanisms.get("coalition")
    if m6 is not None and np.any(settings.get("coalition.enabled", m6.enabled)):
        return None
    if any(e.type in MOVES for e in live_entries(sc, policy, settings)):
        return None
    starts = {}
    for party in sc.foreign_parties:
        name = f"{party.id}.initial_presence"
        q = party.attributes.get("initial_presence")
        start = settings.get(name, 1.0 if q is None else q.value)
        if name in varied or np.ndim(start) > 0:
            return None
        starts[party.id] = float(start)
    return starts


def still_troops_idle(sc, policy: str, name: str, value, settings: dict | None = None, varied=()) -> str | None:
    """Why ``<party>.troops`` at ``value`` would change nothing under ``policy`` with ``settings``: every foreign
    force holds one and the same start on every day (:func:`held_starts`), so coalition_presence and each target's
    troop-weighted presence are that start at any number of troops above 0 (a held-out analyst's two forces, with no
    deployment or drawdown at all, gave the same runs at any troops, unsaid); None otherwise, at 0 (a force of none),
    or where the record lays a series of the party's forces beside ``coalition_presence.<party>`` (read in troops)."""
    import numpy as np

    party, _, attribute = name.partition(".")
    if attribute != "troops" or party not in {p.id for p in sc.foreign_parties}:
        return None
    if not np.all(np.asarray(value, dtype=float) > 0):
        return None
    if sc.record is not None and f"coalition_presence.{party}" in set(sc.record.indicators.values()):
        return None
    starts = held_starts(sc, policy, settings, varied)
    if starts is None or len(set(starts.values())) != 1:
        return None
    return (f"weighs nothing: no deployment or drawdown of any foreign party under policy {policy!r} and coalition "
            f"cohesion (M6) off, so every foreign force holds its start ({next(iter(starts.values())):g}) on every "
            "day, and coalition_presence and the attacks on each target are the same at any number of troops above 0")


def still_exposure_idle(sc, policy: str, name: str, settings: dict | None = None, varied=()) -> str | None:
    """Why ``attacks.exposure`` would change nothing under ``policy`` with ``settings``: every foreign force is there
    in full on every day (:func:`held_starts`, each start 1), so each target's presence is 1 (troop-weighted, or the
    plain mean where its parties declare no troops) and presence ** exposure is 1 at any exposure (a held-out
    analyst's exposure of 0.5 gave the runs of 0, unsaid)."""
    if name != "attacks.exposure" or not sc.foreign_parties:
        return None
    starts = held_starts(sc, policy, settings, varied)
    if starts is None or any(s != 1 for s in starts.values()):
        return None
    return (f"multiplies the attack rates by each target's presence ** exposure, and under policy {policy!r} every "
            "foreign force is there in full on every day (no deployment or drawdown, coalition cohesion (M6) off), "
            "so every target's presence is 1")


def aimed_where_mostly_absent(sc) -> list[tuple[str, list[tuple[str, float, int, list[tuple[dt.date, dt.date]]]]]]:
    """(faction, [(target, its share of the faction's attacks, days held, the spans held)]) for each faction that
    aims half or more of its attacks at targets in the theatre whose parties the schedule has there on half the
    period's days or fewer: a target's share is one for the whole period, and while none of its parties is there
    that share is lost, not turned on the other targets (engine/attacks.py; a held-out wargame designer's faction
    aimed 80 % at a force there under two years of ten, unsaid)."""
    steps, days = base_steps(sc), (sc.end - sc.start).days + 1
    first = sc.start.toordinal()
    held = {}
    away = {party: {d for a, b in absences(line, sc.end) for d in range(a.toordinal(), b.toordinal() + 1)}
            for party, line in steps.items()}
    for t in (t for t in sc.targets if t.in_theatre and t.parties):
        none = set.intersection(*(away[p] for p in t.parties))        # the days none of its parties is there
        if 2 * len(none) >= days:
            there = [d for d in range(first, first + days) if d not in none]
            spans = zip([d for d in there if d - 1 in none or d == first],
                        [d for d in there if d + 1 in none or d == first + days - 1])
            held[t.id] = (len(there), [(dt.date.fromordinal(a), dt.date.fromordinal(b)) for a, b in spans])
    out = []
    for proxy in (a.id for a in sc.actors_of("proxy")) if held else []:
        shares = {t.id: t.share.value.get(proxy, 0.0) if isinstance(t.share.value, dict) else t.share.value
                  for t in sc.targets}
        total = sum(shares.values())
        lost = [(t, shares[t] / total, *held[t]) for t in held if shares[t] > 0] if total > 0 else []
        if lost and 2 * sum(share for _, share, *_ in lost) >= 1:
            out.append((proxy, lost))
    return out


def _first_there(sc, steps, e, targets) -> tuple[list[str], dt.date | None] | None:
    """(the parties holding ``targets``, the first day from entry ``e``'s date to its end that one of them is
    there, None if never), or None where a target is always there (held outside the theatre, or by no party)."""
    if any(not t.in_theatre or not [p for p in t.parties if p in steps] for t in targets):
        return None
    holders = sorted({p for t in targets for p in t.parties if p in steps} if targets else steps)
    last = e.until or sc.end
    days = sorted({e.date} | {d for p in holders for d, _ in steps[p] if e.date <= d <= last})
    return holders, next((d for d in days if any(present_on(steps[p], d) >= GONE for p in holders)), None)


def idle_tactics(sc) -> list[tuple[str, list[str]]]:
    """(entry id, the parties it aims at) for each of the schedule's tactics entries whose targets' forces are
    all absent from its date to its end: the change of repertoire would change nothing."""
    steps = base_steps(sc)
    out = []
    for e in sc.schedule:
        if e.type != "tactics":
            continue
        targets = [t for t in sc.targets if (t.id in e.aimed_at if e.aimed_at else set(t.parties) & set(e.targets))]
        found = _first_there(sc, steps, e, targets) if targets else None
        if found is not None and found[1] is None:
            out.append((e.id, found[0]))
    return out


def shocks_before_anyone_is_there(sc) -> list[tuple[str, list[str], dt.date | None]]:
    """(entry id, the parties whose targets it moves, the first day one of them is there, None if never) for each
    outside_shock whose targets' forces are all absent on its date: it moves the factions' attacks on those
    targets, not their attacks on the host, so until someone is there it changes nothing (a held-out designer's
    mercenaries' arrival, months before the foreign force, moved nothing then, unsaid)."""
    steps = base_steps(sc)
    out = []
    for e in sc.schedule:
        if e.type != "outside_shock":
            continue
        targets = [t for t in sc.targets if t.id in e.aimed_at] if e.aimed_at else list(sc.targets)
        found = _first_there(sc, steps, e, targets)     # (no declared targets: the one every party holds)
        if found is not None and found[0] and found[1] != e.date:
            out.append((e.id, *found))
    return out


def idle_rules_of_engagement(sc) -> list[tuple[str, str]]:
    """(entry id, party) for each of the schedule's rules_of_engagement entries whose party, with a response rule of
    its own, has no troops there from the entry's date to its end while every target its rule answers is held in
    the theatre: a party whose forces have all left answers only the attacks on targets no party holds (or held
    outside the theatre), so the entry changes nothing (a held-out analyst's INTERFET entry, dated after its last
    troops had left, was taken unsaid)."""
    from flashpoint.engine.requirements import rule_per_party

    if not rule_per_party(sc):
        return []
    steps = base_steps(sc)
    out = []
    for e in sc.schedule:
        if e.type != "rules_of_engagement" or e.actor not in steps:
            continue
        last = e.until or sc.end
        days = {e.date} | {d for d, _ in steps[e.actor] if e.date <= d <= last}
        if all(present_on(steps[e.actor], d) < GONE for d in days) and all(
                t.parties and t.in_theatre for t in sc.attack_targets if _answers(sc, t, e.actor)):
            out.append((e.id, e.actor))
    return out


def _answers(sc, target, party: str) -> bool:
    """Whether ``party``'s response rule answers the attacks on ``target`` with a weight above 0 as written."""
    from flashpoint.engine.requirements import answered_by

    how = answered_by(sc, target, party)
    return how is not None and how[1] > 0


def absences(line: list[tuple[dt.date, float]], end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The spans ``(first day, last day)`` over which a party's steps leave none of its troops there."""
    out: list[tuple[dt.date, dt.date]] = []
    following = [day for day, _ in line[1:]] + [end + dt.timedelta(days=1)]
    for (day, presence), next_day in zip(line, following):
        if presence >= GONE or next_day <= day:
            continue
        last = next_day - dt.timedelta(days=1)
        if out and out[-1][1] + dt.timedelta(days=1) >= day:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((day, last))
    return out


#: the indicators that sum over every declared attack target (and their breakdowns other than by target)
OVER_ALL_TARGETS = ("attacks_on_foreign_forces", "foreign_killed", "foreign_wounded")


def unheld(sc, indicator: str | None = None) -> list[str]:
    """The attack targets in the theatre that no foreign party holds (a host's army posts): their attacks and dead
    count in :data:`OVER_ALL_TARGETS`. With ``indicator``: those it counts (none for another indicator, or a
    breakdown by target)."""
    ids = [t.id for t in sc.targets if t.in_theatre and not t.parties]
    if indicator is not None:
        base, *parts = indicator.split(".")
        if base not in OVER_ALL_TARGETS or {t.id for t in sc.targets} & set(parts):
            return []
    return ids


def with_unheld(sc, indicator: str) -> str:
    """`` (with X, held by no foreign party)`` for an indicator that counts such targets (:func:`unheld`), or ""."""
    ids = unheld(sc, indicator) if sc is not None else []
    return f" (with {', '.join(ids)}, held by no foreign party)" if ids else ""


def unheld_note(sc) -> str | None:
    """What the foreign side's totals count beside the foreign forces, in words, or None (a held-out case's tables
    showed the host army's dead as foreign_killed, said only by validate)."""
    ids = unheld(sc)
    if not ids:
        return None
    held = [t.id for t in sc.targets if t.parties]
    return (f"attack target(s) {', '.join(ids)} no foreign party holds: their attacks and dead count in "
            f"{', '.join(OVER_ALL_TARGETS)}, which are the attacks on every declared target"
            + (f"; the foreign forces' own are <indicator>.<target> for {', '.join(held)}" if held else ""))


def _holding(sc, party: str):
    """(entry, whether it names every faction) for each of the scenario's own ``rules_of_engagement`` entries of
    ``party`` at scale 0 (a number or a parameter whose value is 0)."""
    from flashpoint.scenario.parameters import parameters

    table = parameters(sc)
    factions = {a.id for a in sc.actors_of("proxy")}
    for e in sc.schedule:
        if e.type == "rules_of_engagement" and e.actor == party:
            scale = table[e.scale].value if isinstance(e.scale, str) and e.scale in table else e.scale
            if scale == 0:
                yield e, factions <= set(e.targets)


def held_fire(sc, party: str) -> list[tuple[dt.date, dt.date]]:
    """The spans over which the scenario's own ``rules_of_engagement`` entries of ``party`` at scale 0 hold its fire
    at every faction."""
    return [(e.date, e.until) for e, every in _holding(sc, party) if every]


def held_fire_at_some(sc, party: str) -> list[tuple[str, list[str]]]:
    """(entry id, the factions it names) for each such entry that holds ``party``'s fire at some factions only (an
    entry scales the rule's answer to the attacks of the factions it names: a held-out case's entry naming one of
    three left the others answered)."""
    return [(e.id, list(e.targets)) for e, every in _holding(sc, party) if not every]


def rule_while_its_owner_away(sc) -> tuple[str, list[tuple[dt.date, dt.date]], list[str]] | None:
    """(owner, spans, others) where the scenario's one response rule (the first foreign power's: its response
    parameters are one number each) belongs to a power none of whose troops the schedule has there over ``spans``
    (before it arrives, between its tours; its departure for good is said by
    :func:`flashpoint.scenario.entries.rule_after_its_owner_left`) while ``others``, parties holding targets, are
    there: their attacks are answered by that rule and its strikes credited to the owner (a held-out case's
    Rwanda was credited with Wagner's and a contractor's strikes two years before it arrived). The days on which the
    owner's own rules_of_engagement entries at scale 0 hold its fire (:func:`held_fire`) are left out: it strikes on
    none of them (a held-out designer's hold until his force came was noted as if it were not there)."""
    from flashpoint.engine.requirements import rule_per_party

    foreign = sc.actors_of("foreign_power")
    if not foreign or rule_per_party(sc):
        return None
    steps = base_steps(sc)
    owner = foreign[0].id
    spans = absences(steps[owner], sc.end)
    if spans and spans[-1][1] == sc.end and spans[-1][0] > sc.start:     # gone for good, having been there
        spans = spans[:-1]
    spans = _less(spans, held_fire(sc, owner))
    holders = [a.id for a in sc.foreign_parties if a.id != owner
               and (not sc.targets or any(a.id in t.parties for t in sc.targets))]
    others = [p for p in holders if any(present_on(steps[p], d) >= GONE for a, b in spans
                                        for d in {a} | {d for d, _ in steps[p] if a <= d <= b})]
    return (owner, spans, others) if spans and others else None


def _less(spans: list[tuple[dt.date, dt.date]], holes: list[tuple[dt.date, dt.date]]):
    """``spans`` without the days that ``holes`` cover."""
    for a, b in holes:
        out = []
        for x, y in spans:
            if b < x or a > y:
                out.append((x, y))
                continue
            if x < a:
                out.append((x, a - dt.timedelta(days=1)))
            if y > b:
                out.append((b + dt.timedelta(days=1), y))
        spans = out
    return spans


def answered_while_absent(sc) -> list[tuple[str, str, list[tuple[dt.date, dt.date]]]]:
    """(party, target, spans) for each target no party holds, or held outside the theatre (``in_theatre: false``),
    that a party's response rule answers (``answered``) while the schedule leaves none of that party's troops in the
    theatre and no rules_of_engagement entry at scale 0 holds its fire (:func:`held_fire`): its strikes then come
    from outside (a held-out case's US struck for attacks on the host's posts before its marines had landed; another
    case's entries that held its fire there were not seen)."""
    steps = base_steps(sc)
    out = []
    for t in sc.targets:
        if t.parties and t.in_theatre:
            continue
        for party in steps:
            spans = _less(absences(steps[party], sc.end), held_fire(sc, party)) if _answers(sc, t, party) else []
            if spans:
                out.append((party, t.id, spans))
    return out


#: the indicators that count attacks on, or casualties of, the foreign parties' attack targets
COUNTED_ON_TARGETS = ("attacks_on_foreign_forces", "foreign_killed", "foreign_wounded")


def gone_days(sc, policy: str, indicator: str, start: dt.date, end: dt.date
              ) -> list[tuple[list[str], int, dt.date, list[str], list[str]]]:
    """(the parties, the days of start..end, the first such day, the attack targets, the other targets counted) for
    each group of the attack targets ``indicator`` counts that the same foreign parties hold in the theatre, on whose
    days none of those parties' troops are there under ``policy``'s schedule (its certain moves): attacks on those
    targets are 0 there by construction, the patron's direct strikes too; the other targets it counts (held outside
    the theatre, by no party, or by forces still there) go on. The targets are [] for the one implicit target of a
    scenario that declares none. [] where the indicator counts something else or no such day falls in the window (a
    held-out historian's "withdrawal cut the attacks" was "supported" beside runs that held no Soviet troops to
    attack; a held-out political scientist's force, absent from the theatre, went unsaid as its party also held a
    target outside it)."""
    from flashpoint.scenario.entries import live_entries

    parties = {a.id for a in sc.foreign_parties}
    targets = {t.id: t for t in sc.targets}
    counted: list = []
    for part in indicator.split("+"):
        root, *tokens = part.split(".")
        if root not in COUNTED_ON_TARGETS:
            return []
        counted += [targets[t] for t in tokens if t in targets] or list(sc.targets)
    counted = list({t.id: t for t in counted}.values())
    groups: dict[tuple[str, ...], list[str]] = {}      # the holders in the theatre -> their targets counted
    for t in counted:
        held = tuple(sorted(p for p in t.parties if p in parties))
        if t.in_theatre and held:
            groups.setdefault(held, []).append(t.id)
    if not sc.targets:                                   # the one implicit target, every party's
        groups = {tuple(sorted(parties)): []}
    certain = [(None, e) for e in live_entries(sc, policy) if e.type in MOVES and e.probability in (1, 1.0)]
    steps = moves(sc, certain)[1]
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    out = []
    for holders, ids in groups.items():
        gone = [d for d in days if all(present_on(steps[p], d) < GONE for p in holders)]
        if gone:
            out.append((list(holders), len(gone), gone[0], ids, [t.id for t in counted if t.id not in ids]))
    return out
