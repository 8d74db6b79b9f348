"""Each mechanism's equation, pinned on small hand-made arrays (docs/ODD.md section 7)."""
import numpy as np
import pytest

from flashpoint.engine import attacks, response
from flashpoint.engine.mechanisms import (coalition, consent, control, decapitation, deterrence, escalation,
                                          politics, pressure, reprisal, spoiler)

ZERO = np.zeros((2, 1))


def ctx(**flags):
    base = {k: ZERO for k in ("decapitation", "parliament_vote", "sanctions", "host_executive_change", "dialogue",
                              "threat", "election", "protests", "restrain", "escalate")}
    base.update({k: np.asarray(v, dtype=float).reshape(2, 1) for k, v in flags.items()})
    base.setdefault("direct_strikes", [])
    return base


def col(*v):
    return np.asarray(v, dtype=float).reshape(-1, 1)


def test_m1_excitation_decays_and_jumps():
    p = {"reprisal.excitation_decay_days": col(10), "reprisal.excitation_per_strike": col(0.1),
         "reprisal.excitation_per_attack": col(0.01)}
    state = {"excitation": np.array([[1.0, 0.0], [0.0, 0.0]])}
    flows = {"strikes": np.array([[0, 0], [2, 0]]), "attacks": np.array([[0, 0, 0], [0, 3, 0]])}
    out = reprisal.step(state, p, ctx(), flows, None)["excitation"]
    np.testing.assert_allclose(out, [[np.exp(-0.1), 0], [0.2, 0.03]])


def test_m2_strikes_destroy_deter_and_aggrieve():
    p = {"deterrence.capability_recovery_days": col(1e9), "deterrence.capability_damage_per_strike": col(0.5),
         "deterrence.deterrence_decay_days": col(1e9), "deterrence.deterrence_per_strike": col(0.5),
         "deterrence.grievance_decay_days": col(1e9), "deterrence.backlash_per_strike": col(0.2),
         "deterrence.backlash_spillover": col(0.5), "deterrence.threat_deterrence": col(0.0),
         "proxy.initial_grievance": np.array([[0.0, 0.0]])}
    state = {"capability": np.ones((2, 2)), "deterrence": np.zeros((2, 2)), "grievance": np.zeros((2, 2))}
    flows = {"strikes": np.array([[1, 0], [0, 0]]), "strikes_total": col(1, 0)}
    out = deterrence.step(state, p, ctx(), flows, None)
    np.testing.assert_allclose(out["capability"], [[0.5, 1], [1, 1]])
    np.testing.assert_allclose(out["deterrence"], [[0.5, 0], [0, 0]], atol=1e-9)
    np.testing.assert_allclose(out["grievance"], [[0.2, 0.1], [0, 0]], atol=1e-9)


def test_m3_orders_pass_through_control():
    p = {"control.resistance_push": col(0.0), "control.obedience": col(1.0)}
    state = {"control": np.array([[1.0, 0.2], [1.0, 0.2]]), "pressure": ZERO}
    factor = control.order_factor(state, p, ctx(restrain=[1, 0]))
    np.testing.assert_allclose(factor, [[0.0, 0.8], [1.0, 1.0]])


def test_m4_decapitation_cuts_control_in_proportion_to_broker_dependence():
    p = {"proxy.broker_dependence": np.array([[1.0, 0.5]]), "decapitation.control_loss": col(0.5),
         "decapitation.successor_strength": col(0.6), "decapitation.grievance_shock": col(2.0),
         "decapitation.coordination_loss": col(0.5)}
    state = {k: np.full((2, 2), 0.8) for k in ("control", "ceiling", "grievance", "capability")}
    out = decapitation.step(state, p, ctx(decapitation=[1, 0]), {}, None)
    np.testing.assert_allclose(out["control"], [[0.4, 0.6], [0.8, 0.8]])
    np.testing.assert_allclose(out["ceiling"], [[0.8 * 0.6, 0.8 * 0.8], [0.8, 0.8]])
    np.testing.assert_allclose(out["grievance"], [[2.8, 1.8], [0.8, 0.8]])
    assert decapitation.step(state, p, ctx(), {}, None) == {}


def test_m5_host_casualties_cost_consent():
    p = {k: col(v) for k, v in {"consent.executive_change_shift": 0.1, "consent.engagement": 0.0,
                                 "consent.polarization_weight": 0.0, "politics.initial_polarization": 0.5,
                                 "consent.recovery_days": 1e9, "consent.strike_cost": 0.03,
                                 "consent.casualty_cost": 0.01, "consent.decapitation_cost": 0.2,
                                 "consent.vote_cost": 0.1, "consent.dialogue_gain": 0.03}.items()}
    state = {"consent": col(0.5, 0.5), "consent_baseline": col(0.5, 0.5), "polarization": col(0.5, 0.5)}
    flows = {"strikes_total": col(1, 1), "host_killed": col(6, 0)}
    out = consent.step(state, p, ctx(), flows, None)
    np.testing.assert_allclose(out["consent"][:, 0], [0.5 - 0.03 - 0.06, 0.47])


def test_m6_partners_leave_when_consent_is_low():
    p = {k: col(v) for k, v in {"coalition.memory_days": 30, "coalition.cohesion": 0.0, "coalition.base_hazard": 0.0,
                                 "coalition.attack_sensitivity": 0.0, "coalition.consent_sensitivity": 10.0,
                                 "coalition.consent_threshold": 0.5, "coalition.step": 0.5}.items()}
    state = {"recent_attacks": ZERO, "consent": col(0.0, 0.9), "ally_presence": col(0.3, 0.3)}
    out = coalition.step(state, p, ctx(), {"attacks_total": ZERO}, np.random.default_rng(0))
    np.testing.assert_allclose(out["ally_presence"][:, 0], [0.15, 0.3])


def test_m7_spoiler_moves_towards_its_target():
    p = {"consent.initial": col(0.5), "spoiler.base_activity": col(2.0), "spoiler.tension_gain": col(1.0),
         "spoiler.lag_days": col(1e-9)}
    state = {"us_presence": col(0.5, 1.0), "ally_presence": col(0.0, 0.0), "consent": col(0.5, 0.5), "spoiler": col(2, 2)}
    np.testing.assert_allclose(spoiler.step(state, p, ctx(), {}, None)["spoiler"][:, 0], [3.0, 2.0])


def test_m8_scheduled_direct_strike_and_ladder():
    from types import SimpleNamespace

    names = ("initial_level", "decay_days", "per_foreign_killed", "per_strike", "per_decapitation", "per_direct_strike",
             "direct_strike_hazard", "direct_strike_threshold", "direct_strike_killed", "direct_strike_wounded",
             "war_hazard", "war_threshold")
    p = {f"escalation.{n}": col(v) for n, v in zip(names, (0, 1e9, 0.3, 0.3, 2.0, 1.0, 0, 9, 0, 0, 0, 9))}
    entry = SimpleNamespace(entry=SimpleNamespace(killed=0, wounded=110))
    state = {"escalation": ZERO, "open_war": ZERO, "direct_cooldown": ZERO}
    flows = {"killed_total": col(1, 0), "strikes_total": ZERO}
    new, (struck, killed, wounded) = escalation.step(state, p, ctx(decapitation=[1, 0]) | {"direct_strikes": [(entry, col(1, 0))]},
                                                     flows, np.random.default_rng(0))
    np.testing.assert_allclose(new["escalation"][:, 0], [0.3 + 2.0 + 1.0, 0.0])
    assert struck[:, 0].tolist() == [1, 0] and wounded[:, 0].tolist() == [110, 0]
    assert new["direct_cooldown"][:, 0].tolist() == [365, -1]


def test_m9_sanctions_raise_pressure_and_grievance():
    p = {"pressure.initial": col(1.0), "pressure.decay_days": col(1e9), "pressure.per_sanctions": col(0.2),
         "pressure.sanctions_grievance": col(0.15)}
    out = pressure.step({"pressure": col(1, 1), "grievance": np.zeros((2, 3))}, p, ctx(sanctions=[1, 0]), {}, None)
    np.testing.assert_allclose(out["pressure"][:, 0], [1.2, 1.0])
    np.testing.assert_allclose(out["grievance"], [[0.15] * 3, [0] * 3])


def test_m10_election_punishes_violence_against_the_host():
    names = ("initial_polarization", "decay_days", "per_strike", "per_decapitation", "per_protest_wave",
             "proxy_bloc_seats_2018", "swing_mean", "swing_sd", "seat_loss_per_host_attack")
    p = {f"politics.{n}": col(v) for n, v in zip(names, (0.5, 1e9, 0, 0, 0, 48, 0.0, 1e-12, np.log(2)))}
    state = {"polarization": col(0.5, 0.5), "host_violence": col(1, 0), "bloc_seats": col(48, 48)}
    flows = {"strikes_total": ZERO, "host_attacks": np.zeros((2, 1), int)}
    out = politics.step(state, p, ctx(election=[1, 1]), flows, np.random.default_rng(0))
    assert out["bloc_seats"][:, 0].tolist() == [24, 48]


def test_response_strikes_follow_lethal_attacks_only_when_the_policy_says_so():
    p = {f"response.{k}": col(v) for k, v in {"strike_prob_after_lethal": 1.0, "strike_prob_after_wounding": 0.0,
                                              "strike_prob_per_attack": 0.0, "strikes_per_response": 2,
                                              "host_killed_per_strike": 0.0}.items()}
    one = np.zeros((3, 4), int)
    one[:, 0] = 1     # yesterday: faction 0 killed one in run 0 and wounded 5 in run 1; faction 1 hit nobody in run 0
    yesterday = attacks.Attacks(run=np.array([0, 0, 1]), source=np.array([0, 1, 0]), by_mode=one,
                                killed=np.array([1, 0, 0]), wounded=np.array([0, 0, 5]))
    waves, host = response.strikes(yesterday, 2, 2, p, np.random.default_rng(0))
    assert waves.tolist() == [[2, 0], [0, 0]] and host.sum() == 0


def test_attack_rate_obeys_capacity_and_zeal():
    p = {"attacks.base_rate": np.array([[1.0, 1.0]]), "proxy.zeal": np.array([[0.0, 1.0]]), "attacks.exposure": col(1.0),
         "attacks.max_daily_rate": col(1.5)}
    state = {"us_presence": col(1, 1), "ally_presence": ZERO, "capability": np.ones((2, 2)),
             "grievance": np.array([[0.0, 0.0], [2.0, 2.0]]), "deterrence": np.full((2, 2), 0.5),
             "excitation": np.zeros((2, 2))}
    np.testing.assert_allclose(attacks.rate(state, p, 1.0), [[0.5, 1.0], [1.5, 1.5]])


@pytest.mark.parametrize("module", [reprisal, deterrence, control, decapitation, consent, coalition, spoiler,
                                    escalation, pressure, politics])
def test_every_mechanism_declares_its_parameters_and_documents_its_equation(module):
    assert module.PARAMETERS and module.__doc__ and "<-" in module.__doc__ or "=" in module.__doc__
