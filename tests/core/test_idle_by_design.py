"""Held-out findings on settings that change nothing by how the scenario is built (``parameters.idle_by_design``):
parameters that act only through strikes where none can fall, the foreign parties' troops and attacks.exposure where
every force holds its start. Each is refused by --set, a policy's set, Python's single value and the web page, left
out of calibrate's default parameters, and taken where something could move it."""
import warnings

import pytest

import flashpoint
from flashpoint.cli import main
from flashpoint.errors import FlashpointNote, ScenarioError

from tests.core.test_presence_share import pocket, write

DRAWDOWN = {"id": "half_out", "date": "2024-03-01", "type": "coalition_drawdown", "actor": "usa", "target": "usa",
            "fraction": 0.5, "cameo": "087", "description": "test", "source": "test"}


def strikeless() -> dict:
    """The tutorial's pocket with no strike: the response rule's probabilities 0, no foreign_strike entry."""
    d = pocket()
    d["schedule"] = [e for e in d["schedule"] if e["type"] != "foreign_strike"]
    for name in ("strike_prob_after_lethal", "strike_prob_after_wounding", "strike_prob_per_attack"):
        d["response"][name]["value"] = 0.0
    d["policies"] = {"historical": d["policies"]["historical"], "early-strikes": d["policies"]["early-strikes"]}
    d["claims"] = []
    return d


def run(path, *args) -> int:
    return main(["run", "--scenario", path, "--runs", "2", "--seed", "1", *args])


def test_strike_parameters_are_refused_where_no_strike_can_fall(tmp_path, capsys):
    """A held-out historian's reprisal and deterrence per strike, with every strike probability 0 and no
    foreign_strike entry, were taken by --set, live on the page and fitted by calibrate: each changed nothing."""
    d = strikeless()
    path = write(tmp_path, d)
    sc = flashpoint.load_scenario(path)
    for name in ("deterrence.deterrence_per_strike", "deterrence.backlash_per_strike", "reprisal.excitation_per_strike"):
        assert run(path, "--set", f"{name}=0.02") == 2
        err = " ".join(capsys.readouterr().err.split())
        assert f"--set: {name} acts only through strikes, and none can fall" in err, err
        assert "Traceback" not in err
    with pytest.raises(ScenarioError, match="reprisal.excitation_per_strike acts only through strikes"):
        flashpoint.simulate(sc, runs=2, seed=1, overrides={"reprisal.excitation_per_strike": 0.02})
    flashpoint.simulate(sc, runs=2, seed=1, overrides={"reprisal.excitation_per_strike": [0.01, 0.02]})  # a design's
    from flashpoint.web.catalog import parameters
    slider = next(p for p in parameters(sc)["parameters"] if p["name"] == "deterrence.deterrence_per_strike")
    assert set(slider["idle"]) == set(sc.policies) and "none can fall" in slider["idle"]["historical"]
    from flashpoint.calibration.problem import default_parameters
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        names = default_parameters(sc)
    assert "reprisal.excitation_per_strike" not in names and "reprisal.excitation_per_attack" in names
    said = " ".join(str(w.message) for w in caught if issubclass(w.category, FlashpointNote))
    assert "nothing in the runs depends on them: reprisal.excitation_per_strike, " in said, said
    assert "(each acts only through strikes, and none can fall" in said, said
    with pytest.raises(ScenarioError, match="nothing in the runs depends on it"):        # named for the fit: refused
        from flashpoint.calibration.problem import _refuse_idle
        _refuse_idle(sc, "historical", ["deterrence.backlash_per_strike"])
    d["policies"]["early-strikes"]["set"] = {"deterrence.backlash_per_strike": 0.02}       # a policy's own setting
    with pytest.raises(ScenarioError, match="policy 'early-strikes' sets deterrence.backlash_per_strike, which acts"):
        flashpoint.load_scenario(write(tmp_path, d, "p.yaml"))


ONE_STRIKE = {"id": "one_strike", "date": "2024-02-01", "type": "foreign_strike", "actor": "usa", "target": "houthis",
              "waves": 3, "cameo": "195", "description": "test", "source": "test"}


def test_a_strike_the_policy_drops_lets_none_fall(tmp_path, capsys):
    """An outside tester's --set deterrence.deterrence_per_strike under iraq-2020's restraint (every strike
    probability 0, every strike entry dropped) ran byte for byte as the defaults: a foreign_strike entry counted
    wherever it was, though the policy dropped it. And zeal, which only scales deterrence, changed nothing where
    deterrence stays 0 (no strike, no threat)."""
    d = strikeless()
    d["schedule"].append(ONE_STRIKE)
    d["policies"]["restraint"] = {"description": "No strike.", "drop": ["one_strike"]}
    path = write(tmp_path, d)
    assert run(path, "--set", "reprisal.excitation_per_strike=0.02") == 0           # historical: the strike falls
    assert run(path, "--set", "houthis.zeal=0.9") == 0
    assert run(path, "--policy", "restraint", "--set", "reprisal.excitation_per_strike=0.02") == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "reprisal.excitation_per_strike acts only through strikes, and none can fall" in err, err
    assert run(path, "--policy", "restraint", "--set", "houthis.zeal=0.9") == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "houthis.zeal only scales how far deterrence lowers the faction's attacks, and deterrence stays 0" in err
    compared = ["--policies", "historical,restraint", "--out", str(tmp_path / "c")]     # taken, not in restraint's runs
    assert main(["compare", "--scenario", path, *compared, "--runs", "2", "--seed", "1",
                 "--set", "reprisal.excitation_per_strike=0.02"]) == 0
    d["schedule"].append({"id": "warning", "date": "2024-02-10", "type": "threat", "actor": "usa", "target": "houthis",
                          "cameo": "138", "description": "test", "source": "test"})
    assert run(write(tmp_path, d, "t.yaml"), "--policy", "restraint", "--set", "houthis.zeal=0.9") == 0   # threatened
    assert run(write(tmp_path, d, "t.yaml"), "--policy", "restraint", "--set", "deterrence.enabled=false",
               "--set", "houthis.zeal=0.9") == 2
    assert "M2 (deterrence) is off" in " ".join(capsys.readouterr().err.split())


def test_strike_parameters_are_taken_where_a_strike_can_fall(tmp_path, capsys):
    """A policy or the same call raising a strike probability, or a foreign_strike entry, lets strikes fall."""
    d = strikeless()
    d["policies"]["early-strikes"]["set"] = {"response.strike_prob_per_attack": 0.2,
                                             "deterrence.backlash_per_strike": 0.02}
    path = write(tmp_path, d)
    assert run(path, "--policy", "early-strikes", "--set", "reprisal.excitation_per_strike=0.02") == 0
    assert run(path, "--set", "response.strike_prob_after_lethal=0.5",
               "--set", "reprisal.excitation_per_strike=0.02") == 0
    d = strikeless()
    d["schedule"].append(ONE_STRIKE)
    assert run(write(tmp_path, d, "s.yaml"), "--set", "reprisal.excitation_per_strike=0.02") == 0
    assert "none can fall" not in capsys.readouterr().err


def two_forces() -> dict:
    """The pocket with a second foreign party, an ally that holds no target; no force moves, M6 off."""
    d = pocket()
    d["actors"].append({"id": "uk", "name": "UK warships", "kind": "ally", "cameo": "GBRMIL", "attributes": {
        "troops": {"value": 2, "unit": "warships", "range": [1, 6], "source": "test"}}})
    return d


def test_troops_are_noted_and_refused_where_no_force_moves(tmp_path, capsys):
    """A held-out analyst's two forces, with no deployment or drawdown at all, gave the same runs at any troops:
    validate said nothing (its note was kept for exposure above 0) and --set, Python and the page took them."""
    d = two_forces()
    path = write(tmp_path, d)
    sc = flashpoint.load_scenario(path)
    assert main(["scenario", "validate", path]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "note: usa.troops, uk.troops weigh nothing: no deployment or drawdown moves a foreign force" in err, err
    for name in ("usa.troops=10", "uk.troops=5"):
        assert run(path, "--set", name) == 2
        err = " ".join(capsys.readouterr().err.split())
        assert f"--set: {name.split('=')[0]} weighs nothing: no deployment or drawdown of any foreign party" in err
    with pytest.raises(ScenarioError, match="uk.troops weighs nothing"):
        flashpoint.simulate(sc, runs=2, seed=1, overrides={"uk.troops": 5.0})
    flashpoint.simulate(sc, runs=2, seed=1, overrides={"uk.troops": [3.0, 5.0]})            # a design's draws
    from flashpoint.web.catalog import parameters
    slider = next(p for p in parameters(sc)["parameters"] if p["name"] == "uk.troops")
    assert set(slider["idle"]) == set(sc.policies)
    d["policies"]["early-strikes"]["set"] = {"uk.troops": 5}                               # a policy's own setting
    with pytest.raises(ScenarioError, match="policy 'early-strikes' sets uk.troops, which weighs nothing"):
        flashpoint.load_scenario(write(tmp_path, d, "p.yaml"))
    d["policies"]["early-strikes"]["add"] = [DRAWDOWN]            # a policy that moves a force: its troops weigh there
    path = write(tmp_path, d, "m.yaml")
    assert run(path, "--policy", "early-strikes", "--set", "uk.troops=5") == 0
    assert run(path, "--set", "uk.troops=5") == 2
    capsys.readouterr()
    assert main(["scenario", "validate", path]) == 0
    assert "weigh nothing" not in capsys.readouterr().err


def test_exposure_is_refused_where_every_force_is_there_in_full(tmp_path, capsys):
    """A held-out analyst's exposure of 0.5, every force there in full on every day, gave the runs of 0: validate
    noted it, and --set and the page still took it."""
    d = pocket()
    path = write(tmp_path, d)
    sc = flashpoint.load_scenario(path)
    assert run(path, "--set", "attacks.exposure=0.5") == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "--set: attacks.exposure multiplies the attack rates by each target's presence ** exposure" in err, err
    with pytest.raises(ScenarioError, match="attacks.exposure multiplies"):
        flashpoint.simulate(sc, runs=2, seed=1, overrides={"attacks.exposure": 0.5})
    d["policies"]["early-strikes"]["add"] = [DRAWDOWN]
    path = write(tmp_path, d, "m.yaml")
    assert run(path, "--policy", "early-strikes", "--set", "attacks.exposure=0.5") == 0
    d = pocket()
    d["actors"][0]["attributes"]["initial_presence"] = {"value": 0.5, "unit": "share", "range": [0.2, 1.0],
                                                        "source": "test"}
    assert run(write(tmp_path, d, "h.yaml"), "--set", "attacks.exposure=0.5") == 0      # half there: it scales
    assert "multiplies the attack rates" not in capsys.readouterr().err


def test_iraq_2020_settings_are_still_taken():
    """The built-in cases strike, and iraq-2020 moves its forces: their settings of these parameters are all taken,
    under every policy that lets a strike fall (not iraq-2020's restraint and full-restraint, which drop every strike
    entry and set the rule's probabilities to 0), and the page's sliders of them are live (red-sea-2023's troops and
    exposure, no force moving there, are refused: test_presence_share, and below)."""
    from flashpoint.scenario.parameters import refuse_idle_settings
    from flashpoint.web.catalog import parameters

    strikeless = {("iraq-2020", "restraint"), ("iraq-2020", "full-restraint")}
    for case in ("iraq-2020", "red-sea-2023"):
        sc = flashpoint.load_scenario(case)
        moved = {f"{p.id}.troops": p.attributes["troops"].value for p in sc.foreign_parties} | {"attacks.exposure": 0.3}
        strike_only = {"deterrence.deterrence_per_strike": 0.02, "reprisal.excitation_per_strike": 0.01}
        names = {**strike_only, **(moved if case == "iraq-2020" else {})}
        for policy in sc.policies:
            for name, value in names.items():
                if (case, policy) in strikeless and name in strike_only:
                    with pytest.raises(ScenarioError, match="acts only through strikes, and none can fall"):
                        refuse_idle_settings(sc, [policy], {name: value})
                else:
                    refuse_idle_settings(sc, [policy], {name: value})
        idle = {p["name"]: p["idle"] for p in parameters(sc)["parameters"] if p["name"] in names}
        assert idle and all(set(v) == {p for c, p in strikeless if c == case and name in strike_only}
                            for name, v in idle.items()), idle
    with pytest.raises(ScenarioError, match="every foreign force is there in full"):    # israel's 0 troops included
        refuse_idle_settings(sc, ["historical"], {"attacks.exposure": 0.3})


def test_the_rules_strike_sizes_are_refused_where_the_rule_cannot_strike(tmp_path, capsys):
    """A held-out review: the response rule's strikes_per_response, lag_days, host_soil_share and
    host_killed_per_strike size only the rule's own strikes (a foreign_strike entry draws its own), yet were taken
    with every strike probability 0, in runs identical to the file's."""
    d = strikeless()
    d["schedule"].append(ONE_STRIKE)
    path = write(tmp_path, d)
    for name, value in (("response.strikes_per_response", 3), ("response.lag_days", 5),
                        ("response.host_soil_share", 0.2), ("response.host_killed_per_strike", 2)):
        assert run(path, "--set", f"{name}={value}") == 2
        err = " ".join(capsys.readouterr().err.split())
        assert f"--set: {name} sizes only the response rule's own strikes, and the rule cannot strike" in err, err
    assert run(path, "--set", "reprisal.excitation_per_strike=0.02") == 0    # the entry's strikes act through it
    assert run(path, "--set", "response.strike_prob_per_attack=0.3", "--set", "response.lag_days=5") == 0
    from flashpoint.calibration.problem import default_parameters
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        names = default_parameters(flashpoint.load_scenario(path))
    assert "response.lag_days" not in names and "reprisal.excitation_per_strike" in names


def test_the_rules_strike_sizes_are_refused_where_a_policy_or_the_call_sets_its_probabilities_to_0(tmp_path, capsys):
    """A held-out tester's case: the file's strike probabilities above 0 counted as "the rule can strike" before the
    settings were read, so under a policy setting all three to 0 (red-sea-2023's no-strikes, iraq-2020's restraint)
    or with all three set to 0 in the same call, response.lag_days and strikes_per_response ran, byte for byte the
    runs without them."""
    zeros = [a for n in ("strike_prob_after_lethal", "strike_prob_after_wounding", "strike_prob_per_attack")
             for a in ("--set", f"response.{n}=0")]
    for args in (["--scenario", "red-sea-2023", "--policy", "no-strikes"], ["--scenario", "iraq-2020", *zeros]):
        code = main(["run", *args, "--runs", "5", "--set", "response.lag_days=3", "--out", str(tmp_path / "o")])
        err = " ".join(capsys.readouterr().err.split())
        assert code == 2 and "response.lag_days sizes only the response rule's own strikes" in err, err
        assert not (tmp_path / "o").exists()
    with pytest.raises(ScenarioError, match="strikes_per_response sizes only the response rule's own strikes"):
        flashpoint.simulate("iraq-2020", policy="restraint", runs=5, overrides={"response.strikes_per_response": 8})
    # beside a policy whose rule strikes, compare runs it there and leaves it out of restraint's runs
    assert main(["compare", "--policies", "historical,restraint", "--prior", "--runs", "5", "--set",
                 "response.lag_days=3", "--format", "json"]) == 0
    d = strikeless()
    for name in ("strike_prob_after_lethal", "strike_prob_after_wounding", "strike_prob_per_attack"):
        d["response"][name]["value"] = 0.3
    d["policies"]["calm"] = {"description": "no strikes", "set": {
        "response.strike_prob_after_lethal": 0, "response.strike_prob_after_wounding": 0,
        "response.strike_prob_per_attack": 0, "response.lag_days": 5}}
    with pytest.raises(ScenarioError, match="policies.calm.set.response.lag_days"):
        flashpoint.load_scenario(write(tmp_path, d))
