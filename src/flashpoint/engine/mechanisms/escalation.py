"""M8 Direct state retaliation and the escalation ladder.

level <- level e^{-1/decay_days} + per_foreign_killed killed + per_strike strikes
         + per_decapitation [decapitation] + per_direct_strike [direct strike]
(killed: the foreign forces' dead on the targets they hold in the theatre, a direct strike's included).
The patron strikes directly when the schedule says so (``patron_direct_strike`` entries, e.g. after a
decapitation, with a probability), or at hazard direct_strike_hazard max(0, level - direct_strike_threshold)
when it has not struck in the last cooldown_days (it then declares its response concluded). Its strikes are
attacks on the foreign forces by the patron (source axis) in the mode ``missile``.
Open war starts at hazard war_hazard max(0, level - war_threshold) and stays.
"""
import numpy as np

from flashpoint.engine import draws
from flashpoint.engine.contract import DAYS, SHARE, Component, Indicator, Output, Param, State
from flashpoint.engine.world import target_present


def step(state, p, ctx, flows, rng):
    level = state["escalation"]
    shape = level.shape
    scheduled = np.zeros(shape)
    strikes = []                      # (runs struck, killed, wounded, attack target hit) of each strike today
    for se, mask in ctx["direct_strikes"]:
        scheduled = np.maximum(scheduled, mask)
        tolls = [(mask * value).astype(np.int64) if value is not None else draws.poisson(   # not known: drawn
            p[f"escalation.direct_strike_{field}"] * mask, rng.uniform(f"escalation.{field}/{se.entry.id}", shape[1:]))
            for value, field in ((se.entry.killed, "killed"), (se.entry.wounded, "wounded"))]
        strikes.append((mask, *tolls, getattr(se, "target_index", 0)))   # each on its own target (two strikes of one
        # day, on two targets, were one on the later's, tolls summed: a verifier's)
    ready = state["direct_cooldown"] <= 0
    hazard = p["escalation.direct_strike_hazard"] * np.maximum(0.0, level - p["escalation.direct_strike_threshold"])
    endogenous = np.zeros(shape, dtype=bool)
    if hazard.any():  # draws only when some run is above the threshold
        # and strikes only where someone holding the target is there, as a scheduled strike (a held-out ODD review:
        # after a full withdrawal the patron's own strikes still killed foreign personnel who had left); on the
        # first target
        there = target_present(p.get("target.owners"), state["presence"], 0).reshape(shape)
        endogenous = ready & (scheduled == 0) & there & (rng.uniform("escalation.direct_strike", shape[1:]) < hazard)
        strikes.append((endogenous,
                        draws.poisson(p["escalation.direct_strike_killed"] * endogenous,
                                      rng.uniform("escalation.killed", shape[1:])),
                        draws.poisson(p["escalation.direct_strike_wounded"] * endogenous,
                                      rng.uniform("escalation.wounded", shape[1:])), 0))
    struck = np.maximum(scheduled, endogenous)
    # a strike's dead count as the foreign forces' only on a target they hold in the theatre, as the attacks'
    # dead do (a held-out case's strikes on the host army's posts took the ladder to open war in every run)
    owners = p.get("target.owners")
    held = None if owners is None else owners[0].reshape(-1, p["party.troops"].shape[-1]).any(axis=1)  # by target
    dead = sum((killed * (1 if held is None else held[target]) for _, killed, _, target in strikes),
               np.zeros(shape, dtype=np.int64))

    level = (level * np.exp(-1.0 / p["escalation.decay_days"])
             + p["escalation.per_foreign_killed"] * (flows["killed_total"] + dead)
             + p["escalation.per_strike"] * flows["strikes_total"]
             + p["escalation.per_direct_strike"] * struck)
    if ctx["decapitation"] is not None:
        level = level + p["escalation.per_decapitation"] * ctx["decapitation"]
    war_hazard = p["escalation.war_hazard"] * np.maximum(0.0, level - p["escalation.war_threshold"])
    open_war = state["open_war"]
    if war_hazard.any():
        open_war = np.maximum(open_war, rng.uniform("escalation.war", shape[1:]) < war_hazard)
    cooldown = np.where(struck > 0, p["escalation.cooldown_days"], state["direct_cooldown"] - 1)
    new_state = {"escalation": level, "open_war": open_war, "direct_cooldown": cooldown}
    if not struck.any():
        return new_state, {}
    attacks = flows["attacks"]
    for runs, killed, wounded, target in strikes:
        hit = np.flatnonzero(runs[:, 0])
        if len(hit):
            attacks = attacks.add(hit, ctx["P"], ctx["patron_mode"], killed[hit, 0], wounded[hit, 0], target)
    return new_state, {"attacks": attacks}


COMPONENT = Component(
    key="escalation", id="M8", title="Direct state retaliation and the escalation ladder",
    phase="attacks", order=10, step=step,
    parameters={
        "initial_level": Param("scalar", 0.0, 4.0), "decay_days": Param("scalar", **DAYS),
        "per_foreign_killed": Param("scalar", 0.0, 4.0), "per_strike": Param("scalar", 0.0, 4.0),
        "per_decapitation": Param("scalar", 0.0, 4.0), "per_direct_strike": Param("scalar", 0.0, 4.0),
        "direct_strike_hazard": Param("scalar", **SHARE, per="day"),
        "direct_strike_threshold": Param("scalar", 0.0, 4.0), "direct_strike_killed": Param("scalar", 0.0, 1000.0),
        "direct_strike_wounded": Param("scalar", 0.0, 1000.0), "war_hazard": Param("scalar", **SHARE, per="day"),
        "war_threshold": Param("scalar", 0.0, 4.0),
        "cooldown_days": Param("scalar", **DAYS, default=365.0),
    },
    state={"escalation": State("run", "escalation.initial_level"), "open_war": State("run", 0.0),
           "direct_cooldown": State("run", 0.0)},
    reads=("attacks", "killed_total", "strikes_total"),
    writes=("attacks",),
    outputs=(
        Output("escalation", np.float32, (),
               Indicator("escalation_level", "state", "ladder level", "the escalation ladder (0 grey zone, 4 open war; not clipped)"),
               read=lambda s, f: s["escalation"][:, 0]),
        Output("open_war", np.uint8, (),
               Indicator("open_war", "state", "at war (1) or not (0)",
                         "whether open war has broken out: on a day, the mean over runs is the probability of "
                         "war by then; over a period, a run's value is the share of its days at war"),
               read=lambda s, f: s["open_war"][:, 0]),
    ),
)
