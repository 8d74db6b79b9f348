"""The foreign forces: each foreign party's troops in the theatre, as a share of its declared troops
(``attributes.troops``: its strength at the start, or, for a force that arrives or grows later, its full
strength, with ``attributes.initial_presence`` the share there at the start; default 1).

presence[f] <- clip(presence[f] - drawdown[f], 0, 1)   (the schedule's ``coalition_drawdown`` entries, and
                                                        ``deployment`` entries as negative drawdowns;
                                                        at most what is there, or what is missing; a temporary
                                                        one's comes back, or leaves, after ``until``;
                                                        below 1e-9 it is 0: drawdowns of the whole force)
presence_total = sum_f troops_f presence_f / sum_f troops_f     (the share of the declared foreign force;
                 the plain mean of the presences where no party declares troops)
Partners' own departures are M6 (coalition cohesion); exposure to attacks reads ``presence_total``.
"""
from __future__ import annotations

import numpy as np

from flashpoint.engine.contract import Component, Indicator, Output, Param, State
from flashpoint.engine.draws import per_run


#: the unit of a presence: a share of a party's declared troops (a series of troop numbers is read against it)
PRESENCE_UNIT = "share of the declared foreign force"

#: a presence below this is none: drawdowns of troop numbers that add up to the whole force leave float dust
GONE = 1e-9


def total(p: dict, presence: np.ndarray) -> np.ndarray:
    """(runs, 1) the troop-weighted presence of the foreign parties; where none of them declares troops, the plain
    mean of their presences (weighted by 0 troops, a force that was there read as gone)."""
    troops = p["party.troops"]
    weight = per_run(troops)
    out = per_run(presence * troops) / np.maximum(weight, 1e-12)
    return out if np.all(weight > 0) else np.where(weight > 0, out, per_run(presence) / presence.shape[1])


def weighted(presence: np.ndarray, troops: np.ndarray, owners: np.ndarray) -> np.ndarray:
    """(runs, groups) each group's troop-weighted presence of its parties (``owners``: groups x parties, a group with
    none gets 0); the plain mean of its parties' presences where none of them declares troops. A party of 0 troops
    (a homeland, a force whose size the case does not give) is there as its presence says: weighted by 0 it read as
    gone, so any attacks.exposure above 0 took the attacks on its target away while that target was attacked in full
    at exposure 0 (a review's finding: 94% of them at 0.5)."""
    weight = troops @ owners.T
    out = (presence * troops) @ owners.T / np.maximum(weight, 1e-12)
    if np.all(weight[..., owners.any(axis=1)] > 0):
        return out
    return np.where(weight > 0, out, presence @ owners.T / np.maximum(owners.sum(axis=1), 1))


def _total_at_start(p: dict, n: int, dims: dict) -> np.ndarray:
    return total(p, np.broadcast_to(p["party.initial_presence"], (n, dims["party"])))


def step(state, p, ctx, flows, rng):
    drawdown = ctx["drawdown"]
    if drawdown is None:
        return {}, {}
    presence = np.clip(state["presence"] - drawdown, 0.0, 1.0)
    presence[presence < GONE] = 0.0        # drawdowns that add up to the whole force leave none (not 3e-17)
    return {"presence": presence, "presence_total": total(p, presence)}, {}


COMPONENT = Component(
    key="forces", title="Foreign forces (presence by party)", phase="before", order=0, step=step,
    attributes={"party.troops": Param("party", 0.0, 1e7),
                "party.initial_presence": Param("party", 0.0, 1.0, default=1.0)},
    state={"presence": State("party", "party.initial_presence"), "presence_total": State("run", _total_at_start)},
    outputs=(
        Output("presence", np.float32, ("party",),
               Indicator("coalition_presence", "state", PRESENCE_UNIT,
                         "foreign troops in the theatre (by party: share of that party's declared troops)",
                         total=lambda ens: ens.data["presence_total"]),
               read=lambda s, f: s["presence"]),
        Output("presence_total", np.float32, (), None, read=lambda s, f: s["presence_total"][:, 0]),
    ),
)
