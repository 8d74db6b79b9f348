"""M10 Host politics: polarisation along the foreign power - patron line, and elections that move
the strength of the factions' political bloc.

polarization <- p0 + (polarization - p0) e^{-1/decay_days} + per_strike strikes_on_host_soil
                + per_decapitation [decapitation on host soil] + per_protest_wave [protests];  clipped to [0, 1]
host_violence <- host_violence e^{-1/violence_memory_days} + attacks on the host today     (the voters' memory)
At an election: seats = bloc_seats_initial exp(swing_mean + swing_sd z - seat_loss_per_host_attack host_violence), z ~ N(0, 1).
Polarisation lowers the host's consent baseline (M5).
"""
import numpy as np

from flashpoint.engine.contract import DAYS, SHARE, Component, Indicator, Output, Param, State
from flashpoint.engine.draws import normal, per_run


def step(state, p, ctx, flows, rng):
    p0 = p["politics.initial_polarization"]
    polarization = (p0 + (state["polarization"] - p0) * np.exp(-1.0 / p["politics.decay_days"])
                    + p["politics.per_strike"] * flows["strikes_host_total"])
    if ctx["decapitation_host"] is not None:
        polarization = polarization + p["politics.per_decapitation"] * ctx["decapitation_host"]
    if ctx["protests"] is not None:
        polarization = polarization + p["politics.per_protest_wave"] * ctx["protests"]
    violence = state["host_violence"] * np.exp(-1.0 / p["politics.violence_memory_days"])
    if "host_attacks" in flows:
        violence = violence + per_run(flows["host_attacks"])
    seats = state["bloc_seats"]
    if ctx["election"] is not None:
        z = normal(rng.uniform("politics.swing", seats.shape[1:]))
        elected = p["politics.bloc_seats_initial"] * np.exp(
            p["politics.swing_mean"] + p["politics.swing_sd"] * z - p["politics.seat_loss_per_host_attack"] * violence)
        seats = np.where(ctx["election"] > 0, np.rint(elected), seats)
    return {"polarization": np.clip(polarization, 0.0, 1.0), "host_violence": violence, "bloc_seats": seats}, {}


COMPONENT = Component(
    key="politics", id="M10", title="Host politics", phase="after", order=60, step=step,
    parameters={
        "initial_polarization": Param("scalar", **SHARE), "decay_days": Param("scalar", **DAYS),
        "per_strike": Param("scalar", **SHARE), "per_decapitation": Param("scalar", **SHARE),
        "per_protest_wave": Param("scalar", **SHARE), "bloc_seats_initial": Param("scalar", 0.0, 10_000.0),
        "swing_mean": Param("scalar", -10.0, 10.0), "swing_sd": Param("scalar", 0.0, 10.0),
        "seat_loss_per_host_attack": Param("scalar", 0.0, 10.0),
        "violence_memory_days": Param("scalar", **DAYS, default=365.0),
    },
    state={"polarization": State("run", "politics.initial_polarization"), "host_violence": State("run", 0.0),
           "bloc_seats": State("run", "politics.bloc_seats_initial")},
    reads=("strikes_host_total",),
    outputs=(
        Output("polarization", np.float32, (),
               Indicator("polarization", "state", "0-1 index", "host polarisation along the foreign power - patron line"),
               read=lambda s, f: s["polarization"][:, 0]),
        Output("bloc_seats", np.float32, (),
               Indicator("bloc_seats", "state", "seats", "seats of the factions' political bloc in the host parliament"),
               read=lambda s, f: s["bloc_seats"][:, 0]),
    ),
)
