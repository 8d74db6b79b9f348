"""A bound the whole band passes far beyond is held by its hedge alone, and the fit's headline says so."""
import pandas as pd

from flashpoint import records


def check(count, hedge, low, high, q05, q95):
    day = pd.Timestamp("2024-01-10")
    return records.Check("attacks_on_foreign_forces", day, day, count, hedge, low, high, q05, q05, q95, "B")


def test_a_bound_far_behind_the_band_is_held_by_its_hedge_alone():
    """A held-out journalist's runaway runs of 318-540 attacks "held" the press's "more than 110" (about 110),
    and the headline counted it inside with the rest."""
    far, near = check(">=110", ">=", 110.0, float("nan"), 318, 540), check(">=110", ">=", 110.0, float("nan"), 150, 400)
    assert far.inside and far.past_bound and near.inside and not near.past_bound
    assert check("<=100", "<=", float("nan"), 100.0, 5, 40).past_bound            # an upper bound, the same way
    assert not check("<=4", "<=", float("nan"), 4.0, 0, 0).past_bound             # a small count: within the 10
    assert not check("110", "=", 110.0, 110.0, 318, 540).past_bound               # a count missed is no bound
    rows = [far.to_dict(), near.to_dict()]
    assert list(rows[0])[-2:] == ["past_bound", "what"]                          # the keys added last
    assert records.bound_note(rows) == ("; 1 of them a bound (at least, at most) the whole band passes by more "
                                        "than twice: held by the hedge alone, not matched")
    assert records.bound_note(rows[1:]) == ""


def test_run_marks_such_a_count_in_its_table(monkeypatch, capsys):
    """red-sea-2023's record counts ">=20" drone attacks on Israel where its runs give 130-175."""
    from flashpoint.cli import main

    monkeypatch.setenv("COLUMNS", "300")
    assert main(["run", "--scenario", "red-sea-2023", "--runs", "100", "--seed", "0"]) == 0
    out = capsys.readouterr().out
    assert "1 of them a bound (at least, at most) the whole band passes by more than twice" in " ".join(out.split())
    line = next(x for x in out.splitlines() if "israel.drone" in x and ">=20" in x)
    assert line.rstrip(" │").endswith("yes (bound)"), line


def test_the_fan_charts_the_fit_chart_and_the_page_mark_it_too():
    """A verifier found the mark in run's table only: the fan charts' fit rows (which the page draws) had no
    past_bound, and neither the caption nor record_fit.png counted it apart."""
    import flashpoint
    from flashpoint.report.charts import caption
    from flashpoint.report.fanchart import ensemble_spec
    from flashpoint.report.fitchart import fit_figure

    ens = flashpoint.simulate("red-sea-2023", runs=100, seed=0)
    name = "attacks_on_foreign_forces.israel.drone"
    spec = ensemble_spec(ens, name)
    (row,) = [f for f in spec["series"][0]["fit"] if f["count"] == ">=20"]
    assert row["past_bound"] and not any(f["past_bound"] for f in spec["series"][0]["fit"] if f is not row)
    assert "1 of them a bound (at least, at most) the whole band passes by more than twice" in caption(spec)
    fig = fit_figure(ens.fit(), "red-sea-2023")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert sum(label.endswith("[bound]") for label in labels) == 1
    assert "1 of them a bound" in " ".join(fig.axes[0].get_title(loc="left").split())
