"""Fixtures every test gets, and the property-based tests' pinned seeds."""
import pytest
from hypothesis import settings

# Hypothesis draws its examples from a seed fixed by each test (the suite gives the same verdict on every
# run: a fuzzed message once passed a length bound by chance); benchmarks/fuzz_scenarios.py explores freely.
settings.register_profile("pinned", derandomize=True)
settings.load_profile("pinned")


@pytest.fixture(autouse=True)
def _no_terminal_width(monkeypatch):
    """Tables written to a pipe are PIPE_WIDTH wide unless $COLUMNS says otherwise; a user's terminal (or a
    pytest-xdist worker, which sets COLUMNS=80) must not change what the tests read. Tests of $COLUMNS set it."""
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture(autouse=True)
def _no_user_store(tmp_path, monkeypatch):
    """No test may touch the user's real event store: the default store lives in the test's folder (two command
    line tests opened the user's, and failed while another program held its lock)."""
    monkeypatch.setenv("FLASHPOINT_STORE", str(tmp_path / "default-store.duckdb"))
