"""``flashpoint run --out`` charts the indicators the scenario's record counts, not only the attacks."""
from importlib import resources

import pytest

import flashpoint
from flashpoint.report.fanchart import RECORD_CHARTS, ensemble_spec, run_charts

pytest.importorskip("matplotlib")


def scenario_counting_killed(tmp_path):
    """iraq-2020 with a record that also counts foreign personnel killed (mapped to foreign_killed)."""
    source = resources.files("flashpoint.data.records").joinpath("iraq-2019-2021")
    folder = tmp_path / "rec"
    folder.mkdir()
    for name in ("counts.csv", "events.csv", "series.csv", "sources.csv", "actors.csv", "README.md"):
        if source.joinpath(name).is_file():
            (folder / name).write_bytes(source.joinpath(name).read_bytes())
    with open(folder / "counts.csv", "a", encoding="utf-8") as f:
        f.write('2020-03-11,2020-03-13,killed,,,>=2,period,https://example.org/k1,B,"two coalition soldiers killed"\n')
        f.write('2020-01-01,2020-03-31,killed,,,~3,period,https://example.org/k2,C,"about three"\n')
    sc = flashpoint.load_scenario("iraq-2020")
    record = sc.record.model_copy(update={"dataset": str(folder),
                                          "indicators": {**sc.record.indicators, "killed": "foreign_killed"}})
    return sc.model_copy(update={"record": record})


def test_run_out_charts_each_indicator_the_record_counts(tmp_path):
    sc = scenario_counting_killed(tmp_path)
    ens = flashpoint.simulate(sc, policy="historical", runs=20, seed=1)
    out = tmp_path / "out"
    paths = run_charts(ens, out, scenario=sc)
    names = [p.name for p in paths]
    assert names[:2] == ["attacks_fan_chart.png", "indirect_fire_fan_chart.png"]
    assert "foreign_killed_fan_chart.png" in names                   # the record counts it: it gets its chart
    assert names[-1] == "record_fit.png"
    assert len(names) == len(set(names)) <= 2 + RECORD_CHARTS + 1
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in paths)
    spec = ensemble_spec(ens, "foreign_killed", scenario=sc)
    assert [r["count"] for r in spec["record"]] == [">=2", "~3"]     # drawn with the scenario's own record
    assert "no sourced counts" not in spec["caption"]


def test_run_out_for_iraq_adds_the_record_breakdowns_it_counts(tmp_path):
    ens = flashpoint.simulate("iraq-2020", policy="historical", runs=10, seed=1)
    names = [p.name for p in run_charts(ens, tmp_path)]
    assert names == ["attacks_fan_chart.png", "indirect_fire_fan_chart.png",
                     "attacks_on_foreign_forces.ied_convoy_fan_chart.png",
                     "attacks_on_foreign_forces.drone_fan_chart.png", "record_fit.png"]


def test_run_out_with_a_streaming_summary_writes_the_same_charts(tmp_path, capsys):
    from flashpoint.cli import main

    assert main(["run", "--runs", "20", "--summary-only", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".flashpoint-run",
        "attacks_fan_chart.png", "attacks_on_foreign_forces.drone_fan_chart.png",
        "attacks_on_foreign_forces.ied_convoy_fan_chart.png", "indirect_fire_fan_chart.png", "record_fit.png",
        "summary.json"]
    assert "the record (iraq-2019-2021)" in capsys.readouterr().out


def test_a_streaming_summary_charts_every_count_and_states_the_fit_as_the_full_run_does(tmp_path):
    """red-sea-2023 counts a breakdown's breakdown (attacks on Israel by missile): run --summary-only --out
    stopped with "'...eu_navy.drone' was not summarized", and its charts said "Fit: not computed" (held-out)."""
    from flashpoint.backends import summarize
    from flashpoint.backends.summary import record_needs
    from flashpoint.cli import main
    from flashpoint.report.fanchart import ensemble_spec

    assert main(["run", "--scenario", "red-sea-2023", "--runs", "20", "--summary-only", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "record_fit.png").exists()
    sc = flashpoint.load_scenario("red-sea-2023")
    names, windows = record_needs(sc)
    summary = summarize(sc, runs=40, seed=3, breakdowns=True, also=names, windows=[(None, None)] + windows)
    full = flashpoint.simulate(sc, runs=40, seed=3)
    for name in ("attacks_on_foreign_forces.shipping", "attacks_on_foreign_forces.israel.missile"):
        a, b = ensemble_spec(summary, name, scenario=sc), ensemble_spec(full, name, scenario=sc)
        assert a["series"][0]["fit_computed"] and a["caption"] == b["caption"], name


def test_the_fit_chart_draws_every_count_over_its_own_days_and_marks_each_miss():
    """A held-out user's record had zero counts over parts of months (a lull): a fan chart of monthly sums cannot
    draw them, so the model's miss showed only in a caption. Here each count is a row, missed ones marked."""
    from flashpoint.report.fitchart import fit_figure

    ens = flashpoint.simulate("iraq-2020", policy="historical", runs=60, seed=2)
    checks = ens.fit()
    fig = fit_figure(checks, "iraq-2020 / historical", "60 runs, seed 2")
    ax = fig.axes[0]
    gids = [a.get_gid() for a in ax.get_children() if a.get_gid()]
    assert sum(g.startswith("band-") for g in gids) == len(checks) == 43
    missed = sorted(int(g.split("-")[1]) for g in gids if g.endswith("-missed"))
    rows = sorted(checks, key=lambda c: (c.end, c.start))
    assert missed == [i for i, c in enumerate(rows) if not c.inside] and missed
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert all(("MISSED" in label) == (not c.inside) for label, c in zip(labels, rows))
    assert ax.get_xscale() == "symlog" and "attacks over the count's own days" in ax.get_xlabel()
    assert ax.get_title(loc="left").splitlines()[1].startswith(f"{sum(c.inside for c in checks)} of 43 sourced counts")


def test_the_fit_charts_title_counts_a_miss_by_construction_apart_from_those_held():
    """A held-out student's title read "3 of 33 sourced counts (1 made by the schedule) inside" where the one the
    schedule decided was missed."""
    import pandas as pd

    from flashpoint import records
    from flashpoint.report.fitchart import fit_figure

    day = pd.Timestamp("2020-02-01")

    def check(count, q05, q95, scheduled):
        return records.Check("attacks_on_foreign_forces", day, day, count, "=", float(count), float(count), q05, q05,
                             q95, "B", scheduled)
    rows = [check("1", 1, 1, 1.0), check("1", 3, 9, 3.0), check("5", 2, 8, 0.0)]    # held, missed, the model's
    title = fit_figure(rows, "t").axes[0].get_title(loc="left")
    assert " ".join(title.split()).endswith("2 of 3 sourced counts (1 made by the schedule) inside the runs' 5-95% "
                                            "band; 1 missed by construction"), title
    # so a series value the scenario fixes, missed (a verifier's troops.usa of 9,000 was counted as held)
    value = records.Check("coalition_presence.usa", day, day, "9000", "=", 9000.0, 9000.0, 2500, 2500, 2500, "B",
                          2500.0, unit="troops", series="troops.usa")
    title = " ".join(fit_figure(rows + [value], "t").axes[0].get_title(loc="left").split())
    assert "1 of 1 series values" not in title and "(1 fixed by the scenario" not in title
    assert title.endswith("0 of 1 series values inside the runs' 5-95% band; 2 missed by construction"), title


def test_the_fit_charts_labels_are_whole_for_long_sums_of_breakdowns():
    """red-sea-2023's rows for sums of breakdowns were cut off on the left ("…acks.us_navy >=30 (C) MISSED"):
    the missed count could not be told (held-out charts tester)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from flashpoint.report.fitchart import _short, fit_figure

    assert _short("attacks_on_foreign_forces.us_navy+attacks_on_foreign_forces.shipping") == "attacks.us_navy+shipping"
    fig = fit_figure(flashpoint.simulate("red-sea-2023", runs=30, seed=1).fit(), "red-sea-2023 / historical")
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    assert all(t.get_window_extent(renderer).x0 >= 0 for t in fig.axes[0].get_yticklabels())


def test_a_state_charts_caption_names_the_series_its_record_holds():
    """A held-out web tester: coalition_presence's chart said the record had no sourced counts of it, while the
    fit table compared five US troop numbers with the runs. The caption now names the series too."""
    import flashpoint
    from flashpoint.report.fanchart import ensemble_spec

    ens = flashpoint.simulate("iraq-2020", runs=20, seed=1)
    caption = ensemble_spec(ens, "coalition_presence")["caption"]
    assert "no sourced counts of coalition_presence" in caption and "5 value(s) of the record's observed series" in caption
    assert "observed series" not in ensemble_spec(ens, "host_consent")["caption"]
