"""record_fit.png names what the record counted: a count of "incidents" laid beside the attacks is not labelled
"attacks" alone (a held-out analyst's UN incidents read ``attacks >=15`` while run's table and the JSON said
incidents)."""
import math

import pandas as pd

from flashpoint.records import Check
from flashpoint.report.fitchart import fit_figure


def _check(indicator, what, count="15", hedge=">=", low=15.0, high=math.nan):
    return Check(indicator, pd.Timestamp("1980-12-12"), pd.Timestamp("1981-06-12"), count if hedge == "=" else
                 hedge + count, hedge, low, high, 13.0, 20.0, 29.0, "C", unit="attacks", kind="period", what=what)


def _labels(checks):
    return [t.get_text() for t in fit_figure(checks, "t").axes[0].get_yticklabels()]


def test_the_fit_chart_names_a_count_of_incidents_as_incidents():
    (label,) = _labels([_check("attacks_on_foreign_forces", "incidents")])
    assert "attacks (incidents) >=15 (C)" in label
    assert _check("attacks_on_foreign_forces", "incidents").to_dict()["what"] == "incidents"


def test_a_word_the_indicator_already_says_is_not_repeated():
    killed = Check("foreign_killed.north", pd.Timestamp("1981-07-14"), pd.Timestamp("1981-07-24"), "6", "=", 6.0,
                   6.0, 4.0, 5.0, 6.0, "B", unit="persons", what="killed")
    labels = _labels([_check("attacks_on_foreign_forces.north", "attacks"), killed,
                      _check("attacks_on_foreign_forces", "")])
    assert any("attacks.north >=15 (C)" in label for label in labels)
    assert any("foreign_killed.north 6 (B)" in label for label in labels)
    assert not any("(attacks)" in label or "(killed)" in label or "()" in label for label in labels)
