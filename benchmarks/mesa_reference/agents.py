"""The agents of the Mesa reference: one object per actor of the scenario, scalar state, scalar draws.

Each method is one process or mechanism of the model (docs/ODD.md; the equations of the engine's
component files), restated for one agent and one run. ``today`` is the day's schedule context
(``model.Today``). Uniform and normal draws come from ``model.random`` (Python's generator), counts
(Poisson, binomial, geometric) from ``model.rng`` (a NumPy generator).
"""
from __future__ import annotations

import math

import mesa

HORIZON = 64             # the response rule carries out a response at most 63 days after deciding it


def _left(share: float) -> float:
    """What a loss of ``share`` leaves (an entry's scale may push a loss past 1)."""
    return max(0.0, 1.0 - share)


class Actor(mesa.Agent):
    def __init__(self, model, actor_id: str, kind: str):
        super().__init__(model)
        self.actor_id, self.kind = actor_id, kind


class Passive(Actor):
    """An actor that acts only through the dated schedule (parliament, host forces, the publics)."""


class Proxy(Actor):
    """A militia faction: attacks the foreign forces, obeys its patron in proportion to control, is
    struck, deterred, disrupted and aggrieved, and recovers."""

    def __init__(self, model, actor_id, kind, index: int):
        super().__init__(model, actor_id, kind)
        p = model.p
        self.index = index
        self.base_rate = p["attacks.base_rate"][index]
        self.zeal = p["proxy.zeal"][index]
        self.initial_grievance = p["proxy.initial_grievance"][index]
        self.broker_dependence = p["proxy.broker_dependence"][index]
        self.hostility = p["relation.hostility"][index]
        self.capability, self.deterrence, self.grievance = 1.0, 0.0, self.initial_grievance
        self.control = self.ceiling = p["relation.control"][index]
        self.order_factor, self.excitation = 1.0, 0.0
        self.drift = self.drift_variance = 0.0       # the background's undated drift (log), and its variance
        # today's flows, and yesterday's own (simulated) attacks for the response rule
        self.host_attacks = 0
        self.strikes = [0, 0]                       # strike waves suffered today: on host soil, abroad
        self.attacks = [0] * len(model.ref.modes)
        self.killed = self.wounded = 0
        self.at_cap = False                         # whether max_daily_rate cut today's rate
        self.simulated = (0, 0, 0)                  # today's simulated attacks, killed, wounded

    def absorb_sanctions(self, today):                                          # M9
        if today.sanctions:
            self.grievance += self.model.p["pressure.sanctions_grievance"] * today.sanctions_on[self.index]

    def suffer_decapitation(self, today):                                       # M4
        p, d = self.model.p, self.broker_dependence
        hit = today.decapitation_patron * d                # the patron's commander: the broker channel
        if hit:
            self.control *= _left(p["decapitation.control_loss"] * hit)
            self.ceiling *= _left((1 - p["decapitation.successor_strength"]) * hit)
            self.grievance += p["decapitation.grievance_shock"] * hit
        s = today.leaders[self.index]                      # this faction's own commander
        if s:
            self.capability *= _left(p["decapitation.coordination_loss"] * s)
            self.deterrence = 1 - (1 - self.deterrence) * _left(p["decapitation.deterrent_effect"] * s)
            self.grievance += p["decapitation.grievance_shock"] * s
            self.control *= _left(p["decapitation.control_loss"] * d * s)

    def update_control(self, today):                                            # M3
        model, p = self.model, self.model.p
        self.control = self.ceiling + (self.control - self.ceiling) * math.exp(-1.0 / p["control.recovery_days"])
        push = p["control.resistance_push"] * model.patron.pressure + p["control.obedience"] * today.order[self.index]
        self.order_factor = max(0.0, 1.0 + self.control * push)
        lam = p["control.host_attack_rate"] * (1 - self.control) * self.hostility * (1 + self.grievance)
        self.host_attacks = int(model.rng.poisson(lam)) if lam > 0 else 0

    def attack(self, today):
        """The attack process: Poisson attacks at a rate whose background moves with the mechanisms
        and the schedule; orders, the faction's own truce and shocks act on the whole rate."""
        model, p = self.model, self.model.p
        i = self.index
        background = (self.base_rate * (1.0 + self.grievance) * (1.0 - self.deterrence * (1.0 - self.zeal))
                      * math.exp(today.shock[i] + self.drift - 0.5 * self.drift_variance))
        strength, cap = self.capability * self.order_factor, p["attacks.max_daily_rate"]
        full = strength * (background + self.excitation)           # the cap applies with the whole force present
        scale = cap / full if full > cap else 1.0
        lam = (strength * (background * model.presence_total ** p["attacks.exposure"] + self.excitation) * scale
               * (1.0 - today.suspension[i]))
        if model.presence_total <= 0:            # the foreign forces all gone: no one to attack, excitation or not
            lam = 0.0
        self.at_cap = scale < 1 and lam > 0
        attacks = [0] * len(self.attacks)
        killed = wounded = 0
        n = int(model.rng.poisson(lam)) if lam > 0 else 0
        if n:
            mix = today.mix[i] or model.mode_cumulative
            for m in model.random.choices(model.proxy_mode_indices, cum_weights=mix, k=n):
                attacks[m] += 1
            protect = 1.0 - p["response.force_protection"]
            kpa, wpa = p["attacks.killed_per_attack"], p["attacks.wounded_per_attack"]
            mean_killed = sum(attacks[m] * kpa[m] for m in model.proxy_mode_indices) * protect
            mean_wounded = sum(attacks[m] * wpa[m] for m in model.proxy_mode_indices) * protect
            killed = int(model.rng.poisson(mean_killed)) if mean_killed > 0 else 0
            wounded = int(model.rng.poisson(mean_wounded)) if mean_wounded > 0 else 0
        self.simulated = (n, killed, wounded)
        for entry in today.forced:                   # the record's consequential attacks, as recorded
            if entry.source == i:
                attacks[entry.mode] += 1
                killed += entry.killed
                wounded += entry.wounded
        self.attacks, self.killed, self.wounded = attacks, killed, wounded
        sd = p.get("attacks.drift_sd", 0.0)
        if sd > 0:                                   # tomorrow's drift (Ornstein-Uhlenbeck, from 0)
            keep = math.exp(-1.0 / p["attacks.drift_days"])
            step_sd = sd * math.sqrt(1.0 - keep * keep)
            self.drift = self.drift * keep + step_sd * float(model.rng.standard_normal())
            self.drift_variance = self.drift_variance * keep * keep + step_sd * step_sd

    def excite(self, today):                                                    # M1
        p = self.model.p
        self.excitation = (self.excitation * math.exp(-1.0 / p["reprisal.excitation_decay_days"])
                           + p["reprisal.excitation_per_strike"] * (self.strikes[0] + self.strikes[1])
                           + p["reprisal.excitation_per_attack"] * sum(self.attacks))

    def deter(self, today):                                                     # M2
        model, p = self.model, self.model.p
        struck = self.strikes[0] + self.strikes[1]
        capability = self.capability + (1 - self.capability) * (1 - math.exp(-1.0 / p["deterrence.capability_recovery_days"]))
        undeterred = 1 - self.deterrence * math.exp(-1.0 / p["deterrence.deterrence_decay_days"])
        g0 = self.initial_grievance
        grievance = g0 + (self.grievance - g0) * math.exp(-1.0 / p["deterrence.grievance_decay_days"])
        if struck:
            capability *= (1 - p["deterrence.capability_damage_per_strike"]) ** struck
            undeterred *= (1 - p["deterrence.deterrence_per_strike"]) ** struck
        others = model.responder.strikes_total - struck
        if struck or others:
            grievance += p["deterrence.backlash_per_strike"] * (struck + p["deterrence.backlash_spillover"] * others)
        if today.threat[self.index]:
            undeterred *= (1 - p["deterrence.threat_deterrence"]) ** today.threat[self.index]
        self.capability, self.deterrence, self.grievance = capability, 1 - undeterred, grievance


class ForeignForce(Actor):
    """A foreign party's forces in the theatre (the foreign power or an ally): its presence as a share
    of its initial troops; an ally may leave as attacks, risk and host hostility rise (M6)."""

    def __init__(self, model, actor_id, kind, index: int):
        super().__init__(model, actor_id, kind)
        p = model.p
        self.index = index
        self.troops = p["party.troops"][index]
        self.ally = p["party.ally"][index]
        self.cohesion = p["relation.alliance"][index]
        self.presence = p["party.initial_presence"][index]
        self.recent_attacks = 0.0

    def redeploy(self, today):
        """Scheduled drawdowns, and temporary ones coming back."""
        change = today.drawdown[self.index]
        if change:
            self.presence = min(1.0, max(0.0, self.presence - change))

    def reconsider(self, today):                                                # M6
        model, p = self.model, self.model.p
        memory = p["coalition.memory_days"]
        self.recent_attacks = self.recent_attacks * math.exp(-1.0 / memory) + model.attacks_total
        hazard = self.ally * (1 - self.cohesion) * (
            p["coalition.base_hazard"] + p["coalition.attack_sensitivity"] * self.recent_attacks / memory
            + p["coalition.consent_sensitivity"] * max(0.0, p["coalition.consent_threshold"] - model.host.consent)
            + p["coalition.demand_sensitivity"] * model.host.demand)
        if hazard > 0 and model.random.random() < hazard:
            self.presence *= 1 - p["coalition.step"]


class ForeignPower(ForeignForce):
    """The foreign power: besides its forces, the response rule. A faction that attacked yesterday is
    answered with a probability that grows with the casualties, by 1 + Poisson(size - 1) strike waves
    1 + Geometric(mean lag) days later, each on the host's soil with probability ``host_soil_share``."""

    def __init__(self, model, actor_id, kind, index):
        super().__init__(model, actor_id, kind, index)
        self.pending: dict[int, dict[int, list[int]]] = {}   # day -> proxy -> [waves on host soil, abroad]
        self.strikes_total = self.strikes_host = self.host_killed = 0

    def respond(self, today):
        model, p = self.model, self.model.p
        day = model.day
        for proxy in model.proxy_agents:
            n, killed, wounded = proxy.simulated          # yesterday's: attacks run after the response
            if not n:
                continue
            lethal, wounding = killed > 0, wounded > 0 and killed == 0
            spared = ((1 - p["response.strike_prob_after_lethal"]) ** lethal
                      * (1 - p["response.strike_prob_after_wounding"]) ** wounding
                      * (1 - p["response.strike_prob_per_attack"]) ** (0 if lethal or wounding else n))
            if model.random.random() < spared:
                continue
            rng = model.rng
            waves = 1 + int(rng.poisson(max(p["response.strikes_per_response"] - 1, 0.0)))
            on_host = int(rng.binomial(waves, p["response.host_soil_share"]))
            lag = min(int(rng.geometric(1.0 / max(p["response.lag_days"], 1.0))), HORIZON - 1)
            planned = self.pending.setdefault(day + lag, {}).setdefault(proxy.index, [0, 0])
            planned[0] += on_host
            planned[1] += waves - on_host
        due = self.pending.pop(day, {})
        total = on_host_total = ruled_on_host = 0
        for proxy in model.proxy_agents:
            planned = due.get(proxy.index, (0, 0))
            scheduled = today.strikes[proxy.index]
            proxy.strikes = [planned[0] + scheduled[0], planned[1] + scheduled[1]]
            ruled_on_host += planned[0]
            on_host_total += proxy.strikes[0]
            total += proxy.strikes[0] + proxy.strikes[1]
        # the rule's sites on host soil kill at random; the schedule's strikes kill what the record says
        lam = ruled_on_host * p["response.host_killed_per_strike"]
        self.host_killed = (int(model.rng.poisson(lam)) if lam > 0 else 0) + today.host_killed
        self.strikes_total, self.strikes_host = total, on_host_total


class Patron(Actor):
    """The patron: 'maximum resistance' pressure (M9), the escalation ladder and its direct strikes (M8).
    Its attacks today are the record's scheduled ones and its direct strikes (mode ``missile``)."""

    def __init__(self, model, actor_id, kind):
        super().__init__(model, actor_id, kind)
        p = model.p
        self.pressure = p["pressure.initial"] if model.enabled["pressure"] else 0.0   # M9 off: no pressure
        self.escalation = p["escalation.initial_level"]
        self.cooldown, self.open_war = 0, 0
        self.attacks = [0] * len(model.ref.modes)
        self.killed = self.wounded = 0
        self.at_cap = False                         # whether max_daily_rate cut today's rate

    def update_pressure(self, today):                                           # M9
        p = self.model.p
        initial = p["pressure.initial"]
        self.pressure = initial + (self.pressure - initial) * math.exp(-1.0 / p["pressure.decay_days"])
        if today.sanctions:
            self.pressure += p["pressure.per_sanctions"]

    def scheduled_attacks(self, today):
        self.attacks = [0] * len(self.attacks)
        self.killed = self.wounded = 0
        self.at_cap = False                         # whether max_daily_rate cut today's rate
        for entry in today.forced:
            if entry.source == len(self.model.proxy_agents):
                self.attacks[entry.mode] += 1
                self.killed += entry.killed
                self.wounded += entry.wounded

    def escalate(self, today):                                                  # M8
        model, p = self.model, self.model.p
        scheduled, killed, wounded = bool(today.direct), 0, 0
        for entry in today.direct:
            killed += entry.killed
            wounded += entry.wounded
        level = self.escalation
        hazard = p["escalation.direct_strike_hazard"] * max(0.0, level - p["escalation.direct_strike_threshold"])
        endogenous = hazard > 0 and self.cooldown <= 0 and not scheduled and model.random.random() < hazard
        if endogenous:
            killed += int(model.rng.poisson(p["escalation.direct_strike_killed"]))
            wounded += int(model.rng.poisson(p["escalation.direct_strike_wounded"]))
        struck = scheduled or endogenous
        foreign_killed = sum(a.killed for a in model.proxy_agents) + self.killed + killed
        level = (level * math.exp(-1.0 / p["escalation.decay_days"])
                 + p["escalation.per_foreign_killed"] * foreign_killed
                 + p["escalation.per_strike"] * model.responder.strikes_total
                 + p["escalation.per_direct_strike"] * struck
                 + p["escalation.per_decapitation"] * today.decapitation)
        self.escalation = level
        war_hazard = p["escalation.war_hazard"] * max(0.0, level - p["escalation.war_threshold"])
        if war_hazard > 0 and model.random.random() < war_hazard:
            self.open_war = 1
        self.cooldown = p["escalation.cooldown_days"] if struck else self.cooldown - 1
        if struck:
            self.attacks[model.ref.patron_mode] += 1
            self.killed += killed
            self.wounded += wounded


class Host(Actor):
    """The host executive: consent to the foreign presence (M5), polarisation, its memory of the
    factions' violence against it and their bloc's seats (M10)."""

    def __init__(self, model, actor_id, kind):
        super().__init__(model, actor_id, kind)
        p = model.p
        self.consent, self.baseline, self.demand = p["consent.initial"], p["consent.baseline"], 0
        self.polarization = p["politics.initial_polarization"]
        self.violence = 0.0
        self.bloc_seats = p["politics.bloc_seats_initial"]

    def update_consent(self, today):                                            # M5
        model, p = self.model, self.model.p
        self.baseline += p["consent.executive_change_shift"] * today.executive_change
        target = (self.baseline + p["consent.engagement"]
                  - p["consent.polarization_weight"] * (self.polarization - p["politics.initial_polarization"]))
        consent = target + (self.consent - target) * math.exp(-1.0 / p["consent.recovery_days"])
        consent -= (p["consent.strike_cost"] * model.responder.strikes_host
                    + p["consent.casualty_cost"] * model.responder.host_killed
                    + p["consent.decapitation_cost"] * today.decapitation_host
                    + p["consent.vote_cost"] * today.vote + p["consent.demand_cost"] * today.demand)
        consent += p["consent.dialogue_gain"] * today.dialogue
        if today.demand:
            self.demand = 1
        self.consent = min(1.0, max(0.0, consent))

    def update_politics(self, today):                                           # M10
        model, p = self.model, self.model.p
        p0 = p["politics.initial_polarization"]
        polarization = (p0 + (self.polarization - p0) * math.exp(-1.0 / p["politics.decay_days"])
                        + p["politics.per_strike"] * model.responder.strikes_host
                        + p["politics.per_decapitation"] * today.decapitation_host
                        + p["politics.per_protest_wave"] * today.protests)
        self.polarization = min(1.0, max(0.0, polarization))
        self.violence = self.violence * math.exp(-1.0 / p["politics.violence_memory_days"]) + sum(a.host_attacks for a in model.proxy_agents)
        if today.election:
            z = model.random.gauss(0.0, 1.0)
            self.bloc_seats = float(round(p["politics.bloc_seats_initial"] * math.exp(
                p["politics.swing_mean"] + p["politics.swing_sd"] * z
                - p["politics.seat_loss_per_host_attack"] * self.violence)))


class Spoiler(Actor):
    """The spoiler: its capacity (expected attacks a day) grows when joint operations against it fall,
    as the host turns against the foreign presence, the foreign forces leave, hunker down or pause (M7)."""

    def __init__(self, model, actor_id, kind):
        super().__init__(model, actor_id, kind)
        self.capacity = model.p["spoiler.base_activity"]
        self.pause = 0.0

    def update(self, today):                                                    # M7
        model, p = self.model, self.model.p
        self.pause = min(1.0, self.pause * math.exp(-1.0 / p["spoiler.pause_days"])
                         + p["spoiler.pause_per_attack"] * model.attacks_total)
        cooperation = (min(1.0, model.presence_total * model.host.consent / max(p["consent.initial"], 1e-9))
                       * max(0.0, 1 - p["spoiler.posture_cost"] * p["response.force_protection"]) * (1 - self.pause))
        change = (p["spoiler.growth"] * (1 - cooperation) - p["spoiler.attrition"] * cooperation) / 365.0
        if model.day % 7 == 6:                       # a weekly random walk of the log capacity
            sd = p["spoiler.volatility"] * math.sqrt(7 / 365)
            change += sd * model.random.gauss(0.0, 1.0) - sd * sd / 2
        self.capacity *= math.exp(change)
