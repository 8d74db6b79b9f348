"""M3 Patron control (principal-agent): orders are obeyed in proportion to control.

control <- ceiling + (control - ceiling) e^{-1/recovery_days}
order_factor = max(0, 1 + control (resistance_push pressure + obedience order))
where ``order`` sums the patron's orders in force for that faction (+scale to escalate, -scale to
restrain, from ``patron_order`` entries that name it). The factor multiplies the faction's whole
attack rate, self-excited part included (engine/attacks.py). Agency slack: factions the patron does
not hold turn on the host:
attacks_on_host[p] ~ Poisson(min(max_daily_rate, host_attack_rate (1 - control) hostility_to_host (1 + grievance))),
the faction's capacity (``attacks.max_daily_rate``) bounding these attacks as it bounds those on the foreign forces
(a held-out audit's design points grew the rate past 255 a day, the most a day's count holds, and stopped the run);
``host_at_cap`` says where it cut the rate, which the attack process adds to its own ``at_cap`` (a held-out
designer's attacks on the host sat at the ceiling for months, unsaid by run, compare and claims).
"""
import numpy as np

from flashpoint.engine import draws
from flashpoint.engine.contract import DAYS, SHARE, Component, Indicator, Output, Param, State


def step(state, p, ctx, flows, rng):
    keep = np.exp(-1.0 / p["control.recovery_days"])
    control = state["ceiling"] + (state["control"] - state["ceiling"]) * keep
    push = p["control.resistance_push"] * state["pressure"]
    if ctx["order"] is not None:
        push = push + p["control.obedience"] * ctx["order"]
    factor = np.maximum(0.0, 1.0 + control * push)
    wanted = p["control.host_attack_rate"] * (1 - control) * p["relation.hostility"] * (1 + state["grievance"])
    lam = np.minimum(p["attacks.max_daily_rate"], wanted)
    host_attacks = draws.poisson(lam, rng.uniform("control.host_attacks", lam.shape[1:]))
    return {"control": control, "order_factor": factor}, {"host_attacks": host_attacks,
                                                          "host_at_cap": wanted > p["attacks.max_daily_rate"]}


COMPONENT = Component(
    key="control", id="M3", title="Patron control (principal-agent)", phase="before", order=3, step=step,
    parameters={"recovery_days": Param("scalar", **DAYS), "obedience": Param("scalar", **SHARE),
                "resistance_push": Param("scalar", 0.0, 10.0, moved_by="pressure"),
                "host_attack_rate": Param("scalar", 0.0, 10.0, per="day", scaled_by="hostility")},
    relations={"control": Param("proxy", **SHARE), "hostility": Param("proxy", 0.0, 10.0, default=0.0)},
    state={"control": State("proxy", "relation.control"), "ceiling": State("proxy", "relation.control"),
           "order_factor": State("proxy", 1.0)},
    writes=("host_attacks", "host_at_cap"),
    outputs=(
        Output("control", np.float32, ("proxy",),
               Indicator("patron_control", "state", "share of orders obeyed",
                         "the patron's control, mean over factions or per faction"),
               read=lambda s, f: s["control"]),
        Output("host_attacks", np.uint8, ("proxy",),
               Indicator("attacks_on_host", "count", "attacks", "the factions' attacks on the host government"),
               read=lambda s, f: f.get("host_attacks", 0)),
    ),
)
