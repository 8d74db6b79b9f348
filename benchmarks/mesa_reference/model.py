"""A Mesa 3 model of the Flashpoint proxy conflict: agents as objects, one model step per day, one run per Model.

The specification is the model the engine implements (docs/ODD.md; the equations in the docstrings of
src/flashpoint/engine/{forces,response,attacks}.py and engine/mechanisms/*.py; what each schedule entry
means in src/flashpoint/scenario/entries.py). This file restates it the way an agent-based modeller
would write it in Mesa, without calling the engine's step functions:

- one ``Agent`` per actor of the scenario: a ``Proxy`` per faction (capability, grievance, deterrence,
  control, its ceiling, excitation), a ``ForeignForce`` per foreign party (presence; allies may leave),
  the ``ForeignPower`` (also the response rule and its pending strikes), the ``Patron`` (pressure, the
  escalation ladder, direct strikes), the ``Host`` executive (consent, polarisation, bloc seats), the
  ``Spoiler``, and ``Passive`` agents for actors that act only through the schedule;
- per-agent Python scalar arithmetic and per-agent scalar random draws;
- the same inputs as the engine: ``Reference`` reads ``compile_world`` (parameters and the policy's schedule);
- a ``Recorder`` (``mesa.DataCollector``'s model reporters without its deep copy) records, every day,
  the same outputs the engine records.

Random draws differ from the engine's (other generators, other order), so the two agree in distribution
(tests/test_mesa_reference.py), not run by run. A day runs the engine's order:

  schedule -> foreign forces (drawdowns) -> M9 pressure -> M4 decapitation -> M3 control -> response rule
  -> attacks (and the record's attacks) -> M8 escalation (direct strikes) -> M1 reprisal -> M2 deterrence
  -> M5 consent -> M6 coalition -> M7 spoiler -> M10 politics -> record
A switched-off mechanism is skipped: its state keeps its start value.
"""
from __future__ import annotations

import math

import mesa
import numpy as np

from .agents import ForeignForce, ForeignPower, Host, Passive, Patron, Proxy, Spoiler
from .reference import Entry, Reference

FLAGS = {"parliament_vote": "vote", "host_executive_change": "executive_change", "dialogue": "dialogue",
         "election": "election", "protests": "protests", "host_demand": "demand"}


class Today:
    """The day's schedule context for one run: flags (0/1), per-proxy lists, per-party drawdowns."""

    __slots__ = ("vote", "executive_change", "dialogue", "election", "protests", "demand", "sanctions",
                 "decapitation", "decapitation_host", "decapitation_patron", "leaders", "sanctions_on", "threat",
                 "order", "suspension", "shock", "strikes", "host_killed", "drawdown", "forced", "direct", "mix")

    def __init__(self, proxies: int, parties: int):
        self.vote = self.executive_change = self.dialogue = self.election = self.protests = self.demand = 0
        self.sanctions = self.decapitation = self.decapitation_host = self.host_killed = 0
        self.decapitation_patron = 0.0
        self.leaders, self.order, self.shock = [0.0] * proxies, [0.0] * proxies, [0.0] * proxies
        self.suspension = [0.0] * proxies
        self.sanctions_on, self.threat = [0] * proxies, [0] * proxies
        self.strikes = [(0, 0)] * proxies
        self.drawdown = [0.0] * parties
        self.forced: list[Entry] = []
        self.direct: list[Entry] = []
        self.mix: list[tuple[float, ...] | None] = [None] * proxies    # tactics: a faction's mix, if changed


class Recorder:
    """``mesa.DataCollector``'s model reporters: ``collect(model)`` appends each reporter's value to
    ``model_vars[name]``. DataCollector deep-copies every value it stores, which took over half of a
    run's time with the per-agent tuples below; these reporters build new immutable values each day,
    so nothing needs copying (this makes the reference faster, the conservative side for a ratio)."""

    def __init__(self, reporters: dict):
        self.reporters = list(reporters.items())
        self.model_vars: dict[str, list] = {name: [] for name in reporters}

    def collect(self, model) -> None:
        for name, reporter in self.reporters:
            self.model_vars[name].append(reporter(model))


class ProxyConflictModel(mesa.Model):
    """One run of the scenario. ``step()`` advances one day; ``run()`` runs to the scenario's end."""

    def __init__(self, reference: Reference, seed: int, datacollector: bool = False):
        super().__init__(seed=seed)
        self.ref, self.p, self.enabled = reference, reference.p, reference.enabled
        self.day = 0
        shares = reference.p["attacks.mode_share"]
        self.proxy_mode_indices = list(range(reference.proxy_modes))
        self.mode_cumulative = list(np.cumsum(shares) / sum(shares))
        self.happened = [False] * len(reference.entries)
        self.lasting: list[tuple[Entry, int]] = []          # entries in force: (entry, last day in this run)
        self.returns: dict[int, list[Entry]] = {}          # day -> temporary drawdowns coming back
        self.proxy_agents: list[Proxy] = []
        self.forces: list[ForeignForce] = []
        for actor_id, kind in reference.actors:
            if kind == "proxy":
                self.proxy_agents.append(Proxy(self, actor_id, kind, reference.proxies.index(actor_id)))
            elif kind in ("foreign_power", "ally"):
                cls = ForeignPower if kind == "foreign_power" else ForeignForce
                self.forces.append(cls(self, actor_id, kind, reference.parties.index(actor_id)))
            elif kind == "patron" and not self.agents_by_type.get(Patron):
                Patron(self, actor_id, kind)
            elif kind == "host_executive" and not self.agents_by_type.get(Host):
                Host(self, actor_id, kind)
            elif kind == "spoiler" and not self.agents_by_type.get(Spoiler):
                Spoiler(self, actor_id, kind)
            else:
                Passive(self, actor_id, kind)
        self.proxy_agents.sort(key=lambda a: a.index)
        self.forces.sort(key=lambda a: a.index)
        self.proxies = self.agents_by_type[Proxy]
        self.responder = self._one(ForeignPower)
        self.patron, self.host, self.spoiler = self._one(Patron), self._one(Host), self._one(Spoiler)
        self.troops_total = max(sum(f.troops for f in self.forces), 1e-12)
        self._presence()                              # the share of the declared force there at the start
        self.attacks_total = 0
        # ``datacollector=True``: Mesa's own DataCollector (same values, each deep-copied)
        self.datacollector = mesa.DataCollector(model_reporters=REPORTERS) if datacollector else Recorder(REPORTERS)

    def _one(self, cls):
        agents = self.agents_by_type.get(cls)
        if not agents:
            raise ValueError(f"the scenario has no actor for {cls.__name__}")
        return agents[0]

    # -- the dated schedule (scenario/entries.py) ------------------------------------------------------
    def _happens(self, i: int, entry: Entry) -> bool:
        if -1 in entry.requires:                            # it requires an entry the policy dropped
            return False
        ok = all(self.happened[r] for r in entry.requires)
        if ok and entry.probability < 1:
            ok = self.random.random() < entry.probability
        self.happened[i] = ok
        return ok

    def schedule(self) -> Today:
        ref, day = self.ref, self.day
        today = Today(len(self.proxy_agents), len(self.forces))
        for entry in self.returns.pop(day, ()):
            today.drawdown[entry.party] -= entry.share
        for i in ref.starting.get(day, ()):
            entry = ref.entries[i]
            if self._happens(i, entry):
                self._start(entry, today)
        if self.lasting:
            self._levels(today)
        return today

    def _start(self, e: Entry, today: Today) -> None:
        kind = e.type
        if kind in FLAGS:
            setattr(today, FLAGS[kind], 1)
        elif kind == "sanctions":
            today.sanctions = 1
            for k in e.targets:
                today.sanctions_on[k] += 1
        elif kind == "threat":
            for k in e.targets:
                today.threat[k] += 1
        elif kind == "decapitation":
            today.decapitation = 1
            today.decapitation_host += e.host_soil
            if e.patron:
                today.decapitation_patron += e.scale
            for k in e.targets:
                today.leaders[k] += e.scale
        elif kind == "foreign_strike":
            soil = 0 if e.host_soil else 1
            for k in e.targets:
                waves = list(today.strikes[k])
                waves[soil] += e.waves
                today.strikes[k] = tuple(waves)
            if e.host_soil:
                today.host_killed += e.host_killed
        elif kind in ("coalition_drawdown", "deployment"):
            today.drawdown[e.party] += e.share
            if e.temporary:
                self.returns.setdefault(e.end + 1, []).append(e)
        elif kind == "proxy_attack":
            today.forced.append(e)
        elif kind == "patron_direct_strike":
            today.direct.append(e)
        elif kind in ("patron_order", "outside_shock", "tactics"):
            self.lasting.append((e, e.end))
        elif kind == "suspension":                  # holds a random time (mean holds_days), at most to its end
            holds = int(self.rng.geometric(1.0 / max(e.holds_days, 1.0)))
            self.lasting.append((e, min(e.end, e.day + holds - 1)))

    def _levels(self, today: Today) -> None:
        day = self.day
        self.lasting = [(e, last) for e, last in self.lasting if last >= day]
        for e, _ in self.lasting:
            if e.type == "patron_order":
                for k in e.targets:
                    today.order[k] += e.sign * e.scale
            elif e.type == "tactics":              # in start order: the latest in force applies
                for k in e.targets:
                    today.mix[k] = e.mix
            elif e.type == "suspension":
                for k in e.targets:
                    today.suspension[k] = 1 - (1 - today.suspension[k]) * (1 - e.compliance)
            else:
                size = e.size if e.fades_days is None else e.size * math.exp(-(day - e.day) / e.fades_days)
                for k in e.targets:
                    today.shock[k] += size

    # -- a day -----------------------------------------------------------------------------------------
    def _presence(self) -> None:
        if self.troops_total > 1e-12:
            self.presence_total = sum(f.presence * f.troops for f in self.forces) / self.troops_total
        else:                                         # no party declares troops: the plain mean (engine/forces.py)
            self.presence_total = sum(f.presence for f in self.forces) / max(len(self.forces), 1)

    def step(self):
        on = self.enabled
        today = self.schedule()
        for force in self.forces:
            force.redeploy(today)
        self._presence()
        if on["pressure"]:
            self.patron.update_pressure(today)
            self.proxies.do("absorb_sanctions", today)
        if on["decapitation"] and (today.decapitation_patron or today.decapitation):
            self.proxies.do("suffer_decapitation", today)
        if on["control"]:
            self.proxies.do("update_control", today)
        self.responder.respond(today)
        self.proxies.do("attack", today)
        self.patron.scheduled_attacks(today)
        if on["escalation"]:
            self.patron.escalate(today)
        self.attacks_total = sum(sum(a.attacks) for a in self.proxy_agents) + sum(self.patron.attacks)
        if on["reprisal"]:
            self.proxies.do("excite", today)
        if on["deterrence"]:
            self.proxies.do("deter", today)
        if on["consent"]:
            self.host.update_consent(today)
        if on["coalition"]:
            for force in self.forces:
                force.reconsider(today)
            self._presence()
        if on["spoiler"]:
            self.spoiler.update(today)
        if on["politics"]:
            self.host.update_politics(today)
        self.datacollector.collect(self)
        self.day += 1
        if self.day >= self.ref.days:
            self.running = False

    def run(self) -> dict[str, list]:
        """Run to the scenario's end; the daily outputs (name -> list over days)."""
        while self.running:
            self.step()
        return self.datacollector.model_vars


#: the engine's outputs (engine/contract.py ``outputs()``), one value or tuple per day
REPORTERS = {
    # (source, target, mode): the scenarios the reference follows declare no attack targets, so one
    "attacks": lambda m: tuple((tuple(a.attacks),) for a in m.proxy_agents) + ((tuple(m.patron.attacks),),),
    "killed": lambda m: tuple((a.killed,) for a in m.proxy_agents) + ((m.patron.killed,),),      # (source, target)
    "wounded": lambda m: tuple((a.wounded,) for a in m.proxy_agents) + ((m.patron.wounded,),),
    "strikes": lambda m: tuple(tuple(a.strikes) for a in m.proxy_agents),
    # one rule, the first foreign power's: it strikes every wave (scheduled strikes of others aside)
    "strikes_by_party": lambda m: tuple((sum(a.strikes),) + (0,) * (len(m.forces) - 1) for a in m.proxy_agents),
    "host_killed": lambda m: m.responder.host_killed,
    "presence": lambda m: tuple(f.presence for f in m.forces),
    "presence_total": lambda m: m.presence_total,
    "control": lambda m: tuple(a.control for a in m.proxy_agents),
    "host_attacks": lambda m: tuple(a.host_attacks for a in m.proxy_agents),
    "at_cap": lambda m: tuple(int(a.at_cap) for a in m.proxy_agents),
    "consent": lambda m: m.host.consent,
    "escalation": lambda m: m.patron.escalation,
    "open_war": lambda m: m.patron.open_war,
    "polarization": lambda m: m.host.polarization,
    "bloc_seats": lambda m: m.host.bloc_seats,
    "spoiler": lambda m: m.spoiler.capacity,
}


def run_ensemble(reference: Reference, runs: int, seed: int = 0, datacollector: bool = False) -> dict[str, np.ndarray]:
    """``runs`` independent runs (one Model each): each output as a (runs, days, ...) array.

    Run ``i`` is seeded from ``SeedSequence([seed, i])``, so it does not depend on ``runs``.
    ``datacollector``: record with ``mesa.DataCollector`` instead of the ``Recorder`` (same numbers).
    """
    out: dict[str, list] = {}
    for i in range(runs):
        run_seed = int(np.random.SeedSequence([seed, i]).generate_state(1, np.uint64)[0] >> 1)
        for name, values in ProxyConflictModel(reference, run_seed, datacollector).run().items():
            out.setdefault(name, []).append(values)
    return {name: np.asarray(rows) for name, rows in out.items()}


#: indicators (as the engine's ensemble names them) from the Mesa outputs: (runs, days) arrays
INDICATORS = {
    "attacks_on_foreign_forces": lambda s: s["attacks"].sum(axis=(2, 3, 4)),
    "foreign_strikes": lambda s: s["strikes"].sum(axis=(2, 3)),
    "host_killed_by_foreign_strikes": lambda s: s["host_killed"],
    "host_consent": lambda s: s["consent"],
    "coalition_presence": lambda s: s["presence_total"],
    "patron_control": lambda s: s["control"].astype(np.float32).mean(axis=2),
    "spoiler_activity": lambda s: s["spoiler"],
    "escalation_level": lambda s: s["escalation"],
}


def total(reference: Reference, series: dict[str, np.ndarray], indicator: str, start, end,
          mean: bool = False) -> np.ndarray:
    """Per-run sum (or mean, for states) of an indicator over start..end inclusive.

    States are rounded to float32 first, as the engine records them, so that runs whose state is the
    same (a deterministic stretch) tie exactly on both sides.
    """
    daily = INDICATORS[indicator](series)
    a, b = reference.day_index(start), reference.day_index(end)
    window = daily[:, a:b + 1]
    return window.astype(np.float32).mean(axis=1, dtype=np.float64) if mean else window.sum(axis=1)
