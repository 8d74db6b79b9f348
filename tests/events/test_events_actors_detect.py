"""The actor dictionary (every shipped record's actors.csv, merged), and telling a file's format from its content."""
import re

import pytest

from flashpoint.errors import DataError
from flashpoint.events.actors import (
    ALIASES, CODE_ACTORS, THEATRE_ACTORS, attributed_actor, country_of, merge_actor_tables, normalize_name,
    resolve_actor, shipped_actor_texts, theatre_actor,
)
from flashpoint.events.importers import FORMATS, detect_format


@pytest.mark.parametrize("name, actor", [
    ("Kata'ib Hezbollah", "kh"), ("KATAIB HEZBOLLAH", "kh"), ("Kata\u2019ib Hizballah", "kh"),
    ("Military Forces of the United States (2017-2021)", "usa"), ("Police Forces of Iraq (2018-)", "isf"),
    ("Asa'ib Ahl al-Haq", "aah"), ("Usbat al-Thaireen", "aah"), ("Islamic State (Iraq)", "isis"),
    ("Protesters (Iraq)", "protesters"), ("Unidentified Armed Group (Iraq)", "unknown"),
    ("IRGC-Quds Force", "iran"), ("Sairoon", "sadrists"), ("Council of Representatives", "iraq_parliament"),
    ("Ansar Allah", "houthis"), ("Military Forces of Yemen (2016-) Houthi", "houthis"), ("HOUTHIS", "houthis"),
    ("Israel Defense Forces", "israel"), ("EUNAVFOR Aspides", "eu"), ("Royal Navy", "uk"),
    ("Presidential Leadership Council", "yemen_gov"), ("US Navy", "usa"),
])
def test_names_map_to_theatre_actors(name, actor):
    assert theatre_actor(name) == actor


def test_unmapped_names_are_kept_and_ambiguous_codes_map_nothing():
    assert theatre_actor("Some Tribal Militia") is None
    assert resolve_actor("Some Tribal Militia", "IRQREB") == ("Some Tribal Militia", "IRQREB")
    assert resolve_actor("", "IRQREB") == ("IRQREB", "IRQREB")        # kh, aah or badr: not guessed
    assert resolve_actor(None, "USAMIL") == ("usa", "USAMIL")
    assert resolve_actor("Kata'ib Hezbollah", None) == ("kh", "IRQREB")
    assert resolve_actor(None, None) == (None, None)


def test_every_alias_points_at_a_theatre_actor_and_is_stored_normalized():
    assert set(ALIASES.values()) <= set(THEATRE_ACTORS)
    assert all(normalize_name(name) == name for name in ALIASES)


HEADER = "id,cameo,label,aliases,codes\n"


def test_the_shipped_tables_merge_into_one_dictionary():
    texts = shipped_actor_texts()
    assert list(texts) == ["iraq-2019-2021", "red-sea-2023"]
    tables = merge_actor_tables(texts)
    assert tables.actors == THEATRE_ACTORS and tables.aliases == ALIASES and tables.codes == CODE_ACTORS
    assert THEATRE_ACTORS["usa"].records == ("iraq-2019-2021", "red-sea-2023")      # one id in both: pooled
    assert ALIASES["us forces"] == ALIASES["us navy"] == "usa"
    assert THEATRE_ACTORS["houthis"].cameo == "YEMREB" and THEATRE_ACTORS["unknown"].cameo is None


def test_an_alias_or_a_code_claimed_by_two_actors_is_an_error():
    a = HEADER + "navy,USAMIL,A navy,fleet|the navy,USAMIL\n"
    with pytest.raises(DataError, match=r"record b: actors.csv line 2: field aliases: 'fleet' names 'ships' here "
                                        r"but 'navy' in record a"):
        merge_actor_tables({"a": a, "b": HEADER + "ships,,Ships,fleet,\n"})
    with pytest.raises(DataError, match=r"field codes: 'USAMIL' names 'army' here but 'navy'"):
        merge_actor_tables({"a": a, "b": HEADER + "army,USAMIL,Army,army,USAMIL\n"})
    with pytest.raises(DataError, match=r"field cameo: actor 'navy' is GBRMIL here but USAMIL in record a"):
        merge_actor_tables({"a": a, "b": HEADER + "navy,GBRMIL,A navy,navy,\n"})
    merged = merge_actor_tables({"a": a, "b": HEADER + "navy,USAMIL,Another label,warships|fleet,\n"})
    assert merged.aliases == {"fleet": "navy", "the navy": "navy", "warships": "navy"}   # same actor: pooled
    assert merged.actors["navy"].label == "A navy"


@pytest.mark.parametrize("text, message", [
    ("id,cameo,label\n", "lacks the column(s) aliases, codes"),
    (HEADER + "Navy,USAMIL,x,navy,\n", "line 2: field id: 'Navy' is not an actor id"),
    (HEADER + "navy,usamil,x,navy,\n", "line 2: field cameo: 'usamil' is not a CAMEO actor code"),
    (HEADER + "navy,,x,The Navy,\n", "line 2: field aliases: 'The Navy' is not normalized (write 'the navy')"),
    (HEADER + "navy,,x,navy,\nnavy,,y,fleet,\n", "line 3: field id: 'navy' is listed twice"),
])
def test_a_bad_actor_table_is_refused_naming_line_and_field(text, message):
    with pytest.raises(DataError, match=re.escape(message)):
        merge_actor_tables({"mine": text})


@pytest.mark.parametrize("text, actor", [
    ("Kata'ib Hezbollah (US attribution)", "kh"), ("Kata'ib Hezbollah statement", "kh"),
    ("Saraya Awliya al-Dam (Guardians of Blood)", "aah"), ("Houthi spokesman Yahya Saree", "houthis"),
    ("Houthis (CENTCOM)", "houthis"), ("Iran-backed militias (US view)", None), ("Iraqi presidency", None),
    ("", None), (None, None),
])
def test_an_attribution_names_an_actor_only_by_a_listed_name(text, actor):
    assert attributed_actor(text) == actor


def test_countries_are_read_from_acled_style_names():
    assert country_of("Military Forces of the United States (2017-2021)") == "USA"
    assert country_of("Civilians (Iraq)") == "IRQ"
    assert country_of("Kata'ib Hezbollah") is None
    assert country_of("Military Forces of Yemen (2016-) Houthi") is None    # the country is not at the end
    assert country_of("Police Forces of the United Kingdom (2010-)") == "GBR"


def test_formats_are_told_from_the_first_line(tmp_path, gdelt_line):
    samples = {
        "gdelt2": gdelt_line(1) + "\n",
        "gdelt1": gdelt_line(1, version=1) + "\n",
        "icews": "Event ID\tEvent Date\tSource Name\tCAMEO Code\n",
        "acled": "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,fatalities\n",
        "csv": "\nevent_id,date,source_actor,cameo_code\n",           # a leading blank line is skipped
    }
    for name, text in samples.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8-sig" if name == "acled" else "utf-8")   # with a byte-order mark
        assert detect_format(path) is FORMATS[name]


def test_unknown_content_asks_for_a_format(tmp_path):
    path = tmp_path / "what.csv"
    path.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(DataError, match=r"cannot tell the format .* --format"):
        detect_format(path)
    path.write_text("1\t2\t3\n")
    with pytest.raises(DataError, match="3 tab-separated columns; a GDELT 1.0 event table has 58"):
        detect_format(path)
    with pytest.raises(DataError, match="no such file"):
        detect_format(tmp_path / "missing.csv")


def test_a_gdelt_table_with_a_header_row_says_so(tmp_path):
    """A BigQuery export (comma-separated, a header) got "cannot tell the format", and a tab-separated file with a
    header row three field errors on line 1 (a held-out import)."""
    from flashpoint.events.importers import check_layout

    for name, sep in (("bq.csv", ","), ("header.CSV", "\t")):
        path = tmp_path / name
        path.write_text(sep.join(["GLOBALEVENTID", "SQLDATE", "MonthYear"]) + "\n" + sep.join(["1", "20240101", "202401"]) + "\n")
        for check in (detect_format, lambda p: check_layout(p, FORMATS["gdelt2"])):
            with pytest.raises(DataError, match="line 1 is a header row naming GDELT's columns"):
                check(path)
