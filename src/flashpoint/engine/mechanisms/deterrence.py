"""M2 Deterrence versus backlash: a strike destroys capability and deters, but also feeds grievance.

capability <- capability + (1 - capability)(1 - exp(-1/recovery)); then * (1 - damage)^strikes_on
deterrence <- 1 - (1 - deterrence e^{-1/decay})(1 - per_strike)^strikes_on (1 - threat_deterrence)^[threatened]
grievance  <- g0 + (grievance - g0) e^{-1/grievance_decay} + backlash (strikes_on + spillover (all strikes - strikes_on))
              + backlash_per_host_killed host_killed
Deterrence lowers the attack rate by deterrence * (1 - zeal): zealous factions are hard to deter.
``backlash_per_host_killed`` (optional, 0 when a scenario leaves it out) is the grievance every faction takes
from each of the host's people the foreign strikes kill (a militia that answers civilian deaths: the
"rules of the game" of south Lebanon in the 1990s).
"""
import numpy as np

from flashpoint.engine.contract import DAYS, SHARE, Component, Param, State


def _at(param: np.ndarray, flat: np.ndarray, like: np.ndarray) -> np.ndarray:
    """A (runs or 1, 1) parameter at flat indices of a (runs, proxies) array."""
    return np.broadcast_to(param, like.shape).flat[flat]


def step(state, p, ctx, flows, rng):
    capability = state["capability"] + (1 - state["capability"]) * (1 - np.exp(-1.0 / p["deterrence.capability_recovery_days"]))
    undeterred = 1 - state["deterrence"] * np.exp(-1.0 / p["deterrence.deterrence_decay_days"])
    g0 = p["proxy.initial_grievance"]
    grievance = g0 + (state["grievance"] - g0) * np.exp(-1.0 / p["deterrence.grievance_decay_days"])
    struck = np.flatnonzero(flows["strikes"])
    if len(struck):  # strike terms, only where a faction was struck (elsewhere they change nothing)
        strikes_on = flows["strikes"].flat[struck]
        damage = _at(p["deterrence.capability_damage_per_strike"], struck, capability)
        capability.flat[struck] *= (1 - damage) ** strikes_on
        per_strike = _at(p["deterrence.deterrence_per_strike"], struck, undeterred)
        undeterred.flat[struck] *= (1 - per_strike) ** strikes_on
        others = flows["strikes_total"] - flows["strikes"]
        grievance = grievance + p["deterrence.backlash_per_strike"] * (
            flows["strikes"] + p["deterrence.backlash_spillover"] * others)
    if np.any(p["deterrence.backlash_per_host_killed"] > 0):
        grievance = grievance + p["deterrence.backlash_per_host_killed"] * flows["host_killed"]
    if ctx["threat"] is not None:
        undeterred = undeterred * (1 - p["deterrence.threat_deterrence"]) ** ctx["threat"]
    return {"capability": capability, "deterrence": 1 - undeterred, "grievance": grievance}, {}


COMPONENT = Component(
    key="deterrence", id="M2", title="Deterrence versus backlash", phase="after", order=20, step=step,
    parameters={
        "capability_damage_per_strike": Param("scalar", **SHARE), "capability_recovery_days": Param("scalar", **DAYS),
        "deterrence_per_strike": Param("scalar", **SHARE), "deterrence_decay_days": Param("scalar", **DAYS),
        "backlash_per_strike": Param("scalar", 0.0, 10.0), "backlash_spillover": Param("scalar", **SHARE),
        "grievance_decay_days": Param("scalar", **DAYS), "threat_deterrence": Param("scalar", **SHARE),
        "backlash_per_host_killed": Param("scalar", 0.0, 10.0, default=0.0),
    },
    attributes={"proxy.initial_grievance": Param("proxy", 0.0, 100.0)},
    state={"capability": State("proxy", 1.0), "deterrence": State("proxy", 0.0),
           "grievance": State("proxy", "proxy.initial_grievance")},
    reads=("strikes", "strikes_total", "host_killed"),
)
