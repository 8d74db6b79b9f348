"""The shipped records as datasets: events in the record's shape, their notes, their actors."""
import json

import pandas as pd
import pytest

from flashpoint.errors import DataError
from flashpoint.events.actors import THEATRE_ACTORS, record_actor_ids
from flashpoint.events.codes import cameo_codebook
from flashpoint.events.record import MODES, RECORD_FIELDS
from flashpoint.events.shipped import (
    NOTES,
    record_digest,
    record_events,
    record_notes,
    record_table,
    retired_datasets,
    shipped_events,
    shipped_records,
)
from flashpoint.records import datasets

RECORDS = ["iraq-2019-2021", "red-sea-2023"]


def test_every_shipped_record_with_events_is_a_dataset():
    assert shipped_records() == RECORDS
    assert set(shipped_records()) <= set(datasets())
    assert retired_datasets() == {"iraq-2019-2020": "iraq-2019-2021"}
    assert not set(retired_datasets()) & set(shipped_records())


@pytest.mark.parametrize("name", RECORDS)
def test_events_are_in_the_record_shape_with_known_codes(name):
    events = record_events(name)
    table = record_table(name)
    assert list(events.columns) == list(RECORD_FIELDS) and len(events) == len(table) > 200
    assert events["event_id"].is_unique and events["event_id"].str.startswith(f"{name}:").all()
    assert events["cameo_code"].isin(cameo_codebook().index).all()
    assert events["plover_type"].notna().all() and events["goldstein"].notna().all()
    assert events["mode"].dropna().isin(MODES).all()
    first = json.loads(events["provenance"].iloc[0])
    assert first["dataset"] == name and first["row"] == 2 and first["sources"][0].startswith("http")
    # the CAMEO actor code comes from the record's actors.csv (none for an unknown attacker)
    coded = events[events["source_actor"] != "unknown"]
    assert (coded["source_code"] == coded["source_actor"].map(lambda a: THEATRE_ACTORS[a].cameo)).all()
    assert events.loc[events["source_actor"] == "unknown", "source_code"].isna().all()


@pytest.mark.parametrize("name", RECORDS)
def test_every_actor_of_a_record_is_declared_in_its_actors_csv(name):
    from importlib import resources

    table = record_table(name)
    declared = record_actor_ids(resources.files("flashpoint.data.records").joinpath(name))
    used = set(table["source_actor"]) | set(table["target_actor"])
    assert used <= declared, used - declared
    assert declared <= set(THEATRE_ACTORS)


@pytest.mark.parametrize("name", RECORDS)
def test_notes_keep_the_record_columns_and_name_the_attributed_actor(name):
    notes = record_notes(name)
    table = record_table(name)
    assert list(notes.columns) == list(NOTES) and (notes["dataset"] == name).all()
    assert notes["event_id"].tolist() == table["event_id"].tolist()
    assert notes["summary"].str.len().min() > 20 and notes["sources"].str.startswith("http").all()
    assert set(notes["reliability"]) <= {"A", "B", "C"}
    # an attribution names an actor only when the record says who claimed it or was blamed
    blamed = notes.dropna(subset=["attributed_actor"])
    assert len(blamed) > 20 and blamed["attribution"].isin(["claimed", "reported"]).all()
    assert set(blamed["attributed_actor"]) <= set(THEATRE_ACTORS)


def test_attributions_name_the_faction_even_where_the_attacker_is_stored_unknown():
    notes = record_notes("iraq-2019-2021").set_index("event_id")
    events = record_events("iraq-2019-2021").set_index("event_id")
    k1 = events.loc["iraq-2019-2021:0012"]                 # K-1, 27 Dec 2019
    assert (k1.source_actor, k1.target_actor, k1.killed) == ("unknown", "usa", 1)
    assert notes.loc["iraq-2019-2021:0012", "attributed_actor"] == "kh"
    fronts = notes[notes["attributed_to"].eq("Ashab al-Kahf")]
    assert len(fronts) > 5 and (fronts["attributed_actor"] == "aah").all()     # a front name the dictionary lists
    vague = notes[notes["attributed_to"].fillna("").str.startswith("Iran-backed")]
    assert len(vague) and vague["attributed_actor"].isna().all()               # "militias backed by X": no one


def test_the_digest_follows_the_files():
    assert record_digest("red-sea-2023") != record_digest("iraq-2019-2021")
    assert record_digest("red-sea-2023") == record_digest("red-sea-2023")


def test_all_shipped_events_together_in_date_order():
    both = shipped_events()
    assert len(both) == sum(len(record_table(n)) for n in RECORDS)
    assert both["date"].is_monotonic_increasing


def test_a_record_folder_of_ones_own_reads_the_same_way(tmp_path):
    text = record_table("red-sea-2023").head(3).to_csv(index=False)
    (tmp_path / "events.csv").write_text(text, encoding="utf-8")
    mine = record_events(str(tmp_path))
    assert len(mine) == 3 and json.loads(mine["provenance"].iloc[0])["dataset"] == str(tmp_path)
    (tmp_path / "events.csv").write_text(text.replace("2023-10-31", "2023-10-32"), encoding="utf-8")
    with pytest.raises(DataError, match=r"events.csv line 3: field date: '2023-10-32' is not a date"):
        record_events(str(tmp_path))
    with pytest.raises(DataError, match="not a shipped record"):
        record_events(str(tmp_path / "nowhere"))


def test_dates_and_counts_of_a_few_known_events():
    red = record_events("red-sea-2023").set_index("event_id")
    first = red.loc["red-sea-2023:0001"]
    assert (first.date, first.source_actor, first.target_actor, first["mode"]) == (
        pd.Timestamp("2023-10-19"), "houthis", "israel", "missile")
