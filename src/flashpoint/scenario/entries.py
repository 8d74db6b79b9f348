"""What each type of schedule entry means, needs and may name: one table, one validator.

Every field a user writes is honoured by the engine or rejected here. ``actor`` and ``target`` must
be actors of the kinds the type allows (``ANY`` allows every kind); a type that acts on factions may
name several (``many``). Where the meaning says whom an entry acts on (the targeted factions, the acting
foreign party), the engine reads them for that; the host's political events (``host_demand``,
``parliament_vote``, ``host_executive_change``, ``dialogue``, ``election``, ``protests``) act on the host
and the whole foreign presence as their meaning says, and there ``actor`` and ``target`` say who did
what to whom in the simulated event record (its ``source_actor`` and ``target_actor``), as does a
drawdown's ``target`` (whom the departing troops served). ``needs`` are fields the type must give, ``allows`` those it may give; any
other type-specific field is rejected. Numbers that are effect sizes (``size``, ``scale``,
``compliance``, ``holds_days``) may be written as a number or as the name of a declared parameter
(usually under ``effects:``), so that they carry a unit, a range and a source and can be fitted.
"""
from __future__ import annotations

from dataclasses import dataclass

ANY = ("*",)
FOREIGN = ("foreign_power", "ally")
#: the host country's own actors: its government, legislature, forces and public, and the factions in it
HOST_SIDE = ("host_executive", "host_legislature", "host_forces", "public", "proxy")
#: whom foreign troops serve, as a drawdown's or a deployment's target names it (the event record's target)
SERVED = ("host_executive", "host_legislature", "host_forces", "public") + FOREIGN


@dataclass(frozen=True)
class EntryRule:
    meaning: str
    actor: tuple[str, ...] = ANY
    target: tuple[str, ...] = ANY
    many_actors: bool = False
    many_targets: bool = False
    needs: tuple[str, ...] = ()
    allows: tuple[str, ...] = ()
    one_of: tuple[str, ...] = ()          # exactly one of these fields


#: entry type -> the switchable mechanisms it acts through (the others act through processes that always run,
#: or, a marker, through nothing): with all of them off in the file, an entry of that type changes nothing
ACTS_THROUGH: dict[str, tuple[str, ...]] = {
    "decapitation": ("decapitation",), "patron_order": ("control",), "patron_direct_strike": ("escalation",),
    "host_demand": ("consent", "coalition"), "parliament_vote": ("consent",), "host_executive_change": ("consent",),
    "dialogue": ("consent",), "sanctions": ("pressure",), "threat": ("deterrence",), "election": ("politics",),
    "protests": ("politics",),
}


#: the kinds of a decapitation entry, by whom it kills (:func:`entry_kinds`)
PATRON_DECAPITATION, FACTION_DECAPITATION = "patron decapitation", "faction decapitation"
#: what acts only through schedule entries of these types, a mechanism (all its parameters) or one parameter:
#: without such an entry, its parameters change nothing
ONLY_THROUGH: dict[str, tuple[str, ...]] = {
    "decapitation": ("decapitation",), "deterrence.threat_deterrence": ("threat",),
    # a decapitation of the patron's commander and one of a faction's act through parameters of their own (M4)
    "decapitation.successor_strength": (PATRON_DECAPITATION,),
    "decapitation.coordination_loss": (FACTION_DECAPITATION,), "decapitation.deterrent_effect": (FACTION_DECAPITATION,),
    "control.obedience": ("patron_order",), "escalation.per_decapitation": ("decapitation",),
    "consent.decapitation_cost": ("decapitation",), "consent.vote_cost": ("parliament_vote",),
    "consent.demand_cost": ("host_demand",), "consent.dialogue_gain": ("dialogue",),
    "coalition.demand_sensitivity": ("host_demand",),
    "consent.executive_change_shift": ("host_executive_change",),
    "pressure.per_sanctions": ("sanctions",), "pressure.sanctions_grievance": ("sanctions",),
    "politics.per_decapitation": ("decapitation",), "politics.per_protest_wave": ("protests",),
    "politics.swing_mean": ("election",), "politics.swing_sd": ("election",),
    "politics.seat_loss_per_host_attack": ("election",),
}
#: the response rule's probabilities of striking back (engine/response.py)
STRIKE_PROBABILITIES = ("strike_prob_after_lethal", "strike_prob_after_wounding", "strike_prob_per_attack")
#: what acts only through the strikes of the response rule and of ``foreign_strike`` entries (the strike counts,
#: and the host's dead they kill, that the mechanisms read): where no strike can fall, these change nothing
ONLY_THROUGH_STRIKES = (
    "reprisal.excitation_per_strike", "deterrence.capability_damage_per_strike", "deterrence.deterrence_per_strike",
    "deterrence.backlash_per_strike", "deterrence.backlash_spillover", "deterrence.backlash_per_host_killed",
    "escalation.per_strike", "consent.strike_cost", "consent.casualty_cost", "politics.per_strike",
)
#: what sizes, delays and places the response rule's own strikes (a scheduled ``foreign_strike`` draws its own
#: waves, day and dead): where the rule cannot strike (its strike probabilities 0), these change nothing
ONLY_THROUGH_RULE_STRIKES = ("response.strikes_per_response", "response.lag_days", "response.host_soil_share",
                             "response.host_killed_per_strike")
#: entry fields that may name a declared parameter (an effect size)
NAMING = ("probability", "scale", "size", "compliance", "holds_days", "fades_days", "mode_share")


def live_entries(scenario, policy: str, settings: dict | None = None) -> list:
    """The entries that can happen under ``policy``: its schedule (less what it drops, with what it adds) less
    those that require, directly or through a chain, an entry it does not have (the engine never fires them),
    unless the policy's or ``settings``' ``<entry>.requires: false`` cuts the link (in some run)."""
    pol = scenario.policies[policy]
    given = {**pol.set, **(settings or {})}
    live = {e.id: e for e in [e for e in scenario.schedule if e.id not in set(pol.drop)] + list(pol.add)}
    while dead := [i for i, e in live.items() if not link_cut(e, given) and any(r not in live for r in e.requires)]:
        for i in dead:
            del live[i]
    return list(live.values())


def certain_before(scenario, policy: str, entry, settings: dict | None = None) -> bool:
    """Whether every entry ``entry`` requires happens in every run under ``policy``, by its day: each is in the
    policy's runs, dated earlier or the same day (a day's entries resolve after those they require), with no
    probability below 1 (none written, or 1 as a number), not an attack (which needs its target there) and with the
    same of what it requires. Cutting ``entry``'s link then changes nothing (an outside tester's cut of a link to a
    marker of the same day was taken, its runs the same bit for bit)."""
    live = {e.id: e for e in live_entries(scenario, policy, settings)}

    def sure(r: str, day, seen: frozenset) -> bool:
        e = live.get(r)
        chance = getattr(e, "probability", None)
        return (e is not None and r not in seen and e.date <= day and e.type not in ("proxy_attack",
                "patron_direct_strike") and (chance is None or (not isinstance(chance, str) and chance == 1))
                and all(sure(q, e.date, seen | {r}) for q in e.requires))

    return bool(entry.requires) and all(sure(r, entry.date, frozenset({entry.id})) for r in entry.requires)


def certain_cut(scenario, policy: str, key: str, given: dict, settings: dict | None = None):
    """The entry whose link ``key`` (``<entry>.requires``) ``given`` cuts under ``policy`` where what it requires
    happens in every run first (:func:`certain_before`): the cut would change nothing. None otherwise (no such
    entry in the policy's runs, the link kept, a prerequisite that may not happen)."""
    pol = scenario.policies[policy]
    entry = next((e for e in [*scenario.schedule, *pol.add] if f"{e.id}.requires" == key), None)
    if entry is None or entry.id in pol.drop or not link_cut(entry, given):
        return None
    return entry if certain_before(scenario, policy, entry, settings) else None


def link_cut(e, given: dict) -> bool:
    """Whether ``given`` (a policy's settings and the caller's) cuts ``e``'s ``requires`` link in some run."""
    import numpy as np

    from flashpoint.errors import ScenarioError
    from flashpoint.scenario.parameters import _switch

    try:
        return f"{e.id}.requires" in given and not np.all(_switch("", given[f"{e.id}.requires"], ""))
    except ScenarioError:             # not a switch: reported by the policy's checks
        return False


def policy_changes(scenario, policy: str, settings: dict | None = None) -> dict:
    """What ``policy`` changes from the schedule, as reports show it: its description, the values it sets, the
    entries it drops and adds, and those it loses through ``requires`` links to what it drops (:func:`live_entries`;
    a held-out case's claim turned on an entry lost so, which the reports did not name)."""
    import numpy as np

    pol = scenario.policies[policy]
    entries = live_entries(scenario, policy, settings)
    given = {**pol.set, **(settings or {})}

    def never(e) -> bool:       # its probability 0 as written, or set so: it never happens, nor what requires it (a
        chance = getattr(e, "probability", None)      # held-out case's policy set its Tonkin attack's to 0, and the
        chance = given.get(chance) if isinstance(chance, str) else chance    # strikes requiring it went unsaid)
        return chance is not None and np.ndim(chance) == 0 and float(chance) == 0

    live = {e.id for e in entries}
    gone = {e.id for e in entries if never(e)}
    while more := {e.id for e in entries if e.id not in gone and not link_cut(e, given) and set(e.requires) & gone}:
        gone |= more
    live -= gone - {e.id for e in entries if never(e)}
    return {"description": pol.description.strip(),
            "sets": dict(pol.set),
            "drops": list(pol.drop), "adds": [e.id for e in pol.add],
            "lost_through_requires": [e.id for e in list(scenario.schedule) + list(pol.add)
                                      if e.id not in live and e.id not in pol.drop]}


def unnamed_publics(scenario, kinds=("public", "host_forces", "host_legislature")) -> list[str]:
    """The actors of ``kinds`` nothing else in the scenario names (no entry, relation, target, policy, claim or
    record mapping; a marker, a dated fact the model does not read, does not count): the engine reads a public actor,
    the host's forces or its legislature only where something names them, so such an actor changes no number of the
    runs (a held-out case's second host, written as public, was taken to act; a held-out journalist's host-side
    militia, named by a marker only, was too; a held-out analyst's host army, named by nothing, went unsaid)."""
    def strings(x):
        if isinstance(x, str):
            yield x
        elif isinstance(x, dict):
            for k, v in x.items():
                yield str(k)
                yield from strings(v)
        elif isinstance(x, (list, tuple, set, frozenset)):
            for v in x:
                yield from strings(v)

    doc = scenario.model_dump(exclude={"actors"})
    doc["schedule"] = [e for e in doc["schedule"] if e["type"] != "marker"]
    for policy in doc["policies"].values():
        policy["add"] = [e for e in policy["add"] if e["type"] != "marker"]
    named = {word for text in strings(doc) for word in text.replace("+", ".").split(".")}
    return [a.id for a in scenario.actors if a.kind in kinds and a.id not in named]


def kept_drawdowns(scenario) -> list[tuple[str, list[str], list[str]]]:
    """(policy, deployments of a party it drops, that party's later drawdowns it keeps) for each policy that cuts a
    deployment and not what withdraws it: the drawdowns then take their troops from the force that stays (a held-out
    case's no-surge policy left 33,000 of the surge's withdrawals in place, taking its force from 62,000 to 29,000)."""
    out = []
    for name in scenario.policies:
        live = live_entries(scenario, name)
        lost = {e.id for e in scenario.schedule} - {e.id for e in live}
        for party in {e.actor for e in scenario.schedule if e.type == "deployment" and e.id in lost}:
            cut = [e for e in scenario.schedule if e.type == "deployment" and e.actor == party and e.id in lost]
            kept = [e.id for e in live if e.type == "coalition_drawdown" and e.actor == party
                    and e.date > min(d.date for d in cut)]
            if kept:
                out.append((name, [d.id for d in cut], kept))
    return out


def drop_words(changes: dict) -> str:
    """A policy's drops in words (:func:`policy_changes`): "a, b; through requires: c" ("" when none)."""
    lost = changes["lost_through_requires"]
    return "; ".join(filter(None, [", ".join(changes["drops"]), lost and "through requires: " + ", ".join(lost)]))


def entryless(scenario, policy: str, settings: dict | None = None, until=None) -> dict[str, tuple[str, ...]]:
    """Name (a mechanism or a parameter) -> the entry types it acts through, for each of ``ONLY_THROUGH`` that the
    policy's schedule gives nothing to act on (:func:`live_entries`; a held-out case fitted a decapitation's
    effects with no decapitation, a held-out field audit set threat_deterrence with no threat); ``until``: only
    entries dated on or before it count (a claim's window: one dated after cannot act inside it)."""
    types = set().union(*(entry_kinds(scenario, e) for e in live_entries(scenario, policy, settings)
                          if until is None or e.date <= until))
    return {name: kinds for name, kinds in ONLY_THROUGH.items()
            if name.partition(".")[0] in scenario.mechanisms and not types & set(kinds)}


def entry_kinds(scenario, e) -> set[str]:
    """The entry's type, and for a decapitation whom it kills: the patron's commander, a faction's, or both (a
    held-out field audit set successor_strength, which only the patron's acts through, where the only
    decapitation killed a faction's: accepted, and nothing changed)."""
    kinds = {e.type}
    if e.type == "decapitation":
        killed = set(e.targets)
        if killed & {a.id for a in scenario.actors_of("patron")}:
            kinds.add(PATRON_DECAPITATION)
        if killed & {a.id for a in scenario.actors_of("proxy")}:
            kinds.add(FACTION_DECAPITATION)
    return kinds


def named_effects(e) -> set[str]:
    """The ``effects.<name>`` an entry names (in its probability, scale, size, ...)."""
    return {v for f in NAMING if isinstance(v := getattr(e, f, None), str) and v.startswith("effects.")}


def live_effects(scenario, policy: str, settings: dict | None = None) -> set[str]:
    """The ``effects.<name>`` that the entries that can happen under ``policy`` (:func:`live_entries`) name."""
    return set().union(*(named_effects(e) for e in live_entries(scenario, policy, settings)))


def unused_effects(scenario, policy: str, settings: dict | None = None) -> dict[str, list[str]]:
    """``effects.<name>`` -> the ids of the entries that name it, for each effect that entries name and none of
    those that can happen under ``policy`` does (:func:`live_entries`): setting it changes nothing."""
    users: dict[str, list[str]] = {}
    for e in scenario.every_entry:
        for name in named_effects(e):
            users.setdefault(name, []).append(e.id)
    live = live_effects(scenario, policy, settings)
    return {name: list(dict.fromkeys(ids)) for name, ids in users.items() if name not in live}


def idle_entries(scenario) -> list[tuple[str, str, tuple[str, ...]]]:
    """(entry id, type, mechanisms) of each schedule entry all of whose mechanisms are off under every policy."""
    from flashpoint.scenario.parameters import idle_mechanisms

    return [(e.id, e.type, ACTS_THROUGH[e.type])
            for e in _acting_only_through(scenario.schedule, idle_mechanisms(scenario, list(scenario.policies)))]


def _acting_only_through(entries, off: set[str]) -> list:
    """The entries all of whose mechanisms are in ``off``."""
    return [e for e in entries if e.type in ACTS_THROUGH and set(ACTS_THROUGH[e.type]) <= off]


def idle_added_entries(scenario) -> list[tuple[str, str, tuple[str, ...], str]]:
    """(entry id, type, mechanisms, policy) of each entry a policy adds all of whose mechanisms are off under that
    policy (a held-out methodologist's policy added a decapitation with M4 off: its claim could only tie, unsaid by
    validate)."""
    from flashpoint.scenario.parameters import idle_mechanisms

    out = []
    for name, policy in scenario.policies.items():
        out += [(e.id, e.type, ACTS_THROUGH[e.type], name)
                for e in _acting_only_through(policy.add, idle_mechanisms(scenario, [name]))]
    return out


def wider_suspensions(scenario) -> list[tuple[str, list[str], list[str]]]:
    """(entry id, targets it covers, parties it does not name that hold them) for each suspension (of the schedule
    or a policy's) that names foreign parties, not ``attack_targets``, and covers an attack target other parties
    hold too: the halt then stops the attacks on their forces as well (a held-out wargame designer's truce with a
    partner stopped the attacks on the foreign power's forces: the built-in case has one target, held by both)."""
    from flashpoint.scenario.presence import base_steps, present_on

    steps = base_steps(scenario)

    def there(party: str, since) -> bool:      # present on the day or later (a held-out case's note named a
        line = steps.get(party)                 # contingent the schedule had withdrawn for good months before)
        return not line or present_on(line, since) > 0 or any(when > since and p > 0 for when, p in line)

    out = []
    entries = scenario.every_entry
    for e in dict((e.id, e) for e in entries if e.type == "suspension" and not e.attack_targets).values():
        named = set(e.targets)
        covered = [t for t in scenario.attack_targets if named & set(t.parties)]
        others = sorted({p for t in covered for p in t.parties} - named)
        others = [p for p in others if there(p, e.date)]
        if others:
            out.append((e.id, [t.id for t in covered], others))
    return out


def partial_suspensions(scenario) -> list[tuple[str, list[str], list[str]]]:
    """(entry id, targets it covers, attack targets it leaves) for each suspension that names foreign parties, not
    ``attack_targets``, while other attack targets are declared: the truce stops the factions' attacks on the named
    parties' targets only, and their attacks on the others go on (a held-out researcher's peace accord with the
    US as target stopped 0.06 % of the guerrillas' attacks, those on the advisers, and left the army's). A target
    another suspension of the same factions covers from the same day is not left (a pause of two entries)."""
    def covers(e) -> list[str]:
        return [t.id for t in scenario.attack_targets
                if (t.id in e.aimed_at if e.attack_targets else set(e.targets) & set(t.parties))]

    truces = list(dict((e.id, e) for e in scenario.every_entry if e.type == "suspension").values())
    out = []
    for e in truces:
        if e.attack_targets:
            continue
        covered = covers(e)
        beside = {t for o in truces if o.date == e.date and set(o.actors) & set(e.actors) for t in covers(o)}
        # not a target whose parties the schedule has withdrawn for good by then (a held-out historian's truce of
        # 1989 was told attacks on Mauritania's forces went on, gone since 1979)
        gone = {a.id: _gone(scenario, a) for a in scenario.foreign_parties}
        left = [t.id for t in scenario.attack_targets if t.id not in beside and not (
            t.parties and all(gone.get(p) and gone[p] <= str(e.date) for p in t.parties))]
        if covered and left:
            out.append((e.id, covered, left))
    return out


def strikes_on_others(scenario, entries=None) -> list[tuple[str, list[str], list[str]]]:
    """(party, factions it strikes, other parties whose targets those factions attack) for each foreign party
    that holds no declared attack target but strikes factions in ``entries`` (default: the schedule's): a faction's
    backlash and self-excitation are its own, not aimed at who struck it, so the strikes raise its attacks on the
    others' targets (a held-out case's US drone strikes doubled the attacks on India's embassy and road workers)."""
    if not scenario.targets:
        return []
    held = {p for t in scenario.targets for p in t.parties}
    out = []
    for party in scenario.foreign_parties:
        if party.id in held:
            continue
        struck = sorted({f for e in (scenario.schedule if entries is None else entries)
                         if e.type == "foreign_strike" and e.actor == party.id for f in e.targets})
        if struck:
            out.append((party.id, struck, sorted(held)))
    return out


#: what a strike in the patron's country does and does not do (``flashpoint scenario validate``'s note, and the one
#: ``flashpoint claims`` gives beside a claim whose policies differ by such strikes)
PATRON_SOIL = ("a strike acts on the factions it names (damage, deterrence, backlash) wherever it falls, and only the "
               "host's soil (consent) tells theatres apart; nothing in the model costs or coerces the patron itself "
               "(docs/ODD.md section 9)")


def patron_countries(scenario) -> set[str]:
    """The countries of the scenario's patrons (their CAMEO codes' first three letters)."""
    return {a.cameo[:3] for a in scenario.actors_of("patron") if a.cameo}


def on_patron_soil(scenario, entries=None) -> list[str]:
    """The ids of the foreign strikes and decapitations among ``entries`` (default: every entry of the scenario) that
    fall in a patron's country (their theatre, or the host's country where they give none): they act on the factions
    they name, and nothing in the model costs or coerces the patron (:data:`PATRON_SOIL`)."""
    there = patron_countries(scenario)
    return list(dict.fromkeys(e.id for e in (scenario.every_entry if entries is None else entries)
                              if e.type in ("foreign_strike", "decapitation")
                              and (e.theatre or scenario.host_country) in there))


#: what a threat aimed at no faction does and does not do (``flashpoint scenario validate``'s note, and the one
#: ``flashpoint claims`` gives beside a claim whose policies differ by such a threat)
THREAT_BEYOND = ("a threat works only through the factions' deterrence (deterrence.threat_deterrence, M2): the factions "
                 "it names, every faction where it names none; nothing in the model costs or coerces a patron or a "
                 "host it is aimed at (docs/ODD.md section 9)")


def threats_beyond_factions(scenario, entries=None) -> list[tuple[str, list[str], bool]]:
    """(id, the targets that are no faction, whether it names no faction) of each ``threat`` among ``entries``
    (default: every entry of the scenario) aimed at some actor that is not a faction (the patron, the host): it deters
    the factions it names, or every faction where it names none, and nothing in the model coerces whom it is aimed at
    (:data:`THREAT_BEYOND`; a held-out political scientist's threat of war to the patron, and one to the host)."""
    proxies = {a.id for a in scenario.actors_of("proxy")}
    out: dict[str, tuple[str, list[str], bool]] = {}
    for e in (scenario.every_entry if entries is None else entries):
        if e.type == "threat" and (others := [t for t in e.targets if t not in proxies]):
            out.setdefault(e.id, (e.id, others, len(others) == len(e.targets)))
    return list(out.values())


def threat_words(scenario, threats: list[tuple[str, list[str], bool]]) -> str:
    """The threats of :func:`threats_beyond_factions` in words: "threat x is aimed at y (patron), no faction: it
    deters every faction"."""
    kinds = {a.id: a.kind for a in scenario.actors}

    def whom(others: list[str]) -> str:
        return ", ".join(f"{t} ({kinds[t]})" if t in kinds else t for t in others)
    return "; ".join(
        f"threat {i} is aimed at {whom(others)}"
        + (", no faction: it deters every faction" if alone else ": only the factions it names beside are deterred")
        for i, others, alone in threats)


def drawdown_share(e, troops: float) -> float | None:
    """The share of a party's ``troops`` a coalition_drawdown withdraws or a deployment brings (its ``fraction``, or its ``troops`` over
    the party's), None where that is not a number the file gives."""
    share = e.fraction if e.fraction is not None else e.troops / troops if troops else None
    return share if isinstance(share, (int, float)) else None


def _gone(scenario, actor) -> str | None:
    """The date from which the schedule leaves none of ``actor``'s troops there to the end (having been there
    before), or None: the forces' arithmetic of :func:`flashpoint.scenario.presence.moves`."""
    from flashpoint.scenario.presence import GONE, base_steps

    line = base_steps(scenario).get(actor.id, [])
    there = [k for k, (_, presence) in enumerate(line) if presence >= GONE]
    if not there or there[-1] == len(line) - 1:
        return None
    return str(line[there[-1] + 1][0])


def rule_after_its_owner_left(scenario) -> tuple[str, str, list[str]] | None:
    """(owner, date, others) when the schedule withdraws the first foreign power, whose response rule is the
    scenario's one (its response parameters are one number each), for good while other foreign parties stay:
    their attacks are still answered by that rule, and
    its strikes credited to the owner (a held-out case's Ethiopia struck on after it left)."""
    from flashpoint.engine.requirements import rule_per_party

    foreign = scenario.actors_of("foreign_power")
    day = _gone(scenario, foreign[0]) if foreign and not rule_per_party(scenario) else None
    if day is None:
        return None
    others = [a.id for a in scenario.foreign_parties if a.id != foreign[0].id and (_gone(scenario, a) or "9999") > day
              # a party that holds no declared attack target is attacked nowhere (a held-out case's ally read both
              # "its attacks still answered" and "no attack falls on it")
              and (not scenario.targets or any(a.id in t.parties for t in scenario.targets))]
    return (foreign[0].id, day, others) if others else None


RULES: dict[str, EntryRule] = {
    "decapitation": EntryRule(
        "the foreign power kills a leader: the patron's commander (the broker channel: every faction loses "
        "control in proportion to its broker dependence) or a faction's commander (that faction: disruption, "
        "deterrence, backlash, lost control); several targets may be killed in one strike; `scale` sizes these "
        "leadership effects (M4) only: the strike's cost to host consent (M5), to polarisation (M10) and its step "
        "up the escalation ladder (M8) are the same at any scale",
        actor=FOREIGN, target=("patron", "proxy"), many_targets=True, allows=("scale", "theatre")),
    "patron_order": EntryRule(
        "the patron orders the targeted factions to restrain or escalate from date until `until`; each obeys in "
        "proportion to its control and the obedience parameter, on its whole attack rate",
        actor=("patron",), target=("proxy",), many_targets=True, needs=("order", "until"), allows=("scale",)),
    "suspension": EntryRule(
        "the acting factions announce their own halt of attacks on the target; it removes `compliance` of their "
        "attack rate and holds for a random time with mean `holds_days` (exponential), at most until `until`; "
        "it covers the attack targets that belong to the named foreign parties, or those `attack_targets` names; "
        "a truce toward the host's side (`target` its government, forces or another of its actors) names in "
        "`attack_targets` the targets no foreign party holds (the host's posts) that it covers, and the factions' "
        "attacks on the host that `hostility` drives (attacks_on_host) go on",
        actor=("proxy",), target=SERVED, many_actors=True, many_targets=True, needs=("compliance", "holds_days"),
        allows=("until", "attack_targets")),
    "outside_shock": EntryRule(
        "an event outside the conflict (a war elsewhere, a lockdown, a host raid, a change of government) "
        "multiplies the targeted factions' motivation (their rate of attacks on the foreign side's targets, not on "
        "the host) by exp(size) from date until `until` (or the end); "
        "with `fades_days` the size fades as exp(-days since the date / fades_days); with `attack_targets` it "
        "multiplies their whole attack rate on those targets only (a change of targeting: a target declared or "
        "dropped); `actor` is who the record says caused it (the event's source), which the model does not read: "
        "the sign of `size` alone says whether it raises or lowers the attacks",
        target=("proxy",), many_targets=True, needs=("size",), allows=("until", "fades_days", "attack_targets")),
    "tactics": EntryRule(
        "the acting factions change their repertoire against the target parties: from date until `until` (or the "
        "end) the modes of their attacks on the attack targets those parties hold (or those `attack_targets` "
        "names) are drawn from `mode_share`, an effect declared with one share per attack mode (normalised to "
        "sum 1), instead of attacks.mode_share (a new weapon or a new kind of attack coming into use); where "
        "several are in force the latest applies; an attack target's own mode_share still decides the attacks on "
        "it. The modes change, not how many attacks there are; a change against the host's side (`target` its "
        "government, forces or another of its actors) names in `attack_targets` the targets no foreign party holds "
        "(the host's posts) that it covers",
        actor=("proxy",), target=SERVED, many_actors=True, many_targets=True, needs=("mode_share",),
        allows=("until", "attack_targets")),
    "foreign_strike": EntryRule(
        "a dated strike by the foreign power on the targeted factions: `waves` strike waves on each (default 1) in "
        "`theatre` (default the host country), killing `host_killed` of the host's people in all; `actor` is who "
        "struck (the simulated event's source, credited in foreign_strikes_by_party). A strike needs no forces in "
        "the theatre (aircraft, ships, missiles "
        "from outside): it happens whatever the actor's presence, so a policy that withdraws a party keeps the "
        "party's scheduled strikes unless it drops them or they `require` what the withdrawal prevents. With `until`, "
        "an operation that lasts: `waves` on each targeted faction every day from date to `until` (`host_killed` in "
        "all, on its first day)",
        actor=FOREIGN, target=("proxy",), many_targets=True, allows=("waves", "host_killed", "theatre", "until")),
    "rules_of_engagement": EntryRule(
        "the foreign side changes when it strikes back: from date until `until` the `actor`'s response rule's "
        "probabilities of answering the targeted factions' attacks are multiplied by `scale` (0: it does not "
        "strike back, as before a decision to retaliate; 2: twice as ready); with one rule (the response "
        "parameters given as one number each) the actor must be the first foreign power, whose rule it is; "
        "scheduled strikes are not affected",
        actor=FOREIGN, target=("proxy",), many_targets=True, needs=("scale", "until")),
    "host_demand": EntryRule(
        "the host government moves to end the foreign mission: consent falls and partners' departure hazard rises "
        "(the whole foreign presence; `target` is whom the demand is addressed to, in the event record)",
        actor=("host_executive", "host_legislature"), target=FOREIGN),
    "proxy_attack": EntryRule(
        "a dated attack with its recorded mode and casualties (the record's consequential attacks), aimed at "
        "`attack_targets` (one) or else at the first attack target that belongs to the target party; `killed` or "
        "`wounded` left out: not known, drawn in each run as for a simulated attack of its mode "
        "(attacks.killed_per_attack, attacks.wounded_per_attack, after response.force_protection)",
        actor=("proxy", "patron"), target=FOREIGN, needs=("mode",), allows=("attack_targets", "killed", "wounded")),
    "patron_direct_strike": EntryRule(
        "the patron strikes the foreign forces directly, with recorded casualties (aimed as a proxy_attack); "
        "`killed` or `wounded` left out: drawn in each run as for the patron's own strikes "
        "(escalation.direct_strike_killed, escalation.direct_strike_wounded)",
        actor=("patron",), target=FOREIGN, allows=("attack_targets", "killed", "wounded")),
    "coalition_drawdown": EntryRule(
        "the acting foreign party withdraws `fraction` of its declared troops, or `troops` troops (at most what is "
        "still there); with `until` they are away until that day and back the day after (a temporary relocation: "
        "what left comes back, not troops that had gone before); `target` is whom they "
        "served (the event record's target)",
        actor=FOREIGN, target=SERVED, one_of=("fraction", "troops"), allows=("until",)),
    "deployment": EntryRule(
        "the acting foreign party's troops arrive: `fraction` of its declared troops (attributes.troops, its full "
        "strength), or `troops` troops, at most what is not yet there (attributes.initial_presence: the share "
        "there at the start, 0 for a force that arrives later); with `until` they leave again the day after; "
        "`target` is whom they serve (the event record's target)",
        actor=FOREIGN, target=SERVED, one_of=("fraction", "troops"), allows=("until",)),
    "sanctions": EntryRule(
        "designations and sanctions: pressure on the patron; grievance of the targeted factions (all of the "
        "patron's factions when the patron is the target)",
        actor=FOREIGN, target=("patron", "proxy"), many_targets=True),
    "parliament_vote": EntryRule("the host legislature votes to end the foreign presence", actor=("host_legislature",)),
    "host_executive_change": EntryRule("a new head of the host government", target=("host_executive",)),
    "dialogue": EntryRule("a round of talks between the foreign power and the host government (a faction at the "
                          "table is refused: the talks move host consent, M5)",
                          actor=FOREIGN + ("host_executive", "host_legislature"),
                          target=FOREIGN + ("host_executive", "host_legislature")),
    "threat": EntryRule(
        "a coercive threat by the foreign power: deters the targeted factions (all factions when the target "
        "is not a faction)", actor=FOREIGN, many_targets=True),
    "election": EntryRule("a host election: the factions' political bloc wins seats (M10 reads it as the host's; "
                          "a foreign power's election is a `marker`)", actor=HOST_SIDE),
    "protests": EntryRule("a wave of protests in the host country (M10 reads them as the host's; protests in a "
                          "foreign power's country are a `marker`)", actor=HOST_SIDE),
    "marker": EntryRule("a dated fact shown with the runs; it changes nothing in the model"),
}

#: entry types whose effect lasts from ``date`` to ``until`` (the rest happen on their day)
LASTING = ("patron_order", "suspension", "outside_shock", "rules_of_engagement", "tactics")


def describe() -> dict[str, str]:
    """entry type -> what it means (for docs and `flashpoint scenario show`)."""
    return {k: r.meaning for k, r in RULES.items()}
