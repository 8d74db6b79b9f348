"""The structure audit: which claims the model's equations or its schedule decide on their own."""
import re

import numpy as np
import pytest

from flashpoint.analysis.audit import audit, clear_z, design_parameters, links, noise_floor, switch_factors
from flashpoint.analysis.claims import claims


@pytest.fixture(scope="module")
def audited(scenario):
    """The audit exactly as `flashpoint claims` runs it by default (seed 0, 4 trajectories x 20 replicates,
    400 runs per switch, 6 points x 100 replicates to confirm): the target is about that verdict."""
    return audit(scenario, scenario.claims)


def test_h4_is_decided_one_way_and_h6_by_a_schedule_link(audited):
    """Until 2026-12-02 only H4 was structural; a claims review then found H6's verdict resting on the parliament
    vote's link to the decapitation (and the vote's one-way cost to consent): cutting that link takes away most
    of the effect at the defaults, although the parameters alone can move it either way."""
    structural = [k for k, a in audited.items() if a.structural]
    assert structural == ["H4", "H6"], {k: a.reason for k, a in audited.items()}
    for key in ("H1", "H2", "H3", "H5", "H6"):
        lo, hi = audited[key].sign_range
        assert lo < 0 < hi, (key, lo, hi)
    h6 = audited["H6"]
    assert h6.link in ("parliament_vote_2020_01_05", "host_demand_2020_01_10")
    assert f"cutting the schedule link {h6.link}.requires takes away" in h6.reason
    assert h6.to_dict()["deciding_link"] == h6.link and not audited["H3"].link
    # what decides each, once, for the reason and the table's cell alike
    assert {k: a.to_dict()["decided_by"] for k, a in audited.items()} == {
        "H1": None, "H2": None, "H3": None, "H4": "one_way", "H5": None, "H6": "link"}
    assert not any(a.direction_fixed for a in audited.values())       # no margin among them


def test_a_reason_reads_as_its_numbers(audited):
    """A held-out user read "0% of points support, 1% contradict: the data, not the equations, decide it":
    shares under 1% rounded to 0, and a side found only on the second look was not said."""
    from flashpoint.analysis.audit import _share

    assert (_share(0.0), _share(0.004), _share(0.012), _share(0.5)) == ("none", "under 1%", "1%", "50%")
    for key in ("H1", "H2", "H3", "H5"):
        a = audited[key]
        assert f"of the design's {a.points} points (a Morris screen" in a.reason
        assert not re.search(r"(?<!\d)0% clearly", a.reason)
        if 0 in (a.supporting, a.contradicting):
            assert "found at points chosen for it" in a.reason


def test_every_claim_has_its_sign_range_switches_and_deciding_parameters(audited, scenario):
    for a in audited.values():
        d = a.to_dict()
        assert d["sign_range"][0] <= d["sign_range"][1]
        assert {"reprisal off", "decapitation off"} <= set(d["switched"])
        assert len(d["morris_mu_star"]) == 10
    # mechanisms and links are Morris factors too, ranked with the parameters
    h6 = audited["H6"].to_dict()["switch_effects"]
    compared = list(dict.fromkeys(p for c in scenario.claims for p in (c.policy, c.baseline)))
    assert set(h6) == set(switch_factors(scenario, compared))
    assert "nato_pause_2020_01_04.requires" in h6 and "reprisal.enabled" in h6
    # H4 runs through host consent (M5): no switch moves it as much as switching consent off
    h4 = audited["H4"].switch_effects
    assert max(h4, key=lambda k: h4[k][0]) == "consent.enabled", h4
    # the links the no-decapitation comparisons can cut: the entries that require the decapitation
    assert "nato_pause_2020_01_04 requires cut" in audited["H6"].switched
    assert "nato_pause_2020_01_04" in links(scenario, ["historical", "no-decapitation"])


def test_points_at_the_capacity_ceiling_are_counted_and_said(audited):
    """A held-out historian's sign range reached +45,580 attacks, about the ceiling of two factions, and nothing said
    that such points sat at the capacity ceiling (at_ceiling covered the main runs only)."""
    from flashpoint.analysis.audit import points_words

    capped = {k: a.at_ceiling for k, a in audited.items()}
    assert any(v > 0 for v in capped.values()), capped       # the top of iraq-2020's excitation ranges runs away
    # each claim's share is of its own two policies' runs (a methodologist's six claims all read one share, that of
    # every policy compared): the claims of one pair share it, the others differ
    assert capped["H1"] == capped["H2"] == capped["H6"] and len({capped["H1"], capped["H4"], capped["H5"]}) == 3
    for a in audited.values():
        said = "sat at the capacity ceiling (attacks.max_daily_rate) under one of its two policies" in a.reason
        assert said == (a.at_ceiling > 0), (a.claim, a.at_ceiling)
        assert a.to_dict()["share_at_ceiling"] == pytest.approx(a.at_ceiling, abs=1e-6)
        assert ("at the capacity ceiling" in points_words(a.to_dict())) == (a.at_ceiling > 0)


def test_the_design_leaves_out_what_both_policies_of_every_claim_set_and_what_is_fixed(scenario):
    by_id = {c.id: c for c in scenario.claims}
    names = design_parameters(scenario, [by_id["H3"]], fixed=["kh.zeal"])    # tit-for-tat and restraint both set it
    assert "response.strike_prob_after_lethal" not in names and "kh.zeal" not in names
    assert "attacks.base_rate.kh" in names and "effects.covid_lockdown" in names
    # restraint sets it, historical does not: H5's historical arm runs on the world's value, which is drawn, and
    # H3 beside H5 must not take it away from H5 (a held-out review: H1's robustness 0.23 beside the others, 0.12 alone)
    assert "response.strike_prob_after_lethal" in design_parameters(scenario, [by_id["H5"]])
    assert "response.strike_prob_after_lethal" in design_parameters(scenario, [by_id["H3"], by_id["H5"]])
    assert design_parameters(scenario, [by_id["H1"]]) == design_parameters(scenario, scenario.claims)


def test_a_claim_a_switched_off_mechanism_cannot_move_is_structural(scenario):
    """With the spoiler mechanism off, ISIS activity is the same under every policy: the audit finds H5 decided
    (``claims`` now refuses such a --set before it runs, as the file's own switch is refused)."""
    from flashpoint.errors import FlashpointError

    h5 = [c for c in scenario.claims if c.id == "H5"]
    with pytest.raises(FlashpointError, match="decided by the switch"):
        claims(scenario, ids=["H5"], runs=40, seed=1, samples=0, overrides={"spoiler.enabled": False})
    a = audit(scenario, h5, trajectories=1, replicates=4, default_runs=40, confirm_replicates=10, seed=1,
              overrides={"spoiler.enabled": False})["H5"]
    assert a.structural and a.to_dict()["sign_range"] == [0.0, 0.0]
    # nothing depends on the switched-off mechanism: neither its parameters nor its switch are screened
    d = a.to_dict()
    assert "spoiler off" not in d["switched"], d["switched"]
    assert not [n for n, _ in d["morris_mu_star"] if n.startswith("spoiler.")], d["morris_mu_star"]
    assert d["morris_noise_mu_star"] >= 0


def test_parameters_of_a_mechanism_off_under_every_compared_policy_are_not_screened():
    """red-sea-2023 switches coalition cohesion off: its parameters could only be ranked by noise."""
    import flashpoint
    from flashpoint.analysis import idle_mechanisms
    from flashpoint.analysis.sensitivity import default_parameters

    sea = flashpoint.load_scenario("red-sea-2023")
    assert "coalition" in idle_mechanisms(sea, ["historical"])
    assert "coalition" not in idle_mechanisms(sea, ["historical"], {"coalition.enabled": True})
    names = design_parameters(sea, sea.claims)
    assert names and not [n for n in names if n.partition(".")[0] in idle_mechanisms(sea, ["historical"])]
    assert not [n for n in default_parameters(sea, sea.claims) if n.startswith("coalition.")]
    # the audit's design is the sensitivity's space: entry-only parameters no compared policy can use are in
    # neither (a held-out analyst found the audit drawing four the sensitivity left out)
    assert names == default_parameters(sea, sea.claims)


def test_switch_factors_leave_out_what_is_off_set_or_fixed(scenario):
    names = switch_factors(scenario, ["historical", "no-decapitation"], fixed=["reprisal.enabled"])
    assert "reprisal.enabled" not in names and "decapitation.enabled" in names
    assert "nato_pause_2020_01_04.requires" in names
    off = [f"{m}.enabled" for m, spec in scenario.mechanisms.items() if not spec.enabled]
    assert not set(off) & set(names)


def test_clear_z_widens_with_the_number_of_points():
    assert 1.9 < clear_z(1) < 2.0 and clear_z(300) > 3.5
    assert np.isfinite(clear_z(10**6))


def test_the_noise_floor_is_the_mu_star_replicate_noise_gives_a_factor_that_moves_nothing_on_average():
    """Replicates that share a common part at every point (their shared random numbers) and differ by noise of
    their own: SALib's mu* of every factor averages to the stated floor, which the common part does not raise."""
    from SALib.analyze import morris as morris_analyze
    from SALib.sample import morris as morris_sample

    problem = {"num_vars": 3, "names": ["a", "b", "c"], "bounds": [[0, 10], [-1, 1], [5, 6]]}
    x = morris_sample.sample(problem, N=40, num_levels=4, seed=1)
    rng = np.random.default_rng(0)
    sd = rng.uniform(0.5, 2.0, (len(x), 1))
    mu, floors = [], []
    for _ in range(100):
        d = rng.normal(0, 50, (1, 20)) + rng.normal(0, sd, (len(x), 20))
        mu.append(morris_analyze.analyze(problem, x, d.mean(axis=1), num_levels=4)["mu_star"].mean())
        floors.append(noise_floor(d, 3))
    assert np.mean(mu) == pytest.approx(np.mean(floors), rel=0.05)
    assert noise_floor(np.repeat(rng.normal(0, 50, (1, 20)), len(x), axis=0), 3) == 0.0   # nothing moves a run


def test_the_audits_reason_says_where_the_points_against_are_no_difference_at_all():
    """A held-out analyst read "46% clearly contradict" where all 46% were points at which the two policies did not
    differ; and the reasons of one-sided and schedule-decided claims say what decides them."""
    from flashpoint.analysis.audit import ClaimAudit, _reason, fixes_direction

    a = ClaimAudit("C1", 400, 4, (-4400.0, 1310.0), 0.9, 0.0025, (118.0, 2.7))
    # (where some point clearly contradicts, the schedule no longer decides: the mechanisms turn its lean there,
    # and the reason says so with the points against, test_a_lean_of_the_schedule_...; until 2026-12-05 the claim
    # stayed structural and the reason said "what they add is the question, not the sign")
    a.no_difference = 0.44
    # and where the mechanisms decide (a held-out analyst read "46% clearly contradict" where all 46% were such)
    both_ways = _reason(a, {1.0: True, -1.0: True}, schedule_decides=False, confirm_replicates=20)
    assert ("clearly contradict (44% with no difference at all: a parameter drawn to a value at which the policies "
            "do not differ, such as an effect of size 0)") in both_ways
    a.no_difference = 0.0
    assert "no difference at all" not in _reason(a, {1.0: True, -1.0: True}, schedule_decides=False,
                                                 confirm_replicates=20)
    # neither side clear anywhere: said so, not "shows no clear effect wherever the effect is clear" (held-out)
    none = _reason(a, {1.0: False, -1.0: False}, schedule_decides=False, confirm_replicates=20)
    assert none.startswith("over 400 parameter points spanning the declared ranges no point shows a clear effect "
                           "either way (expected difference from -4,400 to +1,310, each within its noise at 4 "
                           "replicates)")
    assert "wherever the effect is clear" not in none
    margin = _reason(a, {1.0: True, -1.0: False}, schedule_decides=False, confirm_replicates=20, edge=-100.0)
    assert "making it go the other way (to the other side of the claim's edge, -100)" in margin     # (held-out)
    one = _reason(a, {1.0: True, -1.0: False}, schedule_decides=True, confirm_replicates=20)
    assert one.endswith("the schedule alone decides it, through what no switch turns off (the attack process: the "
                        "entries' effects on the factions' rates, and the foreign troops present, weighed by "
                        "attacks.exposure)")
    # a claim on the foreign presence goes through the troops the schedule moves, not the attacks (a held-out
    # historian's withdrawal after a bombing)
    present = _reason(a, {1.0: True, -1.0: False}, schedule_decides=True, confirm_replicates=20,
                      indicator="coalition_presence.usa")
    assert present.endswith("the schedule alone decides it, through the foreign troops present, which the schedule's "
                            "deployments and drawdowns (and a policy's troop settings) move")
    assert "attack process" not in present
    # the effects the differing entries name, whose declared ranges keep one sign, are named as what decides
    # (a held-out political scientist's "the patron's cut of support reduced attacks" read "the entries' effects")
    a.fixed_sign_effects = {"effects.support_cut": (-1.5, 0.0)}
    assert _reason(a, {1.0: True, -1.0: False}, schedule_decides=True, confirm_replicates=20).endswith(
        "weighed by attacks.exposure); the entries the policies differ by name effects.support_cut (range -1.5 to 0), "
        "whose declared range keeps one sign: that declaration, not evidence, gives the difference its sign")
    assert a.to_dict()["fixed_sign_effects"] == {"effects.support_cut": [-1.5, 0.0]}
    a.fixed_sign_effects = {}
    # across a margin with the sign fixed everywhere: the direction is the model's, the size the parameters'
    plus = ClaimAudit("C2", 400, 4, (3.0, 900.0), 0.6, 0.3, (0.0, 0.1))
    plus.at_defaults = (60.0, 2.0)
    plus.direction_fixed = fixes_direction(plus.sign_range, 50.0, structural=False)
    margin = _reason(plus, {1.0: True, -1.0: True}, schedule_decides=False, confirm_replicates=20, edge=50.0)
    assert "the equations allow both answers (past the margin or short of it), so the verdict" in margin
    assert ("crosses the claim's margin (+50)" in margin and "the difference itself is + at every point of the "
            "design: the model fixes its direction, and only its size against the margin is the parameters'" in margin)
    flat = ClaimAudit("C3", 400, 4, (0.0, 900.0), 0.6, 0.3, (0.0, 0.1))        # some points: no difference
    flat.direction_fixed = True
    assert "the difference itself is + or 0 at every point" in _reason(flat, {1.0: True, -1.0: True},
                                                                      schedule_decides=False, confirm_replicates=20,
                                                                      edge=50.0)
    # ... and where a one-signed declared effect of the entries the policies differ by gives it that sign, the
    # reason says so as it does where the schedule decides (two held-out designers read their declaration as evidence)
    flat.fixed_sign_effects = {"effects.sna_invasion": (0.0, 2.5)}
    assert ("only its size against the margin is the parameters'; the entries the policies differ by name "
            "effects.sna_invasion (range 0 to 2.5), whose declared range keeps one sign: that declaration, not "
            "evidence, gives the difference its sign") in _reason(flat, {1.0: True, -1.0: True},
                                                                  schedule_decides=False, confirm_replicates=20,
                                                                  edge=50.0)
    plus.direction_fixed = fixes_direction(plus.sign_range, 0.0, structural=False)      # no margin: the sign is the
    assert "fixes its direction" not in _reason(plus, {1.0: True, -1.0: True}, schedule_decides=False,   # claim
                                                confirm_replicates=20)
    # two policies with one schedule, one of them setting a parameter: the setting decides, not the schedule
    set_only = _reason(a, {1.0: True, -1.0: False}, schedule_decides=True, confirm_replicates=20,
                       settings=["response.force_protection"])
    assert "the schedule and the policies' own settings (response.force_protection) alone decide it, through" in set_only
    # the link it decides through is named (a held-out case's only in claims.json: a truce requiring the operation)
    a.link, a.link_share, a.at_defaults = "sadr_city_truce", 0.999, (120.0, 3.0)
    a.switched = {"sadr_city_truce requires cut": (0.12, 0.5)}
    linked = _reason(a, {1.0: True, -1.0: False}, schedule_decides=True, confirm_replicates=20)
    assert linked.endswith("weighed by attacks.exposure); cutting the schedule link sadr_city_truce.requires takes "
                           "away 100% of the expected difference at the defaults (+120 +- 3 with it, +0.12 +- 0.5 "
                           "without)")
    # a link not weighed, the effect at the defaults not clear of 0, is said to be so (a held-out case's truce
    # requiring the offensive carried what the schedule decided; its largest_link_share 0.0 read as measured), with
    # what its cut gave, which ran (a held-out political scientist read "not tried" beside the cut's -11.8)
    a.link, a.link_share, a.at_defaults, a.untested_links = "", 0.0, (0.515, 0.49), ["secession_ends"]
    a.switched = {"secession_ends requires cut": (0.02, 0.3)}
    untried = _reason(a, {1.0: True, -1.0: False}, schedule_decides=True, confirm_replicates=20)
    assert untried.endswith("; not weighed: whether cutting secession_ends.requires carries it, as the expected "
                            "difference at the defaults (+0.515 +- 0.49) is not clear of 0, so no share of it can be "
                            "taken away (with the cut: secession_ends.requires +0.02; audit.switched)")
    assert a.to_dict()["largest_link_share"] is None and a.to_dict()["untested_links"] == ["secession_ends"]


def test_a_lean_of_the_schedule_the_whole_model_turns_at_the_defaults_is_left_to_the_parameters():
    """A held-out designer's "the pull-back raised the attacks": +1.2 with every mechanism off, -14 at the defaults
    (P 0.085), was called "decided by the model's structure" in place of "not supported"."""
    from flashpoint.analysis.audit import ClaimAudit, _reason

    a = ClaimAudit("T2", 240, 20, (-56.9, 128.0), 0.275, 0.117, (1.18, 0.055))
    a.at_defaults, a.schedule_turned = (-14.0, 0.46), True
    reason = _reason(a, {1.0: True, -1.0: True}, schedule_decides=False, confirm_replicates=100)
    assert reason.startswith("the expected difference changes sign over the declared ranges (-56.9 to +128 at the "
                             "design's points, -14 at the defaults")
    assert ("; with every mechanism off the schedule alone leans the claim's way (+1.18 +- 0.055), and the "
            "mechanisms turn it at the defaults: what they add decides") in reason
    assert a.to_dict()["schedule_turned"] is True
    # a held-out teacher's "the manhunt raised the attacks": +3.7 with every mechanism off through a requires
    # chain, +104 at the defaults, 23% of the design's points clearly against: left to the parameters too
    a = ClaimAudit("S2", 216, 20, (-341.0, 574.0), 0.565, 0.227, (3.7, 0.085))
    a.at_defaults, a.schedule_turned, a.turning = (104.0, 1.0), True, 0.227
    reason = _reason(a, {1.0: True, -1.0: True}, schedule_decides=False, confirm_replicates=100,
                     turned_at_defaults=False)
    assert ("; with every mechanism off the schedule alone leans the claim's way (+3.7 +- 0.085), and the "
            "mechanisms turn it at 23% of the points: what they add decides") in reason


def test_no_minus_zero_is_said():
    """A held-out reader met "control (off: -0)" in a reason and "mean": -0.0 in the JSON."""
    import flashpoint
    from flashpoint.analysis.audit import ClaimAudit

    lower = next(c for c in flashpoint.load_scenario("iraq-2020").claims if c.sign < 0)
    assert f"{lower.difference(0.0):+.3g}" == "+0"
    a = ClaimAudit("C", 4, 2, (-0.0, 1.0), 0.5, 0.0, (-1e-9, 0.1))
    assert a.to_dict()["schedule_only"]["mean"] == 0 and str(a.to_dict()["sign_range"][0]) == "0.0"


def test_only_links_whose_cut_can_change_the_comparison_are_tested_and_the_test_is_bonferroni_wide(scenario):
    """A verifier found a link both policies share (its cut changes nothing) named as deciding by replicate noise,
    one seed in eight: only links to an entry one policy has in effect and the other has not are tested, and
    the change must clear a bound widened for the number of links."""
    from flashpoint.analysis.audit import _deciding_link, claim_links

    by_id = {c.id: c for c in scenario.claims}
    assert claim_links(scenario, by_id["H3"]) == [] and claim_links(scenario, by_id["H5"]) == []
    h6 = claim_links(scenario, by_id["H6"])
    assert "parliament_vote_2020_01_05" in h6 and "us_strikes_2020_03_12" not in h6     # shared by both policies
    noisy = {"x": (2.0, 0.9)}              # the cut's mean, and the se of the paired change: once, it decides
    assert _deciding_link((4.0, 0.6), noisy) == ("x", 0.5)
    many = {**noisy, **{f"shared{i}": (4.0, 0.9) for i in range(8)}}           # among nine, it does not
    assert _deciding_link((4.0, 0.6), many) == ("", 0.0)
    assert _deciding_link((4.0, 0.2), {"y": (-4.0, 0.2)}) == ("y", 2.0)          # a cut that reverses it


def test_each_factor_gets_its_own_noise_floor():
    """A held-out review: on shared numbers one pooled floor is no factor's null. A parameter whose steps change
    no run gets 0; one whose steps carry noise of their own gets the mu* that noise alone gives it, as SALib
    computes mu*; a switch's floor is not divided by the step, as its effect is not."""
    from SALib.analyze import morris as morris_analyze
    from SALib.sample import morris as morris_sample

    from flashpoint.analysis.audit import factor_floors

    problem = {"num_vars": 2, "names": ["quiet", "noisy"], "bounds": [[0, 1], [0, 1]]}
    x = morris_sample.sample(problem, N=400, num_levels=4, seed=3)
    rng = np.random.default_rng(4)
    common = rng.normal(0, 30, (1, 20))
    mu = []
    for _ in range(20):
        d = np.repeat(common, len(x), axis=0)
        moved = np.zeros(len(x), dtype=bool)
        traj = x.reshape(-1, 3, 2)
        for t in range(len(traj)):          # each point after a step of "noisy" gets fresh noise from there on
            for j in range(1, 3):
                if traj[t, j, 1] != traj[t, j - 1, 1]:
                    moved[t * 3 + j:(t + 1) * 3] = True
        d = d + moved[:, None] * rng.normal(0, 2.0, (len(x), 20))
        mu.append(morris_analyze.analyze(problem, x, d.mean(axis=1), num_levels=4)["mu_star"])
        floors = factor_floors(x, d, ["quiet", "noisy"])
    assert floors["quiet"] < floors["noisy"] and np.mean(mu, axis=0)[1] == pytest.approx(floors["noisy"], rel=0.25)
    arms = np.repeat(common, 3, axis=0)[None] + rng.normal(0, 1.0, (1, 3, 20))
    bases = np.array([0, 3, 6])
    one = factor_floors(x[:9], np.repeat(common, 9, axis=0), ["quiet", "noisy"], arms, bases, ["m.enabled"])
    assert one["m.enabled"] == pytest.approx(np.sqrt(2 / np.pi) * 1.0 / np.sqrt(20), rel=0.35)
    assert one["quiet"] == one["noisy"] == 0.0


def test_the_claims_progress_lines_say_the_audits_total_is_a_bound(scenario):
    """A held-out researcher's log read "5,373 of 8,954 runs (60%)" then "5,954 of 5,954 runs (100%)": the audit's
    total is the most it may take, and the lines say so."""
    from rich.console import Console

    from flashpoint.console import progress_bar

    console = Console(record=True, force_terminal=False, width=200)
    _, progress = progress_bar(console, "claims", 9000, scenario, bound=True)
    progress(5400, 9000)
    progress(6000, 6000)
    lines = console.export_text().splitlines()
    assert lines[0].startswith("claims: 5,400 of at most 9,000 runs (60%)")
    assert lines[1].startswith("claims: 6,000 of 6,000 runs (100%)")
    # and how long is left at the pace so far, at most where the total is a bound (a held-out historian's audit of a
    # nine-year case gave no hint whether to wait)
    assert re.search(r"\(60%\), \d+ s, at most about \d+ s more at this pace$", lines[0]), lines[0]
    assert "more at this pace" not in lines[1]


def test_the_audits_progress_never_goes_back(scenario):
    """A held-out web tester saw the audit's count fall (6,793, then 4,088): each pair's second policy counted
    again from its step's start. The count only rises, and ends at the planned total."""
    from flashpoint.analysis.audit import planned_runs

    chosen = [c for c in scenario.claims if c.id == "H2"]
    seen = []
    size = dict(trajectories=1, replicates=2, default_runs=40, confirm=1, confirm_replicates=10)   # (the count only)
    audit(scenario, chosen, seed=3, progress=lambda d, t: seen.append((d, t)), **size)
    counts = [d for d, _ in seen]
    assert counts == sorted(counts), [b for a, b in zip(counts, counts[1:]) if b < a][:3]
    planned = planned_runs(scenario, chosen, **size)   # at most: the confirming runs are
    assert seen[-2][1] == planned and counts[-1] <= planned        # planned for every claim and run only where a
    # side is not already clear; the last report gives the runs done as the total, so a log ends at 100 % (a held-out
    # designer's stopped at 40 % and the command was done)
    assert seen[-1] == (counts[-1], counts[-1])


def test_links_that_decide_a_claim_only_together_are_cut_together(tmp_path):
    """A held-out audit rewrote the chain decapitation -> vote -> host demand as two links to the decapitation (and
    set two costs inside their ranges): each cut alone took under half of H6's effect, together 80 %, and H6 went
    from 'decided by the model's structure' to 'supported'."""
    import flashpoint
    from flashpoint.analysis.audit import _deciding_link, claim_links, joint_cuts
    from flashpoint.scenario.loader import resolve

    assert _deciding_link((4.0, 0.2), {"a": (2.4, 0.2), "b": (2.6, 0.2), "a+b": (0.4, 0.2)}, together="a+b") == (
        "a+b", 0.9)
    assert _deciding_link((4.0, 0.2), {"a": (1.0, 0.2), "a+b": (0.0, 0.2)}, together="a+b") == ("a", 0.75)
    text = resolve("iraq-2020")[1]
    for old, new in (("requires: [parliament_vote_2020_01_05], description: The caretaker",
                      "requires: [decapitation_2020_01_03], description: The caretaker"),
                     ("vote_cost: {value: 0.1,", "vote_cost: {value: 0.25,"),
                     ("demand_sensitivity: {value: 0.01,", "demand_sensitivity: {value: 0.004,")):
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "split.yaml"
    path.write_text(text)
    sc = flashpoint.load_scenario(path)
    h6 = [c for c in sc.claims if c.id == "H6"]
    together = claim_links(sc, h6[0])          # every entry that requires the decapitation
    assert {"parliament_vote_2020_01_05", "host_demand_2020_01_10"} <= set(together)
    assert joint_cuts(sc, h6) == ["+".join(together) + ".requires"]
    a = audit(sc, h6, trajectories=2, replicates=4, confirm=1, confirm_replicates=10)["H6"]
    assert a.structural and a.link == "+".join(together), a.reason
    assert "cutting the schedule links nato_pause_2020_01_04.requires and " in a.reason and " together " in a.reason


def test_a_reason_names_the_switch_whose_removal_alone_reverses_the_defaults_side():
    """A held-out review: H5's "supported" rested on host consent's one-way costs (consent off gave -0.35 against
    +0.67 at the defaults) and the reason said only that the equations allow both answers."""
    from flashpoint.analysis.audit import ClaimAudit, _reason

    a = ClaimAudit("H5", 508, 20, (-46.5, 8.05), 0.24, 0.19, (0.1, 0.2))
    a.at_defaults = (0.67, 0.05)
    a.switched = {"consent off": (-0.35, 0.04), "reprisal off": (0.60, 0.05), "pressure off": (-0.02, 0.05)}
    both = _reason(a, {1.0: True, -1.0: True}, schedule_decides=False, confirm_replicates=20)
    assert both.endswith("; at the defaults (+0.67) its side of 0 rests on consent: consent off, -0.35"), both
    a.switched = {"consent off": (0.5, 0.04)}                     # nothing reverses it: nothing said
    assert "rests on" not in _reason(a, {1.0: True, -1.0: True}, schedule_decides=False, confirm_replicates=20)


def test_a_one_way_reason_names_the_mechanism_the_effect_comes_through():
    """A held-out methodologist's sanctions claim (M9 can only raise grievance) was called one-way without naming
    the pressure mechanism; switched off at the defaults it takes the whole effect away."""
    from flashpoint.analysis.audit import ClaimAudit, _reason

    a = ClaimAudit("S1", 508, 20, (-0.85, 102.0), 0.42, 0.0, (0.0, 0.0))
    a.at_defaults = (9.45, 0.33)
    a.switched = {"pressure off": (0.0, 0.0), "deterrence off": (1.14, 0.06), "reprisal off": (8.7, 0.3)}
    one_way = _reason(a, {1.0: True, -1.0: False}, schedule_decides=False, confirm_replicates=20)
    assert one_way.endswith("; at the defaults the effect (+9.45) comes through pressure (off: 0) and deterrence "
                            "(off: +1.14)"), one_way
    a.at_defaults = (0.2, 0.33)                                    # no clear effect at the defaults: nothing said
    assert "comes through" not in _reason(a, {1.0: True, -1.0: False}, schedule_decides=False, confirm_replicates=20)


def test_a_claim_the_schedule_decides_only_at_an_effects_default_sign_is_left_to_the_parameters(tmp_path):
    """A held-out student's "the announcement of withdrawal raised the attacks" was decided by the structure at the
    +0.5 she typed for the announcement's effect (range -1 to 1), with every mechanism off at the defaults, and not
    supported at -0.1: the schedule-only runs are made again at the effect's two ends, and the reason says so."""
    import yaml

    import flashpoint
    from flashpoint.analysis.audit import signed_effects
    from flashpoint.scenario.loader import resolve

    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["policies"]["no-raid"] = {"description": "no raid", "drop": ["kh_raid_2020_06_26"]}
    d["claims"] = [{"id": "R1", "statement": "The raid raised KH's attacks.",
                    "indicator": "attacks_on_foreign_forces.kh",
                    "policy": "historical", "baseline": "no-raid", "window": ["2020-06-27", "2020-10-09"],
                    "direction": "higher", "source": "test"}]
    path = tmp_path / "raid.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    sc = flashpoint.load_scenario(path)
    assert signed_effects(sc, sc.claims[0], ["effects.kh_raid", "effects.kh_raid_fades_days"]) == ["effects.kh_raid"]
    assert signed_effects(sc, sc.claims[0], ["effects.kh_raid_fades_days"]) == []    # fixed: not drawn
    a = audit(sc, sc.claims, trajectories=1, replicates=4, default_runs=100, confirm=1, confirm_replicates=10)["R1"]
    assert a.schedule_only[0] > 0 and a.effect_ends["high"][0] > 0 > a.effect_ends["low"][0], a.effect_ends
    assert not a.structural, a.reason
    assert "with every mechanism off the difference follows the size of effects.kh_raid, whose range crosses 0" in (
        a.reason)
    assert a.to_dict()["signed_effects"] == ["effects.kh_raid"]


def test_a_margin_missed_where_an_effect_is_drawn_to_0_is_not_the_mechanisms_turning_it(tmp_path):
    """A held-out teacher's "announcing the withdrawal raised attacks by more than 50", its effect ranged 0 to 1:
    the points against were those where the effect was drawn to 0 and the policies did not differ, and the reason
    said "the mechanisms turn it at 20% of the points". There the effect's size, not a mechanism, decides."""
    import yaml

    import flashpoint
    from flashpoint.analysis.audit import signed_effects
    from flashpoint.scenario.loader import resolve

    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["effects"]["kh_raid"].update(value=1.0, range=[0.0, 2.0])
    d["policies"]["no-raid"] = {"description": "no raid", "drop": ["kh_raid_2020_06_26"]}
    claim = {"id": "R1", "statement": "The raid raised KH's attacks by more than 3.",
             "indicator": "attacks_on_foreign_forces.kh", "policy": "historical", "baseline": "no-raid",
             "window": ["2020-06-27", "2020-10-09"], "direction": "higher", "margin": 3, "source": "test"}
    d["claims"] = [claim, {**claim, "id": "R0", "margin": 0}]
    path = tmp_path / "raid.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    sc = flashpoint.load_scenario(path)
    # a range ending at 0 is tried at its ends for a margin's claim only: without a margin, its declared sign decides
    assert signed_effects(sc, sc.claims[0], ["effects.kh_raid"]) == ["effects.kh_raid"]
    assert signed_effects(sc, sc.claims[1], ["effects.kh_raid"]) == []
    # nor for a not_ claim with a margin, which no difference holds (a verifier's "not lower by more than 50")
    assert signed_effects(sc, sc.claims[0].model_copy(update={"direction": "not_lower"}), ["effects.kh_raid"]) == []
    a = audit(sc, sc.claims[:1], trajectories=2, replicates=4, default_runs=100, confirm=1,
              confirm_replicates=10)["R1"]
    assert a.schedule_only[0] > 3 and a.effect_ends["low"][0] == 0, (a.schedule_only, a.effect_ends)
    assert a.turning <= a.contradicting - a.no_difference + 1e-9
    assert "the mechanisms turn it" not in a.reason or a.turning > 0, a.reason
    assert ("with every mechanism off the difference follows the size of effects.kh_raid, whose range reaches 0"
            in a.reason), a.reason
    assert "the schedule decides the claim only through that value" in a.reason
    assert a.decided_by != "schedule" and a.turning == 0


def test_a_links_cut_against_a_margin_is_said_against_the_margin_not_as_a_reversal():
    """A held-out tester's "cutting the schedule link dbp_fall.requires reverses (by 24% of its size) the expected
    difference at the defaults (+2.34e+03 +- 0.62 with it, +49.1 +- 0.62 without)": the share (1.2448) is of the
    difference's lead over the claim's margin (500), which the cut took from 1,843 past it to 451 short of it; the
    difference itself stayed positive."""
    from flashpoint.analysis.audit import ClaimAudit, _deciding_link, _reason

    a = ClaimAudit("C1", 208, 20, (2291.4, 6093.4), 1.0, 0.0, (2399.0, 0.72))
    a.at_defaults = (2342.0725, 0.62)
    a.switched = {"dbp_fall requires cut": (49.0725, 0.62)}
    # the share as the audit measures it: on the signed differences beyond the margin (higher, margin 500)
    a.link, a.link_share = _deciding_link((a.at_defaults[0] - 500, 0.62), {"dbp_fall": (49.0725 - 500, 0.62)}, 399)
    assert a.link == "dbp_fall" and a.link_share > 1 and 49.0725 > 0          # past 1, the raw sign kept
    for schedule in (True, False):
        reason = _reason(a, {1.0: True, -1.0: False}, schedule_decides=schedule, confirm_replicates=100, edge=500.0)
        assert "reverses" not in reason
        assert ("cutting the schedule link dbp_fall.requires takes the expected difference at the defaults from 1,842 "
                "past the claim's margin (+500) to 451 short of it (+2,342 +- 0.62 with it, +49.1 +- 0.62 "
                "without)") in reason
    # a cut that keeps the difference past the margin: the share taken is of the lead over it, and said so
    a.switched = {"dbp_fall requires cut": (1000.0, 0.62)}
    a.link_share = 1 - (1000.0 - 500) / (a.at_defaults[0] - 500)
    assert ("takes away 73% of the expected difference's lead over the claim's margin (+500) at the defaults (from "
            "1,842 past it to 500) (+2,342 +- 0.62 with it, +1,000 +- 0.62 without)") in _reason(
        a, {1.0: True, -1.0: False}, schedule_decides=True, confirm_replicates=100, edge=500.0)
    # with no margin a cut past 0 reverses the difference itself, as said
    a.switched = {"dbp_fall requires cut": (-500.0, 0.62)}
    a.link_share = 1 - (-500.0) / a.at_defaults[0]
    assert "reverses (by 21% of its size) the expected difference at the defaults" in _reason(
        a, {1.0: True, -1.0: False}, schedule_decides=True, confirm_replicates=100)


def test_a_link_that_carries_most_of_a_claims_difference_is_said_whatever_its_margin_and_verdict(scenario):
    """A held-out political scientist's "the capture ended the attacks" (lower, margin 1,000) read "not supported"
    (-660 against the margin) while the ceasefire she wrote to require the capture carried 98% of that difference
    (-11.8 with its link cut), unsaid: the links were weighed only against the margin, where the defaults fell
    short, and untested_links called the link "not tried" beside its cut in audit.switched. Here H6 with a margin
    its difference does not reach: the vote's link carries most of it all the same."""
    from flashpoint.analysis.audit import audit
    from flashpoint.analysis.claims import claim_notes

    h6 = next(c for c in scenario.claims if c.id == "H6").model_copy(update={"id": "M6", "margin": 0.2})
    a = audit(scenario, [h6], trajectories=1, replicates=3, default_runs=40, confirm=1, confirm_replicates=5)["M6"]
    d = a.to_dict()
    assert d["largest_link_share"] is None and d["deciding_link"] is None     # not weighed against the margin
    assert d["untested_links"] == []             # weighed from 0: the difference at the defaults is clear
    vote = d["link_carries"]["parliament_vote_2020_01_05"]
    cut = d["switched"]["parliament_vote_2020_01_05 requires cut"]["mean"]
    assert vote["with"] == d["at_defaults"]["mean"] < 0 and vote["without"] == cut
    assert vote["share"] == pytest.approx(1 - cut / vote["with"], abs=1e-5) and vote["share"] >= 0.5
    assert list(d)[-2:] == ["link_carries", "fixed_sign_not_calibratable"]     # the new keys last
    notes = claim_notes({"audit": d, "margin": 0.2, "turned_elsewhere": [], "forces_gone_in_window": [],
                         "structural": a.structural, "sensitivity": None, "robustness": None, "verdict": "x"})
    (said,) = [n for n in notes if "parliament_vote_2020_01_05.requires" in n]
    assert said.startswith(f"cutting the schedule link parliament_vote_2020_01_05.requires takes away "
                           f"{vote['share']:.0%} of the expected difference at the defaults ({vote['with']:+.3g} with "
                           f"it, {vote['without']:+.3g} without)")
    assert "its verdict against its margin (0.2), rest" in said and "which the scenario writes" in said


def test_the_audits_ensembles_in_parts_give_the_same_totals(scenario, monkeypatch):
    """A 15-year case's audit kept the daily arrays of thousands of runs at once (9.6 GB for one claim at the
    smallest settings): it now simulates them in parts of AUDIT_PART_BYTES, each run on its own stream, and the
    totals are the ones of one call, bit for bit."""
    from flashpoint.analysis import audit as module

    claims_ = list(scenario.claims)[:3]
    policies = module.compared_policies(claims_)
    design = {"attacks.exposure": np.linspace(0.2, 0.8, 300)}
    whole = module._paired(scenario, claims_, policies, 300, 3, design)
    import flashpoint.engine

    calls, simulate = [], flashpoint.engine.simulate
    monkeypatch.setattr(flashpoint.engine, "simulate", lambda *a, **k: calls.append(k["runs"]) or simulate(*a, **k))
    monkeypatch.setattr(module, "AUDIT_PART_BYTES", 2**24)        # parts of about 190 runs of iraq-2020
    parts = module._paired(scenario, claims_, policies, 300, 3, design)
    assert len(calls) == 2 * len(policies) and sum(calls) == 300 * len(policies)
    assert whole.keys() == parts.keys() and all(np.array_equal(whole[k], parts[k]) for k in whole)


def test_progress_is_shown_for_long_work_by_its_run_days_not_its_runs(scenario):
    """An outside tester's 15-year case (5,722 days) ran 1,000 runs for 52 s with no progress: the bar came from
    2,000 runs whatever the days. It comes from 2,000 runs of iraq-2020's 823 days' worth of run-days now."""
    from rich.console import Console

    from flashpoint.console import progress_bar, shows_progress

    assert shows_progress(2000, 823) and not shows_progress(1999, 823) and shows_progress(1000, 5722)
    long = scenario.model_copy(update={"start": scenario.start.replace(year=scenario.start.year - 12)})
    for sc, said in ((scenario, False), (long, True)):
        console = Console(record=True, force_terminal=False, width=200)
        _, progress = progress_bar(console, "simulating", 1000, sc)
        progress(500, 1000)
        assert bool(console.export_text()) is said
