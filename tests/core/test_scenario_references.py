"""Names a scenario file uses elsewhere are checked when it loads: indicator breakdowns, the record's folder and
its counts; each problem once, at its line."""
import shutil

import numpy as np
import pytest
import yaml

import flashpoint
from flashpoint.errors import FlashpointError, ScenarioError
from flashpoint.records import datasets
from flashpoint.scenario.loader import resolve

TEXT = resolve("iraq-2020")[1]
RED_SEA = resolve("red-sea-2023")[1]


def write(tmp_path, change, name="s.yaml", base=TEXT):
    d = yaml.safe_load(base)
    change(d)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    return path


def refusal(path) -> str:
    """The message (whitespace folded) with which loading ``path`` is refused."""
    with pytest.raises(ScenarioError) as err:
        flashpoint.load_scenario(path)
    return " ".join(str(err.value).split())


@pytest.mark.parametrize("where, change", [
    ("claims[0].indicator", lambda d: d["claims"][0].update(indicator="attacks_on_foreign_forces.khh")),
    ("record.indicators.troops.usa", lambda d: d["record"]["indicators"].update({"troops.usa": "coalition_presence.uss"})),
    ("record.patterns[0].indicator", lambda d: d["record"]["patterns"][0].update(indicator="attacks_on_foreign_forces.rocket")),
])
def test_a_breakdown_typo_is_refused_where_it_is_written(tmp_path, where, change):
    with pytest.raises(ScenarioError) as err:
        flashpoint.load_scenario(write(tmp_path, change))
    message = str(err.value)
    assert f"field {where}:" in message and "has no breakdown" in message and "breakdowns: " in message, message


def test_a_claim_on_a_sum_is_refused_as_a_sum_not_a_typo(tmp_path):
    """A held-out case's claim on two targets' attacks read "has no breakdown 'x+attacks_on_foreign_forces'"."""
    with pytest.raises(ScenarioError, match=r"field claims\[0\].indicator: claim H1: indicator "
                                            r"'attacks_on_foreign_forces.kh\+attacks_on_foreign_forces.aah' is a sum; "
                                            r"a claim compares one indicator or one breakdown"):
        flashpoint.load_scenario(write(tmp_path, lambda d: d["claims"][0].update(
            indicator="attacks_on_foreign_forces.kh+attacks_on_foreign_forces.aah")))


def with_record_line(tmp_path, name: str, index: int, old: str, new: str):
    """A scenario over a copy of the shipped record whose file ``name`` has ``old`` made ``new`` on line ``index``
    (0: the header)."""
    folder = copy_record(tmp_path / "rec")
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    lines[index] = lines[index].replace(old, new, 1)
    assert new in lines[index]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return write(tmp_path, lambda d: d["record"].update(dataset=str(folder)))


def copy_record(folder):
    from importlib import resources

    source = resources.files("flashpoint.data.records").joinpath("iraq-2019-2021")
    folder.mkdir()
    for name in ("counts.csv", "events.csv", "series.csv", "sources.csv", "actors.csv"):
        if source.joinpath(name).is_file():
            (folder / name).write_bytes(source.joinpath(name).read_bytes())
    return folder


def test_a_record_folder_is_found_beside_the_scenario_file_from_any_directory(tmp_path, monkeypatch, capsys):
    cases = tmp_path / "cases"
    cases.mkdir()
    copy_record(cases / "my-record")
    path = write(cases, lambda d: d["record"].update(dataset="my-record"))
    monkeypatch.chdir(tmp_path)                       # not the scenario's folder
    sc = flashpoint.load_scenario(path)
    assert sc.record.dataset == str((cases / "my-record").resolve())
    assert len(flashpoint.records.period_counts(sc)) == 43
    from flashpoint.cli import main            # validate says which folder it read (a held-out user could not tell)
    assert main(["scenario", "validate", str(path)]) == 0
    assert f"record (read from {(cases / 'my-record').resolve()}): 43 published counts" in " ".join(
        capsys.readouterr().out.split())
    excluding = write(cases, lambda d: d["record"].update(     # the load-time checks read the same folder
        dataset="my-record", exclude=[{"what": "attacks", "window": ["2019-10-28", "2019-12-09"], "reason": "a test"}]),
        name="x.yaml")
    assert len(flashpoint.records.period_counts(flashpoint.load_scenario(excluding))) == 42
    shutil.rmtree(cases / "my-record")
    with pytest.raises(ScenarioError, match=r"line \d+: field record.dataset: record 'my-record' is not a shipped"):
        flashpoint.load_scenario(path)
    assert "iraq-2019-2021" in datasets()


def test_a_bad_date_in_a_record_names_its_file_line_and_column(tmp_path):
    folder = copy_record(tmp_path / "rec")
    lines = (folder / "counts.csv").read_text().splitlines()
    lines[3] = lines[3].replace(lines[3].split(",")[1], "2019-12-32", 1)
    (folder / "counts.csv").write_text("\n".join(lines) + "\n")
    path = write(tmp_path, lambda d: d["record"].update(dataset=str(folder)))
    with pytest.raises(FlashpointError, match=r"field record.dataset: .*counts.csv line 4: field period_end: '2019-12-32' "
                                              r"is not a date"):
        flashpoint.load_scenario(path)


def test_a_problem_found_under_every_policy_is_reported_once(tmp_path):
    def later(d):
        ids = [e["id"] for e in d["schedule"]]
        d["schedule"][ids.index("parliament_vote_2020_01_05")]["requires"] = ["kadhimi_2020_05_07"]
    with pytest.raises(ScenarioError) as err:
        flashpoint.load_scenario(write(tmp_path, later))
    assert str(err.value).count("after this entry") == 1, str(err.value)


@pytest.mark.parametrize("change, words", [
    (lambda d: d["effects"]["covid_lockdown"].update(source="   "), "this one is blank"),
    (lambda d: d["effects"]["covid_lockdown"].update(value=True), "expected a number, got true or false"),
])
def test_a_blank_source_or_a_boolean_number_is_refused(tmp_path, change, words):
    with pytest.raises(ScenarioError, match=r"line \d+: field effects.covid_lockdown.(source|value)") as err:
        flashpoint.load_scenario(write(tmp_path, change))
    assert words in str(err.value)


def test_a_blank_reason_for_an_excluded_count_is_refused(tmp_path):
    """A held-out field audit: a record.exclude reason of ' ' was accepted, where a blank source is refused."""
    def blank(d):
        d["record"]["exclude"] = [{"what": "attacks", "window": ["2020-01-01", "2020-01-31"], "reason": " "}]
    with pytest.raises(ScenarioError, match=r"line \d+: field record.exclude\[0\].reason: a reason says why the count "
                                            r"is not compared .*this one is blank"):
        flashpoint.load_scenario(write(tmp_path, blank))


def test_a_strike_round_of_85_targets_can_be_written(tmp_path):
    def big(d):
        ids = [e["id"] for e in d["schedule"]]
        d["schedule"][ids.index("us_strikes_2020_03_12")]["waves"] = 85
    ens = flashpoint.simulate(flashpoint.load_scenario(write(tmp_path, big)), runs=5, seed=0,
                              overrides={"response.strike_prob_after_lethal": 0})
    assert (ens.total("foreign_strikes", "2020-03-12", "2020-03-12") >= 85).all()


def test_a_claim_on_a_switched_off_mechanism_is_refused_unless_a_policy_switches_it_on(tmp_path):
    def off(d):
        d["mechanisms"]["consent"].update(enabled=False, reason="a test")
    with pytest.raises(ScenarioError) as err:
        flashpoint.load_scenario(write(tmp_path, off))
    message = str(err.value)
    index = [c["indicator"] for c in yaml.safe_load(TEXT)["claims"]].index("host_consent")
    assert f"field claims[{index}].indicator:" in message and "M5 consent" in message, message
    assert "decided by the switch" in message and message.count("decided by the switch") == 1, message

    def off_but_on_in_one_arm(d):
        off(d)
        for p in d["policies"].values():       # a setting of the switched-off mechanism is refused on its own
            p.get("set", {}).pop("consent.engagement", None)
        claim = d["claims"][index]
        d["policies"][claim["policy"]].setdefault("set", {})["consent.enabled"] = True
    assert flashpoint.load_scenario(write(tmp_path, off_but_on_in_one_arm)).mechanisms["consent"].enabled is False


@pytest.mark.parametrize("column, value, message", [
    ("kind", "cumulatve", "field kind: 'cumulatve' is not one of period, cumulative, partial, derived"),
    ("reliability", "Z", "field reliability: 'Z' is not one of A, B, C"),
    ("period_end", "2019-01-01", "field period_end: 2019-01-01 is before period_start"),
])
def test_a_counts_value_outside_its_vocabulary_names_its_line(tmp_path, column, value, message):
    import csv

    folder = copy_record(tmp_path / "rec")
    with open(folder / "counts.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rows[2][column] = value
    with open(folder / "counts.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(FlashpointError, match=rf"counts.csv line 4: {message}"):
        flashpoint.records.counts(str(folder))


def _rewrite_counts(folder, change):
    import csv

    with open(folder / "counts.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    change(rows)
    with open(folder / "counts.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return rows


@pytest.mark.parametrize("change, message", [
    (lambda rows: rows[1].update(mode="indirect_fir"),
     r"counts.csv line 3: field mode: 'indirect_fir' is neither a mode the scenario declares"),
    (lambda rows: rows[1].update(what="strikes", target_kind="convoy", mode=""),
     r"counts.csv line 3: indicator 'foreign_strikes' has no breakdown 'ied_convoy'.*record.exclude"),
    (lambda rows: rows[1].update(count="12-3"), r"counts.csv line 3: field count: the range '12-3' runs backwards"),
    (lambda rows: rows[0].update(note="a note\nover two lines") or rows[1].update(count="many"),
     r"counts.csv line 4: field count"),
    # a held-out bad-input tester's 23-digit count and a row given twice were read
    (lambda rows: rows[1].update(count="99999999999999999999999"), r"counts.csv line 3: field count: .* is more than"),
    (lambda rows: rows.append(dict(rows[1])), r"counts.csv line \d+: the same row as line 3; give each count once"),
])
def test_a_count_the_scenario_cannot_compare_is_refused_when_it_loads_naming_its_line(tmp_path, change, message):
    folder = copy_record(tmp_path / "rec")
    rows = _rewrite_counts(folder, change)
    flashpoint.records._counts.cache_clear()
    strikes = {"strikes": "foreign_strikes"} if any(r["what"] == "strikes" for r in rows) else {}
    path = write(tmp_path, lambda d: d["record"].update(dataset=str(folder),
                                                        indicators={**d["record"]["indicators"], **strikes}))
    # at the scenario's field, as every other problem of the file (a held-out user's bad mode was named only by
    # the record's line, and only once a command laid the counts out)
    with pytest.raises(FlashpointError, match=rf"s.yaml, line \d+: field record.dataset: record .*{message}"):
        flashpoint.load_scenario(path)


def test_a_counts_file_that_is_not_utf8_names_its_line(tmp_path):
    folder = copy_record(tmp_path / "rec")
    lines = (folder / "counts.csv").read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"approximate", b"approximativ\xe9", 1)
    (folder / "counts.csv").write_bytes(b"\n".join(lines))
    with pytest.raises(FlashpointError, match=r"counts.csv line 3: not UTF-8 text \(byte 0xe9\)"):
        flashpoint.records.counts(str(folder))


@pytest.mark.parametrize("name", ["counts.csv", "series.csv"])
def test_an_empty_record_file_is_refused_naming_it(tmp_path, capsys, name):
    """A held-out tester's empty counts.csv or series.csv stopped validate and run with pandas' EmptyDataError."""
    folder = copy_record(tmp_path / "rec")
    (folder / name).write_text("")
    flashpoint.records._counts.cache_clear()
    path = write(tmp_path, lambda d: d["record"].update(dataset=str(folder)))
    from flashpoint.cli import main

    assert main(["scenario", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{name}: the file is empty; it needs at least its header line" in err and "Traceback" not in err


def test_a_claim_naming_an_unknown_parameter_is_refused_at_its_line(tmp_path):
    with pytest.raises(ScenarioError, match=r"field claims\[0\].parameters\[1\]: claim H1 names unknown parameter "
                                            r"'bogus.param'"):
        flashpoint.load_scenario(write(tmp_path, lambda d: d["claims"][0]["parameters"].insert(1, "bogus.param")))

    def off(d):                  # a parameter of a mechanism switched off could not decide the claim
        d["mechanisms"]["coalition"].update(enabled=False, reason="a test")
        for p in d["policies"].values():
            p.get("set", {}).pop("coalition.step", None)
        d["claims"][0]["parameters"].insert(0, "coalition.step")
    with pytest.raises(ScenarioError, match=r"field claims\[0\].parameters\[0\]: claim H1 names coalition.step, a "
                                            r"parameter of M6 coalition, which the scenario switches off"):
        flashpoint.load_scenario(write(tmp_path, off))


def test_a_record_name_that_matches_nothing_in_the_record_is_refused(tmp_path):
    with pytest.raises(ScenarioError, match=r"field record.indicators.attackz: 'attackz' is neither a `what` of the "
                                            r"record's counts.csv \(attacks\) nor a series of its series.csv"):
        flashpoint.load_scenario(write(tmp_path, lambda d: d["record"]["indicators"].update(attackz="host_consent")))


def test_validate_checks_the_records_events_naming_the_line(tmp_path, capsys):
    from flashpoint.cli import main

    folder = copy_record(tmp_path / "rec")
    lines = (folder / "events.csv").read_text(encoding="utf-8").splitlines()
    fields = lines[3].split(",")
    lines[3] = ",".join([fields[0], "2020-13-27"] + fields[2:])
    (folder / "events.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = write(tmp_path, lambda d: d["record"].update(dataset=str(folder)))
    assert main(["scenario", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "events.csv line 4: field date" in err and "Traceback" not in err, err


def test_a_policy_setting_a_parameter_of_a_mechanism_it_switches_off_is_refused(tmp_path):
    def both(d):
        d["policies"]["restraint"]["set"]["consent.enabled"] = False
    with pytest.raises(ScenarioError, match=r"policy 'restraint' sets consent.engagement, a parameter of M5 consent, "
                                            r"which the policy switches off too"):
        flashpoint.load_scenario(write(tmp_path, both))


def test_a_policy_setting_a_parameter_of_a_switched_off_mechanism_is_refused(tmp_path):
    def off(d):
        d["mechanisms"]["consent"].update(enabled=False, reason="a test")
        d["claims"] = [c for c in d["claims"] if c["indicator"] != "host_consent"]
        for c in d["claims"]:        # nor may a claim name one of its parameters, or one that weighs its demand
            c["parameters"] = [p for p in c.get("parameters", [])             # (refused on their own)
                               if not p.startswith("consent.") and p != "coalition.demand_sensitivity"]
    with pytest.raises(ScenarioError, match=r"field policies.restraint.set.consent.engagement: policy 'restraint' sets "
                                            r"consent.engagement, a parameter of M5 consent, which the scenario switches off"):
        flashpoint.load_scenario(write(tmp_path, off))

    def on_in_the_policy(d):
        off(d)
        for p in d["policies"].values():
            if "consent.engagement" in p.get("set", {}):
                p["set"]["consent.enabled"] = True
    flashpoint.load_scenario(write(tmp_path, on_in_the_policy))


def _entry(d, entry_id):
    return d["schedule"][[e["id"] for e in d["schedule"]].index(entry_id)]


@pytest.mark.parametrize("field, value", [("waves", True), ("host_killed", True), ("probability", True)])
def test_true_or_false_in_a_schedule_entrys_number_is_refused(tmp_path, field, value):
    # `waves: true` ran as one wave: a strike round of 85 targets became one
    with pytest.raises(ScenarioError, match=rf"line \d+: field schedule\[\d+\]\.{field}: .*expected a number, got true or false"):
        flashpoint.load_scenario(write(tmp_path, lambda d: _entry(d, "us_strikes_2020_03_12").update({field: value})))


def test_a_misspelt_theatre_code_is_refused_with_the_code_it_may_mean(tmp_path):
    # an unknown code read as "abroad": the strike cost the host no consent and nothing said so
    with pytest.raises(ScenarioError, match=r"field schedule\[\d+\]\.theatre: theatre 'IRK' is not a country code "
                                            r"Flashpoint knows .*did you mean 'IRQ'\?"):
        flashpoint.load_scenario(write(tmp_path, lambda d: _entry(d, "us_strikes_2020_03_12").update(theatre="IRK")))

    def in_syria(d):
        _entry(d, "us_strikes_2020_03_12").update(theatre="SYR")
        _entry(d, "us_strikes_2020_03_12").pop("host_killed", None)
    flashpoint.load_scenario(write(tmp_path, in_syria))


def test_any_iso_code_current_or_withdrawn_is_a_theatre_and_a_country_named_in_lower_case_is_refused(tmp_path):
    # a held-out wargame designer's Croatia (HRV) was refused, "did you mean 'BHR'?", and 'croatia' passed as a sea
    for code in ("HRV", "YUG", "SUN", "XKX"):
        flashpoint.load_scenario(write(tmp_path, lambda d: _entry(d, "us_strikes_2020_03_12").update(
            theatre=code, host_killed=None)))
    for place, code in (("croatia", "HRV"), ("yugoslavia", "YUG")):
        with pytest.raises(ScenarioError, match=rf"theatre '{place}' names a country: write its ISO code '{code}'"):
            flashpoint.load_scenario(write(tmp_path, lambda d: _entry(d, "us_strikes_2020_03_12").update(
                theatre=place, host_killed=None)))


def test_a_scenario_built_in_python_gets_the_checks_a_file_gets():
    # a held-out wargame designer's Scenario.model_validate(dict) with a strike at an actor no one declared ran,
    # and its strike struck nothing
    data = flashpoint.load_scenario("iraq-2020").model_dump(mode="json", by_alias=True, exclude_unset=True)
    data["schedule"][0]["target"] = "nobody"
    built = flashpoint.Scenario.model_validate(data)
    with pytest.raises(ScenarioError, match=r"scenario 'iraq-2020' \(built in Python\): field schedule\[0\]\.target: "
                                            r"target 'nobody' is not an actor"):
        flashpoint.simulate(built, runs=2, seed=0)
    with pytest.raises(ScenarioError, match="built in Python"):
        flashpoint.load_scenario(built)
    good = flashpoint.Scenario.model_validate(flashpoint.load_scenario("iraq-2020").model_dump(
        mode="json", by_alias=True, exclude_unset=True))
    assert flashpoint.load_scenario(good) == flashpoint.load_scenario("iraq-2020")
    # a checked scenario's list changed in place is checked again (a verifier's ran with a strike at 'nobody')
    changed = flashpoint.Scenario.model_validate(flashpoint.load_scenario("iraq-2020").model_dump(
        mode="json", by_alias=True, exclude_unset=True))
    flashpoint.load_scenario(changed)
    changed.schedule[0] = changed.schedule[0].model_copy(update={"target": "nobody"})
    with pytest.raises(ScenarioError, match=r"field schedule\[0\]\.target"):
        flashpoint.simulate(changed, runs=2, seed=0)
    # a period cut short in Python runs, and says what it leaves unsimulated
    import datetime as dt

    from flashpoint.errors import FlashpointNote
    with pytest.warns(FlashpointNote, match=r"ends on 2020-06-30: 21 entries dated after it \(phased_drawdown_2020_07 "
                                            r"on 2020-07-01, ...\) are not simulated"):
        flashpoint.simulate(good.model_copy(update={"end": dt.date(2020, 6, 30)}), runs=2, seed=0)


@pytest.mark.parametrize("entry, field, said", [
    ("truce_2020_10_10", "fades_days", "`fades_days` does not apply to a suspension entry"),
    ("decapitation_2020_01_03", "scale", r"scale = (nan|inf) is outside \[0, 10\]"),
])
@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_nan_or_infinity_put_into_a_checked_scenario_from_python_is_checked(entry, field, said, value):
    """A held-out researcher's NaN and inf ran unchecked (the truce's mean attacks 131.7 and 388.4 against 173.7): the
    checked scenario's digest wrote them as JSON's null, the value the field had before."""
    sc = flashpoint.load_scenario("iraq-2020")
    i = next(k for k, e in enumerate(sc.schedule) if e.id == entry)
    sc.schedule[i] = sc.schedule[i].model_copy(update={field: value})
    with pytest.raises(ScenarioError, match=rf"field schedule\[{i}\]\.{field}: {said}"):
        flashpoint.simulate(sc, runs=2, seed=0)


def test_a_mechanism_switched_off_without_a_reason_is_refused(tmp_path):
    with pytest.raises(ScenarioError, match=r"field mechanisms.spoiler: a mechanism switched off \(enabled: false\) "
                                            r"says why") as err:
        flashpoint.load_scenario(write(tmp_path, lambda d: d["mechanisms"]["spoiler"].update(enabled=False)))
    assert "Value error" not in str(err.value)          # pydantic's wrapper is not part of the message


def test_an_events_actor_the_scenario_does_not_know_is_refused_when_the_record_lists_no_actors(tmp_path, capsys):
    # without actors.csv a misspelt id passed the check and the event silently left the fit
    from flashpoint.cli import main

    folder = copy_record(tmp_path / "rec")
    (folder / "actors.csv").unlink()
    lines = (folder / "events.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",unknown,usa,", ",unknown,us_forces,", 1)
    (folder / "events.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = write(tmp_path, lambda d: d["record"].update(dataset=str(folder)))
    assert main(["scenario", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "events.csv line 2" in err and "us_forces" in err and "Traceback" not in err, err


def test_validate_names_each_count_it_leaves_out_and_why(tmp_path, capsys):
    """A held-out user misspelt a count's `what` ("attack") and a target kind: the count vanished from every
    fit table without a word, and validate said "17 published counts mapped" instead of 18."""
    from flashpoint.cli import main

    folder = copy_record(tmp_path / "rec")
    lines = (folder / "counts.csv").read_text().splitlines()
    what = lines[0].split(",").index("what")
    row = lines[1].split(",")
    row[what] = "attack"
    lines[1] = ",".join(row)
    (folder / "counts.csv").write_text("\n".join(lines) + "\n")
    path = write(tmp_path, lambda d: d["record"].update(dataset=str(folder)))
    sc = flashpoint.load_scenario(path)
    left = dict(flashpoint.records.left_out_counts(sc))
    assert left[2].startswith("what 'attack' is not in record.indicators (attacks,"), left
    assert len(flashpoint.records.period_counts(sc)) == 43 - 1 and len(left) == 6 + 1
    assert "base" in left[4] and "record.target_kinds" in left[4] and "not inside the scenario's" in left[5]
    assert main(["scenario", "validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"note: 7 of record {folder.resolve()}'s published counts are left out" in err
    assert "  2: what 'attack' is not in record.indicators" in err and "  4, 35: target kind 'base'" in err


def test_a_mechanism_with_no_actor_to_act_on_is_refused(tmp_path):
    """Held-out cases: host consent with no host lost consent and killed the host's people; coalition cohesion
    with no alliance relation was inert (cohesion 1), and nothing said either."""
    def no_host(d):
        d["actors"] = [a for a in d["actors"] if a["kind"] != "host_executive"]
        d["relations"] = [r for r in d["relations"] if r["type"] != "hostility"]
    with pytest.raises(ScenarioError) as err:
        flashpoint.load_scenario(write(tmp_path, no_host))
    message = str(err.value)
    assert "field mechanisms.consent.enabled: mechanism consent (M5) acts on actors of kind host_executive" in message
    assert "field mechanisms.politics.enabled" in message and "field response.host_soil_share" in message, message
    with pytest.raises(ScenarioError, match=r"field relations: ally 'coalition' has no alliance relation"):
        flashpoint.load_scenario(write(tmp_path, lambda d: d.update(
            relations=[r for r in d["relations"] if r["type"] != "alliance"])))
    # and an alliance relation with coalition cohesion off everywhere changes nothing: refused (a held-out field
    # audit's passed); a policy that switches M6 on reads it
    def off(d, policy_on=False):
        d["mechanisms"]["coalition"].update(enabled=False, reason="test")
        for c in d["claims"]:
            c["parameters"] = [n for n in c.get("parameters", []) if not n.startswith("coalition.")]
        if policy_on:
            d["policies"]["restraint"]["set"]["coalition.enabled"] = True
    with pytest.raises(ScenarioError, match=r"field relations\[\d+\]: relation alliance usa -> coalition: an ally's "
                                            r"cohesion is read only by coalition cohesion \(M6\), which is switched off"):
        flashpoint.load_scenario(write(tmp_path, off))
    flashpoint.load_scenario(write(tmp_path, lambda d: off(d, policy_on=True)))


def test_a_claim_naming_a_parameter_with_a_one_point_range_is_refused(tmp_path):
    """A held-out field audit: a claim's parameters naming one whose range is a single point was dropped from the
    sensitivity analysis unsaid."""
    def point(d):
        d["effects"]["kh_raid"]["range"] = [1.776, 1.776]
        d["claims"][0]["parameters"].append("effects.kh_raid")
    with pytest.raises(ScenarioError, match=r"field claims\[0\].parameters\[\d+\]: claim H1 names effects.kh_raid, whose "
                                            r"declared range is the single point 1.776: nothing varies it"):
        flashpoint.load_scenario(write(tmp_path, point))
    with pytest.raises(ScenarioError, match=r"field claims\[0\].parameters\[\d+\]: claim H1 names (\S+) twice "
                                            r"\(also parameters\[0\]\); name each once"):
        flashpoint.load_scenario(write(tmp_path, lambda d: d["claims"][0]["parameters"].append(
            d["claims"][0]["parameters"][0])))


def test_switching_on_a_mechanism_with_no_actor_to_act_on_is_refused(tmp_path, capsys):
    """A held-out field audit: a policy's consent.enabled: true, a --set or an override switching on host consent,
    politics or coalition cohesion in a case with no host and no alliance ran as if off, and a claim on
    host_consent under such a policy validated. The file's own switch was already refused."""
    from flashpoint.cli import main

    def consent_on(d):
        d["policies"]["consent-on"] = {"description": "x", "set": {"consent.enabled": True}}
        d["claims"].append(dict(d["claims"][0], id="RSX", indicator="host_consent", policy="consent-on",
                                baseline="historical", direction="lower", parameters=[]))
    message = refusal(write(tmp_path, consent_on, "rs.yaml", base=RED_SEA))
    assert ("field policies.consent-on.set.consent.enabled: policy 'consent-on' switches on mechanism consent (M5), "
            "which acts on actors of kind host_executive, and the scenario has none: the setting would change "
            "nothing") in message, message
    assert "claim RSX: indicator 'host_consent' is the output of M5 consent, which the scenario switches off and " \
           "policy 'consent-on' cannot switch on" in message, message
    for name in ("consent.enabled", "politics.enabled"):
        with pytest.raises(ScenarioError, match=rf"overrides: {name} switches on mechanism .*the setting would change"):
            flashpoint.simulate("red-sea-2023", runs=2, seed=0, overrides={name: np.array([True, False])})
    with pytest.raises(ScenarioError, match=r"coalition \(M6\), which moves allies through their alliance relations, "
                                            r"and 'uk', 'eu' have none"):
        flashpoint.simulate("red-sea-2023", runs=2, seed=0, overrides={"coalition.enabled": True})
    assert main(["run", "--scenario", "red-sea-2023", "--runs", "2", "--set", "consent.enabled=true"]) == 2
    assert "--set: consent.enabled switches on mechanism consent (M5)" in capsys.readouterr().err
    flashpoint.simulate("iraq-2020", runs=2, seed=0, overrides={"consent.enabled": True})   # a host: runs


def test_switching_on_a_spoiler_that_cannot_move_is_refused(tmp_path, capsys):
    """red-sea-2023's spoiler is off with every parameter 0: switched on (an override, --set, a policy, the file)
    it stayed at 0, exactly the runs of it switched off, and nothing said so. Its capacity starts at base_activity
    and is only multiplied: from 0 it stays 0; with growth, attrition and volatility 0 it never moves."""
    from flashpoint.cli import main

    # red-sea-2023 has no spoiler actor either: M7 there would act on none (a held-out designer's Somalia ran an
    # unnamed spoiler's 8 attacks a day), which is said first
    words = (r"overrides: spoiler.enabled switches on mechanism spoiler \(M7\), which acts on actors of kind spoiler, "
             r"and the scenario has none: the setting would change nothing")
    with pytest.raises(ScenarioError, match=words):
        flashpoint.simulate("red-sea-2023", runs=2, seed=0, overrides={"spoiler.enabled": True})
    assert main(["run", "--scenario", "red-sea-2023", "--runs", "2", "--set", "spoiler.enabled=true"]) == 2
    assert "--set: spoiler.enabled switches on mechanism spoiler (M7), which acts on actors of kind spoiler" \
        in " ".join(capsys.readouterr().err.split())
    def spoiler_on(d):
        d["actors"].append({"id": "aqap", "name": "AQAP", "kind": "spoiler", "cameo": "YEMINS"})
        d["policies"]["spoiler-on"] = {"description": "x", "set": {"spoiler.enabled": True}}
        d["mechanisms"]["spoiler"]["enabled"] = True
    message = refusal(write(tmp_path, spoiler_on, "rs.yaml", base=RED_SEA))
    assert ("field mechanisms.spoiler.enabled: mechanism spoiler (M7) is switched on, and within the declared ranges "
            "it starts at spoiler.base_activity 0") in message, message
    assert ("field policies.spoiler-on.set.spoiler.enabled: policy 'spoiler-on' switches on mechanism spoiler (M7), "
            "which starts at spoiler.base_activity 0") in message, message

    def still(d):                                   # a start, and nothing to move it
        for name in ("growth", "attrition", "volatility"):
            d["mechanisms"]["spoiler"]["parameters"][name].update(value=0.0, range=[0.0, 0.0])
    with pytest.raises(ScenarioError, match=r"field mechanisms.spoiler.enabled: .* it has spoiler.growth, "
                                            r"spoiler.attrition and spoiler.volatility all 0, so never leaves "
                                            r"spoiler.base_activity \(expected at least one of them above 0\)"):
        flashpoint.load_scenario(write(tmp_path, still))
    # attrition alone still moves it (down, under joint operations); zeroing an enabled spoiler's drivers is a
    # question of its own (a constant spoiler), not a switch that changes nothing
    sc = flashpoint.load_scenario("iraq-2020")
    flashpoint.simulate(sc, runs=2, seed=0, overrides={"spoiler.growth": 0.0, "spoiler.volatility": 0.0})
    flashpoint.simulate(sc, runs=2, seed=0, overrides={"spoiler.growth": 0.0, "spoiler.attrition": 0.0,
                                                       "spoiler.volatility": 0.0})


@pytest.mark.parametrize("change, message", [
    ({"troops": 30000}, r"\.troops: troops 30000 is more than usa's 5200 \(attributes.troops\).*fraction: 1.0"),
    ({"target": "iran"}, r"\.target: the target of a coalition_drawdown entry must be .*'iran' is a patron"),
])
def test_a_drawdown_larger_than_the_force_or_serving_the_patron_is_refused(tmp_path, change, message):
    with pytest.raises(ScenarioError, match=message):
        flashpoint.load_scenario(write(tmp_path, lambda d: _entry(d, "us_drawdown_2020_09").update(change)))


def test_drawdowns_in_force_together_stay_within_the_troops(tmp_path):
    """A held-out case wrote a staged arrival as two overlapping drawdowns (all away, then 1,800 of 3,400 away):
    presence stopped at none, the excess was lost and the first return brought the force back at full strength.
    The troops are the fewest the range allows (usa: 4,500 of [4,500, 6,000]): a run may be given them."""
    def overlapping(d, troops):
        us = _entry(d, "us_drawdown_2020_09")                      # 2,200, from 2020-09-09 for good
        d["schedule"].append({**us, "id": "extra_2020_10", "date": "2020-10-01", "until": "2020-11-30",
                              "troops": troops, "description": "test"})
        d["policies"] = {"historical": d["policies"]["historical"]}
        d["claims"] = []
    flashpoint.load_scenario(write(tmp_path, lambda d: overlapping(d, 2300)))      # 2,200 + 2,300: all of 4,500
    with pytest.raises(ScenarioError) as err:
        flashpoint.load_scenario(write(tmp_path, lambda d: overlapping(d, 2800)))
    assert ("on 2020-10-01 the drawdowns of usa in force (us_drawdown_2020_09, extra_2020_10) withdraw 5,000 troops, "
            "more than its 4,500 (the low end of attributes.troops), and one returns") in str(err.value)
    assert "field schedule[" in str(err.value) and str(err.value).count("withdraw") == 1
    policy = write(tmp_path, lambda d: d["policies"]["drawdown"]["add"].append(
        {**d["policies"]["drawdown"]["add"][0], "id": "sixth_step", "date": "2021-06-01", "until": "2021-07-01"}))
    with pytest.raises(ScenarioError, match=r"field policies\.drawdown\.add\[\d+\]: under policy 'drawdown', on 2021-06-01 "
                                            r".*withdraw 5,400"):
        flashpoint.load_scenario(policy)                            # six steps of a fifth each, the last returns
    flashpoint.load_scenario(write(tmp_path, lambda d: d["policies"]["drawdown"]["add"].append(
        {**d["policies"]["drawdown"]["add"][0], "id": "the_rest", "date": "2021-06-01", "fraction": 1.0})))


@pytest.mark.parametrize("where, unit, message", [
    (("attacks", "base_rate"), "attacks/month", r"field attacks\.base_rate\.unit: .*'attacks/month' counts in months, "
                                                r"but the engine reads it in days"),
    (("response", "lag_days"), "weeks from the decision", r"field response\.lag_days\.unit: .*in weeks"),
    (("mechanisms", "spoiler", "parameters", "growth"), "log growth per month", r"parameters\.growth\.unit: spoiler\.growth: .*reads it in years"),
    (("effects", "truce_holds_days"), "weeks the truce holds", r"field effects\.truce_holds_days\.unit: .*in weeks"),
    (("attacks", "base_rate"), "attacks/mo", r"counts in months"),                    # abbreviations (held-out
    (("response", "lag_days"), "wk", r"counts in weeks"),                              # reviewer)
    (("attacks", "base_rate"), "attacks per 30 days", r"'attacks per 30 days' counts in 30 days"),   # a multiple
    # other times a held-out case wrote, which validated and ran as per day
    (("attacks", "base_rate"), "attacks per quarter", r"counts in quarters"),
    (("attacks", "base_rate"), "attacks/qtr", r"counts in quarters"),
    (("attacks", "base_rate"), "attacks per fortnight", r"counts in fortnights"),
    (("attacks", "base_rate"), "attacks per annum", r"counts in years"),
    (("attacks", "base_rate"), "attacks per decade", r"counts in decades"),
    (("attacks", "base_rate"), "attacks/mth", r"counts in months"),
    (("response", "strike_prob_per_attack"), "probability per attack, quarterly", r"is a rate per quarter"),
    # the time a unit counts in is the first it names: a later one explains it (a held-out field audit's passed,
    # read 7 times off, because the engine's time was named too)
    (("response", "lag_days"), "weeks from the decision to the strike (mean; 7 days each)", r"counts in weeks"),
    (("attacks", "base_rate"), "attacks/week (about one every few days), all targets", r"counts in weeks"),
    (("mechanisms", "spoiler", "parameters", "growth"), "log growth per month (a year is 365 days)",
     r"counts in months, but the engine reads it in years"),
    # a rate's unit on a number with no time in it (a held-out case: a probability per attack per week)
    (("response", "strike_prob_per_attack"), "probability per attack per week",
     r"field response\.strike_prob_per_attack\.unit: .*is a rate per week, but the engine reads this parameter as a "
     r"number with no time"),
])
def test_a_unit_naming_another_time_than_the_engine_reads_is_refused(tmp_path, where, unit, message):
    """A held-out case wrote `unit: attacks/month` for the base rate: it validated, and ran 30 times too high."""
    def change(d):
        q = d
        for key in where:
            q = q[key]
        q["unit"] = unit
    with pytest.raises(ScenarioError, match=message):
        flashpoint.load_scenario(write(tmp_path, change))


def test_a_unit_that_names_the_engines_time_or_none_is_taken(tmp_path):
    def change(d):
        d["attacks"]["base_rate"]["unit"] = "attacks per day (a daily rate, about three a week)"
        d["mechanisms"]["spoiler"]["parameters"]["growth"]["unit"] = "log growth per year (a year is 365 days)"
        d["response"]["lag_days"]["unit"] = "lag"
        d["response"]["strike_prob_after_lethal"]["unit"] = "probability of a response to a day of attacks that killed"
    flashpoint.load_scenario(write(tmp_path, change))


def test_an_entry_a_policy_adds_whose_requirement_it_lacks_is_refused(tmp_path):
    """A held-out wargame designer's policy added an entry requiring one the policy drops: it validated and ran,
    an entry that could never happen. A schedule entry whose requirement a policy drops is the counterfactual's
    point (no decapitation, no retaliation for it) and stays allowed."""
    def adds(d, requires, drop=()):
        d["policies"]["mine"] = {"description": "test", "drop": list(drop), "add": [
            {"id": "my_order", "date": "2020-02-01", "type": "patron_order", "actor": "iran", "target": "kh",
             "order": "restrain", "until": "2020-03-01", "requires": [requires], "cameo": "0871",
             "description": "test", "source": "test"}]}
    with pytest.raises(ScenarioError, match=r"field policies\.mine\.add\[0\]\.requires\[0\]: policy 'mine' adds "
                                            r"my_order, which requires 'decapitation_2020_01_03', and the policy drops "
                                            r"it: my_order could never happen under it"):
        flashpoint.load_scenario(write(tmp_path, lambda d: adds(d, "decapitation_2020_01_03",
                                                                ["decapitation_2020_01_03"])))
    flashpoint.load_scenario(write(tmp_path, lambda d: adds(d, "decapitation_2020_01_03")))


def test_a_pattern_may_sum_indicators_as_a_count_may(tmp_path):
    """A held-out case (DRC) wrote a pattern over two targets' attacks as a sum and was told 'no breakdown
    samidrc_bases+attacks_on_foreign_forces': counts took sums, patterns did not, though the runs' totals do."""
    both = "attacks_on_foreign_forces.indirect_fire+attacks_on_foreign_forces.drone"

    def summed(d):
        d["record"]["patterns"].append({"id": "two_modes", "indicator": both, "window": ["2020-06-01", "2020-09-30"],
                                        "low": 1, "source": "test"})
    sc = flashpoint.load_scenario(write(tmp_path, summed))
    ens = flashpoint.simulate(sc, runs=50, seed=1)
    share = next(p for p in ens.patterns()["each"] if p["id"] == "two_modes")["share"]
    fire, drone = (ens.total(f"attacks_on_foreign_forces.{m}", "2020-06-01", "2020-09-30") for m in ("indirect_fire", "drone"))
    assert share == pytest.approx(np.mean(fire + drone >= 1))
    with pytest.raises(ScenarioError, match=r"record.patterns\[\d+\].indicator: indicator 'attacks_on_foreign_forces' "
                                            r"has no breakdown 'drones'"):
        flashpoint.load_scenario(write(tmp_path, lambda d: d["record"]["patterns"].append(
            {"id": "typo", "indicator": both + "s", "window": ["2020-06-01", "2020-09-30"], "low": 1, "source": "x"})))


def test_run_notes_a_records_bad_events_that_validate_refuses(tmp_path, capsys):
    """A held-out case's run went on silently with an events.csv that validate, calibrate and evaluate refuse
    (a mode 'mortar'): run does not read the events, and now says they are bad."""
    from flashpoint.cli import main

    path = with_record_line(tmp_path, "events.csv", 3, ",indirect_fire,", ",mortar,")
    assert main(["run", "--scenario", str(path), "--runs", "5", "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert "the record's events.csv has bad rows" in err and "line 4: field mode" in err, err
    # compare and claims lay the same record beside their runs, and said nothing (a held-out Libya case's compare)
    for command in (["compare", "--policies", "historical,restraint"], ["claims", "--samples", "0", "--no-audit"]):
        assert main([*command, "--scenario", str(path), "--runs", "5", "--format", "json"]) == 0
        err = capsys.readouterr().err
        assert "events.csv has bad rows, which this command does not read" in err and "line 4: field mode" in err, err


def test_run_notes_a_records_bad_sources_that_validate_refuses(tmp_path, capsys):
    """An outside tester's run went on silently with a sources.csv that validate refuses (a grade 'E', an outlet
    graded twice), where it noted a bad events.csv."""
    from flashpoint.cli import main

    path = with_record_line(tmp_path, "sources.csv", 2, ",B,", ",E,")
    assert main(["scenario", "validate", str(path)]) == 2
    assert "sources.csv line 3: field grade: 'E'" in capsys.readouterr().err
    assert main(["run", "--scenario", str(path), "--runs", "5", "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert "the record's sources.csv, or a grade it contradicts, is wrong" in err and "line 3: field grade" in err, err


def test_a_mechanisms_reason_is_one_line_in_the_messages_that_quote_it(tmp_path):
    """A held-out case writer's folded `reason: >` ended in a line break, which broke a --set refusal in two."""
    def off(d):
        d["mechanisms"]["spoiler"].update(enabled=False, reason="No spoiler here:\nthe case\nleaves it out.\n")
        d["claims"] = [c for c in d["claims"] if c["indicator"] != "spoiler_activity"]
    sc = flashpoint.load_scenario(write(tmp_path, off))
    assert sc.mechanisms["spoiler"].reason == "No spoiler here: the case leaves it out."
    with pytest.raises(FlashpointError) as err:
        flashpoint.simulate(sc, runs=2, overrides={"spoiler.base_rate": 0.1})
    assert "\n" not in str(err.value) and "leaves it out.) and policy" in str(err.value)



def test_a_series_of_one_party_mapped_to_anothers_indicator_is_refused(tmp_path):
    """A held-out case mapped troops.usa to coalition_presence.uk: US troop counts were laid beside UK presence."""
    def other_party(d):
        d["record"]["indicators"].pop("troops.usa")
        d["record"]["indicators"]["troops.usa"] = "coalition_presence.coalition"
    with pytest.raises(ScenarioError, match=r"field record\.indicators\.troops\.usa: 'troops\.usa' names usa, but "
                                            r"'coalition_presence\.coalition' is coalition's"):
        flashpoint.load_scenario(write(tmp_path, other_party))


def test_a_dict_of_a_scenarios_fields_is_loaded_with_each_field_named():
    """A held-out designer's typo (fade_days) in a scenario built in Python came as pydantic's ValidationError from
    Scenario.model_validate, past the docs' `except ScenarioError`: load_scenario takes the dict and names the field."""
    data = flashpoint.load_scenario("iraq-2020").model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert flashpoint.load_scenario(data) == flashpoint.load_scenario("iraq-2020")
    data["schedule"][0]["fade_days"] = 30
    with pytest.raises(ScenarioError, match=r"^scenario 'iraq-2020' \(built in Python\): field "
                                            r"schedule\[0\]\.fade_days: Extra inputs are not permitted; did you "
                                            r"mean 'fades_days'\?"):
        flashpoint.load_scenario(data)
    del data["schedule"][0]["fade_days"]
    data["schedule"][0]["target"] = "nobody"
    with pytest.raises(ScenarioError, match=r"field schedule\[0\]\.target: target 'nobody' is not an actor"):
        flashpoint.load_scenario(data)


def test_a_hostility_between_factions_is_refused_once_saying_they_do_not_fight_each_other(tmp_path):
    """A held-out student's NLF-FLOSY hostility got two messages for one problem, and neither said why."""
    path = write(tmp_path, lambda d: d["relations"].append(
        {"type": "hostility", "from": "kh", "to": "aah", "value": {"value": 1.0, "unit": "x", "range": [0.0, 2.0],
                                                                   "source": "test"}}))
    with pytest.raises(ScenarioError) as error:
        flashpoint.load_scenario(path)
    lines = [line for line in str(error.value).splitlines() if "'aah'" in line]
    assert len(lines) == 1 and "(the factions do not fight each other in this model" in lines[0], lines
