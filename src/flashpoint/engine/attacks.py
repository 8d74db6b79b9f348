"""The proxies' attacks on the foreign forces: a Poisson rate per faction whose background moves with
the mechanisms and the schedule, self-excitation included, split by mode, with casualties.

background[r, p] = base_rate[p] exp(shock[p] + drift[r, p] - v/2) (1 + grievance) (1 - deterrence (1 - zeal[p])) presence^exposure
rate[r, p] = capability * order_factor * (background + excitation) * cap[r, p] * (1 - suspension[p]), where
cap[r, p] = min(1, max_daily_rate / (the same rate with the whole force present, before truces)), as with targets
attacks ~ Poisson(rate); each attack's mode ~ mode_share; killed, wounded ~ Poisson(sum over modes of
attacks * per_attack * (1 - force_protection)), force_protection on the targets the foreign parties hold there.

``drift`` is what the scenario does not explain: the causes of a burst or a lull that no entry dates
(a faction's own fortunes, a local feud, a new supply route). Each faction's log background drifts as
an Ornstein-Uhlenbeck process from 0, stationary SD ``drift_sd``, correlation time ``drift_days``:
drift <- drift e^{-1/days} + drift_sd sqrt(1 - e^{-2/days}) N(0, 1), with v its variance so far, so
the expected background is the declared one (a log-Gaussian Cox process, Moller, Syversveen &
Waagepetersen 1998). ``drift_sd`` 0 (the default when a scenario does not declare it) is no drift
and draws nothing.

``shock`` is the schedule's outside shocks (a lockdown, a host raid), ``suspension`` the compliance of a
faction's own announced halt, ``order_factor`` the patron's orders passed through control (M3): the
last two act on the whole rate, the self-excited part included. Scheduled attacks (the record's
consequential barrages) are added with their recorded casualties.

Attack targets (the scenario's ``targets:``; one, the foreign forces, when it declares none): with
several, each faction's rate is split over them by its shares, and truces and targeting shocks act
per target:
rate[r, p, t] = capability order_factor (background[r, p] there[r, t]^exposure + excitation[r, p]) share[p, t]
                 cap[r, p] (1 - suspension[p, t]) exp(target_shock[p, t]) held[r, t],
where cap[r, p] scales a faction's rates down where their sum *at full presence* (there = 1) would pass
max_daily_rate, so that truces, absences and a force's thinning (exposure) take their shares after it (a share
lost stays lost: until 2026-12-02 the sum was taken after exposure, and a held-out case's homeland drew three
times its attacks at the cap once the force beside it had left); capped again if a targeting shock raises the sum;
each target has its own mix of modes.
where ``there`` is the troop-weighted presence of the target's own parties (their plain mean where none declares
troops; 1 for a target no party holds, or one not ``in_theatre``: a homeland), so
a target whose party has left draws fewer attacks whatever the others keep; ``held`` is 0 on a target whose
foreign parties are all absent (presence 0: before a force deploys, after
it has left), 1 otherwise and on a target no foreign party holds (merchant ships): the share of a
faction's attacks aimed at a force that is not there is lost, not turned on the others; one declared target
as several. With the one
implicit target, the whole rate (the self-excited part too) is 0 while every foreign party is absent, and
the schedule's attacks on an absent target do not happen (``schedule.Timeline``).

Attacks are rare, so draws after the first are made only where a faction attacked: the result is a
sparse list of (run, source, target, attacks by mode, killed, wounded).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from flashpoint.engine import draws
from flashpoint.engine.contract import DAYS, SHARE, Component, Indicator, Output, Param, State
from flashpoint.engine.forces import weighted


@dataclass
class Attacks:
    """Attacks of one day, one row per (run, source) that attacked."""

    run: np.ndarray         # (k,)
    source: np.ndarray      # (k,) index into the source axis (proxies, then the patron)
    by_mode: np.ndarray     # (k, modes)
    killed: np.ndarray      # (k,)
    wounded: np.ndarray     # (k,)
    target: np.ndarray | None = None   # (k,) index into the target axis (None: all 0, the only target)
    several: bool = False   # several targets: a (run, source) may have several rows

    def __post_init__(self):
        if self.target is None:
            self.target = np.zeros(len(self.run), dtype=np.int64)

    @classmethod
    def none(cls, modes: int, several: bool = False) -> "Attacks":
        empty = np.zeros(0, dtype=np.int64)
        return cls(empty, empty, np.zeros((0, modes), dtype=np.int64), empty, empty, empty, several)

    def add(self, run, source: int, mode: int, killed, wounded, target: int = 0) -> "Attacks":
        """These attacks plus one more by ``source`` on ``target`` in ``mode`` in each of ``run``, still one row
        per (run, source, target)."""
        if len(run) == 0:
            return self
        modes = self.by_mode.shape[1]
        by_mode = np.zeros((len(run), modes), dtype=np.int64)
        by_mode[:, mode] = 1
        # one integer per (run, source, target), in that order of significance (np.unique over rows sorts slowly)
        S = max(int(self.source.max(initial=0)), source) + 1
        T = max(int(self.target.max(initial=0)), target) + 1
        keys = (np.r_[self.run, run] * S + np.r_[self.source, np.full(len(run), source)]) * T \
            + np.r_[self.target, np.full(len(run), target)]
        keys, row = np.unique(keys, return_inverse=True)
        values = np.c_[np.r_[self.by_mode, by_mode], np.r_[self.killed, killed], np.r_[self.wounded, wounded]]
        merged = np.stack([np.bincount(row, weights=values[:, j], minlength=len(keys)) for j in range(values.shape[1])],
                          axis=1).astype(np.int64)
        rs, tgt = np.divmod(keys, T)
        run_, src = np.divmod(rs, S)
        return Attacks(run_, src, merged[:, :-2], merged[:, -2], merged[:, -1], tgt, self.several)

    def where(self, on: np.ndarray, other: "Attacks") -> "Attacks":
        """These attacks in the runs ``on`` ((runs,) bool), ``other``'s elsewhere."""
        mine, theirs = on[self.run], ~on[other.run]
        take = lambda a, b: np.r_[a[mine], b[theirs]]  # noqa: E731
        return Attacks(take(self.run, other.run), take(self.source, other.source),
                       np.concatenate([self.by_mode[mine], other.by_mode[theirs]]), take(self.killed, other.killed),
                       take(self.wounded, other.wounded), take(self.target, other.target), self.several)

    @cached_property
    def count(self) -> np.ndarray:
        """(k,) attacks of each row, all modes."""
        return self.by_mode.sum(axis=1)

    def per_source(self, runs: int, sources: int) -> np.ndarray:
        out = np.zeros((runs, sources), dtype=np.int64)
        if self.several:
            np.add.at(out, (self.run, self.source), self.count)
        else:
            out[self.run, self.source] = self.count
        return out

    def on_forces_per_run(self, runs: int, forces: np.ndarray) -> np.ndarray:
        """(runs, 1) attacks on the foreign forces in the theatre: on the targets ``forces`` ((targets,) bool)
        marks, not on a target no foreign party's forces hold (merchant ships, the host's forces, a homeland)."""
        keep = forces[self.target]
        return np.bincount(self.run[keep], weights=self.count[keep], minlength=runs)[:, None]

    def killed_per_run(self, runs: int, forces: np.ndarray | None = None) -> np.ndarray:
        """(runs, 1) killed in the attacks; with ``forces`` ((targets,) bool) only on the targets it marks: the
        foreign forces' dead, not a merchant crew's or the host army's."""
        keep = slice(None) if forces is None else forces[self.target]
        return np.bincount(self.run[keep], weights=self.killed[keep], minlength=runs)[:, None]


#: the attacks of one (run, faction, target) on one day are numbered 0, 1, ... for their uniforms (a rate is
#: at most 100 a day: this many is never reached)
ITEMS_PER_CELL = 1 << 16


def rate(state: dict, p: dict, ctx: dict) -> tuple[np.ndarray, np.ndarray]:
    """Expected attacks per day, (runs, proxies), or (runs, proxies, targets) with several targets; and (runs,
    proxies) whether max_daily_rate cut each faction's rate today (the capacity ceiling, not the mechanisms, set
    it)."""
    deterred = 1.0 - state["deterrence"] * (1.0 - p["proxy.zeal"])
    background = p["attacks.base_rate"] * (1.0 + state["grievance"]) * deterred
    if ctx["shock"] is not None:
        background = background * np.exp(ctx["shock"])
    if np.any(p["attacks.drift_sd"] > 0):
        background = background * np.exp(state["drift"] - 0.5 * state["drift_variance"])
    if ctx.get("T", 1) > 1:
        return _per_target(background, state, p, ctx)
    strength = state["capability"] * state["order_factor"]
    cap = p["attacks.max_daily_rate"]
    full = strength * (background + state["excitation"])      # the whole force present
    scale = np.where(full > cap, cap / np.maximum(full, 1e-300), 1.0)   # as with declared targets: cap first
    there = _one_target_there(state, p)
    lam = strength * (background * there ** p["attacks.exposure"] + state["excitation"]) * scale
    if not there.all():      # its holders all gone: no one to attack, excitation or not
        lam = lam * (there > 0)
    if ctx["suspension"] is not None:
        lam = lam * (1.0 - ctx["suspension"])
    bound = (scale < 1) & (lam > 0)        # the ceiling cut a rate that was not 0 anyway (no one there, a kept truce)
    if ctx.get("target_shock") is not None:
        lam = lam * np.exp(ctx["target_shock"])
        bound = bound | (lam > cap)
        lam = np.minimum(lam, cap)
    return lam, bound


def _one_target_there(state: dict, p: dict) -> np.ndarray:
    """(runs, 1) the troop-weighted presence of the one attack target's parties: the whole foreign force's for the
    implicit target (or a declared one every party holds), 1 for a declared target no party in the theatre holds.
    (A held-out case's one target held by the US beside a large ally holding none followed the whole force, so a
    US drawdown of 55% cut the attacks on it by 1%.)"""
    owners = p.get("target.owners")
    if owners is None or owners.all():
        return state["presence_total"]
    return _there(state, p, owners[0].reshape(1, -1))


def _there(state: dict, p: dict, owners: np.ndarray) -> np.ndarray:
    """(runs, targets) each target's parties' troop-weighted presence (``owners``: targets x parties; their plain
    mean where none of them declares troops: :func:`forces.weighted`), 1 for a target no party in the theatre holds."""
    return np.where(owners.any(axis=1), weighted(state["presence"], p["party.troops"], owners), 1.0)


def _per_target(background: np.ndarray, state: dict, p: dict, ctx: dict) -> tuple[np.ndarray, np.ndarray]:
    """A faction's rate split over the attack targets by its shares, with truces and targeting shocks per target.
    Each target's background follows its own parties' presence (troop-weighted) ** exposure, a target no party
    holds none; none on a target held by foreign parties none of which is present (before it deploys, after it
    has left)."""
    P, T = background.shape[1], ctx["T"]
    owners = p["target.owners"][0].reshape(T, -1)                      # (targets, parties)
    share = p["target.share"].reshape(-1, P, T)
    strength = (state["capability"] * state["order_factor"])[:, :, None]
    full = strength * (background[:, :, None] + state["excitation"][:, :, None]) * share    # every party present
    scale = _cap_scale(full, p)        # the cap on the rates at full presence: a share lost stays lost
    exposed = background[:, :, None]
    if np.any(p["attacks.exposure"]):      # (at exposure 0 every target's factor is 1: not worked out each day)
        exposed = exposed * _there(state, p, owners)[:, None, :] ** p["attacks.exposure"][:, :, None]
        out = strength * (exposed + state["excitation"][:, :, None]) * share * scale
    else:
        out = full * scale
    if np.any(owners):
        held = state["presence"] @ owners.T > 0                          # (runs, targets)
        out = out * np.where(owners.any(axis=1), held, True)[:, None, :]
    if ctx["suspension"] is not None:
        out = out * (1.0 - ctx["suspension"])
    bound = (scale[:, :, 0] < 1) & (out.sum(axis=2) > 0)
    if ctx["target_shock"] is not None:
        shocked = out * np.exp(ctx["target_shock"])
        again = _cap_scale(shocked, p)
        out, bound = shocked * again, bound | (again[:, :, 0] < 1)
    return out, bound


def _cap_scale(out: np.ndarray, p: dict) -> np.ndarray:
    """(runs, factions, 1): the factor that scales each faction's rates over the targets down to max_daily_rate
    where their sum would pass it, 1 elsewhere."""
    total = out.sum(axis=2, keepdims=True)
    cap = p["attacks.max_daily_rate"][:, :, None]
    return np.where(total > cap, cap / np.maximum(total, 1e-300), 1.0)


def _rows(param: np.ndarray, run: np.ndarray) -> np.ndarray:
    return param[run] if param.shape[0] > 1 else np.broadcast_to(param[0], (len(run),) + param.shape[1:])


def sample(lam: np.ndarray, p: dict, rng: draws.Streams, modes: int, mix: np.ndarray | None = None) -> Attacks:
    """Today's attacks drawn at rates ``lam``; ``mix``: the factions' mixes of modes on each target under tactics
    entries (runs, proxies, targets, modes), or None. Each cell (run, faction, target) has its own uniforms for
    its count, its modes and its casualties."""
    counts = draws.poisson(lam, rng.uniform("attacks.count", lam.shape[1:]))
    hit = np.flatnonzero(counts)
    several = counts.ndim == 3
    if several:
        run, rest = np.divmod(hit, counts.shape[1] * counts.shape[2])
        source, target = np.divmod(rest, counts.shape[2])
    else:
        run, source = np.divmod(hit, counts.shape[1])
        target = np.zeros(len(hit), dtype=np.int64)
    n = counts.flat[hit]
    if "target.mode_share" in p:     # each target's own mix of modes
        share = p["target.mode_share"]
        share = share.reshape(len(share), counts.shape[2], -1)[run if len(share) > 1 else 0, target]
    else:
        share = p["attacks.mode_share"]
        share = share[run] if len(share) > 1 else share
    if mix is not None:        # the factions' changed repertoires, except on targets with their own mix
        keep = source >= mix.shape[1]                   # the patron's own attacks
        if "target.own_mix" in p:
            keep = keep | (p["target.own_mix"][0, target] > 0)
        share = np.where(keep[:, None], share, mix[run, np.minimum(source, mix.shape[1] - 1), target])
    row, item = draws.items(n)                 # an attack's mode by its own uniform: the cell's item-th
    width = counts[0].size
    proxy_modes = draws.categorical_counts(n, share, rng.at("attacks.modes", hit[row] * ITEMS_PER_CELL + item,
                                                            width=width * ITEMS_PER_CELL), row)
    per_attack = np.stack([_rows(p["attacks.killed_per_attack"], run), _rows(p["attacks.wounded_per_attack"], run)])
    mean = np.einsum("km,ckm->ck", proxy_modes, per_attack) * _unprotected(p, run, target)
    killed, wounded = draws.poisson(mean, rng.at("attacks.casualties", hit, 2, width).T)
    by_mode = np.zeros((len(n), modes), dtype=np.int64)
    by_mode[:, : proxy_modes.shape[1]] = proxy_modes
    return Attacks(run, source, by_mode, killed, wounded, target, several)


def _unprotected(p: dict, run: np.ndarray, target: np.ndarray) -> np.ndarray:
    """(rows,) the share of an attack's casualties that a hardened posture leaves: 1 - force_protection on a target
    foreign parties hold in the theatre (the implicit target, the foreign forces, included), 1 on any other (merchant
    shipping, the host's posts, a homeland): the foreign forces' posture protects their own posts. (A held-out
    case's peacekeepers at a force_protection of 0.5 halved the deaths at the host's posts too.)"""
    protect = 1.0 - _rows(p["response.force_protection"], run)[:, 0]
    owners = p.get("target.owners")
    if owners is None:
        return protect
    held = owners[0].reshape(-1, p["party.troops"].shape[-1]).any(axis=1)
    return np.where(held[target], protect, 1.0)


def drift(state, p, rng) -> dict:
    """Tomorrow's drift of each faction's log background, and its variance (nothing when drift_sd is 0)."""
    sd = p["attacks.drift_sd"]
    if not np.any(sd > 0):
        return {}
    keep = np.exp(-1.0 / p["attacks.drift_days"])
    step_sd = sd * np.sqrt(1.0 - keep * keep)
    z = draws.normal(rng.uniform("attacks.drift", state["drift"].shape[1:]))
    return {"drift": state["drift"] * keep + step_sd * z,
            "drift_variance": state["drift_variance"] * keep * keep + step_sd * step_sd}


def step(state, p, ctx, flows, rng):
    lam, at_cap = rate(state, p, ctx)
    if flows.get("host_at_cap") is not None:     # the ceiling on the attacks on the host (M3) counts too
        at_cap = at_cap | flows["host_at_cap"]
    simulated = sample(lam, p, rng, ctx["modes"], ctx["mode_share"])
    today = simulated
    for se, mask in ctx["forced_attacks"]:
        hit = np.flatnonzero(mask[:, 0])
        killed, wounded = (_recorded(se, "killed", hit, p, rng), _recorded(se, "wounded", hit, p, rng))
        today = today.add(hit, se.source_index, se.mode_index, killed, wounded, se.target_index)
    return drift(state, p, rng), {"simulated_attacks": simulated, "attacks": today, "at_cap": at_cap}


def _recorded(se, field: str, run: np.ndarray, p: dict, rng: draws.Streams) -> np.ndarray:
    """A scheduled attack's casualties in each run that has it: the recorded number, or where the record does not
    know it (None), a draw as for a simulated attack of its mode (after force protection)."""
    value = getattr(se.entry, field)
    if value is not None:
        return np.full(len(run), value)
    protect = _unprotected(p, run, np.full(len(run), se.target_index))
    mean = _rows(p[f"attacks.{field}_per_attack"], run)[:, se.mode_index] * protect
    return draws.poisson(mean, rng.at(f"attacks.{field}/{se.entry.id}", run))


def _write_attacks(out: np.ndarray, state, flows) -> int:
    a = flows["attacks"]
    out[a.run, a.source, a.target] = a.by_mode
    return int(a.by_mode.max(initial=0))


def _write(field: str):
    def write(out: np.ndarray, state, flows) -> int:
        a = flows["attacks"]            # one row per (run, source, target)
        values = getattr(a, field)
        out[a.run, a.source, a.target] = values
        return int(values.max(initial=0))
    return write


COMPONENT = Component(
    key="attacks", title="Attacks on the foreign forces", phase="attacks", order=0, step=step,
    parameters={
        "base_rate": Param("proxy", 0.0, 100.0, per="day"),
        "mode_share": Param("mode", **SHARE),
        "killed_per_attack": Param("mode", 0.0, 100.0),
        "wounded_per_attack": Param("mode", 0.0, 100.0),
        "exposure": Param("scalar", 0.0, 5.0),
        "max_daily_rate": Param("scalar", 0.01, 100.0, per="day"),
        "drift_sd": Param("scalar", 0.0, 3.0, default=0.0),
        "drift_days": Param("scalar", **DAYS, default=45.0),
    },
    attributes={"proxy.zeal": Param("proxy", **SHARE)},
    state={"drift": State("proxy", 0.0), "drift_variance": State("run", 0.0)},
    writes=("simulated_attacks", "attacks", "at_cap"),
    outputs=(
        Output("attacks", np.uint8, ("source", "target", "mode"),
               Indicator("attacks_on_foreign_forces", "count", "attacks",
                         "attacks on the foreign side (its forces, or the targets the scenario declares), "
                         "by attacker, target or mode"), write=_write_attacks),
        Output("at_cap", np.uint8, ("proxy",), None, read=lambda s, f: f["at_cap"]),
        Output("killed", np.uint16, ("source", "target"),
               Indicator("foreign_killed", "count", "persons",
                         "people killed in the attacks on the foreign side, by attacker or target (a target no "
                         "foreign party holds, e.g. merchant ships or the host's forces, counts its own dead)"),
               write=_write("killed")),
        Output("wounded", np.uint16, ("source", "target"),
               Indicator("foreign_wounded", "count", "persons",
                         "people wounded in the attacks on the foreign side, by attacker or target"),
               write=_write("wounded")),
    ),
)


#: a faction whose rate the capacity ceiling cut on this share of the days of some window of this many days is
#: "at the ceiling"
CEILING_DAYS, CEILING_SHARE = 30, 0.8


def at_ceiling(bound: np.ndarray) -> np.ndarray:
    """(runs,) whether max_daily_rate cut a faction's rate (``bound``: (runs, days), the engine's ``at_cap``) on at
    least CEILING_SHARE of the days of some CEILING_DAYS days: its self-excitation ran away and the ceiling, not the
    mechanisms, set its level. (Until 2026-12-02 this was read from the attacks, averaging 80 % of the ceiling;
    once the ceiling applied to the rates at full presence, a faction whose targets' forces had partly left sat
    at it below that average, unsaid: a verifier found it.)"""
    if bound.shape[1] < CEILING_DAYS:
        return np.zeros(bound.shape[0], dtype=bool)
    c = np.concatenate([np.zeros((bound.shape[0], 1)), np.cumsum(bound, axis=1, dtype=np.float64)], axis=1)
    window = (c[:, CEILING_DAYS:] - c[:, :-CEILING_DAYS]) / CEILING_DAYS
    return window.max(axis=1) >= CEILING_SHARE


def runs_at_ceiling(at_cap: np.ndarray) -> np.ndarray:
    """(runs, factions) :func:`at_ceiling` of each faction, from the engine's ``at_cap`` (days, runs, factions)."""
    return np.stack([at_ceiling(at_cap[:, :, i].T) for i in range(at_cap.shape[2])], axis=1)


#: the share of runs from which a faction at the ceiling is noted
CEILING_RUNS = 0.05


def ceiling_note(hit: dict[str, dict[str, float]], cap=None) -> str | None:
    """The note for ``hit`` (policy or "" -> faction -> share of runs at the ceiling, each at least CEILING_RUNS),
    None when no faction is there: every command whose numbers rest on such runs says so (a held-out case's claims
    read "supported, P = 1.000" on runs all at the ceiling, with the note only in ``flashpoint run``)."""
    parts = [", ".join(f"{p} in {s:.0%} of runs" for p, s in factions.items()) + (f" under {policy}" if policy else "")
             for policy, factions in hit.items() if factions]
    if not parts:
        return None
    value = "" if cap is None else f" = {np.max(cap):g}/day"
    return (f"the capacity ceiling (attacks.max_daily_rate{value}) cut the attack rate of "
            f"{'; '.join(parts)} on {CEILING_SHARE:.0%} or more of the days in some {CEILING_DAYS}-day window: their rate ran "
            f"away and the ceiling, not the mechanisms, sets their level (what feeds on strikes and attacks: "
            f"reprisal.excitation_* (M1), deterrence.backlash_* (M2), and the response rule that sets how often they "
            f"are struck; for their attacks on the host, control.host_attack_rate and the grievance they rise with)")
