"""ACLED and ICEWS imports: their layouts, dates, codes, actors and modes."""
import csv
import io
import json

import pandas as pd
import pytest

from flashpoint.errors import DataError
from flashpoint.events.store import EventStore
from tests.events.conftest import ACLED_HEADER


def test_acled_rows_map_to_cameo_modes_and_theatre_actors(store, acled_file):
    path = acled_file([
        'IRQ1,03 January 2020,2020,1,Explosions/Remote violence,Air/drone strike,'
        'Military Forces of the United States (2017-2021),8,Kata\'ib Hezbollah,3,Iraq,Baghdad,Baghdad,'
        '"US drone strike on a convoy near the airport, killing 10",10',
        'IRQ2,2020-03-11,2020,1,Explosions/Remote violence,Shelling/artillery/missile attack,'
        'Unidentified Armed Group (Iraq),3,Military Forces of the United States (2017-2021),8,Iraq,Salah al-Din,'
        'Taji,Rockets fired at Camp Taji,3',
        'IRQ3,2020-08-21,2020,3,Explosions/Remote violence,Remote explosive/landmine/IED,'
        'Unidentified Armed Group (Iraq),3,Civilians (Iraq),7,Iraq,Baghdad,Aweerij,IED hit a supply convoy,1',
        'IRQ4,2020-10-25,2020,1,Protests,Peaceful protest,Protesters (Iraq),6,,,Iraq,Baghdad,Baghdad,,0',
        'IRQ5,2020-10-26,2020,1,Battles,Armed clash,Some Tribal Militia (Iraq),4,Islamic State (Iraq),2,Iraq,'
        'Diyala,Khanaqin,,2',
    ])
    counts = store.import_file(path)
    assert counts.imported == 5
    events = store.query().set_index("event_id")
    strike = events.loc["acled:IRQ1"]
    assert (strike.source_actor, strike.target_actor, strike["mode"], strike.cameo_code) == (
        "usa", "kh", "drone", "195")
    assert strike.killed == 10 and pd.isna(strike.wounded)
    assert strike.location == "Baghdad, Baghdad, Iraq"
    rockets = events.loc["acled:IRQ2"]
    assert (rockets.source_actor, rockets.target_actor, rockets["mode"]) == ("unknown", "usa", "indirect_fire")
    assert pd.isna(rockets.source_code)          # an unknown attacker gets no invented CAMEO code
    convoy = events.loc["acled:IRQ3"]
    assert convoy["mode"] == "ied_convoy" and convoy.date_precision == "month"
    assert convoy.date == pd.Timestamp("2020-08-01")          # month precision: first of the month
    protest = events.loc["acled:IRQ4"]
    assert (protest.plover_type, protest.source_actor, protest.source_code) == ("PROTEST", "protesters", "IRQOPP")
    assert pd.isna(protest.target_actor)
    clash = events.loc["acled:IRQ5"]
    assert clash.source_actor == "Some Tribal Militia (Iraq)" and clash.source_code == "IRQREB"   # unmapped, kept
    assert clash.target_actor == "isis"
    assert json.loads(clash.provenance) == {"dataset": "acled", "file": path.name, "row": 6}


def test_acleds_own_category_names_and_its_0_for_no_actor_are_read(store, acled_file):
    """Real ACLED rows were refused: SUD1082 writes inter2 "Rebel Groups" (the codebook's "2: Rebel Groups, 3:
    Political Militias"), and ACLED's numeric layout writes inter2 0 where an event has no second actor (Algeria,
    2230RTA: "Protesters (Algeria)", 6, "", 0). A 0 beside a named actor is still refused."""
    path = acled_file([
        'SUD1082,2010-12-31,2010,1,Battles,Armed clash,"Military Forces of Sudan (2011-2019, Omar al-Bashir)",'
        'State Forces,Justice and Equality Movement,Rebel Groups,Sudan,North Darfur,Al Watanya,,0',
        'ALG1,2001-04-20,2001,1,Protests,Peaceful protest,Protesters (Algeria),6,,0,Algeria,Bejaia,Amizour,,0',
        'ALG2,2001-04-21,2001,1,Protests,Peaceful protest,Protesters (Algeria),Political Militias,,,Algeria,Bejaia,'
        'Amizour,,0',
    ])
    assert store.import_file(path).imported == 3
    events = store.query().set_index("event_id")
    assert (events.loc["acled:SUD1082"].target_code, events.loc["acled:ALG2"].source_code) == ("SDNREB", "DZAREB")
    assert pd.isna(events.loc["acled:ALG1"].target_actor)
    bad = acled_file(['ALG3,2001-04-20,2001,1,Protests,Peaceful protest,Protesters (Algeria),0,,,Algeria,Bejaia,,,0'],
                     name="zero.csv")
    with pytest.raises(DataError, match="inter1"):
        store.import_file(bad)


def test_a_non_violent_transfer_of_territory_is_the_move_of_the_side_that_takes_the_place(store, acled_file):
    """ACLED's codebook: "rebels, governments, or their affiliates acquire control of a location without engaging in
    a violent interaction with another group"; actor 1 is that side. It was imported as CAMEO 087 (de-escalate, a
    retreat, Goldstein +9) with actor 1 as its source: the side taking the place recorded as withdrawing."""
    path = acled_file(['IRQ9,2020-03-20,2020,1,Strategic developments,Non-violent transfer of territory,'
                       'Military Forces of Iraq (2018-2022),1,,,Iraq,Al Anbar,Al Qaim,'
                       '"Iraqi forces take over the base the coalition left",0'])
    assert store.import_file(path).imported == 1
    taken = store.query().set_index("event_id").loc["acled:IRQ9"]
    assert (taken.source_actor, taken.cameo_code, taken.plover_type) == ("isf", "154", "MOBILIZE")
    assert taken.goldstein < 0 and pd.isna(taken["mode"])


def test_an_acled_events_notes_and_source_are_kept_in_its_provenance(store, acled_file):
    """A held-out ACLED user's notes (the event's text) and sources were dropped, and `notes` was not named among
    the columns not imported: the page's Summary and Sources were empty for every ACLED row. The provenance keeps
    them after the place (summary, sources: ACLED's ";" between sources), and the page shows the summary."""
    from flashpoint.web.record import _event_row

    path = acled_file([
        'SYR1,2018-01-20,2018,1,Explosions/Remote violence,Air/drone strike,A,8,B,2,Syria,Aleppo,Afrin,'
        '"Jets strike positions, 3 killed",3,Sputnik; https://example.org/a',
        'SYR2,2018-01-21,2018,1,Battles,Armed clash,A,8,B,2,Syria,Aleppo,Afrin,,0,',
    ], header=ACLED_HEADER + ",source")
    assert store.import_file(path).not_imported == ("year",)          # notes and source are read
    events = store.query().set_index("event_id")
    kept = json.loads(events.loc["acled:SYR1", "provenance"])
    assert kept == {"dataset": "acled", "file": path.name, "row": 2, "summary": "Jets strike positions, 3 killed",
                    "sources": ["Sputnik", "https://example.org/a"]}
    assert json.loads(events.loc["acled:SYR2", "provenance"]) == {"dataset": "acled", "file": path.name, "row": 3}
    shown = _event_row(events.reset_index().iloc[0].to_dict(), {})
    assert (shown["summary"], shown["sources"]) == ("Jets strike positions, 3 killed", ["https://example.org/a"])
    # a control character in a kept text makes a bad row, named by the file's column
    bad = acled_file(['SYR3,2018-01-22,2018,1,Battles,Armed clash,A,8,B,2,Syria,Aleppo,Afrin,"x\x01y",0,S'],
                     name="bad.csv", header=ACLED_HEADER + ",source")
    with pytest.raises(DataError, match="line 2: notes: holds a control character"):
        store.import_file(bad)


def test_acled_bad_rows_name_their_fields(store, acled_file):
    path = acled_file([
        "IRQ1,2020-01-03,2020,1,Battles,Armed clash,A,1,B,2,Iraq,Baghdad,Baghdad,,two",
        "IRQ2,3rd of January,2020,1,Battles,Tank battle,A,1,B,2,Iraq,Baghdad,Baghdad,,1",
        "IRQ3,2020-01-04,2020,1,Battles,Armed clash,A,9,B,Rebel Group,Iraq,Baghdad,Baghdad,,1",
    ])
    with pytest.raises(DataError) as caught:
        store.import_file(path)
    message = str(caught.value)
    assert "line 2: fatalities: not a whole number of people from 0 to 100,000: 'two'" in message
    assert "line 3: event_date: not a date" in message and "sub_event_type: not an ACLED sub-event type" in message
    assert ("line 4: inter1: not an ACLED actor category (1-8, or its name: state forces, ...; 0 where the actor is "
            "empty): '9'") in message
    assert "inter2" not in message                        # the category's name, in any case, is read
    assert len(store) == 0


def test_acled_header_without_required_columns_is_refused(store, tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text("event_id_cnty,event_date,sub_event_type,actor1\nIRQ1,2020-01-03,Armed clash,A\n")
    with pytest.raises(DataError, match=r"line 1: the header lacks the column\(s\) 'event_type', 'actor2'"):
        store.import_file(path, format="acled")


@pytest.mark.parametrize("header, why", [
    ("event_id_cnty;event_date;event_type;sub_event_type;actor1;actor2;fatalities", "separated by semicolons"),
    ("event_id_cnty\tevent_date\tevent_type\tsub_event_type\tactor1\tactor2\tfatalities", "separated by tabs"),
])
def test_a_header_whose_names_are_there_says_why_they_are_not_read(store, tmp_path, header, why):
    """Real exports re-saved by a spreadsheet: the message named columns a person could see in the file."""
    path = tmp_path / "acled.csv"
    path.write_text(header + "\n")
    with pytest.raises(DataError, match=why):
        store.import_file(path, format="acled")


def test_an_acled_export_with_upper_case_names_is_read_and_another_formats_is_explained(store, tmp_path):
    """ACLED's older exports name their columns in upper case (a held-out import had them refused)."""
    path = tmp_path / "old.csv"
    path.write_text("EVENT_ID_CNTY,EVENT_DATE,EVENT_TYPE,SUB_EVENT_TYPE,ACTOR1,INTER1,ACTOR2,INTER2,FATALITIES,NOTES\n"
                    "IRQ7,2020-01-03,Explosions/Remote violence,Air/drone strike,Military Forces of the United "
                    "States (2017-2021),8,Kata'ib Hezbollah,3,10,a US drone strike\n")
    assert store.import_file(path).imported == 1
    event = store.query().set_index("event_id").loc["acled:IRQ7"]
    assert (event.source_actor, event["mode"], event.killed) == ("usa", "drone", 10)
    icews = tmp_path / "icews.tab"
    icews.write_text("event id\tevent date\tsource name\tsource sectors\tsource country\tcameo code\t"
                     "target name\ttarget sectors\ttarget country\n")
    with pytest.raises(DataError, match="in other letter case"):
        store.import_file(icews, format="icews")


def test_a_quoted_line_break_keeps_later_line_numbers_right(store, acled_file):
    path = acled_file([
        'IRQ1,2020-01-03,2020,1,Battles,Armed clash,A,1,B,2,Iraq,Baghdad,Baghdad,"two\nlines",1',
        "IRQ2,2020-01-04,2020,1,Battles,Armed clash,A,1,B,2,Iraq,Baghdad,Baghdad,,-4",
    ])
    with pytest.raises(DataError, match=r"line 4: fatalities"):
        store.import_file(path)


def test_a_spreadsheets_windows_1252_bytes_name_their_line_beside_a_quoted_line_break(store, acled_file):
    """A held-out import of an Excel-saved export (notes over two lines, a dash in Windows-1252) got only "rows
    could not be matched to file lines": no line, no word of the encoding."""
    path = acled_file([
        'IRQ1,2020-01-03,2020,1,Battles,Armed clash,A,1,B,2,Iraq,Baghdad,Baghdad,"two\nlines",1',
        "IRQ2,2020-01-04,2020,1,Battles,Armed clash,A,1,B,2,Iraq,Baghdad,Baghdad,rockets - TEMP,0",
    ])
    path.write_bytes(path.read_bytes().replace(b" - TEMP", b" \x96 near Taji"))
    with pytest.raises(DataError, match=r"line 4: row: not valid UTF-8 text \(save the file as UTF-8\)"):
        store.import_file(path)


ICEWS_HEADER = ("Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\t"
                "Intensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\t"
                "City\tDistrict\tProvince\tCountry\tLatitude\tLongitude")


def _icews(tmp_path, rows):
    path = tmp_path / "events.2020.tab"
    path.write_text(ICEWS_HEADER + "\n" + "\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_icews_rows_restore_leading_zeros_and_build_actor_codes(store, tmp_path):
    path = _icews(tmp_path, [
        ["900", "2020-01-05", "Iraqi Parliament", "Legislative / Parliamentary", "Iraq", "Demand", "1042", "-5",
         "Military (United States)", "Military", "United States", "1", "1", "AFP", "Baghdad", "", "Baghdad",
         "Iraq", "33.3", "44.4"],
        ["901", "2020-01-06", "Defense Ministry (Iraq)", "Military,Government", "Iraq", "Consult", "42", "1.9",
         "Iran", "", "Iran", "2", "1", "AFP", "", "", "", "Iraq", "", ""],
        ["900", "2020-02-01", "Iraq", "", "Iraq", "Statement", "10", "0", "Iran", "", "Iran", "3", "1", "AFP",
         "", "", "", "Iraq", "", ""],
    ])
    counts = store.import_file(path)
    assert counts.imported == 3                  # the repeated Event ID lies on another day: another event
    events = store.query().set_index("event_id")
    vote = events.loc["icews:900:2020-01-05"]
    assert (vote.source_actor, vote.target_actor, vote.source_code, vote.plover_type) == (
        "iraq_parliament", "usa", "IRQLEG", "REQUEST")
    assert vote.location == "Baghdad, Baghdad, Iraq"
    visit = events.loc["icews:901:2020-01-06"]
    assert visit.cameo_code == "042" and visit.source_actor == "Defense Ministry (Iraq)"
    assert visit.source_code == "IRQMIL"          # country + the first sector that names a role
    assert events.loc["icews:900:2020-02-01"].cameo_code == "010"


def test_an_icews_events_text_and_publisher_are_kept_in_its_provenance(store, tmp_path):
    """ICEWS's Event Text and Publisher were named as not imported: the provenance keeps them (summary, sources)."""
    path = _icews(tmp_path, [["900", "2020-01-05", "Iraqi Parliament", "Legislative / Parliamentary", "Iraq",
                              "Demand", "1042", "-5", "Military (United States)", "Military", "United States", "1",
                              "1", "AFP", "Baghdad", "", "Baghdad", "Iraq", "33.3", "44.4"]])
    assert store.import_file(path).not_imported == ("Story ID", "Sentence Number", "Latitude", "Longitude")
    prov = json.loads(store.query()["provenance"].iloc[0])
    assert prov == {"dataset": "icews", "file": path.name, "row": 2, "summary": "Demand", "sources": ["AFP"]}


def test_an_icews_file_with_quoted_text_is_read_as_the_unquoted_one(store, tmp_path):
    """Dataverse's tab-delimited exports quote every text field, the header too: a held-out tester's ICEWS file
    was not recognised ("cannot tell the format"), and under --format icews its quotes stayed in the names."""
    rows = [["900", "2020-01-05", "Iraqi Parliament", "Legislative / Parliamentary", "Iraq", "Demand", "1042", "-5",
             "Military (United States)", "Military", "United States", "1", "1", "AFP", "Baghdad", "", "Baghdad",
             "Iraq", "33.3", "44.4"]]
    plain = _icews(tmp_path, rows)
    quoted = tmp_path / "events.2020.quoted.tab"
    numeric = {0, 6, 7, 11, 12, 18, 19}
    quoted.write_text("\t".join(f'"{h}"' for h in ICEWS_HEADER.split("\t")) + "\n" + "\t".join(
        v if i in numeric else f'"{v}"' for i, v in enumerate(rows[0])) + "\n", encoding="utf-8")
    with EventStore(tmp_path / "a.duckdb", curated=False) as a, EventStore(tmp_path / "b.duckdb", curated=False) as b:
        assert a.import_file(plain).imported == 1 and b.import_file(quoted).imported == 1
        assert a.query().drop(columns="provenance").equals(b.query().drop(columns="provenance"))
        assert b.query().source_actor.tolist() == ["iraq_parliament"]
    assert store.import_file(quoted, format="icews").imported == 1


def test_icews_codes_are_the_files_own(store, tmp_path):
    """Found on real ICEWS rows: a name the dictionary knows took its actor's code ("United States" with no
    sector became USAMIL), the role came from a fixed word order rather than the first sector (a head of
    government who also sits in parliament became LEG), words matched inside words ("Non-Governmental" was
    GOV), and "NA" (an empty field in some releases) was kept as text in the location."""
    path = _icews(tmp_path, [
        ["1", "2018-01-02", "Government (China)", "NA", "China", "Criticize", "111", "-2", "United States", "NA",
         "United States", "1", "1", "AFP", "NA", "NA", "NA", "China", "", ""],
        ["2", "2018-01-02", "Justin Trudeau", "Government,Executive,Legislative / Parliamentary", "Canada",
         "Consult", "040", "1", "Amnesty International", "Non-Governmental Organizations,Human Rights", "NA",
         "2", "1", "AFP", "Hanoi", "NA", "Thanh Pho Ha Noi", "Vietnam", "", ""],
    ])
    assert store.import_file(path).imported == 2
    events = store.query().set_index("event_id")
    first = events.loc["icews:1:2018-01-02"]
    assert (first.source_code, first.target_actor, first.target_code, first.location) == (
        "CHNGOV", "usa", "USAGOV", "China")
    second = events.loc["icews:2:2018-01-02"]
    assert (second.source_code, second.location) == ("CANGOV", "Hanoi, Thanh Pho Ha Noi, Vietnam")
    assert pd.isna(second.target_code)          # no country given: no code, no GOV from a word inside a word


def test_an_icews_actors_role_does_not_hang_on_the_order_of_its_sectors(store, tmp_path):
    """Real ICEWS rows (andybega/icews, events.2018.sample.tab): "Police (India)", sectors "Government,Police", was
    INDGOV where "Police (Malaysia)", "Police,Government", was MYSCOP; "Military (India)" ("Government,Military") in
    a gunfight was the government; "Russia" of the "Russian Federation" was RUS where "Japan" was JPNGOV. A
    minister's sectors ("Government,...,Executive,...,Military") keep GOV."""
    def row(i, name, sectors, country):
        return [str(i), "2018-06-01", name, sectors, country, "Fight", "193", "-10", "Japan", "NA", "Japan",
                "1", "1", "AFP", "NA", "NA", "NA", country, "", ""]
    path = _icews(tmp_path, [
        row(1, "Police (India)", "Government,Police", "India"),
        row(2, "Police (Malaysia)", "Police,Government", "Malaysia"),
        row(3, "Military (India)", "Government,Military", "India"),
        row(4, "James Mattis", "Government,Marines,Executive,Defense / Security Ministry,Military", "United States"),
        row(5, "Russia", "NA", "Russian Federation"),
        row(6, "Palestine", "NA", "Occupied Palestinian Territory"),
    ])
    assert store.import_file(path).imported == 6
    codes = store.query().set_index("event_id").source_code
    assert [codes[f"icews:{i}:2018-06-01"] for i in range(1, 7)] == [
        "INDCOP", "MYSCOP", "INDMIL", "USAGOV", "RUSGOV", "PSEGOV"]


def test_icews_intensity_out_of_range_is_a_bad_row(store, tmp_path):
    path = _icews(tmp_path, [["1", "2020-01-05", "Iraq", "", "Iraq", "x", "190", "-42", "Iran", "", "Iran",
                              "1", "1", "AFP", "", "", "", "Iraq", "", ""]])
    with pytest.raises(DataError, match=r"line 2: Intensity: not a number from -10 to 10: '-42'"):
        store.import_file(path)


def test_a_revised_download_says_which_stored_events_it_would_change(store, tmp_path):
    """ACLED revises its events (fatalities, dates). Re-importing a revised download printed 'already present'
    and kept the old figures without a word (found on a real Somalia export)."""
    from pathlib import Path

    original = Path(__file__).parent / "data" / "acled_iraq_sample.csv"
    assert store.import_file(original).differing == 0
    text = original.read_text(encoding="utf-8").splitlines()
    head = text[0].split(",")
    row = next(csv.reader([text[1]]))
    row[head.index("fatalities")] = str(int(row[head.index("fatalities")] or 0) + 2)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(row)
    revised = tmp_path / "revised.csv"
    revised.write_text("\n".join([text[0], buffer.getvalue().rstrip("\n"), *text[2:]]) + "\n", encoding="utf-8")
    counts = store.import_file(revised)
    assert (counts.imported, counts.differing) == (0, 1) and counts.already_present == counts.read
    assert counts.differing_ids == (f"acled:{row[head.index('event_id_cnty')]}",)     # which one (a held-out import)


def test_a_file_saved_with_pandas_row_numbers_says_so(store, tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text(",event_id_cnty,event_date\n0,IRQ1,2020-01-03\n")
    with pytest.raises(DataError, match=r"column 1 has no name \(the row numbers pandas .* index=False"):
        store.import_file(path, format="acled")


def test_acled_units_cross_border_groups_and_the_notes_weapons(store, acled_file):
    """A held-out import (Syria 2023-24): the IRGC, written as a unit of Iran's forces, got no actor and no code;
    an Iraqi militia fighting in Syria took Syria's code; an air strike on a drone depot became a drone attack,
    surface-to-surface missiles rocket fire."""
    path = acled_file([
        'SYR1,2024-01-05,2024,1,Explosions/Remote violence,Shelling/artillery/missile attack,'
        'Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps,8,Islamic Resistance in Iraq,3,Syria,'
        'Deir ez-Zor,Mayadin,"IRGC fired surface-to-surface missiles at a depot",0',
        'SYR2,2024-02-02,2024,1,Explosions/Remote violence,Air/drone strike,'
        'Military Forces of the United States (2021-),8,Islamic Resistance in Iraq,3,Syria,Deir ez-Zor,'
        'Mayadin,"US air strike on a drone storage facility",4',
        'SYR3,2024-02-03,2024,1,Explosions/Remote violence,Air/drone strike,'
        'Islamic Resistance in Iraq,3,Military Forces of the United States (2021-),8,Syria,Hasakah,'
        'Shaddadi,"A drone attack on the base",0',
    ])
    counts = store.import_file(path)
    assert counts.unmapped == (("Islamic Resistance in Iraq", 3),)     # said, with its events
    events = store.query().set_index("event_id")
    irgc = events.loc["acled:SYR1"]
    assert (irgc.source_actor, irgc.source_code, irgc["mode"]) == ("iran", "IRNMIL", "missile")
    assert irgc.target_code == "IRQREB"                    # its own country, not the event's (Syria)
    assert events.loc["acled:SYR2", "mode"] == "airstrike" and events.loc["acled:SYR3", "mode"] == "drone"


def test_a_country_named_actor_whose_code_says_another_role_is_not_the_government():
    """GDELT names a militia by its country ("IRAQ", code IRQREB): a held-out import had its attacks on US bases
    as the Iraqi government's."""
    from flashpoint.events.actors import resolve_actor

    assert resolve_actor("IRAQ", "IRQREB") == ("IRAQ", "IRQREB")
    assert resolve_actor("IRAQ", "IRQGOV") == ("iraq_gov", "IRQGOV") and resolve_actor("IRAQ", "IRQ")[0] == "iraq_gov"


def test_acled_civilians_of_another_country_take_that_countrys_code(store, acled_file):
    """A held-out tester's ACLED file: "Civilians (Yemen)", "Civilians (Syria)" and "Civilians (United States)"
    all became the dictionary's `civilians` with IRQCVL. A "Group (Country)" whose country in brackets is not
    its dictionary actor's is kept as written, with the bracketed country's code; the actor's own country
    (and an actor with no country, `unknown`) still maps."""
    path = acled_file([
        'YEM1,2024-01-12,2024,1,Violence against civilians,Attack,Military Forces of the United States (2021-),'
        '8,Civilians (Yemen),7,Yemen,Al Hudaydah,Al Hudaydah,Strike hit a house,2',
        'SYR1,2024-01-13,2024,1,Violence against civilians,Attack,Unidentified Armed Group (Syria),3,'
        'Civilians (Syria),Civilians,Syria,Deir ez-Zor,Mayadin,,1',
        'IRQ1,2024-01-14,2024,1,Violence against civilians,Attack,Unidentified Armed Group (Iraq),3,'
        'Civilians (United States),7,Iraq,Erbil,Erbil,A US contractor was shot,1',
        'IRQ2,2024-01-15,2024,1,Violence against civilians,Attack,Unidentified Armed Group (Iraq),3,'
        'Civilians (Iraq),7,Iraq,Baghdad,Baghdad,,0',
        'YEM2,2024-01-16,2024,1,Protests,Peaceful protest,Protesters (Yemen),6,,,Yemen,Sanaa,Sanaa,,0',
    ])
    store.import_file(path)
    events = store.query().set_index("event_id")
    targets = {e: (events.at[e, "target_actor"], events.at[e, "target_code"]) for e in ("acled:YEM1", "acled:SYR1",
                                                                                       "acled:IRQ1", "acled:IRQ2")}
    assert targets == {"acled:YEM1": ("Civilians (Yemen)", "YEMCVL"), "acled:SYR1": ("Civilians (Syria)", "SYRCVL"),
                       "acled:IRQ1": ("Civilians (United States)", "USACVL"), "acled:IRQ2": ("civilians", "IRQCVL")}
    assert events.at["acled:SYR1", "source_actor"] == "unknown"
    assert (events.at["acled:YEM2", "source_actor"], events.at["acled:YEM2", "source_code"]) == (
        "Protesters (Yemen)", "YEMOPP")


def test_an_icews_code_written_with_its_leading_zero_is_kept(store, tmp_path):
    """A held-out tester's ICEWS file was refused: "02" (the root APPEAL) was padded to "002", no code of the
    codebook. A code that starts with 0 kept its zero; one that lost it still gets it back."""
    path = _icews(tmp_path, [
        ["33100201", "2020-03-02", "Citizen (Iraq)", "General Population / Civilian / Social", "Iraq",
         "Make an appeal or request", "02", "3.0", "Government (Iraq)", "Government", "Iraq", "45001", "1",
         "Xinhua News Agency", "Baghdad", "", "Mintaqat Baghdad", "Iraq", "33.305", "44.388"],
        ["33100202", "2020-03-03", "Citizen (Iraq)", "General Population / Civilian / Social", "Iraq",
         "Make a visit", "42", "1.9", "Government (Iraq)", "Government", "Iraq", "45002", "1",
         "Xinhua News Agency", "Baghdad", "", "Mintaqat Baghdad", "Iraq", "33.305", "44.388"],
        ["33100203", "2020-03-04", "Citizen (Iraq)", "General Population / Civilian / Social", "Iraq",
         "Make a visit", "0311", "1.9", "Government (Iraq)", "Government", "Iraq", "45003", "1",
         "Xinhua News Agency", "Baghdad", "", "Mintaqat Baghdad", "Iraq", "33.305", "44.388"],
    ])
    assert store.import_file(path).imported == 3
    codes = store.query().set_index("event_id")["cameo_code"].to_dict()
    assert codes == {"icews:33100201:2020-03-02": "02", "icews:33100202:2020-03-03": "042",
                     "icews:33100203:2020-03-04": "0311"}


def test_an_unclaimed_attack_is_unknown_in_gdelt_and_icews(tmp_path, capsys, gdelt_line):
    """A held-out tester's files: only ACLED's "Unidentified Armed Group" became `unknown`; a GDELT attack with
    no Actor1 had an empty source, and ICEWS's unidentified actors ("Unidentified Forces": "Armed Gang (Iraq)",
    "Unidentified Gunmen") were kept as written. All are `unknown`, with no CAMEO code, and
    `events list --actor unknown --type ASSAULT` finds them."""
    from flashpoint.cli import main
    from flashpoint.events.store import EventStore

    gdelt = tmp_path / "20200108.export.CSV"
    gdelt.write_text("\n".join([
        gdelt_line(900000001, day="20200108", code="194", actor1=("", ""), actor2=("UNITED STATES", "USAMIL")),
        gdelt_line(900000002, day="20200108", code="010", actor1=("", ""), actor2=("UNITED STATES", "USA")),
    ]) + "\n", encoding="utf-8")
    icews = _icews(tmp_path, [
        ["33100110", "2020-01-08", "Armed Gang (Iraq)", "Unidentified Forces", "Iraq", "fight with artillery and tanks",
         "194", "-10.0", "Embassy (United States)", "Government,Diplomatic", "United States", "44010", "2",
         "Reuters News", "Baghdad", "", "Mintaqat Baghdad", "Iraq", "33.305", "44.388"],
        ["33100111", "2020-01-09", "Unidentified Gunmen", "NA", "Iraq", "Carry out roadside bombing", "1833",
         "-10.0", "Military (United States)", "Military,Government", "United States", "44011", "1", "Shafaq News",
         "Ad Diwaniyah", "", "Muhafazat al Qadisiyah", "Iraq", "31.989", "44.925"],
    ])
    path = tmp_path / "s.duckdb"
    with EventStore(path, curated=False) as store:
        store.import_file(gdelt)
        store.import_file(icews)
        events = store.query().set_index("event_id")
    for event in ("gdelt2:900000001", "icews:33100110:2020-01-08", "icews:33100111:2020-01-09"):
        assert events.at[event, "source_actor"] == "unknown" and pd.isna(events.at[event, "source_code"]), event
    assert pd.isna(events.at["gdelt2:900000002", "source_actor"])     # no actor, and no attack: nobody to name
    assert main(["events", "list", "--actor", "unknown", "--type", "ASSAULT", "--format", "json",
                 "--store", str(path)]) == 0
    listed = {e["event_id"] for e in json.loads(capsys.readouterr().out)}    # the command adds the shipped records
    assert {e for e in listed if e.split(":")[0] in ("gdelt2", "icews")} == {
        "gdelt2:900000001", "icews:33100110:2020-01-08", "icews:33100111:2020-01-09"}


def test_a_code_of_small_arms_fire_reads_as_gunfire_as_the_simulated_events_write_it():
    """The runs write a faction's gunfire as 193; an imported 193 had no mode (a verifier's)."""
    import duckdb

    from flashpoint.events.importers.checks import mode_from_cameo

    modes = duckdb.sql(f"SELECT {mode_from_cameo('c')} FROM (VALUES ('193'), ('194'), ('190')) t(c)").fetchall()
    assert [m for (m,) in modes] == ["gunfire", "indirect_fire", None]
