"""Held-out findings on the foreign forces' presence (a share of the declared troops) and on truces: a lone foreign
power's troops that weigh nothing, a force never in the theatre that dilutes coalition_presence, and a truce whose
attack targets no foreign party holds."""
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

import flashpoint
from flashpoint.cli import main
from flashpoint.errors import ScenarioError

DOC = Path(__file__).resolve().parents[2] / "docs" / "writing-a-scenario.md"


def pocket() -> dict:
    """The tutorial's pocket-red-sea (docs/writing-a-scenario.md): one foreign power (usa, 8 warships, no move)."""
    text = "\n".join(m.group(1) for m in re.finditer(r"^```yaml\n(.*?)^```", DOC.read_text(), re.M | re.S))
    d = yaml.safe_load(text)
    builtin = flashpoint.load_scenario("red-sea-2023")
    d["mechanisms"] = {k: m.model_dump(mode="json", exclude_defaults=True) for k, m in builtin.mechanisms.items()}
    d["mechanisms"]["decapitation"].update(enabled=False, reason="test")
    return d


def write(tmp_path, doc, name="s.yaml") -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return str(path)


def test_a_lone_foreign_powers_troops_are_noted_and_a_setting_of_them_refused(tmp_path, capsys):
    """A held-out analyst's one force gave the same attacks and coalition_presence at 3 and 6 divisions: presence
    is a share of its own troops, and validate said nothing (the note was kept for two parties or more)."""
    d = pocket()
    d["attacks"]["exposure"].update(value=0.5)              # attacks follow its presence: still a share
    path = write(tmp_path, d)
    sc = flashpoint.load_scenario(path)
    a, b = (flashpoint.simulate(sc, runs=3, seed=1, overrides={"usa.troops": [v] * 3}) for v in (4.0, 15.0))
    assert (a.total("attacks_on_foreign_forces") == b.total("attacks_on_foreign_forces")).all()
    assert (a.total("coalition_presence") == b.total("coalition_presence")).all()
    assert main(["scenario", "validate", path]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "note: usa.troops weighs nothing: usa is the one foreign party" in err, err
    assert main(["run", "--scenario", path, "--runs", "2", "--set", "usa.troops=4"]) != 0
    err = " ".join(capsys.readouterr().err.split())
    assert "--set: usa.troops weighs nothing" in err and "the setting would change nothing" in err, err
    with pytest.raises(ScenarioError, match="usa.troops weighs nothing"):          # Python's single value too
        flashpoint.simulate(sc, runs=2, overrides={"usa.troops": 4.0})
    assert main(["run", "--scenario", path, "--runs", "2", "--set", "usa.troops=8"]) != 0   # (its own value)
    capsys.readouterr()
    from flashpoint.web.catalog import parameters      # the page's slider is locked with the reason
    slider = next(p for p in parameters(sc)["parameters"] if p["name"] == "usa.troops")
    assert set(slider["idle"]) == set(sc.policies) and "weighs nothing" in slider["idle"]["historical"]
    d["policies"]["early-strikes"]["set"] = {"usa.troops": 10}             # a policy's setting: refused
    with pytest.raises(ScenarioError, match="policy 'early-strikes' sets usa.troops, which weighs nothing"):
        flashpoint.load_scenario(write(tmp_path, d, "p.yaml"))
    del d["policies"]["early-strikes"]["set"]
    # a deployment given in troops: its share is that number over the strength, which then weighs
    d["actors"][0]["attributes"]["initial_presence"] = {"value": 0.5, "unit": "share", "range": [0.5, 0.5],
                                                        "source": "test"}
    d["schedule"].append({"id": "more", "date": "2024-03-01", "type": "deployment", "actor": "usa",
                          "target": "usa", "troops": 2, "cameo": "154", "description": "test", "source": "test"})
    path = write(tmp_path, d, "m.yaml")
    assert main(["scenario", "validate", path]) == 0
    assert "weighs nothing" not in capsys.readouterr().err
    assert main(["run", "--scenario", path, "--runs", "2", "--set", "usa.troops=6"]) == 0
    assert "weighs nothing" not in capsys.readouterr().err


def test_two_foreign_parties_troops_are_refused_only_where_no_force_moves(tmp_path, capsys):
    """With a second party, a party's troops weigh its share of the declared force (coalition_presence) where a
    force moves; in red-sea-2023 none does (every force there from start to end, M6 off), so they weigh nothing."""
    assert main(["run", "--scenario", "red-sea-2023", "--runs", "2", "--set", "usa.troops=10"]) == 2
    assert "--set: usa.troops weighs nothing: no deployment or drawdown" in " ".join(capsys.readouterr().err.split())
    d = yaml.safe_load(flashpoint.scenario.loader.resolve("red-sea-2023")[1])
    d["schedule"].append({"id": "uk_out", "date": "2024-03-01", "type": "coalition_drawdown", "actor": "uk",
                          "target": "uk", "fraction": 1.0, "cameo": "087", "description": "test", "source": "test"})
    assert main(["run", "--scenario", write(tmp_path, d), "--runs", "2", "--set", "usa.troops=10"]) == 0
    assert "weighs nothing" not in capsys.readouterr().err


def test_a_force_never_in_the_theatre_that_holds_coalition_presence_below_1_is_noted(tmp_path, capsys):
    """A held-out student's air force, flying from abroad (200 troops declared, initial_presence 0, no deployment),
    held coalition_presence at 0.968 at most with every other soldier there, unsaid."""
    d = pocket()
    d["actors"].insert(1, {"id": "uk", "name": "UK aircraft flying from abroad", "kind": "foreign_power",
                           "cameo": "GBRMIL", "attributes": {
                               "troops": {"value": 2, "unit": "warships", "range": [1, 4], "source": "test"},
                               "initial_presence": {"value": 0.0, "unit": "share", "range": [0, 0], "source": "test"}}})
    path = write(tmp_path, d)
    ens = flashpoint.simulate(path, runs=2, seed=1)
    assert float(ens.data["presence_total"].max()) == pytest.approx(0.8)        # 8 of 10 declared troops
    assert main(["scenario", "validate", path]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert ("note: uk, never in the theatre, declare(s) 2 of the foreign side's 10 troops (attributes.troops): "
            "coalition_presence is the share of the declared foreign force there, so it is at most 0.8 on any "
            "day") in err
    d["actors"][1]["attributes"]["troops"].update(value=0, range=[0, 0])       # what the note says to write
    path = write(tmp_path, d, "z.yaml")
    assert main(["scenario", "validate", path]) == 0
    assert "never in the theatre, declare" not in capsys.readouterr().err
    assert float(flashpoint.simulate(path, runs=2, seed=1).data["presence_total"].max()) == pytest.approx(1.0)


def test_a_truce_toward_the_host_names_the_host_and_a_foreign_target_holding_none_is_refused(tmp_path):
    """A held-out student's ceasefire toward the host, on a target no foreign party holds, could only be written with
    a foreign power as target: it changed nothing and the event record dated a truce toward that power."""
    from tests.core.test_targets import load, with_targets

    doc = with_targets()
    truce = next(e for e in doc["schedule"] if e["type"] == "suspension")
    truce.update(attack_targets=["ships"])
    with pytest.raises(ScenarioError, match=r"target 'usa' holds none of the suspension's attack targets \(ships\): "
                                            r"the event record would date a truce toward usa; name the side the truce "
                                            r"is toward: the host \(iraq_gov\) for ships, held by no foreign party"):
        load(doc, tmp_path)
    truce["target"] = "iraq_gov"                             # what the refusal says to write
    sc = load(doc, tmp_path, "host.yaml")
    ens = flashpoint.simulate(sc, runs=2, seed=1, events=True)
    log = ens.events()
    rows = log[pd.to_datetime(log["date"]) == pd.Timestamp(truce["date"])]
    rows = rows[rows["cameo_code"].astype(str) == str(truce["cameo"])]
    assert len(rows) and set(rows["target_actor"]) == {"iraq_gov"}, rows
    covered = next(se for se in ens.entries if se.entry.id == truce["id"]).aimed_at      # the truce covers the ships
    assert covered.tolist() == [0.0, 0.0, 1.0]                                           # (bases, convoys, ships)
    truce["attack_targets"] = ["convoys"]                     # the US's: the host holds none of them
    with pytest.raises(ScenarioError, match=r"target 'iraq_gov' \(host_executive\) holds none of the suspension's "
                                            r"attack targets \(convoys, each a foreign party's\)"):
        load(doc, tmp_path, "c.yaml")
    truce.update(target=["usa", "iraq_gov"], attack_targets=["convoys", "ships"])      # both sides, each its own
    load(doc, tmp_path, "both.yaml")


def test_a_force_of_no_declared_troops_is_there_as_its_presence_says():
    """Weighted by 0 troops, a party that was there read as gone (0 / 0 taken as 0): with any exposure above 0 the
    attacks on its target went, while at exposure 0 they came in full. Where no party of a group declares troops,
    the group's presence is the plain mean of theirs."""
    from flashpoint.engine.forces import total, weighted

    presence = np.array([[1.0, 1.0], [0.0, 1.0], [0.5, 0.0]])             # (runs, parties)
    np.testing.assert_allclose(total({"party.troops": np.array([[0.0, 0.0]])}, presence)[:, 0], [1.0, 0.5, 0.25])
    troops = np.array([[3.0, 0.0]])
    np.testing.assert_allclose(total({"party.troops": troops}, presence)[:, 0], [1.0, 0.0, 0.5])   # troops weigh
    owners = np.array([[True, False], [False, True], [True, True], [False, False]])            # (groups, parties)
    np.testing.assert_allclose(weighted(presence, troops, owners), [[1, 1, 1, 0], [0, 1, 0, 0], [0.5, 0, 0.5, 0]])
