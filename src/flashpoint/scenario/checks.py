"""Checks across a scenario's fields, each reported at the location of the entry that has the problem.

``problems(scenario)`` returns ``(location, message)`` pairs; a location is the path to the field in
the YAML document (``("schedule", 7, "target")``), which the loader turns into a line number. The
rules for schedule entries are the table in ``scenario/entries.py``; parameter names, keys and ranges
are checked against what the engine's components declare (``engine/requirements.py``).
"""
from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from functools import lru_cache

import numpy as np

from flashpoint.scenario import presence
from flashpoint.scenario.entries import ANY, FOREIGN, LASTING, RULES, drawdown_share, live_entries
from flashpoint.scenario.schema import HISTORICAL, TYPE_FIELDS, Entry, Scenario

Loc = tuple
#: the longest period a scenario may span (days); longer periods are almost surely a typo (9999-12-31)
MAX_DAYS = 36_525
#: bounds of effect sizes written on entries
EFFECT_BOUNDS = {"scale": (0.0, 10.0), "size": (-10.0, 10.0), "compliance": (0.0, 1.0), "holds_days": (1.0, 36_500.0),
                 "fades_days": (1.0, 36_500.0)}
REQUIRED_KINDS = ("foreign_power", "patron", "proxy")


def problems(sc: Scenario) -> list[tuple[Loc, str]]:
    out: list[tuple[Loc, str]] = []
    out += period_problems(sc)
    out += _actors(sc)
    broken_actors = bool(out)
    out += _relations(sc)
    out += _mechanisms(sc)
    out += _without_their_actors(sc)
    out += _drift(sc)
    share = sc.attacks.get("mode_share")
    if share is not None and isinstance(share.value, dict) and sum(share.value.values()) <= 0:
        out.append((("attacks", "mode_share", "value"), "attacks.mode_share's shares sum to 0 (they are normalised: "
                                                        "give each mode its share of the attacks)"))
    broken_targets: list = []
    if not broken_actors:   # the entries' checks read the actors' kinds, and the declared targets
        broken_targets = list(_targets(sc))
        out += broken_targets
    if not broken_actors and not broken_targets:
        out += _schedule(sc)
        out += _policies(sc)
        out += _claims(sc)
        out += _record(sc)
    return list(dict.fromkeys(out))      # a problem found once per policy is reported once


def period_problems(sc: Scenario):
    """The period's own problems: an end not after the start, or more than 100 years."""
    if sc.end <= sc.start:
        yield ("end",), f"end ({sc.end}) must be after start ({sc.start})"
    elif (sc.end - sc.start).days > MAX_DAYS:
        yield ("end",), (f"the period {sc.start}..{sc.end} spans {(sc.end - sc.start).days:,} days; "
                         f"at most {MAX_DAYS:,} (100 years) are accepted")


def _actors(sc: Scenario):
    seen: dict[str, int] = {}
    for i, a in enumerate(sc.actors):
        if a.id in seen:
            yield ("actors", i, "id"), f"actor id {a.id!r} is used twice (also actors[{seen[a.id]}])"
        seen.setdefault(a.id, i)
    kinds = Counter(a.kind for a in sc.actors)
    for needed in REQUIRED_KINDS:
        if not kinds[needed]:
            yield ("actors",), f"a scenario needs at least one actor of kind {needed}"
    if kinds["patron"] > 1:
        yield ("actors",), "a scenario has one patron (the actor its proxies answer to); found " + str(kinds["patron"])
    for i, a in enumerate(sc.actors):
        if a.kind in ("foreign_power", "ally") and "troops" not in a.attributes:
            yield ("actors", i, "attributes"), (
                f"actor {a.id!r} ({a.kind}) needs attributes.troops: its forces in the theatre at the start "
                f"(a quantity: value, unit, range, source)")
    for i, a in enumerate(sc.actors):
        if a.kind == "host_executive" and a.country in CAMEO_ROLES:
            yield ("actors", i, "cameo"), (
                f"the host executive's CAMEO code {a.cameo!r} begins with {a.country!r}, a CAMEO sector, not a "
                f"country: its first three letters are taken as the host country, whose soil a strike falls on when "
                f"its theatre names that country; write the country's ISO 3166 alpha-3 code first, then the sector "
                f"(e.g. KENGOV)")
    host = sc.host_country
    for i, a in enumerate(sc.actors):      # one host country: a held-out case's executive, recoded, moved the host's
        if a.kind in ("host_legislature", "host_forces") and host and a.country != host:     # soil unsaid
            yield ("actors", i, "cameo"), (
                f"{a.kind} {a.id!r}'s CAMEO code {a.cameo!r} names country {a.country!r}, not the host country "
                f"{host!r} (the first three letters of the host executive's code, which decide what a strike's "
                f"theatre counts as the host's soil): the host state's actors share one country")


#: CAMEO's role (sector) codes, which a country code never is: a host executive's code that begins with one names
#: no country (a held-out case wrote 'GOV'; the check does not require a country the text coder's list knows, so
#: any three-letter country is accepted)
CAMEO_ROLES = frozenset({"AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "INS",
                         "JUD", "LAB", "LEG", "MED", "MIL", "MOD", "NGO", "IGO", "OPP", "PTY", "RAD", "REB", "REF",
                         "SEP", "SPY", "UAF", "MNC", "IMG", "UNO", "PKO"})


_RELATION_KINDS = {"control": ("patron", "proxy"), "hostility": ("proxy", "host_executive"),
                   "alliance": ("foreign_power", "ally")}


def _relations(sc: Scenario):
    kinds = {a.id: a.kind for a in sc.actors}
    seen: dict[tuple, int] = {}
    for i, r in enumerate(sc.relations):
        key = (r.type, r.source, r.target)
        if key in seen:
            yield ("relations", i), f"relation {r.type} {r.source} -> {r.target} is declared twice (also relations[{seen[key]}])"
        seen.setdefault(key, i)
        first = {"alliance": [(x.type, x.target) for x in sc.relations[:i]],
                 "hostility": [a.id for a in sc.actors_of("host_executive")][:1]}
        if r.type == "alliance" and ("alliance", r.target) in first["alliance"]:
            leaders = [a.id for a in sc.actors_of("foreign_power")]
            read = next((lead for lead in leaders for x in sc.relations
                         if x.type == "alliance" and x.target == r.target and x.source == lead), None)
            yield ("relations", i), (f"ally {r.target!r} has more than one alliance relation: the engine reads one "
                                     f"cohesion per ally (from {read!r}, the first foreign power declared), the "
                                     f"others would be ignored; keep one")
        if (r.type == "hostility" and first["hostility"] and r.target not in first["hostility"]
                and kinds.get(r.target) == "host_executive"):     # (another kind is said below, once)
            yield ("relations", i, "to"), (f"hostility is read towards the host government {first['hostility'][0]!r} "
                                           f"only; towards {r.target!r} it would be ignored")
        want_from, want_to = _RELATION_KINDS[r.type]
        for field, end, want in (("from", r.source, want_from), ("to", r.target, want_to)):
            if end not in kinds:
                yield ("relations", i, field), f"relation {r.type} names unknown actor {end!r}; known: {sorted(kinds)}"
            elif kinds[end] != want:
                yield ("relations", i, field), (f"a {r.type} relation goes from a {want_from} to a {want_to}; "
                                                f"{end!r} is a {kinds[end]}" + (
                                                    " (the factions do not fight each other in this model: "
                                                    "docs/ODD.md section 9)" if r.type == "hostility"
                                                    and field == "to" and kinds[end] == "proxy" else ""))


def _mechanisms(sc: Scenario):
    from flashpoint.engine.contract import mechanisms

    known = mechanisms()
    for key, m in sc.mechanisms.items():
        if key not in known:
            yield ("mechanisms", key), f"unknown mechanism {key!r}; known: {', '.join(known)}"
        elif m.id != known[key].id:
            yield ("mechanisms", key, "id"), f"mechanism {key} is {known[key].id}, not {m.id}"
    for key in known:
        if key not in sc.mechanisms:
            yield ("mechanisms",), (f"mechanism {key} ({known[key].id}) is missing; declare it (set enabled: false "
                                    f"with a reason if it does not apply to this case)")


#: mechanisms that act on actors of one kind: with none declared they would run on nothing (M7 with no spoiler drew
#: a held-out designer's 8 spoiler attacks a day for an actor the case does not have, unsaid)
_ACTS_ON = {"consent": "host_executive", "politics": "host_executive", "coalition": "ally", "spoiler": "spoiler"}
#: the response rule's parameters of strikes on the host's soil
_HOST_RESPONSE = ("host_soil_share", "host_killed_per_strike")


def acts_on_nothing(sc: Scenario, key: str, settings: dict | None = None) -> str | None:
    """Why mechanism ``key``, switched on, would act on nothing in this scenario (no actor of the kind it acts on;
    an ally with no alliance relation for coalition cohesion; a spoiler whose parameters cannot move it), or None:
    what the file's switch, a policy's ``set`` and an override that switch it on are refused for. ``settings``
    (a policy's, overrides) win over the file's parameters."""
    kind = _ACTS_ON.get(key)
    if kind is not None and not sc.actors_of(kind):
        return f"acts on actors of kind {kind}, and the scenario has none"
    if key == "coalition":
        allied = {r.target for r in sc.relations if r.type == "alliance"}
        alone = [a.id for a in sc.actors_of("ally") if a.id not in allied]
        if alone:
            return (f"moves allies through their alliance relations, and {', '.join(map(repr, alone))} "
                    f"ha{'s' if len(alone) == 1 else 've'} none (cohesion 1, never moved)")
    if key == "spoiler":
        return _spoiler_still(sc, settings or {})
    return None


def _spoiler_still(sc: Scenario, settings: dict) -> str | None:
    """Why the spoiler (M7), switched on, could not move, or None. Its capacity starts at spoiler.base_activity and
    is only ever multiplied (by the growth, the attrition and the weekly volatility): from 0 it stays 0, and with
    all three at 0 it stays at its start, which is what it holds switched off; nothing else reads its states, and
    its draws are its own (engine/draws.py), so no output moves. A parameter not in ``settings`` counts at the top
    of its declared range (a calibration or a sensitivity analysis may move it there)."""
    import numpy as np

    m = sc.mechanisms.get("spoiler")
    if m is None:
        return None

    def zero(name: str) -> bool:
        if f"spoiler.{name}" in settings:
            try:
                return bool(np.all(np.asarray(settings[f"spoiler.{name}"], dtype=float) == 0))
            except (TypeError, ValueError):           # not a number: reported by the value's own check
                return False
        q = m.parameters.get(name)
        if q is None:
            return False
        ranges = q.range.values() if isinstance(q.range, dict) else [q.range]
        return all(hi <= 0 for _, hi in ranges)

    if zero("base_activity"):
        return ("starts at spoiler.base_activity 0 and only multiplies it, so stays at 0 (expected "
                "spoiler.base_activity above 0)")
    moving = ("growth", "attrition", "volatility")
    if all(zero(n) for n in moving):
        return ("has spoiler.growth, spoiler.attrition and spoiler.volatility all 0, so never leaves "
                "spoiler.base_activity (expected at least one of them above 0)")
    return None


def _switched_on(value) -> bool:
    """Whether a policy's setting of a switch turns it on in some run (a value that is not a switch: False, and
    reported by the policy's checks)."""
    import numpy as np

    from flashpoint.errors import ScenarioError
    from flashpoint.scenario.parameters import _switch

    try:
        return bool(np.any(_switch("", value, "")))
    except ScenarioError:
        return False


def _without_their_actors(sc: Scenario):
    """A mechanism with no actor to act on (host consent in a case with no host, coalition cohesion with no
    ally), and strikes on the soil of a host that is not there, are refused rather than run on nothing; so is a
    policy that switches such a mechanism on (a held-out field audit's consent.enabled: true with no host)."""
    for policy, pol in sc.policies.items():
        for key, m in sc.mechanisms.items():
            why = acts_on_nothing(sc, key, pol.set) if _switched_on(pol.set.get(f"{key}.enabled", False)) else None
            if why:
                yield ("policies", policy, "set", f"{key}.enabled"), (
                    f"policy {policy!r} switches on mechanism {key} ({m.id}), which {why}: the setting would change "
                    "nothing; leave it out")
    for key, kind in _ACTS_ON.items():
        m = sc.mechanisms.get(key)
        if m is not None and m.enabled and not sc.actors_of(kind):
            yield ("mechanisms", key, "enabled"), (f"mechanism {key} ({m.id}) acts on actors of kind {kind}, and the "
                                                   "scenario has none: switch it off (enabled: false, with a reason) "
                                                   f"or declare the {kind}")
    spoiler = sc.mechanisms.get("spoiler")
    if spoiler is not None and spoiler.enabled and (why := _spoiler_still(sc, {})):
        yield ("mechanisms", "spoiler", "enabled"), (f"mechanism spoiler ({spoiler.id}) is switched on, and within "
                                                     f"the declared ranges it {why}: switch it off (enabled: false, "
                                                     "with a reason) or give it a parameter that moves it")
    coalition = sc.mechanisms.get("coalition")
    if coalition is not None and coalition.enabled:
        allied = {r.target for r in sc.relations if r.type == "alliance"}
        for a in sc.actors_of("ally"):
            if a.id not in allied:
                yield ("relations",), (f"ally {a.id!r} has no alliance relation (from a foreign_power, its cohesion): "
                                       "without one its cohesion is 1 and coalition cohesion (M6) never moves it; "
                                       "declare one, or switch M6 off")
    elif not any(p.set.get("coalition.enabled") for p in sc.policies.values()):
        for i, r in enumerate(sc.relations):       # read by M6 only (a held-out field audit's changed nothing)
            if r.type == "alliance":
                yield ("relations", i), (f"relation alliance {r.source} -> {r.target}: an ally's cohesion is read "
                                         "only by coalition cohesion (M6), which is switched off in this file and "
                                         "under every policy: it would change nothing; leave it out, or switch M6 on")
    if sc.actors_of("host_executive"):
        return
    why = "the scenario has no host (no actor of kind host_executive)"
    for name in _HOST_RESPONSE:
        q = sc.response.get(name)
        if q is not None and (q.value or q.range[1]):
            yield ("response", name), (f"response.{name} is about strikes on the host's soil, and {why}: set its "
                                       "value and range to 0")
        for policy, pol in sc.policies.items():
            if pol.set.get(f"response.{name}"):
                yield ("policies", policy, "set", f"response.{name}"), (
                    f"policy {policy!r} sets response.{name}, about strikes on the host's soil, and {why}")


def _drift(sc: Scenario):
    """The drift's correlation time without a drift that can be above 0 (attacks.drift_sd left out, or its range
    [0, 0]) is read by nothing: refused rather than ignored (a held-out field audit)."""
    sd = sc.attacks.get("drift_sd")
    if "drift_days" in sc.attacks and (sd is None or sd.range_for()[1] <= 0):
        why = "is not declared (0: no drift)" if sd is None else "cannot be above 0 (its range is [0, 0])"
        yield ("attacks", "drift_days"), (f"attacks.drift_days is the correlation time of the attacks' drift, and "
                                          f"attacks.drift_sd {why}: it would be ignored; declare attacks.drift_sd "
                                          "(the drift's SD, with a range above 0) or leave drift_days out")


def _targets(sc: Scenario):
    """Declared attack targets: unique ids that no attacker or mode uses (they label one axis of the attacks),
    foreign parties that exist, shares for the scenario's factions and modes, every faction aiming somewhere."""
    kinds = {a.id: a.kind for a in sc.actors}
    proxies = [a.id for a in sc.actors_of("proxy")]
    taken = {m: "an attack mode" for m in declared_modes(sc) + ["missile"]}
    taken.update({a.id: f"an actor ({a.kind})" for a in sc.actors_of("proxy", "patron")})
    seen: set[str] = set()
    for i, t in enumerate(sc.targets):
        loc = ("targets", i)
        if t.id in seen:
            yield loc + ("id",), f"target id {t.id!r} is used twice"
        seen.add(t.id)
        if t.id in taken:
            yield loc + ("id",), (f"target id {t.id!r} is also {taken[t.id]}: the attacks' breakdowns by attacker, "
                                  f"target and mode need distinct names")
        for j, party in enumerate(t.parties):
            if kinds.get(party) not in ("foreign_power", "ally"):
                what = f"a {kinds[party]}" if party in kinds else "not an actor of the scenario"
                yield loc + ("party",), f"target {t.id}: party {party!r} must be a foreign_power or ally; it is {what}"
        if "in_theatre" in t.model_fields_set and not t.parties:
            yield loc + ("in_theatre",), (f"target {t.id} belongs to no party, so in_theatre would change nothing (it "
                                          "says whether a party's target follows that party's presence; one of no "
                                          "party is attacked at its share throughout): remove it, or name the party")
        share = t.share
        if isinstance(share.value, dict) and sorted(share.value) != sorted(proxies):
            yield loc + ("share", "value"), (f"target {t.id}: share needs one value for each of {proxies} "
                                             f"(or one number for every faction); got {sorted(share.value)}")
        for name in ("share", "answered"):
            q = getattr(t, name)
            ranges = [] if q is None else (q.range.values() if isinstance(q.range, dict) else [q.range])
            if any(lo < 0 or hi > 1 for lo, hi in ranges):
                yield loc + (name, "range"), f"target {t.id}: {name} is a share; its range must lie in [0, 1]"
        if t.answered is not None and isinstance(t.answered.value, dict):
            from flashpoint.engine.requirements import rule_per_party

            parties = [a.id for a in sc.foreign_parties]
            if not rule_per_party(sc):
                yield loc + ("answered", "value"), (f"target {t.id}: answered is one number with one response rule "
                                                    "(the first foreign power's); give the response parameters per "
                                                    "foreign party to weigh it per party")
            elif sorted(t.answered.value) != sorted(parties):
                yield loc + ("answered", "value"), (f"target {t.id}: answered per party needs one value for each of "
                                                    f"{parties}; got {sorted(t.answered.value)}")
        if t.mode_share is not None:
            modes = declared_modes(sc)
            if not isinstance(t.mode_share.value, dict) or sorted(t.mode_share.value) != sorted(modes):
                yield loc + ("mode_share", "value"), f"target {t.id}: mode_share needs one value for each mode {modes}"
            elif sum(t.mode_share.value.values()) <= 0:
                yield loc + ("mode_share", "value"), f"target {t.id}: mode_share's shares sum to 0 (they are normalised)"
    if sc.targets:
        for p in proxies:
            if all((t.share.value.get(p, 0) if isinstance(t.share.value, dict) else t.share.value) <= 0
                   for t in sc.targets):
                yield ("targets",), f"faction {p!r} has no target with a positive share"


def _aim_hint(name: str, rule) -> str:
    """How an entry names the declared attack target ``name`` it gave as its target (a held-out case's attack on
    civilians; a verifier's outside shock on a navy was told to name the navy's party, which a shock cannot)."""
    if "attack_targets" not in rule.allows:
        return f" ({name!r} is a declared attack target: name the actor the entry concerns)"
    if "proxy" in rule.target:
        return f" ({name!r} is a declared attack target: name the factions as target and {name!r} in attack_targets)"
    where = ("the host's side" if "host_executive" in rule.target else "any foreign party")   # (a suspension's)
    return (f" ({name!r} is a declared attack target: name the party that holds it as target, {where} "
            f"where no party does, and {name!r} in attack_targets)")


def _truce_toward(sc: Scenario, e: Entry, loc: Loc, kinds: dict):
    """A suspension's or a tactics entry's ``target`` that holds none of the attack targets it names is refused: a
    foreign party none of whose targets it covers, or the host's side where each is a foreign party's (the event
    record would date a truce toward a side that made none; a change of repertoire's target is whom it is against)."""
    whose = "suspension's" if e.type == "suspension" else "tactics entry's"
    toward = ("the event record would date a truce toward {}; name the side the truce is toward: " if e.type ==
              "suspension" else "the change of repertoire is not against {}; name the side it is against: ")
    aimed = [t for t in sc.targets if t.id in e.aimed_at]
    unheld = [t.id for t in aimed if not t.parties]
    host = [a.id for a in sc.actors if a.kind == "host_executive"]
    for name in e.targets:
        if name not in kinds or not aimed:
            continue
        if kinds[name] in FOREIGN and not any(name in t.parties for t in aimed):
            side = (f"the host ({host[0]})" if host else "the host's side (or the public actor the targets stand for)")
            yield loc + ("target",), (
                f"target {name!r} holds none of the {whose} attack targets ({', '.join(t.id for t in aimed)}): "
                + toward.format(name)
                + (f"{side} for {', '.join(unheld)}, held by no foreign party" if unheld else
                   "the parties that hold them"))
        elif kinds[name] not in FOREIGN and not unheld:
            yield loc + ("target",), (
                f"target {name!r} ({kinds[name]}) holds none of the {whose} attack targets "
                f"({', '.join(t.id for t in aimed)}, each a foreign party's): name their parties in target")


def declared_modes(sc: Scenario) -> list[str]:
    share = sc.attacks.get("mode_share")
    return list(share.value) if share is not None and isinstance(share.value, dict) else []


def _entry(sc: Scenario, e: Entry, loc: Loc):
    from flashpoint.engine.requirements import rule_per_party
    from flashpoint.events.codes import cameo_codebook

    kinds = {a.id: a.kind for a in sc.actors}
    rule = RULES[e.type]
    if e.cameo not in cameo_codebook().index:     # the simulated event record carries it (a held-out case's 999
        yield loc + ("cameo",), (f"{e.cameo!r} is not a code of the CAMEO codebook (e.g. 190 conventional force, "
                                 "195 aerial weapons, 183 non-military bombing, 0874 military retreat): the simulated "
                                 "event record carries it")      # came out in events.csv, which import refused)
    for field, names, allowed, many in (("actor", e.actors, rule.actor, rule.many_actors),
                                        ("target", e.targets, rule.target, rule.many_targets)):
        value = getattr(e, field)
        if not isinstance(value, str) and not many:
            yield loc + (field,), f"{article(e.type)} entry names one {field}, not a list"
        if not names:
            yield loc + (field,), f"{field} names no actor"
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:                             # read as once, unsaid (a held-out tester's target named one faction twice)
            yield loc + (field,), f"{field} names {', '.join(map(repr, twice))} more than once; name each actor once"
        aimed = (_aim_hint(name, rule) if field == "target" and name in {t.id for t in sc.targets} else ""
                 for name in names)
        for name, hint in zip(names, aimed):
            if name not in kinds:
                yield loc + (field,), (f"{field} {name!r} is not an actor of the scenario{hint}; known: "
                                       f"{', '.join(kinds)}")
            elif allowed != ANY and kinds[name] not in allowed:
                # (a held-out designer's third-party strike, a power outside the force killing a faction's leader)
                third = "" if field != "actor" or not set(allowed) <= {"foreign_power", "ally"} or e.type not in (
                    "foreign_strike", "decapitation") else (     # (a drawdown's refusal spoke of strikes: held-out)
                    "; a host's own campaign against the factions has no entry of its own: write what it does to "
                    "them as an outside_shock (the sign of its size is then yours; docs/ODD.md section 9)"
                    if kinds[name] in ("host_executive", "host_legislature", "host_forces") else
                    "; a strike by a power outside the foreign force has no actor of its own (docs/ODD.md "
                    "section 9)")
                if e.type == "foreign_strike" and field == "target" and kinds[name] == "patron":
                    third = ("; the foreign powers strike the proxies only: strikes in the patron's country on its "
                             "factions (theatre) or an outside_shock can stand for a campaign on the patron "
                             "(docs/ODD.md section 9)")      # (a held-out designer's Rolling Thunder)
                # (a held-out historian's Syrian tanks in Jordan, 1970)
                if e.type == "patron_direct_strike" and field == "target" and kinds[name] in (
                        "host_executive", "host_legislature", "host_forces"):
                    third = ("; a patron's strike on the host, or its troops' war on it, has no entry: what it did "
                             "to the factions is an outside_shock, the rest a marker (docs/ODD.md section 9)")
                if e.type == "dialogue" and kinds[name] == "patron":     # (a held-out forecaster's Chad-Sudan accord)
                    third = ("; talks between the patron and the host have no entry of their own (docs/ODD.md "
                             "section 9)")
                yield loc + (field,), (f"the {field} of {article(e.type)} entry must be a {' or '.join(allowed)}; "
                                       f"{name!r} is a {kinds[name]}{hint}{third}")
    if any(not isinstance(getattr(e, f), str) and not many for f, many in (("actor", rule.many_actors),
                                                                           ("target", rule.many_targets))):
        return        # said above; the checks below read one name (a list of one crashed them: a held-out case)
    if e.type == "rules_of_engagement" and not rule_per_party(sc):
        answering = [a.id for a in sc.actors_of("foreign_power")][:1]
        if answering and e.actor != answering[0]:     # one response rule, the first foreign power's
            yield loc + ("actor",), (f"the scenario's one response rule is {answering[0]}'s (the first foreign "
                                     f"power): {e.actor!r} has none to change; name {answering[0]!r}, leave the "
                                     "entry out, or give the response parameters per foreign party")
    given = {f for f in TYPE_FIELDS if getattr(e, f) is not None}
    for f in rule.needs:
        if f not in given:
            yield loc, f"{article(e.type)} entry needs `{f}`"
    if rule.one_of and len(given & set(rule.one_of)) != 1:
        yield loc, f"{article(e.type)} entry needs exactly one of {', '.join('`' + f + '`' for f in rule.one_of)}"
    for f in sorted(given - set(rule.needs) - set(rule.allows) - set(rule.one_of)):
        yield loc + (f,), f"`{f}` does not apply to {article(e.type)} entry (it would be ignored)"
    if not sc.start <= e.date <= sc.end:
        yield loc + ("date",), f"date {e.date} is outside the scenario's period {sc.start}..{sc.end}"
    if e.until is not None:
        if e.until < e.date:
            yield loc + ("until",), f"until ({e.until}) is before the entry's date ({e.date})"
        elif e.until > sc.end:
            yield loc + ("until",), f"until ({e.until}) is after the scenario's end ({sc.end})"
    if e.type in ("coalition_drawdown", "deployment") and kinds.get(e.actor) in ("foreign_power", "ally"):
        attributes = sc.actor(e.actor).attributes
        start = attributes["troops"].value if "troops" in attributes else 0
        if e.troops and e.troops > start:
            yield loc + ("troops",), (f"troops {e.troops:g} is more than {e.actor}'s {start:g} (attributes.troops); "
                                      + ("for a full withdrawal write fraction: 1.0" if e.type == "coalition_drawdown"
                                         else "declare its full strength there"))
    if e.mode is not None and e.type == "proxy_attack":     # on another type the field is refused as not applying
        modes = declared_modes(sc)
        if kinds.get(e.actor) == "patron":
            modes = modes + ["missile"]
        if e.mode not in modes:
            yield loc + ("mode",), f"mode {e.mode!r} is not a declared attack mode; declared: {', '.join(modes)}"
    for f, (lo, hi) in EFFECT_BOUNDS.items():
        v = getattr(e, f)
        if isinstance(v, (int, float)) and not lo <= v <= hi:
            yield loc + (f,), f"{f} = {v:g} is outside [{lo:g}, {hi:g}]"
    if e.attack_targets is not None:
        declared = [t.id for t in sc.targets]
        if not declared:
            yield loc + ("attack_targets",), "the scenario declares no attack targets (targets:) to name"
        for name in e.aimed_at:
            if declared and name not in declared:
                yield loc + ("attack_targets",), f"{name!r} is not a declared attack target; declared: {', '.join(declared)}"
        if e.type in ("proxy_attack", "patron_direct_strike") and len(e.aimed_at) != 1:
            yield loc + ("attack_targets",), f"{article(e.type)} is aimed at one attack target"
        elif e.type in ("proxy_attack", "patron_direct_strike"):
            parties = {t.id: t.parties for t in sc.targets}.get(e.aimed_at[0], [])
            for victim in e.targets:
                if parties and victim not in parties:
                    yield loc + ("target",), (f"target {victim!r} is not a party of attack target {e.aimed_at[0]!r} "
                                              f"({', '.join(parties)}): the event record would name the wrong victim")
        if e.type in ("suspension", "tactics"):
            held = {t.id: t.parties for t in sc.targets}
            for name in e.aimed_at:
                if held.get(name) and not set(held[name]) & set(e.targets):
                    yield loc + ("attack_targets",), (
                        f"attack target {name!r} is held by {', '.join(held[name])}, none of the {e.type} entry's "
                        f"target(s) {', '.join(e.targets)}: name its party in target (the event record's "
                        "target), or leave it out")
        if e.type in ("suspension", "tactics"):     # whom the truce (change) is toward: the event record's target
            yield from _truce_toward(sc, e, loc, kinds)     # (a held-out student's truce toward the host named a
            # foreign power; a held-out historian's change of repertoire against the host's army could only)
    # (a target that is no actor is said once, with a hint where it names an attack target: a held-out case read a
    # second line telling it to declare a target for its own attack target)
    elif not set(e.targets) <= {a.id for a in sc.actors}:
        pass
    elif e.type in ("suspension", "tactics") and (host := [n for n in e.targets if kinds.get(n) not in FOREIGN]):
        unheld = [t.id for t in sc.targets if not t.parties]
        yield loc + ("target",), (
            f"{article(e.type)} toward {', '.join(host)} ({kinds[host[0]]}) covers the attack targets no foreign "
            "party holds that attack_targets names: "
            + (f"name them there (declared: {', '.join(unheld)})" if unheld else "declare the host's posts as an "
               "attack target with no party (targets:) and name it there")
            + ("; the factions' attacks on the host that hostility drives (attacks_on_host) go on (docs/ODD.md "
               "section 9)" if e.type == "suspension" else ""))
    elif e.type in ("suspension", "tactics") and sc.targets and not any(set(t.parties) & set(e.targets)
                                                                         for t in sc.targets):
        yield loc + ("target",), (f"no declared attack target belongs to {', '.join(e.targets)}: the {e.type} would "
                                  f"change nothing; name the targets it covers in attack_targets")
    # (a target of the wrong kind is refused above: a held-out historian read both)
    elif e.type in ("proxy_attack", "patron_direct_strike") and sc.targets and all(
            kinds.get(name) in ("foreign_power", "ally") for name in e.targets):
        held = [t.id for t in sc.targets if set(t.parties) & set(e.targets)]
        if not held:          # it would hit the first declared target, another party's (a held-out case's)
            yield loc + ("target",), (f"no declared attack target belongs to {', '.join(e.targets)}: name the one it "
                                      f"hit in attack_targets (declared: {', '.join(t.id for t in sc.targets)}), or "
                                      f"declare a target for {e.targets[0]} (targets:)")
    if e.type == "tactics" and sc.targets:      # an attack target's own mode_share decides the attacks on it
        aimed = [t for t in sc.targets if (t.id in e.aimed_at if e.attack_targets is not None
                                           else set(t.parties) & set(e.targets))]
        if aimed and all(t.mode_share is not None for t in aimed):
            field = "attack_targets" if e.attack_targets is not None else "target"
            yield loc + (field,), (f"the tactics is aimed at attack target(s) {', '.join(t.id for t in aimed)}, each "
                                   "with its own mode_share, which decides the modes of the attacks on it: the tactics "
                                   "would change nothing; name a target without one in attack_targets, or leave it out")
    if e.theatre is not None and e.theatre.isupper() and e.theatre not in country_codes() | _actor_countries(sc):
        near = (difflib.get_close_matches(e.theatre, sorted(_actor_countries(sc)), n=1, cutoff=0.6)   # the case's own
                or difflib.get_close_matches(e.theatre, sorted(country_codes()), n=1, cutoff=0.6))
        yield loc + ("theatre",), (f"theatre {e.theatre!r} is not a country code Flashpoint knows (ISO 3166 alpha-3, "
                                   "current or withdrawn, flashpoint/scenario/iso3166.csv, or an actor's CAMEO country)"
                                   + (f"; did you mean {near[0]!r}?" if near else ""))
    named = country_names().get(e.theatre or "")
    if e.theatre is not None and named:
        yield loc + ("theatre",), (f"theatre {e.theatre!r} names a country: write its ISO code {named!r} (lower-case "
                                   "names are for places outside any country, such as high_seas, and a country's "
                                   "soil, the host's included, is known by its code)")
    elif e.theatre is not None and e.theatre.islower() and e.theatre.upper() in country_codes():
        yield loc + ("theatre",), (f"theatre {e.theatre!r}: a country is its upper-case ISO code ({e.theatre.upper()!r}); "
                                   f"lower-case names are for places outside any country (high_seas)")
    if e.host_killed and (e.theatre or sc.host_country) != sc.host_country:
        yield loc + ("host_killed",), ("host_killed counts the host's people killed on its own soil; " + (
            f"this strike's theatre is {e.theatre}, not the host country {sc.host_country}" if sc.host_country else
            "the scenario has no host (no actor of kind host_executive)") + " (it would be ignored)")
    if e.type == "patron_order":
        controlled = {r.target for r in sc.relations if r.type == "control" and r.source == e.actor}
        for t in e.targets:
            if kinds.get(t) == "proxy" and t not in controlled:
                yield loc + ("target",), (f"{e.actor!r} has no control relation to {t!r}: an order goes to a faction "
                                          f"the patron controls")


@lru_cache(maxsize=1)
def _countries() -> tuple[dict, ...]:
    """The rows of the text coder's country table (extract/countries.csv), read once."""
    import csv
    from importlib.resources import files

    with files("flashpoint.extract").joinpath("countries.csv").open(encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


@lru_cache(maxsize=1)
def _iso3166() -> tuple[dict, ...]:
    """ISO 3166 alpha-3 codes with their English short names, current and withdrawn (``YUG``, ``SUN``, ``ZAR``:
    a historical case's countries), from Debian's iso-codes tables, and Kosovo's ``XKX`` (scenario/iso3166.csv;
    a held-out wargame designer's Croatia, ``HRV``, was refused: the coder's table holds 137 countries)."""
    import csv
    from importlib.resources import files

    with files("flashpoint.scenario").joinpath("iso3166.csv").open(encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166 alpha-3 codes, current and withdrawn, and those of the text coder's table."""
    return frozenset(row["iso3"] for row in _iso3166() + _countries())


def _place_id(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """A country's name as a lower-case place id (``lebanon``, ``saudi_arabia``, ``yugoslavia``) -> its ISO 3166
    alpha-3 code: the text coder's names first, then ISO's (a withdrawn code's name after a current one's)."""
    iso = sorted(_iso3166(), key=lambda row: bool(row["withdrawn"]), reverse=True)   # current ones win: last
    return ({_place_id(row["name"].split(",")[0]): row["iso3"] for row in iso}
            | {_place_id(name): row["iso3"] for row in _countries() for name in row["names"].split(";")
               if name.strip()})


def _actor_countries(sc: Scenario) -> frozenset[str]:
    """The country codes of the scenario's actors (the first three letters of their CAMEO codes)."""
    return frozenset(a.country for a in sc.actors)


def _all_entries(sc: Scenario):
    """(location, entry) for the schedule and every policy's additions."""
    for i, e in enumerate(sc.schedule):
        yield ("schedule", i), e
    for name, p in sc.policies.items():
        for i, e in enumerate(p.add):
            yield ("policies", name, "add", i), e


def _schedule(sc: Scenario):
    seen: dict[str, Loc] = {}
    for i, e in enumerate(sc.schedule):
        loc = ("schedule", i)
        if e.id in seen:
            yield loc + ("id",), f"schedule id {e.id!r} is used twice"
        seen.setdefault(e.id, loc)
    for loc, e in _all_entries(sc):
        yield from _entry(sc, e, loc)
    told: set[tuple] = set()         # the schedule's moves repeat under every policy that keeps them: said once
    own = list(presence.problems(sc, [(("schedule", i), e) for i, e in enumerate(sc.schedule)], base=True))
    for name in [None, *sc.policies]:
        for loc, message in own if name is None else presence.problems(sc, _effective(sc, name), base=False):
            if name is not None and loc[0] == "schedule" and (loc, message) not in own:
                # the schedule's entry breaks only after the policy's own moves (a held-out designer's policy
                # deployment was read as an error of the historical entry after it)
                message += f" (only under policy {name!r}, whose own entries move the forces before it)"
            if (loc, message) not in told:
                told.add((loc, message))
                yield loc, message
    # requires: known, dated no later than the entry, no cycles; drawdowns within the troops (per policy's schedule)
    for name in sc.policies:
        entries = _effective(sc, name)
        yield from _drawdowns(sc, entries, name)
        index = {e.id: (loc, e) for loc, e in entries}
        for loc, e in entries:
            for j, req in enumerate(e.requires):
                if req not in index:
                    if loc[0] == "policies" and any(req == x.id for _, x in _all_entries(sc)):
                        how = ("drops it" if req in set(sc.policies[name].drop)
                               else "does not have it (another policy adds it)")
                        yield loc + ("requires", j), (f"policy {name!r} adds {e.id}, which requires {req!r}, and the "
                                                      f"policy {how}: {e.id} could never happen under it")
                        continue
                    if any(req == x.id for _, x in _all_entries(sc)):
                        continue  # a schedule entry whose requirement a policy drops: the counterfactual's point
                    yield loc + ("requires", j), f"requires unknown entry {req!r}"
                elif index[req][1].date > e.date:
                    yield loc + ("requires", j), (f"requires {req!r}, dated {index[req][1].date}, after this entry "
                                                  f"({e.date}): it could never happen")
        cycle = _cycle({e.id: [r for r in e.requires if r in index] for _, e in entries})
        if cycle:
            loc = index[cycle[0]][0]
            yield loc + ("requires",), f"requires forms a cycle: {' -> '.join(cycle + [cycle[0]])}"
            continue
        # an added entry whose requirement the policy loses through a chain never happens either (a held-out
        # case's ran as if it had not been added); an entry it has, lost so, is the counterfactual's point
        live = {x.id for x in live_entries(sc, name)}
        for j, e in enumerate(sc.policies[name].add):
            lost = [r for r in e.requires if r in index and r not in live]
            if e.id not in live and lost and all(r in index for r in e.requires):
                yield ("policies", name, "add", j, "requires"), (
                    f"policy {name!r} adds {e.id}, which requires {', '.join(map(repr, lost))}, which the policy loses "
                    f"through requires links to what it drops: {e.id} could never happen under it")


def _drawdowns(sc: Scenario, entries: list[tuple[Loc, Entry]], policy: str):
    """Drawdowns of one party in force on one day, one of which returns (``until``), withdraw at most its initial
    troops: a drawdown takes at most what is there, so the excess never leaves and the returns would not happen
    as written (a held-out case's staged arrival, written as two overlapping drawdowns, came back at full
    strength at the first return). Lasting drawdowns may add up to more: the last (``fraction: 1.0``, say) takes what is left. The
    troops are the fewest the declared range allows: a run may be given them (a held-out reviewer's --set)."""
    kinds = {a.id: a.kind for a in sc.actors}
    drawn: dict[str, list] = {}
    for loc, e in entries:
        if e.type != "coalition_drawdown" or kinds.get(e.actor) not in ("foreign_power", "ally"):
            continue
        q = sc.actor(e.actor).attributes["troops"]
        troops = min(q.value, q.range[0])      # the fewest troops a run may have (--set, a calibration's draws)
        share = drawdown_share(e, troops)
        if share is not None:
            drawn.setdefault(e.actor, []).append((loc, e, share, troops))
    for actor, items in drawn.items():
        told = set()
        for loc, e, _, troops in items:                  # the total is largest on some drawdown's first day
            on = [(x, share, where) for where, x, share, _ in items
                  if x.date <= e.date and (x.until is None or x.until >= e.date)]
            total = sum(share for _, share, _ in on)
            ids = ", ".join(x.id for x, _, _ in on)
            added = any(where[0] == "policies" for _, _, where in on)   # name the policy whose entries take part
            if total > 1 + 1e-9 and any(x.until is not None for x, _, _ in on) and ids not in told:
                told.add(ids)
                yield loc, (f"{f'under policy {policy!r}, ' if added else ''}"
                            f"on {e.date} the drawdowns of {actor} in force ({ids}) withdraw {total * troops:,.0f} "
                            f"troops, more than its {troops:,.0f} (the low end of attributes.troops), and one returns: a "
                            "drawdown takes at most what is there, so the excess never leaves and the returns would not "
                            "happen as written; keep them within the troops (a staged arrival: one drawdown per part not "
                            "yet arrived)")


def forces_overridden(sc: Scenario, policy: str, overrides: dict) -> str | None:
    """A refusal when an override of a foreign party's ``troops`` or ``initial_presence`` makes the schedule's moves
    impossible, as the file's own values would be (a held-out case's --set usa.troops=400000 ran a deployment the
    file refused as "would never arrive"). One value for every run only: values per run are a design's or a
    posterior's draws over the declared ranges, which the file's check does not cover either."""
    parties = {a.id for a in sc.foreign_parties}
    named = {k: float(v) for k, v in overrides.items() if k.partition(".")[0] in parties and np.ndim(v) == 0
             and k.partition(".")[2] in ("troops", "initial_presence")}
    if not named:
        return None
    actors = []
    for a in sc.actors:
        attrs = dict(a.attributes)
        for key, value in named.items():
            party, _, attr = key.partition(".")
            if party == a.id and attr in attrs:
                attrs[attr] = attrs[attr].model_copy(update={"value": value})
        actors.append(a.model_copy(update={"attributes": attrs}))
    changed = sc.model_copy(update={"actors": actors})
    for base, entries in ((True, [(("schedule", i), e) for i, e in enumerate(sc.schedule)]),
                          (False, _effective(sc, policy))):
        for _, message in presence.problems(changed, entries, base=base):
            return f"overrides: {', '.join(f'{k} = {v:g}' for k, v in named.items())}: {message}"
    return None


def _effective(sc: Scenario, policy: str) -> list[tuple[Loc, Entry]]:
    p = sc.policies[policy]
    out = [(("schedule", i), e) for i, e in enumerate(sc.schedule) if e.id not in set(p.drop)]
    return out + [(("policies", policy, "add", i), e) for i, e in enumerate(p.add)]


def _cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """A cycle in ``graph`` (node -> required nodes), found without recursion, or None."""
    state: dict[str, int] = {}
    for root in graph:
        if state.get(root):
            continue
        stack = [(root, iter(graph[root]))]
        path = [root]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                return path[path.index(child):]
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph.get(child, []))))
    return None


def _policies(sc: Scenario):
    import re

    ids = {e.id for e in sc.schedule}
    others = {e.id for q in sc.policies.values() for e in q.add}       # what some policy adds
    if HISTORICAL not in sc.policies:
        yield ("policies",), f"a scenario needs a policy named {HISTORICAL!r}"
    for name, p in sc.policies.items():
        if not re.match(r"^[a-z0-9][a-z0-9-]*$", name):
            yield ("policies", name), f"policy name {name!r}: use lower-case letters, digits and '-'"
        for j, d in enumerate(p.drop):
            if d not in ids:
                yield ("policies", name, "drop", j), f"policy {name!r} drops unknown schedule entry {d!r}"
            elif d in p.drop[:j]:
                yield ("policies", name, "drop", j), f"policy {name!r} drops {d!r} twice; name it once"
        added: dict[str, int] = {}
        for j, e in enumerate(p.add):
            if e.id in ids:
                yield ("policies", name, "add", j, "id"), f"policy {name!r} adds entry {e.id!r}, an id the schedule already uses"
            if e.id in added:
                yield ("policies", name, "add", j, "id"), f"policy {name!r} adds entry id {e.id!r} twice"
            added.setdefault(e.id, j)
        for key in p.set:     # a link of an entry the policy does not have changes nothing (--set refuses it too)
            entry = key.removesuffix(".requires")
            if key.endswith(".requires") and (entry in p.drop or (entry not in ids and entry not in added
                                                                  and entry in others)):
                how = "drops it" if entry in p.drop else "does not have it (another policy adds it)"
                yield ("policies", name, "set", key), (f"policy {name!r} sets {key}, and the policy {how}: the "
                                                       "link is not there to cut, so the setting would change nothing")


#: state indicators bounded to [0, 1]: a claim compares their means over its window, so two arms differ by less than 1
UNIT_INTERVAL = ("coalition_presence", "patron_control", "open_war", "host_consent", "polarization")


def _margin(c, loc: Loc):
    """A margin as wide as a bounded indicator's whole range decides the claim by itself (a held-out designer's
    host_consent claim with margin 5 read 'supported, P = 1.0')."""
    if c.margin and c.indicator.partition(".")[0] in UNIT_INTERVAL and c.margin >= 1:
        yield loc + ("margin",), (f"claim {c.id}: margin {c.margin:g} is the whole range of {c.indicator} (between 0 "
                                  "and 1; the claim compares its means over the window, which differ by less than 1): "
                                  "the margin alone would decide it; give it in the indicator's own scale")


def _claims(sc: Scenario):
    seen: dict[str, int] = {}
    for i, c in enumerate(sc.claims):
        loc = ("claims", i)
        if c.id in seen:
            yield loc + ("id",), f"claim id {c.id!r} is used twice (also claims[{seen[c.id]}])"
        seen.setdefault(c.id, i)
        for field in ("policy", "baseline"):
            if getattr(c, field) not in sc.policies:
                yield loc + (field,), f"claim {c.id} names unknown policy {getattr(c, field)!r}; known: {', '.join(sc.policies)}"
        if c.policy == c.baseline:
            yield loc + ("baseline",), f"claim {c.id} compares policy {c.policy!r} with itself"
        yield from _margin(c, loc)
        if "+" in c.indicator:       # a held-out case's sum was read as a misspelt breakdown
            yield loc + ("indicator",), (f"claim {c.id}: indicator {c.indicator!r} is a sum; a claim compares one "
                                         "indicator or one breakdown (patterns and the record may sum them): make a "
                                         "claim of each part, or of the indicator they are breakdowns of")
            continue
        for where, message in _indicator(sc, c.indicator, loc + ("indicator",)):
            yield where, f"claim {c.id}: {message}"
        yield from _switched_off(sc, c, loc + ("indicator",))
        yield from _window(sc, c.window, loc + ("window",))


def indicator_owner(sc: Scenario, indicator: str) -> str | None:
    """The key of the mechanism whose output ``indicator`` (with its breakdowns) is: its indicator's, except that the
    patron's own attacks and their dead, and the ``missile`` mode where no faction has it, are M8's direct strikes."""
    from flashpoint.ensemble import INDICATORS

    base, *breakdowns = indicator.split(".")
    patrons = {a.id for a in sc.actors_of("patron")}
    if patrons & set(breakdowns) or ("missile" in breakdowns and "missile" not in declared_modes(sc)):
        return "escalation"
    return INDICATORS.owner(base)


def _switched_off(sc: Scenario, c, loc: Loc):
    """A claim on the output of a mechanism the file switches off, in both of its arms, compares two
    constants: its verdict would be decided by the switch, not by the runs."""
    from flashpoint.engine.contract import mechanisms

    owner = mechanisms().get(indicator_owner(sc, c.indicator))
    declared = sc.mechanisms.get(owner.key) if owner is not None else None
    if declared is None:
        return
    if declared.enabled:     # both arms switching it off are as the file's switch (a held-out case's was not refused)
        arms = [name for name in (c.policy, c.baseline) if name in sc.policies]
        if arms and all(sc.policies[name].set.get(f"{owner.key}.enabled") is False for name in arms):
            yield loc, (f"claim {c.id}: indicator {c.indicator!r} is the output of {owner.id} {owner.key}, which both "
                        f"policies {c.policy!r} and {c.baseline!r} switch off: both arms would hold its resting value "
                        "and the verdict would be decided by the switch")
        return
    switching = [name for name in (c.policy, c.baseline) if name in sc.policies
                 and sc.policies[name].set.get(f"{owner.key}.enabled") not in (None, False)]
    why = acts_on_nothing(sc, owner.key, sc.policies[switching[0]].set if switching else None)
    if switching and why is None:
        return
    how = (f"neither policy {c.policy!r} nor {c.baseline!r} switches on" if not switching else
           f"policy {switching[0]!r} cannot switch on (it {why})")
    yield loc, (f"claim {c.id}: indicator {c.indicator!r} is the output of {owner.id} {owner.key}, which the scenario "
                f"switches off and {how}: both arms would hold its resting value and the verdict would be decided by "
                "the switch")


def _declared_indicators() -> dict[str, tuple]:
    """Each indicator the engine records, with its output's axes."""
    from flashpoint.engine.contract import outputs

    return {o.indicator.name: o.axes for o in outputs() if o.indicator}


def _indicator(sc: Scenario, name: str, loc: Loc):
    """An indicator name with its breakdowns (``attacks_on_foreign_forces.<faction>.drone``): the indicator must exist
    and each breakdown be a label of one of its output's axes (``Ensemble.breakdowns``)."""
    from flashpoint.engine.world import axes_of

    declared = _declared_indicators()
    base, _, key = name.partition(".")
    if base not in declared:
        yield loc, f"unknown indicator {name!r}; known: {', '.join(sorted(declared))}"
        return
    try:
        axes = axes_of(sc)
    except (IndexError, KeyError, ValueError):     # actors or keys broken: reported on their own
        return
    options = [label for a in declared[base] if not (a == "target" and not sc.targets) for label in axes[a]]
    for part in key.split(".") if key else []:
        if part not in options:
            # listed as Ensemble.breakdowns lists them: without those of a mechanism the file switches off
            own = indicator_owner(sc, base)
            listed = [b for b in options if (o := indicator_owner(sc, f"{base}.{b}")) == own
                      or sc.mechanisms.get(o) is None or sc.mechanisms[o].enabled]
            yield loc, f"indicator {base!r} has no breakdown {part!r}; breakdowns: {', '.join(listed) or 'none'}"


def indicator_problems(sc: Scenario, name: str) -> list[str]:
    """What is wrong with an indicator name (with its breakdowns) in this scenario; empty when it is known."""
    return [message for _, message in _indicator(sc, name, ())]


def _window(sc: Scenario, window: tuple[dt.date, dt.date], loc: Loc):
    if window[0] < sc.start or window[1] > sc.end:
        yield loc, f"window {window[0]}..{window[1]} is not inside the scenario's period {sc.start}..{sc.end}"


def _counts_else(what: str, name: str) -> str | None:
    """Why a record's ``what`` cannot be laid beside indicator ``name``: its words count something else (persons
    beside attacks), as series.csv's unit is checked; None where they agree or say nothing."""
    from flashpoint.engine.forces import PRESENCE_UNIT
    from flashpoint.ensemble import INDICATORS
    from flashpoint.scenario.units import counted, harmed

    said = {"persons"} if harmed(what) else counted(what.replace("_", " "))     # ("injured_troops": persons)
    units = [INDICATORS[part.split(".")[0]].unit for part in name.split("+") if part.split(".")[0] in INDICATORS]
    kinds = set().union(*(counted(u) for u in units if u != PRESENCE_UNIT)) if units else set()
    if said and kinds and not said & kinds:
        return (f"{what!r} counts {' and '.join(sorted(said))}, but {name!r} counts {' and '.join(sorted(kinds))} "
                f"({', '.join(dict.fromkeys(units))}): map it to the indicator it counts, or leave it out")
    # persons beside persons: the wounded beside the dead (a held-out historian's 9,000 wounded laid beside the
    # 1,868 dead passed)
    hurt, counts = harmed(what), harmed(name)
    if hurt and counts and hurt != counts:       # (the dead and the wounded beside the dead alone, too)
        return (f"{what!r} counts {' and '.join(sorted(hurt))}, but {name!r} counts {' and '.join(sorted(counts))}: "
                f"map it to an indicator that counts {' and '.join(sorted(hurt))}"
                + (" (foreign_killed+foreign_wounded)" if len(hurt) > 1 else "") + ", or leave it out")
    return None


def _record(sc: Scenario):
    if sc.record is None:
        return
    parties = {a.id for a in sc.foreign_parties}
    for what, name in sc.record.indicators.items():
        for part in name.split("+"):      # a sum (foreign_killed+foreign_wounded), as a pattern's may be
            yield from _indicator(sc, part, ("record", "indicators", what))
        if said := _counts_else(what, name):       # a held-out student's fatalities laid beside the attacks
            yield ("record", "indicators", what), said
        theirs, ours = parties & set(what.split(".")), parties & set(name.replace("+", ".").split("."))
        if theirs and ours and not theirs & ours:      # a held-out case's troops.usa beside the UK's presence
            yield ("record", "indicators", what), (f"{what!r} names {', '.join(sorted(theirs))}, but {name!r} is "
                                                   f"{', '.join(sorted(ours))}'s: map it to the same party's indicator")
    labels = set(declared_modes(sc)) | {t.id for t in sc.targets} | {a.id for a in sc.actors_of("proxy", "patron")}
    # listed without an attacker of a mechanism the file switches off, as the claims' breakdowns are (a held-out case)
    listed = sorted(b for b in labels if (o := indicator_owner(sc, f"attacks_on_foreign_forces.{b}")) is None
                    or sc.mechanisms.get(o) is None or sc.mechanisms[o].enabled)
    for kind, names in sc.record.target_kinds.items():
        for name in names.split("+"):
            if name not in labels:
                yield ("record", "target_kinds", kind), (f"{name!r} is not a breakdown of the attacks (a mode, an attack "
                                                         f"target or an attacker); known: {', '.join(listed)}")
    for what, kinds in sc.record.scope.items():
        if what not in sc.record.indicators:
            yield ("record", "scope", what), f"{what!r} is not one of the record's counts mapped in record.indicators"
        for kind in kinds.split("|"):
            if kind not in sc.record.target_kinds:
                yield ("record", "scope", what), f"target kind {kind!r} is not mapped in record.target_kinds"
    yield from _mapped(sc)
    if sc.record.exclude:
        yield from _excluded(sc)
    yield from _laid_out(sc)
    seen: set[str] = set()
    for i, p in enumerate(sc.record.patterns):
        loc = ("record", "patterns", i)
        if p.id in seen:
            yield loc + ("id",), f"pattern id {p.id!r} is used twice"
        seen.add(p.id)
        for part in p.indicator.split("+"):     # a sum of indicators, as a count's mapping may be (records.total)
            yield from _indicator(sc, part, loc + ("indicator",))
        yield from _window(sc, p.window, loc + ("window",))


def _mapped(sc: Scenario):
    """Each name ``record.indicators`` maps must be a ``what`` of the record's counts.csv or a series of its
    series.csv: a name that matches nothing maps nothing, and the fit would be silently empty."""
    import pandas as pd

    from flashpoint import records
    from flashpoint.errors import DataError

    try:
        whats = set(records.counts(sc.record.dataset)["what"])
        series = set(records.read_table(sc.record.dataset, "series.csv", ("series",))["series"])
    except (DataError, OSError, UnicodeDecodeError, pd.errors.ParserError):
        return                                    # the record's own problems are reported where it is read
    for name in sc.record.indicators:
        if name not in whats | series:
            yield ("record", "indicators", name), (
                f"{name!r} is neither a `what` of the record's counts.csv ({', '.join(sorted(whats)) or 'none'}) "
                f"nor a series of its series.csv ({', '.join(sorted(series)) or 'none'})")


def _laid_out(sc: Scenario):
    """The record's counts as the runs will meet them: a row whose mode, date or count cannot be read is reported
    here, at the scenario's field, as a count that cannot be read is (and not first when a command lays it out)."""
    from flashpoint import records
    from flashpoint.errors import DataError

    if any(part.partition(".")[0] not in _declared_indicators()
           for v in sc.record.indicators.values() for part in str(v).split("+")):
        return          # an unknown indicator is said at its record.indicators line, not again here (an outside tester)
    try:
        records.period_counts(sc)
    except DataError as exc:
        yield ("record", "dataset"), str(exc)


def _excluded(sc: Scenario):
    """Each count ``record.exclude`` names must be a count of the record (a typo would exclude nothing)."""
    import pandas as pd

    from flashpoint import records
    from flashpoint.errors import DataError

    try:
        table = records.counts(sc.record.dataset)
    except DataError:
        return                                    # reported by _laid_out, which reads the same rows
    for i, x in enumerate(sc.record.exclude):
        rows = table[(table["what"] == x.what) & (table["period_start"] == pd.Timestamp(x.window[0]))
                     & (table["period_end"] == pd.Timestamp(x.window[1]))]
        if x.count:
            rows = rows[rows["count"] == x.count]
        if rows.empty:
            yield ("record", "exclude", i), (f"the record {sc.record.dataset} has no count of {x.what!r} for "
                                             f"{x.window[0]}..{x.window[1]}" + (f" reading {x.count!r}" if x.count else ""))
        elif len(rows) > 1 and not x.count:     # each names one (a held-out case's left out two, unsaid)
            yield ("record", "exclude", i), (f"the record {sc.record.dataset} has {len(rows)} counts of {x.what!r} "
                                             f"for {x.window[0]}..{x.window[1]} ({', '.join(map(repr, rows['count']))}"
                                             "): an exclusion names one; give its `count` text, one exclusion each")


def article(word: str) -> str:
    """The word with its indefinite article ("an election", "a threat")."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def lasting(e: Entry) -> bool:
    return e.type in LASTING
