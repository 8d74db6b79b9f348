"""A foreign force that arrives or grows mid-period: ``attributes.initial_presence`` (the share of its declared
troops there at the start) and ``deployment`` entries (troops that arrive; with ``until``, leave again).
Two held-out cases (Libya 2019-20: Turkey from January 2020; a wargame designer's reinforcement) could
only write an arrival as a drawdown from the first day, and the event log showed a withdrawal that never was."""
import numpy as np
import pytest

import flashpoint
from flashpoint.errors import ScenarioError
from tests.core.test_entries import ENTRY, scenario_with

RUNS, SEED = 200, 4


def arriving(d, present=0.0, date="2020-06-01", **entry):
    d["actors"] = [dict(a, attributes=dict(a["attributes"], initial_presence={
        "value": present, "unit": "share of its troops", "range": [0.0, 1.0], "source": "test"}))
        if a["id"] == "coalition" else a for a in d["actors"]]
    d["schedule"] = [e for e in d["schedule"] if not (e["type"] == "coalition_drawdown" and e["actor"] == "coalition"
                                                      and str(e["date"]) < date)]   # none of it there to leave
    d["schedule"].append(dict(ENTRY, id="coalition_arrives", date=date, type="deployment",
                              actor="coalition", target="iraq_gov", cameo="0874", **(entry or {"fraction": 1.0})))


def test_a_force_that_arrives_is_absent_before_and_there_after(tmp_path):
    sc = scenario_with(tmp_path, lambda d: arriving(d, until="2020-12-31", fraction=1.0))
    ens = flashpoint.simulate(sc, runs=RUNS, seed=SEED, overrides={"coalition.enabled": False})  # no M6 departures
    before = ens.total("coalition_presence.coalition", "2019-10-01", "2020-05-31")
    during = ens.total("coalition_presence.coalition", "2020-06-01", "2020-12-31")
    after = ens.total("coalition_presence.coalition", "2021-01-01", "2021-12-31")
    assert before.max() == 0 and during.min() == 1 and after.max() == 0
    troops = {a.id: a.attributes["troops"].value for a in sc.foreign_parties}
    start = ens.daily("coalition_presence")[:, 0]
    np.testing.assert_allclose(start, troops["usa"] / sum(troops.values()), rtol=1e-6)   # of the declared force
    events = flashpoint.simulate(sc, runs=3, seed=SEED, events=True).events()
    assert (events["event_id"].notna() & (events["source_actor"] == "coalition")
            & (events["date"] == np.datetime64("2020-06-01"))).any()


def test_a_deployment_of_a_force_already_at_full_strength_is_refused(tmp_path):
    with pytest.raises(ScenarioError, match="full strength from the start"):
        scenario_with(tmp_path, lambda d: arriving(d, present=1.0, date="2019-11-01"))   # before any drawdown
    with pytest.raises(ScenarioError, match="is more than coalition's"):
        scenario_with(tmp_path, lambda d: arriving(d, troops=10**6))


def test_a_start_above_full_strength_is_refused_for_its_range_not_called_full_strength(tmp_path):
    """A held-out case's initial_presence 1.5 (range [0.2, 2]) was refused as 'at its full strength from the start
    (initial_presence 1)', a value it never wrote, and the range was not named."""
    def above(d):
        arriving(d, present=1.0, date="2019-11-01")
        coalition = next(a for a in d["actors"] if a["id"] == "coalition")
        coalition["attributes"]["initial_presence"].update(value=1.5, range=[0.2, 2.0])
    with pytest.raises(ScenarioError, match=r"the value 1.5 and the declared range \[0.2, 2\] go beyond what the "
                                            r"engine can take") as err:
        scenario_with(tmp_path, above)
    assert "full strength from the start" not in str(err.value)
    # named first, before what follows from it (a held-out designer's came fourth, after three deployments it broke)
    assert str(err.value).split("\n")[0].endswith("coalition.initial_presence: the value 1.5 and the declared range "
                                                  "[0.2, 2] go beyond what the engine can take, [0, 1]")


def test_the_built_in_scenarios_are_unchanged_by_the_default(tmp_path):
    """initial_presence left out is 1: every party there at the start, as before."""
    sc = scenario_with(tmp_path, lambda d: None)
    a, b = (flashpoint.simulate(x, runs=50, seed=SEED) for x in (sc, "iraq-2020"))
    for k in a.data:
        np.testing.assert_array_equal(a.data[k], b.data[k], err_msg=k)


def red_sea_with(tmp_path, *entries, present=0.0, rule_per_party=False):
    """red-sea-2023 with the EU mission arriving on its launch day (19 Feb 2024) and the entries added (and with
    ``rule_per_party``, a response rule of each foreign party's own)."""
    import yaml

    from flashpoint.scenario.loader import resolve

    d = yaml.safe_load(resolve("red-sea-2023")[1])
    for a in d["actors"]:
        if a["id"] == "eu":
            a["attributes"]["initial_presence"] = {"value": present, "unit": "share of its ships", "range": [0, 1],
                                                   "source": "test"}
    d["schedule"] = [e for e in d["schedule"] if e["id"] != "aspides_not_yet_deployed"]
    if rule_per_party:
        rule = d["response"]["lag_days"]
        rule["value"] = {a["id"]: rule["value"] for a in d["actors"] if a["kind"] in ("foreign_power", "ally")}
    if any("mode_share" in e for e in entries):
        for t in d["targets"]:          # a tactics entry aimed at a target with its own mix would change nothing
            if t["id"] == "eu_navy":
                t.pop("mode_share", None)
        d["effects"]["test_mix"] = {"value": {"missile": 0.5, "drone": 0.5, "boat": 0.0, "seizure": 0.0},
                                    "unit": "share of attacks", "range": [0.0, 1.0], "source": "test"}
    d["schedule"] += [dict(ENTRY, id="aspides", date="2024-02-19", type="deployment", actor="eu", target="eu",
                           fraction=1.0 - present, cameo="0874"), *entries]
    (tmp_path / "rs.yaml").write_text(yaml.safe_dump(d, sort_keys=False))
    return flashpoint.load_scenario(tmp_path / "rs.yaml")


ATTACK = dict(ENTRY, type="proxy_attack", actor="houthis", target="eu", attack_targets="eu_navy", mode="drone",
              cameo="195")
LEAVE = dict(ENTRY, type="coalition_drawdown", actor="eu", target="eu", fraction=1.0, cameo="087")


def test_moves_and_attacks_that_would_not_happen_as_written_are_refused(tmp_path):
    """Held-out (Beirut 1982-84): a recorded attack on a force not yet there, a departure before the arrival and
    arrivals adding up to more than the declared force all changed nothing in the runs, unsaid."""
    with pytest.raises(ScenarioError, match="hits attack target eu_navy, and none of eu's troops are there that day"):
        red_sea_with(tmp_path, dict(ATTACK, id="early", date="2024-01-10"))
    red_sea_with(tmp_path, dict(ATTACK, id="later", date="2024-03-01"))        # after the arrival: fine
    with pytest.raises(ScenarioError, match=r"none of eu's troops are there then \(it arrives on 2024-02-19\)"):
        red_sea_with(tmp_path, dict(LEAVE, id="too_soon", date="2024-01-10"))
    with pytest.raises(ScenarioError, match=r"brings 3 of eu's troops, but 2 of its 4 .* 1 would never arrive"):
        red_sea_with(tmp_path, dict(ENTRY, id="more", date="2024-01-01", type="deployment", actor="eu", target="eu",
                                    troops=3, cameo="0874"), present=0.5)
    with pytest.raises(ScenarioError, match="attack target 'eu_navy' is held by eu, none of the tactics entry's"):
        red_sea_with(tmp_path, dict(ENTRY, id="mix", date="2024-03-01", type="tactics", actor="houthis", target="uk",
                                    attack_targets="eu_navy", mode_share="effects.test_mix"))


def test_a_deployment_short_by_less_than_one_soldier_is_taken(tmp_path):
    """A held-out analyst's 0.8471 of 20,069 troops there left 0.45 of one "never to arrive" with the rest."""
    import yaml

    from flashpoint.scenario.loader import resolve

    d = yaml.safe_load(resolve("red-sea-2023")[1])
    eu = next(a for a in d["actors"] if a["id"] == "eu")
    eu["attributes"]["initial_presence"] = {"value": 0.3, "unit": "share of its ships", "range": [0, 1],
                                           "source": "test"}
    d["schedule"] = [e for e in d["schedule"] if e["id"] != "aspides_not_yet_deployed"]
    for troops, short in ((3, 0.2), (4, 1.2)):      # 1.2 of 4 there: 3 more overrun by 0.2 of a ship, 4 by 1.2
        d["schedule"] = [e for e in d["schedule"] if e["id"] != "aspides"] + [dict(
            ENTRY, id="aspides", date="2024-02-19", type="deployment", actor="eu", target="eu", troops=troops,
            cameo="0874")]
        (tmp_path / "rs.yaml").write_text(yaml.safe_dump(d, sort_keys=False))
        if short < 1:
            flashpoint.load_scenario(tmp_path / "rs.yaml")
        else:
            with pytest.raises(ScenarioError, match=r"1\.2 would never arrive"):
                flashpoint.load_scenario(tmp_path / "rs.yaml")
    # a whole count there before, short by half of the force's unit (a verifier's 2.5 thousand troops, 0.4 there:
    # 500 soldiers, no rounding) is refused
    eu["attributes"]["troops"].update(value=2.5, range=[2.0, 8.0])
    eu["attributes"]["initial_presence"]["value"] = 0.4
    d["schedule"][-1]["troops"] = 2
    (tmp_path / "rs.yaml").write_text(yaml.safe_dump(d, sort_keys=False))
    with pytest.raises(ScenarioError, match=r"0\.5 would never arrive"):
        flashpoint.load_scenario(tmp_path / "rs.yaml")


def test_a_tactics_entry_on_a_force_never_there_and_strikes_from_afar_are_noted(tmp_path):
    from flashpoint.scenario import presence

    sc = red_sea_with(tmp_path, dict(ENTRY, id="mix", date="2023-11-01", until="2024-02-01", type="tactics",
                                     actor="houthis", target="eu", mode_share="effects.test_mix"))
    assert presence.idle_tactics(sc) == [("mix", ["eu"])]
    assert presence.answered_while_absent(sc) == []      # one response rule, the first foreign power's: always there


def test_strikes_from_afar_leave_out_the_days_a_rules_of_engagement_entry_holds_fire(tmp_path):
    """A held-out case's note named the spans its own rules_of_engagement entries (scale 0) covered."""
    import datetime as dt

    from flashpoint.scenario import presence

    sc = red_sea_with(tmp_path, rule_per_party=True)
    assert presence.answered_while_absent(sc) == [("eu", "shipping", [(dt.date(2023, 10, 19), dt.date(2024, 2, 18))])]
    hold = dict(ENTRY, id="hold", date="2023-10-19", until="2024-01-31", type="rules_of_engagement", actor="eu",
                target="houthis", scale=0, cameo="0871")
    sc = red_sea_with(tmp_path, hold, rule_per_party=True)
    assert presence.answered_while_absent(sc) == [("eu", "shipping", [(dt.date(2024, 2, 1), dt.date(2024, 2, 18))])]
    sc = red_sea_with(tmp_path, dict(hold, until="2024-03-31"), rule_per_party=True)
    assert presence.answered_while_absent(sc) == []
    sc = red_sea_with(tmp_path, dict(hold, scale=0.5), rule_per_party=True)       # a lower readiness still strikes
    assert presence.answered_while_absent(sc)[0][2] == [(dt.date(2023, 10, 19), dt.date(2024, 2, 18))]


def test_a_misspelt_attribute_is_named_before_the_entries_it_breaks(tmp_path):
    """Held-out (Beirut): 'initial_presense' came fifth, after four messages about the deployments it broke."""
    def typo(d):
        arriving(d)
        for a in d["actors"]:
            if a["id"] == "coalition":
                a["attributes"]["initial_presense"] = a["attributes"].pop("initial_presence")

    with pytest.raises(ScenarioError) as err:
        scenario_with(tmp_path, typo)
    lines = str(err.value).splitlines()
    assert "initial_presense" in lines[0] and len(lines) >= 2


def test_a_policy_that_drops_a_deployment_and_keeps_its_later_drawdowns_is_noted(tmp_path, capsys):
    """A held-out case's no-surge policy dropped the surge and kept the surge's drawdowns: they took 33,000 troops
    from the force that stayed (62,000 down to 29,000) and the result read as 'no surge'."""
    from flashpoint.cli import main
    from flashpoint.scenario.entries import kept_drawdowns

    def surge_then_leave(d):
        arriving(d, present=0.5, date="2020-06-01", fraction=0.5)
        d["schedule"].append(dict(ENTRY, id="coalition_leaves", date="2021-03-01", type="coalition_drawdown",
                                  actor="coalition", target="iraq_gov", cameo="087", fraction=0.5))
        d["policies"]["no-arrival"] = {"description": "no arrival", "drop": ["coalition_arrives"]}
        d["policies"]["neither"] = {"description": "neither", "drop": ["coalition_arrives", "coalition_leaves"]}

    sc = scenario_with(tmp_path, surge_then_leave)
    assert kept_drawdowns(sc) == [("no-arrival", ["coalition_arrives"], ["coalition_leaves"])]
    assert main(["scenario", "validate", str(tmp_path / "s.yaml")]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert ("note: policy no-arrival drops deployment coalition_arrives but keeps the later drawdown(s) "
            "coalition_leaves of the same party") in err
    assert "policy neither drops" not in err


@pytest.mark.parametrize("in_theatre, said", [
    (True, "no attack falls on israel, held there only by forces never there, unless a policy deploys it"),
    (False, "israel, held outside the theatre (in_theatre: false), is attacked whatever its presence\n")])
def test_a_force_never_there_is_said_to_draw_no_attacks_only_on_its_targets_in_the_theatre(tmp_path, capsys,
                                                                                           in_theatre, said):
    """Two held-out cases' foreign powers never in the theatre were said to draw no attack while every attack fell on
    their homelands, declared outside the theatre."""
    import yaml

    from flashpoint.cli import main
    from flashpoint.scenario.loader import resolve

    d = yaml.safe_load(resolve("red-sea-2023")[1])
    israel = next(a for a in d["actors"] if a["id"] == "israel")
    israel["attributes"]["initial_presence"] = {"value": 0.0, "unit": "share", "range": [0, 1], "source": "test"}
    next(t for t in d["targets"] if t["id"] == "israel")["in_theatre"] = in_theatre
    aimed = {e["id"] for e in d["schedule"] if e["type"] == "proxy_attack" and "israel" in (e["target"], e.get(
        "attack_targets"))}
    d["schedule"] = [e for e in d["schedule"] if e["id"] not in aimed and not aimed & set(e.get("requires", []))]
    (tmp_path / "rs.yaml").write_text(yaml.safe_dump(d, sort_keys=False))
    assert main(["scenario", "validate", str(tmp_path / "rs.yaml")]) == 0
    err = capsys.readouterr().err
    assert ("note: israel is never in the theatre (attributes.initial_presence 0 and no deployment entry): "
            + said) in err


def test_a_schedule_entry_broken_by_a_policys_own_moves_names_the_policy(tmp_path):
    """A held-out designer's policy deployed troops early, and the error named the historical deployment after it,
    not the policy: the designer would have edited the wrong entry."""
    import yaml

    red_sea_with(tmp_path)
    d = yaml.safe_load((tmp_path / "rs.yaml").read_text())
    d["policies"]["early-aspides"] = {"description": "test", "add": [
        dict(ENTRY, id="early", date="2024-01-01", type="deployment", actor="eu", target="eu", fraction=0.5,
             cameo="0874")]}
    (tmp_path / "early.yaml").write_text(yaml.safe_dump(d, sort_keys=False))
    with pytest.raises(ScenarioError) as err:
        flashpoint.load_scenario(tmp_path / "early.yaml")
    said = " ".join(str(err.value).split())
    assert "deployment aspides on 2024-02-19 brings" in said
    assert "(only under policy 'early-aspides', whose own entries move the forces before it)" in said
