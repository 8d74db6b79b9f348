"""The engine: reproducible, independent of chunking, and every mechanism can be switched off."""
import numpy as np
import pandas as pd
import pytest

import flashpoint
from flashpoint.engine import assemble, compile_world, core, run_block
from flashpoint.errors import FlashpointError

SC = flashpoint.load_scenario("iraq-2020")


def test_same_seed_same_numbers_other_seed_other_numbers():
    a = flashpoint.simulate(SC, runs=60, seed=7)
    b = flashpoint.simulate(SC, runs=60, seed=7)
    c = flashpoint.simulate(SC, runs=60, seed=8)
    for key in a.data:
        np.testing.assert_array_equal(a.data[key], b.data[key])
    assert not np.array_equal(a.daily("attacks_on_foreign_forces"), c.daily("attacks_on_foreign_forces"))


def test_results_do_not_depend_on_how_runs_are_split(monkeypatch):
    monkeypatch.setattr(core, "BLOCK_RUNS", 40)
    whole = flashpoint.simulate(SC, runs=120, seed=3)
    world = compile_world(SC, "historical", None, 120)
    reversed_blocks = {b: run_block(world, b, 3) for b in (2, 1, 0)}   # another worker order
    joined = assemble(world, 3, [reversed_blocks[b] for b in (0, 1, 2)])
    for key in whole.data:
        np.testing.assert_array_equal(whole.data[key], joined.data[key])
    more = flashpoint.simulate(SC, runs=200, seed=3)   # the first 120 runs are the same runs
    np.testing.assert_array_equal(more.total("attacks_on_foreign_forces")[:120], whole.total("attacks_on_foreign_forces"))


def test_per_run_overrides_act_run_by_run():
    rates = np.where(np.arange(40) < 20, 0.005, 0.15)
    ens = flashpoint.simulate(SC, runs=40, seed=1, overrides={"attacks.base_rate.kh": rates})
    kh = ens.total("attacks_on_foreign_forces.kh", "2020-06-01", "2021-12-31")
    assert kh[20:].min() > kh[:20].max()
    with pytest.raises(FlashpointError, match="takes values from 0 to 0.15, outside"):
        flashpoint.simulate(SC, runs=40, overrides={"attacks.base_rate.kh": rates * (np.arange(40) > 0)})


@pytest.mark.parametrize("key, indicator", [("deterrence", "attacks_on_foreign_forces"), ("consent", "host_consent"),
                                            ("escalation", "attacks_on_foreign_forces.iran")])
def test_a_mechanism_switched_per_run_acts_only_where_it_is_on(key, indicator):
    """A switch given per run (a design over switches): the runs where it is off are exactly those of an ensemble
    with it off, the others those of one with it on (each run draws its own numbers, whatever the others do)."""
    n = 600
    on = np.arange(n) % 2 == 0
    mixed = flashpoint.simulate(SC, runs=n, seed=3, overrides={f"{key}.enabled": on}).total(indicator)
    for where, setting in ((on, True), (~on, False)):
        alone = flashpoint.simulate(SC, runs=n, seed=3, overrides={f"{key}.enabled": setting}).total(indicator)
        np.testing.assert_array_equal(mixed[where], alone[where], err_msg=f"{key} {setting}")
    off_alone = flashpoint.simulate(SC, runs=n, seed=3, overrides={f"{key}.enabled": False}).total(indicator)
    assert abs(mixed[on].mean() - off_alone.mean()) > 0.05 * max(abs(off_alone.mean()), 1e-3)   # the switch matters


def test_a_requires_link_cut_per_run_is_cut_only_there():
    """Without the decapitation, the NATO pause (which requires it) happens only in the runs where the link is cut."""
    cut = np.arange(30) % 3 == 0
    ens = flashpoint.simulate(SC, policy="no-decapitation", runs=30, seed=2,
                              overrides={"nato_pause_2020_01_04.requires": ~cut})
    pause = [se.entry.id for se in ens.entries].index("nato_pause_2020_01_04")
    np.testing.assert_array_equal(ens.happened[:, pause], cut)
    assert ens.switched_off("host_consent") is None      # a switch off in some runs only is not "switched off"


@pytest.mark.parametrize("bad, message", [
    ({"attacks.base_rate.kh": 5.0}, "outside its plausible range"),
    ({"attacks.base_rate.kh": np.ones(3) * 0.01}, "one per run"),
    ({"no.such.parameter": 1.0}, "unknown parameter"),
    ({"control.enabled": "maybe"}, "expects true or false"),
    ({"control.enabled": np.array([1, 2, 0])}, "true or false, or a 1-D array"),
    ({"control.enabled": np.ones(3, dtype=bool)}, "one per run"),
    ({"control.enabled": 2}, r"expects true or false \(or 1 or 0\), got 2"),
    ({"control.enabled": 0.5}, "expects true or false"),
    ({"response.strike_prob_after_lethal": True}, "expects a number"),
    ({"attacks.base_rate": 0.05}, r"attacks.base_rate is given per key in this scenario \(kh, aah, badr\): set each"),
    ({"us_drawdown_2020_09.requires": False}, "entry 'us_drawdown_2020_09' has no requires link to cut"),
])
def test_bad_overrides_are_refused_with_the_name(bad, message):
    with pytest.raises(FlashpointError, match=message):
        flashpoint.simulate(SC, runs=10, overrides=bad)


def test_bad_arguments():
    with pytest.raises(FlashpointError, match="unknown policy 'appeasement'"):
        flashpoint.simulate(SC, policy="appeasement", runs=2)
    with pytest.raises(FlashpointError, match="runs must be a positive integer"):
        flashpoint.simulate(SC, runs=0)
    with pytest.raises(FlashpointError, match="seed must be a non-negative"):
        flashpoint.simulate(SC, runs=2, seed=-1)
    with pytest.raises(FlashpointError, match="runs must be at most 1,000,000,000"):
        flashpoint.simulate(SC, runs=10**12)
    with pytest.raises(FlashpointError, match="GiB, more than this machine's .* use fewer runs"):
        flashpoint.simulate(SC, runs=10**9)                    # refused before anything is allocated
    from flashpoint.backends import summarize
    with pytest.raises(FlashpointError, match="per-run totals of 1,000,000,000 runs .* use fewer runs"):
        summarize(SC, runs=10**9, windows=[(None, None)] * 1 + [("2020-01-01", "2020-12-31")])


def test_the_schedule_shows_in_the_event_log():
    ens = flashpoint.simulate(SC, runs=40, seed=2, events=True)
    ev = ens.events()
    assert list(ev.columns[:17]) == list(flashpoint.events.record.RECORD_FIELDS)
    missile = ev[(ev["mode"] == "missile") & (ev["date"] == "2020-01-08")]
    assert 30 <= len(missile) <= 40   # direct retaliation probability 0.9
    assert (missile["source_code"] == "IRNMIL").all() and (missile["wounded"] == 110).all()
    assert (missile["location"] == "Ain al-Asad and Erbil").all()    # the patron's scheduled strike keeps its place
    decap = ev[ev["cameo_code"] == "186"]       # one event per leader killed: the patron's and KH's commanders
    assert len(decap) == 80 and (decap["date"] == "2020-01-03").all()
    assert sorted(set(decap["target_actor"])) == ["iran", "kh"]
    taji = ev[(ev["date"] == "2020-03-11") & (ev["source_actor"] == "kh") & (ev["killed"] >= 3)]
    assert len(taji) == 40
    # the scheduled answer to Taji: five sites of Kata'ib Hezbollah struck on 12 March 2020 in every run
    strikes = ev[(ev["source_actor"] == "usa") & (ev["mode"] == "airstrike") & (ev["date"] == "2020-03-12")]
    assert strikes["run"].nunique() == 40 and (strikes["target_actor"] == "kh").all()
    assert (strikes.groupby("run").size() >= 5).all()
    assert set(ev["plover_type"].dropna()) <= {"ASSAULT", "SANCTION", "RETREAT", "PROTEST", "REJECT", "THREATEN", "COERCE",
                                               "CONSULT", "SUPPORT", "CONCEDE", "AGREE", "AID",
                                               "MOBILIZE"}    # a drawdown's troops back after its `until` (154)


def test_simulated_events_add_up_to_the_indicators():
    """Casualties in the event list are the indicators' (no day's dead counted once per faction struck), and a
    scheduled attack keeps its recorded casualties, mode and place even when the faction attacked again that day."""
    ens = flashpoint.simulate(SC, runs=60, seed=2, events=True)
    ev = ens.events()
    attacks = ev[ev["source_actor"].isin(ens.sources) & (ev["target_actor"] == "usa")]
    assert attacks["killed"].sum() == ens.total("foreign_killed").sum()
    assert attacks["wounded"].sum() == ens.total("foreign_wounded").sum()
    strikes = ev[ev["mode"] == "airstrike"]
    assert strikes["killed"].sum() == ens.total("host_killed_by_foreign_strikes").sum()
    assert strikes.groupby(["run", "date"])["killed"].apply(lambda k: (k > 0).sum()).max() <= 1
    k1 = attacks[attacks["location"] == "K-1 base, Kirkuk"]
    assert len(k1) == 60 and (k1["mode"] == "indirect_fire").all() and (k1["killed"] >= 1).all()
    assert (k1["date"] == "2019-12-27").all()


def test_a_scheduled_attack_keeps_its_recorded_casualties_beside_the_days_other_attacks(tmp_path):
    """A held-out case's truck bomb, written with 0 killed and 77 wounded, came out 1/77 or 0/78 in the event list:
    the day's other casualties went on the attacker's first attack, which could be the scheduled one."""
    import yaml

    from flashpoint.scenario.loader import resolve

    doc = yaml.safe_load(resolve("iraq-2020")[1])
    doc["schedule"].append({"id": "truck_bomb", "date": "2020-08-15", "type": "proxy_attack", "actor": "kh",
                            "target": "usa", "mode": "ied_convoy", "killed": 0, "wounded": 77,
                            "location": "test site", "cameo": "183", "description": "test", "source": "test"})
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    ens = flashpoint.simulate(flashpoint.load_scenario(path), runs=300, seed=3, events=True,
                              overrides={"attacks.base_rate.kh": 0.3, "attacks.killed_per_attack.ied_convoy": 0.1,
                                         "attacks.wounded_per_attack.ied_convoy": 1.0, "attacks.wounded_per_attack.indirect_fire": 1.0})
    ev = ens.events()
    bomb = ev[ev["location"] == "test site"]
    assert len(bomb) == 300 and (bomb["killed"] == 0).all() and (bomb["wounded"] == 77).all()
    same_day = ev[(ev["date"] == pd.Timestamp("2020-08-15")) & (ev["source_actor"] == "kh")]
    assert (same_day.groupby("run").size() > 1).any()          # other attacks that day, with their own casualties
    attacks = ev[ev["source_actor"].isin(ens.sources) & (ev["target_actor"] == "usa")]
    assert attacks["killed"].sum() == ens.total("foreign_killed").sum()


def test_no_decapitation_drops_what_required_it():
    ev = flashpoint.simulate(SC, policy="no-decapitation", runs=10, seed=2, events=True).events()
    assert not (ev["cameo_code"] == "186").any()
    assert not (ev["mode"] == "missile").any()
    assert not (ev["cameo_code"] == "166").any()   # no parliament vote scheduled without it


def test_events_must_be_requested():
    with pytest.raises(FlashpointError, match="events=True"):
        flashpoint.simulate(SC, runs=2).events()


def test_a_scheduled_strike_keeps_its_actor_code_and_place_and_an_attack_its_named_party():
    """A held-out field audit: every strike wave read as the first foreign power's, with code 195 and no place,
    Israel's strikes on Hodeidah and the sinking of the boats (CAMEO 190) included; a scheduled attack on the
    coalition read as one on the US."""
    import yaml

    from flashpoint.scenario.loader import resolve

    ev = flashpoint.simulate("red-sea-2023", runs=4, seed=1, events=True).events()
    sc = flashpoint.load_scenario("red-sea-2023")
    israel = next(e for e in sc.schedule if e.type == "foreign_strike" and e.actor == "israel")
    on_day = ev[(ev["date"] == str(israel.date)) & (ev["target_actor"] == israel.targets[0])]
    assert (on_day["source_actor"] == "israel").sum() == 4 * (israel.waves or 1)
    assert (on_day.loc[on_day["source_actor"] == "israel", "location"] == (israel.location or "")).all()
    boats = next(e for e in sc.schedule if e.type == "foreign_strike" and e.cameo == "190")
    sunk = ev[(ev["date"] == str(boats.date)) & (ev["cameo_code"] == "190") & (ev["source_actor"] == boats.actor)]
    assert len(sunk) == 4 * (boats.waves or 1) and (sunk["location"] == boats.location).all()

    data = yaml.safe_load(resolve("iraq-2020")[1])
    taji = next(e for e in data["schedule"] if e["id"] == "taji_attack_2020_03_11")
    taji["target"] = "coalition"
    path = __import__("pathlib").Path(__import__("tempfile").mkdtemp()) / "s.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    ev = flashpoint.simulate(path, runs=3, seed=1, events=True).events()
    hit = ev[(ev["date"] == "2020-03-11") & (ev["location"] == taji["location"])]
    assert len(hit) == 3 and (hit["target_actor"] == "coalition").all()


def test_the_event_logs_casualties_follow_each_modes_lethality():
    """A day's casualties went on its first attack: a held-out case's mortars (first in the mode order) showed 4.6
    killed per attack against a declared 0.5, its gunfire 0.15 against 2. They are split by the modes' averages."""
    sc = flashpoint.load_scenario("iraq-2020")
    over = {"attacks.killed_per_attack.indirect_fire": 0.0, "attacks.killed_per_attack.ied_convoy": 0.1,
            "attacks.killed_per_attack.drone": 0.0}
    ens = flashpoint.simulate(sc, runs=20, seed=5, overrides=over, events=True)
    ev = ens.events()
    theirs = ev[ev["source_actor"].isin(ens.proxies)]
    by_mode = theirs.groupby("mode")["killed"].agg(["sum", "size"])
    assert by_mode.loc["drone", "sum"] == 0            # (indirect fire keeps the scheduled barrages' recorded dead)
    recorded = sum((se.entry.killed or 0) * int(ens.happened[:, i].sum()) for i, se in enumerate(ens.entries)
                   if se.entry.type == "proxy_attack" and se.entry.mode == "indirect_fire")
    assert by_mode.loc["indirect_fire", "sum"] <= recorded
    assert 0.07 < by_mode.loc["ied_convoy", "sum"] / by_mode.loc["ied_convoy", "size"] < 0.13
    assert int(ev[ev["source_actor"].isin(ens.sources)]["killed"].sum()) == int(ens.total("foreign_killed").sum())


def test_modes_of_equal_lethality_get_equal_casualties_per_attack_in_the_event_log():
    """The largest remainders gave a day's ties to its first attacks: a held-out case's two modes of 0.5 killed per
    attack each showed 0.54 and 0.31 in events.csv. Systematic sampling keeps each mode at its rate on average, and
    the day's total as the indicator's."""
    sc = flashpoint.load_scenario("iraq-2020")
    over = {f"attacks.killed_per_attack.{m}": 0.1 for m in ("indirect_fire", "ied_convoy", "drone")}
    ens = flashpoint.simulate(sc, runs=200, seed=2, overrides=over, events=True)
    ev = ens.events()
    theirs = ev[ev["source_actor"].isin(ens.proxies) & (ev["location"] == "")]       # not the scheduled attacks
    per_attack = theirs.groupby("mode")["killed"].mean()
    assert per_attack.min() > 0.8 * per_attack.max(), per_attack
    assert int(ev[ev["source_actor"].isin(ens.sources)]["killed"].sum()) == int(ens.total("foreign_killed").sum())
    assert (ev["killed"] >= 0).all() and (ev["wounded"] >= 0).all()


def test_a_factions_airstrikes_and_gunfire_have_their_modes_codes(tmp_path):
    """A held-out designer's proxy airstrikes came out 190 in the event log beside the foreign power's 195; an
    analyst's declared EFP mode is 190 (the scenario names no code for it) and its mode column says efp."""
    import yaml

    from flashpoint.scenario.loader import resolve

    doc = yaml.safe_load(resolve("iraq-2020")[1])
    for key, per in (("mode_share", 0.3), ("killed_per_attack", 0.1), ("wounded_per_attack", 0.1)):
        doc["attacks"][key]["value"].update({"airstrike": per, "gunfire": per, "efp": per})
    for mix in (q["value"] for q in doc["effects"].values() if isinstance(q["value"], dict)):
        mix.update({"airstrike": 0.0, "gunfire": 0.0, "efp": 0.0})       # the tactics entries' mixes
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    ev = flashpoint.simulate(flashpoint.load_scenario(path), runs=5, seed=1, events=True).events()
    theirs = ev[ev["source_actor"].isin(["kh", "aah", "badr"]) & (ev["location"] == "")]     # none scheduled
    codes = theirs.groupby("mode")["cameo_code"].unique().map(list).to_dict()
    assert {m: codes[m] for m in ("airstrike", "efp", "gunfire")} == {"airstrike": ["195"], "efp": ["190"],
                                                                       "gunfire": ["193"]}
