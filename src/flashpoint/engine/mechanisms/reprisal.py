"""M1 Reprisal cycle: attacks and strikes excite further attacks (a mutually exciting process).

excitation[p] <- excitation[p] exp(-1/decay_days) + per_strike strikes_on[p] + per_attack attacks_by[p]
The excitation adds to the faction's background attack rate (engine/attacks.py), and the patron's
orders and the faction's own truces act on it too. The initiative sits with the cheaper actor: the
foreign power only answers attacks already made.
"""
import numpy as np

from flashpoint.engine.contract import DAYS, Component, Param, State


def step(state, p, ctx, flows, rng):
    keep = np.exp(-1.0 / p["reprisal.excitation_decay_days"])
    own_attacks = flows["attacks_by_source"][:, : ctx["P"]]
    excitation = (state["excitation"] * keep + p["reprisal.excitation_per_strike"] * flows["strikes"]
                  + p["reprisal.excitation_per_attack"] * own_attacks)
    return {"excitation": excitation}, {}


COMPONENT = Component(
    key="reprisal", id="M1", title="Reprisal cycle (attacks and strikes excite each other)",
    phase="after", order=10, step=step,
    parameters={"excitation_per_strike": Param("scalar", 0.0, 10.0, per="day"), "excitation_per_attack": Param("scalar", 0.0, 1.0, per="day"),
                "excitation_decay_days": Param("scalar", **DAYS)},
    state={"excitation": State("proxy", 0.0)},
    reads=("strikes", "attacks_by_source"),
)
