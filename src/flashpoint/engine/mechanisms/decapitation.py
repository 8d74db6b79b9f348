"""M4 Decapitation and the power vacuum: killing the brokers cuts control and coordination.

On the day of a decapitation, for each faction with broker dependence d:
control <- control (1 - control_loss d);  ceiling <- ceiling (1 - (1 - successor_strength) d)
grievance <- grievance + grievance_shock d;  capability <- capability (1 - coordination_loss d)
Control then recovers towards the lower ceiling (M3): a weaker successor, slowly, if at all.
"""
PARAMETERS = {"control_loss": "scalar", "successor_strength": "scalar", "grievance_shock": "scalar", "coordination_loss": "scalar"}


def step(state, p, ctx, flows, rng):
    if not ctx["decapitation"].any():
        return {}
    hit = ctx["decapitation"] * p["proxy.broker_dependence"]     # (runs, proxies), 0 where no decapitation
    return {
        "control": state["control"] * (1 - p["decapitation.control_loss"] * hit),
        "ceiling": state["ceiling"] * (1 - (1 - p["decapitation.successor_strength"]) * hit),
        "grievance": state["grievance"] + p["decapitation.grievance_shock"] * hit,
        "capability": state["capability"] * (1 - p["decapitation.coordination_loss"] * hit),
    }
