"""The curated Iraq record shipped with the package: events and period counts."""
import math

import pandas as pd
import pytest

from flashpoint.events.actors import THEATRE_ACTORS
from flashpoint.events.codes import cameo_codebook
from flashpoint.events.curated import (
    COUNT_KINDS, hedge_bounds, load_attack_counts, load_curated_events, load_curated_table,
)
from flashpoint.events.record import MODES, RECORD_FIELDS
from flashpoint.events.series import INDICATORS


@pytest.fixture(scope="module")
def events():
    return load_curated_events()


def test_events_are_in_the_record_shape_with_unique_ids_and_known_codes(events):
    assert list(events.columns) == list(RECORD_FIELDS)
    assert events["event_id"].is_unique and events["event_id"].str.startswith("iraq-2019-2020:").all()
    assert events["cameo_code"].isin(cameo_codebook().index).all()
    assert events["date"].between("2019-10-01", "2021-12-31").all()
    assert events["mode"].dropna().isin(MODES).all()
    assert events["plover_type"].notna().all() and events["goldstein"].notna().all()


def test_every_event_names_sources_and_a_summary():
    table = load_curated_table()
    assert (table["sources"].str.startswith("http")).all()
    assert (table["summary"].str.len() > 40).all()
    assert set(table.columns) >= {"attributed_to", "summary", "sources"}


def test_actors_are_theatre_ids_or_documented_extras(events):
    actors = set(events["source_actor"]) | set(events["target_actor"])
    assert actors - set(THEATRE_ACTORS) == {"ihec"}
    attackers = events[(events.plover_type == "ASSAULT") & events.target_actor.isin(["usa", "coalition"])]
    assert set(attackers["source_actor"]) == {"unknown", "iran"}
    assert attackers[attackers.source_actor == "unknown"]["source_code"].isna().all()


def test_key_facts_are_there(events):
    by_day = events.set_index("event_id")
    taji = by_day.loc["iraq-2019-2020:016"]
    assert (taji.date, taji.killed, taji.wounded) == (pd.Timestamp("2020-03-11"), 3, 14)
    missiles = by_day.loc["iraq-2019-2020:012"]
    assert (missiles.source_actor, missiles["mode"], missiles.killed, missiles.wounded) == ("iran", "missile", 0, 110)


@pytest.mark.parametrize("text, expected", [
    ("12", (12, 12)), (">=55", (55, math.nan)), ("<=7", (math.nan, 7)), ("~25", (20, 30)), ("~5", (4, 6)),
    ("10-14", (10, 14)), (" >= 9 ", (9, math.nan)),
])
def test_hedges_become_bounds(text, expected):
    low, high = hedge_bounds(text)
    for got, want in zip((low, high), expected):
        assert (math.isnan(got) and math.isnan(want)) or got == want


def test_an_unreadable_hedge_is_an_error():
    with pytest.raises(ValueError, match="cannot read the count"):
        hedge_bounds("a dozen")


def test_attack_counts_keep_hedges_and_their_bounds():
    counts = load_attack_counts()
    assert list(counts.columns) == ["period_start", "period_end", "indicator", "count", "low", "high", "kind",
                                    "source", "note"]
    assert (counts["period_start"] <= counts["period_end"]).all()
    assert counts["kind"].isin(COUNT_KINDS).all()
    assert counts["indicator"].isin(list(INDICATORS)).all()
    assert counts["source"].str.startswith("http").all()
    assert {">=55", "~25", ">=12"} <= set(counts["count"])
    for row in counts.itertuples():
        low, high = hedge_bounds(row.count)
        same_low = (math.isnan(low) and math.isnan(row.low)) or low == row.low
        same_high = (math.isnan(high) and math.isnan(row.high)) or high == row.high
        if not (same_low and same_high):   # a bound left open on purpose must be explained in the note
            assert "bound" in row.note, row
            assert (same_low or math.isnan(row.low)) and (same_high or math.isnan(row.high))
