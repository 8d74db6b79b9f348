"""``flashpoint run``: JSON on stdout, files with --out, clear errors with exit status 2."""
import json

import pytest

from flashpoint.cli import main


def test_json_summary_shape(capsys):
    assert main(["run", "--runs", "20", "--seed", "4", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {k: out[k] for k in ("scenario", "policy", "runs", "seed", "start", "end")} == {
        "scenario": "iraq-2020", "policy": "historical", "runs": 20, "seed": 4,
        "start": "2019-10-01", "end": "2021-12-31"}
    for name in ("attacks_on_foreign_forces", "foreign_killed", "foreign_wounded", "foreign_strikes",
                 "host_killed_by_foreign_strikes", "patron_control", "host_consent", "coalition_presence",
                 "spoiler_activity", "escalation_level"):
        ind = out["indicators"][name]
        assert set(ind) == {"months", "mean", "q05", "q50", "q95", "partial"}
        assert len(ind["months"]) == len(ind["q95"]) == 27 and ind["months"][0] == "2019-10"
        assert ind["partial"] == []                            # whole months, 2019-10-01 to 2021-12-31


def test_table_and_out_folder(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", "--runs", "20", "--out", str(out), "--events", "--set", "reprisal.enabled=false",
                 "--policy", "restraint"]) == 0
    printed = capsys.readouterr().out
    assert "attacks_on_foreign_forces" in printed and "restraint" in printed
    assert (out / "attacks_fan_chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["overrides"] == {"reprisal.enabled": "false"} or summary["overrides"]["reprisal.enabled"] in ("false", False)
    assert "attacks_on_foreign_forces.indirect_fire" in summary["indicators"]
    assert (out / "events.csv").read_text().startswith("event_id,date,date_precision,source_actor")


def test_errors_exit_2_without_traceback(capsys):
    assert main(["run", "--runs", "5", "--set", "exposure"]) == 2
    assert main(["run", "--runs", "5", "--policy", "appeasement"]) == 2
    assert main(["run", "--runs", "5", "--format", "xml"]) == 2
    assert main(["run", "--runs", "0"]) == 2
    err = capsys.readouterr().err
    assert "--set expects NAME=VALUE" in err and "unknown policy 'appeasement'" in err and "Traceback" not in err
    # a folder the file system will not make (root passes the permission check under /proc): refused before any run
    assert main(["run", "--runs", "5", "--out", "/proc/flashpoint-out"]) == 2
    assert "--out /proc/flashpoint-out" in capsys.readouterr().err


def test_indicators_of_switched_off_mechanisms_are_marked(capsys):
    # red-sea-2023 switches off host consent (no host government) in the file; iraq-2020 by --set
    assert main(["run", "--scenario", "red-sea-2023", "--runs", "5", "--format", "json"]) == 0
    off = json.loads(capsys.readouterr().out)["switched_off"]
    assert off["host_consent"] == "M5 consent" and off["spoiler_activity"] == "M7 spoiler"
    assert "attacks_on_foreign_forces" not in off
    assert main(["run", "--runs", "5", "--set", "spoiler.enabled=false", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["switched_off"] == {"spoiler_activity": "M7 spoiler"}
    assert main(["run", "--runs", "5", "--set", "spoiler.enabled=false"]) == 0
    assert "M7 spoiler switched off: constant" in capsys.readouterr().out
    # a state nothing moves, its mechanism on, is marked too (a held-out case's patron_control at 0.5 in every run):
    # red-sea-2023's foreign force, which no entry draws down
    assert main(["run", "--scenario", "red-sea-2023", "--runs", "5", "--format", "json"]) == 0
    units = json.loads(capsys.readouterr().out)["totals"]
    assert units["coalition_presence"]["unit"].endswith("the same in every run and day: nothing in these runs moves it")
    assert "the same in every run" not in units["patron_control"]["unit"]
    assert "the same in every run" not in units["host_consent"]["unit"]       # said as switched off, once
    assert main(["run", "--scenario", "red-sea-2023", "--runs", "5", "--format", "json", "--summary-only"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["coalition_presence"]["unit"] == units["coalition_presence"]["unit"]


def test_breakdowns_that_are_only_the_patrons_direct_strikes_are_marked_with_m8_off(tmp_path, capsys):
    """With M8 off the patron's own attacks (and their dead) and the missile mode no faction has are zero in every
    run: summary.json listed them beside the factions' as if that were a finding."""
    import flashpoint

    assert main(["run", "--runs", "5", "--set", "escalation.enabled=false", "--out", str(tmp_path / "o")]) == 0
    off = json.loads((tmp_path / "o" / "summary.json").read_text())["switched_off"]
    assert {k for k, v in off.items() if v == "M8 escalation"} == {"escalation_level", "open_war"}
    # the patron's and the missile mode's breakdowns, zero in every run, are not listed at all (three held-out cases
    # found them offered in the page's menu and in lists of breakdowns); named, they still say whose they are
    ens = flashpoint.simulate("iraq-2020", runs=2, overrides={"escalation.enabled": False})
    assert "missile" not in ens.breakdowns("attacks_on_foreign_forces") and "iran" not in ens.breakdowns("foreign_killed")
    assert ens.switched_off("attacks_on_foreign_forces.missile") == "M8 escalation"
    assert not ens.total("attacks_on_foreign_forces.iran").any()
    assert "missile" in flashpoint.simulate("iraq-2020", runs=2).breakdowns("attacks_on_foreign_forces")   # M8 on
    # where a faction has missiles (red-sea-2023's Houthis) the mode is theirs too, and M8's switch leaves it on
    rs = flashpoint.simulate("red-sea-2023", runs=3, seed=0)
    assert rs.switched_off("escalation_level") == "M8 escalation"
    assert rs.switched_off("attacks_on_foreign_forces.missile") is None
    # and the xarray export says it of each variable (it carried the resting values unmarked)
    ds = rs.to_xarray()
    assert ds["escalation_level"].attrs["switched_off"].startswith("M8 escalation")
    assert "switched_off" not in ds["attacks_on_foreign_forces"].attrs


def test_a_large_events_file_is_announced_with_its_size(tmp_path, capsys, monkeypatch):
    import flashpoint.commands.run as run_command

    monkeypatch.setattr(run_command, "EVENTS_NOTE_ROWS", 100)
    assert main(["run", "--runs", "3", "--out", str(tmp_path / "o"), "--events", "--format", "json"]) == 0
    err = capsys.readouterr().err
    size = (tmp_path / "o" / "events.csv").stat().st_size
    assert "simulated events to events.csv, about" in err and f"about {size / 1e9:.1f} GB" in err, err


def test_an_event_log_too_big_to_hold_is_refused_before_anything_is_written(tmp_path, monkeypatch, capsys):
    """A held-out case (ten years, thousands of attacks a year) ran out of memory building 1,000 runs' events."""
    import flashpoint.engine.events as engine_events
    from flashpoint.cli import main

    monkeypatch.setattr(engine_events, "MAX_EVENTS", 500)
    out = tmp_path / "out"
    assert main(["run", "--runs", "20", "--events", "--out", str(out)]) == 2
    assert "the event log would hold about" in capsys.readouterr().err and not out.exists()
    # and before the rest of the runs, from the first ones (two held-out testers waited 32 and 45 s for it)
    import flashpoint.commands.run as run_command

    def not_now(*args, **kwargs):
        raise AssertionError("the whole ensemble was simulated before the refusal")

    monkeypatch.setattr(run_command, "EVENTS_PILOT", 5)
    monkeypatch.setattr(run_command, "progress_simulate", not_now)
    assert main(["run", "--runs", "400", "--events", "--out", str(out)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "the event log would hold about" in err and "per run in the first 5), more than the 500" in err, err


def test_run_names_the_record_counts_its_table_leaves_out(capsys):
    """A held-out user's counts.csv row with an unmapped target kind vanished from run's table and JSON, with
    only `validate` saying so."""
    import flashpoint
    from flashpoint.records import left_out_counts

    lines = [line for line, _ in left_out_counts(flashpoint.load_scenario("iraq-2020"))]
    assert main(["run", "--runs", "20", "--format", "json"]) == 0
    assert [x["line"] for x in json.loads(capsys.readouterr().out)["left_out"]] == lines and lines
    assert main(["run", "--runs", "20"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"{len(lines)} of the record's counts are not in this table (counts.csv lines {lines[0]}, " in out


def test_a_counterfactual_runs_record_is_not_headlined_as_a_fit(capsys):
    """A held-out case's `run --policy no-knights` printed "1 of 5 sourced counts inside" with no word that these
    runs are not what happened."""
    assert main(["run", "--policy", "restraint", "--runs", "5", "--format", "json"]) == 0
    note = json.loads(capsys.readouterr().out)["record_note"]
    assert note.startswith("these runs are under policy 'restraint', not 'historical'") and "not a test" in note
    assert main(["run", "--runs", "5", "--format", "json"]) == 0
    assert "record_note" not in json.loads(capsys.readouterr().out)
    assert main(["run", "--policy", "restraint", "--runs", "5"]) == 0
    assert "note: these runs are under policy 'restraint'" in " ".join(capsys.readouterr().out.split())


def test_the_json_on_stdout_is_summary_json(tmp_path, capsys):
    """A held-out designer's `run --format json` lacked the per-party and per-mode breakdowns summary.json has."""
    for extra in ([], ["--summary-only"]):
        out = tmp_path / f"o{len(extra)}"
        assert main(["run", "--runs", "6", "--seed", "2", "--format", "json", "--out", str(out), *extra]) == 0
        printed = json.loads(capsys.readouterr().out)
        assert printed == json.loads((out / "summary.json").read_text())
        assert "attacks_on_foreign_forces.indirect_fire" in printed["indicators"]
    assert main(["run", "--runs", "6", "--seed", "2", "--format", "json", "--summary-only"]) == 0
    assert "attacks_on_foreign_forces.indirect_fire" in json.loads(capsys.readouterr().out)["indicators"]


def test_summary_only_and_full_json_list_the_same_indicators(capsys):
    """A held-out tester's red-sea-2023 JSON had the record's ten breakdowns of breakdowns (israel.drone, ...)
    under --summary-only and not under --full: the shape changed with the run count."""
    keys = []
    for mode in ("--summary-only", "--full"):
        assert main(["run", "--scenario", "red-sea-2023", "--runs", "6", "--seed", "2", "--format", "json", mode]) == 0
        out = json.loads(capsys.readouterr().out)
        keys.append((set(out["indicators"]), out["indicators"]["attacks_on_foreign_forces.israel.drone"], set(out),
                     out["summary_only"]))
    assert keys[0][0] == keys[1][0] and "attacks_on_foreign_forces.israel.drone" in keys[1][0]
    assert keys[0][2] == keys[1][2] and [k[3] for k in keys] == [True, False]      # and the same top-level keys
    assert keys[0][1]["q50"] == keys[1][1]["q50"]
    # its first month is simulated from the 19th: marked, both ways (a held-out analyst's were unmarked in the JSON)
    assert keys[0][1]["partial"] == keys[1][1]["partial"] == [{"month": "2023-10", "days": 13, "of": 31}]


def test_python_dash_m_runs_the_same_command_line():
    """``python -m flashpoint`` (a held-out tester's first try) is the command line, exit status and all."""
    import subprocess
    import sys

    ok = subprocess.run([sys.executable, "-m", "flashpoint", "scenario", "list"], capture_output=True, text=True)
    assert ok.returncode == 0 and "iraq-2020" in ok.stdout, ok.stderr
    bad = subprocess.run([sys.executable, "-m", "flashpoint", "run", "--runs", "0"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--runs" in bad.stderr and "Traceback" not in bad.stderr


def test_so_few_runs_that_the_band_is_their_extremes_are_said(capsys):
    assert main(["run", "--runs", "2", "--format", "json"]) == 0
    assert "2 runs: the 5% and 95% quantiles" in capsys.readouterr().err
    assert main(["run", "--runs", "20", "--format", "json"]) == 0
    assert "quantiles" not in capsys.readouterr().err


def test_run_says_when_the_escalation_ladder_passes_its_top_rung(capsys):
    """A held-out forecaster's scheduled air campaign took the 0-4 ladder to about 100, open war in 99 % of the runs,
    unsaid; the built-in's runs stay under the top rung and get no note."""
    assert main(["run", "--runs", "30", "--seed", "1", "--set", "escalation.per_strike=0.2", "--set",
                 "escalation.decay_days=120", "--set", "escalation.per_foreign_killed=1", "--set",
                 "escalation.per_decapitation=3"]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "note: the escalation ladder's level passes its top rung (4, open war) in 100% of the runs" in err
    assert main(["run", "--runs", "30", "--seed", "1"]) == 0
    assert "top rung" not in capsys.readouterr().err


def test_a_host_consent_that_falls_below_half_its_start_is_said(capsys):
    """A held-out journalist read a host that invited the force's fire 'turning against it' (0.85 to 0.09): M5 wears
    consent down with every strike on the host's soil, asked for or not, and run now says so."""
    args = ["run", "--runs", "30", "--seed", "0"]
    assert main([*args, "--set", "consent.initial=0.8", "--set", "consent.baseline=0.3"]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "note: host_consent ends at 0.39 on average, from 0.80: M5 wears the host's consent down" in err
    assert main(args) == 0                                   # the built-in's consent dips and recovers: no note
    assert "host_consent ends" not in capsys.readouterr().err


def test_the_consent_notes_start_is_the_one_written_not_the_first_days_end():
    """A held-out designer's consent.initial 0.8 read "from 0.70": her offensive's ten strikes on the first day had
    taken it down before the first day's value was kept."""
    import types

    import numpy as np

    from flashpoint.summary import consent_note

    daily = np.array([[0.7, 0.5, 0.2], [0.7, 0.4, 0.1]])
    ens = types.SimpleNamespace(indicators=lambda: ["host_consent"], switched_off=lambda name: None,
                                daily=lambda name: daily, overrides={"consent.initial": 0.8}, spec=None)
    assert consent_note(ens).startswith("host_consent ends at 0.15 on average, from 0.80 (0.70 after the first day):")
    ens.overrides = {}                                   # no spec and no override: the first day's value
    assert consent_note(ens).startswith("host_consent ends at 0.15 on average, from 0.70:")
    # a policy's own setting (a verifier's 0.78 read "from 0.55", the file's), unless an override replaces it
    import flashpoint

    spec = flashpoint.load_scenario("iraq-2020").model_copy(deep=True)          # (not the cached one)
    spec.policies["historical"].set["consent.initial"] = 0.78
    ens.spec, ens.policy = spec, "historical"
    assert consent_note(ens).startswith("host_consent ends at 0.15 on average, from 0.78 (0.70 after the first day):")
    ens.overrides = {"consent.initial": 0.8}
    assert consent_note(ens).startswith("host_consent ends at 0.15 on average, from 0.80 (0.70 after the first day):")
    # and how to write a host that asked for the strikes (a held-out historian's UN force read as unwelcome)
    assert consent_note(ens).endswith("or, where the host asked for them, write consent.strike_cost and "
                                      "consent.casualty_cost at 0 (each with a range from 0), so that the strikes and "
                                      "their dead cost it no consent")
    free = {"consent.strike_cost": 0.0, "consent.casualty_cost": 0.0, "consent.decapitation_cost": 0.0}
    low = [flashpoint.simulate("iraq-2020", runs=20, seed=3, overrides=o).daily("host_consent").mean(axis=0).min()
           for o in ({}, free)]
    assert low[0] < 0.2 and low[1] > 0.35              # (iraq-2020: its vote and demand still cost consent)


def test_an_ally_that_m6_takes_away_before_its_dated_exit_is_said(capsys):
    """A held-out designer's Korean and Australian forces were gone years before their dated exits in every run (M6,
    coalition cohesion), unsaid: run (and the page) now say how much of an ally is left on the last day the schedule
    keeps it there."""
    args = ["run", "--runs", "30", "--seed", "0"]
    assert main([*args, "--set", "coalition.base_hazard=0.01", "--set", "coalition.attack_sensitivity=0.1",
                 "--set", "coalition.step=0.3"]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "note: coalition keeps 0.0" in err and ("on 2021-12-31, the last day the schedule keeps it there (0.76): in "
                                                   "100% of the runs M6 (coalition cohesion) has taken more than half "
                                                   "away") in err
    assert main(args) == 0                                    # the built-in's allies stay as the schedule has them
    assert "M6 (coalition cohesion) has taken" not in capsys.readouterr().err


def test_each_foreign_partys_strikes_are_a_row_named_as_compare_names_them(capsys):
    # a held-out user's run printed one foreign_strikes_by_party row, equal to foreign_strikes, where compare
    # printed foreign_strikes_by_party.usa: the same runs, two names
    assert main(["run", "--scenario", "red-sea-2023", "--runs", "5", "--format", "json"]) == 0
    totals = json.loads(capsys.readouterr().out)["totals"]
    parties = [k for k in totals if k.startswith("foreign_strikes_by_party")]
    assert parties == [f"foreign_strikes_by_party.{p}" for p in ("usa", "israel", "uk", "eu")]
    assert sum(totals[k]["mean"] for k in parties) == pytest.approx(totals["foreign_strikes"]["mean"])


def test_a_band_that_misses_its_count_is_not_printed_as_holding_it():
    # a held-out designer's troops band 9,999.6 (0.0833 of 12,000 present, and 9,000 deployed) missed ">=10000"
    # and read "10,000-10,000  NO (fixed)"
    from flashpoint.console import band_text

    assert band_text(9999.6, 9999.6, False, 10000.0, None) == "9,999.6-9,999.6"
    assert band_text(237.0, 304.0, False, 320.0, 320.0) == "237-304"
    assert band_text(9999.6, 10000.4, True, 10000.0, None) == "10,000-10,000"


def test_a_partys_troops_set_beside_moves_given_in_troops_is_said_to_change_its_share(capsys, tmp_path):
    """A held-out student's 100,000 troops (the Sri Lankan estimate) gave fewer attacks than 70,000, unsaid: his
    deployments were given in troops, so a larger strength was a smaller share there."""
    assert main(["run", "--scenario", "iraq-2020", "--runs", "2", "--set", "usa.troops=6000"]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert ("note: --set usa.troops=6000: us_drawdown_2020_09, us_drawdown_2021_01 move usa's forces by a number of "
            "troops, which stays, so the share of its force each brings or takes is that number over the strength "
            "set") in err
    assert main(["run", "--scenario", "iraq-2020", "--runs", "2", "--set", "usa.troops=5200"]) == 0
    assert "usa.troops" not in capsys.readouterr().err                # the file's own strength (a verifier's)
    assert main(["run", "--scenario", "iraq-2020", "--runs", "2", "--set", "coalition.troops=3000"]) == 0
    assert "--set coalition.troops" in capsys.readouterr().err                   # its drawdowns are in troops too
    assert main(["run", "--scenario", "iraq-2020", "--runs", "2", "--set", "usa.troops=6000",
                 "--set", "attacks.exposure=0"]) == 0
    assert "usa.troops=" not in capsys.readouterr().err                  # with exposure 0 the share weighs nothing
    import yaml                                                           # a policy's own strength too (a verifier's)

    from flashpoint.scenario.loader import resolve

    d = yaml.safe_load(resolve("iraq-2020")[1])
    d["policies"]["restraint"]["set"]["usa.troops"] = 6000
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(d, sort_keys=False))
    assert main(["run", "--scenario", str(tmp_path / "s.yaml"), "--runs", "2", "--policy", "restraint"]) == 0
    assert "note: policy restraint usa.troops=6000: us_drawdown_2020_09" in " ".join(capsys.readouterr().err.split())
