"""M9 Pressure and counter-pressure: sanctions raise pressure, and pressure feeds 'maximum resistance'.

pressure <- initial + (pressure - initial) e^{-1/decay_days} + per_sanctions [designations today]
grievance[p] <- grievance[p] + sanctions_grievance [designations today that name p]
(a designation that names the patron and no faction counts for all its factions; one that names factions,
the patron among them or not, counts for those named). The patron turns pressure into a
push on its factions (M3: resistance_push * pressure). With M9 switched off, pressure is 0: no push.
"""
import numpy as np

from flashpoint.engine.contract import DAYS, Component, Param, State


def _initial(p, n, dims):
    return np.broadcast_to(p["pressure.initial"], (n, 1)).astype(np.float64)


def step(state, p, ctx, flows, rng):
    initial = p["pressure.initial"]
    pressure = initial + (state["pressure"] - initial) * np.exp(-1.0 / p["pressure.decay_days"])
    if ctx["sanctions"] is None:
        return {"pressure": pressure}, {}
    return {"pressure": pressure + p["pressure.per_sanctions"] * ctx["sanctions"],
            "grievance": state["grievance"] + p["pressure.sanctions_grievance"] * ctx["sanctions_on"]}, {}


COMPONENT = Component(
    key="pressure", id="M9", title="Pressure and counter-pressure", phase="before", order=1, step=step,
    parameters={"initial": Param("scalar", 0.0, 10.0), "per_sanctions": Param("scalar", 0.0, 10.0),
                "decay_days": Param("scalar", **DAYS), "sanctions_grievance": Param("scalar", 0.0, 10.0)},
    state={"pressure": State("run", _initial, off=0.0)},
)
