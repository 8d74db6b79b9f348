"""A scenario built in Python is checked to its own end, as its file is; only a checked scenario's period cut short
in Python (``model_copy(update={"end": ...})``) is checked to the end it was checked with."""
import datetime as dt
import warnings

import pytest
import yaml

import flashpoint
from flashpoint.errors import FlashpointNote, ScenarioError
from flashpoint.scenario.loader import resolve


# each test's end is a date no other test cuts a period at: a scenario that passed the checks (a cut included) is
# not checked again in the same process, and a copy of one that passed, its end earlier, is its period cut short


def data() -> dict:
    return yaml.safe_load(resolve("iraq-2020")[1])          # ends 2021-12-31


def test_a_dict_with_windows_and_an_entry_after_its_end_is_refused_as_its_file_is(tmp_path):
    """A held-out political scientist's dict, a claim window, a pattern window and an entry after its end, loaded
    with only a note about the entry; the claim then failed with a traceback when it was run."""
    d = data()
    d["claims"][0]["window"] = ["2022-01-01", "2022-06-30"]
    d["record"]["patterns"][0]["window"] = ["2022-01-01", "2022-03-01"]
    d["schedule"][-1]["date"] = "2022-03-01"
    with warnings.catch_warnings():
        warnings.simplefilter("error", FlashpointNote)          # a refusal, not a note
        with pytest.raises(ScenarioError) as python:
            flashpoint.load_scenario(d)
    message = str(python.value)
    for field, words in ((f"schedule[{len(d['schedule']) - 1}].date", "date 2022-03-01 is outside the scenario's "
                                                                        "period 2019-10-01..2021-12-31"),
                         ("claims[0].window", "window 2022-01-01..2022-06-30 is not inside the scenario's period"),
                         ("record.patterns[0].window", "window 2022-01-01..2022-03-01 is not inside the scenario's")):
        assert f"(built in Python): field {field}: {words}" in message, message
    assert "if the period was cut short on purpose, cut a scenario load_scenario has taken" in message
    path = tmp_path / "late.yaml"                            # the same problems as its file
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    with pytest.raises(ScenarioError) as from_file:
        flashpoint.load_scenario(path)
    assert [line.split(": field ")[1] for line in str(from_file.value).splitlines()] == [
        line.split(": field ")[1] for line in message.splitlines() if ": field " in line]


def test_a_dict_whose_end_was_moved_before_its_entries_is_refused_with_how_to_cut_a_period():
    d = data()
    d["end"], d["description"] = "2020-06-28", "my copy"      # not the built-in's period cut: that would pass
    with pytest.raises(ScenarioError) as python:
        flashpoint.load_scenario(d)
    assert "is outside the scenario's period 2019-10-01..2020-06-28" in str(python.value)
    assert str(python.value).endswith("if the period was cut short on purpose, cut a scenario load_scenario has "
                                      "taken: load_scenario(...).model_copy(update={'end': ...})")


def test_a_loaded_scenarios_period_cut_short_runs_with_a_note_and_a_cut_edited_at_once_is_checked_to_its_end():
    whole = flashpoint.load_scenario(data())
    cut = whole.model_copy(update={"end": dt.date(2020, 6, 27)})
    with pytest.warns(FlashpointNote, match=r"ends on 2020-06-27: 21 entries dated after it"):
        assert flashpoint.load_scenario(cut) is cut
    # cut and changed in one copy: not the period of a checked scenario cut short, so checked to its own end
    changed = {"claims": [whole.claims[0].model_copy(update={"window": (dt.date(2020, 1, 1), dt.date(2020, 3, 31))})]}
    with pytest.raises(ScenarioError, match=r"field schedule\[\d+\]\.date: date 2020-0[78]-\d\d is outside the "
                                            r"scenario's period 2019-10-01\.\.2020-06-27"):
        flashpoint.load_scenario(whole.model_copy(update={"end": dt.date(2020, 6, 27), **changed}))
    edited = flashpoint.load_scenario(whole.model_copy(update=changed))      # changed and taken first: cut as above
    with pytest.warns(FlashpointNote, match=r"ends on 2020-06-27: 21 entries dated after it"):
        flashpoint.load_scenario(edited.model_copy(update={"end": dt.date(2020, 6, 27)}))


def test_a_scenario_copied_with_text_for_a_date_or_dicts_for_entries_is_validated_as_a_dict_is():
    """model_copy does not validate: a held-out wargame designer cut a loaded scenario's period with
    ``update={"end": "1978-03-31"}`` (a date as his dicts write it), and simulate and compare ended in a TypeError."""
    whole = flashpoint.load_scenario(data())
    as_date = whole.model_copy(update={"end": dt.date(2020, 6, 26)})
    as_text = whole.model_copy(update={"end": "2020-06-26"})
    with pytest.warns(FlashpointNote, match=r"ends on 2020-06-26: \d+ entries dated after it"):   # the same cut
        taken = flashpoint.load_scenario(as_text)
    assert taken.end == dt.date(2020, 6, 26) and taken == as_date
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FlashpointNote)
        text_runs, date_runs = (flashpoint.simulate(s, runs=3, seed=5) for s in (as_text, as_date))
    assert (text_runs.total("attacks_on_foreign_forces") == date_runs.total("attacks_on_foreign_forces")).all()
    assert flashpoint.load_scenario(whole.model_copy(update={"end": str(whole.end)})) == whole
    dicts = whole.model_copy(update={"actors": [a.model_dump(exclude_unset=True) for a in whole.actors]})
    assert flashpoint.load_scenario(dicts) == whole                  # any field, not only a date
    with pytest.raises(ScenarioError, match=r"\(built in Python\): field end: Input should be a valid date.*"
                                            r"\(got '2020-02-30'\)"):
        flashpoint.load_scenario(whole.model_copy(update={"end": "2020-02-30"}))
    bad = [a.model_dump(exclude_unset=True) for a in whole.actors]
    bad[1]["kind"] = 7
    with pytest.raises(ScenarioError, match=r"\(built in Python\): field actors\[1\]\.kind: "):
        flashpoint.load_scenario(whole.model_copy(update={"actors": bad}))


@pytest.mark.parametrize("field, expected", [("attacks", "a valid dictionary"), ("actors", "a valid list"),
                                             ("start", "a valid date")])
def test_a_scenario_copied_with_none_for_a_field_that_does_not_take_none_is_refused_naming_it(field, expected):
    """A tester's ``model_copy(update={"attacks": None})`` ended in an AttributeError deep in the checks: None
    serializes without a word, so the copy was not validated as a dict of its fields is."""
    whole = flashpoint.load_scenario(data())
    with pytest.raises(ScenarioError, match=rf"\(built in Python\): field {field}: Input should be {expected}"):
        flashpoint.simulate(whole.model_copy(update={field: None}), runs=2)


def test_a_copy_gets_each_fields_own_checks_and_a_cut_before_the_start_is_refused():
    """model_copy runs no field's checks: a held-out researcher's copy with max_daily_rate 50, past its range
    [1, 10], ran at 50; a name no file could have and a misspelt "endd" (dropped) passed; and a cut ending before
    the start gave 0-day runs whose every read crashed."""
    whole = flashpoint.load_scenario(data())
    attacks = {**whole.attacks, "max_daily_rate": whole.attacks["max_daily_rate"].model_copy(update={"value": 50.0})}
    for update, said in [({"attacks": attacks}, r"field attacks\.max_daily_rate: value 50\.0 is outside its range"),
                         ({"name": "Bad Name!"}, r"field name: expected a name of lower-case letters"),
                         ({"endd": dt.date(2020, 1, 1)}, r"field endd: .*did you mean 'end'\?"),
                         ({"end": dt.date(2019, 1, 1)}, r"field end: end \(2019-01-01\) must be after start")]:
        with pytest.raises(ScenarioError, match=said):
            flashpoint.simulate(whole.model_copy(update=update), runs=2)
