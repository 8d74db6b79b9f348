"""Every entry type's target matters, and entries that name the wrong actors are refused at their line.

Paired runs (same seed): an entry aimed at one faction moves that faction's attacks and leaves the
others' unchanged; the file's fields are honoured or rejected, never silently ignored.
"""
import copy

import numpy as np
import pytest
import yaml

import flashpoint
from flashpoint.errors import ScenarioError
from flashpoint.scenario.entries import RULES
from flashpoint.scenario.loader import resolve

TEXT = resolve("iraq-2020")[1]
RUNS, SEED = 2000, 2
WINDOW = ("2020-06-01", "2021-12-31")


def doc():
    return yaml.safe_load(TEXT)


def scenario_with(tmp_path, changes, name="s.yaml"):
    d = doc()
    changes(d)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    return flashpoint.load_scenario(path)


def add_policy(d, name, entries=(), drop=()):
    d["policies"][name] = {"description": name, "add": list(entries), "drop": list(drop)}


#: the pathways by which what happens to one faction reaches the others: backlash spilling over from
#: strikes, partners leaving (fewer targets), the escalation ladder, consent lost at a decapitation
COUPLINGS = {"deterrence.backlash_spillover": 0.0, "coalition.enabled": False, "escalation.enabled": False,
             "consent.decapitation_cost": 0.0, "deterrence.threat_deterrence": 0.6}   # (a threat that shows)


def attacks(sc, policy):
    ens = flashpoint.simulate(sc, policy=policy, runs=RUNS, seed=SEED, overrides=COUPLINGS)
    return {f: ens.total(f"attacks_on_foreign_forces.{f}", *WINDOW) for f in ens.proxies}


ENTRY = {"cameo": "0871", "description": "test", "source": "test"}


@pytest.fixture(scope="module")
def targeted(tmp_path_factory):
    """Policies that add one entry aimed at badr alone, and the same without it."""
    def changes(d):
        add_policy(d, "order-badr", [dict(ENTRY, id="order_badr", date="2020-06-01", until="2021-12-31",
                                          type="patron_order", order="restrain", actor="iran", target="badr")])
        add_policy(d, "truce-badr", [dict(ENTRY, id="truce_badr", date="2020-06-01", type="suspension",
                                          actor="badr", target="usa", compliance=1.0, holds_days=10000)])
        add_policy(d, "shock-badr", [dict(ENTRY, id="shock_badr", date="2020-06-01", type="outside_shock",
                                          actor="iraq_gov", target="badr", size=2.0)])
        add_policy(d, "strike-badr", [dict(ENTRY, id="strike_badr", date="2020-06-01", type="foreign_strike",
                                           actor="usa", target="badr", waves=10, theatre="SYR", cameo="195")])
        add_policy(d, "kill-badr-leader", [dict(ENTRY, id="kill_badr", date="2020-06-01", type="decapitation",
                                                actor="usa", target="badr", scale=3.0, cameo="186")])
        add_policy(d, "sanction-badr", [dict(ENTRY, id="sanction_badr", date="2020-06-01", type="sanctions",
                                             actor="usa", target="badr", cameo="163")])
        add_policy(d, "threat-badr", [dict(ENTRY, id="threat_badr", date="2020-06-01", type="threat",
                                           actor="usa", target="badr", cameo="13")])
        d["attacks"]["base_rate"]["value"]["badr"] = 0.05          # so that badr attacks enough to see it
    return scenario_with(tmp_path_factory.mktemp("entries"), changes)


@pytest.fixture(scope="module")
def baseline(targeted):
    return attacks(targeted, "historical")


@pytest.mark.parametrize("policy, direction", [
    ("order-badr", -1), ("truce-badr", -1), ("shock-badr", +1), ("kill-badr-leader", -1), ("threat-badr", -1),
])
def test_an_entry_aimed_at_one_faction_reaches_only_that_faction(targeted, baseline, policy, direction):
    """With the coupling pathways cut, the targeted faction's attacks move by many standard errors and
    the others' stay within three (random streams desynchronise once the targeted faction attacks
    differently, so the others are compared in distribution)."""
    moved = attacks(targeted, policy)
    change = moved["badr"] - baseline["badr"]
    assert np.sign(change.mean()) == direction and abs(change.mean()) > 3 * change.std() / np.sqrt(RUNS), policy
    for faction in ("kh", "aah"):      # ten such comparisons in all: 3.5 standard errors keeps the family's
        d = moved[faction] - baseline[faction]      # chance of a false alarm near 0.5 % (3 gave 2.7 %)
        assert abs(d.mean()) <= 3.5 * d.std() / np.sqrt(RUNS), (policy, faction, d.mean())


def test_strikes_and_sanctions_on_one_faction_move_it_and_reach_the_others_only_through_their_pathways(
        targeted, baseline):
    """Strikes aggrieve the other factions (backlash_spillover); sanctions press the patron, who pushes all."""
    for policy, cut in (("strike-badr", COUPLINGS), ("sanction-badr", {**COUPLINGS, "pressure.enabled": False})):
        moved = attacks(targeted, policy)
        assert not np.array_equal(moved["badr"], baseline["badr"])
        base_cut = flashpoint.simulate(targeted, runs=RUNS, seed=SEED, overrides=cut)
        moved_cut = flashpoint.simulate(targeted, policy=policy, runs=RUNS, seed=SEED, overrides=cut)
        d = (moved_cut.total("attacks_on_foreign_forces.aah", *WINDOW)
             - base_cut.total("attacks_on_foreign_forces.aah", *WINDOW))
        assert abs(d.mean()) <= 3 * d.std() / np.sqrt(RUNS), (policy, d.mean())


def test_the_patrons_commander_reaches_every_faction_through_brokers_a_factions_commander_only_it(tmp_path):
    def changes(d):
        for e in d["schedule"]:
            if e["id"] == "decapitation_2020_01_03":
                e["target"] = "aah"          # only AAH's commander
        for c in d["claims"]:                # with no patron's commander killed, nothing acts on this (refused)
            c["parameters"] = [n for n in c.get("parameters", []) if n != "decapitation.successor_strength"]
    only_aah = scenario_with(tmp_path, changes)
    from flashpoint.engine import compile_world

    world = compile_world(only_aah, "historical", None, 1)
    se = [s for s in world.entries if s.entry.id == "decapitation_2020_01_03"][0]
    assert not se.patron_targeted and se.targets.tolist() == [0.0, 1.0, 0.0]
    sc = flashpoint.load_scenario("iraq-2020")
    se = [s for s in compile_world(sc, "historical", None, 1).entries
          if s.entry.id == "decapitation_2020_01_03"][0]
    assert se.patron_targeted and se.targets.tolist() == [1.0, 0.0, 0.0]     # Soleimani and KH's al-Muhandis


def test_a_drawdown_leaves_from_its_actor_and_a_temporary_one_comes_back(tmp_path):
    sc = flashpoint.load_scenario("iraq-2020")
    ens = flashpoint.simulate(sc, runs=5, seed=0, overrides={"coalition.enabled": False})
    partners = ens.daily("coalition_presence.coalition")[0]
    day = ens.dates.get_loc("2020-01-10")
    assert partners[day] == pytest.approx(1 - 300 / 2500)          # the NATO pause
    assert partners[ens.dates.get_loc("2020-02-20")] == pytest.approx(1.0)   # back after 12 Feb
    us = ens.daily("coalition_presence.usa")[0]
    assert us[ens.dates.get_loc("2020-09-10")] == pytest.approx(3000 / 5200, rel=1e-6)



def test_a_temporary_drawdown_brings_back_what_left_not_what_partners_had_taken_away(tmp_path):
    """Found by a held-out wargame designer: partners who had left on their own (M6) came back with a temporary
    drawdown's return, presence jumping from 0 to its full share."""
    def relocate(d):
        d["schedule"].append({"id": "relocation", "date": "2020-06-01", "until": "2021-06-30",
                              "type": "coalition_drawdown", "actor": "coalition", "target": "iraq_gov", "fraction": 0.6,
                              "cameo": "0874", "description": "test", "source": "test"})
    sc = scenario_with(tmp_path, relocate)
    ens = flashpoint.simulate(sc, runs=300, seed=4, overrides={"coalition.base_hazard": 0.01,
                                                               "alliance.usa.coalition": 0.3})
    partners = ens.daily("coalition_presence.coalition")
    before = partners[:, ens.dates.get_loc("2020-05-31")]
    gone = partners[:, ens.dates.get_loc("2020-06-01")]
    after = partners[:, ens.dates.get_loc("2021-07-01")]
    assert (before < 0.6).mean() > 0.2                                  # partners had left in many runs ...
    assert np.all(after <= before + 1e-6)                               # ... and none of them comes back
    assert np.all(gone <= np.maximum(before - 0.6, 0) + 1e-6)
    full = before >= 0.6                                                # where the relocation took all 0.6
    assert full.any() and np.all(after[full] >= gone[full] - 1e-6)


def test_host_demand_lowers_consent_and_only_strikes_on_host_soil_cost_it(tmp_path):
    sc = flashpoint.load_scenario("iraq-2020")
    base = flashpoint.simulate(sc, runs=50, seed=1)
    cut = flashpoint.simulate(sc, runs=50, seed=1, overrides={"consent.demand_cost": 0.0})
    d = base.total("host_consent", "2020-01-10", "2020-01-20") - cut.total("host_consent", "2020-01-10", "2020-01-20")
    assert (d < 0).all()

    def abroad(d):
        for e in d["schedule"]:
            if e["id"] == "us_strikes_2020_03_12":
                e["theatre"] = "SYR"
                e.pop("host_killed", None)      # no host dead abroad (the file may not say so: it is refused)
    moved = scenario_with(tmp_path, abroad)
    on_soil = flashpoint.simulate(sc, runs=50, seed=1, overrides={"response.strike_prob_after_lethal": 0})
    off_soil = flashpoint.simulate(moved, runs=50, seed=1, overrides={"response.strike_prob_after_lethal": 0})
    w = ("2020-03-12", "2020-03-20")
    assert (off_soil.total("host_consent", *w) > on_soil.total("host_consent", *w)).all()
    assert off_soil.total("host_killed_by_foreign_strikes", *w).sum() < on_soil.total("host_killed_by_foreign_strikes", *w).sum()


BAD = [
    ("decapitation of a spoiler", "decapitation_2020_01_03", {"target": "isis"},
     "the target of a decapitation entry must be a patron or proxy; 'isis' is a spoiler"),
    ("decapitation of a legislature", "decapitation_2020_01_03", {"target": "iraq_parliament"},
     "'iraq_parliament' is a host_legislature"),
    ("order to an actor the patron does not control", "qaani_order_2020_11", {"target": ["kh", "sadrists"]},
     "must be a proxy; 'sadrists' is a public"),
    ("a field that does not apply", "dialogue_2020_06_11", {"waves": 3}, "`waves` does not apply to a dialogue entry"),
    ("talks with a faction", "dialogue_2020_06_11", {"target": "kh"},     # a held-out field audit's ran, unchanged
     "the target of a dialogue entry must be a foreign_power or ally or host_executive or host_legislature; 'kh' is "
     "a proxy"),
    ("until after the end", "nuclear_talks_2021_04", {"until": "2022-06-30"}, "after the scenario's end"),
    ("unknown requires", "parliament_vote_2020_01_05", {"requires": ["no_such_entry"]}, "requires unknown entry"),
    ("a requirement dated later", "parliament_vote_2020_01_05", {"requires": ["kadhimi_2020_05_07"]},
     "dated 2020-05-07, after this entry"),
    ("an undeclared mode", "k1_attack_2019_12_27", {"mode": "rockets"}, "is not a declared attack mode"),
    ("a mode on the patron's strike", "missile_strike_2020_01_08", {"mode": "drone"},   # it also said that 'drone'
     "`mode` does not apply to a patron_direct_strike entry"),                     # was no declared mode (held-out)
    ("a list where one actor is expected", "host_demand_2020_01_10", {"actor": ["iraq_gov", "iraq_parliament"]},
     "names one actor, not a list"),
    ("a list of actors on an attack", "k1_attack_2019_12_27", {"actor": ["kh", "aah"]},   # a held-out case's
     "names one actor, not a list"),                                        # proxy_attack crashed (TypeError)
    ("a list of one actor on an attack", "k1_attack_2019_12_27", {"actor": ["kh"]}, "names one actor, not a list"),
    ("an effect size naming nothing", "truce_2020_10_10", {"compliance": "effects.nothing"},
     "names unknown parameter 'effects.nothing'"),
    ("the retired party field", "us_drawdown_2020_09", {"party": "us"}, "`party` is no longer used"),
    ("host dead of a strike abroad", "us_strikes_2019_12_29_syria", {"host_killed": 5},
     "host_killed counts the host's people killed on its own soil; this strike's theatre is SYR"),
    ("a country code in lower case", "us_strikes_2020_03_12", {"theatre": "irq"},
     "a country is its upper-case ISO code ('IRQ')"),
    ("a country by its name", "us_strikes_2020_03_12", {"theatre": "iraq"},   # a held-out case's `lebanon`
     "theatre 'iraq' names a country: write its ISO code 'IRQ'"),
    ("a foreign power's election", "election_2021_10_10", {"actor": "usa"},      # read as the host's by M10
     "the actor of an election entry must be a host_executive or host_legislature"),
    ("a parameter's name where a number is expected", "us_strikes_2020_03_12", {"waves": "effects.order_scale"},
     "waves takes a number, not a parameter's name: the fields a parameter can set are probability, scale"),
    ("a word where a number is expected", "us_strikes_2020_03_12", {"waves": "two"},    # a held-out designer's: the
     "holds_days, and a tactics entry's mode_share (an effect's name only"),         # docs named mode_share too
    ("an unknown requires given as one name", "parliament_vote_2020_01_05", {"requires": "no_such_entry"},
     "requires unknown entry"),      # one name is taken, as by `target` (a held-out case's was refused as no list)
    ("a toll past what an entry holds", "missile_strike_2020_01_08", {"killed": 26000},   # a held-out case's war
     "killed is at most 10,000 in one entry (a day's casualties are stored in 16 bits"),
    ("a CAMEO code not in the codebook", "us_strikes_2020_03_12", {"cameo": "999"},
     "'999' is not a code of the CAMEO codebook"),     # a held-out case's came out in events.csv, which import refused
]


@pytest.mark.parametrize("case, entry_id, change, words", BAD, ids=[b[0] for b in BAD])
def test_wrong_entries_are_refused_at_their_line(tmp_path, case, entry_id, change, words):
    d = doc()
    index = [e["id"] for e in d["schedule"]].index(entry_id)
    d["schedule"][index].update(change)
    text = yaml.safe_dump(d, sort_keys=False)
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as err:
        flashpoint.load_scenario(path)
    message = str(err.value)
    assert words in message, message
    assert "declared: \n" not in message + "\n", message        # no empty list of what it could have been
    line = int(message.split("line ")[1].split(":")[0])
    assert f"id: {entry_id}" in "\n".join(text.splitlines()[max(0, line - 16): line]), (line, message)


def test_cycles_duplicates_and_claims_are_refused(tmp_path):
    d = doc()
    ids = [e["id"] for e in d["schedule"]]
    d["schedule"][ids.index("decapitation_2020_01_03")]["requires"] = ["nato_pause_2020_01_04"]
    d["schedule"][ids.index("nato_pause_2020_01_04")]["date"] = "2020-01-03"
    path = tmp_path / "cycle.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    with pytest.raises(ScenarioError, match="requires forms a cycle"):
        flashpoint.load_scenario(path)
    d = doc()
    d["claims"].append(copy.deepcopy(d["claims"][0]))
    d["relations"].append(copy.deepcopy(d["relations"][0]))
    d["policies"]["restraint"]["add"] = [dict(ENTRY, id="k1_attack_2019_12_27", date="2020-02-01", type="marker",
                                              actor="usa", target="iran")]
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    with pytest.raises(ScenarioError) as err:
        flashpoint.load_scenario(path)
    message = str(err.value)
    for words in ("claim id 'H1' is used twice", "is declared twice", "an id the schedule already uses"):
        assert words in message, message


def test_every_entry_type_has_a_rule_and_a_meaning():
    from flashpoint.scenario.schema import EntryType

    assert set(RULES) == set(EntryType.__args__)
    assert all(rule.meaning for rule in RULES.values())


def test_an_entry_that_never_happens_moves_no_other_random_number(tmp_path):
    """Found by a held-out wargame designer: an order with probability 0 (or a marker with one under 1) drew its
    uniform from the mechanisms' stream, so every later draw moved: only 34% of runs kept AAH's attacks against
    the historical runs, where an order at scale 0 kept 100%. Each entry now draws from its own stream."""
    order = {"id": "maybe_order", "date": "2020-03-01", "until": "2020-06-01", "type": "patron_order",
             "actor": "iran", "target": "aah", "order": "restrain", "probability": 0.0, "cameo": "0871",
             "description": "test", "source": "test"}
    marker = {"id": "maybe_marker", "date": "2020-02-01", "type": "marker", "actor": "iran", "target": "usa",
              "probability": 0.5, "cameo": "0871",
              "description": "test", "source": "test"}
    sc = scenario_with(tmp_path, lambda d: add_policy(d, "mine", [order, marker]))
    a = flashpoint.simulate(sc, policy="historical", runs=300, seed=5)
    b = flashpoint.simulate(sc, policy="mine", runs=300, seed=5)
    assert 0 < b.happened_share()["maybe_marker"] < 1 and b.happened_share()["maybe_order"] == 0
    for k in a.data:
        np.testing.assert_array_equal(a.data[k], b.data[k], err_msg=k)


def test_a_strike_operation_strikes_every_day_to_its_until(tmp_path):
    """A held-out case's 17-day operation had to be written as one day (foreign_strike refused `until`)."""
    import pandas as pd

    from flashpoint import records

    d = doc()
    d["schedule"].append({"id": "operation", "date": "2020-08-01", "until": "2020-08-03", "type": "foreign_strike",
                          "actor": "usa", "target": "kh", "waves": 2, "theatre": "SYR", "cameo": "195",
                          "location": "test", "description": "test", "source": "test"})
    path = tmp_path / "op.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    quiet = {f"response.strike_prob_{k}": 0.0 for k in ("after_lethal", "after_wounding", "per_attack")}
    ens = flashpoint.simulate(flashpoint.load_scenario(path), runs=5, seed=0, overrides=quiet, events=True)
    daily = ens.series("foreign_strikes_by_party.usa", "D").loc["2020-07-31":"2020-08-04"]
    assert daily.to_numpy().tolist() == [[0] * 5, [2] * 5, [2] * 5, [2] * 5, [0] * 5]
    window = pd.Timestamp("2020-07-01"), pd.Timestamp("2020-08-02")
    assert records.scheduled_part(ens, "foreign_strikes.kh", *window) == 4
    events = ens.events()
    placed = events[(events["location"] == "test")]
    assert len(placed) == 6 * 5 and set(placed["source_actor"]) == {"usa"}
    assert set(placed["mode"]) == {"airstrike"}                        # its code, 195: aerial weapons


def test_the_host_dead_go_on_strikes_on_its_soil_and_the_log_says_where_a_strike_fell(tmp_path):
    """A held-out historian's raids across the border into the patron's country carried the host's dead in the
    event log (the day's dead went on the day's first wave, wherever it fell), and the log did not say where a
    strike fell. Now a scheduled strike's recorded host dead go on its wave, the rules' on a wave on the host's soil,
    none abroad; ``soil`` says where each wave fell, and the log still adds up to the indicators."""
    d = doc()
    raid = dict(type="foreign_strike", actor="usa", date="2020-08-01", waves=1, cameo="195", description="test",
                source="test")
    d["schedule"] += [dict(raid, id="raid_abroad", target="kh", theatre="SYR", location="across the border"),
                      dict(raid, id="raid_home", target="badr", theatre="IRQ", host_killed=7, location="at home")]
    path = tmp_path / "raids.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    sure = {"response.strike_prob_per_attack": 1.0, "response.strike_prob_after_lethal": 1.0,
            "response.strike_prob_after_wounding": 1.0, "response.lag_days": 1.0, "response.host_soil_share": 0.5,
            "response.host_killed_per_strike": 3.0}
    runs = 4
    ens = flashpoint.simulate(flashpoint.load_scenario(path), runs=runs, seed=1, overrides=sure, events=True)
    ev = ens.events()
    abroad, home = ev[ev["location"] == "across the border"], ev[ev["location"] == "at home"]
    assert len(abroad) == len(home) == runs
    assert (abroad["killed"] == 0).all() and (home["killed"] == 7).all()    # were 10, 8, 23, 8 and 0
    assert ev.columns[-1] == "soil"
    assert (abroad["soil"] == "abroad").all() and (home["soil"] == "host_soil").all()
    waves = ev[ev["soil"] != ""]
    assert set(waves["soil"]) == {"host_soil", "abroad"} and set(waves["source_actor"]) <= {"usa", "coalition"}
    assert (waves.loc[waves["soil"] == "abroad", "killed"] == 0).all()
    per_run = lambda rows: rows.groupby("run").size().reindex(range(runs), fill_value=0).to_numpy()  # noqa: E731
    for soil in ("host_soil", "abroad"):
        np.testing.assert_array_equal(per_run(waves[waves["soil"] == soil]), ens.total(f"foreign_strikes.{soil}"))
    dead = waves.groupby("run")["killed"].sum().reindex(range(runs), fill_value=0).to_numpy()
    np.testing.assert_array_equal(dead, ens.total("host_killed_by_foreign_strikes"))


def test_a_scheduled_strike_takes_its_mode_from_its_code(tmp_path):
    """A held-out case's naval gunfire (CAMEO 194) came out of the event log as an air strike."""
    d = doc()
    d["schedule"].append({"id": "shelling", "date": "2020-08-01", "type": "foreign_strike", "actor": "usa",
                          "target": "kh", "waves": 1, "cameo": "194", "location": "offshore", "description": "test",
                          "source": "test"})
    path = tmp_path / "guns.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    events = flashpoint.simulate(flashpoint.load_scenario(path), runs=3, seed=0, events=True).events()
    assert set(events.loc[events["location"] == "offshore", "mode"]) == {"indirect_fire"}


def test_a_mechanism_with_no_entry_to_act_through_is_idle():
    """A held-out case fitted and set a decapitation's effects in a schedule without a decapitation: changed
    nothing, said nothing. Under a policy without one, --set of its parameters is refused and calibrate leaves
    them out; a comparison with a policy that has one keeps them."""
    from flashpoint.calibration.problem import default_parameters
    from flashpoint.scenario.parameters import idle_mechanisms, refuse_idle_settings

    sc = flashpoint.load_scenario("iraq-2020")
    with pytest.raises(ScenarioError, match="acts only through decapitation entries, and policy 'no-decapitation'"):
        refuse_idle_settings(sc, ["no-decapitation"], {"decapitation.grievance_shock": 1.0})
    refuse_idle_settings(sc, ["historical", "no-decapitation"], {"decapitation.grievance_shock": 1.0})
    assert "decapitation" in idle_mechanisms(sc, ["no-decapitation"])
    assert "decapitation" not in idle_mechanisms(sc, ["historical", "no-decapitation"])
    with pytest.warns(Warning, match=r"has no schedule entry for them to act through: .*decapitation.grievance_shock "
                                     r"\(no decapitation entry\)"):
        names = default_parameters(sc, "no-decapitation")
    assert not [n for n in names if n.startswith("decapitation.")]
    assert "decapitation.grievance_shock" in default_parameters(sc, "historical")


def test_a_setting_no_entry_of_the_policy_acts_through_is_refused(tmp_path):
    """A held-out field audit: --set or a policy's set of an effect named only by entries the policy drops, or
    that require one it drops (effects.direct_retaliation_probability under no-decapitation), and of
    deterrence.threat_deterrence with no threat entry, changed nothing and said nothing; refused, as a
    decapitation's parameters are under a policy without one. A requires link the policy cuts keeps the effect."""
    from flashpoint.scenario.parameters import refuse_idle_settings

    sc = flashpoint.load_scenario("iraq-2020")
    with pytest.raises(ScenarioError, match=r"--set: effects.direct_retaliation_probability is named only by schedule "
                                            r"entry missile_strike_2020_01_08, which cannot happen under policy "
                                            r"'no-decapitation' \(it drops it or an entry it requires"):
        refuse_idle_settings(sc, ["no-decapitation"], {"effects.direct_retaliation_probability": 0.5})
    refuse_idle_settings(sc, ["historical", "no-decapitation"], {"effects.direct_retaliation_probability": 0.5})
    refuse_idle_settings(sc, ["no-decapitation"], {"effects.direct_retaliation_probability": 0.5,
                                                   "missile_strike_2020_01_08.requires": False})
    with pytest.raises(ScenarioError, match="deterrence.threat_deterrence acts only through threat entries, and "
                                            "policy 'historical' has none: the setting would change nothing"):
        refuse_idle_settings(flashpoint.load_scenario("red-sea-2023"), ["historical"],
                             {"deterrence.threat_deterrence": 0.4})
    refuse_idle_settings(sc, ["historical"], {"deterrence.threat_deterrence": 0.4})        # iraq-2020 has threats
    # a decapitation of a faction's commander is no patron's: successor_strength acts only through the patron's
    # (red-sea-2023's only decapitation killed the Houthi government's prime minister: accepted, nothing changed)
    with pytest.raises(ScenarioError, match="decapitation.successor_strength acts only through patron decapitation "
                                            "entries, and policy 'historical' has none"):
        refuse_idle_settings(flashpoint.load_scenario("red-sea-2023"), ["historical"],
                             {"decapitation.successor_strength": 0.3})
    refuse_idle_settings(flashpoint.load_scenario("red-sea-2023"), ["historical"],
                         {"decapitation.coordination_loss": 0.3})           # a faction's commander: it acts
    refuse_idle_settings(sc, ["historical"], {"decapitation.successor_strength": 0.3})       # Soleimani's

    def policy(d, drop, settings):
        d["policies"]["t"] = {"description": "t", "drop": drop, "set": settings}
    for drop, settings, words in (
            (["truce_2020_10_10"], {"effects.truce_compliance": 0.5},
             "policies.t.set.effects.truce_compliance: policy 't' sets effects.truce_compliance, which is named only "
             "by schedule entry truce_2020_10_10, which cannot happen under policy 't'"),
            (["embassy_threat_2020_09_20", "trump_warning_2020_12_23"], {"deterrence.threat_deterrence": 0.4},
             "policy 't' sets deterrence.threat_deterrence, which acts only through threat entries, and the policy "
             "has none: the setting would change nothing"),
            (["decapitation_2020_01_03"], {"decapitation.grievance_shock": 1.0},
             "policy 't' sets decapitation.grievance_shock, which acts only through decapitation entries")):
        with pytest.raises(ScenarioError) as err:
            scenario_with(tmp_path, lambda d: policy(d, drop, settings))
        assert words in " ".join(str(err.value).split()), str(err.value)
    scenario_with(tmp_path, lambda d: policy(d, ["decapitation_2020_01_03"], {
        "effects.direct_retaliation_probability": 0.5, "missile_strike_2020_01_08.requires": False}))


def test_python_refuses_an_effect_no_entry_of_the_policy_fires_as_run_set_does():
    """simulate(overrides=...) ran an effect named only by entries the policy cannot fire, where `flashpoint run
    --set` refuses it; now the same refusal (per-run arrays, posterior draws or a design, still run). compare and
    claims refuse it when no policy they run fires such an entry, and leave it out of the runs of a policy that
    fires none."""
    from flashpoint.analysis.claims import claims
    from flashpoint.analysis.compare import compare

    sc = flashpoint.load_scenario("iraq-2020")
    over = {"effects.direct_retaliation_probability": 0.5}
    words = (r"^overrides: effects.direct_retaliation_probability is named only by schedule entry "
             r"missile_strike_2020_01_08, which cannot happen under policy 'no-decapitation' \(it drops it or an "
             r"entry it requires.*: the setting would change nothing")
    with pytest.raises(ScenarioError, match=words):
        flashpoint.simulate(sc, policy="no-decapitation", runs=2, overrides=over)
    with pytest.raises(ScenarioError, match=words[1:] + r" \(under each of no-decapitation, full-restraint\)$"):
        compare(sc, ["no-decapitation", "full-restraint"], runs=2, overrides=over)
    with pytest.raises(ScenarioError, match=r"overrides: effects.direct_retaliation_probability is named only"):
        claims(sc.model_copy(update={"claims": [sc.claims[0].model_copy(update={"policy": "full-restraint",
                                                                              "parameters": []})]}),
               runs=2, samples=0, audit=False, overrides=over)
    flashpoint.simulate(sc, policy="no-decapitation", runs=2,
                        overrides={"effects.direct_retaliation_probability": np.full(2, 0.5)})
    flashpoint.simulate(sc, policy="no-decapitation", runs=2,
                        overrides={**over, "missile_strike_2020_01_08.requires": False})
    comp = compare(sc, ["historical", "no-decapitation"], runs=4, seed=1, overrides=over, keep_ensembles=True,
                   indicators=["foreign_strikes"])
    assert comp.ensembles["historical"].overrides == over and comp.ensembles["no-decapitation"].overrides == {}


def test_python_refuses_a_value_acting_only_through_entries_the_policy_lacks():
    """simulate(overrides=...) ran a single deterrence.threat_deterrence on red-sea-2023, which has no threat entry,
    where `flashpoint run --set` refuses it; a decapitation's parameter with no decapitation likewise. Per-run
    arrays still run (a design or posterior draws), and iraq-2020, which has threats, takes the value."""
    from flashpoint.analysis.compare import compare

    rs = flashpoint.load_scenario("red-sea-2023")
    words = (r"^overrides: deterrence.threat_deterrence acts only through threat entries, and policy 'historical' "
             r"has none: the setting would change nothing")
    with pytest.raises(ScenarioError, match=words):
        flashpoint.simulate(rs, runs=2, overrides={"deterrence.threat_deterrence": 0.3})
    with pytest.raises(ScenarioError, match=r"deterrence.threat_deterrence acts only through threat entries"):
        compare(rs, ["historical", "no-strikes"], runs=2, overrides={"deterrence.threat_deterrence": 0.3})
    flashpoint.simulate(rs, runs=2, overrides={"deterrence.threat_deterrence": np.full(2, 0.3)})
    flashpoint.simulate("iraq-2020", runs=2, overrides={"deterrence.threat_deterrence": 0.3})
    iraq = flashpoint.load_scenario("iraq-2020")
    with pytest.raises(ScenarioError, match=r"^overrides: decapitation.grievance_shock .*acts only through "
                                            r"decapitation entries, and policy 'no-decapitation' has none"):
        flashpoint.simulate(iraq, policy="no-decapitation", runs=2, overrides={"decapitation.grievance_shock": 1.0})


def test_python_refuses_a_switch_on_of_a_mechanism_the_policy_gives_no_entry(tmp_path):
    """A held-out Python user's decapitation.enabled=True, in a case with M4 off and no decapitation entry, ran byte
    for byte as without it, where `run --set` refuses it (and so did the pair with a parameter only M4 reads, which
    the refusal of the parameter alone had told them to switch on). A per-run switch (a design) still runs."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["mechanisms"]["decapitation"].update(enabled=False, reason="test")
    d["claims"] = []
    path = tmp_path / "off.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False), encoding="utf-8")
    sc = flashpoint.load_scenario(path)
    words = (r"^overrides: decapitation.enabled switches on M4 decapitation, which acts only through decapitation "
             r"entries, and policy 'no-decapitation' has none: the setting would change nothing")
    for over in ({"decapitation.enabled": True}, {"decapitation.enabled": True, "decapitation.control_loss": 0.5}):
        with pytest.raises(ScenarioError, match=words):
            flashpoint.simulate(sc, policy="no-decapitation", runs=2, overrides=over)
    flashpoint.simulate(sc, policy="historical", runs=2, overrides={"decapitation.enabled": True})
    flashpoint.simulate(sc, policy="no-decapitation", runs=2, overrides={"decapitation.enabled": np.ones(2, bool)})


def test_every_parameter_that_acts_only_through_one_entry_type_is_refused_without_it():
    """A held-out tester's scenario had no parliament vote and no election: --set consent.vote_cost and
    politics.swing_mean ran and changed nothing, bit for bit. Each parameter read only where an entry of its type
    acts is now in entries.ONLY_THROUGH: refused without such an entry, taken with one."""
    from flashpoint.scenario.entries import ONLY_THROUGH
    from flashpoint.scenario.parameters import refuse_idle_settings

    sc = flashpoint.load_scenario("iraq-2020")
    assert {"consent.vote_cost", "politics.swing_mean", "politics.per_protest_wave",
            "consent.executive_change_shift", "pressure.per_sanctions", "control.obedience"} <= set(ONLY_THROUGH)
    with pytest.raises(ScenarioError, match=r"consent.vote_cost acts only through parliament_vote entries, and "
                                            r"policy 'no-decapitation' has none"):      # the vote requires the strike
        flashpoint.simulate(sc, policy="no-decapitation", runs=2, overrides={"consent.vote_cost": 0.3})
    no_election = sc.model_copy(update={"schedule": [e for e in sc.schedule if e.type != "election"]})
    with pytest.raises(ScenarioError, match=r"politics.swing_mean acts only through election entries"):
        refuse_idle_settings(no_election, ["historical"], {"politics.swing_mean": -1.0})
    refuse_idle_settings(sc, ["historical"], {"politics.swing_mean": -1.0, "consent.vote_cost": 0.3})
    a = flashpoint.simulate(sc, runs=20, seed=3)
    b = flashpoint.simulate(sc, runs=20, seed=3, overrides={"politics.swing_mean": -1.0})
    assert not np.array_equal(a.data["bloc_seats"], b.data["bloc_seats"])        # with the election, it acts


def test_a_claim_naming_threat_deterrence_with_no_threat_is_refused(tmp_path):
    """deterrence.threat_deterrence acts only through threat entries (a held-out field audit): a claim that names it
    with no threat in either arm is refused, as one naming a decapitation's parameter without one, and the
    sensitivity analysis leaves it out."""
    from flashpoint.analysis.sensitivity import default_parameters

    rs = flashpoint.load_scenario("red-sea-2023")
    claim = rs.claims[0].model_copy(update={"parameters": [*rs.claims[0].parameters, "deterrence.threat_deterrence"]})
    assert "deterrence.threat_deterrence" not in default_parameters(rs, [claim])
    iraq = flashpoint.load_scenario("iraq-2020")
    claim = iraq.claims[0].model_copy(update={"parameters": ["deterrence.threat_deterrence"]})
    assert "deterrence.threat_deterrence" in default_parameters(iraq, [claim])

    def named(d):
        d["schedule"] = [e for e in d["schedule"] if e["type"] != "threat"]
        d["claims"][0]["parameters"].append("deterrence.threat_deterrence")
    with pytest.raises(ScenarioError, match=r"claims\[0\].parameters\[\d+\]: claim H1 names deterrence.threat_deterrence, "
                                            r"which acts only through threat entries, and neither policy has one"):
        scenario_with(tmp_path, named)


def test_a_claim_parameter_of_a_mechanism_both_its_policies_switch_off_is_refused(tmp_path):
    """A held-out wargame designer's claim named spoiler.growth with both its policies switching M7 off: every
    command that loaded the file ended in a KeyError traceback."""
    def both_off(d):
        d["policies"]["off1"] = {"description": "t", "set": {"spoiler.enabled": False}}
        d["policies"]["off2"] = {"description": "t", "set": {"spoiler.enabled": False},
                                 "drop": ["decapitation_2020_01_03"]}
        d["claims"][0].update(policy="off1", baseline="off2", parameters=["spoiler.growth"])
    with pytest.raises(ScenarioError, match=r"claim H1 names spoiler.growth, a parameter of M7 spoiler, which "
                                            r"policies off1 and off2 switch\(es\) off: it cannot decide the claim"):
        scenario_with(tmp_path, both_off)


def test_a_claim_on_the_output_of_a_mechanism_both_its_policies_switch_off_is_refused(tmp_path):
    """As when the file switches it off: a held-out case's host_consent claim between two policies that both switch
    M5 off ran, and read 'not supported (no pair differs)'."""
    def both_off(d):
        for name in ("offa", "offb"):
            d["policies"][name] = {"description": "t", "set": {"consent.enabled": False}}
        d["claims"][0].update(indicator="host_consent", policy="offa", baseline="offb", parameters=[])
    with pytest.raises(ScenarioError, match=r"claim H1: indicator 'host_consent' is the output of M5 consent, which "
                                            r"both policies 'offa' and 'offb' switch off"):
        scenario_with(tmp_path, both_off)


def test_an_actor_named_twice_and_an_entry_dropped_twice_are_refused(tmp_path):
    """A held-out tester's target: [aah, aah] and drop: [x, x] were read as once, unsaid."""
    d = doc()
    index = [e["id"] for e in d["schedule"]].index("qaani_order_2020_11")
    d["schedule"][index]["target"] = ["kh", "kh"]
    policy = next(p for p in d["policies"] if d["policies"][p].get("drop"))
    d["policies"][policy]["drop"] = d["policies"][policy]["drop"] + d["policies"][policy]["drop"][:1]
    path = tmp_path / "twice.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    with pytest.raises(ScenarioError) as err:
        flashpoint.load_scenario(path)
    assert "target names 'kh' more than once" in str(err.value) and "twice; name it once" in str(err.value)


def test_a_parameter_that_one_compared_policy_gives_nothing_to_act_on_is_set_for_the_others():
    """A held-out modelling audit: compare and claims refused --set decapitation.control_loss over historical vs
    no-decapitation ("would change nothing"), though it changes the historical arm; alone, the arm that has no
    decapitation still refuses it."""
    from flashpoint.errors import FlashpointError

    pair, over = ["historical", "no-decapitation"], {"decapitation.control_loss": 0.3}
    base = flashpoint.compare("iraq-2020", pair, runs=200, seed=1, indicators=["attacks_on_foreign_forces"])
    moved = flashpoint.compare("iraq-2020", pair, runs=200, seed=1, indicators=["attacks_on_foreign_forces"],
                               overrides=over)
    before, after = base.totals["attacks_on_foreign_forces"], moved.totals["attacks_on_foreign_forces"]
    assert not np.array_equal(before["historical"], after["historical"])
    np.testing.assert_array_equal(before["no-decapitation"], after["no-decapitation"])
    with pytest.raises(FlashpointError, match="would change nothing"):
        flashpoint.simulate("iraq-2020", policy="no-decapitation", runs=5, overrides=over)


def test_with_m8_off_the_patrons_direct_strikes_and_what_requires_them_do_not_happen(tmp_path):
    """M8 off removes the scheduled patron_direct_strike entries (ODD): a held-out audit found the strike marked as
    happened in 88 % of runs, and an entry requiring it happening, with M8 off."""
    def sanctions_after(d):
        d["schedule"].append(dict(ENTRY, id="sanctions_after_missiles", date="2020-01-10", type="sanctions",
                                  actor="usa", target=["kh"], cameo="163", requires=["missile_strike_2020_01_08"]))

    sc = scenario_with(tmp_path, sanctions_after)
    on = flashpoint.simulate(sc, runs=200, seed=3).happened_share()
    off = flashpoint.simulate(sc, runs=200, seed=3, overrides={"escalation.enabled": False}).happened_share()
    assert on["missile_strike_2020_01_08"] > 0.5 and on["sanctions_after_missiles"] > 0.5
    assert off["missile_strike_2020_01_08"] == off["sanctions_after_missiles"] == 0


def test_a_relation_the_engine_would_not_read_is_refused(tmp_path):
    """One cohesion per ally and hostility towards one host government are read: a second alliance to the same ally,
    or hostility towards a second host executive, changed nothing (a held-out audit)."""
    def two_allies(d):
        d["actors"].append({"id": "uk", "name": "UK forces", "kind": "foreign_power", "cameo": "GBRMIL",
                            "attributes": {"troops": {"value": 400, "unit": "troops", "range": [300, 500],
                                                      "source": "assumption"}}})
        d["relations"].append({"type": "alliance", "from": "uk", "to": "coalition",
                               "value": {"value": 0.0, "unit": "cohesion (0-1)", "range": [0.0, 0.1],
                                         "source": "assumption"}})

    def two_hosts(d):
        d["actors"].append({"id": "krg", "name": "Kurdistan Regional Government", "kind": "host_executive",
                            "cameo": "IRQGOV"})
        d["relations"].append({"type": "hostility", "from": "kh", "to": "krg",
                               "value": {"value": 2.0, "unit": "multiplier", "range": [0.0, 2.0],
                                         "source": "assumption"}})

    for change, words in ((two_allies, "more than one alliance relation"), (two_hosts, "towards 'krg' it would be")):
        with pytest.raises(ScenarioError, match=words):
            scenario_with(tmp_path, change)


def test_a_public_actor_nothing_names_is_noted(tmp_path, capsys):
    """A held-out case wrote a second host as a `public` actor and took it to act: nothing reads a public actor
    that no entry, relation, target, policy or claim names."""
    from flashpoint.cli import main
    from flashpoint.scenario.entries import unnamed_publics

    assert unnamed_publics(flashpoint.load_scenario("iraq-2020")) == ["sadrists"]
    assert main(["scenario", "validate", "iraq-2020"]) == 0
    assert "note: actor(s) sadrists (public) are named by no entry" in " ".join(capsys.readouterr().err.split())
    marked = scenario_with(tmp_path, lambda d: d["schedule"].append(dict(
        ENTRY, id="sadr_rally", date="2020-01-24", type="marker", actor="sadrists", target="usa", cameo="141")))
    assert unnamed_publics(marked) == ["sadrists"]     # a marker is a dated fact the model does not read (a held-out
    named = scenario_with(tmp_path, lambda d: d["schedule"].append(dict(      # journalist's host-side militia)
        ENTRY, id="sadr_rally", date="2020-01-24", type="protests", actor="sadrists", target="usa", cameo="141")))
    assert unnamed_publics(named) == []
    # the host's forces named by nothing are as idle (a held-out analyst's cantoned guerrilla army went unsaid)
    army = scenario_with(tmp_path, lambda d: d["actors"].append(dict(
        next(a for a in d["actors"] if a["kind"] == "host_forces"), id="reserve", name="A reserve army")))
    assert unnamed_publics(army) == ["sadrists", "reserve"]
    assert main(["scenario", "validate", str(tmp_path / "s.yaml")]) == 0
    assert "note: actor(s) sadrists (public), reserve (host_forces) are named by no entry" in " ".join(
        capsys.readouterr().err.split())


def test_a_policy_setting_a_link_it_lacks_or_adding_an_entry_it_cannot_fire_is_refused(tmp_path):
    """Held-out wargame designer: a policy's `set: {<entry>.requires: false}` for an entry it drops (or one only
    another policy adds) ran unchanged, and an added entry whose requirement the policy loses through a chain never
    happened; both were accepted unsaid (--set and a direct requirement were refused)."""
    def link_of_dropped(d):
        d["policies"]["x"] = {"description": "t", "drop": ["parliament_vote_2020_01_05"],
                              "set": {"parliament_vote_2020_01_05.requires": False}}
    with pytest.raises(ScenarioError, match=r"policy 'x' sets parliament_vote_2020_01_05.requires, and the policy "
                                            r"drops it: the link is not there to cut"):
        scenario_with(tmp_path, link_of_dropped)

    def lost_through_a_chain(d):
        d["policies"]["x"] = {"description": "t", "drop": ["decapitation_2020_01_03"], "add": [dict(
            ENTRY, id="extra_strike", date="2020-02-01", type="foreign_strike", actor="usa", target="kh", waves=2,
            theatre="IRQ", cameo="195", requires=["parliament_vote_2020_01_05"])]}
    with pytest.raises(ScenarioError, match=r"policy 'x' adds extra_strike, which requires 'parliament_vote_2020_01_05', "
                                            r"which the policy loses through requires links"):
        scenario_with(tmp_path, lost_through_a_chain)


def test_a_policy_cutting_a_link_whose_prerequisite_always_happens_first_is_refused(tmp_path):
    """`--set nato_pause_2020_01_04.requires=false` is refused under historical (the decapitation happens in every
    run, earlier: the runs were the same bit for bit); a policy's own `set` of the same cut was taken unsaid. Where
    the policy drops the prerequisite, the cut is what makes the entry happen: taken."""
    def certain(d):
        d["policies"]["x"] = {"description": "t", "set": {"nato_pause_2020_01_04.requires": False}}
    with pytest.raises(ScenarioError, match=r"policies.x.set.nato_pause_2020_01_04.requires: policy 'x' sets "
                                            r"nato_pause_2020_01_04.requires, but what entry 'nato_pause_2020_01_04' "
                                            r"requires \(decapitation_2020_01_03\) happens in every one of its runs "
                                            r"before it"):
        scenario_with(tmp_path, certain)
    scenario_with(tmp_path, lambda d: d["policies"].update(x={
        "description": "t", "drop": ["decapitation_2020_01_03"], "set": {"nato_pause_2020_01_04.requires": False}}))


def test_a_margin_as_wide_as_a_bounded_indicators_range_is_refused(tmp_path):
    """A held-out designer's host_consent claim (a 0-1 index, compared by its mean over the window) with margin 5
    read 'supported, P = 1.0': the margin alone decided it."""
    def wide(d):
        d["claims"][0].update(indicator="host_consent", direction="not_lower", margin=5, parameters=[])
    with pytest.raises(ScenarioError, match=r"claims\[0\].margin: claim H1: margin 5 is the whole range of host_consent"):
        scenario_with(tmp_path, wide)
    scenario_with(tmp_path, lambda d: d["claims"][0].update(indicator="host_consent", margin=0.05, parameters=[]))


def test_a_claim_parameter_acting_only_through_entries_after_its_window_is_refused(tmp_path):
    """A held-out designer's claim named consent.vote_cost with a window ending before the January 2020 vote: the
    parameter cannot act inside the window, and it was accepted as a deciding candidate."""
    for name, said in (("consent.vote_cost", r"which acts only through parliament_vote entries"),
                       ("decapitation.grievance_shock", r"a parameter of M\d+ decapitation, which acts only through "
                                                        r"decapitation entries")):
        with pytest.raises(ScenarioError, match=rf"claim H1 names {name}, {said}, and neither policy has one on or "
                                                r"before the claim's window ends \(2019-12-31\)"):
            scenario_with(tmp_path, lambda d: d["claims"][0].update(window=["2019-10-01", "2019-12-31"],
                                                                    parameters=[name]))

    def later(d):                 # a window that reaches the vote keeps it
        d["claims"][0].update(window=["2019-10-01", "2020-02-29"], parameters=["consent.vote_cost"])
    assert scenario_with(tmp_path, later).claims[0].parameters == ["consent.vote_cost"]


def test_a_foreign_partys_missing_troops_are_said_once(tmp_path):
    """A misspelt `troop` on a foreign party: its missing troops were said twice, in two wordings (a held-out
    case's ally)."""
    def troop(d):
        party = next(a for a in d["actors"] if a["id"] == "coalition")
        party["attributes"]["troop"] = party["attributes"].pop("troops")

    with pytest.raises(ScenarioError) as err:
        scenario_with(tmp_path, troop)
    message = str(err.value)
    assert message.count("needs attributes.troops") == 1, message
    assert "attribute 'troop' of coalition" in message and "its forces in the theatre at the start" in message


def test_a_scheduled_strike_with_no_location_is_placed_by_its_theatre(tmp_path):
    """A held-out case's strike on the patron's soil (theatre given, no location) read "abroad" with an empty place
    in the event log, like any rule's wave across a border."""
    d = doc()
    d["schedule"].append(dict(type="foreign_strike", actor="usa", date="2020-08-01", waves=2, cameo="195",
                              description="test", source="test", id="raid", target="kh", theatre="SYR"))
    path = tmp_path / "raid.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    quiet = {f"response.strike_prob_{k}": 0.0 for k in ("after_lethal", "after_wounding", "per_attack")}
    ev = flashpoint.simulate(flashpoint.load_scenario(path), runs=3, seed=0, overrides=quiet, events=True).events()
    waves = ev[ev["soil"] != ""]
    placed = waves[waves["location"] == "SYR"]
    assert len(placed) == 2 * 3 and (placed["soil"] == "abroad").all()


def test_a_drawdown_with_until_has_its_return_in_the_event_log():
    """A held-out case's troops gone to another war and back on the drawdown's `until`: the log held the departure
    (087) and no return; the return is now a row on the day after `until` (154), in the runs where it left."""
    ens = flashpoint.simulate("iraq-2020", runs=4, seed=2, events=True)
    i = next(i for i, se in enumerate(ens.entries) if se.entry.id == "nato_pause_2020_01_04")
    ev = ens.events()
    left = ev[(ev["cameo_code"] == "087") & (ev["source_actor"] == "coalition")]
    back = ev[(ev["cameo_code"] == "154") & (ev["source_actor"] == "coalition")]
    runs = sorted(np.flatnonzero(ens.happened[:, i]))
    assert runs and sorted(back["run"]) == runs
    assert set(back["date"].astype(str).str[:10]) == {"2020-02-13"}
    assert set(runs) <= set(left["run"])
