"""M4 Decapitation and the power vacuum: killing a leader disrupts and deters, but also enrages and
cuts the patron's hold.

Killing the patron's commander (the broker channel), for each faction with broker dependence d,
times the entry's scale s:
  control <- control (1 - control_loss d s);  ceiling <- ceiling (1 - (1 - successor_strength) d s)
  grievance <- grievance + grievance_shock d s
Killing a faction's commander, for that faction, times s:
  capability <- capability (1 - coordination_loss s)                 (disruption)
  deterrence <- 1 - (1 - deterrence)(1 - deterrent_effect s)          (fear of being next)
  grievance <- grievance + grievance_shock s                          (backlash)
  control <- control (1 - control_loss d s)                           (the leader was a broker)
Control then recovers towards the ceiling (M3): a weaker successor, slowly, if at all. Which of
disruption, deterrence and backlash wins is left to the data: the ranges span the literature's
findings of decapitation that shortens campaigns (Johnston 2012; Price 2012) and decapitation that
does not, or backfires, for religious and older organisations (Jordan 2009).
"""
import numpy as np

from flashpoint.engine.contract import SHARE, Component, Param


def _left(share):
    """What a loss of ``share`` leaves (never below 0: an entry's scale may exceed 1)."""
    return np.maximum(0.0, 1.0 - share)


def step(state, p, ctx, flows, rng):
    patron, leaders = ctx["decapitation_patron"], ctx["decapitation_leaders"]
    if patron is None and leaders is None:
        return {}, {}
    d = p["proxy.broker_dependence"]
    control, ceiling, grievance = state["control"], state["ceiling"], state["grievance"]
    capability, deterrence = state["capability"], state["deterrence"]
    if patron is not None:            # (runs, 1): scale where the patron's commander was killed
        hit = patron * d
        control = control * _left(p["decapitation.control_loss"] * hit)
        ceiling = ceiling * _left((1 - p["decapitation.successor_strength"]) * hit)
        grievance = grievance + p["decapitation.grievance_shock"] * hit
    if leaders is not None:           # (runs, proxies): scale where a faction's commander was killed
        capability = capability * _left(p["decapitation.coordination_loss"] * leaders)
        deterrence = 1 - (1 - deterrence) * _left(p["decapitation.deterrent_effect"] * leaders)
        grievance = grievance + p["decapitation.grievance_shock"] * leaders
        control = control * _left(p["decapitation.control_loss"] * d * leaders)
    return {"control": control, "ceiling": ceiling, "grievance": grievance, "capability": capability,
            "deterrence": deterrence}, {}


COMPONENT = Component(
    key="decapitation", id="M4", title="Decapitation and the power vacuum", phase="before", order=2, step=step,
    parameters={"control_loss": Param("scalar", **SHARE), "successor_strength": Param("scalar", **SHARE),
                "grievance_shock": Param("scalar", 0.0, 20.0), "coordination_loss": Param("scalar", **SHARE),
                "deterrent_effect": Param("scalar", **SHARE)},
    attributes={"proxy.broker_dependence": Param("proxy", **SHARE)},
)
