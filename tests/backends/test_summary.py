"""Mergeable summaries: exact where they say so, independent of how partials are grouped, and
equal to the in-memory Ensemble's numbers."""
import json

import numpy as np
import pytest
from backends_support import RUNS, SEED, WINDOWS

from flashpoint.backends import summary as S
from flashpoint.backends.summary import Histogram, round_mantissa
from flashpoint.errors import FlashpointError

QS = (0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0)


def _distinct(x):
    v, c = np.unique(x, return_counts=True)
    return v, c.astype(np.int64)


def _fill(hist, parts):
    for p in parts:
        hist.add(*_distinct(p))
    return hist.compact()


def test_exact_histogram_quantiles_are_numpys():
    rng = np.random.default_rng(1)
    ints = rng.poisson(7, 5000)
    floats = rng.gamma(2.0, 0.1, 5000)
    h = _fill(Histogram(integer=True), np.array_split(ints, 7))
    assert h.exact and h.n == 5000
    assert h.quantiles(QS).tobytes() == np.quantile(ints, QS, method="inverted_cdf").tobytes()   # counts: counts
    assert h.integer_sum() == ints.sum()
    f = _fill(Histogram(integer=False), np.array_split(floats, 7))
    assert f.exact
    assert f.quantiles(QS).tobytes() == np.quantile(floats, QS).tobytes()


@pytest.mark.parametrize("limit", [100_000, 400])
def test_histogram_does_not_depend_on_grouping_or_order(monkeypatch, limit):
    monkeypatch.setattr(S, "EXACT_LIMIT", limit)
    monkeypatch.setattr(S, "PENDING_MIN", 50)  # compact often, at different points
    rng = np.random.default_rng(2)
    x = np.round(rng.lognormal(0, 1, 3000), 3)   # some repeated values
    results = []
    for trial in range(6):
        cuts = np.sort(rng.choice(np.arange(1, len(x)), size=trial * 5 + 1, replace=False))
        parts = np.split(x, cuts)
        order = rng.permutation(len(parts)) if trial % 2 else np.arange(len(parts))
        h = _fill(Histogram(integer=False), [parts[i] for i in order])
        results.append((h.exact, h.values.tobytes(), h.counts.tobytes()))
    assert all(r == results[0] for r in results)
    assert results[0][0] == (len(np.unique(x)) <= limit)


def test_coarse_histogram_error_is_bounded(monkeypatch):
    monkeypatch.setattr(S, "EXACT_LIMIT", 100)
    rng = np.random.default_rng(3)
    x = rng.uniform(0.01, 3.0, 4000)
    h = _fill(Histogram(integer=False), np.array_split(x, 9))
    assert not h.exact
    exact = np.quantile(x, QS)
    assert np.all(np.abs(h.quantiles(QS) - exact) <= 2.0 ** -S.MANTISSA_BITS * np.abs(exact))
    assert np.array_equal(round_mantissa(h.values), h.values)


def test_summary_equals_the_in_memory_ensemble(reference, ensemble):
    """Totals, quantiles and means: bit for bit what Ensemble gives for the same runs."""
    assert reference.runs == ensemble.runs == RUNS
    assert reference.approximate() == []           # fewer distinct values than EXACT_LIMIT
    for name in ensemble.indicators(breakdowns=True):
        for w in WINDOWS:
            a, b = ensemble.total(name, *w), reference.total(name, *w)
            assert a.dtype == b.dtype and a.tobytes() == b.tobytes(), (name, w)
        qa = ensemble.quantiles(name, qs=QS)
        qb = reference.quantiles(name, qs=QS)
        assert qa.index.equals(qb.index) and list(qa.columns) == list(qb.columns)
        assert qa.to_numpy().tobytes() == qb.to_numpy().tobytes(), name


def test_coarse_summary_is_close_and_says_so(monkeypatch, ensemble):
    """With fewer distinct values allowed than there are runs, state quantiles are rounded (and
    flagged); counts and totals stay exact."""
    from backends_support import summarize_here

    monkeypatch.setattr(S, "EXACT_LIMIT", 300)
    s = summarize_here(backend="processes", workers=2)
    approx = s.approximate()
    assert "host_consent" in approx and "attacks_on_foreign_forces" not in approx
    for name in ensemble.indicators():
        qa, qb = ensemble.quantiles(name, qs=QS), s.quantiles(name, qs=QS)
        if name in approx:
            assert np.all(np.abs(qb.to_numpy() - qa.to_numpy()) <= 2.0 ** -13 * np.abs(qa.to_numpy()) + 1e-300)
        else:
            assert qa.to_numpy().tobytes() == qb.to_numpy().tobytes(), name
        assert ensemble.total(name).tobytes() == s.total(name).tobytes()


def test_summary_rejects_what_it_did_not_keep(reference):
    with pytest.raises(FlashpointError, match="not summarized"):
        reference.total("host_consent", "2020-06-01", "2020-06-30")
    with pytest.raises(FlashpointError, match="not summarized"):
        reference.quantiles("host_consent", freq="W")
    with pytest.raises(FlashpointError, match="unknown indicator"):
        reference.quantiles("nonsense")


def test_run_switches_to_summary_only_and_prints_the_same_numbers(monkeypatch, capsys, ensemble):
    from flashpoint.cli import main
    from flashpoint.commands import run as run_cmd
    from flashpoint.records import left_out_counts
    from flashpoint.summary import ensemble_summary

    monkeypatch.setattr(run_cmd, "SUMMARY_ONLY_ABOVE", RUNS - 1)
    assert main(["run", "--runs", str(RUNS), "--seed", str(SEED), "--format", "json",
                 "--backend", "processes", "--workers", "2"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got.pop("summary_only") is True and got.pop("backend") == "processes"
    assert got.pop("approximate_quantiles") == []
    got.pop("quantile_relative_error")
    assert [x["line"] for x in got.pop("left_out")] == [line for line, _ in left_out_counts(ensemble.spec)]
    assert got.pop("at_ceiling") == ensemble.at_ceiling()          # counted block by block, as a full run's
    assert got.pop("parameters") == "defaults"                     # run's own: which parameters it ran under
    assert got == json.loads(json.dumps(ensemble_summary(ensemble, breakdowns=True)))   # with the breakdowns


@pytest.mark.parametrize("scenario", ["iraq-2020", "red-sea-2023"])
def test_run_prints_its_table_in_summary_only_mode_as_with_every_run_kept(capsys, scenario):
    """A held-out tester's `run --summary-only` (and any run above 50,000) failed after its simulation: the table's
    per-party strike rows had not been summarized. The table's rows are those of a run that keeps every run."""
    from flashpoint.cli import main

    tables = []
    for mode in ("--summary-only", "--full"):
        assert main(["run", "--scenario", scenario, "--runs", "40", "--seed", "3", mode]) == 0
        out = capsys.readouterr().out
        tables.append([line.split("│")[1].strip() for line in out.splitlines() if line.startswith("│")])
    assert tables[0] == tables[1] and "foreign_strikes_by_party.usa" in tables[0]


def test_run_says_how_far_it_is_off_a_terminal_as_compare_does(capsys, monkeypatch):
    """A held-out tester's 50,000 runs, their output redirected, ran three minutes without a word on stderr: run
    drew a bar only on a terminal, where compare printed a line at each tenth."""
    from flashpoint import console
    from flashpoint.cli import main

    monkeypatch.setattr(console, "PROGRESS_RUN_DAYS", 1)
    assert main(["run", "--runs", "30", "--summary-only", "--format", "json"]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("simulating historical: ")]
    assert lines and lines[-1].startswith("simulating historical: 30 of 30 runs (100%)")


def test_run_refuses_events_in_summary_only_mode(capsys, tmp_path):
    from flashpoint.cli import main

    assert main(["run", "--runs", "10", "--summary-only", "--events", "--out", str(tmp_path)]) == 2
    assert "--events needs every run's daily arrays" in capsys.readouterr().err
