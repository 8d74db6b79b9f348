"""A count of attacks on a force the schedule has withdrawn is made by the schedule: every run gives 0, and the
count holds (or misses) by construction. Found by a held-out scenario: 0 attacks on a zone's outposts after the
force's full drawdown read 'holds' like evidence about the model."""
import pandas as pd
import yaml

import flashpoint
from flashpoint import records
from flashpoint.scenario.loader import resolve

LEAVES = {"id": "usa_leaves", "date": "2020-06-01", "type": "coalition_drawdown", "actor": "usa", "target": "isf",
          "fraction": 1.0, "cameo": "087", "description": "every US soldier leaves", "source": "test"}


def share(value):
    return {"value": value, "unit": "share of attacks", "range": [0.0, 1.0], "source": "test"}


def scenario(tmp_path, counts):
    """The built-in case with three targets (bases: both parties; convoys: the US's; ships: no party's), a policy
    that withdraws the US on 1 June 2020, and a record of ``counts`` (period_start, period_end, target_kind, count)."""
    doc = yaml.load(resolve("iraq-2020")[1], Loader=yaml.SafeLoader)
    doc["name"] = "absence"
    doc["targets"] = [
        {"id": "bases", "name": "bases", "kind": "base", "party": ["usa", "coalition"], "share": share(0.5)},
        {"id": "convoys", "name": "supply convoys", "kind": "convoy", "party": "usa", "share": share(0.3)},
        {"id": "ships", "name": "merchant ships", "kind": "commercial_ship", "share": share(0.2)},
    ]
    doc["policies"]["usa-leaves"] = {"description": "test", "drop": [], "add": [LEAVES]}
    folder = tmp_path / "rec"
    folder.mkdir()
    lines = [",".join(records.COUNT_COLUMNS)] + [f"{a},{b},attacks,{kind},,{n},period,https://example.org,B,test"
                                                 for a, b, kind, n in counts]
    (folder / "counts.csv").write_text("\n".join(lines) + "\n")
    doc["record"] = {"dataset": str(folder), "indicators": {"attacks": "attacks_on_foreign_forces"},
                     "target_kinds": {"convoy": "convoys", "base": "bases", "ship": "ships"}}
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return flashpoint.load_scenario(path)


def with_patterns(tmp_path, *patterns):
    """:func:`scenario` with a record of one convoy count and ``patterns`` (id, the part of attacks_on_foreign_forces
    after its name, "low" or "high", bound) over July-September 2020, written to p.yaml: its path."""
    doc = scenario(tmp_path, [("2020-07-01", "2020-09-30", "convoy", 0)]).model_dump(mode="json", exclude_defaults=True)
    doc["record"]["patterns"] = [{"id": name, "indicator": "attacks_on_foreign_forces" + part,
                                  "window": ["2020-07-01", "2020-09-30"], side: bound, "source": "test"}
                                 for name, part, side, bound in patterns]
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return path


def test_a_count_on_a_force_that_has_left_is_marked_by_absence(tmp_path):
    sc = scenario(tmp_path, [("2020-07-01", "2020-09-30", "convoy", 0), ("2020-07-01", "2020-09-30", "convoy", 5),
                             ("2020-05-01", "2020-07-31", "convoy", 0), ("2020-07-01", "2020-09-30", "ship", 0),
                             ("2020-07-01", "2020-09-30", "base", 0)])
    left = flashpoint.simulate(sc, policy="usa-leaves", runs=20, seed=1).fit()
    held, missed, partly, ships, bases = left
    assert held.q95 == 0 and held.inside and held.by_absence and held.absent == ("usa",)
    assert held.by_schedule                          # counted among the schedule's, as run, the chart and the web do
    row = held.to_dict()
    assert row["by_absence"] and row["by_schedule"] and row["absent"] == ["usa"]
    assert missed.by_absence and not missed.inside   # missed by construction too
    assert not partly.by_absence                     # the US is there for May
    assert not ships.by_absence and not ships.to_dict()["by_absence"]    # held by no party: always there
    assert not bases.by_absence                      # the coalition's troops stay there
    stay = flashpoint.simulate(sc, policy="historical", runs=20, seed=1).fit()
    assert not any(c.by_absence or c.absent for c in stay)     # no withdrawal: the force is there


def test_only_parts_all_of_whose_forces_are_gone_are_made_by_absence(tmp_path):
    sc = scenario(tmp_path, [("2020-07-01", "2020-09-30", "ship", 3)])
    ens = flashpoint.simulate(sc, policy="usa-leaves", runs=10, seed=2)
    after = pd.Timestamp("2020-07-01"), pd.Timestamp("2020-08-31")
    assert records.absent_forces(ens, sc, "attacks_on_foreign_forces.convoys", *after) == ("usa",)
    assert records.absent_forces(ens, sc, "foreign_killed.convoys", *after) == ("usa",)
    assert records.absent_forces(ens, sc, "attacks_on_foreign_forces.convoys+attacks_on_foreign_forces.bases",
                                 *after) == ()
    assert records.absent_forces(ens, sc, "attacks_on_foreign_forces", *after) == ()
    assert records.absent_forces(ens, sc, "foreign_strikes", *after) == ()


def test_a_pattern_on_a_force_that_has_left_says_so(tmp_path):
    """A held-out case's 'quiet after the settlement' pattern, attacks on a force that had left, held in 100 % of
    runs with no word that every run gives 0 there, where a count would be marked by absence."""
    sc = flashpoint.load_scenario(with_patterns(tmp_path, ("quiet_convoys", ".convoys", "high", 0),
                                                ("busy_bases", ".bases", "low", 1)))
    convoys, bases = flashpoint.simulate(sc, policy="usa-leaves", runs=20, seed=1).patterns()["each"]
    assert convoys["share"] == 1.0 and convoys["absent"] == ["usa"]
    assert bases["absent"] == []                       # the coalition stays


def test_a_count_of_a_withdrawn_force_is_labelled_withdrawn_not_schedule(tmp_path, capsys, monkeypatch):
    """A held-out journalist's 0 attacks on a mission after its withdrawal read "[schedule]: made by the schedule's
    own entries" on the chart, "yes (schedule)" in run's table and "(by the schedule)" on the page."""
    from flashpoint.cli import main
    from flashpoint.report.fitchart import fit_figure
    from flashpoint.web.models import FitRow

    sc = scenario(tmp_path, [("2020-07-01", "2020-09-30", "convoy", 0), ("2020-05-01", "2020-07-31", "convoy", 0)])
    held, partly = flashpoint.simulate(sc, policy="usa-leaves", runs=20, seed=1).fit()
    axes = fit_figure([held, partly], "t").axes[0]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    # "absent", not "withdrawn": a held-out journalist's force that never came under a policy read "withdrawn"
    assert "(1 of an absent force)" in axes.get_title(loc="left") and "made by" not in axes.get_title(loc="left")
    assert labels[1].endswith("[absent]") and "[schedule]" not in labels[1]
    assert "[schedule]" not in labels[0] and "[absent]" not in labels[0]
    assert FitRow(**held.to_dict()).by_absence and not FitRow(**partly.to_dict()).by_absence
    monkeypatch.setenv("COLUMNS", "300")
    assert main(["run", "--scenario", str(tmp_path / "s.yaml"), "--policy", "usa-leaves", "--runs", "20",
                 "--seed", "1"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if "2020-07-01..2020-09-30" in line)
    assert "yes (absent)" in row and "(schedule)" not in row


def test_the_page_says_a_count_of_a_withdrawn_force_is_one(tmp_path):
    """A verifier found the page's fit rows without by_absence ("(by the schedule)" where run said "withdrawn")."""
    import shutil

    from fastapi.testclient import TestClient

    from flashpoint.web.app import create_app
    from tests.web.conftest import LIMITS, result_of

    scenario(tmp_path, [("2020-07-01", "2020-09-30", "convoy", 0), ("2020-05-01", "2020-07-31", "convoy", 0)])
    data = tmp_path / "data"
    (data / "scenarios").mkdir(parents=True)
    shutil.copy(tmp_path / "s.yaml", data / "scenarios" / "absence.yaml")
    with TestClient(create_app(data, limits=LIMITS)) as c:
        result = result_of(c, c.post("/api/run", json={"scenario": "absence", "policy": "usa-leaves", "runs": 20,
                                                          "seed": 1}))
    rows = {(r["start"], r["by_absence"], r["by_schedule"]) for r in result["fit"]}
    assert ("2020-07-01", True, True) in rows and ("2020-05-01", False, False) in rows


def test_runs_pattern_table_names_the_targets_no_party_holds(tmp_path, capsys, monkeypatch):
    """A held-out case's 'truce kept' pattern on attacks_on_foreign_forces held in 0 % of runs because the total
    counted attacks on civilians too; the totals table said "(with ..., held by no foreign party)", the pattern
    table did not."""
    from flashpoint.cli import main

    path = with_patterns(tmp_path, ("quiet", "", "high", 5), ("quiet_bases", ".bases", "high", 5))
    monkeypatch.setenv("COLUMNS", "300")
    assert main(["run", "--scenario", str(path), "--runs", "10", "--seed", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    whole = next(line for line in lines if line.lstrip("│ ").startswith("quiet "))
    bases = next(line for line in lines if line.lstrip("│ ").startswith("quiet_bases"))
    assert "(with ships, held by no foreign party)" in whole
    assert "held by no foreign party" not in bases
