"""M3 Patron control (principal-agent): orders are obeyed in proportion to control.

control <- ceiling + (control - ceiling) e^{-1/recovery_days}
order_factor = max(0, 1 + control (resistance_push * pressure + obedience * (escalate - restrain)))
Agency slack: factions the patron does not hold turn on the host:
attacks_on_host[p] ~ Poisson(host_attack_rate (1 - control) hostility_to_host (1 + grievance)).
"""
import numpy as np

from flashpoint.engine import draws

PARAMETERS = {"recovery_days": "scalar", "obedience": "scalar", "resistance_push": "scalar", "host_attack_rate": "scalar"}


def order_factor(state, p, ctx):
    """Multiplier on each faction's attack rate from the patron's orders and push, (runs, proxies)."""
    order = ctx["escalate"] - ctx["restrain"]
    push = p["control.resistance_push"] * state["pressure"]
    return np.maximum(0.0, 1.0 + state["control"] * (push + p["control.obedience"] * order))


def step(state, p, ctx, flows, rng):
    keep = np.exp(-1.0 / p["control.recovery_days"])
    control = state["ceiling"] + (state["control"] - state["ceiling"]) * keep
    lam = p["control.host_attack_rate"] * (1 - control) * p["proxy.host_hostility"] * (1 + state["grievance"])
    return {"control": control}, {"host_attacks": draws.poisson(lam, rng)}
