"""Each mechanism's equation, pinned on small hand-made arrays (docs/ODD.md section 7)."""
from types import SimpleNamespace

import numpy as np
import pytest

from flashpoint.engine import attacks, draws, forces, response
from flashpoint.engine.mechanisms import (coalition, consent, control, decapitation, deterrence, escalation,
                                          politics, pressure, reprisal, spoiler)
from flashpoint.engine.schedule import EVENT_KEYS

ZERO = np.zeros((2, 1))


def ctx(**events):
    """A day's context for two runs: nothing happens unless named."""
    base = {k: None for k in EVENT_KEYS}
    base.update(order=None, suspension=None, shock=None, direct_strikes=[], forced_attacks=[], day=0, P=2, S=3,
                modes=4, patron_mode=3)
    base.update(events)
    return base


def streams(seed=0, runs=2):
    """The runs' random numbers, as the engine gives them to a step."""
    return draws.Streams(seed, 0, runs)


def col(*v):
    return np.asarray(v, dtype=float).reshape(-1, 1)


def test_m1_excitation_decays_and_jumps():
    p = {"reprisal.excitation_decay_days": col(10), "reprisal.excitation_per_strike": col(0.1),
         "reprisal.excitation_per_attack": col(0.01)}
    state = {"excitation": np.array([[1.0, 0.0], [0.0, 0.0]])}
    flows = {"strikes": np.array([[0, 0], [2, 0]]), "attacks_by_source": np.array([[0, 0, 0], [0, 3, 0]])}
    out, _ = reprisal.step(state, p, ctx(), flows, None)
    np.testing.assert_allclose(out["excitation"], [[np.exp(-0.1), 0], [0.2, 0.03]])


def test_m2_strikes_destroy_deter_and_aggrieve_and_threats_deter_whom_they_name():
    p = {"deterrence.capability_recovery_days": col(1e9), "deterrence.capability_damage_per_strike": col(0.5),
         "deterrence.deterrence_decay_days": col(1e9), "deterrence.deterrence_per_strike": col(0.5),
         "deterrence.grievance_decay_days": col(1e9), "deterrence.backlash_per_strike": col(0.2),
         "deterrence.backlash_spillover": col(0.5), "deterrence.threat_deterrence": col(0.5),
         "deterrence.backlash_per_host_killed": col(0.0), "proxy.initial_grievance": np.array([[0.0, 0.0]])}
    state = {"capability": np.ones((2, 2)), "deterrence": np.zeros((2, 2)), "grievance": np.zeros((2, 2))}
    flows = {"strikes": np.array([[1, 0], [0, 0]]), "strikes_total": col(1, 0), "host_killed": col(0, 3)}
    out, _ = deterrence.step(state, p, ctx(threat=np.array([[0, 0], [0, 1.0]])), flows, None)
    np.testing.assert_allclose(out["capability"], [[0.5, 1], [1, 1]])
    np.testing.assert_allclose(out["deterrence"], [[0.5, 0], [0, 0.5]], atol=1e-9)
    np.testing.assert_allclose(out["grievance"], [[0.2, 0.1], [0, 0]], atol=1e-9)
    p["deterrence.backlash_per_host_killed"] = col(0.1)     # the host's dead anger every faction (3 in run 1)
    out, _ = deterrence.step(state, p, ctx(), flows, None)
    np.testing.assert_allclose(out["grievance"], [[0.2, 0.1], [0.3, 0.3]], atol=1e-9)


def test_m3_orders_reach_only_the_factions_they_name():
    p = {"control.recovery_days": col(1e9), "control.resistance_push": col(0.0), "control.obedience": col(1.0),
         "control.host_attack_rate": col(0.0), "relation.hostility": np.zeros((1, 2)),
         "attacks.max_daily_rate": col(3.0)}
    state = {"control": np.array([[1.0, 0.2], [1.0, 0.2]]), "ceiling": np.array([[1.0, 0.2], [1.0, 0.2]]),
             "pressure": ZERO, "grievance": np.zeros((2, 2))}
    restrain_first = np.array([[-1.0, 0.0], [0.0, 0.0]])      # run 0: an order to faction 0 only
    out, flows = control.step(state, p, ctx(order=restrain_first), {}, streams())
    np.testing.assert_allclose(out["order_factor"], [[0.0, 1.0], [1.0, 1.0]])
    both = np.array([[-1.0, -1.0], [-1.0, -1.0]])
    out, _ = control.step(state, p, ctx(order=both), {}, streams())
    np.testing.assert_allclose(out["order_factor"], [[0.0, 0.8], [0.0, 0.8]])   # obeyed in proportion to control
    assert flows["host_attacks"].sum() == 0


def test_m4_patron_commander_hits_every_faction_through_brokers_a_faction_commander_only_that_faction():
    p = {"proxy.broker_dependence": np.array([[1.0, 0.5]]), "decapitation.control_loss": col(0.5),
         "decapitation.successor_strength": col(0.6), "decapitation.grievance_shock": col(2.0),
         "decapitation.coordination_loss": col(0.5), "decapitation.deterrent_effect": col(0.4)}
    state = {k: np.full((2, 2), 0.8) for k in ("control", "ceiling", "grievance", "capability")}
    state["deterrence"] = np.zeros((2, 2))
    out, _ = decapitation.step(state, p, ctx(decapitation_patron=col(1, 0)), {}, None)
    np.testing.assert_allclose(out["control"], [[0.4, 0.6], [0.8, 0.8]])
    np.testing.assert_allclose(out["ceiling"], [[0.8 * 0.6, 0.8 * 0.8], [0.8, 0.8]])
    np.testing.assert_allclose(out["grievance"], [[2.8, 1.8], [0.8, 0.8]])
    np.testing.assert_allclose(out["capability"], 0.8)            # the broker channel does not disrupt
    leader = np.array([[0.0, 1.0], [0.0, 0.0]])                    # run 0: faction 1's commander killed
    out, _ = decapitation.step(state, p, ctx(decapitation_leaders=leader), {}, None)
    np.testing.assert_allclose(out["capability"], [[0.8, 0.4], [0.8, 0.8]])
    np.testing.assert_allclose(out["deterrence"], [[0.0, 0.4], [0.0, 0.0]])
    np.testing.assert_allclose(out["grievance"], [[0.8, 2.8], [0.8, 0.8]])
    np.testing.assert_allclose(out["control"], [[0.8, 0.8 * 0.75], [0.8, 0.8]])
    assert decapitation.step(state, p, ctx(), {}, None) == ({}, {})


def test_m5_only_strikes_on_host_soil_cost_consent():
    p = {k: col(v) for k, v in {"consent.executive_change_shift": 0.1, "consent.engagement": 0.0,
                                 "consent.polarization_weight": 0.0, "politics.initial_polarization": 0.5,
                                 "consent.recovery_days": 1e9, "consent.strike_cost": 0.03,
                                 "consent.casualty_cost": 0.01, "consent.decapitation_cost": 0.2,
                                 "consent.vote_cost": 0.1, "consent.dialogue_gain": 0.03,
                                 "consent.demand_cost": 0.05}.items()}
    state = {"consent": col(0.5, 0.5), "consent_baseline": col(0.5, 0.5), "polarization": col(0.5, 0.5),
             "host_demand": ZERO}
    flows = {"strikes_total": col(3, 3), "strikes_host_total": col(1, 0), "host_killed": col(6, 0)}
    out, _ = consent.step(state, p, ctx(host_demand=col(0, 1)), flows, None)
    np.testing.assert_allclose(out["consent"][:, 0], [0.5 - 0.03 - 0.06, 0.45])
    assert out["host_demand"][:, 0].tolist() == [0, 1]


def test_m6_partners_leave_when_consent_is_low_the_foreign_power_does_not():
    p = {k: col(v) for k, v in {"coalition.memory_days": 30, "coalition.base_hazard": 0.0,
                                 "coalition.attack_sensitivity": 0.0, "coalition.consent_sensitivity": 10.0,
                                 "coalition.consent_threshold": 0.5, "coalition.step": 0.5,
                                 "coalition.demand_sensitivity": 0.0}.items()}
    p.update({"relation.alliance": np.array([[1.0, 0.0]]), "party.ally": np.array([[0.0, 1.0]]),
              "party.troops": np.array([[100.0, 100.0]])})
    state = {"recent_attacks": ZERO, "consent": col(0.0, 0.9), "presence": np.ones((2, 2)), "host_demand": ZERO}
    out, _ = coalition.step(state, p, ctx(), {"attacks_on_forces": ZERO}, streams())
    np.testing.assert_allclose(out["presence"], [[1.0, 0.5], [1.0, 1.0]])
    np.testing.assert_allclose(out["presence_total"][:, 0], [0.75, 1.0])


def test_forces_drawdowns_leave_from_the_party_named():
    p = {"party.troops": np.array([[300.0, 100.0]])}
    state = {"presence": np.ones((2, 2)), "presence_total": np.ones((2, 1))}
    drawdown = np.array([[0.5, 0.0], [0.0, 1.0]])
    out, _ = forces.step(state, p, ctx(drawdown=drawdown), {}, None)
    np.testing.assert_allclose(out["presence"], [[0.5, 1.0], [1.0, 0.0]])
    np.testing.assert_allclose(out["presence_total"][:, 0], [250 / 400, 300 / 400])


def test_m7_spoiler_grows_without_joint_operations_and_posture_costs_them():
    p = {"consent.initial": col(0.5), "spoiler.growth": col(365 * np.log(2)), "spoiler.attrition": col(0.0),
         "spoiler.posture_cost": col(1.0), "spoiler.pause_per_attack": col(0.0), "spoiler.pause_days": col(10),
         "spoiler.volatility": col(0.0), "response.force_protection": col(0.5)}
    state = {"presence_total": col(1.0, 1.0), "consent": col(0.5, 0.0), "spoiler": col(2.0, 2.0), "pause": ZERO}
    out, _ = spoiler.step(state, p, ctx(), {"attacks_on_forces": ZERO}, streams())
    # cooperation 0.5 (posture halves it) -> doubling at half speed; cooperation 0 -> doubling
    np.testing.assert_allclose(out["spoiler"][:, 0], [2.0 * np.sqrt(2), 4.0])


def test_m7_a_host_that_starts_at_no_consent_has_lost_none():
    """A held-out hostile host (consent.initial 0) made ISIS grow at 4x the rate of one at 0.001: consent /
    initial was 0 / 1e-9, even with the consent mechanism off, whose parameters should act on nothing."""
    p = {"spoiler.growth": col(365 * np.log(2)), "spoiler.attrition": col(0.0), "spoiler.posture_cost": col(0.0),
         "spoiler.pause_per_attack": col(0.0), "spoiler.pause_days": col(10), "spoiler.volatility": col(0.0),
         "response.force_protection": col(0.0)}
    grown = {}
    for initial in (0.0, 0.5):
        state = {"presence_total": col(1.0, 0.5), "consent": col(initial, initial), "spoiler": col(2.0, 2.0),
                 "pause": ZERO}
        out, _ = spoiler.step(state, {**p, "consent.initial": col(initial)}, ctx(), {"attacks_on_forces": ZERO},
                              streams())
        grown[initial] = out["spoiler"][:, 0]
    np.testing.assert_allclose(grown[0.0], grown[0.5])
    np.testing.assert_allclose(grown[0.0], [2.0, 2.0 * np.sqrt(2)])   # full cooperation; half the force left


def test_m8_scheduled_direct_strike_is_an_attack_by_the_patron():
    names = ("initial_level", "decay_days", "per_foreign_killed", "per_strike", "per_decapitation", "per_direct_strike",
             "direct_strike_hazard", "direct_strike_threshold", "direct_strike_killed", "direct_strike_wounded",
             "war_hazard", "war_threshold")
    p = {f"escalation.{n}": col(v) for n, v in zip(names, (0, 1e9, 0.3, 0.3, 2.0, 1.0, 0, 9, 0, 0, 0, 9))}
    p["escalation.cooldown_days"] = col(365.0)
    entry = SimpleNamespace(entry=SimpleNamespace(killed=0, wounded=110))
    state = {"escalation": ZERO, "open_war": ZERO, "direct_cooldown": ZERO}
    flows = {"killed_total": col(1, 0), "strikes_total": ZERO, "attacks": attacks.Attacks.none(4)}
    new, produced = escalation.step(state, p, ctx(decapitation=col(1, 0), direct_strikes=[(entry, col(1, 0))]),
                                    flows, streams())
    np.testing.assert_allclose(new["escalation"][:, 0], [0.3 + 2.0 + 1.0, 0.0])
    a = produced["attacks"]
    assert a.run.tolist() == [0] and a.source.tolist() == [2] and a.by_mode.tolist() == [[0, 0, 0, 1]]
    assert a.wounded.tolist() == [110]
    assert new["direct_cooldown"][:, 0].tolist() == [365, -1]


def test_m8_own_strikes_hit_only_where_a_foreign_force_is_there():
    """A held-out ODD review: after a full withdrawal the patron's hazard-driven strikes still killed foreign
    personnel who had left; now they need someone holding the target present, as scheduled strikes do."""
    names = ("initial_level", "decay_days", "per_foreign_killed", "per_strike", "per_decapitation", "per_direct_strike",
             "direct_strike_hazard", "direct_strike_threshold", "direct_strike_killed", "direct_strike_wounded",
             "war_hazard", "war_threshold")
    p = {f"escalation.{n}": col(v) for n, v in zip(names, (0, 1e9, 0, 0, 0, 1.0, 1e9, 1, 0, 5, 0, 9))}
    p["escalation.cooldown_days"] = col(365.0)
    state = {"escalation": col(3, 3), "open_war": ZERO, "direct_cooldown": ZERO,
             "presence": np.array([[1.0, 0.0], [0.0, 0.0]])}          # run 0: one party there; run 1: all left
    flows = {"killed_total": ZERO, "strikes_total": ZERO, "attacks": attacks.Attacks.none(4)}
    new, produced = escalation.step(state, p, ctx(), flows, streams())
    assert produced["attacks"].run.tolist() == [0]
    assert new["direct_cooldown"][:, 0].tolist() == [365, -1]


def test_m9_sanctions_raise_pressure_and_the_grievance_of_those_named():
    p = {"pressure.initial": col(1.0), "pressure.decay_days": col(1e9), "pressure.per_sanctions": col(0.2),
         "pressure.sanctions_grievance": col(0.15)}
    on = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    out, _ = pressure.step({"pressure": col(1, 1), "grievance": np.zeros((2, 3))}, p,
                           ctx(sanctions=col(1, 0), sanctions_on=on), {}, None)
    np.testing.assert_allclose(out["pressure"][:, 0], [1.2, 1.0])
    np.testing.assert_allclose(out["grievance"], [[0.15, 0, 0], [0] * 3])


def test_m10_election_punishes_violence_against_the_host():
    names = ("initial_polarization", "decay_days", "per_strike", "per_decapitation", "per_protest_wave",
             "bloc_seats_initial", "swing_mean", "swing_sd", "seat_loss_per_host_attack")
    p = {f"politics.{n}": col(v) for n, v in zip(names, (0.5, 1e9, 0, 0, 0, 48, 0.0, 1e-12, np.log(2)))}
    p["politics.violence_memory_days"] = col(365.0)
    state = {"polarization": col(0.5, 0.5), "host_violence": col(1, 0), "bloc_seats": col(48, 48)}
    flows = {"strikes_host_total": ZERO, "host_attacks": np.zeros((2, 1), int)}
    out, _ = politics.step(state, p, ctx(election=col(1, 1)), flows, streams())
    assert out["bloc_seats"][:, 0].tolist() == [24, 48]


def test_response_follows_lethal_attacks_after_a_lag_with_its_size_and_soil():
    p = {f"response.{k}": col(v) for k, v in {"strike_prob_after_lethal": 1.0, "strike_prob_after_wounding": 0.0,
                                              "strike_prob_per_attack": 0.0, "strikes_per_response": 1,
                                              "lag_days": 1, "host_soil_share": 1.0,
                                              "host_killed_per_strike": 0.0}.items()}
    p["response.covers"] = np.ones((1, 1))      # one target, one party with a rule
    one = np.zeros((3, 4), int)
    one[:, 0] = 1     # yesterday: faction 0 killed one in run 0 and wounded 5 in run 1; faction 1 hit nobody in run 0
    yesterday = attacks.Attacks(run=np.array([0, 0, 1]), source=np.array([0, 1, 0]), by_mode=one,
                                killed=np.array([1, 0, 0]), wounded=np.array([0, 0, 5]))
    state = {"pending": response._pending(p, 2, {"proxy": 2, "party": 1})}
    rng = streams()
    _, today = response.step(state, p, ctx(day=0), {"yesterday": yesterday}, rng)
    assert today["strikes"].sum() == 0                       # decided today, carried out tomorrow (lag 1)
    _, tomorrow = response.step(state, p, ctx(day=1), {"yesterday": attacks.Attacks.none(4)}, rng)
    assert tomorrow["strikes"].tolist() == [[1, 0], [0, 0]]
    assert tomorrow["strikes_host_total"][:, 0].tolist() == [1, 0]
    assert tomorrow["strikes_by_party"][:, :, 0].tolist() == [[1, 0], [0, 0]]


def test_each_party_answers_with_its_own_rule_the_targets_it_covers_and_is_credited():
    """One rule per foreign party: party 0 holds target 0, party 1 target 1; each answers the attacks on its own
    target with its own soil, its rules of engagement scale its rule only, and each is credited."""
    two = lambda a, b: np.array([[a, b]], dtype=float)  # noqa: E731
    p = {"response.strike_prob_after_lethal": two(1.0, 1.0), "response.strike_prob_after_wounding": two(0.0, 0.0),
         "response.strike_prob_per_attack": two(0.0, 0.0), "response.strikes_per_response": two(1, 1),
         "response.lag_days": two(1, 1), "response.host_soil_share": two(1.0, 0.0),
         "response.host_killed_per_strike": col(0.0), "response.answered": np.array([[1.0, 0.0, 0.0, 1.0]]),
         "response.covers": np.array([[1.0, 0.0, 0.0, 1.0]])}       # (targets x parties), flattened
    by_mode = np.zeros((2, 4), int)
    by_mode[:, 0] = 1     # yesterday, run 0: faction 0 killed one on target 0; faction 1 killed one on target 1
    yesterday = attacks.Attacks(run=np.array([0, 0]), source=np.array([0, 1]), by_mode=by_mode,
                                killed=np.array([1, 1]), wounded=np.array([0, 0]), target=np.array([0, 1]),
                                several=True)
    for scale, expect in ((None, [[1, 0], [0, 1]]), (np.ones((2, 2, 2)) * [1.0, 0.0], [[1, 0], [0, 0]])):
        state = {"pending": response._pending(p, 2, {"proxy": 2, "party": 2})}
        rng = streams()
        response.step(state, p, ctx(day=0, response_scale=scale), {"yesterday": yesterday}, rng)
        _, tomorrow = response.step(state, p, ctx(day=1), {"yesterday": attacks.Attacks.none(4, True)}, rng)
        assert tomorrow["strikes_by_party"][0].tolist() == expect      # (proxies, parties) in run 0
        on_host, abroad = tomorrow["strikes_by_soil"][0].T
        assert on_host.tolist() == [expect[0][0], expect[1][0]] and abroad.tolist() == [expect[0][1], expect[1][1]]


def test_attack_rate_obeys_capacity_zeal_orders_and_truces_on_the_whole_rate():
    p = {"attacks.base_rate": np.array([[1.0, 1.0]]), "proxy.zeal": np.array([[0.0, 1.0]]),
         "attacks.exposure": col(1.0), "attacks.max_daily_rate": col(1.5), "attacks.drift_sd": col(0.0)}
    state = {"presence_total": col(1, 1), "capability": np.ones((2, 2)), "order_factor": np.ones((2, 2)),
             "grievance": np.array([[0.0, 0.0], [2.0, 2.0]]), "deterrence": np.full((2, 2), 0.5),
             "excitation": np.zeros((2, 2))}
    np.testing.assert_allclose(attacks.rate(state, p, ctx())[0], [[0.5, 1.0], [1.5, 1.5]])
    state["excitation"] = np.ones((2, 2))
    truce = np.array([[1.0, 0.0], [0.0, 0.0]])
    np.testing.assert_allclose(attacks.rate(state, p, ctx(suspension=truce))[0], [[0.0, 1.5], [1.5, 1.5]])
    shock = np.array([[np.log(0.5), 0.0], [0.0, 0.0]])
    state["excitation"] = np.zeros((2, 2))
    np.testing.assert_allclose(attacks.rate(state, p, ctx(shock=shock))[0], [[0.25, 1.0], [1.5, 1.5]])


def test_a_truce_on_one_target_at_the_daily_cap_does_not_turn_its_share_on_the_others():
    """ODD section 7: the share of a target under a truce (or absent) is lost, not turned on the others. A
    held-out Afghanistan case at the cap saw a truce with the US forces raise the attacks on Afghan forces."""
    p = {"attacks.base_rate": np.array([[4.0]]), "proxy.zeal": np.array([[1.0]]), "attacks.exposure": col(0.0),
         "attacks.max_daily_rate": np.array([[1.0]]), "attacks.drift_sd": np.array([[0.0]]),
         "target.share": np.array([[0.5, 0.5]]), "target.owners": np.zeros((1, 2)), "party.troops": np.ones((1, 1))}
    state = {"presence": np.ones((1, 1)), "presence_total": np.ones((1, 1)), "capability": np.ones((1, 1)),
             "order_factor": np.ones((1, 1)), "grievance": np.zeros((1, 1)), "deterrence": np.zeros((1, 1)),
             "excitation": np.zeros((1, 1))}
    base = dict(ctx(target_shock=None), T=2)
    np.testing.assert_allclose(attacks.rate(state, p, base)[0], [[[0.5, 0.5]]])
    truce = dict(base, suspension=np.array([[1.0, 0.0]]))
    np.testing.assert_allclose(attacks.rate(state, p, truce)[0], [[[0.0, 0.5]]])


def test_the_one_implicit_target_is_capped_as_one_declared_target_is():
    """ODD section 7: the cap applies to a faction's rate at full presence, before truces and the thinning of a
    force take their shares, with one implicit target as with declared ones (a held-out ODD review found the
    one-target path capping after them: a half-kept truce then cut a capped faction by a third, not a half)."""
    p = {"attacks.base_rate": np.array([[4.0]]), "proxy.zeal": np.array([[1.0]]), "attacks.exposure": col(1.0),
         "attacks.max_daily_rate": np.array([[1.0]]), "attacks.drift_sd": np.array([[0.0]]),
         "target.share": np.array([[1.0]]), "target.owners": np.ones((1, 1)), "party.troops": np.ones((1, 1))}
    state = {"presence": np.full((1, 1), 0.5), "presence_total": np.full((1, 1), 0.5), "capability": np.ones((1, 1)),
             "order_factor": np.ones((1, 1)), "grievance": np.zeros((1, 1)), "deterrence": np.zeros((1, 1)),
             "excitation": np.ones((1, 1))}
    truce = np.array([[0.5]])
    one, one_bound = attacks.rate(state, p, ctx(suspension=truce))
    background = np.full((1, 1), 4.0)                # base_rate: no grievance, deterrence or drift
    declared, declared_bound = attacks._per_target(background, state, p, dict(ctx(suspension=truce, target_shock=None),
                                                                                T=1))
    # asked at full presence 4 + 1 = 5 a day, capped to 1 (a fifth); the force half there: (2 + 1) / 5; truce: half
    np.testing.assert_allclose(one, [[0.3]])
    np.testing.assert_allclose(declared.ravel(), one.ravel())
    assert one_bound.tolist() == declared_bound.tolist() == [[True]]
    kept = ctx(suspension=np.array([[1.0]]))        # a truce kept in full: the ceiling cut nothing that was there
    assert attacks.rate(state, p, kept)[1].tolist() == [[False]]
    assert attacks._per_target(background, state, p, dict(kept, target_shock=None, T=1))[1].tolist() == [[False]]


def test_one_declared_target_follows_its_own_parties_presence_as_several_do():
    """ODD section 7: a target's attacks follow the troop-weighted presence of its own parties. A held-out case's one
    target, held by the US beside a large ally holding none, followed the whole force's presence: a US drawdown of
    55% cut the attacks on it by 1%."""
    p = {"attacks.base_rate": np.array([[4.0]]), "proxy.zeal": np.array([[1.0]]), "attacks.exposure": col(1.0),
         "attacks.max_daily_rate": np.array([[100.0]]), "attacks.drift_sd": np.array([[0.0]]),
         "target.share": np.array([[1.0]]), "target.owners": np.array([[1.0, 0.0]]),
         "party.troops": np.array([[2000.0, 60000.0]])}
    state = {"presence": np.array([[0.45, 1.0], [0.0, 1.0]]), "presence_total": np.array([[0.982], [0.968]]),
             "capability": np.ones((2, 1)), "order_factor": np.ones((2, 1)), "grievance": np.zeros((2, 1)),
             "deterrence": np.zeros((2, 1)), "excitation": np.ones((2, 1))}
    lam, _ = attacks.rate(state, p, ctx())
    np.testing.assert_allclose(lam, [[4.0 * 0.45 + 1.0], [0.0]])     # its holder gone: no one to hit, excitation too
    declared, _ = attacks._per_target(np.full((2, 1), 4.0), state, p, dict(ctx(target_shock=None), T=1))
    np.testing.assert_allclose(declared.reshape(2, 1), lam)
    p["target.owners"] = np.zeros((1, 2))          # held by no party in the theatre (a homeland, merchant ships)
    np.testing.assert_allclose(attacks.rate(state, p, ctx())[0], [[5.0], [5.0]])
    p["target.owners"] = np.ones((1, 2))           # held by every party: the whole force's presence, as before
    np.testing.assert_allclose(attacks.rate(state, p, ctx())[0], [[4.0 * 0.982 + 1.0], [4.0 * 0.968 + 1.0]])


def test_the_attacks_drift_is_a_mean_preserving_ornstein_uhlenbeck_log_background():
    """ODD section 7: drift <- drift keep + sd sqrt(1 - keep^2) N(0,1) from 0, with its variance v so far;
    the background carries exp(drift - v/2), so its expectation is the declared one; sd 0 changes nothing."""
    runs, days = 20_000, 200
    p = {"attacks.drift_sd": col(0.8), "attacks.drift_days": col(30.0)}
    state = {"drift": np.zeros((runs, 2)), "drift_variance": np.zeros((runs, 1))}
    rng = streams(runs=runs)
    for day in range(days):
        rng.today(day)
        state.update(attacks.drift(state, p, rng))
        if day == 9:
            keep = np.exp(-1 / 30.0)
            assert state["drift_variance"][0, 0] == pytest.approx(0.64 * (1 - keep ** 20))
    assert state["drift"].std() == pytest.approx(0.8, rel=0.02)                    # stationary SD
    assert state["drift_variance"][0, 0] == pytest.approx(0.64, rel=0.01)
    factor = np.exp(state["drift"] - 0.5 * state["drift_variance"])
    assert factor.mean() == pytest.approx(1.0, abs=0.02)                           # mean preserved
    rng.today(days)
    lag = np.corrcoef(state["drift"][:, 0], attacks.drift(state, p, rng)["drift"][:, 0])[0, 1]
    assert lag == pytest.approx(np.exp(-1 / 30.0), abs=0.01)                      # correlation time
    assert attacks.drift(state, {"attacks.drift_sd": col(0.0), "attacks.drift_days": col(30.0)}, rng) == {}


def test_the_attack_rate_carries_the_drift():
    p = {"attacks.base_rate": np.array([[1.0, 1.0]]), "proxy.zeal": np.array([[0.0, 0.0]]),
         "attacks.exposure": col(1.0), "attacks.max_daily_rate": col(100.0), "attacks.drift_sd": col(0.5)}
    state = {"deterrence": np.zeros((1, 2)), "grievance": np.zeros((1, 2)), "presence_total": col(1.0),
             "capability": np.ones((1, 2)), "order_factor": np.ones((1, 2)), "excitation": np.zeros((1, 2)),
             "drift": np.array([[np.log(3.0), 0.0]]), "drift_variance": col(0.5)}
    np.testing.assert_allclose(attacks.rate(state, p, ctx())[0], [[3.0 * np.exp(-0.25), np.exp(-0.25)]])


def test_m6_and_m7_count_the_attacks_on_the_foreign_forces_only():
    """A held-out case with the host's forces as an attack target saw its allies leave over attacks on them: M6's
    memory and M7's pause read the attacks on targets the foreign forces in the theatre hold."""
    import flashpoint
    from flashpoint.engine import compile_world
    from flashpoint.engine.core import _forces

    world = compile_world(flashpoint.load_scenario("red-sea-2023"), "historical", None, 2)
    held = dict(zip(world.axes["target"], _forces(world)))
    assert held["shipping"] is np.False_ and held["us_navy"] is np.True_
    today = attacks.Attacks(run=np.array([0, 0, 1]), source=np.array([0, 0, 0]),
                            by_mode=np.array([[2, 0], [1, 0], [3, 0]]), killed=np.zeros(3, int),
                            wounded=np.zeros(3, int), target=np.array([0, 1, 1]), several=True)
    np.testing.assert_array_equal(today.on_forces_per_run(2, np.array([False, True]))[:, 0], [1, 3])
    assert _forces(compile_world(flashpoint.load_scenario("iraq-2020"), "historical", None, 2)) is None


def test_at_the_cap_a_target_whose_force_has_left_gives_no_attacks_to_the_others():
    """A held-out case (a force in a zone, its homeland beside it): after the withdrawal the homeland's attacks
    tripled at the cap, because the zone's rate fell with the troops (exposure) before the cap was applied, and
    the cap then let the homeland have what the zone had lost. ODD section 7: a share lost stays lost at the cap."""
    def homeland(presence):
        state = {"capability": np.ones((1, 1)), "order_factor": np.ones((1, 1)), "excitation": np.full((1, 1), 5.0),
                 "presence": np.array([[presence]])}
        p = {"target.owners": np.array([[1.0, 0.0]]), "party.troops": np.array([[1000.0]]),   # zone: the party's;
             "attacks.exposure": np.full((1, 1), 0.5), "target.share": np.array([[0.7, 0.3]]),  # homeland: no one's
             "attacks.max_daily_rate": np.full((1, 1), 2.0)}
        out, bound = attacks._per_target(np.full((1, 1), 1.0), state, p, {"T": 2, "suspension": None,
                                                                           "target_shock": None})
        assert bound.tolist() == [[True]]                      # the cap cut the faction's rate: at_cap says so
        return out[0, 0]
    there, half, gone = homeland(1.0), homeland(0.25), homeland(0.0)
    assert there.sum() == pytest.approx(2.0)                 # at the cap: 6 attacks/day asked, 2 given
    assert there[1] == pytest.approx(0.6) and half[1] == pytest.approx(0.6) and gone[1] == pytest.approx(0.6)
    assert gone[0] == 0 and half[0] == pytest.approx((0.25 ** 0.5 + 5) * 0.7 * 2 / 6)   # the full-presence cap's factor
