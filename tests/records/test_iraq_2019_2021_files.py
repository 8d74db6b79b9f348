"""Format checks for the shipped Iraq record (src/flashpoint/data/records/iraq-2019-2021).

The files are read through the installed package (importlib.resources), as the
code that uses them will; nothing outside the package is touched.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

import pytest

DATASET = "iraq-2019-2021"
FIRST, LAST = dt.date(2019, 5, 1), dt.date(2021, 12, 31)
# Series may reach back to 2018: the May 2018 election results, and yearly
# totals (ISIS attacks in 2019) whose period overlaps the record's start.
SERIES_FIRST = dt.date(2018, 1, 1)

EVENT_COLUMNS = [
    "event_id", "date", "date_precision", "source_actor", "target_actor", "cameo_code",
    "mode", "killed", "wounded", "location", "theatre", "target_kind", "attribution",
    "attributed_to", "summary", "sources", "reliability",
]
COUNT_COLUMNS = [
    "period_start", "period_end", "what", "target_kind", "mode", "count", "kind",
    "source", "reliability", "note",
]
SERIES_COLUMNS = [
    "series", "period_start", "period_end", "value", "hedge", "unit", "source",
    "reliability", "note",
]
SOURCE_COLUMNS = ["outlet", "name", "grade", "reason"]

ACTORS = {
    "usa", "coalition", "iran", "kh", "aah", "badr", "iraq_gov", "iraq_parliament",
    "isf", "protesters", "sadrists", "isis", "unknown",
}
FACTIONS = {"kh", "aah", "badr"}
MODES = {"indirect_fire", "ied_convoy", "drone", "missile", "boat", "seizure", "airstrike", "gunfire"}
THEATRES = {
    "IRQ", "SYR", "YEM", "ISR", "IRN", "red_sea", "gulf_of_aden", "bab_el_mandeb",
    "arabian_sea", "indian_ocean", "mediterranean",
}
TARGET_KINDS = {
    "base", "embassy", "convoy", "airport", "warship", "commercial_ship", "israel",
    "militia", "host_government", "host_forces", "infrastructure", "other",
}
ATTRIBUTIONS = {"claimed", "reported", "unknown"}
GRADES = {"A", "B", "C"}
COUNT_KINDS = {"period", "cumulative", "partial", "derived"}
COUNT_WHAT = {"attacks", "strikes"}
HEDGES = {"=", "~", ">=", "<="}
COUNT_HEDGE = re.compile(r"^(?:(?:>=|<=|~)?\d+|\d+-\d+)$")


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    ref = resources.files("flashpoint.data").joinpath("records", DATASET, name)
    text = ref.read_text(encoding="utf-8")
    assert "\r" not in text, f"{name}: line ends must be \\n"
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def _date(value: str, where: str) -> dt.date:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), f"{where}: {value!r} is not YYYY-MM-DD"
    return dt.date.fromisoformat(value)


def _outlet(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def _urls(field: str, where: str) -> list[str]:
    urls = [u.strip() for u in field.split(" ; ")]
    assert urls and all(urls), f"{where}: no source URL"
    for u in urls:
        parsed = urlparse(u)
        assert parsed.scheme in ("http", "https") and parsed.netloc, f"{where}: bad URL {u!r}"
    return urls


@pytest.fixture(scope="module")
def events():
    return _read("events.csv")


@pytest.fixture(scope="module")
def counts():
    return _read("counts.csv")


@pytest.fixture(scope="module")
def series():
    return _read("series.csv")


@pytest.fixture(scope="module")
def grades():
    columns, rows = _read("sources.csv")
    assert columns == SOURCE_COLUMNS
    outlets = [r["outlet"] for r in rows]
    assert len(outlets) == len(set(outlets)), "sources.csv: an outlet is listed twice"
    for r in rows:
        assert r["grade"] in GRADES, f"sources.csv {r['outlet']}: grade {r['grade']!r}"
        assert r["name"] and r["reason"], f"sources.csv {r['outlet']}: name and reason needed"
    return {r["outlet"]: r["grade"] for r in rows}


def _check_grade(urls: list[str], reliability: str, grades: dict[str, str], where: str) -> None:
    for u in urls:
        assert _outlet(u) in grades, f"{where}: outlet {_outlet(u)} has no grade in sources.csv"
    assert reliability == min(grades[_outlet(u)] for u in urls), (
        f"{where}: reliability {reliability!r} is not the grade of its best source"
    )


def test_event_columns_ids_and_order(events):
    columns, rows = events
    assert columns == EVENT_COLUMNS
    ids = [r["event_id"] for r in rows]
    assert len(ids) == len(set(ids)), "events.csv: duplicate event_id"
    assert all(re.fullmatch(rf"{DATASET}:\d{{4}}", i) for i in ids)
    assert [int(i.split(":")[1]) for i in ids] == list(range(1, len(ids) + 1))
    dates = [_date(r["date"], r["event_id"]) for r in rows]
    assert dates == sorted(dates), "events.csv: ids are not in date order"
    assert FIRST <= dates[0] and dates[-1] <= LAST


def test_event_fields(events, grades):
    _, rows = events
    codes = {r["code"] for r in csv.DictReader(io.StringIO(
        resources.files("flashpoint.data").joinpath("cameo_codes.csv").read_text(encoding="utf-8")))}
    for r in rows:
        where = f"events.csv {r['event_id']}"
        day = _date(r["date"], where)
        assert r["date_precision"] in ("day", "month"), where
        if r["date_precision"] == "month":
            assert day.day == 1, f"{where}: month precision must use the 1st"
        assert r["source_actor"] in ACTORS and r["target_actor"] in ACTORS, where
        assert r["cameo_code"] in codes, f"{where}: CAMEO code {r['cameo_code']!r} unknown"
        assert r["mode"] in MODES | {""}, where
        for k in ("killed", "wounded"):
            assert r[k] == "" or r[k].isdigit(), f"{where}: {k} {r[k]!r}"
        assert r["theatre"] in THEATRES, where
        assert r["target_kind"] in TARGET_KINDS | {""}, where
        if r["mode"]:
            assert r["target_kind"], f"{where}: an attack needs a target_kind"
        assert r["attribution"] in ATTRIBUTIONS, where
        if r["attribution"] == "claimed":
            assert r["attributed_to"], f"{where}: a claim needs attributed_to"
        if r["source_actor"] in FACTIONS:
            assert r["attribution"] in ("claimed", "reported"), (
                f"{where}: a faction is named only when it claimed or was reported")
        assert r["location"] and r["summary"], where
        _check_grade(_urls(r["sources"], where), r["reliability"], grades, where)


def test_attack_coverage(events):
    """The record lists at least 120 dated attacks on US or coalition targets in Oct 2019 - Dec 2021."""
    _, rows = events
    attacks = [
        r for r in rows
        if r["mode"] and r["target_actor"] in ("usa", "coalition")
        and r["source_actor"] not in ("usa", "coalition", "iraq_gov", "isf")
        and dt.date(2019, 10, 1) <= dt.date.fromisoformat(r["date"]) <= LAST
    ]
    assert len(attacks) >= 120


def test_counts(counts, grades):
    columns, rows = counts
    assert columns == COUNT_COLUMNS
    assert rows
    for n, r in enumerate(rows, start=2):
        where = f"counts.csv line {n}"
        start, end = _date(r["period_start"], where), _date(r["period_end"], where)
        assert FIRST <= start <= end <= LAST, f"{where}: period outside the record"
        assert r["what"] in COUNT_WHAT, where
        for tk in filter(None, r["target_kind"].split("|")):
            assert tk in TARGET_KINDS, where
        for mode in filter(None, r["mode"].split("|")):
            assert mode in MODES, where
        assert COUNT_HEDGE.fullmatch(r["count"]), f"{where}: count {r['count']!r} does not parse"
        if "-" in r["count"]:
            low, high = map(int, r["count"].split("-"))
            assert low <= high, where
        assert r["kind"] in COUNT_KINDS, where
        assert r["note"], where
        _check_grade(_urls(r["source"], where), r["reliability"], grades, where)


def test_series(series, grades):
    columns, rows = series
    assert columns == SERIES_COLUMNS
    slugs = {r["series"] for r in rows}
    assert {"isis_attacks", "troops.usa", "seats.fatah", "vote.expel_foreign_troops.present"} <= slugs
    for n, r in enumerate(rows, start=2):
        where = f"series.csv line {n}"
        assert re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)*", r["series"]), where
        start, end = _date(r["period_start"], where), _date(r["period_end"], where)
        assert SERIES_FIRST <= start <= end <= LAST, f"{where}: period outside the record"
        assert end >= FIRST or r["series"].startswith("seats."), f"{where}: ends before the record"
        float(r["value"])
        assert r["hedge"] in HEDGES and r["unit"] and r["note"], where
        _check_grade(_urls(r["source"], where), r["reliability"], grades, where)


def test_every_graded_outlet_is_used(events, counts, series, grades):
    used = set()
    for r in events[1]:
        used |= {_outlet(u) for u in r["sources"].split(" ; ")}
    used |= {_outlet(r["source"]) for r in counts[1]}
    used |= {_outlet(r["source"]) for r in series[1]}
    assert set(grades) == used


def test_readme_explains_every_slug(series, counts):
    # README.md is documentation, not package data: read it from the source tree.
    readme = (Path(__file__).resolve().parents[2] / "src" / "flashpoint" / "data" / "records"
              / DATASET / "README.md").read_text(encoding="utf-8")
    for slug in {r["series"] for r in series[1]} | {r["what"] for r in counts[1]}:
        assert f"`{slug}`" in readme, f"README.md does not explain {slug}"
