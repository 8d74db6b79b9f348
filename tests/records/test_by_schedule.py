"""A count the schedule itself sets is marked so: its band holds it by construction."""
import pandas as pd

import flashpoint
from flashpoint import records


def test_the_host_dead_a_scheduled_strike_records_are_the_schedules():
    """A held-out case's strike entry carried host_killed 154; the record's count "149-250" sat in the band
    154-156, judged inside and not marked as set by the schedule."""
    ens = flashpoint.simulate("iraq-2020", runs=50, seed=0)
    start, end = pd.Timestamp("2020-03-12"), pd.Timestamp("2020-03-12")
    share = ens.happened_share()["us_strikes_2020_03_12"]
    assert records.scheduled_part(ens, "host_killed_by_foreign_strikes", start, end) == share * 6
    assert records.scheduled_part(ens, "foreign_strikes_by_party.usa", start, end) == share * 5
    assert records.scheduled_part(ens, "foreign_strikes_by_party.coalition", start, end) == 0
    check = lambda count, low, high, scheduled: records.Check(  # noqa: E731
        "host_killed_by_foreign_strikes", start, end, count, "~", low, high, 6, 6, 6, "A", scheduled)
    assert check("5-20", 5.0, 20.0, 6.0).by_schedule          # a range: the schedule reaches its lower end
    assert not check("5-20", 5.0, 20.0, 2.0).by_schedule


def test_a_miss_is_the_schedules_only_when_its_entries_alone_exceed_the_count():
    """A held-out case writer's count of 1 attack, its one scheduled attack, against runs of 4-13: the runs' own
    attacks missed it, and it was marked 'held or missed by construction'."""
    start = end = pd.Timestamp("2024-12-01")

    def check(count, low, high, q05, q95, scheduled):
        return records.Check("attacks_on_foreign_forces", start, end, count, "=", low, high, q05, q05, q95, "B",
                             scheduled)
    assert not check("1", 1.0, 1.0, 4, 13, 1.0).by_schedule        # the model's own attacks miss it
    assert check("1", 1.0, 1.0, 3, 9, 3.0).by_schedule             # the scheduled three alone exceed it
    assert check("1", 1.0, 1.0, 1, 1, 1.0).by_schedule             # held: the schedule makes it
    # missed with nothing but the schedule's value in the runs (a held-out case's 26,000 dead, scheduled 10,000)
    assert check("26000", 26000.0, 26000.0, 10000, 10000, 10000.0).by_schedule
    assert not check("26000", 26000.0, 26000.0, 10000, 10400, 10000.0).by_schedule   # the model adds: its miss
    # a band of 0 with nothing scheduled is the runs' chance, not the schedule's (a held-out student's ">=2" in ten
    # days: runs 0-0 at one seed, 0-1 at the next, was "missed by construction")
    assert not check(">=2", 2.0, float("nan"), 0, 0, 0.0).by_schedule
    rows = [check("1", 1.0, 1.0, 1, 1, 1.0).to_dict(), check("1", 1.0, 1.0, 3, 9, 3.0).to_dict(),
            check("1", 1.0, 1.0, 4, 13, 1.0).to_dict()]
    assert records.construction_note(rows) == (" (2 of them decided by the schedule's own entries, its recorded "
                                               "attacks or a force it leaves absent: 1 held and 1 missed by "
                                               "construction)")
    assert records.construction_note(rows[2:]) == ""


def test_the_charts_and_the_web_mark_the_counts_the_schedule_decides():
    """The fan charts' and the web page's fit rows had no by_schedule (run's table had): they mark the counts
    records.decided names, the same ones."""
    import numpy as np

    from flashpoint.report.charts import record_fit

    ens = flashpoint.simulate("iraq-2020", runs=30, seed=2)
    fit = ens.fit()
    assert set(records.decided(fit)) == {(c.indicator, str(c.start.date()), str(c.end.date()), c.count)
                                         for c in fit if c.by_schedule}
    frame = pd.DataFrame([{"indicator": "attacks_on_foreign_forces", "start": pd.Timestamp(a), "end": pd.Timestamp(b),
                           "count": c, "low": float(c), "high": float(c), "hedge": "="}
                          for a, b, c in (("2020-01-01", "2020-01-31", "3"), ("2020-02-01", "2020-02-29", "4"))])
    decided = {("attacks_on_foreign_forces", "2020-02-01", "2020-02-29", "4"): False}
    rows = record_fit(frame, lambda a, b: np.full(10, 4.0), "attacks_on_foreign_forces", decided)
    assert [r["by_schedule"] for r in rows] == [False, True] and not any(r["by_absence"] for r in rows)
    # a count of a force the schedule has withdrawn is said so on the page too (a verifier: "(by the schedule)")
    rows = record_fit(frame, lambda a, b: np.zeros(10), "attacks_on_foreign_forces", {**decided, **{
        ("attacks_on_foreign_forces", "2020-01-01", "2020-01-31", "3"): True}})
    assert [r["by_absence"] for r in rows] == [True, False] and all(r["by_schedule"] for r in rows)


def test_a_fit_row_gives_the_counts_ends():
    """A held-out case writer's '694-1158' came out of the fit JSON as hedge '~' and its middle, 926, alone."""
    start = end = pd.Timestamp("2024-10-01")
    row = records.Check("attacks_on_foreign_forces", start, end, "694-1158", "~", 694.0, 1158.0, 300, 320, 350,
                        "B").to_dict()
    assert (row["low"], row["high"], row["observed"]) == (694.0, 1158.0, 926.0)
    floor = records.Check("attacks_on_foreign_forces", start, end, ">=9", ">=", 9.0, float("nan"), 3, 5, 8,
                          "B").to_dict()
    assert (floor["low"], floor["high"]) == (9.0, None)
