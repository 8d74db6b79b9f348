"""M2 Deterrence versus backlash: a strike destroys capability and deters, but also feeds grievance.

capability <- capability + (1 - capability)(1 - exp(-1/recovery)); then * (1 - damage)^strikes_on
deterrence <- 1 - (1 - deterrence e^{-1/decay})(1 - per_strike)^strikes_on (1 - threat_deterrence)^threat
grievance  <- g0 + (grievance - g0) e^{-1/grievance_decay} + backlash (strikes_on + spillover (all strikes - strikes_on))
Deterrence lowers attacks by deterrence * (1 - zeal): zealous factions are hard to deter.
"""
import numpy as np

PARAMETERS = {
    "capability_damage_per_strike": "scalar", "capability_recovery_days": "scalar",
    "deterrence_per_strike": "scalar", "deterrence_decay_days": "scalar",
    "backlash_per_strike": "scalar", "backlash_spillover": "scalar",
    "grievance_decay_days": "scalar", "threat_deterrence": "scalar",
}


def step(state, p, ctx, flows, rng):
    capability = state["capability"] + (1 - state["capability"]) * (1 - np.exp(-1.0 / p["deterrence.capability_recovery_days"]))
    undeterred = 1 - state["deterrence"] * np.exp(-1.0 / p["deterrence.deterrence_decay_days"])
    g0 = p["proxy.initial_grievance"]
    grievance = g0 + (state["grievance"] - g0) * np.exp(-1.0 / p["deterrence.grievance_decay_days"])
    strikes_on = flows["strikes"]
    if strikes_on.any():  # strike terms (skipping them on quiet days changes no number)
        capability = capability * (1 - p["deterrence.capability_damage_per_strike"]) ** strikes_on
        undeterred = undeterred * (1 - p["deterrence.deterrence_per_strike"]) ** strikes_on
        others = strikes_on.sum(axis=1, keepdims=True) - strikes_on
        grievance = grievance + p["deterrence.backlash_per_strike"] * (strikes_on + p["deterrence.backlash_spillover"] * others)
    if ctx["threat"].any():
        undeterred = undeterred * (1 - p["deterrence.threat_deterrence"]) ** ctx["threat"]
    return {"capability": capability, "deterrence": 1 - undeterred, "grievance": grievance}
