"""M7 Spoiler growth: the spoiler (an insurgency both sides fight) grows when joint operations against it fall.

cooperation = min(1, presence * consent / initial consent) * max(0, 1 - posture_cost force_protection) * (1 - pause)
              (consent / initial consent is 1 for a host that starts at no consent: joint operations
              fall with consent lost, and a host at zero from the start has lost none)
pause <- min(1, pause e^{-1/pause_days} + pause_per_attack attacks on the foreign forces today)
capacity <- capacity exp((growth (1 - cooperation) - attrition cooperation) / 365)
              (and, once a week, exp(volatility sqrt(7/365) z - volatility^2 7/730), z ~ N(0, 1))
``capacity`` is the spoiler's expected attacks per day; what sources report of them is an
observation of it (docs/ODD.md section 7, observation).
Joint operations fall when the host turns against the foreign presence or the foreign forces leave,
but also when the foreign forces hunker down: a force-protection posture (a policy lever) and pauses
after attacks on them cut patrols and partnered raids. So the tension between the foreign power and
the militias can help the spoiler through either channel, and restraint is not free of it.
"""
import numpy as np

from flashpoint.engine import draws
from flashpoint.engine.contract import DAYS, SHARE, Component, Indicator, Output, Param, State


def step(state, p, ctx, flows, rng):
    pause = np.minimum(1.0, state["pause"] * np.exp(-1.0 / p["spoiler.pause_days"])
                       + p["spoiler.pause_per_attack"] * flows["attacks_on_forces"])
    initial = p["consent.initial"]
    kept = np.where(initial > 0, state["consent"] / np.where(initial > 0, initial, 1.0), 1.0)
    cooperation = (np.minimum(1.0, state["presence_total"] * kept)
                   * np.maximum(0.0, 1 - p["spoiler.posture_cost"] * p["response.force_protection"]) * (1 - pause))
    change = (p["spoiler.growth"] * (1 - cooperation) - p["spoiler.attrition"] * cooperation) / 365.0
    if ctx["day"] % 7 == 6:
        sd = p["spoiler.volatility"] * np.sqrt(7 / 365)
        change = change + sd * draws.normal(rng.uniform("spoiler.volatility", change.shape[1:])) - sd * sd / 2
    return {"spoiler": state["spoiler"] * np.exp(change), "pause": pause}, {}


COMPONENT = Component(
    key="spoiler", id="M7", title="Spoiler growth (joint operations against it)", phase="after", order=50, step=step,
    parameters={
        "base_activity": Param("scalar", 0.0, 1000.0, per="day"), "growth": Param("scalar", 0.0, 20.0, per="year"),
        "attrition": Param("scalar", 0.0, 20.0, per="year"), "posture_cost": Param("scalar", 0.0, 10.0),
        "pause_per_attack": Param("scalar", **SHARE), "pause_days": Param("scalar", **DAYS),
        "volatility": Param("scalar", 0.0, 5.0, per="year"),
    },
    state={"spoiler": State("run", "spoiler.base_activity"), "pause": State("run", 0.0)},
    reads=("attacks_on_forces",),
    outputs=(
        Output("spoiler", np.float32, (),
               Indicator("spoiler_activity", "state", "expected attacks/day", "the spoiler's capacity: its expected attacks per day"),
               read=lambda s, f: s["spoiler"][:, 0]),
    ),
)
