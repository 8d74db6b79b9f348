"""The chart spec: unit labels from the declarations, bounds drawn as bounds, the fit stated, partial
periods flagged, schedule markers only where the entry happens, one date range per run."""
import datetime as dt
import json
import math

import numpy as np
import pandas as pd
import pytest

import flashpoint
from flashpoint.ensemble import INDICATORS
from flashpoint.report.charts import (
    MONTH_DAYS, caption, fan_spec, policy_markers, record_fit, record_windows, series_entry, spec_table, y_label,
)
from flashpoint.report.observed import COLUMNS, HEDGES, period_counts

SPAN = (dt.date(2020, 1, 1), dt.date(2020, 6, 15))          # ends mid-June: June is partial
MONTHS = pd.date_range("2020-01-01", "2020-06-01", freq="MS")


def quantiles(level: float) -> pd.DataFrame:
    """Monthly quantiles around ``level``: 5% at half, 95% at one and a half times."""
    q = pd.DataFrame({0.05: 0.5 * level, 0.25: 0.8 * level, 0.5: level, 0.75: 1.2 * level, 0.95: 1.5 * level},
                     index=MONTHS)
    q["mean"] = level
    return q


def record(*rows) -> pd.DataFrame:
    """A record of attacks_on_foreign_forces counts: (start, end, count text, low, high, hedge)."""
    return pd.DataFrame([{"indicator": "attacks_on_foreign_forces", "start": pd.Timestamp(a), "end": pd.Timestamp(b),
                          "count": c, "low": lo, "high": hi, "hedge": h, "kind": "period", "source": "test",
                          "reliability": "not graded", "note": ""} for a, b, c, lo, hi, h in rows], columns=COLUMNS)


RECORD = record(
    ("2020-01-01", "2020-01-31", "10", 10.0, 10.0, "="),          # exact
    ("2020-02-01", "2020-02-29", ">=12", 12.0, math.nan, ">="),   # lower bound
    ("2020-03-01", "2020-03-31", "<=500", math.nan, 500.0, "<="),  # upper bound far above everything
    ("2020-04-01", "2020-04-30", "~8", 6.0, 10.0, "~"),           # approximate
    ("2019-12-20", "2020-01-15", ">=3", 3.0, math.nan, ">="),     # begins before the span (15 of 27 days in it): named
    ("2019-01-01", "2019-02-01", "7", 7.0, 7.0, "="),              # wholly outside
)


def constant_totals(per_day: float):
    """Per-run totals over start..end: a spread of runs around ``per_day`` a day."""
    runs = np.linspace(0.5, 1.5, 101)

    def total(start, end):
        days = (pd.Timestamp(end) - pd.Timestamp(start)).days + 1
        return runs * per_day * days
    return total


@pytest.fixture()
def spec():
    entry = series_entry("historical", quantiles(10.0), total=constant_totals(10 / MONTH_DAYS))
    return fan_spec("attacks_on_foreign_forces", [entry], span=SPAN, record=RECORD, title="t")


# -- unit labels -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(INDICATORS))
def test_every_indicator_is_labelled_with_its_declared_unit(name):
    ind = INDICATORS[name]
    label = y_label(name)
    assert ind.unit in label
    if ind.kind == "count":
        assert "per month" in label and "sum" in label
    else:
        assert "per month" not in label and "mean over each month" in label


def test_state_spec_says_mean_not_per_month():
    spec = fan_spec("spoiler_activity", [series_entry("historical", quantiles(0.5))], span=SPAN, record=RECORD)
    assert spec["kind"] == "state" and "expected attacks/day" in spec["y_label"] and "per month" not in spec["y_label"]
    assert spec["partial"] == []                       # a state's mean over half a month is no drop
    assert spec["series"][0]["q50"][-1] == 0.5
    assert "no sourced counts of spoiler_activity" in spec["caption"]


# -- bounds ----------------------------------------------------------------------------------------
def test_record_rows_are_shaped_by_their_hedge(spec):
    shapes = {r["count"]: r["shape"] for r in spec["record"]}
    assert shapes == {"10": "point", ">=12": "lower", "<=500": "upper", "~8": "range"}
    exact = next(r for r in spec["record"] if r["count"] == "10")
    assert exact["y_low"] == 10.0 and exact["drawn"] == "month"   # a whole calendar month: its count, the band's sum
    # drawn over its days, not at a point in a month
    assert (exact["drawn_start"], exact["drawn_end"]) == ("2020-01-01", "2020-01-31")


def test_an_upper_bound_never_stretches_the_axis(spec):
    top = spec["y_range"][1]
    upper = next(r for r in spec["record"] if r["shape"] == "upper")
    assert upper["y_high"] > 20 * top and upper["beyond_axis"]
    assert top == pytest.approx(1.12 * 15.0, rel=1e-3)   # the band's 95% (15 a month) sets it
    lower = next(r for r in spec["record"] if r["count"] == ">=12")
    assert top >= lower["y_low"]                        # a lower bound does count: it is a real minimum


def test_counts_outside_the_span_are_named_not_drawn(spec):
    assert all(r["within"] for r in spec["record"])
    straddling = next(r for r in spec["record_left_off"] if r["count"] == ">=3")
    assert straddling["why"] == "outside" and straddling["drawn"] == "no" and not straddling["within"]
    assert spec["record_outside"] == 1
    assert spec["x_range"] == ["2020-01-01", "2020-06-16"]
    # the caption says which (a held-out analyst's counted one it did not name)
    (named,) = spec["record_outside_counts"]
    assert f"1 sourced count(s) lie wholly outside the period drawn ({named})." in spec["caption"]


def test_a_count_partly_outside_the_chart_is_not_drawn_as_a_rate_of_the_months_shown():
    """A running total from well before a forecast window read as that window's monthly rate; and so did one with
    most of its days shown (held-out cases: a war's total from three years before the period, drawn at 826 a month
    over all of it; an at-most total running past the scenario's end, drawn under a month's own, larger count)."""
    running = record(("2019-09-01", "2020-01-31", ">=100", 100.0, math.nan, ">="),   # 31 of its 153 days shown
                     ("2019-12-20", "2020-02-29", ">=40", 40.0, math.nan, ">="),     # 60 of 72 days shown
                     ("2020-02-01", "2020-06-30", "<=30", math.nan, 30.0, "<="),     # ends after the span
                     ("2020-02-01", "2020-02-29", "10", 10.0, 10.0, "="))            # inside: drawn, judged
    entry = series_entry("historical", quantiles(10.0), total=constant_totals(10 / MONTH_DAYS))
    s = fan_spec("attacks_on_foreign_forces", [entry], span=SPAN, record=running, title="t")
    assert [r["count"] for r in s["record"]] == ["10"]
    assert [(r["count"], r["why"]) for r in s["record_left_off"]] == [
        (">=100", "outside"), (">=40", "outside"), ("<=30", "outside")]
    assert [f["count"] for f in s["series"][0]["fit"]] == ["10"]
    text = s["caption"]
    # the caption counts what the fit judges, and names the others with why
    assert "Record: 1 sourced count of the scenario inside the period drawn." in text
    assert "1 of 1 sourced counts lie inside" in text
    # the chart's own indicator's, named: a held-out teacher compared it with the page's fit of every indicator
    assert "over their own days (attacks_on_foreign_forces's counts only)" in text
    assert "Not drawn: 3 count(s) not wholly inside the period drawn (begun before it or ended after it)" in text
    assert "2019-09-01..2020-01-31 >=100; 2019-12-20..2020-02-29 >=40; 2020-02-01..2020-06-30 <=30." in text
    assert "drawn where they overlap" not in text
    table = spec_table(s)
    assert list(table.loc[table["row"] == "record", "drawn"]) == ["month", "no", "no", "no"]


def test_a_chart_whose_counts_all_straddle_it_says_none_lies_inside():
    running = record(("2019-12-20", "2020-02-29", ">=40", 40.0, math.nan, ">="))
    entry = series_entry("historical", quantiles(10.0), total=constant_totals(10 / MONTH_DAYS))
    text = fan_spec("attacks_on_foreign_forces", [entry], span=SPAN, record=running, title="t")["caption"]
    assert "The scenario's record has no sourced counts of attacks_on_foreign_forces wholly inside the period " \
        "drawn." in text
    assert "Record: " not in text and "Not drawn: 1 count(s) not wholly inside" in text
    assert "2019-12-20..2020-02-29 >=40" in text


def test_a_forecast_windows_chart_holds_the_record_to_its_window():
    """A chart of a window of a longer simulation (a forecast's) draws and judges only the counts inside the window,
    and names one crossing its first day, though the runs simulated all of that count's days."""
    window = (dt.date(2020, 3, 1), dt.date(2020, 5, 31))
    q = quantiles(10.0)
    q = q[(q.index >= "2020-03-01") & (q.index <= "2020-05-31")]
    counts = record(("2020-02-15", "2020-04-30", "30", 30.0, 30.0, "="),     # crosses the window's first day
                    ("2020-03-01", "2020-03-31", "12", 12.0, 12.0, "="))
    entry = series_entry("historical", q, total=constant_totals(10 / MONTH_DAYS))
    s = fan_spec("attacks_on_foreign_forces", [entry], span=window, record=counts, title="t")
    assert [r["count"] for r in s["record"]] == ["12"] and [f["count"] for f in s["series"][0]["fit"]] == ["12"]
    assert [(r["count"], r["why"]) for r in s["record_left_off"]] == [("30", "outside")]
    assert "2020-02-15..2020-04-30 30" in s["caption"]


def test_an_at_most_count_over_months_is_said_to_bound_their_average_not_each_month():
    """A held-out case's <=371 over four years, drawn at 7.8 a month, read as broken by a month of 16."""
    counts = record(("2020-01-01", "2020-04-30", "<=40", math.nan, 40.0, "<="),
                    ("2020-02-01", "2020-02-29", "16", 16.0, 16.0, "="))
    entry = series_entry("historical", quantiles(10.0), total=constant_totals(10 / MONTH_DAYS))
    s = fan_spec("attacks_on_foreign_forces", [entry], span=SPAN, record=counts, title="t")
    upper = next(r for r in s["record"] if r["shape"] == "upper")
    assert upper["drawn"] == "rate" and upper["y_high"] < 16
    assert ("An at-most count over more than a month bounds the average month of its days, not each month: a month "
            "above its line breaks no bound.") in s["caption"]
    # a whole month's at-most count does bound that month: no such sentence
    one = fan_spec("attacks_on_foreign_forces", [entry], span=SPAN, title="t",
                   record=record(("2020-03-01", "2020-03-31", "<=500", math.nan, 500.0, "<=")))
    assert "bounds the average month" not in one["caption"]


# -- fit -------------------------------------------------------------------------------------------
def test_fit_judges_each_count_over_its_own_days_and_the_caption_names_the_misses(spec):
    fit = {f["count"]: f for f in spec["series"][0]["fit"]}
    assert set(fit) == {"10", ">=12", "<=500", "~8"}      # the clipped count is not judged
    assert fit["10"]["inside"]                            # 10 a month against a band of 5..15
    assert fit[">=12"]["inside"]                          # the band reaches 12
    assert fit["<=500"]["inside"] and fit["~8"]["inside"]
    far = fan_spec("attacks_on_foreign_forces", [series_entry("x", quantiles(1.0), total=constant_totals(0.01))],
                   span=SPAN, record=RECORD)
    judged = {f["count"]: f["inside"] for f in far["series"][0]["fit"]}
    assert judged == {"10": False, ">=12": False, "<=500": True, "~8": False}
    assert "1 of 4 sourced counts lie inside" in far["caption"]
    assert "2020-01-01..2020-01-31 10 (model" in far["caption"] and "≥12" in far["caption"]


def test_fit_rows_have_the_documented_shape():
    rows = record_fit(RECORD, constant_totals(0.3), "attacks_on_foreign_forces")
    assert set(rows[0]) >= {"indicator", "start", "end", "observed", "hedge", "q05", "q95", "inside"}
    assert {r["hedge"] for r in rows} <= set(HEDGES)
    assert record_fit(RECORD, None) == []


def test_without_totals_the_caption_says_the_fit_was_not_computed():
    spec = fan_spec("attacks_on_foreign_forces", [series_entry("h", quantiles(5.0))], span=SPAN, record=RECORD)
    assert "Fit: not computed" in spec["caption"]


# -- partial periods, markers, JSON ----------------------------------------------------------------
def test_a_partial_last_month_of_a_count_is_flagged_not_drawn(spec):
    assert [p["start"] for p in spec["partial"]] == ["2020-06-01"]
    assert spec["partial"][0]["days"] == 15 and spec["partial"][0]["of"] == 30
    assert spec["series"][0]["q50"][-1] is None and spec["series"][0]["q50"][-2] == 10.0
    assert "15 of 30 days" in spec["caption"]


def test_markers_only_where_the_entry_happens():
    sc = flashpoint.load_scenario("iraq-2020")
    kinds = lambda policy, **kw: [m["type"] for m in policy_markers(sc, policy, **kw)]  # noqa: E731
    orders = ["patron_order", "patron_order"]           # the patron's orders of Nov 2020 and Apr 2021 (a held-out
    assert kinds("historical") == ["patron_order", "decapitation", "suspension", *orders]   # case's were unmarked)
    assert kinds("no-decapitation") == kinds("full-restraint") == ["patron_order", "suspension", *orders]
    assert kinds("restraint") == kinds("historical")       # restraint keeps the killing, the truce and the orders
    assert kinds("historical", happened={"decapitation_2020_01_03": 0.0}) == ["patron_order", "suspension", *orders]
    half = policy_markers(sc, "historical", happened={"decapitation_2020_01_03": 0.5})
    assert "50% of runs" in half[1]["label"] and half[0]["label"] == "order soleimani_order_2019_10: iran tells kh to escalate"
    # truces and halts are drawn too (a held-out case found only the killings), one line for a day
    rs = policy_markers(flashpoint.load_scenario("red-sea-2023"), "historical")
    assert [(m["date"], m["label"]) for m in rs if m["type"] == "suspension"] == [
        ("2025-01-19", "halt of attacks gaza_pause_israel_2025_01_19: houthis on shipping, us_navy, uk_navy, eu_navy, israel"),
        ("2025-05-06", "halt of attacks us_deal_2025_05_06: houthis on us_navy"),       # whose halt, on what: the deal's on US ships only
        ("2025-10-10", "halt of attacks gaza_halt_2025_10_10: houthis on shipping, us_navy, uk_navy, eu_navy, israel")]
    assert policy_markers(sc, "historical")[2]["label"] == "halt of attacks truce_2020_10_10: kh, aah on usa"
    # what compared policies drop or add is marked whatever its type (a held-out case's compare chart had no line
    # for the operation its counterfactual dropped): the US drawdowns that `drawdown` replaces, under historical
    from flashpoint.report.charts import changed_entries

    changed = changed_entries(sc, ["historical", "drawdown"])
    marked = {m["id"]: m["label"] for m in policy_markers(sc, "historical", changed=changed)}
    assert marked["us_drawdown_2020_09"] == "coalition drawdown us_drawdown_2020_09"
    assert "phased_drawdown_2020_04" in {m["id"] for m in policy_markers(sc, "drawdown", changed=changed)}
    assert "us_drawdown_2020_09" not in {m["id"] for m in policy_markers(sc, "historical")}     # a run's own: not


def test_spec_is_strict_json_and_its_table_has_model_and_record_rows(spec):
    text = json.dumps(spec, allow_nan=False)
    assert json.loads(text)["y_label"] == spec["y_label"]
    table = spec_table(spec)
    assert set(table["row"]) == {"model", "record"}
    assert len(table[table["row"] == "model"]) == len(MONTHS)
    assert table.loc[table["row"] == "record", "hedge"].tolist().count(">=") == 2


# -- the scenario's own record -------------------------------------------------------------------
def test_the_record_is_the_scenarios_own():
    counts = period_counts("iraq-2020")
    assert list(counts.columns) == COLUMNS and len(counts) > 10
    assert set(counts["hedge"]) <= set(HEDGES)
    assert (counts.loc[counts["count"] == "~40", "hedge"] == "~").all()
    assert (counts.loc[counts["count"].str.startswith(">="), "hedge"] == ">=").all()
    doc = flashpoint.load_scenario("iraq-2020").model_copy(update={"record": None})
    assert len(period_counts(doc)) == 0
    sc = flashpoint.load_scenario("iraq-2020")
    windows = record_windows(sc)
    assert windows and all(sc.start.isoformat() <= w[1] and w[2] <= sc.end.isoformat() for w in windows)


def test_the_charts_name_the_records_counts_that_straddle_the_scenarios_period():
    """A held-out case's counts three quarters inside the simulated period were neither drawn nor named (docs/web.md
    said they were drawn where they overlap): the record left them out before any chart saw them."""
    from flashpoint.report.fanchart import ensemble_spec
    from flashpoint.report.observed import chart_counts

    sc = flashpoint.load_scenario("iraq-2020")
    extra = chart_counts(sc).iloc[len(period_counts(sc)):]
    assert {(str(r.start.date()), str(r.end.date())) for r in extra.itertuples()} >= {
        ("2019-05-01", "2019-12-27"), ("2019-05-01", "2020-10-22")}         # begun before the scenario's start
    ens = flashpoint.simulate(sc, runs=20, seed=1)
    spec = ensemble_spec(ens, "attacks_on_foreign_forces.indirect_fire")
    assert not any(r["start"] == "2019-05-01" for r in spec["record"])      # neither drawn (72 %, 37 % simulated)
    named = [r["end"] for r in spec["record_left_off"] if r["why"] == "outside" and r["start"] == "2019-05-01"]
    assert sorted(named) == ["2019-12-27", "2020-10-22"]
    judged = {(f["start"], f["end"]) for f in spec["series"][0]["fit"]}
    assert not any(start == "2019-05-01" for start, _ in judged)                # neither is judged
    text = caption(spec)
    assert "not wholly inside the period drawn (begun before it or ended after it)" in text
    assert "2019-05-01..2019-12-27 >=12" in text and "2019-05-01..2020-10-22" in text


# -- counts over less than a month -----------------------------------------------------------------
SHORT = record(
    ("2020-01-23", "2020-01-25", ">=13", 13.0, math.nan, ">="),   # three days: at least 13 in January
    ("2020-02-10", "2020-02-10", "5", 5.0, 5.0, "="),             # one day: exact, but only a floor on February
    ("2020-03-08", "2020-03-14", "~8", 6.0, 10.0, "~"),           # a week, approximate: at least its low end
    ("2020-04-05", "2020-04-11", "<=2", math.nan, 2.0, "<="),     # at most, over a week: bounds no month
    ("2020-04-12", "2020-04-18", "0", 0.0, 0.0, "="),             # none in a week: bounds no month either
    ("2020-04-27", "2020-05-06", ">=14", 14.0, math.nan, ">="),   # ten days across two months
    ("2020-05-01", "2020-05-31", "9", 9.0, 9.0, "="),             # a whole month: its count
)


@pytest.fixture()
def short_spec():
    entry = series_entry("historical", quantiles(16.0), total=constant_totals(16 / MONTH_DAYS))
    return fan_spec("attacks_on_foreign_forces", [entry], span=SPAN, record=SHORT, title="t")


def test_a_count_over_part_of_a_month_is_a_lower_bound_on_that_month_not_a_rate(short_spec):
    rows = {r["count"]: r for r in short_spec["record"]}
    three_days = rows[">=13"]
    assert three_days["shape"] == "lower" and three_days["drawn"] == "month_bound"
    assert three_days["y_low"] == 13.0                              # not 13 * 30.44 / 3 = 132 a month
    assert (three_days["drawn_start"], three_days["drawn_end"]) == ("2020-01-01", "2020-01-31")
    one_day = rows["5"]
    assert (one_day["shape"], one_day["y_low"], one_day["drawn_end"]) == ("lower", 5.0, "2020-02-29")
    week = rows["~8"]
    assert (week["shape"], week["y_low"], week["y_high"]) == ("lower", 6.0, None)
    across = rows[">=14"]                                          # April + May hold at least 14: 7 on average
    assert (across["y_low"], across["drawn_start"], across["drawn_end"]) == (7.0, "2020-04-01", "2020-05-31")
    assert (rows["9"]["shape"], rows["9"]["y_low"]) == ("point", 9.0)
    assert short_spec["y_range"][1] == pytest.approx(1.12 * 24.0)   # the band's 95%, not a stretched rate


def test_an_at_most_count_over_part_of_a_month_is_left_off_judged_and_named(short_spec):
    assert {r["count"] for r in short_spec["record"]} == {">=13", "5", "~8", ">=14", "9"}
    assert [r["count"] for r in short_spec["record_left_off"]] == ["<=2", "0"]
    judged = {f["count"] for f in short_spec["series"][0]["fit"]}
    assert judged == {">=13", "5", "~8", "<=2", "0", ">=14", "9"}   # the fit still holds each against its days
    cap = short_spec["caption"]
    assert "Not drawn: 2 count(s) over less than a month" in cap and "2020-04-05..2020-04-11 <=2" in cap
    assert "over less than a month: never as a rate" in cap
    table = spec_table(short_spec)
    assert set(table.loc[table["row"] == "record", "drawn"]) == {"month_bound", "month", "no"}
    json.dumps(short_spec, allow_nan=False)


def test_a_caption_does_not_round_a_band_onto_the_count_it_misses():
    from flashpoint.report.charts import _fmt

    # a q95 of 58.55 was written 59 beside a count of 59 named as outside the band
    assert (_fmt(58.55), _fmt(59.0), _fmt(0.95), _fmt(1234.5), _fmt(0)) == ("58.5", "59", "0.95", "1,234", "0")


def test_a_range_count_is_written_as_its_range():
    """A held-out record's 346-369 read "~357.5" in the chart captions."""
    from flashpoint.report.charts import _hedged

    assert _hedged({"hedge": "~", "count": "346-369", "observed": 357.5}) == "346–369"
    assert _hedged({"hedge": "~", "count": "~40", "observed": 40.0}) == "~40"
    assert _hedged({"hedge": ">=", "count": ">=9", "observed": 9.0}) == "≥9"


def test_a_grade_c_count_is_drawn_fainter_and_the_caption_says_so():
    """The fading looked for a grade "low", which no record has: grade C looked like grade A (held-out)."""
    import flashpoint
    from flashpoint.report.fanchart import ensemble_spec
    from flashpoint.report.render import render

    spec = ensemble_spec(flashpoint.simulate("iraq-2020", runs=20, seed=1), "attacks_on_foreign_forces")
    assert any(r["reliability"] == "C" for r in spec["record"])
    assert "fainter: a grade-C (low-reliability) source" in spec["caption"]
    fig = render(spec)
    extents = {a.get_gid(): a.get_alpha() for ax in fig.axes for a in ax.get_children()
               if str(a.get_gid()).startswith("record-") and str(a.get_gid()).endswith("-extent")}
    grades = {f"record-{r['shape']}-{i}-extent": r["reliability"] for i, r in enumerate(spec["record"])}
    assert extents and all((alpha == 0.55) == (grades[gid] == "C") for gid, alpha in extents.items()), extents


def test_a_chart_with_no_counts_of_its_own_names_the_counts_of_sums_that_take_it_in():
    """red-sea-2023's attacks chart said its record had no counts, though 12 counts of sums of its breakdowns
    take the attacks in (held-out charts tester)."""
    import flashpoint
    from flashpoint.report.fanchart import ensemble_spec

    spec = ensemble_spec(flashpoint.simulate("red-sea-2023", runs=10, seed=1), "attacks_on_foreign_forces")
    assert not spec["record"] and spec["record_in_sums"] >= 10
    assert f"on its own; {spec['record_in_sums']} count(s) of sums that take it in" in spec["caption"]
    # and the counts of its breakdowns alone (a held-out case's claim note counted one the chart said was not there)
    assert spec["record_breakdowns"]["attacks_on_foreign_forces.shipping"] >= 5
    assert (f"its breakdowns have {sum(spec['record_breakdowns'].values())} count(s) (attacks_on_foreign_forces.israel."
            in spec["caption"])
    # the count of attacks on Israel from 7 October 2023, before the period, is none of them (the fit table leaves it out)
    assert "attacks_on_foreign_forces.israel" not in spec["record_breakdowns"]


def test_the_caption_of_a_chart_with_counts_only_outside_its_period_does_not_say_there_are_none(spec):
    """A held-out forecast caption read "the record has no sourced counts of X. 2 sourced count(s) lie wholly
    outside the period drawn": both at once."""
    from flashpoint.report.charts import caption

    text = caption({**spec, "record": [], "record_left_off": [], "record_outside": 2})
    assert f"no sourced counts of {spec['indicator']} in the period drawn" in text
    assert "2 sourced count(s) lie wholly outside the period drawn" in text


def test_a_campaigns_changed_entries_are_one_line_named_with_their_count():
    """A held-out page user: red-sea-2023 beside no-strikes drew some twenty strike lines in March-April 2025 whose
    labels piled into a black block over the record; a run of changed entries of one type days apart is one line."""
    from flashpoint.report.charts import changed_entries

    sc = flashpoint.load_scenario("red-sea-2023")
    marks = policy_markers(sc, "historical", changed=changed_entries(sc, ["historical", "no-strikes"]))
    spring = [m for m in marks if m["type"] == "foreign_strike" and "2025-03" <= m["date"] <= "2025-05-31"]
    assert len(spring) == 1 and spring[0]["label"].endswith("and 20 more to 2025-05-03")
    iraq = flashpoint.load_scenario("iraq-2020")
    first = policy_markers(iraq, "historical", changed=changed_entries(iraq, ["historical", "restraint"]))[1]
    assert first["label"].endswith("and 1 more that day")          # the strikes in Iraq and Syria of 29 Dec 2019
    # a run's end is its last round's end (until), not its start (a held-out wargame designer's two-part air
    # campaign, 30 Aug - 14 Sep, read "to 09-05")
    entries = [e if e.id != "us_strikes_2019_12_29_syria" else e.model_copy(update={"until": dt.date(2020, 1, 9)})
               for e in iraq.schedule]
    longer = iraq.model_copy(update={"schedule": entries})
    first = policy_markers(longer, "historical", changed=changed_entries(longer, ["historical", "restraint"]))[1]
    assert first["label"].endswith("and 1 more to 2020-01-09")


def test_an_entry_marked_by_its_author_is_drawn_whatever_its_type(tmp_path):
    """Two held-out teachers could not put their own dated events (the Truman Doctrine, an Iranian task force's
    arrival) on the charts: an entry's `marked: true` draws it, named, where it happens."""
    import yaml

    from flashpoint.scenario.loader import resolve

    doc = yaml.safe_load(resolve("iraq-2020")[1])
    for e in doc["schedule"]:
        if e["id"] == "nuclear_limits_2020_01_05":
            e["marked"] = True
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    sc = flashpoint.load_scenario(path)
    marked = [m for m in policy_markers(sc, "historical") if m["id"] == "nuclear_limits_2020_01_05"]
    assert marked and marked[0]["label"] == "marker nuclear_limits_2020_01_05 (not in every run)"   # it requires the killing
    assert "nuclear_limits_2020_01_05" not in {m["id"] for m in policy_markers(flashpoint.load_scenario("iraq-2020"),
                                                                                "historical")}


def test_the_axis_holds_the_band_over_a_missed_counts_own_days():
    """A held-out wargame designer's bar (the band over a missed count's days, 240-241) sat clipped at an axis of
    215; the axis holds it, up to three times the rest."""
    from flashpoint.report.charts import _y_top

    row = {"start": "1995-08-30", "end": "1995-09-14", "count": ">=338", "shape": "lower", "y_low": 169.0,
           "y_high": None, "scale": 0.5}
    fit = {"start": "1995-08-30", "end": "1995-09-14", "count": ">=338", "inside": False, "q05": 240.0, "q95": 480.0}
    spec = {"series": [{"q95": [100.0, 150.0], "fit": [fit]}], "record": [row]}
    assert _y_top(spec) >= 240.0
    spec["series"][0]["fit"] = [{**fit, "q95": 48000.0}]          # far beyond: cut at three times the rest
    assert _y_top(spec) <= 3 * 169.0 * 1.12 + 1


def test_the_caption_counts_only_the_breakdowns_counts_the_fit_table_judges():
    """A held-out designer's caption of foreign_killed said its breakdowns had 4 counts, where one (1977) lay before
    the period: the fit table, the command line and the breakdown's own chart had 3."""
    rows = record(("2020-02-01", "2020-02-29", "5", 5.0, 5.0, "="), ("2020-03-01", "2020-03-31", "6", 6.0, 6.0, "="),
                  ("2019-01-01", "2019-12-31", "70", 70.0, 70.0, "="), ("2019-12-20", "2020-01-15", "4", 4.0, 4.0, "="))
    rows["indicator"] = "attacks_on_foreign_forces.ied_convoy"
    rows.loc[3, "indicator"] = "attacks_on_foreign_forces.ied_convoy+attacks_on_foreign_forces.drone"
    entry = series_entry("historical", quantiles(10.0), total=constant_totals(10 / MONTH_DAYS))
    spec = fan_spec("attacks_on_foreign_forces", [entry], span=SPAN, record=rows, title="t")
    assert spec["record_breakdowns"] == {"attacks_on_foreign_forces.ied_convoy": 2} and spec["record_in_sums"] == 0
    assert "its breakdowns have 2 count(s) (attacks_on_foreign_forces.ied_convoy)" in spec["caption"]
