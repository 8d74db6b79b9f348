"""What the engine reads from a scenario, from the components' declarations, and what it rejects.

Every parameter a component declares must be in the scenario (keyed one value, or one per proxy,
attack mode or foreign party), with a declared range inside the bounds the engine can take, unless
the component gives it a default (a scalar that is off at that value: the attacks' drift). Every
number the scenario declares must be read by some component or named by a schedule entry: a value
nothing reads is rejected rather than silently ignored.
"""
from __future__ import annotations

from flashpoint.engine.contract import Param, registry
from flashpoint.scenario.checks import article, declared_modes
from flashpoint.scenario.schema import Quantity, Scenario

PROCESS_SECTIONS = ("attacks", "response", "forces")
#: entry fields that may name a parameter, and the bounds of what they take
ENTRY_NAMES = {"probability": (0.0, 1.0), "scale": (0.0, 10.0), "size": (-10.0, 10.0),
               "compliance": (0.0, 1.0), "holds_days": (1.0, 36_500.0), "fades_days": (1.0, 36_500.0)}

#: what a problem says of a field nothing reads (a misspelling): such problems are reported first
NOT_READ = "is not read by the engine"


def declared_needs() -> dict[str, dict[str, Param]]:
    """section -> {parameter name -> Param}, for every component that reads parameters."""
    return {c.key: dict(c.parameters) for c in registry() if c.parameters}


def actor_needs() -> tuple[dict[str, Param], dict[str, Param]]:
    """(attributes "proxy.zeal" -> Param, relations "control" -> Param) the components read."""
    attributes: dict[str, Param] = {}
    relations: dict[str, Param] = {}
    for c in registry():
        attributes.update(c.attributes)
        relations.update(c.relations)
    return attributes, relations


def keys_for(scenario: Scenario, keying: str) -> list[str]:
    return {"scalar": [""], "proxy": [a.id for a in scenario.actors_of("proxy")],
            "mode": declared_modes(scenario), "party": [a.id for a in scenario.foreign_parties],
            "rule": [a.id for a in scenario.foreign_parties]}[keying]


def rule_per_party(scenario: Scenario) -> bool:
    """Whether each foreign party has its own response rule: some ``rule`` parameter of the scenario's
    response section is given per party. Otherwise the rule is the first foreign power's, the only one."""
    rules = [name for c in registry() for name, p in c.parameters.items() if p.keying == "rule"]
    return any(isinstance(getattr(scenario.response.get(name), "value", None), dict) for name in rules)


def answered_by(scenario: Scenario, target, party: str) -> tuple[str | None, float] | None:
    """How foreign ``party``'s response rule weighs an attack on ``target`` (one of ``scenario.attack_targets``):
    None where its rule does not look at it; else the flat parameter that sets the weight (None: a constant) and
    the weight as written. With one rule (:func:`rule_per_party` false) the first foreign power's looks at every
    target, weighted by the target's ``answered``; with one rule per party each looks at the targets it holds and
    those no party holds (merchant shipping), weighted by ``answered``, unless the target gives ``answered`` per
    party (a partner's forces that the foreign power answers for: ``{power: 1, partner: 1, other: 0}``); a held
    target with no ``answered`` weighs 1, one no party holds 0; without declared targets, the foreign forces: 1.
    The engine, validate's notes and the presence checks all read it here."""
    value = target.answered.value if target.answered is not None else None
    per_party = isinstance(value, dict)
    if not rule_per_party(scenario):
        looks = party == scenario.actors_of("foreign_power")[0].id
    else:
        looks = per_party or party in target.parties or not target.parties
    if not looks:
        return None
    if not scenario.targets:
        return None, 1.0
    if per_party:
        return f"targets.{target.id}.answered.{party}", float(value.get(party, 0.0))
    if value is not None:
        return f"targets.{target.id}.answered", float(value)
    return None, float(bool(target.parties))


def _section(scenario: Scenario, key: str):
    if key in PROCESS_SECTIONS:
        return getattr(scenario, key), (key,)
    mech = scenario.mechanisms.get(key)
    return (mech.parameters if mech else None), ("mechanisms", key, "parameters")


def _range_problems(q: Quantity, bound: Param | tuple, loc: tuple, what: str):
    lo, hi = (bound.low, bound.high) if isinstance(bound, Param) else bound
    ranges = q.range.values() if isinstance(q.range, dict) else [q.range]
    values = q.value.values() if isinstance(q.value, dict) else [q.value]
    # the value itself named where it is out too (a held-out designer's initial_presence of 1.5 went unnamed)
    out = [f"{v:g}" for v in values if isinstance(v, (int, float)) and not lo <= v <= hi]
    for r_lo, r_hi in ranges:
        if r_lo < lo or r_hi > hi:
            yield loc + ("range",), (f"{what}: " + (f"the value {', '.join(out)} and " if out else "")
                                     + f"the declared range [{r_lo:g}, {r_hi:g}] go{'' if out else 'es'} beyond what "
                                     f"the engine can take, [{lo:g}, {hi:g}]")
            return


def _unit_problems(q: Quantity, per: str | None, loc: tuple, what: str):
    """A unit that names a time other than the one the engine reads (``attacks/month`` for a rate per day):
    the value would be read as per day, 30 times too high, and the unit would say otherwise (held-out case)."""
    from flashpoint.scenario.units import first_time, rates

    first = first_time(q.unit)        # the time it counts in: the first it names (a later one may explain it)
    if per is not None and first is not None and first != per:
        yield loc + ("unit",), (f"{what}: unit {q.unit!r} counts in {first}s, but the engine "
                                f"reads it in {per}s (a rate per {per}, a duration in {per}s); convert the value and "
                                f"the range, and write the unit in {per}s (a later time in the unit may explain it)")
    elif per is None and (per_time := rates(q.unit)):     # "probability per attack per week" (a held-out case)
        yield loc + ("unit",), (f"{what}: unit {q.unit!r} is a rate per {' and '.join(sorted(per_time))}, but the "
                                "engine reads this parameter as a number with no time in it (docs/ODD.md, its "
                                "parameter table): write the unit without the time, and the value as that number")


def problems(scenario: Scenario) -> list[tuple[tuple, str]]:
    """(location, message) for every parameter the engine needs and does not find, or cannot take."""
    out: list[tuple[tuple, str]] = []
    sections = {**{key: {} for key in PROCESS_SECTIONS}, **declared_needs()}   # a section no component reads: empty
    for key, needs in sections.items():
        section, loc = _section(scenario, key)
        if section is None:
            continue   # a missing mechanism section is reported by scenario.checks
        for name in sorted(set(section) - set(needs)):
            out.append((loc + (name,), f"{key}.{name} is not a parameter the engine reads; "
                                       f"{key} reads: {', '.join(needs) or 'none (leave the section out)'}"))
        for name, param in needs.items():
            q = section.get(name)
            if q is None:
                if param.default is None:
                    out.append((loc, f"{key}.{name} is missing ({_keyed(param)})"))
                continue
            keys = keys_for(scenario, param.keying)
            if param.keying == "scalar":
                if isinstance(q.value, dict):
                    out.append((loc + (name, "value"), f"{key}.{name} is one number, not one per key"))
            elif param.keying == "rule" and not isinstance(q.value, dict):
                pass                  # one number: the first foreign power's rule, or every party's (rule_per_party)
            elif not isinstance(q.value, dict) or sorted(q.value) != sorted(keys):
                got = sorted(q.value) if isinstance(q.value, dict) else "one number"
                out.append((loc + (name, "value"), f"{key}.{name} needs one value for each of {keys} "
                                                   f"({_keyed(param)}); got {got}"))
            out.extend(_range_problems(q, param, loc + (name,), f"{key}.{name}"))
            out.extend(_unit_problems(q, param.per, loc + (name,), f"{key}.{name}"))
    out.extend(_actor_problems(scenario))
    out.extend(_effect_problems(scenario))
    return out


def _keyed(param: Param) -> str:
    return {"scalar": "one number", "proxy": "one value per proxy", "mode": "one value per attack mode",
            "party": "one value per foreign party",
            "rule": "one number, or one value per foreign party"}[param.keying]


def _actor_problems(scenario: Scenario):
    attributes, relations = actor_needs()
    roles = {"proxy": {a.id for a in scenario.actors_of("proxy")},
             "party": {a.id for a in scenario.foreign_parties}}
    for i, actor in enumerate(scenario.actors):
        mine = {name.partition(".")[2]: p for name, p in attributes.items()
                if actor.id in roles.get(name.partition(".")[0], ())}
        for attr, q in actor.attributes.items():
            loc = ("actors", i, "attributes", attr)
            if attr not in mine:
                yield loc, (f"attribute {attr!r} of {actor.id} ({actor.kind}) {NOT_READ}; "
                            f"{article(actor.kind)} has: {', '.join(mine) or 'no attributes'}")
                continue
            if isinstance(q.value, dict):
                yield loc + ("value",), f"{actor.id}.{attr} is one number"
            yield from _range_problems(q, mine[attr], loc, f"{actor.id}.{attr}")
        for attr, p in mine.items():
            if attr not in actor.attributes and p.default is None:
                yield ("actors", i, "attributes"), f"actor {actor.id!r} ({actor.kind}) needs attributes.{attr}"
    patron = [a.id for a in scenario.actors_of("patron")]
    for proxy in sorted(roles["proxy"]):
        if "control" in relations and not any(r.type == "control" and r.target == proxy for r in scenario.relations):
            yield ("relations",), (f"no control relation from {patron[0] if patron else 'the patron'} to {proxy} "
                                   "(a faction no patron holds: value 0 with range [0.0, 0.0])")
    for i, r in enumerate(scenario.relations):
        if r.type in relations:
            if isinstance(r.value.value, dict):
                yield ("relations", i, "value"), "a relation's value is one number"
            yield from _range_problems(r.value, relations[r.type], ("relations", i, "value"), f"{r.type} relation")


def _effect_problems(scenario: Scenario):
    from flashpoint.scenario.parameters import parameters

    declared = parameters(scenario)
    named: set[str] = set()
    entries = [(("schedule", i), e) for i, e in enumerate(scenario.schedule)]
    entries += [(("policies", n, "add", i), e) for n, p in scenario.policies.items() for i, e in enumerate(p.add)]
    for loc, e in entries:
        for field, bounds in ENTRY_NAMES.items():
            value = getattr(e, field)
            if not isinstance(value, str):
                continue
            named.add(value)
            if value not in declared:
                effects = [n for n in declared if n.startswith("effects.")]
                yield loc + (field,), (f"{field} names unknown parameter {value!r}; declare it under effects: "
                                       f"(declared: {', '.join(effects) or 'none'})")
            else:
                p = declared[value]
                if p.low < bounds[0] or p.high > bounds[1]:
                    yield loc + (field,), (f"{field} names {value}, whose range [{p.low:g}, {p.high:g}] goes beyond "
                                           f"what {field} takes, [{bounds[0]:g}, {bounds[1]:g}]")
                if field.endswith("_days") and value.startswith("effects."):
                    q = scenario.effects[value.removeprefix("effects.")]
                    yield from _unit_problems(q, "day", ("effects", value.removeprefix("effects.")), value)
        if e.mode_share is not None:
            named.add(e.mode_share)
            yield from _mix_problems(scenario, e.mode_share, loc + ("mode_share",))
    for name in scenario.effects:
        if f"effects.{name}" not in named:
            yield ("effects", name), f"effects.{name} is named by no schedule entry (it would be ignored)"


def _mix_problems(scenario: Scenario, name: str, loc: tuple):
    """A tactics entry's ``mode_share`` names an effect with one share in [0, 1] per declared attack mode."""
    modes = declared_modes(scenario)
    q = scenario.effects.get(name.removeprefix("effects."))
    if q is None:
        yield loc, (f"mode_share names unknown parameter {name!r}; declare it under effects: with one share per "
                    f"attack mode ({', '.join(modes)})")
    elif not isinstance(q.value, dict) or sorted(q.value) != sorted(modes):
        yield loc, f"mode_share names {name}, which needs one share per attack mode: {', '.join(modes)}"
    else:
        for key in modes:
            lo, hi = q.range_for(key)
            if lo < 0 or hi > 1:
                yield ("effects", name.removeprefix("effects."), "range"), (
                    f"{name}.{key}: a share's range [{lo:g}, {hi:g}] goes beyond [0, 1]")
        if sum(q.value.values()) <= 0:
            yield ("effects", name.removeprefix("effects."), "value"), f"{name}: the shares sum to 0"
