"""M6 Coalition cohesion: partners draw down as attacks, risk and host hostility rise.

recent <- recent e^{-1/memory_days} + attacks on the foreign forces today   (a memory of recent attacks;
          not on a target no foreign party's forces hold: merchant ships, the host's forces, a homeland)
for each ally f (not the foreign power itself), with cohesion c_f (the alliance relation):
hazard_f = (1 - c_f)(base_hazard + attack_sensitivity recent / memory_days
                     + consent_sensitivity max(0, consent_threshold - consent) + demand_sensitivity [host demand])
with probability min(1, hazard_f) the ally withdraws ``step`` of what it still has.
Scheduled drawdowns (a pandemic, a government's decision) come from the schedule (engine/forces.py).
"""
import numpy as np

from flashpoint.engine.contract import DAYS, SHARE, Component, Param, State
from flashpoint.engine.forces import total


def step(state, p, ctx, flows, rng):
    memory = p["coalition.memory_days"]
    recent = state["recent_attacks"] * np.exp(-1.0 / memory) + flows["attacks_on_forces"]
    hazard = p["party.ally"] * (1 - p["relation.alliance"]) * (
        p["coalition.base_hazard"] + p["coalition.attack_sensitivity"] * recent / memory
        + p["coalition.consent_sensitivity"] * np.maximum(0.0, p["coalition.consent_threshold"] - state["consent"])
        + p["coalition.demand_sensitivity"] * state["host_demand"])
    leave = rng.uniform("coalition.leave", hazard.shape[1:]) < hazard
    if not leave.any():
        return {"recent_attacks": recent}, {}
    presence = state["presence"] * (1 - p["coalition.step"] * leave)
    return {"recent_attacks": recent, "presence": presence, "presence_total": total(p, presence)}, {}


COMPONENT = Component(
    key="coalition", id="M6", title="Coalition cohesion", phase="after", order=40, step=step,
    parameters={
        "base_hazard": Param("scalar", **SHARE, per="day"), "attack_sensitivity": Param("scalar", 0.0, 10.0, per="day"),
        "consent_sensitivity": Param("scalar", 0.0, 10.0, per="day"), "consent_threshold": Param("scalar", **SHARE),
        "demand_sensitivity": Param("scalar", 0.0, 10.0, per="day", moved_by="consent"),
        "step": Param("scalar", **SHARE),
        "memory_days": Param("scalar", **DAYS),
    },
    relations={"alliance": Param("party", **SHARE, default=1.0)},
    state={"recent_attacks": State("run", 0.0)},
    reads=("attacks_on_forces",),
)
