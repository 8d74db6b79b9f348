"""A Mesa 3 model of the Flashpoint proxy conflict: agents as objects, one model step per day, one run per Model.

The specification is the vectorized engine (src/flashpoint/engine/core.py ``run_block`` and the mechanism
modules). This file restates it the way an agent-based modeller would write it in Mesa:

- one ``Agent`` per actor of the scenario (12 for iraq-2020): three ``Proxy`` agents (Kata'ib Hezbollah,
  AAH, Badr) each holding its own capability, grievance, deterrence, control, ceiling and excitation; a
  ``ForeignPower`` holding the response rule; a ``Coalition`` (US and partner presence); a ``Patron``
  (pressure, escalation ladder, direct strikes); a ``Host`` executive (consent, polarisation, bloc seats);
  a ``Spoiler``; and ``Passive`` agents for the actors that act only through the schedule (parliament,
  host forces, the publics);
- per-agent Python scalar arithmetic and per-agent scalar random draws (``model.random`` for uniforms,
  normals; ``model.rng``, a numpy Generator, for Poisson counts);
- the same numbers as the engine: every parameter is read from ``compile_world(load_scenario(...))``,
  and the dated schedule is resolved with the engine's semantics (requires, probability, windows).

It does not reproduce the engine's random stream (the draws come in another order); it agrees with the
engine in distribution. Mechanisms run in the engine's order each day:

  schedule -> scheduled drawdowns -> M9 pressure -> M4 decapitation -> M3 control (and attacks on the host)
  -> foreign response to yesterday's attacks -> proxy attacks -> M8 escalation (patron direct strikes)
  -> M1 reprisal -> M2 deterrence -> M5 consent -> M6 coalition -> M7 spoiler -> M10 politics -> memory
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import mesa
import numpy as np

from flashpoint.engine.requirements import MODES, PROXY_MODES
from flashpoint.engine.world import compile_world
from flashpoint.scenario.loader import load_scenario

COOLDOWN_DAYS = 365          # the patron's direct strikes: at most one endogenous strike a year (engine M8)
FLAG_TYPES = ("decapitation", "parliament_vote", "sanctions", "host_executive_change",
              "dialogue", "threat", "election", "protests")
MISSILE = MODES.index("missile")


# --------------------------------------------------------------------------------------------------
# What a run reads: the compiled scenario as plain Python numbers
# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """One dated schedule entry, as the engine compiles it (world.entries)."""
    id: str
    type: str
    day: int
    last_day: int
    requires: tuple[int, ...]
    probability: float
    source: int | None           # index among the attack sources (proxies, then the patron)
    mode: int | None
    killed: int
    wounded: int
    order: str | None
    party: str | None
    fraction: float


class Reference:
    """A scenario, a policy and overrides compiled once (by the engine's own ``compile_world``) into
    Python scalars that every ``ProxyConflictModel`` run reads."""

    def __init__(self, scenario="iraq-2020", policy: str = "historical", overrides: dict | None = None):
        scenario = load_scenario(scenario)
        world = compile_world(scenario, policy, overrides, runs=1)
        self.world = world
        self.scenario = scenario
        self.policy = policy
        self.days = world.days
        self.dates = world.dates
        self.proxies = list(world.proxies)
        self.enabled = dict(world.enabled)
        self.actors = [(a.id, a.kind) for a in scenario.actors]
        # parameters: scalars as floats, per-proxy and per-mode values as tuples of floats
        self.p: dict[str, float | tuple[float, ...]] = {}
        for name, value in world.params.items():
            row = [float(x) for x in np.asarray(value, dtype=float).reshape(-1)]
            self.p[name] = row[0] if len(row) == 1 and name not in _VECTOR_PARAMS else tuple(row)
        self.entries: list[Entry] = []
        for se in world.entries:
            e = se.entry
            self.entries.append(Entry(
                id=e.id, type=e.type, day=se.day, last_day=se.last_day, requires=tuple(se.requires),
                probability=float(np.asarray(se.probability).reshape(-1)[0]), source=se.source_index,
                mode=MODES.index(e.mode) if getattr(e, "mode", None) in MODES else None,
                killed=int(getattr(e, "killed", None) or 0), wounded=int(getattr(e, "wounded", None) or 0),
                order=getattr(e, "order", None), party=getattr(e, "party", None),
                fraction=float(getattr(e, "fraction", None) or 0.0)))
        self.starting: dict[int, list[int]] = {}
        self.active: dict[int, list[int]] = {}
        for i, e in enumerate(self.entries):
            self.starting.setdefault(e.day, []).append(i)
            for d in range(e.day, e.last_day + 1):
                self.active.setdefault(d, []).append(i)

    def day_index(self, date) -> int:
        import pandas as pd

        return int((pd.Timestamp(date) - self.dates[0]).days)


# parameters keyed by proxy or mode stay tuples even when there is one proxy or mode
_VECTOR_PARAMS = {"attacks.base_rate", "attacks.mode_share", "attacks.killed_per_attack",
                  "attacks.wounded_per_attack", "proxy.zeal", "proxy.initial_grievance",
                  "proxy.broker_dependence", "proxy.initial_control", "proxy.host_hostility"}


# --------------------------------------------------------------------------------------------------
# Agents
# --------------------------------------------------------------------------------------------------

class Actor(mesa.Agent):
    """An actor of the scenario: its id and kind."""

    def __init__(self, model: "ProxyConflictModel", actor_id: str, kind: str):
        super().__init__(model)
        self.actor_id = actor_id
        self.kind = kind


class Passive(Actor):
    """An actor that acts only through the dated schedule (parliament, host forces, the publics)."""


class Proxy(Actor):
    """A militia faction: attacks foreign forces, obeys its patron in proportion to control, is struck,
    deterred and aggrieved, and recovers."""

    def __init__(self, model, actor_id, kind, index: int):
        super().__init__(model, actor_id, kind)
        p = model.p
        self.index = index
        self.base_rate = p["attacks.base_rate"][index]
        self.zeal = p["proxy.zeal"][index]
        self.initial_grievance = p["proxy.initial_grievance"][index]
        self.broker_dependence = p["proxy.broker_dependence"][index]
        self.host_hostility = p["proxy.host_hostility"][index]
        # state
        self.capability = 1.0
        self.grievance = self.initial_grievance
        self.deterrence = 0.0
        self.control = p["proxy.initial_control"][index]
        self.ceiling = p["proxy.initial_control"][index]
        self.excitation = 0.0
        self.last_attacks = 0
        self.last_killed = 0
        self.last_wounded = 0
        # today's flows
        self.order_factor = 1.0
        self.host_attacks = 0
        self.strikes_on = 0
        self.attacks = [0] * len(MODES)
        self.killed = 0
        self.wounded = 0

    # M9: designations feed grievance
    def absorb_sanctions(self, ctx):
        if ctx["sanctions"]:
            self.grievance += self.model.p["pressure.sanctions_grievance"]

    # M4: the decapitation cuts control, the control ceiling and coordination, and feeds grievance
    def suffer_decapitation(self, ctx):
        if not ctx["decapitation"]:
            return
        p = self.model.p
        hit = self.broker_dependence
        self.control *= 1 - p["decapitation.control_loss"] * hit
        self.ceiling *= 1 - (1 - p["decapitation.successor_strength"]) * hit
        self.grievance += p["decapitation.grievance_shock"] * hit
        self.capability *= 1 - p["decapitation.coordination_loss"] * hit

    # M3: control recovers towards the ceiling; autonomous factions attack the host; orders move attacks
    def update_control(self, ctx):
        model = self.model
        p = model.p
        keep = math.exp(-1.0 / p["control.recovery_days"])
        self.control = self.ceiling + (self.control - self.ceiling) * keep
        lam = p["control.host_attack_rate"] * (1 - self.control) * self.host_hostility * (1 + self.grievance)
        self.host_attacks = int(model.rng.poisson(lam)) if lam > 0 else 0
        order = ctx["escalate"] - ctx["restrain"]
        push = p["control.resistance_push"] * model.patron.pressure
        self.order_factor = max(0.0, 1.0 + self.control * (push + p["control.obedience"] * order))

    def no_control(self, ctx):
        self.host_attacks = 0
        self.order_factor = 1.0

    # the base attack process: Poisson attacks per mode, casualties per attack
    def attack(self, ctx):
        model = self.model
        p = model.p
        rng = model.rng
        presence = model.coalition.us_presence + model.coalition.ally_presence
        deterred = 1.0 - self.deterrence * (1.0 - self.zeal)
        lam = self.capability * (self.base_rate * (1.0 + self.grievance) * deterred * self.order_factor
                                 * presence ** p["attacks.exposure"] + self.excitation)
        lam = min(max(lam, 0.0), p["attacks.max_daily_rate"])
        shares = p["attacks.mode_share"]
        total_share = sum(shares)
        attacks = [0] * len(MODES)
        killed_mean = 0.0
        wounded_mean = 0.0
        for m in range(len(PROXY_MODES)):
            mean = lam * shares[m] / total_share
            n = int(rng.poisson(mean)) if mean > 0 else 0
            attacks[m] = n
            if n:
                killed_mean += n * p["attacks.killed_per_attack"][m]
                wounded_mean += n * p["attacks.wounded_per_attack"][m]
        protect = 1.0 - p["response.force_protection"]
        self.killed = int(rng.poisson(killed_mean * protect)) if killed_mean * protect > 0 else 0
        self.wounded = int(rng.poisson(wounded_mean * protect)) if wounded_mean * protect > 0 else 0
        self.attacks = attacks
        for entry in ctx["forced_attacks"]:          # scheduled barrages with their recorded casualties
            if entry.source == self.index:
                self.attacks[entry.mode] += 1
                self.killed += entry.killed
                self.wounded += entry.wounded

    # M1: own attacks and strikes suffered excite further attacks
    def excite(self, ctx):
        p = self.model.p
        keep = math.exp(-1.0 / p["reprisal.excitation_decay_days"])
        self.excitation = (self.excitation * keep + p["reprisal.excitation_per_strike"] * self.strikes_on
                           + p["reprisal.excitation_per_attack"] * sum(self.attacks))

    # M2: strikes destroy capability and deter, and feed grievance (with spillover from strikes on others)
    def deter(self, ctx):
        p = self.model.p
        strikes = self.strikes_on
        capability = self.capability + (1 - self.capability) * (1 - math.exp(-1.0 / p["deterrence.capability_recovery_days"]))
        self.capability = capability * (1 - p["deterrence.capability_damage_per_strike"]) ** strikes
        undeterred = 1 - self.deterrence * math.exp(-1.0 / p["deterrence.deterrence_decay_days"])
        undeterred *= (1 - p["deterrence.deterrence_per_strike"]) ** strikes
        undeterred *= (1 - p["deterrence.threat_deterrence"]) ** ctx["threat"]
        self.deterrence = 1 - undeterred
        others = self.model.foreign.total_strikes - strikes
        g0 = self.initial_grievance
        self.grievance = (g0 + (self.grievance - g0) * math.exp(-1.0 / p["deterrence.grievance_decay_days"])
                          + p["deterrence.backlash_per_strike"] * (strikes + p["deterrence.backlash_spillover"] * others))

    # yesterday, for the foreign power's response rule
    def remember(self, ctx):
        self.last_attacks = sum(self.attacks)
        self.last_killed = self.killed
        self.last_wounded = self.wounded


class ForeignPower(Actor):
    """The foreign power (US): strikes a faction the day after its attacks, more likely after casualties."""

    def __init__(self, model, actor_id, kind):
        super().__init__(model, actor_id, kind)
        self.total_strikes = 0
        self.host_killed = 0

    def respond(self, ctx):
        model = self.model
        p = model.p
        waves = int(round(p["response.strikes_per_response"]))
        total = 0
        for proxy in model.proxy_agents:
            lethal = proxy.last_killed > 0
            wounding = proxy.last_wounded > 0 and not lethal
            quiet = 0 if (lethal or wounding) else proxy.last_attacks
            spared = ((1 - p["response.strike_prob_after_lethal"]) ** lethal
                      * (1 - p["response.strike_prob_after_wounding"]) ** wounding
                      * (1 - p["response.strike_prob_per_attack"]) ** quiet)
            strikes = waves if model.random.random() >= spared else 0
            proxy.strikes_on = strikes
            total += strikes
        self.total_strikes = total
        lam = total * p["response.host_killed_per_strike"]
        self.host_killed = int(model.rng.poisson(lam)) if lam > 0 else 0


class Coalition(Actor):
    """The foreign forces in the host country: US and partner presence (shares of Oct 2019 troops)."""

    def __init__(self, model, actor_id, kind):
        super().__init__(model, actor_id, kind)
        p = model.p
        self.ally_presence = p["coalition.ally_share"]
        self.us_presence = 1 - p["coalition.ally_share"]
        self.recent_attacks = 0.0

    def scheduled_drawdowns(self, ctx):
        self.us_presence = max(0.0, self.us_presence - ctx["drawdown_us"])
        self.ally_presence = max(0.0, self.ally_presence - ctx["drawdown_allies"])

    # M6: partners draw down as attacks, risk and host hostility rise
    def update_cohesion(self, ctx):
        model = self.model
        p = model.p
        memory = p["coalition.memory_days"]
        attacks_today = sum(sum(a.attacks) for a in model.proxy_agents) + sum(model.patron.attacks)
        self.recent_attacks = self.recent_attacks * math.exp(-1.0 / memory) + attacks_today
        hazard = (1 - p["coalition.cohesion"]) * (
            p["coalition.base_hazard"] + p["coalition.attack_sensitivity"] * self.recent_attacks / memory
            + p["coalition.consent_sensitivity"] * max(0.0, p["coalition.consent_threshold"] - model.host.consent))
        if model.random.random() < hazard:
            self.ally_presence *= 1 - p["coalition.step"]


class Patron(Actor):
    """The patron (Iran): 'maximum resistance' pressure, the escalation ladder and its direct strikes."""

    def __init__(self, model, actor_id, kind):
        super().__init__(model, actor_id, kind)
        p = model.p
        self.pressure = p["pressure.initial"] if model.enabled["pressure"] else 0.0
        self.escalation = p["escalation.initial_level"]
        self.direct_cooldown = 0
        self.open_war = 0
        self.attacks = [0] * len(MODES)
        self.killed = 0
        self.wounded = 0

    # M9: sanctions raise pressure, which decays towards its initial level
    def update_pressure(self, ctx):
        p = self.model.p
        initial = p["pressure.initial"]
        self.pressure = (initial + (self.pressure - initial) * math.exp(-1.0 / p["pressure.decay_days"])
                         + p["pressure.per_sanctions"] * ctx["sanctions"])

    def no_strike(self, ctx):
        self.attacks = [0] * len(MODES)
        self.killed = self.wounded = 0
        for entry in ctx["forced_attacks"]:
            if entry.source == len(self.model.proxy_agents):
                self.attacks[entry.mode] += 1
                self.killed += entry.killed
                self.wounded += entry.wounded

    # M8: the escalation ladder; scheduled and endogenous direct strikes; open war
    def escalate(self, ctx):
        model = self.model
        p = model.p
        scheduled = 0
        killed = wounded = 0
        for entry in ctx["direct_strikes"]:
            scheduled = 1
            killed += entry.killed
            wounded += entry.wounded
        level = self.escalation
        ready = self.direct_cooldown <= 0
        hazard = p["escalation.direct_strike_hazard"] * max(0.0, level - p["escalation.direct_strike_threshold"])
        endogenous = ready and not scheduled and model.random.random() < hazard
        if endogenous:
            killed += int(model.rng.poisson(p["escalation.direct_strike_killed"]))
            wounded += int(model.rng.poisson(p["escalation.direct_strike_wounded"]))
        struck = 1 if (scheduled or endogenous) else 0
        foreign_killed = sum(a.killed for a in model.proxy_agents) + self.killed + killed
        level = (level * math.exp(-1.0 / p["escalation.decay_days"])
                 + p["escalation.per_foreign_killed"] * foreign_killed
                 + p["escalation.per_strike"] * model.foreign.total_strikes
                 + p["escalation.per_decapitation"] * ctx["decapitation"]
                 + p["escalation.per_direct_strike"] * struck)
        self.escalation = level
        war_hazard = p["escalation.war_hazard"] * max(0.0, level - p["escalation.war_threshold"])
        if model.random.random() < war_hazard:
            self.open_war = 1
        self.direct_cooldown = COOLDOWN_DAYS if struck else self.direct_cooldown - 1
        self.attacks[MISSILE] += struck
        self.killed += killed
        self.wounded += wounded


class Host(Actor):
    """The host executive: consent to the foreign presence, polarisation and the proxies' bloc in parliament."""

    def __init__(self, model, actor_id, kind):
        super().__init__(model, actor_id, kind)
        p = model.p
        self.consent = p["consent.initial"]
        self.consent_baseline = p["consent.baseline"]
        self.polarization = p["politics.initial_polarization"]
        self.host_violence = 0.0
        self.bloc_seats = p["politics.proxy_bloc_seats_2018"]

    # M5: unilateral strikes, host casualties, the decapitation and the vote erode consent
    def update_consent(self, ctx):
        model = self.model
        p = model.p
        self.consent_baseline += p["consent.executive_change_shift"] * ctx["host_executive_change"]
        target = (self.consent_baseline + p["consent.engagement"]
                  - p["consent.polarization_weight"] * (self.polarization - p["politics.initial_polarization"]))
        consent = target + (self.consent - target) * math.exp(-1.0 / p["consent.recovery_days"])
        consent = (consent
                   - p["consent.strike_cost"] * model.foreign.total_strikes
                   - p["consent.casualty_cost"] * model.foreign.host_killed
                   - p["consent.decapitation_cost"] * ctx["decapitation"]
                   - p["consent.vote_cost"] * ctx["parliament_vote"]
                   + p["consent.dialogue_gain"] * ctx["dialogue"])
        self.consent = min(1.0, max(0.0, consent))

    # M10: polarisation; a year's memory of militia violence against the host; elections
    def update_politics(self, ctx):
        model = self.model
        p = model.p
        p0 = p["politics.initial_polarization"]
        polarization = (p0 + (self.polarization - p0) * math.exp(-1.0 / p["politics.decay_days"])
                        + p["politics.per_strike"] * model.foreign.total_strikes
                        + p["politics.per_decapitation"] * ctx["decapitation"]
                        + p["politics.per_protest_wave"] * ctx["protests"])
        self.polarization = min(1.0, max(0.0, polarization))
        self.host_violence = (self.host_violence * math.exp(-1.0 / 365.0)
                              + sum(a.host_attacks for a in model.proxy_agents))
        if ctx["election"]:
            z = model.random.gauss(0.0, 1.0)
            elected = p["politics.proxy_bloc_seats_2018"] * math.exp(
                p["politics.swing_mean"] + p["politics.swing_sd"] * z
                - p["politics.seat_loss_per_host_attack"] * self.host_violence)
            self.bloc_seats = float(round(elected))


class Spoiler(Actor):
    """The spoiler (ISIS): activity rises, with a lag, when foreign-host cooperation falls (M7)."""

    def __init__(self, model, actor_id, kind):
        super().__init__(model, actor_id, kind)
        self.activity = model.p["spoiler.base_activity"]

    def update(self, ctx):
        model = self.model
        p = model.p
        presence = model.coalition.us_presence + model.coalition.ally_presence
        cooperation = min(1.0, presence * model.host.consent / p["consent.initial"])
        target = p["spoiler.base_activity"] * (1 + p["spoiler.tension_gain"] * (1 - cooperation))
        self.activity = target + (self.activity - target) * math.exp(-1.0 / p["spoiler.lag_days"])


# --------------------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------------------

ROLE_CLASSES = {"foreign_power": ForeignPower, "ally": Coalition, "patron": Patron,
                "host_executive": Host, "spoiler": Spoiler}


class ProxyConflictModel(mesa.Model):
    """One run of the scenario. ``step()`` advances one day; ``run()`` runs to the scenario's end."""

    def __init__(self, reference: Reference, seed: int):
        super().__init__(seed=seed)
        self.ref = reference
        self.p = reference.p
        self.enabled = reference.enabled
        self.day = 0
        self.happened = [False] * len(reference.entries)
        self.proxy_agents: list[Proxy] = []
        for actor_id, kind in reference.actors:
            if kind == "proxy":
                self.proxy_agents.append(Proxy(self, actor_id, kind, reference.proxies.index(actor_id)))
            elif kind in ROLE_CLASSES and not any(isinstance(a, ROLE_CLASSES[kind]) for a in self.agents):
                ROLE_CLASSES[kind](self, actor_id, kind)
            else:
                Passive(self, actor_id, kind)
        self.foreign = self._one(ForeignPower)
        self.coalition = self._one(Coalition)
        self.patron = self._one(Patron)
        self.host = self._one(Host)
        self.spoiler = self._one(Spoiler)
        self.proxy_set = self.agents_by_type[Proxy]
        self.datacollector = mesa.DataCollector(model_reporters={
            "attacks": lambda m: sum(sum(a.attacks) for a in m.proxy_agents) + sum(m.patron.attacks),
            "indirect_fire": lambda m: sum(a.attacks[0] for a in m.proxy_agents) + m.patron.attacks[0],
            "foreign_killed": lambda m: sum(a.killed for a in m.proxy_agents) + m.patron.killed,
            "foreign_strikes": lambda m: m.foreign.total_strikes,
            "host_killed": lambda m: m.foreign.host_killed,
            "patron_control": lambda m: sum(a.control for a in m.proxy_agents) / len(m.proxy_agents),
            "host_consent": lambda m: m.host.consent,
            "coalition_presence": lambda m: m.coalition.us_presence + m.coalition.ally_presence,
            "spoiler_activity": lambda m: m.spoiler.activity,
            "escalation_level": lambda m: m.patron.escalation,
        })

    def _one(self, cls):
        agents = self.agents_by_type.get(cls)
        if not agents:
            raise ValueError(f"the scenario has no actor for {cls.__name__}")
        return agents[0]

    # -- the dated schedule, with the engine's semantics (engine/schedule.py) -------------------------
    def resolve_schedule(self) -> dict:
        ref = self.ref
        day = self.day
        for i in ref.starting.get(day, ()):
            entry = ref.entries[i]
            if -1 in entry.requires:           # it requires an entry the policy dropped
                continue
            ok = all(self.happened[r] for r in entry.requires)
            if ok and entry.probability < 1:
                ok = self.random.random() < entry.probability
            self.happened[i] = ok
        ctx = {t: 0 for t in FLAG_TYPES}
        ctx.update(restrain=0, escalate=0, drawdown_us=0.0, drawdown_allies=0.0,
                   forced_attacks=[], direct_strikes=[])
        for i in ref.active.get(day, ()):
            if not self.happened[i]:
                continue
            entry = ref.entries[i]
            today = entry.day == day
            if entry.type in FLAG_TYPES:
                if today:
                    ctx[entry.type] = 1
            elif entry.type == "patron_order":
                ctx["restrain" if entry.order == "restrain" else "escalate"] = 1
            elif entry.type == "coalition_drawdown" and today:
                ctx["drawdown_us" if entry.party == "us" else "drawdown_allies"] += entry.fraction
            elif entry.type == "proxy_attack" and today:
                ctx["forced_attacks"].append(entry)
            elif entry.type == "patron_direct_strike" and today:
                ctx["direct_strikes"].append(entry)
        return ctx

    def step(self):
        on = self.enabled
        ctx = self.resolve_schedule()
        self.coalition.scheduled_drawdowns(ctx)
        if on["pressure"]:
            self.patron.update_pressure(ctx)
            self.proxy_set.do("absorb_sanctions", ctx)
        if on["decapitation"]:
            self.proxy_set.do("suffer_decapitation", ctx)
        self.proxy_set.do("update_control" if on["control"] else "no_control", ctx)
        self.foreign.respond(ctx)
        self.proxy_set.do("attack", ctx)
        self.patron.no_strike(ctx)
        if on["escalation"]:
            self.patron.escalate(ctx)
        if on["reprisal"]:
            self.proxy_set.do("excite", ctx)
        if on["deterrence"]:
            self.proxy_set.do("deter", ctx)
        if on["consent"]:
            self.host.update_consent(ctx)
        if on["coalition"]:
            self.coalition.update_cohesion(ctx)
        if on["spoiler"]:
            self.spoiler.update(ctx)
        if on["politics"]:
            self.host.update_politics(ctx)
        self.proxy_set.do("remember", ctx)
        self.datacollector.collect(self)
        self.day += 1
        if self.day >= self.ref.days:
            self.running = False

    def run(self) -> dict[str, list]:
        """Run to the scenario's end; the daily model variables (name -> list over days)."""
        while self.running:
            self.step()
        return self.datacollector.model_vars


def run_ensemble(reference: Reference, runs: int, seed: int = 0) -> dict[str, np.ndarray]:
    """``runs`` independent runs (one Model each); daily model variables as (runs, days) arrays.

    Run ``i`` is seeded from ``SeedSequence([seed, i])``, so it does not depend on ``runs``.
    """
    out: dict[str, list] = {}
    for i in range(runs):
        run_seed = int(np.random.SeedSequence([seed, i]).generate_state(1, np.uint64)[0] >> 1)
        series = ProxyConflictModel(reference, run_seed).run()
        for name, values in series.items():
            out.setdefault(name, []).append(values)
    return {name: np.asarray(rows) for name, rows in out.items()}


def total(reference: Reference, daily: np.ndarray, start, end, mean: bool = False) -> np.ndarray:
    """Per-run sum (or mean, for state variables) of a (runs, days) array over start..end inclusive.

    State variables are rounded to float32 first, as the engine records them, so that runs whose
    state is the same (a deterministic stretch) tie exactly in both.
    """
    a, b = reference.day_index(start), reference.day_index(end)
    window = daily[:, a:b + 1]
    return window.astype(np.float32).mean(axis=1, dtype=np.float64) if mean else window.sum(axis=1)
