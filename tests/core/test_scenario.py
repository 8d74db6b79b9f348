"""Scenario files: the built-in scenario loads, and bad files get clear errors (file, line, field)."""
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import flashpoint
from flashpoint.cli import main
from flashpoint.errors import ScenarioError
from flashpoint.scenario.loader import checked, load_scenario, resolve
from flashpoint.scenario.parameters import parameters
from flashpoint.engine.contract import mechanisms

BUILTIN_TEXT = resolve("iraq-2020")[1]


def write(tmp_path, text, name="scenario.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_builtin_declares_every_actor_kind_and_mechanism():
    sc = flashpoint.load_scenario("iraq-2020")
    kinds = {a.kind for a in sc.actors}
    assert kinds == {"foreign_power", "ally", "patron", "proxy", "host_executive", "host_legislature",
                     "host_forces", "public", "spoiler"}
    assert set(sc.mechanisms) == set(mechanisms())
    assert [m.id for m in sc.mechanisms.values()] == [f"M{i}" for i in range(1, 11)]
    assert {"historical", "no-decapitation", "restraint", "tit-for-tat"} <= set(sc.policies)
    assert (sc.start.isoformat(), sc.end.isoformat()) == ("2019-10-01", "2021-12-31")


def test_every_number_has_unit_range_and_source():
    for p in parameters(flashpoint.load_scenario("iraq-2020")).values():
        assert p.unit and p.source, p.name
        assert p.low <= p.value <= p.high, p.name


def test_schedule_has_the_dated_facts():
    dated = {(e.type, e.date.isoformat()) for e in flashpoint.load_scenario("iraq-2020").schedule}
    for fact in [("decapitation", "2020-01-03"), ("parliament_vote", "2020-01-05"),
                 ("patron_direct_strike", "2020-01-08"), ("proxy_attack", "2020-03-11"),
                 ("host_executive_change", "2020-05-07"), ("election", "2021-10-10")]:
        assert fact in dated


def test_value_outside_range_names_file_line_and_field(tmp_path):
    text = BUILTIN_TEXT.replace("exposure:\n    value: 0.5", "exposure:\n    value: 7.5")
    path = write(tmp_path, text)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    line = text.splitlines().index("  exposure:") + 1
    message = str(err.value)
    assert str(path) in message and f"line {line}" in message
    assert "attacks.exposure" in message and "outside its range" in message

    # one value beside a range per faction: said so (a held-out designer's scalar read "range has no entry for ''")
    text = BUILTIN_TEXT.replace("value: {kh: 0.05285, aah: 0.01162, badr: 0.005951}", "value: 0.05")
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, text, "one.yaml"))
    assert "attacks.base_rate: value is one number but range is given per key (kh, aah, badr): give one range " \
           "[low, high], or a value per key" in " ".join(str(err.value).split())
    # a range's key that value has not (a typo), and empty mappings (a verifier's)
    for written, said in (("{kh: [0.005, 0.3], aah: [0.002, 0.2], badr: [0.0, 0.1], bdr: [0, 1]}",
                           "range has an entry for ['bdr'], which value has not (value's keys: kh, aah, badr)"),
                          ("{}", "range is an empty mapping")):
        text = BUILTIN_TEXT.replace("range: {kh: [0.005, 0.3], aah: [0.002, 0.2], badr: [0.0, 0.1]}",
                                    f"range: {written}")
        with pytest.raises(ScenarioError) as err:
            load_scenario(write(tmp_path, text, "keys.yaml"))
        assert said in " ".join(str(err.value).split()), str(err.value)


def test_an_unquoted_yaml_boolean_where_text_is_expected_is_told_to_be_quoted(tmp_path):
    """A held-out user's `source: off` gave 41 errors of "Input should be a valid string (got False)"."""
    text = BUILTIN_TEXT.replace("source: assumption}", "source: off}", 1)
    with pytest.raises(ScenarioError, match=r"Input should be a valid string \(got False\): YAML reads an unquoted "
                                            r"yes, on or true as true and no, off or false as false; quote the text"):
        load_scenario(write(tmp_path, text))


def test_a_switch_written_as_text_is_refused_not_read_as_false(tmp_path):
    """A held-out designer's `marked: "no"` (quoted) was read as false; a quoted "true" would have been read as true
    the same way: a switch is true or false, unquoted."""
    text = BUILTIN_TEXT.replace("calibratable: true", 'calibratable: "no"', 1)
    assert text != BUILTIN_TEXT
    with pytest.raises(ScenarioError, match=r"\.calibratable: Input should be a valid boolean \(got 'no'\): write "
                                            r"true or false, unquoted"):
        load_scenario(write(tmp_path, text))


def test_a_record_count_whose_words_count_something_else_than_its_indicator_is_refused(tmp_path):
    """A held-out student's yearly fatalities mapped to attacks_on_foreign_forces were drawn as attacks a month:
    counts.csv has no unit, but its `what` says what it counts."""
    import shutil

    import yaml

    from flashpoint import records

    record = tmp_path / "rec"
    shutil.copytree(records._folder("iraq-2019-2021"), record)
    with (record / "counts.csv").open("a", encoding="utf-8") as f:
        f.write("2020-01-01,2020-12-31,fatalities,,,40,period,https://example.org,C,deaths in all\n")
        f.write("2020-01-01,2020-12-31,wounded,,,90,period,https://example.org,C,wounded in all\n")
        f.write("2020-01-01,2020-12-31,casualties,,,130,period,https://example.org,C,dead and wounded\n")
    d = yaml.safe_load(BUILTIN_TEXT)
    d["record"]["dataset"] = str(record)
    d["record"]["indicators"]["fatalities"] = "attacks_on_foreign_forces"
    with pytest.raises(ScenarioError, match=r"field record.indicators.fatalities: 'fatalities' counts persons, but "
                                            r"'attacks_on_foreign_forces' counts attacks \(attacks\)"):
        load_scenario(write(tmp_path, yaml.safe_dump(d, sort_keys=False)))
    d["record"]["indicators"]["fatalities"] = "foreign_killed"
    load_scenario(write(tmp_path, yaml.safe_dump(d, sort_keys=False)))
    # the wounded beside the dead (a held-out historian's 9,000 wounded beside 1,868 dead passed: both persons)
    d["record"]["indicators"]["wounded"] = "foreign_killed"
    with pytest.raises(ScenarioError, match=r"field record.indicators.wounded: 'wounded' counts the wounded, but "
                                            r"'foreign_killed' counts the dead"):
        load_scenario(write(tmp_path, yaml.safe_dump(d, sort_keys=False)))
    d["record"]["indicators"]["wounded"] = "foreign_wounded"
    load_scenario(write(tmp_path, yaml.safe_dump(d, sort_keys=False)))
    d["record"]["indicators"]["casualties"] = "foreign_killed"        # says neither the dead nor the wounded: taken
    load_scenario(write(tmp_path, yaml.safe_dump(d, sort_keys=False)))
    # and to the sum the docs name (a held-out designer's "killed and injured" tally: "unknown indicator" at load)
    d["record"]["indicators"]["casualties"] = "foreign_killed+foreign_wounded"
    summed = load_scenario(write(tmp_path, yaml.safe_dump(d, sort_keys=False)))
    assert "foreign_killed+foreign_wounded" in set(records.period_counts(summed)["indicator"])
    d["record"]["indicators"]["casualties"] = "foreign_killed+foreign_dead"
    with pytest.raises(ScenarioError, match=r"record.indicators.casualties: unknown indicator 'foreign_dead'"):
        load_scenario(write(tmp_path, yaml.safe_dump(d, sort_keys=False)))
    d["record"]["indicators"]["casualties"] = "foreign_killed"
    # words just outside (a verifier's): both beside one, the fatally wounded, injured troops, KIA and WIA
    from flashpoint.scenario.checks import _counts_else

    assert "counts the dead and the wounded, but 'foreign_killed' counts the dead" in _counts_else(
        "killed_and_wounded", "foreign_killed")
    assert _counts_else("killed_and_wounded", "foreign_killed+foreign_wounded") is None
    assert _counts_else("fatally_wounded", "foreign_killed") is None
    assert _counts_else("injured_troops", "foreign_wounded") is None
    assert "counts the dead, but 'foreign_wounded'" in _counts_else("us_kia", "foreign_wounded")
    assert "counts the wounded, but 'foreign_killed'" in _counts_else("us_wia", "foreign_killed")


def test_unknown_field_and_missing_field(tmp_path):
    text = BUILTIN_TEXT.replace("start: 2019-10-01", "start: 2019-10-01\nstrat: 2019-10-01")
    line = text.splitlines().index("strat: 2019-10-01") + 1
    with pytest.raises(ScenarioError, match=rf"line {line}: field strat: Extra inputs are not permitted; did you mean 'start'\?"):
        load_scenario(write(tmp_path, text))
    # the nearest field where it was written, however deep (a held-out user wrote attack_target for attack_targets)
    text = BUILTIN_TEXT.replace(" requires: [k1", " require: [k1", 1).replace("  dataset:", "  dataset:\n  zzz: 1", 1)
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, text))
    assert "].require: Extra inputs are not permitted; did you mean 'requires'?" in str(err.value)
    assert "field record.zzz: Extra inputs are not permitted; the fields here: dataset, indicators," in str(err.value)
    # a name that only shares a stem is not offered (a held-out case wrote attacks: 25 on a proxy_attack)
    text = BUILTIN_TEXT.replace("type: proxy_attack,", "type: proxy_attack, attacks: 25,", 1)
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, text))
    assert "attacks: Extra inputs are not permitted; the fields here:" in str(err.value)
    assert "did you mean" not in str(err.value)
    # a comma inside an unquoted text of a {...} mapping makes the rest a field with spaces (a held-out case's unit)
    text = BUILTIN_TEXT.replace("unit: troops in Iraq in Oct 2019,", "unit: troops, in Iraq in Oct 2019,", 1)
    with pytest.raises(ScenarioError, match=r"troops.in Iraq in Oct 2019: Extra inputs are not permitted; a name "
                                            r"with spaces \(or a number\) is likely the rest of a text cut at a "
                                            r"comma .*quote"):
        load_scenario(write(tmp_path, text))
    text = BUILTIN_TEXT.replace("unit: troops in Iraq in Oct 2019,", "unit: troops in Iraq (about 5,200),", 1)
    with pytest.raises(ScenarioError, match=r"200\): Extra inputs are not permitted; a name with spaces "
                                            r"\(or a number\) is likely the rest of a text cut at a comma"):
        load_scenario(write(tmp_path, text))
    text = BUILTIN_TEXT.replace("title: US, Iran, Iraqi militias and the Iraqi state, Oct 2019 - Dec 2021\n", "")
    with pytest.raises(ScenarioError, match=r"field title: Field required"):
        load_scenario(write(tmp_path, text))


def test_policy_that_sets_an_unknown_parameter(tmp_path):
    text = BUILTIN_TEXT.replace("set: {response.host_killed_per_strike: 0}", "set: {response.host_killed: 0}")
    with pytest.raises(ScenarioError, match="policy 'precise-retaliation': unknown parameter 'response.host_killed'"):
        load_scenario(write(tmp_path, text))


def test_cli_validate_exit_codes(tmp_path, capsys):
    assert main(["scenario", "validate", "iraq-2020"]) == 0
    bad = write(tmp_path, BUILTIN_TEXT.replace("end: 2021-12-31", "end: 2019-01-01"))
    assert main(["scenario", "validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "end (2019-01-01) must be after start" in err and "Traceback" not in err
    assert main(["scenario", "validate", str(tmp_path / "missing.yaml")]) == 2
    assert main(["run", "--scenario", str(bad), "--runs", "2"]) == 2


def _mutations():
    lines = BUILTIN_TEXT.splitlines()
    junk = st.sampled_from(["", "-", ":", "{", "[1, 2", "x: [", "nan", "-1e9", "'", "!!python/object:os.system", "~",
                            "value: abc", "  - 3", "\t", "range: [5, 1]", "date: 2020-13-45", "kind: wizard"])
    return st.tuples(st.integers(0, len(lines) - 1), junk, st.sampled_from(["replace", "insert", "append", "delete"]))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_mutations(), min_size=1, max_size=3))
def test_mutated_scenarios_never_raise_anything_but_scenario_error(tmp_path_factory, mutations):
    lines = BUILTIN_TEXT.splitlines()
    for index, junk, how in mutations:
        index = min(index, len(lines) - 1)
        if how == "replace":
            lines[index] = junk
        elif how == "insert":
            lines.insert(index, junk)
        elif how == "append":
            lines[index] = lines[index] + junk
        elif len(lines) > 1:
            del lines[index]
    path = tmp_path_factory.mktemp("fuzz") / "s.yaml"
    path.write_text("\n".join(lines))
    try:
        load_scenario(path)
    except ScenarioError as exc:
        assert str(path) in str(exc)


@settings(max_examples=30, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20))
def test_arbitrary_yaml_documents_get_a_scenario_error(tmp_path_factory, document):
    path = tmp_path_factory.mktemp("doc") / "s.yaml"
    path.write_text(yaml.safe_dump(document))
    with pytest.raises(ScenarioError):
        load_scenario(path)


def test_a_number_in_a_section_no_component_reads_is_refused(tmp_path):
    """The forces section reads no parameter: a number written there would be ignored (and --set it too)."""
    text = BUILTIN_TEXT.replace("\nschedule:", "\nforces:\n  foo: {value: 1.0, unit: x, range: [0, 2], source: assumption}"
                                "\nschedule:", 1)
    with pytest.raises(ScenarioError, match=r"field forces.foo: forces.foo is not a parameter the engine reads; "
                                            r"forces reads: none"):
        load_scenario(write(tmp_path, text))


def test_a_host_executive_whose_cameo_names_no_country_is_refused(tmp_path):
    """A held-out case wrote `cameo: GOV` for the host government: the host country is the code's first three
    letters, so no strike ever fell on the host's soil (consent and polarisation silently untouched)."""
    text = BUILTIN_TEXT.replace("    kind: host_executive\n    cameo: IRQGOV", "    kind: host_executive\n    cameo: GOV", 1)
    assert text != BUILTIN_TEXT
    with pytest.raises(ScenarioError, match=r"CAMEO code 'GOV' begins with 'GOV', a CAMEO sector, not a country"):
        load_scenario(write(tmp_path, text))
    laos = BUILTIN_TEXT.replace("    kind: host_executive\n    cameo: IRQGOV", "    kind: host_executive\n    cameo: LAOGOV", 1)
    laos = laos.replace("cameo: IRQLEG", "cameo: LAOLEG", 1).replace("cameo: IRQMIL", "cameo: LAOMIL", 1)
    with pytest.raises(ScenarioError) as err:          # a country the text coder's list lacks: its code is accepted
        load_scenario(write(tmp_path, laos, "laos.yaml"))  # (the strikes' theatre IRQ is then not the host's: refused)
    assert "CAMEO sector" not in str(err.value) and "not the host country LAO" in str(err.value)


def test_the_host_states_actors_share_one_country_and_validate_names_it(tmp_path, capsys):
    """A held-out case recoded its host executive to another country (PAKGOV for AFGGOV): the host's soil moved with
    it, silently, and every strike over the border became a strike on the host (consent fell from 0.49 to 0.10)."""
    from flashpoint.cli import main

    text = BUILTIN_TEXT.replace("    kind: host_forces\n    cameo: IRQMIL", "    kind: host_forces\n    cameo: SYRMIL", 1)
    assert text != BUILTIN_TEXT
    with pytest.raises(ScenarioError, match=r"host_forces 'isf'.s CAMEO code 'SYRMIL' names country 'SYR', "
                                            r"not the host country 'IRQ'"):
        load_scenario(write(tmp_path, text))
    assert main(["scenario", "validate", "iraq-2020"]) == 0
    assert "host country IRQ (from iraq_gov's CAMEO code: a strike whose theatre is IRQ falls on the host's soil)" \
        in capsys.readouterr().out


def test_a_claim_on_the_patrons_own_attacks_with_m8_off_is_refused(tmp_path):
    """A held-out case's claim on foreign_killed.<patron> with M8 off was accepted and came out 'supported' while its
    note said it could not hold: the patron's own attacks are M8's direct strikes, as escalation_level is M8's."""
    doc = yaml.safe_load(resolve("red-sea-2023")[1])
    claim = {k: v for k, v in doc["claims"][0].items() if k != "parameters"}
    doc["claims"].append({**claim, "id": "X1", "indicator": "attacks_on_foreign_forces.iran"})
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    with pytest.raises(ScenarioError, match=r"claim X1: indicator 'attacks_on_foreign_forces.iran' is the output of M8"):
        load_scenario(path)


@pytest.mark.parametrize("written, said", [
    ("1569888000", "not a number"),                       # read as seconds since 1970 by pydantic
    ("20191001", "not a number"),
    ("2019-10-01T00:00:00+05:00", "without a time"),      # its time zone dropped
    ("'1 Oct 2019'", r"\(got '1 Oct 2019'\)"),
])
def test_a_date_that_is_not_a_day_is_refused(tmp_path, written, said):
    """Held-out bad input: `start: 1569888000` validated as 2019-10-01 and a time zone was dropped, unsaid."""
    text = BUILTIN_TEXT.replace("start: 2019-10-01", f"start: {written}", 1)
    with pytest.raises(ScenarioError, match=rf"field start: expected a date YYYY-MM-DD.*{said}"):
        load_scenario(write(tmp_path, text))


def test_a_field_of_several_types_is_said_in_words_not_pydantic_names(tmp_path):
    """Held-out bad input: `troops.value.dict[str,float]: Input should be a valid dictionary` and
    `range.tuple[float, float][0]` named pydantic's union members, one message per member."""
    import yaml

    doc = yaml.safe_load(BUILTIN_TEXT)
    doc["actors"][0]["attributes"]["troops"]["value"] = "lots"
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, yaml.safe_dump(doc, sort_keys=False)))
    message = str(err.value)
    assert "troops.value: expected a number or a mapping (key: value): Input should be a valid number" in message
    assert "dict[" not in message and ".float" not in message and len(message.splitlines()) == 1
    doc["actors"][0]["attributes"]["troops"].update(value=1.0, range=["low", "high"])
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, yaml.safe_dump(doc, sort_keys=False)))
    assert "troops.range: expected a pair [low, high] of numbers or a mapping (key: value): [0]: " in str(err.value)
    assert "tuple[" not in str(err.value)


def test_a_mechanisms_id_and_title_follow_from_its_key(tmp_path):
    """A held-out case writer's mechanisms written by hand got 20 "Field required" errors for id and title, which the
    key decides."""
    import yaml

    doc = yaml.safe_load(resolve("iraq-2020")[1])
    for m in doc["mechanisms"].values():
        del m["id"], m["title"]
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    sc = flashpoint.load_scenario(path)
    assert sc.mechanisms["reprisal"].id == "M1" and sc.mechanisms["politics"].id == "M10" and sc.mechanisms["reprisal"].title
    doc["mechanisms"]["reprisal"]["id"] = "M5"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    with pytest.raises(ScenarioError, match="mechanism reprisal is M1, not M5"):
        flashpoint.load_scenario(path)
    doc["mechanisms"]["reprisal"]["id"] = "M1"
    doc["mechanisms"]["foo"] = {"enabled": True}     # an outside tester's got "mechanisms.foo.id: Field required"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    with pytest.raises(ScenarioError) as err:
        flashpoint.load_scenario(path)
    assert "field mechanisms.foo: unknown mechanism 'foo'; known: pressure, decapitation" in str(err.value)
    assert "Field required" not in str(err.value) and "M99" not in str(err.value)


def test_a_required_field_misspelt_is_said_once_as_the_misspelling(tmp_path):
    """A held-out case's `targt: isf` in a policy's added entry was two errors, "target: Field required" first,
    then "targt: ... did you mean 'target'?"; it is one mistake, said once. A required field left out, with no
    misspelling near it, is still said missing."""
    entry = "{id: phased_drawdown_2020_04, date: 2020-04-01, type: coalition_drawdown, actor: usa, target: isf,"
    assert entry in BUILTIN_TEXT
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, BUILTIN_TEXT.replace(entry, entry.replace("target:", "targt:"))))
    assert "add[0].targt: Extra inputs are not permitted; did you mean 'target'? (got 'isf')" in str(err.value)
    assert "Field required" not in str(err.value)
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, BUILTIN_TEXT.replace(entry, entry.replace(" target: isf,", ""))))
    assert "add[0].target: Field required" in str(err.value)


def test_an_unknown_indicator_a_record_maps_to_is_said_once_at_its_line(tmp_path):
    """An outside tester's `record.indicators: {killed: soviet_losses}` was refused at its line, and again at the
    record.dataset line as "counts.csv line 2: unknown indicator": one mistake, said once, where it was written."""
    doc = yaml.safe_load(resolve("red-sea-2023")[1])
    doc["record"]["indicators"]["attacks"] = "soviet_losses"
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, yaml.safe_dump(doc, sort_keys=False)))
    assert "field record.indicators.attacks: unknown indicator 'soviet_losses'" in str(err.value)
    assert "record.dataset" not in str(err.value) and str(err.value).count("soviet_losses") == 1


def test_a_relation_is_written_with_from_and_to_and_its_citation_inside_its_value(tmp_path):
    """A held-out researcher put a citation's `source:` beside `from:` and read "relations[1].source: ... did you
    mean 'source'?"; `form:` was offered none of the fields the file writes (type, from, to, value: the hint listed
    the schema's source and target), and `source:`/`target:` in place of `from:`/`to:` were taken unsaid."""
    written = "{type: control, from: iran, to: kh, value:"
    assert BUILTIN_TEXT.count(written) == 1
    line = next(i for i, text in enumerate(BUILTIN_TEXT.splitlines(), 1) if written in text)
    for edit, said in (("{type: control, from: iran, to: kh, source: \"https://x\", value:",
                        "relations[0].source: Extra inputs are not permitted; a relation's ends are from: and to:, "
                        "and its citation is its value's (value: {value: ..., unit: ..., source: ...}); the fields "
                        "here: type, from, to, value"),
                       ("{type: control, form: iran, to: kh, value:", "relations[0].form: Extra inputs are not "
                        "permitted; did you mean 'from'?"),
                       ("{type: control, source: iran, target: kh, value:", "relations[0].from: Field required")):
        path = write(tmp_path, BUILTIN_TEXT.replace(written, edit))
        with pytest.raises(ScenarioError) as err:
            load_scenario(path)
        message = " ".join(str(err.value).split())
        assert f"{path}, line {line}: field {said}" in message, message
    # a scenario built in Python and checked again keeps its relations (they are dumped as the file writes them)
    sc = load_scenario("iraq-2020")
    again = checked(sc.model_copy(update={"title": "another title"}))
    assert again.relations == sc.relations and again.title == "another title"
