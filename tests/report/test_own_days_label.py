"""The label of a missed count's band over its own days stays inside the plot area, and a band drawn as a monthly
rate is labelled with that rate (a held-out analyst's count from the period's first day over 34 days: its label
"225–280", the band's totals over those days, stood left of a bar drawn at 201-251 a month, over the y axis)."""
import pytest

from flashpoint.report.charts import MONTH_DAYS, fan_spec, series_entry
from flashpoint.report.render import render

from .test_charts import SPAN, constant_totals, quantiles, record
from .test_render import artists

pytest.importorskip("matplotlib")


def _chart(*rows, per_day=7.0):
    spec = fan_spec("attacks_on_foreign_forces", [series_entry("historical", quantiles(200.0),
                                                               total=constant_totals(per_day))],
                    span=SPAN, record=record(*rows))
    return spec, render(spec)


def _inside(fig, label) -> None:
    ax = label.axes
    box, ext = ax.get_window_extent(), label.get_window_extent()
    assert box.x0 <= ext.x0 and ext.x1 <= box.x1 + 0.5, (box, ext, label.get_text())
    assert box.y0 <= ext.y0 + 0.5 and ext.y1 <= box.y1 + 0.5, (box, ext, label.get_text())


def test_a_rate_band_from_the_first_day_is_labelled_with_its_rate_inside_the_axes():
    spec, fig = _chart(("2020-01-01", "2020-02-03", "100", 100.0, 100.0, "="))     # 34 days from the first
    (row,) = [r for r in spec["record"] if r["count"] == "100"]
    assert row["drawn"] == "rate" and row["start"] == str(SPAN[0])
    (f,) = [f for f in spec["series"][0]["fit"] if f["count"] == "100"]
    assert not f["inside"]
    scale = row["scale"]                                   # MONTH_DAYS / 34, as the spec rounds it
    assert scale == pytest.approx(MONTH_DAYS / 34, rel=1e-4)
    (label,) = artists(fig, "own-days-label-")
    assert label.get_text().strip() == f"{f['q05'] * scale:,.0f}–{f['q95'] * scale:,.0f}/month"
    assert f"{f['q05']:g}–{f['q95']:g}" not in label.get_text()         # not the totals beside the rate's bar
    (bar,) = [a for a in artists(fig, "own-days-") if a.get_gid().count("-") == 2]
    (lo, hi) = sorted(bar.get_segments()[0][:, 1])
    assert lo == pytest.approx(f["q05"] * scale) and hi == pytest.approx(f["q95"] * scale)
    _inside(fig, label)
    assert label.get_ha() == "left"                     # right of its bar: there is room there


def test_a_whole_months_band_keeps_its_totals_and_every_label_stays_inside():
    # a month's count is drawn at its count: its label is the band's totals, as before; at the right edge and at the
    # foot of the axis the labels stay in the plot area
    _, fig = _chart(("2020-01-01", "2020-01-31", "10", 10.0, 10.0, "="),
                    ("2020-05-01", "2020-05-31", "5000", 5000.0, 5000.0, "="), per_day=3.0)
    labels = artists(fig, "own-days-label-")
    assert labels and all("/month" not in t.get_text() for t in labels)
    for label in labels:
        _inside(fig, label)


def test_labels_of_bars_close_together_stand_apart_or_one_is_left_to_the_caption():
    """A held-out case's two counts over nearly the same seventeen months had their bars drawn apart and their labels,
    wider than the gap, printed over each other ("23–26/month" over "22–25/month")."""
    _, fig = _chart(("2020-01-05", "2020-06-10", "40", 40.0, 40.0, "="),
                    ("2020-01-02", "2020-06-14", "41", 41.0, 41.0, "="),
                    ("2020-01-08", "2020-06-12", "39", 39.0, 39.0, "="))
    bars = [a for a in artists(fig, "own-days-") if a.get_gid().count("-") == 2]
    labels = artists(fig, "own-days-label-")
    assert len(bars) == 3 and labels, (len(bars), len(labels))
    fig.canvas.draw()
    boxes = [label.get_window_extent() for label in labels]
    for k, a in enumerate(boxes):
        _inside(fig, labels[k])
        for b in boxes[k + 1:]:
            assert not a.overlaps(b), [t.get_text() for t in labels]
