"""One response rule per foreign party: a scenario that gives a response parameter per party lets each
answer the attacks on the targets it holds (and on targets no party holds) with its own probabilities,
and credits each with its strikes (``foreign_strikes_by_party``). A scenario that gives one number keeps
the one rule, the first foreign power's, and its numbers (tests/core/test_targets.py)."""
import numpy as np
import pytest
import yaml

import flashpoint
from flashpoint.errors import ScenarioError
from flashpoint.scenario.loader import resolve

RULE = ("strike_prob_after_lethal", "strike_prob_after_wounding", "strike_prob_per_attack")


def red_sea(israel: float, roe: bool = False) -> dict:
    """red-sea-2023 with a rule per party: the US's as declared, none for the UK and the EU, and Israel answering
    each attack on its territory with probability ``israel``."""
    doc = yaml.safe_load(resolve("red-sea-2023")[1])
    for name in RULE:
        q = doc["response"][name]
        q["value"] = {"usa": q["value"], "uk": 0.0, "eu": 0.0, "israel": israel if name == "strike_prob_per_attack" else 0.0}
    next(t for t in doc["targets"] if t["id"] == "israel")["answered"]["value"] = 1.0
    doc["policies"] = {"historical": doc["policies"]["historical"]}
    doc["claims"] = []
    if roe:
        doc["schedule"].append({"id": "israel_holds", "date": str(doc["start"]), "until": str(doc["end"]),
                                "type": "rules_of_engagement", "actor": "israel", "target": "houthis", "scale": 0.0,
                                "cameo": "0871", "description": "test", "source": "test"})
    return doc


def simulate(doc, tmp_path, name="s.yaml", **kw):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return flashpoint.simulate(flashpoint.load_scenario(path), runs=kw.pop("runs", 200), seed=3, **kw)


def test_a_party_answers_attacks_on_its_own_target_and_is_credited(tmp_path):
    quiet, answering = simulate(red_sea(0.0), tmp_path), simulate(red_sea(0.2), tmp_path, "b.yaml")
    party = quiet.axes["party"].index("israel")
    scheduled = quiet.data["strikes_by_party"][..., party].sum(axis=(0, 2))      # per run: its scheduled rounds
    assert (scheduled == answering.data["strikes_by_party"][..., party].sum(axis=(0, 2))).mean() < 0.05
    assert answering.total("foreign_strikes_by_party.israel").mean() > scheduled.mean() + 50
    assert (quiet.data["strikes_by_party"].sum(axis=3) == quiet.data["strikes"].sum(axis=3)).all()
    few = simulate(red_sea(0.2), tmp_path, "b.yaml", runs=5, events=True)
    events = few.events()
    # air strikes, and the scheduled strikes of another code (its mode is its code's, 697eccd: the boats the US
    # sank on 31 Dec 2023, CAMEO 190, have none)
    other = {e.location for e in few.spec.schedule if e.type == "foreign_strike" and e.cameo != "195"}
    waves = events[events["mode"].eq("airstrike") | (events["location"].isin(other) & events["cameo_code"].ne("195"))]
    assert len(waves) == few.total("foreign_strikes").sum()
    for who in few.axes["party"]:             # the event log says who struck
        assert (waves["source_actor"] == who).sum() == few.total(f"foreign_strikes_by_party.{who}").sum(), who


def test_rules_of_engagement_scale_their_actors_rule_only(tmp_path):
    """Israel's rules of engagement at 0 for the whole period give exactly the runs of Israel without a rule: the
    same draws, no answer; the US's rule answers as before."""
    held, quiet = simulate(red_sea(0.2, roe=True), tmp_path), simulate(red_sea(0.0), tmp_path, "b.yaml")
    for key in quiet.data:
        assert np.array_equal(held.data[key], quiet.data[key]), key
    assert held.total("foreign_strikes_by_party.usa").mean() > 100


def test_a_rule_per_party_names_every_party(tmp_path):
    doc = red_sea(0.2)
    del doc["response"]["strike_prob_per_attack"]["value"]["eu"]
    with pytest.raises(ScenarioError, match=r"response\.strike_prob_per_attack needs one value for each of "
                                            r"\['usa', 'israel', 'uk', 'eu'\] \(one number, or one value per foreign "
                                            r"party\); got \['israel', 'uk', 'usa'\]"):
        simulate(doc, tmp_path)


def test_with_one_rule_another_partys_rules_of_engagement_are_refused(tmp_path):
    doc = yaml.safe_load(resolve("red-sea-2023")[1])
    doc["schedule"].append({"id": "israel_holds", "date": str(doc["start"]), "until": str(doc["end"]),
                            "type": "rules_of_engagement", "actor": "israel", "target": "houthis", "scale": 0.0,
                            "cameo": "0871", "description": "test", "source": "test"})
    with pytest.raises(ScenarioError, match=r"one response rule is usa's .*'israel' has none to change.*per "
                                            r"foreign party"):
        simulate(doc, tmp_path)


def test_validate_says_whose_rules_there_are(tmp_path, capsys):
    from flashpoint.cli import main

    path = tmp_path / "keyed.yaml"
    path.write_text(yaml.safe_dump(red_sea(0.2), sort_keys=False))
    assert main(["scenario", "validate", str(path)]) == 0
    assert "a response rule for each of usa, israel, uk, eu" in capsys.readouterr().out
    assert main(["scenario", "validate", "red-sea-2023"]) == 0
    assert "one response rule (usa's)" in capsys.readouterr().out


def test_a_target_may_say_whose_rule_answers_the_attacks_on_it(tmp_path):
    """A held-out case's partner force (a target no party holds) was answered by every party's rule, Israel's
    too, and `answered: 0` silenced the US as well: the weight was per target. Per party, Israel's rule
    leaves the attacks on shipping alone while the US's answers them as before."""
    doc = red_sea(0.2)
    ship = next(t for t in doc["targets"] if t["id"] == "shipping")
    ship["answered"]["value"] = {"usa": 1.0, "uk": 0.0, "eu": 0.0, "israel": 1.0}
    both = simulate(doc, tmp_path)
    ship["answered"]["value"]["israel"] = 0.0
    us_only = simulate(doc, tmp_path, "b.yaml")
    israel = lambda e: e.total("foreign_strikes_by_party.israel").mean()  # noqa: E731
    assert israel(both) > israel(us_only) + 20
    del ship["answered"]["value"]["eu"]
    with pytest.raises(ScenarioError, match=r"target shipping: answered per party needs one value for each of"):
        simulate(doc, tmp_path, "c.yaml")
    one_rule = yaml.safe_load(resolve("red-sea-2023")[1])
    next(t for t in one_rule["targets"] if t["id"] == "shipping")["answered"]["value"] = {"usa": 1.0}
    with pytest.raises(ScenarioError, match=r"answered is one number with one response rule"):
        simulate(one_rule, tmp_path, "d.yaml")


def test_per_party_parameters_are_set_per_party_and_validate_says_what_stays_whole(tmp_path, capsys):
    """A held-out user wrote one parameter per party and the strike probabilities, left one number, became every
    party's (the coalition and Israel struck); a policy setting the one number was 'unknown'."""
    from flashpoint.cli import main

    doc = red_sea(0.2)
    path = tmp_path / "keyed.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    assert main(["scenario", "validate", str(path)]) == 0
    assert "response.strikes_per_response, response.lag_days, response.host_soil_share are one number, the same " \
           "for every party" in " ".join(capsys.readouterr().err.split())
    assert main(["run", "--scenario", str(path), "--runs", "5", "--set", "response.strike_prob_per_attack=0"]) == 2
    assert ("response.strike_prob_per_attack is given per key in this scenario (usa, uk, eu, israel): set each"
            in capsys.readouterr().err)


def test_a_mis_keyed_parameter_is_one_message_not_also_its_policy_settings(tmp_path):
    """A held-out user keyed a per-party value by faction: the right error, then a second one calling the policy's
    setting of israel's value 'unknown', which followed from the first."""
    doc = red_sea(0.2)
    doc["response"]["strike_prob_per_attack"]["value"] = {"houthis": 0.2}
    doc["policies"]["quiet"] = {"description": "test", "set": {"response.strike_prob_per_attack.israel": 0.0}}
    with pytest.raises(ScenarioError) as err:
        simulate(doc, tmp_path)
    assert "needs one value for each of" in str(err.value) and "unknown parameter" not in str(err.value)


def test_a_party_that_has_left_no_longer_answers_attacks_on_forces(tmp_path):
    """iraq-2020 (one implicit target: every party's forces) with the coalition's own rule and all its troops
    withdrawn on 1 March 2020: it strikes before, not after (a docs audit found 569 waves after)."""
    doc = yaml.safe_load(resolve("iraq-2020")[1])
    for name in RULE:
        q = doc["response"][name]
        q["value"] = {"usa": q["value"], "coalition": 0.5}
    doc["policies"] = {"historical": doc["policies"]["historical"]}
    doc["claims"] = []
    doc["schedule"] = [e for e in doc["schedule"] if e["id"] != "covid_drawdown_2020_03"]   # none left to leave
    doc["schedule"].append({"id": "coalition_leaves", "date": "2020-03-01", "type": "coalition_drawdown",
                            "actor": "coalition", "target": "iraq_gov", "fraction": 1.0, "cameo": "0874",
                            "description": "test", "source": "test"})
    ens = simulate(doc, tmp_path, runs=200)
    assert ens.total("foreign_strikes_by_party.coalition", "2019-10-01", "2020-02-29").sum() > 100
    assert ens.total("foreign_strikes_by_party.coalition", "2020-05-05", "2021-12-31").sum() == 0   # after the
    # strikes it decided before it left (at most 63 days of lag)
    assert ens.total("foreign_strikes_by_party.usa", "2020-03-03", "2021-12-31").sum() > 100
