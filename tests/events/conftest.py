"""Fixtures for the event tests: small files built here, in the formats the importers read."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("duckdb")

from flashpoint.events.importers.gdelt import GDELT1_COLUMNS, GDELT2_COLUMNS  # noqa: E402
from flashpoint.events.store import EventStore  # noqa: E402


@pytest.fixture
def store(tmp_path):
    """An empty store (without the curated dataset, which most tests do not need)."""
    with EventStore(tmp_path / "events.duckdb", curated=False) as events:
        yield events


def gdelt_row(event_id: int, day: str = "20200103", code: str = "190", actor1=("UNITED STATES", "USAMIL"),
              actor2=("KATAIB HEZBOLLAH", "IRQREB"), place: str = "Baghdad, Baghdad, Iraq", version: int = 2) -> str:
    """One line of a GDELT event table with the fields the importer reads filled in."""
    columns = GDELT2_COLUMNS if version == 2 else GDELT1_COLUMNS
    values = dict.fromkeys(columns, "")
    values.update({
        "GLOBALEVENTID": str(event_id), "SQLDATE": day, "MonthYear": day[:6], "Year": day[:4],
        "Actor1Name": actor1[0], "Actor1Code": actor1[1], "Actor2Name": actor2[0], "Actor2Code": actor2[1],
        "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": code[:2], "QuadClass": "4",
        "GoldsteinScale": "-10.0", "ActionGeo_FullName": place, "SOURCEURL": f"https://example.org/{event_id}",
    })
    return "\t".join(values[c] for c in columns)


@pytest.fixture
def gdelt_file(tmp_path):
    """Write GDELT lines (strings) to a file and return its path."""
    def write(lines, name="events.export.CSV", version=2):
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,inter1,actor2,inter2,"
                "country,admin1,location,notes,fatalities")


@pytest.fixture
def acled_file(tmp_path):
    def write(rows, name="acled.csv", header=ACLED_HEADER):
        path = tmp_path / name
        path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
        return path

    return write


class FakeEnsemble:
    """The three methods compare() uses, over seeded Poisson counts per day and run, and the scenario
    the runs stand for (``spec``: by default the built-in scenario, whose record compare() reads)."""

    def __init__(self, runs: int = 40, seed: int = 7, start="2019-10-01", end="2020-12-31", rate=0.3, spec=None):
        if spec is None:
            import flashpoint

            spec = flashpoint.load_scenario("iraq-2020")
        self.spec = spec
        self.start, self.end = pd.Timestamp(start), pd.Timestamp(end)     # the first and last simulated day
        rng = np.random.default_rng(seed)
        days = pd.date_range(start, end, freq="D")
        fire = pd.DataFrame(rng.poisson(rate, (len(days), runs)), index=days)
        convoy = pd.DataFrame(rng.poisson(rate / 3, (len(days), runs)), index=days)
        self.daily = {
            "attacks_on_foreign_forces": fire + convoy,
            "attacks_on_foreign_forces.indirect_fire": fire,
            "attacks_on_foreign_forces.ied_convoy": convoy,
        }

    def series(self, indicator, freq):
        rule = {"D": "D", "W": "W-MON", "M": "MS"}[freq]
        return self.daily[indicator].resample(rule, label="left", closed="left").sum()

    def quantiles(self, indicator, freq, qs):
        frame = self.series(indicator, freq)
        out = pd.DataFrame({float(q): frame.quantile(q, axis=1) for q in qs})
        out["mean"] = frame.mean(axis=1)
        return out

    def total(self, indicator, start, end):
        return self.daily[indicator].loc[start:end].sum().to_numpy()


@pytest.fixture(scope="session")
def fake_ensemble():
    return FakeEnsemble()


@pytest.fixture
def make_ensemble():
    """FakeEnsemble(runs=40, seed=7, start=..., end=..., rate=0.3)."""
    return FakeEnsemble


@pytest.fixture
def gdelt_line():
    """The function that builds one GDELT line: gdelt_line(event_id, day=..., code=..., ...)."""
    return gdelt_row
