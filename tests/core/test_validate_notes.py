"""Notes of `flashpoint scenario validate` that a held-out scenario (South Lebanon 1996-2000) found wrong or
missing: a target held outside the theatre called one no foreign party holds, and a decapitation mechanism
switched on with no decapitation entry to act through (only calibrate said so)."""
import yaml

from flashpoint.cli import main
from flashpoint.scenario.loader import resolve
from tests.core.test_entries import ENTRY


def write(tmp_path, doc, name="s.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return str(path)


def validate(path, capsys) -> str:
    assert main(["scenario", "validate", path]) == 0
    return capsys.readouterr().err


def with_home(tmp_path):
    """red-sea-2023 with the EU mission arriving on 19 Feb 2024 and a target of its own outside the theatre (its
    home ports), whose attacks its response rule answers."""
    d = yaml.safe_load(resolve("red-sea-2023")[1])
    for a in d["actors"]:
        if a["id"] == "eu":
            a["attributes"]["initial_presence"] = {"value": 0.0, "unit": "share of its ships", "range": [0, 1],
                                                   "source": "test"}
    d["schedule"] = [e for e in d["schedule"] if e["id"] != "aspides_not_yet_deployed"]
    d["schedule"].append(dict(ENTRY, id="arrives", date="2024-02-19", type="deployment", actor="eu", target="eu",
                              fraction=1.0, cameo="0874"))
    d["targets"].append({"id": "eu_home", "name": "home ports", "kind": "homeland", "party": "eu", "in_theatre": False,
                         "share": {"value": 0.01, "unit": "share", "range": [0.0, 0.05], "source": "test"},
                         "answered": {"value": 1.0, "unit": "weight in the response rule", "range": [0.0, 1.0],
                                      "source": "test"}})
    rule = d["response"]["lag_days"]               # a rule per party: the EU's answers attacks too
    rule["value"] = {a["id"]: rule["value"] for a in d["actors"] if a["kind"] in ("foreign_power", "ally")}
    return d


def test_a_target_held_outside_the_theatre_is_not_called_one_no_party_holds(tmp_path, capsys):
    err = " ".join(validate(write(tmp_path, with_home(tmp_path)), capsys).split())
    home = next(line for line in err.split("note: ") if "attacks on eu_home" in line)
    assert "no foreign party holds" not in home
    assert "which eu hold(s) outside the theatre (in_theatre: false: its attacks are not scaled by their troops, " \
           "and it is never absent)" in home
    ships = next(line for line in err.split("note: ") if "eu answers attacks on shipping" in line)
    assert "which no foreign party holds" in ships             # a target no party holds keeps its words
