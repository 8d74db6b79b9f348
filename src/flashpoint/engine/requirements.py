"""What the engine reads from a scenario: parameter names and how they are keyed.

Each mechanism module declares ``PARAMETERS`` (name -> "scalar" | "proxy" | "mode");
the base attack process and the response rule do the same. Actor attributes and
relations are read per proxy.
"""
from __future__ import annotations

import importlib

MECHANISM_MODULES = {
    "reprisal": "flashpoint.engine.mechanisms.reprisal",
    "deterrence": "flashpoint.engine.mechanisms.deterrence",
    "control": "flashpoint.engine.mechanisms.control",
    "decapitation": "flashpoint.engine.mechanisms.decapitation",
    "consent": "flashpoint.engine.mechanisms.consent",
    "coalition": "flashpoint.engine.mechanisms.coalition",
    "spoiler": "flashpoint.engine.mechanisms.spoiler",
    "escalation": "flashpoint.engine.mechanisms.escalation",
    "pressure": "flashpoint.engine.mechanisms.pressure",
    "politics": "flashpoint.engine.mechanisms.politics",
}
PROCESS_MODULES = {"attacks": "flashpoint.engine.attacks", "response": "flashpoint.engine.response"}
PROXY_ATTRIBUTES = ("zeal", "initial_grievance", "broker_dependence")
#: modes of proxy attacks (the patron's direct strikes use "missile")
PROXY_MODES = ("indirect_fire", "ied_convoy", "drone")
MODES = PROXY_MODES + ("missile",)


def declared_needs() -> dict[str, dict[str, str]]:
    """group -> {parameter name -> keying}, for every process and mechanism."""
    out = {}
    for group, module in {**PROCESS_MODULES, **MECHANISM_MODULES}.items():
        out[group] = importlib.import_module(module).PARAMETERS
    return out


def missing_parameters(scenario) -> list[str]:
    """Flat names the engine needs and the scenario does not declare."""
    from flashpoint.scenario.parameters import parameters

    have = parameters(scenario)
    proxies = [a.id for a in scenario.actors_of("proxy")]
    keys = {"scalar": [""], "proxy": proxies, "mode": list(PROXY_MODES)}
    missing = []
    for group, needs in declared_needs().items():
        if group in MECHANISM_MODULES and group not in scenario.mechanisms:
            missing.append(f"mechanisms.{group} (the whole section)")
            continue
        section = getattr(scenario, group, None) if group in PROCESS_MODULES else scenario.mechanisms[group].parameters
        for name, keying in needs.items():
            q = section.get(name)
            if q is not None and keying != "scalar" and isinstance(q.value, dict):
                extra = sorted(set(q.value) - set(keys[keying]))
                if extra:
                    missing.append(f"{group}.{name} has values for {extra}, which are not {keying == 'proxy' and 'proxies' or 'modes'} "
                                   f"(expected keys {keys[keying]})")
            for key in keys[keying]:
                flat = f"{group}.{name}" + (f".{key}" if key else "")
                if flat not in have:
                    missing.append(flat)
    for proxy in proxies:
        for attr in PROXY_ATTRIBUTES:
            if f"{proxy}.{attr}" not in have:
                missing.append(f"{proxy}.{attr}")
        patron = scenario.actors_of("patron")[0].id
        if f"control.{patron}.{proxy}" not in have:
            missing.append(f"control.{patron}.{proxy} (relation)")
        host = scenario.actors_of("host_executive")
        if host and f"hostility.{proxy}.{host[0].id}" not in have:
            missing.append(f"hostility.{proxy}.{host[0].id} (relation)")
    return missing
