"""The foreign side's decision rule: strike the faction whose attacks hurt its people, after a lag.

With one rule (the scenario gives each response parameter as one number) the first foreign power
answers every attack; with one rule per foreign party (some parameter given per party, the others
then the same for all) each party answers the attacks on the targets it holds and on targets no party
holds, with its own probabilities, size, lag and soil, and is credited with its strikes
(``foreign_strikes_by_party``); a target that gives ``answered`` per party says which rules answer the
attacks on it, whoever holds it (a partner's forces). For each rule and each faction that attacked yesterday (simulated attacks; the record's
scheduled attacks have their scheduled answers), a response is decided with probability
1 - (1 - q_lethal)^[killed] (1 - q_wounded)^[wounded, none killed] (1 - q_attack)^(attacks without casualties).
With several attack targets each target's attacks count with the target's ``answered`` weight w
(the factor for that target is raised to the power w; 0 where the rule does not look at the target):
attacks on targets of no foreign party are answered only where the scenario says so (merchant ships a
navy protects, say).
A response is 1 + Poisson(strikes_per_response - 1) strike waves (its size), carried out
a Geometric lag of at least 1 day later (mean ``lag_days``); each wave falls on the host's soil with probability
``host_soil_share`` (else abroad, e.g. on the faction's sites in a neighbouring country). Scheduled
``foreign_strike`` entries add their waves, credited to their actor, with the host casualties the record
gives; ``rules_of_engagement`` entries scale their actor's rule's probabilities for a period (a decision
not to strike back yet, a moratorium, a more aggressive posture). Each site a rule strikes on host soil
kills Poisson(host_killed_per_strike) of the host's soldiers, police or civilians. Policies (restraint,
tit-for-tat, ...) set these parameters.
"""
from __future__ import annotations

import numpy as np

from flashpoint.engine.contract import SHARE, Component, Indicator, Output, Param, State
from flashpoint.engine import draws
from flashpoint.engine.draws import per_run

#: responses are carried out at most this many days after they are decided
HORIZON = 64


def _at(param: np.ndarray, run: np.ndarray, f: int = 0) -> np.ndarray:
    """A (runs or 1, parties or 1) parameter's values for party f at the given runs."""
    f = min(f, param.shape[1] - 1)
    return param[run, f] if param.shape[0] > 1 else np.full(len(run), param[0, f])


def _pending(p, n, dims):
    """(HORIZON, runs, proxies, soil + parties): strike waves decided, by the day (mod HORIZON) they fall on,
    by soil (host, abroad) and by the party that strikes."""
    return np.zeros((HORIZON, n, dims["proxy"], 2 + dims["party"]), dtype=np.int32)


def decide(yesterday, pending: np.ndarray, day: int, P: int, p: dict, rng: draws.Streams,
           scale: np.ndarray | None = None, presence: np.ndarray | None = None) -> None:
    """Add each rule's responses to yesterday's attacks to ``pending``; ``scale`` (runs, proxies, parties): the
    rules of engagement's factor on the probabilities (None: 1); ``presence`` (runs, parties), given with one
    rule per party: a party whose forces have all left answers only the attacks on targets no party holds."""
    by_proxy = np.flatnonzero(yesterday.source < P)
    if len(by_proxy) == 0:
        return
    parties = pending.shape[3] - 2
    covers = p["response.covers"][0].reshape(-1, parties)      # (targets, parties)
    run, proxy = yesterday.run[by_proxy], yesterday.source[by_proxy]   # what every rule looks at, once
    lethal = yesterday.killed[by_proxy] > 0
    wounding = (yesterday.wounded[by_proxy] > 0) & ~lethal
    quiet = np.where(lethal | wounding, 0, yesterday.count[by_proxy])
    rows = None
    if yesterday.several:   # rows per target: one draw per (run, faction) over them
        keys, row = np.unique(run * P + proxy, return_inverse=True)
        rows = (keys, row.ravel(), yesterday.target[by_proxy])
    for f in np.flatnonzero(covers.any(axis=0)):                # the parties with a rule
        gone = None if presence is None else presence[run, f] <= 0
        _decide((run, proxy, lethal, wounding, quiet), rows, f, parties, pending, day, P, p, rng, scale, gone)


def _decide(attacks, rows, f, parties, pending, day, P, p, rng, scale, gone=None) -> None:
    run, proxy, lethal, wounding, quiet = attacks
    q = [_at(p[f"response.strike_prob_{k}"], run, f) for k in ("after_lethal", "after_wounding", "per_attack")]
    if scale is not None:
        q = [np.minimum(1.0, v * scale[run, proxy, f]) for v in q]
    spared = (1 - q[0]) ** lethal * (1 - q[1]) ** wounding * (1 - q[2]) ** quiet
    if gone is not None and rows is None:      # the one implicit target is every party's forces
        spared = np.where(gone, 1.0, spared)
    if rows is not None:    # weigh each target's rows by its `answered` for this rule
        keys, row, target = rows
        answered = p["response.answered"]                  # (runs or 1, targets x parties)
        weight = answered[run if len(answered) > 1 else 0, target * parties + f]
        if gone is not None:                   # a held target is not answered by a party that has left
            held = p["target.owners"][0].reshape(-1, parties).any(axis=1)
            weight = np.where(gone & held[target], 0.0, weight)
        spared = np.exp(np.bincount(row, weights=weight * np.log(np.maximum(spared, 1e-300)), minlength=len(keys)))
        run, proxy = np.divmod(keys, P)
    u = rng.at(f"response/{f}", run * P + proxy, 4, P)   # each (run, faction) its own draws, for each rule
    hit = u[:, 0] >= spared
    if not hit.any():
        return
    run, proxy, u = run[hit], proxy[hit], u[hit]
    waves = 1 + draws.poisson(np.maximum(_at(p["response.strikes_per_response"], run, f) - 1, 0), u[:, 1])
    on_host = draws.binomial(waves, _at(p["response.host_soil_share"], run, f), u[:, 2])
    lag = np.minimum(draws.geometric(1.0 / np.maximum(_at(p["response.lag_days"], run, f), 1.0), u[:, 3]),
                     HORIZON - 1)
    slot = (day + lag) % HORIZON
    pending[slot, run, proxy, 0] += on_host          # (run, proxy) pairs are unique here: no np.add.at needed
    pending[slot, run, proxy, 1] += waves - on_host
    pending[slot, run, proxy, 2 + f] += waves


def step(state, p, ctx, flows, rng):
    pending = state["pending"]
    day, P = ctx["day"], ctx["P"]
    per_party = p["response.covers"][0].reshape(-1, pending.shape[3] - 2)[:, 1:].any()
    decide(flows["yesterday"], pending, day, P, p, rng, ctx.get("response_scale"),
           state.get("presence") if per_party else None)
    slot = day % HORIZON
    today = pending[slot].astype(np.int64)          # (runs, proxies, soil + parties): the rules' strikes
    pending[slot] = 0
    by_soil, by_party = today[:, :, :2], today[:, :, 2:]
    ruled = per_run(by_soil[:, :, 0])                  # the rules' sites on host soil kill at random ...
    host_killed = np.zeros_like(ruled)
    struck = np.flatnonzero(ruled[:, 0])
    if len(struck):
        host_killed[struck, 0] = draws.poisson(ruled[struck, 0] * _at(p["response.host_killed_per_strike"], struck),
                                               rng.at("response.host_killed", struck))
    if ctx["scheduled_strikes"] is not None:
        by_soil = by_soil + ctx["scheduled_strikes"]
        by_party = by_party + ctx["scheduled_strikes_by_party"]
    on_host = by_soil[:, :, 0]
    strikes = on_host + by_soil[:, :, 1]
    host_total = per_run(on_host)
    if ctx["scheduled_host_killed"] is not None:      # ... the schedule's strikes kill what the record says
        host_killed = host_killed + ctx["scheduled_host_killed"]
    return {}, {"strikes_by_soil": by_soil, "strikes_by_party": by_party, "strikes": strikes,
                "strikes_total": per_run(strikes), "strikes_host_total": host_total, "host_killed": host_killed}


COMPONENT = Component(
    key="response", title="The foreign side's response rule", phase="before", order=20, step=step,
    parameters={
        "strike_prob_after_lethal": Param("rule", **SHARE),
        "strike_prob_after_wounding": Param("rule", **SHARE),
        "strike_prob_per_attack": Param("rule", **SHARE),
        "strikes_per_response": Param("rule", 1.0, 50.0),
        "lag_days": Param("rule", 1.0, 60.0, per="day"),
        "host_soil_share": Param("rule", **SHARE),
        "host_killed_per_strike": Param("scalar", 0.0, 1000.0),
        "force_protection": Param("scalar", **SHARE),
    },
    state={"pending": State("run", _pending)},
    reads=("yesterday",),
    writes=("strikes_by_soil", "strikes_by_party", "strikes", "strikes_total", "strikes_host_total", "host_killed"),
    outputs=(
        Output("strikes", np.uint16, ("proxy", "soil"),
               Indicator("foreign_strikes", "count", "strike waves",
                         "the foreign parties' strike waves (all of them), by targeted faction or by where they fell"),
               read=lambda s, f: f["strikes_by_soil"]),
        Output("strikes_by_party", np.uint16, ("proxy", "party"),
               Indicator("foreign_strikes_by_party", "count", "strike waves",
                         "each foreign party's strike waves (its response rule's and its scheduled strikes), "
                         "by targeted faction or by party"),
               read=lambda s, f: f["strikes_by_party"]),
        Output("host_killed", np.uint16, (),
               Indicator("host_killed_by_foreign_strikes", "count", "persons",
                         "the host's soldiers, police and civilians killed in foreign strikes on its soil"),
               read=lambda s, f: f["host_killed"][:, 0]),
    ),
)
