"""Draw a chart spec (:mod:`flashpoint.report.charts`) with matplotlib: the CLI's PNGs and the HTML reports.

``layout="panels"``: one axis per policy, sharing the y axis; ``layout="overlay"``: every policy on
one axis (the first with its full fan, the others with their 90% band and median). Each record
count is drawn by its hedge (point, lower bound with an upward arrow, upper bound with a downward
arrow that never stretches the axis, range); artists carry a ``gid`` naming what they draw
(``record-lower-3``, ``marker-decapitation_2020_01_03``, ``partial-2021-12-01``) so tests can check them.
A y label longer than the axis is tall is wrapped onto lines (:func:`wrap_label`), never cut off.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd

from flashpoint.report.charts import count_key

__all__ = ["render", "save_png", "wrap_label", "COLORS"]

COLORS = ["#08519c", "#d94801", "#238b45", "#6a51a3", "#a50f15", "#525252", "#0e7c7b", "#b8860b"]
#: each policy's median also by its dash, so that the lines part in greyscale and for colour-blind readers (a
#: held-out reviewer could not tell four solid medians apart)
LINESTYLES = ["-", "--", "-.", ":", (0, (6, 2, 1, 2, 1, 2)), (0, (1, 1)), (0, (8, 3)), (0, (3, 1, 1, 1))]
RECORD = "#b30000"
OWN_DAYS = "#111111"        # the band over a missed count's own days, beside it
FAN_OUTER, FAN_INNER = "#c6dbef", "#6baed6"


def _dates(values):
    import matplotlib.dates as mdates

    return mdates.date2num(pd.to_datetime(list(values)).to_pydatetime())


def _values(xs):
    return np.array([np.nan if v is None else v for v in xs], dtype=float)


def _edges(spec) -> np.ndarray:
    return _dates([p["start"] for p in spec["periods"]] + [spec["x_range"][1]])


def _band(ax, spec, s, color, full: bool, style="-", zorder: float = 2.0) -> list:
    edges = _edges(spec)
    handles = []
    outer = ax.stairs(_values(s["q95"]), edges, baseline=_values(s["q05"]), fill=True,
                      color=FAN_OUTER if full else color, alpha=1.0 if full else 0.16, lw=0,
                      label=f"{s['label']}: 5–95% of runs" if not full else "5–95% of runs", gid=f"band-{s['policy']}")
    handles.append(outer)
    if full:
        handles.append(ax.stairs(_values(s["q75"]), edges, baseline=_values(s["q25"]), fill=True, color=FAN_INNER,
                                 lw=0, label="25–75% of runs", gid=f"band50-{s['policy']}"))
    handles.append(ax.stairs(_values(s["q50"]), edges, baseline=None, color=color, lw=2, ls=style, zorder=zorder,
                             label="median" if full else f"{s['label']}: median", gid=f"median-{s['policy']}"))
    return handles


def _record(ax, spec, series) -> int:
    """Each record count by its hedge; one the first policy's band over its own days misses gets a ring at its
    mark (drawn as a rate per month it may sit inside the month's band: a held-out reviewer read three misses as
    hits). How many rings were drawn."""
    top = spec["y_range"][1]
    arrow = 0.09 * top
    missed = {count_key(f) for f in (series[0].get("fit") or [] if series else [])
              if f.get("inside") is False and f.get("q05") is not None}
    rings = 0
    for i, r in enumerate(spec["record"]):
        x0, x1 = _dates([r["drawn_start"], pd.Timestamp(r["drawn_end"]) + pd.Timedelta(days=1)])
        mid = (x0 + x1) / 2
        gid = f"record-{r['shape']}-{i}"
        style = {"color": RECORD, "alpha": 0.55 if r["reliability"] == "C" else 1.0}
        if count_key(r) in missed:
            # a range's ring at its middle, where the page puts its mark (a held-out teacher found the two apart)
            y = min(r["y_high"] if r["shape"] == "upper" else (r["y_low"] + r["y_high"]) / 2
                    if r["shape"] == "range" else r["y_low"], top * 0.985)
            ax.plot([mid], [y], "o", ms=11, mfc="none", mec=RECORD, mew=1.8, zorder=4, gid=f"record-missed-{i}")
            rings += 1
        if r["shape"] == "point":
            ax.hlines(r["y_low"], x0, x1, lw=2, gid=gid + "-extent", **style)
            ax.plot([mid], [r["y_low"]], "o", ms=5, gid=gid, **style)
        elif r["shape"] == "range":
            ax.fill_between([x0, x1], [r["y_low"]] * 2, [r["y_high"]] * 2, lw=0, gid=gid,
                            color=RECORD, alpha=0.22)
            ax.hlines([r["y_low"], r["y_high"]], x0, x1, lw=1, gid=gid + "-extent", **style)
        elif r["shape"] == "lower":
            y = r["y_low"]
            ax.hlines(y, x0, x1, lw=2, gid=gid + "-extent", **style)
            ax.annotate("", xy=(mid, y + arrow), xytext=(mid, y), gid=gid,
                        arrowprops={"arrowstyle": "-|>", "color": style["color"], "lw": 1.5,
                                    "alpha": style["alpha"]})
        elif r["shape"] == "upper":
            y = min(r["y_high"], top * 0.985)
            ax.hlines(y, x0, x1, lw=2, ls="--" if r["beyond_axis"] else "-", gid=gid + "-extent", **style)
            ax.annotate("", xy=(mid, max(y - arrow, 0)), xytext=(mid, y), gid=gid,
                        arrowprops={"arrowstyle": "-|>", "color": style["color"], "lw": 1.5,
                                    "alpha": style["alpha"]})
            if r["beyond_axis"]:
                ax.text(mid, y, f" ≤{r['observed']:g} (above the axis)", fontsize=7, color=RECORD,
                        va="top", ha="left", gid=gid + "-note")
    return rings


def _own_days(ax, spec, series) -> int:
    """Beside each count the first policy's band misses, that band over the count's own days (what the fit
    judged), as a bar: a count over a few days, drawn on its month, may sit inside the month's band and
    still be missed (a held-out tester read that as a contradiction). How many were drawn."""
    fit = series[0].get("fit") or [] if series else []
    top, drawn = spec["y_range"][1], 0
    lo_x, hi_x = _dates(spec["x_range"])
    seen: set = set()
    placed: list[tuple[float, str]] = []     # (x, where its label stands) of the bars drawn
    width = hi_x - lo_x
    for f in fit:
        if f.get("inside") or f.get("q05") is None:
            continue
        r = next((r for r in spec["record"] if count_key(r) == count_key(f)), None)
        if r is None:
            continue
        same = (r["drawn_start"], r["drawn_end"], f["q05"], f["q95"], r.get("scale", 1))
        if same in seen:     # one bar for counts over the same days: the same band (a held-out researcher's two
            continue         # counts of 1982 printed theirs as "312-371312-371", the second pushed towards December)
        seen.add(same)
        x0, x1 = _dates([r["drawn_start"], pd.Timestamp(r["drawn_end"]) + pd.Timedelta(days=1)])
        # beside the count's mark at the middle of its days (at their end it sat on another count: a held-out
        # tester), moved from a bar near it but never out of its own days (bars pushed on by each other put a
        # held-out teacher's June band beside December's count); a label near another's stands at the other end
        # (a verifier's four running totals of 2021, ending days apart, printed their labels over each other when
        # the bars could go right only: they go either way within the count's days)
        mid, cap = (x0 + x1) / 2 + 0.012 * width, 4
        lo_x0, hi_x1 = min(mid, x0 + 0.1 * (x1 - x0)), max(mid, x1 - 0.1 * (x1 - x0))
        tries = (mid + 0.01 * width * k for k in [0] + [s * n for n in range(1, 100) for s in (1, -1)])
        x = next((c for c in tries if lo_x0 <= c <= hi_x1 and all(abs(c - p) >= 0.045 * width for p, _ in placed)),
                 mid)
        near = {where for p, where in placed if abs(x - p) < 0.045 * width}
        # no room at either end: the bar unlabelled (the caption gives its band), not a label over another's
        where = next((w for w in ("top", "foot") if w not in near), None)
        placed.append((x, where))
        scale = r.get("scale", 1)                      # drawn as its count is: a rate per month where it is one
        lo, hi = f["q05"] * scale, min(f["q95"] * scale, top)
        ax.vlines(x, lo, hi, color=OWN_DAYS, lw=1.8, gid=f"own-days-{drawn}")
        ax.hlines([lo, hi], x - cap, x + cap, color=OWN_DAYS, lw=1.8)
        if where is not None:
            # a bar drawn as a rate per month is labelled with the rate it draws, "/month" (a held-out analyst's bar
            # at 201-251 a month read "225–280", its total over 34 days, which the caption gives)
            text = (f"{_rate(f['q05'] * scale)}–{_rate(f['q95'] * scale)}/month" if r.get("drawn") == "rate"
                    and scale != 1 else f"{f['q05'] * scale:g}–{f['q95'] * scale:g} (half of "
                    f"{f['q05']:g}–{f['q95']:g})" if scale == 0.5 else f"{f['q05']:g}–{f['q95']:g}")
            label = ax.text(x + cap, hi if where == "top" else lo, f" {text}", fontsize=6.5,
                            color=OWN_DAYS, va="bottom" if where == "top" else "top", ha="left",
                            gid=f"own-days-label-{drawn}")
            label.own_days = (x, cap, text, lo, hi)   # kept inside the axes once the layout has set them (_inside)
        drawn += 1
    return drawn


def _rate(v: float) -> str:
    """A rate per month for a label: whole above 10 (201), two figures below (2.4, 0.35)."""
    return f"{v:,.0f}" if abs(v) >= 10 else f"{v:.2g}"


def _inside(ax) -> None:
    """Each band label of :func:`_own_days` inside the axes, once the layout has set their size: right of its bar,
    else left of it (a held-out forecaster's 3–107 at the right edge read "3–10"), else against the side with more
    room; below the top and above the foot. Placed before the axis had its limits and its width, a held-out
    analyst's label of a count from the period's first day stood left of its bar, over the y axis. A label over
    one placed before it goes to its bar's other end, else is left off (the caption gives its band): two bars
    of counts over nearly the same days stood apart, their labels, wider than the gap, over each other (a held-out
    case's "23–26/month" and "22–25/month")."""
    kept = []
    for label in [t for t in ax.texts if hasattr(t, "own_days")]:
        x, cap, text, lo, hi = label.own_days
        at_top = label.get_va() == "bottom"
        for top in (at_top, not at_top):
            label.set(x=x + cap, y=hi if top else lo, va="bottom" if top else "top", ha="left", text=f" {text}")
            _within(ax, label, x, cap, text)
            ext = label.get_window_extent()
            if not any(ext.overlaps(other) for other in kept):
                kept.append(ext)
                break
        else:
            label.remove()


def _within(ax, label, x: float, cap: float, text: str) -> None:
    """``label`` moved inside the axes (:func:`_inside`)."""
    box = ax.get_window_extent()
    if label.get_window_extent().x1 > box.x1:
        label.set(x=x - cap, ha="right", text=f"{text} ")
        ext = label.get_window_extent()
        if ext.x0 < box.x0:      # room on neither side: against the edge with more of it, inside
            at = ax.transData.transform((x, 0))[0]
            right = box.x1 - at >= at - box.x0
            edge = box.x1 - 2 if right else box.x0 + 2
            label.set(x=ax.transData.inverted().transform((edge, 0))[0], ha="right" if right else "left",
                      text=f"{text} " if right else f" {text}")
    ext = label.get_window_extent()
    if ext.y1 > box.y1:
        label.set(va="top")
    elif ext.y0 < box.y0:
        label.set(va="bottom")


def _unseen_misses(ax, spec, series) -> int:
    """A count left undrawn because it bounds no month's sum (``record_left_off``, ``no_bound``) that the first
    policy's band over its own days misses: an open cross at the foot of the axis over its days, labelled with
    its count and that band, so the miss shows on the chart and not only in the caption (a held-out tester's
    zero over ten days against a band of 23-47 was invisible). How many were drawn."""
    fit = {count_key(f): f for f in (series[0].get("fit") or [] if series else [])}
    drawn = 0
    for r in spec.get("record_left_off") or []:
        f = fit.get(count_key(r))
        if r.get("why") != "no_bound" or f is None or f.get("inside") or f.get("q05") is None:
            continue
        x0, x1 = _dates([r["start"], pd.Timestamp(r["end"]) + pd.Timedelta(days=1)])
        ax.plot([(x0 + x1) / 2], [0.03], marker="x", ms=8, mew=2, color=RECORD, transform=ax.get_xaxis_transform(),
                clip_on=False, gid=f"unseen-miss-{drawn}")
        ax.text((x0 + x1) / 2, 0.06, f"{r['count']} ({f['q05']:g}–{f['q95']:g})", fontsize=6.5, color=RECORD,
                rotation=90, transform=ax.get_xaxis_transform(), va="bottom", ha="center",
                gid=f"unseen-miss-label-{drawn}")
        drawn += 1
    return drawn


#: a marker's label closer than this share of the axis's width to the one before it goes beside it, not over it
MARKER_GAP = 0.02
#: a marker label's room across the axis, in points (a 7-point label's line), and the next one's shift
LABEL_PT = 9
#: the least, where a group's labels have no room at LABEL_PT on either side (the labels' text is 7 points)
LABEL_MIN_PT = 7


def _markers(ax, spec, series) -> None:
    seen = set()
    marks = []
    for s in series:
        for m in s["markers"]:
            if m["id"] not in seen:
                seen.add(m["id"])
                marks.append((_dates([m["date"]])[0], m))
    lo_x, hi_x = _dates(spec["x_range"])
    per_pt = (hi_x - lo_x) / (ax.get_position().width * ax.figure.get_figwidth() * 72)    # axis units per point
    # entries days apart form a group: its labels stand side by side, LABEL_PT apart in the lines' order, all on one
    # side of the group's lines, so no line of it crosses a label (a held-out reviewer's order of 14 March and the
    # campaign of 15 March 2025 printed over each other; a line two weeks on ran through the first's label)
    groups: list[list] = []
    for x, m in sorted(marks, key=lambda t: t[0]):
        if groups and x - groups[-1][0][0] < MARKER_GAP * (hi_x - lo_x):
            groups[-1].append((x, m))
        else:
            groups.append([(x, m)])
    placed = lo_x           # where the labels drawn so far end
    # a label longer than the axis is tall ends in "…" where it is cut (the caption has it whole): cut by the axis's
    # edge mid-word, a held-out case read "french_t" as the label
    room = int(ax.get_position().height * ax.figure.get_figheight() * 72 / (0.62 * 7)) - 2
    k, merged = -1, set()
    while (k := k + 1) < len(groups):
        group = groups[k]
        # right of the last line where the next group's first line (or the axis's end) leaves room, else left of
        # the first where the labels before leave room, else right (as on the page, web/static/charts.js): a line
        # that would run through a group's labels used to join the group and push its labels months from their
        # lines (a verifier's January 2020 labels stood by the lines of March)
        # where neither side has room at LABEL_PT, labels closer together, LABEL_MIN_PT (a held-out case's three
        # labels of March 1964 stood over June's line); where neither has room even so, one label for the group,
        # "N entries to DATE" (a verifier's nine labels of 29 December - 10 January ran right into March's and
        # printed over them; the caption names each); where not even that has room, the group takes in the next
        after = groups[k + 1][0][0] if k + 1 < len(groups) else hi_x
        texts = [(m["id"], m["label"]) for _, m in group]
        tries = ((LABEL_PT, texts), (LABEL_MIN_PT, texts), (LABEL_PT, _one_label(group)))
        for pt, texts in tries[2:] if k in merged else tries:
            width = (pt * len(texts) + 3) * per_pt
            left = after - group[-1][0] < width and group[0][0] - width >= placed
            if fits := left or after - group[-1][0] >= width:
                break
        if not fits and k + 1 < len(groups):      # no room even for one label: the crowd takes in the next group's
            groups[k + 1] = group + groups[k + 1]  # lines, one label to the last of them (a tester's labels on the
            merged.add(k + 1)                      # page's 400 px plot printed over the next group's)
            continue
        anchor = group[0][0] if left else group[-1][0]
        placed = group[-1][0] if left else group[-1][0] + width
        for x, m in group:
            ax.axvline(x, color="#444444", ls="--", lw=1, gid=f"marker-{m['id']}")
        for shift, (key, text) in enumerate(texts):
            # read upward from the axis's foot and cut at its top, so what the entry is and its id always show (the
            # caption has every label whole): a long label run down from the top pushed the axis into a strip
            text = text if len(text) <= room else text[:max(room - 1, 1)].rstrip() + "…"
            label = ax.annotate(" " + text, xy=(anchor, 0.01), xycoords=ax.get_xaxis_transform(),
                                xytext=(-pt * (len(texts) - 1 - shift) if left else pt * shift, 0),
                                textcoords="offset points", fontsize=7, color="#444444", va="bottom",
                                ha="right" if left else "left", rotation=90, gid=f"marker-label-{key}",
                                clip_on=True)
            label.set_in_layout(False)


def _one_label(group) -> list[tuple[str, str]]:
    """A crowd's one label, "N entries to LAST (caption)", from its first line: the caption names each."""
    (_, first), (_, last) = group[0], group[-1]
    if len(group) == 1:
        return [(first["id"], first["label"])]
    return [(first["id"], f"{len(group)} entries to {last['date']} (caption)")]


def _window(ax, spec) -> None:
    """A claim's window (``spec["window"]``, first and last day), shaded behind the bands, when the chart has one."""
    if spec.get("window"):
        x0, x1 = _dates([spec["window"][0], pd.Timestamp(spec["window"][1]) + pd.Timedelta(days=1)])
        ax.axvspan(x0, x1, color="#fff3c4", lw=0, zorder=0, gid="claim-window")


#: how a chart shades a period of a count the runs cover only in part, whose sum it does not draw
PARTIAL_SHADE = {"color": "#eeeeee", "hatch": "///"}


def shade_partial(ax, periods, label: str | None = None) -> None:
    """Shade each period (``start``, ``end``: its first and last day) the runs cover only in part; ``label``: the
    legend's words for them."""
    for i, p in enumerate(periods):
        x0, x1 = _dates([p["start"], pd.Timestamp(p["end"]) + pd.Timedelta(days=1)])
        ax.axvspan(x0, x1, **PARTIAL_SHADE, lw=0, gid=f"partial-{p['start']}", label=None if i else label)


#: characters of a y label's line: a 4-inch axis holds about 50 at the label's size, less the title
LABEL_CHARS = 46


def wrap_label(label: str, width: int = LABEL_CHARS) -> str:
    """A long axis label broken into lines that fit the axis's height (at its clauses where it can:
    before the unit's parenthesis, after a comma), so no label runs off the figure."""
    if len(label) <= width:
        return label
    parts = label.replace(" (", "\n(").replace("), ", "),\n").split("\n")
    if any(len(p) > width for p in parts):
        return "\n".join(textwrap.wrap(label, width=width, break_long_words=False, break_on_hyphens=False))
    lines = [parts[0]]
    for p in parts[1:]:
        if len(lines[-1]) + 1 + len(p) <= width:
            lines[-1] += " " + p
        else:
            lines.append(p)
    return "\n".join(lines)


def _axis(ax, spec, series, title: str, overlay: bool) -> None:
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    _window(ax, spec)
    shade_partial(ax, spec["partial"])
    for k, s in enumerate(series):      # the first policy's median, the reference, drawn over the others
        _band(ax, spec, s, COLORS[k % len(COLORS)], full=not overlay, style=LINESTYLES[k % len(LINESTYLES)],
              zorder=2.5 if k == 0 else 2.0)
    missed = _record(ax, spec, series)
    own = _own_days(ax, spec, series)
    unseen = _unseen_misses(ax, spec, series)
    ax.set_xlim(*_dates(spec["x_range"]))
    ax.set_ylim(*spec["y_range"])
    ax.set_ylabel(wrap_label(spec["y_label"]), fontsize=8)
    ax.set_title(title, fontsize=9, loc="left")
    # ticks on the first of a month (the bands' edges), every n months so that at most 9 are labelled
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonthday=1, interval=max(1, -(-len(spec["periods"]) // 9))))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.tick_params(labelsize=7)
    ax.grid(alpha=0.3)
    handles, _ = ax.get_legend_handles_labels()
    if spec["record"]:
        handles += [Line2D([], [], color=RECORD, marker="o", lw=2, label="record: exact count"),
                    Line2D([], [], color=RECORD, marker="^", lw=2, label="record: at least (≥)"),
                    Line2D([], [], color=RECORD, marker="v", lw=2, label="record: at most (≤)" + (
                        "; over months:\n  their average, not each" if any(
                            r["shape"] == "upper" and r["drawn"] == "rate" for r in spec["record"]) else "")),
                    Patch(color=RECORD, alpha=0.22, label="record: approximate or\n  a range (~, lo-hi)")]
    if missed:
        handles.append(Line2D([], [], lw=0, marker="o", ms=9, mfc="none", mec=RECORD, mew=1.8,
                              label=f"ringed: outside {series[0]['label']}'s\n  90% band over its own days"))
    if own:
        handles.append(Line2D([], [], color=OWN_DAYS, lw=1.8, marker="_", ms=8,
                              label=f"{series[0]['label']}'s 90% band over\n  a missed count's own days\n  (drawn as the count is;"
                                    f"\n  labelled with its totals where\n  there is room, a rate's with its\n  "
                                    f"rate: /month)"))
    if any(r.get("drawn") == "month_bound" for r in spec["record"]):
        handles.append(Line2D([], [], lw=0, label="count over part of a month:\n  at least, on its month"))
    if unseen:
        handles.append(Line2D([], [], color=RECORD, marker="x", mew=2, lw=0,
                              label=f"count over part of a month,\n  not drawn, outside {series[0]['label']}'s\n"
                                    f"  90% band over its days\n  (its count, the band)"))
    left_off = spec.get("record_left_off") or []
    if left_off:
        handles.append(Line2D([], [], lw=0, label=f"{len(left_off)} count(s) not drawn\n  (see caption)"))
    if spec["partial"]:
        handles.append(Patch(facecolor=PARTIAL_SHADE["color"], hatch=PARTIAL_SHADE["hatch"],
                             label="partial month (not drawn)"))
    if spec.get("window"):
        handles.append(Patch(facecolor="#fff3c4", label=f"the claim's window\n  {spec['window'][0]}..{spec['window'][1]}"))
    ax.legend(handles=handles, fontsize=6.5, loc="upper left", bbox_to_anchor=(1.005, 1.0), borderaxespad=0)


def render(spec: dict, layout: str = "panels", width: float = 10.0):
    """A matplotlib Figure of ``spec``: one panel per policy (``panels``) or all on one axis (``overlay``)."""
    from matplotlib.figure import Figure

    if layout not in ("panels", "overlay"):
        raise ValueError(f"layout must be panels or overlay, got {layout!r}")
    groups = [spec["series"]] if layout == "overlay" else [[s] for s in spec["series"]]
    caption = spec["caption"]
    if layout == "overlay":          # every policy's outer band only (as the page says in its overlay view)
        caption = caption.replace("Band: 5–95% and 25–75% of runs", "Band: 5–95% of runs of each policy")
    lines = textwrap.wrap(caption, width=int(width * 16))
    cap_h = 0.16 * len(lines) + 0.2
    fig = Figure(figsize=(width, 4.0 * len(groups) + cap_h), dpi=100, layout="constrained")
    grid = fig.add_gridspec(len(groups) + 1, 1, height_ratios=[4.0] * len(groups) + [cap_h])
    first = None
    for k, group in enumerate(groups):
        ax = fig.add_subplot(grid[k], sharey=first, sharex=first)
        first = first or ax
        if layout == "overlay":
            title = spec["title"]
        else:
            title = f"{spec['title']} · {group[0]['label']}" if len(spec["series"]) > 1 else spec["title"]
        if spec.get("subtitle"):
            title += f"\n{spec['subtitle']}"
        _axis(ax, spec, group, title, overlay=layout == "overlay")
    cap = fig.add_subplot(grid[len(groups)])
    cap.axis("off")
    cap.text(0, 1, "\n".join(lines), fontsize=7, va="top", ha="left", transform=cap.transAxes, gid="caption")
    # the markers' labels are placed in points from the axes' width once the layout has set it (placed before, on
    # the grid's first guess, wider than the axes the legend leaves, a held-out case's label stood over the next
    # marker's line); they are out of the layout, which they therefore do not move
    fig.get_layout_engine().execute(fig)
    for ax, group in zip(fig.axes, groups):
        _markers(ax, spec, group)
        _inside(ax)
    return fig


def save_png(fig, path: str | Path) -> Path:
    """Write ``fig`` as a PNG through a temporary file (no half-written chart on disk)."""
    from flashpoint.atomic import atomic_path

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", bbox_inches="tight", pad_inches=0.15)   # no title or label cut off
    return path
