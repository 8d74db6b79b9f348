"""The coder against the project's labelled evaluation set (tests/extract/data/evaluation.tsv).

The floors below are the figures stated in docs/extract.md, a little under
the measured values, so that a change that makes the coder worse fails here.
"""
from collections import Counter
from pathlib import Path

import pytest

from flashpoint.errors import DataError
from flashpoint.extract.evaluate import NONE, Labelled, Predicted, evaluate, read_evaluation, score

EVALUATION = Path(__file__).parent / "data" / "evaluation.tsv"
THEATRE_WORDS = ("Iraq", "Baghdad", "Iran", "Kata", "Hezbollah", "Taji", "Asad", "Erbil", "Kadhimi", "Sadr",
                 "coalition", "militia", "Soleimani", "PMF", "Popular Mobilization", "Katyusha", "Green Zone")


@pytest.fixture(scope="module")
def scores(nlp):
    return evaluate(EVALUATION, nlp)


def test_the_set_is_large_mixed_and_has_negatives():
    rows = read_evaluation(EVALUATION)
    assert len(rows) >= 200
    theatre = [r for r in rows if any(w.lower() in r.text.lower() for w in THEATRE_WORDS)]
    assert 80 <= len(theatre) <= len(rows) - 80              # this theatre and others
    assert sum(r.plover == NONE for r in rows) >= 30          # future, hypothetical, opinion, negated
    assert len({r.plover for r in rows}) >= 12
    assert Counter(r.split for r in rows).keys() == {"dev", "heldout", "fresh"}


def test_targets_of_the_issue(scores):
    s = scores["all"]
    assert s["event_type_accuracy"] >= 0.75
    assert s["both_countries_right"] >= 0.70


def test_figures_stated_in_the_docs(scores):
    s = scores["all"]
    assert s["event_type_accuracy"] >= 0.90
    assert s["both_countries_right"] >= 0.85
    assert s["cameo_root_accuracy"] >= 0.85
    assert s["detection"]["f1"] >= 0.95
    assert s["source"]["f1"] >= 0.90
    assert s["target"]["f1"] >= 0.72
    for plover in ("ASSAULT", "ACCUSE", "COERCE", "SANCTION", "PROTEST", "CONSULT", "THREATEN", "RETREAT"):
        assert s["per_type"][plover]["f1"] >= 0.85, plover


def test_sentences_not_used_for_tuning_also_pass(scores):
    for split in ("heldout", "fresh"):
        assert scores[split]["event_type_accuracy"] >= 0.80, split
        assert scores[split]["both_countries_right"] >= 0.75, split


HEADER = "published\tplover\tcameo_root\tsource\ttarget\ttext\n"


def _labelled(tmp_path, *lines):
    path = tmp_path / "labels.tsv"
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_side_labels_in_the_coders_own_format_read_as_the_spaced_one(tmp_path):
    """Held-out tester (2026-12-03): "USAMIL", the records' own code, scored 0.00 silently; "USA MIL" worked."""
    rows = read_evaluation(_labelled(
        tmp_path,
        "2021-03-03\tASSAULT\t19\tIRQREB\tUSAMIL\tRockets hit a base used by US troops.",
        "2021-03-03\tASSAULT\t19\tirq reb\tusa\tRockets hit a base used by US troops.",
        "2021-03-03\tASSAULT\t19\t---REB\t\tRockets hit a base.",
        "2021-03-03\tNONE\t\t\t\tA quiet day."))
    assert [(r.source, r.target) for r in rows] == [("IRQ REB", "USA MIL"), ("IRQ REB", "USA"), ("--- REB", ""),
                                                    ("", "")]


@pytest.mark.parametrize("line, field, said", [
    ("2021-03-03\tXYZ\t19\tIRQ REB\tUSA MIL\tRockets hit a base.", "plover", "not a PLOVER type"),
    ("2021-03-03\tASSAULT\t1\tIRQ REB\tUSA MIL\tRockets hit a base.", "cameo_root", "two digits"),
    ("2021-03-03\tASSAULT\t\tIRQ REB\tUSA MIL\tRockets hit a base.", "cameo_root", "two digits"),
    ("2021-03-03\tASSAULT\t190\tIRQ REB\tUSA MIL\tRockets hit a base.", "cameo_root", "two digits"),
    ("2021-03-03\tNONE\t19\t\t\tA quiet day.", "cameo_root", "labelled NONE"),
    ("2021-03-03\tASSAULT\t19\tUS MIL\tUSA MIL\tRockets hit a base.", "source", "not a side code"),
    ("2021-03-03\tASSAULT\t19\tIRQ REB\tUnited States\tRockets hit a base.", "target", "not a side code"),
])
def test_an_unreadable_label_is_refused_with_its_line_and_field(tmp_path, line, field, said):
    """Held-out tester: an unknown PLOVER label and a CAMEO root "1" were accepted and scored as misses."""
    path = _labelled(tmp_path, "2021-03-03\tNONE\t\t\t\tA quiet day.", line)
    with pytest.raises(DataError) as err:
        read_evaluation(path)
    assert f"{path}, line 3: field '{field}'" in str(err.value) and said in str(err.value)


def test_accuracies_over_no_coded_event_are_undefined_not_zero():
    """Held-out tester: with nothing coded, coded_type_accuracy read 0.0."""
    rows = [Labelled("all", None, "ASSAULT", "19", "IRQ REB", "USA MIL", "Rockets hit a base.")]
    s = score(rows, [Predicted(NONE, "", "", "")])
    assert s["events_found"] == 0 and s["event_type_accuracy"] == 0.0 and s["type_found"] == 0.0
    assert s["coded_type_accuracy"] is None and s["cameo_root_accuracy"] is None
    assert s["coded_source_country_accuracy"] is None and s["both_countries_right"] is None


def test_precision_recall_and_f1_over_nothing_are_undefined_in_json_and_text(capsys):
    """Held-out tester: a type coded but never labelled had recall and F1 0.0 in JSON (n/a in the text), and the
    precision of nothing coded printed 0.00."""
    from flashpoint.extract.cli import _print_scores

    rows = [Labelled("all", None, NONE, "", "", "", "They talked."),
            Labelled("all", None, "ASSAULT", "19", "IRQ REB", "USA MIL", "Rockets hit a base.")]
    s = score(rows, [Predicted("COOPERATE", "06", "", "", ()), Predicted(NONE, "", "", "")])
    assert s["per_type"]["COOPERATE"] == {"precision": 0.0, "recall": None, "f1": None, "support": 0}
    assert s["per_type"]["ASSAULT"] == {"precision": None, "recall": 0.0, "f1": None, "support": 1}
    assert s["detection"]["precision"] == 0.0 and s["source"]["precision"] is None
    _print_scores({"all": s})
    cells = {line.split()[1]: [c.strip() for c in line.split("│")[2:6]]
             for line in capsys.readouterr().out.splitlines() if line.startswith("│ ") and line.split()[1].isupper()}
    assert cells["ASSAULT"] == ["n/a", "0.00", "n/a", "1"] and cells["COOPERATE"] == ["0.00", "n/a", "n/a", "0"]


def test_one_splits_report_is_printed_once(capsys):
    """A held-out tester's file of one split printed the same block twice, as 'all' and as the split."""
    from flashpoint.extract.cli import _print_scores

    s = score([Labelled("mine", None, "ASSAULT", "19", "IRQ REB", "USA MIL", "Rockets hit a base.")],
              [Predicted("ASSAULT", "19", "IRQ REB", "USA MIL", ())])
    _print_scores({"mine": s, "all": s})
    out = capsys.readouterr().out
    assert out.count("sentences,") == 1 and out.startswith("mine:") and out.count("any event") == 1
