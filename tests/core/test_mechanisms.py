"""Each mechanism can be switched off, and doing so removes exactly its pathway (paired runs, same seed)."""
import numpy as np
import pytest

import flashpoint

SC = flashpoint.load_scenario("iraq-2020")
RUNS, SEED = 150, 11


def run(**overrides):
    return flashpoint.simulate(SC, runs=RUNS, seed=SEED, overrides=overrides)


@pytest.fixture(scope="module")
def base():
    return run()


def mean(ens, name, start=None, end=None):
    return ens.total(name, start, end).mean()


def test_m1_reprisal_off_lowers_attacks(base):
    """Self-excitation only adds attacks: without it there are fewer (the fitted excitation is small)."""
    assert mean(run(**{"reprisal.enabled": False}), "attacks_on_foreign_forces") < mean(base, "attacks_on_foreign_forces")
    strong = {"reprisal.excitation_per_attack": 0.03}
    # off, the excitation changes nothing (simulate refuses one value of it beside a single False)
    assert mean(run(**{"reprisal.enabled": False}), "attacks_on_foreign_forces") < \
        0.8 * mean(run(**strong), "attacks_on_foreign_forces")


def test_m2_deterrence_off_removes_what_strikes_do_to_the_factions():
    """With M2 off, strikes neither deter, damage nor aggrieve: massive retaliation then moves attacks only
    through the reprisal cycle, and with that cut too, it does not move them at all."""
    quiet = {"deterrence.enabled": False, "reprisal.excitation_per_strike": 0.0, "escalation.enabled": False,
             "coalition.enabled": False}
    a = flashpoint.simulate(SC, policy="massive-retaliation", runs=RUNS, seed=SEED, overrides=quiet)
    b = flashpoint.simulate(SC, policy="historical", runs=RUNS, seed=SEED, overrides=quiet)
    d = a.total("attacks_on_foreign_forces") - b.total("attacks_on_foreign_forces")
    assert abs(d.mean()) <= 3 * d.std() / np.sqrt(RUNS)
    on = flashpoint.simulate(SC, policy="massive-retaliation", runs=RUNS, seed=SEED,
                             overrides={k: v for k, v in quiet.items() if k != "deterrence.enabled"})
    assert mean(on, "attacks_on_foreign_forces") != pytest.approx(mean(a, "attacks_on_foreign_forces"), rel=0.05)


def test_m3_control_off_no_orders_and_no_attacks_on_the_host(base):
    off = run(**{"control.enabled": False})
    assert off.total("attacks_on_host").sum() == 0 and base.total("attacks_on_host").sum() > 0
    # the patron's orders (Nov 2020 - Jan 2021, from Apr 2021) no longer cut attacks
    w = ("2021-04-06", "2021-12-31")
    on, off = (flashpoint.simulate(SC, runs=1000, seed=SEED, overrides=o) for o in ({}, {"control.enabled": False}))
    assert mean(off, "attacks_on_foreign_forces", *w) > 1.5 * mean(on, "attacks_on_foreign_forces", *w)


def test_m4_decapitation_off_keeps_control(base):
    off = run(**{"decapitation.enabled": False})
    assert mean(off, "patron_control", "2020-02-01", "2020-02-28") == pytest.approx(
        mean(off, "patron_control", "2019-10-01", "2019-10-31"), abs=1e-6)
    assert mean(base, "patron_control", "2020-02-01", "2020-02-28") < 0.6


def test_m5_consent_off_holds_consent(base):
    off = run(**{"consent.enabled": False})
    assert np.allclose(off.daily("host_consent"), SC.mechanisms["consent"].parameters["initial"].value)
    assert mean(base, "host_consent", "2020-01-10", "2020-02-10") < 0.4


def test_m6_coalition_off_only_scheduled_drawdowns(base):
    off = run(**{"coalition.enabled": False})
    partners = off.total("coalition_presence.coalition", "2021-12-31", "2021-12-31")
    expected = 1 - 600 / 2500   # the March 2020 partner drawdown (the January NATO pause was temporary)
    assert np.allclose(partners, expected)
    assert mean(base, "coalition_presence.coalition", "2021-12-31", "2021-12-31") < expected
    us = off.total("coalition_presence.usa", "2021-12-31", "2021-12-31")
    assert np.allclose(us, 2500 / 5200)     # 5,200 -> 3,000 -> 2,500


def test_m7_spoiler_off_holds_it_on_responds_to_cooperation(base):
    off = run(**{"spoiler.enabled": False})
    start = flashpoint.load_scenario("iraq-2020").mechanisms["spoiler"].parameters["base_activity"].value
    assert np.allclose(off.daily("spoiler_activity"), start)       # held at its level of October 2019
    low_consent = run(**{"consent.initial": 0.3, "consent.baseline": 0.3})
    assert mean(low_consent, "spoiler_activity", "2021-06-01", "2021-12-31") > mean(base, "spoiler_activity", "2021-06-01", "2021-12-31")


def test_m8_escalation_off_no_direct_strike(base):
    off = run(**{"escalation.enabled": False})
    assert off.total("attacks_on_foreign_forces.missile").sum() == 0
    assert 0.8 * RUNS <= base.total("attacks_on_foreign_forces.missile").sum() <= RUNS


def test_m9_pressure_off_lowers_attacks(base):
    assert mean(run(**{"pressure.enabled": False}), "attacks_on_foreign_forces") < mean(base, "attacks_on_foreign_forces")


def test_m10_politics_off_no_election_and_flat_polarization(base):
    off = run(**{"politics.enabled": False})
    assert np.all(off.daily("bloc_seats") == 48)
    assert np.allclose(off.daily("polarization"), 0.5)
    assert mean(base, "bloc_seats", "2021-12-31", "2021-12-31") != 48


def test_restraint_means_no_strikes_and_more_consent(base):
    restraint = flashpoint.simulate(SC, policy="restraint", runs=RUNS, seed=SEED)
    assert restraint.total("foreign_strikes").sum() == 0
    assert mean(restraint, "host_consent") > mean(base, "host_consent")
