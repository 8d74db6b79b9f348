"""Notes of `flashpoint scenario validate` that a held-out scenario (South Lebanon 1996-2000) found wrong or
missing: a target held outside the theatre called one no foreign party holds, and a decapitation mechanism
switched on with no decapitation entry to act through (only calibrate said so)."""
import numpy as np
import pytest
import yaml

import flashpoint
from flashpoint.errors import ScenarioError

from flashpoint.cli import main
from flashpoint.scenario.loader import resolve
from tests.core.test_entries import ENTRY


def write(tmp_path, doc, name="s.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return str(path)


def validate(path, capsys) -> str:
    assert main(["scenario", "validate", path]) == 0
    return capsys.readouterr().err


def with_home(tmp_path):
    """red-sea-2023 with the EU mission arriving on 19 Feb 2024 and a target of its own outside the theatre (its
    home ports), whose attacks its response rule answers."""
    d = yaml.safe_load(resolve("red-sea-2023")[1])
    for a in d["actors"]:
        if a["id"] == "eu":
            a["attributes"]["initial_presence"] = {"value": 0.0, "unit": "share of its ships", "range": [0, 1],
                                                   "source": "test"}
    d["schedule"] = [e for e in d["schedule"] if e["id"] != "aspides_not_yet_deployed"]
    d["schedule"].append(dict(ENTRY, id="arrives", date="2024-02-19", type="deployment", actor="eu", target="eu",
                              fraction=1.0, cameo="0874"))
    d["targets"].append({"id": "eu_home", "name": "home ports", "kind": "homeland", "party": "eu", "in_theatre": False,
                         "share": {"value": 0.01, "unit": "share", "range": [0.0, 0.05], "source": "test"},
                         "answered": {"value": 1.0, "unit": "weight in the response rule", "range": [0.0, 1.0],
                                      "source": "test"}})
    rule = d["response"]["lag_days"]               # a rule per party: the EU's answers attacks too
    rule["value"] = {a["id"]: rule["value"] for a in d["actors"] if a["kind"] in ("foreign_power", "ally")}
    return d


def test_a_target_held_outside_the_theatre_is_not_called_one_no_party_holds(tmp_path, capsys):
    err = " ".join(validate(write(tmp_path, with_home(tmp_path)), capsys).split())
    home = next(line for line in err.split("note: ") if "attacks on eu_home" in line and "suspension" not in line)
    assert "no foreign party holds" not in home
    assert "which eu hold(s) outside the theatre (in_theatre: false: its attacks are not scaled by their troops, " \
           "and it is never absent)" in home
    ships = next(line for line in err.split("note: ") if "eu answers attacks on shipping" in line)
    assert "which no foreign party holds" in ships             # a target no party holds keeps its words


def test_a_decapitation_mechanism_with_no_decapitation_entry_is_noted(tmp_path, capsys):
    d = yaml.safe_load(resolve("red-sea-2023")[1])
    dropped = {e["id"] for e in d["schedule"] if e["type"] == "decapitation"}
    named = {v.split(".", 1)[1] for e in d["schedule"] if e["id"] in dropped for v in e.values()
             if isinstance(v, str) and v.startswith("effects.")}
    d["effects"] = {k: v for k, v in d["effects"].items() if k not in named}
    d["schedule"] = [dict(e, requires=[r for r in e.get("requires", []) if r not in dropped]) if e.get("requires")
                     else e for e in d["schedule"] if e["id"] not in dropped]
    for p in d["policies"].values():
        p["drop"] = [x for x in p.get("drop", []) if x not in dropped]
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert ("note: M4 decapitation is switched on, but it acts only through decapitation entries and neither the "
            "schedule nor any policy's `add` has a decapitation entry: its parameters (decapitation.") in err
    assert "calibrate leaves them out of the fit" in err
    # a claim on patron_control, which nothing moves here, can only tie (a held-out teacher learnt it from claims)
    assert "patron_control, which only a decapitation" not in err
    d["claims"].append(dict(d["claims"][0], id="CTL", indicator="patron_control", direction="lower"))
    assert "note: claim CTL reads patron_control, which only a decapitation (M4) moves off its start; no policy has " \
           "a decapitation entry, so it holds its start in every run and the claim can only tie" in \
           " ".join(validate(write(tmp_path, d), capsys).split())
    d["policies"]["no-strikes"]["set"] = {"control.host_attack_rate": 0.0}       # not the control itself: still
    assert "patron_control, which only" in validate(write(tmp_path, d), capsys)  # (a verifier's)
    d["policies"]["no-strikes"]["set"] = {"control.iran.houthis": 0.2}        # a policy that sets it moves it
    assert "patron_control, which only" not in validate(write(tmp_path, d), capsys)
    d["mechanisms"]["decapitation"].update(enabled=False, reason="test")
    d["claims"] = []
    assert "M4 decapitation" not in validate(write(tmp_path, d, "off.yaml"), capsys)
    assert "M4 decapitation" not in validate("red-sea-2023", capsys)          # it has its decapitation entry


def test_a_mix_of_attack_modes_not_summing_to_1_is_noted_with_the_shares_it_runs_as(tmp_path, capsys):
    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["attacks"]["mode_share"]["value"] = {"indirect_fire": 0.9, "ied_convoy": 0.9, "drone": 0.0}
    d["effects"]["drone_campaign"]["value"] = {"indirect_fire": 0.35, "ied_convoy": 0.45, "drone": 0.3}
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert ("note: attacks.mode_share's shares sum to 1.8, not 1: they are read as weights and normalised "
            "(indirect_fire 0.5, ied_convoy 0.5, drone 0)") in err
    assert "effects.drone_campaign's shares sum to 1.1, not 1" in err
    assert "convoy_campaign's shares" not in err
    assert "normalised" not in validate("iraq-2020", capsys) + validate("red-sea-2023", capsys)


def test_totals_that_count_a_target_no_foreign_party_holds_say_so_in_tables_and_charts(capsys):
    """A held-out case (eastern DR Congo) declared the host army's posts as a target no foreign party holds: run's
    and compare's tables showed their 164 dead as foreign_killed, said only by validate."""
    from flashpoint.report.fanchart import ensemble_spec
    from flashpoint.scenario.presence import unheld

    sc = flashpoint.load_scenario("red-sea-2023")
    assert unheld(sc) == ["shipping"]          # commercial ships: attacked, held by none of the foreign parties
    assert unheld(sc, "foreign_killed.drone") == ["shipping"] and unheld(sc, "foreign_killed.us_navy") == []
    assert unheld(sc, "foreign_strikes") == []
    assert main(["run", "--scenario", "red-sea-2023", "--runs", "20"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "foreign_killed (with shipping," in out and "foreign_strikes (with" not in out       # cells wrap
    assert main(["compare", "--scenario", "red-sea-2023", "--policies", "historical,no-strikes", "--runs", "20"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "attacks_on_foreign_forces (with shipping," in out
    ens = flashpoint.simulate(sc, runs=10)
    assert "counting shipping too, held by no foreign party" in ensemble_spec(ens, "foreign_wounded")["caption"]
    assert "counting" not in ensemble_spec(ens, "foreign_wounded.us_navy")["caption"]


def test_a_policy_adding_an_entry_whose_mechanism_is_off_is_noted(tmp_path, capsys):
    """A held-out methodologist's policy added a decapitation with M4 off: its claim could only tie, and validate,
    which notes such schedule entries, said nothing of a policy's."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    kill = next(e for e in d["schedule"] if e["type"] == "decapitation")
    d["policies"]["second-kill"] = {"description": "a second killing, with M4 off",
                                    "set": {"decapitation.enabled": False},
                                    "add": [dict(kill, id="second_kill", date="2021-02-01")]}
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert "note: policy 'second-kill' adds entry second_kill (decapitation), which acts only through decapitation, " \
           "switched off under that policy: it changes nothing in its runs" in err
    assert "policy 'historical' adds" not in err


def test_an_entry_holding_fire_at_some_factions_only_is_named(tmp_path):
    """A held-out case's rules_of_engagement entry at scale 0 named one of its three factions: the party still struck
    the others from afar, and validate advised adding the entry it already had; it now names the entry and whom it
    leaves out (iraq-2020, whose factions are three)."""
    from flashpoint.scenario import presence

    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["schedule"].append(dict(ENTRY, id="usa_holds_kh", date="2020-01-01", until="2020-02-01", type="rules_of_engagement",
                              actor="usa", target=["kh"], scale=0.0, cameo="0871"))
    sc = flashpoint.load_scenario(write(tmp_path, d))
    assert presence.held_fire_at_some(sc, "usa") == [("usa_holds_kh", ["kh"])]
    assert presence.held_fire(sc, "usa") == []
    d["schedule"][-1]["target"] = [a["id"] for a in d["actors"] if a["kind"] == "proxy"]
    sc = flashpoint.load_scenario(write(tmp_path, d))
    assert presence.held_fire_at_some(sc, "usa") == []
    assert presence.held_fire(sc, "usa") == [(sc.schedule[-1].date, sc.schedule[-1].until)]


def test_an_override_of_a_force_that_breaks_its_deployments_is_refused_as_the_file_would_be(tmp_path, capsys):
    """A held-out case's --set usa.troops=400000 ran a deployment that the same value in the file was refused for
    ("would never arrive"): overrides of troops and initial_presence get the file's check."""
    path = write(tmp_path, with_home(tmp_path))
    assert main(["run", "--scenario", path, "--runs", "5", "--set", "eu.initial_presence=0.5"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "overrides: eu.initial_presence = 0.5: deployment arrives on 2024-02-19 brings" in err and "would never arrive" in err
    sc = flashpoint.load_scenario(path)
    with pytest.raises(ScenarioError, match="would never arrive"):
        flashpoint.simulate(sc, runs=2, overrides={"eu.initial_presence": 0.5})
    flashpoint.simulate(sc, runs=2, overrides={"eu.initial_presence": np.array([0.0, 0.5])})   # a design's: as before


def test_a_strike_in_the_patrons_country_is_said_to_act_on_its_factions_only(tmp_path, capsys):
    """A held-out case's Rolling Thunder was written as strikes on the factions with the patron's country as their
    theatre: the theatre changed nothing but the host's consent, and nothing said so."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    patron = next(a for a in d["actors"] if a["kind"] == "patron")
    d["schedule"].append(dict(ENTRY, id="abroad", date="2020-03-01", type="foreign_strike", actor="usa",
                              target="kh", theatre=patron["cameo"][:3], waves=2, cameo="195"))
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert f"note: strike(s) abroad fall in the patron's country ({patron['cameo'][:3]}): a strike acts on the " \
           "factions it names" in err, err
    assert "is the host's country too" not in err
    host = next(a for a in d["actors"] if a["kind"] == "host_executive")       # sharing its code: Hanoi, Saigon
    patron["cameo"] = host["cameo"][:3] + patron["cameo"][3:]
    d["schedule"][-1]["theatre"] = host["cameo"][:3]
    err = " ".join(validate(write(tmp_path, d, "shared.yaml"), capsys).split())
    assert f"; {host['cameo'][:3]} is the host's country too, so they fall on the host's soil and wear its consent " \
           "down (M5): where the patron is another state (Hanoi beside Saigon), give its land a theatre code of its " \
           "own" in err, err
    # or the host state itself arming a faction: its land is meant (a held-out student's Premadasa government)
    assert "where it stands for the host state itself (its government arming a faction), they fall there as the " \
           "case means" in err
    listed = lambda err: err.split(" fall in the patron's country")[0].split("note: strike(s) ")[-1]  # noqa: E731
    before = listed(err)
    d["schedule"].append(dict(d["schedule"][-1], id="no_theatre"))               # no theatre: the host's soil, so
    del d["schedule"][-1]["theatre"]                                              # there too (a verifier's)
    after = listed(" ".join(validate(write(tmp_path, d, "bare.yaml"), capsys).split()))
    assert before.endswith("and 3 more") and after.endswith("and 4 more"), (before, after)
    d["schedule"].pop()
    decapitation = next(e for e in d["schedule"] if e["type"] == "decapitation")       # listed too (a verifier's)
    assert decapitation.get("theatre", host["cameo"][:3]) == host["cameo"][:3]
    decapitation["theatre"] = host["cameo"][:3]
    err = " ".join(validate(write(tmp_path, d, "shared2.yaml"), capsys).split())
    assert f"{decapitation['id']}" in err.split("fall in the patron's country")[0], err


def test_an_attribute_only_a_switched_off_mechanism_reads_is_noted(tmp_path, capsys):
    """A held-out case gave its factions broker_dependence, which M4 alone reads, with M4 off: nothing said it
    changed nothing."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    assert "attributes.broker_dependence" not in validate(write(tmp_path, d), capsys)       # M4 on
    d["mechanisms"]["decapitation"].update(enabled=False, reason="test")
    d["claims"] = []
    err = " ".join(validate(write(tmp_path, d, "off.yaml"), capsys).split())
    assert "note: attributes.broker_dependence of kh, aah, badr is read only by M4 (decapitation), switched off here" in err


def test_a_policy_that_only_drops_a_marker_is_noted(tmp_path, capsys):
    """A held-out case's counterfactual dropped a red-line threat written as a marker: compare printed zeros and
    validate said nothing."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    marker = next(e["id"] for e in d["schedule"] if e["type"] == "marker")
    d["policies"]["no-marker"] = {"description": "test", "drop": [marker]}
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert f"note: policy 'no-marker' only drops or adds marker(s) ({marker}), dated facts the model does not read" in err
    assert "policy 'historical' only" not in err


def test_a_policy_that_changes_nothing_is_noted(tmp_path, capsys):
    """A held-out case's placeholder policy (a description only) was compared with historical: zeros, unsaid."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["policies"]["placeholder"] = {"description": "to be written"}
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert "note: policy 'placeholder' sets, drops and adds nothing: its runs are the schedule's own" in err
    assert "policy 'historical' sets" not in err
    # so too one that sets only what the file already has (another held-out case's noop)
    d["policies"]["placeholder"]["set"] = {"response.lag_days": d["response"]["lag_days"]["value"],
                                           "consent.enabled": True}
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert "note: policy 'placeholder' sets only values the file already has (response.lag_days = 4, " in err
    assert "policy 'restraint' sets only" not in err


def test_consent_no_mechanism_reads_is_noted(capsys):
    """A held-out case's host consent fell from 0.9 to 0.01 under strikes, printed by run, while M6 and M7, the
    only mechanisms that read it, were off: nothing depended on it, unsaid."""
    from types import SimpleNamespace

    from flashpoint.commands.scenario import _note_unread_consent

    def said(**enabled):
        _note_unread_consent(SimpleNamespace(mechanisms={k: SimpleNamespace(enabled=v) for k, v in enabled.items()}))
        return capsys.readouterr().err

    assert "M5 (consent) is on but the mechanisms that read the host's consent" in said(
        consent=True, coalition=False, spoiler=False)
    assert said(consent=True, coalition=False, spoiler=True) == ""
    assert said(consent=False, coalition=False, spoiler=False) == ""
    sc = flashpoint.load_scenario("iraq-2020")      # (M5, M6 and M7 on)
    _note_unread_consent(sc)
    assert capsys.readouterr().err == ""


def test_consent_no_mechanism_reads_is_left_out_of_the_designs_of_claims_on_other_indicators(tmp_path):
    """A held-out analyst's sensitivity ranked consent.strike_cost and consent.initial among an attack claim's top
    ten, by noise, where validate said host_consent was an output only (M6 and M7 off)."""
    import yaml

    from flashpoint.analysis.audit import design_parameters
    from flashpoint.scenario.loader import resolve

    d = yaml.safe_load(resolve("iraq-2020")[1])
    for m in ("coalition", "spoiler"):
        d["mechanisms"][m].update(enabled=False, reason="a test: nothing reads the host's consent")
    d["relations"] = [r for r in d["relations"] if r["type"] != "alliance"]
    d["claims"] = [c for c in d["claims"] if c["id"] == "H1"]
    path = tmp_path / "unread.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    sc = flashpoint.load_scenario(path)
    attacks = [c for c in sc.claims if not c.indicator.startswith("host_consent")]
    assert not [n for n in design_parameters(sc, attacks) if n.startswith("consent.")]
    full = flashpoint.load_scenario("iraq-2020")
    assert [n for n in design_parameters(full, attacks) if n.startswith("consent.")]
    on_consent = attacks[0].model_copy(update={"indicator": "host_consent"})
    assert [n for n in design_parameters(sc, [on_consent]) if n.startswith("consent.")]


def test_consent_that_starts_at_0_read_by_m7_is_noted(tmp_path, capsys):
    """A held-out designer's host that never consented ran joint operations in full (M7 reads consent over its
    start, whole at a start of 0), while a start of 0.001 fell under strikes and took them away, unsaid."""
    import yaml

    from flashpoint.scenario.loader import resolve

    assert "consent.initial is 0" not in validate("iraq-2020", capsys)
    d = yaml.safe_load(resolve("iraq-2020")[1])
    for name in ("initial", "baseline"):
        d["mechanisms"]["consent"]["parameters"][name].update(value=0.0, range=[0.0, 0.5])
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert ("note: consent.initial is 0: M7 reads the host's cooperation against the spoiler as the consent it keeps "
            "(consent over its start), which is whole for a host that starts at none") in err, err


def test_a_record_series_laid_beside_a_switched_off_output_is_noted(tmp_path, capsys):
    """A verifier's iraq-2020 with M7 off laid the record's isis_attacks beside spoiler_activity, a constant, unsaid."""
    import yaml

    from flashpoint.scenario.loader import resolve

    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["mechanisms"]["spoiler"].update(enabled=False, reason="a test: no insurgency both sides fight")
    d["claims"] = [c for c in d["claims"] if c["indicator"] != "spoiler_activity"]
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert ("note: record.indicators maps isis_attacks to spoiler_activity, the output of M7 spoiler, switched off in "
            "this file and under every policy: every run holds its resting value there") in err, err


def test_the_readers_of_consent_are_the_engines():
    """The note's list of consent's readers is the engine's: every mechanism that reads state["consent"]."""
    import pathlib

    from flashpoint.scenario.parameters import CONSENT_READERS
    from flashpoint.engine import mechanisms

    folder = pathlib.Path(mechanisms.__file__).parent
    readers = {f.stem for f in folder.glob("*.py") if 'state["consent"]' in f.read_text() and f.stem != "consent"}
    assert readers == set(CONSENT_READERS)



def test_parameters_sourced_to_a_built_in_fit_are_noted_in_a_copy(tmp_path, capsys):
    """A held-out case (South Sudan 2013-15) copied iraq-2020's backlash, "fitted (docs/ODD.md section 8)" to the
    Iraqi record, and it decided a claim; validate said nothing of where the number came from."""
    assert "built-in scenario's fit" not in validate("iraq-2020", capsys)      # the built-in's fit is its own
    d = yaml.safe_load(resolve("iraq-2020")[1])
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert ("note: 19 parameter(s) (attacks.base_rate.kh, attacks.base_rate.aah, attacks.base_rate.badr, "
            "effects.covid_lockdown and 15 more) give a built-in scenario's fit or record as their source") in err, err
    assert "that case's numbers, 19 of them said to be fitted" in err
    # a source that names the built-in's value and says it is not fitted is no fit (a held-out historian's), in any
    # case and spacing; an address that holds a built-in's name names no built-in (a verifier's)
    for q, said in ((d["attacks"]["exposure"], "assumption (iraq-2020's value, not fitted to this case)"),
                    (d["attacks"]["max_daily_rate"], "iraq-2020 value; Never\nfitted here"),
                    (d["attacks"]["wounded_per_attack"], "https://example.org/iraq-2020-review.pdf")):
        q["source"] = said
    err = " ".join(validate(write(tmp_path, d, "t.yaml"), capsys).split())
    assert "note: 21 parameter(s)" in err and "that case's numbers, 19 of them said to be fitted" in err


def test_a_source_that_names_a_built_in_counts_only_with_the_built_ins_value(tmp_path, capsys):
    """A held-out case replaced iraq-2020's backlash with its own, sourced "assumption (iraq-2020 value ran away
    here: ...)"; validate still counted it among that case's numbers. A parameter counts only where its value is
    the named built-in's; section 8 names any built-in's fit."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    q = d["mechanisms"]["deterrence"]["parameters"]["backlash_per_strike"]
    q["source"] = "assumption (iraq-2020 value ran away here: 1,900 sites struck)"
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert "note: 19 parameter(s)" in err and "that case's numbers, 18 of them said to be fitted" in err, err
    q["value"] = 0.002                                    # the case's own value: no copy of iraq-2020's
    err = " ".join(validate(write(tmp_path, d, "t.yaml"), capsys).split())
    assert "note: 18 parameter(s)" in err and "that case's numbers, 18 of them said to be fitted" in err, err
    q["source"] = "fitted (docs/ODD.md section 8)"       # nor a fit of any built-in at that value
    err = " ".join(validate(write(tmp_path, d, "u.yaml"), capsys).split())
    assert "note: 18 parameter(s)" in err, err


def test_a_decapitations_control_loss_that_reaches_no_attack_is_noted(tmp_path, capsys):
    """A held-out student's decapitation cut Hezbollah's control from 0.34 to 0.13 and the attacks did not move:
    control acts through orders, the patron's push under pressure and the attacks on the host, and the case had
    none of them."""
    d = yaml.safe_load(resolve("red-sea-2023")[1])
    gone = {e["id"] for e in d["schedule"] if e["type"] in ("patron_order", "sanctions")}
    d["schedule"] = [e for e in d["schedule"] if e["id"] not in gone]
    for p in d["policies"].values():
        p["drop"] = [x for x in p.get("drop", []) if x not in gone]
        p["add"] = [e for e in p.get("add", []) if e["type"] not in ("patron_order", "sanctions")]
    d["mechanisms"]["pressure"].update(enabled=False, reason="test")
    d["effects"].pop("order_scale")
    said = "note: the patron's control of the factions (M3) reaches no attack here: no patron_order entry"
    assert said in " ".join(validate(write(tmp_path, d), capsys).split())
    # nor does an order that ended before the killing (a verifier's)
    d["schedule"].append(dict(ENTRY, id="early_order", date="2024-01-01", until="2024-01-31", type="patron_order",
                              order="restrain", actor="iran", target="houthis", cameo="0871"))
    assert said in " ".join(validate(write(tmp_path, d), capsys).split())
    assert said not in " ".join(validate("red-sea-2023", capsys).split())       # its orders and sanctions


def test_a_direct_strikes_dead_where_none_is_drawn_is_refused(capsys):
    """A held-out designer's --set escalation.direct_strike_killed=5 was accepted and named in the JSON, beside runs
    byte for byte the same: the ladder struck nothing (hazard 0) and the one direct strike recorded its dead."""
    assert main(["run", "--scenario", "red-sea-2023", "--runs", "2", "--set", "escalation.direct_strike_killed=5"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert ("escalation.direct_strike_killed gives the killed of a patron's direct strike whose killed are not "
            "recorded, and under policy 'historical' the ladder strikes none (escalation.direct_strike_hazard 0) and "
            "no patron_direct_strike entry leaves its killed out: the setting would change nothing") in err
    assert main(["run", "--runs", "2", "--set", "escalation.direct_strike_wounded=5"]) == 0    # iraq-2020's ladder
    capsys.readouterr()


def test_a_factions_dependence_no_decapitation_reaches_is_refused(tmp_path, capsys):
    """A held-out student's --set amal.broker_dependence=0.2, where only Hezbollah's leader was killed, ran byte for
    byte the same: M4 reads a faction's dependence where the patron's commander or its own is killed."""
    d = yaml.safe_load(resolve("iraq-2020")[1].replace("type: decapitation, actor: usa, target: [iran, kh]",
                                                       "type: decapitation, actor: usa, target: [kh]"))
    d["claims"] = []           # (H1 names successor_strength, which only the patron's commander's death reaches)
    path = write(tmp_path, d)
    assert main(["run", "--scenario", str(path), "--runs", "2", "--set", "aah.broker_dependence=0.4"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert ("aah.broker_dependence is read by M4 decapitation only where the patron's commander or aah's own is "
            "killed, and the decapitations of policy 'historical' kill kh's: the setting would change nothing") in err
    assert main(["run", "--scenario", str(path), "--runs", "2", "--set", "kh.broker_dependence=0.6"]) == 0
    assert main(["run", "--runs", "2", "--set", "aah.broker_dependence=0.4"]) == 0      # the patron's commander too
    # beside a policy under which it acts, compare and claims take it, and leave it out of the other's runs (a
    # verifier's compare was refused for the second policy)
    d = yaml.safe_load(resolve("iraq-2020")[1])
    decap = next(e for e in d["schedule"] if e["id"] == "decapitation_2020_01_03")
    d["policies"]["kh-only"] = {"description": "test", "drop": ["decapitation_2020_01_03"],
                                "add": [dict(decap, id="decap_kh", target=["kh"])]}
    d["claims"] = []
    path = write(tmp_path, d, "two.yaml")
    assert main(["compare", "--scenario", path, "--policies", "historical,kh-only", "--runs", "2", "--prior",
                 "--set", "aah.broker_dependence=0.4"]) == 0
    assert main(["run", "--scenario", path, "--policy", "kh-only", "--runs", "2",
                 "--set", "aah.broker_dependence=0.4"]) == 2
    capsys.readouterr()


def test_an_attribute_only_switched_off_mechanisms_read_is_refused_where_it_would_change_nothing(tmp_path, capsys):
    """A held-out analyst's --set uto.broker_dependence=0.3 with M4 off ran, byte for byte the runs without it, while
    --set decapitation.control_loss=0.5 was refused; a claim could name it as a deciding parameter too."""
    assert main(["run", "--runs", "2", "--set", "decapitation.enabled=false", "--set", "kh.broker_dependence=0.7"]) == 2
    err = capsys.readouterr().err
    assert "kh.broker_dependence is read only by M4 decapitation, switched off in these runs: the setting would " \
           "change nothing" in err and "Traceback" not in err
    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["mechanisms"]["decapitation"].update(enabled=False, reason="test")
    d["claims"] = [dict(d["claims"][0], parameters=["kh.broker_dependence"])]
    path = write(tmp_path, d)
    assert main(["scenario", "validate", path]) == 2
    assert "names kh.broker_dependence, an attribute read only by M4 decapitation, idle under both policies: it " \
           "cannot decide the claim" in capsys.readouterr().err
    from flashpoint.calibration.problem import default_parameters
    from flashpoint.scenario.parameters import parameters

    for a in d["actors"]:                 # calibratable: left out of the fit with the mechanisms switched off
        if "broker_dependence" in a.get("attributes", {}):
            a["attributes"]["broker_dependence"]["calibratable"] = True
    d["claims"] = []
    sc = flashpoint.load_scenario(write(tmp_path, d, "cal.yaml"))
    assert "kh.broker_dependence" in parameters(sc)
    with pytest.warns(Warning, match="switched off: .*kh.broker_dependence"):
        assert "kh.broker_dependence" not in default_parameters(sc)
    from flashpoint.web.catalog import parameters as page_parameters        # the page locks its slider

    read_by = {p["name"]: p["read_by"] for p in page_parameters(sc)["parameters"]}
    assert read_by["kh.broker_dependence"] == ["decapitation"] and read_by["attacks.base_rate.kh"] == []


def test_a_weight_of_what_only_a_switched_off_mechanism_moves_and_a_demand_sensitivity_with_no_demand_are_refused(
        tmp_path, capsys):
    """A held-out designer's consent.polarization_weight with M10 off, and coalition.demand_sensitivity with no
    host_demand entry, were taken, and no indicator moved in 100 paired runs; the page offered their sliders."""
    assert main(["run", "--runs", "2", "--set", "politics.enabled=false", "--set",
                 "consent.polarization_weight=0.9"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "consent.polarization_weight weighs what only M10 politics moves, switched off in these runs: the " \
           "setting would change nothing" in err and "Traceback" not in err
    assert main(["run", "--runs", "2", "--policy", "no-decapitation", "--set",
                 "coalition.demand_sensitivity=0.05"]) == 2
    assert "coalition.demand_sensitivity acts only through host_demand entries, and policy 'no-decapitation' has " \
           "none" in " ".join(capsys.readouterr().err.split())
    assert main(["run", "--runs", "2", "--set", "coalition.demand_sensitivity=0.05"]) == 0    # historical has one
    # and where the same call switches off what it needs, from Python, the web page and the command line alike (a
    # verifier's ran there), or the policy gives its reader nothing to act through
    for refused in ({"consent.polarization_weight": 0.5, "politics.enabled": False},
                    {"control.resistance_push": 1.0, "pressure.enabled": False},      # (a held-out forecaster's)
                    {"kh.broker_dependence": 0.6, "decapitation.enabled": False},
                    {"coalition.demand_sensitivity": 0.05, "consent.enabled": False}):
        with pytest.raises(ScenarioError, match="the setting would change nothing"):
            flashpoint.simulate("iraq-2020", runs=2, overrides=refused)
        from flashpoint.web.routes.checks import check_overrides

        with pytest.raises(Exception, match="the setting would change nothing"):
            check_overrides(flashpoint.load_scenario("iraq-2020"), refused, ["historical"])
    assert main(["run", "--runs", "2", "--policy", "no-decapitation", "--set", "kh.broker_dependence=0.6"]) == 2
    assert "kh.broker_dependence is read only by M4 decapitation, which act(s) only through decapitation entries, " \
           "and policy 'no-decapitation' has none" in " ".join(capsys.readouterr().err.split())
    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["mechanisms"]["politics"].update(enabled=False, reason="test")
    d["claims"] = [dict(d["claims"][0], parameters=["consent.polarization_weight"])]
    assert main(["scenario", "validate", write(tmp_path, d)]) == 2
    assert "names consent.polarization_weight, which weighs what only M10 politics moves, idle under both " \
           "policies" in " ".join(capsys.readouterr().err.split())
    d["claims"] = []
    sc = flashpoint.load_scenario(write(tmp_path, d, "off.yaml"))
    from flashpoint.web.catalog import parameters as page_parameters        # the page locks its slider

    read_by = {p["name"]: p["read_by"] for p in page_parameters(sc)["parameters"]}
    assert read_by["consent.polarization_weight"] == ["politics"] and read_by["consent.strike_cost"] == []


def test_a_recorded_attack_on_a_party_of_several_targets_that_names_none_is_noted(tmp_path, capsys):
    """A held-out researcher's two battles in Angola were counted as dead in Namibia, the first target of the
    force that held both, unsaid: the entry falls on the party's first target where it names no attack_targets."""
    import copy

    import yaml

    from flashpoint.scenario.loader import resolve

    assert "recorded attack(s)" not in validate("red-sea-2023", capsys)
    d = yaml.safe_load(resolve("red-sea-2023")[1])
    second = copy.deepcopy(next(t for t in d["targets"] if t["id"] == "israel"))
    second.update(id="eilat", name="the port of Eilat")
    second["share"].update(value=0.0, range=[0.0, 0.1])
    d["targets"].append(second)
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert ("note: 4 recorded attack(s) (tel_aviv_drone_2024_07_19, ben_gurion_2025_05_04, ramon_drone_2025_09_07 "
            "and 1 more) name israel, which holds 2 attack targets (israel, eilat), and no attack_targets: each falls "
            "on the first, israel, its casualties counted there; name the one struck in attack_targets") in err, err


def test_switching_on_a_mechanism_with_no_entry_to_act_through_is_refused(tmp_path, capsys):
    """A held-out designer's page took decapitation.enabled=true where no decapitation was scheduled: every number
    as without it, unsaid (validate notes such a mechanism in the file)."""
    import yaml

    from flashpoint.scenario.loader import resolve

    d = yaml.safe_load(resolve("red-sea-2023")[1])
    d["mechanisms"]["decapitation"].update(enabled=False, reason="a test: no leader is killed")
    d["schedule"] = [e for e in d["schedule"] if e["type"] != "decapitation"]
    d["effects"] = {k: v for k, v in d["effects"].items() if k != "pm_killing_scale"}
    path = write(tmp_path, d)
    assert main(["run", "--runs", "2", "--scenario", path, "--set", "decapitation.enabled=true"]) == 2
    assert ("--set: decapitation.enabled switches on M4 decapitation, which acts only through decapitation entries, "
            "and policy 'historical' has none: the setting would change nothing") in " ".join(
        capsys.readouterr().err.split())
    assert main(["run", "--runs", "2", "--scenario", path, "--set", "decapitation.enabled=false"]) == 0


def test_a_host_attack_rate_with_no_faction_hostile_to_the_host_is_refused(tmp_path, capsys):
    """A held-out political scientist's --set control.host_attack_rate, no hostility relation in the file, left
    attacks_on_host at 0 in every run, unsaid; with a faction hostile to the host it is taken."""
    import yaml

    from flashpoint.scenario.loader import resolve

    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["relations"] = [r for r in d["relations"] if r["type"] != "hostility"]
    path = tmp_path / "calm.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    assert main(["run", "--runs", "2", "--scenario", str(path), "--set", "control.host_attack_rate=0.01"]) == 2
    assert "no faction has one above 0 here: the setting would change nothing; declare a hostility relation" in \
        " ".join(capsys.readouterr().err.split())
    assert main(["run", "--runs", "2", "--set", "control.host_attack_rate=0.01"]) == 0
    hostile = next(r for r in yaml.safe_load(resolve("iraq-2020")[1])["relations"] if r["type"] == "hostility")
    hostile["value"].update(value=0.0, range=[0.0, 0.0])     # declared, at 0: not "declare one" (a verifier's)
    d["relations"].append(hostile)
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    assert main(["run", "--runs", "2", "--scenario", str(path), "--set", "control.host_attack_rate=0.01"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "give hostility." in err and "a value or range above 0" in err and "declare a" not in err


def test_a_host_attack_rate_beside_a_hostility_of_0_drawn_over_its_range_is_taken(tmp_path, capsys):
    """A held-out analyst's hostility of 0, ranged to 0.5: the design drew both, and claims refused its own sample,
    as the refusal read the file's 0 and not the drawn hostility beside the parameter."""
    import numpy as np
    import yaml

    from flashpoint.scenario.loader import resolve

    d = yaml.safe_load(resolve("iraq-2020")[1])
    for r in d["relations"]:
        if r["type"] == "hostility":
            r["value"].update(value=0.0, range=[0.0, 0.5])
    path = tmp_path / "calm.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    sc = flashpoint.load_scenario(path)
    hostile = [r for r in sc.relations if r.type == "hostility"]
    drawn = {f"hostility.{r.source}.{r.target}": np.array([0.1, 0.4]) for r in hostile}
    drawn["control.host_attack_rate"] = np.array([0.005, 0.01])
    ens = flashpoint.simulate(sc, runs=2, seed=1, overrides=drawn)
    assert ens.total("attacks_on_host").sum() > 0
    assert main(["run", "--runs", "2", "--scenario", str(path), "--set", "control.host_attack_rate=0.01"]) == 2
    assert "no faction has one above 0 here: the setting would change nothing; set hostility.kh.iraq_gov or " in \
        " ".join(capsys.readouterr().err.split())
    # the audit's corners put the hostility at its end, 0, beside the rate drawn per run: taken (a held-out
    # analyst's claims stopped at 40 % on their own point); a single value from Python is refused, as --set is
    corner = {f"hostility.{r.source}.{r.target}": np.zeros(2) for r in hostile}
    corner["control.host_attack_rate"] = np.array([0.005, 0.01])
    assert flashpoint.simulate(sc, runs=2, seed=1, overrides=corner).total("attacks_on_host").sum() == 0
    with pytest.raises(ScenarioError, match="no faction has one above 0 here"):
        flashpoint.simulate(sc, runs=2, seed=1, overrides={"control.host_attack_rate": 0.01})


def test_a_host_attack_rate_with_no_faction_hostile_to_the_host_is_left_out_of_the_designs(tmp_path):
    """A held-out scientist found control.host_attack_rate, which no hostile faction lets change anything, drawn
    in the sensitivity and audit designs: a value that changes nothing ranks by noise. The fit leaves it out too."""
    import warnings

    import yaml

    from flashpoint.analysis.audit import design_parameters
    from flashpoint.calibration.problem import default_parameters
    from flashpoint.scenario.loader import resolve

    sc = flashpoint.load_scenario("iraq-2020")
    assert "control.host_attack_rate" in design_parameters(sc, sc.claims)
    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["relations"] = [r for r in d["relations"] if r["type"] != "hostility"]
    d["mechanisms"]["control"]["parameters"]["host_attack_rate"]["calibratable"] = True
    path = tmp_path / "calm.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    calm = flashpoint.load_scenario(path)
    assert "control.host_attack_rate" not in design_parameters(calm, calm.claims)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert "control.host_attack_rate" not in default_parameters(calm)
    assert any("no relation that scales them is above 0: control.host_attack_rate" in str(w.message) for w in seen)


def test_an_exposure_where_no_force_ever_moves_is_noted(tmp_path, capsys):
    """attacks.exposure raises attacks with the foreign force's size; where no entry moves a force and M6 is off,
    presence ** exposure holds still (a held-out case's exposure where no troops moved was taken unsaid)."""
    err = " ".join(validate("red-sea-2023", capsys).split())     # exposure 0, range 0-0.5, no force moves
    assert "attacks.exposure is 0 and its range (0-0.5) lets a fit or a design move it" in err
    # (its israel holds no troops: until 2026-12-06 that weighed its target's presence to 0, and an exposure of 0.5
    # took the attacks on it away; now a party of no troops is there as its presence says: engine/forces.weighted)
    assert ("so exposure changes nothing in the runs (every force is there in full; --set, a policy's set and the "
            "web page refuse a value of it)") in err
    d = yaml.safe_load(resolve("red-sea-2023")[1])
    d["attacks"]["exposure"]["value"] = 0.3
    d["actors"][[a["kind"] for a in d["actors"]].index("foreign_power")]["attributes"]["initial_presence"] = {
        "value": 0.5, "unit": "share", "range": [0, 1], "source": "test"}
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert "attacks.exposure is 0.3 (range 0-0.5)" in err
    assert "only multiplies the attack rates by a constant" in err
    assert "attacks.exposure" not in " ".join(validate("iraq-2020", capsys).split())   # its forces draw down


def test_claims_say_a_verdict_rests_on_a_built_in_fit_copied(tmp_path, capsys, monkeypatch):
    """A held-out analyst's decapitation claim (Lebanon 1992-2000) was decided by iraq-2020's fitted values copied
    into the file; claims said only that the audit had not run."""
    monkeypatch.setenv("COLUMNS", "300")
    path = write(tmp_path, yaml.safe_load(resolve("iraq-2020")[1]))
    args = ["claims", "--runs", "20", "--samples", "0", "--no-audit", "--claim", "H3"]
    assert main([*args, "--scenario", path]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert ("note: 19 parameter(s) (attacks.base_rate.kh, attacks.base_rate.aah, attacks.base_rate.badr, "
            "effects.covid_lockdown and 15 more) give a built-in scenario's fit or record as their source") in out
    assert "a verdict at these values rests on that case's numbers, not on this one's record" in out
    assert main([*args, "--scenario", "iraq-2020"]) == 0
    assert "built-in scenario's fit" not in capsys.readouterr().out          # the built-in's fit is its own


def test_a_drawdown_that_asks_more_troops_than_are_there_is_noted(tmp_path, capsys):
    """A held-out forecaster's drawdown of 30,000 where an understated start left 25,800 emptied the theatre in
    mid-2014, unsaid (the engine takes at most what is there, as documented)."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    cut = next(e for e in d["schedule"] if e["id"] == "us_drawdown_2021_01")
    cut["troops"] = 4000                          # 3,000 are there after the Sep 2020 cut
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert ("note: drawdown us_drawdown_2021_01 on 2021-01-15 takes 4,000 of usa's troops, and only 3,000 of its 5,200 "
            "(attributes.troops) are there then: it takes them all, and no usa troops are there from that day") in err
    cut.pop("troops")
    cut["fraction"] = 1.0                          # the whole force, as written: no note
    assert "takes them all" not in validate(write(tmp_path, d), capsys)
    assert "takes them all" not in validate("iraq-2020", capsys)


@pytest.mark.parametrize("kind, field, name, words", [
    # a held-out designer's US strike on al-Shabaab's leader beside Ethiopia's force, written with a public actor
    ("decapitation", "actor", "sadrists", r"'sadrists' is a public; a strike by a power outside the foreign force "
                                          r"has no actor of its own \(docs/ODD.md section 9\)"),
    # a held-out analyst's Basra offensive by the host's forces, told to write a power outside the force as an ally
    ("foreign_strike", "actor", "isf", r"'isf' is a host_forces; a host's own campaign against the factions has no "
                                       r"entry of its own: write what it does to them as an outside_shock"),
    # a held-out forecaster's Chad-Sudan accord, written as a dialogue of the patron's
    ("dialogue", "actor", "iran", r"'iran' is a patron; talks between the patron and the host have no entry of "
                                  r"their own \(docs/ODD.md section 9\)"),
    # a held-out journalist's Libyan ceasefire between the factions and the host: a truce toward the host covers the
    # targets no foreign party holds that it names (none declared here), and the attacks hostility drives go on
    ("suspension", "target", "iraq_gov", r"a suspension toward iraq_gov \(host_executive\) covers the attack targets "
                                         r"no foreign party holds that attack_targets names: declare the host's posts "
                                         r".*attacks on the host that hostility drives \(attacks_on_host\) go on"),
    # a held-out designer's Rolling Thunder, a foreign_strike on the patron
    ("foreign_strike", "target", "iran", r"'iran' is a patron; the foreign powers strike the proxies only"),
])
def test_an_entry_out_of_the_models_shape_is_refused_and_pointed_to_the_limits(tmp_path, kind, field, name, words):
    """Each was refused with no word of how the case can be written, or with the wrong advice (ODD section 9)."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    next(e for e in d["schedule"] if e["type"] == kind)[field] = name
    with pytest.raises(ScenarioError, match=words):
        flashpoint.load_scenario(write(tmp_path, d))


def test_a_patrons_strike_on_the_host_is_refused_once_and_pointed_to_the_limits(tmp_path):
    """A held-out historian's Syrian tanks in Jordan, a patron_direct_strike on the host, were refused, then told to
    declare an attack target for the host, which could not mend the first."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["targets"] = [{"id": "us_bases", "name": "US bases", "kind": "base", "party": "usa",
                     "share": {"value": 1.0, "unit": "share", "range": [1.0, 1.0], "source": "test"}}]
    next(e for e in d["schedule"] if e["type"] == "patron_direct_strike")["target"] = "iraq_gov"
    with pytest.raises(ScenarioError) as err:
        flashpoint.load_scenario(write(tmp_path, d))
    said = " ".join(str(err.value).split())
    assert ("'iraq_gov' is a host_executive; a patron's strike on the host, or its troops' war on it, has no entry: "
            "what it did to the factions is an outside_shock, the rest a marker (docs/ODD.md section 9)") in said
    assert "no declared attack target belongs" not in said


def test_a_drawdown_by_the_patron_gets_no_advice_about_strikes(tmp_path):
    """A held-out designer's drawdown by the patron was told that "a strike by a power outside the foreign force"
    has no actor."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    next(e for e in d["schedule"] if e["type"] == "coalition_drawdown")["actor"] = "iran"
    with pytest.raises(ScenarioError) as err:
        flashpoint.load_scenario(write(tmp_path, d))
    assert "'iran' is a patron" in str(err.value) and "a strike by a power outside" not in str(err.value)


def test_hostility_relations_beside_a_host_attack_rate_pinned_at_0_are_noted(tmp_path, capsys):
    """A held-out analyst's hostility to a host with control.host_attack_rate at 0 and a range of 0 to 0 changed
    nothing in the runs, unsaid (the reverse, a rate with no hostility above 0, is refused)."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["mechanisms"]["control"]["parameters"]["host_attack_rate"].update(value=0.0, range=[0.0, 0.0])
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert ("note: hostility.kh.iraq_gov, hostility.aah.iraq_gov, hostility.badr.iraq_gov scale(s) "
            "control.host_attack_rate, which is 0 with a range of 0 to 0: no faction attacks the host") in err
    d["mechanisms"]["control"]["parameters"]["host_attack_rate"].update(range=[0.0, 0.01])   # a fit may move it
    assert "scale(s) control.host_attack_rate" not in validate(write(tmp_path, d, "ranged.yaml"), capsys)
    assert "scale(s) control.host_attack_rate" not in validate("iraq-2020", capsys)


def test_a_target_no_party_holds_beside_attacks_on_the_host_is_said_to_be_a_second_count(tmp_path, capsys):
    """Three held-out cases (Donbas, South Ossetia, the tribal areas) wrote the host's posts as a target and laid the
    host's losses beside attacks_on_host, or read the two as one fight: they are two flows, unsaid."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["targets"] = [
        {"id": "us_bases", "name": "US bases", "kind": "base", "party": ["usa", "coalition"],
         "share": {"value": 0.8, "unit": "share", "range": [0.0, 1.0], "source": "test"}},
        {"id": "isf_posts", "name": "Iraqi army posts", "kind": "host_forces",
         "share": {"value": 0.2, "unit": "share", "range": [0.0, 1.0], "source": "test"}}]
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert ("note: the factions' attacks on the host are attacks_on_host (M3: control.host_attack_rate x "
            "hostility.kh.iraq_gov, hostility.aah.iraq_gov, hostility.badr.iraq_gov), a flow of its own; the attacks "
            "on isf_posts, which no foreign party holds, count in attacks_on_foreign_forces") in err
    assert "a flow of its own" not in validate("iraq-2020", capsys)


def test_rules_of_engagement_for_a_party_absent_all_its_span_are_noted(tmp_path, capsys):
    """A held-out analyst's rules_of_engagement entry for a force, dated after its last troops had left, changed
    nothing in the runs, unsaid (validate noted a tactics entry aimed at absent forces)."""
    d = with_home(tmp_path)
    d["targets"] = [t for t in d["targets"] if t["id"] != "eu_home"]
    ships = next(t for t in d["targets"] if t["id"] == "shipping")      # answered by the US and the UK only
    ships["answered"] = dict(ships["answered"], value={"usa": 1.0, "uk": 1.0, "eu": 0.0, "israel": 0.0},
                             range={p: [0.0, 1.0] for p in ("usa", "uk", "eu", "israel")})
    roe = dict(ENTRY, id="eu_robust", date="2023-11-01", until="2024-01-31", type="rules_of_engagement", actor="eu",
               target="houthis", scale=2.0, cameo="0874")
    d["schedule"].append(roe)
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert ("note: rules_of_engagement eu_robust scales the response rule of eu, none of whose troops are there from "
            "its date to its end: a party gone answers only the attacks on targets no party holds in the theatre, and "
            "its rule answers none, so the entry changes nothing in the runs") in err
    d["schedule"][-1] = dict(roe, until="2024-03-31")          # the EU arrives on 19 Feb 2024: its rule answers
    assert "eu_robust" not in validate(write(tmp_path, d, "later.yaml"), capsys)
    d["schedule"][-1] = dict(roe, actor="usa")                   # there throughout
    assert "eu_robust" not in validate(write(tmp_path, d, "usa.yaml"), capsys)
    assert "rules_of_engagement" not in validate("red-sea-2023", capsys)


def test_a_decapitation_at_scale_0_is_said_to_still_cost_what_any_does(tmp_path, capsys):
    """A held-out designer's capture at scale 0 changed no attack and still lowered the host's consent, unsaid."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    entry = next(e for e in d["schedule"] if e["type"] == "decapitation")
    entry["scale"] = 0.0
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert (f"note: decapitation {entry['id']} has scale 0: it changes no faction's leadership or control (M4), but "
            "is still a strike") in err
    assert "has scale 0" not in validate("iraq-2020", capsys)
    entry["scale"] = 5.0                          # a held-out designer's 5 took a faction's control to 0, unsaid
    err = " ".join(validate(write(tmp_path, d, "five.yaml"), capsys).split())
    assert f"note: decapitation {entry['id']} has scale 5: its leadership effects (M4) are 5 times" in err
    assert "has scale" not in validate("iraq-2020", capsys)


def test_pressure_with_no_sanctions_entry_is_said_to_be_a_constant_push(tmp_path, capsys):
    """A held-out student copied iraq-2020's M9 ('maximum pressure' 1.0) into a case with no sanctions: every faction
    ran to the ceiling, unsaid by validate."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["schedule"] = [e for e in d["schedule"] if e["type"] != "sanctions"]
    for p in d["policies"].values():
        p["add"] = [e for e in p.get("add", []) if e["type"] != "sanctions"]
        p["drop"] = [x for x in p.get("drop", []) if x in {e["id"] for e in d["schedule"]}]
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert "note: M9 pressure is on with pressure.initial 1 and no sanctions entry under any policy" in err
    assert "M9 pressure is on" not in validate("iraq-2020", capsys)
    # a push of 0 raises nothing at that value, only at the rest of its range (a held-out designer's read "raises")
    d["mechanisms"]["control"]["parameters"]["resistance_push"]["value"] = 0.0
    err = " ".join(validate(write(tmp_path, d, "push0.yaml"), capsys).split())
    assert ("(control.resistance_push 0 x pressure: nothing at that value, but at any value of its range up to 1 that "
            "a fit or a sensitivity analysis draws) raises every faction's attacks") in err
    # a copy with its sanctions (a held-out designer's one designation of one faction raised another's attacks)
    err = " ".join(validate(write(tmp_path, yaml.safe_load(resolve("iraq-2020")[1]), "copy.yaml"), capsys).split())
    assert ("note: M9 pressure is on with pressure.initial 1: between sanctions entries the pressure relaxes back to "
            "it, not to 0, so the patron's push") in err
    assert "a sanctions entry raises the pressure on the patron, and so the attacks of all its factions" in err
    d = yaml.safe_load(resolve("iraq-2020")[1])            # 0 in the file, 1 under a policy of its own (a verifier's)
    d["mechanisms"]["pressure"]["parameters"]["initial"].update(value=0.0, range=[0.0, 1.5])
    d["policies"]["restraint"].setdefault("set", {})["pressure.initial"] = 1.0
    err = " ".join(validate(write(tmp_path, d, "policy.yaml"), capsys).split())
    assert "note: M9 pressure is on with pressure.initial 1 under policy restraint: between sanctions" in err


def test_an_outside_shock_before_its_targets_forces_are_there_is_noted(tmp_path, capsys):
    """A held-out designer's mercenaries reached the front months before the foreign force: the shock, which moves
    the attacks on the foreign side's targets and not those on the host, changed nothing until then, unsaid."""
    d = with_home(tmp_path)
    target = next(t["id"] for t in d["targets"] if t.get("party") == "eu" and t.get("in_theatre", True))
    d["schedule"].append(dict(ENTRY, id="early", date="2024-01-10", type="outside_shock", actor="usa", target="houthis",
                              size="effects.israeli_ships_only", attack_targets=[target], cameo="154"))
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert ("note: outside_shock early moves the attacks on the forces of eu, none of whose troops are there until "
            "2024-02-19, when some are: it changes nothing in the runs before then") in err
    d["schedule"][-1]["until"] = "2024-02-01"         # over before they come: nothing at all (a verifier's)
    err = " ".join(validate(write(tmp_path, d, "u.yaml"), capsys).split())
    assert ("none of whose troops are there from its date to its end (or its until): it changes nothing in the runs "
            "(an outside shock") in err
    del d["schedule"][-1]["until"]
    d["schedule"][-1]["date"] = "2024-03-01"          # after they came: nothing to say
    assert "outside_shock early" not in validate(write(tmp_path, d, "t.yaml"), capsys)


def test_a_scheduled_attack_recording_only_one_of_its_tolls_is_noted(tmp_path, capsys):
    """A held-out designer's strike with "no human losses" written `killed: 0` came out with 24-35 wounded a run: the
    wounded left out are drawn."""
    d = yaml.safe_load(resolve("iraq-2020")[1])
    assert "record(s) one of killed" not in validate(write(tmp_path, d), capsys)
    strike = next(e for e in d["schedule"] if e["type"] == "patron_direct_strike")
    del strike["wounded"]
    err = " ".join(validate(write(tmp_path, d, "t.yaml"), capsys).split())
    assert (f"note: patron_direct_strike {strike['id']} record(s) one of killed and wounded and leave the other out: "
            "the runs draw the missing count from escalation.direct_strike_killed") in err
    # neither: each strike draws both (a held-out analyst's raids came out with 30 wounded each, unsaid)
    assert "neither killed nor wounded" not in err
    del strike["killed"]
    err = " ".join(validate(write(tmp_path, d, "n.yaml"), capsys).split())
    assert (f"note: patron_direct_strike {strike['id']} record(s) neither killed nor wounded: each strike draws "
            "escalation.direct_strike_killed (0.5) and escalation.direct_strike_wounded (30); write the source's "
            "counts on the entry") in err
    # a policy's value too, where the file's is 0 (a verifier's historical set 100 wounded, unsaid)
    escalation = d["mechanisms"]["escalation"]["parameters"]
    escalation["direct_strike_killed"].update(value=0.0)
    escalation["direct_strike_wounded"].update(value=0.0)
    d["policies"]["historical"]["set"] = {"escalation.direct_strike_wounded": 100}
    err = " ".join(validate(write(tmp_path, d, "p.yaml"), capsys).split())
    assert "each strike draws escalation.direct_strike_wounded (0, 100 under historical)" in err, err


def test_a_party_of_0_troops_is_noted(tmp_path, capsys):
    """A held-out designer's Turkish force written `troops: 0` (in its range) validated unsaid, and the attacks on
    its posts fell from 240 to 7.6: its share of the force weighs nothing."""
    d = yaml.safe_load(resolve("red-sea-2023")[1])
    party = next(a for a in d["actors"] if a["kind"] == "ally")
    party["attributes"]["troops"].update(value=0, range=[0, 3500])
    assert "declares 0 troops" not in validate(write(tmp_path, d), capsys)     # at exposure 0 troops weigh nothing
    d["attacks"]["exposure"].update(value=1.0, range=[0.0, 2.0])
    err = " ".join(validate(write(tmp_path, d, "t.yaml"), capsys).split())
    assert (f"note: {party['id']} declares 0 troops: its share of the foreign force weighs nothing, so "
            f"{party['id']}_navy, held in the theatre by parties of 0 troops only, draw(s) no attacks") in err
    assert "note: usa declares 0 troops" not in err


def test_a_party_whose_troops_move_no_attack_is_noted(tmp_path, capsys):
    """A held-out wargame designer's second force, alone on its target, gave the same attacks at 500 and 6,000
    troops, unsaid: with targets declared, a target's attacks follow its own parties' troop-weighted presence."""
    d = yaml.safe_load(resolve("red-sea-2023")[1])
    assert "weigh only coalition_presence" not in validate(write(tmp_path, d), capsys)   # exposure 0: its own note
    d["attacks"]["exposure"].update(value=1.0, range=[0.0, 2.0])
    d["schedule"].append(dict(ENTRY, id="eu_half", date="2024-03-01", type="coalition_drawdown", actor="eu",
                              target="eu", fraction=0.5, cameo="087"))     # a force moves: troops weigh presence
    err = " ".join(validate(write(tmp_path, d, "t.yaml"), capsys).split())
    assert ("note: usa.troops, uk.troops, eu.troops weigh only coalition_presence: with attack targets declared, the "
            "attacks on each follow its own parties' presence weighted by their troops (** attacks.exposure), and usa "
            "alone holds us_navy; uk alone holds uk_navy; eu alone holds eu_navy, so their troops move no attack") in err
    next(t for t in d["targets"] if t["id"] == "us_navy")["party"] = ["usa", "uk"]    # a target they share
    err = " ".join(validate(write(tmp_path, d, "u.yaml"), capsys).split())
    assert "note: eu.troops weighs only coalition_presence" in err and "usa.troops" not in err, err


def test_a_faction_aiming_mostly_at_forces_seldom_there_is_noted(tmp_path, capsys):
    """A held-out wargame designer's faction aimed 80 % of its attacks at a force there under two years of ten
    (a target's share is lost while none of its parties is there), unsaid."""
    d = yaml.safe_load(resolve("red-sea-2023")[1])
    d["schedule"].append(dict(ENTRY, id="us_leaves", date="2024-03-01", type="coalition_drawdown", actor="usa",
                              target="usa", fraction=1.0, cameo="087"))
    assert " aims " not in validate(write(tmp_path, d), capsys)       # 17 % of the Houthis' attacks: not most
    shares = {t["id"]: t["share"] for t in d["targets"]}
    shares["shipping"]["value"], shares["us_navy"]["value"], shares["israel"]["value"] = 0.05, 0.5, 0.2
    err = " ".join(validate(write(tmp_path, d, "t.yaml"), capsys).split())
    assert ("note: houthis aims 64% of its attacks on the declared targets at us_navy (usa there, as the schedule has "
            "it, on 134 of the period's 774 days: 2023-10-19..2024-02-29): a target's share is one for the whole "
            "period, and while none of its parties is there that share of the faction's attacks is lost") in err, err


def test_the_summary_line_ends_before_the_notes(tmp_path, capsys):
    """A held-out wargame designer saw "...mapped to its indicatorsnote: ...": the summary (stdout) and the notes
    (stderr) are lines of their own; a viewer that joins the two streams after trimming stdout runs them together."""
    assert main(["scenario", "validate", "iraq-2020"]) == 0
    out, err = capsys.readouterr()
    assert out.endswith("mapped to its indicators\n") and out.count("\n") == 1, out
    assert err.startswith("note: ") and all(line.startswith(("note: ", "  ")) for line in err.splitlines()), err


def test_an_end_of_a_forces_declared_range_that_breaks_its_moves_is_noted(tmp_path, capsys):
    """A held-out historian's troops ranged 55,000 to 70,000, and every value below 70,000 was refused by --set and
    the API ("would never arrive"), the page's slider offering them: validate said nothing."""
    err = " ".join(validate(write(tmp_path, with_home(tmp_path)), capsys).split())
    assert ("note: the high end of the declared range of eu.initial_presence (1) breaks the schedule's moves, so "
            "--set, the web page and the API refuse it (overrides: eu.initial_presence = 1: eu is at its full strength "
            "from the start") in err
    assert "low end of the declared range of eu.initial_presence" not in err      # (0, its value)
    assert "declared range of" not in " ".join(validate("red-sea-2023", capsys).split())


def test_a_range_end_that_breaks_only_a_policys_moves_names_the_policy(tmp_path, capsys):
    """A verifier's troops range broke only a deployment a policy adds, and the note said --set refuses it, where
    `run --set` under the historical policy ran."""
    d = with_home(tmp_path)
    arrives = next(e for e in d["schedule"] if e["id"] == "arrives")
    d["schedule"].remove(arrives)
    d["policies"]["with-arrival"] = {"description": "the EU mission arrives", "add": [arrives]}
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert ("the high end of the declared range of eu.initial_presence (1) breaks the schedule's moves under "
            "with-arrival, so --set, the web page and the API refuse it there (") in err


def test_a_threat_aimed_at_the_patron_or_the_host_is_said_to_deter_the_factions_only(tmp_path, capsys):
    """A held-out political scientist's threat of war to the patron (and one to the host) loaded without a note: the
    threat rule takes any target and deters every faction where it names none, and nothing in the model coerces the
    patron or the host, as validate says of strikes in the patron's country."""
    from flashpoint.scenario.entries import threats_beyond_factions

    d = yaml.safe_load(resolve("iraq-2020")[1])
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert ("note: threat embassy_threat_2020_09_20 is aimed at iraq_gov (host_executive), no faction: it deters every "
            "faction; threat trump_warning_2020_12_23 is aimed at iran (patron), no faction: it deters every faction: "
            "a threat works only through the factions' deterrence (deterrence.threat_deterrence, M2): the factions it "
            "names, every faction where it names none; nothing in the model costs or coerces a patron or a host it is "
            "aimed at (docs/ODD.md section 9)") in err
    for e in d["schedule"]:           # aimed at factions (and at the patron beside one): only the patron is said
        if e["id"] == "embassy_threat_2020_09_20":
            e["target"] = ["kh", "aah"]
        if e["id"] == "trump_warning_2020_12_23":
            e["target"] = ["iran", "kh"]
    err = " ".join(validate(write(tmp_path, d), capsys).split())
    assert "embassy_threat_2020_09_20" not in err
    assert ("note: threat trump_warning_2020_12_23 is aimed at iran (patron): only the factions it names beside are "
            "deterred") in err
    assert threats_beyond_factions(flashpoint.load_scenario(write(tmp_path, d))) == [
        ("trump_warning_2020_12_23", ["iran"], False)]


def test_a_parameter_that_acts_only_through_entries_no_policy_has_is_noted(capsys):
    """A held-out case with no patron_order: control.obedience moved from 0.982 to 0.3 in the file changed nothing,
    unsaid by validate, while --set and calibrate refused the same value as changing nothing. red-sea-2023 has no
    threat and no decapitation of the patron's commander."""
    err = " ".join(validate("red-sea-2023", capsys).split())
    assert ("decapitation.successor_strength (a patron decapitation); deterrence.threat_deterrence (a threat): they "
            "act only through schedule entries no policy has") in err
    assert "coalition.demand_sensitivity" not in err            # M6 is off: its parameters are said so elsewhere
    assert "only through schedule entries no policy has" not in " ".join(validate("iraq-2020", capsys).split())
    assert main(["run", "red-sea-2023", "--runs", "10", "--set", "deterrence.threat_deterrence=0.5"]) == 2
