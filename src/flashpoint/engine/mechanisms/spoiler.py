"""M7 Spoiler growth: ISIS activity rises, with a lag, when foreign-host cooperation falls.

cooperation = min(1, presence * consent / initial consent)
target = base_activity (1 + tension_gain (1 - cooperation))
activity <- target + (activity - target) e^{-1/lag_days}       (ISIS attacks per day)
"""
import numpy as np

PARAMETERS = {"base_activity": "scalar", "tension_gain": "scalar", "lag_days": "scalar"}


def step(state, p, ctx, flows, rng):
    presence = state["us_presence"] + state["ally_presence"]
    cooperation = np.minimum(1.0, presence * state["consent"] / p["consent.initial"])
    target = p["spoiler.base_activity"] * (1 + p["spoiler.tension_gain"] * (1 - cooperation))
    return {"spoiler": target + (state["spoiler"] - target) * np.exp(-1.0 / p["spoiler.lag_days"])}
