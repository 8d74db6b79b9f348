"""Sensitivity: the estimators on known functions, and verdicts that move with their deciding parameters."""
import numpy as np
import pytest

from flashpoint.analysis.claims import claims
from flashpoint.analysis.sensitivity import (ProbabilitySurface, counter_settings, default_parameters,
                                             first_order_indices, relative_difference)


def test_first_order_indices_find_the_parameter_that_matters_under_noise():
    rng = np.random.default_rng(1)
    n = 2048
    design = rng.random((n, 4))                       # three parameters and the dummy
    signal = lambda u: np.sin(2 * np.pi * u[:, 0]) + 0.2 * u[:, 1]   # noqa: E731
    y = signal(design) + rng.normal(0, 1.0, n)         # noise: ~2/3 of the variance
    repeat = signal(design[:256]) + rng.normal(0, 1.0, 256)
    table, noise = first_order_indices(["a", "b", "c"], design, y, repeat)
    total = 0.5 + 0.2 ** 2 / 12 + 1.0
    assert table.loc["a", "S1"] == pytest.approx(0.5 / total, abs=0.06)
    assert noise == pytest.approx(1.0 / total, abs=0.1)
    assert table.loc["c", "S1_net"] < table.loc["c", "S1_conf"] + 0.01     # c does nothing
    assert table["S1_net"].idxmax() == "a"


def test_probability_surface_recovers_the_share_where_a_claim_holds():
    rng = np.random.default_rng(2)
    u = rng.random((4000, 3))
    p_true = 1 / (1 + np.exp(-(6 * u[:, 0] - 2)))     # the claim is likely where the first parameter is high
    holds = rng.random(4000) < p_true
    surface = ProbabilitySurface.fit(u, holds, [0, 1, 2], [0])
    share_true = np.mean(p_true >= 0.66)
    assert np.mean(surface(u) >= 0.66) == pytest.approx(share_true, abs=0.05)
    assert surface.pseudo_r2 > 0.1
    always = ProbabilitySurface.fit(u, np.ones(4000, bool), [0, 1, 2], [0])
    assert np.all(always(u) == 1.0)


def test_relative_difference_has_the_claims_sign_beyond_its_margin(scenario):
    a, b = np.array([3.0, 1.0, 0.0]), np.array([1.0, 3.0, 0.0])
    claim = scenario.claims[0]
    as_ = lambda direction, margin=0.0: claim.model_copy(update={"direction": direction, "margin": margin})  # noqa: E731
    np.testing.assert_allclose(relative_difference(a, b, as_("higher"), True), [2 / 5, -2 / 5, 0.0])
    np.testing.assert_allclose(relative_difference(a, b, as_("lower"), True), [-2 / 5, 2 / 5, 0.0])
    np.testing.assert_allclose(relative_difference(a, b, as_("not_lower", 1.0), True), [3 / 5, -1 / 5, 1.0])


def test_default_parameters_are_every_ranged_one_that_can_act(scenario):
    from flashpoint.scenario.parameters import parameters

    names = default_parameters(scenario, scenario.claims)
    ranged = [n for n, p in parameters(scenario).items() if p.high > p.low]
    assert set(names) <= set(ranged) and len(names) > 100         # iraq-2020 declares 123 with a range
    assert "spoiler.posture_cost" in names and "politics.bloc_seats_initial" in names   # claimed or not
    # restraint sets it, historical does not: H5's historical arm runs on the world's value, which is drawn
    assert "response.strike_prob_after_lethal" in names
    h3 = [c for c in scenario.claims if c.id == "H3"]                # tit-for-tat and restraint both set it
    assert "response.strike_prob_after_lethal" not in default_parameters(scenario, h3)
    h1 = [c for c in scenario.claims if c.id == "H1"]                # H1's space does not depend on the others run
    assert default_parameters(scenario, h1) == names
    assert "spoiler.posture_cost" not in default_parameters(scenario, scenario.claims, fixed=["spoiler.posture_cost"])


def test_report_robustness_and_deciding_parameters(claims_report):
    for r in claims_report:
        s = r.sensitivity
        assert 0 <= s.robustness <= 1
        assert sum(s.shares.values()) == pytest.approx(1.0)
        assert s.points == 384
        assert s.indices.index.is_unique                    # the fixture names one parameter twice
    # the strike probabilities are set by both tit-for-tat and restraint: never "deciding" H3
    h3 = claims_report["H3"].sensitivity
    assert not h3.indices.loc["response.strike_prob_after_lethal", "varied"]
    assert "response.strike_prob_after_lethal" not in dict(h3.deciding)


@pytest.mark.parametrize("claim_id", ["H3"])
def test_verdict_changes_when_its_deciding_parameters_move_to_the_other_end(claims_report, scenario, claim_id):
    """Claims are questions: move the parameters the sensitivity analysis found deciding to the ends of
    their ranges that work against the claim's current verdict, and the verdict changes."""
    result = claims_report[claim_id]
    assert result.sensitivity.deciding, f"{claim_id}: no deciding parameter found"
    before = result.verdict
    checks = []
    if before in ("supported", "undecided"):
        checks.append(counter_settings(result.sensitivity, against=True))
    if before in ("not supported", "undecided"):
        checks.append(counter_settings(result.sensitivity, against=False))
    for settings in checks:
        moved = claims(scenario, runs=200, seed=5, samples=0, ids=[claim_id], overrides=settings, audit=False)[claim_id]
        assert moved.verdict != before, (claim_id, before, settings, moved.reason)


def test_a_negative_dummy_estimate_raises_no_index():
    """A held-out tester saw a net index of 0.65 beside a raw one of 0.62: the dummy's estimate was below 0, and
    subtracting it added. The net index is never above the raw one."""
    rng = np.random.default_rng(5)
    for _ in range(8):                                 # the dummy's estimate is below 0 in half of these
        design = rng.uniform(size=(300, 3))
        y = design[:, 0] + rng.normal(0, 1.5, 300)
        table, _ = first_order_indices(["a", "b"], design, y)
        assert (table["S1_net"] <= table["S1"].clip(lower=0) + 1e-12).all()
    assert table.loc["a", "S1_net"] > 0


def test_a_surface_fitted_to_noise_is_flagged_not_read_as_robustness():
    """A held-out review: at a claim whose runs hold at the threshold's rate whatever the parameters, the surface
    put about 0.4 of the space above the threshold by chance; its pseudo-R2 (about 0.01) says so."""
    import pandas as pd

    from flashpoint.analysis.sensitivity import SURFACE_R2_MIN, ClaimSensitivity, ProbabilitySurface

    rng = np.random.default_rng(0)
    u, holds = rng.random((4096, 40)), rng.random(4096) < 0.66
    columns = list(range(20))
    surface = ProbabilitySurface.fit(u, holds, columns, columns[:4])
    robustness = float(np.mean(surface(u) >= 0.66))
    assert surface.pseudo_r2 < SURFACE_R2_MIN and 0.2 < robustness < 0.8      # a share that means nothing
    sens = ClaimSensitivity("X", pd.DataFrame(columns=["S1", "S1_conf", "S1_net", "correlation", "varied"]),
                            noise_share=1.0, robustness=robustness,
                            shares={"supported": robustness, "undecided": 0.0, "not_supported": 1 - robustness},
                            probability_over_sample=float(holds.mean()), pseudo_r2=surface.pseudo_r2, points=4096)
    assert "explain little" in sens.to_dict()["surface_note"]
    sens.pseudo_r2 = 0.4
    assert "surface_note" not in sens.to_dict()


def test_a_verdict_that_the_minority_of_the_sampled_space_gives_is_said():
    """A held-out designer's "not supported" (P 0.000 at the defaults) sat beside robustness 0.86, unremarked: the
    verdict is the parameters' values', and most of the declared ranges give the other."""
    from flashpoint.analysis.claims import minority_note

    said = minority_note({"verdict": "not supported", "robustness": 0.86})
    assert said.startswith("not supported at these parameter values, while 86% of the sampled parameters' space "
                           "would support it (robustness 0.86): the verdict is the values', and most of the declared "
                           "ranges give the other")
    assert "give no support" in minority_note({"verdict": "supported", "robustness": 0.2})
    for verdict, r in (("supported", 0.9), ("not supported", 0.1), ("undecided", 0.9), ("supported", None),
                       ("not supported", 0.5), ("supported", 0.5)):             # 0.5 is no minority (a verifier's)
        assert minority_note({"verdict": verdict, "robustness": r}) is None
    # among the claim's notes, so in its JSON and on the page too, not under the table only (a verifier's)
    from flashpoint.analysis.claims import claim_notes

    d = {"turned_elsewhere": [], "forces_gone_in_window": [], "structural": None, "verdict": "not supported",
         "robustness": 0.86, "sensitivity": {}}
    assert claim_notes(d) == [said]
    assert claim_notes(dict(d, sensitivity={"surface_note": "a surface fitted to noise"})) == []
