"""Every number of a scenario under one flat name, with its unit, range and source.

Names:
- ``attacks.<name>[.<key>]``, ``response.<name>``, ``forces.<name>``: the processes (the base attack
  process, the foreign power's rule, the foreign forces);
- ``effects.<name>``: effect sizes that schedule entries name (``effects.covid_lockdown``);
- ``<mechanism>.<name>[.<key>]``: mechanism parameters (``reprisal.excitation_per_strike``);
- ``<actor>.<attribute>``: actor attributes (``<faction>.zeal``);
- ``<type>.<from>.<to>``: relations (``control.<patron>.<faction>``);
- ``targets.<target>.share[.<proxy>]``, ``targets.<target>.answered``, ``targets.<target>.mode_share.<mode>``:
  the declared attack targets (none when the scenario declares none);
- ``<mechanism>.enabled``: a mechanism switch, and ``<entry>.requires``: a schedule link (true or false, or
  an array of them over runs), for overrides and policies.
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Sequence

import pandas as pd

from flashpoint.errors import ScenarioError
from flashpoint.scenario.entries import (ONLY_THROUGH, ONLY_THROUGH_RULE_STRIKES, ONLY_THROUGH_STRIKES,
                                         STRIKE_PROBABILITIES, certain_cut, entryless, live_entries,
                                         unused_effects)
from flashpoint.scenario.schema import Quantity, Scenario


@dataclass(frozen=True)
class Parameter:
    name: str
    value: float
    unit: str
    low: float
    high: float
    source: str
    calibratable: bool
    group: str


def _expand(prefix: str, group: str, q: Quantity) -> list[Parameter]:
    if isinstance(q.value, dict):
        items = [(f"{prefix}.{key}", v, q.range_for(key)) for key, v in q.value.items()]
    else:
        items = [(prefix, q.value, q.range_for())]
    return [Parameter(name, float(v), q.unit, float(lo), float(hi), q.source, q.calibratable, group)
            for name, v, (lo, hi) in items]


def parameters(scenario: Scenario) -> dict[str, Parameter]:
    """All declared numbers of ``scenario``, by flat name."""
    out: list[Parameter] = []
    for section in ("attacks", "response", "forces", "effects"):
        for name, q in getattr(scenario, section).items():
            out += _expand(f"{section}.{name}", section, q)
    for mech_name, mech in scenario.mechanisms.items():
        for name, q in mech.parameters.items():
            out += _expand(f"{mech_name}.{name}", mech_name, q)
    for actor in scenario.actors:
        for name, q in actor.attributes.items():
            out += _expand(f"{actor.id}.{name}", "actors", q)
    for rel in scenario.relations:
        out += _expand(f"{rel.type}.{rel.source}.{rel.target}", "relations", rel.value)
    for target in scenario.targets:
        for name in ("share", "answered", "mode_share"):
            q = getattr(target, name)
            if q is not None:
                out += _expand(f"targets.{target.id}.{name}", "targets", q)
    return {p.name: p for p in out}


def parameter_table(scenario: Scenario) -> pd.DataFrame:
    """The parameters as a table: name, value, unit, low, high, source, calibratable, group."""
    rows = [vars(p) for p in parameters(scenario).values()]
    return pd.DataFrame(rows).set_index("name")


def switch_names(scenario: Scenario) -> list[str]:
    """Mechanism switches (``reprisal.enabled``) and ``requires`` links (``<entry id>.requires``: false makes
    the entry happen whether or not what it requires happened)."""
    entries = scenario.every_entry
    return [f"{m}.enabled" for m in scenario.mechanisms] + sorted({f"{e.id}.requires" for e in entries if e.requires})


def resolve_settings(scenario: Scenario, settings: dict, where: str) -> dict[str, object]:
    """Check names and values of parameter settings (a policy's ``set`` or user overrides).

    Values must be numbers inside the declared range (arrays over runs are checked element-wise),
    or booleans (or boolean arrays over runs) for ``<mechanism>.enabled`` and ``<entry>.requires``.
    """
    import numpy as np

    declared = parameters(scenario)
    switches = set(switch_names(scenario))
    out: dict[str, object] = {}
    for name, value in settings.items():
        if name in switches:
            out[name] = _switch(name, value, where)
            continue
        if name.endswith(".requires") and name[: -len(".requires")] in {e.id for e in scenario.schedule}:
            raise ScenarioError(f"{where}: {name}: entry {name[: -len('.requires')]!r} has no requires link to cut "
                                f"(links: {', '.join(n for n in switches if n.endswith('.requires')) or 'none'})")
        if name not in declared:
            keyed = [n for n in declared if n.startswith(f"{name}.") and n.count(".") == name.count(".") + 1]
            if keyed:                          # declared per key: one number for all is not what the file says
                raise ScenarioError(f"{where}: {name} is given per key in this scenario "
                                    f"({', '.join(n.rsplit('.', 1)[1] for n in keyed)}): set each, "
                                    f"{', '.join(keyed[:3])}{', ...' if len(keyed) > 3 else ''}")
            raise ScenarioError(f"{where}: unknown parameter {name!r}{_suggest(name, declared)}")
        p = declared[name]
        if isinstance(value, (bool, np.bool_)) or getattr(value, "dtype", None) == bool:
            raise ScenarioError(f"{where}: {name} expects a number ({p.unit}), got {value!r}")
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise ScenarioError(f"{where}: {name} expects a number ({p.unit}), got {value!r}") from None
        if array.ndim > 1:
            raise ScenarioError(f"{where}: {name} expects a finite number or a 1-D array over runs, got an array of "
                                f"shape {array.shape}")
        if not np.all(np.isfinite(array)):
            bad = np.flatnonzero(~np.isfinite(array.reshape(-1)))      # the runs, not the whole array (held-out)
            raise ScenarioError(f"{where}: {name} expects a finite number" + (
                f", got {value!r}" if array.ndim == 0 else
                f" in every run; {len(bad)} of its {array.size} values are not (the first at run {bad[0]}: "
                f"{float(array[bad[0]])!r})"))
        if np.any(array < p.low) or np.any(array > p.high):
            exact = lambda v: np.format_float_positional(float(v), trim="-")  # noqa: E731 - 0.2999999 is not 0.3 (held-out)
            shown = f"= {exact(array)} is" if array.ndim == 0 else \
                f"takes values from {exact(array.min())} to {exact(array.max())},"
            raise ScenarioError(
                f"{where}: {name} {shown} outside its plausible range [{p.low:g}, {p.high:g}] ({p.unit})")
        out[name] = float(array) if array.ndim == 0 else array
    return out


def _switch(name: str, value, where: str):
    """A switch's value: true or false, or a 1-D array of them over runs (a design that switches per run)."""
    import numpy as np

    if isinstance(value, str):
        if value.lower() not in ("true", "false", "1", "0", "on", "off"):
            raise ScenarioError(f"{where}: {name} expects true or false, got {value!r}")
        return value.lower() in ("true", "1", "on")
    if np.ndim(value) == 0:
        if isinstance(value, (bool, np.bool_)) or (isinstance(value, (int, float, np.number)) and value in (0, 1)):
            return bool(value)
        raise ScenarioError(f"{where}: {name} expects true or false (or 1 or 0), got {value!r}")
    array = np.asarray(value)
    if array.ndim != 1 or not np.isin(array, (0, 1)).all():
        raise ScenarioError(f"{where}: {name} expects true or false, or a 1-D array of them over runs")
    return array.astype(bool)


def _suggest(name: str, declared) -> str:
    """The tail of an 'unknown parameter' message: the declared names it may mean (a keyed parameter written
    without its key, or the same last part), else where the names are listed."""
    import difflib

    close = [n for n in declared if n.startswith(f"{name}.") or n.split(".")[-1] == name.split(".")[-1]][:5]
    close = close or difflib.get_close_matches(name, list(declared), n=3, cutoff=0.8)
    return (f"; did you mean {', '.join(close)}?" if close else
            "; `flashpoint scenario show` lists them (in Python: flashpoint.scenario.parameters.parameter_table)")


#: the mechanisms that read the host's consent, which M5 (consent) moves: M6 coalition (a partner's exit), M7
#: spoiler (joint operations against the spoiler); a test keeps this list equal to the engine's
CONSENT_READERS = ("coalition", "spoiler")


def consent_unread(scenario: Scenario, idle: set[str] | None = None) -> bool:
    """M5 (consent) is in the scenario and no mechanism that reads the host's consent runs (each absent, or off:
    in the file, or, given ``idle`` (:func:`idle_mechanisms`), in every compared policy's runs): host_consent is
    then an output only, and M5's parameters change no other number of the runs."""
    def off(k: str) -> bool:
        m = scenario.mechanisms.get(k)
        return m is None or (not m.enabled if idle is None else k in idle)

    return "consent" in scenario.mechanisms and all(off(k) for k in CONSENT_READERS)


def borrowed_fits(scenario: Scenario, name: str) -> str | None:
    """"N parameter(s) (a, b, ...) give a built-in scenario's fit or record as their source (...): that case's
    numbers, K of them said to be fitted" for a scenario ``name`` that is not a built-in, or None: copied, they are
    that case's numbers (a held-out case's backlash, "fitted (docs/ODD.md section 8)" to a built-in's record,
    decided its claim, unsaid). A built-in's name counts as a word, not inside an address; a source saying "fitted"
    or "posterior median" or citing section 8, and not "not fitted" (or "never", "not yet"), is counted apart (a
    held-out historian's copied values, each sourced as the built-in's value "not fitted" to the case, were all
    called fitted). A parameter counts only where its value is the named built-in's for that parameter (section 8
    and docs/calibration.md, which a posterior median cites: any built-in's): a source that names a built-in to say
    why its value was replaced is no copy (a held-out case's "assumption (<built-in> value ran away here: ...)" was
    called that case's numbers)."""
    import math

    from flashpoint.scenario.loader import builtin_names, load_scenario

    names = builtin_names()              # (a folder listed once, not once per parameter)
    if name in names:
        return None
    fits = ("docs/ODD.md section 8", "docs/calibration.md")      # a built-in's replay fit, its posterior's medians
    marks = (*fits, *names)
    pattern = {m: re.compile(rf"(?<![\w/.-]){re.escape(m)}(?![\w-])") for m in names}
    pattern.update({m: re.compile(re.escape(m)) for m in fits})
    builtins: dict[str, dict[str, Parameter]] = {}

    def theirs(built_in: str) -> dict[str, Parameter]:
        if built_in not in builtins:
            builtins[built_in] = parameters(load_scenario(built_in))
        return builtins[built_in]

    def copied(p: Parameter) -> bool:
        named = [m for m, rx in pattern.items() if rx.search(p.source or "")]
        if set(fits) & set(named):
            named = names
        return any(p.name in theirs(b) and math.isclose(theirs(b)[p.name].value, p.value, rel_tol=1e-9, abs_tol=0)
                   for b in named)

    found = [p for p in parameters(scenario).values() if copied(p)]
    if not found:
        return None
    borrowed = [p.name for p in found]
    fitted = sum(re.search(r"\bfitted\b|section 8|posterior median", p.source, re.I) is not None
                 and re.search(r"\b(?:not|never|yet)\s+fitted\b", p.source, re.I) is None for p in found)
    more = f" and {len(borrowed) - 4} more" if len(borrowed) > 4 else ""
    return (f"{len(borrowed)} parameter(s) ({', '.join(borrowed[:4])}{more}) give a built-in scenario's fit or record "
            f"as their source ({' or '.join(marks)}): that case's numbers, {fitted} of them said to be fitted")


def idle_mechanisms(scenario: Scenario, policies: Sequence[str], overrides: dict | None = None,
                    until=None) -> set[str]:
    """Mechanisms off in every run of every compared policy (by the file, a fixed override, or the policy's
    own setting, which wins as in :func:`flashpoint.analysis.policy_overrides`): nothing in the runs depends
    on their parameters, and switching them off changes nothing; so too a mechanism that acts only through
    schedule entries none of the policies has (``entries.ONLY_THROUGH``: a decapitation's, without one)."""
    def on(m: str, policy: str) -> bool:
        key = f"{m}.enabled"
        for settings in (scenario.policies[policy].set, overrides or {}):
            if key in settings:
                return bool(settings[key])
        return scenario.mechanisms[m].enabled

    nothing = set.intersection(*(set(entryless(scenario, p, until=until)) for p in policies)) if policies else set()
    return {m for m in scenario.mechanisms if not any(on(m, p) for p in policies)} | (nothing & set(scenario.mechanisms))


def idle_parameters(scenario: Scenario, policies: Sequence[str], until=None) -> set[str]:
    """Parameters that act only through schedule entries none of the compared policies has (on or before
    ``until``, when given) (``entries.ONLY_THROUGH``: deterrence.threat_deterrence without a threat); a
    mechanism's are in :func:`idle_mechanisms`."""
    if not policies:
        return set()
    return set.intersection(*(set(entryless(scenario, p, until=until)) for p in policies)) - set(scenario.mechanisms)


def attribute_readers(scenario: Scenario, name: str) -> list:
    """The switchable mechanisms (engine components) that read the actor attribute ``name`` (``uto.broker_dependence``),
    when only such mechanisms read it; [] for anything else (not an attribute, or one an always-on part reads)."""
    from flashpoint.engine.contract import registry

    actor, _, attribute = name.partition(".")
    if actor not in {a.id for a in scenario.actors} or actor in scenario.mechanisms:
        return []
    readers = [c for c in registry() if any(a.partition(".")[2] == attribute for a in c.attributes)]
    return readers if readers and all(c.switchable and c.key in scenario.mechanisms for c in readers) else []


def unscaled(scenario: Scenario, name: str, settings: dict | None = None, ranged: bool = True) -> str | None:
    """The relation type that scales what the parameter ``name`` adds (``Param.scaled_by``: control.host_attack_rate,
    scaled by each faction's hostility to the host) when no relation of that type is above 0, in its value, in
    ``settings`` or, ``ranged``, anywhere in its range (a design's draws): the parameter then changes nothing (a
    held-out scientist's setting of it, no faction hostile to the host, left attacks_on_host at 0); else None."""
    import numpy as np

    from flashpoint.engine.contract import registry

    section, _, param = name.partition(".")
    kind = next((c.parameters[param].scaled_by for c in registry() if c.key == section and param in c.parameters), None)
    if kind is None or any(r.type == kind and (r.value.value > 0 or ranged and r.value.range_for()[1] > 0 or np.any(
            np.asarray((settings or {}).get(f"{kind}.{r.source}.{r.target}", 0)) > 0)) for r in scenario.relations):
        return None
    return kind


def moved_by(scenario: Scenario, name: str) -> str | None:
    """The mechanism whose state the parameter ``name`` weighs where only that one moves it (``Param.moved_by``:
    consent.polarization_weight weighs the polarization only politics moves), if the scenario has it; else None
    (a held-out designer's polarization_weight with M10 off was taken, and nothing moved)."""
    from flashpoint.engine.contract import registry

    section, _, param = name.partition(".")
    for c in registry():
        if c.key == section and param in c.parameters:
            mover = c.parameters[param].moved_by
            return mover if mover in scenario.mechanisms else None
    return None


def switched_off(scenario: Scenario, name: str) -> bool:
    """Whether the file switches off what the parameter ``name`` needs: its own mechanism, every mechanism that reads
    it (an actor's attribute, :func:`attribute_readers`), or the one that moves what it weighs (:func:`moved_by`)."""
    mechanism = scenario.mechanisms.get(name.partition(".")[0])
    readers = attribute_readers(scenario, name)
    mover = moved_by(scenario, name)
    return (mechanism is not None and not mechanism.enabled) or (
        bool(readers) and not any(scenario.mechanisms[c.key].enabled for c in readers)) or (
        mover is not None and not scenario.mechanisms[mover].enabled)


def needed_mechanisms(scenario: Scenario, name: str) -> set[str]:
    """The mechanisms a setting of ``name`` may need switched on to change anything: its own section, the readers
    of an actor's attribute (:func:`attribute_readers`), what it weighs (:func:`moved_by`)."""
    mover = moved_by(scenario, name)
    return {name.partition(".")[0], *(c.key for c in attribute_readers(scenario, name)), *([mover] if mover else [])}


def claim_problems(scenario: Scenario) -> list[tuple[tuple, str]]:
    """(location, message) for each parameter a claim names (its deciding candidates) that is not declared, whose
    declared range is one point (nothing varies it), or that belongs to a mechanism the scenario switches off and
    neither of the claim's policies switches on (nothing would depend on it: the sensitivity analysis leaves such
    parameters out)."""
    declared = parameters(scenario)
    out = []
    for i, claim in enumerate(scenario.claims):
        arms = [p for p in (claim.policy, claim.baseline) if p in scenario.policies]
        end = claim.window[1]            # an entry dated after the window cannot act inside it (held-out)
        idle = idle_parameters(scenario, arms) | (idle_mechanisms(scenario, arms) if arms else set())
        idle_params, idle_mechs = idle_parameters(scenario, arms, until=end), (
            idle_mechanisms(scenario, arms, until=end) if arms else set())
        for j, name in enumerate(claim.parameters):
            if name in claim.parameters[:j]:     # a held-out field audit's twice-named parameter passed unsaid
                out.append((("claims", i, "parameters", j),
                            f"claim {claim.id} names {name} twice (also parameters[{claim.parameters.index(name)}]); "
                            "name each once"))
                continue
            if name not in declared:
                out.append((("claims", i, "parameters", j),
                            f"claim {claim.id} names unknown parameter {name!r}{_suggest(name, declared)}"))
                continue
            p = declared[name]
            if p.high <= p.low:           # the sensitivity analysis varies a parameter over its range: none to vary
                out.append((("claims", i, "parameters", j),
                            f"claim {claim.id} names {name}, whose declared range is the single point {p.low:g}: "
                            "nothing varies it, so it cannot decide the claim; give it a range or leave it out"))
                continue
            readers = attribute_readers(scenario, name)
            if readers and all(c.key in idle_mechs for c in readers):    # a held-out case's broker_dependence, M4 off
                out.append((("claims", i, "parameters", j),
                            f"claim {claim.id} names {name}, an attribute read only by "
                            f"{', '.join(f'{c.id} {c.key}' for c in readers)}, idle under both policies: it cannot "
                            "decide the claim"))
                continue
            if (mover := moved_by(scenario, name)) in idle_mechs:
                out.append((("claims", i, "parameters", j),
                            f"claim {claim.id} names {name}, which weighs what only {scenario.mechanisms[mover].id} "
                            f"{mover} moves, idle under both policies: it cannot decide the claim"))
                continue
            key = name.partition(".")[0]
            none = ("neither policy has one" if name in idle or key in idle else
                    f"neither policy has one on or before the claim's window ends ({end})")
            if name in idle_params:
                out.append((("claims", i, "parameters", j),
                            f"claim {claim.id} names {name}, which acts only through {' or '.join(ONLY_THROUGH[name])} "
                            f"entries, and {none}: it cannot decide the claim"))
                continue
            if key in idle_mechs:
                mechanism = scenario.mechanisms[key]
                off = [p for p in arms if scenario.policies[p].set.get(f"{key}.enabled") is False]
                if key in ONLY_THROUGH and mechanism.enabled and len(off) < len(arms):
                    why = f"acts only through {' or '.join(ONLY_THROUGH[key])} entries, and {none}"
                elif mechanism.enabled:      # both arms switch it off (a held-out case's claim crashed on a KeyError)
                    why = f"polic{'y' if len(set(off)) == 1 else 'ies'} {' and '.join(dict.fromkeys(off))} switch(es) off"
                else:
                    why = "the scenario switches off"
                out.append((("claims", i, "parameters", j),
                            f"claim {claim.id} names {name}, a parameter of {mechanism.id} {key}, which {why}: "
                            "it cannot decide the claim"))
    return out


def _spared_faction(scenario: Scenario, policy: str, settings: dict, name: str) -> str | None:
    """Why ``<faction>.broker_dependence`` would change nothing where the policy's decapitations kill a commander,
    but neither the patron's nor that faction's: M4 reads a faction's dependence only where one of those two dies (a
    held-out student's second faction, beside the first's killed leader, ran byte for byte the same)."""
    faction, _, attribute = name.partition(".")
    if attribute != "broker_dependence":
        return None
    killed = {t for e in live_entries(scenario, policy, settings) if e.type == "decapitation" for t in e.targets}
    if not killed or killed & ({a.id for a in scenario.actors_of("patron")} | {faction}):
        return None
    return (f"overrides: {name} is read by M4 decapitation only where the patron's commander or {faction}'s own is "
            f"killed, and the decapitations of policy {policy!r} kill {', '.join(sorted(killed))}'s: the setting "
            "would change nothing")


def _no_direct_strike_drawn(scenario: Scenario, policy: str, settings: dict, name: str) -> str | None:
    """Why ``escalation.direct_strike_killed`` (``_wounded``) would change nothing: no direct strike of the ladder
    (``direct_strike_hazard`` 0) and none scheduled without its recorded dead (wounded) under the policy (a held-out
    designer's --set was accepted and named in the JSON beside runs byte for byte the same)."""
    import numpy as np

    if name not in ("escalation.direct_strike_killed", "escalation.direct_strike_wounded"):
        return None
    field = name.rpartition("_")[2]
    declared = getattr(scenario.mechanisms.get("escalation"), "parameters", {}).get("direct_strike_hazard")
    hazard = settings.get("escalation.direct_strike_hazard", declared.value if declared is not None else 0.0)
    if np.any(np.asarray(hazard, dtype=float) > 0) or any(
            e.type == "patron_direct_strike" and getattr(e, field) is None
            for e in live_entries(scenario, policy, settings)):
        return None
    return (f"overrides: {name} gives the {field} of a patron's direct strike whose {field} are not recorded, and "
            f"under policy {policy!r} the ladder strikes none (escalation.direct_strike_hazard 0) and no "
            f"patron_direct_strike entry leaves its {field} out: the setting would change nothing")


def idle_under(scenario: Scenario, policy: str, name: str, settings: dict) -> str | None:
    """Why one value of ``name`` would change nothing under ``policy`` through what its entries do not draw: a
    faction's dependence no decapitation reaches, a direct strike's dead where none is drawn, the response rule's
    strike sizes where its probabilities are 0 (restraint's), what acts only through strikes where none falls, a
    faction's zeal where nothing deters. Compare and claims leave such a value out of that policy's runs
    (``analysis.policy_overrides``) and refuse it only where it is so under every policy they run (a verifier's
    compare of historical and a policy killing one faction's leader was refused for the second)."""
    return (_no_strike_falls(scenario, policy, name, settings) or _rule_cannot_strike(scenario, policy, name, settings)
            or _never_deterred(scenario, policy, name, settings) or _spared_faction(scenario, policy, settings, name)
            or _no_direct_strike_drawn(scenario, policy, settings, name))


def strikes_can_fall(scenario: Scenario, policy: str, settings: dict | None = None, varied=(),
                     rule_only: bool = False) -> bool:
    """Whether a strike can fall in a run of ``policy`` with ``settings`` (resolved; the policy's own among them): a
    ``foreign_strike`` entry in its runs (its schedule, less what it drops, with what it adds; not counted with
    ``rule_only``), or a strike probability of the response rule above 0, in the file, in ``settings`` or, among
    ``varied`` (names a fit or design draws), in its range."""
    import numpy as np

    if not rule_only and any(e.type == "foreign_strike" for e in live_entries(scenario, policy, settings)):
        return True        # (an entry the policy drops counted: a tester's --set under restraint changed nothing)
    settings = settings or {}
    for p in parameters(scenario).values():          # the value in these runs: the settings' (a policy's 0 or a
        if p.name.partition(".")[0] == "response" and p.name.split(".")[1] in STRIKE_PROBABILITIES and (  # --set's)
                np.any(np.asarray(settings.get(p.name, p.value), dtype=float) > 0) or p.name in varied and p.high > 0):
            return True                              # over the file's (a tester's 0s under a policy were not seen)
    return False


def _no_strike_falls(scenario: Scenario, policy: str, name: str, settings: dict | None, varied=()) -> str | None:
    """Why ``name``, one that acts only through strikes (``entries.ONLY_THROUGH_STRIKES``), changes nothing: no
    strike can fall under ``policy`` with ``settings`` (:func:`strikes_can_fall`)."""
    if name not in ONLY_THROUGH_STRIKES or strikes_can_fall(scenario, policy, settings, varied):
        return None
    return (f"acts only through strikes, and none can fall: the response rule's strike probabilities "
            f"({', '.join(f'response.{n}' for n in STRIKE_PROBABILITIES)}) are 0 under policy {policy!r} with these "
            "settings, and no foreign_strike entry is in its runs")


def _rule_cannot_strike(scenario: Scenario, policy: str, name: str, settings: dict | None, varied=()) -> str | None:
    """Why ``name``, one of the sizes of the response rule's own strikes (``entries.ONLY_THROUGH_RULE_STRIKES``),
    changes nothing: the rule cannot strike under ``policy`` with ``settings``."""
    if name not in ONLY_THROUGH_RULE_STRIKES or strikes_can_fall(scenario, policy, settings, varied, rule_only=True):
        return None
    probabilities = ", ".join(f"response.{n}" for n in STRIKE_PROBABILITIES)
    return (f"sizes only the response rule's own strikes, and the rule cannot strike: its strike probabilities "
            f"({probabilities}) are 0 under policy {policy!r} with these settings (a scheduled foreign_strike "
            "draws its own waves, day and dead)")


def _never_deterred(scenario: Scenario, policy: str, name: str, settings: dict | None, varied=()) -> str | None:
    """Why ``name``, a faction's ``zeal``, changes nothing: it only scales how far deterrence lowers the faction's
    attacks (``1 - deterrence (1 - zeal)``), and deterrence stays at its start, 0, where M2 is off or where no strike
    can fall and no ``threat`` entry is in the policy's runs (a tester's zeal under a policy of no strikes)."""
    import numpy as np

    if name.rpartition(".")[2] != "zeal" or name.partition(".")[0] not in {a.id for a in scenario.actors_of("proxy")}:
        return None
    mechanism = scenario.mechanisms.get("deterrence")
    on = (settings or {}).get("deterrence.enabled", mechanism is not None and mechanism.enabled)
    if np.any(on) and (strikes_can_fall(scenario, policy, settings, varied)
                       or any(e.type == "threat" for e in live_entries(scenario, policy, settings))):
        return None
    return (f"only scales how far deterrence lowers the faction's attacks, and deterrence stays 0 under policy "
            f"{policy!r} with these settings: " + ("M2 (deterrence) is off" if not np.any(on) else
            "no strike can fall and no threat entry is in its runs"))


def idle_by_design(scenario: Scenario, policy: str, name: str, value, settings: dict | None = None,
                   varied=()) -> str | None:
    """Why ``name`` at ``value`` would change nothing under ``policy`` with ``settings`` (resolved; a policy's own
    among them) by how the scenario is built, whatever the mechanisms' switches, or None: a lone foreign party's
    troops (``presence.lone_troops_idle``), troops or attacks.exposure where every force holds its start
    (``presence.still_troops_idle``, ``presence.still_exposure_idle``), a parameter that acts only through strikes
    (``entries.ONLY_THROUGH_STRIKES``) where none can fall (:func:`strikes_can_fall`), one that sizes only the
    response rule's strikes (``entries.ONLY_THROUGH_RULE_STRIKES``) where the rule cannot strike. ``varied``: names
    a fit or design draws over their ranges (what they could move counts as moved). One rule for --set, a policy's
    ``set``, Python's overrides, the web page and calibrate's choice of parameters."""
    from flashpoint.scenario.presence import lone_troops_idle, still_exposure_idle, still_troops_idle

    return (_no_strike_falls(scenario, policy, name, settings, varied)
            or _rule_cannot_strike(scenario, policy, name, settings, varied)
            or _never_deterred(scenario, policy, name, settings, varied)
            or lone_troops_idle(scenario, policy, name, value)
            or still_troops_idle(scenario, policy, name, value, settings, varied)
            or still_exposure_idle(scenario, policy, name, settings, varied))


def idle_setting(scenario: Scenario, policy: str, overrides: dict | None, settings: dict,
                 same_call: bool = False, names=None) -> str | None:
    """Why a setting among ``overrides`` would change nothing, or None: it switches on a mechanism that would act
    on nothing (``checks.acts_on_nothing``: host consent with no host), it names a parameter of a mechanism that
    the scenario switches off and neither the policy nor the overrides switch on, or (``same_call``: a user's
    --set on the command line) one that the policy or the overrides themselves switch off.
    ``settings``: the policy's settings updated with the overrides, resolved. Python's ``simulate`` takes the
    second, and the third for single values only (a design may switch a mechanism off in per-run arrays and vary
    its parameters, as the contract tests do)."""
    import numpy as np

    from flashpoint.scenario.checks import acts_on_nothing

    for name in (overrides or {}) if names is None else names:
        if same_call and name.endswith(".requires"):     # a link of an entry the policy does not have (a held-out
            entry, pol = name[: -len(".requires")], scenario.policies[policy]      # tester's run was the same)
            if entry in pol.drop or entry not in {e.id for e in scenario.schedule} | {e.id for e in pol.add}:
                return (f"overrides: {name}: policy {policy!r} {'drops' if entry in pol.drop else 'does not add'} "
                        f"entry {entry!r}, so its requires link is not there to cut: the setting would change nothing")
            if (e := certain_cut(scenario, policy, name, overrides or {}, settings)) is not None:
                return (f"overrides: {name}: under policy {policy!r} what entry {entry!r} requires "
                        f"({', '.join(e.requires)}) happens in every run before it (dated earlier or the same day, "
                        "no probability below 1), so cutting the link would change nothing")
            continue
        section = name.partition(".")[0]
        m = scenario.mechanisms.get(section)
        why = (acts_on_nothing(scenario, section, {**settings, **(overrides or {})})
               if m is not None and name == f"{section}.enabled" else None)
        if why and np.any(settings.get(name, False)):
            return (f"overrides: {name} switches on mechanism {section} ({m.id}), which {why}: the setting would "
                    "change nothing; leave it out")
        if (same_call and m is not None and name == f"{section}.enabled" and not m.enabled
                and np.all(settings.get(name, False))
                and (kinds := entryless(scenario, policy, settings).get(section))):    # (a held-out designer's page)
            return (f"overrides: {name} switches on {m.id} {section}, which acts only through {' or '.join(kinds)} "
                    f"entries, and policy {policy!r} has none: the setting would change nothing")
        unused = unused_effects(scenario, policy, settings) if same_call and section == "effects" else {}
        for effect, ids in unused.items():
            if name == effect or name.startswith(f"{effect}."):
                return f"overrides: {name} {_unused_effect(ids, policy)}: the setting would change nothing"
        if (same_call or np.ndim((overrides or {}).get(name, 0)) == 0) and (
                undrawn := _no_direct_strike_drawn(scenario, policy, {**settings, **(overrides or {})}, name)):
            return undrawn
        readers = attribute_readers(scenario, name) if m is None else []
        off = [c for c in readers if not np.any(settings.get(f"{c.key}.enabled", scenario.mechanisms[c.key].enabled))]
        if readers and same_call and len(off) < len(readers):     # or on, with no entry to act through (a
            kinds = entryless(scenario, policy, settings)         # verifier's broker_dependence under no-decapitation)
            if all(c in off or c.key in kinds for c in readers):
                through = sorted({k for c in readers if c.key in kinds for k in kinds[c.key]})
                return (f"overrides: {name} is read only by {', '.join(f'{c.id} {c.key}' for c in readers)}, which "
                        f"act(s) only through {' or '.join(through)} entries, and policy {policy!r} has none: the "
                        "setting would change nothing")
        if readers and not off and (same_call or np.ndim((overrides or {}).get(name, 0)) == 0) and (
                spared := _spared_faction(scenario, policy, settings, name)):
            return spared
        if readers and len(off) == len(readers) and (same_call or not any(scenario.mechanisms[c.key].enabled
                                                                            for c in readers)):
            # an actor's attribute that only switched-off mechanisms read (a held-out analyst's --set of
            # broker_dependence with M4 off ran, byte for byte the runs without it)
            return (f"overrides: {name} is read only by {', '.join(f'{c.id} {c.key}' for c in readers)}, switched off "
                    f"in these runs: the setting would change nothing; leave it out, or switch "
                    f"{' and '.join(c.key for c in readers)} on ({readers[0].key}.enabled=true)")
        # the relation's own setting among the overrides counts (a design draws it beside the parameter: a held-out
        # analyst's hostility of 0, ranged to 0.5, had claims refuse its own sample); per-run values are a design's,
        # taken as the switches' are (the audit's corners put the hostility at its end, 0, beside the rate: a
        # held-out analyst's claims stopped at 40 % on their own point)
        if ((same_call or np.ndim((overrides or {}).get(name, 0)) == 0)
                and (kind := unscaled(scenario, name, {**settings, **(overrides or {})}, ranged=False)) is not None):
            room = [f"{kind}.{r.source}.{r.target}" for r in scenario.relations
                    if r.type == kind and r.value.range_for()[1] > 0]
            fixed = [f"{kind}.{r.source}.{r.target}" for r in scenario.relations if r.type == kind]
            how = (f"set {' or '.join(room[:2])} above 0 beside it (its range allows it)" if room else
                   f"give {' or '.join(fixed[:2])} a value or range above 0" if fixed else   # (a verifier: it was
                   f"declare a {kind} relation (docs/writing-a-scenario.md section 4)")     # told to declare one)
            return (f"overrides: {name} is scaled by each faction's {kind} relation, and no faction has one above 0 "
                    f"here: the setting would change nothing; {how}")
        mover = moved_by(scenario, name)
        if mover and not np.any(settings.get(f"{mover}.enabled", scenario.mechanisms[mover].enabled)) and (
                same_call or not scenario.mechanisms[mover].enabled):
            return (f"overrides: {name} weighs what only {scenario.mechanisms[mover].id} {mover} moves, switched off "
                    f"in these runs: the setting would change nothing; leave it out, or switch {mover} on "
                    f"({mover}.enabled=true)")
        if m is None or name.endswith(".enabled"):
            continue
        without = entryless(scenario, policy, settings) if same_call else {}
        if without.get(name):
            return (f"overrides: {name} acts only through {' or '.join(without[name])} entries, and policy {policy!r} "
                    "has none: the setting would change nothing")
        kinds = without.get(section)
        if kinds:
            return (f"overrides: {name} is a parameter of {m.id} {section}, which acts only through "
                    f"{' or '.join(kinds)} entries, and policy {policy!r} has none: the setting would change nothing")
        on = settings.get(f"{section}.enabled", m.enabled)
        if np.any(on) or (m.enabled and not same_call):
            continue
        if f"{section}.enabled" in (overrides or {}):
            why = "these settings switch it off too"
        elif f"{section}.enabled" in scenario.policies[policy].set:
            why = f"policy {policy!r} switches it off"
        else:
            why = f"the scenario switches it off ({m.reason or 'enabled: false'}) and policy {policy!r} does not switch it on"
        return (f"overrides: {name} is a parameter of {m.id} {section}, and {why}: the setting would change "
                f"nothing; leave it out, or switch {section} on ({section}.enabled=true)")
    given = {**settings, **(overrides or {})}     # what the scenario's build leaves idle (per-run values: a design's)
    for name in (overrides or {}) if names is None else names:
        if name in (overrides or {}) and (same_call or np.ndim(overrides[name]) == 0) and (
                why := idle_by_design(scenario, policy, name, overrides[name], given)):
            return f"overrides: {name} {why}: the setting would change nothing"
    return None


def refuse_idle_settings(scenario: Scenario, policies, user: dict, policy_wins: bool = False,
                         where: str = "--set") -> None:
    """Refuse a user's --set that changes nothing under every one of ``policies`` (:func:`idle_setting` with
    ``same_call``); ``policy_wins``: a policy's own settings are kept over --set (compare, claims). ``where`` names
    the settings in the message."""
    arms = []                                    # (policy, the --set it takes, its settings), resolved once
    for policy in policies:
        own = scenario.policies[policy].set
        applied = {k: v for k, v in user.items() if not (policy_wins and k in own)}
        settings = resolve_settings(scenario, dict(own), f"policy {policy!r}")    # the switches only: a value's
        settings.update(resolve_settings(scenario, {k: v for k, v in applied.items()    # range is checked later
                                                    if k.endswith((".enabled", ".requires"))}, "--set"))
        arms.append((policy, applied, settings))
    for name in user:
        problems = [idle_setting(scenario, policy, applied, settings, same_call=True, names=[name])
                    if name in applied else "kept" for policy, applied, settings in arms]
        if all(problems) and any(p != "kept" for p in problems):
            raise ScenarioError(next(p for p in problems if p != "kept").replace("overrides: ", f"{where}: ", 1)
                                + ("" if len(policies) == 1 else f" (under each of {', '.join(policies)})"))


def refuse_entryless_values(scenario: Scenario, policies, overrides: dict | None, policy_wins: bool = False) -> None:
    """The part of :func:`refuse_idle_settings` that Python's ``simulate`` and the web API apply to ``overrides``
    too: a single value that acts only through schedule entries none of ``policies`` can fire is refused, as
    ``flashpoint run --set`` refuses it: an ``effects.*`` parameter no live entry names (:func:`unused_effects`),
    or a parameter of ``entries.ONLY_THROUGH`` (a decapitation's, threat_deterrence) with no entry of its type, or
    the switch that turns such a mechanism on (a held-out Python user's decapitation.enabled=True, in a case with no
    decapitation entry, ran unsaid). Per-run arrays (posterior draws, a design) are left to run: under a policy
    that does not fire the entry they change nothing, by design."""
    import numpy as np

    def through_entries(name: str, value) -> bool:
        switch_on = name.endswith(".enabled") and bool(value)
        return name.startswith("effects.") or name in ONLY_THROUGH or (
            name.partition(".")[0] in ONLY_THROUGH and (switch_on or not name.endswith(".enabled")))

    user = {k: v for k, v in (overrides or {}).items()
            if k.endswith(".requires") or (np.ndim(v) == 0 and through_entries(k, v))}
    if any(not k.endswith(".requires") for k in user):          # .requires settings: what keeps an entry live
        refuse_idle_settings(scenario, policies, user, policy_wins=policy_wins, where="overrides")


def _unused_effect(ids: list[str], policy: str) -> str:
    """What is said of an effect that only entries the policy does not fire name (:func:`unused_effects`)."""
    return (f"is named only by schedule entr{'y' if len(ids) == 1 else 'ies'} {', '.join(ids)}, which cannot happen "
            f"under policy {policy!r} (it drops {'it' if len(ids) == 1 else 'them'} or an entry "
            f"{'it requires' if len(ids) == 1 else 'they require'}, or does not add {'it' if len(ids) == 1 else 'them'})")


def policy_problems(scenario: Scenario) -> list[tuple[tuple, str]]:
    """(location, message) for each policy setting with an unknown name or a value out of range, or that would
    change nothing: of a mechanism off in its runs, of an effect or a parameter (``ONLY_THROUGH``) that no entry
    the policy fires acts through."""
    out = []
    for name, policy in scenario.policies.items():
        effects, without = unused_effects(scenario, name), entryless(scenario, name)
        try:
            own = resolve_settings(scenario, dict(policy.set), f"policy {name!r}")
        except ScenarioError:            # each bad setting is named below
            own = dict(policy.set)
        for key, value in policy.set.items():
            try:
                resolve_settings(scenario, {key: value}, f"policy {name!r}")
            except ScenarioError as exc:
                out.append((("policies", name, "set", key), str(exc)))
                continue
            section = key.partition(".")[0]
            unused = [ids for effect, ids in effects.items() if key == effect or key.startswith(f"{effect}.")]
            kinds = without.get(key) or (without.get(section) if not key.endswith(".enabled") else None)
            loc = ("policies", name, "set", key)
            if unused:
                out.append((loc, f"policy {name!r} sets {key}, which {_unused_effect(unused[0], name)}: the setting "
                                 "would change nothing"))
                continue
            if kinds:
                out.append((loc, f"policy {name!r} sets {key}, which acts only through {' or '.join(kinds)} entries, "
                                 "and the policy has none: the setting would change nothing"))
                continue
            if lone := idle_by_design(scenario, name, key, value, own):
                out.append((loc, f"policy {name!r} sets {key}, which {lone}: the setting would change nothing"))
                continue
            if (entry := certain_cut(scenario, name, key, {key: value}, own)) is not None:   # (dropped: checks.py)
                out.append((loc, f"policy {name!r} sets {key}, but what entry {entry.id!r} requires "
                                 f"({', '.join(entry.requires)}) happens in every one of its runs before it (dated "
                                 "earlier, no probability below 1): cutting the link would change nothing"))
                continue
            mechanism = scenario.mechanisms.get(section)
            if mechanism is None or key.endswith(".enabled") or policy.set.get(f"{section}.enabled",
                                                                                   mechanism.enabled):
                continue
            why = ("which the policy switches off too" if f"{section}.enabled" in policy.set
                   else "which the scenario switches off and the policy does not switch on")
            out.append((("policies", name, "set", key), (
                f"policy {name!r} sets {key}, a parameter of {mechanism.id} {section}, {why}: the setting would "
                f"change nothing")))
    return out
