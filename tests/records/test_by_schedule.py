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
