"""A credible historical replay: the band holds the scenario's own record by being right, and the
record's changes of regime occur together in some runs (docs/ODD.md sections 1 and 8)."""
import numpy as np
import pytest

import flashpoint
from flashpoint import records

SC = flashpoint.load_scenario("iraq-2020")


@pytest.fixture(scope="module")
def historical():
    return flashpoint.simulate(SC, policy="historical", runs=2000, seed=0)


def test_the_well_sourced_counts_lie_in_the_band(historical):
    checks = records.fit(historical, SC)
    good = [c for c in checks if c.reliability in ("A", "B")]
    assert len(good) >= 20
    assert sum(c.inside for c in good) >= 0.75 * len(good), [(str(c.start.date()), c.count) for c in good if not c.inside]


def test_the_band_is_narrow_where_the_record_is_exact(historical):
    checks = records.fit(historical, SC)
    assert np.mean([c.interval_score for c in checks]) < 81


def test_the_lull_the_surge_and_the_quiet_winter_occur_together(historical):
    held = []
    for p in SC.record.patterns:
        t = historical.total(p.indicator, *p.window)
        held.append((t >= (p.low if p.low is not None else -np.inf)) & (t <= (p.high if p.high is not None else np.inf)))
    assert np.all(held, axis=0).mean() >= 0.05
    # what `flashpoint run` reports (a held-out user's patterns were read by no command)
    shapes = historical.patterns()
    assert [p["id"] for p in shapes["each"]] == [p.id for p in SC.record.patterns]
    assert [p["share"] for p in shapes["each"]] == [h.mean() for h in held]
    assert shapes["together"] == np.all(held, axis=0).mean()


def test_run_reports_the_patterns_the_same_whether_it_keeps_the_runs_or_only_a_summary(capsys):
    import json

    from flashpoint.cli import main

    shown = []
    for mode in ("--full", "--summary-only"):
        assert main(["run", "--runs", "60", "--seed", "3", mode, "--format", "json"]) == 0
        shown.append(json.loads(capsys.readouterr().out)["patterns"])
    assert shown[0] == shown[1] and len(shown[0]["each"]) == 3 and 0 <= shown[0]["together"] <= 1
    assert main(["run", "--runs", "60", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert f"{shown[0]['together']:.1%} of runs hold all 3 together" in out and "<= 6" in out and ">= 32" in out
