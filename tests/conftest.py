"""Fixtures every test gets."""
import pytest


@pytest.fixture(autouse=True)
def _no_terminal_width(monkeypatch):
    """Tables written to a pipe are PIPE_WIDTH wide unless $COLUMNS says otherwise; a user's terminal (or a
    pytest-xdist worker, which sets COLUMNS=80) must not change what the tests read. Tests of $COLUMNS set it."""
    monkeypatch.delenv("COLUMNS", raising=False)
