"""The engine is not tied to iraq-2020: a scenario with other factions runs, and bad keys are named."""
import copy

import numpy as np
import pytest
import yaml

import flashpoint
from flashpoint.errors import ScenarioError
from flashpoint.scenario.loader import resolve


def builtin():
    return yaml.load(resolve("iraq-2020")[1], Loader=yaml.SafeLoader)


def without_badr(doc):
    doc = copy.deepcopy(doc)
    doc["name"] = "two-factions"
    doc["actors"] = [a for a in doc["actors"] if a["id"] != "badr"]
    doc["relations"] = [r for r in doc["relations"] if "badr" not in (r["from"], r["to"])]
    for entry in doc["schedule"]:     # entries that name badr among others
        for field in ("actor", "target"):
            if isinstance(entry[field], list):
                entry[field] = [t for t in entry[field] if t != "badr"]
    for q in list(doc["attacks"].values()) + list(doc["effects"].values()):
        for key in ("value", "range"):
            if isinstance(q[key], dict):
                q[key].pop("badr", None)
    return doc


def test_two_faction_scenario_runs(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text(yaml.safe_dump(without_badr(builtin()), sort_keys=False))
    ens = flashpoint.simulate(str(path), runs=30, seed=1)
    assert ens.proxies == ["kh", "aah"] and ens.sources == ["kh", "aah", "iran"]
    assert ens.total("attacks_on_foreign_forces").mean() > 10
    assert ens.daily("patron_control.aah").shape == (30, len(ens.dates))


def test_value_for_a_faction_that_is_not_in_the_scenario(tmp_path):
    doc = without_badr(builtin())
    doc["attacks"]["base_rate"]["value"]["badr"] = 0.01
    doc["attacks"]["base_rate"]["range"]["badr"] = [0, 0.1]
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    with pytest.raises(ScenarioError, match=r"attacks.base_rate needs one value for each of \['kh', 'aah'\]"):
        flashpoint.load_scenario(path)


def test_a_policy_can_be_added_as_data(tmp_path):
    doc = builtin()
    doc["policies"]["early-exit"] = {"description": "All US troops leave in June 2020.",
                                     "add": [{"id": "exit", "date": "2020-06-01", "type": "coalition_drawdown",
                                              "actor": "usa", "target": "isf", "cameo": "087", "fraction": 1.0,
                                              "description": "exit", "source": "policy"}]}
    path = tmp_path / "exit.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    ens = flashpoint.simulate(str(path), policy="early-exit", runs=20, seed=0)
    assert np.all(ens.total("coalition_presence.usa", "2020-07-01", "2020-07-31") == 0)
