"""M8 Direct state retaliation and the escalation ladder.

level <- level e^{-1/decay_days} + per_foreign_killed killed + per_strike strikes
         + per_decapitation [decapitation] + per_direct_strike [direct strike]
The patron strikes directly when the schedule says so (e.g. after a decapitation, with a
probability), or at hazard direct_strike_hazard max(0, level - direct_strike_threshold) when no
direct strike happened in the last 365 days (it then declares its response concluded).
Open war starts at hazard war_hazard max(0, level - war_threshold) and stays.
"""
import numpy as np

PARAMETERS = {
    "initial_level": "scalar", "decay_days": "scalar", "per_foreign_killed": "scalar", "per_strike": "scalar",
    "per_decapitation": "scalar", "per_direct_strike": "scalar", "direct_retaliation_probability": "scalar",
    "direct_strike_hazard": "scalar", "direct_strike_threshold": "scalar", "direct_strike_killed": "scalar",
    "direct_strike_wounded": "scalar", "war_hazard": "scalar", "war_threshold": "scalar",
}
COOLDOWN_DAYS = 365


def step(state, p, ctx, flows, rng):
    """Returns the new state and the patron's direct strikes today: (struck, killed, wounded), each (runs, 1)."""
    level = state["escalation"]
    shape = level.shape
    scheduled = np.zeros(shape)
    killed = np.zeros(shape, dtype=np.int64)
    wounded = np.zeros(shape, dtype=np.int64)
    for se, mask in ctx["direct_strikes"]:
        scheduled = np.maximum(scheduled, mask)
        killed += (mask * se.entry.killed).astype(np.int64)
        wounded += (mask * se.entry.wounded).astype(np.int64)
    ready = state["direct_cooldown"] <= 0
    hazard = p["escalation.direct_strike_hazard"] * np.maximum(0.0, level - p["escalation.direct_strike_threshold"])
    endogenous = np.zeros(shape, dtype=bool)
    if hazard.any():  # draws only when some run is above the threshold
        endogenous = ready & (scheduled == 0) & (rng.random(shape) < hazard)
        killed += rng.poisson(p["escalation.direct_strike_killed"] * endogenous)
        wounded += rng.poisson(p["escalation.direct_strike_wounded"] * endogenous)
    struck = np.maximum(scheduled, endogenous)

    foreign_killed = flows["killed_total"] + killed
    level = (level * np.exp(-1.0 / p["escalation.decay_days"])
             + p["escalation.per_foreign_killed"] * foreign_killed
             + p["escalation.per_strike"] * flows["strikes_total"]
             + p["escalation.per_decapitation"] * ctx["decapitation"]
             + p["escalation.per_direct_strike"] * struck)
    war_hazard = p["escalation.war_hazard"] * np.maximum(0.0, level - p["escalation.war_threshold"])
    open_war = state["open_war"]
    if war_hazard.any():
        open_war = np.maximum(open_war, rng.random(shape) < war_hazard)
    cooldown = np.where(struck > 0, COOLDOWN_DAYS, state["direct_cooldown"] - 1)
    new_state = {"escalation": level, "open_war": open_war, "direct_cooldown": cooldown}
    return new_state, (struck, killed, wounded)
