"""M5 Sovereignty and host consent: strikes on the host's soil, the host's dead and a decapitation
on its soil erode its consent to the foreign presence.

baseline_eff = baseline + engagement - polarization_weight (polarization - initial_polarization)
consent <- baseline_eff + (consent - baseline_eff) e^{-1/recovery_days}
           - strike_cost strikes_on_host_soil - casualty_cost host_killed - decapitation_cost [decapitation on host soil]
           - vote_cost [parliament vote] - demand_cost [host demand] + dialogue_gain [dialogue round];  clipped to [0, 1]
baseline <- baseline + executive_change_shift [change of head of government]
host_demand <- 1 from the day the host government moves to end the mission (read by M6).
Strikes abroad (on the factions' sites in a neighbouring country) do not touch the host's consent.
"""
import numpy as np

from flashpoint.engine.contract import DAYS, SHARE, Component, Indicator, Output, Param, State


def step(state, p, ctx, flows, rng):
    baseline = state["consent_baseline"]
    if ctx["host_executive_change"] is not None:
        baseline = baseline + p["consent.executive_change_shift"] * ctx["host_executive_change"]
    target = (baseline + p["consent.engagement"]
              - p["consent.polarization_weight"] * (state["polarization"] - p["politics.initial_polarization"]))
    consent = target + (state["consent"] - target) * np.exp(-1.0 / p["consent.recovery_days"])
    consent = consent - p["consent.strike_cost"] * flows["strikes_host_total"] - p["consent.casualty_cost"] * flows["host_killed"]
    changes = {}
    if ctx["decapitation_host"] is not None:
        consent = consent - p["consent.decapitation_cost"] * ctx["decapitation_host"]
    if ctx["parliament_vote"] is not None:
        consent = consent - p["consent.vote_cost"] * ctx["parliament_vote"]
    if ctx["host_demand"] is not None:
        consent = consent - p["consent.demand_cost"] * ctx["host_demand"]
        changes["host_demand"] = np.maximum(state["host_demand"], ctx["host_demand"])
    if ctx["dialogue"] is not None:
        consent = consent + p["consent.dialogue_gain"] * ctx["dialogue"]
    changes.update(consent=np.clip(consent, 0.0, 1.0), consent_baseline=baseline)
    return changes, {}


COMPONENT = Component(
    key="consent", id="M5", title="Sovereignty and host consent", phase="after", order=30, step=step,
    parameters={
        "initial": Param("scalar", **SHARE), "baseline": Param("scalar", **SHARE), "recovery_days": Param("scalar", **DAYS),
        "strike_cost": Param("scalar", **SHARE), "casualty_cost": Param("scalar", **SHARE),
        "decapitation_cost": Param("scalar", **SHARE), "vote_cost": Param("scalar", **SHARE),
        "demand_cost": Param("scalar", **SHARE), "executive_change_shift": Param("scalar", -1.0, 1.0),
        "dialogue_gain": Param("scalar", **SHARE), "engagement": Param("scalar", -1.0, 1.0),
        "polarization_weight": Param("scalar", 0.0, 10.0, moved_by="politics"),
    },
    state={"consent": State("run", "consent.initial"), "consent_baseline": State("run", "consent.baseline"),
           "host_demand": State("run", 0.0)},
    reads=("strikes_host_total", "host_killed"),
    outputs=(Output("consent", np.float32, (),
                    Indicator("host_consent", "state", "0-1 index", "the host's consent to the foreign presence"),
                    read=lambda s, f: s["consent"][:, 0]),),
)
