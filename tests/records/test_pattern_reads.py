"""A regime pattern on a state (a force's presence share) is held against the state's mean over its window, not a
total: `flashpoint run` heads and labels it so. Found by a held-out scenario, whose presence pattern stood under
the column 'record: total'."""
import json

import yaml

from flashpoint.cli import main
from flashpoint.scenario.loader import resolve


def test_a_pattern_on_a_state_reads_as_a_mean_and_one_on_a_count_as_a_total(tmp_path, capsys):
    doc = yaml.load(resolve("iraq-2020")[1], Loader=yaml.SafeLoader)
    doc["record"]["patterns"].append({"id": "partners_stay", "indicator": "coalition_presence.coalition",
                                      "window": ["2020-02-01", "2020-03-31"], "low": 0.5, "source": "test"})
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    for mode in ("--full", "--summary-only"):
        assert main(["run", "--scenario", str(path), "--runs", "20", "--seed", "3", mode, "--format", "json"]) == 0
        each = json.loads(capsys.readouterr().out)["patterns"]["each"]
        assert [p["reads"] for p in each] == ["total"] * 3 + ["mean"]
    assert main(["run", "--scenario", str(path), "--runs", "20", "--seed", "3"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "record: total" not in out
    assert "mean >= 0.5" in out and "total <= 6" in out
