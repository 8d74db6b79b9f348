"""M9 Pressure and counter-pressure: sanctions raise pressure, and pressure feeds 'maximum resistance'.

pressure <- initial + (pressure - initial) e^{-1/decay_days} + per_sanctions [designations today]
grievance <- grievance + sanctions_grievance [designations today]
The patron turns pressure into a push on its factions (M3: resistance_push * pressure).
With M9 switched off, pressure is held at 0 and so pushes nothing.
"""
import numpy as np

PARAMETERS = {"initial": "scalar", "per_sanctions": "scalar", "decay_days": "scalar", "sanctions_grievance": "scalar"}


def step(state, p, ctx, flows, rng):
    initial = p["pressure.initial"]
    pressure = initial + (state["pressure"] - initial) * np.exp(-1.0 / p["pressure.decay_days"])
    if not ctx["sanctions"].any():
        return {"pressure": pressure}
    return {"pressure": pressure + p["pressure.per_sanctions"] * ctx["sanctions"],
            "grievance": state["grievance"] + p["pressure.sanctions_grievance"] * ctx["sanctions"]}
