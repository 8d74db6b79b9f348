"""M10 Host politics: polarisation along the US-Iran line, and elections that move bloc strength.

polarization <- p0 + (polarization - p0) e^{-1/decay_days} + per_strike strikes
                + per_decapitation [decapitation] + per_protest_wave [protests];  clipped to [0, 1]
host_violence <- host_violence e^{-1/365} + attacks on the host today     (a year's memory)
At an election: seats = seats_2018 exp(swing_mean + swing_sd z - seat_loss_per_host_attack host_violence), z ~ N(0, 1).
Polarisation lowers the host's consent baseline (M5).
"""
import numpy as np

from flashpoint.engine.draws import per_run

PARAMETERS = {
    "initial_polarization": "scalar", "decay_days": "scalar", "per_strike": "scalar", "per_decapitation": "scalar",
    "per_protest_wave": "scalar", "proxy_bloc_seats_2018": "scalar", "swing_mean": "scalar", "swing_sd": "scalar",
    "seat_loss_per_host_attack": "scalar",
}


def step(state, p, ctx, flows, rng):
    p0 = p["politics.initial_polarization"]
    polarization = (p0 + (state["polarization"] - p0) * np.exp(-1.0 / p["politics.decay_days"])
                    + p["politics.per_strike"] * flows["strikes_total"]
                    + p["politics.per_decapitation"] * ctx["decapitation"]
                    + p["politics.per_protest_wave"] * ctx["protests"])
    violence = state["host_violence"] * np.exp(-1.0 / 365.0) + per_run(flows["host_attacks"])
    seats = state["bloc_seats"]
    if ctx["election"].any():
        z = rng.standard_normal(seats.shape)
        elected = p["politics.proxy_bloc_seats_2018"] * np.exp(
            p["politics.swing_mean"] + p["politics.swing_sd"] * z - p["politics.seat_loss_per_host_attack"] * violence)
        seats = np.where(ctx["election"] > 0, np.rint(elected), seats)
    return {"polarization": np.clip(polarization, 0.0, 1.0), "host_violence": violence, "bloc_seats": seats}
