"""forecast says a count held by its bound alone as run does ("yes (bound)"), and its JSON carries the same figure
(a held-out analyst's ``<=270`` against runs of 2-32 read "1 of 1 sourced counts ... inside these runs' 90% band",
and forecast.json had no word of the record at all)."""
import json

from flashpoint.cli import main

ARGS = ["forecast", "--scenario", "red-sea-2023", "--prior", "--from", "2025-03-01", "--to", "2025-08-31",
        "--indicator", "attacks_on_foreign_forces.israel.drone", "--runs", "40", "--seed", "0"]


def test_forecast_says_a_bound_held_by_its_hedge_alone_in_the_terminal_and_the_json(tmp_path, capsys):
    assert main(ARGS + ["--out", str(tmp_path)]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "1 of them a bound (at least, at most) the whole band passes by more than twice: held by the hedge " \
           "alone" in said
    payload = json.loads((tmp_path / "forecast.json").read_text())
    assert list(payload)[-1] == "record"                            # a new key, last: the others keep their places
    assert list(payload)[:-1] == ["scenario", "indicator", "unit", "from", "to", "runs", "seed", "posterior", "months",
                                  "window", "notes", "at_ceiling", "parameters"]
    record = payload["record"]
    assert record["past_bound"] == 1 and record["inside"] >= 1 and record["counts"] >= record["inside"]
    assert " ".join(record["said"].split()) in said                # the terminal's line, word for word
    assert main(ARGS + ["--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["record"] == record
