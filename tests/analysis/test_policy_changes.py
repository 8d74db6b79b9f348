"""What each policy changes, with the entries it loses through requires links, in every report (a held-out case's
claim turned on an entry its policy lost so, which compare, claims and the web page did not name)."""
import json

import pytest

from flashpoint.cli import main
from flashpoint.errors import FlashpointNote
from flashpoint.report.html import write_claims_report, write_compare_report
from flashpoint.scenario.entries import drop_words, policy_changes

LOST = ["nato_pause_2020_01_04", "parliament_vote_2020_01_05", "nuclear_limits_2020_01_05",
        "missile_strike_2020_01_08", "host_demand_2020_01_10"]


def test_a_policy_loses_what_requires_what_it_drops_unless_the_link_is_cut(scenario):
    ch = policy_changes(scenario, "no-decapitation")
    assert ch["drops"] == ["decapitation_2020_01_03"] and ch["adds"] == [] and ch["sets"] == {}
    assert ch["lost_through_requires"] == LOST
    assert drop_words(ch) == "decapitation_2020_01_03; through requires: " + ", ".join(LOST)
    cut = policy_changes(scenario, "no-decapitation", {"parliament_vote_2020_01_05.requires": False})
    assert "parliament_vote_2020_01_05" not in cut["lost_through_requires"]
    assert policy_changes(scenario, "restraint")["lost_through_requires"] == []
    assert drop_words(policy_changes(scenario, "historical")) == ""


def test_an_entry_a_policy_makes_impossible_loses_what_requires_it_too(scenario):
    """A held-out case's policy set its Tonkin attack's probability to 0: the strikes that required it never
    happened, and lost_through_requires said nothing (only a drop counted)."""
    from flashpoint.scenario.schema import Entry
    from tests.core.test_entries import ENTRY

    added = dict(ENTRY, id="answer", date="2020-01-09", type="foreign_strike", actor="usa", target="kh", waves=1,
                 cameo="195", requires=["missile_strike_2020_01_08"])
    sc = scenario.model_copy(update={"schedule": [*scenario.schedule, Entry.model_validate(added)]})
    assert "answer" not in policy_changes(sc, "historical", {"effects.direct_retaliation_probability": 0.5})[
        "lost_through_requires"]
    lost = policy_changes(sc, "historical", {"effects.direct_retaliation_probability": 0.0})["lost_through_requires"]
    assert lost == ["answer"]            # the impossible entry itself is the setting's, not lost through a link
    assert policy_changes(sc, "historical", {"effects.direct_retaliation_probability": 0.0,
                                             "answer.requires": False})["lost_through_requires"] == []


def test_compare_names_them_in_its_json_report_and_table(comparison, tmp_path, capsys):
    data = comparison.to_dict()
    assert data["policy_changes"]["no-decapitation"]["lost_through_requires"] == LOST
    assert data["policy_changes"]["restraint"]["drops"][0] == "us_strikes_2019_12_29_iraq"
    page = (write_compare_report(comparison, tmp_path)["html"]).read_text()
    assert "What each policy changes" in page and "through requires: nato_pause_2020_01_04" in page
    assert main(["compare", "--policies", "historical,no-decapitation", "--runs", "20",
                 "--window", "2020-01-01:2020-03-31"]) == 0
    err = capsys.readouterr().err                 # a note, said before the runs
    assert "note: policy 'no-decapitation' also loses nato_pause_2020_01_04" in " ".join(err.split())
    assert main(["compare", "--policies", "historical,restraint", "--runs", "20",
                 "--window", "2020-01-01:2020-03-31"]) == 0
    assert "also loses" not in "".join(capsys.readouterr())


def test_python_compare_and_claims_say_them_too(scenario):
    """A held-out researcher's compare() in Python lost entries through requires unsaid: only the command line
    printed it."""
    import flashpoint

    with pytest.warns(FlashpointNote, match="policy 'no-decapitation' also loses nato_pause_2020_01_04"):
        flashpoint.compare(scenario, ["historical", "no-decapitation"], runs=4, seed=1,
                           indicators=["attacks_on_foreign_forces"], window=("2020-01-01", "2020-01-31"))
    with pytest.warns(FlashpointNote, match="also loses nato_pause_2020_01_04"):
        flashpoint.claims(scenario, ids=["H1"], runs=4, seed=1, samples=0, audit=False)


def test_claims_name_them_for_the_policies_they_compare(claims_report, tmp_path):
    data = json.loads(json.dumps(claims_report.to_dict()))
    assert list(data["policy_changes"]) == claims_report.policies
    assert set(claims_report.policies) == {c["policy"] for c in data["claims"]} | {c["baseline"] for c in data["claims"]}
    assert "What each policy changes" in write_claims_report(claims_report, tmp_path)["html"].read_text()


def test_a_comparison_of_one_policy_says_it_compares_nothing(capsys):
    assert main(["compare", "--policies", "historical", "--runs", "5", "--window", "2020-01-01:2020-01-31"]) == 0
    assert "note: one policy, so no paired difference: name two or more" in " ".join(capsys.readouterr().out.split())
