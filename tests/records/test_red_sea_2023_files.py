"""The red-sea-2023 record files keep to docs' record format (RECORD-FORMAT)."""
from __future__ import annotations

import csv
import datetime as dt
import re
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

import pytest

DATASET = "red-sea-2023"
RECORD = Path(str(resources.files("flashpoint") / "data" / "records" / DATASET))
CAMEO = Path(str(resources.files("flashpoint") / "data" / "cameo_codes.csv"))

EVENT_COLUMNS = ["event_id", "date", "date_precision", "source_actor", "target_actor", "cameo_code",
                 "mode", "killed", "wounded", "location", "theatre", "target_kind", "attribution",
                 "attributed_to", "summary", "sources", "reliability"]
COUNT_COLUMNS = ["period_start", "period_end", "what", "target_kind", "mode", "count", "kind",
                 "source", "reliability", "note"]
SERIES_COLUMNS = ["series", "period_start", "period_end", "value", "hedge", "unit", "source",
                  "reliability", "note"]
SOURCE_COLUMNS = ["outlet", "name", "grade", "reason"]

ACTORS = {"houthis", "iran", "usa", "uk", "eu", "israel", "shipping", "yemen_gov", "other_navy", "unknown"}
MODES = {"", "indirect_fire", "ied_convoy", "drone", "missile", "boat", "seizure", "airstrike", "gunfire"}
THEATRES = {"IRQ", "SYR", "YEM", "ISR", "IRN", "red_sea", "gulf_of_aden", "bab_el_mandeb",
            "arabian_sea", "indian_ocean", "mediterranean"}
TARGET_KINDS = {"", "base", "embassy", "convoy", "airport", "warship", "commercial_ship", "israel",
                "militia", "host_government", "host_forces", "infrastructure", "other"}
ATTRIBUTIONS = {"claimed", "reported", "unknown"}
GRADES = {"A", "B", "C"}
HEDGE = re.compile(r"^(?:(?:>=|<=|~)?\d+|\d+-\d+)$")


def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(RECORD / name, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def outlet(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def day(text: str) -> dt.date:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", text), text
    return dt.date.fromisoformat(text)


@pytest.fixture(scope="module")
def grades() -> dict[str, str]:
    columns, rows = read("sources.csv")
    assert columns == SOURCE_COLUMNS
    table = {row["outlet"]: row["grade"] for row in rows}
    assert len(table) == len(rows), "an outlet is listed twice in sources.csv"
    assert set(table.values()) <= GRADES
    assert all(row["name"] and row["reason"] for row in rows)
    return table


def check_sourced(urls: list[str], reliability: str, grades: dict[str, str], where: str) -> None:
    assert urls, f"{where}: no source URL"
    for url in urls:
        assert urlparse(url).scheme in {"http", "https"} and urlparse(url).netloc, f"{where}: bad URL {url!r}"
        assert outlet(url) in grades, f"{where}: outlet {outlet(url)} has no grade in sources.csv"
    assert reliability == min(grades[outlet(u)] for u in urls), f"{where}: reliability is not the best source's grade"


def test_events_follow_the_format(grades):
    columns, rows = read("events.csv")
    assert columns == EVENT_COLUMNS
    assert len(rows) >= 150
    with open(CAMEO, newline="", encoding="utf-8") as handle:
        cameo = {row["code"] for row in csv.DictReader(handle)}
    ids = [row["event_id"] for row in rows]
    assert len(set(ids)) == len(ids)
    numbers = []
    for row in rows:
        where = row["event_id"]
        match = re.fullmatch(rf"{DATASET}:(\d{{4}})", where)
        assert match, where
        numbers.append(int(match.group(1)))
        date = day(row["date"])
        assert row["date_precision"] in {"day", "month"}, where
        if row["date_precision"] == "month":
            assert date.day == 1, where
        assert row["source_actor"] in ACTORS and row["target_actor"] in ACTORS, where
        assert row["cameo_code"] in cameo, f"{where}: unknown CAMEO code {row['cameo_code']}"
        assert row["mode"] in MODES and row["target_kind"] in TARGET_KINDS, where
        assert row["theatre"] in THEATRES, where
        assert row["attribution"] in ATTRIBUTIONS, where
        for field in ("killed", "wounded"):
            assert row[field] == "" or row[field].isdigit(), f"{where}: {field}={row[field]!r}"
        if row["mode"]:
            assert row["target_kind"], f"{where}: an attack needs a target_kind"
        assert row["summary"] and row["location"], where
        check_sourced(row["sources"].split(" ; "), row["reliability"], grades, where)
    assert numbers == list(range(1, len(rows) + 1)), "ids must run 0001.. in file order"
    dates = [day(row["date"]) for row in rows]
    assert dates == sorted(dates), "events are not in date order"


def test_schedule_events_are_present():
    _, rows = read("events.csv")
    def has(date: str, text: str) -> bool:
        return any(r["date"] == date and text.lower() in r["summary"].lower() for r in rows)
    assert has("2023-11-19", "Galaxy Leader")
    assert has("2024-01-12", "US-UK")
    assert has("2024-02-19", "Aspides")
    assert has("2024-03-06", "True Confidence")
    assert has("2025-01-19", "ceasefire")
    assert has("2025-05-06", "Oman")
    assert has("2025-08-28", "al-Rahawi")
    assert any(r["cameo_code"] == "186" and r["date"] == "2025-08-28" for r in rows)


def test_counts_follow_the_format(grades):
    columns, rows = read("counts.csv")
    assert columns == COUNT_COLUMNS
    assert rows
    for number, row in enumerate(rows, 2):
        where = f"counts.csv line {number}"
        assert day(row["period_start"]) <= day(row["period_end"]), where
        assert HEDGE.match(row["count"]), f"{where}: count {row['count']!r}"
        assert row["kind"] in {"period", "cumulative", "partial", "derived"}, where
        assert re.fullmatch(r"[a-z0-9_]+", row["what"]), where
        assert all(k in TARGET_KINDS - {""} for k in row["target_kind"].split("|") if row["target_kind"]), where
        assert all(m in MODES - {""} for m in row["mode"].split("|") if row["mode"]), where
        assert row["note"], where
        check_sourced([row["source"]], row["reliability"], grades, where)


def test_series_follow_the_format(grades):
    columns, rows = read("series.csv")
    assert columns == SERIES_COLUMNS
    for number, row in enumerate(rows, 2):
        where = f"series.csv line {number}"
        assert day(row["period_start"]) <= day(row["period_end"]), where
        float(row["value"])
        assert row["hedge"] in {"=", "~", ">=", "<="}, where
        assert row["unit"] and row["note"], where
        check_sourced([row["source"]], row["reliability"], grades, where)


def test_every_slug_is_explained_and_every_outlet_used():
    readme = (RECORD / "README.md").read_text(encoding="utf-8")
    _, counts = read("counts.csv")
    _, series = read("series.csv")
    for slug in {r["what"] for r in counts} | {r["series"] for r in series}:
        assert f"`{slug}`" in readme, f"README.md does not explain {slug}"
    facts = (RECORD / "facts.md").read_text(encoding="utf-8")
    _, sources = read("sources.csv")
    _, events = read("events.csv")
    cited = {outlet(u) for r in events for u in r["sources"].split(" ; ")}
    cited |= {outlet(r["source"]) for r in counts + series}
    cited |= {outlet(u) for u in re.findall(r"https?://[^\s)>\]]+", facts)}
    assert {r["outlet"] for r in sources} == cited, "sources.csv must list exactly the outlets cited"
