"""check_record_events: a record folder's events.csv checked with the Flashpoint-CSV import's rules."""
import shutil
from importlib import resources

import pandas as pd
import pytest

from flashpoint.errors import DataError
from flashpoint.events.record_check import check_record_events
from flashpoint.events.shipped import shipped_records

SHIPPED = resources.files("flashpoint.data.records")


def test_both_shipped_records_pass():
    assert shipped_records() == ["iraq-2019-2021", "red-sea-2023"]
    for name in shipped_records():
        check_record_events(SHIPPED.joinpath(name))
        check_record_events(SHIPPED.joinpath(name), actors=["usa"])


@pytest.fixture
def record(tmp_path):
    """A copy of the iraq record in a folder of one's own; ``edit({(row, column): value})`` rewrites events.csv."""
    folder = tmp_path / "my-record"
    shutil.copytree(SHIPPED.joinpath("iraq-2019-2021"), folder)

    def edit(changes=None, drop=(), add=None):
        table = pd.read_csv(folder / "events.csv", dtype=str, keep_default_na=False)
        for (row, column), value in (changes or {}).items():
            table.loc[row, column] = value
        table = table.drop(columns=list(drop))
        for column, value in (add or {}).items():
            table[column] = value
        table.to_csv(folder / "events.csv", index=False)
        return folder

    edit.folder = folder
    return edit


@pytest.mark.parametrize("column, value, expected", [
    ("mode", "mortars", ("field mode: not one of indirect_fire, ied_convoy, drone, missile, boat, seizure, "
                         "airstrike, gunfire: 'mortars'")),
    ("killed", "three", "field killed: not a whole number of people from 0 to 100,000: 'three'"),
    ("wounded", "-1", "field wounded: not a whole number of people"),
    ("source_actor", "m_23", "field source_actor: not an actor of actors.csv: 'm_23'"),
    ("target_actor", "Kata'ib Hezbollah", "field target_actor: not an actor id (a-z, 0-9, _)"),
    # a held-out case named its attacked corridor, a declared target, as the target actor
    ("target_actor", "corridor", "field target_actor: not an actor of actors.csv (a target attacked, a base or a "
                                 "corridor, is named by its kind in target_kind"),
    ("date", "2020-02-30", "field date: not a date (YYYY-MM-DD): '2020-02-30'"),
    ("date", "2020-2-3", "field date: not written YYYY-MM-DD: '2020-2-3'"),
    ("date", "", "field date: missing"),
    ("date_precision", "year", "field date_precision: not one of day, month: 'year'"),
    ("date_precision", "week", "field date_precision: not one of day, month: 'week'"),
    ("reliability", "D", "field reliability: not one of A, B, C: 'D'"),
    ("reliability", "", "field reliability: missing"),
    ("attribution", "alleged", "field attribution: not one of claimed, reported, unknown: 'alleged'"),
    ("cameo_code", "999", "field cameo_code: not a code of the CAMEO codebook: '999'"),
    ("event_id", "", "field event_id: missing"),
    ("theatre", "XQZ1", "field theatre: not a 3-letter country code in capitals (IRQ) or a sea area in lower case"),
    ("theatre", "XQZ", "field theatre: not an ISO 3166 alpha-3 country code, current or withdrawn"),
    ("theatre", "croatia", "field theatre: a country's name, not a sea area: write its ISO 3166 alpha-3 code"),
    ("target_kind", "zzz nonsense", "field target_kind: not a target kind: lower-case letters and _"),
])
def test_a_bad_value_is_refused_naming_file_line_and_field(record, column, value, expected):
    folder = record({(5, column): value})
    with pytest.raises(DataError) as caught:
        check_record_events(folder)
    message = str(caught.value)
    assert message == f"{folder / 'events.csv'} line 7: {expected}" or message.startswith(
        f"{folder / 'events.csv'} line 7: {expected}")
    assert "\n" not in message        # one bad value, one line


def test_a_repeated_event_id_is_refused(record):
    table = pd.read_csv(record.folder / "events.csv", dtype=str, keep_default_na=False)
    folder = record({(9, "event_id"): table.loc[3, "event_id"]})
    with pytest.raises(DataError, match=r"events.csv line 11: field event_id: repeats the event of line 5$"):
        check_record_events(folder)


def test_a_month_date_is_the_first_of_its_month(record):
    folder = record({(5, "date_precision"): "month", (5, "date"): "2019-12-29"})
    with pytest.raises(DataError, match="line 7: field date: a date of month precision is the 1st of its month: "
                                        "'2019-12-29'"):
        check_record_events(folder)
    record({(5, "date"): "2019-12-01"})
    check_record_events(folder)


def test_every_bad_row_is_listed_at_once(record):
    folder = record({(0, "mode"): "mortars", (1, "killed"): "three", (2, "source_actor"): "m_23"})
    with pytest.raises(DataError) as caught:
        check_record_events(folder)
    lines = str(caught.value).splitlines()
    assert [line.split(": field ")[0].rsplit(" ", 1)[-1] for line in lines] == ["2", "3", "4"]
    assert all(line.startswith(str(folder / "events.csv") + " line ") for line in lines)


def test_two_problems_in_one_row_are_each_named(record):
    folder = record({(0, "mode"): "mortars", (0, "killed"): "three"})
    with pytest.raises(DataError) as caught:
        check_record_events(folder)
    assert str(caught.value).splitlines() == [
        (f"{folder / 'events.csv'} line 2: field mode: not one of indirect_fire, ied_convoy, drone, missile, boat, "
         "seizure, airstrike, gunfire: 'mortars'"),
        f"{folder / 'events.csv'} line 2: field killed: not a whole number of people from 0 to 100,000: 'three'",
    ]


def test_the_empty_values_the_format_allows_pass(record):
    folder = record({(0, "mode"): "", (0, "killed"): "", (0, "wounded"): "", (0, "target_kind"): "",
                     (0, "date_precision"): ""})
    check_record_events(folder)


def test_actors_are_checked_against_the_scenario_when_the_folder_has_no_actor_table(record):
    folder = record({(5, "source_actor"): "m_23"})
    (folder / "actors.csv").unlink()
    check_record_events(folder)                      # nothing to check the id against: it is an id
    with pytest.raises(DataError, match="line 7: field source_actor: not an actor of the scenario: 'm_23'"):
        check_record_events(folder, actors=["usa", "kh", "coalition", "iraq_gov", "iraq_parliament", "isis",
                                            "iran", "isf", "aah"])
    check_record_events(folder, actors=["usa", "kh", "coalition", "iraq_gov", "iraq_parliament", "isis", "iran",
                                        "isf", "aah", "m_23"])   # 'unknown' needs no listing


def test_the_scenario_actors_add_to_the_actor_table(record):
    folder = record({(5, "source_actor"): "m_23"})
    with pytest.raises(DataError, match="not an actor of actors.csv or the scenario: 'm_23'"):
        check_record_events(folder, actors=["usa"])
    check_record_events(folder, actors=["m_23"])


def test_a_bad_actor_table_is_named(record):
    folder = record()
    (folder / "actors.csv").write_text("id,cameo,label,aliases,codes\nM 23,,,,\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"actors.csv line 2: field id: 'M 23' is not an actor id"):
        check_record_events(folder)


def test_columns_missing_or_unknown_are_refused(record):
    with pytest.raises(DataError, match=r"events.csv line 1: the header lacks the column\(s\) reliability"):
        check_record_events(record(drop=["reliability"]))
    shutil.copy(SHIPPED.joinpath("iraq-2019-2021").joinpath("events.csv"), record.folder / "events.csv")
    with pytest.raises(DataError, match=r"events.csv line 1: column 'notes' is not a column of a record's events.csv"):
        check_record_events(record(add={"notes": "x"}))


def test_an_edited_file_is_checked_again(record):
    folder = record()
    check_record_events(folder)
    record({(5, "mode"): "mortars"})
    with pytest.raises(DataError, match="line 7: field mode"):
        check_record_events(folder)


def test_nothing_is_written_and_no_file_or_folder_is_handled(record, tmp_path):
    folder = record({(5, "mode"): "mortars"})
    before = sorted(p.name for p in folder.iterdir())
    with pytest.raises(DataError):
        check_record_events(folder)
    assert sorted(p.name for p in folder.iterdir()) == before
    (folder / "events.csv").unlink()
    check_record_events(folder)                      # a record without a dated list: nothing to check
    with pytest.raises(DataError, match="no such folder"):
        check_record_events(tmp_path / "nope")


def test_a_broken_row_is_named_by_its_line(record):
    folder = record()
    with open(folder / "events.csv", "a", encoding="utf-8") as fh:
        fh.write("iraq-2019-2021:9999,2021-12-31,day\n")
    with pytest.raises(DataError, match=r"events.csv line 224: row: expected 17 ','-separated columns, found 3"):
        check_record_events(folder)


def test_a_scenario_may_write_its_own_modes_in_its_record(record):
    """A case whose weapons the record's list does not name (a truck bomb) writes them as its own: the
    record passes with the modes the scenario declares, and refuses them without."""
    folder = record({(0, "mode"): "truck_bomb"})
    with pytest.raises(DataError, match="field mode: not one of indirect_fire, .*gunfire: 'truck_bomb'"):
        check_record_events(folder)
    check_record_events(folder, modes=["truck_bomb", "indirect_fire"])
    with pytest.raises(DataError, match="not one of indirect_fire, .*gunfire, truck_bomb: 'truck_bmob'"):
        check_record_events(record({(0, "mode"): "truck_bmob"}), modes=["truck_bomb"])
