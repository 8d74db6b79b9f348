"""M1 Reprisal cycle: attacks and strikes excite further attacks (a mutually exciting process).

excitation[p] <- excitation[p] * exp(-1/decay_days) + per_strike * strikes_on[p] + per_attack * attacks_by[p]
The excitation adds directly to the faction's attack rate (engine/attacks.py). The initiative
sits with the cheaper actor: the foreign power only answers yesterday's attacks.
"""
import numpy as np

PARAMETERS = {"excitation_per_strike": "scalar", "excitation_per_attack": "scalar", "excitation_decay_days": "scalar"}


def step(state, p, ctx, flows, rng):
    keep = np.exp(-1.0 / p["reprisal.excitation_decay_days"])
    own_attacks = flows["attacks"][:, : state["excitation"].shape[1]]
    excitation = (state["excitation"] * keep + p["reprisal.excitation_per_strike"] * flows["strikes"]
                  + p["reprisal.excitation_per_attack"] * own_attacks)
    return {"excitation": excitation}
