"""The theatre actor dictionary, and telling a file's format from its content."""
import pytest

from flashpoint.errors import DataError
from flashpoint.events.actors import (
    ALIASES, THEATRE_ACTORS, country_of, normalize_name, resolve_actor, theatre_actor,
)
from flashpoint.events.importers import FORMATS, detect_format


@pytest.mark.parametrize("name, actor", [
    ("Kata'ib Hezbollah", "kh"), ("KATAIB HEZBOLLAH", "kh"), ("Kata\u2019ib Hizballah", "kh"),
    ("Military Forces of the United States (2017-2021)", "usa"), ("Police Forces of Iraq (2018-)", "isf"),
    ("Asa'ib Ahl al-Haq", "aah"), ("Usbat al-Thaireen", "aah"), ("Islamic State (Iraq)", "isis"),
    ("Protesters (Iraq)", "protesters"), ("Unidentified Armed Group (Iraq)", "unknown"),
    ("IRGC-Quds Force", "iran"), ("Sairoon", "sadrists"), ("Council of Representatives", "iraq_parliament"),
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


def test_countries_are_read_from_acled_style_names():
    assert country_of("Military Forces of the United States (2017-2021)") == "USA"
    assert country_of("Civilians (Iraq)") == "IRQ"
    assert country_of("Kata'ib Hezbollah") is None


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
