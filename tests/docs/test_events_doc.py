"""docs/events.md's pandas example of the event log, run as written on a run's events.csv."""
import os
import re
from pathlib import Path

from flashpoint.cli import main

DOC = Path(__file__).parents[2] / "docs" / "events.md"


def test_the_event_logs_pandas_example_keeps_the_codes_leading_zeros(tmp_path, capsys):
    """A held-out analyst's copy of the example read CAMEO 0871 as 871 and 087 as 87 (pandas took the codes for
    numbers)."""
    block = re.search(r"Each indicator from\s+the log:\n\n```python\n(.*?)```", DOC.read_text(), re.S).group(1)
    assert main(["run", "--runs", "5", "--seed", "1", "--out", str(tmp_path / "out"), "--events"]) == 0
    capsys.readouterr()
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        names: dict = {}
        exec(block, names)
    finally:
        os.chdir(here)
    codes = set(names["ev"]["cameo_code"]) | set(names["ev"]["cameo_root"])
    assert codes and all(isinstance(c, str) for c in codes)
    assert any(c.startswith("0") for c in codes), sorted(codes)      # iraq-2020's truces and drawdowns: 0871, 087
    assert names["attacks"]["killed"].dtype.kind in "if"
