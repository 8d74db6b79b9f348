"""A tactics entry changes the named factions' mix of attack modes from its date to its end, and nothing else.

Paired runs (same seed): the factions' attack counts are the same with and without the entry; inside its
window the named faction's attacks take the entry's mix, outside it and for the other factions the scenario's.
"""
import numpy as np
import pytest

import flashpoint
from flashpoint.errors import ScenarioError
from tests.core.test_entries import ENTRY, add_policy, scenario_with

RUNS, SEED = 1500, 5
WINDOW = ("2020-06-01", "2020-12-31")
#: every mode as harmful as every other, so that a change of mode changes no casualty, hence nothing downstream
SAME_HARM = {**{f"attacks.killed_per_attack.{m}": 0.01 for m in ("indirect_fire", "ied_convoy", "drone")},
             **{f"attacks.wounded_per_attack.{m}": 0.1 for m in ("indirect_fire", "ied_convoy", "drone")}}


def _drone_only(d, **entry):
    d["effects"]["drone_campaign"] = {"value": {"indirect_fire": 0.0, "ied_convoy": 0.0, "drone": 1.0},
                                      "unit": "share of attacks", "range": [0.0, 1.0], "source": "test"}
    add_policy(d, "drones", [dict(ENTRY, id="drones_kh", date=WINDOW[0], until=WINDOW[1], type="tactics",
                                  actor="kh", target="usa", mode_share="effects.drone_campaign", **entry)])


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    sc = scenario_with(tmp_path_factory.mktemp("tactics"), _drone_only)
    return {p: flashpoint.simulate(sc, policy=p, runs=RUNS, seed=SEED, overrides=SAME_HARM)
            for p in ("historical", "drones")}


def _modes(ens, faction, start, end):
    return {m: int(ens.total(f"attacks_on_foreign_forces.{faction}.{m}", start, end).sum())
            for m in ("indirect_fire", "ied_convoy", "drone")}


def test_the_named_faction_takes_the_mix_inside_its_window(runs):
    inside = _modes(runs["drones"], "kh", *WINDOW)
    assert inside["drone"] > 0 and inside["indirect_fire"] == 0 and inside["ied_convoy"] == 0
    before = _modes(runs["drones"], "kh", "2020-02-10", "2020-05-31")
    assert before["indirect_fire"] > 0 and before["ied_convoy"] > 0 == before["drone"]   # the schedule's mix before


def test_only_modes_change(runs):
    same, changed = runs["historical"], runs["drones"]
    for faction in same.proxies:
        np.testing.assert_array_equal(same.total(f"attacks_on_foreign_forces.{faction}"),
                                      changed.total(f"attacks_on_foreign_forces.{faction}"))
    for faction in ("aah", "badr"):                                # the others keep their mix
        assert _modes(same, faction, *WINDOW) == _modes(changed, faction, *WINDOW)
    after = ("2021-01-01", "2021-12-31")
    assert _modes(same, "kh", *after) == _modes(changed, "kh", *after)


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["effects"]["drone_campaign"]["value"].pop("drone"), "one share per attack mode"),
    (lambda d: d["policies"]["drones"]["add"][0].update(mode_share="effects.nothing"), "unknown parameter"),
    (lambda d: d["policies"]["drones"]["add"][0].update(actor="usa"), "must be a proxy"),
    (lambda d: d["policies"]["drones"]["add"][0].pop("mode_share"), "needs `mode_share`"),
    (lambda d: d["effects"]["drone_campaign"].update(range=[0.0, 2.0]), "goes beyond [0, 1]"),
])
def test_a_wrong_tactics_entry_is_refused_at_its_field(tmp_path, change, expected):
    def changes(d):
        _drone_only(d)
        change(d)
    with pytest.raises(ScenarioError, match=expected.replace("[", r"\[").replace("]", r"\]").replace("`", ".")):
        scenario_with(tmp_path, changes)


def test_mode_share_on_another_entry_type_is_refused(tmp_path):
    def changes(d):
        _drone_only(d)
        d["schedule"][0]["mode_share"] = "effects.drone_campaign"
    with pytest.raises(ScenarioError, match="does not apply"):
        scenario_with(tmp_path, changes)


def test_a_target_with_its_own_mix_keeps_it(tmp_path):
    """A theatre whose warships have their own mix: a change of repertoire reaches the attacks on the targets it
    names (attack_targets), or those its target parties hold, except a target with its own mix (a held-out case's
    entry naming another party changed the attacks on every target). One aimed only at targets with their own
    mix would change nothing, and is refused (a held-out field audit: it validated and ran as the schedule)."""
    from flashpoint.scenario.loader import resolve

    import yaml
    d = yaml.safe_load(resolve("red-sea-2023")[1])
    d["effects"]["boats_only"] = {"value": {"missile": 0.0, "drone": 0.0, "boat": 1.0, "seizure": 0.0},
                                  "unit": "share of attacks", "range": [0.0, 1.0], "source": "test"}
    d["policies"]["boats"] = {"description": "boats", "drop": [], "add": [dict(
        ENTRY, id="boats", date="2024-01-01", type="tactics", actor="houthis", target="usa",
        attack_targets=["shipping", "us_navy"], mode_share="effects.boats_only")]}
    path = tmp_path / "rs.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    ens = flashpoint.simulate(flashpoint.load_scenario(path), policy="boats", runs=200, seed=3)
    window = ("2024-01-01", "2024-12-31")
    on_ships = {m: ens.total(f"attacks_on_foreign_forces.shipping.{m}", *window).sum() for m in ("missile", "boat")}
    on_navy = {m: ens.total(f"attacks_on_foreign_forces.us_navy.{m}", *window).sum() for m in ("missile", "boat")}
    assert on_ships["boat"] > 0 and on_ships["missile"] == 0
    assert on_navy["missile"] > 0 and on_navy["boat"] == 0      # targets.us_navy.mode_share has no boats
    for aim, field in (({"target": "usa"}, "target"), ({"target": "usa", "attack_targets": "us_navy"},
                                                       "attack_targets"), ({"target": "israel"}, "target")):
        d["policies"]["boats-on-us"] = {"description": "the US's targets only", "drop": [], "add": [dict(
            ENTRY, id="boats_us", date="2024-01-01", type="tactics", actor="houthis", mode_share="effects.boats_only",
            **aim)]}
        path.write_text(yaml.safe_dump(d, sort_keys=False))
        with pytest.raises(ScenarioError, match=rf"add\[0\]\.{field}: the tactics is aimed at attack target\(s\) "
                                                r"(us_navy|israel), each with its own mode_share, .*: the tactics would "
                                                "change nothing"):
            flashpoint.load_scenario(path)


def test_every_mode_set_to_zero_is_refused():
    """A held-out user's --set of every share to 0 ran on an arbitrary mix, unsaid."""
    from flashpoint.errors import FlashpointError

    zero = {f"attacks.mode_share.{m}": 0.0 for m in ("indirect_fire", "ied_convoy", "drone")}
    with pytest.raises(FlashpointError, match="shares sum to 0"):
        flashpoint.simulate("iraq-2020", runs=4, seed=0, overrides=zero)
    tactics = {f"effects.drone_campaign.{m}": 0.0 for m in ("indirect_fire", "ied_convoy", "drone")}
    with pytest.raises(FlashpointError, match="effects.drone_campaign: the shares sum to 0"):   # a tactics entry's
        flashpoint.simulate("iraq-2020", runs=4, seed=0, overrides=tactics)     # mix ran as every mode alike, unsaid
    ships = {f"targets.us_navy.mode_share.{m}": 0.0 for m in ("missile", "drone", "boat", "seizure")}
    with pytest.raises(FlashpointError, match="targets.us_navy.mode_share: the shares sum to 0"):
        flashpoint.simulate("red-sea-2023", runs=4, seed=0, overrides=ships)


def test_a_change_against_the_host_names_the_host_and_a_foreign_target_holding_none_is_refused(tmp_path):
    """A held-out historian's guerrilla army turning to positional war against the host's army (an attack target no
    foreign party holds) could only be written with a foreign power as target, whichever one: a label only. The
    host's side may be named for the targets no foreign party holds, as for a truce toward it; a target holding none
    of those named is refused."""
    from tests.core.test_targets import load, with_targets

    doc = with_targets()
    doc["effects"]["drone_campaign"] = {"value": {"indirect_fire": 0.0, "ied_convoy": 0.0, "drone": 1.0},
                                        "unit": "share of attacks", "range": [0.0, 1.0], "source": "test"}
    change = dict(ENTRY, id="drones_kh", date=WINDOW[0], until=WINDOW[1], type="tactics", actor="kh",
                  target="usa", mode_share="effects.drone_campaign", attack_targets=["ships"])
    doc["schedule"].append(change)
    refused = (r"target 'usa' holds none of the tactics entry's attack targets \(ships\): the change of repertoire "
               r"is not against usa; name the side it is against: the host \(iraq_gov\) for ships, held by no "
               r"foreign party")
    with pytest.raises(ScenarioError, match=refused):
        load(doc, tmp_path)
    change["target"] = "iraq_gov"                              # what the refusal says to write
    sc = load(doc, tmp_path, "host.yaml")
    ens = flashpoint.simulate(sc, runs=20, seed=1)
    on = {m: int(ens.total(f"attacks_on_foreign_forces.ships.kh.{m}", *WINDOW).sum())
          for m in ("indirect_fire", "ied_convoy", "drone")}
    assert on["drone"] > 0 and on["indirect_fire"] == on["ied_convoy"] == 0, on      # kh on the host's posts: drones
    bases = int(ens.total("attacks_on_foreign_forces.bases.kh.drone", *WINDOW).sum())
    assert bases < int(ens.total("attacks_on_foreign_forces.bases.kh", *WINDOW).sum())  # its others keep their mix
    change["attack_targets"] = ["convoys"]                      # the US's: the host holds none of them
    with pytest.raises(ScenarioError, match=r"target 'iraq_gov' \(host_executive\) holds none of the tactics "
                                            r"entry's attack targets \(convoys, each a foreign party's\)"):
        load(doc, tmp_path, "c.yaml")
    del change["attack_targets"]
    with pytest.raises(ScenarioError, match=r"a tactics toward iraq_gov \(host_executive\) covers the attack targets "
                                            r"no foreign party holds that attack_targets names: name them there "
                                            r"\(declared: ships\)$"):
        load(doc, tmp_path, "n.yaml")
