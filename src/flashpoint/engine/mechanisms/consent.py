"""M5 Sovereignty and host consent: unilateral strikes, host casualties and the decapitation erode it.

baseline_eff = baseline + engagement - polarization_weight (polarization - initial_polarization)
consent <- baseline_eff + (consent - baseline_eff) e^{-1/recovery_days}
           - strike_cost strikes - casualty_cost host_killed - decapitation_cost [decapitation]
           - vote_cost [parliament vote] + dialogue_gain [dialogue round];  clipped to [0, 1]
baseline <- baseline + executive_change_shift [change of prime minister]
"""
import numpy as np

PARAMETERS = {
    "initial": "scalar", "baseline": "scalar", "recovery_days": "scalar", "strike_cost": "scalar",
    "casualty_cost": "scalar", "decapitation_cost": "scalar", "vote_cost": "scalar",
    "executive_change_shift": "scalar", "dialogue_gain": "scalar", "engagement": "scalar",
    "polarization_weight": "scalar",
}


def step(state, p, ctx, flows, rng):
    baseline = state["consent_baseline"] + p["consent.executive_change_shift"] * ctx["host_executive_change"]
    target = (baseline + p["consent.engagement"]
              - p["consent.polarization_weight"] * (state["polarization"] - p["politics.initial_polarization"]))
    consent = target + (state["consent"] - target) * np.exp(-1.0 / p["consent.recovery_days"])
    consent = (consent
               - p["consent.strike_cost"] * flows["strikes_total"]
               - p["consent.casualty_cost"] * flows["host_killed"]
               - p["consent.decapitation_cost"] * ctx["decapitation"]
               - p["consent.vote_cost"] * ctx["parliament_vote"]
               + p["consent.dialogue_gain"] * ctx["dialogue"])
    return {"consent": np.clip(consent, 0.0, 1.0), "consent_baseline": baseline}
