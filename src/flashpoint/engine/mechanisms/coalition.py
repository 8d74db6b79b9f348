"""M6 Coalition cohesion: partners draw down as attacks, risk and host hostility rise.

recent <- recent e^{-1/memory_days} + attacks today            (a memory of recent attacks)
hazard = (1 - cohesion) (base_hazard + attack_sensitivity recent / memory_days
                         + consent_sensitivity max(0, consent_threshold - consent))
with probability min(1, hazard) the partners withdraw ``step`` of what they still have.
Scheduled drawdowns (COVID-19, US decisions) are applied by the engine from the schedule.
"""
import numpy as np

PARAMETERS = {
    "ally_share": "scalar", "base_hazard": "scalar", "attack_sensitivity": "scalar",
    "consent_sensitivity": "scalar", "consent_threshold": "scalar", "step": "scalar", "memory_days": "scalar",
}


def step(state, p, ctx, flows, rng):
    memory = p["coalition.memory_days"]
    recent = state["recent_attacks"] * np.exp(-1.0 / memory) + flows["attacks_total"]
    hazard = (1 - p["coalition.cohesion"]) * (
        p["coalition.base_hazard"] + p["coalition.attack_sensitivity"] * recent / memory
        + p["coalition.consent_sensitivity"] * np.maximum(0.0, p["coalition.consent_threshold"] - state["consent"]))
    leave = rng.random(recent.shape) < hazard
    return {"recent_attacks": recent, "ally_presence": state["ally_presence"] * (1 - p["coalition.step"] * leave)}
