"""The dated schedule, day by day: which entries happen in which runs, and what they do today.

An entry happens in a run when every entry it requires happened there (or its ``requires`` link is
cut in that run) and a uniform draw falls under its probability. Each entry acts on whom it names (scenario/entries.py): today's context holds
(runs, 1) arrays for events that concern the whole run (a vote, a dialogue round), (runs, proxies)
arrays for what acts on factions (orders, truces, outside shocks, leaders killed, strikes), and None
where nothing happens today, so that mechanisms skip the work. Lasting entries (orders, truces,
outside shocks) are combined into (runs, proxies) levels that change only when one starts or ends
(orders and shocks summed, truces multiplied: each keeps its share of the attacks);
with several attack targets, truces and the shocks aimed at targets are (runs, proxies, targets);
rules of engagement give their actor's response rule a (runs, proxies, parties) factor; tactics entries give
the factions a (runs, proxies, targets, modes) mix of attack modes;
a truce ends in each run after its own random holding time; a fading shock is recomputed daily.
Each entry draws from its own stream (seed, block, entry id), not the mechanisms': a policy that adds or
drops an entry with a probability leaves every other random number of its runs as it was (common
random numbers for paired comparisons).
"""
from __future__ import annotations

import numpy as np

from flashpoint.engine.draws import Streams
from flashpoint.engine.world import World, target_present

#: context keys that are None on a day nothing of that kind happens
EVENT_KEYS = ("parliament_vote", "host_executive_change", "dialogue", "election", "protests", "host_demand",
              "sanctions", "sanctions_on", "threat", "decapitation", "decapitation_host", "decapitation_patron",
              "decapitation_leaders", "drawdown", "scheduled_strikes", "scheduled_strikes_by_party",
              "scheduled_host_killed")
FLAG_TYPES = ("parliament_vote", "host_executive_change", "dialogue", "election", "protests", "host_demand")
ATTACK_TYPES = ("proxy_attack", "patron_direct_strike")


class Timeline:
    """The schedule of one block of runs."""

    def __init__(self, world: World, runs: slice, rng: Streams):
        """``rng.entry``: each entry's own random numbers for this block (whether it happens, how long a truce
        holds), so that adding, dropping or changing one entry moves no other draw of the runs."""
        self.world, self.runs, self.rng = world, runs, rng
        self.n = len(range(world.runs)[runs])
        self.happened = np.zeros((self.n, len(world.entries)), dtype=bool)
        self.starting: dict[int, list[int]] = {}
        for i, se in enumerate(world.entries):
            self.starting.setdefault(se.day, []).append(i)
        self.active: list[tuple[int, np.ndarray]] = []       # (entry, last day per run (runs, 1))
        self.returns: dict[int, list[np.ndarray]] = {}       # day -> troops coming back (runs, parties)
        self.levels = {"order": None, "suspension": None, "shock": None, "target_shock": None, "response_scale": None,
                       "mode_share": None}
        self.fading: list[tuple[int, np.ndarray]] = []       # active fading shocks
        self.striking: list[tuple[int, np.ndarray, np.ndarray]] = []   # operations: (last day, waves, by party)
        self.next_end = np.inf
        dims = world.dims
        self.T = dims["target"]
        self.base = {"n": self.n, "P": dims["proxy"], "S": dims["source"], "modes": dims["mode"], "T": self.T,
                     "patron_mode": world.roles["patron_mode"], **{k: None for k in EVENT_KEYS}}
        self.troops = world.rows(world.params["party.troops"], runs)

    def value(self, i: int, name: str, default: float = 1.0) -> np.ndarray:
        v = self.world.entries[i].values.get(name)
        return np.full((1, 1), default) if v is None else self.world.rows(v, self.runs)

    def day(self, day: int, presence: np.ndarray | None = None) -> dict:
        """Today's context; ``presence`` (runs, parties), where the foreign forces stand as the day begins."""
        ctx = dict(self.base, day=day, forced_attacks=[], direct_strikes=[])
        for back in self.returns.pop(day, ()):
            self._add(ctx, "drawdown", -back)
        if self.striking:                    # operations begun on earlier days strike again today
            self.striking = [s for s in self.striking if s[0] >= day]
            for _, waves, by_party in self.striking:
                self._add(ctx, "scheduled_strikes", waves)
                self._add(ctx, "scheduled_strikes_by_party", by_party)
        changed = False
        for i in self.starting.get(day, ()):
            mask = self._happens(i, presence)
            if mask is not None:
                changed |= self._start(i, mask, ctx, presence)
        if day > self.next_end or changed:
            self._levels(day)
        ctx.update(self.levels)
        if self.fading:
            ctx["shock"], ctx["target_shock"] = self._fading(day, ctx["shock"], ctx["target_shock"])
        return ctx

    def _happens(self, i: int, presence: np.ndarray | None = None) -> np.ndarray | None:
        se = self.world.entries[i]
        if -1 in se.requires and se.cut is None:
            return None
        ok = np.ones(self.n, dtype=bool)
        for r in se.requires:
            ok &= self.happened[:, r] if r >= 0 else False
        if se.cut is not None:            # the link is cut in these runs: what it requires does not matter
            ok |= self.world.rows(se.cut, self.runs)[:, 0]
        prob = self.world.rows(se.probability, self.runs)[:, 0]
        if np.any(prob < 1):
            ok &= self.rng.entry(se.entry.id) < prob
        if se.entry.type in ATTACK_TYPES and presence is not None:
            ok &= self._there(se, presence)
        if se.entry.type == "patron_direct_strike":      # M8 adds them: with M8 off they do not happen, nor what
            on = self.world.switched_on("escalation", self.runs)          # requires them
            ok &= on if isinstance(on, bool) else on[:, 0]
        self.happened[:, i] = ok
        return ok[:, None].astype(float) if ok.any() else None

    def _there(self, se, presence: np.ndarray) -> np.ndarray:
        """(runs,) whether a scheduled attack has anyone to hit: a foreign party holding its target is present
        (under a counterfactual withdrawal the record's attack on a force that has left does not happen, nor
        what requires it). A target no party holds (merchant shipping) is always there."""
        return target_present(self.world.params.get("target.owners"), presence, se.target_index)

    @staticmethod
    def _add(ctx: dict, key: str, value: np.ndarray) -> None:
        ctx[key] = value if ctx[key] is None else ctx[key] + value

    def _start(self, i: int, mask: np.ndarray, ctx: dict, presence: np.ndarray | None = None) -> bool:
        """Apply entry ``i`` starting today where ``mask``; True when a lasting level changes."""
        se = self.world.entries[i]
        kind, targets = se.entry.type, se.targets[None, :]
        if kind in FLAG_TYPES:
            ctx[kind] = mask if ctx[kind] is None else np.maximum(ctx[kind], mask)
        elif kind == "sanctions":
            ctx["sanctions"] = mask if ctx["sanctions"] is None else np.maximum(ctx["sanctions"], mask)
            self._add(ctx, "sanctions_on", mask * targets)
        elif kind == "threat":
            self._add(ctx, "threat", mask * targets)
        elif kind == "decapitation":
            scale = mask * self.value(i, "scale")
            ctx["decapitation"] = mask if ctx["decapitation"] is None else np.maximum(ctx["decapitation"], mask)
            if se.on_host_soil:
                self._add(ctx, "decapitation_host", mask)
            if se.patron_targeted:
                self._add(ctx, "decapitation_patron", scale)
            if targets.any():
                self._add(ctx, "decapitation_leaders", scale * targets)
        elif kind == "foreign_strike":
            waves = np.zeros((self.n, len(targets[0]), 2))
            waves[:, :, 0 if se.on_host_soil else 1] = mask * targets * (se.entry.waves or 1)
            self._add(ctx, "scheduled_strikes", waves.astype(np.int64))
            by_party = np.zeros((self.n, len(targets[0]), self.troops.shape[1]), dtype=np.int64)
            by_party[:, :, se.party_index] = waves.sum(axis=2)
            self._add(ctx, "scheduled_strikes_by_party", by_party)
            if se.last_day > se.day:          # an operation: the same waves every day to `until`
                self.striking.append((se.last_day, waves.astype(np.int64), by_party))
            if se.on_host_soil and se.entry.host_killed:
                self._add(ctx, "scheduled_host_killed", (mask * se.entry.host_killed).astype(np.int64))
        elif kind in ("coalition_drawdown", "deployment"):     # a deployment: a negative drawdown
            f, sign = se.party_index, 1.0 if kind == "coalition_drawdown" else -1.0
            share = se.entry.fraction if se.entry.fraction is not None else se.entry.troops / np.maximum(
                self.troops[:, f:f + 1], 1e-12)
            moved = np.zeros((self.n, self.troops.shape[1]))
            moved[:, f:f + 1] = mask * share
            if presence is not None:            # what is there to withdraw (partners' own departures, M6, and
                there = presence[:, f:f + 1] - (0 if ctx["drawdown"] is None else ctx["drawdown"][:, f:f + 1])
                room = there if sign > 0 else 1 - there                   # earlier ones), or missing to arrive
                moved[:, f:f + 1] = np.clip(np.minimum(moved[:, f:f + 1], room), 0.0, None)
            self._add(ctx, "drawdown", sign * moved)
            if se.entry.until is not None:      # what left comes back (what came leaves), not troops that had
                self.returns.setdefault(se.last_day + 1, []).append(sign * moved)    # gone (come) before
        elif kind == "proxy_attack":
            ctx["forced_attacks"].append((se, mask))
        elif kind == "patron_direct_strike":
            ctx["direct_strikes"].append((se, mask))
        elif kind in ("patron_order", "suspension", "outside_shock", "rules_of_engagement", "tactics"):
            last = np.full((self.n, 1), float(se.last_day))
            if kind == "suspension":
                holds = self.rng.entry(se.entry.id + "/holds", "geometric",
                                       1.0 / np.maximum(self.value(i, "holds_days")[:, 0], 1.0))
                last = np.minimum(last, (se.day + holds - 1)[:, None])
            last[mask[:, 0] == 0] = -1
            self.active.append((i, last))
            return True
        return False

    def _levels(self, day: int) -> None:
        """Recompute the lasting levels from the entries in force today in each run."""
        self.active = [(i, last) for i, last in self.active if (last >= day).any()]
        order = suspension = shock = target_shock = response = mix = None
        self.fading = []
        for i, last in self.active:
            se = self.world.entries[i]
            if "fades_days" in se.values:
                self.fading.append((i, last))
                continue
            on = (last >= day).astype(float) * se.targets[None, :]          # (runs, proxies)
            if se.entry.type == "patron_order":
                sign = -1.0 if se.entry.order == "restrain" else 1.0
                order = (0 if order is None else order) + sign * on * self.value(i, "scale")
            elif se.entry.type == "rules_of_engagement":     # the actor's rule only
                factor = 1 + (on * (self.value(i, "scale") - 1))[:, :, None] * self._party(se)
                response = factor if response is None else response * factor
            elif se.entry.type == "tactics":                # the latest in force applies
                mix = self._mix(on, se, self.value(i, "mode_share"), mix)
            elif se.entry.type == "suspension":
                kept = 1 - self._aimed(on, se) * self._per_target(self.value(i, "compliance"))
                suspension = kept if suspension is None else suspension * kept
            elif se.aimed_at is not None:
                add = self._aimed(on, se) * self._per_target(self.value(i, "size"))
                target_shock = add if target_shock is None else target_shock + add
            else:
                shock = (0 if shock is None else shock) + on * self.value(i, "size")
        self.levels = {"order": order, "suspension": None if suspension is None else 1 - suspension, "shock": shock,
                       "target_shock": target_shock, "response_scale": response, "mode_share": mix}
        ends = [last[last >= day].min() for _, last in self.active if (last >= day).any()]
        self.next_end = min(ends) if ends else np.inf

    def _mix(self, on: np.ndarray, se, share: np.ndarray, mix: np.ndarray | None) -> np.ndarray:
        """(runs, proxies, targets, modes): the factions' mix of attack modes on each target, ``share`` where the
        entry is ``on`` and on the targets it is aimed at, else as before (``attacks.mode_share`` where no tactics
        entry is in force)."""
        if mix is None:
            base = self.world.rows(self.world.params["attacks.mode_share"], self.runs)
            mix = np.broadcast_to(base[:, None, None, :], (self.n, on.shape[1], self.T, base.shape[1]))
        aim = np.ones(self.T) if se.aimed_at is None else se.aimed_at
        where = (on[:, :, None] * aim[None, None, :]) > 0
        return np.where(where[..., None], share[:, None, None, :], mix)

    def _party(self, se) -> np.ndarray:
        """(1, 1, parties): 1 at the entry's actor."""
        one = np.zeros((1, 1, self.troops.shape[1]))
        one[0, 0, se.party_index] = 1.0
        return one

    def _aimed(self, on: np.ndarray, se) -> np.ndarray:
        """(runs, proxies) -> (runs, proxies, targets) on the targets the entry acts on; unchanged with one target
        (an entry's aim is then that target: a suspension names a party it belongs to)."""
        if self.T == 1:
            return on
        return on[:, :, None] * (np.ones(self.T) if se.aimed_at is None else se.aimed_at)[None, None, :]

    def _per_target(self, value: np.ndarray) -> np.ndarray:
        """A (runs or 1, 1) entry value shaped to multiply a (runs, proxies[, targets]) level."""
        return value[:, :, None] if self.T > 1 else value

    def _fading(self, day: int, shock, target_shock):
        """Today's shocks: the lasting levels plus the fading shocks at their size today."""
        for i, last in self.fading:
            se = self.world.entries[i]
            fade = np.exp(-(day - se.day) / self.value(i, "fades_days"))
            on = (last >= day).astype(float) * se.targets[None, :]
            if se.aimed_at is not None:
                add = self._aimed(on, se) * self._per_target(self.value(i, "size") * fade)
                target_shock = add if target_shock is None else target_shock + add
            else:
                shock = (0 if shock is None else shock) + on * self.value(i, "size") * fade
        return shock, target_shock
