"""compare(): common random numbers, and exactly the runs simulate() gives."""
import numpy as np
import pytest

import flashpoint
from flashpoint.analysis.compare import compare
from flashpoint.errors import FlashpointError, FlashpointNote


def test_each_policy_gets_exactly_the_runs_of_simulate(scenario, comparison):
    for policy in comparison.policies:
        ens = flashpoint.simulate(scenario, policy=policy, runs=100, seed=11)
        for name in comparison.indicators:
            np.testing.assert_array_equal(comparison.totals[name][policy], ens.total(name),
                                          err_msg=f"{name} under {policy}")


def test_runs_are_paired_until_the_policies_diverge(comparison, scenario):
    # historical and no-decapitation share every random draw up to the strike of 2020-01-03
    pre = compare(scenario, ["historical", "no-decapitation"], runs=100, seed=11,
                  window=("2019-10-01", "2020-01-02"))
    for name in pre.indicators:
        np.testing.assert_array_equal(pre.difference(name, "no-decapitation"), 0.0, err_msg=name)
    # ... and differ afterwards
    assert np.any(comparison.difference("attacks_on_foreign_forces", "no-decapitation") != 0)


def test_another_seed_gives_other_runs(comparison, scenario):
    other = compare(scenario, ["historical"], runs=100, seed=12, indicators=["attacks_on_foreign_forces"])
    assert not np.array_equal(other.totals["attacks_on_foreign_forces"]["historical"],
                              comparison.totals["attacks_on_foreign_forces"]["historical"])


def test_a_policy_keeps_its_own_settings_over_global_overrides(scenario):
    setting = {"response.strike_prob_after_lethal": 0.3}
    # said from Python as `flashpoint compare --set` says it (it used to keep the policy's value without a word)
    with pytest.warns(FlashpointNote, match=r"policy 'restraint' sets response.strike_prob_after_lethal itself: its "
                                            r"own value is kept over --set / overrides"):
        comp = compare(scenario, ["historical", "restraint"], runs=60, seed=3, overrides=setting,
                       indicators=["foreign_strikes", "attacks_on_foreign_forces"])
    hist = flashpoint.simulate(scenario, policy="historical", runs=60, seed=3, overrides=setting)
    restraint = flashpoint.simulate(scenario, policy="restraint", runs=60, seed=3)   # sets it to 0 itself
    np.testing.assert_array_equal(comp.totals["foreign_strikes"]["historical"], hist.total("foreign_strikes"))
    np.testing.assert_array_equal(comp.totals["attacks_on_foreign_forces"]["restraint"],
                                  restraint.total("attacks_on_foreign_forces"))
    assert comp.totals["foreign_strikes"]["restraint"].sum() == 0


def test_per_run_overrides_a_policy_sets_itself_and_settings_no_policy_sets_are_not_noted(scenario):
    """Posterior draws and design points (arrays over runs) are meant to lose to a policy's own value unsaid."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", FlashpointNote)
        compare(scenario, ["historical", "restraint"], runs=4, seed=3, indicators=["foreign_strikes"],
                overrides={"response.strike_prob_after_lethal": np.full(4, 0.3), "consent.casualty_cost": 0.01})


@pytest.mark.parametrize("policies, message", [
    ([], "at least one policy"),
    (["historical", "historical"], "listed twice"),
    (["historical", "appeasement"], "unknown policy"),
])
def test_bad_policy_lists_are_user_errors(scenario, policies, message):
    with pytest.raises(FlashpointError, match=message):
        compare(scenario, policies, runs=10, seed=0)


def test_window_outside_the_period_is_a_user_error(scenario):
    with pytest.raises(FlashpointError, match="not inside the simulated period"):
        compare(scenario, ["historical"], runs=10, window=("2019-01-01", "2019-12-31"))
    with pytest.raises(FlashpointError, match="after its end"):
        compare(scenario, ["historical"], runs=10, window=("2020-12-31", "2020-01-01"))


def test_compare_defaults_to_every_policy_of_the_scenario():
    """A held-out Python user's flashpoint.compare("red-sea-2023") failed on iraq-2020's pair of policies."""
    import flashpoint

    comparison = flashpoint.compare("red-sea-2023", runs=20, seed=0, indicators=["foreign_strikes"])
    assert comparison.policies == list(flashpoint.load_scenario("red-sea-2023").policies)


def test_compare_shows_each_partys_strikes_by_default():
    """A held-out user's compare table had foreign_strikes_by_party as one total, the same as foreign_strikes."""
    import flashpoint

    comparison = flashpoint.compare("iraq-2020", ["historical", "restraint"], runs=20, seed=0)
    assert "foreign_strikes_by_party.usa" in comparison.indicators
    assert "foreign_strikes_by_party" not in comparison.indicators
